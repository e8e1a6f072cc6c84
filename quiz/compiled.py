"""A deck compiled to plain data for the cache: reading one back can never run code.

A compiled deck is one `marshal` stream of primitives only (str, int, float, bool, None,
bytes, tuples): the deck's own fields, its fact ids, blank counts and the store keys of
blanks with an ``id:``, the stamp of the file it was read from (`quiz.library.stamp_of`),
and one small marshal blob per fact, all blobs in one byte string with their offsets.
Nothing in it names a class or a function, so unlike a pickle a planted file cannot make the reader import or call anything; every value is type-checked
as it is read, and anything unexpected raises `BadCompiled`, which the cache treats as a
miss (`quiz.library`).

It is sealed (`quiz.sealed`): a damaged copy fails its digest and is ignored as a whole;
values are bounded too (the cards a copy makes by its size), as a planted copy can seal.

Reading is lazy: `loads` checks the container, then returns a `Deck` whose facts are
decoded when first touched (`CompiledFacts`), so an unchanged 10,000-fact deck is back in
a few milliseconds and the first question decodes only the facts it needs.
"""

from __future__ import annotations

import marshal
import threading
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, overload

from quiz import compiled_index, sealed
from quiz.collector import long_lived
from quiz.facts import BLANK_ID_KEYS, KINDS, Answer, Deck, DeckError, Fact, Problem, Tolerance
from quiz.values.dates import DateValue
from quiz.values.lists import ListValue, Member
from quiz.values.names import NameValue
from quiz.values.numbers import Quantity
from quiz.values.text import TextValue

if TYPE_CHECKING:
    from pathlib import Path

    from quiz.questions.index import IndexData

MAGIC = "quiz-compiled-deck"
FORMAT = 6
"""Bump when the layout below changes (the cache name also carries the code's hash)."""
HEAD = f"{MAGIC} {FORMAT}\n".encode()
MIN_ANSWER_BYTES = 11
"""The fewest bytes marshal writes an answer in (a tuple of 9: 2 bytes, and at least 1 per
item), so a fact's blob holds at least this many per blank it has."""


class BadCompiled(ValueError):
    """A compiled deck that is damaged, foreign or hostile: rebuild it from the YAML."""


# -- writing ---------------------------------------------------------------------------

_DATE, _NUMBER, _NAME, _TEXT, _LIST = range(5)


def _value(value: Any) -> tuple[Any, ...]:
    kind = type(value)
    if kind is DateValue:
        return (_DATE, value.year, value.month, value.day, value.precision, value.era,
                value.hundreds)
    if kind is Quantity:
        return (_NUMBER, str(value.amount), value.currency, value.unit, value.percent,
                value.scale, value.decimals, value.ordinal)
    if kind is NameValue:
        return (_NAME, value.text, value.key, value.tokens, value.surname)
    if kind is TextValue:
        return (_TEXT, value.text, value.key)
    if kind is ListValue:
        return (_LIST, tuple(_member(m) for m in value.members))
    raise TypeError(f"cannot compile a {kind.__name__} value")


def _member(m: Member) -> tuple[Any, ...]:
    """A list member with its own ``accept:`` members (which have none of their own)."""
    return (m.text, m.kind, _value(m.value), tuple((o.text, o.kind, _value(o.value)) for o in m.accept))


def _answer(a: Answer) -> tuple[Any, ...]:
    tolerance = (a.tolerance.amount, a.tolerance.relative) if a.tolerance else None
    between = (_value(a.between[0]), _value(a.between[1])) if a.between else None
    return (a.text, a.kind, _value(a.value), a.accept, a.distractors, tolerance, a.category,
            a.ordered, between)


def _fact(f: Fact) -> bytes:
    return marshal.dumps((f.id, tuple(_answer(a) for a in f.answers), f.question, f.text,
                          f.source, f.explain, f.tags, f.line, f.column, f.id_given,
                          f.blank_ids))


def _problem(p: Problem) -> tuple[Any, ...]:
    return (p.path, p.line, p.column, p.message, p.severity)


