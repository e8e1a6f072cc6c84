"""A queue started with nothing kept reads only the cards asked today, and is the same queue.

`Store.study_queue` with no sorting kept for the decks (a session started at launch, before
any home screen) sorts the rows due today into deck order and finds the new cards by
asking the store about the keys it walks past (`quiz.scheduler.due_cards`). Here it is
held against `sort_cards` and the plain `build_queue` over every stored card, on a deck
with statements, blank ids and rows the deck no longer has, with batches of every size;
and against the recording of what start-up showed before it was reworked
(``tests/data/launch_golden.json``): the same queues, the same first question and the same
70-answer session.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import launch_golden  # noqa: E402

import quiz  # noqa: E402
from quiz.clock import FixedClock, to_ms, today_bounds  # noqa: E402
from quiz.facts import Deck  # noqa: E402
from quiz.questions.reveal import KeepApart  # noqa: E402
from quiz.scheduler import Scheduler, StudyQueue, build_queue, sort_cards  # noqa: E402
from quiz.scheduler import due_cards  # noqa: E402
from quiz.store import Store, queries  # noqa: E402
from quiz.study import Study  # noqa: E402

NOW = datetime(2026, 6, 1, 18, tzinfo=UTC)
GOLDEN = Path(__file__).resolve().parents[1] / "data" / "launch_golden.json"
ANSWERS = ["Paris", "Lyon", "Nice", "Rome", "Milan", "Oslo", "Bergen", "Lille", "Turin", "Bonn"]


def _deck_file(folder: Path, rng: random.Random) -> Path:
    """A deck of questions and two-blank statements, some of them with blank ids (their
    store keys do not follow their order in the sentence), answers often shared."""
    lines = ["title: Mixed", "id: mixed", "facts:"]
    for n in range(90):
        a, b = rng.sample(ANSWERS, 2)
        kind = n % 3
        if kind == 0:
            lines += [f"  - id: q{n}", f"    question: Which city is number {n} on the list?",
                      f"    answer: {a}", "    kind: name"]
        else:
            ids = [f"id: from{n}, ", f"id: to{n}, "] if kind == 2 else ["", ""]
            lines += [f"  - id: s{n}",
                      f"    text: Route {n} runs from {{{{{a}}}}} to {{{{{b}}}}}.", "    blanks:",
                      *(f"      - {{{blank_id}kind: name}}" for blank_id in ids)]
    path = folder / "mixed.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _rows(deck: Deck, rng: random.Random) -> list[tuple[Any, ...]]:
    """Stored cards of every kind: waiting, due, learning, suspended, buried (for an hour,
    or a burial that ended), stored as new, and cards the deck no longer has."""
    now_ms, day, hour = to_ms(NOW), 86_400_000, 3_600_000
    keys = [*deck.card_keys(), ("gone", 0), ("q0", 1), ("s1", 7)]
    rows = []
    for fact_id, blank in keys:
        if rng.random() < 0.25:
            continue  # never answered: new
        state = rng.choice([0, 1, 2, 2, 2, 3])
        due = None if state == 0 else now_ms + rng.randint(-3 * day, 3 * day)
        last = None if state == 0 else now_ms - rng.randint(hour, 40 * day)
        stability = None if state == 0 else rng.uniform(0.5, 60)
        buried = rng.choice([None] * 8 + [now_ms + hour, now_ms - hour])
        rows.append(("mixed", fact_id, blank, state, 0 if state in (1, 3) else None, stability,
                     None if state == 0 else rng.uniform(1, 9), due, last,
                     0 if state == 0 else rng.randint(1, 9), rng.randint(0, 2),
                     int(rng.random() < 0.08), buried))
    return rows


@pytest.fixture(params=[(3, False), (11, True), (29, True)])
def mixed(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Store, Deck]]:
    """A store of the mixed deck's cards; the deck as parsed, or from its compiled form
    (its facts' places and blank keys read without decoding them)."""
    seed, compiled = request.param
    rng = random.Random(seed)
    path = _deck_file(tmp_path, rng)
    deck = quiz.load_deck(path)
    if compiled:
        from quiz.compiled import dumps, loads

        deck = loads(dumps(deck), deck.path, lambda: quiz.load_deck(path))
        assert hasattr(deck.facts, "keyed_at")
    store = Store.open(tmp_path / "scores", FixedClock(NOW))
    rows = _rows(deck, rng)
    store._write(lambda conn: conn.executemany(
        f"INSERT INTO cards ({queries.CARD_COLUMNS}) VALUES ({', '.join('?' * 13)})", rows))
    yield store, deck
    store.close()


def _drain(queue: StudyQueue, now: datetime) -> list[tuple[Any, ...]]:
    asked = []
    while (item := queue.next(now)) is not None:
        asked.append((*item.key, item.kind, item.state))
    return asked


@pytest.mark.parametrize("batches", [(64, 1024, 4096), (1, 2, 3), (2, 5, 40)])
def test_sorted_from_the_due_rows_as_from_every_card(
        mixed: tuple[Store, Deck], batches: tuple[int, int, int],
        monkeypatch: pytest.MonkeyPatch) -> None:
    store, deck = mixed
    first, last, whole = batches
    monkeypatch.setattr(due_cards, "FIRST_BATCH", first)
    monkeypatch.setattr(due_cards, "LAST_BATCH", last)
    monkeypatch.setattr(queries, "WHOLE_DECK_AFTER", whole)
    settings = store.settings()
    for now in (NOW, NOW + timedelta(hours=2)):  # one burial has ended by then
        _, end = today_bounds(now, store.clock.zone, settings.day_ends_at)
        full = sort_cards([deck], store._read_queue_cards([deck.id], to_ms(end)), now, end)
        due = store._sorted_due([deck], now, end)
        assert due.learning == full.learning
        assert due.reviews == full.reviews
        assert list(due.new) == list(full.new)
        assert len(full.learning) and len(full.reviews) and len(full.new)  # a real test
        # The queue itself, limits small enough that some cards wait.
        for new_per_day, reviews_per_day in ((20, 200), (4, 6), (0, 1)):
            store.update_settings(new_per_day=new_per_day, reviews_per_day=reviews_per_day)
            settings = store.settings()
            plain = build_queue([deck], store.cards([deck.id]), store.today(now), settings, now,
                                end, Scheduler(settings), KeepApart([deck]))
            quick = store.study_queue([deck], now)
            assert not store._memos.queue_cards  # nothing kept: the due rows only
            assert quick.counts() == plain.counts()
            assert _drain(quick, now) == _drain(plain, now)
        store.update_settings(new_per_day=20, reviews_per_day=200)


def test_a_queue_after_the_home_screens_counts_uses_the_cards_they_kept(
        mixed: tuple[Store, Deck], monkeypatch: pytest.MonkeyPatch) -> None:
    store, deck = mixed
    fresh = _drain(store.study_queue([deck], NOW), NOW)
    store.deck_counts([deck], NOW)  # the home screen: the deck's cards read and sorted, kept

    def unwanted(*args: Any) -> None:
        raise AssertionError("the due rows read again")
    monkeypatch.setattr(Store, "_sorted_due", unwanted)
    assert _drain(store.study_queue([deck], NOW), NOW) == fresh


def test_a_new_card_after_thousands_of_stored_ones_is_found(tmp_path: Path) -> None:
    """New cards late in a large deck: the keys are asked a batch at a time, then the
    deck's stored keys are read whole, and the first new card is still the first."""
    lines = ["title: Long", "id: long", "facts:"]
    for n in range(6000):
        lines += [f"  - id: f{n}", f"    question: What is item {n}?", f"    answer: thing {n}",
                  "    kind: text"]
    (tmp_path / "long.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    deck = quiz.load_deck(tmp_path / "long.yaml")
    store = Store.open(tmp_path / "scores", FixedClock(NOW))
    try:
        waiting = to_ms(NOW) + 30 * 86_400_000
        rows = [("long", f"f{n}", 0, 2, None, 40.0, 5.0, waiting, to_ms(NOW) - 86_400_000, 3, 0,
                 0, None) for n in range(6000) if n not in (5001, 5900)]
        store._write(lambda conn: conn.executemany(
            f"INSERT INTO cards ({queries.CARD_COLUMNS}) VALUES ({', '.join('?' * 13)})", rows))
        queue = store.study_queue([deck], NOW)
        assert [i.key[1] for i in iter(lambda: queue.next(NOW), None)] == ["f5001", "f5900"]
    finally:
        store.close()


def test_launch_without_the_home_screen_shows_what_start_up_always_showed(
        tmp_path: Path) -> None:
    """The recording's queues and session, each from a study opened afresh (nothing kept:
    a session started at launch), rather than after the home screen's counts."""
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    collection = launch_golden.make_collection.ensure(
        launch_golden.FACTS, launch_golden.REVIEWS, launch_golden.SEED,
        folder=tmp_path / "collection")
    clock = FixedClock(launch_golden.make_collection.NOW)
    for name, recorded in expected["queues"].items():
        study = Study.open(collection.decks_dir, collection.scores_dir, clock)
        try:
            queue = study.store.study_queue(study.decks(name.split("+")), clock.now())
            assert not study.store._memos.queue_cards
            counts = queue.counts()
            order = [[*item.key, item.kind] for item in iter(lambda: queue.next(clock.now()), None)]
            assert {"counts": [counts.learning, counts.review, counts.new], "order": order} \
                == recorded, name
        finally:
            study.close()
    study = Study.open(collection.decks_dir, collection.scores_dir, clock,
                       first=collection.study_deck)
    try:
        session = study.start([collection.study_deck], "study", seed=1)
        assert not study.store._memos.queue_cards
        for n, want in enumerate(expected["session"]):
            card = session.next()
            assert card is not None, f"question {n + 1} of the session"
            outcome = session.answer(launch_golden._response(card, n), 4000 + 250 * n)
            got = {**launch_golden._question(card), "verdict": outcome.grade.verdict,
                   "rating": outcome.rating}
            assert got == want, f"question {n + 1} of the session"
            clock.advance(timedelta(seconds=20))
        session.finish()
    finally:
        study.close()
