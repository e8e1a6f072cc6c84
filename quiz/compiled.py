"""A deck compiled to plain data for the cache: reading one back can never run code.

A compiled deck (`quiz.compiled_file` lays out its file) has a head read when it opens: the
deck's own fields, its fact ids, blank counts and the store keys of blanks with an ``id:``,
where each fact's blob lies, and the stamp of the file it was read from
(`quiz.library.stamp_of`). Its parts are read when first used: the facts' blobs
(`quiz.compiled_values`) in chunks of about a page, then the deck's question index
(`quiz.compiled_index`), a part per kind. Everything is `marshal` data of primitives only
(str, int, float, bool, None, bytes, tuples): nothing in it names a class or a function, so
unlike a pickle a planted file cannot make the reader import or call anything; every value is
type-checked as it is read, and anything unexpected raises `BadCompiled`, which the cache
treats as a miss (`quiz.library`).

The head and each part are sealed by digests of their own: a damaged head makes the whole
copy ignored; a damaged chunk of facts is found when a fact in it is first decoded, and the
deck is then read again from its YAML (`CompiledFacts`); a damaged part of the index is
built from the facts instead. Values are bounded too (the cards a copy makes by its size),
as a planted copy can seal. So an unchanged 20,000-fact deck opens by reading its head (a
few hundred kilobytes), and its first question decodes, and reads, only the facts it needs.
"""

from __future__ import annotations

import sys
import threading
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

from quiz import compiled_file, compiled_index
from quiz.collector import long_lived
from quiz.compiled_file import BadCompiled, Sealed, Source
from quiz.compiled_values import (
    check, decode_fact, fact_blob, is_texts, number, problem_tuple, text, texts)
from quiz.facts import BLANK_ID_KEYS, Deck, DeckError, Fact, Problem

if TYPE_CHECKING:
    from pathlib import Path

    from quiz.questions.index import IndexData

__all__ = ["BadCompiled", "CompiledFacts", "dumps", "load_file", "loads"]

MAGIC = "quiz-compiled-deck"
FORMAT = 7
"""Bump when the layout changes (the cache name also carries the code's hash)."""
HEAD = f"{MAGIC} {FORMAT}\n".encode()
MIN_ANSWER_BYTES = 11
"""The fewest bytes marshal writes an answer in (a tuple of 9: 2 bytes, and at least 1 per
item), so a fact's blob holds at least this many per blank it has."""
CHUNK_BYTES = 4096
"""Facts' blobs are sealed, and read, in chunks of about this size (a page)."""
FIELDS = 17
"""The head's items (`dumps`)."""


def _ints(values: Iterable[int]) -> bytes:
    return array("q", values).tobytes()


def _firsts(blobs: Sequence[bytes]) -> list[int]:
    """The first fact of each chunk of about `CHUNK_BYTES`, then the number of facts."""
    firsts, size = [0], 0
    for n, blob in enumerate(blobs):
        if size and size + len(blob) > CHUNK_BYTES:
            firsts.append(n)
            size = 0
        size += len(blob)
    firsts.append(len(blobs))
    return firsts


def dumps(deck: Deck, stamp: tuple[int, ...] = ()) -> bytes:
    """The compiled form of a deck (raises TypeError for a value it cannot hold);
    ``stamp``: what the deck's file looked like when it was read (`quiz.library`)."""
    return assemble([
        deck.id, deck.title, deck.path, deck.description, deck.tags,
        tuple(deck.sources.items()), tuple(problem_tuple(w) for w in deck.warnings),
        tuple(f.id for f in deck.facts), tuple(f.blank_count for f in deck.facts),
        None, None,  # where the facts' blobs lie: `assemble` fills them in
        tuple((n, tuple(f.blank_key(b) for b in range(f.blank_count)))
              for n, f in enumerate(deck.facts) if f.blank_ids),
        None, compiled_index.may_use_pint(deck),
        compiled_index.fact_tags(deck), tuple(stamp), sys.byteorder],
        [fact_blob(f) for f in deck.facts], compiled_index.dumps(deck))


def assemble(top: Sequence[Any], blobs: Sequence[bytes], index: Sequence[bytes]) -> bytes:
    """A compiled deck of the head's items ``top``, each fact's blob and the index's parts
    (`contents` gives them back); the head's items that say where the parts lie are set."""
    offsets = [0]
    for blob in blobs:
        offsets.append(offsets[-1] + len(blob))
    firsts = _firsts(blobs)
    chunks = [b"".join(blobs[a:b]) for a, b in zip(firsts, firsts[1:])]
    top = list(top)
    top[9], top[10], top[12] = _ints(offsets), _ints(firsts), len(index)
    return compiled_file.pack(HEAD, tuple(top), [*chunks, *index])


def _read(data: bytes | Source) -> Sealed:
    sealed = compiled_file.read(HEAD, data if isinstance(data, Source) else Source(data))
    check(len(sealed.top) == FIELDS, "container")
    return sealed


