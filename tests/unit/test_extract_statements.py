"""`quiz extract`: a sentence with more testable values than a statement's blanks becomes
several statements, each with at most ``--blanks N`` blanks, and the study queue keeps
them apart (`quiz.questions.reveal.KeepApart`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz import load_deck
from quiz.extract import draft_deck, to_yaml
from quiz.extract.choose import MAX_STATEMENTS
from quiz.facts import Deck
from quiz.questions.reveal import KeepApart

CORPS = ("The Corps of Discovery, led by Meriwether Lewis and William Clark, left the St. Louis "
         "area in May 1804 and reached the Pacific Ocean in November 1805.")
OTHER = "Their Shoshone guide Sacagawea is remembered on the dollar coin first minted in 2000."


def loaded(text: str, tmp_path: Path, blanks: int = 2) -> Deck:
    """The draft of ``text`` as the loader reads it back."""
    path = tmp_path / "d.yaml"
    path.write_text(to_yaml(draft_deck(text, document="d.txt", deck_id="d", blanks=blanks)),
                    encoding="utf-8")
    return load_deck(path)


def test_the_next_values_are_blanked_in_a_further_statement_of_the_same_sentence() -> None:
    draft = draft_deck(CORPS, document="d.txt", deck_id="d")
    asked = [[v.text for v in f.blanks] for f in draft.facts]
    # Dates first, then names (people and organisations before places), in sentence order
    # within a statement; the Pacific Ocean is the seventh value, past three statements.
    assert asked == [["May 1804", "November 1805"], ["Corps of Discovery", "Meriwether Lewis"],
                     ["William Clark", "St. Louis"]]
    # What one statement asks, the others show as plain text.
    assert draft.facts[1].text == (
        "The {{Corps of Discovery}}, led by {{Meriwether Lewis}} and William Clark, left the St. "
        "Louis area in May 1804 and reached the Pacific Ocean in November 1805.")
    assert len({f.id for f in draft.facts}) == 3 and {f.line for f in draft.facts} == {1}


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_a_sentence_gives_at_most_three_statements(limit: int) -> None:
    draft = draft_deck(CORPS, document="d.txt", deck_id="d", blanks=limit)
    values = 7  # two dates, two people, the Corps and two places
    assert len(draft.facts) == min(MAX_STATEMENTS, -(-values // limit))
    assert all(len(f.blanks) <= limit for f in draft.facts)
    asked = [v.text for f in draft.facts for v in f.blanks]
    assert len(asked) == len(set(asked)) == min(values, limit * MAX_STATEMENTS)
    assert {"May 1804", "November 1805"} <= set(asked)


def test_a_country_or_a_rough_span_is_no_reason_for_a_further_statement() -> None:
    text = ("The Treaty of Ghent was signed on December 24, 1814, by Britain and Portugal after "
            "more than two years of war.")
    draft = draft_deck(text, document="d.txt", deck_id="d")
    assert [[v.text for v in f.blanks] for f in draft.facts] == [["Treaty of Ghent", "December 24, 1814"]]


def test_statements_of_one_sentence_are_kept_apart_by_the_study_queue(tmp_path: Path) -> None:
    deck = loaded(f"{CORPS}\n\n{OTHER}\n", tmp_path)
    corps = [f for f in deck.facts if "Corps" in f.text]
    other = next(f for f in deck.facts if "Sacagawea" in f.text)
    assert len(corps) == 3
    for fact in corps:
        for blank in range(fact.blank_count):
            day = KeepApart([deck])
            day.admit((deck.id, fact.id, blank))
            # Every card of a sibling statement shows this card's answer, or this one its.
            for sibling in corps:
                if sibling is not fact:
                    assert not any(day.fits((deck.id, sibling.id, b)) for b in range(sibling.blank_count))
            # A statement from another sentence may join the same day.
            assert all(day.fits((deck.id, other.id, b)) for b in range(other.blank_count))
