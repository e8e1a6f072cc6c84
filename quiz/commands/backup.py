"""``quiz backup``: copy the score file into its backups folder now."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``backup`` subcommand."""
    sub.add_parser(
        "backup", parents=[common], help="copy the score file into the backups folder",
        description="Copy the score file, consistently even while quiz is running, into "
        "<scores>/backups/. Copies made here are kept until you delete them; quiz also makes "
        "one automatic copy a day and thins those to a few daily, weekly and monthly ones. "
        "`quiz restore` lists and restores them.")


def run(args: argparse.Namespace) -> int:
    """Make a manual backup and say where it went."""
    from quiz import locations
    from quiz.cli import UserError
    from quiz.clock import SystemClock
    from quiz.store import StoreError
    from quiz.store.backup import create_backup

    scores = locations.scores_dir(args.scores).path
    try:
        made = create_backup(scores, SystemClock(), "manual")
    except StoreError as exc:
        raise UserError(str(exc)) from None
    print(f"backed up to {made.path} ({human_size(made.size)})")
    return 0


def human_size(size: int) -> str:
    """A byte count for reading: ``812 B``, ``1.2 MB``."""
    value = float(size)
    for unit in ("B", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{size} B"  # pragma: no cover
