"""Figures for the history screen and for ``quiz history`` / ``quiz stats``, read from the store.

Every figure leaves out answers taken back (``undone = 1``). Sessions, the calendar and the
progress charts count every answer (study, cram and exam); true retention, calibration and
the hardest facts are about the *scheduled* reviews only: study mode, card in review state
before the answer (``state_from = 2``), passed when rated Hard or better.

Days are the learner's *study days* (`quiz.clock.study_day`: the local date, with the day
ending at ``day_ends_at``, 4 a.m. by default), so a session past midnight counts for the
evening it began and streaks follow the learner's clock across daylight-saving changes.

The sums run in SQL on the partial indexes of schema v3 (`quiz.store.schema`); a day's
count is a range count on an index, so a year of a million reviews sums in milliseconds.
Retention and calibration read the latest `RETENTION_SAMPLE` scheduled reviews, because
they need each review's interval from its stored card state (JSON). No Textual, no Rich.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, Protocol

from quiz.clock import DEFAULT_DAY_ENDS_AT, day_start, from_ms, study_day, to_ms
from quiz.facts import Deck
from quiz.scheduler import REVIEW, CardKey, CardState, Scheduler
from quiz.store.records import Best

RETENTION_SAMPLE = 10_000
"""Latest scheduled reviews that retention and calibration are measured over."""

MIN_RETENTION_REVIEWS = 30
"""Scheduled reviews needed before retention and calibration are shown at all."""

MIN_ROW_REVIEWS = 5
"""Reviews a band, format or calibration bin needs before its share is given."""

CONFUSION_SAMPLE = 5_000
"""Latest wrong multiple-choice answers the confused pairs are counted over."""

CALENDAR_DAYS = 365
PROGRESS_WEEKS = 26
FORECAST_DAYS = 30
HARDEST_LIMIT = 20
CONFUSED_LIMIT = 20
SESSION_LIMIT = 200
"""Sessions the history screen lists (the newest); the CLI lists them all."""

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

_SCHEDULED = "mode = 'study' AND undone = 0 AND state_from = 2"
"""The scheduled reviews, written as the partial indexes of schema v3 spell it."""


class Reader(Protocol):
    """What the figures need of the store: read-only SQL (`quiz.store.Store.read`)."""

    def read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows of one read-only query."""
        ...


@dataclass(frozen=True, slots=True)
class Days:
    """The learner's calendar: the time zone and the hour a study day ends."""

    zone: tzinfo | None = None
    day_ends_at: int = DEFAULT_DAY_ENDS_AT

    def day(self, moment: datetime) -> date:
        """The study day of ``moment``."""
        return study_day(moment, self.zone, self.day_ends_at)

    def start(self, day: date) -> datetime:
        """When study day ``day`` begins (UTC)."""
        return day_start(day, self.zone, self.day_ends_at)

    def bounds_ms(self, first: date, count: int) -> list[int]:
        """Start of each of ``count`` days from ``first``, then the end of the last (epoch ms)."""
        return [to_ms(self.start(first + timedelta(days=n))) for n in range(count + 1)]


