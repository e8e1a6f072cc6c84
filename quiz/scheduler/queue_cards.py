"""The stored cards of some decks as the study queue reads them, and their sorting by state.

A large collection's cards are mostly waiting: answered, and not due before the study day
ends. The queue only needs to know that they exist (so they are not taken for new cards),
so the store hands them over as a set of keys per deck, beside the others' rows as stored
(`QueueCards`): times stay epoch milliseconds, and a row becomes a `CardState`
(`state_of`) only for a card the queue asks or weighs, not for the thousands it merely
sorts and ranks. `sort_cards` walks each deck's card keys once and sorts the cards into
learning, review and new ones (`Sorted`); the store keeps the result while the scores do
not change and no burial ends.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from types import MappingProxyType
from datetime import datetime
from typing import Any

from quiz.clock import from_ms, to_ms
from quiz.facts import Deck
from quiz.frozen import Record
from quiz.scheduler.choice import RECALL_STABILITY_DAYS
from quiz.scheduler.records import (
    LEARNING, NEW, NEW_CARD, RELEARNING, REVIEW, CardKey, CardState, StoredCard,
)

Pair = tuple[str, int]
"""``(fact_id, blank)``: a card within its deck, as `Deck.card_keys` yields it."""

Row = tuple[Any, ...]
"""A stored card as the store selects it: ``deck_id, fact_id, blank, state, step,
stability, difficulty, due, last_review, reps, lapses, suspended, buried_until`` (times in
epoch ms), optionally followed by the `CardState` it stands for (`row_of`)."""

STATE, STABILITY, DUE, LAST_REVIEW, SUSPENDED, BURIED = 3, 5, 7, 8, 11, 12
"""Positions in a `Row`."""
_KEPT = 13

NEW_ROW: Row = ("", "", 0, NEW, None, None, None, None, None, 0, 0, 0, None, NEW_CARD)
"""The row of a card never answered (its state is `NEW_CARD`)."""

NOT_DUE_TODAY = StoredCard(CardState(state=REVIEW))
"""Stands in `build_queue`'s ``cards`` for a stored card known not to be due today, so a
store need not build full states for the thousands of cards that are not."""


def state_of(row: Row) -> CardState:
    """The card state a row stands for."""
    if len(row) > _KEPT:
        return row[_KEPT]  # type: ignore[no-any-return]
    due, last = row[DUE], row[LAST_REVIEW]
    # Positional arguments: hundreds of these may be made before a first question.
    return CardState(row[3], row[4], row[5], row[6], from_ms(due) if due is not None else None,
                     from_ms(last) if last is not None else None, row[9], row[10])


def wants_recall_of(row: Row) -> bool:
    """`quiz.scheduler.wants_recall` of the card a row stands for, read from the row (no
    state made: a queue asks it of hundreds of cards)."""
    stability = row[STABILITY]
    return row[STATE] == REVIEW and stability is not None and stability >= RECALL_STABILITY_DAYS


def stored_of(row: Row) -> StoredCard:
    """The stored card a row stands for."""
    buried = row[BURIED]
    return StoredCard(state_of(row), row[SUSPENDED], from_ms(buried) if buried is not None else None)


def row_of(key: CardKey, stored: StoredCard) -> Row:
    """The row of a stored card given as such (it keeps its very state)."""
    state = stored.state
    return (*key, state.state, state.step, state.stability, state.difficulty,
            _ms(state.due), _ms(state.last_review), state.reps, state.lapses, stored.suspended,
            _ms(stored.buried_until), state)


def _ms(moment: datetime | None) -> int | None:
    return to_ms(moment) if moment is not None else None


_NONE: tuple[AbstractSet[Pair], Mapping[Pair, Row]] = (frozenset(), {})


class QueueCards(Mapping[CardKey, StoredCard]):
    """Stored cards by key, kept per deck as the keys of the cards not due today (each
    reads as `NOT_DUE_TODAY`) and the others' rows. A missing key is a new card.
    """

    __slots__ = ("_decks",)

    def __init__(self, decks: Mapping[str, tuple[AbstractSet[Pair], Mapping[Pair, Row]]]) -> None:
        self._decks = decks

    @classmethod
    def of(cls, cards: Mapping[CardKey, StoredCard]) -> QueueCards:
        """``cards`` grouped by deck (itself when it already is)."""
        if isinstance(cards, QueueCards):
            return cards
        decks: dict[str, tuple[set[Pair], dict[Pair, Row]]] = {}
        for key, stored in cards.items():
            waiting, rows = decks.setdefault(key[0], (set(), {}))
            if stored is NOT_DUE_TODAY:
                waiting.add((key[1], key[2]))
            else:
                rows[(key[1], key[2])] = row_of(key, stored)
        return cls(decks)

    def deck(self, deck_id: str) -> tuple[AbstractSet[Pair], Mapping[Pair, Row]]:
        """The deck's waiting keys and its other cards' rows."""
        return self._decks.get(deck_id, _NONE)

    def __getitem__(self, key: CardKey) -> StoredCard:
        waiting, rows = self._decks.get(key[0], _NONE)
        pair = (key[1], key[2])
        if pair in waiting:
            return NOT_DUE_TODAY
        try:
            return stored_of(rows[pair])
        except KeyError:
            raise KeyError(key) from None

    def __iter__(self) -> Iterator[CardKey]:
        for deck_id, (waiting, rows) in self._decks.items():
            for fact_id, blank in waiting:
                yield deck_id, fact_id, blank
            for fact_id, blank in rows:
                yield deck_id, fact_id, blank

    def __len__(self) -> int:
        return sum(len(waiting) + len(rows) for waiting, rows in self._decks.values())


NOTHING: Mapping[Any, Any] = MappingProxyType({})
"""An empty mapping that cannot change: the default of the queue values' mappings."""


