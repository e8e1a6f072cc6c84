"""Soak runs of the score store, by hand (not a test): SIGKILLs mid-answer, two copies at once.

    .venv/bin/python bench/soak_store.py kill [--kills 100]
    .venv/bin/python bench/soak_store.py copies [--seconds 60]

``kill`` starts tests/data/answerer.py again and again, SIGKILLs it at a random moment
inside an answer's transaction, and checks after every kill that each answer it
acknowledged is in the file and ``PRAGMA integrity_check`` is ok. ``copies`` runs two
copies of the study service (tests/data/copy_of_quiz.py) studying and making their daily
backups in the process that holds the connection, while ``quiz backup`` and ``quiz doctor``
run beside them, for the given time; then every answer reported saved must be on disk and
no output may call the file damaged. Both print one summary line (``--json`` for JSON).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
ALARMS = ("damaged", "malformed", "not a quiz score file", "internal error", "Traceback")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _db(scores: Path) -> Path:
    return scores / "quiz.sqlite3"


def soak_kill(kills: int, seed: int) -> dict[str, object]:
    """Kill an answering process ``kills`` times; count acknowledged answers lost."""
    rng = random.Random(seed)
    scores = Path(tempfile.mkdtemp(prefix="quiz-soak-kill-"))
    acknowledged: set[int] = set()
    lost: set[int] = set()
    bad_integrity = 0
    done_kills = 0
    total = 1_000_000
    while done_kills < kills:
        proc = subprocess.Popen([sys.executable, str(DATA / "answerer.py"), str(scores), "k", str(total)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
        assert proc.stdout is not None
        for _ in range(rng.randint(1, 20)):
            line = proc.stdout.readline()
            if not line:
                break
            acknowledged.add(int(line))
        time.sleep(rng.random() * 0.004)  # land somewhere inside the next transaction
        proc.send_signal(signal.SIGKILL)
        rest = proc.stdout.read()
        proc.wait(timeout=60)
        acknowledged.update(int(n) for n in rest.split())
        done_kills += proc.returncode == -signal.SIGKILL
        conn = sqlite3.connect(_db(scores))
        try:
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                bad_integrity += 1
            stored = {int(r[0].split(":")[1]) for r in conn.execute(
                "SELECT response FROM reviews WHERE response LIKE 'k:%'")}
        finally:
            conn.close()
        lost |= acknowledged - stored
    return {"soak": "kill", "kills": done_kills, "acknowledged": len(acknowledged),
            "lost": len(lost), "integrity_failures": bad_integrity, "folder": str(scores)}


def soak_copies(seconds: float, seed: int) -> dict[str, object]:
    """Two copies studying with daily backups, and CLI backups and checks, for ``seconds``."""
    rng = random.Random(seed)
    top = Path(tempfile.mkdtemp(prefix="quiz-soak-copies-"))
    decks, scores = top / "decks", top / "scores"
    decks.mkdir()
    facts = "".join(f"  - id: e{i}\n    question: In what year did event {i} happen?\n"
                    f"    answer: {1700 + 7 * i}\n" for i in range(60))
    (decks / "years.yaml").write_text(f"title: Years\nfacts:\n{facts}", encoding="utf-8")
    saved: Counter[int] = Counter()
    lines: list[str] = []

    def start() -> subprocess.Popen[str]:
        proc = subprocess.Popen([sys.executable, str(DATA / "copy_of_quiz.py"), str(decks), str(scores)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env=_env())
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        return proc

    def run(proc: subprocess.Popen[str], command: str, last: str) -> None:
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(command + "\n")
        proc.stdin.flush()
        while True:
            line = proc.stdout.readline()
            if not line:
                raise RuntimeError(f"a copy ended early: {proc.stderr.read() if proc.stderr else ''}")
            lines.append(line.strip())
            if line.startswith("saved "):
                saved[int(line.split()[1])] += 1
            if line.startswith(last):
                return

    copies = [start(), start()]
    cli_runs = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        n = rng.randrange(2)
        roll = rng.random()
        if roll < 0.15:
            run(copies[n], "backup", "backup")
        elif roll < 0.25:  # a copy quits and starts again (its close may checkpoint)
            run(copies[n], "quit", "bye")
            copies[n].wait(timeout=60)
            copies[n] = start()
        elif roll < 0.35:
            command = rng.choice(["backup", "doctor", "stats"])
            result = subprocess.run([sys.executable, "-m", "quiz", command, "--decks", str(decks),
                                     "--scores", str(scores)], capture_output=True, text=True,
                                    env=_env(), timeout=120, check=False)
            cli_runs += 1
            lines.append(result.stdout + result.stderr)
        else:
            run(copies[n], f"study {rng.randint(1, 8)}", "done")
    for proc in copies:
        run(proc, "quit", "bye")
        proc.wait(timeout=60)
    conn = sqlite3.connect(_db(scores))
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        stored = Counter(dict(conn.execute(
            "SELECT session_id, count(*) FROM reviews WHERE undone = 0 GROUP BY session_id")))
    finally:
        conn.close()
    lost = sum((saved - stored).values())
    alarms = [line for line in lines if any(a in line for a in ALARMS)]
    errors = [line for line in lines if line.startswith(("error", "backup failed"))]
    return {"soak": "copies", "seconds": seconds, "saved": sum(saved.values()),
            "stored": sum(stored.values()), "lost": lost, "integrity": integrity,
            "cli_runs": cli_runs, "called_damaged": len(alarms), "copy_errors": len(errors),
            "examples": (alarms + errors)[:3], "folder": str(top)}


def main() -> int:
    """Run one soak and print its summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("which", choices=("kill", "copies"))
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = soak_kill(args.kills, args.seed) if args.which == "kill" else soak_copies(args.seconds, args.seed)
    print(json.dumps(result) if args.json else "  ".join(f"{k}={v}" for k, v in result.items()))
    return 0 if result["lost"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
