"""The study app's speed as a learner feels it: launch to the first question on screen, and a
key press to the next question drawn. Not a test: nothing here passes or fails.

    .venv/bin/python bench/bench_tui.py [--facts 50000] [--reviews 500000] [--runs 5]
                                        [--keys 200] [--dir DIR] [--json]

Set-up (once, in a temporary folder unless ``--dir``): a synthetic deck of ``--facts`` facts
(`bench/synth.py`) and a score store holding a card for every one of them and ``--reviews``
review rows, written in bulk (one transaction, the store's own schema).

Launch: a fresh Python process runs ``quiz study bench`` headless (`QuizApp(...).run(
headless=True)`) and exits as soon as the first question has been drawn; the baseline, in
the same run, alternating with it, is a fresh process running a bare Textual app that draws
one line and exits. Wall time from spawning the process to its exit; the first run of each
warms the disk cache and the compiled deck cache and is not counted.

Keys: in one headless app on the same store, ``--keys`` questions are answered with the
keys a learner would press; for each, the time from the key event to the frame that shows
the feedback, and from Enter to the frame that shows the next question ("drawn" is when
Textual hands the frame to the terminal driver, including turning it into escape codes).
Median and 99th percentile.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))

from common import child_env, time_keys, watch_frames  # noqa: E402

NOW = datetime(2026, 6, 1, 18, 0, tzinfo=timezone.utc)
DECK_ID = "bench"
READY = "QUESTION-DRAWN"


# -- the data ---------------------------------------------------------------------------


def prepare(folder: Path, facts: int, reviews: int) -> tuple[Path, Path]:
    """The decks folder and scores folder of the benchmark, made once and reused."""
    from synth import write_deck

    decks = folder / "decks"
    scores = folder / "scores"
    marker = folder / f"made-{facts}-{reviews}"
    if marker.exists():
        return decks, scores
    write_deck(decks / f"{DECK_ID}.yaml", facts)
    fill_store(decks, scores, reviews)
    marker.touch()
    return decks, scores


def fill_store(decks: Path, scores: Path, reviews: int) -> None:
    """A card for every card of the deck (a tenth due now) and ``reviews`` review rows."""
    from quiz.clock import FixedClock, to_ms
    from quiz.deck import load_deck
    from quiz.locations import database_path
    from quiz.scheduler import REVIEW, CardState
    from quiz.store import Store

    deck = load_deck(decks / f"{DECK_ID}.yaml")
    keys = [(deck.id, fact.id, blank) for fact in deck.facts for blank in range(fact.blank_count)]
    with Store.open(scores, FixedClock(NOW)) as store:
        session = store.start_session("study", [deck.id])
    rng = random.Random(1)
    now_ms = to_ms(NOW)
    day = 86_400_000
    state = json.dumps(CardState(state=REVIEW, stability=10.0, difficulty=5.0, due=NOW,
                                 last_review=NOW, reps=5).to_dict())
    conn = sqlite3.connect(database_path(scores), isolation_level=None)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO cards (deck_id, fact_id, blank, state, stability, difficulty, due, "
        "last_review, reps, lapses) VALUES (?, ?, ?, 2, ?, 5.0, ?, ?, ?, 0)",
        ((d, f, b, rng.uniform(1, 300),
          now_ms + (rng.randint(-20, -1) if n % 10 == 0 else rng.randint(1, 300)) * day,
          now_ms - rng.randint(2, 60) * day, max(1, reviews // max(len(keys), 1)))
         for n, (d, f, b) in enumerate(keys)))
    step = max(1, 730 * day // max(reviews, 1))  # two years of history, ending yesterday
    conn.executemany(
        "INSERT INTO reviews (reviewed_at, session_id, mode, deck_id, fact_id, blank, format, "
        "prompt, options, response, chosen, verdict, suggested, rating, duration_ms, retention, "
        "state_from, state_to, before, after) VALUES (?, ?, 'study', ?, ?, ?, ?, ?, NULL, ?, "
        "NULL, ?, 3, 3, ?, 0.9, 2, 2, ?, ?)",
        ((now_ms - day - (reviews - r) * step, session, *keys[r % len(keys)],
          ("choice", "recall", "truefalse", "cloze")[r % 4], "A synthetic question?", "1778",
          ("correct", "close", "wrong")[r % 3], rng.randint(800, 9000), state, state)
         for r in range(reviews)))
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


# -- "drawn" ----------------------------------------------------------------------------


# -- launch -----------------------------------------------------------------------------


def child_quiz(decks: str, scores: str) -> None:
    """Run the app on the benchmark deck; exit once the first question is drawn."""
    from quiz.clock import FixedClock
    from quiz.tui import QuizApp

    app = QuizApp(Path(decks), Path(scores), clock=FixedClock(NOW), deck=DECK_ID, seed=1)

    def frame() -> None:
        screen = app.screen
        if type(screen).__name__ == "StudyScreen" and getattr(screen, "phase", "") == "asking":
            app.exit()

    watch_frames(app, frame)
    app.run(headless=True, size=(100, 30))
    print(READY, flush=True)


def child_bare() -> None:
    """A bare Textual app that draws one line, then exits."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("In what year did the U.S. sign the Treaty of Amity and Commerce?")

    app = Bare()
    watch_frames(app, app.exit)
    app.run(headless=True, size=(100, 30))
    print(READY, flush=True)


