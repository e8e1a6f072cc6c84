"""A fresh process that opens a collection and takes its first question, then exits.

    python bench/first_card.py quiz DECKS SCORES DECK NOW_ISO
    python bench/first_card.py anki COLLECTION DECK

Run by `run.py` (quiz's engine, no UI) and `bench_anki.py` (Anki's engine) so that both
sides are timed the same way: whole process, from spawn to exit, importing only what the
engine itself needs (this file imports nothing else). It prints one JSON line: the time
inside the process, the peak memory (VmHWM) and the question's length.
"""

from __future__ import annotations

import json
import sys
import time

READY = "BENCH-FIRST-CARD "


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB (VmHWM on Linux, ru_maxrss elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def quiz_first(decks: str, scores: str, deck: str, now: str) -> tuple[int, str]:
    """quiz's engine: open the study service on ``deck`` and take its first card."""
    from datetime import datetime
    from pathlib import Path

    from quiz.clock import FixedClock
    from quiz.study import Study

    study = Study.open(Path(decks), Path(scores), FixedClock(datetime.fromisoformat(now)),
                       first=deck)
    session = study.start([deck], seed=1)
    card = session.next()
    if card is None:
        raise SystemExit("nothing to ask in the deck")
    return len(card.question.prompt), card.question.format


def anki_first(path: str, deck: str) -> tuple[int, str]:
    """Anki's engine: open the collection, select ``deck``, take and render its first card."""
    from anki.collection import Collection

    col = Collection(path)
    col.decks.select(col.decks.id_for_name(deck))
    queued = col.sched.get_queued_cards(fetch_limit=1)
    card = col.get_card(queued.cards[0].card.id)
    return len(card.question()), "card"


def main(argv: list[str]) -> int:
    """Take the first question and report."""
    start = time.perf_counter()
    engine, *args = argv
    chars, kind = quiz_first(*args) if engine == "quiz" else anki_first(*args)
    print(READY + json.dumps({"in_process_ms": (time.perf_counter() - start) * 1000,
                              "peak_rss_mb": peak_rss_mb(), "chars": chars, "format": kind}),
          flush=True)
    finish_background()
    return 0


def finish_background() -> None:
    """In a warm-up run (``BENCH_WARM=1``, not counted), let quiz's background writers (the
    relations sidecar) finish before exit, as they do in an app that keeps running: the
    counted runs then start from what a learner's second launch finds."""
    import os

    if os.environ.get("BENCH_WARM") != "1":
        return
    import threading

    for thread in threading.enumerate():
        if thread is not threading.current_thread() and thread.name.startswith("quiz-"):
            thread.join(60)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
