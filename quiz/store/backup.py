"""Dated copies of the score file, made with SQLite's online backup API, and restoring one.

Backups live in ``<scores>/backups/`` as ``quiz-YYYYMMDDTHHMMSSZ-auto.sqlite3`` (made at
most once per local day by `auto_backup`) or ``…-manual.sqlite3`` (``quiz backup``).
Automatic ones are thinned to the newest of each of the last `KEEP_DAILY` days,
`KEEP_WEEKLY` ISO weeks and `KEEP_MONTHLY` months; manual ones are never removed.

Every copy is written to a ``.partial`` file, checked with ``PRAGMA quick_check``, synced
to disk, then renamed into place, so a crash or a full disk never leaves a half backup
that looks whole, and a damaged score file never pushes good backups out. A ``.partial``
left by a killed backup is removed at the next start (`clean_partials`). Copies are
private (0600, in a 0700 folder), like the score file. The live score file is read only
through SQLite, never with ``open()``, so making a backup cannot drop the locks another
connection of this process holds (see `quiz.store.files`).

Restoring never overwrites: the current file (with its write-ahead log) is first renamed
to ``quiz.sqlite3.before-restore-<time>`` beside it. `set_aside` does the same for a bad
file (``quiz doctor --fresh``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
import re
import shutil
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

from quiz.clock import Clock, study_day
from quiz.locations import database_path
from quiz.store import schema
from quiz.store.db import BUSY_TIMEOUT_MS
from quiz.store.errors import (
    DiskFullError, StoreAccessError, StoreError, damaged, translate,
)
from quiz.store.files import connect, create_private, examine, refused

KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12

STALE_PARTIAL_S = 3600
"""A ``.partial`` copy untouched for this long was left by a backup that was killed."""

BackupKind = Literal["auto", "manual"]
_NAME = re.compile(r"^quiz-(\d{8}T\d{6})Z-(auto|manual)(?:-(\d+))?\.sqlite3$")
_SIDECARS = ("-wal", "-shm")


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup file."""

    path: Path
    created: datetime
    kind: BackupKind
    size: int

    @property
    def name(self) -> str:
        """The file name, which is how the learner names it to ``quiz restore``."""
        return self.path.name


def backups_dir(scores: Path) -> Path:
    """Where backups of the score file in ``scores`` are kept."""
    return scores / "backups"


