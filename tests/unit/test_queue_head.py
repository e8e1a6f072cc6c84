"""A study queue's first card read before the queue is built, held against the whole queue.

`Store.study_head` chooses the first card from the learning cards and the first reviews
SQLite ranks (`quiz.store.heads`), and `QueueHead.finish` builds the rest afterwards. Here,
on stores of every kind (learning due now or later, related cards held back, daily limits
reached after answers, new cards only, nothing to ask, several decks, the benchmark's
synthetic decks), the first card must be the whole queue's first, and the queue after it
the whole queue's rest, in the same order and with the same counts.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import launch_golden  # noqa: E402
from test_queue_due import _deck_file, _drain, _rows, mixed  # noqa: E402,F401

import quiz  # noqa: E402
from quiz.clock import FixedClock, to_ms  # noqa: E402
from quiz.facts import Deck  # noqa: E402
from quiz.scheduler import StudyQueue  # noqa: E402
from quiz.scheduler.settings import DEFAULT_PARAMETERS  # noqa: E402
from quiz.scheduler.queue_head import QueueHead  # noqa: E402
from quiz.store import Store, heads, queries  # noqa: E402
from quiz.study import Study  # noqa: E402

NOW = datetime(2026, 6, 1, 18, tzinfo=UTC)
DAY, HOUR, MINUTE = 86_400_000, 3_600_000, 60_000


def _same(store: Store, decks: list[Deck], now: datetime) -> str:
    """Hold the head and the rest against the whole queue at ``now``; which way the head
    was found ("head", or "whole" when the whole queue was built for it)."""
    whole = store.study_queue(decks, now)
    counts = whole.counts()
    order = _drain(whole, now)
    made = store.study_head(decks, now)
    assert not store._memos.queue_cards  # nothing kept: as at launch
    if isinstance(made, StudyQueue):
        assert made.counts() == counts
        assert _drain(made, now) == order
        return "whole"
    first = made.take()
    rest = made.finish()
    asked = [] if first is None else [(*first.key, first.kind, first.state)]
    assert asked == order[:1]
    left = rest.counts()
    got = [left.learning, left.review, left.new]
    if first is not None:
        got[("learning", "review", "new").index(first.kind)] += 1
    assert got == [counts.learning, counts.review, counts.new]
    assert asked + _drain(rest, now) == order
    return "head"


def _store(tmp_path: Path, rows: list[tuple[Any, ...]]) -> Store:
    store = Store.open(tmp_path / "scores", FixedClock(NOW))
    store._write(lambda conn: conn.executemany(
        f"INSERT INTO cards ({queries.CARD_COLUMNS}) VALUES ({', '.join('?' * 13)})", rows))
    return store


def _row(fact: str, state: int, due: int, stability: float = 10.0, last: int | None = None,
         blank: int = 0, deck: str = "mixed") -> tuple[Any, ...]:
    last = to_ms(NOW) - 5 * DAY if last is None else last
    return (deck, fact, blank, state, 0 if state in (1, 3) else None, stability, 5.0, due, last,
            3, 0, 0, None)


@pytest.mark.parametrize("soonest", [1, 3, 16])
def test_the_head_of_every_kind_of_store_is_the_queues(
        mixed: tuple[Store, Deck], soonest: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Learning, reviews (with related cards held back: the deck's answers are shared),
    suspended and buried cards, rows the deck no longer has, limits of every size; the
    soonest learning cards read a few or many at a time."""
    monkeypatch.setattr(heads, "SOONEST_LEARNING", soonest)
    store, deck = mixed
    ways = set()
    for now in (NOW, NOW + timedelta(hours=2), NOW - timedelta(days=2)):
        for new_per_day, reviews_per_day in ((20, 200), (4, 6), (0, 1), (3, 0)):
            store.update_settings(new_per_day=new_per_day, reviews_per_day=reviews_per_day)
            ways.add(_same(store, [deck], now))
    assert ways == {"head"}


