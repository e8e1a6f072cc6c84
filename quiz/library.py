"""All the decks of a folder, loaded through a compiled cache keyed by each file's hash.

Parsing YAML is the slow part of start-up (even with libyaml), so a deck that loaded
cleanly is compiled (`quiz.compiled`: plain data, never a pickle) under the cache folder,
named by a hash of its path, its bytes, the loader's own code (its files' sizes and
modification times) and the Python version. An unchanged file is then read back without
parsing: the copy's head when the deck opens, its facts read and decoded as they are first
used (`quiz.compiled_file`); the copy also holds the file's stamp
(size, times, inode: `stamp_of`), so one that has not changed since is found without even
reading and hashing it (a file touched without change, as by a checkout, has the stamp in
its copy renewed once its hash is found unchanged); any edit to the file, or to the code
that reads decks, misses the cache. The cache is only ever a copy: a missing, stale, damaged or planted entry is
ignored and rebuilt (reading one can never run code: a cache folder may sit in a synced or
shared scores folder), and failing to write one is not an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import time
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from quiz import compiled, shipped
from quiz.collector import long_lived
from quiz.compiled_relations import remove_sidecars, sweep_cache_temps
from quiz.deck import DECK_SUFFIXES, load_deck, problem_at
from quiz.deck.source import check_size
from quiz.facts import Deck, DeckError, Problem

SUFFIX = ".deck"
"""Compiled decks in the cache folder end so; older caches' ``.pickle`` files are removed
unread."""


def source_digest(seed: bytes, paths: Iterable[Path]) -> str:
    """A short hash of ``seed`` and the source files at ``paths`` (taken in sorted order):
    what a cache made by that code is keyed by.

    Each file counts by its path, size and modification time, as Python tells its own
    compiled bytecode stale: any edit, checkout or upgrade of the code changes them. A
    stat per file is ~0.1 ms for the ~60 files of both caches' keys, where reading them
    cost ~5-10 ms of every launch. By the whole path, two installs whose files share sizes
    and times (builds that set every time to 1) still key apart. A file that cannot be
    stat-ed counts by its path alone.
    """
    digest = hashlib.sha256(seed)
    for path in sorted(paths):
        try:
            info = path.stat()
        except OSError:
            digest.update(os.fsencode(path))
            continue
        digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:16]


@cache
def code_fingerprint() -> str:
    """A hash of the code that turns YAML into decks; a change to it invalidates the cache."""
    root = Path(__file__).resolve().parent
    # marshal's format follows Python's: its cache tag is part of the key.
    return source_digest(sys.implementation.cache_tag.encode(), [
        root / "facts.py", *(root / "deck").glob("*.py"), root / "compiled.py",
        root / "compiled_file.py", root / "compiled_values.py", root / "compiled_index.py",
        root / "sealed.py", root / "questions" / "index.py",
        root / "questions" / "pools.py", *(root / "values").glob("*.py")])


def cache_names(path: Path, data: bytes) -> tuple[str, str]:
    """The prefix every compiled copy of the file at ``path`` starts with, and the name of
    the one for these bytes and this code."""
    where = _prefix(path)
    what = hashlib.sha256(data).hexdigest()[:24]
    return where, f"{where}-{what}-{code_fingerprint()}{SUFFIX}"


def _prefix(path: Path) -> str:
    return hashlib.sha256(os.fsencode(path.resolve())).hexdigest()[:16]


def stamp_of(info: os.stat_result) -> tuple[int, ...]:
    """What a deck file looks like without reading it: size, modification and change times,
    inode and device. Any write to the file changes its change time, which no program sets
    back; a copy from elsewhere has another inode or change time."""
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


SETTLED_NS = 2_000_000_000
"""A compiled copy is found by its file's stamp only when the file was read this long after
it last changed: a file saved again within one tick of a coarse file-system clock (FAT,
SMB: 2 s) after it was read could otherwise keep its stamp with other bytes (git's "racy
clean"). Other copies are found by the hash of their file's bytes."""


def _settled(deck: Deck, stamp: tuple[int, ...]) -> bool:
    """Whether ``deck`` was compiled from the file as it stands: it keeps the file's stamp
    then and when its bytes were read (`load_deck_cached`), which was long enough after
    the file last changed that no later save can have kept the stamp."""
    kept = getattr(deck.facts, "stamp", ())
    return len(kept) == len(stamp) + 1 and kept[:-1] == stamp \
        and kept[-1] - stamp[2] >= SETTLED_NS


def _stamped(cache_dir: Path, prefix: str, where: str,
             reload: Callable[[], Deck]) -> tuple[Path | None, Deck | None]:
    """The compiled copy of this path under this code, if there is exactly one, and its
    deck when it is sound. When that deck was compiled from the file as it stands
    (`_settled`), the file need not be read and hashed (2.9 MB: ~5 ms) to find it."""
    try:
        found = list(cache_dir.glob(f"{prefix}-*-{code_fingerprint()}{SUFFIX}"))
    except OSError:
        return None, None
    if len(found) != 1:
        return None, None
    return found[0], _open_copy(found[0], where, reload)


def _open_copy(entry: Path, where: str, reload: Callable[[], Deck]) -> Deck | None:
    """The deck compiled in ``entry``, its facts read from it as they are used; None when
    it is missing, unreadable, damaged or planted."""
    try:
        return compiled.load_file(entry, where, reload)
    except (OSError, compiled.BadCompiled, MemoryError, RecursionError):
        return None


def load_deck_cached(path: str | os.PathLike[str], cache_dir: Path | None,
                     later: list[Callable[[], None]] | None = None) -> Deck:
    """`quiz.load_deck`, answered from the compiled cache when the file is unchanged.

    ``later``: when given, a deck that had to be parsed is returned at once and the writing
    of its compiled copy is appended here for the caller to run when it has time.

    Raises:
        DeckError: as `load_deck`; broken decks are never cached.
    """
    if cache_dir is None:
        return load_deck(path)
    file = Path(path)
    where = os.fspath(path)

    def reload() -> Deck:
        """The deck parsed, when a copy's chunk of facts proved damaged, or a fact at odds
        with the copy's head (sealed, so planted on purpose): its copies go, so the next
        launch parses it too and compiles it afresh."""
        for old in cache_dir.glob(f"{prefix}-*{SUFFIX}"):
            with contextlib.suppress(OSError):
                old.unlink()
        return load_deck(path)

    try:
        # An oversized file is refused before it is read or hashed, as the loader would.
        info = file.stat()
        check_size(where, info.st_size)
        prefix = _prefix(file)
    except OSError:
        return load_deck(path)  # let the loader say what is wrong with the path
    stamp = stamp_of(info)  # taken before the bytes are read: a later write misses it
    read_at = time.time_ns()
    known, deck = _stamped(cache_dir, prefix, where, reload)
    if deck is not None and known is not None and _settled(deck, stamp):
        deck.facts.entry = known  # type: ignore[attr-defined]
        return deck
    try:
        data = file.read_bytes()
    except OSError:
        return load_deck(path)
    prefix, name = cache_names(file, data)
    entry = cache_dir / name
    if deck is None or known != entry:
        deck = _open_copy(entry, where, reload)  # None: rebuilt below
    stamp = (*stamp, read_at)  # what the file looked like, and when it was read
    if deck is None:  # a bundled deck as shipped needs no parse (its relations come too)
        deck = shipped.load(file, data, where, reload)
        if deck is not None:
            deck.facts.entry = entry  # type: ignore[attr-defined]
            return deck
    if deck is not None:
        deck.facts.entry = entry  # type: ignore[attr-defined]
        if stamp[-1] - stamp[2] >= SETTLED_NS and not _settled(deck, stamp[:-1]):
            # The same bytes under a new stamp (touched, checked out again): keep it, so
            # the next launch finds the copy by the stamp instead of hashing the file.
            deck.facts.stamp = stamp  # type: ignore[attr-defined]
            if later is None:
                _restamp(entry, stamp)
            else:
                later.append(lambda: _restamp(entry, stamp))
        return deck
    deck = load_deck(path)
    if later is None:
        _write_cache(cache_dir, prefix, entry, deck, stamp)
    else:
        later.append(lambda: _write_cache(cache_dir, prefix, entry, deck, stamp))
    return deck


def _write_cache(cache_dir: Path, prefix: str, entry: Path, deck: Deck,
                 stamp: tuple[int, ...]) -> None:
    try:
        data = compiled.dumps(deck, stamp)
    except (TypeError, ValueError):
        return  # a value the compiled form cannot hold: this deck is parsed each time
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for old in [*cache_dir.glob(f"{prefix}-*{SUFFIX}"), *cache_dir.glob("*.pickle")]:
            old.unlink(missing_ok=True)
        remove_sidecars(cache_dir, prefix)
        sweep_cache_temps(cache_dir)
    except OSError:
        return  # a read-only or full disk only costs the next start-up a parse
    _replace(entry, data)


def _restamp(entry: Path, stamp: tuple[int, ...]) -> None:
    """Keep ``stamp`` in the compiled copy ``entry``, unless the copy was removed meanwhile
    (its file changed and another run compiled it again) or is no longer sound."""
    try:
        data = compiled.restamp(entry.read_bytes(), stamp)
    except (OSError, compiled.BadCompiled, MemoryError):
        return
    _replace(entry, data)


def _replace(entry: Path, data: bytes) -> None:
    """Write ``data`` to the cache file ``entry`` at once or not at all, unsynced (the
    cache is only a copy); failing to is not an error (a read-only or full disk only costs
    the next start-up a parse)."""
    from quiz.files import atomic_path

    try:
        with atomic_path(entry, durable=False, through_link=False) as temp:
            temp.write_bytes(data)
    except OSError:
        return


class Library:
    """The decks of one folder: those that loaded, and the problems of those that did not.

    A plain class: a dataclass would compile its methods on the way to a first question."""

    __slots__ = ("folder", "decks", "problems", "broken")

    def __init__(self, folder: Path, decks: list[Deck] | None = None,
                 problems: list[Problem] | None = None, broken: list[Path] | None = None
                 ) -> None:
        self.folder = folder
        self.decks: list[Deck] = decks if decks is not None else []
        self.problems: list[Problem] = problems if problems is not None else []
        self.broken: list[Path] = broken if broken is not None else []

    def __repr__(self) -> str:
        return (f"Library(folder={self.folder!r}, decks={self.decks!r}, "
                f"problems={self.problems!r}, broken={self.broken!r})")

    def deck(self, deck_id: str) -> Deck:
        """The deck with this id; KeyError names the folder when there is none."""
        for deck in self.decks:
            if deck.id == deck_id:
                return deck
        raise KeyError(f"no deck {deck_id!r} in {self.folder}")

    def find(self, name: str) -> Deck | None:
        """A deck by id, file stem or file name, as a learner would type it."""
        for deck in self.decks:
            if name in (deck.id, Path(deck.path).stem, Path(deck.path).name, deck.path):
                return deck
        return None


def load_library(folder: str | os.PathLike[str], cache_dir: Path | None = None,
                 only: str | None = None,
                 later: list[Callable[[], None]] | None = None) -> Library:
    """Load every deck file in ``folder`` (not recursive); broken decks are kept as problems.

    Args:
        folder: the decks folder.
        cache_dir: where compiled decks are cached (no cache when None).
        only: load just the file with this stem or name (``quiz study DECK`` starts on it
            before the other decks are read); an empty library when there is none.
        later: where the writing of compiled copies is put off to (`load_deck_cached`).
    """
    root = Path(folder)
    library = Library(root)
    if not root.is_dir():
        library.problems.append(problem_at(os.fspath(root), "no such folder of decks"))
        return library
    files = sorted(p for p in root.iterdir() if p.suffix in DECK_SUFFIXES and p.is_file()
                   and only in (None, p.stem, p.name))
    seen: dict[str, Deck] = {}
    with long_lived():  # the decks stay as long as the app (`quiz.collector`)
        for file in files:
            try:
                deck = load_deck_cached(file, cache_dir, later)
            except DeckError as exc:
                library.problems.extend(exc.problems)
                library.broken.append(file)
                continue
            if deck.id in seen:
                library.problems.append(problem_at(
                    deck.path, f"deck id `{deck.id}` is also the id of {seen[deck.id].path}; "
                               "give one of them another `id:` (progress is kept by deck id)"))
                library.broken.append(file)
                continue
            seen[deck.id] = deck
            library.decks.append(deck)
    return library
