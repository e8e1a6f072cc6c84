"""The score file's schema, its forward migrations, and telling our files from others.

The schema version lives in ``PRAGMA user_version``; ``PRAGMA application_id`` marks the
file as quiz's. Migration *n* takes a file from version *n − 1* to *n*; version 1 is the
first schema written as migration 1, so opening an empty file runs every migration and a
file of any earlier version runs the rest. Each migration runs in its own
``BEGIN IMMEDIATE`` transaction that re-reads the version first, so two copies of quiz
opening an old file at once migrate it once. A file of a newer version is refused.

Times are integer milliseconds since the Unix epoch, UTC (`quiz.clock.to_ms`).

Tables (v1):
    cards     one row per card ever answered, suspended or buried: FSRS state in plain
              columns (state 0 new, 1 learning, 2 review, 3 relearning), reps, lapses,
              ``suspended`` (0 no, 1 by the learner, 2 leech), ``buried_until``.
    reviews   the append-only review log: one row per answer, with the prompt, options,
              response, chosen option, verdict, suggested and stored rating, duration,
              desired retention in force, and the card state before and after (JSON and
              the plain ``state_from``/``state_to``). ``undone = 1`` marks an answer taken
              back; ``mode`` is study, cram or exam (only study answers move the schedule).
    sessions  mode, decks, start and end, counts, best streak and score.
Added in v2: ``points`` on reviews and sessions (game points, `quiz.scoring`).
    bests     personal bests per deck key (sorted deck ids joined by ``+``), mode, metric.
    settings  key → JSON value (`quiz.scheduler.Settings`).
Added in v3: partial indexes for the history figures (`quiz.stats`), so a year of reviews
    is summed from small indexes instead of the log's wide rows.
Added in v4: ``imported`` on reviews and sessions: where an answer or session came from
    when another program recorded it (``anki`` for `quiz import`), NULL for quiz's own.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from quiz.frozen import Record
from quiz.store.errors import NewerStoreError, StoreError, damaged, foreign

APPLICATION_ID = 0x7175697A
"""``PRAGMA application_id`` of a quiz score file: "quiz" in ASCII."""

SQLITE_MAGIC = b"SQLite format 3\x00"


class Migration(Record):
    """One step forward: the statements that take a file from ``version - 1`` to ``version``."""

    version: int
    summary: str
    statements: tuple[str, ...]


V1 = (
    """CREATE TABLE cards (
        deck_id      TEXT    NOT NULL,
        fact_id      TEXT    NOT NULL,
        blank        INTEGER NOT NULL,
        state        INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 3),
        step         INTEGER,
        stability    REAL,
        difficulty   REAL,
        due          INTEGER,
        last_review  INTEGER,
        reps         INTEGER NOT NULL DEFAULT 0,
        lapses       INTEGER NOT NULL DEFAULT 0,
        suspended    INTEGER NOT NULL DEFAULT 0 CHECK (suspended BETWEEN 0 AND 2),
        buried_until INTEGER,
        PRIMARY KEY (deck_id, fact_id, blank)
    ) WITHOUT ROWID""",
    "CREATE INDEX cards_due ON cards (due)",
    "CREATE INDEX cards_deck_due ON cards (deck_id, due)",
    """CREATE TABLE sessions (
        id            INTEGER PRIMARY KEY,
        mode          TEXT    NOT NULL CHECK (mode IN ('study', 'cram', 'exam')),
        decks         TEXT    NOT NULL,
        started_at    INTEGER NOT NULL,
        ended_at      INTEGER,
        planned       INTEGER,
        time_limit_ms INTEGER,
        answered      INTEGER NOT NULL DEFAULT 0,
        correct       INTEGER NOT NULL DEFAULT 0,
        close         INTEGER NOT NULL DEFAULT 0,
        wrong         INTEGER NOT NULL DEFAULT 0,
        streak        INTEGER NOT NULL DEFAULT 0,
        best_streak   INTEGER NOT NULL DEFAULT 0,
        score         REAL
    )""",
    "CREATE INDEX sessions_started ON sessions (started_at)",
    """CREATE TABLE reviews (
        id          INTEGER PRIMARY KEY,
        reviewed_at INTEGER NOT NULL,
        session_id  INTEGER REFERENCES sessions (id),
        mode        TEXT    NOT NULL CHECK (mode IN ('study', 'cram', 'exam')),
        deck_id     TEXT    NOT NULL,
        fact_id     TEXT    NOT NULL,
        blank       INTEGER NOT NULL,
        format      TEXT    NOT NULL,
        prompt      TEXT    NOT NULL,
        options     TEXT,
        response    TEXT,
        chosen      TEXT,
        verdict     TEXT    NOT NULL CHECK (verdict IN ('correct', 'close', 'wrong')),
        suggested   INTEGER NOT NULL CHECK (suggested BETWEEN 1 AND 4),
        rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
        duration_ms INTEGER NOT NULL,
        retention   REAL    NOT NULL,
        state_from  INTEGER NOT NULL,
        state_to    INTEGER NOT NULL,
        before      TEXT    NOT NULL,
        after       TEXT    NOT NULL,
        undone      INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX reviews_card ON reviews (deck_id, fact_id, blank, reviewed_at)",
    "CREATE INDEX reviews_deck_time ON reviews (deck_id, reviewed_at)",
    "CREATE INDEX reviews_time ON reviews (reviewed_at)",
    "CREATE INDEX reviews_session ON reviews (session_id)",
    # Covers the home screen's retention figure (passed review-state answers per deck over
    # recent days) without reading the log's wide rows.
    "CREATE INDEX reviews_deck_retention ON reviews (deck_id, reviewed_at, rating) "
    "WHERE mode = 'study' AND undone = 0 AND state_from = 2",
    # Covers the learner's median time per format (for "quick answer → Easy"), which
    # would otherwise scan the whole log for a format rarely answered.
    "CREATE INDEX reviews_quick ON reviews (format, id, duration_ms) "
    "WHERE verdict = 'correct' AND undone = 0",
    """CREATE TABLE bests (
        deck_key    TEXT    NOT NULL,
        mode        TEXT    NOT NULL,
        metric      TEXT    NOT NULL,
        value       REAL    NOT NULL,
        session_id  INTEGER,
        achieved_at INTEGER NOT NULL,
        PRIMARY KEY (deck_key, mode, metric)
    ) WITHOUT ROWID""",
    "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
    f"PRAGMA application_id = {APPLICATION_ID}",
)

