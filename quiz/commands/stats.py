"""``quiz stats``: streaks, retention, forecast, bests, hardest facts and confused pairs."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quiz.optimize import Personal
    from quiz.stats import Overview


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``stats`` subcommand."""
    parser = sub.add_parser(
        "stats", parents=[common], help="print streaks, retention, forecast, bests, hardest facts",
        description="Print the history screen's figures: streaks, true retention by interval "
        "and format with calibration, reviews due in the next 30 days, personal bests, the "
        "hardest facts and the most-confused answers.")
    parser.add_argument("--deck", metavar="D", help="only deck D")
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
    """Print the figures."""
    from quiz import locations
    from quiz.commands.output import open_figures, print_json
    from quiz.optimize import personal, workload
    from quiz.scheduler import Scheduler
    from quiz.stats import overview, to_json

    decks = locations.decks_dir(args.decks).path
    scores = locations.scores_dir(args.scores).path
    with open_figures(decks, scores, args.deck) as figures:
        found = overview(figures.store, figures.clock.now(), figures.days, figures.decks,
                         figures.deck, Scheduler(figures.store.settings()), session_limit=None)
        own = personal(figures.store, figures.deck)
        if args.json:
            # The workload is simulated, so only the JSON (which promises it) pays for it.
            load = workload(figures.store, figures.decks, figures.deck)
    if args.json:
        print_json({**to_json(found), "scheduling": {**own.to_dict(), "workload": load.to_dict()}})
    else:
        print("\n".join([*text_lines(found), scheduling_line(own)]))
    return 0


def scheduling_line(own: Personal) -> str:
    """Which FSRS parameters schedule the cards, and where they came from."""
    if not own.fitted or own.applied_at is None:
        return "Scheduling: FSRS default parameters (`quiz optimize` fits your own)"
    return (f"Scheduling: your own FSRS parameters, fitted to {own.reviews or 0:,} answers "
            f"on {own.applied_at:%Y-%m-%d}")


def _value(value: int | None) -> str:
    return str(value) if value is not None else "-"


def _share(value: float | None) -> str:
    return f"{round(100 * value)}%" if value is not None else "-"


def text_lines(found: Overview) -> list[str]:
    """The figures as lines of plain text."""
    cal = found.calendar
    lines = [f"Answers: {cal.total_reviews:,} in {found.sessions:,} sessions",
             f"Streak: {cal.current_streak} days (longest {cal.longest_streak})"]
    ret = found.retention
    if ret.enough:
        lines.append(f"True retention: {_share(ret.retention)} of "
                     f"{ret.reviews:,} scheduled reviews")
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
        lines.append(f"True retention: not enough scheduled reviews yet ({ret.reviews})")
    due = found.forecast.due
    lines.append(f"Due: today {due[0]}, next 7 days {sum(due[:7])}, "
                 f"next {len(due)} days {sum(due)}")
    lines.append("Personal bests:" if found.bests else "Personal bests: none yet")
    for b in found.bests:
        score = f"{b.score_percent:g}%" if b.score_percent is not None else "-"
        lines.append(f"  {b.deck_key} {b.mode}: {score} · {_value(b.score)} points · streak "
                     f"{_value(b.streak)} · {_value(b.questions)} answers")
    lines.append("Hardest facts:" if found.hardest else "Hardest facts: none yet")
    for h in found.hardest:
        lines.append(f"  {h.lapses} lapses, retention {_share(h.retention)}: {h.prompt} -> {h.answer}")
    lines.append("Most confused:" if found.confused else "Most confused: none yet")
    for c in found.confused:
        lines.append(f"  {c.answer} -> {c.chosen} ({c.count}x): {c.prompt}")
    return lines