def unpack(data: bytes) -> list[Any]:
    """The head `dumps` wrote, its items unchecked (BadCompiled: not one of this format, or
    damaged)."""
    return list(_read(data).top)


def contents(data: bytes) -> tuple[list[Any], list[bytes], list[bytes]]:
    """What `dumps` wrote: the head's items, each fact's blob and the index's parts, each
    unchecked but its digest (BadCompiled: damaged)."""
    sealed = _read(data)
    parts = [bytes(p) for p in sealed.parts(0, len(sealed))] if len(sealed) else []
    chunks = len(sealed) - sealed.top[12]
    heap, offsets = b"".join(parts[:chunks]), _array(sealed.top[9])
    return list(sealed.top), [heap[a:b] for a, b in zip(offsets, offsets[1:])], \
        parts[chunks:]


def restamp(data: bytes, stamp: tuple[int, ...]) -> bytes:
    """``data``, a compiled deck `loads` accepted, with ``stamp`` in place of its own."""
    top, blobs, index = contents(data)
    top[15] = tuple(stamp)
    return assemble(top, blobs, index)


def _array(data: Any) -> array[int]:
    check(type(data) is bytes and len(data) % 8 == 0, "offsets")
    found = array("q")
    found.frombytes(data)
    return found


# -- reading ---------------------------------------------------------------------------