# -- sessions ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SessionRow:
    """One session as the history lists it."""

    id: int
    started_at: datetime
    ended_at: datetime | None
    """When it finished; for a session never finished, its last answer."""
    deck_ids: tuple[str, ...]
    mode: str
    """``study``, ``cram`` or ``exam``."""
    answered: int
    correct: int
    close: int
    wrong: int
    points: int
    """The game score (`quiz.scoring`)."""
    score: float | None
    """The stored percent score (out of the planned questions for an exam)."""

    @property
    def accuracy(self) -> float:
        """Correct answers, close ones counting half, over the answers (0–1)."""
        return (self.correct + 0.5 * self.close) / self.answered if self.answered else 0.0

    @property
    def duration(self) -> timedelta | None:
        """From start to finish (None when nothing marks the end)."""
        return self.ended_at - self.started_at if self.ended_at is not None else None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form (times ISO 8601, UTC)."""
        duration = self.duration
        return {"id": self.id, "started_at": self.started_at.isoformat(),
                "ended_at": self.ended_at.isoformat() if self.ended_at else None,
                "decks": list(self.deck_ids), "mode": self.mode, "questions": self.answered,
                "correct": self.correct, "close": self.close, "wrong": self.wrong,
                "accuracy": round(self.accuracy, 4), "score": self.points,
                "score_percent": self.score,
                "duration_s": round(duration.total_seconds()) if duration is not None else None}


def sessions(store: Reader, deck: str | None = None, since: datetime | None = None,
             limit: int | None = None) -> list[SessionRow]:
    """Sessions with at least one answer, newest first.

    Args:
        store: the score store.
        deck: only sessions that studied this deck.
        since: only sessions begun at or after this moment.
        limit: at most this many (the newest).
    """
    where, params = ["answered > 0"], []
    if deck is not None:
        where.append("EXISTS (SELECT 1 FROM json_each(sessions.decks) WHERE value = ?)")
        params.append(deck)
    if since is not None:
        where.append("started_at >= ?")
        params.append(to_ms(since))
    sql = ("SELECT id, started_at, coalesce(ended_at, (SELECT max(reviewed_at) FROM reviews "
           "WHERE session_id = sessions.id AND undone = 0)), decks, mode, answered, correct, "
           "close, wrong, points, score FROM sessions WHERE " + " AND ".join(where)
           + " ORDER BY started_at DESC, id DESC")
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [SessionRow(id=i, started_at=from_ms(start), ended_at=from_ms(end) if end else None,
                       deck_ids=_deck_ids(decks), mode=mode, answered=n, correct=c, close=cl,
                       wrong=w, points=p or 0, score=score)
            for i, start, end, decks, mode, n, c, cl, w, p, score in store.read(sql, params)]


def _deck_ids(decks: str) -> tuple[str, ...]:
    try:
        found = json.loads(decks)
    except ValueError:
        return (decks,)
    return tuple(str(d) for d in found) if isinstance(found, list) else (str(found),)


def session_count(store: Reader) -> int:
    """Sessions with at least one answer."""
    return int(store.read("SELECT count(*) FROM sessions WHERE answered > 0")[0][0])


# -- calendar and streaks ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Calendar:
    """Answers per study day over the last year, and the learner's streaks."""

    today: date
    counts: tuple[int, ...]
    """Answers on each day, oldest first; the last is today."""
    current_streak: int
    """Days in a row with an answer, up to today (or yesterday, if today is still empty)."""
    longest_streak: int
    """The longest run of days with an answer, over the whole history."""
    total: int
    """Answers over the whole history."""

    @property
    def first(self) -> date:
        """The first day of ``counts``."""
        return self.today - timedelta(days=len(self.counts) - 1)

    @property
    def active_days(self) -> int:
        """Days of ``counts`` with at least one answer."""
        return sum(1 for c in self.counts if c)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form: the streaks, and the days with answers."""
        return {"today": self.today.isoformat(), "current_streak": self.current_streak,
                "longest_streak": self.longest_streak, "total_reviews": self.total,
                "days": {(self.first + timedelta(days=n)).isoformat(): c
                         for n, c in enumerate(self.counts) if c}}


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
    deck_term = " AND deck_id = ?" if deck is not None else ""
    probe = (f"EXISTS (SELECT 1 FROM reviews WHERE undone = 0 AND reviewed_at >= lo "
             f"AND reviewed_at < hi{deck_term})") if exists else (
        f"(SELECT count(*) FROM reviews WHERE undone = 0 AND reviewed_at >= lo "
        f"AND reviewed_at < hi{deck_term})")
    # One row back, not one per day: fewer hand-overs of the GIL to the UI thread.
    found = store.read(
        f"WITH days(n, lo, hi) AS (VALUES {rows}) SELECT group_concat(c) FROM (SELECT n, "
        f"{probe} AS c FROM days ORDER BY n)", [deck] if deck is not None else [])
    return [int(c) for c in found[0][0].split(",")] if found and found[0][0] else [0] * count


def calendar(store: Reader, now: datetime, days: Days, deck: str | None = None,
             span: int = CALENDAR_DAYS) -> Calendar:
    """The calendar of the ``span`` study days up to today, and the streaks."""
    today = days.day(now)
    deck_term, params = (" AND deck_id = ?", [deck]) if deck is not None else ("", [])
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


# -- progress --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Period:
    """Answers in one stretch of study days (a week of the progress chart)."""

    start: date
    answered: int = 0
    correct: int = 0
    close: int = 0
    points: int = 0
    sessions: int = 0

    @property
    def accuracy(self) -> float | None:
        """Correct answers, close ones counting half, over the answers; None without any."""
        return (self.correct + 0.5 * self.close) / self.answered if self.answered else None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        accuracy = self.accuracy
        return {"start": self.start.isoformat(), "sessions": self.sessions,
                "questions": self.answered, "correct": self.correct, "close": self.close,
                "accuracy": round(accuracy, 4) if accuracy is not None else None,
                "score": self.points}


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
        for key in (None, *_deck_ids(decks)):
            cell = sums.setdefault(key, [[0] * 5 for _ in range(weeks)])[week]
            for n, value in enumerate((answered, correct, close, points, count)):
                cell[n] += int(value or 0)
    return {key: tuple(Period(starts[w], *cells[w]) for w in range(weeks))
            for key, cells in sums.items()}


# -- retention and calibration ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tally:
    """Scheduled reviews of one kind and how many were passed."""

    label: str
    reviews: int = 0
    passed: int = 0

    @property
    def retention(self) -> float | None:
        """Share passed; None below `MIN_ROW_REVIEWS` reviews."""
        return self.passed / self.reviews if self.reviews >= MIN_ROW_REVIEWS else None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        retention = self.retention
        return {"label": self.label, "reviews": self.reviews, "passed": self.passed,
                "retention": round(retention, 4) if retention is not None else None}


@dataclass(frozen=True, slots=True)
class CalibrationBin:
    """Scheduled reviews whose predicted recall fell in ``[low, high)``."""

    low: float
    high: float
    reviews: int = 0
    predicted: float = 0.0
    """Mean predicted recall of these reviews (0 without any)."""
    passed: int = 0

    @property
    def actual(self) -> float | None:
        """Share actually recalled; None below `MIN_ROW_REVIEWS` reviews."""
        return self.passed / self.reviews if self.reviews >= MIN_ROW_REVIEWS else None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        actual = self.actual
        return {"low": self.low, "high": self.high, "reviews": self.reviews,
                "predicted": round(self.predicted, 4),
                "actual": round(actual, 4) if actual is not None else None}


@dataclass(frozen=True, slots=True)
class Retention:
    """True retention of scheduled reviews, by interval and format, and its calibration."""

    overall: Tally
    by_interval: tuple[Tally, ...]
    by_format: tuple[Tally, ...]
    calibration: tuple[CalibrationBin, ...]
    since: datetime | None
    """The oldest review measured (None without any)."""
    sampled: bool
    """True when older reviews were left out (`RETENTION_SAMPLE`)."""

    @property
    def enough(self) -> bool:
        """Whether there are enough reviews to say anything (`MIN_RETENTION_REVIEWS`)."""
        return self.overall.reviews >= MIN_RETENTION_REVIEWS

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {"reviews": self.overall.reviews, "passed": self.overall.passed,
                "retention": (round(self.overall.passed / self.overall.reviews, 4)
                              if self.overall.reviews else None),
                "enough": self.enough,
                "since": self.since.isoformat() if self.since else None,
                "sampled": self.sampled,
                "by_interval": [t.to_dict() for t in self.by_interval],
                "by_format": [t.to_dict() for t in self.by_format],
                "calibration": [b.to_dict() for b in self.calibration]}


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


_EPOCH = from_ms(0)


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
    deck_term, params = (" AND deck_id = ?", [deck]) if deck is not None else ("", [])
    # Whole days elapsed, as FSRS counts them (negative ones, from a clock set back, are 0).
    # The sample comes back as one string (see `day_counts` on rows and the GIL); a missing
    # interval or stability (a damaged row) is an empty field.
    packed = store.read(
        "SELECT count(*), min(reviewed_at), group_concat(format || ',' || rating || ',' || "
        "coalesce(elapsed, '') || ',' || coalesce(stability, ''), ';') FROM (SELECT "
        "reviewed_at, format, rating, (reviewed_at - json_extract(before, '$.last_review')) "
        "/ 86400000 AS elapsed, json_extract(before, '$.stability') AS stability FROM reviews "
        f"WHERE {_SCHEDULED}{deck_term} ORDER BY reviewed_at DESC LIMIT ?)", [*params, sample])
    count, oldest, text = packed[0] if packed else (0, None, None)
    sampled = count >= sample and store.read(
        f"SELECT count(*) FROM (SELECT 1 FROM reviews WHERE {_SCHEDULED}{deck_term} "
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
        overall=Tally("all", len(rows), passed_all),
        by_interval=tuple(Tally(label, n, p)
                          for (_, _, label), (n, p) in zip(INTERVAL_BANDS, bands)),
        by_format=tuple(Tally(f, n, p) for f, (n, p) in
                        sorted(formats.items(), key=lambda i: (order.get(i[0], 99), i[0]))),
        calibration=tuple(CalibrationBin(lo, hi, n, total / n if n else 0.0, p)
                          for lo, hi, (n, total, p) in zip(CALIBRATION_EDGES,
                                                            CALIBRATION_EDGES[1:], bins)),
        since=from_ms(oldest) if oldest is not None else None, sampled=sampled)


# -- forecast ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Forecast:
    """Cards falling due on each of the next days (today first; overdue ones count today)."""

    today: date
    due: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form: day → cards due."""
        return {(self.today + timedelta(days=n)).isoformat(): c for n, c in enumerate(self.due)}


