"""The home screen's retention sums kept between counts (`quiz.store.retention`) equal the
sums taken afresh, through random writes: answers in study and cram sessions (appended,
patched from the new rows), answers taken back and re-rated, suspensions, another
connection's answer (each summed again), and the clock moving a few minutes, days, or past
the window, or back. The run must have both patched and summed again, or it tested neither.
"""

from __future__ import annotations

import random
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import launch_golden  # noqa: E402
from launch_golden import study  # noqa: E402,F401 - the fixture

from quiz.clock import FixedClock, to_ms  # noqa: E402
from quiz.store import Store  # noqa: E402
from quiz.store.retention import RETENTION_WINDOW, retention  # noqa: E402
from quiz.study import Study  # noqa: E402

PLAIN = ("SELECT coalesce(sum(rating > 1), 0), count(*), min(reviewed_at) FROM reviews "
         "WHERE deck_id = ? AND reviewed_at >= ? AND mode = 'study' AND undone = 0 "
         "AND state_from = 2")


def test_kept_retention_sums_equal_fresh_ones(study: Study) -> None:
    rng = random.Random(4)
    store, clock = study.store, study.clock
    decks = [d.id for d in study.decks()[:2]]
    keys = {d.id: [(d.id, f, b) for f, b in d.card_keys()][:60] for d in study.decks()[:2]}
    summed = patched = 0

    def check() -> None:
        nonlocal summed, patched
        now = clock.now()
        for deck_id in decks:
            stamp = store._change_stamp()
            sums: list[str] = []

            def read(sql: str, params: Any) -> Any:
                sums.append(sql)
                return store._read(sql, params)
            found = retention(read, store._memos, deck_id, now, stamp,
                              lambda since: store._appended(since, stamp))
            assert found == tuple(store._read(PLAIN, (deck_id, to_ms(now - RETENTION_WINDOW)))[0])
            summed += any("NOT INDEXED" not in s and "sum(" in s for s in sums)
            patched += any("NOT INDEXED" in s for s in sums)

    study_session = store.start_session("study", decks)
    cram = store.start_session("cram", decks)
    recorded: list[int] = []
    check()
    for _ in range(70):
        kind, deck = rng.random(), rng.choice(decks)
        key = rng.choice(keys[deck])
        if kind < 0.55:
            recorded.append(store.record_answer(
                study_session, key, format="recall", prompt="?", duration_ms=2000,
                verdict=rng.choice(["correct", "correct", "close", "wrong"])).review_id)
        elif kind < 0.62:
            store.record_answer(cram, key, format="recall", prompt="?", duration_ms=2000,
                                verdict="correct")
        elif kind < 0.68 and recorded:
            try:
                store.change_rating(recorded[-1], rng.randint(1, 4))
            except Exception:  # noqa: BLE001 - taken back or answered since: nothing changed
                pass
        elif kind < 0.74:
            if store.undo_last_answer(study_session) is not None:
                recorded.pop()
        elif kind < 0.78:
            store.suspend(key, rng.random() < 0.5)
        elif kind < 0.82:
            with Store.open(study.scores_dir, FixedClock(clock.now())) as other:
                session = other.start_session("study", [deck])
                other.record_answer(session, key, format="recall", prompt="?",
                                    duration_ms=2000, verdict="correct")
        else:
            step = rng.choice([timedelta(minutes=9), timedelta(hours=20), timedelta(days=6),
                               timedelta(days=31), -timedelta(days=2)])
            clock.advance(step)  # type: ignore[attr-defined]
        check()
    assert patched > 40 and summed > 10, (patched, summed)
