"""What quiz prints is safe: control characters escaped, narrow encodings degrade, files whole."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from quiz.cli import main
from quiz.printable import EscapingStream, printable
from quiz.store import Store

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("raw", "shown"), [
    ("plain text, é and 東京", "plain text, é and 東京"),
    ("bell\x07", "bell\\x07"),
    ("\x1b]0;pwned\x07\x1b[2J", "\\x1b]0;pwned\\x07\\x1b[2J"),
    ("two\nlines\r", "two\\nlines\\r"),
    ("tab\there", "tab\\there"),
    ("c1 \x9b csi and del \x7f", "c1 \\x9b csi and del \\x7f"),
    ("bidi \u202eevil\u202c", "bidi \\u202eevil\\u202c"),
])
def test_printable_escapes_every_control_character(raw: str, shown: str) -> None:
    assert printable(raw) == shown


def test_printable_can_keep_newlines_for_text_over_several_lines() -> None:
    assert printable("a\nb\x1b", keep="\n") == "a\nb\\x1b"


def test_the_escaping_stream_never_fails_to_encode() -> None:
    raw = io.BytesIO()
    narrow = io.TextIOWrapper(raw, encoding="ascii", errors="strict")
    stream = EscapingStream(narrow)
    assert stream.write("Ça va \x1b[2J\n") == len("Ça va \x1b[2J\n")
    stream.flush()
    assert raw.getvalue() == b"\\xc7a va \\x1b[2J\n"


def test_a_progress_bar_can_still_redraw_its_line() -> None:
    out = io.StringIO()
    stream = EscapingStream(out)
    stream.write("\rimporting [###...] 3/6")
    assert stream.write("\r 40% fitting\x1b[K") == len("\r 40% fitting\x1b[K")
    stream.write("\r\x1b[K")
    stream.write("a value with a \r and \x1b[K inside")
    assert out.getvalue() == ("\rimporting [###...] 3/6\r 40% fitting\x1b[K\r\x1b[K"
                              "a value with a \\r and \\x1b[K inside")


HOSTILE = ("title: \"Evil \\e]0;owned\\a deck\"\nfacts:\n"
           "  - id: a\n    question: \"When \\e[2J?\"\n    answer: \"17\\a78x\"\n")


def test_validate_shows_escape_sequences_from_a_deck_escaped(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    deck = tmp_path / "evil.yaml"
    deck.write_text(HOSTILE, encoding="utf-8")
    main(["validate", str(deck)])
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "Evil \\x1b]0;owned\\x07 deck" in out


def run_narrow(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii",
           "PYTHONUTF8": "0", "PYTHONPATH": str(ROOT), "QUIZ_SCORES": str(tmp_path / "scores"),
           "QUIZ_DECKS": str(tmp_path / "decks")}
    return subprocess.run([sys.executable, "-m", "quiz", *args], capture_output=True,
                          env=env, check=False, text=True, encoding="utf-8", errors="replace")


@pytest.mark.slow
def test_an_ascii_only_terminal_degrades_instead_of_crashing(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "fr.yaml").write_text(
        "title: Relations franco-américaines\nfacts:\n  - id: traite\n"
        "    question: En quelle année le traité d'amitié fut-il signé ?\n    answer: 1778\n",
        encoding="utf-8")
    with Store.open(tmp_path / "scores") as store:
        session = store.start_session("study", ["fr"])
        store.record_answer(session, ("fr", "traite", 0), format="recall",
                            prompt="En quelle année … ?", verdict="correct", duration_ms=900,
                            response="mil sept cent soixante-dix-huit — 1778")
        store.finish_session(session)
    for args in (["validate", str(decks)], ["stats"], ["history"], ["export"],
                 ["export", "--format", "json"]):
        result = run_narrow(args, tmp_path)
        assert result.returncode == 0, (args, result.stderr)
        assert "internal error" not in result.stderr and "Traceback" not in result.stderr, args
    assert "Relations franco-am\\xe9ricaines" in run_narrow(["validate", str(decks)], tmp_path).stdout
    # Data into a pipe is exact UTF-8 whatever the locale, so it stays valid JSON.
    exported = run_narrow(["export", "--format", "json"], tmp_path).stdout
    assert json.loads(exported)[0]["response"] == "mil sept cent soixante-dix-huit — 1778"
    history = json.loads(run_narrow(["history", "--json"], tmp_path).stdout)
    assert history["sessions"][0]["decks"]
    target = tmp_path / "log.csv"
    assert run_narrow(["export", "-o", str(target)], tmp_path).returncode == 0
    assert "soixante-dix-huit — 1778" in target.read_text(encoding="utf-8")


def test_a_failed_export_leaves_no_half_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from quiz.commands import export

    with Store.open(tmp_path / "scores") as store:
        session = store.start_session("study", ["d"])
        store.record_answer(session, ("d", "f", 0), format="recall", prompt="p",
                            verdict="correct", duration_ms=1)
    target = tmp_path / "log.csv"
    target.write_text("yesterday's export\n", encoding="utf-8")

    def failing(store: object) -> object:
        yield from ()
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "rows", failing)
    assert main(["export", "--scores", str(tmp_path / "scores"), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert "No space left on device" in err and "nothing was written" in err
    assert target.read_text(encoding="utf-8") == "yesterday's export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.csv", "scores"]
