"""Benchmark the history screen over a large review log.

Usage::

    .venv/bin/python bench/bench_history.py [--reviews 1000000] [--cards 50000] [--dir DIR]

Fills a fresh store (in a temporary folder unless ``--dir`` names one already filled by an
earlier run) with ``--reviews`` answers over the last year — 40-answer sessions in study,
cram and exam mode, about one in 200 taken back — on ``--cards`` cards over ten decks, then
measures, in the same run:

- each figure of `quiz.stats` on its own, and `quiz.stats.overview` (all of them);
- the history screen in a headless app at 80×24: from pushing `HistoryScreen` until the
  sessions are on screen (the screen *shows*), and until every tab is filled.

Prints medians (and the first, cold, run of the screen) in milliseconds. Not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from quiz import stats
from quiz.clock import FixedClock, to_ms
from quiz.locations import database_path
from quiz.store import Store

NOW = datetime(2026, 6, 1, 18, 0, tzinfo=timezone.utc)
DECKS = 10
DAY = 86_400_000
FORMATS = ("choice", "recall", "truefalse", "cloze", "match", "order")
PROMPT = "In what year did the U.S. sign the Treaty of Amity and Commerce with France?"


def fill(folder: Path, reviews: int, cards: int, seed: int = 1) -> None:
    """A store of ``reviews`` answers over the year before `NOW`, written in bulk."""
    rng = random.Random(seed)
    Store.open(folder, FixedClock(NOW)).close()  # the current schema, indexes included
    conn = sqlite3.connect(database_path(folder), isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    start, end = to_ms(NOW) - 365 * DAY, to_ms(NOW)
    per_session = 40
    sessions = max(1, reviews // per_session)
    state: dict[tuple[str, str], list[float]] = {}  # card → [last review ms, stability, lapses]
    batch: list[tuple[object, ...]] = []
    insert = ("INSERT INTO reviews (reviewed_at, session_id, mode, deck_id, fact_id, blank, "
              "format, prompt, options, response, chosen, verdict, suggested, rating, "
              "duration_ms, retention, state_from, state_to, before, after, undone, points) "
              "VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0.9, ?, 2, ?, ?, ?, ?)")
    for s in range(sessions):
        mode = rng.choices(("study", "cram", "exam"), (85, 10, 5))[0]
        deck = f"deck{rng.randrange(DECKS)}"
        began = start + s * (end - start) // sessions
        counts = {"correct": 0, "close": 0, "wrong": 0}
        points = 0
        session_id = s + 1
        for k in range(per_session):
            at = began + k * 20_000
            fact = f"f{rng.randrange(cards // DECKS):06d}"
            known = state.get((deck, fact))
            state_from = 2 if known else 0
            verdict = rng.choices(("correct", "close", "wrong"), (80, 7, 13))[0]
            rating = {"correct": 3, "close": 2, "wrong": 1}[verdict]
            before = {"state": state_from, "step": None,
                      "stability": known[1] if known else None, "difficulty": 5.0,
                      "due": None, "last_review": int(known[0]) if known else None,
                      "reps": 3, "lapses": int(known[2]) if known else 0}
            format_ = rng.choice(FORMATS)
            undone = int(rng.random() < 0.005)
            if mode == "study" and not undone:
                stability = (known[1] if known else 1.0) * (0.4 if rating == 1 else 2.2)
                lapses = (known[2] if known else 0) + (1 if known and rating == 1 else 0)
                state[(deck, fact)] = [at, min(stability, 3650.0), lapses]
            gained = {"correct": 4, "close": 2, "wrong": 0}[verdict]
            batch.append((
                at, session_id, mode, deck, fact, format_, PROMPT,
                '["1776", "1778", "1783", "1789"]' if format_ == "choice" else None,
                None if format_ == "choice" else "1778",
                str(rng.randrange(4)) if format_ == "choice" else None, verdict, rating, rating,
                rng.randint(800, 9000), state_from, json.dumps(before), json.dumps(before),
                undone, gained))
            if not undone:
                counts[verdict] += 1
                points += gained
        answered = sum(counts.values())
        conn.execute(
            "INSERT INTO sessions (id, mode, decks, started_at, ended_at, answered, correct, "
            "close, wrong, best_streak, score, points) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 5, ?, ?)",
            (session_id, mode, json.dumps([deck]), began, began + per_session * 20_000, answered,
             counts["correct"], counts["close"], counts["wrong"],
             round(100 * (counts["correct"] + counts["close"] / 2) / max(1, answered), 1), points))
        if len(batch) >= 50_000:
            conn.executemany(insert, batch)
            batch.clear()
    conn.executemany(insert, batch)
    conn.executemany(
        "INSERT INTO cards (deck_id, fact_id, blank, state, stability, difficulty, due, "
        "last_review, reps, lapses) VALUES (?, ?, 0, 2, ?, 5.0, ?, ?, 5, ?)",
        ((d, f, s, int(last + max(1.0, s) * DAY), int(last), int(lapses))
         for (d, f), (last, s, lapses) in state.items()))
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def timed(work: Callable[[], object], runs: int) -> float:
    """Median of ``runs`` calls, in milliseconds."""
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples)


async def screen_times(decks: Path, scores: Path) -> tuple[float, float]:
    """Milliseconds from pushing the history screen to sessions shown, and to all figures."""
    from textual.app import App

    from quiz.study import Study
    from quiz.tui.screens.history import HistoryScreen

    marks: dict[str, float] = {}
    study = Study.open(decks, scores, FixedClock(NOW))
    screen = HistoryScreen(study, asyncio.to_thread)
    show_sessions, show = screen._show_sessions, screen._show

    # The worker calls these through the instance, so wrapping them times what is drawn.
    def sessions_shown(rows: list[stats.SessionRow]) -> None:
        show_sessions(rows)
        marks.setdefault("sessions", time.perf_counter())

    done = asyncio.Event()

    def all_shown(found: stats.Overview) -> None:
        show(found)
        marks["all"] = time.perf_counter()
        done.set()

    screen._show_sessions = sessions_shown  # type: ignore[method-assign]
    screen._show = all_shown  # type: ignore[method-assign]
    app: App[None] = App()
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            began = time.perf_counter()
            await app.push_screen(screen)
            await done.wait()  # the event loop idles meanwhile, as it would for a learner
            await pilot.pause()
    finally:
        study.close()
    return (marks["sessions"] - began) * 1000, (marks["all"] - began) * 1000


def main() -> None:
    """Fill, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--cards", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=None,
                        help="a scores folder to fill (or to reuse, when it holds a store)")
    args = parser.parse_args()
    if args.dir is not None:
        measure(args.dir, args)
        return
    with tempfile.TemporaryDirectory(prefix="quiz-bench-") as folder:
        measure(Path(folder), args)


