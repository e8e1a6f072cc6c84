"""Two copies of quiz on one score file, as two real processes, with backups and CLI reads.

Each copy is tests/data/copy_of_quiz.py: the study service opened as the app opens it,
answering cards and making its daily backup *in the process that holds the connection*
(where a plain ``open()``/``close()`` of the live file once dropped SQLite's locks and let
the other copy delete the write-ahead log under it). Between and during their sessions the
``quiz`` command backs up, checks and reads the same file. Every answer a copy reported
saved must be on disk, and no healthy file may ever be called damaged.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from quiz.locations import database_path

ROOT = Path(__file__).resolve().parents[2]
HELPER = ROOT / "tests" / "data" / "copy_of_quiz.py"
WAIT = 120  # seconds; a bound on a hung child, never an expectation
ALARMS = ("damaged", "malformed", "not a quiz score file", "internal error", "Traceback")


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def write_deck(folder: Path) -> None:
    folder.mkdir()
    facts = "".join(f"  - id: e{i}\n    question: In what year did event {i} happen?\n"
                    f"    answer: {1700 + 7 * i}\n" for i in range(40))
    (folder / "years.yaml").write_text(f"title: Years\nfacts:\n{facts}", encoding="utf-8")


class Copy:
    """One running copy of quiz, driven line by line."""

    def __init__(self, decks: Path, scores: Path, saved: Counter[int], log: list[str]) -> None:
        self.saved = saved
        self.log = log
        self.proc = subprocess.Popen([sys.executable, str(HELPER), str(decks), str(scores)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, env=env())
        self.expect("ready")

    def send(self, command: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()

    def expect(self, last: str) -> None:
        """Read lines until one starts with ``last``, counting the answers reported saved."""
        assert self.proc.stdout is not None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                err = self.proc.stderr.read() if self.proc.stderr else ""
                raise AssertionError(f"a copy of quiz ended early: {err}")
            self.log.append(line.strip())
            if line.startswith("saved "):
                self.saved[int(line.split()[1])] += 1
            if line.startswith(last):
                return

    def study(self, count: int) -> None:
        self.send(f"study {count}")
        self.expect("done")

    def backup(self) -> None:
        self.send("backup")
        self.expect("backup")

    def quit(self) -> None:
        self.send("quit")
        self.expect("bye")
        self.proc.wait(timeout=WAIT)
        assert self.proc.returncode == 0


def quiz(*args: str, decks: Path, scores: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "quiz", *args, "--decks", str(decks),
                           "--scores", str(scores)], capture_output=True, text=True,
                          env=env(), timeout=WAIT, check=False)


@pytest.mark.slow
def test_two_copies_with_backups_doctor_and_reads_lose_no_saved_answer(tmp_path: Path) -> None:
    decks, scores = tmp_path / "decks", tmp_path / "scores"
    write_deck(decks)
    saved: Counter[int] = Counter()
    log: list[str] = []
    outputs: list[str] = []

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        result = quiz(*args, decks=decks, scores=scores)
        outputs.append(f"$ quiz {' '.join(args)}\n{result.stdout}{result.stderr}")
        busy = "busy" in result.stderr
        assert result.returncode == 0 or busy, outputs[-1]
        return result

    # The sequence that once lost answers: A makes its daily backup while open; B studies
    # and quits (closing what it thinks is the last connection); A studies; and so on.
    a = Copy(decks, scores, saved, log)
    a.backup()
    for round_ in range(3):
        b = Copy(decks, scores, saved, log)
        b.study(5)
        b.quit()
        a.study(5)
        a.backup()
        # The command line reads, backs up and checks while A is in the middle of answering.
        a.send("study 12")
        cli("backup")
        cli("doctor")
        if round_ == 0:
            json.loads(cli("stats", "--json").stdout)
        a.expect("done")
    json.loads(cli("history", "--json").stdout)
    cli("export", "-o", str(tmp_path / "log.csv"))
    a.quit()

    errors = [line for line in log if line.startswith(("error", "backup failed"))]
    assert errors == []
    everything = "\n".join(outputs + log)
    for alarm in ALARMS:
        assert alarm not in everything, everything

    conn = sqlite3.connect(database_path(scores))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = Counter(dict(conn.execute(
            "SELECT session_id, count(*) FROM reviews WHERE undone = 0 GROUP BY session_id")))
    finally:
        conn.close()
    assert sum(saved.values()) == 3 * (5 + 5 + 12)
    assert stored == saved  # every answer reported saved is on disk, none twice
    doctor = quiz("doctor", decks=decks, scores=scores)
    assert doctor.returncode == 0 and "integrity:  ok" in doctor.stdout, doctor.stdout
    backups = sorted((scores / "backups").glob("*.sqlite3"))
    # A's first daily backup finds a file with nothing in it yet, which is not copied.
    assert len(backups) >= 6 and not list((scores / "backups").glob("*.partial"))
