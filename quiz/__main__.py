"""``python -m quiz`` runs the ``quiz`` command."""

import sys

from quiz.cli import main

sys.exit(main())
