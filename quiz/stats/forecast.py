"""Cards falling due on each of the next days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from quiz.stats.common import Days, Reader, deck_filter

FORECAST_DAYS = 30


@dataclass(frozen=True, slots=True)
class Forecast:
    """Cards falling due on each of the next days (today first; overdue ones count today)."""

    today: date
    due: tuple[int, ...]


def forecast(store: Reader, now: datetime, days: Days, deck: str | None = None,
             span: int = FORECAST_DAYS) -> Forecast:
    """Scheduled cards (not suspended) falling due on each of the next ``span`` study days."""
    today = days.day(now)
    bounds = days.bounds_ms(today, span)
    deck_term, params = deck_filter(deck)
    # Overdue cards fall due today: the first day's range starts at the beginning of time.
    rows = ", ".join(f"({n}, {bounds[n] if n else -(2 ** 62)}, {bounds[n + 1]})"
                     for n in range(span))
    found = store.read(
        f"WITH days(n, lo, hi) AS (VALUES {rows}) SELECT group_concat(c) FROM (SELECT n, "
        "(SELECT count(*) FROM cards WHERE due >= lo AND due < hi AND state != 0 "
        f"AND suspended = 0{deck_term}) + "
        # A studied card stored without a due time is due at its last review (as every read
        # of a card takes it, `quiz.store.queries._DUE`); both halves use the index on due.
        "(SELECT count(*) FROM cards WHERE due IS NULL AND coalesce(last_review, 0) >= lo "
        "AND coalesce(last_review, 0) < hi AND state != 0 "
        f"AND suspended = 0{deck_term}) AS c FROM days ORDER BY n)", (*params, *params))
    counts = [int(c) for c in found[0][0].split(",")] if found and found[0][0] else [0] * span
    return Forecast(today, tuple(counts))
