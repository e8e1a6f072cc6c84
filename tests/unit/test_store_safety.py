"""The score file is touched only through SQLite, kept private, and every failure named truly.

A busy file is called busy, never damaged; a full disk during ``quiz backup`` says the
backup was not made; a scores path that is a file and a read-only store are reported or
read as they are; unfinished backups left by a kill are cleaned at the next start.
"""

from __future__ import annotations

import builtins
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

from quiz.cli import main
from quiz.clock import FixedClock
from quiz.locations import database_path
from quiz.store import DiskFullError, Store, StoreBusyError
from quiz.store import backup as backups
from quiz.store.backup import auto_backup, create_backup

ROOT = Path(__file__).resolve().parents[2]
START = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


def answer(store: Store, n: int = 3) -> None:
    session = store.start_session("study", ["d"])
    for i in range(n):
        store.record_answer(session, ("d", f"f{i}", 0), format="recall", prompt="p",
                            verdict="correct", duration_ms=1000)


def test_nothing_but_sqlite_opens_the_live_file_while_it_is_open(
        tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open(tmp_path, clock) as store:
        answer(store)
    live = database_path(tmp_path)
    opened: list[str] = []
    real_open, real_os_open = builtins.open, os.open

    def spy_open(file: object, *args: object, **kwargs: object) -> object:
        if isinstance(file, (str, os.PathLike)) and Path(file) == live:
            opened.append(f"open({file})")
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    def spy_os_open(path: object, *args: object, **kwargs: object) -> int:
        if isinstance(path, (str, os.PathLike)) and Path(path) == live:
            opened.append(f"os.open({path})")
        return real_os_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(os, "open", spy_os_open)
    with Store.open(tmp_path, clock) as store:
        second = Store.open(tmp_path, clock)  # a second connection in the same process
        second.close()
        auto_backup(tmp_path, clock)
        create_backup(tmp_path, clock, "manual")
        answer(store)
    assert opened == []


def test_an_opened_store_and_its_backups_are_private(tmp_path: Path, clock: FixedClock) -> None:
    old = os.umask(0o022)
    try:
        with Store.open(tmp_path / "scores", clock) as store:
            answer(store)
            made = create_backup(tmp_path / "scores", clock, "manual")
            wal = database_path(tmp_path / "scores").with_name("quiz.sqlite3-wal")
            assert stat.S_IMODE(wal.stat().st_mode) == 0o600
    finally:
        os.umask(old)
    assert stat.S_IMODE(database_path(tmp_path / "scores").stat().st_mode) == 0o600
    assert stat.S_IMODE(made.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.path.parent.stat().st_mode) == 0o700


@pytest.fixture
def locked(tmp_path: Path, clock: FixedClock) -> Iterator[Path]:
    """A score file another process holds with an exclusive lock."""
    with Store.open(tmp_path, clock) as store:
        answer(store)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys\n"
         f"c = sqlite3.connect({str(database_path(tmp_path))!r}, isolation_level=None)\n"
         "c.execute('PRAGMA locking_mode = EXCLUSIVE')\n"
         "c.execute('BEGIN EXCLUSIVE'); c.execute('DELETE FROM settings')\n"
         "print('locked', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    try:
        yield tmp_path
    finally:
        holder.communicate("", timeout=60)


def test_a_busy_file_is_called_busy_never_damaged(locked: Path, clock: FixedClock,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(StoreBusyError, match="busy") as opening:
        Store.open(locked, clock, busy_timeout_ms=100)
    monkeypatch.setattr(backups, "BUSY_TIMEOUT_MS", 100)
    with pytest.raises(StoreBusyError, match="busy") as backing_up:
        create_backup(locked, clock, "manual")
    for error in (opening.value, backing_up.value):
        assert "damaged" not in str(error) and "quiz doctor --fresh" not in str(error)
    assert not list((locked / "backups").glob("*"))


def test_a_full_disk_during_backup_names_the_backup(tmp_path: Path, clock: FixedClock,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(tmp_path, clock) as store:
        answer(store)

    class Source(sqlite3.Connection):
        """A source whose copy runs into a full disk (sqlite3.Connection cannot be patched)."""

        def backup(self, *args: object, **kwargs: object) -> None:
            raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backups, "connect", lambda path, **kw: sqlite3.connect(
        f"file:{path}?mode=ro", uri=True, factory=Source))
    assert main(["backup", "--scores", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "full" in err and "the backup was not made" in err and "untouched" in err
    assert "last answer" not in err
    with pytest.raises(DiskFullError):
        create_backup(tmp_path, clock, "manual")
    assert not list((tmp_path / "backups").glob("*"))


def test_a_full_disk_while_answering_says_the_answer_was_not_saved(tmp_path: Path) -> None:
    from quiz.store.errors import translate

    error = translate(sqlite3.OperationalError("database or disk is full"), tmp_path, "the last answer")
    assert isinstance(error, DiskFullError) and "the last answer was not saved" in str(error)


def test_unfinished_backups_are_cleaned_at_the_next_start(tmp_path: Path, clock: FixedClock) -> None:
    with Store.open(tmp_path, clock) as store:
        answer(store)
    folder = tmp_path / "backups"
    folder.mkdir()
    stale = folder / "quiz-20260301T100000Z-auto.sqlite3.partial"
    stale.write_bytes(b"x" * 4096)
    old = time.time() - 2 * backups.STALE_PARTIAL_S
    os.utime(stale, (old, old))
    restoring = tmp_path / "quiz.sqlite3.restoring"
    restoring.write_bytes(b"y")
    os.utime(restoring, (old, old))
    in_progress = folder / "quiz-20260302T175959Z-manual.sqlite3.partial"
    in_progress.write_bytes(b"another copy is writing this right now")
    assert auto_backup(tmp_path, clock) is not None
    assert not stale.exists() and not restoring.exists()
    assert in_progress.exists()


@pytest.mark.parametrize("command", [["stats"], ["history", "--json"], ["export"], ["doctor"]])
def test_a_scores_path_that_is_a_file_is_an_error(tmp_path: Path, command: list[str],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "scores"
    file.write_text("not a folder\n", encoding="utf-8")
    assert main([*command, "--scores", str(file), "--decks", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"the scores folder {file} is a file, not a folder" in err


def _reader() -> list[str]:
    """A command prefix under which folders marked read-only really are (root ignores modes)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    assert setpriv, "running the suite as root needs util-linux's setpriv for this test"
    return [setpriv, "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search,-fowner",
            "--"]


@pytest.mark.slow
def test_read_only_commands_work_on_a_read_only_store(clock: FixedClock) -> None:
    top = Path(tempfile.mkdtemp(prefix="quiz-ro-"))
    try:
        scores, decks = top / "scores", top / "decks"
        decks.mkdir()
        with Store.open(scores, clock) as store:
            answer(store, 5)
        database_path(scores).chmod(0o444)
        for folder in (scores, top):
            folder.chmod(0o555)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        for command in (["stats", "--json"], ["history", "--json"], ["export"], ["doctor"]):
            result = subprocess.run(
                [*_reader(), sys.executable, "-m", "quiz", *command, "--scores", str(scores),
                 "--decks", str(decks)], capture_output=True, text=True, env=env, check=False,
                timeout=120, cwd="/")
            assert result.returncode == 0, (command, result.stderr)
            assert "cannot write" not in result.stderr
        exported = subprocess.run(
            [*_reader(), sys.executable, "-m", "quiz", "export", "--scores", str(scores)],
            capture_output=True, text=True, env=env, check=False, timeout=120, cwd="/")
        assert len(exported.stdout.splitlines()) == 1 + 5
        assert sorted(p.name for p in scores.iterdir()) == ["quiz.sqlite3"]
    finally:
        for folder in (top, top / "scores"):
            if folder.exists():
                folder.chmod(0o755)
        shutil.rmtree(top)