@pytest.mark.parametrize("ranked", ["0.5 * pow(", "no_such_function("])
def test_a_ranking_sqlite_makes_otherwise_builds_the_whole_queue(
        mixed: tuple[Store, Deck], ranked: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every review SQLite ranks is ranked again in Python; where they differ (another
    `pow`, say), or SQLite has no `pow`, the queue is built whole rather than trusted."""
    store, deck = mixed
    monkeypatch.setattr(heads, "_RANKED", heads._RANKED.replace("pow(", ranked))
    store._write(lambda conn: conn.execute("DELETE FROM cards WHERE state IN (1, 3)"))
    assert _same(store, [deck], NOW) == "whole"  # no learning card: the reviews are read


@pytest.mark.parametrize("limit", [1, 2, 5])
def test_more_reviews_walked_than_read_builds_the_whole_queue(
        mixed: tuple[Store, Deck], limit: int, monkeypatch: pytest.MonkeyPatch) -> None:
    store, deck = mixed
    monkeypatch.setattr(heads, "HEAD_REVIEWS", limit)
    for now in (NOW, NOW + timedelta(hours=2)):
        for reviews_per_day in (200, 0):
            store.update_settings(reviews_per_day=reviews_per_day)
            _same(store, [deck], now)


def test_learning_due_now_later_or_ahead(tmp_path: Path) -> None:
    rng = random.Random(7)
    deck = quiz.load_deck(_deck_file(tmp_path, rng))
    now_ms = to_ms(NOW)
    facts = [fact.id for fact in deck.facts]
    waiting = [_row(f, 2, now_ms + 9 * DAY, blank=b) for f in facts for b in range(2)
               if (f, b) != (facts[4], 0)]  # every other card (and blanks no longer there)
    cases = {
        "learning now": [_row(facts[5], 1, now_ms - MINUTE), _row(facts[3], 3, now_ms - MINUTE),
                         _row(facts[0], 2, now_ms - DAY)],
        "learning later": [_row(facts[5], 1, now_ms + HOUR), _row(facts[0], 2, now_ms - DAY),
                           _row(facts[1], 2, now_ms - 2 * DAY, stability=2.0)],
        "learning ahead": [*waiting, _row(facts[4], 1, now_ms + 10 * MINUTE)],
        "nothing now": [*waiting, _row(facts[4], 1, now_ms + 3 * HOUR)],
        "new only": [],
        "nothing at all": [*waiting, _row(facts[4], 2, now_ms + 9 * DAY)],
    }
    for name, rows in cases.items():
        folder = tmp_path / name
        folder.mkdir()
        store = _store(folder, rows)
        try:
            assert _same(store, [deck], NOW) == "head", name
        finally:
            store.close()


@pytest.mark.parametrize("soonest", [1, 2, 16])
def test_a_learning_card_whose_sibling_claims_its_fact_is_not_the_head(
        tmp_path: Path, soonest: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The soonest due learning card is a statement's second blank: its first blank,
    earlier in the deck though due later, claims the fact, so the second is not asked
    today, and the head is the next learning card due (of another fact)."""
    monkeypatch.setattr(heads, "SOONEST_LEARNING", soonest)
    deck = quiz.load_deck(_deck_file(tmp_path, random.Random(7)))
    now_ms = to_ms(NOW)
    rows = [_row("s1", 1, now_ms - 10 * MINUTE, blank=1), _row("s1", 1, now_ms - MINUTE),
            _row("q0", 3, now_ms - 5 * MINUTE), _row("q3", 1, now_ms - 20 * MINUTE,
                                                      deck="gone")]
    store = _store(tmp_path, rows)
    try:
        assert _same(store, [deck], NOW) == "head"
        first = store.study_head([deck], NOW)
        assert isinstance(first, QueueHead) and first.first is not None
        assert first.first.key == ("mixed", "q0", 0)
    finally:
        store.close()


def test_ties_in_retrievability_go_by_due_time_then_key(tmp_path: Path) -> None:
    """Reviews of equal stability and last review rank equal: due time, then fact id,
    decide (SQLite's order is Python's, ids of any letters)."""
    lines = ["title: Ties", "id: ties", "facts:"]
    ids = ["b", "a", "B", "a.b", "a1", "z_", "Z9", "a-b", "9a"]
    for n, fact_id in enumerate(ids):
        lines += [f"  - id: {fact_id!r}", f"    question: Which number is {n}?",
                  f"    answer: number {n}", "    kind: text"]
    (tmp_path / "ties.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    deck = quiz.load_deck(tmp_path / "ties.yaml")
    now_ms = to_ms(NOW)
    rows = [_row(f, 2, now_ms - DAY * (n % 2), last=now_ms - 4 * DAY, deck="ties")
            for n, f in enumerate(ids)]
    store = _store(tmp_path, rows)
    try:
        for per_day in (200, 3, 1):
            store.update_settings(reviews_per_day=per_day)
            assert _same(store, [deck], NOW) == "head"
    finally:
        store.close()


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The benchmark's synthetic collection, small (`launch_golden`)."""
    folder = tmp_path_factory.mktemp("synthetic")
    launch_golden.make_collection.ensure(launch_golden.FACTS, launch_golden.REVIEWS,
                                         launch_golden.SEED, folder=folder / "collection")
    return folder / "collection"


def _open(synthetic: Path, tmp_path: Path) -> Study:
    """The synthetic collection opened on a copy of its scores (answers are written)."""
    import shutil

    shutil.copytree(synthetic / "scores", tmp_path / "scores")
    return Study.open(synthetic / "decks", tmp_path / "scores",
                      FixedClock(launch_golden.make_collection.NOW))


def test_the_synthetic_decks_alone_and_together(synthetic: Path, tmp_path: Path) -> None:
    study = _open(synthetic, tmp_path)
    try:
        now = study.clock.now()
        ids = [deck.id for deck in study.decks()]
        for chosen in ([i] for i in ids):
            _same(study.store, study.decks(chosen), now)
        assert _same(study.store, study.decks(ids[:2]), now) == "head"
        assert _same(study.store, study.decks(ids), now) == "head"
        # Reviews first (no learning card), two decks forgetting at their own pace.
        settings = study.settings().with_parameters(ids[0], (*DEFAULT_PARAMETERS[:20], 0.5))
        study.store._write(lambda conn: (
            conn.execute("DELETE FROM cards WHERE state IN (1, 3)"),
            conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('parameters', ?)",
                         (json.dumps(settings.to_dict()["parameters"]),))))
        assert study.store.settings().parameters_for(ids[0])[20] == 0.5
        assert _same(study.store, study.decks(ids[:3]), now) == "head"
    finally:
        study.close()


def test_after_answers_and_with_the_daily_limits_reached(synthetic: Path,
                                                         tmp_path: Path) -> None:
    """Cards studied today claim their facts and hold related cards back; the answers use
    up small daily limits, and learning cards come back."""
    study = _open(synthetic, tmp_path)
    clock = study.clock
    assert isinstance(clock, FixedClock)
    try:
        study.update_settings(new_per_day=3, reviews_per_day=4)
        deck = study.decks()[0].id
        session = study.start([deck], "study", seed=3)
        for n in range(12):
            card = session.next()
            if card is None:
                break
            session.answer(launch_golden._response(card, n), 3000)
            clock.advance(timedelta(minutes=1))
            for decks in ([deck], [d.id for d in study.decks()]):
                _same(study.store, study.decks(decks), clock.now())
        session.finish()
    finally:
        study.close()


@pytest.mark.parametrize("count_first", [True, False])
def test_a_session_started_from_its_head_asks_as_one_started_whole(
        synthetic: Path, tmp_path: Path, count_first: bool) -> None:
    """The same questions, answers and progress, whether the queue's rest is built once
    the first question is shown (`Session.count`) or by the first answer."""
    runs = []
    for head_first in (False, True):
        study = _open(synthetic, tmp_path / str(head_first))
        clock = study.clock
        assert isinstance(clock, FixedClock)
        try:
            deck = study.decks()[1].id
            session = study.start([deck], "study", seed=11, head_first=head_first)
            card = session.next()
            assert card is not None
            assert session.counted is not head_first
            if head_first:
                assert session.progress.counted is False
            seen = [launch_golden._question(card)]
            progress = [session.count() if count_first or not head_first else None]
            for n in range(15):
                session.answer(launch_golden._response(card, n), 2500)
                progress.append(session.progress)
                clock.advance(timedelta(seconds=30))
                card = session.next()
                if card is None:
                    break
                seen.append(launch_golden._question(card))
            assert session.counted
            runs.append((seen, progress))
        finally:
            study.close()
    (seen_whole, progress_whole), (seen_head, progress_head) = runs
    assert seen_head == seen_whole
    assert progress_head[1:] == progress_whole[1:]
    if count_first:
        assert progress_head[0] == progress_whole[0]
        assert progress_head[0].counted


def test_a_head_the_whole_queue_does_not_start_with_is_not_asked_twice() -> None:
    """Never seen (the tests above hold head and queue equal), but should the whole queue
    start with another card than the one shown, that card stays queued and the one shown
    is dropped from the rest."""
    from quiz.scheduler import QueueItem
    from quiz.scheduler.records import NEW_CARD

    def item(fact: str) -> QueueItem:
        return QueueItem(("d", fact, 0), deck_stub, "new", NEW_CARD)

    deck_stub: Any = object()
    shown, other, last = item("a"), item("b"), item("c")
    head = QueueHead(shown, lambda: StudyQueue([], [other, shown, last], [], NOW + timedelta(
        hours=6), timedelta(minutes=20)), NOW)
    assert head.take() == shown
    rest = head.finish()
    assert [rest.next(NOW), rest.next(NOW), rest.next(NOW)] == [other, last, None]
    untaken = QueueHead(shown, lambda: StudyQueue([], [shown, other], [], NOW, timedelta()), NOW)
    assert untaken.finish().next(NOW) == shown  # nothing taken: the whole queue
