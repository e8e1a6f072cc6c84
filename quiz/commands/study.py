"""``quiz`` and ``quiz study [DECK] [--cram | --exam N]``: the study app in the terminal."""

from __future__ import annotations

import argparse


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of questions, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("an exam needs at least 1 question")
    return value


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``study`` subcommand (also what a bare ``quiz`` runs)."""
    parser = sub.add_parser(
        "study", parents=[common], help="open the study app (the default command)",
        description="Open the study app. With DECK (its id or file name), start studying it at "
        "once: due cards first, then new ones; --cram asks every card without changing the "
        "schedule; --exam N asks N questions, scored, schedule untouched.")
    parser.add_argument("deck", nargs="?", metavar="DECK", help="the deck to study now")
    modes = parser.add_mutually_exclusive_group()
    modes.add_argument("--cram", action="store_true", help="every card of the deck, schedule untouched")
    modes.add_argument("--exam", type=_positive, metavar="N", help="an exam of N questions")


def run(args: argparse.Namespace) -> int:
    """Run the app until the learner quits; its exit status."""
    import sys

    from quiz import locations
    from quiz.cli import UserError

    deck = getattr(args, "deck", None)
    cram = getattr(args, "cram", False)
    exam = getattr(args, "exam", None)
    if deck is None and (cram or exam is not None):
        raise UserError("--cram and --exam need a DECK (for example `quiz study us-france --cram`)")
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        raise UserError("the study app needs a terminal (stdin and stdout must be a TTY); "
                        "`quiz validate`, `quiz history` and `quiz stats` work without one")

    from quiz.tui import QuizApp

    app = QuizApp(decks_dir=locations.decks_dir(args.decks).path,
                  scores_dir=locations.scores_dir(args.scores).path,
                  deck=deck, mode="cram" if cram else "study", exam=exam)
    app.run()
    return app.return_code or 0
