"""The score store: answers, undo, re-rating, sessions, bests, settings, flags and queries."""

from __future__ import annotations

import json
import random
import sqlite3
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from quiz.clock import FixedClock
from quiz.facts import Answer, Deck, Fact
from quiz.scheduler import (
    LEARNING, NEW, RELEARNING, REVIEW, SUSPENDED_BY_LEARNER, SUSPENDED_LEECH, QueueItem, Rating,
    Scheduler, Settings,
)
from quiz.store import (
    SCHEMA_VERSION, DiskFullError, Recorded, SessionSummary, Store, StoreBusyError, StoreError,
)

START = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)
ANSWER = Answer(text="1778", kind="date", value=None)


def own_answer(text: str) -> Answer:
    """An answer of its own: cards sharing one are kept off the same day."""
    return Answer(text=text, kind="text", value=None)


def make_deck(deck_id: str = "d", count: int = 5, statements: int = 0) -> Deck:
    facts = [Fact(id=f"f{i}", deck_id=deck_id, answers=(own_answer(f"answer f{i}"),), question=f"Q{i}?")
             for i in range(count)]
    facts += [Fact(id=f"s{i}", deck_id=deck_id, answers=(own_answer(f"first s{i}"), own_answer(f"second s{i}")),
                   text=f"{{{{first s{i}}}}} and {{{{second s{i}}}}}") for i in range(statements)]
    return Deck(id=deck_id, title=deck_id, facts=tuple(facts))


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def store(tmp_path: Path, clock: FixedClock) -> Iterator[Store]:
    opened = Store.open(tmp_path / "scores", clock)
    yield opened
    opened.close()


def answer(store: Store, session: int, key: tuple[str, str, int], verdict: str = "correct",
           **extra: object) -> Recorded:
    fields: dict[str, object] = {"format": "choice", "prompt": "Q?", "duration_ms": 2500}
    fields.update(extra)
    return store.record_answer(session, key, verdict=verdict, **fields)  # type: ignore[arg-type]


def test_a_new_store_is_wal_with_full_sync_and_versioned(store: Store) -> None:
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x7175697A
    conn.close()
    assert store._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store._conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_a_session_starts_without_waiting_for_the_disk_and_answers_still_do(
        store: Store) -> None:
    """The session row is committed unsynced (the first answer's commit makes it durable);
    the store is back at FULL for everything after it."""
    seen: list[str] = []
    store._conn.set_trace_callback(seen.append)
    session = store.start_session("study", ["d"])
    store._conn.set_trace_callback(None)
    assert seen.index("PRAGMA synchronous = NORMAL") < seen.index("COMMIT") \
        < seen.index("PRAGMA synchronous = FULL")
    assert store._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.session(session).mode == "study"


def test_an_answer_updates_the_card_and_logs_everything(store: Store, clock: FixedClock) -> None:
    session = store.start_session("study", ["d"])
    recorded = store.record_answer(
        session, ("d", "f1", 0), format="choice", prompt="In what year?",
        options=["1776", "1778", "1783", "1789"], chosen=1, verdict="correct", duration_ms=3100)
    assert recorded.rating == recorded.suggested == Rating.Good
    assert recorded.before.state == NEW and recorded.after.state == LEARNING
    assert store.card(("d", "f1", 0)).state == recorded.after
    [review] = store.history(("d", "f1", 0))
    assert review.id == recorded.review_id and review.reviewed_at == START
    assert (review.format, review.prompt, review.options, review.chosen) == (
        "choice", "In what year?", ["1776", "1778", "1783", "1789"], 1)
    assert (review.verdict, review.rating, review.duration_ms, review.retention) == (
        "correct", Rating.Good, 3100, 0.9)
    assert review.before == recorded.before and review.after == recorded.after
    assert review.session_id == session and review.mode == "study" and not review.undone
    counts = store.session(session)
    assert (counts.answered, counts.correct, counts.close, counts.wrong) == (1, 1, 0, 0)


def test_the_learners_override_is_what_is_stored(store: Store) -> None:
    session = store.start_session("study", ["d"])
    recorded = answer(store, session, ("d", "f1", 0), "wrong", rating=Rating.Hard)
    assert recorded.suggested == Rating.Again and recorded.rating == Rating.Hard
    assert store.history(("d", "f1", 0))[0].rating == Rating.Hard


