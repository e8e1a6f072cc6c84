"""A synthetic but realistic collection for the benchmarks: decks and a year of history.

    .venv/bin/python bench/make_collection.py [--facts 50000] [--reviews 500000] [--seed 1]
                                              [--dir DIR] [--force]

Builds, deterministically from the seed, into ``DIR`` (default
``bench/out/collection-<facts>f-<reviews>r-s<seed>/``):

- ``decks/``: five decks totalling ``--facts`` facts of every kind (dates, figures, names,
  lists and statements with blanks; `bench/synth.py`), of 40/20/20/10/10 % of the facts;
- ``scores/quiz.sqlite3``: the store, through the app's own schema, holding a year of
  history that ends the day before ``NOW``: ``--reviews`` review rows on most days, in
  sessions of 15–150 answers on one deck each (study, some cram and exam), a tenth of
  the cards never seen, card states that follow each card's answers (learning and
  relearning cards due, and a tenth of the others), session counts, scores, points and
  personal bests that agree with the log;
- ``scores/cache/``: the compiled deck cache, warm, as after the learner's first launch;
- ``manifest.json``: what was built, with a fingerprint of the generator and the schema.

A folder whose manifest matches (same sizes, seed and fingerprint) is reused as it is;
anything else is rebuilt from scratch. Benchmarks that write (an answer's transaction, a
launch that starts a session) work on a copy (`common.scratch_copy`), never on the
collection itself.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sqlite3
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import OUT, ROOT  # noqa: E402
from synth import make_deck_text  # noqa: E402

NOW = datetime(2026, 6, 1, 18, 0, tzinfo=timezone.utc)
"""The collection's "now": give the app ``FixedClock(NOW)`` to study it."""

FULL_FACTS = 50_000
FULL_REVIEWS = 500_000
DECKS = (("history", 0.4), ("science", 0.2), ("geography", 0.2), ("economics", 0.1),
         ("people", 0.1))
"""Deck ids and their share of the facts; the first and largest is the one studied."""

DAYS = 365
DAY_MS = 86_400_000
BUILD = 1
"""Bump when the output changes in a way the fingerprint cannot see."""


@dataclass(frozen=True)
class Collection:
    """A built collection: where its decks and scores are, and its manifest."""

    folder: Path
    manifest: dict[str, Any]

    @property
    def decks_dir(self) -> Path:
        """The decks folder (give it to the app as ``decks_dir``)."""
        return self.folder / "decks"

    @property
    def scores_dir(self) -> Path:
        """The scores folder; copy it before writing to it."""
        return self.folder / "scores"

    @property
    def study_deck(self) -> str:
        """The id of the deck a benchmark session studies (the largest)."""
        return str(self.manifest["decks"][0]["id"])


def fingerprint() -> str:
    """A hash of everything that decides the collection's content."""
    digest = hashlib.sha256(str(BUILD).encode())
    here = Path(__file__).resolve().parent
    for path in (here / "make_collection.py", here / "synth.py", ROOT / "quiz/store/schema.py"):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def default_folder(facts: int, reviews: int, seed: int) -> Path:
    """Where a collection of these sizes is cached."""
    return OUT / f"collection-{facts}f-{reviews}r-s{seed}"


def deck_sizes(facts: int) -> list[int]:
    """Facts per deck: the shares of `DECKS`, at least one each, summing to ``facts``."""
    if facts < len(DECKS):
        raise ValueError(f"a collection needs at least {len(DECKS)} facts")
    sizes = [max(1, int(facts * share)) for _, share in DECKS]
    sizes[0] += facts - sum(sizes)
    return sizes


def ensure(facts: int = FULL_FACTS, reviews: int = FULL_REVIEWS, seed: int = 1,
           folder: Path | None = None, force: bool = False) -> Collection:
    """The collection of these sizes and seed: reused when already built, else built."""
    folder = folder or default_folder(facts, reviews, seed)
    manifest_path = folder / "manifest.json"
    if not force and manifest_path.exists():
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            manifest = {}
        wanted = {"facts": facts, "reviews": reviews, "seed": seed, "fingerprint": fingerprint()}
        if all(manifest.get(k) == v for k, v in wanted.items()):
            return Collection(folder, manifest)
    return build(folder, facts, reviews, seed)


