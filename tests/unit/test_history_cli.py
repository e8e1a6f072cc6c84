"""``quiz history``, ``quiz stats`` and ``quiz export`` on a store filled through the real
store API with a fixed clock: valid JSON and CSV, the same figures, clear one-line errors."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from cli_run import run

from quiz.clock import FixedClock
from quiz.commands import output
from quiz.locations import database_path
from quiz.store import Store

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
DATA = Path(__file__).resolve().parents[1] / "data"
FACTS = ("yorktown", "statue", "louisiana", "franklin", "lafayette", "bartholdi")


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A decks folder with the test deck, and a store with three sessions on three days."""
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "alliance.yaml").write_bytes((DATA / "alliance.yaml").read_bytes())
    scores = tmp_path / "scores"
    clock = FixedClock(NOW - timedelta(days=2))
    with Store.open(scores, clock) as store:
        for day, (mode, verdicts) in enumerate((
                ("study", ["correct", "correct", "wrong", "close", "correct"]),
                ("cram", ["wrong", "correct"]),
                ("study", ["correct"] * 6))):
            clock.set(NOW - timedelta(days=2 - day))
            session = store.start_session(mode, ["alliance"])
            for n, verdict in enumerate(verdicts):
                store.record_answer(session, ("alliance", FACTS[n], 0),
                                    format="choice", prompt="Q?", verdict=verdict,
                                    duration_ms=1500, options=["1781", "1776", "1789", "1812"],
                                    chosen=0 if verdict == "correct" else 2)
                clock.advance(timedelta(seconds=20))
            if day == 1:
                store.undo_last_answer(session)  # taken back: counted nowhere
            store.finish_session(session)
    monkeypatch.setattr(output, "clock", lambda: FixedClock(NOW + timedelta(hours=3)))
    return decks, scores


