"""Shared by the benchmarks: timing, percentiles, figures and the table `bench/run.py` prints.

Every benchmark measures its baseline in the same run as its figure, so a busy machine
slows both and the ratio stays meaningful; this module only holds the arithmetic and the
presentation, never a number.
"""

from __future__ import annotations

import asyncio
import math
import os
import platform
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from first_card import peak_rss_mb  # noqa: E402,F401 - the one place it is written

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"

NOW = datetime(2026, 6, 1, 18, 0, tzinfo=timezone.utc)
"""`make_collection.NOW`, the synthetic collections' "now" (a test holds them equal): the
launch child takes it from here, as importing the collection builder (its dataclass, the
deck writer) would add to the launch a cost a learner's launch never pays. Not moved out
of `make_collection`: its source is part of the collections' fingerprint."""
"""Cache of generated collections and scratch copies (git-ignored)."""


def timed(work: Callable[[], object], runs: int) -> list[float]:
    """Wall times in milliseconds of ``runs`` calls of ``work``."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def percentile(samples: list[float], share: float) -> float:
    """The ``share`` (0–1) percentile of ``samples`` by nearest rank.

    Nearest rank never invents a value between two samples: with 100 samples the 99th
    percentile is the second slowest, with fewer it is the slowest.
    """
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def median_p99(samples: list[float]) -> tuple[float, float]:
    """Median and 99th percentile of ``samples``."""
    return statistics.median(samples), percentile(samples, 0.99)


@dataclass
class Figure:
    """One row of the table: a measured figure, its baseline from the same run, its target.

    ``target`` is read against ``ratio`` when ``target_on == "ratio"``, against ``p99``
    when ``"p99"``, else against ``median``. A figure that could not be measured has
    ``median = None`` and says why in ``note``; it is never filled in.
    """

    name: str
    unit: str
    median: float | None
    p99: float | None = None
    baseline: float | None = None
    baseline_name: str = ""
    target: float | None = None
    target_on: str = "median"
    target_p99: float | None = None
    """A second target, on the 99th percentile (both must hold for ``met``)."""
    max: float | None = None
    """The slowest sample, where it matters (one answer's transaction)."""
    target_max: float | None = None
    """A third target, on the slowest sample."""
    note: str = ""
    samples: int | None = None
    source: str = ""
    optional: bool = False
    """A cross-check: run.py's exit status ignores it when missing."""
    ratio: float | None = None
    """Given for paired samples (`paired_ratio`), else the median over the baseline."""
    met: bool | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        if self.ratio is None and self.median is not None and self.baseline:
            self.ratio = self.median / self.baseline
        value = {"ratio": self.ratio, "p99": self.p99}.get(self.target_on, self.median)
        if self.target is not None and value is not None:
            self.met = value <= self.target
        if self.target_p99 is not None and self.p99 is not None:
            self.met = (self.met is not False) and self.p99 <= self.target_p99
        if self.target_max is not None and self.max is not None:
            self.met = (self.met is not False) and self.max <= self.target_max

    @property
    def missing(self) -> bool:
        """True when the figure could not be measured."""
        return self.median is None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return asdict(self)


def paired_ratio(samples: Sequence[float], baselines: Sequence[float]) -> float:
    """The median of per-pair ratios, ``samples[i] / baselines[i]``, of samples taken in
    pairs a moment apart: a shared machine's load drifts over seconds, so each pair's two
    runs see much the same load while pairs see different ones. A real cost shows in every
    pair's ratio; a burst of someone else's work moves one pair, which the median ignores."""
    return statistics.median(a / b for a, b in zip(samples, baselines, strict=True))


def missing(name: str, unit: str, why: str, target: float | None = None,
            target_on: str = "median", source: str = "") -> Figure:
    """A figure that could not be measured, saying why."""
    return Figure(name, unit, None, target=target, target_on=target_on, note=f"MISSING: {why}",
                  source=source)


def _num(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    if unit == "µs" or abs(value) >= 100:
        text = f"{value:,.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.2f}"
    return text


def _target(figure: Figure) -> str:
    parts = []
    if figure.target is not None:
        if figure.target_on == "ratio":
            parts.append(f"ratio ≤ {figure.target:g}")
        else:
            where = "p99 " if figure.target_on == "p99" else ""
            parts.append(f"{where}≤ {figure.target:g} {figure.unit}")
    if figure.target_p99 is not None:
        parts.append(f"p99 ≤ {figure.target_p99:g} {figure.unit}")
    if figure.target_max is not None:
        parts.append(f"max ≤ {figure.target_max:g} {figure.unit}")
    return ", ".join(parts)


def table(figures: list[Figure]) -> str:
    """The figures as an aligned plain-text table, notes underneath."""
    head = ("figure", "unit", "median", "p99", "max", "baseline", "ratio", "target", "met")
    rows = [head]
    notes = []
    for n, fig in enumerate(figures, 1):
        met = "" if fig.met is None else ("yes" if fig.met else "NO")
        if fig.missing:
            met = "MISSING"
        base = _num(fig.baseline, fig.unit)
        rows.append((f"{n:2}. {fig.name}", fig.unit, _num(fig.median, fig.unit),
                     _num(fig.p99, fig.unit), _num(fig.max, fig.unit), base,
                     "" if fig.ratio is None else f"{fig.ratio:.2f}x", _target(fig), met))
        extra = "; ".join(x for x in (
            f"baseline: {fig.baseline_name}" if fig.baseline_name else "", fig.note) if x)
        if extra:
            notes.append(f"{n:2}. {extra}")
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = []
    for i, row in enumerate(rows):
        cells = [row[0].ljust(widths[0]), row[1].ljust(widths[1])]
        cells += [c.rjust(w) for c, w in zip(row[2:7], widths[2:7])]
        cells += [row[7].ljust(widths[7]), row[8]]
        lines.append("  ".join(cells).rstrip())
        if i == 0:
            lines.append("-" * len(lines[0]))
    return "\n".join(lines + ([""] + notes if notes else []))


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    import textual

    try:
        load = os.getloadavg()
    except OSError:
        load = (float("nan"),) * 3
    return {"python": sys.version.split()[0], "platform": platform.platform(),
            "cpus": os.cpu_count(), "textual": textual.__version__,
            "load_average_at_start": [round(x, 2) for x in load]}


def child_env(warm: bool = False) -> dict[str, str]:
    """The environment for benchmark child processes: as an installed user runs, so
    Python may write and read ``.pyc`` files (this session's environment forbids it).
    ``warm``: an uncounted warm-up, whose background writes finish before it exits
    (``BENCH_WARM``, read by `first_card.finish_background`)."""
    dropped = ("PYTHONDONTWRITEBYTECODE", "BENCH_WARM")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    if warm:
        env["BENCH_WARM"] = "1"
    return env


def compile_bytecode() -> None:
    """Write the ``.pyc`` files of quiz and the benchmarks, as installing quiz does."""
    import compileall

    for folder in (ROOT / "quiz", HERE):
        compileall.compile_dir(folder, quiet=1)


FIRST_CARD = "BENCH-FIRST-CARD "


def spawn_first_card(*args: str, timeout: float = 300, warm: bool = False
                     ) -> tuple[float, dict[str, Any]]:
    """Run ``bench/first_card.py ARGS`` in a fresh process: wall ms to its exit, and what
    it reported. ``warm``: an uncounted warm-up, whose background writes finish before exit."""
    import json
    import subprocess

    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(HERE / "first_card.py"), *args],
                          capture_output=True, text=True, timeout=timeout, env=child_env(warm),
                          cwd=ROOT, check=False)
    elapsed = (time.perf_counter() - start) * 1000
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith(FIRST_CARD)]
    if done.returncode != 0 or not lines:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise RuntimeError(f"first_card.py {args[0]} exited {done.returncode}: "
                           f"{' | '.join(tail)}")
    return elapsed, json.loads(lines[-1][len(FIRST_CARD):])