def forecast(store: Reader, now: datetime, days: Days, deck: str | None = None,
             span: int = FORECAST_DAYS) -> Forecast:
    """Scheduled cards (not suspended) falling due on each of the next ``span`` study days."""
    today = days.day(now)
    bounds = days.bounds_ms(today, span)
    deck_term, params = (" AND deck_id = ?", [deck]) if deck is not None else ("", [])
    # Overdue cards fall due today: the first day's range starts at the beginning of time.
    rows = ", ".join(f"({n}, {bounds[n] if n else -(2 ** 62)}, {bounds[n + 1]})"
                     for n in range(span))
    found = store.read(
        f"WITH days(n, lo, hi) AS (VALUES {rows}) SELECT group_concat(c) FROM (SELECT n, "
        "(SELECT count(*) FROM cards WHERE due >= lo AND due < hi AND state != 0 "
        f"AND suspended = 0{deck_term}) AS c FROM days ORDER BY n)", params)
    counts = [int(c) for c in found[0][0].split(",")] if found and found[0][0] else [0] * span
    return Forecast(today, tuple(counts))


# -- bests, hardest facts, confused pairs ------------------------------------------------------


def bests(store: Reader, deck: str | None = None) -> list[Best]:
    """Personal bests per deck key and mode (only keys holding ``deck`` when given)."""
    rows = store.read("SELECT deck_key, mode, metric, value, session_id, achieved_at FROM bests "
                      "ORDER BY deck_key, mode, metric")
    return [Best(k, m, metric, v, s, from_ms(at)) for k, m, metric, v, s, at in rows
            if deck is None or deck in k.split("+")]


