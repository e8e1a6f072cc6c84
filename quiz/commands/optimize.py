"""``quiz optimize``: fit FSRS to your own history, judge it honestly, apply it if it wins."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quiz.scheduler.workload import Workload


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``optimize`` subcommand."""
    parser = sub.add_parser(
        "optimize", parents=[common], help="fit the scheduler to your own review history",
        description="Fit the FSRS parameters to your review history (quiz's own answers and "
        "imported ones), score the defaults and the fit on your latest answers (kept out of "
        "the fit), and apply the fit only when it predicts you better. Card states are then "
        "recomputed from the log; due dates stay unless --reschedule. Also shows the "
        "reviews per day each desired retention would cost over the next year.")
    parser.add_argument("--deck", metavar="D", help="fit deck D's history, for deck D only")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--reset", action="store_true",
                        help="go back to the default parameters")
    action.add_argument("--dry-run", action="store_true",
                        help="fit and score, but change nothing")
    parser.add_argument("--reschedule", action="store_true",
                        help="also move due dates to what the new parameters give")


def run(args: argparse.Namespace) -> int:
    """Fit (or reset), apply when better, and report."""
    from quiz import locations
    from quiz.cli import UserError
    from quiz.commands.output import clock, print_json
    from quiz.library import load_library
    from quiz.optimize import apply_fit, evaluate, gather, personal, reset
    from quiz.store import Store, StoreError

    decks_dir = locations.decks_dir(args.decks).path
    scores = locations.scores_dir(args.scores).path
    try:
        store = Store.open(scores, clock())
    except StoreError as exc:
        raise UserError(str(exc)) from None
    with store:
        try:
            library = load_library(decks_dir, locations.cache_dir(scores))
            decks = list(library.decks)
            if args.deck is not None and args.deck not in {d.id for d in decks} and not \
                    store.read("SELECT 1 FROM reviews WHERE deck_id = ? LIMIT 1", (args.deck,)):
                raise UserError(f"no deck {args.deck} in {decks_dir} nor in the score history")
            if args.reset:
                changed = reset(store, args.deck, args.reschedule)
                now = personal(store, args.deck)
                if args.json:
                    print_json({**now.to_dict(), "applied": True, "cards_updated": changed})
                else:
                    where = f"deck {args.deck}" if args.deck else "all decks"
                    print(f"Back to the default FSRS parameters for {where}; {changed:,} card "
                          "state(s) recomputed from the review log"
                          + (", due dates moved." if args.reschedule else ", due dates kept."))
                return 0
            tell = None if args.json or not sys.stderr.isatty() else _progress
            outcome, load = evaluate(gather(store, decks, args.deck), tell)
            applied = outcome.better and not args.dry_run
            changed = apply_fit(store, outcome, args.reschedule) if applied else 0
        except StoreError as exc:
            raise UserError(str(exc)) from None
    if args.json:
        print_json({**outcome.to_dict(applied, changed), "rescheduled": applied and args.reschedule,
                    "workload": load.to_dict()})
        return 0
    print(outcome.summary())
    if outcome.fit is not None:
        print("Parameters: " + " ".join(f"{p:g}" for p in outcome.fit.parameters))
    if applied:
        print(f"Applied: {changed:,} card state(s) recomputed from the review log"
              + (", due dates moved." if args.reschedule else
                 ", due dates kept (--reschedule moves them)."))
    elif outcome.better:
        print("Not applied (--dry-run).")
    print()
    print("\n".join(workload_lines(load)))
    return 0


def _progress(what: str, done: float) -> None:
    sys.stderr.write(f"\r{round(100 * done):>3}% {what}\x1b[K")
    if done >= 1:
        sys.stderr.write("\r\x1b[K")
    sys.stderr.flush()


def workload_lines(load: Workload) -> list[str]:
    """The price of each desired retention, as a small table."""
    lines = [f"Next year at {load.new_per_day} new cards a day ({load.cards:,} cards):",
             "  retention  reviews/day  minutes/day  remembered after a year"]
    rows: dict[str, Any] = load.to_dict()["by_retention"]  # type: ignore[assignment]
    for retention, row in rows.items():
        mark = "  <- suggested" if float(retention) == load.suggested else ""
        lines.append(f"  {float(retention):>9.2f}  {row['average_per_day']:>11.1f}  "
                     f"{row['minutes_per_day']:>11.1f}  {row['remembered']:>23,}{mark}")
    return lines
