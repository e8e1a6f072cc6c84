"""Benchmark the score store at scale: next-due queries and one answer's transaction.

Usage::

    .venv/bin/python bench/bench_store.py [--facts 50000] [--reviews 500000] [--runs 200] [--json]

Works on a scratch copy of the benchmark collection (`bench/make_collection.py`: five decks,
a year of history; built once and cached under ``bench/out/``) and times, in the same run:

- ``Store.open`` of the up-to-date file;
- ``next_due()`` over all cards, and ``study_queue`` / ``deck_counts`` for the largest deck
  and for every deck (what a session and the home screen ask first);
- ``history`` of one card;
- ``record_answer`` (one ``BEGIN IMMEDIATE`` transaction: card + review row + session, plus
  the rating suggestion read before it: all an answer costs the store);
- the baseline: a bare ``INSERT`` of one small row in its own ``BEGIN IMMEDIATE``
  transaction, into a file with the same settings (WAL, ``synchronous=FULL``), the floor an
  answer's transaction can reach on this disk.

Prints median and 99th percentile in milliseconds. Not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import OUT, median_p99, scratch_copy, timed  # noqa: E402
from make_collection import FULL_FACTS, FULL_REVIEWS, NOW, ensure  # noqa: E402

from quiz.clock import FixedClock  # noqa: E402
from quiz.library import load_library  # noqa: E402
from quiz.locations import cache_dir  # noqa: E402
from quiz.store import Store  # noqa: E402


def bare_insert_file(folder: Path) -> sqlite3.Connection:
    """A file with the store's settings and one small table, for the floor measurement."""
    path = folder / "bare.sqlite3"
    for stale in folder.glob("bare.sqlite3*"):
        stale.unlink()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, at INTEGER, v TEXT)")
    return conn


def measure(decks_dir: Path, scores: Path, runs: int, answers: int = 0) -> dict[str, Any]:
    """Time the store on ``scores`` (which it writes to: pass a copy); name → (median, p99) ms.

    With ``answers``, also ``overview()`` of a `Study` over every deck (its first call, then
    the median and p99 of ``runs // 10`` more, each after an answer in the largest deck, and
    as many with the scores unchanged, when the counts are kept) and ``answers``: each of that many
    consecutive answers' times, in ms.
    """
    results: dict[str, Any] = {}
    if answers:
        from quiz.study import Study

        study = Study.open(decks_dir, scores, FixedClock(NOW))
        try:
            start = time.perf_counter()
            study.overview()
            results["overview() first call, fresh Study"] = (
                (time.perf_counter() - start) * 1000, 0.0)
            # Home after a session: an answer (not timed) in the largest deck before each
            # call, so that deck's counts are worked out again (the other decks' are kept:
            # no write touched them). With the scores unchanged (home's periodic look for
            # edited deck files) every deck's are kept: that figure is in the note.
            largest = max(study.library.decks, key=lambda d: d.card_count)
            cards = [f.card_key(b) for f in list(largest.facts)[:500]
                     for b in range(f.blank_count)]
            session = study.store.start_session("study", [largest.id])
            answered = iter(range(10**9))

            def after_answer() -> float:
                n = next(answered)
                study.store.record_answer(session, cards[n % len(cards)], format="recall",
                                          prompt="In what year?", response="1778",
                                          verdict="correct", duration_ms=2000)
                begin = time.perf_counter()
                study.overview()
                return (time.perf_counter() - begin) * 1000

            results["overview() every deck, after an answer"] = median_p99(
                [after_answer() for _ in range(max(5, runs // 10))])
            results["overview() every deck, scores unchanged"] = median_p99(
                timed(study.overview, max(5, runs // 10)))
        finally:
            study.close()
    decks = load_library(decks_dir, cache_dir(scores)).decks
    decks.sort(key=lambda d: -len(d.facts))
    deck = decks[0]
    clock = FixedClock(NOW)
    results["Store.open (up to date)"] = median_p99(
        timed(lambda: Store.open(scores, clock).close(), min(runs, 50)))
    store = Store.open(scores, clock)
    one, every = f"{len(deck.facts):,}-fact deck", f"all {len(decks)} decks"
    for name, work, count in (
        ("next_due() over all cards", store.next_due, runs),
        (f"study_queue({one})", lambda: store.study_queue([deck]), max(5, runs // 10)),
        # Repeated on unchanged scores: the counts are kept (`Queries.deck_counts`), so this
        # is the look-up; worked out again, they are `overview()`'s "after an answer".
        (f"deck_counts({one}), kept", lambda: store.deck_counts([deck]), max(5, runs // 10)),
        (f"study_queue({every})", lambda: store.study_queue(decks), max(5, runs // 20)),
        (f"deck_counts({every}), kept", lambda: store.deck_counts(decks), max(5, runs // 20)),
        ("history(one card)", lambda: store.history(deck.facts[17 % len(deck.facts)].card_key(0)),
         runs),
    ):
        results[name] = median_p99(timed(work, count))
    session = store.start_session("study", [deck.id])
    keys = [f.card_key(b) for f in deck.facts for b in range(f.blank_count)]
    counter = iter(range(10**9))

    def answer() -> None:
        n = next(counter)
        store.record_answer(session, keys[n % len(keys)], format="recall",
                            prompt="In what year?", response="1778",
                            verdict=("correct", "close", "wrong")[n % 3], duration_ms=2000)
        clock.advance(timedelta(seconds=5))
    answer()  # first write pays for opening the log; not what a learner waits for each time
    results["record_answer (one answer's transaction)"] = median_p99(timed(answer, runs))
    if answers:
        results["answers"] = timed(answer, answers)
    store.close()
    bare = bare_insert_file(scores)

    def insert() -> None:
        bare.execute("BEGIN IMMEDIATE")
        bare.execute("INSERT INTO t (at, v) VALUES (?, ?)", (1, "1778"))
        bare.execute("COMMIT")
    insert()
    results["bare INSERT, same settings (baseline)"] = median_p99(timed(insert, runs))
    bare.close()
    return results


def run(facts: int, reviews: int, runs: int, seed: int = 1) -> dict[str, tuple[float, float]]:
    """Build or reuse the collection, copy its scores, measure."""
    collection = ensure(facts, reviews, seed)
    scratch = scratch_copy(collection.scores_dir, OUT / "scratch-store")
    try:
        return measure(collection.decks_dir, scratch, runs)
    finally:
        import shutil

        shutil.rmtree(scratch, ignore_errors=True)


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=FULL_FACTS)
    parser.add_argument("--reviews", type=int, default=FULL_REVIEWS)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = run(args.facts, args.reviews, args.runs)
    if args.json:
        print(json.dumps({k: {"median_ms": m, "p99_ms": p} for k, (m, p) in results.items()},
                         indent=2))
        return
    print(f"{args.facts:,} facts, {args.reviews:,} reviews")
    print(f"{'operation':<44} {'median ms':>10} {'p99 ms':>10}")
    for name, (med, p99) in results.items():
        print(f"{name:<44} {med:>10.2f} {p99:>10.2f}")


if __name__ == "__main__":
    main()
