"""Benchmark `quiz optimize` on the benchmark collection: time and peak memory of the fit.

Usage::

    .venv/bin/python bench/bench_optimize.py [--facts 50000] [--reviews 500000] [--seed 1]
                                             [--dir DIR] [--apply] [--json]

Builds (or reuses) the collection of `bench/make_collection.py`, copies its scores folder
to a scratch folder, and measures, in one fresh process, one run of each step:

- reading the answers that moved the schedule from the store (`quiz.optimize.gather`);
- fitting: training items, the fit on the oldest 80% and both scores on the rest
  (`quiz.scheduler.fitting.fit`, through `quiz.optimize.evaluate`);
- the workload simulation at 0.80/0.85/0.90/0.95 (part of ``evaluate``);
- with ``--apply``, applying the fit: every card's state recomputed from the log.

Targets (issue 16): reading and fitting under 60 s and 500 MB peak resident memory on
2 cores. Peak memory is the process's high-water mark (VmHWM), imports included. Not a test.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import machine, peak_rss_mb, scratch_copy  # noqa: E402
from make_collection import FULL_FACTS, FULL_REVIEWS, NOW, ensure  # noqa: E402

TARGET_SECONDS = 60.0
TARGET_MB = 500.0


def main(argv: list[str] | None = None) -> int:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=FULL_FACTS)
    parser.add_argument("--reviews", type=int, default=FULL_REVIEWS)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", type=Path, help="the collection's folder (default bench/out/…)")
    parser.add_argument("--apply", action="store_true", help="also time applying the fit")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    from quiz.clock import FixedClock
    from quiz.library import load_library
    from quiz.optimize import apply_fit, evaluate, gather
    from quiz.store import Store

    collection = ensure(args.facts, args.reviews, args.seed, folder=args.dir)
    steps: dict[str, float] = {}
    marks: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="quiz-bench-optimize-") as scratch:
        scores = scratch_copy(collection.scores_dir, Path(scratch) / "scores")
        decks = list(load_library(collection.decks_dir).decks)
        rss_before = peak_rss_mb()
        with Store.open(scores, FixedClock(NOW)) as store:
            start = time.perf_counter()
            inputs = gather(store, decks)
            steps["read"] = time.perf_counter() - start

            def progress(what: str, done: float) -> None:
                marks.append((what, time.perf_counter()))

            start = time.perf_counter()
            outcome, load = evaluate(inputs, progress)
            ended = time.perf_counter()
            fitted = next((t for what, t in marks if what == "Done"), ended)
            steps["items"] = next((t for what, t in marks if what.startswith("Fitting")),
                                  fitted) - start
            steps["fit"] = next((t for what, t in marks if what.startswith("Scoring")),
                                fitted) - start - steps["items"]
            steps["score"] = fitted - start - steps["items"] - steps["fit"]
            steps["workload"] = ended - fitted
            peak_fit = peak_rss_mb()
            if args.apply and outcome.better:
                start = time.perf_counter()
                changed = apply_fit(store, outcome)
                steps["apply"] = time.perf_counter() - start
            else:
                changed = 0
    fit = outcome.fit
    figures = {
        "collection": str(collection.folder.name), "reviews": outcome.reviews,
        "items": fit.items if fit else None, "held_back": fit.held_back if fit else None,
        "seconds": {k: round(v, 2) for k, v in steps.items()},
        "read_and_fit_seconds": round(steps["read"] + steps["items"] + steps["fit"]
                                      + steps["score"], 2),
        "peak_rss_mb_before": round(rss_before, 1), "peak_rss_mb": round(peak_fit, 1),
        "peak_rss_mb_after_apply": round(peak_rss_mb(), 1) if args.apply else None,
        "log_loss_before": fit.log_loss_before if fit else None,
        "log_loss_after": fit.log_loss_after if fit else None,
        "rmse_before": fit.rmse_before if fit else None,
        "rmse_after": fit.rmse_after if fit else None,
        "applied_cards": changed, "problem": outcome.problem,
        "suggested_retention": load.suggested,
        "targets": {"seconds": TARGET_SECONDS, "peak_rss_mb": TARGET_MB},
        "machine": machine(),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    total = figures["read_and_fit_seconds"]
    print(f"collection        {figures['collection']}: {outcome.reviews:,} scheduled answers, "
          f"{figures['items'] or 0:,} training items")
    for name, seconds in figures["seconds"].items():  # type: ignore[union-attr]
        print(f"  {name:<14} {seconds:8.2f} s")
    print(f"read + fit        {total:8.2f} s   (target < {TARGET_SECONDS:g} s)")
    print(f"peak memory       {figures['peak_rss_mb']:8.1f} MB  (target < {TARGET_MB:g} MB; "
          f"{figures['peak_rss_mb_before']} MB before reading)")
    if fit is not None:
        print(f"log loss          {fit.log_loss_before:.4f} -> {fit.log_loss_after:.4f}; "
              f"RMSE {fit.rmse_before:.4f} -> {fit.rmse_after:.4f}")
    else:
        print(outcome.problem)
    return 0


if __name__ == "__main__":
    sys.exit(main())
