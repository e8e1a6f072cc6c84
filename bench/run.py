"""Run every benchmark and print one table: figure, median, p99, baseline, ratio, target, met.

    .venv/bin/python bench/run.py [--quick] [--json]

Full run (about ten minutes on 2 cores once the collections and the Anki twin are cached
under ``bench/out/``; building them the first time adds a few minutes): the collection of
50,000 facts and 500,000 reviews (`bench/make_collection.py`) and its Anki twin
(`bench/bench_anki.py`, with the optional `anki` package: ``pip install -e '.[bench]'``),
10,000-fact deck loads, `make_question` at 50,000 facts, and the history screen at
1,000,000 reviews. ``--quick`` runs the same figures at smaller sizes, named in each row.

Every figure is shown next to a baseline measured in the same run where one makes sense
(a bare Textual app, Anki's engine on the twin, PyYAML's C loader, a bare SQLite insert),
so a busy machine slows both sides. A figure that cannot be measured is listed as MISSING
with the reason, never filled in, and the exit status is then 1. Targets are those of
DESIGN.md ("Targets") and issue 17. Child processes run with ``.pyc`` files, as an
installed user's do (`common.child_env`, `common.compile_bytecode`).

How the app's figures are taken (in fresh processes, on a scratch copy of the scores):

- launch: wall time from spawning ``python bench/run.py --child app …`` (the app studying
  the collection's largest deck, headless, 100×30) to the first frame that shows a
  question (the child stamps it with the wall clock, then exits); baseline: the same for a
  bare Textual app that draws one line. Spawn to exit is in the note: it also holds each
  interpreter's teardown, which is not launch (the bare app's collects all of Textual's
  objects; quiz's froze them). A first launch of each warms the disk cache and is not
  counted; then they alternate. The same on the bundled decks with a new, empty scores
  folder each time.
  A frame counts as drawn when Textual hands it to the driver, and the child also turns it
  into escape codes (headless drivers skip that), in both apps alike.
- memory: the peak resident set (VmHWM) of those same app processes at the first question;
  baseline: the bare app's.
- domain: ``bench/first_card.py`` in fresh processes, quiz's engine and Anki's alternating;
  then quiz's with its deck alone in the folder, and over twice the reviews.
- keys: one headless app (``App.run_test``) answers questions with the keys a learner
  presses (``tests/tui/helpers.keys_for``); from each key to the frame that shows its
  effect: answer key → feedback, Enter → next question.
- history: `HistoryScreen` pushed on a fresh `Study` over a collection with 1,000,000
  reviews; from the push to the frame showing the sessions table, and until the screen's
  worker has summed every tab. (`bench/bench_history.py` breaks the figures down one by
  one on its own store; run it alone.)

`bench/bench_tui.py` measures launch and keys on its own one-deck store; run.py takes those
figures itself (above) so that launch, memory and keys share the collection and one set
of processes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import NOW, OUT, ROOT, Figure, child_env, compile_bytecode, machine  # noqa: E402
from common import median_p99, missing, paired_ratio, peak_rss_mb, scratch_copy  # noqa: E402
from common import spawn_first_card  # noqa: E402
from common import table, time_keys, watch_frames  # noqa: E402

READY = "BENCH-CHILD-RESULT "
T = TypeVar("T")
CHILD_TIMEOUT_S = 120


@dataclass(frozen=True)
class Sizes:
    """How big and how many: the full run or ``--quick``."""

    facts: int
    reviews: int
    history_reviews: int
    launches: int
    """Rounds of the launch figures (the bare app, the app, the app on a new store): a
    multiple of 6, so that every order of the three comes as often (`_rotated`)."""
    pairs: int
    """Pairs of the domain figures (quiz vs Anki, and the two that must not grow): even,
    so that each side runs first as often."""
    keys: int
    load_facts: int
    load_repeat: int
    grade_repeat: int
    question_facts: int
    questions: int
    store_runs: int
    answers: int


FULL = Sizes(facts=50_000, reviews=500_000, history_reviews=1_000_000, launches=12, pairs=16,
             keys=150,
             load_facts=10_000, load_repeat=7, grade_repeat=2000, question_facts=50_000,
             questions=3000, store_runs=200, answers=2000)
QUICK = Sizes(facts=5_000, reviews=50_000, history_reviews=100_000, launches=6, pairs=10,
              keys=40,
              load_facts=10_000, load_repeat=5, grade_repeat=200, question_facts=10_000,
              questions=600, store_runs=50, answers=2000)


# -- child processes --------------------------------------------------------------------


def _report(result: dict[str, Any]) -> None:
    print(READY + json.dumps(result), flush=True)


def child_app(decks: str, scores: str, deck: str) -> None:
    """The app on the collection; exits on the first frame that shows a question."""
    from quiz.clock import FixedClock
    from quiz.tui import QuizApp

    app = QuizApp(Path(decks), Path(scores), clock=FixedClock(NOW), deck=deck, seed=1)
    seen: dict[str, Any] = {"reached": False, "screens": []}

    def frame() -> None:
        screen = app.screen
        name = type(screen).__name__
        if not seen["screens"] or seen["screens"][-1] != name:
            seen["screens"].append(name)
        if name == "StudyScreen" and getattr(screen, "phase", "") == "asking" \
                and not seen["reached"]:
            seen["reached"] = True
            seen["frame_at"] = time.time()
            seen["peak_rss_mb"] = peak_rss_mb()
            app.exit()

    async def pilot(_: Any) -> None:
        watch_frames(app, frame)
        app.set_timer(CHILD_TIMEOUT_S / 2, app.exit)  # never reached a question: give up

    app.run(headless=True, size=(100, 30), auto_pilot=pilot)
    _report(seen)
    from first_card import finish_background

    finish_background()


def child_bare() -> None:
    """A bare Textual app that draws one line, then exits."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("In what year did the U.S. sign the Treaty of Amity and Commerce?")

    app = Bare()
    seen: dict[str, Any] = {"reached": False}

    def frame() -> None:
        if not seen["reached"]:
            seen.update(reached=True, frame_at=time.time(), peak_rss_mb=peak_rss_mb())
            app.exit()

    async def pilot(_: Any) -> None:
        watch_frames(app, frame)

    app.run(headless=True, size=(100, 30), auto_pilot=pilot)
    _report(seen)


