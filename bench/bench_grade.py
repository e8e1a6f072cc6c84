"""Median time per `quiz.grading.grade` call, per answer kind.

Run by hand: ``.venv/bin/python bench/bench_grade.py [--repeat N] [--json]``. Targets
(issues 3 and 20): a median under 50 µs for every kind and no call slower than 5 ms. Each kind is timed over a mix of right,
close and wrong responses, against answers parsed once (as the deck loader does); the
expected answer is never re-parsed per call. "Cold" empties the text-folding cache before
every call, as for a response the learner has just typed (the honest figure); "warm" lets
the cache answer, as when the same text comes back.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import median_p99  # noqa: E402

from quiz.facts import Answer, Fact, Kind, Tolerance  # noqa: E402
from quiz.grading import grade  # noqa: E402
from quiz.values import parse  # noqa: E402
from quiz.values.common import fold  # noqa: E402

CASES: dict[Kind, tuple[tuple[str, Tolerance | None, str | None], list[str]]] = {
    "date": (
        ("April 13, 2018", None, None),
        ["April 13, 2018", "13 April 2018", "2018-04-13", "4/13/2018", "April 12, 2018", "2018", "in 1778",
         "no idea", "not April 13, 2018", "April 13, 2018 or 2019", "before April 2018", "MMXVIII",
         "April thirteenth, twenty eighteen", "4/2018", "Apr '18"],
    ),
    "number": (
        ("$19.3 billion", Tolerance(2, True), None),
        ["$19.3 billion", "19.3bn", "19,300,000,000", "19.5 billion", "19.3 million", "€19.3 billion", "19.3",
         "lots", "19\u202f300\u202f000\u202f000", "19,3 billion", "19.3 mln", "more than $19 billion",
         "$19.3 billion or $20 billion"],
    ),
    "name": (
        ("Jean-Yves Le Drian", None, "person"),
        ["Jean-Yves Le Drian", "le drian", "Le Drain", "Jean-Marc Ayrault", "Drian", "JEAN YVES LEDRIAN", "Parly",
         "x", "Le Drian, Jean-Yves", "JY Le Drian", "Jean-Yves Marie Le Drian", "Jean-Yves Le Drіan",
         "not Le Drian"],
    ),
    "text": (
        ("the official residence of the U.S. Ambassador to Belgium", None, None),
        ["the official residence of the U.S. Ambassador to Belgium", "ambassador's residence", "residence",
         "the oficial residence of the US ambassador to Belgium", "the embassy", "idk"],
    ),
    "list": (
        ("United States, France", None, "country"),
        ["United States, France", "France and the USA", "US", "France, Germany", "U.S. or France",
         "the U.K., France"],
    ),
}
"""Per kind: the answer (text, tolerance, category) and a mix of right, close, wrong,
negated, hedged and other-written-form responses."""

UNITS: tuple[tuple[str, Tolerance | None, str | None], list[str]] = (
    ("50 km", None, None),
    ["50 km", "31 miles", "50,000 metres", "50 kg", "30 miles", "27 nautical miles", "248.5 furlongs",
     "50km", "not 50 km"],
)
"""Timed with the numbers: a figure with a unit of measure, answered in other units
(conversions from quiz's table, and one unit outside it that pint converts)."""


def _fact(kind: Kind, text: str, tolerance: Tolerance | None, category: str | None) -> Fact:
    answer_text: str | tuple[str, ...] = tuple(text.split(", ")) if kind == "list" else text
    answer = Answer(
        text=answer_text,
        kind=kind,
        value=parse(kind, answer_text),
        tolerance=tolerance,
        category=category,
    )
    return Fact(id=kind, deck_id="bench", answers=(answer,), question="?")


def median_per_call(fact: Fact, responses: list[str], repeat: int, cold: bool = False) -> float:
    """The median over ``repeat`` rounds of the mean seconds per `grade` call.

    With ``cold``, the text-folding cache is emptied before each round, so no response
    is ever folded from the cache (the expected answer stays parsed, as in a session).
    """
    for response in responses:  # warm caches, as a study session would
        grade(fact, response)
    rounds = []
    for _ in range(repeat):
        if cold:
            fold.cache_clear()
        start = time.perf_counter()
        for response in responses:
            grade(fact, response)
        rounds.append((time.perf_counter() - start) / len(responses))
    return statistics.median(rounds)


def per_call(fact: Fact, responses: list[str], repeat: int, cold: bool,
             cpu: list[float] | None = None) -> list[float]:
    """Microseconds of each of ``repeat`` rounds × ``responses`` single `grade` calls.

    With ``cpu``, the thread's CPU time of each call is appended to it too: on a shared
    machine the wall time of the slowest call is mostly the scheduler's pause, not work.
    """
    for response in responses:  # warm imports and the answer's own caches
        grade(fact, response)
    clock, cpu_clock = time.perf_counter, time.thread_time
    samples = []
    for _ in range(repeat):
        for response in responses:
            if cold:
                fold.cache_clear()
            start, cpu_start = clock(), cpu_clock()
            grade(fact, response)
            samples.append((clock() - start) * 1e6)
            if cpu is not None:
                cpu.append((cpu_clock() - cpu_start) * 1e6)
    return samples


def run(repeat: int = 2000) -> dict[str, dict[str, float]]:
    """Per kind: median, 99th percentile and slowest µs per call, cold and warm."""
    results = {}
    for kind, case in CASES.items():
        cold: list[float] = []
        warm: list[float] = []
        cpu: list[float] = []
        slowest = 0.0
        for (text, tolerance, category), responses in [case, UNITS] if kind == "number" else [case]:
            fact = _fact(kind, text, tolerance, category)
            samples = per_call(fact, responses, repeat, cold=True, cpu=cpu)
            cold += samples
            warm += per_call(fact, responses, repeat, cold=False)
            # The slowest kind of response, robust to a busy machine: the largest of the
            # per-response medians (the raw max also holds the scheduler's pauses).
            slowest = max(slowest, *(statistics.median(samples[i :: len(responses)])
                                     for i in range(len(responses))))
        cold_med, cold_p99 = median_p99(cold)
        warm_med, warm_p99 = median_p99(warm)
        results[kind] = {"cold_median_us": cold_med, "cold_p99_us": cold_p99, "cold_max_us": max(cold),
                         "cold_slowest_response_us": slowest, "cold_cpu_median_us": statistics.median(cpu),
                         "cold_cpu_max_us": max(cpu),
                         "warm_median_us": warm_med, "warm_p99_us": warm_p99, "warm_max_us": max(warm),
                         "calls": float(len(cold))}
    return results


def pint_first_call_ms() -> float:
    """Milliseconds of the first grade() that needs pint, in a fresh interpreter: the one
    call that imports pint and builds its registry (never on the common path)."""
    script = (
        "import time\n"
        "from quiz.facts import Answer\n"
        "from quiz.grading import grade_answer\n"
        "from quiz.values import parse\n"
        "a = Answer(text='50 km', kind='number', value=parse('number', '50 km'))\n"
        "grade_answer(a, '31 miles')\n"
        "t = time.perf_counter(); grade_answer(a, '248.5 furlongs')\n"
        "print((time.perf_counter() - t) * 1000)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


def main() -> None:
    """Print µs per grade() call for each kind."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = run(args.repeat)
    first_pint = pint_first_call_ms()
    if args.json:
        print(json.dumps({**results, "pint_first_call_ms": first_pint}, indent=2))
        return
    print(f"{'kind':8} {'cold median':>12} {'cold p99':>10} {'cold max':>10} {'CPU max':>9} "
          f"{'slowest resp.':>14} {'warm median':>12} {'warm max':>10}  (µs per grade() call)")
    for kind, r in results.items():
        print(f"{kind:8} {r['cold_median_us']:12.1f} {r['cold_p99_us']:10.1f} {r['cold_max_us']:10.1f} "
              f"{r['cold_cpu_max_us']:9.1f} {r['cold_slowest_response_us']:14.1f} "
              f"{r['warm_median_us']:12.1f} {r['warm_max_us']:10.1f}")
    print("targets: median < 50 µs per kind, slowest call < 5000 µs. 'CPU max' is the slowest call's "
          "own CPU time (the wall max also holds the scheduler's pauses); 'slowest resp.' the median "
          "of the slowest response of the mix")
    print(f"first call that needs pint (imports it; units outside quiz's table only): {first_pint:.0f} ms")


if __name__ == "__main__":
    main()
