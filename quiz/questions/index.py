"""Per-deck indexes that question building reads: dated cards, figures and names by kind.

Building a question must not scan the deck (a deck may hold 50,000 facts), so everything
a distractor or an `order`/`match` question looks for is indexed once per deck object and
cached. `Deck` is a slotted frozen dataclass without weak references and with an
unhashable field, so the cache is keyed by the deck's identity and holds a few recent
decks only.
"""

from __future__ import annotations

import bisect
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, TypeVar, overload

from quiz.facts import Answer, Deck, Fact
from quiz.frozen import Record
from quiz.questions.pools import ALIASES, CITIES, COUNTRIES
from quiz.values.common import drop_article, fold
from quiz.values.dates import DateValue, day_bounds
from quiz.values.lists import ListValue
from quiz.values.names import NameValue
from quiz.values.numbers import Quantity

from quiz.compiled_index import CardPairs, DatedRows, DayStarts

if TYPE_CHECKING:
    from array import array

    from quiz.compiled_index import StoredIndex

T = TypeVar("T")

DayKey = tuple[int, int, int]
"""A calendar position (year, month, day) used to compare dates of any precision."""

NumberStyle = tuple[str | None, str | None, bool, bool]
"""What makes two figures comparable: currency, unit, percent, ordinal."""

_CACHE_SIZE = 8


class Card(Record):
    """One askable thing: a fact and which of its blanks (0 for a question). A `NamedTuple`:
    a dataclass would compile its methods on the way to a first question (issue 17)."""

    fact: Fact
    blank: int

    @property
    def answer(self) -> Answer:
        """The answer this card asks for."""
        return self.fact.answers[self.blank]


def name_key(text: str) -> str:
    """The comparison key of a name or text: folded, no leading article, no spaces."""
    return drop_article(fold(text)).replace(" ", "")


_CITY_KEYS = frozenset(name_key(c) for c in CITIES)
_COUNTRY_KEYS = frozenset(name_key(c) for c in COUNTRIES)


def category_of(answer: Answer) -> str:
    """The group a name answer's distractors come from.

    The author's category (aliases folded: "people" is "person"); with none, "person" for
    a name that reads as a person's, "city" or "country" for a known one, else "".
    """
    if answer.category:
        return ALIASES.get(answer.category, answer.category)
    value = answer.value
    if isinstance(value, NameValue):
        if value.surname is not None:
            return "person"
        return _place_kind(value.key)
    if isinstance(value, ListValue):
        # The members' common kind, when at least half of them are known to have it.
        kinds = [
            ("person" if m.value.surname is not None else _place_kind(m.value.key))
            if isinstance(m.value, NameValue) else ""
            for m in value.members
        ]
        known = {k for k in kinds if k}
        if len(known) == 1:
            kind = known.pop()
            return kind if 2 * kinds.count(kind) >= len(kinds) else ""
        return ""
    return ""


def _place_kind(key: str) -> str:
    if key in _CITY_KEYS:
        return "city"
    if key in _COUNTRY_KEYS:
        return "country"
    return ""


date_bounds = day_bounds
"""The first and last day a date covers (`quiz.values.dates.day_bounds`)."""


def number_style(value: Quantity) -> NumberStyle:
    """The style key under which figures of the same unit are indexed together."""
    unit = value.unit_key or (fold(value.unit) if value.unit else None)
    return (value.currency, unit, value.percent, value.ordinal)


