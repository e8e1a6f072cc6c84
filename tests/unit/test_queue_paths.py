"""The store's quick study queue and counts equal the plain build over every stored card.

`Store.study_queue` reads the cards not due today as bare keys, keeps what it read and
sorted while the scores do not change, and `Store.queue_counts` / `deck_counts` count
without making the queue. Each is compared here with `build_queue` over `Store.cards`
(every card's full state, nothing kept), and the home screen's counts, kept while
they hold, with those of a store that just opened, on the benchmark's synthetic collection changed
in the ways a queue cares about: suspended and buried cards, a burial that ends, cards
studied today (their siblings held back), tight daily limits, related cards held apart,
and the clock moving through the day and into the next.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import launch_golden  # noqa: E402
from launch_golden import study  # noqa: E402,F401 - the fixture

from quiz.clock import from_ms, to_ms, today_bounds  # noqa: E402
from quiz.questions.reveal import KeepApart  # noqa: E402
from quiz.scheduler import Scheduler, StudyQueue, build_queue, ranks_until, sort_cards  # noqa: E402
from quiz.scheduler.queue_cards import LAST_REVIEW, STABILITY  # noqa: E402
from quiz.store import Store  # noqa: E402
from quiz.study import Study  # noqa: E402


def _drain(queue: StudyQueue, study: Study) -> list[tuple[Any, ...]]:
    now, asked = study.clock.now(), []
    while (item := queue.next(now)) is not None:
        asked.append((*item.key, item.kind, item.state))
    return asked


def _same_as_the_plain_build(study: Study) -> None:
    store, now = study.store, study.clock.now()
    settings = store.settings()
    _, end = today_bounds(now, study.clock.zone, settings.day_ends_at)
    decks = study.decks()
    counts = store.deck_counts(decks)
    fresh = Store.open(study.scores_dir, study.clock, readonly=True)  # nothing kept yet
    try:
        assert fresh.deck_counts(decks) == counts
    finally:
        fresh.close()
    for chosen in [[d] for d in decks] + [decks]:
        ids = [d.id for d in chosen]
        plain = build_queue(chosen, store.cards(ids), store.today(now), settings, now, end,
                            Scheduler(settings), KeepApart(chosen))
        expected = plain.counts()
        assert store.queue_counts(chosen) == expected, ids
        quick = store.study_queue(chosen)
        assert quick.counts() == expected, ids
        assert _drain(quick, study) == _drain(plain, study), ids
        if len(chosen) == 1:
            row = counts[ids[0]]
            assert (row.new_today, row.due_today) == (expected.new,
                                                      expected.learning + expected.review)


def _change(study: Study, sql: str, params: tuple[Any, ...] = ()) -> None:
    study.store._write(lambda conn: conn.execute(sql, params))


def _answer_some(study: Study, deck_id: str, answers: int) -> None:
    session = study.start([deck_id], seed=7)
    for n in range(answers):
        card = session.next()
        if card is None:
            break
        session.answer(launch_golden._response(card, n), 3000)
        study.clock.advance(timedelta(seconds=30))  # type: ignore[attr-defined]
    session.finish()


def test_quick_queue_and_counts_equal_the_plain_build(study: Study) -> None:
    clock = study.clock
    _same_as_the_plain_build(study)
    # Suspended cards, cards buried for an hour and cards whose burial has ended.
    now_ms = to_ms(clock.now())
    _change(study, "UPDATE cards SET suspended = 1 WHERE fact_id LIKE '%3' AND blank = 0")
    _change(study, "UPDATE cards SET buried_until = ? WHERE fact_id LIKE '%5'",
            (now_ms + 3_600_000,))
    _change(study, "UPDATE cards SET buried_until = ? WHERE fact_id LIKE '%6'",
            (now_ms - 60_000,))
    _same_as_the_plain_build(study)
    # Cards studied today: their siblings wait, the day's limits shrink.
    deck = study.decks()[0].id
    _answer_some(study, deck, 25)
    _same_as_the_plain_build(study)
    for _ in range(5):  # through the day, nothing answered: burials end, answers grow old
        clock.advance(timedelta(minutes=97))  # type: ignore[attr-defined]
        _same_as_the_plain_build(study)
    # An answer leaves the 30-day retention window, at its millisecond.
    ((oldest,),) = study.store.read(
        "SELECT min(reviewed_at) FROM reviews WHERE deck_id = ? AND reviewed_at >= ? "
        "AND mode = 'study' AND undone = 0 AND state_from = 2",
        (deck, to_ms(clock.now() - timedelta(days=30))))
    before = study.store.deck_counts(study.decks())[deck].reviews_30d
    for ms in (0, 1):
        clock.set(from_ms(oldest + ms) + timedelta(days=30))  # type: ignore[attr-defined]
        _same_as_the_plain_build(study)
    assert study.store.deck_counts(study.decks())[deck].reviews_30d < before
    # Tight limits, then a limit already used up today.
    study.update_settings(new_per_day=3, reviews_per_day=5)
    _same_as_the_plain_build(study)
    study.update_settings(new_per_day=0, reviews_per_day=1)
    _same_as_the_plain_build(study)
    # The next study day: what was studied yesterday no longer counts.
    study.update_settings(new_per_day=20, reviews_per_day=200)
    clock.advance(timedelta(days=1))  # type: ignore[attr-defined]
    _same_as_the_plain_build(study)


def test_reviews_rank_the_same_until_ranks_until(study: Study) -> None:
    store, now = study.store, study.clock.now()
    settings = store.settings()
    deck = study.decks()[0]
    _, end = today_bounds(now, study.clock.zone, settings.day_ends_at)
    reviews = sort_cards([deck], store.cards([deck.id]), now, end)
    until = ranks_until(reviews, now)
    assert until is not None and now < until

    def ranks(at: Any) -> list[float]:
        rank = Scheduler(settings).retrievability_at(at, deck.id)
        return [rank(row[LAST_REVIEW], row[STABILITY]) for _, row in reviews.reviews]
    assert ranks(until - timedelta(milliseconds=1)) == ranks(now) != ranks(until)


def test_learning_cards_made_as_the_queue_reaches_them_keep_its_order(study: Study) -> None:
    from quiz.scheduler import QueueItem, Rating
    from quiz.scheduler.queue_cards import state_of
    from quiz.scheduler.study_queue import MADE_AT_ONCE

    store, now = study.store, study.clock.now()
    decks = study.decks()
    lazy = store.study_queue(decks)
    assert len(lazy._unmade) > MADE_AT_ONCE  # some are made later, not at once
    eager = StudyQueue(list(lazy._reviews), list(lazy._new),
                       [QueueItem(k, lazy._decks[k[0]], "learning", state_of(r))
                        for _, k, r in lazy._unmade],
                       lazy.day_end, lazy._learn_ahead)
    scheduler = Scheduler(store.settings())
    for n in range(150):
        asked = lazy.next(now)
        assert asked == eager.next(now), n
        if asked is not None:
            if n % 3 == 0:  # forgotten: back in learning, due in minutes
                after = scheduler.review(asked.key, asked.state, Rating.Again, now)
                lazy.answered(asked, after)
                eager.answered(asked, after)
            elif n % 7 == 1:  # an undo puts it back in front
                lazy.put_back(asked)
                eager.put_back(asked)
            elif n % 11 == 2:
                for queue in (lazy, eager):
                    queue.forget(asked.key)
        assert lazy.counts() == eager.counts()
        assert lazy.next_learning_due() == eager.next_learning_due()
        now += timedelta(minutes=4)


def test_a_learning_card_put_back_late_still_comes_after_the_cards_not_yet_made() -> None:
    from datetime import UTC, datetime

    from quiz.scheduler import LEARNING, CardState, QueueItem
    from quiz.scheduler.queue_cards import state_of

    start = datetime(2026, 6, 1, 18, tzinfo=UTC)

    def row(fact: str, minutes: int) -> tuple[Any, ...]:
        return ("d", fact, 0, LEARNING, 0, 1.0, 5.0, to_ms(start + timedelta(minutes=minutes)),
                to_ms(start), 1, 0, 0, None)
    rows = [(("d", f, 0), row(f, m)) for f, m in (("a", 10), ("b", 20), ("c", 30))]
    end, ahead = start + timedelta(hours=9), timedelta(minutes=20)
    lazy = StudyQueue([], [], [], end, ahead, [(r[7], key, r) for key, r in rows])
    eager = StudyQueue([], [], [QueueItem(key, None, "learning", state_of(r))  # type: ignore[arg-type]
                                for key, r in rows], end, ahead)
    late = QueueItem(("d", "x", 0), None, "learning",  # type: ignore[arg-type]
                     CardState(LEARNING, 0, 1.0, 5.0, start + timedelta(hours=2), start, 1, 0))
    soon = QueueItem(("d", "y", 0), None, "learning",  # type: ignore[arg-type]
                     CardState(LEARNING, 0, 1.0, 5.0, start, start, 1, 0))
    for queue in (lazy, eager):
        queue.put_back(late)  # an undo: in front, whatever its due time
        queue.answered(soon, soon.state._replace(due=start + timedelta(minutes=1)))
    at = start + timedelta(hours=3)
    assert [i.key[1] for i in iter(lambda: lazy.next(at), None)] == \
        [i.key[1] for i in iter(lambda: eager.next(at), None)] == ["y", "a", "b", "c", "x"]


def test_a_sortings_value_is_its_cards_not_what_counting_kept_on_it(study: Study) -> None:
    """Two sortings of the same cards are equal, field by field; the counting index one of
    them keeps (`Sorted.derived`) is beside its value, and compares as what it is."""
    from quiz.scheduler.queue_cards import COUNT_INDEX, Sorted
    from quiz.scheduler.queue_count import index_of

    _answer_some(study, study.decks()[0].id, 12)  # learning and review cards to count
    store, now = study.store, study.clock.now()
    settings = store.settings()
    _, end = today_bounds(now, study.clock.zone, settings.day_ends_at)
    decks = study.decks()
    cards = store.cards([d.id for d in decks])
    counted, plain = sort_cards(decks, cards, now, end), sort_cards(decks, cards, now, end)
    index_of(counted, [d.id for d in decks], Scheduler(settings), now)
    assert COUNT_INDEX in counted.derived and plain.derived == {}  # type: ignore[operator]
    assert counted == plain and tuple(counted) == tuple(plain)
    assert counted.derived != plain.derived and plain.derived != None  # noqa: E711
    assert "derived" not in Sorted._fields
