"""Soak run of the deck loader, by hand (not a test): thousands of mutated decks.

    .venv/bin/python bench/soak_decks.py [--decks 5000] [--seed N] [--json]

Each deck is a bundled deck (or a synthetic one of a few thousand facts) put through 1–8
random mutations: bytes cut, pasted, duplicated or swapped, YAML punctuation, tags,
anchors, control characters, huge values and many facts worded alike. Every deck is loaded
with `quiz.load_deck`; the summary counts what raised anything but `DeckError` (the loader
must never crash) and what took over 5 s while under the size limit (``QUIZ_MAX_DECK_MB``),
counted in CPU time so that a busy machine does not make a fast load look slow (the
slowest wall-clock time is reported too). Exits 1 if either count is not zero; the worst
offenders are printed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from quiz.deck import load_deck  # noqa: E402
from quiz.deck.source import max_deck_bytes  # noqa: E402
from quiz.facts import DeckError  # noqa: E402

SLOW_S = 5.0
PIECES = ["{{", "}}", ": ", "\n- ", "\t", "no", "null", "[", "]", "'", '"', "&a ", "*a", "<<: *a\n",
          "!!binary ", "!!python/object/apply:os.system [ls] ", "!custom ", "!!set ", "? ",
          "|\n", ">-\n", "%YAML 1.1\n", "~", "---\n", "...\n", "\x85", "\ufeff", "\x07", "\x1b[2J",
          "\x00", "\r", "\u2028", "\ud7ff", "\n  - text: {{}}\n", "\n    kind: date\n",
          "\n    answer: [a, b]\n", "\n    tolerance: 5%\n", "\n    blanks: [{kind: name}]\n",
          "{{1778}}", "1e999", "-0", "0x1F", "2026-13-45", "$19.3 billion", "½", "é", "東京"]


def mutate(text: str, rng: random.Random) -> str:
    """``text`` after 1–8 random edits."""
    for _ in range(rng.randint(1, 8)):
        if not text:
            text = rng.choice(PIECES)
        at = rng.randrange(len(text))
        op = rng.random()
        if op < 0.2:
            text = text[:at] + text[at + rng.randint(1, 60):]
        elif op < 0.55:
            text = text[:at] + rng.choice(PIECES) + text[at:]
        elif op < 0.7:
            end = min(len(text), at + rng.randint(1, 400))
            text = text[:end] + text[at:end] * rng.randint(1, 30) + text[end:]
        elif op < 0.8:
            other = rng.randrange(len(text))
            a, b = sorted((at, other))
            text = text[:a] + text[b:] + text[a:b]
        elif op < 0.9:  # a huge value
            text = text[:at] + "x" * rng.choice([999, 1_001, 10_001, 200_000]) + text[at:]
        else:  # many facts worded alike, without ids
            fact = "\n  - question: In what year?\n    answer: 1778"
            text = text + fact * rng.choice([10, 1_000, 20_000])
    return text


def sources(rng: random.Random) -> list[str]:
    """The decks mutated: every bundled deck and two synthetic ones."""
    from synth import make_deck_text

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "decks").glob("*.yaml"))]
    texts += [make_deck_text(n, rng.randrange(1000), deck_id=f"synth{n}") for n in (200, 1500)]
    return texts


def main() -> int:
    """Load ``--decks`` mutated decks and print the summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decks", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    bases = sources(rng)
    limit = max_deck_bytes()
    crashes: list[str] = []
    slow: list[tuple[float, int]] = []
    loaded = refused = 0
    worst = worst_cpu = 0.0
    with tempfile.TemporaryDirectory(prefix="quiz-soak-decks-") as folder:
        path = Path(folder) / "deck.yaml"
        for n in range(args.decks):
            text = mutate(rng.choice(bases), rng)
            data = text.encode("utf-8", "surrogatepass")
            path.write_bytes(data)
            start, start_cpu = time.perf_counter(), time.process_time()
            try:
                load_deck(path)
                loaded += 1
            except DeckError:
                refused += 1
            except Exception:  # noqa: BLE001 - what this soak looks for
                crashes.append(f"deck {n}: {traceback.format_exc(limit=3)}")
            took, cpu = time.perf_counter() - start, time.process_time() - start_cpu
            worst, worst_cpu = max(worst, took), max(worst_cpu, cpu)
            if cpu > SLOW_S and len(data) <= limit:
                slow.append((cpu, len(data)))
            if (n + 1) % 500 == 0:
                print(f"{n + 1} decks, {len(crashes)} crashes, {len(slow)} slow", file=sys.stderr,
                      flush=True)
    result = {"soak": "decks", "decks": args.decks, "loaded": loaded, "deck_errors": refused,
              "other_exceptions": len(crashes), "over_5s_under_limit": len(slow),
              "slowest_cpu_s": round(worst_cpu, 2), "slowest_wall_s": round(worst, 2),
              "size_limit_mb": limit / 1e6}
    print(json.dumps(result) if args.json else "  ".join(f"{k}={v}" for k, v in result.items()))
    for crash in crashes[:3]:
        print(crash, file=sys.stderr)
    for took, size in sorted(slow, reverse=True)[:3]:
        print(f"slow: {took:.1f} s of CPU for {size:,} bytes", file=sys.stderr)
    return 1 if crashes or slow else 0


if __name__ == "__main__":
    sys.exit(main())
