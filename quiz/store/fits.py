"""Personal FSRS parameters in the store: the answers they are fitted on, and applying them.

The parameters in force are a setting (`quiz.scheduler.Settings.parameters`, key
``parameters``); beside them, key ``fits`` keeps for each scope (``""`` for every deck, or
a deck id) where they came from: when they were applied, from how many answers, how they
scored, and whether due dates were kept. No schema change: both are rows of ``settings``.

Applying recomputes every affected card's state from the review log with the new
parameters (the log is the truth), in the same transaction. The learner chooses whether
due dates move: when they are kept, each card keeps its due date and gets the new memory
state; `quiz.store.fit_records.kept_due_at` lets `quiz doctor` accept those due dates until
the card's next answer.
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from quiz.scheduler import Scheduler
from quiz.store.fit_records import FITS_KEY, fit_records
from quiz.store.rebuild import replay_rows, stored_states
from quiz.store.writes import load_settings

__all__ = ["AnswerLog", "answer_log", "apply_parameters", "rating_counts"]

@dataclass(frozen=True, slots=True)
class AnswerLog:
    """The scheduled answers of a log, ordered by card then time, in compact columns."""

    cards: array
    """A number per card (answers of one card are consecutive)."""
    times: array
    """Epoch milliseconds."""
    ratings: array
    """1–4."""

    @classmethod
    def empty(cls) -> AnswerLog:
        """A log without answers."""
        return cls(array("l"), array("q"), array("b"))

    def __len__(self) -> int:
        return len(self.times)

    def __iter__(self) -> Iterator[tuple[int, int, int]]:
        return zip(self.cards, self.times, self.ratings)


def _scope_sql(deck: str | None) -> tuple[str, tuple[Any, ...]]:
    return ("AND deck_id = ? ", (deck,)) if deck else ("", ())


def answer_log(conn: sqlite3.Connection, deck: str | None = None) -> AnswerLog:
    """Every answer that moved the schedule (imported ones too), of one deck or all."""
    where, params = _scope_sql(deck)
    cards, times, ratings = array("l"), array("q"), array("b")
    # The whole log reads faster as one scan and a sort than by walking the card index,
    # which jumps around the file for every row; one deck's answers come by the index.
    rows = conn.execute(
        f"SELECT deck_id, fact_id, blank, reviewed_at, rating FROM reviews "
        f"{'' if deck else 'NOT INDEXED '}WHERE mode = 'study' AND undone = 0 {where}"
        "ORDER BY deck_id, fact_id, blank, id", params)
    previous: tuple[str, str, int] | None = None
    number = -1
    for deck_id, fact_id, blank, at, rating in rows:
        if (deck_id, fact_id, blank) != previous:
            previous = (deck_id, fact_id, blank)
            number += 1
        cards.append(number)
        times.append(at)
        ratings.append(rating)
    return AnswerLog(cards, times, ratings)


def rating_counts(conn: sqlite3.Connection,
                  deck: str | None = None) -> tuple[list[int], list[int]]:
    """How many first answers and answers in review were Again, Hard, Good and Easy."""
    where, params = _scope_sql(deck)
    found = ([0, 0, 0, 0], [0, 0, 0, 0])
    for state, rating, count in conn.execute(
            "SELECT state_from, rating, count(*) FROM reviews WHERE mode = 'study' "
            f"AND undone = 0 AND state_from IN (0, 2) {where}GROUP BY state_from, rating",
            params):
        found[0 if state == 0 else 1][int(rating) - 1] += int(count)
    return found


def apply_parameters(conn: sqlite3.Connection, scope: str, parameters: Sequence[float] | None,
                     record: Mapping[str, Any], reschedule: bool, now_ms: int) -> int:
    """Put ``parameters`` in force for ``scope`` (None: back to the defaults) and recompute
    the cards' states from the log; call inside a write transaction.

    Returns:
        How many cards' stored states changed.
    """
    settings = load_settings(conn)
    settings = settings.with_parameters(scope, parameters)
    conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('parameters', ?)",
                 (json.dumps(settings.to_dict()["parameters"]),))
    records = fit_records(conn)
    records[scope] = {**record, "rescheduled": reschedule,
                      "kept_due_at": None if reschedule else now_ms}
    conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                 (FITS_KEY, json.dumps(records)))
    where, params = _scope_sql(scope or None)
    stored = stored_states(conn)
    rows = conn.execute(
        "SELECT deck_id, fact_id, blank, reviewed_at, rating, retention FROM reviews "
        f"WHERE mode = 'study' AND undone = 0 {where}ORDER BY deck_id, fact_id, blank, id",
        params)
    changed = 0
    updates: list[tuple[Any, ...]] = []
    for key, state, _count in replay_rows(iter(rows), Scheduler(settings)):
        old = stored.get(key)
        if old is None:
            continue  # a card with a log but no state row is for `quiz doctor` to mend
        new = state if reschedule else state._replace(due=old.due)
        if new != old:
            d = new.to_dict()
            updates.append((d["state"], d["step"], d["stability"], d["difficulty"], d["due"],
                            d["last_review"], d["reps"], d["lapses"], *key))
            changed += 1
    conn.executemany(
        "UPDATE cards SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?, "
        "last_review = ?, reps = ?, lapses = ? WHERE deck_id = ? AND fact_id = ? AND blank = ?",
        updates)
    return changed