def test_re_rating_the_last_answer_recomputes_the_card(store: Store, clock: FixedClock) -> None:
    session = store.start_session("study", ["d"])
    first = answer(store, session, ("d", "f1", 0))
    clock.advance(timedelta(minutes=10))
    second = answer(store, session, ("d", "f1", 0))
    changed = store.change_rating(second.review_id, Rating.Easy)
    expected = Scheduler().review(("d", "f1", 0), second.before, Rating.Easy, clock.now())
    assert changed.after == expected == store.card(("d", "f1", 0)).state
    assert store.history(("d", "f1", 0))[-1].rating == Rating.Easy
    assert store.history(("d", "f1", 0))[-1].suggested == Rating.Good
    with pytest.raises(StoreError, match="latest answer"):
        store.change_rating(first.review_id, Rating.Again)
    assert store.rebuild().ok


def test_easy_needs_a_quick_typed_answer_against_the_learners_median(store: Store) -> None:
    session = store.start_session("study", ["d"])
    for i in range(10):
        answer(store, session, ("d", f"f{i}", 0), format="recall", duration_ms=4000)
    assert store.median_duration("recall") == 4000
    assert answer(store, session, ("d", "g", 0), format="recall", duration_ms=1500).rating == Rating.Easy
    assert answer(store, session, ("d", "h", 0), format="recall", duration_ms=3000).rating == Rating.Good
    assert answer(store, session, ("d", "i", 0), format="choice", duration_ms=100).rating == Rating.Good


def test_undo_restores_the_card_and_flags_the_review(store: Store, clock: FixedClock) -> None:
    session = store.start_session("study", ["d"])
    answer(store, session, ("d", "f1", 0))
    clock.advance(timedelta(minutes=10))
    before = store.card(("d", "f1", 0)).state
    answer(store, session, ("d", "f1", 0), "wrong")
    undone = store.undo_last_answer(session)
    assert undone is not None and undone.undone and undone.verdict == "wrong"
    assert store.card(("d", "f1", 0)).state == before
    assert [r.undone for r in store.history(("d", "f1", 0))] == [False, True]
    assert store.session(session).answered == 1 and store.session(session).wrong == 0
    assert (store.counts()["reviews"], store.counts()["undone"]) == (1, 1)
    assert store.rebuild().ok
    store.undo_last_answer(session)
    assert store.card(("d", "f1", 0)).state.is_new
    assert store.undo_last_answer(session) is None
    assert store.rebuild().ok


def test_cram_and_exam_answers_leave_the_schedule_alone(store: Store) -> None:
    study = store.start_session("study", ["d"])
    answer(store, study, ("d", "f1", 0))
    state = store.card(("d", "f1", 0)).state
    for mode in ("cram", "exam"):
        session = store.start_session(mode, ["d"], planned=3 if mode == "exam" else None)
        recorded = answer(store, session, ("d", "f1", 0), "wrong")
        answer(store, session, ("d", "f2", 0), "correct")
        assert recorded.after == recorded.before == state
        assert store.card(("d", "f1", 0)).state == state
        assert store.card(("d", "f2", 0)).state.is_new
    assert store.rebuild().ok
    assert store.finish_session(session).session.score == pytest.approx(33.3)


def test_sessions_finish_with_a_score_and_personal_bests(store: Store, clock: FixedClock) -> None:
    def run(verdicts: str) -> SessionSummary:
        session = store.start_session("exam", ["b", "a"], planned=len(verdicts))
        for i, v in enumerate(verdicts):
            answer(store, session, ("a", f"f{i}", 0), {"c": "correct", "h": "close", "w": "wrong"}[v])
            clock.advance(timedelta(seconds=5))
        return store.finish_session(session)

    first = run("ccwccchc")
    assert first.session.score == pytest.approx(100 * 6.5 / 8, abs=0.1)
    assert first.session.best_streak == 3 and first.session.ended_at == clock.now()
    assert {b.metric for b in first.new_bests} == {"score", "streak", "answered", "points"}
    assert first.session.points == sum(r.points for r in store.session_reviews(first.session.id)) > 0
    assert all(b.previous is None and b.deck_key == "a+b" for b in first.new_bests)
    worse = run("wwwcc")
    assert worse.new_bests == ()
    better = run("cccccccc")
    assert {(b.metric, b.previous) for b in better.new_bests} == {
        ("score", first.session.score), ("streak", 3.0), ("points", float(first.session.points))}
    assert {b.metric: b.value for b in store.personal_bests("a+b")}["score"] == 100.0
    assert store.finish_session(better.session.id).new_bests == ()
    short = store.start_session("study", ["z"])
    answer(store, short, ("z", "f", 0))
    assert store.finish_session(short).new_bests == ()


