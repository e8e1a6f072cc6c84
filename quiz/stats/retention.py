"""True retention of scheduled reviews, by interval and format, and its calibration.

Measured over the latest `RETENTION_SAMPLE` scheduled reviews (study mode, card in review
state before the answer), because each needs its interval from the stored card state (JSON).
A review is passed when rated Hard or better.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from quiz.clock import from_ms
from quiz.scheduler import REVIEW, CardState, Scheduler
from quiz.stats.common import SCHEDULED, Reader, deck_filter, settle, share

RETENTION_SAMPLE = 10_000
"""Latest scheduled reviews that retention and calibration are measured over."""

MIN_RETENTION_REVIEWS = 30
"""Scheduled reviews needed before retention and calibration are shown at all."""

MIN_ROW_REVIEWS = 5
"""Reviews a band, format or calibration bin needs before its share is given."""

INTERVAL_BANDS: tuple[tuple[int, int | None, str], ...] = (
    (0, 1, "1 day"),
    (2, 3, "2–3 days"),
    (4, 7, "4–7 days"),
    (8, 14, "1–2 weeks"),
    (15, 30, "2–4 weeks"),
    (31, 90, "1–3 months"),
    (91, 180, "3–6 months"),
    (181, None, "6+ months"),
)
"""Whole days since the card's last review (as FSRS counts them): low, high, label."""

CALIBRATION_EDGES: tuple[float, ...] = (0.0, 0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 1.0)
"""Edges of the predicted-recall bins; scheduled reviews cluster near desired retention."""

FORMAT_ORDER = ("choice", "truefalse", "match", "recall", "cloze", "order")


def _row_share(passed: int, reviews: int) -> float | None:
    return passed / reviews if reviews >= MIN_ROW_REVIEWS else None


@dataclass(frozen=True, slots=True)
class Tally:
    """Scheduled reviews of one kind and how many were passed."""

    label: str
    reviews: int = 0
    passed: int = 0
    retention: float | None = field(init=False)
    """Share passed; None below `MIN_ROW_REVIEWS` reviews."""

    def __post_init__(self) -> None:
        settle(self, retention=_row_share(self.passed, self.reviews))


@dataclass(frozen=True, slots=True)
class CalibrationBin:
    """Scheduled reviews whose predicted recall fell in ``[low, high)``."""

    low: float
    high: float
    reviews: int = 0
    predicted: float = 0.0
    """Mean predicted recall of these reviews (0 without any)."""
    passed: int = 0
    actual: float | None = field(init=False)
    """Share actually recalled; None below `MIN_ROW_REVIEWS` reviews."""

    def __post_init__(self) -> None:
        settle(self, actual=_row_share(self.passed, self.reviews))


@dataclass(frozen=True, slots=True)
class Retention:
    """True retention of scheduled reviews, by interval and format, and its calibration."""

    reviews: int
    passed: int
    by_interval: tuple[Tally, ...]
    by_format: tuple[Tally, ...]
    calibration: tuple[CalibrationBin, ...]
    since: datetime | None
    """The oldest review measured (None without any)."""
    sampled: bool
    """True when older reviews were left out (`RETENTION_SAMPLE`)."""
    retention: float | None = field(init=False)
    """Share of all the reviews passed (None without any)."""
    needed: int = field(init=False)
    """Scheduled reviews needed before anything is said (`MIN_RETENTION_REVIEWS`)."""
    enough: bool = field(init=False)
    """Whether there are ``needed`` reviews or more."""

    def __post_init__(self) -> None:
        settle(self, retention=share(self.passed, self.reviews), needed=MIN_RETENTION_REVIEWS,
               enough=self.reviews >= MIN_RETENTION_REVIEWS)


_EPOCH = from_ms(0)


def recall_curve(scheduler: Scheduler) -> tuple[float, float]:
    """``(factor, decay)`` of the scheduler's forgetting curve, R = (1 + factor·t/S)^decay.

    Read off `Scheduler.retrievability` itself (FSRS-6: R = 0.9 at t = S, and the decay
    solved from R at t = 2S), so the calibration predicts exactly what the scheduler does;
    a unit test holds the two equal.
    """
    probe = CardState(state=REVIEW, stability=1.0, last_review=_EPOCH)
    at_two = scheduler.retrievability(probe, _EPOCH + timedelta(days=2))
    low, high = -5.0, -1e-6  # decay is negative; R(2S) rises with decay on this range
    for _ in range(80):
        mid = (low + high) / 2
        if (2 * 0.9 ** (1 / mid) - 1) ** mid < at_two:
            low = mid
        else:
            high = mid
    decay = (low + high) / 2
    return 0.9 ** (1 / decay) - 1, decay


