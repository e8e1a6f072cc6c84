"""What a learner sees first on the benchmark's synthetic collection, fixed clock and seed.

`test_launch_golden.py` compares this against ``tests/data/launch_golden.json``, recorded
before start-up was reworked (issue 17), so making the first question come sooner cannot
change which question comes, the queue's order or the home screen's counts.

When a change of behaviour is intended (a new queue rule, other distractors), record the
file again and say why in the commit::

    .venv/bin/python tests/unit/launch_golden.py > tests/data/launch_golden.json
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import make_collection  # noqa: E402

from quiz.clock import FixedClock  # noqa: E402

FACTS, REVIEWS, SEED = 400, 4000, 5
"""Small enough to build in about a second; every deck has due, learning and new cards."""

ANSWERS = 70
"""Answers given in the recorded session (right, close-ish and wrong in turn)."""


def open_synthetic(folder: Path, facts: int, reviews: int, seed: int) -> Any:
    """A `Study` open on a small synthetic collection built in ``folder`` (the benchmark's
    generator), at its clock; the caller closes it."""
    from quiz.study import Study

    collection = make_collection.ensure(facts, reviews, seed, folder=folder / "collection")
    return Study.open(collection.decks_dir, collection.scores_dir, FixedClock(make_collection.NOW))


@pytest.fixture()
def study(tmp_path: Path) -> Iterator[Any]:
    """A `Study` on a synthetic collection of 300 facts and 3,000 reviews (seed 11), for the
    tests that hold counts and kept figures equal to a plain build (import it as a fixture)."""
    opened = open_synthetic(tmp_path, 300, 3000, 11)
    yield opened
    opened.close()


def _question(card: Any) -> dict[str, Any]:
    q = card.question
    return {"key": list(card.key), "format": q.format, "prompt": q.prompt,
            "options": [str(o) for o in q.options] if q.options else None,
            "answer": q.answer, "new": card.is_new}


def _response(card: Any, n: int) -> Any:
    """A deterministic answer: the right one two times in three, else a wrong one."""
    q = card.question
    right = n % 3 != 2
    if q.format in ("recall", "cloze"):
        return q.answer if right else "no idea"
    if q.format == "order":
        order = list(q.solution)
        return order if right else list(reversed(order))
    if q.format == "match":
        pairs = list(enumerate(q.solution))
        return pairs if right else [(a, (b + 1) % len(pairs)) for a, b in pairs]
    correct = q.correct_index or 0
    return correct if right else (correct + 1) % len(q.options)


def record(folder: Path) -> dict[str, Any]:
    """Build the collection under ``folder`` and read what start-up shows, as plain data."""
    from quiz.study import Study

    collection = make_collection.ensure(FACTS, REVIEWS, SEED, folder=folder / "collection")
    clock = FixedClock(make_collection.NOW)
    study = Study.open(collection.decks_dir, collection.scores_dir, clock)
    try:
        found: dict[str, Any] = {"overview": [
            [r.deck_id, r.due, r.new, r.total, r.seen, r.retention]
            for r in study.overview()]}
        decks = study.decks()
        queues = {}
        for deck_ids in [[d.id] for d in decks] + [[d.id for d in decks]]:
            queue = study.store.study_queue(study.decks(deck_ids), clock.now())
            counts = queue.counts()
            order = []
            while (item := queue.next(clock.now())) is not None:
                order.append([*item.key, item.kind])
            queues["+".join(deck_ids)] = {"counts": [counts.learning, counts.review, counts.new],
                                          "order": order}
        found["queues"] = queues
        deck = collection.study_deck
        session = study.start([deck], "study", seed=1)
        asked = []
        for n in range(ANSWERS):
            card = session.next()
            if card is None:
                break
            outcome = session.answer(_response(card, n), 4000 + 250 * n)
            asked.append({**_question(card), "verdict": outcome.grade.verdict,
                          "rating": outcome.rating})
            clock.advance(timedelta(seconds=20))
        session.finish()
        found["session"] = asked
        found["overview_after"] = [[r.deck_id, r.due, r.new, r.seen] for r in study.overview()]
    finally:
        study.close()
    return found


def dump(found: dict[str, Any]) -> str:
    """The recording as JSON with one queue entry or question per line (readable diffs)."""
    lines = ["{"]
    parts = []
    parts.append(f' "overview": {json.dumps(found["overview"])}')
    queues = [f'  {json.dumps(name)}: {{"counts": {json.dumps(q["counts"])}, "order": [\n'
              + ",\n".join(f"   {json.dumps(o)}" for o in q["order"]) + "]}"
              for name, q in found["queues"].items()]
    parts.append(' "queues": {\n' + ",\n".join(queues) + "}")
    parts.append(' "session": [\n' + ",\n".join(
        f"  {json.dumps(a, ensure_ascii=False)}" for a in found["session"]) + "]")
    parts.append(f' "overview_after": {json.dumps(found["overview_after"])}')
    lines.append(",\n".join(parts))
    lines.append("}")
    return "\n".join(lines)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        print(dump(record(Path(tmp))))
