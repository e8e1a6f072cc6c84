"""Median time per `quiz.grading.grade` call, per answer kind.

Run by hand: ``.venv/bin/python bench/bench_grade.py [--repeat N] [--json]``. Target
(issue 3): under 50 µs for dates, numbers and names. Each kind is timed over a mix of right,
close and wrong responses, against answers parsed once (as the deck loader does); the
expected answer is never re-parsed per call. "Cold" empties the text-folding cache before
every call, as for a response the learner has just typed (the honest figure); "warm" lets
the cache answer, as when the same text comes back.
"""

from __future__ import annotations

import argparse
import json
import statistics
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
        ["April 13, 2018", "13 April 2018", "2018-04-13", "4/13/2018", "April 12, 2018", "2018", "in 1778", "no idea"],
    ),
    "number": (
        ("$19.3 billion", Tolerance(2, True), None),
        ["$19.3 billion", "19.3bn", "19,300,000,000", "19.5 billion", "19.3 million", "€19.3 billion", "19.3", "lots"],
    ),
    "name": (
        ("Jean-Yves Le Drian", None, "person"),
        ["Jean-Yves Le Drian", "le drian", "Le Drain", "Jean-Marc Ayrault", "Drian", "JEAN YVES LEDRIAN", "Parly", "x"],
    ),
    "text": (
        ("military space cooperation", None, None),
        ["military space cooperation", "Military-Space Cooperation", "militray space cooperation", "space"],
    ),
    "list": (
        ("Marseille, Strasbourg", None, None),
        ["Marseille, Strasbourg", "Strasbourg and Marseille", "Marseille", "Marseille, Lyon"],
    ),
}


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


def per_call(fact: Fact, responses: list[str], repeat: int, cold: bool) -> list[float]:
    """Microseconds of each of ``repeat`` rounds × ``responses`` single `grade` calls."""
    for response in responses:  # warm imports and the answer's own caches
        grade(fact, response)
    clock = time.perf_counter
    samples = []
    for _ in range(repeat):
        for response in responses:
            if cold:
                fold.cache_clear()
            start = clock()
            grade(fact, response)
            samples.append((clock() - start) * 1e6)
    return samples


def run(repeat: int = 2000) -> dict[str, dict[str, float]]:
    """Per kind: median and 99th percentile µs per call, cold and warm."""
    results = {}
    for kind, ((text, tolerance, category), responses) in CASES.items():
        fact = _fact(kind, text, tolerance, category)
        cold_med, cold_p99 = median_p99(per_call(fact, responses, repeat, cold=True))
        warm_med, warm_p99 = median_p99(per_call(fact, responses, repeat, cold=False))
        results[kind] = {"cold_median_us": cold_med, "cold_p99_us": cold_p99,
                         "warm_median_us": warm_med, "warm_p99_us": warm_p99,
                         "calls": float(repeat * len(responses))}
    return results


def main() -> None:
    """Print µs per grade() call for each kind."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = run(args.repeat)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{'kind':8} {'cold median':>12} {'cold p99':>10} {'warm median':>12} {'warm p99':>10}"
          "  (µs per grade() call)  target")
    for kind, r in results.items():
        target = "< 50 µs" if kind in ("date", "number", "name") else ""
        print(f"{kind:8} {r['cold_median_us']:12.1f} {r['cold_p99_us']:10.1f} "
              f"{r['warm_median_us']:12.1f} {r['warm_p99_us']:10.1f}  {'':22} {target}")


if __name__ == "__main__":
    main()
