"""Questions of every format: the public API, the bundled decks, and `check` on any input."""

from __future__ import annotations

from pathlib import Path

import pytest

import quiz
from quiz.facts import Deck
from quiz.grading import grade_answer
from quiz.questions import FORMATS, Question, QuestionError, formats_for, make_question

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = sorted((ROOT / "decks").glob("*.yaml"))

SMALL_DECK = """\
title: Question tests
id: qtest
facts:
  - id: treaty
    question: In what year did the United States sign the Treaty of Amity and Commerce with France?
    answer: 1778
  - id: alliance
    question: In what month and year did France sign the Treaty of Alliance with the United States?
    answer: February 1778
  - id: paris
    question: In what year did Britain sign the Treaty of Paris with the United States?
    answer: 1783
  - id: bastille
    text: The storming of the Bastille happened in {{1789}}.
  - id: le-drian
    question: Which French defense minister signed two documents in Washington in 2016?
    answer: Jean-Yves Le Drian
    category: person
    accept: [Le Drian]
    distractors: [Florence Parly]
  - id: carter
    question: Which U.S. Defense Secretary signed two documents with his French counterpart?
    answer: Ash Carter
    category: person
    accept: [Carter]
  - id: cook
    question: Who gave the readout of the meeting?
    answer: Peter Cook
    category: person
  - id: macron
    question: Who was elected President of France in 2017?
    answer: Emmanuel Macron
    category: person
  - id: motto
    question: What is the motto of France?
    answer: liberty, equality, fraternity
    kind: text
"""


def load(tmp_path: Path, text: str = SMALL_DECK) -> Deck:
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    return quiz.load_deck(path)


@pytest.fixture
def deck(tmp_path: Path) -> Deck:
    return load(tmp_path)


def bundled_cards() -> list[tuple[str, str, int]]:
    cards = []
    for path in BUNDLED:
        for fact in quiz.load_deck(path).facts:
            cards.extend((path.name, fact.id, blank) for blank in range(len(fact.answers)))
    return cards


_DECKS: dict[str, Deck] = {}


def bundled(name: str) -> Deck:
    if name not in _DECKS:
        _DECKS[name] = quiz.load_deck(ROOT / "decks" / name)
    return _DECKS[name]


def assert_checks_itself(q: Question) -> None:
    """The question's own right response is correct and every wrong one is wrong."""
    if q.format in ("choice", "truefalse"):
        assert q.correct_index is not None
        assert q.check(q.correct_index).verdict == "correct"
        for i in range(len(q.options)):
            if i != q.correct_index:
                assert q.check(i).verdict == "wrong", (q.options, i)
    if q.format == "choice":
        assert q.expected is not None
        for i, option in enumerate(q.options):
            verdict = grade_answer(q.expected, option).verdict
            # Another month of the answer's year (a narrow window's filler) grades close typed.
            wrong = ("wrong", "close") if q.expected.kind == "date" else ("wrong",)
            assert verdict == "correct" if i == q.correct_index else verdict in wrong, (option, verdict)
    if q.format in ("recall", "cloze"):
        assert q.check(q.answer).verdict == "correct"
        assert q.check("").verdict == "wrong"
        assert q.expected is not None
        for accepted in q.expected.accept:
            assert q.check(accepted).verdict == "correct"
    if q.format == "order":
        assert q.check(list(q.solution)).verdict == "correct"
        assert q.check(list(reversed(q.solution))).verdict == "wrong"
    if q.format == "match":
        assert q.check(list(enumerate(q.solution))).verdict == "correct"


@pytest.mark.skipif(not BUNDLED, reason="no bundled decks yet")
@pytest.mark.parametrize(("deck_name", "fact_id", "blank"), bundled_cards() if BUNDLED else [])
def test_every_bundled_card_builds_and_checks_itself(deck_name: str, fact_id: str, blank: int) -> None:
    deck = bundled(deck_name)
    offered = formats_for(deck, fact_id, blank)
    assert "recall" in offered
    assert list(offered) == [f for f in FORMATS if f in offered]
    for format in offered:
        for seed in range(4):
            q = make_question(deck, fact_id, format, seed=seed, blank=blank)
            assert (q.format, q.fact_id, q.blank) == (format, fact_id, blank)
            assert q.prompt.strip() and "{{" not in q.prompt
            assert_checks_itself(q)