async def _keys(decks: Path, scores: Path, deck: str, count: int) -> dict[str, Any]:
    from quiz.clock import FixedClock
    from quiz.tui import QuizApp

    sys.path.insert(0, str(ROOT / "tests"))
    app = QuizApp(decks, scores, clock=FixedClock(NOW), deck=deck, seed=1, mode="study")
    return await time_keys(app, count)


def child_keys(decks: str, scores: str, deck: str, count: str) -> None:
    """Answer ``count`` questions in a headless app; report each key's time to its frame."""
    _report(asyncio.run(_keys(Path(decks), Path(scores), deck, int(count))))


async def _history(decks: Path, scores: Path, runs: int) -> dict[str, Any]:
    from textual.app import App
    from textual.widgets import DataTable

    from quiz.clock import FixedClock
    from quiz.study import Study
    from quiz.tui.screens.history import HistoryScreen

    shown_ms: list[float] = []
    filled_ms: list[float] = []
    for _ in range(runs):
        study = Study.open(decks, scores, FixedClock(NOW))
        app: App[None] = App()
        marks: dict[str, float] = {}
        done = asyncio.Event()

        def frame(app: App[None] = app, marks: dict[str, float] = marks,
                  done: asyncio.Event = done) -> None:
            screen = app.screen
            if not isinstance(screen, HistoryScreen):
                return
            now = time.perf_counter()
            if "shown" not in marks and screen.query_one("#sessions", DataTable).row_count:
                marks["shown"] = now
            busy = any(w.is_running for w in app.workers if w.group == "history")
            if "shown" in marks and not busy and "filled" not in marks:
                marks["filled"] = now
                done.set()

        try:
            async with app.run_test(size=(100, 30)) as pilot:
                watch_frames(app, frame)
                start = time.perf_counter()
                await app.push_screen(HistoryScreen(study, asyncio.to_thread))
                await asyncio.wait_for(done.wait(), CHILD_TIMEOUT_S / 2)
                await pilot.pause()
        finally:
            study.close()
        shown_ms.append((marks["shown"] - start) * 1000)
        filled_ms.append((marks["filled"] - start) * 1000)
    return {"shown_ms": shown_ms, "filled_ms": filled_ms}


