"""The score file on disk: created private, opened only through SQLite, read-only when it must.

Only SQLite ever opens the live score file in a process that may hold it open. On POSIX,
closing *any* descriptor of a file drops every lock the process holds on it, so a plain
``open()``/``close()`` of the file (to peek at its header, say) while a connection is open
lets another copy of quiz think it is alone, checkpoint and delete the write-ahead log
this one is still writing to: answers reported saved are then lost. SQLite itself spots
a truncated or garbled file (``SQLITE_CORRUPT``) or a file that is no database
(``SQLITE_NOTADB``); only to tell those two apart, for the message, is the header read,
and then by a child process (`examine`), whose descriptors cannot touch our locks.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from pathlib import Path
from urllib.parse import quote

from quiz.store import schema
from quiz.locations import database_path
from quiz.store.errors import StoreAccessError, StoreError, damaged, translate
from quiz.store.writes import enter_wal

PRIVATE = 0o600
"""Permissions of the score file and its backups: the learner's answers are theirs."""

_PEEK = ("import os, sys\n"
         "path = sys.argv[1]\n"
         "with open(path, 'rb') as fh:\n"
         "    sys.stdout.write(fh.read(100).hex() + ' ' + str(os.fstat(fh.fileno()).st_size))\n")


_PARTIAL = ".{name}.new-"
"""How a new score file's name begins while `create_new` builds it (then the process id)."""


def create_private(path: Path) -> None:
    """Create ``path`` empty with `PRIVATE` permissions if it does not exist yet.

    A file that did not exist cannot be held open by anyone, so opening it here is safe;
    SQLite then writes the schema into it and gives its log the same permissions.
    """
    if path.exists():
        return  # never open a file someone may hold (see the module's docstring)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0),
                     PRIVATE)
    except FileExistsError:
        return
    os.close(fd)