# v2: game points (`quiz.scoring`) per answer and per session, so a session's score and
# the personal best in points are kept, not recomputed. Answers logged under v1 get their
# format's base points (half for close); the streak bonus is not reconstructed for them.
V2: tuple[str, ...] = (
    "ALTER TABLE reviews ADD COLUMN points INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE sessions ADD COLUMN points INTEGER NOT NULL DEFAULT 0",
    """UPDATE reviews SET points = (CASE format WHEN 'recall' THEN 10 WHEN 'cloze' THEN 8
        WHEN 'order' THEN 6 WHEN 'match' THEN 6 WHEN 'truefalse' THEN 2 ELSE 4 END)
        * (CASE verdict WHEN 'correct' THEN 2 WHEN 'close' THEN 1 ELSE 0 END) / 2
        WHERE undone = 0""",
    """UPDATE sessions SET points = (SELECT coalesce(sum(points), 0) FROM reviews
        WHERE reviews.session_id = sessions.id AND undone = 0)""",
)

# v3: indexes for `quiz.stats`; each partial index's WHERE is repeated literally by the
# queries that use it (SQLite only picks a partial index when the query implies it).
V3: tuple[str, ...] = (
    # Reviews per study day (heatmap, streaks): counted from the index alone.
    "CREATE INDEX reviews_standing_time ON reviews (reviewed_at) WHERE undone = 0",
    # The latest scheduled reviews, for true retention and calibration over all decks
    # (per deck, reviews_deck_retention serves).
    "CREATE INDEX reviews_scheduled_time ON reviews (reviewed_at) "
    "WHERE mode = 'study' AND undone = 0 AND state_from = 2",
    # Each card's scheduled reviews and how many passed (the hardest facts).
    "CREATE INDEX reviews_card_scheduled ON reviews (deck_id, fact_id, blank, rating) "
    "WHERE mode = 'study' AND undone = 0 AND state_from = 2",
    # Wrong multiple-choice answers, latest first (the most-confused pairs).
    "CREATE INDEX reviews_wrong_choice ON reviews (reviewed_at) "
    "WHERE format = 'choice' AND verdict = 'wrong' AND undone = 0",
)

# v4: answers brought in by `quiz import` (another program's review log) are marked with
# where they came from; they count in history and stats like any other answer.
V4: tuple[str, ...] = (
    "ALTER TABLE reviews ADD COLUMN imported TEXT",
    "ALTER TABLE sessions ADD COLUMN imported TEXT",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "cards, review log, sessions, bests and settings", V1),
    Migration(2, "points per answer and per session", V2),
    Migration(3, "indexes for the history screen", V3),
    Migration(4, "answers and sessions imported from other programs", V4),
)

LATEST = MIGRATIONS[-1].version


