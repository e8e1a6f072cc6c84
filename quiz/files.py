"""Writing files whole or not at all: UTF-8 text to a temporary name, synced, then renamed.

Every file quiz writes for the learner (decks from ``quiz new`` and ``quiz extract``,
exports, imports) goes through `atomic_text` or `write_text_atomic`. The text is written
to a hidden temporary file in the same folder, flushed and synced, and only then renamed
over the target, so a crash, a kill, a full disk or an encoding error never leaves a half
file where the learner expects a whole one: they find either the old file or the new one.
The scores folder's ``cache/`` (compiled decks and their relations, only ever copies) is
written the same way by `atomic_path` with ``durable=False``: renamed into place whole but
not synced, so a cache write never waits for the disk.

The temporary file is created with the same permissions a plain ``open(path, "w")`` would
give (the process umask applies), or those of the file it replaces, or ``mode`` when given
(``0o600`` for private files).
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

TEMP_PREFIX = ".quiz-tmp-"
"""Temporary files start with this, so a leftover from a killed process is recognisable."""
STALE_TEMP_SECONDS = 600
"""A temporary file older than this is a leftover of a killed process (`sweep_temps`),
never another copy of quiz's write in progress (those take well under a second)."""

_pending: set[Path] = set()
"""Temporary files being written now; removed at a normal exit (`_remove_pending`)."""
_pending_lock = threading.Lock()
_exiting = False
_at_exit = False


class UnreadableText(Exception):
    """A file that cannot be read as UTF-8 text; the message names the file and the reason."""


def read_utf8(path: Path, *, wanted: str, max_bytes: int | None = None) -> str:
    """The text of a UTF-8 file (a byte-order mark dropped).

    Args:
        path: the file.
        wanted: what the command reads, for the messages ("a text, Markdown or HTML document").
        max_bytes: refuse a larger file without reading it.

    Raises:
        UnreadableText: missing, a folder, too large, unreadable, not UTF-8, or binary.
    """
    try:
        if path.is_dir():
            raise UnreadableText(f"{path}: is a folder; name {wanted}")
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise UnreadableText(f"{path}: is {size >> 20} MB; quiz reads text files up to "
                                 f"{max_bytes >> 20} MB")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableText(f"{path}: no such file") from None
    except OSError as exc:
        raise UnreadableText(f"{path}: cannot be read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableText(f"{path}: is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset "
                             f"{exc.start}); save it as UTF-8") from None
    if "\x00" in text:
        raise UnreadableText(f"{path}: contains NUL characters; is it a binary file? quiz "
                             f"reads {wanted}")
    return text


def sync_folder(folder: str | os.PathLike[str]) -> None:
    """Flush a folder's entries (a rename in it) to disk, where the platform allows it."""
    with contextlib.suppress(OSError):  # not every platform or file system can sync a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def sweep_temps(folder: Path, older_than: float = STALE_TEMP_SECONDS,
                prefixes: tuple[str, ...] = (TEMP_PREFIX,)) -> float | None:
    """Remove ``folder``'s temporary files (names starting with one of ``prefixes``) older
    than ``older_than`` seconds: writes cut short by a kill (SIGKILL, a power cut). A fresh
    one may be another copy of quiz writing now, and is left alone: returns when the
    first one left would be old enough to go (None: none was left)."""
    limit = time.time() - older_than
    left: float | None = None
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name.startswith(prefixes):
                with contextlib.suppress(OSError):
                    changed = entry.stat(follow_symlinks=False).st_mtime
                    if changed < limit:
                        os.unlink(entry.path)
                    elif left is None or changed < left:
                        left = changed
    return None if left is None else left + older_than


def track_temp(temp: Path) -> bool:
    """Note ``temp`` as being written, so that a normal exit removes it if the writer (a
    daemon thread, which the exit does not wait for) has not put it in place yet. False
    once the process is exiting: create no temporary file then."""
    global _at_exit
    with _pending_lock:
        if _exiting:
            return False
        if not _at_exit:
            import atexit  # registered on the first write, not at import

            atexit.register(_remove_pending)
            _at_exit = True
        _pending.add(temp)
        return True


def untrack_temp(temp: Path) -> None:
    """``temp`` was put in place or removed by its writer."""
    with _pending_lock:
        _pending.discard(temp)


def _remove_pending() -> None:
    """At exit: remove the temporary files background writers left half written (their
    rename then fails, which they take as a write not made); nothing waits for them."""
    global _exiting
    with _pending_lock:
        _exiting = True
        for temp in _pending:
            with contextlib.suppress(OSError):
                temp.unlink()
        _pending.clear()


