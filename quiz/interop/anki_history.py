"""Anki's review log (``revlog``) → `ImportedReview` values, each entry's kind handled.

Anki logs, per answer: the card, the button (1 Again … 4 Easy), the time taken, and a
kind — 0 learning, 1 review, 2 relearning, 3 filtered deck, 4 manual, 5 rescheduled.
Kept as answers: learning, review and relearning entries, and filtered-deck entries that
moved the schedule. Filtered-deck entries that did not (Anki logs an ease factor of 0 for
them: cramming without rescheduling) are kept as cram answers, which count in history
but leave the schedule alone. Manual entries are not answers: a "set due date" or a
reschedule is skipped and counted; a "Forget" (a manual entry with ease factor 0)
resets the card, so the answers before it are skipped too, as Anki's own FSRS does.
Anki's old v1 scheduler had three buttons while learning (Again, Good, Easy): those
entries are read as such.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable

from quiz.clock import from_ms
from quiz.interop.model import ImportedReview

__all__ = ["read_revlog"]

LEARNING, REVIEW, RELEARNING, FILTERED, MANUAL, RESCHEDULED = range(6)

SKIP_MANUAL = "manual reschedules in Anki (set due date, reschedule)"
SKIP_RESET = "answers before the card was reset (Forget) in Anki"
SKIP_UNKNOWN = "log entries of an unknown kind"
SKIP_ORPHAN = "answers to cards not imported"


def _sched_version(conn: sqlite3.Connection) -> int:
    """1 for Anki's old scheduler, else 2 (v2 and v3 log answers alike).

    Current collections keep it in the ``config`` table (and have no v1 any more); legacy
    ones in ``col.conf``, where an old collection that never left v1 has no ``schedVer``.
    """
    import json

    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "config" in tables:
            row = conn.execute("SELECT val FROM config WHERE KEY = 'schedVer'").fetchone()
            if row is None:
                return 2
            value = row[0]
            return int(value.decode() if isinstance(value, bytes) else value)
        conf = conn.execute("SELECT conf FROM col").fetchone()
        data = json.loads(conf[0]) if conf and conf[0] else {}
        return int(data.get("schedVer", 1)) if data else 2
    except (sqlite3.DatabaseError, ValueError, TypeError, AttributeError):
        return 2


def _rating(ease: int, kind: int, v1: bool) -> int | None:
    if not 1 <= ease <= 4:
        return None
    if v1 and kind in (LEARNING, RELEARNING) and ease >= 2:
        return min(4, ease + 1)  # v1 learning buttons: Again 1, Good 2, Easy 3
    return ease


def read_revlog(conn: sqlite3.Connection, wanted: Iterable[int],
                skipped: Counter[str]) -> list[ImportedReview]:
    """The answers to the cards in ``wanted``, oldest first; what is left out is counted."""
    cards = set(wanted)
    v1 = _sched_version(conn) == 1
    by_card: dict[int, list[ImportedReview]] = {}
    orphans = 0
    for at, cid, ease, factor, duration, kind in conn.execute(
            "SELECT id, cid, ease, factor, time, type FROM revlog ORDER BY id"):
        if cid not in cards:
            orphans += 1
            continue
        if kind == MANUAL or kind == RESCHEDULED or ease == 0:
            if kind == MANUAL and factor == 0 and ease == 0:
                dropped = len(by_card.pop(cid, []))
                if dropped:
                    skipped[SKIP_RESET] += dropped
            skipped[SKIP_MANUAL] += 1
            continue
        rating = _rating(ease, kind, v1)
        if rating is None or kind not in (LEARNING, REVIEW, RELEARNING, FILTERED):
            skipped[SKIP_UNKNOWN] += 1
            continue
        by_card.setdefault(cid, []).append(ImportedReview(
            card=cid, at=from_ms(int(at)), rating=rating,
            duration_ms=max(0, int(duration or 0)), cram=kind == FILTERED and factor == 0))
    if orphans:
        skipped[SKIP_ORPHAN] += orphans
    reviews = [r for rows in by_card.values() for r in rows]
    reviews.sort(key=lambda r: (r.at, r.card))
    return reviews
