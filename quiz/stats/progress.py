"""Accuracy and score per week, for all decks and for each deck studied."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from quiz.stats.common import Days, Reader, deck_ids, settle, share

PROGRESS_WEEKS = 26


@dataclass(frozen=True, slots=True)
class Period:
    """Answers in one stretch of study days (a week of the progress chart)."""

    start: date
    questions: int = 0
    correct: int = 0
    close: int = 0
    score: int = 0
    sessions: int = 0
    accuracy: float | None = field(init=False)
    """Correct answers, close ones counting half, over the answers; None without any."""

    def __post_init__(self) -> None:
        settle(self, accuracy=share(self.correct + 0.5 * self.close, self.questions))


def progress(store: Reader, now: datetime, days: Days, weeks: int = PROGRESS_WEEKS
             ) -> dict[str | None, tuple[Period, ...]]:
    """Accuracy and score per week over the last ``weeks`` weeks, for all decks (key None)
    and for each deck studied (a session counts for every deck it covered).

    A session counts in the week its study day falls in; the last week ends today.
    """
    today = days.day(now)
    first = today - timedelta(days=7 * weeks - 1)
    bounds = days.bounds_ms(first, 7 * weeks)[::7]
    starts = [first + timedelta(days=7 * w) for w in range(weeks)]
    rows = ", ".join(f"({w}, {bounds[w]}, {bounds[w + 1]})" for w in range(weeks))
    sums: dict[str | None, list[list[int]]] = {None: [[0] * 5 for _ in range(weeks)]}
    for week, decks, answered, correct, close, points, count in store.read(
            f"WITH weeks(n, lo, hi) AS (VALUES {rows}) SELECT n, decks, sum(answered), "
            "sum(correct), sum(close), sum(points), count(*) FROM weeks JOIN sessions "
            "ON started_at >= lo AND started_at < hi WHERE answered > 0 GROUP BY n, decks"):
        for key in (None, *deck_ids(decks)):
            cell = sums.setdefault(key, [[0] * 5 for _ in range(weeks)])[week]
            for n, value in enumerate((answered, correct, close, points, count)):
                cell[n] += int(value or 0)
    return {key: tuple(Period(starts[w], *cells[w]) for w in range(weeks))
            for key, cells in sums.items()}
