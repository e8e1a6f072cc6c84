"""Names: folding, surnames and who counts as a person (quiz.values.names)."""

from __future__ import annotations

import pickle

import pytest

from quiz.values import NameValue, ValueParseError, parse, render
from quiz.values.names import is_person, judge, tokens_of


@pytest.mark.parametrize(
    ("text", "key", "surname"),
    [
        ("Jean-Yves Le Drian", "jeanyvesledrian", "le drian"),
        ("Charles de Gaulle", "charlesdegaulle", "de gaulle"),
        ("Martin Van Buren", "martinvanburen", "van buren"),
        ("Bashar al-Assad", "basharalassad", "al assad"),
        ("Martin Luther King Jr.", "martinlutherkingjr", "king"),
        ("François Hollande", "francoishollande", "hollande"),
        ("Søren Kierkegaard", "sorenkierkegaard", "kierkegaard"),
        ("Marquis de Lafayette", "delafayette", "lafayette"),
        ("President Emmanuel Macron", "emmanuelmacron", "macron"),
        ("Louis XVI", "louisxvi", None),
        ("Marseille", "marseille", None),
        ("The Hague", "hague", None),
        ("New York", "newyork", None),
        ("Treaty of Paris", "treatyofparis", None),
        ("St. Louis", "saintlouis", None),
        ("U.S. Navy", "usnavy", None),
        ("Apollo 11", "apolloxi", None),
        ("O'Brien", "obrien", None),
    ],
)
def test_parsing_names(text: str, key: str, surname: str | None) -> None:
    value = parse("name", text)
    assert (value.key, value.surname) == (key, surname)
    assert render("name", value) == text


@pytest.mark.parametrize("text", ["", "   ", "!!!", "—"])
def test_an_empty_name_is_refused(text: str) -> None:
    with pytest.raises(ValueParseError, match="expected a name"):
        parse("name", text)


@pytest.mark.parametrize(
    ("category", "person"),
    [(None, True), ("person", True), ("Person", True), ("place", False), ("organization", False)],
)
def test_who_may_be_called_by_surname(category: str | None, person: bool) -> None:
    assert is_person(parse("name", "Charles de Gaulle"), category) is person


@pytest.mark.parametrize(
    ("answer", "response", "verdict"),
    [
        ("Saint Louis", "St. Louis", "correct"),
        ("Mount Vernon", "Mt Vernon", "correct"),
        ("John F. Kennedy", "JFK", "wrong"),
        ("John F. Kennedy", "John Kennedy", "correct"),
        ("John F. Kennedy", "J. F. Kennedy", "correct"),
        ("John F. Kennedy", "Kennedy", "correct"),
        ("John F. Kennedy", "Robert Kennedy", "wrong"),
        ("John F. Kennedy", "Kenedy", "close"),
        ("John F. Kennedy", "John", "wrong"),
        ("Lee", "Lea", "wrong"),
        ("Sally Ride", "Rice", "wrong"),
        ("Sally Ride", "Sally Rid", "close"),
        ("Biden", "Baden", "close"),
        ("Paris", "Parma", "wrong"),
        ("Strasbourg", "Strassburg", "correct"),
        ("Strasbourg", "Salzburg", "wrong"),
        ("George Washington", "Washington", "correct"),
        ("George Washington", "George Washingtn", "close"),
        ("George Washington", "Georg Washington", "correct"),
        ("George Washington", "Gorge Washington", "close"),
        ("George Washington", "George Marshall", "wrong"),
        ("Louis XVI", "Louis", "wrong"),
        ("Louis XVI", "Louis XIV", "wrong"),
        ("Louis XVI", "louis 16", "correct"),
        ("Benjamin Franklin", "Ben Franklin", "correct"),
        ("Юрий Гагарин", "гагарин", "correct"),
        ("Юрий Гагарин", "Гагарн", "close"),
        ("Юрий Гагарин", "Титов", "wrong"),
        ("Valéry Giscard d'Estaing", "Giscard d'Estaing", "correct"),
        ("Valéry Giscard d'Estaing", "giscard destaing", "correct"),
        ("Benjamin Franklin", "Franklin Roosevelt", "wrong"),
    ],
)
def test_judging_names(answer: str, response: str, verdict: str) -> None:
    assert judge(parse("name", answer), response, answer).verdict == verdict


def test_tokens_drop_titles_and_articles() -> None:
    assert tokens_of("General Charles de Gaulle") == ("charles", "de", "gaulle")
    assert tokens_of("the Hague") == ("hague",)
    assert tokens_of("King") == ("king",)


def test_names_compare_by_their_key() -> None:
    a, b = parse("name", "Le Drian"), parse("name", "le-drian")
    assert a == b and hash(a) == hash(b)
    assert pickle.loads(pickle.dumps(a)) == a
    assert isinstance(a, NameValue)


@pytest.mark.parametrize(
    ("answer", "response", "verdict"),
    [
        ("Apollo 13", "Apollo 13", "correct"),
        ("Apollo 13", "apollo-13", "correct"),
        ("Apollo 13", "Apollo 12", "wrong"),
        ("Apollo 13", "Apolo 13", "close"),
        ("World War II", "World War 2", "correct"),
        ("World War II", "World War I", "wrong"),
        ("World War II", "Wrld War II", "close"),
        ("K2", "K3", "wrong"),
        ("Elizabeth I", "Elizabeth II", "wrong"),
    ],
)
def test_numbers_in_names_must_match(answer: str, response: str, verdict: str) -> None:
    assert judge(parse("name", answer), response, answer).verdict == verdict


@pytest.mark.parametrize(
    ("answer", "response", "verdict"),
    [
        ("Mount Kilimanjaro", "Kilimanjaro", "close"),
        ("Lake Baikal", "Baikal", "close"),
        ("Caspian Sea", "Caspian", "close"),
        ("Vatican City", "vatican", "correct"),  # a known other name
        ("Caspian Sea", "Sea", "wrong"),
        ("Strait of Gibraltar", "Gibraltar", "close"),
    ],
)
def test_a_place_without_its_generic_word_is_close(answer: str, response: str, verdict: str) -> None:
    assert judge(parse("name", answer), response, answer, "place").verdict == verdict


@pytest.mark.parametrize(
    ("answer", "response", "category", "verdict"),
    [
        ("Macron", "Emmanuel Macron", "person", "correct"),
        ("Lafayette", "Marquis de Lafayette", "person", "correct"),
        ("Macron", "Emmanuel Macron", None, "wrong"),
        ("Paris", "Paris Texas", "city", "wrong"),
    ],
)
def test_a_fuller_name_of_a_person_is_correct(answer: str, response: str, category: str | None, verdict: str) -> None:
    assert judge(parse("name", answer), response, answer, category).verdict == verdict