class DeckIndex:
    """What question building looks up in a deck, built once per deck, each part when it
    is first read: a deck from the compiled cache decodes only the parts (and facts) its
    questions touch, so a first question about a name never reads the deck's dates.

    Attributes:
        deck: The deck indexed.
        dated: Date cards sorted by their first day, with the bounds of each.
        starts: The first day of each entry of ``dated`` (for bisecting).
        figures: Sorted distinct amounts of number answers, by `number_style`.
        names: Distinct name texts (deck order) by `category_of`, list members included.
        members: Distinct members of list answers (deck order) by `category_of`.
        name_cards: Name cards by `category_of`, in deck order.
        formats: A cache of the formats each card offers (filled by `formats_for`).
        windows: A cache of date cards' option windows (`quiz.questions.window`).
        positions: Each fact's position in the deck.
        dated_positions: Positions of the facts with a date answer, ascending.
        companions: The cards an ``order`` or ``match`` question about a card draws from.
    """

    __slots__ = ("deck", "formats", "windows", "companions", "_parts", "_dated", "_starts",
                 "_figures", "_names", "_members", "_name_cards", "_positions",
                 "_dated_positions")

    def __init__(self, deck: Deck, parts: _Parts | None = None) -> None:
        self.deck = deck
        self.formats: dict[tuple[str, int], tuple[str, ...]] = {}
        self.windows: dict[tuple[str, int], tuple[DayKey, DayKey]] = {}
        self.companions: dict[tuple[str, int], tuple[Card, ...]] = {}
        self._parts = parts or _Parts(deck)
        self._dated: Sequence[tuple[DayKey, DayKey, Card, DateValue]] | None = None
        self._starts: Sequence[DayKey] | None = None
        self._figures: dict[NumberStyle, list[Decimal]] | None = None
        self._names: dict[str, list[str]] | None = None
        self._members: dict[str, list[str]] | None = None
        self._name_cards: dict[str, Sequence[Card]] | None = None
        self._positions: Mapping[str, int] | None = None
        self._dated_positions: list[int] | None = None

    @classmethod
    def build(cls, deck: Deck) -> DeckIndex:
        """The index of ``deck`` (a deck from the compiled cache brings its index as data,
        read part by part: `quiz.compiled_index.StoredIndex`)."""
        return cls(deck)

    # Each part is made on first read. Two threads may both make one; they make equal
    # values, and either is kept.
    @property
    def dated(self) -> Sequence[tuple[DayKey, DayKey, Card, DateValue]]:
        found = self._dated
        if found is None:
            found = self._dated = FactRows(self.deck.facts, self._parts.dated(), _dated_entry)
        return found

    @property
    def starts(self) -> Sequence[DayKey]:
        found = self._starts
        if found is None:
            found = self._starts = self._parts.starts()
        return found

    @property
    def figures(self) -> dict[NumberStyle, list[Decimal]]:
        found = self._figures
        if found is None:
            found = self._figures = {style: list(amounts)
                                     for style, amounts in self._parts.figures().items()}
        return found

    @property
    def names(self) -> dict[str, list[str]]:
        found = self._names
        if found is None:
            found = self._names = {g: list(t) for g, t in self._parts.names().items()}
        return found

    @property
    def members(self) -> dict[str, list[str]]:
        found = self._members
        if found is None:
            found = self._members = {g: list(t) for g, t in self._parts.members().items()}
        return found

    @property
    def name_cards(self) -> dict[str, Sequence[Card]]:
        found = self._name_cards
        if found is None:
            facts = self.deck.facts
            found = self._name_cards = {group: FactRows(facts, rows, _card)  # type: ignore[misc]
                                        for group, rows in self._parts.cards().items()}
        return found

    @property
    def positions(self) -> Mapping[str, int]:
        found = self._positions
        if found is None:
            facts = self.deck.facts
            known = getattr(facts, "positions", None)  # a compiled deck's, shared
            found = self._positions = known if known is not None else \
                {f.id: n for n, f in enumerate(facts)}
        return found

    @property
    def dated_positions(self) -> list[int]:
        found = self._dated_positions
        if found is None:
            found = self._dated_positions = self._parts.dated_positions()
        return found

    def neighbour_dates(self, fact: Fact, count: int = 3) -> list[DateValue]:
        """The date answers of the ``count`` dated facts before and after ``fact`` in the deck."""
        position = self.positions.get(fact.id)
        if position is None:
            return []
        dated_positions = self.dated_positions
        at = bisect.bisect_left(dated_positions, position)
        before = dated_positions[max(0, at - count):at]
        after = [p for p in dated_positions[at:at + count + 1] if p != position][:count]
        facts = self.deck.facts
        return [a.value for p in before + after for a in facts[p].answers if isinstance(a.value, DateValue)]

    def dated_between(self, first: DayKey, last: DayKey) -> tuple[int, int]:
        """The slice of ``dated`` whose first day lies in [first, last]."""
        starts = self.starts
        return bisect.bisect_left(starts, first), bisect.bisect_right(starts, last)

    def figures_between(self, style: NumberStyle, low: Decimal, high: Decimal) -> list[Decimal]:
        """The deck's amounts of a style within [low, high], ascending."""
        amounts = self.figures.get(style, [])
        return amounts[bisect.bisect_left(amounts, low):bisect.bisect_right(amounts, high)]