def dumps(deck: Deck, stamp: tuple[int, ...] = ()) -> bytes:
    """The compiled form of a deck (raises TypeError for a value it cannot hold);
    ``stamp``: what the deck's file looked like when it was read (`quiz.library`)."""
    blobs = [_fact(f) for f in deck.facts]
    offsets = [0]
    for blob in blobs:
        offsets.append(offsets[-1] + len(blob))
    heap = b"".join(blobs)
    index = compiled_index.dumps(deck)
    return sealed.pack(HEAD, tail_at=10, top=(  # the facts' blobs after the rest
        deck.id, deck.title, deck.path, deck.description, deck.tags,
        tuple(deck.sources.items()), tuple(_problem(w) for w in deck.warnings),
        tuple(f.id for f in deck.facts), tuple(f.blank_count for f in deck.facts),
        tuple(offsets), heap,
        tuple((n, tuple(f.blank_key(b) for b in range(f.blank_count)))
              for n, f in enumerate(deck.facts) if f.blank_ids),
        index, compiled_index.may_use_pint(deck),
        compiled_index.fact_tags(deck), tuple(stamp)))


def unpack(data: bytes) -> tuple[Any, ...]:
    """The parts `dumps` wrote, unchecked (BadCompiled: not one of this format, or damaged)."""
    top = sealed.unpack(HEAD, data, tail_at=10)  # the blobs: a view of ``data``
    _check(type(top) is tuple and len(top) == 16, "container")
    return top  # type: ignore[no-any-return]


def restamp(data: bytes, stamp: tuple[int, ...]) -> bytes:
    """``data``, a compiled deck `loads` accepted, with ``stamp`` in place of its own."""
    return sealed.pack(HEAD, (*unpack(data)[:-1], tuple(stamp)), tail_at=10)


# -- reading ---------------------------------------------------------------------------

_NEW = object.__new__
_SET = object.__setattr__
_NONE = type(None)
_TEXT_OR_NONE = frozenset({str, _NONE})
_INT_OR_NONE = frozenset({int, _NONE})
_NUMBERS = frozenset({int, float})
# The fields are set as `dataclasses` would, without running __init__ per object (frozen
# dataclasses without slots keep their fields in the instance dict); the checks are written
# out inline because this runs once per fact and value of a deck.


def _bad(what: str) -> BadCompiled:
    return BadCompiled(f"unexpected {what}")


def _texts(x: Any) -> bool:
    return type(x) is tuple and (not x or all(type(s) is str for s in x))


def _decode_value(v: Any) -> Any:
    if type(v) is not tuple or not v:
        raise _bad("value")
    tag, n = v[0], len(v)
    if tag == _DATE and n == 7:
        if not (type(v[1]) is int and type(v[2]) in _INT_OR_NONE and type(v[3]) in _INT_OR_NONE
                and type(v[4]) is str and type(v[5]) is bool and type(v[6]) is bool):
            raise _bad("date")
        obj = _NEW(DateValue)
        _SET(obj, "__dict__", {"year": v[1], "month": v[2], "day": v[3], "precision": v[4],
                               "era": v[5], "hundreds": v[6]})
        return obj
    if tag == _NUMBER and n == 8:
        if not (type(v[1]) is str and type(v[2]) in _TEXT_OR_NONE
                and type(v[3]) in _TEXT_OR_NONE and type(v[4]) is bool
                and type(v[5]) in _TEXT_OR_NONE and type(v[6]) is int and type(v[7]) is bool):
            raise _bad("number")
        try:
            amount = Decimal(v[1])
        except InvalidOperation:
            raise _bad("amount") from None
        obj = _NEW(Quantity)
        _SET(obj, "__dict__", {"amount": amount, "currency": v[2], "unit": v[3],
                               "percent": v[4], "scale": v[5], "decimals": v[6],
                               "ordinal": v[7]})
        return obj
    if tag == _NAME and n == 5:
        if not (type(v[1]) is str and type(v[2]) is str and _texts(v[3])
                and type(v[4]) in _TEXT_OR_NONE):
            raise _bad("name")
        obj = _NEW(NameValue)
        _SET(obj, "__dict__", {"text": v[1], "key": v[2], "tokens": v[3], "surname": v[4]})
        return obj
    if tag == _TEXT and n == 3:
        if not (type(v[1]) is str and type(v[2]) is str):
            raise _bad("text")
        obj = _NEW(TextValue)
        _SET(obj, "__dict__", {"text": v[1], "key": v[2]})
        return obj
    if tag == _LIST and n == 2 and type(v[1]) is tuple:
        members = []
        for m in v[1]:
            if not (type(m) is tuple and len(m) == 4 and type(m[3]) is tuple):
                raise _bad("list member")
            member = _decode_member(m[:3])
            _SET(member, "accept", tuple(_decode_member(o) for o in m[3]))
            members.append(member)
        obj = _NEW(ListValue)
        _SET(obj, "__dict__", {"members": tuple(members)})
        return obj
    raise _bad("value")


