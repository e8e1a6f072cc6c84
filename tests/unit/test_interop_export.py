"""Exporting decks (apkg with genanki, CSV) and the round trip back through `quiz import`."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from quiz import load_deck
from quiz.cli import main
from quiz.facts import Deck, Fact

DECKS = Path(__file__).resolve().parents[2] / "decks"
ALLIANCE = Path(__file__).resolve().parents[1] / "data" / "alliance.yaml"


def _same(fact: Fact) -> tuple[object, ...]:
    answers = [(a.text, a.kind, a.accept, a.distractors, str(a.tolerance), a.category, a.ordered)
               for a in fact.answers]
    return (fact.id, fact.question, fact.text, answers, fact.explain, fact.tags, fact.source)


def _round_trip(deck_file: Path, fmt: str, tmp_path: Path) -> tuple[Deck, Deck]:
    original = load_deck(deck_file)
    exported = tmp_path / f"out.{fmt}"
    assert main(["export", str(deck_file), "--format", fmt, "-o", str(exported)]) == 0
    again = tmp_path / "again.yaml"
    assert main(["import", str(exported), "-o", str(again), "--scores", str(tmp_path / "s")]) == 0
    return original, load_deck(again)


@pytest.mark.parametrize("deck_file", [DECKS / "us-france.yaml", ALLIANCE], ids=lambda p: p.stem)
def test_yaml_to_apkg_to_import_gives_the_same_facts(deck_file: Path, tmp_path: Path) -> None:
    original, again = _round_trip(deck_file, "apkg", tmp_path)
    assert again.title == original.title
    assert again.sources == {k: v for k, v in original.sources.items()
                             if any(f.source == k for f in original.facts)}
    assert [_same(f) for f in again.facts] == [_same(f) for f in original.facts]


SMALL = """\
title: Small
id: small
tags: [demo]
facts:
  - id: treaty
    question: In what year was the Treaty of Amity signed?
    answer: 1778
    tags: [history, treaties of 1778]
  - id: space
    text: The U.S. and France signed a {{space cooperation}} arrangement in {{2016}}.
    blanks:
      - {kind: text}
      - {kind: date}
"""


def test_apkg_holds_basic_and_cloze_notes_with_stable_guids(tmp_path: Path) -> None:
    deck_file = tmp_path / "small.yaml"
    deck_file.write_text(SMALL, encoding="utf-8")
    out = tmp_path / "small.apkg"
    assert main(["export", str(deck_file), "--format", "apkg", "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as archive:
        (tmp_path / "col").write_bytes(archive.read("collection.anki2"))
    conn = sqlite3.connect(tmp_path / "col")
    notes = {guid: (flds.split("\x1f"), tags.split())
             for guid, flds, tags in conn.execute("SELECT guid, flds, tags FROM notes")}
    fields, tags = notes["quiz:small:treaty"]
    assert fields[:2] == ["In what year was the Treaty of Amity signed?", "1778"]
    assert tags == ["history", "treaties_of_1778"]
    cloze = notes["quiz:small:space"][0][0]
    assert cloze == ("The U.S. and France signed a {{c1::space cooperation}} arrangement in "
                     "{{c2::2016}}.")
    models = conn.execute("SELECT models FROM col").fetchone()[0]
    assert "Basic (quiz)" in models and "Cloze (quiz)" in models
    assert conn.execute("SELECT count(*) FROM cards").fetchone()[0] == 3


def test_csv_round_trip_and_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original, again = _round_trip(DECKS / "world.yaml", "csv", tmp_path)
    assert [(f.id, f.question, f.text, f.answer.display, f.kind) for f in again.facts] == [
        (f.id, f.question, f.text, f.answer.display, f.kind) for f in original.facts]
    capsys.readouterr()
    assert main(["export", str(ALLIANCE), "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("id,question,answer,kind,explain,tags\n")


def test_deck_named_by_id_and_bad_requests(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "space.apkg"
    assert main(["export", "space", "--decks", str(DECKS), "--format", "apkg", "-o", str(out)]) == 0
    assert zipfile.is_zipfile(out)
    capsys.readouterr()
    assert main(["export", "no-such-deck", "--decks", str(DECKS), "--format", "apkg"]) == 1
    assert "no deck `no-such-deck`" in capsys.readouterr().err
    assert main(["export", "--format", "apkg", "--decks", str(DECKS)]) == 1
    assert "name it" in capsys.readouterr().err
    assert main(["export", "space", "--decks", str(DECKS), "--format", "json"]) == 1
    assert "apkg or csv" in capsys.readouterr().err


def test_atomic_path_replaces_whole_or_not_at_all(tmp_path: Path) -> None:
    from quiz.files import atomic_path

    target = tmp_path / "deck.apkg"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as temporary:
            temporary.write_bytes(b"half")
            raise RuntimeError("disk full")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["deck.apkg"]
    with atomic_path(target) as temporary:
        temporary.write_bytes(b"new")
    assert target.read_bytes() == b"new" and [p.name for p in tmp_path.iterdir()] == ["deck.apkg"]
