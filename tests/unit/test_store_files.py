"""Opening the score file: migrations from every version, and every kind of bad file.

A bad file (damaged, truncated, foreign, newer) gives a one-line `StoreError` naming the
path and the way out, is never modified, and ``quiz doctor --fresh`` sets it aside.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from quiz.cli import main
from quiz.clock import FixedClock
from quiz.locations import database_path
from quiz.store import (
    SCHEMA_VERSION, CorruptStoreError, ForeignFileError, NewerStoreError, Store, StoreError,
)
from quiz.store import schema

DATA = Path(__file__).resolve().parent.parent / "data"
START = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


def filled(scores: Path, clock: FixedClock, answers: int = 40) -> Path:
    """A real score file with some history, checkpointed so the main file holds it all."""
    with Store.open(scores, clock) as store:
        session = store.start_session("study", ["d"])
        for i in range(answers):
            store.record_answer(session, ("d", f"f{i % 7}", 0), format="recall",
                                prompt="p" * 200, verdict="correct", duration_ms=1000)
            clock.advance(timedelta(minutes=11))
    return database_path(scores)


def load_v1(scores: Path) -> Path:
    scores.mkdir(parents=True, exist_ok=True)
    path = database_path(scores)
    conn = sqlite3.connect(path)
    conn.executescript((DATA / "store_v1.sql").read_text(encoding="utf-8"))
    conn.close()
    return path


# -- migrations ----------------------------------------------------------------------------

def test_migrations_are_numbered_from_one_without_gaps() -> None:
    assert [m.version for m in schema.MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))


def test_a_missing_file_and_an_empty_file_become_the_latest_schema(tmp_path: Path, clock: FixedClock) -> None:
    with Store.open(tmp_path / "new", clock):
        pass
    (tmp_path / "empty").mkdir()
    database_path(tmp_path / "empty").touch()
    with Store.open(tmp_path / "empty", clock):
        pass
    for folder in ("new", "empty"):
        conn = sqlite3.connect(database_path(tmp_path / folder))
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        conn.close()


@pytest.mark.parametrize("version", range(0, SCHEMA_VERSION + 1))
def test_every_earlier_version_migrates_forward(tmp_path: Path, clock: FixedClock, version: int) -> None:
    path = database_path(tmp_path)
    conn = sqlite3.connect(path, isolation_level=None)
    assert schema.migrate(conn, path, target=version) == version
    conn.close()
    with Store.open(tmp_path, clock) as store:
        session = store.start_session("study", ["d"])
        store.record_answer(session, ("d", "f", 0), format="choice", prompt="p",
                            verdict="correct", duration_ms=1)
        assert store.rebuild().ok
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def _shape(path: Path) -> dict[str, object]:
    """Every table's columns, keys and options, and every index, as SQLite reports them."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {
            "tables": {t: (conn.execute(f"PRAGMA table_xinfo({t})").fetchall(),
                           conn.execute(f"PRAGMA foreign_key_list({t})").fetchall(),
                           conn.execute(f"PRAGMA index_list({t})").fetchall(),
                           "WITHOUT ROWID" in conn.execute(
                               "SELECT upper(sql) FROM sqlite_master WHERE name = ?",
                               (t,)).fetchone()[0]) for t in tables},
            "indexes": conn.execute("SELECT name, tbl_name, sql FROM sqlite_master "
                                    "WHERE type = 'index' ORDER BY name").fetchall(),
            "version": conn.execute("PRAGMA user_version").fetchone()}
    finally:
        conn.close()


def test_a_new_file_has_the_schema_its_migrations_make_one_by_one(tmp_path: Path) -> None:
    """A new file gets the columns later migrations add written into its tables' CREATEs
    (`schema.new_file_statements`: one parse of the schema, not one per ALTER TABLE), and
    ends with the very tables, columns, keys and indexes migrating step by step makes."""
    stepwise, new = tmp_path / "stepwise.sqlite3", tmp_path / "new.sqlite3"
    conn = sqlite3.connect(stepwise, isolation_level=None)
    for version in range(1, SCHEMA_VERSION + 1):
        assert schema.migrate(conn, stepwise, target=version) == version
    conn.close()
    conn = sqlite3.connect(new, isolation_level=None)
    assert schema.migrate(conn, new) == SCHEMA_VERSION
    conn.close()
    assert _shape(new) == _shape(stepwise)
    folded = schema.new_file_statements(schema.MIGRATIONS)
    assert not any("ALTER TABLE" in s for s in folded)
    assert len(folded) < sum(len(m.statements) for m in schema.MIGRATIONS)


