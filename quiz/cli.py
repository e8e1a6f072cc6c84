"""The ``quiz`` command: argument parsing, and the one place user errors become messages.

Each subcommand lives in ``quiz/commands/<name>.py`` with ``register(subparsers, common)``
and ``run(args) -> int``; adding a command is adding a module and its name to `COMMANDS`.
Command modules import their heavy dependencies inside ``run`` so ``quiz --help`` stays fast.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import importlib.util
import keyword
import sys
from collections.abc import Sequence
from pathlib import Path

from quiz import __version__
from quiz.crash import internal_error

COMMANDS: tuple[str, ...] = (
    "study",
    "validate",
    "history",
    "stats",
    "optimize",
    "export",
    "extract",
    "import",
    "new",
    "cards",
    "doctor",
    "backup",
    "restore",
    "locate",
)


class UserError(Exception):
    """A problem the user can fix; printed as one line on stderr, exit status 1."""


def _common_options(suppress: bool) -> argparse.ArgumentParser:
    """``--decks`` and ``--scores``, accepted before or after the subcommand.

    On subparsers the defaults are suppressed so a value given before the subcommand is
    not overwritten by the subparser's default.
    """
    parent = argparse.ArgumentParser(add_help=False)
    default = argparse.SUPPRESS if suppress else None
    parent.add_argument("--decks", metavar="DIR", default=default,
                        help="read decks from DIR (else $QUIZ_DECKS, ./decks, the bundled decks)")
    parent.add_argument("--scores", metavar="DIR", default=default,
                        help="keep scores in DIR (else $QUIZ_SCORES, ./scores, the user data dir)")
    return parent


def _module(name: str) -> str:
    """The module of a subcommand (``import`` is a keyword: its module is ``import_``)."""
    return f"quiz.commands.{name}_" if keyword.iskeyword(name) else f"quiz.commands.{name}"


def _available_commands() -> list[str]:
    return [n for n in COMMANDS if importlib.util.find_spec(_module(n)) is not None]


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every subcommand that is installed."""
    parser = argparse.ArgumentParser(
        prog="quiz",
        description="Study fact decks in the terminal: questions written for you, answers "
        "graded for you, reviews scheduled with FSRS. Run with no command to open the app.",
        parents=[_common_options(suppress=False)],
    )
    parser.add_argument("--version", action="version", version=f"quiz {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = _common_options(suppress=True)
    for name in _available_commands():
        module = importlib.import_module(_module(name))
        module.register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``quiz`` console script; returns the exit status.

    Everything printed goes through `quiz.printable.EscapingStream`: control characters
    from decks and files are shown escaped, and a terminal that cannot show a character
    (``LC_ALL=C``) gets an escape instead of a crash. The app itself draws on the real
    terminal (Textual writes to ``sys.__stderr__``).
    """
    from quiz.printable import EscapingStream

    saved = sys.stdout, sys.stderr
    sys.stdout = EscapingStream(saved[0])  # type: ignore[assignment]
    sys.stderr = EscapingStream(saved[1])  # type: ignore[assignment]
    try:
        return _main(argv)
    finally:
        with contextlib.suppress(Exception):  # a closed pipe must not hide the exit status
            sys.stdout.flush()
        sys.stdout, sys.stderr = saved


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args.command = "study"
        args.deck = None
        args.home = True
    module = importlib.import_module(_module(args.command))
    try:
        return int(module.run(args) or 0)
    except UserError as exc:
        print(f"quiz: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("quiz: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence: never a traceback in front of a user
        print(internal_error(exc), file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
