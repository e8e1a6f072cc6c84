"""The anchor for quiz's engine: Anki's own (the `anki` package, Rust backend, FSRS on).

    .venv/bin/pip install -e '.[bench]'       # the optional `anki` package
    .venv/bin/python bench/bench_anki.py [--facts 50000] [--reviews 500000] [--json]

Builds the Anki twin of a benchmark collection (`make_collection.py`) once, into
``bench/out/anki-<collection>/collection.anki2``: the same decks (a Basic note per question,
a Cloze note per statement, one card per quiz card), the same card states (new, learning,
review, relearning, suspended; FSRS stability and difficulty) with their due times moved
from the collection's clock to the real now (Anki schedules against the wall clock), and
the same review log. Then measures, like quiz's own figures in `run.py`:

- open → first card: a fresh ``python`` that imports anki, opens the collection, selects
  the largest deck and takes its first queued card with its question rendered (whole
  process, as quiz's domain launch is timed); its peak memory (VmHWM) there;
- due counts for every deck: ``col.sched.deck_due_tree()``;
- one answer: ``col.sched.answer_card`` on 2,000 consecutive cards (rated Good, Hard,
  Again in turn), each timed alone.

Without the `anki` package every figure says so (`available()` is False); run.py shows
the rows as missing anchors, never invented.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import median_p99, spawn_first_card  # noqa: E402

BUILD = 1
"""Bump when the twin's content changes."""

DAY_MS = 86_400_000


def available() -> str | None:
    """None when the `anki` package can be imported; else why not."""
    try:
        import anki  # noqa: F401
    except ImportError as exc:
        return f"the optional `anki` package is not installed ({exc}); pip install -e '.[bench]'"
    return None


def twin_path(collection: Any) -> Path:
    """Where the Anki twin of ``collection`` lives (beside it: rebuilding the collection
    for a new quiz schema leaves the twin alone)."""
    return collection.folder.parent / f"anki-{collection.folder.name}" / "collection.anki2"


def twin_stamp(collection: Any) -> dict[str, Any]:
    """What the twin depends on: the collection's sizes, seed and generator, not the quiz
    store's schema (which changes the collection's fingerprint but not its content)."""
    import hashlib

    digest = hashlib.sha256(str(BUILD).encode())
    for name in ("make_collection.py", "synth.py", "bench_anki.py"):
        digest.update((HERE / name).read_bytes())
    return {"facts": collection.manifest.get("facts"),
            "reviews": collection.manifest.get("reviews"),
            "seed": collection.manifest.get("seed"), "generator": digest.hexdigest()[:16]}


def ensure_twin(collection: Any, say: Any = None) -> Path:
    """The Anki twin of ``collection``, built unless already there for this build."""
    path = twin_path(collection)
    stamp = path.parent / "built.json"
    wanted = twin_stamp(collection)
    try:
        if json.loads(stamp.read_text(encoding="utf-8")) == wanted and path.exists():
            return path
    except (OSError, ValueError):
        pass
    if say:
        say("building the Anki twin of the collection (once)…")
    if path.parent.exists():
        shutil.rmtree(path.parent)
    path.parent.mkdir(parents=True)
    build_twin(collection, path)
    stamp.write_text(json.dumps(wanted), encoding="utf-8")
    return path


def _cloze(text: str) -> str:
    from quiz.facts import BLANK_RE

    n = iter(range(1, 1000))
    return BLANK_RE.sub(lambda m: f"{{{{c{next(n)}::{m.group(1)}}}}}", text)


