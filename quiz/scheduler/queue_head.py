"""A study queue's first card, chosen before the rest of the queue is built.

At launch the first question waits for the queue, and the queue's choice walks every card
due today (5,000 reviews of a 20,000-fact deck: their rows read, ranked and weighed). The
first card needs less: the learning cards (a few dozen; they claim their facts and hold
related cards back) and, when none of them is due now, the reviews in ranking order only
until one is taken (the store reads them ranked, a few at a time), then the new cards in
deck order only until one is. `queue_head` makes that walk with the very steps of the
whole choice (`quiz.scheduler.choosing.Choosing`), so its card is the one the queue asks
first; `QueueHead` stands for the queue until the whole of it is built (after the first
question is drawn), then hands over the queue without that card.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from quiz.facts import Deck
from quiz.scheduler.choosing import Apart, Choosing, Ranked
from quiz.scheduler.queue_cards import DUE, Row, state_of
from quiz.scheduler.records import CardKey
from quiz.scheduler.settings import Settings
from quiz.scheduler.study_queue import QueueItem, StudyQueue, Today

if TYPE_CHECKING:
    from quiz.scheduler.records import ItemKind


Soonest = tuple[Sequence[tuple[CardKey, Row]], Iterable[tuple[CardKey, Row]], bool]
"""A deck's soonest due learning cards as read for a queue's head (`soonest_learning`)."""


class MoreNeeded(Exception):
    """The reviews read for a queue's head ran out before the walk was done (the store
    read only the first ones): the head is taken from the whole queue instead."""


def queue_head(decks: Sequence[Deck], today: Today, settings: Settings, now: datetime,
               apart: Apart | None, learning: Iterable[tuple[CardKey, Row]],
               reviews: Iterable[Ranked], new: Iterable[tuple[CardKey, Row]]
               ) -> QueueItem | None:
    """The card ``build_queue(...).next(now)`` gives for the same cards (None: none now).

    Args:
        decks, today, settings, now, apart: as for `build_queue`.
        learning: the learning cards due today, in deck order (as `sort_due` sorts them).
        reviews: the review cards due today in the order the queue takes them (`ranked`),
            read as far as the walk goes; it may raise `MoreNeeded`.
        new: the new cards in deck order (`quiz.scheduler.due_cards.NewCards`).

    Raises:
        MoreNeeded: from ``reviews``.
    """
    day = Choosing(decks, today, settings, apart)
    by_id = {d.id: d for d in decks}

    def item(key: CardKey, row: Row, kind: ItemKind) -> QueueItem:
        return QueueItem(key, by_id[key[0]], kind, state_of(row))

    # The queue asks its learning cards soonest due first (due time, then key).
    soonest = min(day.learning(learning), default=None)
    first = item(soonest[1], soonest[2], "learning") if soonest is not None else None
    if first is not None and first.state.due <= now:  # type: ignore[operator]
        return first
    for key, row in day.reviews(reviews):
        return item(key, row, "review")
    for key, row in day.new(new):
        return item(key, row, "new")
    ahead = now + timedelta(minutes=settings.learn_ahead_minutes)
    if first is not None and first.state.due <= ahead:  # type: ignore[operator]
        return first
    return None


def soonest_learning(decks: Sequence[Deck], today: Today, settings: Settings,
                     read: Sequence[Soonest]) -> QueueItem | None:
    """The queue's soonest due learning card (None: it has none), from a few per deck.

    A learning card is the queue's when its fact is its to claim: no learning card of the
    same fact before it in the deck claims it first (nor a blank studied today), which
    the learning cards of its fact alone decide.

    Args:
        decks, today, settings: as for `build_queue`.
        read: per deck, its first learning cards due today by due time and key (stored
            rows, any the deck no longer has among them), every learning card of their
            facts in deck order (as `sort_due` sorts them), and whether the first are all
            the deck has.

    Raises:
        MoreNeeded: no card read of some deck claims its fact, and the deck has more.
    """
    by_id = {d.id: d for d in decks}
    found: list[tuple[int, CardKey, Row]] = []
    for first, of_facts, whole in read:
        claimed = {key for _, key, _ in Choosing(decks, today, settings, None).learning(of_facts)}
        soonest = next(((row[DUE], key, row) for key, row in first if key in claimed), None)
        if soonest is not None:
            found.append(soonest)
        elif not whole:
            raise MoreNeeded("no learning card read claims its fact")
    if not found:
        return None
    _, key, row = min(found)
    return QueueItem(key, by_id[key[0]], "learning", state_of(row))


class QueueHead:
    """A study queue known by its first card until it is built whole (`finish`): the
    session asks the first card (`take`) while the rest is built after it is drawn."""

    __slots__ = ("first", "taken", "_build", "_now")

    def __init__(self, first: QueueItem | None, build: Callable[[], StudyQueue],
                 now: datetime) -> None:
        """``build``: the whole queue, as it stood at ``now`` (when ``first`` was chosen)."""
        self.first = first
        self.taken = False
        """Whether the first card was handed out."""
        self._build = build
        self._now = now

    def take(self) -> QueueItem | None:
        """The queue's first card (once; None when the queue has none now)."""
        self.taken = True
        return self.first

    def finish(self) -> StudyQueue:
        """The whole queue, less the first card if it was taken: the queue as it stands
        after its first `StudyQueue.next` (at the time the head was chosen)."""
        queue = self._build()
        if self.taken and self.first is not None:
            got = queue.next(self._now)
            if got is None or got.key != self.first.key:  # never (the tests hold them equal):
                if got is not None:                       # the card shown is not asked twice
                    queue.put_back(got)
                queue.forget(self.first.key)
        return queue
