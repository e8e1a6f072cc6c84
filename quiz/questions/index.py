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
from dataclasses import dataclass, field
from decimal import Decimal

from quiz.facts import Answer, Deck, Fact
from quiz.questions.pools import ALIASES, CITIES, COUNTRIES
from quiz.values.common import drop_article, fold
from quiz.values.dates import DateValue, day_bounds
from quiz.values.lists import ListValue
from quiz.values.names import NameValue
from quiz.values.numbers import Quantity

DayKey = tuple[int, int, int]
"""A calendar position (year, month, day) used to compare dates of any precision."""

NumberStyle = tuple[str | None, str | None, bool, bool]
"""What makes two figures comparable: currency, unit, percent, ordinal."""

_CACHE_SIZE = 8


@dataclass(frozen=True, slots=True)
class Card:
    """One askable thing: a fact and which of its blanks (0 for a question)."""

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


@dataclass(slots=True)
class DeckIndex:
    """What question building looks up in a deck, built once per deck.

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

    deck: Deck
    dated: list[tuple[DayKey, DayKey, Card, DateValue]] = field(default_factory=list)
    starts: list[DayKey] = field(default_factory=list)
    figures: dict[NumberStyle, list[Decimal]] = field(default_factory=dict)
    names: dict[str, list[str]] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=dict)
    name_cards: dict[str, list[Card]] = field(default_factory=dict)
    formats: dict[tuple[str, int], tuple[str, ...]] = field(default_factory=dict)
    windows: dict[tuple[str, int], tuple[DayKey, DayKey]] = field(default_factory=dict)
    positions: dict[str, int] = field(default_factory=dict)
    dated_positions: list[int] = field(default_factory=list)
    companions: dict[tuple[str, int], tuple[Card, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, deck: Deck) -> DeckIndex:
        """Index every card of ``deck``."""
        index = cls(deck)
        figures: dict[NumberStyle, set[Decimal]] = {}
        seen_names: dict[str, set[str]] = {}
        seen_members: dict[str, set[str]] = {}
        for position, fact in enumerate(deck.facts):
            index.positions[fact.id] = position
            for blank, answer in enumerate(fact.answers):
                card = Card(fact, blank)
                value = answer.value
                if answer.kind == "date" and isinstance(value, DateValue):
                    first, last = date_bounds(value)
                    index.dated.append((first, last, card, value))
                    if not index.dated_positions or index.dated_positions[-1] != position:
                        index.dated_positions.append(position)
                elif answer.kind == "number" and isinstance(value, Quantity):
                    figures.setdefault(number_style(value), set()).add(value.amount)
                elif answer.kind == "name" and isinstance(value, NameValue):
                    group = category_of(answer)
                    index.name_cards.setdefault(group, []).append(card)
                    index._add_name(seen_names, group, answer.display)
                elif answer.kind == "list" and isinstance(answer.text, tuple):
                    group = category_of(answer)
                    for member in answer.text:
                        index._add_name(seen_names, group, member)
                        _add(index.members, seen_members, group, member)
        index.dated.sort(key=lambda entry: (entry[0], entry[1]))
        index.starts = [entry[0] for entry in index.dated]
        index.figures = {style: sorted(amounts) for style, amounts in figures.items()}
        return index

    def _add_name(self, seen: dict[str, set[str]], group: str, text: str) -> None:
        _add(self.names, seen, group, text)

    def neighbour_dates(self, fact: Fact, count: int = 3) -> list[DateValue]:
        """The date answers of the ``count`` dated facts before and after ``fact`` in the deck."""
        position = self.positions.get(fact.id)
        if position is None:
            return []
        at = bisect.bisect_left(self.dated_positions, position)
        before = self.dated_positions[max(0, at - count):at]
        after = [p for p in self.dated_positions[at:at + count + 1] if p != position][:count]
        facts = self.deck.facts
        return [a.value for p in before + after for a in facts[p].answers if isinstance(a.value, DateValue)]

    def dated_between(self, first: DayKey, last: DayKey) -> tuple[int, int]:
        """The slice of ``dated`` whose first day lies in [first, last]."""
        return bisect.bisect_left(self.starts, first), bisect.bisect_right(self.starts, last)

    def figures_between(self, style: NumberStyle, low: Decimal, high: Decimal) -> list[Decimal]:
        """The deck's amounts of a style within [low, high], ascending."""
        amounts = self.figures.get(style, [])
        return amounts[bisect.bisect_left(amounts, low):bisect.bisect_right(amounts, high)]


def _add(groups: dict[str, list[str]], seen: dict[str, set[str]], group: str, text: str) -> None:
    """Append ``text`` to its group unless a name with the same key is there already."""
    key = name_key(text)
    keys = seen.setdefault(group, set())
    if key and key not in keys:
        keys.add(key)
        groups.setdefault(group, []).append(text)


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
