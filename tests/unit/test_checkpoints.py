"""The write-ahead log is copied into the score file off the answer path (`quiz.store.checkpoints`)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from quiz.clock import FixedClock
from quiz.store import Store
from quiz.store.checkpoints import EVERY

START = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)
SQLITE_OWN = 1000
"""Pages in the log at which SQLite checkpoints inside the committing write (its default)."""


def _wait(store: Store) -> None:
    running = store._checkpoints._running
    if running is not None:
        running.join()


def test_answers_never_take_the_log_to_sqlites_own_checkpoint(tmp_path: Path) -> None:
    """SQLite's own checkpoint runs inside the answer whose commit takes the log past 1,000
    pages (150-190 ms with the disk busy); every `EVERY` writes a checkpoint of ours on a
    thread of its own copies the log first, so the log restarts and never gets there."""
    clock = FixedClock(START)
    store = Store.open(tmp_path / "scores", clock)
    session = store.start_session("study", ["d"])
    wal = store.path.with_name(store.path.name + "-wal")
    statements: list[str] = []
    store._conn.set_trace_callback(statements.append)
    largest = 0
    try:
        for i in range(200):
            store.record_answer(session, ("d", f"f{i}", 0), format="choice", prompt="Q?",
                                verdict="correct", duration_ms=2500)
            clock.advance(timedelta(seconds=5))
            _wait(store)
            largest = max(largest, wal.stat().st_size)
        page = store.read("PRAGMA page_size")[0][0]
        assert largest < SQLITE_OWN * page // 2
        assert not any("checkpoint" in s.lower() for s in statements)  # not on the answer path
        assert store._checkpoints.last is not None and store._checkpoints.last[2] > 0
    finally:
        store.close()
    assert not wal.exists()  # the last connection closed copies the rest and removes the log


def test_a_sessions_end_asks_for_a_checkpoint_without_waiting(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "scores", FixedClock(START))
    session = store.start_session("study", ["d"])
    try:
        for i in range(3):  # fewer than EVERY: no checkpoint yet
            store.record_answer(session, ("d", f"f{i}", 0), format="choice", prompt="Q?",
                                verdict="correct", duration_ms=2500)
        assert 3 < EVERY and store._checkpoints.last is None
        thread = store.checkpoint()
        assert thread is not None
        thread.join()
        busy, log, copied = store._checkpoints.last  # type: ignore[misc]
        assert busy == 0 and copied == log > 0
    finally:
        store.close()


def test_closing_waits_for_a_checkpoint_under_way_and_closes_its_connection(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "scores", FixedClock(START))
    session = store.start_session("study", ["d"])
    store.record_answer(session, ("d", "f0", 0), format="choice", prompt="Q?",
                        verdict="correct", duration_ms=2500)
    thread = store.checkpoint()
    store.close()
    assert thread is not None and not thread.is_alive()
    assert store._checkpoints._conn is None
    assert store.checkpoint() is None  # closed: no more
