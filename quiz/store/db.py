"""`Store`: the learner's score file — opening it safely, and every write to it.

One SQLite file in the scores folder, in WAL mode with ``synchronous=FULL``; every answer
is one ``BEGIN IMMEDIATE`` transaction (card update, review row and session counts
together), so a crash loses at most the answer in flight and a second copy of quiz waits
its turn (``busy_timeout``, then a few retries, then `StoreBusyError`).

A connection belongs to the thread that opened it (``check_same_thread`` stays on): open
one `Store` per thread (opening an up-to-date file takes well under a millisecond), or
open it with ``shared=True`` and serialise every call through one lock. Read-only queries
live in `quiz.store.queries` (mixed into `Store`); the log is copied into the file off the
answer path (`quiz.store.checkpoints`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from quiz.clock import Clock, SystemClock, to_ms
from quiz.locations import database_path
from quiz.scheduler import SUSPENDED_LEECH, SUSPENDED_NO, CardKey, Rating, Scheduler, Settings
from quiz.scheduler import score_percent, suggest_rating
from quiz.store.checkpoints import Checkpoints
from quiz.store.errors import StoreAccessError, StoreBusyError, StoreError, translate
from quiz.store.flags import Flags
from quiz.store.files import open_score_file
from quiz.store.memos import Memos
from quiz.store.heads import Heads
from quiz.store.queries import integrity_problems
from quiz.store.touched import ALL, Touched
from quiz.store.records import (
    REVIEW_COLUMNS, SESSION_COLUMNS, Best, RebuildReport, Recorded, Review, Session,
    SessionSummary,
)
from quiz.store.writes import (
    load_card, load_review, load_settings, raise_best, recount_session, save_card,
    session_mode, settings_from_rows, unsynced,
)

if TYPE_CHECKING:  # personal parameters and imported answers load when first asked for
    import threading

    from quiz.store.fits import AnswerLog
    from quiz.store.imports import ImportedAnswer, ImportReport

T = TypeVar("T")


BUSY_TIMEOUT_MS = 5000
"""How long one statement waits for another copy of quiz to finish writing."""

BUSY_RETRIES = 1
"""Further attempts after a wait times out, before giving up with `StoreBusyError`."""

BEST_MIN_ANSWERS = 5
"""A session needs this many answers before its score can be a personal best."""

MODES = ("study", "cram", "exam")


class Store(Flags, Heads):
    """The score store; make one with `Store.open` and close it (or use ``with``)."""

    def __init__(self, conn: sqlite3.Connection, path: Path, clock: Clock) -> None:
        self._conn = conn
        self.path = path
        """The SQLite file."""
        self.clock = clock
        self._touched = Touched(conn.total_changes)
        self._memos = Memos()
        self._checkpoints = Checkpoints(path, BUSY_TIMEOUT_MS)

    @classmethod
    def open(cls, scores_dir: Path, clock: Clock | None = None, *,
             busy_timeout_ms: int = BUSY_TIMEOUT_MS, shared: bool = False,
             readonly: bool = False) -> Store:
        """Open (creating or migrating) the score file in ``scores_dir``.

        Args:
            scores_dir: the scores folder (made if missing).
            clock: where times come from; the system clock when None.
            busy_timeout_ms: how long a statement waits for another copy of quiz.
            shared: let other threads use this store (``check_same_thread=False``); the
                caller must then serialise every call (one lock around the store).
            readonly: only read: nothing is created, migrated or written, so a score file
                on a read-only disk or folder can still be read (`open_for_reading`).

        Raises:
            CorruptStoreError: the file is damaged or truncated.
            ForeignFileError: the file is not a quiz score file.
            NewerStoreError: the file comes from a newer quiz.
            StoreBusyError, StoreAccessError, DiskFullError, StoreError: see their names.
        """
        conn, path = open_score_file(Path(scores_dir), readonly=readonly,
                                     busy_timeout_ms=busy_timeout_ms, shared=shared)
        return cls(conn, path, clock or SystemClock())

    @classmethod
    def open_for_reading(cls, scores_dir: Path, clock: Clock | None = None) -> Store:
        """Open the score file to read it: as usual, else read-only when it cannot be written.

        For the commands that only read (``stats``, ``history``, ``export``, ``doctor``): a score
        file on a read-only disk, in a read-only folder or owned by someone else is read as is.
        """
        try:
            return cls.open(scores_dir, clock)
        except StoreAccessError:
            if not database_path(Path(scores_dir)).exists():
                raise
            return cls.open(scores_dir, clock, readonly=True)

    def close(self) -> None:
        """Close the file (after a checkpoint under way); the store cannot be used afterwards."""
        self._checkpoints.close()
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing -----------------------------------------------------------------------
    def _write(self, work: Callable[[sqlite3.Connection], T], what: str = "the last change",
               cards: Collection[CardKey] | Callable[[T], Collection[CardKey]] | None = ALL,
               appends: bool = False) -> T:
        """Run ``work`` in one ``BEGIN IMMEDIATE`` transaction, retrying while busy.

        ``what`` names what is lost if it fails ("the last answer"), for the message.
        ``cards``: the cards whose rows or answers the write may change (or a function of
        the result giving them); `ALL` when not said (`quiz.store.touched`). ``appends``:
        it only adds answers to the log, changing none logged before.
        """
        for attempt in range(BUSY_RETRIES + 1):
            before = self._conn.total_changes
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                error = translate(exc, self.path, what)
                if isinstance(error, StoreBusyError) and attempt < BUSY_RETRIES:
                    continue
                raise error from exc
            try:
                result = work(self._conn)
                self._conn.execute("COMMIT")
                self._touched.wrote(before, self._conn.total_changes,
                                    cards(result) if callable(cards) else cards, appends)
                self._checkpoints.wrote()
                return result
            except BaseException as exc:
                self._rollback()
                if isinstance(exc, sqlite3.Error) and not isinstance(exc, sqlite3.ProgrammingError):
                    raise translate(exc, self.path, what) from exc
                raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _rollback(self) -> None:
        try:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # SQLite rolls back by itself when it cannot; the error that led here wins

    def _reading(self, work: Callable[[sqlite3.Connection], T]) -> T:
        try:
            return work(self._conn)
        except sqlite3.ProgrammingError:
            raise
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    def read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows of a read-only query (for `quiz.stats`); file errors become `StoreError`."""
        return self._read(sql, params)

    def _change_stamp(self) -> tuple[int, int]:  # rows changed here, others' commits seen
        return self._conn.total_changes, self._read("PRAGMA data_version")[0][0]

    def _untouched(self, deck_id: str, since: tuple[int, int], now: tuple[int, int]) -> bool:
        return since[1] == now[1] and self._touched.untouched(deck_id, since[0], now[0])

    def _appended(self, since: tuple[int, int], now: tuple[int, int]) -> bool:
        return since[1] == now[1] and self._touched.appended(since[0], now[0])

    def _changed(self, deck_id: str, since: tuple[int, int],
                 now: tuple[int, int]) -> set[tuple[str, int]] | None:
        return self._touched.changed(deck_id, since[0], now[0]) if since[1] == now[1] else None

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.ProgrammingError:
            raise  # a bug in the caller (wrong thread, closed store), not a problem of the file
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    # -- settings -----------------------------------------------------------------------
    def settings(self) -> Settings:
        """The learner's settings; a stored value no longer valid reads as its default."""
        return settings_from_rows(self._read("SELECT key, value FROM settings"))

    def update_settings(self, **changes: float | int) -> Settings:
        """Change settings by name (see `Settings`); returns the new settings.

        Raises:
            ValueError: an unknown name or a value out of range (the message says which).
        """
        unknown = set(changes) - set(Settings().to_dict())
        if unknown:
            raise ValueError(f"unknown setting: {', '.join(sorted(unknown))}")
        merged = Settings.from_dict({**self.settings().to_dict(), **changes})

        def work(conn: sqlite3.Connection) -> None:
            conn.executemany("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                             [(k, json.dumps(v)) for k, v in merged.to_dict().items()
                              if k in changes])
        self._write(work)
        return merged

    def scheduler(self) -> Scheduler:
        """A scheduler with the current settings."""
        return Scheduler(self.settings())

    # -- personal parameters (`quiz.store.fits`) ------------------------------------------
    def answer_log(self, deck: str | None = None) -> AnswerLog:
        """The answers that moved the schedule (imported ones too), to fit parameters to."""
        from quiz.store.fits import answer_log

        return self._reading(lambda conn: answer_log(conn, deck))

    def rating_counts(self, deck: str | None = None) -> tuple[list[int], list[int]]:
        """First answers and answers in review by rating (Again, Hard, Good, Easy)."""
        from quiz.store.fits import rating_counts

        return self._reading(lambda conn: rating_counts(conn, deck))

    def fit_records(self) -> dict[str, dict[str, Any]]:
        """Scope → where the parameters in force there came from."""
        from quiz.store.fit_records import fit_records
        return self._reading(fit_records)

    def apply_parameters(self, scope: str, parameters: Sequence[float] | None,
                         record: dict[str, Any], reschedule: bool) -> int:
        """Put parameters in force for a scope (None: the defaults) and recompute its cards'
        states from the log, in one transaction; returns how many cards changed."""
        from quiz.store.fits import apply_parameters

        now = to_ms(self.clock.now())
        return self._write(lambda conn: apply_parameters(conn, scope, parameters, record,
                                                         reschedule, now))

    # -- sessions -----------------------------------------------------------------------

    def start_session(self, mode: str, deck_ids: Sequence[str], planned: int | None = None,
                      time_limit_ms: int | None = None) -> int:
        """Begin a session of ``mode`` (study, cram, exam) over ``deck_ids``; returns its id."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}")
        now, sql = to_ms(self.clock.now()), ("INSERT INTO sessions (mode, decks, started_at, "
                                             "planned, time_limit_ms) VALUES (?, ?, ?, ?, ?)")
        with unsynced(self._conn):  # durable with the first answer, not before the first question
            return self._write(lambda conn: int(conn.execute(sql, (
                mode, json.dumps(list(deck_ids)), now, planned, time_limit_ms)).lastrowid or 0),
                cards=())  # sessions are in no deck's counts

    def session(self, session_id: int) -> Session:
        """One session.

        Raises:
            StoreError: no such session.
        """
        rows = self._read(f"SELECT {SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,))
        if not rows:
            raise StoreError(f"no session {session_id} in {self.path}", self.path)
        return Session.from_row(rows[0])

    def finish_session(self, session_id: int) -> SessionSummary:
        """End a session: set its end time and score, and record any personal bests.

        The score is `quiz.scheduler.score_percent` out of the planned questions in exam
        mode (unanswered ones count as wrong) and out of the answers otherwise. Finishing
        twice changes nothing the second time.
        """
        now = self.clock.now()

        def work(conn: sqlite3.Connection) -> SessionSummary:
            row = conn.execute(f"SELECT {SESSION_COLUMNS} FROM sessions WHERE id = ?",
                               (session_id,)).fetchone()
            if row is None:
                raise StoreError(f"no session {session_id} in {self.path}", self.path)
            session = Session.from_row(row)
            if session.ended_at is not None:
                return SessionSummary(session, ())
            exam = session.mode == "exam" and session.planned
            out_of = session.planned if exam else session.answered
            score = score_percent(session.correct, session.close, out_of)
            conn.execute("UPDATE sessions SET ended_at = ?, score = ? WHERE id = ?",
                         (to_ms(now), score, session_id))
            bests: list[Best] = []
            if session.answered >= BEST_MIN_ANSWERS:
                for metric, value in (("score", score), ("streak", session.best_streak),
                                      ("answered", session.answered), ("points", session.points)):
                    best = raise_best(conn, session, metric, float(value), to_ms(now))
                    if best is not None:
                        bests.append(best)
            finished = Session.from_row(conn.execute(
                f"SELECT {SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,)).fetchone())
            return SessionSummary(finished, tuple(bests))
        return self._write(work, cards=())  # sessions and bests are in no deck's counts

    # -- answers ------------------------------------------------------------------------

    def suggest(self, verdict: str, format: str, duration_ms: int) -> Rating:
        """The rating ``verdict`` earns, judging "quick" against this learner's median."""
        return suggest_rating(verdict, format, duration_ms, self.median_duration(format))

    def record_answer(self, session_id: int, key: CardKey, *, format: str, prompt: str,
                      verdict: str, duration_ms: int, options: Sequence[str] | None = None,
                      response: str | None = None, chosen: Any = None,
                      rating: Rating | int | None = None) -> Recorded:
        """Store one answer in one transaction: review row, card state and session counts.

        Cram and exam answers are logged but leave the card's schedule alone.

        Args:
            session_id: from `start_session`; its mode decides whether the schedule moves.
            key: the card, ``fact.card_key(blank)``.
            format: the question format asked.
            prompt: the prompt as shown.
            verdict: ``correct``, ``close`` or ``wrong``.
            duration_ms: time from question shown to answer given.
            options: the options shown, for formats that have them.
            response: the typed response, if any.
            chosen: the chosen option index (list of indexes for ``order``, pairs for
                ``match``), JSON-serialisable.
            rating: the learner's rating; the suggested one when None.

        Returns:
            The review id, ratings, states before and after, and any leech notice.

        Raises:
            DiskFullError, StoreBusyError: nothing was saved; the caller may retry.
            StoreError: unknown session, or the file cannot be written.
        """
        if verdict not in ("correct", "close", "wrong"):
            raise ValueError(f"verdict must be correct, close or wrong, not {verdict!r}")
        suggested = self.suggest(verdict, format, duration_ms)
        chosen_rating = Rating(rating) if rating is not None else suggested
        options_json = json.dumps(list(options)) if options is not None else None
        chosen_json = json.dumps(chosen) if chosen is not None else None

        def work(conn: sqlite3.Connection) -> Recorded:
            now = self.clock.now()
            settings = load_settings(conn)
            mode = session_mode(conn, session_id, self.path)
            stored = load_card(conn, key)
            before = stored.state
            after, leech = before, False
            if mode == "study":
                scheduler = Scheduler(settings)
                after = scheduler.review(key, before, chosen_rating, now)
                leech = scheduler.is_leech(before, after)
                save_card(conn, key, after, SUSPENDED_LEECH if leech else stored.suspended)
            streak_before = conn.execute("SELECT streak FROM sessions WHERE id = ?",
                                         (session_id,)).fetchone()[0]
            from quiz.scoring import next_streak, points_for  # loaded early by `Study._warm_answers`
            streak = next_streak(streak_before, verdict)
            points = points_for(format, verdict, streak)
            cursor = conn.execute(
                "INSERT INTO reviews (reviewed_at, session_id, mode, deck_id, fact_id, blank, "
                "format, prompt, options, response, chosen, verdict, suggested, rating, "
                "duration_ms, retention, state_from, state_to, before, after, points) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (to_ms(now), session_id, mode, *key, format, prompt, options_json, response,
                 chosen_json, verdict, int(suggested), int(chosen_rating), int(duration_ms),
                 settings.desired_retention, before.state, after.state,
                 json.dumps(before.to_dict()), json.dumps(after.to_dict()), points))
            conn.execute(
                "UPDATE sessions SET answered = answered + 1, correct = correct + ?, "
                "close = close + ?, wrong = wrong + ?, streak = ?, "
                "best_streak = max(best_streak, ?), points = points + ? WHERE id = ?",
                (int(verdict == "correct"), int(verdict == "close"), int(verdict == "wrong"),
                 streak, streak, points, session_id))
            return Recorded(int(cursor.lastrowid or 0), key, suggested, chosen_rating, before,
                            after, leech, points, streak)
        return self._write(work, "the last answer", (key,), appends=True)

    def change_rating(self, review_id: int, rating: Rating | int) -> Recorded:
        """Replace the stored rating of an answer (the learner's one-key override).

        Only the latest answer to a card can be re-rated: its card state is recomputed
        from the state before it, as if the new rating had been given in the first place.

        Raises:
            StoreError: no such answer, it was undone, or the card was answered since.
        """
        new_rating = Rating(rating)

        def work(conn: sqlite3.Connection) -> Recorded:
            review = load_review(conn, review_id, self.path)
            if review.undone:
                raise StoreError("that answer was taken back and cannot be re-rated", self.path)
            if review.mode != "study":
                conn.execute("UPDATE reviews SET rating = ? WHERE id = ?",
                             (int(new_rating), review_id))
                return Recorded(review_id, review.key, review.suggested, new_rating,
                                review.before, review.after, False)
            latest = conn.execute(
                "SELECT max(id) FROM reviews WHERE deck_id = ? AND fact_id = ? AND blank = ? "
                "AND mode = 'study' AND undone = 0", review.key).fetchone()[0]
            if latest != review_id:
                raise StoreError("only the latest answer to a card can be re-rated", self.path)
            settings = load_settings(conn)
            scheduler = Scheduler(settings)
            after = scheduler.review(review.key, review.before, new_rating, review.reviewed_at,
                                     review.retention)
            was_leech = scheduler.is_leech(review.before, review.after)
            leech = scheduler.is_leech(review.before, after)
            stored = load_card(conn, review.key)
            suspended = stored.suspended
            if leech:
                suspended = SUSPENDED_LEECH
            elif was_leech and suspended == SUSPENDED_LEECH:
                suspended = SUSPENDED_NO
            save_card(conn, review.key, after, suspended)
            conn.execute("UPDATE reviews SET rating = ?, state_to = ?, after = ? WHERE id = ?",
                         (int(new_rating), after.state, json.dumps(after.to_dict()), review_id))
            return Recorded(review_id, review.key, review.suggested, new_rating, review.before,
                            after, leech)
        return self._write(work, cards=lambda recorded: (recorded.key,))

    def undo_last_answer(self, session_id: int) -> Review | None:
        """Take back the latest answer of a session; returns it (to ask again), or None.

        The review row stays in the log marked ``undone`` (the log is append-only in
        spirit: nothing is deleted), the card goes back to its state as replayed from the
        remaining log, and the session's counts are recounted.
        """
        def work(conn: sqlite3.Connection) -> Review | None:
            row = conn.execute(
                f"SELECT {REVIEW_COLUMNS} FROM reviews WHERE session_id = ? AND undone = 0 "
                "ORDER BY id DESC LIMIT 1", (session_id,)).fetchone()
            if row is None:
                return None
            review = Review.from_row(row)
            conn.execute("UPDATE reviews SET undone = 1 WHERE id = ?", (review.id,))
            if review.mode == "study":
                from quiz.store.rebuild import replay_card
                stored = load_card(conn, review.key)
                state = replay_card(conn, review.key)
                scheduler = Scheduler(load_settings(conn))
                suspended = stored.suspended
                if suspended == SUSPENDED_LEECH and scheduler.is_leech(review.before, review.after):
                    suspended = SUSPENDED_NO
                save_card(conn, review.key, state, suspended)
            recount_session(conn, session_id)
            return Review.from_row(conn.execute(
                f"SELECT {REVIEW_COLUMNS} FROM reviews WHERE id = ?", (review.id,)).fetchone())
        return self._write(work, cards=lambda review: () if review is None else (review.key,))

    def import_answers(self, answers: Sequence[ImportedAnswer], source: str,
                       progress: Callable[[int, int], None] | None = None,
                       suspended: Sequence[CardKey] = ()) -> ImportReport:
        """Add another program's answers to the log in one transaction (`quiz.store.imports`)."""
        from quiz.store.imports import import_answers

        return self._write(lambda conn: import_answers(conn, answers, source, progress, suspended))

    # -- repair -------------------------------------------------------------------------

    def rebuild(self, write: bool = False) -> RebuildReport:
        """Replay the review log and compare with the stored card states (see `quiz.store.rebuild`).

        With ``write``, states that differ are replaced by the replay, in one transaction.
        """
        from quiz.store.rebuild import rebuild
        try:
            return rebuild(self._conn, write)
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    def integrity_check(self) -> list[str]:
        """The problems ``PRAGMA integrity_check`` finds (empty when the file is sound)."""
        try:
            return integrity_problems(self._conn)
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    def checkpoint(self) -> threading.Thread | None:
        """Copy the log into the file on a thread of its own now (a session's end), as every
        `checkpoints.EVERY` writes do; the thread, or None when one is under way."""
        return self._checkpoints.soon()


__all__ = ["BEST_MIN_ANSWERS", "BUSY_TIMEOUT_MS", "MODES", "Store"]