def child_history(decks: str, scores: str, runs: str) -> None:
    """Open the history screen ``runs`` times on a fresh `Study`; report the times."""
    _report(asyncio.run(_history(Path(decks), Path(scores), int(runs))))


CHILDREN: dict[str, Callable[..., None]] = {"app": child_app, "bare": child_bare,
                                            "keys": child_keys, "history": child_history}


def spawn(*args: str, warm: bool = False) -> tuple[float, dict[str, Any]]:
    """Run ``python bench/run.py --child ARGS``; seconds to its exit and what it reported.
    ``warm``: an uncounted warm-up, whose background writes finish before exit. A child
    that stamps its first frame (``frame_at``, `time.time`) is given ``spawned_at`` too."""
    spawned_at = time.time()
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", *args],
                          capture_output=True, text=True, check=False,
                          timeout=CHILD_TIMEOUT_S, cwd=ROOT, env=child_env(warm))
    elapsed = time.perf_counter() - start
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith(READY)]
    if done.returncode != 0 or not lines:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise RuntimeError(f"child {args[0]} exited {done.returncode}: {' | '.join(tail)}")
    found = json.loads(lines[-1][len(READY):])
    if isinstance(found, dict):
        found["spawned_at"] = spawned_at
    return elapsed, found


def _to_frame_ms(found: dict[str, Any]) -> float:
    """Ms from a child's spawn to its first frame showing what it waits for (both stamps
    are the machine's wall clock, shared by the two processes)."""
    return (found["frame_at"] - found["spawned_at"]) * 1000


# -- the figures ------------------------------------------------------------------------


def _launch_app(decks: str, scores: str, deck: str, warm: bool = False
                ) -> tuple[float, float, float]:
    """Ms from spawn to the first frame showing a question, ms to the process's exit, and
    the peak memory (MB) at that frame."""
    seconds, app = spawn("app", decks, scores, deck, warm=warm)
    if not app.get("reached"):
        raise RuntimeError(f"the app never showed a question (screens: {app['screens']})")
    return _to_frame_ms(app), seconds * 1000, app["peak_rss_mb"]


def _fresh(scores: Path) -> str:
    if scores.exists():
        shutil.rmtree(scores)
    return str(scores)


