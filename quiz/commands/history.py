"""``quiz history``: the sessions, on the history screen or printed for scripts."""

from __future__ import annotations

import argparse
import sys
from datetime import tzinfo
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quiz.stats import SessionRow


FIELDS = ("id", "started_at", "ended_at", "decks", "mode", "questions", "correct", "close",
          "wrong", "accuracy", "score", "score_percent", "duration_s")
"""The columns of ``--csv`` (the fields of `quiz.stats.SessionRow`); decks joined with ``+``."""


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``history`` subcommand."""
    parser = sub.add_parser(
        "history", parents=[common], help="show past sessions (the history screen, or text)",
        description="Open the history screen, or with --json / --csv (or when the output is "
        "not a terminal, or with --deck / --since) print the sessions: date, decks, mode, "
        "questions, accuracy, score and duration, newest first.")
    parser.add_argument("--deck", metavar="D", help="only sessions that studied deck D")
    parser.add_argument("--since", metavar="DATE",
                        help="only sessions from study day DATE on (YYYY-MM-DD)")
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print JSON")
    form.add_argument("--csv", action="store_true", help="print CSV with a header row")


def run(args: argparse.Namespace) -> int:
    """Open the screen, or print the sessions."""
    from quiz import locations

    decks = locations.decks_dir(args.decks).path
    scores = locations.scores_dir(args.scores).path
    printed = args.json or args.csv or args.deck or args.since or not sys.stdout.isatty()
    if not printed:
        from quiz.tui import QuizApp

        app = QuizApp(decks_dir=decks, scores_dir=scores, start="history")
        app.run()
        return app.return_code or 0
    from quiz.commands.output import open_figures, parse_since, print_csv, print_json

    from quiz import stats
    from quiz.stats import to_json

    since = parse_since(args.since) if args.since else None

    with open_figures(decks, scores, args.deck) as figures:
        moment = figures.days.start(since) if since is not None else None
        rows = stats.sessions(figures.store, figures.deck, moment)
        zone = figures.days.zone
    dicts = [to_json(r) for r in rows]
    if args.json:
        print_json({"sessions": dicts})
    elif args.csv:
        print_csv(dicts, FIELDS)
    else:
        print_table(rows, zone)
    return 0


def print_table(rows: list[SessionRow], zone: tzinfo | None) -> None:
    """The sessions as aligned text, with the screen's columns."""
    if not rows:
        print("No sessions yet.")
        return
    print(f"{'Date':<16}  {'Deck':<20}  {'Mode':<6}  {'Qs':>4}  {'Accuracy':>8}  "
          f"{'Score':>6}  Time")
    for row in rows:
        local = row.started_at.astimezone(zone) if zone is not None else row.started_at.astimezone()
        took = row.duration
        seconds = int(took.total_seconds()) if took is not None else None
        time = f"{seconds // 60}m {seconds % 60:02d}s" if seconds is not None else "-"
        print(f"{local:%Y-%m-%d %H:%M}  {' + '.join(row.decks):<20}  {row.mode:<6}  "
              f"{row.questions:>4}  {round(100 * row.accuracy):>7}%  {row.score:>6}  {time}")
