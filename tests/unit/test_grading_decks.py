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
