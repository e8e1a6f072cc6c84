"""Decks that load: what the author wrote is what is asked, and nothing else is changed."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quiz
from quiz.deck import load_deck
from quiz.library import load_deck_cached, load_library

DECK = """\
title: U.S.–France Relations
id: us-france
description: Dates, figures and names of the alliance.
tags: [history, diplomacy]
sources:
  wh-2018: White House fact sheet on U.S.–France relations (2018)
facts:
  - id: amity-treaty
    question: In what year did the U.S. sign the Treaty of Amity and Commerce with France?
    answer: 1778
    kind: date
    source: wh-2018
    explain: It was the first trade agreement after the Declaration of Independence.
  - id: services-exports-2017
    question: How much did the U.S. export in services to France in 2017?
    answer: $19.3 billion
    kind: number
    tolerance: 2%
  - id: le-drian
    question: Which French defense minister signed two cooperation documents with Ash Carter in November 2016?
    answer: Jean-Yves Le Drian
    kind: name
    category: Person
    accept: [Le Drian]
    distractors: [Florence Parly]
  - id: consulates
    question: Which two French cities have U.S. consulates?
    answer: [Marseille, Strasbourg]
    kind: list
  - text: The U.S. and France signed a {{military space cooperation}} arrangement in {{2016}}.
    blanks:
      - {kind: text}
      - {kind: date}
  - id: strikes
    text: "On {{April 13, 2018}}, the U.S., France and the U.K. launched strikes."
    kind: date
    accept: [13 April 2018]
