"""Question building at scale: median time per question on a 50,000-fact deck.

Measures, on one synthetic deck (bench/synth.py): building the deck's index once (the
first question pays it), `formats_for` on a card seen for the first time, and then
`make_question` per format on random cards and seeds. Target: median under 1 ms.

At 50,000 facts the deck file (about 7 MB) is over the default deck size limit
(``QUIZ_MAX_DECK_MB``, 5 MB); the benchmark raises the limit for its own load only, as an
author with such a deck would, since the figure is about questions, not loading.

    python bench/bench_questions.py [--facts 50000] [--questions 3000] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import write_deck  # noqa: E402

from quiz.deck import load_deck  # noqa: E402
from quiz.deck.source import MAX_DECK_ENV, max_deck_bytes  # noqa: E402
from quiz.questions import FORMATS, formats_for, index_for, make_question  # noqa: E402


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def _load_large(path: Path) -> Any:
    """Load a deck file whatever its size: the size limit is raised to fit it for this
    load only (``QUIZ_MAX_DECK_MB``), then put back as it was."""
    size = path.stat().st_size
    before = os.environ.get(MAX_DECK_ENV)
    if size > max_deck_bytes():
        os.environ[MAX_DECK_ENV] = str(size / 1e6 + 1)
    try:
        return load_deck(path)
    finally:
        if before is None:
            os.environ.pop(MAX_DECK_ENV, None)
        else:
            os.environ[MAX_DECK_ENV] = before


def run(facts: int, questions: int, seed: int = 1) -> dict[str, float]:
    """Measure and return timings in milliseconds (medians and 99th percentiles)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = write_deck(Path(tmp) / "bench.yaml", facts)
        result_size_mb = path.stat().st_size / 1e6
        deck = _load_large(path)
    start = time.perf_counter()
    index_for(deck)
    result: dict[str, float] = {"index_ms": _ms(start), "deck_mb": result_size_mb}
    rng = random.Random(seed)
    cards = [(f.id, b) for f in deck.facts for b in range(len(f.answers))]
    picked = [rng.choice(cards) for _ in range(questions)]
    offers: list[float] = []
    offered: dict[tuple[str, int], tuple[str, ...]] = {}
    for fact_id, blank in picked:
        if (fact_id, blank) in offered:
            continue
        start = time.perf_counter()
        offered[(fact_id, blank)] = formats_for(deck, fact_id, blank)
        offers.append(_ms(start))
    result["formats_for_first_median_ms"] = statistics.median(offers)
    every: list[float] = []
    for fmt in FORMATS:
        times = []
        for n, (fact_id, blank) in enumerate(picked):
            if fmt not in offered[(fact_id, blank)]:
                continue
            start = time.perf_counter()
            make_question(deck, fact_id, fmt, seed=n, blank=blank)
            times.append(_ms(start))
        if times:
            result[f"{fmt}_median_ms"] = statistics.median(times)
            result[f"{fmt}_p99_ms"] = statistics.quantiles(times, n=100)[98] if len(times) > 1 else times[0]
            every += times
    result["all_median_ms"] = statistics.median(every)
    result["all_p99_ms"] = statistics.quantiles(every, n=100)[98]
    result["questions"] = float(len(every))
    return result


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=50_000)
    parser.add_argument("--questions", type=int, default=3000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = run(args.facts, args.questions)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{args.facts:,} facts, {int(result.pop('questions')):,} questions")
    for key, value in result.items():
        print(f"  {key:<30} {value:9.3f}")
    target = result["all_median_ms"]
    print(f"median per question: {target:.3f} ms ({'meets' if target < 1 else 'misses'} the 1 ms target)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
