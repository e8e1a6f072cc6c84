"""`quiz.stats` on hand-made review logs whose figures are worked out here by hand."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from quiz import stats
from quiz.clock import FixedClock, to_ms
from quiz.locations import database_path
from quiz.scheduler import REVIEW, CardState, Scheduler
from quiz.store import Store

UTC = timezone.utc
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def at(text: str) -> datetime:
    """A UTC moment from ``YYYY-MM-DD HH:MM``."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


class Log:
    """A store in tmp_path and a writer of review rows, straight into the log."""

    def __init__(self, tmp_path: Path) -> None:
        self.folder = tmp_path / "scores"
        self.store = Store.open(self.folder, FixedClock(NOW))
        self.conn = sqlite3.connect(database_path(self.folder), isolation_level=None)
        self.session = self.add_session()

    def add_session(self, mode: str = "study", decks: tuple[str, ...] = ("d",),
                    started: datetime = NOW, answered: int = 0, correct: int = 0,
                    close: int = 0, points: int = 0, ended: datetime | None = None) -> int:
        return int(self.conn.execute(
            "INSERT INTO sessions (mode, decks, started_at, ended_at, answered, correct, close, "
            "wrong, points) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (mode, json.dumps(list(decks)), to_ms(started), to_ms(ended) if ended else None,
             answered, correct, close, answered - correct - close, points)).lastrowid or 0)

    def review(self, when: datetime, *, mode: str = "study", rating: int = 3,
               state_from: int = REVIEW, format: str = "recall", fact: str = "f1",
               deck: str = "d", last: datetime | None = None, stability: float | None = 10.0,
               undone: int = 0, options: list[str] | None = None, chosen: int | None = None,
               verdict: str | None = None) -> None:
        before = {"state": state_from, "step": None, "stability": stability, "difficulty": 5.0,
                  "due": None, "last_review": to_ms(last) if last else None, "reps": 1,
                  "lapses": 0}
        verdict = verdict or {1: "wrong", 2: "close"}.get(rating, "correct")
        self.conn.execute(
            "INSERT INTO reviews (reviewed_at, session_id, mode, deck_id, fact_id, blank, format, "
            "prompt, options, response, chosen, verdict, suggested, rating, duration_ms, "
            "retention, state_from, state_to, before, after, undone) VALUES (?, ?, ?, ?, ?, 0, ?, "
            "'Q?', ?, NULL, ?, ?, ?, ?, 1000, 0.9, ?, 2, ?, ?, ?)",
            (to_ms(when), self.session, mode, deck, fact, format,
             json.dumps(options) if options is not None else None,
             json.dumps(chosen) if chosen is not None else None, verdict, rating, rating,
             state_from, json.dumps(before), json.dumps(before), undone))

    def card(self, fact: str, *, due: datetime | None, state: int = REVIEW, lapses: int = 0,
             suspended: int = 0, deck: str = "d") -> None:
        self.conn.execute(
            "INSERT INTO cards (deck_id, fact_id, blank, state, due, lapses, suspended) "
            "VALUES (?, ?, 0, ?, ?, ?, ?)",
            (deck, fact, state, to_ms(due) if due else None, lapses, suspended))


@pytest.fixture
def log(tmp_path: Path) -> Log:
    made = Log(tmp_path)
    yield made
    made.conn.close()
    made.store.close()


# -- streaks --------------------------------------------------------------------------------

D = date(2026, 3, 10)


@pytest.mark.parametrize(("active", "current", "longest"), [
    ([], 0, 0),
    ([D], 1, 1),
    ([D - DAY], 1, 1),                       # today not studied yet: yesterday's streak holds
    ([D - 2 * DAY], 0, 1),                   # a whole day missed: the streak is over
    ([D, D - DAY, D - 2 * DAY], 3, 3),
    ([D - DAY, D - 2 * DAY, D - 5 * DAY, D - 6 * DAY, D - 7 * DAY, D - 8 * DAY], 2, 4),
    ([D, D, D - DAY], 2, 2),                 # duplicates count once
])
def test_streaks(active: list[date], current: int, longest: int) -> None:
    assert stats.streaks(active, D) == (current, longest)


# -- calendar -------------------------------------------------------------------------------


