"""The stored cards of some decks as the study queue reads them, and their sorting by state.

A large collection's cards are mostly waiting: answered, and not due before the study day
ends. The queue only needs to know that they exist (so they are not taken for new cards),
so the store hands them over as a set of keys per deck, beside the states of the others
(`QueueCards`). `sort_cards` walks each deck's card keys once and sorts the cards into
learning, review and new ones (`Sorted`); the store keeps the result while the scores do
not change and no burial ends.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import datetime

from quiz.facts import Deck
from quiz.scheduler.records import NEW, NEW_CARD, REVIEW, CardKey, CardState, StoredCard

Pair = tuple[str, int]
"""``(fact_id, blank)``: a card within its deck, as `Deck.card_keys` yields it."""

NOT_DUE_TODAY = StoredCard(CardState(state=REVIEW))
"""Stands in `build_queue`'s ``cards`` for a stored card known not to be due today, so a
store need not build full states for the thousands of cards that are not."""

_NONE: tuple[AbstractSet[Pair], Mapping[Pair, StoredCard]] = (frozenset(), {})


class QueueCards(Mapping[CardKey, StoredCard]):
    """Stored cards by key, kept per deck as the keys of the cards not due today (each
    reads as `NOT_DUE_TODAY`) and the others' stored states. A missing key is a new card.
    """

    __slots__ = ("_decks",)

    def __init__(self, decks: Mapping[str, tuple[AbstractSet[Pair], Mapping[Pair, StoredCard]]]
                 ) -> None:
        self._decks = decks

    @classmethod
    def of(cls, cards: Mapping[CardKey, StoredCard]) -> QueueCards:
        """``cards`` grouped by deck (itself when it already is)."""
        if isinstance(cards, QueueCards):
            return cards
        decks: dict[str, tuple[set[Pair], dict[Pair, StoredCard]]] = {}
        for (deck_id, fact_id, blank), stored in cards.items():
            waiting, rows = decks.setdefault(deck_id, (set(), {}))
            if stored is NOT_DUE_TODAY:
                waiting.add((fact_id, blank))
            else:
                rows[(fact_id, blank)] = stored
        return cls(decks)

    def deck(self, deck_id: str) -> tuple[AbstractSet[Pair], Mapping[Pair, StoredCard]]:
        """The deck's waiting keys and its other cards' stored states."""
        return self._decks.get(deck_id, _NONE)

    def __getitem__(self, key: CardKey) -> StoredCard:
        waiting, rows = self._decks.get(key[0], _NONE)
        pair = (key[1], key[2])
        if pair in waiting:
            return NOT_DUE_TODAY
        try:
            return rows[pair]
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
    grouped = QueueCards.of(cards)
    for deck in decks:
        deck_id = deck.id
        waiting, rows = grouped.deck(deck_id)
        get = rows.get
        # Every key of the deck is looked at, most of them only in the set of waiting ones.
        for pair in deck.card_keys():
            if pair in waiting:
                continue
            stored = get(pair)
            if stored is None:
                new.append(((deck_id, pair[0], pair[1]), NEW_CARD))
                continue
            buried = stored.buried_until
            if buried is not None:
                if buried > now:
                    until = buried if until is None else min(until, buried)
                    continue
                since = buried if since is None else max(since, buried)
            if stored.suspended:
                continue
            state = stored.state
            due = state.due
            if state.state == REVIEW:
                if due is not None and due < day_end:
                    reviews.append(((deck_id, pair[0], pair[1]), state))
            elif state.in_learning:
                if due is not None and due < day_end:
                    learning.append(((deck_id, pair[0], pair[1]), state))
            elif state.state == NEW:
                new.append(((deck_id, pair[0], pair[1]), state))
    return Sorted(tuple(learning), tuple(reviews), tuple(new), since, until)