CHILD_TIMEOUT = 300
"""Seconds a launch may take before the benchmark gives up on it (a bound, not a target)."""


def spawn(args: list[str]) -> float:
    """Seconds from spawning ``python bench_tui.py ARGS`` to its exit."""
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                              check=False, env=child_env(),
                              timeout=CHILD_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(f"child {args} drew no question within {CHILD_TIMEOUT} s "
                           "(is anything due in its store?)") from exc
    elapsed = time.perf_counter() - start
    if done.returncode != 0 or READY not in done.stdout:
        raise RuntimeError(f"child {args} failed:\n{done.stdout}\n{done.stderr}")
    return elapsed


def launch(decks: Path, scores: Path, runs: int) -> dict[str, float]:
    """Median launch times (ms) of the app and the bare app, alternated."""
    quiz_args = ["--child-quiz", str(decks), str(scores)]
    spawn(quiz_args)  # warm: compiled deck cache, disk cache
    spawn(["--child-bare"])
    app_times, bare_times = [], []
    for _ in range(runs):
        bare_times.append(spawn(["--child-bare"]) * 1000)
        app_times.append(spawn(quiz_args) * 1000)
    app_ms, bare_ms = statistics.median(app_times), statistics.median(bare_times)
    return {"launch_app_ms": app_ms, "launch_bare_ms": bare_ms, "launch_ratio": app_ms / bare_ms}


# -- keys -------------------------------------------------------------------------------


def percentile(samples: list[float], share: float) -> float:
    """The ``share`` percentile (nearest rank) of ``samples``."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


async def keys(decks: Path, scores: Path, count: int, mode: str,
               profile: Path | None = None) -> dict[str, float]:
    """Key → feedback and Enter → next question, each from the key press to its frame."""
    from quiz.clock import FixedClock
    from quiz.tui import QuizApp

    app = QuizApp(decks, scores, clock=FixedClock(NOW), deck=DECK_ID, seed=1, mode=mode)
    timed = await time_keys(app, count, profile)
    answer_ms, next_ms = timed["answer_ms"], timed["next_ms"]
    if not next_ms:
        raise RuntimeError("no question was asked (is anything due in the store?)")
    return {"answer_median_ms": statistics.median(answer_ms),
            "answer_p99_ms": percentile(answer_ms, 0.99),
            "next_median_ms": statistics.median(next_ms),
            "next_p99_ms": percentile(next_ms, 0.99),
            "keys": len(next_ms)}


# -- main -------------------------------------------------------------------------------


def main() -> None:
    """Parse the options, prepare the data, measure, print."""
    if len(sys.argv) > 1 and sys.argv[1] == "--child-quiz":
        child_quiz(sys.argv[2], sys.argv[3])
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--child-bare":
        child_bare()
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--facts", type=int, default=50_000)
    parser.add_argument("--reviews", type=int, default=500_000)
    parser.add_argument("--runs", type=int, default=5, help="launches of each app")
    parser.add_argument("--keys", type=int, default=200, help="questions answered")
    parser.add_argument("--mode", default="cram", choices=["study", "cram"],
                        help="session mode for the key timings (cram never runs out of cards)")
    parser.add_argument("--dir", type=Path, help="keep the data here (reused when present)")
    parser.add_argument("--profile", type=Path, help="write a cProfile of the Enter timings here")
    parser.add_argument("--skip-launch", action="store_true", help="only the key timings")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    holder = None
    if args.dir is None:
        holder = tempfile.TemporaryDirectory(prefix="quiz-bench-tui-")
        folder = Path(holder.name)
    else:
        folder = args.dir
        folder.mkdir(parents=True, exist_ok=True)
    try:
        start = time.perf_counter()
        decks, scores = prepare(folder, args.facts, args.reviews)
        setup_s = time.perf_counter() - start
        results: dict[str, float] = {"facts": args.facts, "reviews": args.reviews,
                                     "setup_s": setup_s}
        if not args.skip_launch:
            results.update(launch(decks, scores, args.runs))
        results.update(asyncio.run(keys(decks, scores, args.keys, args.mode, args.profile)))
    finally:
        if holder is not None:
            holder.cleanup()
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{args.facts:,} facts, {args.reviews:,} reviews (set-up {setup_s:.1f} s)")
    if "launch_app_ms" in results:
        print(f"launch to first question: {results['launch_app_ms']:.0f} ms; bare Textual app "
              f"{results['launch_bare_ms']:.0f} ms; ratio {results['launch_ratio']:.2f} "
              f"(target <= 1.5)")
    print(f"answer key to feedback drawn: median {results['answer_median_ms']:.1f} ms, "
          f"p99 {results['answer_p99_ms']:.1f} ms")
    print(f"Enter to next question drawn: median {results['next_median_ms']:.1f} ms "
          f"(target <= 16), p99 {results['next_p99_ms']:.1f} ms (target <= 50) "
          f"over {int(results['keys'])} questions")


if __name__ == "__main__":
    main()
