"""The first card of a study queue read before the queue is built (`Heads.study_head`).

A session started at launch waited for its whole queue: every row due today read into
Python, sorted and weighed (5,000 reviews at 50,000 facts). Its first card needs the
learning cards and, when none is due now, the first reviews by retrievability: SQLite
ranks them (`_RANKED`, the very expression `Scheduler.retrievability_at` computes, in C,
without the GIL) and hands over the first few (`HEAD_REVIEWS`); each is ranked again in
Python and the walk stops (the whole queue is built instead) the moment the two disagree
or the rows read run out (`quiz.scheduler.queue_head`). The rest of the queue is built
when the session asks for it (`QueueHead.finish`: after the first question is drawn).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence
from datetime import datetime

from quiz.clock import from_ms, to_ms, today_bounds
from quiz.facts import Deck
from quiz.questions.reveal import KeepApart
from quiz.scheduler import Scheduler, StudyQueue, build_queue
from quiz.scheduler.choosing import Ranked
from quiz.scheduler.due_cards import card_place, sort_due
from quiz.scheduler.queue_cards import DUE, LAST_REVIEW, STABILITY
from quiz.scheduler.queue_head import (
    MoreNeeded, QueueHead, Soonest, queue_head, soonest_learning,
)
from quiz.store.errors import StoreError
from quiz.store.queries import _DUE, _OTHERS, CARD_SELECT, Queries

HEAD_REVIEWS = 64
"""Reviews of a deck read, ranked, for a queue's head: the first one taken is nearly
always among the first few (a related card held back, a sibling claimed)."""

_RANKED = (
    f"SELECT {CARD_SELECT}, CASE WHEN last_review IS NULL OR stability IS NULL THEN 0.0 "
    "ELSE pow(1 + ? * max(0, (? - last_review) / 86400000) / stability, ?) END AS ranking "
    "FROM cards WHERE deck_id = ? AND state = 2 AND suspended = 0 "
    f"AND (buried_until IS NULL OR buried_until <= ?) AND {_DUE} < ? "
    f"ORDER BY ranking, {_DUE}, fact_id, blank LIMIT ?")
"""A deck's reviews due today (`quiz.scheduler.queue_cards._kind`'s rules) in the queue's
order: retrievability (as `Scheduler.retrievability_at` computes it: factor, now in ms,
decay), due time, key."""
_NOT_REVIEWS = _OTHERS + " AND state != 2"
"""A deck's other cards read for a queue (`_OTHERS`), less the reviews."""
_LEARNING = (f"SELECT {CARD_SELECT} FROM cards WHERE deck_id = ? AND state IN (1, 3) "
             "AND suspended = 0 AND (buried_until IS NULL OR buried_until <= ?) "
             f"AND {_DUE} < ?")
"""A deck's learning cards due today (`quiz.scheduler.queue_cards._kind`'s rules)."""
SOONEST_LEARNING = 16
"""Learning cards of a deck read, soonest due first, for a queue's head: the first one
whose fact is its to claim (a sibling learning card may come first in the deck) is the
soonest of the queue's."""


class Heads(Queries):
    """`study_head`, mixed into `quiz.store.Store` with the queries it builds on."""

    def study_head(self, decks: Sequence[Deck], now: datetime | None = None
                   ) -> StudyQueue | QueueHead:
        """``study_queue(decks, now)``, or its first card standing for it (`QueueHead`,
        built whole when asked) when the queue would read the rows due today: a session
        started at launch asks its first question without waiting for the rest."""
        now = now or self.clock.now()
        settings = self.settings()
        _, end = today_bounds(now, self.clock.zone, settings.day_ends_at)
        if self._keeps_cards(decks, end):  # the home screen's counts kept them: quick
            return self.study_queue(decks, now)
        today = self.today(now)
        scheduler = Scheduler(settings)
        try:
            soonest = soonest_learning(decks, today, settings,
                                       self._soonest_learning(decks, now, to_ms(end)))
            if soonest is not None and soonest.state.due <= now:  # type: ignore[operator]
                return QueueHead(soonest, lambda: self.study_queue(decks, now, today), now)
        except MoreNeeded:
            pass  # more learning cards to weigh than read: all of them are
        try:
            rest = self._sorted_due(decks, now, end, _NOT_REVIEWS)
            apart = KeepApart(decks)
            first = queue_head(decks, today, settings, now, apart, rest.learning,
                               self._ranked_reviews(decks, now, to_ms(end), scheduler),
                               rest.new)
            apart.save_later()  # what was worked out about the cards, for the next launch
        except (MoreNeeded, StoreError, ArithmeticError, TypeError, ValueError):
            # Ranked otherwise than here, or more to walk than read: the whole queue
            # (which says what is wrong, if something is).
            return self.study_queue(decks, now, today)
        return QueueHead(first, lambda: self.study_queue(decks, now, today), now)

    def _soonest_learning(self, decks: Sequence[Deck], now: datetime,
                          end_ms: int) -> list[Soonest]:
        """Per deck, its soonest due learning cards (`SOONEST_LEARNING` of them, by due
        time and key), every learning card of their facts (in deck order), and whether
        the first are all it has."""
        found: list[Soonest] = []
        now_ms = to_ms(now)
        for deck in decks:
            first = self._read(_LEARNING + f" ORDER BY {_DUE}, fact_id, blank LIMIT ?",
                               (deck.id, now_ms, end_ms, SOONEST_LEARNING))
            facts = list(dict.fromkeys(row[1] for row in first))
            rows = self._read(_LEARNING + f" AND fact_id IN ({', '.join('?' * len(facts))})",
                              (deck.id, now_ms, end_ms, *facts)) if facts else []
            sorted_rows = sort_due([deck], {deck.id: rows}, self._stored_among(), now,
                                   from_ms(end_ms))
            found.append(([((deck.id, row[1], row[2]), row) for row in first],
                          list(sorted_rows.learning), len(first) < SOONEST_LEARNING))
        return found

    def _ranked_reviews(self, decks: Sequence[Deck], now: datetime, end_ms: int,
                        scheduler: Scheduler) -> Iterator[Ranked]:
        """The decks' reviews due today in the queue's order, as far as read: raises
        `MoreNeeded` past the rows read, or where SQLite ranked a row otherwise."""
        return heapq.merge(*(self._deck_reviews(deck, now, end_ms, scheduler)
                             for deck in decks))

    def _deck_reviews(self, deck: Deck, now: datetime, end_ms: int,
                      scheduler: Scheduler) -> Iterator[Ranked]:
        factor, decay = scheduler.curve(deck.id)
        now_ms = to_ms(now)
        rows = self._read(_RANKED, (factor, now_ms, decay, deck.id, now_ms, end_ms,
                                    HEAD_REVIEWS))
        ranking = scheduler.retrievability_at(now, deck.id)
        place = card_place(deck)
        last: Ranked | None = None
        for found in rows:
            row = found[:-1]
            rank = ranking(row[LAST_REVIEW], row[STABILITY])
            if rank != found[-1]:
                raise MoreNeeded(f"SQLite ranks {row[:3]} at {found[-1]!r}, not {rank!r}")
            if place(row[1], row[2]) is None:
                continue  # a fact, or a blank, the deck no longer has
            entry = (rank, row[DUE], (deck.id, row[1], row[2]), row)
            if last is not None and entry[:3] <= last[:3]:
                raise MoreNeeded(f"SQLite puts {row[:3]} after {last[2]}")
            last = entry
            yield entry
        if len(rows) >= HEAD_REVIEWS:
            raise MoreNeeded(f"more than {HEAD_REVIEWS} reviews of {deck.id} walked")