def list_backups(scores: Path) -> list[BackupInfo]:
    """The backups in ``scores``, newest first (files with other names are ignored)."""
    folder = backups_dir(scores)
    if not folder.is_dir():
        return []
    found: list[BackupInfo] = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match is None or not path.is_file():
            continue
        created = datetime.strptime(match.group(1), "%Y%m%dT%H%M%S").replace(tzinfo=timezone.utc)
        kind: BackupKind = "auto" if match.group(2) == "auto" else "manual"
        found.append(BackupInfo(path, created, kind, path.stat().st_size))
    return sorted(found, key=lambda b: (b.created, b.name), reverse=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can sync a directory
        _fsync(path)


def _check_copy(path: Path, source: Path) -> None:
    """Refuse a copy that is not a sound quiz score file of a version this quiz reads."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        schema.existing_version(conn, source)
        problems = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall() if r[0] != "ok"]
    finally:
        conn.close()
    if problems:
        raise damaged(source, problems[0])


def _copy_database(source: Path, target: Path) -> None:
    """Copy a live SQLite file with the backup API into ``target`` via a checked ``.partial``.

    The live file is only ever opened by SQLite (see `quiz.store.files`): its header is
    checked by SQLite itself, through a read-only connection.
    """
    partial = target.with_name(target.name + ".partial")
    src: sqlite3.Connection | None = None
    try:
        src = connect(source, readonly=True, timeout_ms=BUSY_TIMEOUT_MS, shared=False)
        schema.existing_version(src, source)
    except sqlite3.Error as exc:
        if src is not None:
            src.close()
        raise (examine(source, exc) if refused(exc) else translate(exc, source, "the backup")) from exc
    except StoreError:
        src.close()  # type: ignore[union-attr]
        raise
    try:
        try:
            create_private(partial)
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                # A copy at rest needs no write-ahead log; without one, opening it
                # read-only leaves no -wal/-shm files behind in the backups folder.
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        except sqlite3.Error as exc:
            partial.unlink(missing_ok=True)
            raise _backup_error(exc, source, target) from exc
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise _write_error(exc, target) from exc
    finally:
        src.close()
    try:
        _check_copy(partial, source)
        _fsync(partial)
        os.replace(partial, target)
        _fsync_dir(target.parent)
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise translate(exc, partial, "the backup") from exc
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise _write_error(exc, target) from exc
    except StoreError:
        partial.unlink(missing_ok=True)
        raise


def _backup_error(exc: sqlite3.Error, source: Path, target: Path) -> StoreError:
    """What went wrong while copying: the copy could not be written, or the source read."""
    text = str(exc).lower()
    if "full" in text:
        return DiskFullError(f"the disk holding {target.parent} is full: the backup was not "
                             f"made (the score file is untouched); free some space and try again",
                             target)
    if "readonly" in text or "read-only" in text or "unable to open" in text or "disk i/o" in text:
        return StoreAccessError(f"could not write the backup {target} ({exc}); the score file "
                                "is untouched", target)
    return translate(exc, source, "the backup")


def _write_error(exc: OSError, target: Path) -> StoreError:
    if exc.errno == errno.ENOSPC:
        return DiskFullError(f"the disk holding {target.parent} is full: the backup was not "
                             "made (the score file is untouched); free some space and try again",
                             target)
    return StoreAccessError(f"could not write the backup {target} ({exc.strerror or exc}); the "
                            "score file is untouched", target)


def _unique(path: Path) -> Path:
    if not path.exists():
        return path
    stem, suffix = path.name.removesuffix(".sqlite3"), ".sqlite3"
    n = 2
    while (path.parent / f"{stem}-{n}{suffix}").exists():
        n += 1
    return path.parent / f"{stem}-{n}{suffix}"


def clean_partials(scores: Path) -> list[Path]:
    """Remove the unfinished copies a killed backup or restore left behind; returns them.

    Only files untouched for `STALE_PARTIAL_S` go, so a backup another copy of quiz is
    making right now is left alone.
    """
    removed: list[Path] = []
    now = time.time()
    candidates = [p for p in database_path(scores).parent.glob("*.restoring")]
    folder = backups_dir(scores)
    if folder.is_dir():
        candidates += folder.glob("*.partial")
    for path in candidates:
        try:
            if now - path.stat().st_mtime >= STALE_PARTIAL_S:
                path.unlink()
                removed.append(path)
        except OSError:
            continue  # gone already, or not ours to remove: the next start tries again
    return removed


def create_backup(scores: Path, clock: Clock, kind: BackupKind = "manual") -> BackupInfo:
    """Copy the score file in ``scores`` into its backups folder now.

    Raises:
        StoreError: there is no score file yet, it is damaged, or the copy cannot be written.
    """
    source = database_path(scores)
    if not source.exists():
        raise StoreError(f"there is no score file to back up at {source}", source)
    clean_partials(scores)
    folder = backups_dir(scores)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreAccessError(f"cannot create {folder} ({exc.strerror or exc})", folder) from exc
    stamp = clock.now().strftime("%Y%m%dT%H%M%S")
    target = _unique(folder / f"quiz-{stamp}Z-{kind}.sqlite3")
    _copy_database(source, target)
    return next(b for b in list_backups(scores) if b.path == target)


def to_thin(backups: Iterable[BackupInfo]) -> list[BackupInfo]:
    """The automatic backups to remove: all but the newest per recent day, week and month."""
    autos = sorted((b for b in backups if b.kind == "auto"), key=lambda b: b.created, reverse=True)
    keep: set[Path] = set()
    for bucket, limit in ((lambda d: d.date(), KEEP_DAILY),
                          (lambda d: d.isocalendar()[:2], KEEP_WEEKLY),
                          (lambda d: (d.year, d.month), KEEP_MONTHLY)):
        seen: list[object] = []
        for backup in autos:
            slot = bucket(backup.created)
            if slot not in seen:
                if len(seen) >= limit:
                    break
                seen.append(slot)
                keep.add(backup.path)
    return [b for b in autos if b.path not in keep]


def _holds_nothing(source: Path) -> bool:
    """Whether the score file holds nothing a backup could give back: every table but
    ``sessions`` is empty (a new learner's file, whose sessions have no answer yet).
    Any trouble reading it says no, and the backup that follows says what is wrong."""
    try:
        conn = connect(source, readonly=True, timeout_ms=BUSY_TIMEOUT_MS, shared=False)
    except sqlite3.Error:
        return False
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'sessions'").fetchall()]
        return bool(tables) and not any(
            conn.execute(f'SELECT EXISTS (SELECT 1 FROM "{t}")').fetchone()[0] for t in tables)
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def auto_backup(scores: Path, clock: Clock) -> BackupInfo | None:
    """Back up once per local day and thin old automatic backups; None if not needed,
    as on a score file that holds nothing yet but unanswered sessions (a new learner's
    first launch: the copy would cost the first question's exit for nothing).

    Meant to run off the UI thread (it opens its own connections).
    """
    if not database_path(scores).exists():
        return None
    clean_partials(scores)
    existing = [b for b in list_backups(scores) if b.kind == "auto"]
    today = study_day(clock.now(), clock.zone, 0)
    if existing and study_day(existing[0].created, clock.zone, 0) == today:
        return None
    if _holds_nothing(database_path(scores)):
        return None  # a new learner's file: the first answer's day backs it up
    made = create_backup(scores, clock, "auto")
    for old in to_thin(list_backups(scores)):
        with contextlib.suppress(FileNotFoundError):
            old.path.unlink()
    return made


def set_aside(scores: Path, clock: Clock, reason: str) -> Path | None:
    """Rename the score file (and its log) to ``quiz.sqlite3.<reason>-<time>``; never deletes.

    Returns the new name, or None when there was no file.
    """
    source = database_path(scores)
    if not source.exists():
        return None
    stamp = clock.now().strftime("%Y%m%dT%H%M%SZ")
    target = source.with_name(f"{source.name}.{reason}-{stamp}")
    n = 2
    while target.exists() or any(target.with_name(target.name + s).exists() for s in _SIDECARS):
        target = source.with_name(f"{source.name}.{reason}-{stamp}-{n}")
        n += 1
    try:
        for sidecar in _SIDECARS:
            side = source.with_name(source.name + sidecar)
            if side.exists():
                os.rename(side, target.with_name(target.name + sidecar))
        os.rename(source, target)
    except OSError as exc:
        raise StoreAccessError(f"could not move {source} aside ({exc.strerror or exc})",
                               source) from exc
    _fsync_dir(scores)
    return target


def find_backup(scores: Path, name: str) -> BackupInfo:
    """A backup by list number (1 = newest), file name or path.

    Raises:
        StoreError: no such backup.
    """
    backups = list_backups(scores)
    if name.isdigit() and 1 <= int(name) <= len(backups):
        return backups[int(name) - 1]
    for backup in backups:
        if name in (backup.name, str(backup.path)):
            return backup
    path = Path(name)
    if path.is_file():
        return BackupInfo(path, datetime.fromtimestamp(path.stat().st_mtime, timezone.utc),
                          "manual", path.stat().st_size)
    raise StoreError(f"no backup named {name!r}; `quiz restore` lists them", None)


def restore(scores: Path, backup: BackupInfo, clock: Clock) -> Path | None:
    """Make ``backup`` the score file, keeping the current one aside; returns where it went.

    The backup is checked before anything moves; a damaged one is refused.

    Raises:
        StoreError: the backup is damaged, foreign, too new, or cannot be copied.
    """
    target = database_path(scores)
    try:
        schema.check_header(backup.path)
        _check_copy(backup.path, backup.path)
    except sqlite3.Error as exc:
        raise translate(exc, backup.path) from exc
    kept = set_aside(scores, clock, "before-restore")
    partial = target.with_name(target.name + ".restoring")
    try:
        partial.unlink(missing_ok=True)
        create_private(partial)
        with backup.path.open("rb") as src, partial.open("r+b") as dst:
            shutil.copyfileobj(src, dst)
        _fsync(partial)
        if target.exists():  # another copy of quiz made a new file meanwhile: keep both
            raise StoreError(f"{target} appeared while restoring; the backup is in {partial}",
                             target)
        os.replace(partial, target)
        _fsync_dir(scores)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise StoreAccessError(f"could not restore {backup.path} to {target} "
                               f"({exc.strerror or exc}); the old file is kept at {kept}",
                               target) from exc
    return kept
