"""What relates a compiled deck's cards, kept beside it so a launch reads it back.

`quiz.questions.reveal.KeepApart` needs, for each card a study day looks at, its answer
forms, its words and the cards its order/match questions show. Working that out costs
about a millisecond a card (choosing an order's dates or a match's names grades answers),
and a day looks at hundreds. A deck read from the compiled cache (`quiz.library`) gets a
*sidecar* file named after its compiled entry and a fingerprint of the question code, so
every card is worked out once per deck content and code, on the first day that looks at
it, and read back afterwards.

The sidecar is a `marshal` blob of primitives sealed by a digest of every byte
(`quiz.sealed`), and type-checked on reading (never a pickle: a cache folder may sit in a
synced or shared scores folder); anything unexpected, from one flipped byte to a planted
file, is ignored and the relations are worked out again. New
entries are written off the answer path, on a daemon thread, replacing the file atomically:
at once the first time, then no sooner than a second after the last write began
(`WRITE_AFTER_S`: those worked out meanwhile join the same write); failing to write one is
not an error.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from functools import cache
from pathlib import Path
from typing import Any

from quiz import sealed

MAGIC = "quiz-card-relations"
FORMAT = 2
HEAD = f"{MAGIC} {FORMAT}\n".encode()
SUFFIX = ".apart"

Entry = Any
"""One card's relations as stored: None (no such card), False (asked in no format), or
(answer forms, words, shown cards as (fact id, blank) pairs)."""

WRITE_AFTER_S = 1.0
"""How long after a write began the next one waits, for more entries. A home screen
counting after each answer, or a session's queue, works out a few new entries each time;
writing them (a few milliseconds of the interpreter's time) at most once a second keeps that
off the next count. The first write of a deck does not wait: what a launch worked out is
saved even when the learner quits at once, so the next launch does not work it out again."""

EntryKey = tuple[str, int, Any]
"""A card of the deck and the group it is asked in: fact id, blank, recall (bool or None)."""


@cache
def code_fingerprint() -> str:
    """A hash of the code relations are worked out by (and of the deck compiler's)."""
    from quiz.library import code_fingerprint as deck_code
    from quiz.library import source_digest

    root = Path(__file__).resolve().parent
    return source_digest(deck_code().encode(), [
        *(root / "questions").glob("*.py"), *(root / "values").glob("*.py"),
        root / "grading.py", root / "facts.py", Path(__file__).resolve()])


def sidecar_for(entry: Path) -> Path:
    """The relations file of the compiled deck ``entry`` under this code."""
    return entry.with_name(f"{entry.stem}-{code_fingerprint()}{SUFFIX}")


def _key_ok(k: Any) -> bool:
    return (type(k) is tuple and len(k) == 3 and type(k[0]) is str and type(k[1]) is int
            and (k[2] is None or type(k[2]) is bool))


def _entry_ok(e: Any) -> bool:
    if e is None or e is False:
        return True
    return (type(e) is tuple and len(e) == 3 and type(e[0]) is tuple
            and all(type(f) is str for f in e[0]) and type(e[1]) is str
            and type(e[2]) is tuple and all(
                type(k) is tuple and len(k) == 2 and type(k[0]) is str and type(k[1]) is int
                for k in e[2]))


def loads(data: bytes, name: str) -> dict[EntryKey, Entry] | None:
    """The entries stored by `dumps` for the sidecar called ``name``, unchecked (see
    `Relations.get`); None when ``data`` is not one (damaged, foreign or planted)."""
    top = sealed.unpack(HEAD, data)
    if not (type(top) is tuple and len(top) == 2 and top[0] == name
            and type(top[1]) is dict):
        return None
    # Each entry is checked when it is looked up (`Relations.get`), so a deck whose every
    # card was studied costs one marshal read, not a check per card, at launch; the seal
    # has already refused a damaged file, so what is left to catch is a planted one.
    return top[1]  # type: ignore[no-any-return]


def dumps(entries: dict[EntryKey, Entry], name: str) -> bytes:
    """``entries`` as the sidecar called ``name``."""
    return sealed.pack(HEAD, (name, entries))


class Relations:
    """The relation entries of one deck: read from its sidecar on first use, new ones
    written back by `save_later`. Safe to share between threads."""

    def __init__(self, sidecar: Path | None | Callable[[], Path | None],
                 shipped: dict[EntryKey, Entry] | None = None) -> None:
        """``sidecar``: its path, or what tells it when first needed. ``shipped``: the
        entries shipped with a bundled deck (`quiz.shipped`), checked as the sidecar's are
        and looked up first; the sidecar is read only for a card they lack."""
        self._sidecar = sidecar
        self._shipped = shipped or {}
        self._entries: dict[EntryKey, Entry] | None = None
        self._made: dict[Hashable, Any] = {}
        """Entries turned into what `KeepApart` works with, by key (in memory only)."""
        self._unsaved = 0
        self._writer: threading.Thread | None = None
        """The write asked for and not yet begun: later asks join it."""
        self._last_write: float | None = None
        """When the last write began (`time.monotonic`); None: none yet."""
        self._lock = threading.Lock()

    def _path(self) -> Path | None:
        if callable(self._sidecar):
            self._sidecar = self._sidecar()
        return self._sidecar

    def _loaded(self) -> dict[EntryKey, Entry]:
        entries = self._entries
        if entries is None:
            sidecar = self._path()
            if sidecar is not None:
                try:
                    entries = loads(sidecar.read_bytes(), sidecar.name)
                except (OSError, MemoryError):
                    entries = None
            self._entries = entries = entries or {}
        return entries

    def get(self, key: EntryKey, default: Any = ...) -> Any:
        """The stored entry of ``key`` (``default`` when there is none or it is not sound)."""
        entry = self._shipped.get(key, default)
        if entry is default or not _entry_ok(entry):
            entry = self._loaded().get(key, default)
        return entry if entry is default or _entry_ok(entry) else default

    def put(self, key: EntryKey, entry: Entry) -> None:
        """Remember a newly worked-out entry (saved by the next `save_later`)."""
        with self._lock:
            self._loaded()[key] = entry
            self._unsaved += 1

    def made(self) -> dict[Hashable, Any]:
        """A scratch memo for `KeepApart`'s ready-to-use form of the entries."""
        return self._made

    def save_later(self) -> threading.Thread | None:
        """Write the entries to the sidecar on a daemon thread if some are new: at once the
        first time, else once `WRITE_AFTER_S` has passed since the last write began (what is
        worked out meanwhile goes in the same write). The thread (for tests to join), or
        None when there is nothing to write."""
        with self._lock:
            if self._path() is None or not self._unsaved or self._entries is None:
                return None
            if self._writer is not None:
                return self._writer
            wait = 0.0 if self._last_write is None else \
                max(0.0, self._last_write + WRITE_AFTER_S - time.monotonic())
            thread = self._writer = threading.Thread(target=self._write_soon, args=(wait,),
                                                     daemon=True, name="quiz-relations")
        thread.start()
        return thread

    def _write_soon(self, wait: float) -> None:
        if wait > 0:
            time.sleep(wait)
        with self._lock:
            self._writer = None
            self._last_write = time.monotonic()
            snapshot = dict(self._loaded())
            self._unsaved = 0
        self._write(snapshot)

    def _write(self, entries: dict[EntryKey, Entry]) -> None:
        from quiz.files import atomic_path

        sidecar = self._path()
        assert sidecar is not None
        try:
            # Only sound entries go back: what a damaged or planted file held is dropped.
            data = dumps({k: e for k, e in entries.items() if _key_ok(k) and _entry_ok(e)},
                         sidecar.name)
            stem = sidecar.name.rsplit("-", 1)[0]
            for old in sidecar.parent.glob(f"{stem}-*{SUFFIX}"):
                if old != sidecar:
                    old.unlink(missing_ok=True)
            sweep_cache_temps(sidecar.parent)
            with atomic_path(sidecar, durable=False, through_link=False) as temp:
                temp.write_bytes(data)
        except (OSError, ValueError):
            return  # a read-only or full disk only costs the next launch the work again


def remove_sidecars(folder: Path, prefix: str) -> None:
    """Delete the relations of every compiled copy of one deck file (before it is compiled
    anew: they belong to content that is gone)."""
    for old in folder.glob(f"{prefix}-*{SUFFIX}"):
        old.unlink(missing_ok=True)


_swept: dict[Path, float] = {}
"""The cache folders this process has swept (`sweep_cache_temps`), and from when a
temporary file it left there (still fresh then) is old enough to go (inf: none was)."""


def sweep_cache_temps(folder: Path) -> None:
    """Remove the cache's temporary files left by killed runs (`quiz.files.sweep_temps`;
    ``.tmp-`` ones are older versions' compiled copies), once per folder and process: on
    its first cache write (a compiled copy or a sidecar). A leftover is a run killed
    before this one started, or one killed since that the next run sweeps; one still too
    fresh to go at the first write (a run killed just before) goes at the first write
    after it is old, not when the app is next started."""
    if time.time() < _swept.get(folder, 0.0):
        return
    from quiz.files import TEMP_PREFIX, sweep_temps

    left = sweep_temps(folder, prefixes=(TEMP_PREFIX, ".tmp-"))
    _swept[folder] = float("inf") if left is None else left


def sidecar_of(facts: Any) -> Path | None:
    """The sidecar of a deck's facts: only facts read from the compiled cache have one."""
    entry = getattr(facts, "entry", None)
    return sidecar_for(entry) if isinstance(entry, Path) else None
