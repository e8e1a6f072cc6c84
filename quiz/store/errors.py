"""Errors of the score store: each says in one line what is wrong, where, and what to do."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from quiz.errors import (
    WAY_OUT, CorruptStoreError, DiskFullError, ForeignFileError, NewerStoreError,
    StoreAccessError, StoreBusyError, StoreError,
)

__all__ = ["WAY_OUT", "CorruptStoreError", "DiskFullError", "ForeignFileError",
           "NewerStoreError", "StoreAccessError", "StoreBusyError", "StoreError", "damaged",
           "foreign", "translate"]


def damaged(path: Path, detail: str) -> CorruptStoreError:
    """The error for a damaged score file, with the way out."""
    return CorruptStoreError(f"the score file {path} is damaged ({detail}); {WAY_OUT}", path)


def foreign(path: Path, detail: str) -> ForeignFileError:
    """The error for a file that is not a quiz score file, with the way out."""
    return ForeignFileError(f"{path} is not a quiz score file ({detail}); {WAY_OUT}", path)


def translate(exc: sqlite3.Error, path: Path, what: str = "the last change") -> StoreError:
    """The `StoreError` for an sqlite3 error raised while using the file at ``path``.

    Args:
        exc: what SQLite raised.
        path: the file it was working on.
        what: what was lost when the disk is full ("the last answer", "the backup"), so
            the message names what really failed.
    """
    text = str(exc)
    lowered = text.lower()
    if "disk is full" in lowered or "database or disk is full" in lowered:
        return DiskFullError(f"the disk holding {path} is full: {what} was not saved; "
                             "free some space and try again", path)
    if "locked" in lowered or "busy" in lowered:
        return StoreBusyError(f"the score file {path} is busy (another copy of quiz is "
                              "writing to it); try again in a moment", path)
    if "not a database" in lowered or "malformed" in lowered or "corrupt" in lowered:
        return damaged(path, text)
    if "readonly" in lowered or "read-only" in lowered or "unable to open" in lowered:
        return StoreAccessError(f"cannot write the score file {path} ({text}); check that "
                                "its folder exists and is writable", path)
    if "disk i/o" in lowered:
        return StoreAccessError(f"the disk could not read or write {path} ({text})", path)
    return StoreError(f"the score file {path} could not be used ({text})", path)
