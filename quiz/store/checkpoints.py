"""Copying the write-ahead log into the score file off the answer path.

In WAL mode every commit appends to the log, and SQLite copies the log into the file (a
*checkpoint*: read the log, write the file, sync it) inside whichever commit takes the log
past 1,000 pages, some 45 answers. That commit is an answer: 35 ms of CPU and, with the
disk busy, 150-190 ms of waiting for the sync, while the learner waits for the feedback.

`Checkpoints` runs a PASSIVE checkpoint every `EVERY` writes, and when a session ends, on a
daemon thread with a connection of its own, so SQLite's own one is never reached and no
write waits for it: a passive checkpoint takes no lock a writer needs and gives up on what
a reader still uses (the next one copies it). SQLite shares one set of file locks among a
process's connections, so the second connection cannot drop the first one's (unlike a
plain ``open()`` of the file: `quiz.store.files`). No write waits for a checkpoint, and a
crash during one loses nothing: the log stays until the file holds it.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

EVERY = 16
"""Writes between checkpoints: 16 answers write some 350 pages of the log (SQLite's own
checkpoint comes at 1,000)."""


class Checkpoints:
    """Checkpoints of one score file, asked for by its `Store` (see the module)."""

    def __init__(self, path: Path, timeout_ms: int) -> None:
        self._path = path
        self._timeout_ms = timeout_ms
        self._writes = 0
        self._conn: sqlite3.Connection | None = None
        self._running: threading.Thread | None = None
        self._closed = False
        self._lock = threading.Lock()
        self.last: tuple[int, int, int] | None = None
        """What the last checkpoint did: (1 if a reader or writer stopped it short, pages in
        the log, pages copied into the file); None before the first."""

    def wrote(self) -> threading.Thread | None:
        """Count one committed write; every `EVERY` writes, start a checkpoint (the thread,
        for tests to join)."""
        self._writes += 1
        return self.soon() if self._writes % EVERY == 0 else None

    def soon(self) -> threading.Thread | None:
        """Start a checkpoint on a daemon thread, unless one is running or the store is
        closed (the thread, or None)."""
        with self._lock:
            if self._closed or self._running is not None:
                return None
            thread = self._running = threading.Thread(target=self._run, daemon=True,
                                                      name="quiz-checkpoint")
        thread.start()
        return thread

    def _run(self) -> None:
        try:
            if self._conn is None:
                self._conn = sqlite3.connect(self._path, isolation_level=None,
                                             timeout=self._timeout_ms / 1000,
                                             check_same_thread=False)
                self._conn.execute("PRAGMA synchronous = FULL")
            busy, log, copied = self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            self.last = (busy, log, copied)
        except sqlite3.Error:
            pass  # busy, read-only, gone: the next checkpoint (or SQLite's own) copies it
        finally:
            with self._lock:
                self._running = None

    def close(self) -> None:
        """No more checkpoints: wait for one under way (a few milliseconds; the store's own
        close would checkpoint as long), then close the connection."""
        with self._lock:
            self._closed = True
            running = self._running
        if running is not None:
            running.join()
        self._close_conn()

    def _close_conn(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
            self._conn = None


__all__ = ["EVERY", "Checkpoints"]
