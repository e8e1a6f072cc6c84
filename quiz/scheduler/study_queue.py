"""The study queue: which cards to ask today and in what order; cram and exam lists."""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime, timedelta
from itertools import groupby
from typing import TYPE_CHECKING, Protocol

from quiz.facts import Deck, Fact
from quiz.frozen import Record
from quiz.scheduler.engine import Scheduler
from quiz.clock import from_ms, to_ms
from quiz.scheduler.queue_cards import (
    DUE, LAST_REVIEW, NOTHING, STABILITY, Row, Sorted, sort_cards, state_of, wants_recall_of,
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


HELD_BACK_PER_LIMIT, HELD_BACK_EXTRA = 1, 10
"""A deck's reviews (or new cards) held back as related on one day stop at the room its
daily limit leaves, plus ten: past that the rest wait for another day without being
examined, so a deck whose cards are all related costs the day's size, not the deck's."""


LEARNING_SHOWN = 50
"""The learning cards (soonest due first) that hold back their relatives; past these, a
learning card holds none back (its fact is not even read). Learners have a few dozen
learning cards; a collection with thousands must not wait seconds for its queue."""

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
    learning, reviews, new = _choose(decks, today, settings, now, scheduler, apart,
                                     sorted_cards)
    by_id = {d.id: d for d in decks}
    return StudyQueue(
        [QueueItem(key, by_id[key[0]], "review", state_of(row)) for key, row in reviews],
        [QueueItem(key, by_id[key[0]], "new", state_of(row)) for key, row in new],
        [], day_end, timedelta(minutes=settings.learn_ahead_minutes), learning, by_id)


Chosen = list[tuple[CardKey, Row]]
Learning = list[tuple[int, CardKey, Row]]
"""Learning cards as (due ms, key, stored row), in deck order (`StudyQueue` heaps them)."""


def _choose(decks: Sequence[Deck], today: Today, settings: Settings, now: datetime,
            scheduler: Scheduler | None, apart: Apart | None, sorted_cards: Sorted | DueSorted
            ) -> tuple[Learning, Chosen, Chosen]:
    """The queue's learning cards (in deck order: `StudyQueue` asks them soonest due
    first), and its review and new cards in asking order; see `build_queue`."""
    scheduler = scheduler or Scheduler(settings)
    rankings: dict[str, Callable[[int | None, float | None], float]] = {}
    reviews: list[tuple[float, int, CardKey, Row]] = []
    for key, row in sorted_cards.reviews:
        ranking = rankings.get(key[0])
        if ranking is None:
            ranking = rankings[key[0]] = scheduler.retrievability_at(now, key[0])
        reviews.append((ranking(row[LAST_REVIEW], row[STABILITY]), row[DUE], key, row))
    reviews.sort()  # by retrievability, due time and key; keys differ, so rows never compare

    # Siblings: one blank per statement per day. Learning cards claim their fact first,
    # then reviews (most overdue first), then new cards; a card cut by a daily limit or
    # held back by ``apart`` still claims its fact, so a sibling never jumps ahead of it.
    taken: dict[tuple[str, str], int] = {}

    studied = today.blanks_by_fact
    hold = taken.setdefault

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

    if not studied:  # the same, in one look-up (thousands of cards on a day's first queue)
        def claim(key: CardKey) -> bool:
            blank = key[2]
            return hold((key[0], key[1]), blank) == blank

    looks: dict[str, int] = {}

    def fits(key: CardKey, row: Row) -> bool:
        if apart is None:
            return True
        if looks[key[0]] <= 0:
            return False  # enough cards were held back today: the rest wait, unexamined
        recall = wants_recall_of(row)
        if not apart.fits(key, recall):
            looks[key[0]] -= 1
            return False
        apart.admit(key, recall)
        return True

    learning = [(row[DUE], key, row) for key, row in sorted_cards.learning if claim(key)]
    if apart is not None:
        for (deck_id, fact_id), blanks in today.blanks_by_fact.items():
            for blank in blanks:  # asked in either group earlier today
                apart.admit((deck_id, fact_id, blank), True)
                apart.admit((deck_id, fact_id, blank), False)
        for _, key, row in heapq.nsmallest(LEARNING_SHOWN, learning):
            apart.admit(key, wants_recall_of(row))
    # A card cut by a daily limit is not on the day, so it holds no other card back.
    room = {d.id: max(0, settings.reviews_per_day - today.reviews_by_deck.get(d.id, 0))
            for d in decks}
    looks.update((d, HELD_BACK_PER_LIMIT * r + HELD_BACK_EXTRA) for d, r in room.items())
    chosen: Chosen = []
    for _, _, key, row in reviews:
        if claim(key) and room.get(key[0], 0) > 0 and fits(key, row):
            room[key[0]] -= 1
            chosen.append((key, row))
    room = {d.id: max(0, settings.new_per_day - today.new_by_deck.get(d.id, 0)) for d in decks}
    looks.update((d, HELD_BACK_PER_LIMIT * r + HELD_BACK_EXTRA) for d, r in room.items())
    new = choose_new(sorted_cards.new, room, looks, claim, fits)
    return learning, chosen, new


def choose_new(entries: Iterable[tuple[CardKey, Row]], room: dict[str, int],
               looks: Mapping[str, int], claim: Callable[[CardKey], bool],
               fits: Callable[[CardKey, Row], object]) -> Chosen:
    """The new cards a queue takes from ``entries`` (in deck order): each claimed and
    fitting, up to its deck's ``room`` (spent here); a deck that held back its ``looks``
    takes no more (see `_choose`)."""
    new: Chosen = []
    # A deck whose new cards are all chosen (or held back) takes no more: what its later
    # cards would claim could only keep its own later cards out. Once every deck is done,
    # the rest of the new cards are not looked at.
    open_decks = sum(1 for r in room.values() if r > 0)
    for key, row in entries:
        if not open_decks:
            break
        deck_id = key[0]
        if room.get(deck_id, 0) <= 0:
            continue
        if claim(key) and fits(key, row):
            room[deck_id] -= 1
            new.append((key, row))
            if not room[deck_id]:
                open_decks -= 1
        elif looks[deck_id] <= 0:
            room[deck_id] = 0  # enough were held back: the deck's other new cards wait
            open_decks -= 1
    return new


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
