"""Helper for tests/unit/test_durability.py: record scripted answers, printing each commit.

Usage: python answerer.py SCORES_DIR TAG TOTAL

Records answers ``TAG:0`` … ``TAG:TOTAL-1`` (the response text), resuming after the last
one already in the store, and prints each number once its transaction has committed, so
the parent knows exactly which answers were acknowledged before it kills this process.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    """Record the answers not yet in the store; return the exit status."""
    from quiz.store import Store

    scores, tag, total = Path(argv[0]), argv[1], int(argv[2])
    with Store.open(scores) as store:
        done = store._read("SELECT count(*) FROM reviews WHERE response LIKE ?", (f"{tag}:%",))[0][0]
        session = store.start_session("study", ["d"])
        for i in range(done, total):
            verdict = ("correct", "close", "wrong")[i % 3]
            store.record_answer(session, ("d", f"f{i % 10}", i % 2), format="recall",
                                prompt=f"question {i}", response=f"{tag}:{i}",
                                verdict=verdict, duration_ms=1000 + i)
            print(i, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
