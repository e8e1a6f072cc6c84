"""The home screen's counts start from the cards studied today kept admitted to a
`KeepApart` between counts (`Queries._studied_apart`), with the count's own cards admitted
over it: the same cards are held apart as when every card is admitted to one.

Two checks: on the benchmark's synthetic decks (small), a day layered over another holds
apart exactly what one day holding both does, for random cards; and through random
answers, answers taken back and a new day, the store's counts equal the plain build's
(a fresh `KeepApart`), while the kept day was both extended and made again.
"""

from __future__ import annotations

import random
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import launch_golden  # noqa: E402
from launch_golden import study  # noqa: E402,F401 - the fixture

from quiz.clock import today_bounds  # noqa: E402
from quiz.questions.reveal import KeepApart  # noqa: E402
from quiz.scheduler import Scheduler, build_queue  # noqa: E402
from quiz.store.queries import Queries  # noqa: E402
from quiz.study import Study  # noqa: E402


def test_a_day_over_another_holds_apart_what_one_day_does(study: Study) -> None:
    rng = random.Random(3)
    decks = study.decks()
    keys = [(d.id, f, b) for d in decks for f, b in d.card_keys()]
    held_apart = 0
    for _ in range(6):
        one, under = KeepApart(decks), KeepApart(decks)
        for key in rng.sample(keys, 40):
            recall = rng.choice([True, False, None])
            one.admit(key, recall)
            under.admit(key, recall)
        over = KeepApart(decks, under)
        for key in rng.sample(keys, 150):
            recall = rng.choice([True, False, None])
            fits = one.fits(key, recall)
            assert over.fits(key, recall) == fits, key
            held_apart += not fits
            if fits or rng.random() < 0.3:
                one.admit(key, recall)
                over.admit(key, recall)
                over.admit(key, recall)  # once is enough
    assert held_apart > 50  # related cards were met, or this tested nothing


def _check(study: Study, deck_id: str) -> None:
    store, now = study.store, study.clock.now()
    settings = store.settings()
    _, end = today_bounds(now, study.clock.zone, settings.day_ends_at)
    decks = [d for d in study.decks() if d.id == deck_id]
    plain = build_queue(decks, store.cards([deck_id]), store.today(now), settings, now, end,
                        Scheduler(settings), KeepApart(decks)).counts()
    assert store.queue_counts(decks) == plain
    row = store.deck_counts(decks)[deck_id]
    assert (row.new_today, row.due_today) == (plain.new, plain.learning + plain.review)


def test_counts_over_the_kept_studied_cards_equal_the_plain_build(study: Study) -> None:
    rng = random.Random(8)
    store, clock = study.store, study.clock
    deck = max(study.decks(), key=lambda d: d.card_count).id
    made = extended = 0
    real = Queries._studied_apart

    def studied_apart(self: Any, decks: Any, today: Any) -> KeepApart:
        nonlocal made, extended
        known = self._memos.studied.get(tuple(d.id for d in decks))
        found = real(self, decks, today)
        if known is not None and known[2] is found:
            extended += 1
        else:
            made += 1
        return found

    Queries._studied_apart = studied_apart  # type: ignore[method-assign]
    try:
        session = store.start_session("study", [deck])
        _check(study, deck)
        for step in range(45):
            kind = rng.random()
            if kind < 0.8:
                keys = [(deck, f, b) for f, b in next(
                    d for d in study.decks() if d.id == deck).card_keys()]
                store.record_answer(session, rng.choice(keys[:120]), format="recall", prompt="?",
                                    duration_ms=2000,
                                    verdict=rng.choice(["correct", "close", "wrong"]))
            elif kind < 0.93:
                store.undo_last_answer(session)
            else:
                clock.advance(timedelta(hours=rng.choice([3, 14])))  # type: ignore[attr-defined]
            _check(study, deck)
    finally:
        Queries._studied_apart = real  # type: ignore[method-assign]
    assert extended > 20 and made > 2, (extended, made)
