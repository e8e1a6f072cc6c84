"""A year of daily study by a simulated learner, on a fixed clock, through the real store.

The learner forgets along FSRS-6's default forgetting curve (the memory model the
scheduler assumes): a card of stability S, last seen t days ago, is recalled with
probability (1 + F·t/S)^−D. If the scheduler asks each card when it is due, reviews are
passed at about the desired retention; if it loses cards, lets them slip overdue or
breaks its daily limits, the figures below show it.

Over all reviews, measured retention sits a point or two under the target: FSRS never
schedules sooner than a day, so the hardest cards (stability under a day) are reviewed
when their recall has fallen below it. On cards with a stability of a day or more, where
the scheduler can aim, it lands on the target (over seeds 0–5: 0.891–0.915 for 0.9).
"""

from __future__ import annotations

import json
import random
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import fsrs
import pytest

from quiz.clock import FixedClock, from_ms, study_day
from quiz.facts import Answer, Deck, Fact
from quiz.scheduler import NEW, REVIEW, SUSPENDED_LEECH, Rating, Settings
from quiz.store import Store

DAYS = 365
NEW_FIRST_TIME = 0.75
"""Chance of recognising a fact never studied before (four choices, some general knowledge)."""

_DECAY = -fsrs.Scheduler().parameters[20]
_FACTOR = 0.9 ** (1 / _DECAY) - 1
"""FSRS-6's forgetting curve, R = (1 + factor·t/S)^decay, from the public parameters."""


def _deck(deck_id: str, questions: int, statements: int) -> Deck:
    # Every answer its own (cards sharing one are kept off the same day).
    facts = [Fact(id=f"q{i}", deck_id=deck_id, question=f"Question {i}?",
                  answers=(Answer(text=f"answer q{i}", kind="text", value=None),))
             for i in range(questions)]
    facts += [Fact(id=f"s{i}", deck_id=deck_id,
                   answers=(Answer(text=f"first s{i}", kind="text", value=None),
                            Answer(text=f"second s{i}", kind="text", value=None)),
                   text=f"In {{{{first s{i}}}}} statement {i} had {{{{second s{i}}}}}.")
              for i in range(statements)]
    return Deck(id=deck_id, title=deck_id, facts=tuple(facts))


def _recalled(rng: random.Random, stability: float | None, last: datetime | None,
              now: datetime) -> bool:
    if stability is None or last is None:
        return rng.random() < NEW_FIRST_TIME
    days = max(0.0, (now - last).total_seconds() / 86400)
    chance = (1 + _FACTOR * days / stability) ** _DECAY
    return rng.random() < chance


def _measured(store: Store) -> tuple[float, float, int]:
    """Retention over all review-state answers, over those with stability >= 1 day, and how many."""
    rows = store._read("SELECT rating, before FROM reviews WHERE state_from = ? AND undone = 0 "
                       "AND mode = 'study'", (REVIEW,))
    everything = [rating > Rating.Again for rating, _ in rows]
    aimed = [rating > Rating.Again for rating, before in rows
             if json.loads(before)["stability"] >= 1.0]
    return sum(everything) / len(everything), sum(aimed) / len(aimed), len(rows)


def _simulate(tmp_path: Path, retention: float,
              seed: int = 1778) -> tuple[Store, list[Deck], FixedClock]:
    rng = random.Random(seed)
    full = [_deck("alpha", 100, 10), _deck("beta", 60, 0)]
    # A few alpha facts leave the deck for two months and come back: they must not be
    # asked meanwhile, and must return with their progress.
    gone = {f"q{i}" for i in range(5)}
    trimmed = Deck(id="alpha", title="alpha",
                   facts=tuple(f for f in full[0].facts if f.id not in gone))
    clock = FixedClock(datetime(2026, 1, 5, 18, 0, tzinfo=timezone.utc))
    store = Store.open(tmp_path, clock)
    store.update_settings(desired_retention=retention)
    for day in range(DAYS):
        decks = [trimmed, full[1]] if 60 <= day < 120 else full
        session = store.start_session("study", [d.id for d in decks])
        queue = store.study_queue(decks)
        while True:
            item = queue.next(clock.now())
            if item is None:
                waiting = queue.next_learning_due()
                if waiting is None or waiting >= queue.day_end:
                    break
                clock.set(max(waiting, clock.now()))
                continue
            if 60 <= day < 120:
                assert item.key[1] not in gone or item.key[0] != "alpha"
            state = item.state
            ok = _recalled(rng, state.stability, state.last_review, clock.now())
            recorded = store.record_answer(
                session, item.key, format="choice", prompt="p",
                verdict="correct" if ok else "wrong", duration_ms=3000)
            queue.answered(item, recorded.after)
            clock.advance(timedelta(seconds=20))
        store.finish_session(session)
        clock.set(datetime(2026, 1, 5, 18, 0, tzinfo=timezone.utc) + timedelta(days=day + 1))
    return store, full, clock


@pytest.mark.slow
def test_a_year_of_daily_study_keeps_every_fact_and_hits_the_desired_retention(tmp_path: Path) -> None:
    store, decks, clock = _simulate(tmp_path, retention=0.9)
    with store:
        rows = store._read(
            "SELECT reviewed_at, deck_id, fact_id, blank, state_from, rating FROM reviews "
            "WHERE mode = 'study' AND undone = 0")
        overall, aimed, count = _measured(store)
        assert count > 1500
        assert abs(aimed - 0.9) < 0.02, aimed
        assert abs(overall - 0.9) < 0.04, overall

        # Daily limits: at most 20 new cards and 200 reviews per deck per study day, and
        # the new-card limit was actually reached (so it was what held them back).
        new_per_day: Counter[tuple[object, str]] = Counter()
        reviews_per_day: Counter[tuple[object, str]] = Counter()
        siblings: dict[tuple[object, str, str], set[int]] = {}
        for at, deck_id, fact_id, blank, state_from, _ in rows:
            day = study_day(from_ms(at), clock.zone, 4)
            if state_from == NEW:
                new_per_day[(day, deck_id)] += 1
            if state_from == REVIEW:
                reviews_per_day[(day, deck_id)] += 1
            siblings.setdefault((day, deck_id, fact_id), set()).add(blank)
        assert max(new_per_day.values()) == 20
        assert max(reviews_per_day.values()) <= 200
        assert all(len(blanks) == 1 for blanks in siblings.values())

        # No fact lost: every card was studied, and none is left overdue at the end except
        # leeches, which are suspended (with their history) after 8 lapses.
        cards = store.cards([d.id for d in decks])
        keys = {fact.card_key(b) for d in decks for fact in d.facts for b in range(fact.blank_count)}
        assert keys <= set(cards)
        assert all(cards[k].state.reps > 0 for k in keys)
        leeches = [k for k in keys if cards[k].suspended]
        assert all(cards[k].suspended == SUSPENDED_LEECH and cards[k].state.lapses >= 8
                   for k in leeches)
        assert len(leeches) < len(keys) // 10
        overdue = [k for k in keys if k not in leeches
                   and cards[k].state.due < clock.now() - timedelta(days=1)]
        assert overdue == []
        assert store.rebuild().ok


@pytest.mark.slow
def test_a_lower_desired_retention_is_what_the_learner_gets(tmp_path: Path) -> None:
    store, _, _ = _simulate(tmp_path, retention=0.8)
    with store:
        overall, aimed, _ = _measured(store)
        assert abs(aimed - 0.8) < 0.03, aimed
        assert abs(overall - 0.8) < 0.04, overall
        assert store.settings() == Settings(desired_retention=0.8)
