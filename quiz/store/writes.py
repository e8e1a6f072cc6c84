"""Statements the store runs inside its write transactions, one small function each."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from quiz.clock import from_ms
from quiz.scheduler import CardKey, CardState, Settings, StoredCard
from quiz.store.errors import StoreError
from quiz.store.queries import CARD_SELECT, card_from_row
from quiz.store.records import REVIEW_COLUMNS, Best, Review, Session


def enter_wal(conn: sqlite3.Connection, busy_timeout_ms: int) -> None:
    """Switch a file to WAL mode, waiting for other copies of quiz that hold it open.

    Changing the journal mode does not go through SQLite's busy handler, so a second copy
    opening a brand-new file at the same moment must wait here instead.
    """
    deadline = time.monotonic() + busy_timeout_ms / 1000
    while True:
        try:
            if str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower() == "wal":
                return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
        if time.monotonic() >= deadline:
            raise sqlite3.OperationalError("database is locked")
        time.sleep(0.01)


@contextmanager
def unsynced(conn: sqlite3.Connection) -> Iterator[None]:
    """Commits made inside go to the log without waiting for the disk (``synchronous =
    NORMAL``; the store's ``FULL`` again after). For a write whose loss in a power cut
    loses nothing a learner did, which the next answer's commit makes durable with it: a
    session's start, on the way to its first question (the wait for the disk was ~8-15 ms
    of a launch). A crash of quiz itself loses nothing either way (the log is written)."""
    conn.execute("PRAGMA synchronous = NORMAL")
    try:
        yield
    finally:
        conn.execute("PRAGMA synchronous = FULL")


def settings_from_rows(rows: Sequence[tuple[Any, ...]]) -> Settings:
    """Settings from ``(key, JSON value)`` rows; a value no longer valid reads as its default."""
    values: dict[str, object] = {}
    for key, raw in rows:
        try:
            value = json.loads(raw)
            Settings.from_dict({key: value})
        except ValueError:
            continue  # a damaged or out-of-range value: its default is the safe reading
        values[key] = value
    return Settings.from_dict(values)


def load_settings(conn: sqlite3.Connection) -> Settings:
    """The settings as they stand inside the current transaction."""
    return settings_from_rows(conn.execute("SELECT key, value FROM settings").fetchall())


def load_card(conn: sqlite3.Connection, key: CardKey) -> StoredCard:
    """One card as it stands inside the current transaction (new when it has no row)."""
    return card_from_row(conn.execute(
        f"SELECT {CARD_SELECT} FROM cards WHERE deck_id = ? AND fact_id = ? AND blank = ?",
        key).fetchone())


def session_mode(conn: sqlite3.Connection, session_id: int, path: Path) -> str:
    """The mode of a session; `StoreError` when there is no such session."""
    row = conn.execute("SELECT mode FROM sessions WHERE id = ?", (session_id,)).fetchone()
    if row is None:
        raise StoreError(f"no session {session_id} in {path}", path)
    return str(row[0])


def load_review(conn: sqlite3.Connection, review_id: int, path: Path) -> Review:
    """One row of the review log; `StoreError` when there is no such answer."""
    row = conn.execute(f"SELECT {REVIEW_COLUMNS} FROM reviews WHERE id = ?",
                       (review_id,)).fetchone()
    if row is None:
        raise StoreError(f"no answer {review_id} in {path}", path)
    return Review.from_row(row)


def save_card(conn: sqlite3.Connection, key: CardKey, state: CardState, suspended: int) -> None:
    """Write a card's state and suspension (its burial is left as it is)."""
    d = state.to_dict()
    conn.execute(
        "INSERT INTO cards (deck_id, fact_id, blank, state, step, stability, difficulty, due, "
        "last_review, reps, lapses, suspended) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT DO UPDATE SET state = excluded.state, step = excluded.step, "
        "stability = excluded.stability, difficulty = excluded.difficulty, due = excluded.due, "
        "last_review = excluded.last_review, reps = excluded.reps, lapses = excluded.lapses, "
        "suspended = excluded.suspended",
        (*key, d["state"], d["step"], d["stability"], d["difficulty"], d["due"],
         d["last_review"], d["reps"], d["lapses"], suspended))


def recount_session(conn: sqlite3.Connection, session_id: int) -> None:
    """Recount a session's answers, streaks and points from its reviews that were not undone."""
    from quiz.scoring import next_streak

    rows = conn.execute(
        "SELECT verdict, points FROM reviews WHERE session_id = ? AND undone = 0 ORDER BY id",
        (session_id,)).fetchall()
    verdicts = [v for v, _ in rows]
    streak = best = 0
    for verdict in verdicts:
        streak = next_streak(streak, verdict)
        best = max(best, streak)
    conn.execute(
        "UPDATE sessions SET answered = ?, correct = ?, close = ?, wrong = ?, streak = ?, "
        "best_streak = ?, points = ? WHERE id = ?",
        (len(verdicts), verdicts.count("correct"), verdicts.count("close"),
         verdicts.count("wrong"), streak, best, sum(p for _, p in rows), session_id))


def raise_best(conn: sqlite3.Connection, session: Session, metric: str, value: float,
                now_ms: int) -> Best | None:
    """Record ``value`` as the best for the session's decks and mode if it beats the old one."""
    row = conn.execute("SELECT value FROM bests WHERE deck_key = ? AND mode = ? AND metric = ?",
                       (session.deck_key, session.mode, metric)).fetchone()
    previous = float(row[0]) if row is not None else None
    if previous is not None and value <= previous:
        return None
    conn.execute("INSERT OR REPLACE INTO bests (deck_key, mode, metric, value, session_id, "
                 "achieved_at) VALUES (?, ?, ?, ?, ?, ?)",
                 (session.deck_key, session.mode, metric, value, session.id, now_ms))
    return Best(session.deck_key, session.mode, metric, value, session.id, from_ms(now_ms),
                previous)
