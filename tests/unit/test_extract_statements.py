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

CORPS = ("When the Corps of Discovery, led by Meriwether Lewis and William Clark, left the St. "
         "Louis area in May 1804, it hoped to reach the Pacific Ocean by November 1805.")
"""A sentence with seven values and no cut that leaves clauses standing alone."""
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
        "When the {{Corps of Discovery}}, led by {{Meriwether Lewis}} and William Clark, left the "
        "St. Louis area in May 1804, it hoped to reach the Pacific Ocean by November 1805.")
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


# --- clauses --------------------------------------------------------------------------------

CLAUSES = [
    # A semicolon; a clause with a subject of its own after ", and"; a verb sharing the
    # first clause's subject; a pronoun object is left as written.
    ("Fort Duquesne was built by the French in April 1754 at the Forks of the Ohio; the British "
     "captured it in November 1758 and named it Fort Pitt.",
     ["Fort Duquesne was built by the French in April 1754 at the Forks of the Ohio.",
      "The British captured it in November 1758.", "The British named it Fort Pitt."]),
    # The shared subject is written again with its auxiliary.
    ("The treaty was signed in Ghent on December 24, 1814, and ratified by the Senate on "
     "February 16, 1815, while Andrew Jackson won at New Orleans on January 8, 1815.",
     ["The treaty was signed in Ghent on December 24, 1814.",
      "The treaty was ratified by the Senate on February 16, 1815.",
      "Andrew Jackson won at New Orleans on January 8, 1815."]),
    # "they" becomes the subject it stands for.
    ("The Wright brothers flew at Kitty Hawk on December 17, 1903, and they built their first "
     "engine in Dayton in 1902.",
     ["The Wright brothers flew at Kitty Hawk on December 17, 1903.",
      "The Wright brothers built their first engine in Dayton in 1902."]),
    # ", which" after a name: the name is written in its place.
    ("Ships are raised 26 metres above sea level by three sets of locks to Gatun Lake, which was "
     "the largest artificial lake in the world when the Chagres River was dammed to make it.",
     ["Ships are raised 26 metres above sea level by three sets of locks to Gatun Lake.",
      "Gatun Lake was the largest artificial lake in the world when the Chagres River was "
      "dammed to make it."]),
    # The name stands for "which", and is the subject of the verb after "and" too.
    ("This month we look back at the Hubble Space Telescope, which went into orbit on 24 April "
     "1990 aboard Discovery and reached its station near Kourou in May 1990.",
     ["This month we look back at the Hubble Space Telescope.",
      "The Hubble Space Telescope went into orbit on 24 April 1990 aboard Discovery.",
      "The Hubble Space Telescope reached its station near Kourou in May 1990."]),
    # A clause led by "When" loses it; "he" stands for the subject of the clause before.
    ("When Spain closed the port of New Orleans in October 1802, Thomas Jefferson wrote to "
     "Robert Livingston in Paris, and he sent James Monroe to France in January 1803.",
     ["Spain closed the port of New Orleans in October 1802.",
      "Thomas Jefferson wrote to Robert Livingston in Paris.",
      "Thomas Jefferson sent James Monroe to France in January 1803."]),
    # "its" becomes the possessive of the subject it stands for.
    ("When the Soviet Union dissolved in December 1991, its obligations were divided among the "
     "new states at a meeting in Tashkent in May 1992.",
     ["The Soviet Union dissolved in December 1991.",
      "The Soviet Union's obligations were divided among the new states at a meeting in "
      "Tashkent in May 1992."]),
    # A phrase naming a date at the end.
    ("Formal transfer ceremonies were held in New Orleans on December 20, 1803, and in "
     "St. Louis on March 10, 1804, a day remembered as Three Flags Day.",
     ["Formal transfer ceremonies were held in New Orleans on December 20, 1803, and in "
      "St. Louis on March 10, 1804.", "March 10, 1804 was a day remembered as Three Flags Day."]),
    ("The Titanic sank on April 15, 1912, after striking an iceberg, and about 1,500 people "
     "died in the North Atlantic.",
     ["The Titanic sank on April 15, 1912, after striking an iceberg.",
      "About 1,500 people died in the North Atlantic."]),
]


def _plain(text: str) -> str:
    return text.replace("{{", "").replace("}}", "")


@pytest.mark.parametrize(("sentence", "clauses"), CLAUSES)
def test_a_long_sentence_is_cut_into_clauses_that_stand_alone(sentence: str, clauses: list[str]) -> None:
    draft = draft_deck(sentence, document="d.txt", deck_id="d")
    written = list(dict.fromkeys(_plain(f.text) for f in draft.facts))
    assert written == clauses
    assert all(len(f.blanks) <= 2 for f in draft.facts)


@pytest.mark.parametrize("sentence", [
    # "founded …" belongs to the Organisation, not to the sentence's subject.
    "The European side of the plan was run by the Organisation for European Economic "
    "Co-operation, founded on 16 April 1948 and reorganized in 1961 as the Organisation for "
    "Economic Co-operation and Development.",
    # "he" with no plain subject to stand for it (the sentence opens with "In October 1802").
    "In October 1802 the port of New Orleans was closed to American farmers by Spain, and he "
    "sent James Monroe to Paris in January 1803.",
    # A clause with nothing to ask is not cut off: "allowed unarmed flights" keeps its subject.
    "The Treaty on Open Skies was signed in Helsinki on 24 March 1992 by Hungary and Canada "
    "and allowed unarmed observation flights over the territory of each party.",
])
def test_no_cut_where_a_clause_would_not_stand_alone(sentence: str) -> None:
    draft = draft_deck(sentence, document="d.txt", deck_id="d")
    assert len(draft.facts) >= 2  # more values than one statement's blanks
    assert {_plain(f.text) for f in draft.facts} == {sentence}


def test_clauses_validate_and_stay_kept_apart(tmp_path: Path) -> None:
    deck = loaded(CLAUSES[1][0], tmp_path)
    assert len(deck.facts) == 4
    signed = next(f for f in deck.facts if "signed" in f.text)
    ratified = next(f for f in deck.facts if "ratified" in f.text)
    day = KeepApart([deck])
    day.admit((deck.id, signed.id, 0))
    # Clauses of one sentence that show nothing of each other may share a day.
    assert day.fits((deck.id, ratified.id, 0))