def build(folder: Path, facts: int, reviews: int, seed: int) -> Collection:
    """Build the collection into ``folder`` from scratch (anything there is removed)."""
    from quiz.library import load_deck_cached
    from quiz.locations import cache_dir

    start = time.perf_counter()
    if folder.exists():
        shutil.rmtree(folder)
    decks_dir, scores_dir = folder / "decks", folder / "scores"
    decks_dir.mkdir(parents=True)
    decks = []
    for n, ((name, _), size) in enumerate(zip(DECKS, deck_sizes(facts))):
        path = decks_dir / f"{name}.yaml"
        path.write_text(make_deck_text(size, seed * 1000 + n, deck_id=name), encoding="utf-8")
        decks.append(load_deck_cached(path, cache_dir(scores_dir)))
    counts = fill_store(scores_dir, decks, reviews, random.Random(seed))
    manifest = {
        "facts": facts, "reviews": reviews, "seed": seed, "fingerprint": fingerprint(),
        "now": NOW.isoformat(),
        "decks": [{"id": d.id, "facts": len(d.facts),
                   "cards": sum(f.blank_count for f in d.facts)} for d in decks],
        **counts,
        "store_mb": round(sum(p.stat().st_size for p in scores_dir.glob("quiz.sqlite3*")) / 1e6, 1),
        "built_in_s": round(time.perf_counter() - start, 1),
    }
    tmp = folder / "manifest.json.tmp"
    tmp.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    tmp.replace(folder / "manifest.json")  # written last: a half-built folder has none
    return Collection(folder, manifest)


# -- the history ------------------------------------------------------------------------

FORMATS_QA = (("choice", 30), ("recall", 30), ("truefalse", 15), ("order", 10), ("match", 10),
              ("cloze", 5))
FORMATS_STATEMENT = (("cloze", 60), ("choice", 25), ("recall", 15))
NEW, LEARNING, REVIEW, RELEARNING = 0, 1, 2, 3


def _weighted(pairs: tuple[tuple[str, int], ...]) -> tuple[list[str], list[int]]:
    return [p[0] for p in pairs], [p[1] for p in pairs]


def _state_json(state: int, rng: random.Random) -> str:
    from quiz.scheduler import CardState

    when = NOW - timedelta(days=rng.randint(1, 300))
    card = CardState(state=state, stability=round(rng.uniform(0.5, 300), 4),
                     difficulty=round(rng.uniform(1, 10), 4), due=when + timedelta(days=3),
                     last_review=when, reps=rng.randint(0, 30), lapses=rng.randint(0, 3),
                     step=0 if state in (LEARNING, RELEARNING) else None)
    return json.dumps(card.to_dict())


def _options(answer: str, rng: random.Random) -> str:
    fakes = [f"{answer} ({n})" for n in rng.sample(range(2, 99), 3)]
    fakes.insert(rng.randrange(4), answer)
    return json.dumps(fakes)


