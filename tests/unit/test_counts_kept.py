"""Home's per-deck counts are kept across this store's own writes to other decks, and only
those (`quiz.store.touched`): after every kind of write, every deck's counts equal those of
a store that just opened, and a deck no write touched is not worked out again. A touched
deck's cards are read and sorted again card by card: its queue and sorting equal a fresh
store's too.

On the benchmark's synthetic collection (small), with writes through every path of
`Store`: answers, re-ratings, undo, suspend/bury/forget, sessions, settings, parameters,
a statement run outside a write transaction, and another process's commit.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import launch_golden  # noqa: E402

from quiz.clock import to_ms, today_bounds  # noqa: E402
from quiz.facts import Deck  # noqa: E402
from quiz.scheduler import CardKey, sort_cards  # noqa: E402
from quiz.store import DeckCounts, Store  # noqa: E402
from quiz.study import Study  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def study(tmp_path: Path) -> Iterator[Study]:
    opened = launch_golden.open_synthetic(tmp_path, 200, 2000, 5)
    yield opened
    opened.close()


def _asked(store: Store, decks: list[Deck], now: datetime) -> list[tuple[Any, ...]]:
    queue, asked = store.study_queue(decks, now), []
    while (item := queue.next(now)) is not None:
        asked.append((item.key, item.kind, item.state))
    return asked


def _counts(study: Study) -> dict[str, DeckCounts]:
    """The kept store's counts, checked against a store that just opened, and so is the
    order of each deck's study queue (its cards read and sorted card by card)."""
    decks, now = study.decks(), study.clock.now()
    counts = study.store.deck_counts(decks)
    fresh = Store.open(study.scores_dir, study.clock, readonly=True)
    try:
        assert fresh.deck_counts(decks) == counts
        _, end = today_bounds(now, study.clock.zone, fresh.settings().day_ends_at)
        for deck in decks:
            assert _asked(study.store, [deck], now) == _asked(fresh, [deck], now), deck.id
            read = fresh._read_queue_cards([deck.id], to_ms(end))
            assert study.store._sorted([deck], now, end)[1] == sort_cards([deck], read, now, end)
    finally:
        fresh.close()
    return counts


def _kept(before: dict[str, DeckCounts], after: dict[str, DeckCounts]) -> set[str]:
    """The decks whose counts were kept (the very same object), not worked out again."""
    return {d for d in before if after[d] is before[d]}


def _key(deck: Deck, n: int) -> CardKey:
    return list(deck.facts)[n].card_key(0)


def test_own_writes_keep_the_counts_of_decks_they_did_not_touch(study: Study) -> None:
    store = study.store
    a, b, *_ = study.decks()
    everyone = {d.id for d in study.decks()}
    others = everyone - {a.id}
    counts = _counts(study)

    def step(write: object, kept: set[str]) -> None:
        nonlocal counts
        after = _counts(study)
        assert _kept(counts, after) == kept, write
        counts = after

    session = store.start_session("study", [a.id])
    step("start a session", everyone)
    recorded = store.record_answer(session, _key(a, 0), format="recall", prompt="?",
                                   verdict="wrong", duration_ms=2000)
    step("answer in A", others)
    store.change_rating(recorded.review_id, 4)
    step("re-rate in A", others)
    store.record_answer(session, _key(a, 1), format="recall", prompt="?", verdict="correct",
                        duration_ms=2000)
    store.undo_last_answer(session)
    step("answer and undo in A", others)
    assert store.undo_last_answer(session) is not None and store.undo_last_answer(session) is None
    step("undo in A, then nothing to undo", others)
    stored = store.cards([a.id])
    new = next((a.id, f, b) for f, b in a.card_keys() if (a.id, f, b) not in stored)
    store.record_answer(session, new, format="recall", prompt="?", verdict="correct",
                        duration_ms=2000)
    step("a new card of A answered", others)
    store.finish_session(session)
    step("finish the session", everyone)
    for write in (store.suspend, store.bury, store.forget, store.unbury,
                  lambda key: store.suspend(key, False)):
        write(_key(b, 2))
        step(write, everyone - {b.id})
    store.update_settings(new_per_day=4)
    step("settings", set())
    store.apply_parameters(a.id, None, {"source": "test"}, reschedule=False)
    step("parameters", set())
    # A change no write transaction accounts for touches every deck.
    store._conn.execute("UPDATE cards SET suspended = 1 WHERE deck_id = ? AND fact_id = ?",
                        _key(b, 3)[:2])
    step("a statement outside a write transaction", set())
    store._write(lambda conn: conn.execute(
        "UPDATE cards SET suspended = 0 WHERE deck_id = ? AND fact_id = ?", _key(b, 3)[:2]))
    step("a write that does not say its decks", set())


def test_another_process_writing_is_seen(study: Study) -> None:
    a, b, *_ = study.decks()
    before = _counts(study)
    fact = _key(b, 0)[1]
    script = textwrap.dedent(f"""
        from pathlib import Path
        from quiz.clock import FixedClock, from_ms
        from quiz.store import Store
        with Store.open(Path({str(study.scores_dir)!r}), FixedClock(from_ms({
            int(study.clock.now().timestamp() * 1000)}))) as store:
            for blank in range(3):
                store.suspend(({b.id!r}, {fact!r}, blank))
    """)
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    after = _counts(study)
    assert _kept(before, after) == set()
    assert after[b.id].suspended > before[b.id].suspended
