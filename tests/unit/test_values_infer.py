"""Which kind an answer is when the author gives none, and `equivalent` across kinds."""

from __future__ import annotations

import pytest

from quiz.values import equivalent, infer_kind, parse


@pytest.mark.parametrize(
    ("answer", "question", "kind"),
    [
        (("Marseille", "Strasbourg"), None, "list"),
        ("1778", None, "date"),
        ("1778", "In what year did France recognise the United States?", "date"),
        ("1778", "How many soldiers did France send?", "number"),
        ("1778", "How much did the loan come to, in livres?", "number"),
        ("2150", None, "number"),
        ("999", None, "number"),
        ("April 13, 2018", None, "date"),
        ("2018-04-13", None, "date"),
        ("4/13/2018", None, "date"),
        ("July 1969", None, "date"),
        ("the 1770s", None, "date"),
        ("the 18th century", None, "date"),
        ("44 BC", None, "date"),
        ("$19.3 billion", None, "number"),
        ("35%", None, "number"),
        ("11th", None, "number"),
        ("677,500", None, "number"),
        ("677,500 troops", None, "number"),
        ("5 km", None, "number"),
        ("Jean-Yves Le Drian", None, "name"),
        ("Treaty of Paris", None, "name"),
        ("de Gaulle", None, "name"),
        ("Bashar al-Assad", None, "name"),
        ("11th Airborne Division", None, "name"),
        ("Apollo 11", None, "name"),
        ("the Netherlands", None, "name"),
        ("Юрий Гагарин", None, "name"),
        ("Valéry Giscard d'Estaing", None, "name"),
        ("北京", None, "text"),
        ("military space cooperation", None, "text"),
        ("thirty-five", None, "text"),
        ("a treaty of friendship", None, "text"),
    ],
)
def test_infer_kind(answer: str | tuple[str, ...], question: str | None, kind: str) -> None:
    assert infer_kind(answer, question) == kind


@pytest.mark.parametrize(
    ("kind", "a", "b", "same"),
    [
        ("date", "April 13, 2018", "2018-04-13", True),
        ("date", "1778", "1779", False),
        ("date", "the 1770s", "1770s", True),
        ("date", "1778", "the 1770s", True),  # 1778 is a right answer for "the 1770s"
        ("date", "1778", "the 1780s", False),
        ("number", "$19.3 billion", "19.3bn", True),
        ("number", "$19.3 billion", "$19.3 million", False),
        ("number", "$19.3 billion", "$17.8 billion", False),
        ("number", "11th", "11", True),
        ("name", "Le Drian", "le-drian", True),
        ("name", "Jean-Yves Le Drian", "Le Drian", True),
        ("name", "Florence Parly", "Jean-Yves Le Drian", False),
        ("list", "Marseille, Strasbourg", "Strasbourg and Marseille", True),
        ("number", "not a number", "Not a number!", True),
    ],
)
def test_equivalent(kind: str, a: str, b: str, same: bool) -> None:
    assert equivalent(kind, a, b) is same  # type: ignore[arg-type]
    assert equivalent(kind, b, a) is same  # type: ignore[arg-type]


def test_parse_refuses_a_list_for_a_single_kind() -> None:
    from quiz.values import ValueParseError

    with pytest.raises(ValueParseError, match="not a list"):
        parse("name", ("a", "b"))
    with pytest.raises(ValueParseError, match="unknown kind"):
        parse("colour", "red")  # type: ignore[arg-type]