@dataclass(frozen=True, slots=True)
class BestRow:
    """The personal bests of one deck key and mode, side by side."""

    deck_key: str
    mode: str
    score: float | None = None
    """Best percent score."""
    points: int | None = None
    streak: int | None = None
    answered: int | None = None
    achieved_at: datetime | None = None
    """When the latest of these bests was set."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {"decks": self.deck_key.split("+"), "mode": self.mode, "score_percent": self.score,
                "score": self.points, "streak": self.streak, "questions": self.answered,
                "achieved_at": self.achieved_at.isoformat() if self.achieved_at else None}


def best_rows(found: Iterable[Best]) -> list[BestRow]:
    """Bests grouped by deck key and mode."""
    grouped: dict[tuple[str, str], dict[str, Any]] = {}
    for best in found:
        row = grouped.setdefault((best.deck_key, best.mode), {})
        row[best.metric] = best.value
        if row.get("achieved_at") is None or best.achieved_at > row["achieved_at"]:
            row["achieved_at"] = best.achieved_at

    def whole(value: Any) -> int | None:
        return int(value) if value is not None else None

    return [BestRow(k, m, v.get("score"), whole(v.get("points")), whole(v.get("streak")),
                    whole(v.get("answered")), v.get("achieved_at"))
            for (k, m), v in sorted(grouped.items())]


@dataclass(frozen=True, slots=True)
class HardCard:
    """A card often forgotten."""

    key: CardKey
    lapses: int
    reviews: int
    """Scheduled reviews."""
    passed: int

    @property
    def retention(self) -> float | None:
        """Share of its scheduled reviews passed (None without any)."""
        return self.passed / self.reviews if self.reviews else None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        retention = self.retention
        return {"deck": self.key[0], "fact": self.key[1], "blank": self.key[2],
                "lapses": self.lapses, "reviews": self.reviews, "passed": self.passed,
                "retention": round(retention, 4) if retention is not None else None}


def hardest(store: Reader, deck: str | None = None, limit: int = HARDEST_LIMIT) -> list[HardCard]:
    """Cards with the most lapses, then the lowest true retention.

    Only a lapse (a scheduled review failed) lowers a card's true retention, so the cards
    with at least one lapse are all the candidates.
    """
    deck_term, params = (" AND deck_id = ?", [deck]) if deck is not None else ("", [])
    # Ties in lapses are broken by retention, so every card with at least as many lapses
    # as the last one listed is a candidate; reviews are counted for those cards only.
    floor = store.read(f"SELECT lapses FROM cards WHERE lapses > 0{deck_term} "
                       "ORDER BY lapses DESC LIMIT 1 OFFSET ?", [*params, max(0, limit - 1)])
    least = int(floor[0][0]) if floor else 1
    scheduled = ("FROM reviews r WHERE r.deck_id = c.deck_id AND r.fact_id = c.fact_id "
                 "AND r.blank = c.blank AND r.mode = 'study' AND r.undone = 0 "
                 "AND r.state_from = 2")
    # Ranked in SQL so only the cards listed come back; no reviews reads as retention 1.
    return [HardCard((d, f, b), int(lapses), int(n), int(p)) for d, f, b, lapses, n, p in
            store.read(
                "SELECT * FROM (SELECT c.deck_id, c.fact_id, c.blank, c.lapses, "
                f"(SELECT count(*) {scheduled}) AS n, "
                f"(SELECT count(*) {scheduled} AND r.rating > 1) AS p FROM cards c "
                f"WHERE c.lapses >= ?{deck_term.replace('deck_id', 'c.deck_id')}) "
                "ORDER BY lapses DESC, coalesce(1.0 * p / nullif(n, 0), 1.0), n DESC, "
                "deck_id, fact_id, blank LIMIT ?", [least, *params, limit])]


@dataclass(frozen=True, slots=True)
class Confusion:
    """A wrong option the learner picked instead of a card's answer, and how often."""

    key: CardKey
    chosen: str
    count: int

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {"deck": self.key[0], "fact": self.key[1], "blank": self.key[2],
                "chosen": self.chosen, "count": self.count}


