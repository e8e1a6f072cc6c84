"""Run the ``quiz`` command line in process, for tests: exit status and what it printed."""

from __future__ import annotations

import pytest

from quiz import cli


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``quiz ARGV``: its exit status, standard output and standard error."""
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