"""


@pytest.fixture()
def deck_file(tmp_path: Path) -> Path:
    path = tmp_path / "us-france.yaml"
    path.write_text(DECK, encoding="utf-8")
    return path


def test_loads_the_design_example(deck_file: Path) -> None:
    deck = quiz.load_deck(deck_file)
    assert (deck.id, deck.title, deck.tags) == ("us-france", "U.S.–France Relations", ("history", "diplomacy"))
    assert [f.id for f in deck.facts][:4] == ["amity-treaty", "services-exports-2017", "le-drian", "consulates"]
    amity = deck.fact("amity-treaty")
    assert (amity.kind, amity.answer.text, amity.source) == ("date", "1778", "wh-2018")
    assert deck.source_text(amity) == "White House fact sheet on U.S.–France relations (2018)"
    assert amity.line == 8 and amity.column == 5
    services = deck.fact("services-exports-2017")
    assert services.answer.text == "$19.3 billion"
    assert services.answer.tolerance is not None and str(services.answer.tolerance) == "2%"
    le_drian = deck.fact("le-drian")
    assert le_drian.answer.accept == ("Le Drian",)
    assert le_drian.answer.distractors == ("Florence Parly",)
    assert le_drian.answer.category == "person"
    assert deck.fact("consulates").answer.text == ("Marseille", "Strasbourg")


def test_statement_blanks_are_cards_and_prompts_keep_the_wording(deck_file: Path) -> None:
    deck = quiz.load_deck(deck_file)
    space = deck.facts[4]
    assert not space.id_given and space.id == "the-u-s-and-france-signed-a-military-space"
    assert [a.kind for a in space.answers] == ["text", "date"]
    assert space.prompt(0) == "The U.S. and France signed a _____ arrangement in 2016."
    assert space.prompt(1) == "The U.S. and France signed a military space cooperation arrangement in _____."
    assert space.statement() == "The U.S. and France signed a military space cooperation arrangement in 2016."
    assert space.card_key(1) == ("us-france", space.id, 1)
    strikes = deck.fact("strikes")
    assert strikes.answer.text == "April 13, 2018" and strikes.answer.accept == ("13 April 2018",)
    assert deck.card_count == 7


@pytest.mark.parametrize(("written", "expected"), [
    ("1778", "1778"), ("0.50", "0.50"), ("1_000", "1_000"), ("012", "012"), ("2018-04-13", "2018-04-13"),
    ("'no'", "no"), ('"1,000"', "1,000"), ("1e3", "1e3"),
])
def test_scalars_keep_their_written_form(tmp_path: Path, written: str, expected: str) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(f"title: t\nfacts:\n  - id: a\n    question: q?\n    answer: {written}\n    kind: text\n",
                    encoding="utf-8")
    assert load_deck(path).fact("a").answer.text == expected


def test_derived_ids_never_take_a_written_id(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text("title: t\nfacts:\n"
                    "  - question: Who?\n    answer: Lafayette\n"
                    "  - id: who\n    question: Where?\n    answer: Paris\n"
                    "  - question: Who?!\n    answer: Rochambeau\n", encoding="utf-8")
    ids = [f.id for f in load_deck(path).facts]
    assert ids == ["who-2", "who", "who-3"]


def test_cache_answers_unchanged_files_and_misses_edits(deck_file: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    first = load_deck_cached(deck_file, cache)
    assert len(list(cache.glob("*.deck"))) == 1
    calls: list[Path] = []
    import quiz.library as library

    def counting(path: Path) -> quiz.Deck:
        calls.append(path)
        return load_deck(path)

    monkeypatch.setattr(library, "load_deck", counting)
    assert load_deck_cached(deck_file, cache) == first and calls == []
    deck_file.write_text(DECK.replace("U.S.–France Relations", "Edited title", 1), encoding="utf-8")
    assert load_deck_cached(deck_file, cache).title == "Edited title" and len(calls) == 1
    assert len(list(cache.glob("*.deck"))) == 1  # the stale entry was replaced


def test_damaged_cache_entry_is_rebuilt(deck_file: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    deck = load_deck_cached(deck_file, cache)
    (entry,) = cache.glob("*.deck")
    entry.write_bytes(b"\x80\x05garbage")
    assert load_deck_cached(deck_file, cache) == deck


def test_library_keeps_good_decks_and_reports_broken_ones(deck_file: Path, tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("title: x\nfacts: nope\n", encoding="utf-8")
    (tmp_path / "copy.yml").write_text(DECK, encoding="utf-8")  # same id as us-france
    (tmp_path / "notes.txt").write_text("not a deck", encoding="utf-8")
    library = load_library(tmp_path, tmp_path / "cache")
    assert [d.id for d in library.decks] == ["us-france"]
    assert {Path(p.path).name for p in library.problems} == {"broken.yaml", "us-france.yaml"} or \
        {Path(p.path).name for p in library.problems} == {"broken.yaml", "copy.yml"}
    assert library.find("us-france") is library.decks[0]


# -- mangled decks: loading raises DeckError and nothing else ------------------------------

MUTATIONS = st.sampled_from(["delete", "insert", "duplicate", "swap"])


@st.composite
def mangled(draw: st.DrawFn) -> str:
    text = DECK
    for _ in range(draw(st.integers(1, 6))):
        op = draw(MUTATIONS)
        if not text:
            break
        at = draw(st.integers(0, len(text) - 1))
        if op == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
        elif op == "insert":
            piece = draw(st.sampled_from([
                "{{", "}}", ": ", "\n- ", "\t", "no", "null", "[", "]", "'", '"', "&a ", "*a", "!!binary ",
                "\n  - text: {{}}\n", "\n    kind: date\n", "\n    answer: [a, b]\n", "---\n", "\x85", "\ufeff",
                "!!python/object:os.system ", "? ", "|\n", ">-\n", "%YAML 1.1\n", "~",
            ]) | st.text(alphabet=string.printable, max_size=8))
            text = text[:at] + piece + text[at:]
        elif op == "duplicate":
            end = min(len(text), at + draw(st.integers(1, 120)))
            text = text[:end] + text[at:end] + text[end:]
        else:
            other = draw(st.integers(0, len(text) - 1))
            a, b = sorted((at, other))
            text = text[:a] + text[b:] + text[a:b]
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mangled())
def test_mangled_decks_raise_only_deck_error(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    path = tmp_path_factory.mktemp("mangled") / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        deck = load_deck(path)
    except quiz.DeckError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.line >= 1 and problem.column >= 1 and problem.message
        return
    assert deck.facts and deck.title


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_raise_only_deck_error(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("bytes") / "deck.yaml"
    path.write_bytes(data)
    with pytest.raises(quiz.DeckError):
        load_deck(path)