def test_an_unknown_session_is_a_clear_error(store: Store) -> None:
    with pytest.raises(StoreError, match="no session 99"):
        answer(store, 99, ("d", "f", 0))
    with pytest.raises(ValueError):
        store.start_session("party", ["d"])
    with pytest.raises(ValueError):
        answer(store, store.start_session("study", ["d"]), ("d", "f", 0), "maybe")


def test_settings_are_typed_with_defaults(store: Store) -> None:
    assert store.settings() == Settings()
    changed = store.update_settings(desired_retention=0.85, new_per_day=10)
    assert changed == store.settings() == Settings(desired_retention=0.85, new_per_day=10)
    with pytest.raises(ValueError, match="desired_retention"):
        store.update_settings(desired_retention=2.0)
    with pytest.raises(ValueError, match="unknown setting"):
        store.update_settings(colour=3)
    store._conn.execute("UPDATE settings SET value = '\"lots\"' WHERE key = 'new_per_day'")
    assert store.settings() == Settings(desired_retention=0.85)
    session = store.start_session("study", ["d"])
    assert store.history(("d", "f", 0)) == []
    answer(store, session, ("d", "f", 0))
    assert store.history(("d", "f", 0))[0].retention == 0.85


def test_suspend_bury_and_their_undoing(store: Store, clock: FixedClock) -> None:
    deck = make_deck(count=3)
    store.suspend(("d", "f0", 0))
    store.bury(("d", "f1", 0))
    assert store.card(("d", "f0", 0)).suspended == SUSPENDED_BY_LEARNER
    assert [i.key for i in _drain(store, deck)] == [("d", "f2", 0)]
    store.unbury(("d", "f1", 0))
    store.suspend(("d", "f0", 0), False)
    assert len(_drain(store, deck)) == 3
    store.bury(("d", "f1", 0))
    clock.advance(timedelta(days=1))
    assert len(_drain(store, deck)) == 3


def _drain(store: Store, deck: Deck) -> list[QueueItem]:
    queue = store.study_queue([deck])
    items = []
    while (item := queue.next(store.clock.now())) is not None:
        items.append(item)
    return items


def test_eight_lapses_make_a_leech_suspended_with_a_notice(store: Store, clock: FixedClock) -> None:
    session = store.start_session("study", ["d"])
    key = ("d", "f0", 0)
    notices = []
    for _ in range(40):
        state = store.card(key).state
        if store.card(key).suspended:
            break
        verdict = "wrong" if state.state == REVIEW else "correct"
        recorded = answer(store, session, key, verdict)
        notices.append(recorded.notice)
        clock.set(max(recorded.after.due, clock.now()) + timedelta(seconds=1))
    card = store.card(key)
    assert card.suspended == SUSPENDED_LEECH and card.state.lapses == 8
    assert [n for n in notices if n] and "leech" in [n for n in notices if n][0]
    assert _drain(store, make_deck(count=1)) == []
    undone = store.undo_last_answer(session)
    assert undone is not None and store.card(key).suspended == 0
    assert store.card(key).state.lapses == 7 and store.rebuild().ok


def test_deck_counts_next_due_and_removed_facts(store: Store, clock: FixedClock) -> None:
    deck = make_deck(count=4)
    session = store.start_session("study", ["d"])
    for key in (("d", "f0", 0), ("d", "f1", 0)):
        answer(store, session, key)
        clock.advance(timedelta(minutes=10))
        answer(store, session, key)
    answer(store, session, ("d", "gone", 0))
    counts = store.deck_counts([deck])["d"]
    assert (counts.total, counts.new, counts.due, counts.suspended) == (4, 2, 0, 0)
    assert counts.new_today == 2 and counts.last_studied == clock.now()
    assert counts.retention is None
    assert store.next_due() == START + timedelta(minutes=30)  # the removed fact's learning step
    assert store.next_due(["d"]) == store.next_due()
    assert store.next_due(["nothing"]) is None
    clock.advance(timedelta(days=3))
    counts = store.deck_counts([deck])["d"]
    assert counts.due == 2
    for item in _drain(store, deck)[:2]:
        answer(store, session, item.key, "wrong" if item.key[1] == "f0" else "correct")
    counts = store.deck_counts([deck])["d"]
    assert counts.retention == 0.5 and counts.reviews_30d == 2
    # The removed fact kept its card and its history, and comes back with them.
    assert store.card(("d", "gone", 0)).state.reps == 1
    back = Deck(id="d", title="d", facts=deck.facts + (Fact(id="gone", deck_id="d", answers=(ANSWER,), question="reworded?"),))
    assert ("d", "gone", 0) in [i.key for i in _drain(store, back)]
    # Counted in SQL alone once every stored card is known to be the deck's; the check
    # follows the cards stored since, and a deck that lost a fact is counted card by card.
    assert store.deck_counts([back])["d"].new == 2
    answer(store, session, ("d", "f2", 0))
    assert store.deck_counts([back])["d"].new == 1
    assert store.deck_counts([deck])["d"].new == 1


