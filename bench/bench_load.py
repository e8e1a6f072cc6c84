"""Deck loading at scale: a 10,000-fact deck, loaded fresh and from the compiled cache.

Baseline, measured in the same run: PyYAML's C loader parsing the same file alone (which
checks nothing, keeps no positions and silently accepts duplicate keys).

    python bench/bench_load.py [--facts 10000] [--repeat 7] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import write_deck  # noqa: E402

from quiz.deck import load_deck  # noqa: E402
from quiz.library import load_deck_cached  # noqa: E402


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    """Wall times in milliseconds of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def run(facts: int, repeat: int, fresh: bool = True) -> dict[str, float]:
    """Measure and return medians (and the slowest cached load) in milliseconds.

    Without ``fresh``, `load_deck` alone (no cache at all) is not timed (saves time in
    ``run.py --quick``; the first load through the cache is timed either way).
    """
    with tempfile.TemporaryDirectory() as tmp:
        path = write_deck(Path(tmp) / "bench.yaml", facts)
        cache = Path(tmp) / "cache"

        def c_parse() -> object:
            with path.open("rb") as fh:
                return yaml.load(fh, Loader=yaml.CSafeLoader)

        def cold() -> object:
            for entry in cache.glob("*"):
                entry.unlink()
            return load_deck_cached(path, cache)

        baseline = timed(c_parse, repeat)
        plain = timed(lambda: load_deck(path), repeat) if fresh else []
        first = timed(cold, repeat)
        load_deck_cached(path, cache)
        cached = timed(lambda: load_deck_cached(path, cache), repeat)
        every = timed(lambda: tuple(load_deck_cached(path, cache).facts), repeat)
    base = statistics.median(baseline)
    result = {
        "facts": facts,
        "pyyaml_c_parse_ms": base,
        "first_load_with_cache_write_ms": statistics.median(first),
        "first_load_ratio": statistics.median(first) / base,
        "cached_load_ms": statistics.median(cached),
        "cached_load_max_ms": max(cached),
        "cached_all_facts_ms": statistics.median(every),
        "cached_ratio": statistics.median(cached) / base,
        "cached_target_ms": 50.0,
    }
    if plain:
        result["load_deck_ms"] = statistics.median(plain)
        result["load_deck_ratio"] = statistics.median(plain) / base
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = run(args.facts, args.repeat)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"deck of {args.facts:,} facts, medians of {args.repeat} runs")
    print(f"  PyYAML C loader, parse only (baseline) {result['pyyaml_c_parse_ms']:9.1f} ms")
    print(f"  quiz.load_deck (parse + check)         {result['load_deck_ms']:9.1f} ms"
          f"  ({result['load_deck_ratio']:.2f}x baseline)")
    print(f"  first load, compiling the cache        {result['first_load_with_cache_write_ms']:9.1f} ms")
    print(f"  unchanged deck, from the cache         {result['cached_load_ms']:9.1f} ms"
          f"  ({result['cached_ratio']:.2f}x baseline; target <= 50 ms)")


if __name__ == "__main__":
    main()
