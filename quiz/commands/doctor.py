"""``quiz doctor``: check the score file and say plainly what is wrong and what to do."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``doctor`` subcommand."""
    parser = sub.add_parser(
        "doctor", parents=[common], help="check the score file (and repair it)",
        description="Check the score file: SQLite's integrity check, its contents, whether "
        "every card's state equals a replay of the review log, and its backups.")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--rebuild", action="store_true",
                        help="rebuild every card's state from the review log")
    action.add_argument("--fresh", action="store_true",
                        help="move the score file aside (it is kept, renamed) and start a new one")


def run(args: argparse.Namespace) -> int:
    """Print the report; exit 1 when something is wrong."""
    from quiz import locations
    from quiz.cli import UserError
    from quiz.clock import SystemClock
    from quiz.commands.backup import human_size
    from quiz.store import SCHEMA_VERSION, Store, StoreError
    from quiz.store.backup import backups_dir, list_backups, set_aside

    scores = locations.scores_dir(args.scores).path
    path = locations.database_path(scores)
    clock = SystemClock()
    if args.fresh:
        try:
            kept = set_aside(scores, clock, "set-aside")
        except StoreError as exc:
            raise UserError(str(exc)) from None
        if kept is None:
            print(f"there is no score file at {path}; a new one is made when you study")
        else:
            print(f"moved the score file aside to {kept} (nothing was deleted); "
                  "a new one is made when you study")
        return 0

    if scores.exists() and not scores.is_dir():
        raise UserError(f"the scores folder {scores} is a file, not a folder; name a folder "
                        "with --scores or QUIZ_SCORES")
    size = human_size(path.stat().st_size) if path.exists() else "not created yet"
    print(f"score file: {path} ({size})")
    try:
        store = Store.open_for_reading(scores, clock) if not args.rebuild else Store.open(scores, clock)
    except StoreError as exc:
        print(f"problem:    {exc}")
        return 1
    healthy = True
    with store:
        try:
            print(f"schema:     v{SCHEMA_VERSION}")
            problems = store.integrity_check()
            print("integrity:  ok" if not problems
                  else f"integrity:  {len(problems)} problem(s): {problems[0]}")
            healthy = not problems
            counts = store.counts()
            undone = f" (+{counts['undone']:,} taken back)" if counts["undone"] else ""
            print(f"contents:   {counts['cards']:,} cards, {counts['reviews']:,} answers{undone}, "
                  f"{counts['sessions']:,} sessions, {counts['bests']:,} personal bests")
            report = store.rebuild(write=args.rebuild)
            if report.ok:
                print(f"log replay: all {report.cards:,} card states match the review log")
            elif args.rebuild:
                print(f"log replay: rebuilt {len(report.mismatched):,} card state(s) from the "
                      "review log")
            else:
                healthy = False
                print(f"log replay: {len(report.mismatched):,} card state(s) differ from the "
                      "review log (after an update of quiz's scheduler this is expected); "
                      "`quiz doctor --rebuild` rebuilds them from it")
            undated = store.undated_cards()
            if undated:
                healthy = False
                named = ", ".join(f"{d}/{f}" + (f" blank {b + 1}" if b else "")
                                  for d, f, b in undated[:3])
                more = f" and {len(undated) - 3:,} more" if len(undated) > 3 else ""
                print(f"due times:  {len(undated):,} studied card(s) have none ({named}{more}); "
                      "they are asked as due now; `quiz doctor --rebuild` rebuilds them from "
                      "the review log (one with no answer logged starts again as new)")
        except StoreError as exc:
            print(f"problem:    {exc}")
            return 1
    backups = list_backups(scores)
    if backups:
        newest = backups[0].created.strftime("%Y-%m-%d %H:%M UTC")
        print(f"backups:    {len(backups)} in {backups_dir(scores)} (newest {newest})")
    else:
        print("backups:    none yet (`quiz backup` makes one)")
    if not healthy:
        print("way out:    `quiz restore` goes back to a backup; `quiz doctor --fresh` starts a "
              "new score file and keeps this one aside")
    return 0 if healthy else 1
