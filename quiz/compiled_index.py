"""What a cached deck answers without decoding its facts: its question index, whether
grading may need pint, and its facts' tags.

`quiz.questions.index.index_data` reads every fact of a deck; the compiled cache
(`quiz.compiled`) stores its result beside the facts as one more `marshal` blob of
primitives, decoded and type-checked on the first question (`loads`). Anything unexpected
makes `loads` return None, and the index is then built from the facts as without a cache.
`may_use_pint` and `fact_tags` read the values the cache stores, or walk a deck's facts.
"""

from __future__ import annotations

import marshal
import sys
from array import array
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quiz.facts import Deck
    from quiz.questions.index import IndexData


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


def dumps(deck: Deck) -> bytes:
    """The index of ``deck`` as a marshal blob: date cards and name cards as flat arrays of
    64-bit integers (read back without a check per number), figures as text."""
    from quiz.questions.index import index_data

    dated, figures, names, members, cards = index_data(deck)
    return marshal.dumps((
        sys.byteorder, _ints(n for d in dated for n in (*d[0], *d[1], d[2], d[3])),
        tuple((style, tuple(str(a) for a in amounts)) for style, amounts in figures.items()),
        tuple(names.items()), tuple(members.items()),
        tuple((group, _ints(n for c in found for n in c)) for group, found in cards.items())))


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
                      or any(b >= blanks[p] for p, b in zip(positions, blanks_at) if b)):
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


def loads(blob: bytes, blanks: tuple[int, ...]) -> IndexData | None:
    """The index stored by `dumps` for a deck with these blank counts, or None if it is not
    one (damaged or foreign: the caller builds the index from the facts instead)."""
    try:
        order, dated_ints, figures, names, members, card_groups = marshal.loads(blob)
        if order != sys.byteorder:
            return None
        flat = _array(dated_ints, 8)
        _cards(flat[6::8], flat[7::8], blanks)
        dated = tuple(zip(zip(flat[0::8], flat[1::8], flat[2::8]),
                          zip(flat[3::8], flat[4::8], flat[5::8]), flat[6::8], flat[7::8]))
        if not (type(figures) is tuple and all(
                type(f) is tuple and len(f) == 2 and _style(f[0]) and type(f[1]) is tuple
                and all(type(a) is str for a in f[1]) for f in figures)):
            return None
        if type(card_groups) is not tuple:
            return None
        cards: dict[str, tuple[tuple[int, int], ...]] = {}
        for group in card_groups:
            if not (type(group) is tuple and len(group) == 2 and type(group[0]) is str):
                return None
            pairs = _array(group[1], 2)
            _cards(pairs[0::2], pairs[1::2], blanks)
            cards[group[0]] = tuple(zip(pairs[0::2], pairs[1::2]))
        return (dated, {style: tuple(Decimal(a) for a in amounts) for style, amounts in figures},
                _texts(names), _texts(members), cards)
    except (EOFError, ValueError, TypeError, InvalidOperation, RecursionError):
        return None