def _decode_member(m: Any) -> Member:
    if not (type(m) is tuple and len(m) == 3 and type(m[0]) is str and m[1] in KINDS):
        raise _bad("list member")
    member = _NEW(Member)
    _SET(member, "__dict__", {"text": m[0], "kind": m[1], "value": _decode_value(m[2]), "accept": ()})
    return member


def _decode_answer(a: Any) -> Answer:
    if not (type(a) is tuple and len(a) == 9 and a[1] in KINDS
            and (type(a[0]) is str or _texts(a[0])) and _texts(a[3]) and _texts(a[4])
            and type(a[6]) in _TEXT_OR_NONE and type(a[7]) is bool):
        raise _bad("answer")
    tolerance = a[5]
    if tolerance is not None:
        if not (type(tolerance) is tuple and len(tolerance) == 2
                and type(tolerance[0]) in _NUMBERS and type(tolerance[1]) is bool):
            raise _bad("tolerance")
        tolerance = _NEW(Tolerance)
        _SET(tolerance, "__dict__", {"amount": a[5][0], "relative": a[5][1]})
    between = a[8]
    if between is not None:
        if not (type(between) is tuple and len(between) == 2):
            raise _bad("between")
        between = (_decode_value(between[0]), _decode_value(between[1]))
        if not all(type(b) is DateValue for b in between):
            raise _bad("between")
    obj = _NEW(Answer)
    _SET(obj, "__dict__", {"text": a[0], "kind": a[1], "value": _decode_value(a[2]),
                           "accept": a[3], "distractors": a[4], "tolerance": tolerance,
                           "category": a[6], "ordered": a[7], "between": between})
    return obj


def _decode_fact(heap: memoryview, start: int, end: int, fact_id: str, count: int,
                 deck_id: str, path: str) -> Fact:
    if not 0 <= start <= end <= len(heap):
        raise _bad("fact offsets")
    try:
        f = marshal.loads(heap[start:end])
    except (EOFError, ValueError, TypeError):
        raise _bad("fact data") from None
    if not (type(f) is tuple and len(f) == 11 and f[0] == fact_id and type(f[1]) is tuple
            and len(f[1]) == count and type(f[2]) in _TEXT_OR_NONE and type(f[3]) in _TEXT_OR_NONE
            and type(f[4]) in _TEXT_OR_NONE and type(f[5]) in _TEXT_OR_NONE and _texts(f[6])
            and type(f[7]) is int and type(f[8]) is int and type(f[9]) is bool
            and type(f[10]) is tuple and all(type(i) in _TEXT_OR_NONE for i in f[10])):
        raise _bad("fact")
    obj = _NEW(Fact)
    _SET(obj, "__dict__", {
        "id": fact_id, "deck_id": deck_id, "answers": tuple(map(_decode_answer, f[1])),
        "question": f[2], "text": f[3], "source": f[4], "explain": f[5], "tags": f[6],
        "path": path, "line": f[7], "column": f[8], "id_given": f[9], "blank_ids": f[10]})
    return obj


def _str(x: Any) -> str:
    _check(type(x) is str, "text")
    return x


def _int(x: Any) -> int:
    _check(type(x) is int, "number")
    return x


def _strs(x: Any) -> tuple[str, ...]:
    _check(_texts(x), "list of texts")
    return x


def _check(ok: bool, what: str) -> None:
    if not ok:
        raise _bad(what)