class CompiledFacts(Sequence[Fact]):
    """A deck's facts, decoded from their compiled blobs when first touched.

    Behaves as the tuple `quiz.deck` makes (indexing, slicing, iteration, equality). A fact
    is read with the chunk of blobs it lies in, checked against the chunk's digest. A chunk
    found damaged, or a fact at odds with the head (a planted copy), makes the whole deck be
    read again from its YAML file (``reload``), so a learner never sees a broken fact.
    """

    __slots__ = ("ids", "blanks", "_keyed", "_sealed", "_offsets", "_starts", "_chunks",
                 "_facts", "_deck_id", "_path", "_reload", "_lock", "_complete", "_index",
                 "units", "tags", "entry", "positions", "stamp", "shipped")

    def __init__(self, ids: tuple[str, ...], blanks: tuple[int, ...], sealed: Sealed,
                 offsets: array[int], starts: array[int], deck_id: str, path: str,
                 reload: Callable[[], Deck],
                 keyed: Mapping[int, tuple[int, ...]] | None = None,
                 index: bool = False, units: bool | None = None,
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
        self._sealed = sealed
        self._offsets = offsets
        """Where each fact's blob starts in the facts' chunks, then where the last ends."""
        self._starts = starts
        """The first fact of each chunk, then the number of facts."""
        self._chunks: dict[int, bytes | memoryview] = {}
        """The chunks read (and found sound) so far, by number, while some fact is not decoded."""
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
        found = self.stored_index()
        return compiled_index.loads(found) if found is not None else None

    def stored_index(self) -> compiled_index.StoredIndex | None:
        """The deck's question index as stored with it, each part decoded when first read
        (`quiz.compiled_index.stored`); None when there is none."""
        if not self._index:
            return None
        first = len(self._starts) - 1  # the index's parts follow the facts' chunks
        return compiled_index.StoredIndex(lambda n: self._sealed.part(first + n), self.blanks)

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
                    fact = self._decode(i)
                except (BadCompiled, OSError, MemoryError, RecursionError):
                    self._replace_all()
                    fact = self._facts[i]
                    assert fact is not None
                else:
                    self._facts[i] = fact
        return fact

    def _decode(self, i: int) -> Fact:
        """The fact at ``i``, read with its chunk (BadCompiled: damaged or at odds)."""
        c = bisect_right(self._starts, i) - 1
        chunk = self._chunks.get(c)
        if chunk is None:
            chunk = self._chunks[c] = self._sealed.part(c)
        base = self._offsets[self._starts[c]]
        return decode_fact(chunk, self._offsets[i] - base, self._offsets[i + 1] - base,
                           self.ids[i], self.blanks[i], self._deck_id, self._path)

    def _replace_all(self) -> None:
        fresh = self._reload()
        if tuple(f.id for f in fresh.facts) != self.ids:
            raise DeckError([Problem(self._path, 1, 1, "the deck changed while it was being "
                                                      "read; open it again")])
        self._facts = list(fresh.facts)
        self._complete = True
        self._chunks.clear()

    def _all(self) -> list[Fact]:
        if not self._complete:
            # Decoding thousands of small objects would set off the cyclic collector again
            # and again for nothing; the deck lives as long as the app, so its facts are
            # moved out of the collector's sight once made (`quiz.collector`).
            with long_lived(), self._lock:
                facts, offsets, starts = self._facts, self._offsets, self._starts
                ids, blanks, deck_id, path = self.ids, self.blanks, self._deck_id, self._path
                try:
                    chunks = self._sealed.parts(0, len(starts) - 1)  # one read
                    for c, chunk in enumerate(chunks):
                        base = offsets[starts[c]]
                        for i in range(starts[c], starts[c + 1]):
                            if facts[i] is None:
                                facts[i] = decode_fact(chunk, offsets[i] - base,
                                                       offsets[i + 1] - base, ids[i],
                                                       blanks[i], deck_id, path)
                except (BadCompiled, OSError, MemoryError, RecursionError):
                    self._replace_all()
                self._chunks.clear()
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
    """A deck from its compiled form, its facts decoded lazily. The copy being in memory
    already, every part of it is checked against its digest now: a flipped byte anywhere
    makes the whole copy refused (`load_file` reads and checks each part when first used).

    Args:
        data: what `dumps` wrote.
        path: the deck file it was compiled from (facts carry it).
        reload: reads the deck from its YAML file; used if a fact's blob proves damaged.
        written: the path it was compiled with, when not ``path`` (`quiz.shipped`).

    Raises:
        BadCompiled: the data is not a compiled deck of this format, or is damaged.
    """
    sealed = _read(data)
    if len(sealed):
        sealed.parts(0, len(sealed))
    return _deck(sealed, path, reload, written)


def load_file(entry: Path, path: str, reload: Callable[[], Deck]) -> Deck:
    """`loads` of the compiled copy in the file ``entry``: its head is read now, each part
    when first used (`quiz.compiled_file.source_of`).

    Raises:
        BadCompiled: as `loads`. OSError: the file cannot be read.
    """
    return _deck(_read(compiled_file.source_of(entry)), path, reload, None)


def _deck(sealed: Sealed, path: str, reload: Callable[[], Deck], written: str | None) -> Deck:
    (deck_id, title, written_path, description, tags, sources, warnings, ids, blanks,
     offsets, firsts, keyed, index, units, fact_tags, stamp, order) = sealed.top
    check(order == sys.byteorder, "byte order")  # the offsets are native integers
    check(written_path == (path if written is None else written), "path")
    check(type(ids) is tuple and type(blanks) is tuple and len(ids) == len(blanks) > 0,
          "facts")
    ends, starts = _array(offsets), _array(firsts)
    chunks = len(starts) - 1
    check(type(index) is int and index in (0, compiled_index.PARTS) and chunks > 0
          and len(sealed) == chunks + index, "parts")
    # The per-item checks run at C speed and make nothing the size of the deck (a joined
    # text or an array would be fresh pages): str's and int's own methods raise TypeError
    # for an id that is not text, a count that is not an integer.
    try:
        sum(map(str.__len__, ids))
        sum(map(int.bit_length, blanks))
    except TypeError:
        raise BadCompiled("unexpected fact ids or blank counts") from None
    # Each blank is an answer in its fact's blob, so its bytes bound the cards a copy makes;
    # decoding a fact checks its answers' number and its offsets (else: read the YAML).
    # Bounded on the tuple (its ints exist; the array's would be made one by one), now
    # that the array said they are all integers.
    heap = sealed.end(chunks - 1)
    check(min(blanks) > 0 and max(blanks) < BLANK_ID_KEYS
          and sum(blanks) * MIN_ANSWER_BYTES <= heap, "blank counts")
    check(len(ends) == len(ids) + 1 and ends[0] == 0 and ends[-1] == heap, "fact offsets")
    check(starts[0] == 0 and starts[-1] == len(ids)
          and all(map(int.__lt__, starts, starts[1:])), "chunks")
    check(type(units) is bool and is_texts(fact_tags), "units and tags")
    check(type(stamp) is tuple and all(type(n) is int for n in stamp), "stamp")
    check(type(keyed) is tuple and all(
        type(k) is tuple and len(k) == 2 and type(k[0]) is int and 0 <= k[0] < len(ids)
        and type(k[1]) is tuple and len(k[1]) == blanks[k[0]]
        and all(type(b) is int and 0 <= b < 2**31 for b in k[1]) for k in keyed), "blank keys")
    check(type(sources) is tuple and all(type(s) is tuple and len(s) == 2 for s in sources),
          "sources")
    check(type(warnings) is tuple and all(type(w) is tuple and len(w) == 5 for w in warnings),
          "warnings")
    facts = CompiledFacts(ids, blanks, sealed, ends, starts, text(deck_id), path, reload,
                          dict(keyed), bool(index), units, fact_tags)
    check(len(facts.positions) == len(ids), "fact ids")
    facts.stamp = stamp
    return Deck(id=deck_id, title=text(title), facts=facts,  # type: ignore[arg-type]
                path=path, description=text(description), tags=texts(tags),
                sources={text(k): text(v) for k, v in sources},
                warnings=tuple(Problem(path if p == written_path else text(p), number(ln),
                                       number(c), text(m), "warning" if s == "warning" else "error")
                               for p, ln, c, m, s in warnings),
                _index=compiled_index.FactIndex(facts))  # type: ignore[arg-type]