def test_public_api_shape() -> None:
    deck = quiz.load_deck(ROOT / "decks" / "us-france.yaml")
    q = quiz.make_question(deck, "le-drian", "choice", seed=7)
    assert isinstance(q, quiz.Question)
    assert q.format == "choice" and len(q.options) == 4 and q.options[q.correct_index] == "Jean-Yves Le Drian"
    assert q.answer == "Jean-Yves Le Drian" and q.fact_id == "le-drian" and q.blank == 0
    assert q.check(q.correct_index).verdict == "correct"
    with pytest.raises(AttributeError):
        q.prompt = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("fact_id", "blank", "expected"),
    [
        ("treaty", 0, ("choice", "truefalse", "recall", "cloze", "order")),
        ("bastille", 0, ("choice", "truefalse", "recall", "cloze", "order")),
        ("le-drian", 0, ("choice", "truefalse", "recall", "cloze", "match")),
        ("cook", 0, ("choice", "truefalse", "recall", "cloze", "match")),
        ("motto", 0, ("recall", "cloze")),  # free text without author distractors: no choice
    ],
)
def test_formats_offered(deck: Deck, fact_id: str, blank: int, expected: tuple[str, ...]) -> None:
    assert formats_for(deck, deck.fact(fact_id), blank) == expected


def test_cloze_only_for_questions_that_read_as_sentences(tmp_path: Path) -> None:
    deck = load(tmp_path, SMALL_DECK + """\
  - id: odd
    question: Whose idea, according to the memo, was the plan?
    answer: Jean Monnet
""")
    assert "cloze" not in formats_for(deck, "odd")
    q = make_question(deck, "treaty", "cloze", seed=1)
    assert q.prompt == "The United States signed the Treaty of Amity and Commerce with France in _____."


@pytest.mark.parametrize(
    ("fact_id", "format", "message"),
    [
        ("motto", "choice", "cannot be asked as choice"),
        ("treaty", "essay", "unknown question format"),
        ("motto", "order", "cannot be asked as order"),
    ],
)
def test_refused_formats(deck: Deck, fact_id: str, format: str, message: str) -> None:
    with pytest.raises(QuestionError, match=message):
        make_question(deck, fact_id, format, seed=1)


def test_unknown_fact_and_blank(deck: Deck) -> None:
    with pytest.raises(KeyError):
        make_question(deck, "nope", "recall")
    with pytest.raises(QuestionError, match="no blank 3"):
        make_question(deck, "bastille", "recall", blank=3)


@pytest.mark.parametrize("seed", [0, 1, 7, 12345, 2**40])
@pytest.mark.parametrize("format", ["choice", "truefalse", "order", "cloze"])
def test_same_seed_same_question(deck: Deck, seed: int, format: str) -> None:
    assert make_question(deck, "treaty", format, seed=seed) == make_question(deck, "treaty", format, seed=seed)


def test_seeds_vary_the_question(deck: Deck) -> None:
    shown = {make_question(deck, "treaty", "choice", seed=s).options for s in range(20)}
    assert len(shown) > 5


def test_truefalse_is_true_about_half_the_time(deck: Deck) -> None:
    truths = [make_question(deck, "le-drian", "truefalse", seed=s).correct_index == 0 for s in range(400)]
    assert 150 < sum(truths) < 250


@pytest.mark.parametrize(
    ("true", "statement"),
    [
        (True, "The storming of the Bastille happened in 1789."),
        (False, None),
    ],
)
def test_truefalse_statement(deck: Deck, true: bool, statement: str | None) -> None:
    q = next(q for s in range(50) if ((q := make_question(deck, "bastille", "truefalse", seed=s)).correct_index == 0) == true)
    assert q.options == ("True", "False") and q.prompt == q.statement
    if statement is not None:
        assert q.statement == statement
    else:
        assert q.statement != "The storming of the Bastille happened in 1789."
        assert q.statement is not None and q.statement.startswith("The storming of the Bastille happened in ")