def test_empty_history_gives_zeros_and_nothing_else(log: Log) -> None:
    found = stats.overview(log.store, NOW, stats.Days(UTC, 4))
    assert found.empty
    assert found.recent == [] and found.sessions == 0
    assert found.calendar.counts == (0,) * 365
    cal = found.calendar
    assert (cal.current_streak, cal.longest_streak, cal.total_reviews) == (0, 0, 0)
    assert not found.retention.enough and found.retention.reviews == 0
    assert found.forecast.due == (0,) * 30
    assert found.bests == [] and found.hardest == [] and found.confused == []
    assert all(p.questions == 0 and p.accuracy is None for p in found.progress)
    json.dumps(stats.to_json(found))  # the JSON form of an empty history is valid


def test_the_study_day_ends_at_four_in_the_morning(log: Log) -> None:
    # Sunday 1 March: 23:30, and 03:59 the next night, are both study day 1 March;
    # 04:00 on 2 March begins study day 2 March. 27 February: one answer, then a gap.
    for moment in ("2026-03-01 23:30", "2026-03-02 03:59", "2026-03-02 04:00",
                   "2026-02-27 12:00"):
        log.review(at(moment))
    log.review(at("2026-03-02 05:00"), undone=1)  # taken back: not counted
    cal = stats.calendar(log.store, NOW, stats.Days(UTC, 4))
    assert cal.today == date(2026, 3, 2)
    assert cal.counts[-4:] == (1, 0, 2, 1)  # 27 Feb, 28 Feb, 1 Mar, 2 Mar
    assert (cal.current_streak, cal.longest_streak, cal.total_reviews, cal.active_days) == (2, 2, 4, 3)


def test_with_midnight_as_the_day_end_the_same_answers_fall_on_other_days(log: Log) -> None:
    for moment in ("2026-03-01 23:30", "2026-03-02 03:59", "2026-03-02 04:00"):
        log.review(at(moment))
    cal = stats.calendar(log.store, NOW, stats.Days(UTC, 0))
    assert cal.counts[-2:] == (1, 2)


def test_days_follow_the_learners_zone_across_daylight_saving(log: Log) -> None:
    # New York moves to summer time at 2 a.m. on Sunday 8 March 2026 (UTC-5 → UTC-4).
    # 07:30 UTC is 03:30 EDT: before 4 a.m., so study day 7 March; 08:30 UTC is 04:30 EDT:
    # study day 8 March. On 6 March (EST), 08:30 UTC is 03:30 EST: study day 5 March.
    zone = ZoneInfo("America/New_York")
    now = at("2026-03-08 20:00")
    for moment in ("2026-03-08 07:30", "2026-03-08 08:30", "2026-03-06 08:30",
                   "2026-03-06 09:30"):
        log.review(at(moment))
    cal = stats.calendar(log.store, now, stats.Days(zone, 4))
    assert cal.today == date(2026, 3, 8)
    assert cal.counts[-4:] == (1, 1, 1, 1)  # 5, 6, 7 and 8 March
    assert (cal.current_streak, cal.longest_streak) == (4, 4)


def test_longest_streak_reaches_beyond_the_year_shown(log: Log) -> None:
    for n in range(5):
        log.review(at("2024-06-01 12:00") + n * DAY)
    log.review(NOW)
    cal = stats.calendar(log.store, NOW, stats.Days(UTC, 4))
    assert (cal.current_streak, cal.longest_streak, cal.total_reviews, sum(cal.counts)) == (1, 5, 6, 1)


# -- sessions and progress ------------------------------------------------------------------


def test_sessions_list_newest_first_with_filters(log: Log) -> None:
    first = log.add_session("study", ("a",), at("2026-02-01 10:00"), 10, 7, 2, 30,
                            ended=at("2026-02-01 10:05"))
    second = log.add_session("exam", ("a", "b"), at("2026-02-20 10:00"), 4, 1, 0, 4)
    log.add_session("cram", ("b",), at("2026-02-21 10:00"))  # nothing answered: not listed
    rows = stats.sessions(log.store)
    assert [r.id for r in rows] == [second, first]
    assert rows[1].accuracy == pytest.approx(0.8)  # (7 + 2/2) / 10
    assert rows[1].duration == timedelta(minutes=5)
    assert rows[0].duration is None  # never finished and no answers
    assert [r.id for r in stats.sessions(log.store, deck="b")] == [second]
    assert [r.id for r in stats.sessions(log.store, since=at("2026-02-10 00:00"))] == [second]