def check_header(path: Path) -> None:
    """Refuse, before SQLite touches it, a file that is not an intact SQLite database.

    Only for a file no connection of this process has open (a backup about to be
    restored): for the live score file, see `quiz.store.files`. An empty or missing file
    is fine (a new store).

    Raises:
        CorruptStoreError: the file is truncated or its header is damaged.
        ForeignFileError: the file is not an SQLite database at all.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    if size == 0:
        return
    with path.open("rb") as fh:
        header = fh.read(100)
    wal = path.with_name(path.name + "-wal")
    problem = header_problem(header, size, path, wal_pending=wal.exists() and wal.stat().st_size > 0)
    if problem is not None:
        raise problem


def header_problem(header: bytes, size: int, path: Path, *, wal_pending: bool) -> StoreError | None:
    """What is wrong with a file whose first 100 bytes are ``header``, or None.

    A file shorter than its header says is truncated; that is not judged while a
    write-ahead log is pending, because the main file only catches up at a checkpoint.
    """
    if size == 0:
        return None
    if not header.startswith(SQLITE_MAGIC[: min(len(header), len(SQLITE_MAGIC))]):
        return foreign(path, "it is not an SQLite database")
    if len(header) < 100:
        return damaged(path, f"truncated to {size} bytes")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return damaged(path, "its header is corrupt")
    pages = int.from_bytes(header[28:32], "big")
    header_valid = header[24:28] == header[92:96]
    if header_valid and not wal_pending and size < pages * page_size:
        return damaged(path, f"truncated: {size} bytes of {pages * page_size}")
    return None


def existing_version(conn: sqlite3.Connection, path: Path) -> int:
    """The schema version of an open file, after checking it is ours (or empty).

    Raises:
        ForeignFileError: another program's SQLite database.
        NewerStoreError: a version newer than `LATEST`.
    """
    # One read transaction, so a copy of quiz creating the schema at this moment is seen
    # either wholly or not at all (never as tables without our stamp).
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        tables = int(conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])
    finally:
        if own and conn.in_transaction:
            conn.execute("COMMIT")
    if app_id == APPLICATION_ID:
        if version > LATEST:
            raise NewerStoreError(
                f"{path} was written by a newer quiz (score format v{version}; this quiz "
                f"reads up to v{LATEST}); upgrade quiz to open it", path)
        return version
    if app_id != 0:
        raise foreign(path, f"it belongs to another program (application id {app_id:#x})")
    if version != 0 or tables:
        raise foreign(path, "it is another program's SQLite database")
    return 0


_ADD_COLUMN = re.compile(r"\s*ALTER TABLE (\w+) ADD COLUMN (.+?)\s*", re.S)


def new_file_statements(migrations: Sequence[Migration]) -> list[str]:
    """Every statement of ``migrations`` in order, for a new file: a column a later one
    adds to a table is written into the table's CREATE instead (at its end, as the ALTER
    puts it). SQLite parses the whole schema again after each ALTER TABLE; a new learner's
    first launch made four of them (~1.5 ms of it)."""
    made: list[str] = []
    for statement in (s for m in migrations for s in m.statements):
        add = _ADD_COLUMN.fullmatch(statement)
        create = next((n for n, s in enumerate(made) if add is not None and re.match(
            rf"\s*CREATE TABLE {add[1]}\s*\(", s)), None)
        if add is None or create is None:
            made.append(statement)
            continue
        table = made[create]
        close = table.rindex(")")  # the end of the column list: only options follow it
        body = table[:close].rstrip()
        last = body.rsplit("\n", 1)[-1]
        made[create] = f"{body},\n{last[:len(last) - len(last.lstrip())]}{add[2]}{table[close:]}"
    return made


def migrate(conn: sqlite3.Connection, path: Path, target: int = LATEST) -> int:
    """Bring an open file (autocommit connection) up to ``target``; returns the version.

    Raises:
        ForeignFileError, NewerStoreError: see `existing_version`.
        sqlite3.Error: passed on for the caller to translate.
    """
    wanted = [m for m in MIGRATIONS if m.version <= target]
    if not wanted or existing_version(conn, path) >= wanted[-1].version:
        return existing_version(conn, path)
    # Every step in one transaction: one sync to disk for a new file instead of one per
    # step (the first launch waits for it), and a failed upgrade leaves the file as it was.
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = existing_version(conn, path)  # another copy may have migrated meanwhile
        if version == 0:  # a new file: its tables made whole, and stamped once
            for statement in new_file_statements(wanted):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {wanted[-1].version}")
        for migration in wanted:
            if migration.version > version > 0:
                for statement in migration.statements:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {migration.version}")
        conn.execute("COMMIT")
    except BaseException:
        # SQLite may have rolled back already (a full disk does): then a second ROLLBACK
        # fails and its "no transaction is active" would hide what went wrong.
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise
    return existing_version(conn, path)