Derived = dict[str, Any]
"""What counting worked out from a sorting, kept on it (`Sorted.derived`)."""


class _Sorting(Record):
    """`Sorted`'s value: its fields."""

    learning: tuple[tuple[CardKey, Row], ...]
    reviews: tuple[tuple[CardKey, Row], ...]
    new: tuple[tuple[CardKey, Row], ...]
    since: datetime | None = None
    until: datetime | None = None
    stored: Mapping[str, int] = NOTHING
    """Per deck, how many of its cards are stored: all its stored cards unless some are
    of facts it no longer has (a store counts those too)."""


class Sorted(_Sorting):
    """The cards of some decks sorted for a queue by their stored rows (`sort_cards`):
    learning cards due today, review cards due today and new cards, each in deck order.

    It holds while no card's burial ends: from ``since`` (a burial ended then) until
    ``until`` (one ends then); None for no bound.

    What counting works out from the cards (`quiz.scheduler.queue_count`) is kept on the
    sorting as ``derived``, beside its fields rather than one of them: it follows from
    them, so two sortings of the same cards compare equal, field by field, whatever either
    has had worked out.
    """

    derived: Derived | None = None
    """What counting worked out from these cards (None: nothing is kept)."""

    def __new__(cls, learning: tuple[tuple[CardKey, Row], ...],
                reviews: tuple[tuple[CardKey, Row], ...], new: tuple[tuple[CardKey, Row], ...],
                since: datetime | None = None, until: datetime | None = None,
                stored: Mapping[str, int] = NOTHING, derived: Derived | None = None) -> Sorted:
        made = super().__new__(cls, learning, reviews, new, since, until, stored)
        made.derived = derived
        return made

    def holds_at(self, now: datetime) -> bool:
        """Whether the cards sort the same at ``now``."""
        return (self.since is None or self.since <= now) and (self.until is None or now < self.until)


LEARNING_LIST, REVIEW_LIST, NEW_LIST = 0, 1, 2
"""Which of `Sorted`'s lists (learning, reviews, new) a card goes in."""

Move = tuple[CardKey, int | None, Row | None, int | None, Row | None, Mapping[Pair, int]]
"""A card a patched sorting changed (`resort`): its key, the list it was in and its row then,
the list it is in and its row now (list None: in none), and its deck's card positions."""

COUNT_INDEX, COUNT_BASIS = "count_index", "count_basis"
"""Keys of `Sorted.derived`: the counting index of the cards (`quiz.scheduler.queue_count`),
or the ``derived`` of a counted sorting they were patched from and the moves since."""

MOVES_KEPT = 512
"""Changes carried from a counted sorting through sortings never counted; past these, the
next count builds its index afresh."""


def carry(before: Sorted, moves: Sequence[Move]) -> Derived:
    """What a sorting patched from ``before`` by ``moves`` keeps for its counting: the
    index ``before`` was counted with (or the one it carried) and the moves since."""
    derived = before.derived
    kept: Derived = {}
    if derived is None:
        return kept
    if COUNT_INDEX in derived:
        kept[COUNT_BASIS] = (derived, tuple(moves))
    elif (carried := derived.get(COUNT_BASIS)) is not None \
            and len(carried[1]) + len(moves) <= MOVES_KEPT:
        kept[COUNT_BASIS] = (carried[0], carried[1] + tuple(moves))
    return kept


def _kind(row: Row, end_ms: int, now_ms: int | None = None) -> int | None:
    """The list a stored card goes in (None: it is not asked today: suspended, buried
    until after ``now_ms``, not due before the day ends at ``end_ms``); the one statement
    of these rules, for `sort_cards`, `resort` and `quiz.scheduler.due_cards` alike.
    Without ``now_ms`` the card is known not to be buried (`resort` sorts no buried card)."""
    if row[SUSPENDED]:
        return None
    if now_ms is not None and (buried := row[BURIED]) is not None and buried > now_ms:
        return None
    state, due = row[STATE], row[DUE]
    if state == REVIEW:
        return REVIEW_LIST if due is not None and due < end_ms else None
    if state == LEARNING or state == RELEARNING:
        return LEARNING_LIST if due is not None and due < end_ms else None
    return NEW_LIST if state == NEW else None