def build_twin(collection: Any, path: Path) -> None:
    """Write the Anki collection mirroring ``collection`` (decks, card states, review log).

    Notes go in through Anki itself (`add_notes`, so its cards are generated as Anki does);
    the card states and the review log are then written straight into its tables in one
    transaction (through Anki's own database calls they took tens of minutes).
    """
    from anki.collection import AddNoteRequest, Collection

    from make_collection import NOW
    from quiz.clock import to_ms
    from quiz.library import load_library
    from quiz.locations import cache_dir, database_path

    decks = load_library(collection.decks_dir, cache_dir(collection.scores_dir)).decks
    note_of: dict[int, tuple[str, str]] = {}
    col = Collection(os.fspath(path))
    try:
        col.set_config("fsrs", True)
        basic = col.models.by_name("Basic")
        cloze = col.models.by_name("Cloze")
        for deck in decks:
            deck_id = col.decks.id(deck.id)
            requests, facts = [], []
            for fact in deck.facts:
                if fact.is_statement:
                    note = col.new_note(cloze)
                    note["Text"] = _cloze(fact.text or "")
                else:
                    note = col.new_note(basic)
                    note["Front"] = fact.question or ""
                    note["Back"] = fact.answer.display
                requests.append(AddNoteRequest(note=note, deck_id=deck_id))
                facts.append(fact)
            col.add_notes(requests)
            for request, fact in zip(requests, facts):
                note_of[request.note.id] = (deck.id, fact.id)
        today = col.sched.today
    finally:
        col.close(downgrade=False)
    shift = int(time.time() * 1000) - to_ms(NOW)
    now_ms = to_ms(NOW)
    conn = sqlite3.connect(os.fspath(path), isolation_level=None)
    quiz_db = sqlite3.connect(f"file:{database_path(collection.scores_dir)}?mode=ro", uri=True)
    try:
        conn.execute("PRAGMA synchronous = OFF")
        card_of = {(*note_of[nid], ord_): cid
                   for cid, nid, ord_ in conn.execute("SELECT id, nid, ord FROM cards")}
        updates = []
        for (deck_id, fact_id, blank, state, stability, difficulty, due, last, reps, lapses,
             suspended) in quiz_db.execute(
                "SELECT deck_id, fact_id, blank, state, stability, difficulty, due, "
                "last_review, reps, lapses, suspended FROM cards"):
            card_id = card_of.get((deck_id, fact_id, blank))
            if card_id is None or state == 0:
                continue
            if state == 2:
                anki_due = today + (due - now_ms) // DAY_MS
                ivl = max(1, (due - (last or due)) // DAY_MS)
            else:
                anki_due = (due + shift) // 1000
                ivl = 0
            data = json.dumps({"s": stability, "d": difficulty, "dr": 0.9})
            queue = -1 if suspended else {1: 1, 2: 2, 3: 1}[state]
            updates.append((state, queue, anki_due, ivl, reps, lapses,
                            1 if state in (1, 3) else 0, data, card_id))
        used: set[int] = set()
        rows = []
        for at, deck_id, fact_id, blank, mode, rating, duration, state_from in quiz_db.execute(
                "SELECT reviewed_at, deck_id, fact_id, blank, mode, rating, duration_ms, "
                "state_from FROM reviews ORDER BY id"):
            card_id = card_of.get((deck_id, fact_id, blank))
            if card_id is None:
                continue
            review_id = at + shift
            while review_id in used:
                review_id += 1
            used.add(review_id)
            kind = 3 if mode != "study" else {0: 0, 1: 0, 2: 1, 3: 2}[state_from]
            rows.append((review_id, card_id, -1, rating, 1, 0, 2500, duration, kind))
        conn.execute("BEGIN")
        conn.executemany("UPDATE cards SET type = ?, queue = ?, due = ?, ivl = ?, reps = ?, "
                         "lapses = ?, left = ?, data = ?, factor = 2500 WHERE id = ?", updates)
        conn.executemany("INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, "
                         "type) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        conn.execute("COMMIT")
    finally:
        quiz_db.close()
        conn.close()


# -- the measurements ---------------------------------------------------------------------


def first_card(path: Path, deck: str) -> tuple[float, dict[str, Any]]:
    """Wall time (ms) of a fresh process to its first card (`first_card.py`), and what it
    reported."""
    return spawn_first_card("anki", os.fspath(path), deck)


def in_process(path: Path, deck: str, runs: int, answers: int) -> dict[str, Any]:
    """Due counts for every deck and one answer's time, on a scratch copy of the twin."""
    from anki.collection import Collection
    from anki.scheduler.v3 import CardAnswer

    scratch = path.parent.parent / "anki-scratch"
    if scratch.exists():
        shutil.rmtree(scratch)
    shutil.copytree(path.parent, scratch)
    col = Collection(os.fspath(scratch / path.name))
    try:
        tree_ms = []
        for _ in range(runs):
            start = time.perf_counter()
            col.sched.deck_due_tree()
            tree_ms.append((time.perf_counter() - start) * 1000)
        card_ids = col.find_cards(f'"deck:{deck}"', order=True)[:answers]
        ratings = (CardAnswer.GOOD, CardAnswer.HARD, CardAnswer.AGAIN)
        answer_ms = []
        for n, card_id in enumerate(card_ids):
            card = col.get_card(card_id)
            card.start_timer()
            states = col._backend.get_scheduling_states(card_id)
            answer = col.sched.build_answer(card=card, states=states, rating=ratings[n % 3])
            start = time.perf_counter()
            col.sched.answer_card(answer)
            answer_ms.append((time.perf_counter() - start) * 1000)
    finally:
        col.close(downgrade=False)
        shutil.rmtree(scratch, ignore_errors=True)
    return {"deck_due_tree_ms": tree_ms, "answer_ms": answer_ms}


def measure(collection: Any, launches: int, runs: int, answers: int,
            say: Any = None) -> dict[str, Any]:
    """Every Anki figure for ``collection``: first card (fresh processes), due tree,
    answers. (`run.py` takes the first-card launches itself, alternating with quiz's.)"""
    path = ensure_twin(collection, say)
    deck = collection.study_deck
    first_card(path, deck)  # warms the disk cache; not counted
    wall, memory = [], []
    for _ in range(launches):
        ms, found = first_card(path, deck)
        wall.append(ms)
        memory.append(found["peak_rss_mb"])
    return {"first_card_ms": wall, "peak_rss_mb": memory, **in_process(path, deck, runs, answers)}


def main() -> None:
    """Build the twin if needed and print the figures."""
    from make_collection import FULL_FACTS, FULL_REVIEWS, ensure

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=FULL_FACTS)
    parser.add_argument("--reviews", type=int, default=FULL_REVIEWS)
    parser.add_argument("--launches", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    why = available()
    if why:
        raise SystemExit(why)
    found = measure(ensure(args.facts, args.reviews), args.launches, 20, 2000,
                    lambda s: print(s, file=sys.stderr))
    if args.json:
        print(json.dumps(found, indent=2))
        return
    for name in ("first_card_ms", "deck_due_tree_ms", "answer_ms"):
        med, p99 = median_p99(found[name])
        print(f"{name:<28} median {med:8.2f} ms  p99 {p99:8.2f}  max {max(found[name]):8.2f}")
    print(f"{'peak memory':<28} median {sorted(found['peak_rss_mb'])[len(found['peak_rss_mb']) // 2]:8.1f} MB")


if __name__ == "__main__":
    main()