def create_new(path: Path) -> bool:
    """Create a new score file at ``path``, empty but already quiz's (its application id) and in WAL
    mode, so it appears under its name whole or not at all; whether this call created it.

    Its one page is built beside its final name, unsynced (a half-built file there is
    nobody's), synced to disk once, then hard-linked to ``path``, which fails if another
    copy of quiz created it meanwhile (then theirs is used). `schema.migrate` then writes
    the schema in one transaction of the write-ahead log, while the decks are read. Built
    in place, an empty file went to WAL mode through a rollback journal (four disk syncs:
    journal twice, folder, file) before its schema's three; now one. Where hard links are
    not supported, or ``path`` exists (an empty file: created in place as before), False.
    """
    _remove_abandoned(path)  # also once the file exists: a copy killed just after its link
    if path.exists():
        return False
    partial = path.with_name(f"{_PARTIAL.format(name=path.name)}{os.getpid()}-"
                             f"{os.urandom(4).hex()}")
    try:
        create_private(partial)
        conn = sqlite3.connect(partial, isolation_level=None)
        try:
            conn.execute("PRAGMA synchronous = OFF")  # synced once below, before it is named
            conn.execute("PRAGMA journal_mode = OFF")  # nothing to roll back to in a new file
            conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")  # v0, ours
            if str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower() != "wal":
                return False
        finally:
            conn.close()
        fd = os.open(partial, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        try:
            getattr(os, "fdatasync", os.fsync)(fd)  # no connection holds it (module docstring)
        finally:
            os.close(fd)
        try:
            os.link(partial, path)
        except FileExistsError:
            return False  # another copy of quiz created it first: theirs is as good
        except OSError:
            return False  # no hard links here: created in place
        return True
    except sqlite3.Error:
        return False  # created in place, where a failure is reported as it should be
    finally:
        for leftover in (partial, partial.with_name(partial.name + "-wal"),
                         partial.with_name(partial.name + "-shm")):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _remove_abandoned(path: Path) -> None:
    """Remove files `create_new` left half-built when its process was killed (its
    process id, in the name, is gone); another copy's file being built is left alone."""
    prefix = _PARTIAL.format(name=path.name)
    with contextlib.suppress(OSError):
        for name in os.listdir(path.parent):
            if not name.startswith(prefix):
                continue
            try:
                os.kill(int(name[len(prefix):].split("-")[0]), 0)
            except ProcessLookupError:
                with contextlib.suppress(OSError):
                    (path.parent / name).unlink()
            except (ValueError, OSError):
                continue  # not ours by its name, or a live process of another user


def uri(path: Path, *, readonly: bool = False, immutable: bool = False) -> str:
    """An SQLite URI for ``path`` (any characters in the name are escaped)."""
    options = "?mode=ro" if readonly or immutable else ""
    if immutable:
        options += "&immutable=1"
    return f"file:{quote(os.fspath(path.resolve()))}{options}"


def connect(path: Path, *, readonly: bool, timeout_ms: int, shared: bool) -> sqlite3.Connection:
    """An autocommit connection to the score file.

    Read-only connections first try ``mode=ro``; a file in a folder nobody may write to
    cannot get its shared-memory index, so they then read it as ``immutable``.
    """
    options = {"isolation_level": None, "timeout": timeout_ms / 1000,
               "check_same_thread": not shared}
    if not readonly:
        return sqlite3.connect(path, **options)  # type: ignore[arg-type]
    conn = sqlite3.connect(uri(path, readonly=True), uri=True, **options)  # type: ignore[arg-type]
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        text = str(exc).lower()
        if "unable to open" not in text and "readonly" not in text and "read-only" not in text:
            raise
    return sqlite3.connect(uri(path, immutable=True), uri=True, **options)  # type: ignore[arg-type]


def refused(exc: sqlite3.Error) -> bool:
    """Whether SQLite refused the file itself (damaged, or not a database at all)."""
    name = getattr(exc, "sqlite_errorname", "")
    text = str(exc).lower()
    return name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or "not a database" in text \
        or "malformed" in text


def examine(path: Path, exc: sqlite3.Error) -> StoreError:
    """The error for a file SQLite refused as damaged or not a database.

    The header is read in a child process (see the module's docstring) to tell a file
    that is no SQLite database at all from a damaged one; if that fails, SQLite's own
    words are given.
    """
    import subprocess  # only here, for a damaged file: opening a sound one never needs it

    error = translate(exc, path)
    try:
        result = subprocess.run([sys.executable, "-I", "-S", "-c", _PEEK, os.fspath(path)],
                                capture_output=True, text=True, timeout=30, check=True)
        header_hex, size = result.stdout.split()
        problem = schema.header_problem(bytes.fromhex(header_hex), int(size), path,
                                        wal_pending=_wal_pending(path))
    except (OSError, ValueError, subprocess.SubprocessError):
        return error
    if problem is not None:
        return problem
    return error if error.path is not None else damaged(path, str(exc))


def _wal_pending(path: Path) -> bool:
    with contextlib.suppress(OSError):
        return path.with_name(path.name + "-wal").stat().st_size > 0
    return False


def open_score_file(folder: Path, *, readonly: bool, busy_timeout_ms: int,
                    shared: bool) -> tuple[sqlite3.Connection, Path]:
    """A connection to the score file in ``folder``, created, checked and migrated (see
    `quiz.store.Store.open`), and the file's path.

    Raises:
        StoreError: and its kinds, saying what is wrong with the file or its folder.
    """
    path = database_path(folder)
    if folder.exists() and not folder.is_dir():
        raise StoreAccessError(f"the scores folder {folder} is a file, not a folder; "
                               "name a folder with --scores or QUIZ_SCORES", path)
    if readonly and not path.exists():
        raise StoreError(f"there is no score file at {path} yet", path)
    if not readonly:
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not create_new(path):
                create_private(path)
        except OSError as exc:
            raise StoreAccessError(f"cannot create the score file {path} "
                                   f"({exc.strerror or exc})", path) from exc
    conn: sqlite3.Connection | None = None
    try:
        conn = connect(path, readonly=readonly, timeout_ms=busy_timeout_ms, shared=shared)
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        version = schema.existing_version(conn, path)
        if readonly:
            if version < schema.LATEST:
                raise StoreAccessError(
                    f"the score file {path} is from an older quiz (v{version}) and must be "
                    "upgraded, but it cannot be written here; open it once where its "
                    "folder is writable", path)
        else:
            enter_wal(conn, busy_timeout_ms)
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            if version < schema.LATEST:
                schema.migrate(conn, path)
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        if refused(exc):
            raise examine(path, exc) from exc
        raise translate(exc, path, "the score file's creation or upgrade") from exc
    except StoreError:
        if conn is not None:
            conn.close()
        raise
    return conn, path