def test_history_json_lists_sessions_newest_first(folders: tuple[Path, Path],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    decks, scores = folders
    code, out, _ = run(capsys, "history", "--json", "--decks", str(decks), "--scores", str(scores))
    assert code == 0
    found = json.loads(out)["sessions"]
    assert [(s["mode"], s["questions"], s["correct"], s["close"], s["wrong"]) for s in found] == [
        ("study", 6, 6, 0, 0), ("cram", 1, 0, 0, 1), ("study", 5, 3, 1, 1)]
    assert found[2]["accuracy"] == pytest.approx(0.7)  # (3 + ½) / 5
    assert found[2]["decks"] == ["alliance"]
    assert found[2]["duration_s"] == 100  # five answers 20 s apart, finished 20 s after the last
    assert found[0]["started_at"] == "2026-03-02T09:00:00+00:00"


def test_history_csv_has_a_header_and_the_same_rows(folders: tuple[Path, Path],
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    decks, scores = folders
    code, out, _ = run(capsys, "--scores", str(scores), "history", "--csv", "--decks", str(decks))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["questions"] for r in rows] == ["6", "1", "5"]
    assert rows[0]["decks"] == "alliance" and rows[0]["accuracy"] == "1.0"


@pytest.mark.parametrize(("since", "count"), [("2026-03-01", 2), ("2026-02-27", 3),
                                              ("2026-03-03", 0)])
def test_history_since_a_study_day(folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
                                   since: str, count: int) -> None:
    decks, scores = folders
    code, out, _ = run(capsys, "history", "--json", "--since", since, "--decks", str(decks),
                       "--scores", str(scores))
    assert code == 0 and len(json.loads(out)["sessions"]) == count


def test_history_prints_a_table_when_not_on_a_terminal(folders: tuple[Path, Path],
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    decks, scores = folders
    code, out, _ = run(capsys, "history", "--decks", str(decks), "--scores", str(scores))
    lines = out.splitlines()
    assert code == 0 and lines[0].split()[:4] == ["Date", "Deck", "Mode", "Qs"]
    assert lines[1].split()[2:6] == ["alliance", "study", "6", "100%"]


def test_history_on_a_terminal_opens_the_screen(folders: tuple[Path, Path],
                                                monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    import sys

    import quiz.tui

    opened: list[dict[str, object]] = []

    class FakeApp:
        return_code = 0

        def __init__(self, **options: object) -> None:
            opened.append(options)

        def run(self) -> None:
            return None

    monkeypatch.setattr(quiz.tui, "QuizApp", FakeApp)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    decks, scores = folders
    code, _, _ = run(capsys, "history", "--decks", str(decks), "--scores", str(scores))
    assert code == 0
    assert opened == [{"decks_dir": decks, "scores_dir": scores, "start": "history"}]


@pytest.mark.parametrize(("argv", "message"), [
    (["history", "--json", "--deck", "nope"], "no deck nope in"),
    (["stats", "--deck", "nope"], "no deck nope in"),
    (["history", "--json", "--since", "last week"], "--since wants a date like 2026-03-01"),
])
def test_user_errors_are_one_line(folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
                                  argv: list[str], message: str) -> None:
    decks, scores = folders
    code, out, err = run(capsys, *argv, "--decks", str(decks), "--scores", str(scores))
    assert code == 1 and out == ""
    assert err.startswith("quiz: error: ") and message in err and len(err.splitlines()) == 1


def test_a_damaged_store_is_a_user_error(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    scores = tmp_path / "scores"
    scores.mkdir()
    database_path(scores).write_bytes(b"this is not a database at all" * 10)
    code, _, err = run(capsys, "stats", "--scores", str(scores), "--decks", str(tmp_path))
    assert code == 1 and err.startswith("quiz: error: ") and "Traceback" not in err


def test_a_missing_store_reads_as_empty_and_is_not_created(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scores = tmp_path / "nowhere"
    code, out, _ = run(capsys, "stats", "--json", "--scores", str(scores), "--decks", str(tmp_path))
    assert code == 0 and json.loads(out)["calendar"]["total_reviews"] == 0
    assert not scores.exists()
    code, out, _ = run(capsys, "history", "--csv", "--scores", str(scores))
    assert code == 0 and out.startswith("id,started_at,ended_at,decks,mode,questions,")
    assert len(out.splitlines()) == 1


def test_stats_json_has_every_figure(folders: tuple[Path, Path],
                                     capsys: pytest.CaptureFixture[str]) -> None:
    decks, scores = folders
    code, out, _ = run(capsys, "stats", "--json", "--decks", str(decks), "--scores", str(scores))
    assert code == 0
    found = json.loads(out)
    assert set(found) >= {"calendar", "retention", "forecast", "bests", "hardest", "confused",
                          "progress", "sessions"}
    assert found["sessions"] == 3
    # 5 + 1 + 6 answers standing (one taken back) on 28 Feb, 1 and 2 March: a 3-day streak.
    assert found["calendar"]["total_reviews"] == 12
    assert (found["calendar"]["current_streak"], found["calendar"]["longest_streak"]) == (3, 3)
    assert found["calendar"]["days"] == {"2026-02-28": 5, "2026-03-01": 1, "2026-03-02": 6}
    # Wrong choices picked option 2, "1789": the third card on 28 Feb and the first on 1 March.
    assert sorted((c["fact"], c["chosen"], c["count"]) for c in found["confused"]) == [
        ("louisiana", "1789", 1), ("yorktown", "1789", 1)]
    assert {c["answer"] for c in found["confused"]} == {"1803", "1781"}
    assert found["bests"][0]["decks"] == ["alliance"]
    assert sum(found["forecast"]["due"]) >= 1


def test_stats_text(folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    decks, scores = folders
    code, out, _ = run(capsys, "stats", "--deck", "alliance", "--decks", str(decks),
                       "--scores", str(scores))
    assert code == 0
    assert "Answers: 12 in 3 sessions" in out and "Streak: 3 days (longest 3)" in out
    assert "Most confused:" in out and "-> 1789" in out


@pytest.mark.parametrize("form", ["csv", "json"])
def test_export_writes_the_whole_log(folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
                                     tmp_path: Path, form: str) -> None:
    decks, scores = folders
    target = tmp_path / f"log.{form}"
    code, out, err = run(capsys, "export", "--format", form, "-o", str(target),
                         "--scores", str(scores), "--decks", str(decks))
    assert code == 0 and out == "" and "wrote 13 answers" in err
    text = target.read_text(encoding="utf-8")
    if form == "json":
        rows = json.loads(text)
        assert rows[0]["options"] == ["1781", "1776", "1789", "1812"]
        assert isinstance(rows[0]["before"], dict)
        assert [r["undone"] for r in rows].count(True) == 1
    else:
        rows = list(csv.DictReader(io.StringIO(text)))
        assert [r["undone"] for r in rows].count("1") == 1
        assert json.loads(rows[0]["options"]) == ["1781", "1776", "1789", "1812"]
    assert len(rows) == 13
    assert rows[0]["reviewed_at"] == "2026-02-28T09:00:00+00:00"


def test_export_to_stdout_and_an_empty_log(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", "--format", "json", "--scores", str(tmp_path / "s"))
    assert code == 0 and json.loads(out) == []
    code, out, _ = run(capsys, "export", "--scores", str(tmp_path / "s"))
    assert code == 0 and out.startswith("id,reviewed_at,") and len(out.splitlines()) == 1
