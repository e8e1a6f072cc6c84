"""Card states rebuilt from the review log alone (`quiz doctor --rebuild`).

The log is the truth: replaying a card's study answers that were not undone, in the order
they were recorded (review id), each with its stored rating, time and desired retention,
gives exactly the state the store holds — fuzz included, because the scheduler seeds it
from the card key and review count. Cram and exam answers never moved the schedule and are
skipped. Suspension and burying are the learner's flags, not learning state: a rebuild
keeps them as they are. Each deck is replayed with the FSRS parameters in force for it
(`quiz optimize`); after parameters were applied with due dates kept, a card not answered
since keeps its due date (`quiz.store.fits`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from quiz.clock import from_ms, to_ms
from quiz.scheduler import NEW_CARD, CardKey, CardState, Rating, Scheduler
from quiz.store.fit_records import fit_records, kept_due_at
from quiz.store.records import RebuildReport
from quiz.store.writes import load_settings

_REPLAY_COLUMNS = "deck_id, fact_id, blank, reviewed_at, rating, retention"


def replay_rows(rows: Iterator[tuple[str, str, int, int, int, float]],
                scheduler: Scheduler) -> Iterator[tuple[CardKey, CardState, int]]:
    """Fold rows ordered by card then id into (key, final state, reviews) per card."""
    key: CardKey | None = None
    state, count = NEW_CARD, 0
    for deck_id, fact_id, blank, at, rating, retention in rows:
        row_key = (deck_id, fact_id, blank)
        if row_key != key:
            if key is not None:
                yield key, state, count
            key, state, count = row_key, NEW_CARD, 0
        state = scheduler.review(row_key, state, Rating(rating), from_ms(at), retention)
        count += 1
    if key is not None:
        yield key, state, count


def replay_card(conn: sqlite3.Connection, key: CardKey) -> CardState:
    """One card's state from its log (a new card when it has no scheduled answers left)."""
    rows = conn.execute(
        f"SELECT {_REPLAY_COLUMNS} FROM reviews WHERE deck_id = ? AND fact_id = ? AND blank = ? "
        "AND mode = 'study' AND undone = 0 ORDER BY id", key)
    for _, state, _ in replay_rows(iter(rows), Scheduler(load_settings(conn))):
        return state
    return NEW_CARD


def stored_states(conn: sqlite3.Connection) -> dict[CardKey, CardState]:
    """Every stored card state that is not new."""
    found: dict[CardKey, CardState] = {}
    for row in conn.execute("SELECT deck_id, fact_id, blank, state, step, stability, difficulty, "
                            "due, last_review, reps, lapses FROM cards WHERE state != 0"):
        found[(row[0], row[1], row[2])] = CardState.from_dict({
            "state": row[3], "step": row[4], "stability": row[5], "difficulty": row[6],
            "due": row[7], "last_review": row[8], "reps": row[9], "lapses": row[10]})
    return found


def _matches(stored: CardState | None, replayed: CardState, kept_until: int | None) -> bool:
    """Equal states; or, for a card not answered since the learner applied new parameters
    and kept due dates (`quiz.store.fits`), equal but for the due date."""
    if stored == replayed:
        return True
    return (stored is not None and kept_until is not None and replayed.last_review is not None
            and to_ms(replayed.last_review) <= kept_until
            and replayed._replace(due=stored.due) == stored)


def rebuild(conn: sqlite3.Connection, write: bool) -> RebuildReport:
    """Replay the whole log and compare with (and, if ``write``, replace) the stored states.

    ``conn`` must be in autocommit mode; with ``write`` the replacement is one transaction.
    """
    if write:
        conn.execute("BEGIN IMMEDIATE")
    try:
        stored = stored_states(conn)
        rows = conn.execute(
            f"SELECT {_REPLAY_COLUMNS} FROM reviews WHERE mode = 'study' AND undone = 0 "
            "ORDER BY deck_id, fact_id, blank, id")
        mismatched: list[CardKey] = []
        replayed: dict[CardKey, CardState] = {}
        reviews = 0
        records = fit_records(conn)
        for key, state, count in replay_rows(iter(rows), Scheduler(load_settings(conn))):
            replayed[key] = state
            reviews += count
            if not _matches(stored.get(key), state, kept_due_at(records, key[0])):
                mismatched.append(key)
        # A stored state with no log behind it cannot be rebuilt: it goes back to new.
        mismatched.extend(k for k in stored if k not in replayed)
        if write:
            for key in mismatched:
                d = replayed.get(key, NEW_CARD).to_dict()
                conn.execute(
                    "INSERT INTO cards (deck_id, fact_id, blank, state, step, stability, "
                    "difficulty, due, last_review, reps, lapses) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT DO UPDATE SET state = excluded.state, step = excluded.step, "
                    "stability = excluded.stability, difficulty = excluded.difficulty, "
                    "due = excluded.due, last_review = excluded.last_review, "
                    "reps = excluded.reps, lapses = excluded.lapses",
                    (*key, d["state"], d["step"], d["stability"], d["difficulty"], d["due"],
                     d["last_review"], d["reps"], d["lapses"]))
            conn.execute("COMMIT")
    except BaseException:
        if write and conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return RebuildReport(cards=len(replayed), reviews=reviews, mismatched=tuple(mismatched),
                         written=write)

