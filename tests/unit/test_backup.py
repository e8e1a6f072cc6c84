"""Backups: made with the backup API, once a day, thinned, restored without overwriting."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from quiz.cli import main
from quiz.clock import FixedClock
from quiz.locations import database_path
from quiz.store import CorruptStoreError, Store, StoreError
from quiz.store.backup import (
    KEEP_DAILY, KEEP_MONTHLY, KEEP_WEEKLY, BackupInfo, auto_backup, backups_dir, create_backup,
    find_backup, list_backups, restore, set_aside, to_thin,
)

START = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


def add_answers(scores: Path, clock: FixedClock, count: int) -> None:
    with Store.open(scores, clock) as store:
        session = store.start_session("study", ["d"])
        for i in range(count):
            store.record_answer(session, ("d", f"f{i}", 0), format="choice", prompt="p",
                                verdict="correct", duration_ms=900)


def reviews_in(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM reviews").fetchone()[0])
    finally:
        conn.close()


def test_a_backup_is_a_sound_copy_taken_while_the_store_is_open(tmp_path: Path, clock: FixedClock) -> None:
    add_answers(tmp_path, clock, 3)
    with Store.open(tmp_path, clock) as store:
        session = store.start_session("study", ["d"])
        store.record_answer(session, ("d", "x", 0), format="choice", prompt="p",
                            verdict="wrong", duration_ms=1)
        made = create_backup(tmp_path, clock)
    assert made.kind == "manual" and made.created == START
    assert made.path.parent == backups_dir(tmp_path)
    assert reviews_in(made.path) == 4
    assert sorted(p.name for p in backups_dir(tmp_path).iterdir()) == [made.name]
    assert list_backups(tmp_path) == [made]


def test_nothing_to_back_up_is_a_clear_error(tmp_path: Path, clock: FixedClock) -> None:
    with pytest.raises(StoreError, match="no score file to back up"):
        create_backup(tmp_path, clock)
    assert auto_backup(tmp_path, clock) is None


def test_a_new_learners_empty_file_is_not_backed_up_until_it_holds_something(
        tmp_path: Path, clock: FixedClock) -> None:
    with Store.open(tmp_path, clock) as store:
        store.start_session("study", ["d"])  # a first launch: a session, no answer yet
    assert auto_backup(tmp_path, clock) is None
    assert list_backups(tmp_path) == []
    add_answers(tmp_path, clock, 1)
    made = auto_backup(tmp_path, clock)  # the same day, once there is an answer
    assert made is not None and reviews_in(made.path) == 1


def test_automatic_backups_happen_at_most_once_a_day(tmp_path: Path, clock: FixedClock) -> None:
    add_answers(tmp_path, clock, 1)
    assert auto_backup(tmp_path, clock) is not None
    clock.advance(timedelta(hours=3))
    assert auto_backup(tmp_path, clock) is None
    clock.advance(timedelta(days=1))
    assert auto_backup(tmp_path, clock) is not None
    assert [b.kind for b in list_backups(tmp_path)] == ["auto", "auto"]


def test_a_damaged_file_is_not_backed_up_over_good_backups(tmp_path: Path, clock: FixedClock) -> None:
    add_answers(tmp_path, clock, 50)
    good = auto_backup(tmp_path, clock)
    assert good is not None
    path = database_path(tmp_path)
    data = bytearray(path.read_bytes())
    data[4096 * 2:] = b"\xee" * (len(data) - 4096 * 2)
    path.write_bytes(bytes(data))
    clock.advance(timedelta(days=1))
    with pytest.raises(CorruptStoreError):
        auto_backup(tmp_path, clock)
    assert list_backups(tmp_path) == [good]
    assert [p.name for p in backups_dir(tmp_path).iterdir()] == [good.name]


def _info(day: datetime, kind: str = "auto") -> BackupInfo:
    return BackupInfo(Path(f"/b/{day:%Y%m%d}-{kind}"), day, kind, 1)  # type: ignore[arg-type]


def test_thinning_keeps_a_few_daily_weekly_and_monthly_copies() -> None:
    days = [START - timedelta(days=n) for n in range(400)]
    backups = [_info(d) for d in days] + [_info(START - timedelta(days=300), "manual")]
    removed = {b.path for b in to_thin(backups)}
    kept = [b for b in backups if b.path not in removed]
    assert all(b.kind == "auto" for b in to_thin(backups))
    assert _info(START).path in {b.path for b in kept}
    assert len([b for b in kept if b.kind == "auto"]) <= KEEP_DAILY + KEEP_WEEKLY + KEEP_MONTHLY
    recent = {b.created.date() for b in kept if START - b.created < timedelta(days=KEEP_DAILY)}
    assert len(recent) == KEEP_DAILY
    months = {(b.created.year, b.created.month) for b in kept}
    assert len(months) == KEEP_MONTHLY
    assert to_thin(backups[:3]) == []


def test_thinning_runs_after_each_automatic_backup(tmp_path: Path, clock: FixedClock) -> None:
    add_answers(tmp_path, clock, 1)
    for _ in range(20):
        auto_backup(tmp_path, clock)
        clock.advance(timedelta(days=1))
    autos = list_backups(tmp_path)
    assert KEEP_DAILY < len(autos) <= KEEP_DAILY + KEEP_WEEKLY + KEEP_MONTHLY
    assert autos[0].created == START + timedelta(days=19)


def test_restore_keeps_the_current_file_aside(tmp_path: Path, clock: FixedClock) -> None:
    add_answers(tmp_path, clock, 2)
    backup = create_backup(tmp_path, clock)
    add_answers(tmp_path, clock, 5)
    current = database_path(tmp_path)
    assert reviews_in(current) == 7
    clock.advance(timedelta(minutes=1))
    kept = restore(tmp_path, backup, clock)
    assert kept is not None and kept.name.startswith("quiz.sqlite3.before-restore-")
    assert reviews_in(kept) == 7  # the file set aside still holds everything
    with Store.open(tmp_path, clock) as store:
        assert store.counts()["reviews"] == 2 and store.rebuild().ok
    again = restore(tmp_path, backup, clock)
    assert again is not None and again != kept and kept.exists()


def test_a_damaged_backup_is_refused_and_nothing_moves(tmp_path: Path, clock: FixedClock) -> None:
    add_answers(tmp_path, clock, 30)
    backup = create_backup(tmp_path, clock)
    backup.path.write_bytes(backup.path.read_bytes()[:5000])
    with pytest.raises(CorruptStoreError):
        restore(tmp_path, backup, clock)
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file())[0] == "quiz.sqlite3"
    assert not any(p.name.startswith("quiz.sqlite3.before") for p in tmp_path.iterdir())


def test_set_aside_never_overwrites(tmp_path: Path, clock: FixedClock) -> None:
    names = []
    for _ in range(3):
        add_answers(tmp_path, clock, 1)
        kept = set_aside(tmp_path, clock, "bad")
        assert kept is not None
        names.append(kept.name)
    assert len(set(names)) == 3
    assert set_aside(tmp_path, clock, "bad") is None


def test_find_backup_by_number_name_or_path(tmp_path: Path, clock: FixedClock) -> None:
    add_answers(tmp_path, clock, 1)
    older = create_backup(tmp_path, clock)
    clock.advance(timedelta(hours=1))
    newer = create_backup(tmp_path, clock)
    assert find_backup(tmp_path, "1") == newer and find_backup(tmp_path, "2") == older
    assert find_backup(tmp_path, older.name) == older
    assert find_backup(tmp_path, str(older.path)) == older
    with pytest.raises(StoreError, match="no backup named"):
        find_backup(tmp_path, "7")


def test_backup_and_restore_commands(tmp_path: Path, clock: FixedClock,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    scores = str(tmp_path)
    assert main(["restore", "--scores", scores]) == 0
    assert "no backups yet" in capsys.readouterr().out
    assert main(["backup", "--scores", scores]) == 1
    assert "no score file to back up" in capsys.readouterr().err
    add_answers(tmp_path, clock, 2)
    assert main(["backup", "--scores", scores]) == 0
    assert "backed up to" in capsys.readouterr().out
    assert main(["restore", "--scores", scores]) == 0
    listing = capsys.readouterr().out
    assert "  1  " in listing and "manual" in listing
    assert main(["restore", "1", "--scores", scores]) == 0
    out = capsys.readouterr().out
    assert "restored" in out and "kept at" in out
    assert main(["restore", "9", "--scores", scores]) == 1
    assert "no backup named" in capsys.readouterr().err
