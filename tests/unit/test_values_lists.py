"""Lists and free text (quiz.values.lists, quiz.values.text)."""

from __future__ import annotations

import pytest

from quiz.values import ListValue, TextValue, ValueParseError, equivalent, parse, render
from quiz.values.lists import split


@pytest.mark.parametrize(
    ("text", "members"),
    [
        ("Marseille, Strasbourg", ["Marseille", "Strasbourg"]),
        ("Marseille and Strasbourg", ["Marseille", "Strasbourg"]),
        ("Marseille; Strasbourg", ["Marseille", "Strasbourg"]),
        ("Marseille\nStrasbourg\n", ["Marseille", "Strasbourg"]),
        ("A, B, and C", ["A", "B", "C"]),
        ("1,000 and 2,000", ["1,000", "2,000"]),
        ("1, 2, 3", ["1", "2", "3"]),
        ("Anderson & Sandberg", ["Anderson", "Sandberg"]),
        ("", []),
    ],
)
def test_splitting_a_written_list(text: str, members: list[str]) -> None:
    assert [m for m, _ in split(text)] == members


def test_parsing_a_list_infers_each_members_kind() -> None:
    value = parse("list", ("Marseille", "1778", "$5 million", "April 13, 2018", "some words"))
    assert isinstance(value, ListValue)
    assert [m.kind for m in value.members] == ["name", "date", "number", "date", "text"]
    assert render("list", value) == "Marseille, 1778, $5 million, April 13, 2018, some words"
    assert len(value) == 5


def test_a_list_given_as_one_string_is_split() -> None:
    assert parse("list", "Marseille and Strasbourg") == parse("list", ("Marseille", "Strasbourg"))


def test_an_empty_list_is_refused() -> None:
    with pytest.raises(ValueParseError, match="expected a list"):
        parse("list", ())


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Bosnia and Herzegovina", "bosnia & herzegovina", True),
        ("the Marshall Plan", "marshall plan", True),
        ("military space cooperation", "Military-Space Cooperation", True),
        ("military space cooperation", "naval cooperation", False),
    ],
)
def test_text_equivalence(a: str, b: str, same: bool) -> None:
    assert equivalent("text", a, b) is same


def test_text_values_compare_by_key() -> None:
    assert parse("text", "The Marshall Plan") == parse("text", "marshall-plan")
    assert isinstance(parse("text", "x"), TextValue)
    with pytest.raises(ValueParseError, match="expected some words"):
        parse("text", " ... ")


def test_a_member_holding_a_separator_is_put_back_together() -> None:
    from quiz.facts import Answer
    from quiz.grading import grade_answer

    members = ("Bosnia and Herzegovina", "Trinidad and Tobago")
    answer = Answer(text=members, kind="list", value=parse("list", members))
    assert grade_answer(answer, "Trinidad and Tobago and Bosnia and Herzegovina").verdict == "correct"
    dates = ("April 13, 2018", "July 4, 1776")
    answer = Answer(text=dates, kind="list", value=parse("list", dates))
    assert grade_answer(answer, "July 4, 1776 and April 13, 2018").verdict == "correct"
    assert grade_answer(answer, "July 4, 1776").verdict == "close"