def test_a_v1_file_opens_with_its_history_intact(tmp_path: Path, clock: FixedClock) -> None:
    load_v1(tmp_path)
    with Store.open(tmp_path, clock) as store:
        assert store.counts() == {"cards": 3, "reviews": 4, "undone": 0, "sessions": 1,
                                  "bests": 0, "settings": 1}
        assert store.settings().desired_retention == 0.85
        history = store.history(("us-france", "amity-treaty", 0))
        assert [r.verdict for r in history] == ["correct", "correct"]
        assert history[0].options == ["a", "b", "c", "d"] and history[0].chosen == 1
        assert store.card(("us-france", "le-drian", 0)).suspended == 1
        # v2 gave the old answers their format's base points (half for close, none for wrong)
        reviews = [r for s in store.sessions() for r in store.session_reviews(s.id)]
        base = {"recall": 10, "cloze": 8, "order": 6, "match": 6, "choice": 4, "truefalse": 2}
        assert [r.points for r in reviews] == [
            {"correct": base[r.format], "close": base[r.format] // 2}.get(r.verdict, 0) for r in reviews]
        assert store.sessions()[0].points == sum(r.points for r in reviews) > 0
        assert store.rebuild().ok
        assert store.integrity_check() == []


def test_the_v1_fixture_matches_migration_one(tmp_path: Path) -> None:
    """Migration 1 must keep creating exactly the schema v1 files have."""
    fixture = load_v1(tmp_path / "fixture")
    fresh = database_path(tmp_path / "fresh")
    fresh.parent.mkdir()
    conn = sqlite3.connect(fresh, isolation_level=None)
    schema.migrate(conn, fresh, target=1)
    conn.close()

    def ddl(path: Path) -> list[tuple[str, str]]:
        c = sqlite3.connect(path)
        rows = c.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()
        c.close()
        return rows

    assert ddl(fixture) == ddl(fresh)


def test_a_file_from_a_newer_quiz_is_refused_untouched(tmp_path: Path, clock: FixedClock) -> None:
    path = filled(tmp_path, clock, 3)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerStoreError, match=rf"newer quiz .*v{SCHEMA_VERSION + 1}.*reads up to v{SCHEMA_VERSION}.*upgrade") as caught:
        Store.open(tmp_path, clock)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)
    assert path.read_bytes() == before


# -- bad files -----------------------------------------------------------------------------

def _bad_files(tmp_path: Path, clock: FixedClock) -> dict[str, tuple[Path, type[StoreError]]]:
    cases: dict[str, tuple[Path, type[StoreError]]] = {}
    text = tmp_path / "text"
    text.mkdir()
    database_path(text).write_text("title: not a database\n" * 50)
    cases["text file"] = (text, ForeignFileError)

    other = tmp_path / "other"
    other.mkdir()
    conn = sqlite3.connect(database_path(other))
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    cases["another program's database"] = (other, ForeignFileError)

    stamped = tmp_path / "stamped"
    stamped.mkdir()
    conn = sqlite3.connect(database_path(stamped))
    conn.execute("PRAGMA application_id = 1234")
    conn.close()
    cases["another application id"] = (stamped, ForeignFileError)

    for name, keep in (("truncated", 0.5), ("header only", None)):
        folder = tmp_path / name.replace(" ", "-")
        path = filled(folder, clock)
        data = path.read_bytes()
        path.write_bytes(data[: int(len(data) * keep)] if keep else data[:60])
        cases[name] = (folder, CorruptStoreError)

    garbled = tmp_path / "garbled"
    path = filled(garbled, clock)
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page
    path.write_bytes(bytes(data))
    cases["garbled schema page"] = (garbled, CorruptStoreError)
    return cases


