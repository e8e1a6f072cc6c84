"""The study queue: which cards to ask today and in what order; cram and exam lists."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from itertools import groupby
from typing import Protocol

from quiz.facts import Deck, Fact
from quiz.scheduler.choice import wants_recall
from quiz.scheduler.engine import Scheduler
from quiz.scheduler.records import (
    NEW_CARD, REVIEW, CardKey, CardState, ItemKind, StoredCard,
)
from quiz.scheduler.settings import Settings


@dataclass(frozen=True, slots=True)
class QueueItem:
    """One card to ask: its key, its fact, why it is in the queue, and its state.

    The fact may be given as its deck, to be read from it when first needed (`fact`): a
    queue of thousands of cards then decodes only the facts of the cards asked.
    """

    key: CardKey
    source: Fact | Deck = field(repr=False)
    """The card's fact, or the deck to read it from."""
    kind: ItemKind
    state: CardState

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


@dataclass(frozen=True, slots=True)
class Today:
    """What was already studied today, per deck (from the store's review log)."""

    new_by_deck: Mapping[str, int] = field(default_factory=dict)
    reviews_by_deck: Mapping[str, int] = field(default_factory=dict)
    blanks_by_fact: Mapping[tuple[str, str], frozenset[int]] = field(default_factory=dict)
    """For each (deck, fact) studied today, the blanks answered."""


@dataclass(frozen=True, slots=True)
class QueueCounts:
    """How many cards of each kind are left in a queue."""

    learning: int
    review: int
    new: int

    @property
    def total(self) -> int:
        """All cards left."""
        return self.learning + self.review + self.new


class StudyQueue:
    """The cards of one study session, in asking order; learning cards come back in it.

    A queue is for one thread and one session; after each answer, call `answered` with
    the card's new state so learning steps are honoured.
    """

    def __init__(self, reviews: list[QueueItem], new: list[QueueItem],
                 learning: list[QueueItem], day_end: datetime, learn_ahead: timedelta) -> None:
        self._reviews = reviews
        self._new = new
        self._learning = sorted(learning, key=lambda i: (i.state.due, i.key))
        self.day_end = day_end
        """When the study day ends: learning cards due later wait for the next session."""
        self._learn_ahead = learn_ahead

    def counts(self) -> QueueCounts:
        """Cards left, by kind."""
        return QueueCounts(len(self._learning), len(self._reviews), len(self._new))

    def next(self, now: datetime) -> QueueItem | None:
        """The next card to ask at ``now``, removed from the queue; None when done for now."""
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
        return self._learning[0].state.due if self._learning else None

    def answered(self, item: QueueItem, after: CardState) -> None:
        """Put a card back if its learning steps bring it back before the day ends."""
        if after.in_learning and after.due is not None and after.due < self.day_end:
            self._learning.append(replace(item, kind="learning", state=after))
            self._learning.sort(key=lambda i: (i.state.due, i.key))

    def forget(self, key: CardKey) -> None:
        """Drop every queued entry for ``key`` (before re-queueing it after a re-rating or undo)."""
        for items in (self._learning, self._reviews, self._new):
            items[:] = [i for i in items if i.key != key]

    def put_back(self, item: QueueItem) -> None:
        """Return an item to the front of its list (after an undo)."""
        target = {"learning": self._learning, "review": self._reviews, "new": self._new}[item.kind]
        target.insert(0, item)


class Apart(Protocol):
    """Which cards may share a study day (`quiz.questions.reveal.KeepApart`): cards that
    share an answer or show one another are kept on different days."""

    def fits(self, key: CardKey, recall: bool | None = None) -> bool:
        """Whether ``key`` may join the cards admitted so far (``recall``: `wants_recall`)."""
        ...

    def admit(self, key: CardKey, recall: bool | None = None) -> None:
        """Count ``key`` among the day's cards."""
        ...


def _keys_of(decks: Iterable[Deck]) -> Iterator[CardKey]:
    """Every card key of ``decks`` in deck order, read without decoding any fact."""
    for deck in decks:
        deck_id = deck.id
        for fact_id, blank in deck.card_keys():
            yield (deck_id, fact_id, blank)


