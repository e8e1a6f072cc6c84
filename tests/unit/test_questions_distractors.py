"""Distractors by kind: precision, units, rounding, sources and the answers they must avoid."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import quiz
from quiz.facts import Deck
from quiz.grading import grade_answer
from quiz.questions import formats_for, make_question
from quiz.questions.figures import cardinal, ordinal_words
from quiz.values import parse
from quiz.values.dates import DateValue

DECK = """\
title: Distractor tests
id: dtest
facts:
  - id: treaty
    question: In what year did the United States sign the Treaty of Amity and Commerce with France?
    answer: 1778
    accept: [the 1770s]
  - id: paris
    question: In what year did Britain sign the Treaty of Paris with the United States?
    answer: 1783
  - id: yorktown
    question: In what year did the British surrender at Yorktown?
    answer: 1781
  - id: moon
    question: On what date did Apollo 11 land on the Moon?
    answer: July 20, 1969
  - id: sputnik
    question: In what month and year did the Soviet Union launch Sputnik 1?
    answer: October 1957
  - id: decade
    question: In which decade did the jazz age happen?
    answer: the 1920s
  - id: century
    question: In which century did the Renaissance begin?
    answer: the 14th century
  - id: services
    question: How much did the U.S. export in services to France in 2017?
    answer: $19.3 billion
    tolerance: 2%
  - id: goods
    question: How much did the U.S. export in goods to France in 2017?
    answer: $33.6 billion
  - id: surplus
    question: How large was the services surplus in 2017?
    answer: $1.6 billion
  - id: jobs
    question: How many jobs did French investment support in 2015?
    answer: 677,500
  - id: spending
    text: Macron committed to raising defense spending by {{35%}}.
  - id: literacy
    text: Adult literacy in France is {{99%}}.
  - id: offices
    text: There are {{seven}} consulates and offices.
    kind: number
  - id: rank
    text: France was the {{11th}} largest market for U.S. goods.
  - id: rank-words
    text: France is the {{third}} largest European trading partner.
    kind: number
  - id: daily
    question: How much do the two countries trade every day?
    answer: more than $1 billion
  - id: length
    text: The river is {{1,012 km}} long.
  - id: le-drian
    question: Which French defense minister signed two documents with Ash Carter?
    answer: Jean-Yves Le Drian
    category: person
    accept: [Le Drian, Jean Le Drian]
    distractors: [Florence Parly, Le Drian]
  - id: carter
    question: Which U.S. Defense Secretary signed two documents with Le Drian?
    answer: Ash Carter
    category: person
    accept: [Carter]
  - id: cook
    question: Who gave the readout of the meeting?
    answer: Peter Cook
    category: person
  - id: embassy
    question: In which city is the U.S. Embassy in France?
    answer: Paris
    category: city
  - id: gadget
    question: Which gadget opens the hatch?
    answer: Hatch Key
    category: gadget
  - id: gadget2
    question: Which gadget closes the door?
    answer: Door Lever
    category: gadget
  - id: seine
    question: Which river flows through Paris?
    answer: Seine
    kind: name
  - id: treaty-name
    question: Which treaty ended the American Revolutionary War?
    answer: Treaty of Paris
    kind: name
  - id: consulates
    question: Which two French cities have U.S. consulates?
    answer: [Marseille, Strasbourg]
