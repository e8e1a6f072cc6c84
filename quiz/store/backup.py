"""Dated copies of the score file, made with SQLite's online backup API, and restoring one.

Backups live in ``<scores>/backups/`` as ``quiz-YYYYMMDDTHHMMSSZ-auto.sqlite3`` (made at
most once per local day by `auto_backup`) or ``…-manual.sqlite3`` (``quiz backup``).
Automatic ones are thinned to the newest of each of the last `KEEP_DAILY` days,
`KEEP_WEEKLY` ISO weeks and `KEEP_MONTHLY` months; manual ones are never removed.

Every copy is written to a ``.partial`` file, checked with ``PRAGMA quick_check``, synced
to disk, then renamed into place, so a crash or a full disk never leaves a half backup
that looks whole, and a damaged score file never pushes good backups out.

Restoring never overwrites: the current file (with its write-ahead log) is first renamed
to ``quiz.sqlite3.before-restore-<time>`` beside it. `set_aside` does the same for a bad
file (``quiz doctor --fresh``).
"""

from __future__ import annotations

import contextlib
import os
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
from quiz.store.errors import StoreAccessError, StoreError, damaged, translate

KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12

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
    """Copy a live SQLite file with the backup API into ``target`` via a checked ``.partial``."""
    partial = target.with_name(target.name + ".partial")
    try:
        schema.check_header(source)
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            schema.existing_version(src, source)
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                # A copy at rest needs no write-ahead log; without one, opening it
                # read-only leaves no -wal/-shm files behind in the backups folder.
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        _check_copy(partial, source)
        _fsync(partial)
        os.replace(partial, target)
        _fsync_dir(target.parent)
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise translate(exc, source) from exc
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise StoreAccessError(f"could not write the backup {target} ({exc.strerror or exc})",
                               target) from exc
    except StoreError:
        partial.unlink(missing_ok=True)
        raise


def _unique(path: Path) -> Path:
    if not path.exists():
        return path
    stem, suffix = path.name.removesuffix(".sqlite3"), ".sqlite3"
    n = 2
    while (path.parent / f"{stem}-{n}{suffix}").exists():
        n += 1
    return path.parent / f"{stem}-{n}{suffix}"


def create_backup(scores: Path, clock: Clock, kind: BackupKind = "manual") -> BackupInfo:
    """Copy the score file in ``scores`` into its backups folder now.

    Raises:
        StoreError: there is no score file yet, it is damaged, or the copy cannot be written.
    """
    source = database_path(scores)
    if not source.exists():
        raise StoreError(f"there is no score file to back up at {source}", source)
    folder = backups_dir(scores)
    try:
        folder.mkdir(parents=True, exist_ok=True)
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


def auto_backup(scores: Path, clock: Clock) -> BackupInfo | None:
    """Back up once per local day and thin old automatic backups; None if not needed.

    Meant to run off the UI thread (it opens its own connections).
    """
    if not database_path(scores).exists():
        return None
    existing = [b for b in list_backups(scores) if b.kind == "auto"]
    today = study_day(clock.now(), clock.zone, 0)
    if existing and study_day(existing[0].created, clock.zone, 0) == today:
        return None
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
        shutil.copyfile(backup.path, partial)
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
