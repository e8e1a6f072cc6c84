"""Temporary files of cache writes never pile up in the scores folder's ``cache/``: a write
cut short by SIGKILL is swept by a later run once it is surely nobody's write in progress
(a fresh one may be another copy of quiz writing now: two copies are two processes), and a
normal exit removes a background write's half-written file without waiting for it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quiz.files import STALE_TEMP_SECONDS, TEMP_PREFIX

DATA = Path(__file__).resolve().parents[1] / "data"

WRITE_AND_HANG = """
import sys, time
from pathlib import Path
from quiz.files import atomic_path
with atomic_path(Path(sys.argv[1])) as temp:
    temp.write_bytes(b"half")
    print(temp, flush=True)
    time.sleep(120)
"""

WRITE_BESIDE_AND_EXIT = """
import sys, threading, time
from pathlib import Path
from quiz.files import atomic_path
ready = threading.Event()
def write():
    with atomic_path(Path(sys.argv[1])) as temp:
        temp.write_bytes(b"half")
        ready.set()
        time.sleep(120)
threading.Thread(target=write, daemon=True, name="quiz-relations").start()
ready.wait()
print("exiting", flush=True)
"""

OPEN = """
import sys
from quiz.study import Study
study = Study.open(sys.argv[1], sys.argv[2])
print(len(study.library.decks))
study.close()
"""


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("QUIZ_")}


def _temps(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX))


def _killed_mid_write(target: Path) -> Path:
    """A process that began writing ``target`` and was SIGKILLed: its temporary file."""
    child = subprocess.Popen([sys.executable, "-c", WRITE_AND_HANG, str(target)],
                             stdout=subprocess.PIPE, text=True, env=_env())
    assert child.stdout is not None
    temp = Path(child.stdout.readline().strip())
    child.send_signal(signal.SIGKILL)
    child.wait()
    return temp


def _folders(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A decks folder holding one deck, and a scores folder with its (empty) cache."""
    decks, scores = tmp_path / "decks", tmp_path / "scores"
    decks.mkdir()
    shutil.copy(DATA / "alliance.yaml", decks)
    cache = scores / "cache"
    cache.mkdir(parents=True)
    return decks, scores, cache


def test_a_write_killed_midway_is_swept_by_a_later_run_once_old(tmp_path: Path) -> None:
    decks, scores, cache = _folders(tmp_path)
    old = _killed_mid_write(cache / "alliance-0123.apart")
    fresh = _killed_mid_write(cache / "alliance-4567.apart")
    assert _temps(cache) == sorted([old, fresh])  # SIGKILL runs no clean-up
    stale = time.time() - STALE_TEMP_SECONDS - 60
    os.utime(old, (stale, stale))
    # A later run opens the decks as the app does (and writes their compiled copies).
    done = subprocess.run([sys.executable, "-c", OPEN, str(decks), str(scores)],
                          capture_output=True, text=True, env=_env(), timeout=120)
    assert done.returncode == 0 and done.stdout == "1\n", done.stderr
    assert _temps(cache) == [fresh]  # the fresh one may be another copy's write in progress


def test_a_normal_exit_leaves_no_half_written_file_and_does_not_wait(tmp_path: Path) -> None:
    target = tmp_path / "cache" / "alliance-0123.apart"
    target.parent.mkdir()
    done = subprocess.run([sys.executable, "-c", WRITE_BESIDE_AND_EXIT, str(target)],
                          capture_output=True, text=True, env=_env(), timeout=60)
    # The writer sleeps two minutes: the exit did not wait for it (else the timeout above).
    assert done.returncode == 0 and done.stdout == "exiting\n", done.stderr
    assert _temps(target.parent) == [] and not target.exists()


def test_a_run_killed_just_before_this_one_is_swept_once_its_write_is_old(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache is swept once per process, at its first write; a leftover still fresh
    then (a copy killed a minute before this one started) is swept by a later write of
    this process once it is old, not left for as long as the app stays open."""
    from quiz.study import Study

    decks, scores, cache = _folders(tmp_path)
    left = _killed_mid_write(cache / "alliance-0123.apart")
    study = Study.open(decks, scores)  # its first cache write: the compiled copy
    try:
        assert _temps(cache) == [left]  # still fresh: it may be another copy's write
        later = time.time() + STALE_TEMP_SECONDS + 60  # the app is still open then
        monkeypatch.setattr(time, "time", lambda: later)
        deck = decks / "alliance.yaml"  # the learner edits the deck: compiled again
        deck.write_text(deck.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        study.reload()
        assert _temps(cache) == []
    finally:
        study.close()