def test_progress_sums_sessions_by_week_and_deck(log: Log) -> None:
    # Today is Monday 2 March; the last week is 24 Feb – 2 Mar, the one before 17–23 Feb.
    log.add_session("study", ("a",), at("2026-03-01 10:00"), 10, 6, 2, 20)
    log.add_session("cram", ("a", "b"), at("2026-02-24 10:00"), 10, 10, 0, 40)
    log.add_session("study", ("b",), at("2026-02-23 10:00"), 4, 2, 0, 8)
    weeks = stats.progress(log.store, NOW, stats.Days(UTC, 4), weeks=2)
    assert [p.start for p in weeks[None]] == [date(2026, 2, 17), date(2026, 2, 24)]
    assert [(p.questions, p.correct, p.close, p.score, p.sessions) for p in weeks[None]] == [
        (4, 2, 0, 8, 1), (20, 16, 2, 60, 2)]
    assert weeks[None][1].accuracy == pytest.approx(17 / 20)
    assert [p.questions for p in weeks["a"]] == [0, 20]
    assert [p.questions for p in weeks["b"]] == [4, 10]


# -- retention and calibration -------------------------------------------------------------


def test_recall_curve_is_the_schedulers() -> None:
    scheduler = Scheduler()
    factor, decay = stats.recall_curve(scheduler)
    last = at("2026-01-01 00:00")
    for days, stability in ((0, 1.0), (1, 1.0), (3, 2.5), (30, 10.0), (200, 55.5)):
        state = CardState(state=REVIEW, stability=stability, last_review=last)
        expected = scheduler.retrievability(state, last + days * DAY)
        assert (1 + factor * days / stability) ** decay == pytest.approx(expected, abs=1e-9)


def test_retention_counts_scheduled_reviews_only(log: Log) -> None:
    last = at("2026-02-01 10:00")
    # 40 scheduled reviews 10 days after the last one, with stability 10: predicted recall
    # is exactly 0.9 (FSRS: R = 90% when the elapsed time equals the stability).
    for n in range(40):
        log.review(last + 10 * DAY + n * timedelta(minutes=1), rating=1 if n < 4 else 3,
                   format="choice" if n % 2 else "recall", last=last, stability=10.0)
    # Passed at 2 days (band 2–3 days), and a Hard which counts as passed.
    log.review(last + 2 * DAY, rating=2, last=last, format="cloze")
    # Not scheduled reviews: cram, exam, a new card, a learning card, one taken back.
    log.review(NOW, mode="cram", rating=1, last=last)
    log.review(NOW, mode="exam", rating=1, last=last)
    log.review(NOW, state_from=0, rating=1, last=None, stability=None)
    log.review(NOW, state_from=1, rating=1, last=last)
    log.review(NOW, rating=1, undone=1, last=last)
    found = stats.retention(log.store)
    assert found.enough
    assert (found.reviews, found.passed) == (41, 37)
    bands = {t.label: (t.reviews, t.passed) for t in found.by_interval if t.reviews}
    assert bands == {"2–3 days": (1, 1), "1–2 weeks": (40, 36)}
    formats = {t.label: (t.reviews, t.passed, t.retention) for t in found.by_format}
    assert formats == {"choice": (20, 18, 0.9), "recall": (20, 18, 0.9), "cloze": (1, 1, None)}
    bins = {(b.low, b.high): (b.reviews, b.passed) for b in found.calibration if b.reviews}
    # 2 days at stability 10: R = (1 + F·0.2)^D ≈ 0.978 → the top bin.
    assert bins == {(0.9, 0.95): (40, 36), (0.95, 1.0): (1, 1)}
    top = next(b for b in found.calibration if b.low == 0.9)
    assert top.predicted == pytest.approx(0.9) and top.actual == pytest.approx(0.9)