class _Parts:
    """Where a `DeckIndex` gets its parts: the index stored with a compiled deck, part by
    part, or `index_data` over the deck's facts (for a deck read from YAML, or a stored
    part found damaged)."""

    __slots__ = ("_deck", "_stored", "_data", "_flat_dated")

    def __init__(self, deck: Deck) -> None:
        self._deck = deck
        known = getattr(deck.facts, "stored_index", None)
        self._stored: StoredIndex | None = known() if known is not None else None
        self._data: IndexData | None = None
        self._flat_dated: array[int] | None = None

    def _all(self) -> IndexData:
        if self._data is None:
            self._data = _index_from_facts(self._deck)
        return self._data

    def _stored_part(self, name: str) -> Any:
        """A stored part, or None when there is none or it is damaged."""
        if self._stored is None:
            return None
        try:
            return getattr(self._stored, name)()
        except (ValueError, TypeError, InvalidOperation, RecursionError):
            self._stored = None  # the rest comes from the facts too: one source, one deck
            return None

    def _flat(self) -> array[int] | None:
        if self._flat_dated is None:
            self._flat_dated = self._stored_part("dated")
        return self._flat_dated

    def dated(self) -> Sequence[tuple[DayKey, DayKey, int, int]]:
        flat = self._flat()
        return DatedRows(flat) if flat is not None else self._all()[0]

    def starts(self) -> Sequence[DayKey]:
        flat = self._flat()
        return DayStarts(flat) if flat is not None else [row[0] for row in self._all()[0]]

    def dated_positions(self) -> list[int]:
        flat = self._flat()
        found = flat[6::8] if flat is not None else (row[2] for row in self._all()[0])
        return sorted(set(found))

    def figures(self) -> dict[NumberStyle, tuple[Decimal, ...]]:
        found = self._stored_part("figures")
        return found if found is not None else self._all()[1]

    def names(self) -> dict[str, tuple[str, ...]]:
        found = self._stored_part("names")
        return found if found is not None else self._all()[2]

    def members(self) -> dict[str, tuple[str, ...]]:
        found = self._stored_part("members")
        return found if found is not None else self._all()[3]

    def cards(self) -> dict[str, Sequence[tuple[int, int]]]:
        found = self._stored_part("cards")
        if found is not None:
            return {group: CardPairs(flat) for group, flat in found.items()}
        return self._all()[4]  # type: ignore[return-value]


def _add(groups: dict[str, list[str]], seen: dict[str, set[str]], group: str, text: str) -> None:
    """Append ``text`` to its group unless a name with the same key is there already."""
    key = name_key(text)
    keys = seen.setdefault(group, set())
    if key and key not in keys:
        keys.add(key)
        groups.setdefault(group, []).append(text)


IndexData = tuple[
    tuple[tuple[DayKey, DayKey, int, int], ...],
    dict[NumberStyle, tuple[Decimal, ...]],
    dict[str, tuple[str, ...]],
    dict[str, tuple[str, ...]],
    dict[str, tuple[tuple[int, int], ...]],
]
"""A deck's index as plain values, cards named by (fact position, blank): the date cards
with their bounds in date order, figures by style (sorted), names and list members by
category (deck order, distinct) and name cards by category (deck order)."""