GARBAGE: list[object] = [None, -1, 4, 99, 2**70, 1.5, float("nan"), "", "   ", "banana", "9", b"1",
                         [0, 1], {"a": 1}, object(), (1, "x"), [[0, 0, 0]], iter(range(10**9))]


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("response", GARBAGE, ids=lambda r: type(r).__name__)
def test_check_never_raises(deck: Deck, format: str, response: object) -> None:
    fact_id = {"order": "treaty", "match": "le-drian"}.get(format, "le-drian")
    if format == "cloze":
        fact_id = "bastille"
    q = make_question(deck, fact_id, format, seed=3)
    grade = q.check(response)
    assert grade.verdict in ("wrong", "close", "correct")
    assert grade.feedback.strip()
    if format != "truefalse" and not (format in ("recall", "cloze") and response == "9"):
        assert grade.verdict == "wrong"


@pytest.mark.parametrize(
    ("response", "verdict"),
    [
        ("Jean-Yves Le Drian", "correct"),
        ("le drian", "correct"),
        ("Le Drain", "close"),
        ("Florence Parly", "wrong"),
    ],
)
def test_recall_grades_like_quiz_grade(deck: Deck, response: str, verdict: str) -> None:
    assert make_question(deck, "le-drian", "recall", seed=1).check(response).verdict == verdict


def test_choice_accepts_the_option_text(deck: Deck) -> None:
    q = make_question(deck, "le-drian", "choice", seed=2)
    assert q.check(q.options[q.correct_index]).verdict == "correct"
    assert q.check(str(q.correct_index)).verdict == "correct"
    wrong = (q.correct_index + 1) % 4
    grade = q.check(wrong)
    assert grade.verdict == "wrong" and "Jean-Yves Le Drian" in grade.feedback


def test_order_excludes_overlapping_dates(deck: Deck) -> None:
    # 1778 and February 1778 cannot be put in order: never together.
    for seed in range(60):
        q = make_question(deck, "treaty", "order", seed=seed)
        assert not {"1778", "February 1778"} <= set(q.dates)
        assert 3 <= len(q.items) <= 5 and len(set(q.items)) == len(q.items)
        assert q.options == q.items


def order_question(tmp_path: Path) -> Question:
    text = "title: Dates\nid: dates\nfacts:\n" + "".join(
        f"  - id: d{year}\n    text: Event number {n} happened in {{{{{year}}}}}.\n"
        for n, year in enumerate((1901, 1925, 1950, 1975, 2000, 2020)))
    deck = load(tmp_path, text)
    return next(q for s in range(100) if len((q := make_question(deck, "d1950", "order", seed=s)).items) == 4)


@pytest.mark.parametrize(
    ("swap", "verdict"),
    [
        ([], "correct"),
        ([(0, 1)], "close"),  # 5 of 6 pairs
        ([(0, 1), (2, 3)], "close"),  # 4 of 6 pairs: two thirds
        ([(0, 3)], "wrong"),  # 1 of 6 pairs
        ("reverse", "wrong"),
    ],
)
def test_order_partial_credit(tmp_path: Path, swap: object, verdict: str) -> None:
    q = order_question(tmp_path)
    order = list(q.solution)
    if swap == "reverse":
        order.reverse()
    else:
        for a, b in swap:  # type: ignore[union-attr]
            order[a], order[b] = order[b], order[a]
    grade = q.check(order)
    assert grade.verdict == verdict
    if verdict != "correct":
        assert "The right order: 1901: Event number 0" in grade.feedback


@pytest.mark.parametrize(
    ("mistakes", "verdict"),
    [(0, "correct"), (2, "close"), (3, "wrong"), (4, "wrong")],
)
def test_match_partial_credit(deck: Deck, mistakes: int, verdict: str) -> None:
    q = make_question(deck, "le-drian", "match", seed=5)
    assert len(q.options) == len(q.items) == 4
    right = list(q.solution)
    # Rotate the right-hand side of the first `mistakes` names: each of them goes wrong.
    wrong = right[:mistakes]
    wrong = wrong[1:] + wrong[:1] if mistakes else wrong
    pairs = list(enumerate(wrong + right[mistakes:]))
    assert q.check(pairs).verdict == verdict
    assert q.check(dict(pairs)).verdict == verdict


def test_match_names_and_prompts(deck: Deck) -> None:
    q = make_question(deck, "le-drian", "match", seed=1)
    assert "Jean-Yves Le Drian" in q.options
    for name, right in zip(q.options, q.solution):
        fact = next(f for f in deck.facts if f.answers[0].display == name)
        assert q.items[right] == " ".join(fact.prompt().split())
