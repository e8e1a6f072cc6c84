"""The learner's score store: one SQLite file in the scores folder.

`Store` (in `quiz.store.db`) opens, migrates and writes it; `quiz.store.queries` answers
the screens' questions, keeping what it may between calls in `quiz.store.memos`;
`quiz.store.schema` holds the schema and its migrations;
`quiz.store.rebuild` replays the review log; `quiz.store.backup` keeps dated copies;
`quiz.store.flags` sets a card's flags; `quiz.store.touched` knows which decks writes touched.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quiz.store.db import BEST_MIN_ANSWERS, Store
    from quiz.store.errors import (
        CorruptStoreError, DiskFullError, ForeignFileError, NewerStoreError, StoreAccessError,
        StoreBusyError, StoreError,
    )
    from quiz.store.records import (
        Best, DeckCounts, RebuildReport, Recorded, Review, Session, SessionSummary,
    )
    from quiz.store.schema import LATEST as SCHEMA_VERSION

# Loaded on first use, so that `from quiz.store.errors import StoreError` (all the UI thread
# needs, to catch it) does not bring the store, the scheduler and fsrs along.
_WHERE = {
    "BEST_MIN_ANSWERS": "db", "Store": "db",
    "CorruptStoreError": "errors", "DiskFullError": "errors", "ForeignFileError": "errors",
    "NewerStoreError": "errors", "StoreAccessError": "errors", "StoreBusyError": "errors",
    "StoreError": "errors",
    "Best": "records", "DeckCounts": "records", "RebuildReport": "records",
    "Recorded": "records", "Review": "records", "Session": "records",
    "SessionSummary": "records",
}


def __getattr__(name: str) -> Any:
    if name == "SCHEMA_VERSION":
        return import_module("quiz.store.schema").LATEST
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module 'quiz.store' has no attribute {name!r}")
    return getattr(import_module(f"quiz.store.{where}"), name)

__all__ = [
    "BEST_MIN_ANSWERS", "Best", "CorruptStoreError", "DeckCounts", "DiskFullError",
    "ForeignFileError", "NewerStoreError", "RebuildReport", "Recorded", "Review",
    "SCHEMA_VERSION", "Session", "SessionSummary", "Store", "StoreAccessError",
    "StoreBusyError", "StoreError",
]
