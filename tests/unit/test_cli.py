"""The ``quiz`` command line: validate, locate, help and version, errors without tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from quiz import __version__
from quiz.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_bundled_decks_validate_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(ROOT / "decks")]) == 0
    out = capsys.readouterr().out.splitlines()
    decks = sorted((ROOT / "decks").glob("*.yaml"))
    assert len(decks) >= 3
    for deck in decks:
        assert any(line.startswith(f"{deck}: ok: ") for line in out), out
    assert out[-1] == f"{len(decks)} decks checked: all clean"


def test_bundled_decks_have_enough_facts() -> None:
    import quiz

    counts = {p.stem: len(quiz.load_deck(p).facts) for p in (ROOT / "decks").glob("*.yaml")}
    assert counts["us-france"] >= 45
    assert sum(1 for n in counts.values() if n >= 30) >= 3
    deck = quiz.load_deck(ROOT / "decks" / "us-france.yaml")
    assert all(f.id_given and f.source for f in deck.facts)
    assert any(f.is_statement for f in deck.facts) and any(not f.is_statement for f in deck.facts)


def test_validate_reports_problems_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("title: Good\nfacts:\n  - id: a\n    question: When?\n    answer: 1778\n", encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: Bad\nfacts:\n  - id: a\n    question: Ally?\n    answer: no\n", encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:5:13: `answer`: YAML reads `no` as a boolean" in out
    assert f"{good}: ok: Good [good]: 1 fact, 1 cards (1 date)" in out
    assert out.splitlines()[-1] == "2 decks checked: 1 with problems (1 in all), 1 clean"


def test_validate_of_nothing_is_a_user_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path)]) == 1
    assert capsys.readouterr().err.startswith("quiz: error: no deck files")


def test_missing_file_is_reported_not_raised(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nope.yaml")]) == 1
    assert f"{tmp_path / 'nope.yaml'}:1:1: no such file" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [
    ["--scores", "S", "--decks", "D", "locate"],
    ["locate", "--scores", "S", "--decks", "D"],
    ["--scores", "S", "locate", "--decks", "D"],
])
def test_common_options_before_or_after_the_command(argv: list[str], tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "decks:    D  (--decks)" in out and "scores:   S  (--scores)" in out


def test_locate_follows_the_environment(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("QUIZ_SCORES", str(tmp_path / "env-scores"))
    monkeypatch.delenv("QUIZ_DECKS", raising=False)
    assert main(["locate"]) == 0
    out = capsys.readouterr().out
    assert f"scores:   {tmp_path / 'env-scores'}  ($QUIZ_SCORES)" in out
    assert "(bundled with quiz)" in out


def test_version_and_help_from_a_real_process() -> None:
    version = subprocess.run([sys.executable, "-m", "quiz", "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and version.stdout.strip() == f"quiz {__version__}"
    helped = subprocess.run([sys.executable, "-m", "quiz", "--help"], capture_output=True, text=True)
    assert helped.returncode == 0 and "validate" in helped.stdout and "locate" in helped.stdout
    assert "Traceback" not in helped.stderr
