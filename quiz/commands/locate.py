"""``quiz locate``: print where decks and scores are read from, and why."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``locate`` subcommand."""
    sub.add_parser("locate", parents=[common], help="print where decks and scores are read from",
                   description="Print the decks folder, the scores folder and the database file, "
                   "with the rule that chose each.")


def run(args: argparse.Namespace) -> int:
    """Print the resolved folders."""
    from quiz import locations

    decks = locations.decks_dir(args.decks)
    scores = locations.scores_dir(args.scores)
    print(f"decks:    {decks.path}  ({decks.reason})")
    print(f"scores:   {scores.path}  ({scores.reason})")
    print(f"database: {locations.database_path(scores.path)}")
    print(f"cache:    {locations.cache_dir(scores.path)}")
    return 0
