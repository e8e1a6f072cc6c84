"""Counting a queue from its index (`quiz.scheduler.queue_count`) gives the queue's own
counts, and the index patched card by card after this store's own writes is the one built
afresh from the same sorted cards.

On the benchmark's synthetic collection (small), through random writes of every kind a
queue cares about (answers of learning, review and new cards with every verdict, re-rates,
undo, suspend, bury, unbury, forget, tight limits) and the clock moving through the day,
across a change of the reviews' retrievability and into the next day. After each one the
store's counts are compared with the plain build (`build_queue` over every stored card,
nothing kept) and the kept index with a fresh one; the run must have patched the index
most of the time, or it would not test the patching.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import launch_golden  # noqa: E402

from quiz.clock import to_ms, today_bounds  # noqa: E402
from quiz.facts import Answer, Deck, Fact  # noqa: E402
from quiz.questions.reveal import KeepApart  # noqa: E402
from quiz.scheduler import (  # noqa: E402
    LEARNING, NEW, RELEARNING, REVIEW, CardKey, CardState, Scheduler, Settings, StoredCard, Today,
    build_queue, count_queue, queue_count, ranks_until,
)
from quiz.scheduler.queue_count import ranks_hold_until  # noqa: E402
from quiz.scheduler.queue_cards import COUNT_INDEX  # noqa: E402
from quiz.study import Study  # noqa: E402

NOW = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)
DAY_END = datetime(2026, 3, 3, 4, 0, tzinfo=timezone.utc)

BUILD = queue_count._build
"""Builds an index afresh (kept here: the test counts the store's own builds)."""


@pytest.fixture()
def study(tmp_path: Path) -> Iterator[Study]:
    opened = launch_golden.open_synthetic(tmp_path, 300, 3000, 11)
    yield opened
    opened.close()


def _check(study: Study, deck_ids: list[str]) -> None:
    """The store's counts equal the plain build's, and its kept index a fresh one."""
    store, now = study.store, study.clock.now()
    settings = store.settings()
    _, end = today_bounds(now, study.clock.zone, settings.day_ends_at)
    decks = [d for d in study.decks() if d.id in deck_ids]
    counts = store.queue_counts(decks)
    plain = build_queue(decks, store.cards(deck_ids), store.today(now), settings, now, end,
                        Scheduler(settings), KeepApart(decks)).counts()
    assert counts == plain
    if len(decks) == 1:
        row = store.deck_counts(decks)[decks[0].id]
        assert (row.new_today, row.due_today) == (plain.new, plain.learning + plain.review)
        # The totals counted from the cards read for the queue, as SQL counts them.
        assert (row.new, row.due, row.suspended) == store._tally(decks[0], to_ms(end), to_ms(now))
    sorted_cards = store._sorted(decks, now, end)[1]
    kept = sorted_cards.derived[COUNT_INDEX]
    decays = {d.id: Scheduler(settings).decay(d.id) for d in decks}
    fresh = BUILD(sorted_cards, decays, to_ms(now))
    assert kept.holds(to_ms(now), decays)
    # The ranks and their bound are those of the cards at their own time (the fresh ones
    # are taken now): a patched bound is never later than the fresh one.
    assert kept.cards() == fresh.cards()
    assert fresh.until is None or (kept.until is not None and kept.until <= fresh.until)
    # So the counts are worked out again no later than the reviews rank otherwise.
    until, exact = ranks_hold_until(sorted_cards, now), ranks_until(sorted_cards, now)
    assert exact is None or (until is not None and now < until <= exact)


def _some_card(rng: random.Random, study: Study, deck_id: str) -> Any:
    """A card of the deck's queue lists (learning, review, new), or any of its cards."""
    store, now = study.store, study.clock.now()
    deck = next(d for d in study.decks() if d.id == deck_id)
    _, end = today_bounds(now, study.clock.zone, store.settings().day_ends_at)
    sorted_cards = store._sorted([deck], now, end)[1]
    lists = [sorted_cards.learning, sorted_cards.reviews, sorted_cards.new[:20]]
    chosen = rng.choice([entries for entries in lists if entries] or [()])
    if chosen and rng.random() < 0.8:
        return rng.choice(chosen)[0]
    fact, blank = rng.choice(list(deck.card_keys()))
    return (deck_id, fact, blank)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_counts_from_a_patched_index_equal_the_plain_build(study: Study, seed: int) -> None:
    rng = random.Random(seed)
    store, clock = study.store, study.clock
    a, b = (d.id for d in study.decks()[:2])
    patched = built = 0
    real_patched, real_build = queue_count._patched, queue_count._build

    def patch(*args: Any) -> Any:
        nonlocal patched
        found = real_patched(*args)
        patched += found is not None
        return found

    def build(*args: Any) -> Any:
        nonlocal built
        built += 1
        return real_build(*args)

    queue_count._patched, queue_count._build = patch, build  # type: ignore[assignment]
    try:
        _check(study, [a])
        session = store.start_session("study", [a, b])
        recorded: list[int] = []
        for step in range(60):
            deck = a if rng.random() < 0.85 else b
            kind = rng.random()
            key = _some_card(rng, study, deck)
            if kind < 0.55:
                recorded.append(store.record_answer(
                    session, key, format="recall", prompt="?", duration_ms=2000,
                    verdict=rng.choice(["correct", "correct", "close", "wrong"])).review_id)
            elif kind < 0.62 and recorded:
                store.change_rating(recorded[-1], rng.randint(1, 4))
            elif kind < 0.70:
                if store.undo_last_answer(session) is not None:
                    recorded.pop()
            elif kind < 0.76:
                store.suspend(key, rng.random() < 0.7)
            elif kind < 0.80:
                store.bury(key)
            elif kind < 0.83:
                store.unbury(key)
            elif kind < 0.86:
                store.forget(key)
            elif kind < 0.88:
                study.update_settings(new_per_day=rng.choice([0, 3, 20]),
                                      reviews_per_day=rng.choice([1, 5, 200]))
            else:
                clock.advance(rng.choice([timedelta(minutes=7), timedelta(hours=3),  # type: ignore[attr-defined]
                                          timedelta(hours=11)]))
            _check(study, [deck])
            if step % 10 == 9:
                _check(study, [a, b])
    finally:
        queue_count._patched, queue_count._build = real_patched, real_build  # type: ignore[assignment]
    assert patched >= built, (patched, built)


class Related:
    """Facts related in groups (a stand-in for `KeepApart`): one of a group per day."""

    def __init__(self, groups: list[set[str]]) -> None:
        self.groups = groups
        self.day: set[str] = set()

    def fits(self, key: tuple[str, str, int], recall: bool | None = None) -> bool:
        return not any(key[1] in g and (g - {key[1]}) & self.day for g in self.groups)

    def admit(self, key: tuple[str, str, int], recall: bool | None = None) -> None:
        self.day.add(key[1])


def _random_day(rng: random.Random) -> tuple[list[Deck], dict[CardKey, StoredCard], Today,
                                             Settings, list[set[str]] | None]:
    """Decks of questions and statements, cards in every state, a day partly studied."""
    decks, cards = [], {}
    blanks_by_fact: dict[tuple[str, str], frozenset[int]] = {}
    for deck_id in ("a", "b"):
        facts = []
        for n in range(rng.randint(5, 90)):
            count = rng.choice([1, 1, 2, 3])
            facts.append(Fact(id=f"f{n}", deck_id=deck_id, text=" and ".join(
                f"{{{{{deck_id}{n}x{i}}}}}" for i in range(count)), answers=tuple(
                Answer(text=f"{deck_id}{n}x{i}", kind="text", value=None) for i in range(count))))
            for blank in range(count):
                key, kind = (deck_id, f"f{n}", blank), rng.random()
                due = NOW + timedelta(minutes=rng.randint(-600, 900))
                if kind < 0.25:
                    continue  # new, never stored
                if kind < 0.3:
                    state = CardState(state=NEW)
                elif kind < 0.6:
                    state = CardState(state=rng.choice([LEARNING, RELEARNING]), step=0,
                                      stability=rng.uniform(0.1, 3), difficulty=5.0, due=due,
                                      last_review=due - timedelta(minutes=10), reps=1)
                else:
                    state = CardState(state=REVIEW, stability=rng.uniform(0.2, 40),
                                      difficulty=5.0, due=due + timedelta(days=rng.randint(-9, 2)),
                                      last_review=NOW - timedelta(days=rng.randint(1, 60),
                                                                  minutes=rng.randint(0, 1440)),
                                      reps=3)
                buried = rng.choice([None] * 8 + [NOW - timedelta(hours=1), NOW + timedelta(hours=1)])
                cards[key] = StoredCard(state, rng.random() < 0.05, buried)
                if rng.random() < 0.06:
                    blanks_by_fact[(deck_id, f"f{n}")] = frozenset(
                        rng.sample(range(count), rng.randint(1, count)))
        decks.append(Deck(id=deck_id, title=deck_id, facts=tuple(facts)))
    today = Today({"a": rng.randint(0, 4), "b": rng.randint(0, 4)},
                  {"a": rng.randint(0, 4), "b": rng.randint(0, 4)}, blanks_by_fact)
    settings = Settings(new_per_day=rng.choice([0, 1, 3, 20]),
                        reviews_per_day=rng.choice([0, 1, 3, 6, 200]))
    facts = [f"f{n}" for n in range(90)]
    groups = None if rng.random() < 0.3 else [
        set(rng.sample(facts, rng.randint(2, 4))) for _ in range(rng.randint(1, 30))]
    return decks, cards, today, settings, groups


def test_counts_equal_the_queue_s_on_random_days() -> None:
    """Learning siblings, cards studied today, reviews cut by the day's limit or held back
    (the rest of them still claiming their facts from new siblings), new cards."""
    rng = random.Random(5)
    for _ in range(250):
        decks, cards, today, settings, groups = _random_day(rng)
        for chosen in (decks, decks[:1], decks[1:]):
            def apart() -> Related | None:
                return Related(groups) if groups is not None else None
            expected = build_queue(chosen, cards, today, settings, NOW, DAY_END,
                                   apart=apart()).counts()
            assert count_queue(chosen, cards, today, settings, NOW, DAY_END,
                               apart=apart()) == expected
