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

from collections.abc import Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from quiz.clock import from_ms, to_ms
from quiz.facts import Deck
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


@dataclass(frozen=True, slots=True)
class Sorted:
    """The cards of some decks sorted for a queue by their stored rows (`sort_cards`):
    learning cards due today, review cards due today and new cards, each in deck order.

    It holds while no card's burial ends: from ``since`` (a burial ended then) until
    ``until`` (one ends then); None for no bound.
    """

    learning: tuple[tuple[CardKey, Row], ...]
    reviews: tuple[tuple[CardKey, Row], ...]
    new: tuple[tuple[CardKey, Row], ...]
    since: datetime | None = None
    until: datetime | None = None
    stored: Mapping[str, int] = field(default_factory=dict)
    """Per deck, how many of its cards are stored: all its stored cards unless some are
    of facts it no longer has (a store counts those too)."""

    def holds_at(self, now: datetime) -> bool:
        """Whether the cards sort the same at ``now``."""
        return (self.since is None or self.since <= now) and (self.until is None or now < self.until)


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
            if buried is not None:
                if buried > now_ms:
                    until = buried if until is None else min(until, buried)
                    continue
                since = buried if since is None else max(since, buried)
            if row[SUSPENDED]:
                continue
            state, due = row[STATE], row[DUE]
            if state == REVIEW:
                if due is not None and due < end_ms:
                    reviews.append(((deck_id, pair[0], pair[1]), row))
            elif state == LEARNING or state == RELEARNING:
                if due is not None and due < end_ms:
                    learning.append(((deck_id, pair[0], pair[1]), row))
            elif state == NEW:
                new.append(((deck_id, pair[0], pair[1]), row))
        stored[deck_id] = found
    return Sorted(tuple(learning), tuple(reviews), tuple(new),
                  from_ms(since) if since is not None else None,
                  from_ms(until) if until is not None else None, stored)
