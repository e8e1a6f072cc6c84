"""Benchmark the start-up check of the score file (`quiz.study.Study.check`, a
``PRAGMA quick_check``) on the benchmark collection, beside a full ``integrity_check``.

Usage::

    .venv/bin/python bench/bench_check.py [--facts 50000] [--reviews 500000] [--runs 5] [--json]

The app runs the quick check on its store thread before the first question, so a damaged
score file is found before any answer is lost to it. Prints the median and the slowest of
``--runs`` runs, in milliseconds (the first run reads the file from the page cache or disk
as it comes). Not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import scratch_copy  # noqa: E402
from make_collection import FULL_FACTS, FULL_REVIEWS, NOW, ensure  # noqa: E402

from quiz.clock import FixedClock  # noqa: E402
from quiz.study import Study  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=FULL_FACTS)
    parser.add_argument("--reviews", type=int, default=FULL_REVIEWS)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    collection = ensure(args.facts, args.reviews)
    with tempfile.TemporaryDirectory(prefix="quiz-bench-check-") as tmp:
        scores = scratch_copy(collection.folder / "scores", Path(tmp) / "scores")
        study = Study.open(collection.folder / "decks", scores, FixedClock(NOW))
        size = study.score_file.stat().st_size
        figures: dict[str, list[float]] = {"quick_check": [], "integrity_check": []}
        try:
            for _ in range(args.runs):
                start = time.perf_counter()
                assert study.check() == []
                figures["quick_check"].append((time.perf_counter() - start) * 1000)
            for _ in range(max(1, args.runs // 2)):
                start = time.perf_counter()
                study.store.integrity_check()
                figures["integrity_check"].append((time.perf_counter() - start) * 1000)
        finally:
            study.close()
    result = {name: {"median_ms": round(statistics.median(v), 1), "max_ms": round(max(v), 1)}
              for name, v in figures.items()}
    result["file_mb"] = round(size / 1e6, 1)  # type: ignore[assignment]
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"score file: {size / 1e6:.1f} MB, {args.reviews:,} reviews, {args.facts:,} facts")
    for name, v in figures.items():
        print(f"{name:<16} median {statistics.median(v):8.1f} ms   max {max(v):8.1f} ms   ({len(v)} runs)")


if __name__ == "__main__":
    main()