def measure(folder: Path, args: argparse.Namespace) -> None:
    """Fill the store in ``folder`` (unless it is there already) and print the timings."""
    if not database_path(folder).exists():
        began = time.perf_counter()
        fill(folder, args.reviews, args.cards)
        print(f"filled {args.reviews:,} reviews on {args.cards:,} cards in "
              f"{time.perf_counter() - began:.0f} s; file "
              f"{database_path(folder).stat().st_size / 1e6:.0f} MB")
    decks = folder / "decks"
    decks.mkdir(exist_ok=True)
    cold_shown, cold_all = asyncio.run(screen_times(decks, folder))
    store = Store.open(folder, FixedClock(NOW))
    days = stats.Days(timezone.utc, 4)
    print(f"{'figure':<32} {'median ms':>10}")
    for name, work in (
            ("sessions (newest 200)", lambda: stats.sessions(store, limit=stats.SESSION_LIMIT)),
            ("calendar and streaks", lambda: stats.calendar(store, NOW, days)),
            ("progress (26 weeks, per deck)", lambda: stats.progress(store, NOW, days)),
            ("retention and calibration", lambda: stats.retention(store)),
            ("forecast (30 days)", lambda: stats.forecast(store, NOW, days)),
            ("bests", lambda: stats.bests(store)),
            ("hardest facts", lambda: stats.hardest(store)),
            ("confused pairs", lambda: stats.confusions(store)),
            ("overview (every figure)", lambda: stats.overview(store, NOW, days)),
            ("overview, one deck", lambda: stats.overview(store, NOW, days, deck="deck3"))):
        print(f"{name:<32} {timed(work, args.runs):>10.1f}")
    store.close()
    runs = [asyncio.run(screen_times(decks, folder)) for _ in range(args.runs)]
    shown = statistics.median(r[0] for r in runs)
    filled = statistics.median(r[1] for r in runs)
    print(f"{'history screen: sessions shown':<32} {shown:>10.1f}   (first run {cold_shown:.1f})")
    print(f"{'history screen: every tab filled':<32} {filled:>10.1f}   (first run {cold_all:.1f})")


if __name__ == "__main__":
    main()