class CompiledFacts(Sequence[Fact]):
    """A deck's facts, decoded from their compiled blobs when first touched.

    Behaves as the tuple `quiz.deck` makes (indexing, slicing, iteration, equality). A fact
    whose blob turns out damaged after the container was checked makes the whole deck be
    read again from its YAML file (``reload``), so a learner never sees a broken fact.
    """

    __slots__ = ("ids", "blanks", "_keyed", "_heap", "_offsets", "_facts", "_deck_id", "_path",
                 "_reload", "_lock", "_complete", "_index", "units", "tags", "entry",
                 "positions", "stamp", "shipped")

    def __init__(self, ids: tuple[str, ...], blanks: tuple[int, ...], heap: bytes,
                 offsets: tuple[int, ...], deck_id: str, path: str,
                 reload: Callable[[], Deck],
                 keyed: Mapping[int, tuple[int, ...]] | None = None,
                 index: bytes | None = None, units: bool | None = None,
                 tags: tuple[str, ...] | None = None) -> None:
        self.ids = ids
        """Every fact's id, in deck order (read without decoding any fact)."""
        self.positions = dict(zip(ids, range(len(ids))))
        """Each fact's position by its id (the deck's fact index and its question index
        share it)."""
        self.blanks = blanks
        """Every fact's number of cards (1 for a question, one per blank), in deck order."""
        self._keyed = keyed or {}
        """The store keys of the blanks of facts with blank ``id:``s, by fact position."""
        self._heap = memoryview(heap)
        self._offsets = offsets
        self._facts: list[Fact | None] = [None] * len(ids)
        self._deck_id = deck_id
        self._path = path
        self._reload = reload
        self._lock = threading.Lock()
        self._complete = False
        self._index = index
        self.units = units
        """Whether some answer has a unit pint may be asked about (`compiled_index`)."""
        self.tags = tags
        """Every tag some fact carries, sorted (`compiled_index.fact_tags`)."""
        self.stamp: tuple[int, ...] = ()
        """What the deck's file looked like when it was compiled (`quiz.library`)."""
        self.entry: Path | None = None
        """The cache file these facts were read from (`quiz.library`); their cards'
        relations are kept beside it (`quiz.compiled_relations`)."""
        self.shipped: Any = None  # what came with a bundled deck (`quiz.shipped`)

    def index_data(self) -> IndexData | None:
        """The deck's question index as stored with it (`quiz.compiled_index`), decoded on
        first use; None when there is none or it is damaged (it is then built from the facts)."""
        blob = self._index
        return compiled_index.loads(blob, self.blanks) if blob is not None else None

    def stored_index(self) -> compiled_index.StoredIndex | None:
        """The deck's question index as stored with it, each part decoded when first read
        (`quiz.compiled_index.stored`); None when there is none."""
        blob = self._index
        return compiled_index.stored(blob, self.blanks) if blob is not None else None

    def __len__(self) -> int:
        return len(self.ids)

    def card_counts(self) -> Iterable[tuple[str, int]]:
        """Each fact's id and number of cards, without decoding any fact."""
        return zip(self.ids, self.blanks)

    def card_keys(self) -> Iterator[tuple[str, int]]:
        """Each card's fact id and blank key (`Fact.blank_key`), without decoding any fact."""
        keyed = self._keyed
        for n, (fact_id, count) in enumerate(zip(self.ids, self.blanks)):
            keys = keyed.get(n) if keyed else None
            if keys is None:
                if count == 1:
                    yield fact_id, 0
                else:
                    for blank in range(count):
                        yield fact_id, blank
            else:
                for blank in keys:
                    yield fact_id, blank

    @property
    def any_keyed(self) -> bool:
        """Whether some fact's blanks have ids (`keyed_at` is None for every one if not)."""
        return bool(self._keyed)

    def keyed_at(self, at: int) -> tuple[int, ...] | None:
        """The store keys of the fact at ``at``'s cards if its blanks have ids (else None)."""
        return self._keyed.get(at) if self._keyed else None

    def _one(self, i: int) -> Fact:
        fact = self._facts[i]
        if fact is not None:
            return fact
        with self._lock:
            fact = self._facts[i]
            if fact is None:
                try:
                    fact = _decode_fact(self._heap, self._offsets[i], self._offsets[i + 1],
                                        self.ids[i], self.blanks[i], self._deck_id, self._path)
                except (BadCompiled, RecursionError):
                    self._replace_all()
                    fact = self._facts[i]
                    assert fact is not None
                else:
                    self._facts[i] = fact
        return fact

    def _replace_all(self) -> None:
        fresh = self._reload()
        if tuple(f.id for f in fresh.facts) != self.ids:
            raise DeckError([Problem(self._path, 1, 1, "the deck changed while it was being "
                                                      "read; open it again")])
        self._facts = list(fresh.facts)
        self._complete = True

    def _all(self) -> list[Fact]:
        if not self._complete:
            # Decoding thousands of small objects would set off the cyclic collector again
            # and again for nothing; the deck lives as long as the app, so its facts are
            # moved out of the collector's sight once made (`quiz.collector`).
            with long_lived(), self._lock:
                facts, heap, offsets = self._facts, self._heap, self._offsets
                ids, blanks, deck_id, path = self.ids, self.blanks, self._deck_id, self._path
                try:
                    for i, fact in enumerate(facts):
                        if fact is None:
                            facts[i] = _decode_fact(heap, offsets[i], offsets[i + 1],
                                                    ids[i], blanks[i], deck_id, path)
                except (BadCompiled, RecursionError):
                    self._replace_all()
            self._complete = True
        return self._facts  # type: ignore[return-value]

    @overload
    def __getitem__(self, i: int) -> Fact: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[Fact, ...]: ...

    def __getitem__(self, i: int | slice) -> Fact | tuple[Fact, ...]:
        if isinstance(i, slice):
            return tuple(self._one(n) for n in range(*i.indices(len(self.ids))))
        if i < 0:
            i += len(self.ids)
        if not 0 <= i < len(self.ids):
            raise IndexError("fact index out of range")
        return self._one(i)

    def __iter__(self) -> Iterator[Fact]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, CompiledFacts):
            return other.ids == self.ids and tuple(other) == tuple(self)
        if isinstance(other, tuple):
            return tuple(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.ids)

    def __repr__(self) -> str:
        return f"<{len(self.ids)} compiled facts of {self._deck_id}>"


