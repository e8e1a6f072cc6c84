"""A studied card stored without a due time (state > 0, due NULL: no writer makes one, a
hand-edited or imported score file can) is due now, at its last review, on every path: the
queue a session starts with at launch (only the cards due today read), the one after home's
counts (every card read and kept) and the plain build over `Store.cards` ask it alike."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import launch_golden  # noqa: E402

from quiz.clock import to_ms, today_bounds  # noqa: E402
from quiz.deck import Deck  # noqa: E402
from quiz.questions.reveal import KeepApart  # noqa: E402
from quiz.scheduler import Scheduler, StudyQueue, build_queue  # noqa: E402
from quiz.store import Store  # noqa: E402
from quiz.study import Study  # noqa: E402


@pytest.fixture()
def study(tmp_path: Path) -> Iterator[Study]:
    opened = launch_golden.open_synthetic(tmp_path, 300, 3000, 11)
    opened.update_settings(new_per_day=1000, reviews_per_day=10000)  # no limit hides a card
    yield opened
    opened.close()


def _drain(queue: StudyQueue, study: Study) -> list[tuple[Any, ...]]:
    now, asked = study.clock.now(), []
    while (item := queue.next(now)) is not None:
        asked.append((*item.key, item.kind))
    return asked


def _queues(study: Study, deck: Deck) -> list[list[tuple[Any, ...]]]:
    """The deck's queue at launch, after home's counts, and built plainly from every card."""
    queues = []
    for home_first in (False, True):
        store = Store.open(study.scores_dir, study.clock, readonly=True)
        try:
            if home_first:
                store.deck_counts(study.decks())  # home's reading, kept for the study day
            queues.append(_drain(store.study_queue([deck]), study))
        finally:
            store.close()
    now, settings = study.clock.now(), study.store.settings()
    _, end = today_bounds(now, study.clock.zone, settings.day_ends_at)
    queues.append(_drain(build_queue([deck], study.store.cards([deck.id]), study.store.today(now),
                                     settings, now, end, Scheduler(settings), KeepApart([deck])),
                         study))
    return queues


def _set_due(study: Study, keys: list[tuple[str, str, int]], sql: str) -> None:
    for key in keys:
        study.store._write(lambda conn, k=key: conn.execute(
            f"UPDATE cards SET due = {sql} WHERE deck_id = ? AND fact_id = ? AND blank = ?", k))


def test_a_studied_card_without_a_due_time_is_due_now_on_every_path(study: Study) -> None:
    (deck_id,), *_ = study.store.read(
        "SELECT deck_id FROM cards WHERE state = 2 GROUP BY deck_id ORDER BY count(*) DESC LIMIT 1")
    deck = next(d for d in study.decks() if d.id == deck_id)
    # Review cards that wait for a later day, and (re)learning ones, lose their due time.
    keys = [tuple(r) for r in study.store.read(
        "SELECT deck_id, fact_id, blank FROM cards WHERE deck_id = ? AND suspended = 0 AND "
        "((state = 2 AND due > ?) OR state IN (1, 3)) ORDER BY state, fact_id LIMIT 4",
        (deck_id, to_ms(study.clock.now()) + 2 * 86_400_000))]
    assert len(keys) == 4
    _set_due(study, keys, "NULL")
    launch, after_home, plain = _queues(study, deck)
    assert launch == after_home == plain
    kinds = {k[:3]: k[3] for k in launch}
    # Due now, never taken for new (a related card may still hold one back for a day).
    assert {kinds.get(k) for k in keys} <= {"learning", "review", None}
    assert sum(k in kinds for k in keys) >= 3
    # The same queue as with each of them stored as due at its last review.
    _set_due(study, keys, "last_review")
    assert _queues(study, deck)[0] == launch


def test_counts_forecast_and_next_due_take_it_as_due_at_its_last_review(study: Study) -> None:
    """Home's card-by-card tally (used when a deck's file lost facts that have stored cards),
    the statistics' forecast and the next due time read such a card as the queue does:
    exactly as if it were stored as due at its last review."""
    from quiz.stats.common import Days
    from quiz.stats.forecast import forecast

    (deck_id,), *_ = study.store.read(
        "SELECT deck_id FROM cards WHERE state = 2 GROUP BY deck_id ORDER BY count(*) DESC LIMIT 1")
    deck = next(d for d in study.decks() if d.id == deck_id)
    now = study.clock.now()
    keys = [tuple(r) for r in study.store.read(
        "SELECT deck_id, fact_id, blank FROM cards WHERE deck_id = ? AND state = 2 AND "
        "suspended = 0 AND due > ? ORDER BY fact_id LIMIT 3",
        (deck_id, to_ms(now) + 2 * 86_400_000))]
    assert len(keys) == 3

    def seen() -> tuple[Any, ...]:
        store = Store.open(study.scores_dir, study.clock, readonly=True)
        try:
            tally = store._tally(deck, to_ms(now) + 3_600_000, to_ms(now))
            return (tally, forecast(store, now, Days(study.clock.zone), deck_id).due,
                    forecast(store, now, Days(study.clock.zone)).due,
                    store.next_due([deck_id]), store.next_due())
        finally:
            store.close()

    before = seen()
    _set_due(study, keys, "last_review")
    as_last_review = seen()
    assert as_last_review != before  # the three cards moved from later days to today
    _set_due(study, keys, "NULL")
    assert seen() == as_last_review