def app_figures(collection: Any, sizes: Sizes, scratch: Path,
                anki: dict[str, Any] | None) -> list[Figure]:
    """Launch vs a bare app (the collection, and the bundled decks on a fresh store), peak
    memory, and key → frame latencies."""
    from quiz.locations import bundled_decks_dir

    at = f"{sizes.facts:,} facts, {sizes.reviews:,} reviews"
    decks, deck = str(collection.decks_dir), collection.study_deck
    bundled, fresh = str(bundled_decks_dir()), OUT / "scratch-fresh-store"
    bare_name = "bare Textual app drawing one line (headless; spawn to its first frame)"
    figures: list[Figure] = []
    try:
        spawn("bare")  # each first launch warms caches and writes .pyc files: not counted
        for _ in range(2):  # compiled decks, then their relations: as a second launch finds
            _launch_app(decks, str(scratch), deck, warm=True)
        _launch_app(bundled, _fresh(fresh), "us-france")
        app_ms, new_ms, bare_ms, app_mb, bare_mb = [], [], [], [], []
        exits: dict[str, list[float]] = {"app": [], "new": [], "bare": []}

        def bare_launch() -> None:
            seconds, bare = spawn("bare")
            bare_ms.append(_to_frame_ms(bare))
            exits["bare"].append(seconds * 1000)
            bare_mb.append(bare["peak_rss_mb"])

        def app_launch() -> None:
            ms, exit_ms, mb = _launch_app(decks, str(scratch), deck)
            app_ms.append(ms)
            exits["app"].append(exit_ms)
            app_mb.append(mb)

        def new_launch() -> None:
            ms, exit_ms, _ = _launch_app(bundled, _fresh(fresh), "us-france")
            new_ms.append(ms)
            exits["new"].append(exit_ms)

        def to_exit(side: str) -> str:
            return (f"; spawn to exit instead: {statistics.median(exits[side]):.0f} ms vs "
                    f"{statistics.median(exits['bare']):.0f} ms, "
                    f"{paired_ratio(exits[side], exits['bare']):.2f}x")

        for round_ in range(sizes.launches):  # every order of the three as often
            for launch in _rotated((bare_launch, app_launch, new_launch), round_):
                launch()
        bare = statistics.median(bare_ms)
        figures.append(Figure(
            f"launch to first question drawn ({at})", "ms", statistics.median(app_ms),
            max=max(app_ms), baseline=bare, baseline_name=bare_name, target=1.5,
            target_on="ratio", samples=len(app_ms), ratio=paired_ratio(app_ms, bare_ms),
            note=f"stretch target ratio ≤ 1.25; {len(app_ms)} rounds of the three launches "
                 f"in turn; ratio: {PAIRED}{to_exit('app')}"))
        figures.append(Figure(
            "launch to first question drawn (bundled decks, fresh store)", "ms",
            statistics.median(new_ms), max=max(new_ms), baseline=bare, baseline_name=bare_name,
            target=1.3, target_on="ratio", samples=len(new_ms),
            ratio=paired_ratio(new_ms, bare_ms),
            note="`quiz study us-france` as a new user runs it: no score file, no cache; "
                 f"ratio: {PAIRED}{to_exit('new')}"))
        anki_mb = (f"; Anki at its first card: {statistics.median(anki['peak_rss_mb']):.1f} MB"
                   if anki and anki.get("peak_rss_mb") else "")
        figures.append(Figure(
            f"peak memory of the app at first question ({at})", "MB",
            statistics.median(app_mb), max=max(app_mb), baseline=statistics.median(bare_mb),
            baseline_name="bare Textual app", target=100, samples=len(app_mb),
            note=f"VmHWM{anki_mb}"))
    except (RuntimeError, subprocess.TimeoutExpired, KeyError) as exc:
        figures.append(missing(f"launch to first question drawn ({at})", "ms", str(exc), 1.5,
                               "ratio"))
        figures.append(missing(f"peak memory of the app ({at})", "MB", str(exc), 100))
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    try:
        _, keys = spawn("keys", decks, str(scratch), deck, str(sizes.keys))
        if not keys["next_ms"]:
            raise RuntimeError("no question was answered")
        mix = ", ".join(f"{k} {v}" for k, v in sorted(keys["formats"].items()))
        med, p99 = median_p99(keys["next_ms"])
        figures.append(Figure(f"Enter to next question drawn ({at})", "ms", med, p99, target=16,
                              target_p99=50, samples=len(keys["next_ms"]),
                              max=max(keys["next_ms"]),
                              note=f"{len(keys['next_ms'])} questions: {mix}"))
        med, p99 = median_p99(keys["answer_ms"])
        figures.append(Figure(f"answer key to feedback drawn ({at})", "ms", med, p99, target=16,
                              samples=len(keys["answer_ms"]), max=max(keys["answer_ms"]),
                              note="not a DESIGN target; the 16 ms frame budget shown"))
    except (RuntimeError, subprocess.TimeoutExpired, KeyError) as exc:
        figures.append(missing(f"Enter to next question drawn ({at})", "ms", str(exc), 16))
    return figures


PAIRED = "the median of each round's ratio (its runs a moment apart)"


def _rotated(items: Sequence[T], turn: int) -> list[T]:
    """``items`` in the order of round ``turn``: rotated by ``turn // 2`` (modulo their
    number), backwards in odd rounds. Over ``2 * len(items)`` rounds each item runs before
    each other as often as after it, and just after it as often as that one runs just after
    it (for two or three items: every order once), so that none is favoured by whom it
    follows: warm caches, a CPU still busy with the previous process, the disk still
    writing what a launch on a new store left (a rotation alone put the bare app after
    the new-store launch, and this app after the bare one, in two rounds of three)."""
    at = turn // 2 % len(items)
    order = [*items[at:], *items[:at]]
    return order[::-1] if turn % 2 else order