def index_data(deck: Deck) -> IndexData:
    """What `DeckIndex` holds for ``deck``, as plain values (read from every fact).

    `quiz.compiled` stores it with the compiled deck, so a deck read back from the cache
    gets its index without decoding its facts.
    """
    known = getattr(deck.facts, "index_data", None)
    found = known() if known is not None else None
    if found is not None:
        return found  # type: ignore[no-any-return]
    return _index_from_facts(deck)


def _index_from_facts(deck: Deck) -> IndexData:
    """`index_data` read from every fact of ``deck``."""
    dated: list[tuple[DayKey, DayKey, int, int]] = []
    figures: dict[NumberStyle, set[Decimal]] = {}
    names: dict[str, list[str]] = {}
    members: dict[str, list[str]] = {}
    name_cards: dict[str, list[tuple[int, int]]] = {}
    seen_names: dict[str, set[str]] = {}
    seen_members: dict[str, set[str]] = {}
    for position, fact in enumerate(deck.facts):
        for blank, answer in enumerate(fact.answers):
            value = answer.value
            if answer.kind == "date" and isinstance(value, DateValue):
                first, last = date_bounds(value)
                dated.append((first, last, position, blank))
            elif answer.kind == "number" and isinstance(value, Quantity):
                figures.setdefault(number_style(value), set()).add(value.amount)
            elif answer.kind == "name" and isinstance(value, NameValue):
                group = category_of(answer)
                name_cards.setdefault(group, []).append((position, blank))
                _add(names, seen_names, group, answer.display)
            elif answer.kind == "list" and isinstance(answer.text, tuple):
                group = category_of(answer)
                for member in answer.text:
                    _add(names, seen_names, group, member)
                    _add(members, seen_members, group, member)
    dated.sort(key=lambda entry: (entry[0], entry[1]))
    return (tuple(dated), {style: tuple(sorted(amounts)) for style, amounts in figures.items()},
            {g: tuple(t) for g, t in names.items()}, {g: tuple(t) for g, t in members.items()},
            {g: tuple(c) for g, c in name_cards.items()})


class FactRows(Sequence[T]):
    """Index entries stored as rows naming a fact by position, made into entries (and the
    fact decoded) only when read: a deck from the compiled cache stays undecoded."""

    __slots__ = ("_facts", "_rows", "_make")

    def __init__(self, facts: Sequence[Fact], rows: Sequence[tuple[Any, ...]],
                 make: Callable[[Sequence[Fact], tuple[Any, ...]], T]) -> None:
        self._facts = facts
        self._rows = rows
        self._make = make

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, i: int) -> T: ...
    @overload
    def __getitem__(self, i: slice) -> list[T]: ...

    def __getitem__(self, i: int | slice) -> T | list[T]:
        if isinstance(i, slice):
            return [self._make(self._facts, row) for row in self._rows[i]]
        return self._make(self._facts, self._rows[i])

    def __iter__(self) -> Iterator[T]:
        facts, make = self._facts, self._make
        return (make(facts, row) for row in self._rows)


def _dated_entry(facts: Sequence[Fact], row: tuple[Any, ...]) -> tuple[DayKey, DayKey, Card, DateValue]:
    fact = facts[row[2]]
    return row[0], row[1], Card(fact, row[3]), fact.answers[row[3]].value


def _card(facts: Sequence[Fact], row: tuple[Any, ...]) -> Card:
    return Card(facts[row[0]], row[1])


_cache: OrderedDict[int, tuple[Deck, DeckIndex]] = OrderedDict()
_lock = threading.Lock()


def index_for(deck: Deck) -> DeckIndex:
    """The index of ``deck``, built on first use and kept for the few most recent decks."""
    with _lock:
        entry = _cache.get(id(deck))
        if entry is not None and entry[0] is deck:
            _cache.move_to_end(id(deck))
            return entry[1]
    index = DeckIndex.build(deck)
    with _lock:
        _cache[id(deck)] = (deck, index)
        _cache.move_to_end(id(deck))
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return index
