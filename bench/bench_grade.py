"""Median time per `quiz.grading.grade` call, per answer kind.

Run by hand: ``.venv/bin/python bench/bench_grade.py [--repeat N]``. Target (issue 3):
under 50 µs for dates, numbers and names. Each kind is timed over a mix of right, close
and wrong responses, against answers parsed once (as the deck loader does); the expected
answer is never re-parsed per call.
"""

from __future__ import annotations

import argparse
import statistics
import time

from quiz.facts import Answer, Fact, Kind, Tolerance
from quiz.grading import grade
from quiz.values import parse
from quiz.values.common import fold

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


def main() -> None:
    """Print the median µs per grade() call for each kind."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=2000)
    args = parser.parse_args()
    print(f"{'kind':8} {'median µs/grade':>16} {'cold fold cache':>16}  target")
    for kind, ((text, tolerance, category), responses) in CASES.items():
        fact = _fact(kind, text, tolerance, category)
        warm = median_per_call(fact, responses, args.repeat)
        cold = median_per_call(fact, responses, args.repeat, cold=True)
        target = "< 50 µs" if kind in ("date", "number", "name") else ""
        print(f"{kind:8} {warm * 1e6:16.1f} {cold * 1e6:16.1f}  {target}")


if __name__ == "__main__":
    main()