def test_retention_per_deck_and_the_sample(log: Log) -> None:
    last = at("2026-02-01 10:00")
    for n in range(6):
        log.review(last + DAY + n * timedelta(hours=1), deck="a" if n < 4 else "b",
                   rating=1 if n == 0 else 3, last=last)
    assert (stats.retention(log.store, "a").reviews,
            stats.retention(log.store, "a").passed) == (4, 3)
    latest = stats.retention(log.store, sample=2)
    assert (latest.reviews, latest.sampled) == (2, True)
    assert latest.since == last + DAY + 4 * timedelta(hours=1)
    assert not latest.enough


# -- forecast ----------------------------------------------------------------------------


def test_forecast_counts_due_cards_per_study_day(log: Log) -> None:
    log.card("overdue", due=at("2026-02-20 10:00"))
    log.card("today", due=at("2026-03-03 03:00"))       # before 4 a.m.: still study day 2 March
    log.card("tomorrow", due=at("2026-03-03 04:00"))
    log.card("later", due=at("2026-03-31 12:00"))       # study day 31 March: the 30th day
    log.card("too late", due=at("2026-04-01 12:00"))
    log.card("suspended", due=NOW, suspended=1)
    log.card("new", due=None, state=0)
    log.card("learning", due=at("2026-03-02 10:10"), state=1)
    found = stats.forecast(log.store, NOW, stats.Days(UTC, 4))
    assert found.today == date(2026, 3, 2)
    assert found.due[:2] == (3, 1)
    assert found.due[29] == 1 and sum(found.due) == 5
    assert stats.forecast(log.store, NOW, stats.Days(UTC, 4), deck="other").due == (0,) * 30


# -- bests, hardest, confused --------------------------------------------------------------


def test_hardest_by_lapses_then_retention(log: Log) -> None:
    last = at("2026-02-01 10:00")
    log.card("easy", due=NOW)
    log.card("two", due=NOW, lapses=2)
    log.card("one-bad", due=NOW, lapses=1)
    log.card("one-fine", due=NOW, lapses=1)
    for fact, ratings in (("two", (1, 1, 3, 3)), ("one-bad", (1,)), ("one-fine", (1, 3, 3, 3))):
        for n, rating in enumerate(ratings):
            log.review(last + (n + 1) * DAY, fact=fact, rating=rating, last=last)
    found = stats.hardest(log.store)
    assert [(h.key[1], h.lapses, h.reviews, h.passed) for h in found] == [
        ("two", 2, 4, 2), ("one-bad", 1, 1, 0), ("one-fine", 1, 4, 3)]
    assert [h.key[1] for h in stats.hardest(log.store, limit=2)] == ["two", "one-bad"]


def test_confused_pairs_name_the_option_picked(log: Log) -> None:
    # The options are shuffled per question: index 2 names a different year each time.
    for options, chosen in ((["1776", "1778", "1783"], 2), (["1783", "1778", "1776"], 0),
                            (["1778", "1776", "1783"], 1), (["1778", "1790", "1783"], 1)):
        log.review(NOW, format="choice", rating=1, options=options, chosen=chosen)
    log.review(NOW, format="choice", rating=1, options=["1778", "1700"], chosen=1, undone=1)
    log.review(NOW, format="choice", rating=3, options=["1778", "1701"], chosen=0)
    found = stats.confusions(log.store)
    assert [(c.chosen, c.count) for c in found] == [("1783", 2), ("1776", 1), ("1790", 1)] \
        or [(c.chosen, c.count) for c in found] == [("1783", 2), ("1790", 1), ("1776", 1)]
    assert all(c.key == ("d", "f1", 0) for c in found)


def test_bests_grouped_per_deck_key_and_mode(log: Log) -> None:
    for metric, value in (("score", 92.5), ("points", 120), ("streak", 9), ("answered", 20)):
        log.conn.execute("INSERT INTO bests VALUES ('a+b', 'study', ?, ?, 1, ?)",
                         (metric, value, to_ms(NOW)))
    log.conn.execute("INSERT INTO bests VALUES ('c', 'exam', 'score', 50, 2, ?)", (to_ms(NOW),))
    rows = stats.best_rows(stats.bests(log.store))
    assert [(r.deck_key, r.mode, r.score_percent, r.score, r.streak, r.questions) for r in rows] == [
        ("a+b", "study", 92.5, 120, 9, 20), ("c", "exam", 50.0, None, None, None)]
    assert [r.deck_key for r in stats.best_rows(stats.bests(log.store, deck="b"))] == ["a+b"]
