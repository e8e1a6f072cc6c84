"""What a cached deck answers without decoding its facts: its question index, whether
grading may need pint, its facts' tags, and a fact by its id (`FactIndex`).

`quiz.questions.index.index_data` reads every fact of a deck; the compiled cache
(`quiz.compiled`) stores its result beside the facts as `PARTS` more `marshal` blobs of
primitives, each sealed, read, decoded and type-checked when a question first needs it
(`StoredIndex`; `loads` decodes the whole). A part found damaged is built from the facts instead, as
without a cache. `may_use_pint` and `fact_tags` read the values the cache stores, or walk a
deck's facts.
"""

from __future__ import annotations

import marshal
from operator import ge
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, TypeVar, overload

if TYPE_CHECKING:
    from quiz.compiled import CompiledFacts
    from quiz.facts import Deck, Fact
    from quiz.questions.index import DayKey, IndexData, NumberStyle

    DatedRow = tuple[DayKey, DayKey, int, int]

T = TypeVar("T")

PARTS = 5
"""The index's parts, stored apart: date cards, figures, names, list members, name cards."""


def may_use_pint(deck: Deck) -> bool:
    """Whether grading some answer of ``deck`` can ask pint: a figure with a unit (a
    compiled deck answers from a flag stored with it, without decoding its facts)."""
    stored = getattr(deck.facts, "units", None)
    if stored is not None:
        return bool(stored)
    from quiz.values.units import may_use_pint as unit_may

    for fact in deck.facts:
        for answer in fact.answers:
            values = [answer.value]
            if answer.kind == "list":
                members = list(answer.value.members)
                values = [m.value for m in members + [a for m in members for a in m.accept]]
            if any(unit_may(getattr(v, "unit", None)) for v in values):
                return True
    return False


def fact_tags(deck: Deck) -> tuple[str, ...]:
    """Every tag some fact of ``deck`` carries, sorted (a compiled deck's are stored)."""
    stored = getattr(deck.facts, "tags", None)
    if stored is not None:
        return stored  # type: ignore[no-any-return]
    return tuple(sorted({t for f in deck.facts for t in f.tags}))


def _ints(values: Iterable[int]) -> bytes:
    return array("q", values).tobytes()


def dumps(deck: Deck) -> tuple[bytes, ...]:
    """The index of ``deck`` as `PARTS` marshal blobs: date cards and name cards as flat
    arrays of 64-bit integers of this machine's byte order (read back without a check per
    number; `quiz.compiled` refuses a copy of another), figures as text."""
    from quiz.questions.index import index_data

    dated, figures, names, members, cards = index_data(deck)
    return tuple(map(marshal.dumps, (
        _ints(n for d in dated for n in (*d[0], *d[1], d[2], d[3])),
        tuple((style, tuple(str(a) for a in amounts)) for style, amounts in figures.items()),
        tuple(names.items()), tuple(members.items()),
        tuple((group, _ints(n for c in found for n in c)) for group, found in cards.items()))))


def _array(data: Any, width: int) -> array[int]:
    if type(data) is not bytes:
        raise ValueError("numbers")
    found = array("q")
    found.frombytes(data)
    if len(found) % width:
        raise ValueError("numbers")
    return found


def _cards(positions: Sequence[int], blanks_at: Sequence[int], blanks: tuple[int, ...]) -> None:
    """Raise ValueError unless every (position, blank) names a card of the deck."""
    if positions and (min(positions) < 0 or max(positions) >= len(blanks)
                      or min(blanks_at) < 0
                      or (max(blanks_at) > 0  # most cards are questions: blank 0
                          and any(map(ge, blanks_at, map(blanks.__getitem__, positions))))):
        raise ValueError("cards")


def _texts(groups: Any) -> dict[str, tuple[str, ...]]:
    if not (type(groups) is tuple and all(
            type(g) is tuple and len(g) == 2 and type(g[0]) is str and type(g[1]) is tuple
            and all(type(t) is str for t in g[1]) for g in groups)):
        raise ValueError("texts")
    return dict(groups)


def _style(x: Any) -> bool:
    return (type(x) is tuple and len(x) == 4 and all(type(s) in (str, type(None)) for s in x[:2])
            and type(x[2]) is bool and type(x[3]) is bool)


