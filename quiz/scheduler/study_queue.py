"""The study queue: which cards to ask today and in what order; cram and exam lists."""

from __future__ import annotations

import heapq
import random
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime, timedelta
from itertools import groupby
from typing import TYPE_CHECKING

from quiz.facts import Deck, Fact
from quiz.frozen import Record
from quiz.scheduler.choosing import (
    Apart, Choosing, ranked,
)
from quiz.scheduler.engine import Scheduler
from quiz.clock import from_ms, to_ms
from quiz.scheduler.queue_cards import (
    LAST_REVIEW, NOTHING, STABILITY, Row, Sorted, sort_cards, state_of,
)
from quiz.scheduler.records import CardKey, CardState, ItemKind, StoredCard
from quiz.scheduler.settings import Settings

if TYPE_CHECKING:
    from quiz.scheduler.due_cards import DueSorted


class QueueItem(Record):
    """One card to ask: its key, its fact, why it is in the queue, and its state.

    The fact may be given as its deck, to be read from it when first needed (`fact`): a
    queue of thousands of cards then decodes only the facts of the cards asked.

    The values of this module are `NamedTuple`s, frozen and compared by value: a dataclass
    would compile its methods when imported, on the way to a first question (issue 17).
    """

    key: CardKey
    source: Fact | Deck
    """The card's fact, or the deck to read it from."""
    kind: ItemKind
    state: CardState

    def __repr__(self) -> str:  # not the source: a deck's repr is every fact
        return f"QueueItem(key={self.key!r}, kind={self.kind!r}, state={self.state!r})"

    @property
    def fact(self) -> Fact:
        """The card's fact."""
        source = self.source
        return source if isinstance(source, Fact) else source.fact(self.key[1])

    @property
    def blank(self) -> int:
        """The blank of a statement to hide (0 for a question)."""
        index = self.fact.blank_index(self.key[2])
        return self.key[2] if index is None else index


class Today(Record):
    """What was already studied today, per deck (from the store's review log)."""

    new_by_deck: Mapping[str, int] = NOTHING
    reviews_by_deck: Mapping[str, int] = NOTHING
    blanks_by_fact: Mapping[tuple[str, str], frozenset[int]] = NOTHING
    """For each (deck, fact) studied today, the blanks answered."""


class QueueCounts(Record):
    """How many cards of each kind are left in a queue."""

    learning: int
    review: int
    new: int

    @property
    def total(self) -> int:
        """All cards left."""
        return self.learning + self.review + self.new


DAY_MS = 86_400_000

MADE_AT_ONCE = 32
"""Learning cards a queue makes into items at a time, as it reaches them."""


class StudyQueue:
    """The cards of one study session, in asking order; learning cards come back in it.

    A queue is for one thread and one session; after each answer, call `answered` with
    the card's new state so learning steps are honoured.
    """

    def __init__(self, reviews: list[QueueItem], new: list[QueueItem],
                 learning: list[QueueItem], day_end: datetime, learn_ahead: timedelta,
                 unmade: list[tuple[int, CardKey, Row]] | None = None,
                 decks: Mapping[str, Deck] = NOTHING) -> None:
        """``unmade``: more learning cards, after ``learning``, as (due ms, key, stored row)
        in any order (the list is taken over); each is made an item, its fact read from
        its deck in ``decks``, when the queue reaches it (soonest due first, by due time,
        then key), so thousands of learning cards cost no states, nor even a sorting,
        before a first question."""
        self._reviews = reviews
        self._new = new
        self._learning = sorted(learning, key=lambda i: (i.state.due, i.key))
        self._unmade = unmade if unmade is not None else []
        """The learning cards after ``_learning``, a heap on (due ms, key): the soonest is
        taken first (keys differ, so rows never compare)."""
        heapq.heapify(self._unmade)
        self._decks = decks
        self.day_end = day_end
        """When the study day ends: learning cards due later wait for the next session."""
        self._learn_ahead = learn_ahead

    def _make(self, count: int, upto_ms: int | None = None) -> None:
        """Make the next ``count`` learning rows into items, or all those due by ``upto_ms``
        (epoch ms), at the end of the made ones: the queue's order is unchanged."""
        unmade, take, decks = self._unmade, heapq.heappop, self._decks
        while unmade and (count > 0 if upto_ms is None else unmade[0][0] <= upto_ms):
            _, key, row = take(unmade)
            self._learning.append(QueueItem(key, decks.get(key[0]),  # type: ignore[arg-type]
                                            "learning", state_of(row)))
            count -= 1

    def counts(self) -> QueueCounts:
        """Cards left, by kind."""
        return QueueCounts(len(self._learning) + len(self._unmade), len(self._reviews),
                           len(self._new))

    def next(self, now: datetime) -> QueueItem | None:
        """The next card to ask at ``now``, removed from the queue; None when done for now."""
        if not self._learning:
            self._make(MADE_AT_ONCE)
        if self._learning and self._learning[0].state.due <= now:  # type: ignore[operator]
            return self._learning.pop(0)
        if self._reviews:
            return self._reviews.pop(0)
        if self._new:
            return self._new.pop(0)
        ahead = now + self._learn_ahead
        if self._learning and self._learning[0].state.due <= ahead:  # type: ignore[operator]
            return self._learning.pop(0)
        return None

    def next_learning_due(self) -> datetime | None:
        """When the next waiting learning card is due, if any."""
        if not self._learning:
            self._make(MADE_AT_ONCE)
        return self._learning[0].state.due if self._learning else None

    def answered(self, item: QueueItem, after: CardState) -> None:
        """Put a card back if its learning steps bring it back before the day ends."""
        if after.in_learning and after.due is not None and after.due < self.day_end:
            # Every card that may sort before it, or before one made earlier, is made first.
            self._make(0, max([to_ms(after.due), *(to_ms(i.state.due)  # type: ignore[arg-type]
                                                   for i in self._learning)]))
            self._learning.append(item._replace(kind="learning", state=after))
            self._learning.sort(key=lambda i: (i.state.due, i.key))

    def forget(self, key: CardKey) -> None:
        """Drop every queued entry for ``key`` (before re-queueing it after a re-rating or undo)."""
        for items in (self._learning, self._reviews, self._new):
            items[:] = [i for i in items if i.key != key]
        kept = [entry for entry in self._unmade if entry[1] != key]
        if len(kept) != len(self._unmade):
            heapq.heapify(kept)
            self._unmade = kept

    def put_back(self, item: QueueItem) -> None:
        """Return an item to the front of its list (after an undo)."""
        target = {"learning": self._learning, "review": self._reviews, "new": self._new}[item.kind]
        target.insert(0, item)


