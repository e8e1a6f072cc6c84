"""``quiz stats``: streaks, retention, forecast, bests, hardest facts and confused pairs.

Also the helpers the ``history`` and ``export`` commands share: opening the store for
reading (`open_figures`), checking ``--deck`` and ``--since``, and printing JSON and CSV.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quiz.clock import Clock
    from quiz.facts import Deck
    from quiz.stats import Days, Overview
    from quiz.store import Store


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``stats`` subcommand."""
    parser = sub.add_parser(
        "stats", parents=[common], help="print streaks, retention, forecast, bests, hardest facts",
        description="Print the history screen's figures: streaks, true retention by interval "
        "and format with calibration, reviews due in the next 30 days, personal bests, the "
        "hardest facts and the most-confused answers.")
    parser.add_argument("--deck", metavar="D", help="only deck D")
    parser.add_argument("--json", action="store_true", help="print JSON")


@dataclass
class Figures:
    """An open store with what the figures need: the learner's days, decks and clock."""

    store: Store
    days: Days
    decks: list[Deck]
    deck: str | None
    clock: Clock


def clock() -> Clock:
    """The clock commands read the time from (tests replace this function)."""
    from quiz.clock import SystemClock

    return SystemClock()


def parse_since(text: str) -> date:
    """A ``--since`` date (YYYY-MM-DD); `quiz.cli.UserError` when it is not one."""
    from quiz.cli import UserError

    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"--since wants a date like 2026-03-01, not {text!r}") from None


@contextmanager
def open_figures(decks_dir: Path, scores_dir: Path, deck: str | None) -> Iterator[Figures]:
    """The store opened for reading, with the decks loaded and ``deck`` checked.

    A store that does not exist yet reads as empty and is not created.

    Raises:
        quiz.cli.UserError: the store cannot be opened, or ``deck`` is unknown.
    """
    from quiz import locations
    from quiz.cli import UserError
    from quiz.library import load_library
    from quiz.stats import Days
    from quiz.store import Store, StoreError

    moment = clock()
    with tempfile.TemporaryDirectory(prefix="quiz-empty-") as empty:
        exists = locations.database_path(scores_dir).exists()
        try:
            store = Store.open(scores_dir if exists else Path(empty), moment)
        except StoreError as exc:
            raise UserError(str(exc)) from None
        try:
            library = load_library(decks_dir, locations.cache_dir(scores_dir) if exists else None)
            if deck is not None and deck not in {d.id for d in library.decks} and not store.read(
                    "SELECT 1 FROM reviews WHERE deck_id = ? LIMIT 1", (deck,)):
                raise UserError(f"no deck {deck} in {decks_dir} nor in the score history")
            days = Days(moment.zone, store.settings().day_ends_at)
            yield Figures(store, days, list(library.decks), deck, moment)
        except StoreError as exc:
            raise UserError(str(exc)) from None
        finally:
            store.close()


def print_json(data: Any) -> None:
    """``data`` as indented JSON on stdout."""
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def print_csv(rows: Sequence[dict[str, Any]], fields: Sequence[str] | None = None) -> None:
    """Rows as CSV with a header; lists are joined with ``+``, other values JSON when needed."""
    names = list(fields or (rows[0].keys() if rows else ()))
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in names])


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "+".join(map(str, value))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def run(args: argparse.Namespace) -> int:
    """Print the figures."""
    from quiz import locations
    from quiz.scheduler import Scheduler
    from quiz.stats import overview

    decks = locations.decks_dir(args.decks).path
    scores = locations.scores_dir(args.scores).path
    with open_figures(decks, scores, args.deck) as figures:
        found = overview(figures.store, figures.clock.now(), figures.days, figures.decks,
                         figures.deck, Scheduler(figures.store.settings()), session_limit=None)
    if args.json:
        print_json(found.to_dict())
    else:
        print("\n".join(text_lines(found)))
    return 0


def _value(value: int | None) -> str:
    return str(value) if value is not None else "-"


def _share(value: float | None) -> str:
    return f"{round(100 * value)}%" if value is not None else "-"


def text_lines(found: Overview) -> list[str]:
    """The figures as lines of plain text."""
    cal = found.calendar
    lines = [f"Answers: {cal.total:,} in {found.session_total:,} sessions",
             f"Streak: {cal.current_streak} days (longest {cal.longest_streak})"]
    ret = found.retention
    if ret.enough:
        lines.append(f"True retention: {_share(ret.overall.passed / ret.overall.reviews)} of "
                     f"{ret.overall.reviews:,} scheduled reviews")
        for title, tallies in (("by interval", ret.by_interval), ("by format", ret.by_format)):
            lines.append(f"  {title}:")
            lines += [f"    {t.label:<12} {t.reviews:>7,}  {_share(t.retention):>5}"
                      for t in tallies if t.reviews]
        lines.append("  predicted recall against actual:")
        lines += [f"    {round(100 * b.low)}-{round(100 * b.high)}%".ljust(14)
                  + f" {b.reviews:>7,}  expected {_share(b.predicted):>5}  "
                    f"actual {_share(b.actual):>5}"
                  for b in ret.calibration if b.reviews]
    else:
        lines.append(f"True retention: not enough scheduled reviews yet ({ret.overall.reviews})")
    due = found.forecast.due
    lines.append(f"Due: today {due[0]}, next 7 days {sum(due[:7])}, "
                 f"next {len(due)} days {sum(due)}")
    lines.append("Personal bests:" if found.bests else "Personal bests: none yet")
    for b in found.bests:
        score = f"{b.score:g}%" if b.score is not None else "-"
        lines.append(f"  {b.deck_key} {b.mode}: {score} · {_value(b.points)} points · streak "
                     f"{_value(b.streak)} · {_value(b.answered)} answers")
    lines.append("Hardest facts:" if found.hardest else "Hardest facts: none yet")
    for h in found.hardest:
        prompt, answer = found.texts.get(h.key, ("", ""))
        lines.append(f"  {h.lapses} lapses, retention {_share(h.retention)}: {prompt} -> {answer}")
    lines.append("Most confused:" if found.confused else "Most confused: none yet")
    for c in found.confused:
        prompt, answer = found.texts.get(c.key, ("", ""))
        lines.append(f"  {answer} -> {c.chosen} ({c.count}x): {prompt}")
    return lines