def test_queues_follow_every_change_to_the_scores(store: Store, clock: FixedClock,
                                                  tmp_path: Path) -> None:
    """The stored cards a queue starts from are read once per change to the scores: a
    change through this store, through another connection, or a new study day."""
    deck = make_deck(count=4)

    def keys() -> list[tuple[str, str, int]]:
        return [i.key for i in _drain(store, deck)]

    assert keys() == [("d", f"f{n}", 0) for n in range(4)]
    store.suspend(("d", "f1", 0))
    assert ("d", "f1", 0) not in keys()
    other = Store.open(tmp_path / "scores", clock)
    try:
        other.suspend(("d", "f1", 0), False)
        other.suspend(("d", "f2", 0))
    finally:
        other.close()
    assert keys() == [("d", "f0", 0), ("d", "f1", 0), ("d", "f3", 0)]
    session = store.start_session("study", ["d"])
    answer(store, session, ("d", "f0", 0))
    queue = store.study_queue([deck])
    assert queue.counts().learning == 1
    learning = queue.next(clock.now() + timedelta(hours=1))
    assert learning is not None and (learning.key, learning.kind) == (("d", "f0", 0), "learning")
    store.bury(("d", "f3", 0))
    assert ("d", "f3", 0) not in keys()
    clock.advance(timedelta(days=1))  # a new study day, and the burial is over
    assert store.deck_counts([deck])["d"].due_today == 1
    assert ("d", "f3", 0) in keys()


def test_what_the_store_keeps_between_queries_stays_bounded(store: Store) -> None:
    """Many different sets of decks asked for (a long session of home, cram and study
    over many decks) do not make the store's memos grow without end."""
    decks = [make_deck(f"d{n}", count=2) for n in range(20)]
    for n in range(20):
        asked = decks[n:n + 2]
        assert store.queue_counts(asked).new == 2 * len(asked)
        assert set(store.deck_counts(asked)) == {d.id for d in asked}
    memos = store._memos
    assert 0 < len(memos.queue_cards) <= 16 and 0 < len(memos.sorts) <= 16
    assert len(memos.counts) == 20 and 0 < len(memos.card_totals) <= 64


def test_a_reworded_fact_keeps_its_progress(store: Store, clock: FixedClock) -> None:
    session = store.start_session("study", ["d"])
    answer(store, session, ("d", "f0", 0))
    clock.advance(timedelta(minutes=10))
    answer(store, session, ("d", "f0", 0))
    clock.advance(timedelta(days=5))
    reworded = Deck(id="d", title="d", facts=(Fact(id="f0", deck_id="d", question="New words?",
                                                   answers=(Answer("1779", "date", None),)),))
    [item] = _drain(store, reworded)
    assert item.kind == "review" and item.state.reps == 2


def test_queue_limits_count_what_was_studied_earlier_today(store: Store, clock: FixedClock) -> None:
    store.update_settings(new_per_day=3)
    deck = make_deck(count=10, statements=1)
    session = store.start_session("study", ["d"])
    for item in _drain(store, deck)[:2]:
        answer(store, session, item.key)
    later = [(i.kind, i.key) for i in _drain(store, deck)]
    assert [key for kind, key in later if kind == "new"] == [("d", "f2", 0)]
    assert [key for kind, key in later if kind == "learning"] == [("d", "f0", 0), ("d", "f1", 0)]
    assert store.today().new_by_deck == {"d": 2}
    store.update_settings(new_per_day=20)
    keys = [i.key for i in _drain(store, deck)]
    assert ("d", "s0", 0) in keys and ("d", "s0", 1) not in keys


def test_cram_and_exam_queues(store: Store) -> None:
    deck = make_deck(count=6)
    store.suspend(("d", "f0", 0))
    assert len(store.cram_queue([deck], seed=1)) == 6
    exam = store.exam_queue([deck], 4, seed=2)
    assert len({i.key for i in exam}) == 4