def _alternate(first: tuple[str, ...], second: tuple[str, ...], pairs: int
               ) -> tuple[list[float], list[float]]:
    """Wall ms of fresh `first_card.py` processes with ``first`` and ``second`` arguments,
    in ``pairs`` pairs whose order alternates (AB, BA, …), after two warm-ups of each
    (the first compiles a new folder's decks, the second keeps the relations of their
    cards, as a learner's second launch finds them). `paired_ratio` compares them."""
    for _ in range(2):  # the first may compile the decks; the second then keeps relations
        spawn_first_card(*first, warm=True)
        spawn_first_card(*second, warm=True)
    a: list[float] = []
    b: list[float] = []
    for pair in range(pairs):
        for args, into in _rotated(((first, a), (second, b)), pair):
            into.append(spawn_first_card(*args)[0])
    return a, b


def anki_figures(collection: Any, sizes: Sizes, say: Callable[[str], None]
                 ) -> dict[str, Any] | None:
    """Anki's in-process figures on the twin of the collection (due tree, answers) and its
    path, or None without the `anki` package."""
    import bench_anki

    if bench_anki.available():
        return None
    path = bench_anki.ensure_twin(collection, say)
    return {"path": path, **bench_anki.in_process(path, collection.study_deck,
                                                  max(5, sizes.store_runs // 10),
                                                  sizes.answers)}


def domain_figures(collection: Any, sizes: Sizes, scratch: Path,
                   anki: dict[str, Any] | None) -> list[Figure]:
    """quiz's engine from open to first question vs Anki's, and how it scales."""
    import bench_anki
    import make_collection

    at = f"{sizes.facts:,} facts, {sizes.reviews:,} reviews"
    deck = collection.study_deck
    name = f"domain: open → first question, no UI ({at})"
    quiz_args = ("quiz", str(collection.decks_dir), str(scratch), deck,
                 make_collection.NOW.isoformat())
    for _ in range(2):  # warm caches (compiled decks, then their relations); not counted
        spawn_first_card(*quiz_args, warm=True)
    quiz_ms: list[float] = []
    if anki is None:
        quiz_ms = [spawn_first_card(*quiz_args)[0] for _ in range(sizes.pairs)]
        figures = [Figure(name, "ms", statistics.median(quiz_ms), max=max(quiz_ms),
                          samples=len(quiz_ms),
                          note=f"anchor MISSING: {bench_anki.available()}")]
    else:
        anki_args = ("anki", str(anki["path"]), deck)
        spawn_first_card(*anki_args)
        anki_ms: list[float] = []
        anki_mb: list[float] = []

        def quiz_run() -> None:
            quiz_ms.append(spawn_first_card(*quiz_args)[0])

        def anki_run() -> None:
            ms, found = spawn_first_card(*anki_args)
            anki_ms.append(ms)
            anki_mb.append(found["peak_rss_mb"])

        for pair in range(sizes.pairs):
            for run_one in _rotated((quiz_run, anki_run), pair):
                run_one()
        anki["peak_rss_mb"] = anki_mb
        figures = [Figure(name, "ms", statistics.median(quiz_ms), max=max(quiz_ms),
                          baseline=statistics.median(anki_ms),
                          baseline_name="Anki (anki package, FSRS on): import + open + first "
                                        "card of the same-size twin",
                          target=1.0, target_on="ratio", samples=len(quiz_ms),
                          ratio=paired_ratio(quiz_ms, anki_ms),
                          note="each a whole fresh process (bench/first_card.py), in pairs "
                               f"whose order alternates; medians; ratio: {PAIRED}")]
    # Not growing with the number of decks: the same deck alone in its folder.
    alone = OUT / f"one-deck-{sizes.facts}"
    if alone.exists():
        shutil.rmtree(alone)
    alone.mkdir(parents=True)
    shutil.copy2(collection.decks_dir / f"{deck}.yaml", alone / f"{deck}.yaml")
    try:
        all_ms, one_ms = _alternate(quiz_args, ("quiz", str(alone), *quiz_args[2:]),
                                    sizes.pairs)
    finally:
        shutil.rmtree(alone, ignore_errors=True)
    figures.append(Figure(
        f"domain first question: all {len(collection.manifest['decks'])} decks vs its deck "
        "alone", "ms", statistics.median(all_ms), baseline=statistics.median(one_ms),
        baseline_name="the same deck alone in its folder, same store", target=1.1,
        target_on="ratio", samples=len(all_ms), ratio=paired_ratio(all_ms, one_ms),
        note="must not grow with the number of decks (ratio ≤ 1.1 allows for noise); "
             f"in pairs whose order alternates; ratio: {PAIRED}"))
    # Not growing with the number of reviews: the same decks over twice the history.
    more = make_collection.ensure(sizes.facts, sizes.history_reviews)
    more_scratch = scratch_copy(more.scores_dir, OUT / "scratch-more-reviews")
    try:
        more_ms, base_ms = _alternate(
            ("quiz", str(more.decks_dir), str(more_scratch), *quiz_args[3:]), quiz_args,
            sizes.pairs)
    finally:
        shutil.rmtree(more_scratch, ignore_errors=True)
    figures.append(Figure(
        f"domain first question: {sizes.history_reviews:,} vs {sizes.reviews:,} reviews", "ms",
        statistics.median(more_ms), baseline=statistics.median(base_ms),
        baseline_name=f"the same decks with {sizes.reviews:,} reviews", target=1.1,
        target_on="ratio", samples=len(more_ms), ratio=paired_ratio(more_ms, base_ms),
        note="must not grow with the number of reviews (ratio ≤ 1.1 allows for noise); "
             f"in pairs whose order alternates; ratio: {PAIRED}"))
    return figures


def load_figures(sizes: Sizes, quick: bool) -> list[Figure]:
    """First load and cached reload of a deck vs PyYAML's C loader."""
    import bench_load

    r = bench_load.run(sizes.load_facts, sizes.load_repeat, fresh=not quick)
    base = "PyYAML C loader parsing the same file"
    at = f"{sizes.load_facts:,}-fact deck"
    figures = [
        Figure(f"first load of a {at} (parse, check, write cache)", "ms",
               r["first_load_with_cache_write_ms"], baseline=r["pyyaml_c_parse_ms"],
               baseline_name=base, samples=sizes.load_repeat),
        Figure(f"second load of the {at}, from the cache", "ms", r["cached_load_ms"],
               max=r["cached_load_max_ms"], baseline=r["pyyaml_c_parse_ms"],
               baseline_name=base, target=50, samples=sizes.load_repeat,
               note=f"facts decoded as first used; every fact decoded too: "
                    f"{r['cached_all_facts_ms']:.0f} ms"),
    ]
    if "load_deck_ms" in r:
        figures.insert(1, Figure(f"load_deck() of the {at}, no cache", "ms", r["load_deck_ms"],
                                 baseline=r["pyyaml_c_parse_ms"], baseline_name=base,
                                 samples=sizes.load_repeat))
    return figures


def grade_figures(sizes: Sizes) -> list[Figure]:
    """µs per grade() call by kind: median under 50 µs for every kind, no call over 5 ms
    (issue 20). The slowest call is its own CPU time: its wall time also holds whatever
    pause the scheduler of a shared machine gave it, shown in the note."""
    import gc

    import bench_grade

    # What the figures before this one left alive (a 10,000-fact deck, every fact decoded)
    # is frozen out of the collector's walks, as the app freezes what it loaded once its
    # first question is drawn (quiz.tui.memory): else a full collection set off during
    # the grading walks it, and that pause is the slowest call (14 ms of CPU in one run,
    # 3 ms with bench_grade.py run alone).
    gc.collect()
    gc.freeze()
    figures = []
    for kind, r in bench_grade.run(sizes.grade_repeat).items():
        figures.append(Figure(
            f"grade() per call, {kind}", "µs", r["cold_median_us"], r["cold_p99_us"],
            target=50, max=r["cold_cpu_max_us"], target_max=5000, samples=int(r["calls"]),
            note=f"each response new to the fold cache; max is the slowest call's CPU time "
                 f"(wall {r['cold_max_us']:.0f} µs); warm cache: median "
                 f"{r['warm_median_us']:.1f} µs"))
    return figures


def question_figures(sizes: Sizes) -> list[Figure]:
    """ms per make_question() call by format."""
    import bench_questions
    from quiz.questions import FORMATS

    r = bench_questions.run(sizes.question_facts, sizes.questions)
    figures = []
    for fmt in FORMATS:
        if f"{fmt}_median_ms" in r:
            figures.append(Figure(f"make_question() per call, {fmt}, "
                                  f"{sizes.question_facts:,} facts", "ms",
                                  r[f"{fmt}_median_ms"], r[f"{fmt}_p99_ms"], target=1))
        else:
            figures.append(missing(f"make_question() per call, {fmt}", "ms",
                                   "no card of the synthetic deck offers this format", 1))
    figures[-1].note = (f"deck index built once first: {r['index_ms']:.0f} ms; formats_for a "
                        f"new card: {r['formats_for_first_median_ms']:.2f} ms median; one "
                        f"{r['deck_mb']:.1f} MB deck file, QUIZ_MAX_DECK_MB raised for its load")
    return figures


def store_figures(collection: Any, sizes: Sizes, scratch: Path,
                  anki: dict[str, Any] | None) -> list[Figure]:
    """Due counts for every deck, next-due, study queues and one answer's transaction, with
    Anki's figures as anchors where it is installed."""
    import bench_store

    r = bench_store.measure(collection.decks_dir, scratch, sizes.store_runs, sizes.answers)
    at = f"{sizes.facts:,} facts, {sizes.reviews:,} reviews"
    bare_med, bare_p99 = r.pop("bare INSERT, same settings (baseline)")
    no_anki = "" if anki else "; Anki anchor MISSING: the optional `anki` package is not installed"
    figures = []
    first = r.pop("overview() first call, fresh Study")
    tree = statistics.median(anki["deck_due_tree_ms"]) if anki else None
    med, p99 = r.pop("overview() every deck, after an answer")
    kept, _ = r.pop("overview() every deck, scores unchanged")
    figures.append(Figure(f"due counts for every deck (home screen) ({at})", "ms", med, p99,
                          baseline=tree, baseline_name="Anki col.sched.deck_due_tree()"
                          if anki else "", target=15, samples=max(5, sizes.store_runs // 10),
                          note=f"Study.overview() after an answer in the largest deck (its "
                               f"counts worked out again); scores unchanged (counts kept): {kept:.2f} ms; the "
                               f"first call on a fresh Study: {first[0]:.1f} ms{no_anki}"))
    answers = r.pop("answers")
    med, p99 = median_p99(answers)
    anki_answer = statistics.median(anki["answer_ms"]) if anki else None
    anki_note = (f"; Anki p99 {median_p99(anki['answer_ms'])[1]:.2f} ms, max "
                 f"{max(anki['answer_ms']):.2f} ms" if anki else no_anki)
    figures.append(Figure(
        f"one answer's transaction, {len(answers):,} in a row ({at})", "ms", med, p99,
        max=max(answers), baseline=anki_answer,
        baseline_name="Anki col.sched.answer_card() on as many cards" if anki else "",
        target=5, target_on="p99", target_max=20, samples=len(answers),
        note=f"record_answer; bare INSERT in its own transaction, same settings (WAL, "
             f"synchronous=FULL): median {bare_med:.2f} ms, p99 {bare_p99:.2f} ms{anki_note}"))
    for name, (med, p99) in r.items():
        if name.startswith(("next_due", "study_queue")):
            figures.append(Figure(f"{name.replace('()', '')} ({at})".replace(
                "next_due over all cards", "next-due query, all cards"), "ms", med, p99))
    return figures


def history_figures(sizes: Sizes, runs: int) -> list[Figure]:
    """The history screen on a collection with 1,000,000 reviews, measured here."""
    import make_collection

    collection = make_collection.ensure(sizes.facts, sizes.history_reviews)
    scratch = scratch_copy(collection.scores_dir, OUT / "scratch-history")
    try:
        _, found = spawn("history", str(collection.decks_dir), str(scratch), str(runs))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    at = f"{sizes.history_reviews:,} reviews, {sizes.facts:,} facts"
    med, top = statistics.median(found["shown_ms"]), max(found["shown_ms"])
    filled, filled_top = statistics.median(found["filled_ms"]), max(found["filled_ms"])
    return [Figure(f"history screen shown ({at})", "ms", med, max=top, target=300, samples=runs,
                   note="from the push to the frame showing the sessions table"),
            Figure(f"  history: every tab filled ({at})", "ms", filled, max=filled_top,
                   samples=runs, note="until the screen's worker has summed every figure "
                                      "and that frame is drawn")]


# -- main -------------------------------------------------------------------------------


def measure(sizes: Sizes, quick: bool, say: Callable[[str], None]) -> tuple[list[Figure],
                                                                          dict[str, Any]]:
    """Build or reuse the collection and take every figure."""
    import make_collection

    start = time.perf_counter()
    collection = make_collection.ensure(sizes.facts, sizes.reviews)
    info: dict[str, Any] = {"collection": {"folder": str(collection.folder),
                                           **collection.manifest},
                            "collection_ready_s": round(time.perf_counter() - start, 1)}
    say(f"collection ready in {info['collection_ready_s']} s: {collection.folder}")
    scratch = scratch_copy(collection.scores_dir, OUT / "scratch-run")
    figures: list[Figure] = []
    compile_bytecode()
    anki: dict[str, Any] | None = None
    try:
        say("Anki's engine on the twin collection…")
        anki = anki_figures(collection, sizes, say)
    except Exception as exc:  # noqa: BLE001 - the anchor's failure must not hide quiz's rows
        say(f"Anki's figures failed: {type(exc).__name__}: {exc}")
    steps: list[tuple[str, Callable[[], list[Figure]]]] = [
        ("domain: first question", lambda: domain_figures(collection, sizes, scratch, anki)),
        ("app: launch, memory, keys", lambda: app_figures(collection, sizes, scratch, anki)),
        ("store", lambda: store_figures(collection, sizes, scratch, anki)),
        ("deck loading", lambda: load_figures(sizes, quick)),
        ("grading", lambda: grade_figures(sizes)),
        ("questions", lambda: question_figures(sizes)),
        ("history", lambda: history_figures(sizes, sizes.launches)),
    ]
    timings = {}
    try:
        for label, step in steps:
            t0 = time.perf_counter()
            say(f"{label}…")
            try:
                figures += step()
            except Exception as exc:  # noqa: BLE001 - one broken benchmark must not hide the rest
                figures.append(missing(label, "", f"{type(exc).__name__}: {exc}"))
            timings[label] = round(time.perf_counter() - t0, 1)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    info["step_seconds"] = timings
    return figures, info


def main(argv: list[str] | None = None) -> int:
    """Run everything; print the table (or JSON); exit 1 when a figure is missing."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        CHILDREN[argv[1]](*argv[2:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, under a minute")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    start = time.perf_counter()
    where = machine()

    def say(text: str) -> None:
        print(f"[{time.perf_counter() - start:5.1f} s] {text}", file=sys.stderr, flush=True)

    figures, info = measure(sizes, args.quick, say)
    elapsed = round(time.perf_counter() - start, 1)
    absent = [f.name for f in figures if f.missing and not f.optional]
    if args.json:
        print(json.dumps({"quick": args.quick, "sizes": sizes.__dict__, "machine": where,
                          "elapsed_s": elapsed, **info, "missing": absent,
                          "figures": [f.to_dict() for f in figures]}, indent=2,
                         ensure_ascii=False))
    else:
        print(f"quiz benchmarks{' (--quick)' if args.quick else ''}: {where['cpus']} CPUs, "
              f"Python {where['python']}, Textual {where['textual']}, load average at start "
              f"{where['load_average_at_start'][0]}; {elapsed:.0f} s")
        print(table(figures))
    return 1 if absent else 0


if __name__ == "__main__":
    raise SystemExit(main())
