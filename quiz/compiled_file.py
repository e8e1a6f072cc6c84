"""The file a compiled deck is kept in: a head read whole when the deck opens, and parts
read only when first used, each sealed by a digest of its own.

Layout: ``HEAD`` (a line naming the format), the head's size (8 bytes, little-endian), the
first 16 bytes of the SHA-256 of the head (`quiz.sealed.digest`), the head, then the parts
one after another. The head is `marshal` data of primitives whose last item is the parts'
table: where each part ends (64-bit integers, little-endian) and each part's digest.

`read` checks the head's digest before unmarshalling it; `Sealed.part` checks a part's
digest before handing its bytes out, so a flipped byte anywhere is found before those bytes
are used: in the head, the whole copy is ignored; in a part, that part is refused
(`BadCompiled`) and its reader falls back to the deck's YAML. The seal guards against
damage only: a planted file can carry right digests, so readers still check every value.

A large copy in the cache is read where it lies (`FileSource`): the head, then the few parts
a first question touches, with one ``pread`` each, not the whole file into fresh memory and
through a hash (a 20,000-fact deck is 5 MB: ~2,500 page faults and ~10 ms of a launch). The
file stays open: another copy of quiz replacing it (always by writing a new file and
renaming it over, `quiz.files.atomic_path`) leaves this one reading the file it opened.
A small copy is read whole at once (`Source`), as the copies shipped with the bundled decks
always are, and so is every copy on Windows, where an open file cannot be renamed over, and
every copy past the `OPEN_AT_MOST` kept open in the process; its parts are still checked as
they are first used.
"""

from __future__ import annotations

import marshal
import os
import struct
import sys
import threading
import weakref
from array import array
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from quiz.sealed import DIGEST_BYTES, digest

SIZE = struct.Struct("<Q")
FIRST_READ = 65536
"""Bytes read at once from the start of a file: the head of a deck of a few thousand facts."""
WHOLE_BELOW = 1 << 20
"""A copy this small is read whole at once and its file closed (`source_of`): reading it
costs little, and a folder of hundreds of small decks keeps no file open for each."""


class BadCompiled(ValueError):
    """A compiled deck that is damaged, foreign or hostile: rebuild it from the YAML."""


class Source:
    """A compiled copy held in memory (a shipped copy, or any copy on Windows)."""

    __slots__ = ("_data",)

    def __init__(self, data: bytes) -> None:
        self._data = data

    def size(self) -> int:
        """The copy's length in bytes."""
        return len(self._data)

    def read(self, start: int, size: int) -> bytes | memoryview:
        """``size`` bytes from ``start`` (fewer at the end of the copy)."""
        return memoryview(self._data)[start:start + size]


OPEN_AT_MOST = 32
"""Compiled copies kept open at once, in the whole process (`source_of`): past that, a copy is
read whole, as a small one is. Decks stay alive as long as something holds them (a library
replaced by a reload, until the memos let it go), so without a bound a folder of many large
decks could use up the process's files (256 by default on macOS) and fail to load any more."""

_open_files = 0
_counting = threading.Lock()


def _opened(change: int) -> bool:
    """Count a copy's file opened (+1, if fewer than `OPEN_AT_MOST` are) or closed (-1)."""
    global _open_files
    with _counting:
        if change > 0 and _open_files >= OPEN_AT_MOST:
            return False
        _open_files += change
        return True


def _close(fd: int) -> None:
    _opened(-1)
    os.close(fd)


class FileSource(Source):
    """A compiled copy read from its open file as it is needed (its file is closed once
    nothing holds the copy)."""

    __slots__ = ("_fd", "_size", "__weakref__")

    def __init__(self, fd: int, size: int) -> None:  # noqa: D107 - no data held
        self._fd = fd
        self._size = size
        weakref.finalize(self, _close, fd)

    def size(self) -> int:
        return self._size

    def read(self, start: int, size: int) -> bytes | memoryview:
        return os.pread(self._fd, size, start)


def source_of(path: Path) -> Source:
    """The copy at ``path``, open for reading part by part; read whole when it is small
    (`WHOLE_BELOW`), when `OPEN_AT_MOST` copies are open already or no file can be opened
    now, and on Windows, where an open file could not be replaced by another copy of quiz."""
    if os.name == "nt" or not hasattr(os, "pread") or path.stat().st_size < WHOLE_BELOW \
            or not _opened(+1):
        return Source(path.read_bytes())
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        _opened(-1)
        return Source(path.read_bytes())  # its own error, if the file itself is the trouble
    try:
        size = os.fstat(fd).st_size
    except BaseException:
        _close(fd)
        raise
    return FileSource(fd, size)


