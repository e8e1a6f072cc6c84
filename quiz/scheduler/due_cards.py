"""A study queue's cards sorted from the rows asked today alone, new cards found as read.

`sort_cards` walks every key of the decks and needs the key of every stored card, to tell
new cards from those waiting for a later day: on a large collection that is most of the
wait for a first question (20,000 facts: ~18,000 waiting keys read into a set and 24,000
keys walked, for a queue that asks a dozen new cards). A queue needs less. Its learning
and review cards are among the stored rows that are not waiting (the rows a store reads
anyway); only the first new cards in deck order are ever looked at (the daily limit, and
the few held back); and whether a key is stored is a question the store answers for a
batch of keys at once. `sort_due` sorts the rows into deck order by each fact's place,
and `NewCards` walks the deck keys only as far as the queue reads them, asking the store
about the keys it passes a batch at a time.

Its lists are `sort_cards`'s for the same cards (tests hold the two side by side); the
result is for one queue at one moment (`DueSorted.holds_at`), never kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from datetime import datetime
from operator import itemgetter

from quiz.clock import to_ms
from quiz.facts import Deck
from quiz.frozen import Record
from quiz.scheduler.queue_cards import (
    NEW_LIST, NEW_ROW, Pair, Row, _kind,
)
from quiz.scheduler.records import CardKey

StoredAmong = Callable[[str, Sequence[Pair]], AbstractSet[Pair]]
"""The store's answer to "which of these cards of a deck are stored, in any state": a set
holding each one of them that is (it may hold others)."""

FIRST_BATCH, LAST_BATCH = 64, 1024
"""Keys `NewCards` asks the store about at once: few at first (a queue mostly needs a
few dozen new cards), twice as many each time after."""

Entry = tuple[CardKey, Row]


class DueSorted(Record):
    """The cards of some decks sorted for one queue at one moment (`sort_due`): learning
    and review cards due today in deck order, as `Sorted` has them, and the new cards in
    deck order, found as they are read."""

    learning: tuple[Entry, ...]
    reviews: tuple[Entry, ...]
    new: NewCards
    at: datetime

    def holds_at(self, now: datetime) -> bool:
        """Whether these are the cards at ``now``: only at the moment they were sorted for
        (the new cards are looked up as they are read)."""
        return now == self.at


def _places(deck: Deck) -> tuple[Mapping[str, int], Sequence[int],
                                 Callable[[int], Sequence[int] | None] | None]:
    """Each fact's place in ``deck`` by its id, each place's number of cards, and the
    store keys of the cards at a place in deck order when its blanks have ids (None when
    they are 0, 1, …), as `Deck.card_keys` walks them; None for the last when no blank of
    the deck has an id."""
    facts = deck.facts
    keyed_at = getattr(facts, "keyed_at", None)
    if keyed_at is not None:  # a compiled deck: nothing decoded
        return (facts.positions, facts.blanks,  # type: ignore[attr-defined]
                keyed_at if facts.any_keyed else None)  # type: ignore[attr-defined]
    keyed = [tuple(f.blank_key(b) for b in range(len(f.answers))) if f.blank_ids else None
             for f in facts]
    return ({f.id: at for at, f in enumerate(facts)}, [len(f.answers) for f in facts],
            keyed.__getitem__ if any(k is not None for k in keyed) else None)


def card_place(deck: Deck) -> Callable[[str, int], int | None]:
    """Where a card (fact id, stored blank) comes in ``deck``'s order, as one integer (its
    fact's place, then its blank's: `Deck.card_keys` walks them so); None for a card of a
    fact, or a blank, the deck no longer has."""
    positions, counts, keyed_at = _places(deck)
    place_of = positions.get

    def place(fact_id: str, blank: int) -> int | None:
        at = place_of(fact_id)
        if at is None:
            return None
        keys = keyed_at(at) if keyed_at is not None else None
        if keys is None:
            return at << 16 | blank if 0 <= blank < counts[at] else None
        return at << 16 | keys.index(blank) if blank in keys else None

    return place


def sort_due(decks: Sequence[Deck], rows: Mapping[str, Iterable[Row]],
             stored_among: StoredAmong, now: datetime, day_end: datetime) -> DueSorted:
    """The cards of ``decks`` sorted for a queue at ``now``, as `sort_cards` sorts them.

    Args:
        decks: the decks of the queue.
        rows: per deck, its stored cards that are new, suspended or due before ``day_end``,
            as read (rows of cards the deck no longer has are left out). Every other stored
            card of the deck waits for a later day.
        stored_among: asked which keys the new-card walk passes are stored.
        now: the time of the queue.
        day_end: when the study day ends.
    """
    now_ms, end_ms = to_ms(now), to_ms(day_end)
    learning: list[tuple[int, Entry]] = []
    reviews: list[tuple[int, Entry]] = []
    lists = (learning, reviews)  # by list number, as `sort_cards` has them
    new_rows: dict[str, dict[Pair, Row]] = {}
    for at, deck in enumerate(decks):
        found = rows.get(deck.id)
        fresh = new_rows[deck.id] = {}
        if not found:
            continue
        place = card_place(deck)
        deck_id, base = deck.id, at << 48
        for row in found:
            kind = _kind(row, end_ms, now_ms)  # `sort_cards`'s rules, stated once
            if kind is None:
                continue  # not asked today
            fact_id, blank = row[1], row[2]
            if kind == NEW_LIST:
                fresh[(fact_id, blank)] = row  # a new card's row, for `NewCards`
                continue
            at_card = place(fact_id, blank)
            if at_card is None:
                continue  # a fact, or a blank, the deck no longer has
            # Deck order, as one integer: the deck, the fact's place, the blank's.
            lists[kind].append((base | at_card, ((deck_id, fact_id, blank), row)))
    first, second = itemgetter(0), itemgetter(1)
    learning.sort(key=first)
    reviews.sort(key=first)
    return DueSorted(tuple(map(second, learning)), tuple(map(second, reviews)),
                     NewCards(decks, new_rows, stored_among), now)


class NewCards:
    """The new cards of some decks in deck order (each with its row), found as they are
    read: a key with a stored new card's row (`sort_due` keeps those) is new; any other is
    new unless the store has it (waiting for a later day, or asked today but not as new),
    which is asked a batch of keys at a time."""

    __slots__ = ("_decks", "_rows", "_stored_among")

    def __init__(self, decks: Sequence[Deck], rows: Mapping[str, Mapping[Pair, Row]],
                 stored_among: StoredAmong) -> None:
        """``rows``: per deck, the rows of its stored cards that are new today."""
        self._decks = decks
        self._rows = rows
        self._stored_among = stored_among

    def __iter__(self) -> Iterator[Entry]:
        for deck in self._decks:
            deck_id = deck.id
            get = self._rows.get(deck_id, {}).get
            pending: list[tuple[Pair, Row | None]] = []
            unknown: list[Pair] = []
            batch = FIRST_BATCH
            for pair in deck.card_keys():
                row = get(pair)
                if row is None:
                    pending.append((pair, None))
                    unknown.append(pair)
                    if len(unknown) >= batch:
                        yield from self._settle(deck_id, pending, unknown)
                        pending, unknown = [], []
                        batch = min(2 * batch, LAST_BATCH)
                    continue
                if unknown:
                    pending.append((pair, row))
                else:
                    yield (deck_id, pair[0], pair[1]), row
            yield from self._settle(deck_id, pending, unknown)

    def _settle(self, deck_id: str, pending: list[tuple[Pair, Row | None]],
                unknown: list[Pair]) -> Iterator[Entry]:
        """The new ones of ``pending``, in order, once the store said which of the
        ``unknown`` keys it has."""
        stored = self._stored_among(deck_id, unknown) if unknown else frozenset()
        for pair, row in pending:
            if row is not None:
                yield (deck_id, pair[0], pair[1]), row
            elif pair not in stored:
                yield (deck_id, pair[0], pair[1]), NEW_ROW