def test_a_full_disk_is_a_clear_error_and_loses_nothing(store: Store) -> None:
    session = store.start_session("study", ["d"])
    answer(store, session, ("d", "f0", 0))
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")
    big = "x" * 200_000
    with pytest.raises(DiskFullError, match="disk .* is full"):
        answer(store, session, ("d", "f1", 0), prompt=big)
    assert store.card(("d", "f1", 0)).state.is_new
    assert store.session(session).answered == 1
    store._conn.execute("PRAGMA max_page_count = 1073741823")
    answer(store, session, ("d", "f1", 0), prompt=big)
    assert store.session(session).answered == 2 and store.rebuild().ok


def test_a_writer_that_never_lets_go_gives_a_busy_error(tmp_path: Path, clock: FixedClock) -> None:
    store = Store.open(tmp_path, clock, busy_timeout_ms=50)
    session = store.start_session("study", ["d"])
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreBusyError, match="another copy of quiz"):
            answer(store, session, ("d", "f0", 0))
    finally:
        other.execute("ROLLBACK")
        other.close()
    answer(store, session, ("d", "f0", 0))
    assert store.session(session).answered == 1
    store.close()


def test_a_store_per_thread(tmp_path: Path, clock: FixedClock) -> None:
    results: list[int] = []

    def work() -> None:
        with Store.open(tmp_path, clock) as mine:
            results.append(mine.start_session("study", ["d"]))

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [1, 2, 3]


def test_a_shared_store_may_be_used_from_another_thread(tmp_path: Path, clock: FixedClock) -> None:
    results: list[object] = []
    with Store.open(tmp_path, clock, shared=True) as shared:
        thread = threading.Thread(target=lambda: results.append(shared.start_session("cram", ["d"])))
        thread.start()
        thread.join()
        assert results == [1]
    with Store.open(tmp_path, clock) as own:
        thread = threading.Thread(target=lambda: results.append(_try(own.counts)))
        thread.start()
        thread.join()
    assert isinstance(results[1], sqlite3.ProgrammingError)


def _try(work: object) -> object:
    try:
        return work()  # type: ignore[operator]
    except sqlite3.ProgrammingError as exc:
        return exc


def test_rebuild_replays_the_log_into_identical_states(store: Store, clock: FixedClock) -> None:
    rng = random.Random(5)
    keys = [("d", f"f{i}", b) for i in range(6) for b in range(2)]
    session = store.start_session("study", ["d"])
    for step in range(300):
        key = rng.choice(keys)
        verdict = rng.choice(["correct", "correct", "close", "wrong"])
        recorded = answer(store, session, key, verdict, format=rng.choice(["recall", "choice"]),
                          duration_ms=rng.randint(500, 9000))
        if step % 17 == 0:
            store.change_rating(recorded.review_id, rng.choice(list(Rating)))
        if step % 23 == 0:
            store.undo_last_answer(session)
        if step % 41 == 0:
            store.update_settings(desired_retention=rng.choice([0.8, 0.9, 0.95]))
        clock.advance(timedelta(hours=rng.choice([0, 1, 6, 30, 200])))
    report = store.rebuild()
    assert report.ok and report.cards == len(keys) and report.reviews > 250
    assert any(store.card(k).state.state in (REVIEW, RELEARNING) for k in keys)
    # Tamper with a state: the replay notices, and --rebuild puts it back.
    store._conn.execute("UPDATE cards SET stability = 99, due = 0 WHERE fact_id = 'f1'")
    store._conn.execute("INSERT INTO cards (deck_id, fact_id, blank, state, due) "
                        "VALUES ('d', 'ghost', 0, 2, 5)")
    report = store.rebuild()
    assert set(report.mismatched) == {("d", "f1", 0), ("d", "f1", 1), ("d", "ghost", 0)}
    assert store.rebuild(write=True).written
    assert store.rebuild().ok and store.card(("d", "ghost", 0)).state.is_new


def test_review_log_rows_hold_state_json(store: Store) -> None:
    session = store.start_session("study", ["d"])
    answer(store, session, ("d", "f0", 0), response="1778")
    before, after, response = store._conn.execute(
        "SELECT before, after, response FROM reviews").fetchone()
    assert json.loads(before)["state"] == NEW and json.loads(after)["state"] == LEARNING
    assert response == "1778"
    assert store.counts()["reviews"] == 1
    assert store.sessions()[0].id == session
    assert [r.id for r in store.session_reviews(session)] == [1]