def _create_temp(target: Path, mode: int | None) -> tuple[Path, int]:
    """A new temporary file beside ``target``, opened for writing: its path and descriptor."""
    if mode is None:
        with contextlib.suppress(OSError):
            mode = target.stat().st_mode & 0o777  # replacing a file keeps its permissions
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        temp = target.with_name(f"{TEMP_PREFIX}{target.name}.{secrets.token_hex(4)}")
        try:
            # 0o666 lets the umask decide, as open(path, "w") does; an explicit mode starts
            # private and is set exactly (the umask would otherwise narrow it).
            fd = os.open(temp, flags, 0o666 if mode is None else 0o600)
        except FileExistsError:
            continue
        if mode is not None:
            with contextlib.suppress(OSError):  # a file system without permissions
                os.fchmod(fd, mode)
        return temp, fd
    raise FileExistsError(f"could not create a temporary file beside {target}")  # pragma: no cover


@contextlib.contextmanager
def atomic_text(path: str | os.PathLike[str], *, exclusive: bool = False, mode: int | None = None,
                newline: str | None = None) -> Iterator[IO[str]]:
    """A UTF-8 text handle whose content replaces ``path`` only when the block ends cleanly.

    Args:
        path: the file to write.
        exclusive: refuse to replace an existing file (`FileExistsError`), even one that
            appears while writing.
        mode: permission bits for the new file (for example ``0o600``); default: those of
            the file replaced, else the usual ones for a new file.
        newline: as for `open` (``""`` for CSV).

    Raises:
        OSError: the folder cannot be written, the disk is full…; nothing is left behind.
        FileExistsError: ``exclusive`` and the file exists.
    """
    target = Path(path)
    if target.is_symlink():
        target = target.resolve()  # write the file it points to, keeping the link
    if exclusive and target.exists():
        raise FileExistsError(17, "File exists", str(target))
    temp, fd = _create_temp(target, mode)
    try:
        with open(fd, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if exclusive:
            # A hard link fails if the name exists, so not even a race can overwrite.
            try:
                os.link(temp, target)
            except FileExistsError:
                raise
            except OSError:  # a file system without hard links: best effort
                if target.exists():
                    raise FileExistsError(17, "File exists", str(target)) from None
                os.replace(temp, target)
            else:
                temp.unlink()
        else:
            os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    sync_folder(target.parent)


def write_text_atomic(path: str | os.PathLike[str], text: str, *, exclusive: bool = False,
                      mode: int | None = None, newline: str | None = None) -> None:
    """Write ``text`` as UTF-8 to ``path`` in one step: the whole new file or the old one.

    See `atomic_text` for the arguments and errors.
    """
    with atomic_text(path, exclusive=exclusive, mode=mode, newline=newline) as handle:
        handle.write(text)


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str], *, durable: bool = True,
                through_link: bool = True) -> Iterator[Path]:
    """A temporary path beside ``path`` that replaces it when the block ends cleanly.

    For writers that need a file name rather than a handle (genanki's ``.apkg``, a deck
    loaded back by the loader before it goes into place, the cache's copies); as
    `atomic_text` otherwise: on an error nothing is left behind and ``path`` is as it was.
    The temporary file is tracked (`track_temp`), so a write on a daemon thread cut short
    by a normal exit leaves nothing either; while the process exits, nothing is written
    (`OSError`).

    Args:
        path: the file to write.
        durable: sync the file and its folder to disk before and after the rename. False
            for a mere copy (the ``cache/`` folder): a power cut may then lose the new
            file or leave it empty, which its reader takes as a copy to make again, and no
            write waits for the disk.
        through_link: when ``path`` is a symbolic link, write the file it points to (a
            learner's linked file). False for the cache, which may sit in a synced or
            shared folder: a link planted there is replaced, so it can never make quiz
            overwrite some other file of the learner's.
    """
    target = Path(path)
    if through_link and target.is_symlink():
        target = target.resolve()
    temp, fd = _create_temp(target, None)
    os.close(fd)
    placed = False
    try:
        if not track_temp(temp):  # the process is exiting: a background write is not made
            raise OSError(f"not written: quiz is exiting ({target})")
        yield temp
        if durable:
            with open(temp, "rb") as handle:
                os.fsync(handle.fileno())
        os.replace(temp, target)
        placed = True
    finally:
        untrack_temp(temp)
        if not placed:  # an error, Ctrl+C or a generator closed early: leave nothing
            with contextlib.suppress(OSError):
                temp.unlink()
    if durable:
        sync_folder(target.parent)


@contextlib.contextmanager
def data_stdout() -> Iterator[IO[str]]:
    """Standard output for a file's content (``quiz export > log.csv``, ``quiz extract``).

    Into a pipe or a redirect it takes the exact text as UTF-8 whatever the locale, since
    a file is being made; on a terminal it is ``sys.stdout`` as it is (which the ``quiz``
    command makes show control characters escaped).
    """
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None or sys.stdout.isatty():
        yield sys.stdout
        return
    sys.stdout.flush()
    out = io.TextIOWrapper(buffer, encoding="utf-8", newline="", write_through=True)
    try:
        yield out
        out.flush()
    finally:
        out.detach()  # stdout's own buffer stays open for whatever is printed next