def test_bad_files_give_one_clear_line_and_are_never_touched(tmp_path: Path, clock: FixedClock) -> None:
    for name, (folder, error) in _bad_files(tmp_path, clock).items():
        path = database_path(folder)
        before = path.read_bytes()
        with pytest.raises(error) as caught:
            Store.open(folder, clock)
        message = str(caught.value)
        assert str(path) in message and "\n" not in message, name
        assert "quiz restore" in message and "quiz doctor --fresh" in message, name
        assert path.read_bytes() == before, name


def test_damage_inside_a_table_surfaces_as_a_store_error(tmp_path: Path, clock: FixedClock) -> None:
    path = filled(tmp_path, clock, 200)
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(3 * page, len(data) - page, page):  # leave the schema page alone
        data[start:start + page] = b"\x0d" + b"\xee" * (page - 1)
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptStoreError):
        with Store.open(tmp_path, clock) as store:
            store.history(("d", "f1", 0))
            store.rebuild()


def test_doctor_reports_a_bad_file_and_fresh_keeps_it(tmp_path: Path, clock: FixedClock,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    folder, _ = _bad_files(tmp_path, clock)["truncated"]
    path = database_path(folder)
    before = path.read_bytes()
    assert main(["doctor", "--scores", str(folder)]) == 1
    out = capsys.readouterr()
    assert "damaged" in out.out and "Traceback" not in out.out + out.err
    assert main(["doctor", "--fresh", "--scores", str(folder)]) == 0
    kept = [p for p in folder.iterdir() if p.name.startswith("quiz.sqlite3.set-aside-")]
    assert len(kept) == 1 and kept[0].read_bytes() == before
    assert not path.exists()
    assert main(["doctor", "--scores", str(folder)]) == 0
    assert "integrity:  ok" in capsys.readouterr().out


def test_doctor_on_a_healthy_file_checks_and_rebuilds(tmp_path: Path, clock: FixedClock,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = filled(tmp_path, clock, 10)
    assert main(["doctor", "--scores", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "integrity:  ok" in out and "all 7 card states match" in out
    conn = sqlite3.connect(path)
    conn.execute("UPDATE cards SET stability = 1 WHERE fact_id = 'f1'")
    conn.commit()
    conn.close()
    assert main(["doctor", "--scores", str(tmp_path)]) == 1
    assert "1 card state(s) differ" in capsys.readouterr().out
    assert main(["doctor", "--rebuild", "--scores", str(tmp_path)]) == 0
    assert "rebuilt 1 card state(s)" in capsys.readouterr().out
    assert main(["doctor", "--scores", str(tmp_path)]) == 0


def test_doctor_names_a_studied_card_without_a_due_time(tmp_path: Path, clock: FixedClock,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = filled(tmp_path, clock, 10)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE cards SET due = NULL WHERE fact_id = 'f1'")
    conn.commit()
    conn.close()
    assert main(["doctor", "--scores", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "due times:  1 studied card(s) have none (d/f1)" in out, out
    assert main(["doctor", "--rebuild", "--scores", str(tmp_path)]) == 0
    assert main(["doctor", "--scores", str(tmp_path)]) == 0
    assert "due times" not in capsys.readouterr().out


def test_a_second_copy_opening_an_old_file_migrates_it_once(tmp_path: Path, clock: FixedClock) -> None:
    path = database_path(tmp_path)
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate(conn, path, target=0)
    first = Store.open(tmp_path, clock)
    second = Store.open(tmp_path, clock)
    assert first.counts() == second.counts()
    first.close()
    second.close()
    conn.close()


# -- a new file ----------------------------------------------------------------------------

def test_a_new_file_appears_under_its_name_already_ours_and_in_wal_mode(
        tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> None:
    # Built in place, a new file stood under its name empty, then went to WAL mode through
    # a rollback journal (four disk syncs before its schema's); now its one page is built
    # aside and named once whole, and the schema is written in its write-ahead log.
    from quiz.store import files

    scores = tmp_path / "scores"
    headers: list[bytes] = []
    connect = files.connect

    def watched(path: Path, **options: bool | int) -> sqlite3.Connection:
        headers.append(path.read_bytes()[:100])  # no connection holds it yet
        return connect(path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(files, "connect", watched)
    with Store.open(scores, clock) as store:
        store.start_session("study", ["d"])
    assert len(headers) == 1
    assert headers[0][18:20] == b"\x02\x02"  # WAL mode
    assert int.from_bytes(headers[0][68:72], "big") == schema.APPLICATION_ID
    assert int.from_bytes(headers[0][60:64], "big") == 0  # version 0: migrated next
    assert sorted(p.name for p in scores.iterdir()) == ["quiz.sqlite3"]
    assert database_path(scores).stat().st_mode & 0o777 == 0o600
    conn = sqlite3.connect(database_path(scores))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 1
    conn.close()


def test_without_hard_links_a_new_file_is_created_in_place(tmp_path: Path, clock: FixedClock,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr("quiz.store.files.os.link", refuse)
    with Store.open(tmp_path, clock) as store:
        store.start_session("study", ["d"])
        assert store.counts()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["quiz.sqlite3"]


def test_a_new_file_left_half_built_by_a_killed_copy_is_removed(tmp_path: Path,
                                                                clock: FixedClock) -> None:
    import subprocess
    import sys

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    abandoned = tmp_path / f".quiz.sqlite3.new-{gone}-0badf00d"
    abandoned.write_bytes(b"SQLite format 3\x00")
    building = tmp_path / f".quiz.sqlite3.new-{os.getpid()}-00c0ffee"  # a live copy's
    building.write_bytes(b"")
    with Store.open(tmp_path, clock):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == [building.name, "quiz.sqlite3"]


@pytest.mark.slow  # three real processes
def test_copies_creating_the_same_new_file_at_once_share_one(tmp_path: Path) -> None:
    import subprocess
    import sys

    scores, go = tmp_path / "scores", tmp_path / "go"
    code = ("import os, sys, time\n"
            "from pathlib import Path\n"
            "from quiz.store import Store\n"
            "while not os.path.exists(sys.argv[2]): time.sleep(0.001)\n"
            "with Store.open(Path(sys.argv[1])) as store:\n"
            "    store.start_session('study', ['d'])\n")
    copies = [subprocess.Popen([sys.executable, "-c", code, str(scores), str(go)],
                               stderr=subprocess.PIPE, text=True) for _ in range(3)]
    go.touch()
    for copy in copies:
        _, err = copy.communicate(timeout=60)
        assert copy.returncode == 0, err
    assert sorted(p.name for p in scores.iterdir()) == ["quiz.sqlite3"]
    conn = sqlite3.connect(database_path(scores))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 3
    conn.close()


def test_a_copy_killed_just_after_naming_its_new_file_leaves_no_second_name(
        tmp_path: Path, clock: FixedClock) -> None:
    """Killed between linking its half-built file to the name and removing it, a copy left
    a hidden second name of the live score file that nothing removed (the file existed, so
    the next creation never looked): a later open removes it."""
    import subprocess
    import sys

    Store.open(tmp_path, clock).close()
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    os.link(database_path(tmp_path), tmp_path / f".quiz.sqlite3.new-{gone}-0badf00d")
    with Store.open(tmp_path, clock):
        pass
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    assert database_path(tmp_path).stat().st_nlink == 1


def test_a_failed_migration_reports_its_own_error_not_the_rollbacks(tmp_path: Path) -> None:
    """A full disk makes SQLite roll the transaction back itself: the ROLLBACK after it
    failed with "no transaction is active", and that was the message a new learner read."""
    conn = sqlite3.connect(tmp_path / "quiz.sqlite3", isolation_level=None)

    class FullDisk:
        """The connection, but its first CREATE fails as on a full disk (rolled back)."""

        def __init__(self) -> None:
            self.failed = False

        @property
        def in_transaction(self) -> bool:
            return conn.in_transaction

        def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
            if sql.lstrip().upper().startswith("CREATE") and not self.failed:
                self.failed = True
                conn.execute("ROLLBACK")
                raise sqlite3.OperationalError("database or disk is full")
            return conn.execute(sql, *args)

    try:
        with pytest.raises(sqlite3.OperationalError, match="disk is full"):
            schema.migrate(FullDisk(), tmp_path / "quiz.sqlite3")  # type: ignore[arg-type]
        assert schema.existing_version(conn, tmp_path / "quiz.sqlite3") == 0
    finally:
        conn.close()