def confusions(store: Reader, deck: str | None = None, limit: int = CONFUSED_LIMIT,
               sample: int = CONFUSION_SAMPLE) -> list[Confusion]:
    """The wrong multiple-choice options picked most often, per card, over recent answers."""
    deck_term, params = (" AND deck_id = ?", [deck]) if deck is not None else ("", [])
    # The chosen index is read only when it is a plain number and the options valid JSON,
    # so a damaged row is skipped rather than failing the whole figure.
    rows = store.read(
        "SELECT deck_id, fact_id, blank, picked, count(*) AS n, max(reviewed_at) AS last FROM ("
        "SELECT deck_id, fact_id, blank, reviewed_at, CASE WHEN chosen GLOB '[0-9]*' AND NOT "
        "chosen GLOB '*[^0-9]*' AND json_valid(options) THEN json_extract(options, '$[' || "
        "chosen || ']') END AS picked FROM reviews WHERE format = 'choice' AND verdict = 'wrong' "
        f"AND undone = 0{deck_term} ORDER BY reviewed_at DESC LIMIT ?) WHERE picked IS NOT NULL "
        "GROUP BY deck_id, fact_id, blank, picked ORDER BY n DESC, last DESC LIMIT ?",
        [*params, sample, limit])
    return [Confusion((d, f, b), str(picked), int(n)) for d, f, b, picked, n, _ in rows]