def loads(data: bytes, path: str, reload: Callable[[], Deck], written: str | None = None) -> Deck:
    """A deck from its compiled form, its facts decoded lazily.

    Args:
        data: what `dumps` wrote.
        path: the deck file it was compiled from (facts carry it).
        reload: reads the deck from its YAML file; used if a fact's blob proves damaged.
        written: the path it was compiled with, when not ``path`` (`quiz.shipped`).

    Raises:
        BadCompiled: the data is not a compiled deck of this format, or is damaged.
    """
    (deck_id, title, written_path, description, tags, sources, warnings, ids, blanks,
     offsets, heap, keyed, index, units, fact_tags, stamp) = unpack(data)
    _check(written_path == (path if written is None else written), "path")
    _check(type(ids) is tuple and type(blanks) is tuple and type(offsets) is tuple
           and len(ids) == len(blanks) == len(offsets) - 1 > 0
           and type(heap) in (bytes, memoryview), "facts")
    # The per-item checks run at C speed: joining raises TypeError for an id that is not
    # text, an integer array for a count or an offset that is not an integer.
    try:
        "".join(ids)
        array("q", blanks)
        ends = array("q", offsets)
    except (TypeError, OverflowError):
        raise _bad("fact ids, blank counts or offsets") from None
    # Each blank is an answer in its fact's blob, so its bytes bound the cards a copy makes;
    # decoding a fact checks its answers' number and its offsets (else: read the YAML).
    # Bounded on the tuple (its ints exist; the array's would be made one by one), now
    # that the array said they are all integers.
    _check(min(blanks) > 0 and max(blanks) < BLANK_ID_KEYS
           and sum(blanks) * MIN_ANSWER_BYTES <= len(heap), "blank counts")
    _check(ends[0] == 0 and ends[-1] == len(heap), "fact offsets")
    _check(type(units) is bool and _texts(fact_tags), "units and tags")
    _check(type(stamp) is tuple and all(type(n) is int for n in stamp), "stamp")
    _check(type(keyed) is tuple and all(
        type(k) is tuple and len(k) == 2 and type(k[0]) is int and 0 <= k[0] < len(ids)
        and type(k[1]) is tuple and len(k[1]) == blanks[k[0]]
        and all(type(b) is int and 0 <= b < 2**31 for b in k[1]) for k in keyed), "blank keys")
    _check(type(sources) is tuple and all(type(s) is tuple and len(s) == 2 for s in sources),
           "sources")
    _check(type(warnings) is tuple and all(type(w) is tuple and len(w) == 5 for w in warnings),
           "warnings")
    facts = CompiledFacts(ids, blanks, heap, offsets, _str(deck_id), path, reload, dict(keyed),
                          index if type(index) is bytes else None, units, fact_tags)
    _check(len(facts.positions) == len(ids), "fact ids")
    facts.stamp = stamp
    return Deck(id=deck_id, title=_str(title), facts=facts,  # type: ignore[arg-type]
                path=path, description=_str(description), tags=_strs(tags),
                sources={_str(k): _str(v) for k, v in sources},
                warnings=tuple(Problem(path if p == written_path else _str(p), _int(ln),
                                       _int(c), _str(m), "warning" if s == "warning" else "error")
                               for p, ln, c, m, s in warnings),
                _index=compiled_index.FactIndex(facts))  # type: ignore[arg-type]