def fill_store(scores_dir: Path, decks: list[Any], reviews: int,
               rng: random.Random) -> dict[str, int]:
    """Write the year of history into a new store in ``scores_dir``; returns row counts.

    The schema comes from `Store.open`; rows are then written in bulk on a plain
    connection with the log's indexes dropped and rebuilt afterwards (much faster than
    keeping them up to date row by row), and the file is left in WAL mode as the app
    leaves it.
    """
    from quiz.clock import FixedClock, to_ms
    from quiz.locations import database_path
    from quiz.scheduler import score_percent
    from quiz.scoring import next_streak, points_for
    from quiz.store import Store

    with Store.open(scores_dir, FixedClock(NOW)):
        pass
    now_ms = to_ms(NOW)
    first_day = now_ms - (now_ms % DAY_MS) - DAYS * DAY_MS  # midnight UTC a year ago

    # Cards per deck; a tenth never seen (still new at NOW).
    seen: dict[str, list[tuple[Any, int]]] = {}
    for deck in decks:
        cards = [(fact, blank) for fact in deck.facts for blank in range(fact.blank_count)]
        seen[deck.id] = [c for c in cards if rng.random() >= 0.1]
    deck_ids = [d.id for d in decks]
    deck_weights = [len(seen[d]) for d in deck_ids]
    states = {s: [_state_json(s, rng) for _ in range(3)] for s in range(4)}
    qa_formats, statement_formats = _weighted(FORMATS_QA), _weighted(FORMATS_STATEMENT)

    # Reviews per day: most days studied, some heavier than others, none today.
    weights = [0.0 if rng.random() < 0.12 else rng.uniform(0.3, 1.7) for _ in range(DAYS)]
    total = sum(weights) or 1.0
    per_day = [int(reviews * w / total) for w in weights]
    busiest = max(range(DAYS), key=lambda d: weights[d])
    per_day[busiest] += reviews - sum(per_day)

    card_state: dict[tuple[str, str, int], list[Any]] = {}  # key -> [state, reps, lapses, last]
    review_rows: list[tuple[Any, ...]] = []
    session_rows: list[tuple[Any, ...]] = []
    bests: dict[tuple[str, str, str], tuple[float, int, int]] = {}
    session_id = 0
    for day, count in enumerate(per_day):
        if count == 0:
            continue
        sizes = []
        while sum(sizes) < count:
            sizes.append(min(rng.randint(15, 150), count - sum(sizes)))
        at = first_day + day * DAY_MS + 7 * 3_600_000 + rng.randint(0, 3_600_000)
        for size in sizes:
            session_id += 1
            roll = rng.random()
            mode = "study" if roll < 0.9 else ("cram" if roll < 0.97 else "exam")
            deck_id = rng.choices(deck_ids, deck_weights)[0]
            pool = seen[deck_id]
            at += rng.randint(2, 30) * 60_000
            started = at
            correct = close = wrong = streak = best_streak = points = 0
            for _ in range(size):
                fact, blank = rng.choice(pool)
                key = (deck_id, fact.id, blank)
                statement = fact.is_statement
                names, weights_f = statement_formats if statement else qa_formats
                fmt = rng.choices(names, weights_f)[0]
                answer = fact.answers[blank].text
                answer = ", ".join(answer) if isinstance(answer, tuple) else answer
                roll = rng.random()
                verdict = "correct" if roll < 0.78 else ("close" if roll < 0.85 else "wrong")
                rating = {"correct": 4 if rng.random() < 0.1 else 3, "close": 2, "wrong": 1}[verdict]
                duration = int(min(60_000, rng.lognormvariate(8.4, 0.6)))
                info = card_state.setdefault(key, [NEW, 0, 0, 0])
                before = info[0]
                after = before
                if mode == "study":
                    if before == NEW:
                        after = LEARNING if verdict != "correct" else REVIEW
                    elif verdict == "wrong":
                        after = RELEARNING if before == REVIEW else before
                        info[2] += before == REVIEW
                    else:
                        after = REVIEW
                    info[0], info[1], info[3] = after, info[1] + 1, at
                streak = next_streak(streak, verdict)
                best_streak = max(best_streak, streak)
                earned = points_for(fmt, verdict, streak)
                points += earned
                correct += verdict == "correct"
                close += verdict == "close"
                wrong += verdict == "wrong"
                with_options = fmt in ("choice", "order", "match")
                review_rows.append((
                    at, session_id, mode, deck_id, fact.id, blank, fmt,
                    fact.question or fact.text or "", _options(answer, rng) if with_options else None,
                    answer if verdict == "correct" else f"{answer}?",
                    str(rng.randrange(4)) if with_options else None, verdict, rating, rating,
                    duration, 0.9, before, after, rng.choice(states[before]),
                    rng.choice(states[after]), 1 if rng.random() < 0.002 else 0, earned))
                at += duration + rng.randint(500, 4000)
            answered = correct + close + wrong
            planned = size if mode == "exam" else None
            score = score_percent(correct, close, answered)
            session_rows.append((session_id, mode, json.dumps([deck_id]), started, at, planned,
                                 600_000 if mode == "exam" else None, answered, correct, close,
                                 wrong, streak, best_streak, score, points))
            if answered >= 5:
                for metric, value in (("score", score), ("streak", best_streak),
                                      ("answered", answered), ("points", points)):
                    old = bests.get((deck_id, mode, metric))
                    if old is None or value > old[0]:
                        bests[(deck_id, mode, metric)] = (float(value), session_id, at)

    card_rows = []
    for (deck_id, fact_id, blank), (state, reps, lapses, last) in card_state.items():
        if reps == 0:
            continue  # only crammed or examined: still new to the scheduler
        stability = round(rng.uniform(0.5, 300) if state == REVIEW else rng.uniform(0.1, 3), 4)
        if state in (LEARNING, RELEARNING):
            due = now_ms - rng.randint(1, 600) * 60_000
        elif rng.random() < 0.1:
            due = now_ms - rng.randint(0, 30) * DAY_MS - rng.randint(0, DAY_MS // 2)
        else:
            due = now_ms + rng.randint(1, 300) * DAY_MS
        suspended = 2 if lapses >= 8 else (1 if rng.random() < 0.003 else 0)
        card_rows.append((deck_id, fact_id, blank, state,
                          0 if state in (LEARNING, RELEARNING) else None, stability,
                          round(rng.uniform(1, 10), 4), due, last, reps, lapses, suspended))

    conn = sqlite3.connect(database_path(scores_dir), isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = OFF")
        indexes = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name IN ('reviews', 'cards', 'sessions')").fetchall()
        conn.execute("BEGIN")
        for name, _ in indexes:
            conn.execute(f'DROP INDEX "{name}"')
        conn.executemany(
            "INSERT INTO sessions (id, mode, decks, started_at, ended_at, planned, "
            "time_limit_ms, answered, correct, close, wrong, streak, best_streak, score, "
            "points) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", session_rows)
        conn.executemany(
            "INSERT INTO reviews (reviewed_at, session_id, mode, deck_id, fact_id, blank, "
            "format, prompt, options, response, chosen, verdict, suggested, rating, "
            "duration_ms, retention, state_from, state_to, before, after, undone, points) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            review_rows)
        conn.executemany(
            "INSERT INTO cards (deck_id, fact_id, blank, state, step, stability, difficulty, "
            "due, last_review, reps, lapses, suspended) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?)", card_rows)
        conn.executemany(
            "INSERT INTO bests (deck_key, mode, metric, value, session_id, achieved_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(d, m, metric, *v) for (d, m, metric), v in bests.items()])
        for _, sql in indexes:
            conn.execute(sql)
        conn.execute("COMMIT")
        conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()
    return {"cards": sum(fact.blank_count for deck in decks for fact in deck.facts),
            "cards_scheduled": len(card_rows),
            "cards_due_at_now": sum(1 for row in card_rows if row[7] <= now_ms and not row[11]),
            "review_rows": len(review_rows), "sessions": len(session_rows)}


def main(argv: list[str] | None = None) -> int:
    """Build (or find) the collection and print its manifest."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--facts", type=int, default=FULL_FACTS)
    parser.add_argument("--reviews", type=int, default=FULL_REVIEWS,
                        help="review rows (a year of history); 1000000 for the history figure")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", type=Path, help="build here instead of bench/out/…")
    parser.add_argument("--force", action="store_true", help="rebuild even if already built")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    collection = ensure(args.facts, args.reviews, args.seed, args.dir, args.force)
    print(json.dumps({"folder": str(collection.folder), **collection.manifest,
                      "this_call_s": round(time.perf_counter() - start, 1)}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