def _keys_of(decks: Iterable[Deck]) -> Iterator[CardKey]:
    """Every card key of ``decks`` in deck order, read without decoding any fact."""
    for deck in decks:
        deck_id = deck.id
        for fact_id, blank in deck.card_keys():
            yield (deck_id, fact_id, blank)


def build_queue(decks: Sequence[Deck], cards: Mapping[CardKey, StoredCard], today: Today,
                settings: Settings, now: datetime, day_end: datetime,
                scheduler: Scheduler | None = None, apart: Apart | None = None,
                sorted_cards: Sorted | DueSorted | None = None) -> StudyQueue:
    """The study queue for ``decks`` at ``now`` (see the module docstring for the order).

    The cards are classified and limited by their keys and stored rows alone, and an item
    reads its fact when it is asked, so a large deck costs its keys, not its facts.

    Args:
        decks: the decks to study; cards of facts not in them are left alone.
        cards: stored cards by key; missing ones are new, `NOT_DUE_TODAY` ones skipped
            (a `QueueCards` is read fastest).
        today: what was studied earlier in this study day.
        settings: limits and retention.
        now: the current time.
        day_end: when the current study day ends (`quiz.clock.today_bounds`).
        scheduler: used for retrievability; one from ``settings`` when None.
        apart: keeps related cards on different days; the cards studied today and the
            learning cards are admitted first, then a review or new card joins only if it
            fits. None: only siblings are kept apart.
        sorted_cards: ``cards`` already sorted (`sort_cards`, or `sort_due` for this
            queue alone) for these decks and ``day_end``; sorted again when None or when
            it does not hold at ``now``.
    """
    if sorted_cards is None or not sorted_cards.holds_at(now):
        sorted_cards = sort_cards(decks, cards, now, day_end)
    day = Choosing(decks, today, settings, apart)
    learning = day.learning(sorted_cards.learning)
    reviews = list(day.reviews(ranked(sorted_cards.reviews, scheduler or Scheduler(settings),
                                      now)))
    new = list(day.new(sorted_cards.new))
    by_id = {d.id: d for d in decks}
    return StudyQueue(
        [QueueItem(key, by_id[key[0]], "review", state_of(row)) for key, row in reviews],
        [QueueItem(key, by_id[key[0]], "new", state_of(row)) for key, row in new],
        [], day_end, timedelta(minutes=settings.learn_ahead_minutes), learning, by_id)


def ranks_until(sorted_cards: Sorted, now: datetime) -> datetime | None:
    """When some review card of ``sorted_cards`` next changes its retrievability (it
    counts whole days since the card's last review): until then the reviews rank as at
    ``now``. None when no review has a retrievability that changes."""
    now_ms = to_ms(now)
    found = min((last + ((now_ms - last) // DAY_MS + 1) * DAY_MS
                 for _, row in sorted_cards.reviews
                 if (last := row[LAST_REVIEW]) is not None and row[STABILITY] is not None),
                default=None)
    return from_ms(found) if found is not None else None


def cram_items(decks: Sequence[Deck], cards: Mapping[CardKey, StoredCard],
               seed: int, limit: int | None = None) -> list[QueueItem]:
    """Any cards of ``decks`` (suspended ones too), shuffled with ``seed``; for cram mode.

    Keys are shuffled, not facts: an item reads its fact when it is asked.
    """
    keys = list(_keys_of(decks))
    random.Random(seed).shuffle(keys)
    by_id = {d.id: d for d in decks}
    return [QueueItem(key, by_id[key[0]], "review", cards.get(key, StoredCard()).state)
            for key in (keys[:limit] if limit is not None else keys)]


def _facts_of(decks: Iterable[Deck]) -> list[tuple[Deck, tuple[CardKey, ...]]]:
    """Every fact of ``decks`` as its deck and its cards' keys, in deck order (undecoded)."""
    return [(deck, tuple(keys)) for deck in decks
            for _, keys in groupby(_keys_of([deck]), key=lambda k: k[1])]


def exam_items(decks: Sequence[Deck], cards: Mapping[CardKey, StoredCard], count: int,
               seed: int) -> list[QueueItem]:
    """``count`` cards for an exam, one blank per fact where possible, drawn with ``seed``
    (from the cards' keys: an item reads its fact when it is asked)."""
    rng = random.Random(seed)
    facts = _facts_of(decks)
    rng.shuffle(facts)
    chosen: list[QueueItem] = []
    for round_ in range(max((len(keys) for _, keys in facts), default=0)):
        for deck, keys in facts:
            if len(chosen) >= count:
                return chosen
            if round_ < len(keys):
                key = keys[(rng.randrange(len(keys)) + round_) % len(keys)]
                chosen.append(QueueItem(key, deck, "review", cards.get(key, StoredCard()).state))
    return chosen
