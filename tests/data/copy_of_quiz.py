"""Helper for tests/unit/test_two_copies.py and bench/soak_store.py: one running copy of quiz.

Usage: python copy_of_quiz.py DECKS_DIR SCORES_DIR [START_ISO]

Opens the study service as the app does (`quiz.study.Study.open`), then obeys one command
per line on stdin, answering one line on stdout once it is done:

``study N``   answer N cards (the schedule's, then cram when none is due), printing
              ``saved SESSION_ID COUNT`` after each answer the service reported saved;
``backup``    move the clock a day on and make the daily backup in this process, as the
              app does at start (``backup ok`` or ``backup failed: …``);
``quit``      close the store and exit.

Errors are printed as ``error: …`` lines; nothing is retried, so the parent sees them.
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path


def main(argv: list[str]) -> int:
    """Run commands from stdin until ``quit``."""
    from quiz.clock import FixedClock
    from quiz.store import StoreError
    from quiz.study import Study

    decks, scores = Path(argv[0]), Path(argv[1])
    start = datetime.fromisoformat(argv[2]) if len(argv) > 2 else datetime(2026, 3, 2, 18, tzinfo=timezone.utc)
    clock = FixedClock(start)
    study = Study.open(decks, scores, clock)
    deck_ids = [d.id for d in study.decks()]
    session = None
    print("ready", flush=True)
    for line in sys.stdin:
        command, *rest = line.split()
        try:
            if command == "study":
                for _ in range(int(rest[0])):
                    card = session.next() if session is not None else None
                    if card is None:
                        if session is not None:
                            session.finish()
                        session = study.start(deck_ids, "study")
                        card = session.next()
                        if card is None:
                            session = study.start(deck_ids, "cram")
                            card = session.next()
                    session.answer(_response(card.question), 2500)
                    clock.advance(timedelta(seconds=7))
                    print(f"saved {session.session_id} 1", flush=True)
                print("done", flush=True)
            elif command == "backup":
                clock.advance(timedelta(days=1))
                problem = study.backup_daily()
                print("backup ok" if problem is None else f"backup failed: {problem}", flush=True)
            elif command == "quit":
                break
        except (StoreError, RuntimeError) as exc:
            print(f"error: {exc}", flush=True)
    if session is not None:
        try:
            session.finish()
        except StoreError as exc:
            print(f"error: {exc}", flush=True)
    study.close()
    print("bye", flush=True)
    return 0


def _response(question: object) -> object:
    """Some answer of the shape the question's format takes (right or wrong alike)."""
    format, options = question.format, question.options  # type: ignore[attr-defined]
    if format == "order":
        return list(range(len(options)))
    if format == "match":
        return [(i, i) for i in range(len(options))]
    return 0 if options else "1778"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
