"""The learner's score store: one SQLite file in the scores folder.

`Store` (in `quiz.store.db`) opens, migrates and writes it; `quiz.store.queries` answers
the screens' questions; `quiz.store.schema` holds the schema and its migrations;
`quiz.store.rebuild` replays the review log; `quiz.store.backup` keeps dated copies.
"""

from __future__ import annotations

from quiz.store.db import BEST_MIN_ANSWERS, Store
from quiz.store.errors import (
    CorruptStoreError, DiskFullError, ForeignFileError, NewerStoreError, StoreAccessError,
    StoreBusyError, StoreError,
)
from quiz.store.records import (
    Best, DeckCounts, RebuildReport, Recorded, Review, Session, SessionSummary,
)
from quiz.store.schema import LATEST as SCHEMA_VERSION

__all__ = [
    "BEST_MIN_ANSWERS", "Best", "CorruptStoreError", "DeckCounts", "DiskFullError",
    "ForeignFileError", "NewerStoreError", "RebuildReport", "Recorded", "Review",
    "SCHEMA_VERSION", "Session", "SessionSummary", "Store", "StoreAccessError",
    "StoreBusyError", "StoreError",
]