def _ends(table: array[int]) -> array[int]:
    if sys.byteorder != "little":
        table.byteswap()
    return table


def pack(head_line: bytes, top: tuple[Any, ...], parts: Sequence[bytes]) -> bytes:
    """``top`` (primitives only) as a sealed head behind ``head_line``, then ``parts``."""
    ends, at = array("q"), 0
    for part in parts:
        at += len(part)
        ends.append(at)
    head = marshal.dumps((*top, (_ends(ends).tobytes(), b"".join(map(digest, parts)))))
    return b"".join((head_line, SIZE.pack(len(head)), digest(head), head, *parts))


class Sealed:
    """A copy whose head was read and found sound: the head's items, and its parts."""

    __slots__ = ("top", "_source", "_base", "_ends", "_digests")

    def __init__(self, top: tuple[Any, ...], source: Source, base: int, ends: array[int],
                 digests: bytes) -> None:
        self.top = top
        """The head's items, the parts' table left out (each checked by its reader)."""
        self._source = source
        self._base = base
        self._ends = ends
        self._digests = digests

    def __len__(self) -> int:
        return len(self._ends)

    def end(self, n: int) -> int:
        """Where part ``n`` ends, from the start of the first."""
        return self._ends[n]

    def parts(self, first: int, stop: int) -> list[bytes | memoryview]:
        """Parts ``first`` to ``stop`` (excluded), read at once, each checked against its
        digest (BadCompiled: damaged or missing)."""
        if not 0 <= first < stop <= len(self._ends):
            raise BadCompiled("unexpected part")
        start = self._ends[first - 1] if first else 0
        data = self._source.read(self._base + start, self._ends[stop - 1] - start)
        if len(data) != self._ends[stop - 1] - start:
            raise BadCompiled("truncated part")
        view, found = memoryview(data), []
        for n in range(first, stop):
            a, b = (self._ends[n - 1] if n else 0) - start, self._ends[n] - start
            if digest(view[a:b]) != self._digests[n * DIGEST_BYTES:(n + 1) * DIGEST_BYTES]:
                raise BadCompiled("damaged part")
            found.append(view[a:b])
        return found

    def part(self, n: int) -> bytes | memoryview:
        """Part ``n``, checked against its digest (BadCompiled: damaged or missing)."""
        return self.parts(n, n + 1)[0]


def read(head_line: bytes, source: Source) -> Sealed:
    """The head of the copy in ``source``, checked against its digest, with its parts'
    table (BadCompiled: not a copy of this format, or damaged)."""
    start = len(head_line) + SIZE.size + DIGEST_BYTES
    first = source.read(0, FIRST_READ)
    if bytes(first[:len(head_line)]) != head_line or len(first) < start:
        raise BadCompiled("not a compiled deck of this format")
    (size,) = SIZE.unpack(first[len(head_line):len(head_line) + SIZE.size])
    total = source.size()
    if start + size > total:
        raise BadCompiled("truncated head")
    # The head in one piece, never copied: a slice of the first read when it holds it,
    # else read on its own (a 20,000-fact deck's is ~450 kB).
    head = memoryview(first)[start:start + size] if start + size <= len(first) else \
        memoryview(source.read(start, size))
    if len(head) != size or digest(head) != first[start - DIGEST_BYTES:start]:
        raise BadCompiled("damaged head")
    try:
        top = marshal.loads(head)
    except (EOFError, ValueError, TypeError, MemoryError, RecursionError):
        raise BadCompiled("unreadable head") from None
    if not (type(top) is tuple and top and type(table := top[-1]) is tuple and len(table) == 2
            and type(table[0]) is bytes and type(table[1]) is bytes
            and len(table[0]) % 8 == 0 and len(table[1]) == len(table[0]) // 8 * DIGEST_BYTES):
        raise BadCompiled("unexpected parts")
    ends = array("q")
    ends.frombytes(table[0])
    ends = _ends(ends)
    base = start + size
    if ends and (min(ends) < 0 or any(map(int.__gt__, ends, ends[1:]))
                 or base + ends[-1] > total):
        raise BadCompiled("unexpected parts")
    return Sealed(top[:-1], source, base, ends, table[1])
