"""Invariants of the store under any sequence of answers, re-ratings, undos and settings."""

from __future__ import annotations

import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.clock import FixedClock
from quiz.scheduler import Rating
from quiz.store import Store

KEYS = [("d", "a", 0), ("d", "b", 0), ("d", "b", 1), ("e", "c", 0)]

answer_op = st.tuples(st.just("answer"), st.sampled_from(KEYS),
                      st.sampled_from(["correct", "close", "wrong"]),
                      st.sampled_from(["choice", "recall", "cloze"]), st.integers(100, 20_000))
operation = st.one_of(
    answer_op,
    st.tuples(st.just("rate"), st.sampled_from(list(Rating))),
    st.tuples(st.just("undo")),
    st.tuples(st.just("wait"), st.sampled_from([1, 10, 60, 600, 1440, 10_000, 60_000])),
    st.tuples(st.just("retention"), st.sampled_from([0.8, 0.9, 0.95])),
    st.tuples(st.just("mode"), st.sampled_from(["study", "cram", "exam"])),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(operation, min_size=1, max_size=40))
def test_the_log_always_rebuilds_the_stored_states(ops: list[tuple]) -> None:
    clock = FixedClock(datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc))
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder), clock) as store:
        session = store.start_session("study", ["d", "e"])
        last: int | None = None
        for op in ops:
            if op[0] == "answer":
                last = store.record_answer(session, op[1], verdict=op[2], format=op[3],
                                           prompt="p", duration_ms=op[4]).review_id
            elif op[0] == "rate" and last is not None:
                store.change_rating(last, op[1])
            elif op[0] == "undo":
                store.undo_last_answer(session)
                last = None
            elif op[0] == "wait":
                clock.advance(timedelta(minutes=op[1]))
            elif op[0] == "retention":
                store.update_settings(desired_retention=op[1])
            elif op[0] == "mode":
                session = store.start_session(op[1], ["d", "e"])
                last = None
        assert store.rebuild().ok
        for key in KEYS:
            scheduled = [r for r in store.history(key) if r.mode == "study" and not r.undone]
            assert store.card(key).state.reps == len(scheduled)
        for s in store.sessions():
            assert s.answered == len([r for r in store.session_reviews(s.id) if not r.undone])
