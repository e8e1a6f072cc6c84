"""Crashes and a second copy of quiz: SIGKILL mid-answer, and two writers at once.

Both drive real subprocesses (tests/data/answerer.py) against one score file. Every wait is
bounded; nothing here asserts on timing.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quiz.locations import database_path
from quiz.store import Store

HELPER = Path(__file__).resolve().parent.parent / "data" / "answerer.py"
ROOT = Path(__file__).resolve().parent.parent.parent
TOTAL = 100
WAIT = 60  # seconds; a bound on a hung child, never an expectation


def start(scores: Path, tag: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, str(HELPER), str(scores), tag, str(TOTAL)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def committed(scores: Path, tag: str) -> list[int]:
    with Store.open(scores) as store:
        problems = store.integrity_check()
        assert problems == []
        rows = store._read("SELECT response FROM reviews WHERE response LIKE ?", (f"{tag}:%",))
    return sorted(int(r[0].split(":")[1]) for r in rows)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_loses_at_most_the_answer_in_flight(tmp_path: Path) -> None:
    rng = random.Random(20260302)
    acknowledged: set[int] = set()
    stored: set[int] = set()
    kills = 0
    for _ in range(40):
        proc = start(tmp_path, "k")
        assert proc.stdout is not None
        wanted, finished, this_run = rng.randint(1, 15), False, set()
        for _ in range(wanted):
            line = proc.stdout.readline()
            if not line:
                finished = True
                break
            this_run.add(int(line))
        if not finished:
            time.sleep(rng.random() * 0.004)  # land somewhere inside the next transaction
            proc.send_signal(signal.SIGKILL)
        # Read the rest through the same text wrapper: communicate() reads the raw pipe and
        # would miss lines readline() already pulled into the wrapper's buffer.
        out = proc.stdout.read()
        err = proc.stderr.read() if proc.stderr is not None else ""
        proc.wait(timeout=WAIT)
        this_run.update(int(n) for n in out.split())
        acknowledged |= this_run
        if finished:
            assert proc.returncode == 0, err
            break
        kills += 1
        in_store = committed(tmp_path, "k")
        assert len(in_store) == len(set(in_store))  # nothing recorded twice
        assert acknowledged <= set(in_store)  # nothing acknowledged was lost
        # At most one answer was committed but not yet acknowledged: the one in flight.
        assert len(set(in_store) - stored - this_run) <= 1
        stored = set(in_store)
    assert kills >= 5
    assert committed(tmp_path, "k") == list(range(TOTAL))
    with Store.open(tmp_path) as store:
        assert store.rebuild().ok


def test_two_copies_answering_at_once_lose_nothing(tmp_path: Path) -> None:
    with Store.open(tmp_path):
        pass  # create the file first, so neither copy has to wait for the other's migration
    procs = {tag: start(tmp_path, tag) for tag in ("a", "b")}
    for tag, proc in procs.items():
        out, err = proc.communicate(timeout=WAIT)
        assert proc.returncode == 0, err
        assert out.split() == [str(i) for i in range(TOTAL)]
    assert committed(tmp_path, "a") == committed(tmp_path, "b") == list(range(TOTAL))
    with Store.open(tmp_path) as store:
        assert [s.answered for s in store.sessions()] == [TOTAL, TOTAL]
        reps = dict(((d, f, b), n) for d, f, b, n in store._read(
            "SELECT deck_id, fact_id, blank, count(*) FROM reviews GROUP BY 1, 2, 3"))
        for key, count in reps.items():
            assert store.card(key).state.reps == count
        assert store.rebuild().ok
    conn = sqlite3.connect(database_path(tmp_path))
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
