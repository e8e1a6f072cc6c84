"""`quiz new NAME`: a commented starter deck that validates (strictly), never overwriting."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz import load_deck
from quiz.cli import main
from quiz.lint import lint_deck


@pytest.mark.parametrize(("args", "where", "deck_id", "title"), [
    (["new", "french-history"], "decks/french-history.yaml", "french-history", "French History"),
    (["new", "space_2", "--title", 'Space: "the final" #frontier'], "decks/space_2.yaml", "space_2",
     'Space: "the final" #frontier'),
    (["new", "notes.yaml"], "notes.yaml", "notes", "Notes"),
    (["new", "sub/dir/mine.yml"], "sub/dir/mine.yml", "mine", "Mine"),
    (["new", "geo", "--decks", "elsewhere"], "elsewhere/geo.yaml", "geo", "Geo"),
    (["--decks", "before", "new", "geo"], "before/geo.yaml", "geo", "Geo"),
])
def test_the_starter_deck_validates_and_lints_clean(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        args: list[str], where: str, deck_id: str, title: str) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("QUIZ_DECKS", raising=False)
    assert main(args) == 0
    path = tmp_path / where
    assert f"wrote {where}" in capsys.readouterr().out
    deck = load_deck(path)
    assert (deck.id, deck.title) == (deck_id, title)
    assert lint_deck(deck) == []
    assert {a.kind for f in deck.facts for a in f.answers} == {"date", "number", "name", "list"}
    assert any(f.is_statement for f in deck.facts)
    text = path.read_text(encoding="utf-8")
    assert text.count("\n  # ") >= 4  # the examples are explained
    assert main(["validate", "--strict", str(path)]) == 0


def test_quiz_decks_env_is_the_default_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("QUIZ_DECKS", str(tmp_path / "mine"))
    assert main(["new", "x"]) == 0
    assert (tmp_path / "mine" / "x.yaml").is_file()


def test_an_existing_deck_is_never_overwritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "mine.yaml").write_text("title: Mine\n", encoding="utf-8")
    assert main(["new", "mine", "--decks", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "already exists" in err and err.count("\n") == 1
    assert (folder / "mine.yaml").read_text(encoding="utf-8") == "title: Mine\n"


@pytest.mark.parametrize(("name", "message"), [
    ("two words", "may hold only letters"),
    ("-dash", "may hold only letters"),
    ("dir/notyaml.txt", "a deck file ends in .yaml"),
])
def test_bad_names_are_one_line_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str], name: str, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    code = main(["new", "--decks", str(tmp_path), "--", name]) if name.startswith("-") \
        else main(["new", name, "--decks", str(tmp_path)])
    assert code == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []
