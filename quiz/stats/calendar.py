"""Answers per study day over the last year, and the learner's streaks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from quiz.clock import from_ms, to_ms
from quiz.stats.common import SCREEN_ONLY, Days, Reader, deck_filter, settle

CALENDAR_DAYS = 365


@dataclass(frozen=True, slots=True)
class Calendar:
    """Answers per study day over the last year, and the learner's streaks."""

    today: date
    counts: tuple[int, ...] = field(metadata=SCREEN_ONLY)
    """Answers on each day, oldest first; the last is today."""
    current_streak: int
    """Days in a row with an answer, up to today (or yesterday, if today is still empty)."""
    longest_streak: int
    """The longest run of days with an answer, over the whole history."""
    total_reviews: int
    """Answers over the whole history."""
    days: dict[date, int] = field(init=False)
    """The days of ``counts`` with answers, and how many."""

    def __post_init__(self) -> None:
        settle(self, days={self.first + timedelta(days=n): c
                           for n, c in enumerate(self.counts) if c})

    @property
    def first(self) -> date:
        """The first day of ``counts``."""
        return self.today - timedelta(days=len(self.counts) - 1)

    @property
    def active_days(self) -> int:
        """Days of ``counts`` with at least one answer."""
        return len(self.days)


def streaks(active: Iterable[date], today: date) -> tuple[int, int]:
    """The current and the longest run of consecutive days in ``active``.

    The current run ends today, or yesterday when today has nothing yet (the day is not
    over, so the streak is not lost yet).
    """
    days = sorted(set(active))
    longest = run = 0
    previous: date | None = None
    for day in days:
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        longest = max(longest, run)
        previous = day
    present = set(days)
    end = today if today in present else today - timedelta(days=1)
    current = 0
    while end - timedelta(days=current) in present:
        current += 1
    return current, longest


def day_counts(store: Reader, days: Days, first: date, count: int,
               deck: str | None = None, exists: bool = False) -> list[int]:
    """Answers (not undone) on each of ``count`` study days from ``first``.

    With ``exists``, only 1 or 0 per day: whether there was any (one index probe a day
    instead of counting every answer, for streaks far back).
    """
    if count <= 0:
        return []
    bounds = days.bounds_ms(first, count)
    # One range count per day, on an index: the bounds follow the learner's zone exactly
    # (daylight saving included) and the cost is that of counting index entries.
    rows = ", ".join(f"({n}, {bounds[n]}, {bounds[n + 1]})" for n in range(count))
    deck_term, params = deck_filter(deck)
    probe = (f"EXISTS (SELECT 1 FROM reviews WHERE undone = 0 AND reviewed_at >= lo "
             f"AND reviewed_at < hi{deck_term})") if exists else (
        f"(SELECT count(*) FROM reviews WHERE undone = 0 AND reviewed_at >= lo "
        f"AND reviewed_at < hi{deck_term})")
    # One row back, not one per day: fewer hand-overs of the GIL to the UI thread.
    found = store.read(
        f"WITH days(n, lo, hi) AS (VALUES {rows}) SELECT group_concat(c) FROM (SELECT n, "
        f"{probe} AS c FROM days ORDER BY n)", params)
    return [int(c) for c in found[0][0].split(",")] if found and found[0][0] else [0] * count


def calendar(store: Reader, now: datetime, days: Days, deck: str | None = None,
             span: int = CALENDAR_DAYS) -> Calendar:
    """The calendar of the ``span`` study days up to today, and the streaks."""
    today = days.day(now)
    deck_term, params = deck_filter(deck)
    first_ms = store.read(f"SELECT min(reviewed_at) FROM reviews WHERE undone = 0{deck_term}",
                          params)[0][0]
    window = today - timedelta(days=span - 1)
    if first_ms is None:
        return Calendar(today, (0,) * span, 0, 0, 0)
    first = min(days.day(from_ms(first_ms)), window)
    counts = day_counts(store, days, window, span, deck)
    # Before the calendar's year only whether a day had answers matters (the longest
    # streak), and the total is counted whole.
    earlier = day_counts(store, days, first, (window - first).days, deck, exists=True)
    active = [first + timedelta(days=n) for n, c in enumerate(earlier + counts) if c]
    current, longest = streaks(active, today)
    before = store.read(f"SELECT count(*) FROM reviews WHERE undone = 0 AND reviewed_at < ?"
                        f"{deck_term}", [to_ms(days.start(window)), *params])[0][0] \
        if earlier else 0
    # Answers dated after today (a clock set back) are not on the calendar nor counted.
    return Calendar(today, tuple(counts), current, longest, int(before) + sum(counts))
