"""Every bundled deck grades its own answers, and every `accept:` entry, as correct."""

from __future__ import annotations

from pathlib import Path

import pytest

DECKS = sorted((Path(__file__).parents[2] / "decks").glob("*.yaml"))


@pytest.mark.parametrize("path", DECKS, ids=[p.stem for p in DECKS])
def test_every_fact_grades_its_own_answer_correct(path: Path) -> None:
    import quiz
    from quiz.grading import grade

    deck = quiz.load_deck(path)
    assert deck.facts
    for fact in deck.facts:
        for blank, answer in enumerate(fact.answers):
            for response in (answer.display, *answer.accept):
                result = grade(fact, response, blank)
                assert result.verdict == "correct", f"{fact.id}[{blank}] {response!r}: {result.feedback}"


def test_the_bundled_decks_are_all_here() -> None:
    # The parametrised test above runs once per file found: without this, losing the decks
    # would leave it with nothing to run and nothing to fail.
    assert [p.stem for p in DECKS] == ["space", "us-france", "world"]
    assert all(p.stat().st_size > 0 for p in DECKS)


MEMBER_ACCEPT_DECK = """\
title: Allies
facts:
  - id: allies
    question: Which two countries signed the 1778 treaties?
    answer: [{United States: [the Thirteen Colonies, US]}, France]
    category: country
  - id: plans
    question: Which two programmes?
    answer: [Marshall Plan, {NATO: North Atlantic Treaty Organization}]
"""


def test_a_list_member_has_its_own_accept(tmp_path: Path) -> None:
    """``answer: [{United States: [US, …]}, France]``: a member's own synonyms count as it,
    through the loader and through the compiled deck cache alike."""
    import os

    import quiz
    from quiz import compiled
    from quiz.grading import grade

    path = tmp_path / "allies.yaml"
    path.write_text(MEMBER_ACCEPT_DECK, encoding="utf-8")
    deck = quiz.load_deck(path)
    again = compiled.loads(compiled.dumps(deck), os.fspath(path), lambda: quiz.load_deck(path))
    for loaded in (deck, again):
        allies, plans = loaded.fact("allies"), loaded.fact("plans")
        assert allies.answers[0].display == "United States, France"
        assert grade(allies, "France and the Thirteen Colonies").verdict == "correct"
        assert grade(allies, "the thirteen colonies").verdict == "close"
        assert grade(allies, "the Thirteen Colonies, Spain").verdict == "wrong"
        assert grade(plans, "North Atlantic Treaty Organization, Marshall Plan").verdict == "correct"
        assert grade(plans, "North Atlantic Treaty Organization, Warsaw Pact").verdict == "wrong"


def test_a_member_mapping_with_two_keys_is_a_problem(tmp_path: Path) -> None:
    import quiz

    path = tmp_path / "bad.yaml"
    path.write_text("title: T\nfacts:\n  - question: Which?\n"
                    "    answer: [{United States: [US], France: [FR]}, Spain]\n", encoding="utf-8")
    with pytest.raises(quiz.DeckError) as error:
        quiz.load_deck(path)
    (problem,) = error.value.problems
    assert (problem.line, problem.column) == (4, 14)
    assert "{United States: [US, USA]}" in problem.message