def sort_cards(decks: Sequence[Deck], cards: Mapping[CardKey, StoredCard], now: datetime,
               day_end: datetime) -> Sorted:
    """The cards of ``decks`` sorted for a queue (see `build_queue` for the arguments)."""
    learning: list[tuple[CardKey, Row]] = []
    reviews: list[tuple[CardKey, Row]] = []
    new: list[tuple[CardKey, Row]] = []
    since: int | None = None
    until: int | None = None
    now_ms, end_ms = to_ms(now), to_ms(day_end)
    grouped = QueueCards.of(cards)
    stored: dict[str, int] = {}
    lists = (learning, reviews, new)
    for deck in decks:
        deck_id = deck.id
        waiting, rows = grouped.deck(deck_id)
        get = rows.get
        found = 0
        # Every key of the deck is looked at, most of them only in the set of waiting ones.
        for pair in deck.card_keys():
            if pair in waiting:
                found += 1
                continue
            row = get(pair)
            if row is None:
                new.append(((deck_id, pair[0], pair[1]), NEW_ROW))
                continue
            found += 1
            buried = row[BURIED]
            if buried is not None:  # the sorting holds until the next burial ends
                if buried > now_ms:
                    until = buried if until is None else min(until, buried)
                else:
                    since = buried if since is None else max(since, buried)
            kind = _kind(row, end_ms, now_ms)
            if kind is not None:
                lists[kind].append(((deck_id, pair[0], pair[1]), row))
        stored[deck_id] = found
    return Sorted(tuple(learning), tuple(reviews), tuple(new),
                  from_ms(since) if since is not None else None,
                  from_ms(until) if until is not None else None, stored, {})


def resort(sorted_cards: Sorted, decks: Sequence[Deck], before: QueueCards, after: QueueCards,
           changed: Mapping[str, AbstractSet[Pair]], positions: Mapping[str, Mapping[Pair, int]],
           day_end: datetime) -> Sorted | None:
    """``sort_cards(decks, after, now, day_end)``, from ``sorted_cards`` (the sorting of
    ``before`` for the same decks, holding at ``now``) when only the cards ``changed`` differ
    (per deck: fact, blank): each is taken out of its list and put back where its new row
    sorts it. None when a changed card is or was buried (the bounds of the sorting move:
    sort again).

    ``positions``: for each deck with changed cards, each card's place in `Deck.card_keys`.
    """
    end_ms = to_ms(day_end)
    order = {deck.id: at for at, deck in enumerate(decks)}
    lists = [list(sorted_cards.learning), list(sorted_cards.reviews), list(sorted_cards.new)]
    stored = dict(sorted_cards.stored)
    moves: list[Move] = []  # each changed card's lists and rows, before and after, for counting
    for deck_id, pairs in changed.items():
        place = positions[deck_id]
        at_deck = order[deck_id]

        def where(entry: tuple[CardKey, Row]) -> tuple[int, int]:
            key = entry[0]
            deck_at = order[key[0]]
            return deck_at, place[(key[1], key[2])] if deck_at == at_deck else 0

        for pair in pairs:
            if pair not in place:
                continue  # not a card of the deck: neither sorted nor counted
            key = (deck_id, pair[0], pair[1])
            kinds = []
            for cards in (before, after):
                waiting, rows = cards.deck(deck_id)
                row = None if pair in waiting else rows.get(pair, NEW_ROW)
                if row is not None and row[BURIED] is not None:
                    return None
                kinds.append((row is not None and row is not NEW_ROW or pair in waiting, row))
            (was_stored, old), (is_stored, new) = kinds
            stored[deck_id] = stored.get(deck_id, 0) + is_stored - was_stored
            was = now = None
            if old is not None:
                kind = was = NEW_LIST if old is NEW_ROW else _kind(old, end_ms)
                if kind is not None:
                    found = lists[kind]
                    at = bisect_left(found, where((key, old)), key=where)
                    if at < len(found) and found[at][0] == key:
                        del found[at]
            if new is not None:
                kind = now = NEW_LIST if new is NEW_ROW else _kind(new, end_ms)
                if kind is not None:
                    insort(lists[kind], (key, new), key=where)
            moves.append((key, was, old, now, new, place))
    return Sorted(tuple(lists[0]), tuple(lists[1]), tuple(lists[2]), sorted_cards.since,
                  sorted_cards.until, stored, carry(sorted_cards, moves))