def _item(by_id: Mapping[str, Deck], key: CardKey, kind: ItemKind, state: CardState) -> QueueItem:
    """A queue item whose fact is read from its deck when first needed."""
    return QueueItem(key, by_id[key[0]], kind, state)


HELD_BACK_PER_LIMIT, HELD_BACK_EXTRA = 1, 10
"""A deck's reviews (or new cards) held back as related on one day stop at the room its
daily limit leaves, plus ten: past that the rest wait for another day without being
examined, so a deck whose cards are all related costs the day's size, not the deck's."""

LEARNING_SHOWN = 50
"""The learning cards (soonest due first) that hold back their relatives; past these, a
learning card holds none back (its fact is not even read). Learners have a few dozen
learning cards; a collection with thousands must not wait seconds for its queue."""

NOT_DUE_TODAY = StoredCard(CardState(state=REVIEW))
"""Stands in `build_queue`'s ``cards`` for a stored card known not to be due today, so a
store need not build full states for the thousands of cards that are not."""


@dataclass(frozen=True, slots=True)
class Sorted:
    """The cards of some decks sorted for a queue by their stored states (`sort_cards`):
    learning cards due today, review cards due today and new cards, each in deck order.

    It holds while no card's burial ends: from ``since`` (a burial ended then) until
    ``until`` (one ends then); None for no bound.
    """

    learning: tuple[tuple[CardKey, CardState], ...]
    reviews: tuple[tuple[CardKey, CardState], ...]
    new: tuple[tuple[CardKey, CardState], ...]
    since: datetime | None = None
    until: datetime | None = None

    def holds_at(self, now: datetime) -> bool:
        """Whether the cards sort the same at ``now``."""
        return (self.since is None or self.since <= now) and (self.until is None or now < self.until)


def sort_cards(decks: Sequence[Deck], cards: Mapping[CardKey, StoredCard], now: datetime,
               day_end: datetime) -> Sorted:
    """The cards of ``decks`` sorted for a queue (see `build_queue` for the arguments)."""
    learning: list[tuple[CardKey, CardState]] = []
    reviews: list[tuple[CardKey, CardState]] = []
    new: list[tuple[CardKey, CardState]] = []
    since: datetime | None = None
    until: datetime | None = None
    for key in _keys_of(decks):
        stored = cards.get(key)
        if stored is None:
            new.append((key, NEW_CARD))
            continue
        if stored is NOT_DUE_TODAY:
            continue
        buried = stored.buried_until
        if buried is not None:
            if buried > now:
                until = buried if until is None else min(until, buried)
            else:
                since = buried if since is None else max(since, buried)
        if stored.suspended or (buried is not None and buried > now):
            continue
        state = stored.state
        if state.in_learning and state.due is not None and state.due < day_end:
            learning.append((key, state))
        elif state.state == REVIEW and state.due is not None and state.due < day_end:
            reviews.append((key, state))
        elif state.is_new:
            new.append((key, state))
    return Sorted(tuple(learning), tuple(reviews), tuple(new), since, until)


