"""Another program's review log brought into the store (`quiz import`), in one transaction.

Imported answers are rows of the review log like any other, marked with where they came
from (``reviews.imported``), grouped into sessions (a new one after a pause of
`SESSION_GAP` or a change between study and cram) so that history and stats count them.
Each card's state is replayed through `quiz.scheduler.Scheduler` from the state the
store holds, answer by answer, so every row carries its state before and after and
`quiz doctor --rebuild` gives the same states. Answers no later than the newest one the
store already has for a card are left out: importing the same file twice adds nothing,
and the log of a card stays in time order.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from quiz.clock import to_ms
from quiz.scheduler import SUSPENDED_BY_LEARNER, CardKey, CardState, Rating, Scheduler, score_percent
from quiz.scoring import next_streak
from quiz.store.writes import load_card, load_settings, save_card

__all__ = ["ImportReport", "ImportedAnswer", "SESSION_GAP", "import_answers"]

SESSION_GAP = timedelta(minutes=30)
"""A pause this long between imported answers starts a new session."""

_VERDICTS = {1: "wrong", 2: "close", 3: "correct", 4: "correct"}


@dataclass(frozen=True, slots=True)
class ImportedAnswer:
    """One answer from another program's log, for a card of a deck quiz knows."""

    key: CardKey
    at: datetime
    rating: int
    duration_ms: int
    prompt: str
    cram: bool = False
    """Practice that did not move the schedule (kept as a cram answer)."""


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import added to the store."""

    reviews: int
    sessions: int
    cards: int
    """Cards whose state was replayed."""
    already: int
    """Answers left out because the store already had them (or newer ones)."""
    suspended: int = 0
    """Cards suspended because they were suspended in the other program."""


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MS = timedelta(milliseconds=1)


def _stored(state: CardState) -> str:
    """``json.dumps(state.to_dict())``, written directly: the import's hot loop makes one
    per answer. The scheduler's times are UTC and whole milliseconds already, and
    ``repr`` of a float is what `json` writes."""
    def num(value: float | int | None) -> str:
        return "null" if value is None else repr(value)

    def ms(moment: datetime | None) -> str:
        return "null" if moment is None else str((moment - _EPOCH) // _MS)

    return (f'{{"state": {state.state}, "step": {num(state.step)}, '
            f'"stability": {num(state.stability)}, "difficulty": {num(state.difficulty)}, '
            f'"due": {ms(state.due)}, "last_review": {ms(state.last_review)}, '
            f'"reps": {state.reps}, "lapses": {state.lapses}}}')


def _sessions(answers: list[ImportedAnswer]) -> list[list[ImportedAnswer]]:
    groups: list[list[ImportedAnswer]] = []
    for answer in answers:
        last = groups[-1][-1] if groups else None
        if last is None or answer.at - last.at > SESSION_GAP or answer.cram != last.cram:
            groups.append([answer])
        else:
            groups[-1].append(answer)
    return groups


def _insert_session(conn: sqlite3.Connection, group: list[ImportedAnswer], source: str) -> int:
    verdicts = [_VERDICTS[a.rating] for a in group]
    streak = best = 0
    for verdict in verdicts:
        streak = next_streak(streak, verdict)
        best = max(best, streak)
    correct, close = verdicts.count("correct"), verdicts.count("close")
    decks = sorted({a.key[0] for a in group})
    cursor = conn.execute(
        "INSERT INTO sessions (mode, decks, started_at, ended_at, answered, correct, close, "
        "wrong, streak, best_streak, score, points, imported) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
        ("cram" if group[0].cram else "study", json.dumps(decks), to_ms(group[0].at),
         to_ms(group[-1].at + timedelta(milliseconds=group[-1].duration_ms)), len(group),
         correct, close, verdicts.count("wrong"), streak, best,
         score_percent(correct, close, len(group)), source))
    return int(cursor.lastrowid or 0)


def import_answers(conn: sqlite3.Connection, answers: Sequence[ImportedAnswer], source: str,
                   progress: Callable[[int, int], None] | None = None,
                   suspended: Sequence[CardKey] = ()) -> ImportReport:
    """Add ``answers`` to the log and replay their cards; run inside a write transaction.

    ``source`` names the program (``anki``): it marks the rows and is their format.
    ``progress(done, total)`` is called now and then while the cards are replayed;
    ``suspended`` cards (suspended in the other program) are suspended here too.
    """
    settings = load_settings(conn)
    scheduler = Scheduler(settings)
    newest: dict[CardKey, int | None] = {}
    kept: list[tuple[int, ImportedAnswer]] = []
    for at_ms, answer in sorted(((to_ms(a.at), a) for a in answers), key=lambda p: (p[0], p[1].key)):
        if answer.key not in newest:
            newest[answer.key] = conn.execute(
                "SELECT max(reviewed_at) FROM reviews WHERE deck_id = ? AND fact_id = ? "
                "AND blank = ? AND undone = 0", answer.key).fetchone()[0]
        latest = newest[answer.key]
        if latest is None or at_ms > latest:
            kept.append((at_ms, answer))
    states = {key: load_card(conn, key) for key in {a.key for _, a in kept}}
    current = {key: stored.state for key, stored in states.items()}
    stored_form = {key: _stored(state) for key, state in current.items()}
    rows: list[tuple[object, ...]] = []
    groups = _sessions([a for _, a in kept])
    at_of = iter(at_ms for at_ms, _ in kept)
    for group in groups:
        session_id = _insert_session(conn, group, source)
        for answer in group:
            before = current[answer.key]
            before_json = after_json = stored_form[answer.key]
            after = before
            if not answer.cram:
                after = scheduler.review(answer.key, before, Rating(answer.rating), answer.at,
                                         settings.desired_retention)
                after_json = _stored(after)
                current[answer.key], stored_form[answer.key] = after, after_json
            rows.append((
                next(at_of), session_id, "cram" if answer.cram else "study", *answer.key,
                source, answer.prompt, _VERDICTS[answer.rating], answer.rating, answer.rating,
                answer.duration_ms, settings.desired_retention, before.state, after.state,
                before_json, after_json, source))
            if progress is not None and len(rows) % 1000 == 0:
                progress(len(rows), len(kept))
    if progress is not None and kept:
        progress(len(kept), len(kept))
    conn.executemany(
        "INSERT INTO reviews (reviewed_at, session_id, mode, deck_id, fact_id, blank, format, "
        "prompt, verdict, suggested, rating, duration_ms, retention, state_from, state_to, "
        "before, after, points, imported) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)", rows)
    replayed = 0
    for key, state in current.items():
        if state != states[key].state:
            save_card(conn, key, state, states[key].suspended)
            replayed += 1
    conn.executemany(
        "INSERT INTO cards (deck_id, fact_id, blank, suspended) VALUES (?, ?, ?, ?) "
        "ON CONFLICT DO UPDATE SET suspended = excluded.suspended WHERE suspended = 0",
        [(*key, SUSPENDED_BY_LEARNER) for key in suspended])
    return ImportReport(reviews=len(rows), sessions=len(groups), cards=replayed,
                        already=len(answers) - len(kept), suspended=len(suspended))
