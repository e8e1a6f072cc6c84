"""What the store's read-only queries keep between calls (`quiz.store.queries`).

Each memo is checked before use against what it depends on (the store's change stamp and
study day, the deck object, a sorting's time bound), so none has to be dropped when the
scores change: a stale entry is replaced, or dropped once what replaces it is made from
it. The ones keyed by an object's ``id`` keep the object itself too, so a recycled id is
never taken for it; every memo but the per-deck counts and retention sums (one entry per
deck id each) forgets all it holds when it reaches its bound (`keep`: 16 entries, 64 deck
totals). One `Memos` belongs to each
`quiz.store.Store` and goes with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from datetime import datetime

    from quiz.facts import Deck
    from quiz.questions.reveal import CardKey, KeepApart
    from quiz.scheduler import QueueCards, Sorted
    from quiz.scheduler.queue_cards import Pair
    from quiz.store.records import DeckCounts

K = TypeVar("K")
V = TypeVar("V")

Stamp = tuple[int, int, int]
"""The store's change stamp (rows changed here, others' commits seen) and the study day's
end in ms: what cards read from the store are valid for."""


class Memos:
    """The store's memos, each typed and bounded; see the module for how they stay true.

    A plain class (no dataclass): it is made on every launch, and generating a dataclass's
    methods is a measurable part of the domain's import time.
    """

    __slots__ = ("queue_cards", "patches", "sorts", "positions", "counts", "card_totals",
                 "studied", "retention")

    def __init__(self) -> None:
        self.queue_cards: dict[tuple[str, ...], tuple[Stamp, QueueCards]] = {}
        """Decks' stored cards as read at a stamp, by deck ids (`Queries._queue_cards`)."""
        self.patches: dict[int, tuple[QueueCards, QueueCards, dict[str, set[Pair]]]] = {}
        """By the id of cards patched card by card: them, the cards they were patched from
        and the pairs changed per deck; taken (so dropped) by the sorting that uses them."""
        self.sorts: dict[int, tuple[QueueCards, list[Deck], Sorted]] = {}
        """By the id of the cards sorted: them, the decks and their sorting for a queue."""
        self.positions: dict[int, tuple[Deck, dict[Pair, int]]] = {}
        """By the id of a deck: it, and where each of its cards stands in it."""
        self.counts: dict[str, tuple[Deck, Stamp, datetime, datetime | None, DeckCounts]] = {}
        """By deck id: the deck, the stamp and time they were counted at, until when they
        hold (None: no bound) and the home screen's counts (`Queries.deck_counts`)."""
        self.card_totals: dict[int, tuple[Deck, int]] = {}
        """By the id of a deck: it, and its number of cards (at most 64 decks kept)."""
        self.studied: dict[tuple[str, ...], tuple[list[Deck], frozenset[CardKey], KeepApart]] = {}
        """By deck ids: the decks, the cards studied today and those cards admitted to a
        `KeepApart` of the decks, as every count of their queue admits them first
        (`Queries._studied_apart`)."""
        self.retention: dict[str, tuple[tuple[int, int], int, int, int, int, int | None]] = {}
        """By deck id: the change stamp, window start (ms) and highest answer id the deck's
        retention sums were taken at, and the sums (`quiz.store.retention`)."""


def keep(memo: dict[K, V], key: K, value: V, most: int = 16) -> V:
    """``value`` kept in ``memo`` under ``key``, everything else forgotten first when
    ``memo`` holds ``most`` entries already."""
    if len(memo) >= most:
        memo.clear()
    memo[key] = value
    return value


__all__ = ["Memos", "Stamp", "keep"]
