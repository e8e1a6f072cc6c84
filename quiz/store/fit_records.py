"""Where the learner's FSRS parameters came from, kept in the ``settings`` table.

Key ``fits`` holds, for each scope (``""`` for every deck, or a deck id), the record of the
parameters last applied or reset there: when (``applied_at``, epoch ms), from how many
answers, how the defaults and the fit scored on held-back answers, whether due dates were
moved (``rescheduled``), and, when they were kept, ``kept_due_at``: a card not answered
since then may keep a due date the older parameters gave it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import Any

__all__ = ["FITS_KEY", "fit_records", "kept_due_at"]

FITS_KEY = "fits"
"""The ``settings`` key of the records."""


def fit_records(conn: sqlite3.Connection) -> dict[str, dict[str, Any]]:
    """Scope → what the learner's parameters for it came from (empty when never fitted)."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (FITS_KEY,)).fetchone()
    if row is None:
        return {}
    try:
        found = json.loads(row[0])
    except ValueError:
        return {}
    return {str(k): v for k, v in found.items() if isinstance(v, dict)} \
        if isinstance(found, dict) else {}


def kept_due_at(records: Mapping[str, Mapping[str, Any]], deck_id: str) -> int | None:
    """Until when (epoch ms) a card of ``deck_id`` may keep a due date from older parameters."""
    times = [r.get("kept_due_at") for r in (records.get(""), records.get(deck_id)) if r]
    found = [t for t in times if isinstance(t, int)]
    return max(found) if found else None
