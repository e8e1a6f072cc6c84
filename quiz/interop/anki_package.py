"""Opening an Anki package (``.apkg``/``.colpkg``) as an in-memory SQLite collection.

Two layouts exist in the wild. The legacy one holds ``collection.anki21`` (or, from
Anki 2.0, ``collection.anki2``): a plain SQLite file whose note types are JSON in
``col.models``. The current one holds ``collection.anki21b``, the same database
zstd-compressed, with ``notetypes``/``fields``/``templates`` tables whose configs are
protobuf; beside it sits a stub ``collection.anki2`` whose one note says "Please update
to the latest Anki version". The newest collection in the zip wins. Nothing is written
to disk: the database is deserialised into memory, and every way the zip can be wrong
(not a zip, encrypted, damaged, too big, no collection) is one `InteropError` line.
"""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

from quiz.interop.model import InteropError

__all__ = ["MAX_COLLECTION_BYTES", "STUB_TEXT", "open_collection"]

MAX_COLLECTION_BYTES = 1 << 30
"""A collection larger than this once uncompressed is refused (a zip bomb, or not a deck)."""

STUB_TEXT = "Please update to the latest Anki version"
"""What the stub ``collection.anki2`` of the current layout says on its only card."""

_LAYOUTS = ("collection.anki21b", "collection.anki21", "collection.anki2")


def _unicase(a: str, b: str) -> int:
    """Anki's ``unicase`` collation (its name columns use it; SQLite needs it to read them)."""
    x, y = a.casefold(), b.casefold()
    return (x > y) - (x < y)


def _decompress(data: bytes, name: str) -> bytes:
    import zstandard

    reader = zstandard.ZstdDecompressor().stream_reader(data)
    try:
        out = reader.read(MAX_COLLECTION_BYTES + 1)
        while True:
            more = reader.read(MAX_COLLECTION_BYTES + 1 - len(out))
            if not more:
                break
            out += more
            if len(out) > MAX_COLLECTION_BYTES:
                break
    except zstandard.ZstdError as exc:
        raise InteropError(f"{name}: the compressed collection is damaged ({exc})") from None
    if len(out) > MAX_COLLECTION_BYTES:
        raise InteropError(f"{name}: the collection is over {MAX_COLLECTION_BYTES >> 20} MB "
                           "uncompressed; quiz does not import collections that large")
    return out


def _database(data: bytes, name: str) -> sqlite3.Connection:
    if not data.startswith(b"SQLite format 3\x00"):
        raise InteropError(f"{name}: the collection inside is not an SQLite database")
    if data[18:20] == b"\x02\x02":
        # A WAL-mode file cannot be opened from memory: mark it rollback-journal (the
        # format is otherwise the same, and the package holds no write-ahead log).
        data = data[:18] + b"\x01\x01" + data[20:]
    conn = sqlite3.connect(":memory:")
    conn.create_collation("unicase", _unicase)
    try:
        conn.deserialize(data)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise InteropError(f"{name}: the collection inside is damaged ({exc})") from None
    return conn


def _is_stub(conn: sqlite3.Connection) -> bool:
    try:
        rows = conn.execute("SELECT flds FROM notes LIMIT 2").fetchall()
    except sqlite3.DatabaseError:
        return False
    return len(rows) == 1 and STUB_TEXT.lower() in str(rows[0][0]).lower()


def open_collection(path: Path) -> tuple[sqlite3.Connection, str]:
    """The package's collection as an in-memory database, and the layout's member name.

    Raises:
        InteropError: the file is not a readable, unencrypted Anki package with a collection.
    """
    name = str(path)
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise InteropError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InteropError(f"{name}: is a folder, not an Anki package") from None
    except zipfile.BadZipFile:
        raise InteropError(f"{name}: is not an Anki package (not a zip archive, or a damaged "
                           "one); export it again from Anki") from None
    except OSError as exc:
        raise InteropError(f"{name}: cannot be read: {exc.strerror or exc}") from None
    with archive:
        members = {info.filename: info for info in archive.infolist()}
        present = [m for m in _LAYOUTS if m in members]
        if not present:
            listed = ", ".join(sorted(members)[:5]) or "nothing"
            raise InteropError(f"{name}: unknown package layout: no collection.anki21b, "
                               f".anki21 or .anki2 inside (it holds {listed})")
        member = present[0]
        info = members[member]
        if info.flag_bits & 0x1:
            raise InteropError(f"{name}: the package is encrypted; export it from Anki "
                               "without a password")
        if info.file_size > MAX_COLLECTION_BYTES:
            raise InteropError(f"{name}: the collection is {info.file_size >> 20} MB; quiz "
                               f"does not import collections over {MAX_COLLECTION_BYTES >> 20} MB")
        try:
            data = archive.read(member)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise InteropError(f"{name}: the package is damaged ({exc})") from None
        except RuntimeError as exc:  # zipfile's word for "encrypted, no password given"
            raise InteropError(f"{name}: the package cannot be opened ({exc})") from None
    if member.endswith("b"):
        data = _decompress(data, name)
    conn = _database(data, name)
    if member == "collection.anki2" and _is_stub(conn):
        conn.close()
        raise InteropError(f"{name}: holds only the stub that asks for a newer Anki, without "
                           "its collection.anki21b; export it again")
    return conn, member
