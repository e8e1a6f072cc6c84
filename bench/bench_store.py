"""Benchmark the score store at scale: next-due queries and one answer's transaction.

Usage::

    .venv/bin/python bench/bench_store.py [--cards 50000] [--reviews 500000] [--dir DIR]

Fills a fresh store (in a temporary folder unless ``--dir``) with ``--cards`` cards over ten
decks and ``--reviews`` review rows, then times, in the same run:

- ``next_due()`` over all cards, and ``study_queue`` / ``deck_counts`` for one deck and
  for all ten;
- ``history`` of one card;
- ``record_answer`` (one ``BEGIN IMMEDIATE`` transaction: card + review row + session);
- a bare ``INSERT`` of one small row in its own ``BEGIN IMMEDIATE`` transaction, into a
  file with the same settings (WAL, ``synchronous=FULL``), as the floor an answer can reach.

Prints median and 95th percentile in milliseconds. Not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from quiz.clock import FixedClock, to_ms
from quiz.facts import Answer, Deck, Fact
from quiz.locations import database_path
from quiz.scheduler import REVIEW, CardState
from quiz.store import Store

NOW = datetime(2026, 6, 1, 18, 0, tzinfo=timezone.utc)
DECKS = 10


def timed(work: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and 95th percentile of ``runs`` calls, in milliseconds."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]


def fill(scores: Path, cards: int, reviews: int) -> list[Deck]:
    """A store with ``cards`` cards and ``reviews`` review rows, written in bulk."""
    rng = random.Random(1)
    per_deck = cards // DECKS
    answer = Answer(text="1778", kind="date", value=None)
    decks = [Deck(id=f"deck{d}", title=f"Deck {d}",
                  facts=tuple(Fact(id=f"f{i}", deck_id=f"deck{d}", answers=(answer,),
                                   question=f"Q{i}?") for i in range(per_deck)))
             for d in range(DECKS)]
    with Store.open(scores, FixedClock(NOW)) as store:
        session = store.start_session("study", [d.id for d in decks])
    conn = sqlite3.connect(database_path(scores), isolation_level=None)
    conn.execute("BEGIN")
    state = json.dumps(CardState(state=REVIEW, stability=10.0, difficulty=5.0, due=NOW,
                                 last_review=NOW, reps=5).to_dict())
    now_ms = to_ms(NOW)
    day = 86_400_000
    conn.executemany(
        "INSERT INTO cards (deck_id, fact_id, blank, state, stability, difficulty, due, "
        "last_review, reps, lapses) VALUES (?, ?, 0, 2, ?, 5.0, ?, ?, ?, 0)",
        ((f"deck{c % DECKS}", f"f{c // DECKS}", rng.uniform(1, 300),
          now_ms + rng.randint(-20, 300) * day, now_ms - rng.randint(1, 60) * day,
          reviews // max(cards, 1)) for c in range(cards)))
    conn.executemany(
        "INSERT INTO reviews (reviewed_at, session_id, mode, deck_id, fact_id, blank, format, "
        "prompt, options, response, chosen, verdict, suggested, rating, duration_ms, retention, "
        "state_from, state_to, before, after) VALUES (?, ?, 'study', ?, ?, 0, ?, ?, ?, ?, ?, "
        "?, 3, 3, ?, 0.9, 2, 2, ?, ?)",
        ((now_ms - (reviews - r) * 60_000, session, f"deck{r % DECKS}",
          f"f{(r // DECKS) % (cards // DECKS)}",
          ("choice", "recall", "truefalse", "cloze")[r % 4],
          "In what year did the U.S. sign the Treaty of Amity and Commerce with France?",
          '["1776", "1778", "1783", "1789"]', "1778", "1", ("correct", "close", "wrong")[r % 3],
          rng.randint(800, 9000), state, state) for r in range(reviews)))
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return decks


def bare_insert_file(folder: Path) -> sqlite3.Connection:
    """A file with the store's settings and one small table, for the floor measurement."""
    conn = sqlite3.connect(folder / "bare.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, at INTEGER, v TEXT)")
    return conn


def main() -> None:
    """Fill, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=50_000)
    parser.add_argument("--reviews", type=int, default=500_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    if args.dir is not None:
        measure(args.dir, args)
        return
    with tempfile.TemporaryDirectory(prefix="quiz-bench-") as folder:
        measure(Path(folder), args)


def measure(folder: Path, args: argparse.Namespace) -> None:
    """Fill a store in ``folder`` and print the timings."""
    start = time.perf_counter()
    decks = fill(folder, args.cards, args.reviews)
    size = database_path(folder).stat().st_size / 1e6
    print(f"filled {args.cards:,} cards and {args.reviews:,} reviews in "
          f"{time.perf_counter() - start:.1f} s; file {size:.0f} MB")

    clock = FixedClock(NOW)
    results: list[tuple[str, tuple[float, float]]] = []
    results.append(("Store.open (up to date)",
                    timed(lambda: Store.open(folder, clock).close(), 20)))
    store = Store.open(folder, clock)
    deck = decks[0]
    one, every = f"1 deck of {len(deck):,}", f"all {len(decks)} decks"
    for name, work, runs in (
        ("next_due() over all cards", store.next_due, args.runs),
        (f"study_queue({one})", lambda: store.study_queue([deck]), 20),
        (f"deck_counts({one})", lambda: store.deck_counts([deck]), 20),
        (f"study_queue({every})", lambda: store.study_queue(decks), 10),
        (f"deck_counts({every})", lambda: store.deck_counts(decks), 10),
        ("history(one card)", lambda: store.history(("deck3", "f17", 0)), args.runs),
    ):
        results.append((name, timed(work, runs)))
    session = store.start_session("study", [deck.id])
    counter = iter(range(10**9))

    def answer() -> None:
        n = next(counter)
        store.record_answer(session, (deck.id, f"f{n % len(deck)}", 0), format="recall",
                            prompt="In what year?", response="1778", verdict="correct",
                            duration_ms=2000)
        clock.advance(timedelta(seconds=1))
    results.append(("record_answer (one transaction)", timed(answer, args.runs)))
    store.close()
    bare = bare_insert_file(folder)

    def insert() -> None:
        bare.execute("BEGIN IMMEDIATE")
        bare.execute("INSERT INTO t (at, v) VALUES (?, ?)", (1, "1778"))
        bare.execute("COMMIT")
    results.append(("bare INSERT, same settings", timed(insert, args.runs)))
    bare.close()

    print(f"{'operation':<36} {'median ms':>10} {'p95 ms':>10}")
    for name, (med, p95) in results:
        print(f"{name:<36} {med:>10.2f} {p95:>10.2f}")


if __name__ == "__main__":
    main()