def card_text(decks: Sequence[Deck], key: CardKey) -> tuple[str, str]:
    """The prompt and the answer of a card, or its ids when its fact left the decks."""
    deck_id, fact_id, blank = key
    for deck in decks:
        if deck.id == deck_id and fact_id in deck:
            fact = deck.fact(fact_id)
            if blank < len(fact.answers):
                return fact.prompt(blank), fact.answers[blank].display
    return f"{deck_id}/{fact_id}" + (f" blank {blank + 1}" if blank else ""), "?"


# -- everything at once -------------------------------------------------------------------------


@dataclass(frozen=True)
class Overview:
    """Every figure of the history screen, computed at one moment."""

    now: datetime
    sessions: list[SessionRow]
    session_total: int
    calendar: Calendar
    progress: dict[str | None, tuple[Period, ...]]
    retention: Retention
    forecast: Forecast
    bests: list[BestRow]
    hardest: list[HardCard]
    confused: list[Confusion]
    texts: dict[CardKey, tuple[str, str]] = field(default_factory=dict)
    """Prompt and answer of every card in ``hardest`` and ``confused``."""
    deck: str | None = None
    """The deck the figures are about (None: all decks)."""

    @property
    def empty(self) -> bool:
        """Nothing was ever answered."""
        return self.calendar.total == 0 and not self.sessions

    def to_dict(self) -> dict[str, Any]:
        """The figures of ``quiz stats --json``."""
        def text(key: CardKey) -> dict[str, str]:
            prompt, answer = self.texts.get(key, ("", ""))
            return {"prompt": prompt, "answer": answer}

        return {"generated_at": self.now.isoformat(), "sessions": self.session_total,
                "calendar": self.calendar.to_dict(),
                "deck": self.deck,
                "progress": [p.to_dict() for p in self.progress.get(self.deck, ())],
                "retention": self.retention.to_dict(), "forecast": self.forecast.to_dict(),
                "bests": [b.to_dict() for b in self.bests],
                "hardest": [{**h.to_dict(), **text(h.key)} for h in self.hardest],
                "confused": [{**c.to_dict(), **text(c.key)} for c in self.confused]}


def overview(store: Reader, now: datetime, days: Days, decks: Sequence[Deck] = (),
             deck: str | None = None, scheduler: Scheduler | None = None,
             session_limit: int | None = SESSION_LIMIT) -> Overview:
    """Every figure, for all decks or for ``deck``; ``decks`` give the cards' wording."""
    hard = hardest(store, deck)
    confused = confusions(store, deck)
    keys = {h.key for h in hard} | {c.key for c in confused}
    return Overview(
        now=now, sessions=sessions(store, deck, limit=session_limit),
        session_total=session_count(store) if deck is None else len(sessions(store, deck)),
        calendar=calendar(store, now, days, deck), progress=progress(store, now, days),
        retention=retention(store, deck, scheduler), forecast=forecast(store, now, days, deck),
        bests=best_rows(bests(store, deck)), hardest=hard, confused=confused,
        texts={k: card_text(decks, k) for k in keys}, deck=deck)


__all__ = [
    "CALENDAR_DAYS", "CALIBRATION_EDGES", "CONFUSION_SAMPLE", "FORECAST_DAYS", "INTERVAL_BANDS",
    "MIN_RETENTION_REVIEWS", "MIN_ROW_REVIEWS", "PROGRESS_WEEKS", "RETENTION_SAMPLE",
    "BestRow", "Calendar", "CalibrationBin", "Confusion", "Days", "Forecast", "HardCard",
    "Overview", "Period", "Reader", "Retention", "SessionRow", "Tally", "band_of", "best_rows",
    "bests", "calendar", "card_text", "confusions", "day_counts", "forecast", "hardest",
    "overview", "progress", "retention", "session_count", "sessions", "streaks",
]