def scratch_copy(scores: Path, into: Path) -> Path:
    """A throw-away copy of a scores folder (score file and deck cache), so measurements
    that write never change the cached collection."""
    if into.exists():
        shutil.rmtree(into)
    shutil.copytree(scores, into)
    return into


def watch_frames(app: Any, on_frame: Callable[[], None]) -> None:
    """Call ``on_frame`` each time ``app`` hands a frame to its driver.

    The headless driver skips turning frames into escape codes; it is done here, so a frame
    costs what it would on a terminal but the write itself.
    """
    display = app._display  # Textual's one exit for frames; private, hence only in bench/

    def traced(screen: Any, renderable: Any) -> None:
        if renderable is not None and hasattr(renderable, "render_segments"):
            renderable.render_segments(app.console)
            on_frame()
        display(screen, renderable)

    app._display = traced


async def time_keys(app: Any, count: int, profile: Path | None = None) -> dict[str, Any]:
    """Answer up to ``count`` questions in ``app`` (a `QuizApp` naming its deck) with the
    keys a learner presses; each answer's last key → feedback frame and Enter → next
    question frame, in ms, plus the formats met. Stops early when the session runs out.

    ``profile`` writes a cProfile of the Enter timings there.
    """
    from quiz.tui.screens.study import StudyScreen
    from tui.helpers import keys_for, settle  # tests/ must be on sys.path

    waiting: dict[str, Any] = {}

    def frame() -> None:
        ready = waiting.get("ready")
        if ready is not None and ready():
            waiting["at"] = time.perf_counter()
            waiting.pop("ready")
            waiting["event"].set()

    async def timed(pilot: Any, key: str, ready: Callable[[], bool]) -> float:
        waiting.update(ready=ready, event=asyncio.Event())
        start = time.perf_counter()
        await pilot.press(key)
        await asyncio.wait_for(waiting["event"].wait(), 10)
        return (waiting["at"] - start) * 1000

    profiler = None
    if profile is not None:
        import cProfile

        profiler = cProfile.Profile()
    answer_ms: list[float] = []
    next_ms: list[float] = []
    formats: dict[str, int] = {}
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        watch_frames(app, frame)
        while len(next_ms) < count:
            screen = app.screen
            if not isinstance(screen, StudyScreen):
                break  # the session ran out of cards
            card = screen.card
            formats[card.question.format] = formats.get(card.question.format, 0) + 1
            presses = keys_for(card.question)
            for key in presses[:-1]:
                await pilot.press(key)
            await settle(pilot)
            answer_ms.append(await timed(pilot, presses[-1],
                                         lambda s=screen: s.phase == "feedback"))
            await settle(pilot)
            number = card.number
            if profiler is not None:
                profiler.enable()
            next_ms.append(await timed(
                pilot, "enter",
                lambda s=screen, n=number: app.screen is not s
                or (s.phase == "asking" and s.card.number == n + 1)))
            if profiler is not None:
                profiler.disable()
            await settle(pilot)
    if profiler is not None and profile is not None:
        profiler.dump_stats(profile)
    return {"answer_ms": answer_ms, "next_ms": next_ms, "formats": formats}