def band_of(days: int) -> int:
    """The index in `INTERVAL_BANDS` of an interval of ``days`` whole days."""
    for n, (_, high, _) in enumerate(INTERVAL_BANDS):
        if high is None or days <= high:
            return n
    return len(INTERVAL_BANDS) - 1  # pragma: no cover


def retention(store: Reader, deck: str | None = None, scheduler: Scheduler | None = None,
              sample: int = RETENTION_SAMPLE) -> Retention:
    """True retention and calibration over the latest ``sample`` scheduled reviews.

    The predicted recall of a review is the scheduler's retrievability of the card's state
    before it, at the moment it was answered (`quiz.scheduler.Scheduler.retrievability`).
    """
    factor, decay = recall_curve(scheduler or Scheduler())
    deck_term, params = deck_filter(deck)
    # Whole days elapsed, as FSRS counts them (negative ones, from a clock set back, are 0).
    # The sample comes back as one string (see `day_counts` on rows and the GIL); a missing
    # interval or stability (a damaged row) is an empty field.
    packed = store.read(
        "SELECT count(*), min(reviewed_at), group_concat(format || ',' || rating || ',' || "
        "coalesce(elapsed, '') || ',' || coalesce(stability, ''), ';') FROM (SELECT "
        "reviewed_at, format, rating, (reviewed_at - json_extract(before, '$.last_review')) "
        "/ 86400000 AS elapsed, json_extract(before, '$.stability') AS stability FROM reviews "
        f"WHERE {SCHEDULED}{deck_term} ORDER BY reviewed_at DESC LIMIT ?)", [*params, sample])
    count, oldest, text = packed[0] if packed else (0, None, None)
    sampled = count >= sample and store.read(
        f"SELECT count(*) FROM (SELECT 1 FROM reviews WHERE {SCHEDULED}{deck_term} "
        "LIMIT ?)", [*params, sample + 1])[0][0] > sample
    rows = [r.split(",") for r in text.split(";")] if text else []
    bands = [[0, 0] for _ in INTERVAL_BANDS]
    formats: dict[str, list[int]] = {}
    bins = [[0, 0.0, 0] for _ in CALIBRATION_EDGES[:-1]]
    edges = CALIBRATION_EDGES[1:-1]
    passed_all = 0
    for format_, rating, elapsed_text, stability_text in rows:
        passed = int(int(rating) > 1)
        passed_all += passed
        tally = formats.setdefault(format_, [0, 0])
        tally[0] += 1
        tally[1] += passed
        if not elapsed_text:
            continue  # a review-state card always has a last review; a damaged row has not
        elapsed = max(0, int(elapsed_text))
        band = bands[band_of(elapsed)]
        band[0] += 1
        band[1] += passed
        stability = float(stability_text) if stability_text else 0.0
        if stability > 0:
            predicted = (1 + factor * elapsed / stability) ** decay
            cell = bins[min(bisect_right(edges, predicted), len(bins) - 1)]
            cell[0] += 1
            cell[1] += predicted
            cell[2] += passed
    order = {f: n for n, f in enumerate(FORMAT_ORDER)}
    return Retention(
        reviews=len(rows), passed=passed_all,
        by_interval=tuple(Tally(label, n, p)
                          for (_, _, label), (n, p) in zip(INTERVAL_BANDS, bands)),
        by_format=tuple(Tally(f, n, p) for f, (n, p) in
                        sorted(formats.items(), key=lambda i: (order.get(i[0], 99), i[0]))),
        calibration=tuple(CalibrationBin(lo, hi, n, total / n if n else 0.0, p)
                          for lo, hi, (n, total, p) in zip(CALIBRATION_EDGES,
                                                            CALIBRATION_EDGES[1:], bins)),
        since=from_ms(oldest) if oldest is not None else None, sampled=sampled)
