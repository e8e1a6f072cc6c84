"""``quiz restore``: list the backups, or restore one (the current file is kept aside)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``restore`` subcommand."""
    parser = sub.add_parser(
        "restore", parents=[common], help="list backups, or restore one",
        description="With no argument, list the backups of the score file, newest first. "
        "With a number from that list, a backup's file name or a path, make that backup the "
        "score file. The current score file is never overwritten: it is renamed to "
        "quiz.sqlite3.before-restore-<time> beside it first. Close quiz before restoring.")
    parser.add_argument("backup", nargs="?", metavar="BACKUP",
                        help="list number (1 = newest), file name, or path of a backup")


def run(args: argparse.Namespace) -> int:
    """List or restore."""
    from quiz import locations
    from quiz.cli import UserError
    from quiz.clock import SystemClock
    from quiz.commands.backup import human_size
    from quiz.store import StoreError
    from quiz.store.backup import backups_dir, find_backup, list_backups, restore

    scores = locations.scores_dir(args.scores).path
    if args.backup is None:
        backups = list_backups(scores)
        if not backups:
            print(f"no backups yet in {backups_dir(scores)} (make one with `quiz backup`)")
            return 0
        print(f"backups in {backups_dir(scores)}, newest first:")
        for number, backup in enumerate(backups, 1):
            when = backup.created.strftime("%Y-%m-%d %H:%M UTC")
            size = human_size(backup.size)
            print(f"{number:>3}  {when}  {backup.kind:<6}  {size:>9}  {backup.name}")
        print("restore one with `quiz restore NUMBER`")
        return 0
    try:
        chosen = find_backup(scores, args.backup)
        kept = restore(scores, chosen, SystemClock())
    except StoreError as exc:
        raise UserError(str(exc)) from None
    print(f"restored {chosen.name} to {locations.database_path(scores)}")
    if kept is not None:
        print(f"the previous score file is kept at {kept}")
    return 0