class StoredIndex:
    """A deck's stored index, each part read, decoded and checked only when asked for: the
    first question about a name reads the name part, never the deck's dates or figures.

    Every method raises ValueError (or `decimal.InvalidOperation`) when its part is damaged;
    the caller then builds that part from the facts (`quiz.questions.index`).
    """

    __slots__ = ("_read", "_blanks")

    def __init__(self, read: Callable[[int], bytes | memoryview],
                 blanks: Sequence[int]) -> None:
        """``read``: a part's blob by number (ValueError: damaged); ``blanks``: the deck's
        blank counts, every card named is checked against."""
        self._read = read
        self._blanks = blanks

    def _part(self, n: int) -> Any:
        try:
            return marshal.loads(self._read(n))
        except (EOFError, TypeError, MemoryError, OSError):
            raise ValueError("index part") from None

    def dated(self) -> array[int]:
        """The date cards as one flat array, 8 integers a card: first day (y, m, d), last
        day (y, m, d), fact position, blank; in date order."""
        flat = _array(self._part(0), 8)
        _cards(flat[6::8], flat[7::8], self._blanks)
        return flat

    def figures(self) -> dict[NumberStyle, tuple[Decimal, ...]]:
        """Sorted distinct amounts by style (`quiz.questions.index.number_style`)."""
        figures = self._part(1)
        if not (type(figures) is tuple and all(
                type(f) is tuple and len(f) == 2 and _style(f[0]) and type(f[1]) is tuple
                and all(type(a) is str for a in f[1]) for f in figures)):
            raise ValueError("figures")
        return {style: tuple(Decimal(a) for a in amounts) for style, amounts in figures}

    def names(self) -> dict[str, tuple[str, ...]]:
        """Distinct names by category, list members included (deck order)."""
        return _texts(self._part(2))

    def members(self) -> dict[str, tuple[str, ...]]:
        """Distinct members of list answers by category (deck order)."""
        return _texts(self._part(3))

    def cards(self) -> dict[str, array[int]]:
        """Name cards by category, each group one flat array of (fact position, blank)."""
        groups = self._part(4)
        if type(groups) is not tuple:
            raise ValueError("cards")
        cards: dict[str, array[int]] = {}
        for group in groups:
            if not (type(group) is tuple and len(group) == 2 and type(group[0]) is str):
                raise ValueError("cards")
            pairs = _array(group[1], 2)
            _cards(pairs[0::2], pairs[1::2], self._blanks)
            cards[group[0]] = pairs
        return cards


class _Flat(Sequence[T]):
    """Rows of ``WIDTH`` integers kept in one flat array, each made a tuple when read."""

    __slots__ = ("_flat",)
    WIDTH = 1

    def __init__(self, flat: array[int]) -> None:
        self._flat = flat

    def __len__(self) -> int:
        return len(self._flat) // self.WIDTH

    def _row(self, i: int) -> T:
        raise NotImplementedError

    @overload
    def __getitem__(self, i: int) -> T: ...
    @overload
    def __getitem__(self, i: slice) -> list[T]: ...

    def __getitem__(self, i: int | slice) -> T | list[T]:
        if isinstance(i, slice):
            return [self._row(n) for n in range(*i.indices(len(self)))]
        size = len(self)
        if i < 0:
            i += size
        if not 0 <= i < size:
            raise IndexError("row index out of range")
        return self._row(i)


class DatedRows(_Flat["DatedRow"]):
    """The date cards of `StoredIndex.dated` as rows: first day, last day, position, blank."""

    __slots__ = ()
    WIDTH = 8

    def _row(self, i: int) -> DatedRow:
        f, j = self._flat, 8 * i
        return (f[j], f[j + 1], f[j + 2]), (f[j + 3], f[j + 4], f[j + 5]), f[j + 6], f[j + 7]


class DayStarts(_Flat["DayKey"]):
    """The first day of each date card of `StoredIndex.dated` (bisected by date)."""

    __slots__ = ()
    WIDTH = 8

    def _row(self, i: int) -> DayKey:
        f, j = self._flat, 8 * i
        return f[j], f[j + 1], f[j + 2]


class CardPairs(_Flat[tuple[int, int]]):
    """The (fact position, blank) pairs of a group of `StoredIndex.cards`."""

    __slots__ = ()
    WIDTH = 2

    def _row(self, i: int) -> tuple[int, int]:
        f = self._flat
        return f[2 * i], f[2 * i + 1]


class FactIndex(Mapping[str, "Fact"]):
    """A compiled deck's facts by id, over `quiz.compiled.CompiledFacts` without decoding
    them (stands in for `Deck`'s own index)."""

    __slots__ = ("_facts", "_position")

    def __init__(self, facts: CompiledFacts) -> None:
        self._facts = facts
        self._position = facts.positions

    def __getitem__(self, fact_id: str) -> Fact:
        return self._facts[self._position[fact_id]]

    def __contains__(self, fact_id: object) -> bool:
        return fact_id in self._position

    def __iter__(self) -> Iterator[str]:
        return iter(self._position)

    def __len__(self) -> int:
        return len(self._position)


def loads(index: StoredIndex) -> IndexData | None:
    """The whole of a stored index, or None if some part is damaged or foreign (the caller
    builds the index from the facts instead)."""
    try:
        flat = index.dated()
        dated = tuple(zip(zip(flat[0::8], flat[1::8], flat[2::8]),
                          zip(flat[3::8], flat[4::8], flat[5::8]), flat[6::8], flat[7::8]))
        cards = {group: tuple(zip(pairs[0::2], pairs[1::2]))
                 for group, pairs in index.cards().items()}
        return dated, index.figures(), index.names(), index.members(), cards
    except (ValueError, TypeError, InvalidOperation, RecursionError):
        return None