def build_queue(decks: Sequence[Deck], cards: Mapping[CardKey, StoredCard], today: Today,
                settings: Settings, now: datetime, day_end: datetime,
                scheduler: Scheduler | None = None, apart: Apart | None = None,
                sorted_cards: Sorted | None = None) -> StudyQueue:
    """The study queue for ``decks`` at ``now`` (see the module docstring for the order).

    The cards are classified and limited by their keys and states alone, and an item reads
    its fact when it is asked, so a large deck costs its keys, not its facts.

    Args:
        decks: the decks to study; cards of facts not in them are left alone.
        cards: stored cards by key; missing ones are new, `NOT_DUE_TODAY` ones skipped.
        today: what was studied earlier in this study day.
        settings: limits and retention.
        now: the current time.
        day_end: when the current study day ends (`quiz.clock.today_bounds`).
        scheduler: used for retrievability; one from ``settings`` when None.
        apart: keeps related cards on different days; the cards studied today and the
            learning cards are admitted first, then a review or new card joins only if it
            fits. None: only siblings are kept apart.
        sorted_cards: ``cards`` already sorted (`sort_cards`) for these decks and
            ``day_end``; sorted again when None or when it does not hold at ``now``.
    """
    scheduler = scheduler or Scheduler(settings)
    by_id = {d.id: d for d in decks}
    if sorted_cards is None or not sorted_cards.holds_at(now):
        sorted_cards = sort_cards(decks, cards, now, day_end)
    learning, new = sorted_cards.learning, sorted_cards.new
    rankings: dict[str, Callable[[CardState], float]] = {}
    reviews: list[tuple[float, datetime, CardKey, CardState]] = []
    for key, state in sorted_cards.reviews:
        ranking = rankings.get(key[0])
        if ranking is None:
            ranking = rankings[key[0]] = scheduler.retrievability_at(now, key[0])
        reviews.append((ranking(state), state.due, key, state))  # type: ignore[arg-type]
    reviews.sort(key=lambda r: (r[0], r[1], r[2]))

    # Siblings: one blank per statement per day. Learning cards claim their fact first,
    # then reviews (most overdue first), then new cards; a card cut by a daily limit or
    # held back by ``apart`` still claims its fact, so a sibling never jumps ahead of it.
    taken: dict[tuple[str, str], int] = {}

    studied = today.blanks_by_fact

    def claim(key: CardKey) -> bool:
        fact = (key[0], key[1])
        held = taken.get(fact)
        if held is not None and held != key[2]:
            return False
        blanks = studied.get(fact)
        if blanks and (len(blanks) > 1 or key[2] not in blanks):
            return False  # another blank of the fact was studied today
        taken[fact] = key[2]
        return True

    looks: dict[str, int] = {}

    def fits(key: CardKey, state: CardState) -> bool:
        if apart is None:
            return True
        if looks[key[0]] <= 0:
            return False  # enough cards were held back today: the rest wait, unexamined
        recall = wants_recall(state)
        if not apart.fits(key, recall):
            looks[key[0]] -= 1
            return False
        apart.admit(key, recall)
        return True

    learning_items = [_item(by_id, key, "learning", state) for key, state in learning if claim(key)]
    if apart is not None:
        for (deck_id, fact_id), blanks in today.blanks_by_fact.items():
            for blank in blanks:  # asked in either group earlier today
                apart.admit((deck_id, fact_id, blank), True)
                apart.admit((deck_id, fact_id, blank), False)
        soonest = sorted(learning_items, key=lambda i: (i.state.due, i.key))
        for item in soonest[:LEARNING_SHOWN]:
            apart.admit(item.key, wants_recall(item.state))
    # A card cut by a daily limit is not on the day, so it holds no other card back.
    room = {d.id: max(0, settings.reviews_per_day - today.reviews_by_deck.get(d.id, 0))
            for d in decks}
    looks.update((d, HELD_BACK_PER_LIMIT * r + HELD_BACK_EXTRA) for d, r in room.items())
    review_items: list[QueueItem] = []
    for _, _, key, state in reviews:
        if claim(key) and room.get(key[0], 0) > 0 and fits(key, state):
            room[key[0]] -= 1
            review_items.append(_item(by_id, key, "review", state))
    room = {d.id: max(0, settings.new_per_day - today.new_by_deck.get(d.id, 0)) for d in decks}
    looks.update((d, HELD_BACK_PER_LIMIT * r + HELD_BACK_EXTRA) for d, r in room.items())
    new_items: list[QueueItem] = []
    for key, state in new:
        if claim(key) and room.get(key[0], 0) > 0 and fits(key, state):
            room[key[0]] -= 1
            new_items.append(_item(by_id, key, "new", state))
    return StudyQueue(review_items, new_items, learning_items, day_end,
                      timedelta(minutes=settings.learn_ahead_minutes))


def cram_items(decks: Sequence[Deck], cards: Mapping[CardKey, StoredCard],
               seed: int, limit: int | None = None) -> list[QueueItem]:
    """Any cards of ``decks`` (suspended ones too), shuffled with ``seed``; for cram mode.

    Keys are shuffled, not facts: an item reads its fact when it is asked.
    """
    keys = list(_keys_of(decks))
    random.Random(seed).shuffle(keys)
    by_id = {d.id: d for d in decks}
    return [_item(by_id, key, "review", cards.get(key, StoredCard()).state)
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
