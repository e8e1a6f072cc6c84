"""Importing CSV/TSV (Quizlet, Anki plain text, header rows) and Markdown (hashcards)."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz import load_deck
from quiz.cli import main
from quiz.interop import InteropError, read_any
from quiz.interop.delimited import read_delimited
from quiz.interop.markdown import read_markdown

DATA = Path(__file__).resolve().parents[1] / "data" / "interop"


def _pairs(path: Path, **options: object) -> list[tuple[object, object]]:
    return [(f.question or f.text, f.answer) for f in read_any(path, **options).facts]  # type: ignore[arg-type]


def test_quizlet_tab_separated() -> None:
    deck = read_any(DATA / "quizlet.tsv")
    assert [(f.question, f.answer) for f in deck.facts] == [
        ("Paris", "capital of France"), ("Berlin", "capital of Germany"),
        ("When did the Berlin Wall fall?", "1989")]
    assert deck.skipped == {"lines with one field only (no separator)": 1}


def test_quizlet_cards_split_by_semicolons() -> None:
    assert _pairs(DATA / "quizlet-semicolons.txt") == [
        ("Rome", "capital of Italy"), ("Madrid", "capital of Spain"), ("Lisbon", "capital of Portugal")]


def test_anki_plain_text_headers() -> None:
    deck = read_any(DATA / "anki-notes.txt")
    first, second, cloze = deck.facts
    assert (first.question, first.answer, first.tags) == (
        "What is the capital of France?", "Paris", ("geography", "europe", "cities"))
    assert second.question == "Who wrote Les Misérables?"
    assert cloze.text == "The {{Eiffel Tower}} was finished in {{1889}} (year)."
    assert deck.media == 1
    assert deck.skipped == {"lines that are only an image or a sound": 1}


def test_header_row_names_columns() -> None:
    deck = read_any(DATA / "header.csv")
    treaty, exports, consulates, word = deck.facts
    assert (treaty.answer, treaty.options, treaty.explain, treaty.tags) == (
        "1778", {"kind": "date"}, "The first trade agreement after independence.",
        ("history", "treaty"))
    assert exports.answer == "$19.3 billion"
    assert consulates.answer == ["Marseille", "Strasbourg"]
    assert word.question == 'What does "no" mean in French?' and word.answer == "non"


@pytest.mark.parametrize(("text", "separator", "expected"), [
    ("a;b\nc;d\n", None, [("a", "b"), ("c", "d")]),
    ("a|b\nc|d\n", None, [("a", "b"), ("c", "d")]),
    ("a,b;x\nc,d;y\n", ";", [("a,b", "x"), ("c,d", "y")]),
    ("term,definition\nchat,cat\n", None, [("chat", "cat")]),
    ("#separator:Pipe\n#html:false\nx <b>|y\n", None, [("x <b>", "y")]),
])
def test_separators_detected_or_given(text: str, separator: str | None,
                                      expected: list[tuple[str, str]]) -> None:
    deck = read_delimited(text, "t.csv", separator=separator)
    assert [(f.question, f.answer) for f in deck.facts] == expected


def test_markdown_hashcards_and_pairs() -> None:
    deck = read_any(DATA / "cards.md")
    assert deck.title == "French Basics"
    assert [(f.question or f.text, f.answer) for f in deck.facts] == [
        ('What is the French word for "cat"?', "chat"),
        ("What is the capital of France?", "Paris"),
        ("The {{Eiffel Tower}} stands in {{Paris}}.", None),
        ("bonjour", "hello"), ("merci", "thank you")]
    assert deck.skipped == {"questions without an answer (Q: without A:)": 1}


def test_nothing_to_import_is_one_clear_error() -> None:
    with pytest.raises(InteropError, match="found no card"):
        read_markdown("just prose\n", "notes.md")
    with pytest.raises(InteropError, match="no line with a question and an answer"):
        read_delimited("only\none\ncolumn\n", "list.csv")


@pytest.mark.parametrize("name", ["quizlet.tsv", "quizlet-semicolons.txt", "anki-notes.txt",
                                  "header.csv", "cards.md"])
def test_every_sample_imports_to_a_clean_deck(name: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    out_path = tmp_path / "decks" / "sample.yaml"
    assert main(["import", str(DATA / name), "-o", str(out_path), "--scores", str(tmp_path / "s")]) == 0
    printed = capsys.readouterr().out
    deck = load_deck(out_path)
    assert deck.id == "sample"
    assert printed.startswith(f"{out_path}: imported ")
    assert len(deck.facts) == len(read_any(DATA / name).facts)


def test_unknown_suffix_and_html_scripts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    odd = tmp_path / "deck.docx"
    odd.write_bytes(b"PK")
    assert main(["import", str(odd), "--decks", str(tmp_path / "d")]) == 1
    assert "quiz imports .apkg" in capsys.readouterr().err
    scripted = tmp_path / "x.csv"
    scripted.write_text("<script>alert(1)</script>Capital of Peru?,Lima\n", encoding="utf-8")
    deck = read_any(scripted)
    assert deck.facts[0].question == "Capital of Peru?"
    assert deck.skipped == {"<script> elements removed from fields": 1}


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    from quiz.commands.import_ import _progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert _progress("replaying history") is None
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    draw = _progress("replaying history")
    assert draw is not None
    draw(500, 1000)
    draw(1000, 1000)
    drawn = terminal.getvalue()
    assert "\rreplaying history [###############...............] 500/1,000" in drawn
    assert drawn.endswith("[##############################] 1,000/1,000\n")