"""

SEEDS = range(40)


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> Deck:
    path: Path = tmp_path_factory.mktemp("deck") / "deck.yaml"
    path.write_text(DECK, encoding="utf-8")
    return quiz.load_deck(path)


def wrong_options(deck: Deck, fact_id: str, seeds: range = SEEDS, blank: int = 0) -> list[str]:
    out = []
    for seed in seeds:
        q = make_question(deck, fact_id, "choice", seed=seed, blank=blank)
        out += [o for i, o in enumerate(q.options) if i != q.correct_index]
    return out


@pytest.mark.parametrize(
    ("fact_id", "pattern"),
    [
        ("treaty", r"\d{4}"),
        ("moon", r"(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}"),
        ("sputnik", r"(January|February|March|April|May|June|July|August|September|October|November|December) \d{4}"),
        ("decade", r"the \d{3}0s"),
        ("century", r"the \d{1,2}(st|nd|rd|th) century"),
        ("services", r"\$\d{1,3}\.\d billion"),
        ("surplus", r"\$\d\.\d billion"),
        ("jobs", r"(\d{1,3},)?\d{1,3},\d00"),
        ("spending", r"\d{1,2}%"),
        ("offices", r"(one|two|three|four|five|six|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen)"),
        ("rank", r"\d{1,2}(st|nd|rd|th)"),
        ("rank-words", r"(first|second|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"),
        ("daily", r"more than \$\d billion"),
        ("length", r"\d{1,3}(,\d{3})? km"),
    ],
)
def test_distractors_keep_the_answers_form(deck: Deck, fact_id: str, pattern: str) -> None:
    for option in wrong_options(deck, fact_id):
        assert re.fullmatch(pattern, option), option


def test_date_distractors_keep_precision_and_avoid_accepted_answers(deck: Deck) -> None:
    for option in wrong_options(deck, "treaty"):
        year = int(option)
        assert not 1770 <= year <= 1779, "the 1770s is accepted, so no year in it may be wrong"
    for fact_id in ("moon", "sputnik"):
        answer = deck.fact(fact_id).answer.value
        for option in wrong_options(deck, fact_id):
            value = parse("date", option)
            assert isinstance(value, DateValue) and value.precision == answer.precision
            assert value.year != answer.year  # the right year alone would be close, not wrong


def test_date_answer_position_is_spread(deck: Deck) -> None:
    """The answer is the earliest, a middle or the latest date about equally often."""
    ranks = [0, 0, 0, 0]
    for seed in range(400):
        q = make_question(deck, "moon", "choice", seed=seed)
        years = sorted((parse("date", o).year, o) for o in q.options)
        ranks[[o for _, o in years].index(q.options[q.correct_index])] += 1
    assert all(60 < r < 140 for r in ranks), ranks


def test_deck_dates_close_in_time_are_preferred(deck: Deck) -> None:
    seen = set(wrong_options(deck, "paris"))
    assert {"1778", "1781"} & seen


def test_deck_figures_of_the_same_unit_are_preferred(deck: Deck) -> None:
    assert "$33.6 billion" in wrong_options(deck, "services") or "$19.3 billion" in wrong_options(deck, "goods")


@pytest.mark.parametrize(("fact_id", "low", "high"), [("spending", 0, 100), ("literacy", 0, 100)])
def test_percentages_stay_in_range(deck: Deck, fact_id: str, low: int, high: int) -> None:
    for option in wrong_options(deck, fact_id):
        assert low < int(option.rstrip("%")) <= high


def test_number_distractors_respect_the_tolerance(deck: Deck) -> None:
    answer = deck.fact("services").answer
    for option in wrong_options(deck, "services"):
        amount = float(option.strip("$ billion"))
        assert abs(amount - 19.3) > 19.3 * 0.02
        assert grade_answer(answer, option).verdict == "wrong"


def test_name_distractors_avoid_variants_and_use_the_author_first(deck: Deck) -> None:
    for seed in SEEDS:
        q = make_question(deck, "le-drian", "choice", seed=seed)
        assert "Florence Parly" in q.options
        assert "Le Drian" not in q.options and "Jean Le Drian" not in q.options
        wrong = [o for i, o in enumerate(q.options) if i != q.correct_index]
        assert "Ash Carter" in wrong or "Peter Cook" in wrong  # the deck's people before the pool


def test_city_distractors_come_from_the_city_pool(deck: Deck) -> None:
    from quiz.questions.pools import CITIES

    assert set(wrong_options(deck, "embassy")) <= set(CITIES)


def test_no_choice_without_three_good_distractors(deck: Deck) -> None:
    assert "choice" not in formats_for(deck, "gadget")
    assert "truefalse" in formats_for(deck, "gadget")  # one other gadget is enough to lie with


def test_list_distractors_mix_members_with_look_alikes(deck: Deck) -> None:
    members = {"Marseille", "Strasbourg"}
    for seed in SEEDS:
        q = make_question(deck, "consulates", "choice", seed=seed)
        for i, option in enumerate(q.options):
            parts = set(option.split(", "))
            assert len(parts) == 2
            assert (parts == members) == (i == q.correct_index)


@pytest.mark.parametrize(
    ("n", "words", "ordinal"),
    [(0, "zero", "zeroth"), (7, "seven", "seventh"), (12, "twelve", "twelfth"), (21, "twenty-one", "twenty-first"),
     (40, "forty", "fortieth"), (225, "two hundred and twenty-five", "two hundred and twenty-fifth")],
)
def test_number_words(n: int, words: str, ordinal: str) -> None:
    assert cardinal(n) == words
    if n:
        assert ordinal_words(n) == ordinal


def test_names_of_unknown_category_borrow_nothing(deck: Deck) -> None:
    """A river and a treaty share no category: offering one as the other would be nonsense."""
    for fact_id in ("seine", "treaty-name"):
        offered = formats_for(deck, fact_id)
        assert "choice" not in offered and "truefalse" not in offered
        assert "recall" in offered and "match" not in offered  # a match mixes no categories
