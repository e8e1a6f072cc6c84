"""The grading table: one row per (answer, response) with the verdict a fair teacher gives.

Rows cover every kind and every example in DESIGN.md's grading contract.
"""

from __future__ import annotations

import pytest

from quiz.facts import Answer, Fact, Kind, Tolerance
from quiz.grading import Grade, grade, grade_answer
from quiz.values import infer_kind, parse

TWO_PERCENT = Tolerance(2, True)


def make_answer(
    text: str | tuple[str, ...],
    kind: Kind | None = None,
    *,
    tolerance: Tolerance | None = None,
    category: str | None = None,
    accept: tuple[str, ...] = (),
    ordered: bool = False,
) -> Answer:
    """An `Answer` built the way the deck loader builds one."""
    kind = kind or infer_kind(text)
    return Answer(
        text=text,
        kind=kind,
        value=parse(kind, text),
        accept=accept,
        tolerance=tolerance,
        category=category,
        ordered=ordered,
    )


ANSWERS: dict[str, Answer] = {
    "year": make_answer("1778", "date"),
    "day": make_answer("April 13, 2018", "date"),
    "month": make_answer("July 1969", "date"),
    "july4": make_answer("July 4, 1776", "date"),
    "bc": make_answer("44 BC", "date"),
    "decade": make_answer("the 1770s", "date"),
    "century": make_answer("the 18th century", "date"),
    "money": make_answer("$19.3 billion", "number", tolerance=TWO_PERCENT),
    "money-exact": make_answer("$19.3 billion", "number"),
    "percent": make_answer("35%", "number"),
    "ordinal": make_answer("11th", "number"),
    "count": make_answer("677,500", "number", tolerance=Tolerance(1000, False)),
    "distance": make_answer("5 km", "number"),
    "troops": make_answer("2.5 million troops", "number"),
    "person": make_answer("Jean-Yves Le Drian", "name", category="person", accept=("Le Drian",)),
    "person-nocat": make_answer("Charles de Gaulle", "name"),
    "city": make_answer("Marseille", "name", category="place"),
    "place2": make_answer("New York", "name"),
    "org": make_answer("Treaty of Paris", "name"),
    "the": make_answer("The Hague", "name", category="place"),
    "accented": make_answer("François Hollande", "name", category="person"),
    "cities": make_answer(("Marseille", "Strasbourg")),
    "presidents": make_answer(("George W. Bush", "Bill Clinton")),  # no category: not people
    "ordered": make_answer(("Lexington", "Saratoga", "Yorktown"), ordered=True),
    "years": make_answer(("1778", "1783")),
    "text": make_answer("military space cooperation", "text"),
    "text-accept": make_answer("the Marshall Plan", "text", accept=("European Recovery Program",)),
}

CASES: list[tuple[str, str, str]] = [
    # --- dates: a year -------------------------------------------------------------
    ("year", "1778", "correct"),
    ("year", "in 1778", "correct"),
    ("year", "around 1778", "correct"),
    ("year", "c. 1778", "correct"),
    ("year", "1778.", "correct"),
    ("year", "February 6, 1778", "correct"),
    ("year", "6 February 1778", "correct"),
    ("year", "Feb 1778", "correct"),
    ("year", "It was signed in 1778.", "correct"),
    ("year", "1779", "wrong"),
    ("year", "1877", "wrong"),
    ("year", "the 1770s", "close"),
    ("year", "the 18th century", "wrong"),
    ("year", "1778 or 1779", "wrong"),
    ("year", "seventeen seventy-eight", "correct"),
    ("year", "soon", "wrong"),
    ("year", "", "wrong"),
    # --- dates: a full date ---------------------------------------------------------
    ("day", "April 13, 2018", "correct"),
    ("day", "13 April 2018", "correct"),
    ("day", "2018-04-13", "correct"),
    ("day", "4/13/2018", "correct"),
    ("day", "April 13th, 2018", "correct"),
    ("day", "Apr. 13, 2018", "correct"),
    ("day", "Apr 13 2018", "correct"),
    ("day", "april 13 2018", "correct"),
    ("day", "13th April 2018", "correct"),
    ("day", "the 13th of April, 2018", "correct"),
    ("day", "the thirteenth of April 2018", "correct"),
    ("day", "on April 13, 2018", "correct"),
    ("day", "Friday, April 13, 2018", "correct"),
    ("day", "2018/04/13", "correct"),
    ("day", "04-13-2018", "correct"),
    ("day", "13/4/2018", "correct"),
    ("day", "4/13/18", "correct"),
    ("day", "April 12, 2018", "close"),
    ("day", "April 2018", "close"),
    ("day", "2018", "close"),
    ("day", "May 13, 2018", "close"),
    ("day", "April 13", "close"),
    ("day", "April 13, 2017", "wrong"),
    ("day", "2017", "wrong"),
    ("day", "4/31/2018", "wrong"),
    ("day", "13 Smarch 2018", "close"),
    # --- dates: a month ----------------------------------------------------------------
    ("month", "July 1969", "correct"),
    ("month", "Jul. 1969", "correct"),
    ("month", "july, 1969", "correct"),
    ("month", "1969-07", "correct"),
    ("month", "July 20, 1969", "correct"),
    ("month", "June 1969", "close"),
    ("month", "1969", "close"),
    ("month", "July 1968", "wrong"),
    # --- dates: eras, decades, centuries ----------------------------------------------
    ("bc", "44 BC", "correct"),
    ("bc", "44 B.C.", "correct"),
    ("bc", "44 BCE", "correct"),
    ("bc", "44 bc", "correct"),
    ("bc", "March 15, 44 BC", "correct"),
    ("bc", "44", "close"),
    ("bc", "45 BC", "wrong"),
    ("bc", "44 AD", "close"),
    ("decade", "the 1770s", "correct"),
    ("decade", "1770s", "correct"),
    ("decade", "1770's", "correct"),
    ("decade", "1776", "correct"),
    ("decade", "July 4, 1776", "correct"),
    ("decade", "the 1780s", "wrong"),
    ("decade", "1781", "wrong"),
    ("decade", "the 18th century", "close"),
    ("century", "the 18th century", "correct"),
    ("century", "18th century", "correct"),
    ("century", "the eighteenth century", "correct"),
    ("century", "the 1700s", "correct"),
    ("century", "18th-century", "correct"),
    ("century", "1778", "correct"),
    ("century", "the 1770s", "correct"),
    ("century", "the 19th century", "wrong"),
    ("century", "1801", "wrong"),
    # --- numbers ----------------------------------------------------------------------
    ("money", "$19.3 billion", "correct"),
    ("money", "19.3bn", "correct"),
    ("money", "19,300,000,000", "correct"),
    ("money", "$19,300,000,000", "correct"),
    ("money", "19.3 B", "correct"),
    ("money", "$19.3B", "correct"),
    ("money", "19.3 billion dollars", "correct"),
    ("money", "US$19.3 billion", "correct"),
    ("money", "USD 19.3 bn", "correct"),
    ("money", "19 300 000 000", "correct"),
    ("money", "19\u202f300\u202f000\u202f000", "correct"),
    ("money", "about $19.3 billion", "correct"),
    ("money", "19.3", "correct"),
    ("money", "$19.30 billion", "correct"),
    ("money", "19.34 billion", "correct"),
    ("money", "nineteen point three billion", "correct"),
    ("money", "19,3 billion", "correct"),
    ("money", "$19.5 billion", "close"),
    ("money", "19.5", "close"),
    ("money", "19.0 billion", "close"),
    ("money", "19.3 million", "wrong"),
    ("money", "$19.3 million", "wrong"),
    ("money", "19,300,000", "wrong"),
    ("money", "19.3 trillion", "wrong"),
    ("money", "€19.3 billion", "wrong"),
    ("money", "19.3 billion euros", "wrong"),
    ("money", "£19.3bn", "wrong"),
    ("money", "$25 billion", "wrong"),
    ("money", "lots", "wrong"),
    ("money-exact", "$19.5 billion", "wrong"),
    ("money-exact", "19.3bn", "correct"),
    ("percent", "35%", "correct"),
    ("percent", "35 percent", "correct"),
    ("percent", "35 per cent", "correct"),
    ("percent", "35", "correct"),
    ("percent", "thirty-five percent", "correct"),
    ("percent", "35.0%", "correct"),
    ("percent", "36%", "wrong"),
    ("ordinal", "11th", "correct"),
    ("ordinal", "11", "correct"),
    ("ordinal", "eleventh", "correct"),
    ("ordinal", "the 11th", "correct"),
    ("ordinal", "eleven", "correct"),
    ("ordinal", "12th", "wrong"),
    ("ordinal", "1st", "wrong"),
    ("count", "677,500", "correct"),
    ("count", "677500", "correct"),
    ("count", "677 500", "correct"),
    ("count", "677.5 thousand", "correct"),
    ("count", "677.5k", "correct"),
    ("count", "six hundred seventy-seven thousand five hundred", "correct"),
    ("count", "677,000", "close"),
    ("count", "678,000", "close"),
    ("count", "680,000", "wrong"),
    ("count", "677.5 million", "wrong"),
    ("count", "677.5", "wrong"),
    ("distance", "5 km", "correct"),
    ("distance", "5 kilometres", "correct"),
    ("distance", "5 kilometers", "correct"),
    ("distance", "5", "correct"),
    ("distance", "five km", "correct"),
    ("distance", "5 miles", "wrong"),
    ("distance", "5 m", "wrong"),
    ("distance", "6 km", "wrong"),
    ("troops", "2.5 million", "correct"),
    ("troops", "2,500,000 soldiers", "correct"),
    ("troops", "2.5m troops", "correct"),
    ("troops", "two and a half million", "wrong"),
    ("troops", "2.5 billion", "wrong"),
    # --- names ----------------------------------------------------------------------
    ("person", "Jean-Yves Le Drian", "correct"),
    ("person", "jean yves le drian", "correct"),
    ("person", "JEAN-YVES LE DRIAN", "correct"),
    ("person", "Jean Yves LeDrian", "correct"),
    ("person", "Le Drian", "correct"),
    ("person", "le drian", "correct"),
    ("person", "Drian", "correct"),
    ("person", "Minister Le Drian", "correct"),
    ("person", "J.-Y. Le Drian", "correct"),
    ("person", "Jean Le Drian", "correct"),
    ("person", "  Le   Drian  ", "correct"),
    ("person", "Jean-Yves Le Drain", "close"),
    ("person", "Le Drain", "close"),
    ("person", "Jean-Marc Ayrault", "wrong"),
    ("person", "Jean-Yves", "wrong"),
    ("person", "Florence Parly", "wrong"),
    ("person", "Adrian", "wrong"),
    ("person-nocat", "de Gaulle", "correct"),
    ("person-nocat", "Gaulle", "correct"),
    ("person-nocat", "General de Gaulle", "correct"),
    ("person-nocat", "Charles De-Gaulle", "correct"),
    ("person-nocat", "De Gaule", "close"),
    ("person-nocat", "Charles", "wrong"),
    ("person-nocat", "Charles Martel", "wrong"),
    ("city", "Marseille", "correct"),
    ("city", "marseille", "correct"),
    ("city", "MARSEILLE!", "correct"),
    ("city", "Marsielle", "close"),
    ("city", "Marseilles", "correct"),  # the English exonym
    ("city", "Paris", "wrong"),
    ("city", "Versailles", "wrong"),
    ("place2", "New York", "correct"),
    ("place2", "new-york", "correct"),
    ("place2", "York", "wrong"),
    ("org", "Treaty of Paris", "correct"),
    ("org", "the treaty of paris", "correct"),
    ("org", "Paris", "wrong"),
    ("org", "Treaty of Paros", "close"),
    ("the", "The Hague", "correct"),
    ("the", "Hague", "correct"),
    ("the", "the hague", "correct"),
    ("accented", "Francois Hollande", "correct"),
    ("accented", "hollande", "correct"),
    ("accented", "FRANÇOIS HOLLANDE", "correct"),
    ("accented", "Holland", "close"),
    ("accented", "Nicolas Sarkozy", "wrong"),
    # --- lists ----------------------------------------------------------------------
    ("cities", "Marseille, Strasbourg", "correct"),
    ("cities", "Strasbourg, Marseille", "correct"),
    ("cities", "Strasbourg and Marseille", "correct"),
    ("cities", "marseille; strasbourg", "correct"),
    ("cities", "Marseille\nStrasbourg", "correct"),
    ("cities", "Marseille & Strasbourg", "correct"),
    ("cities", "Marseille, and Strasbourg", "correct"),
    ("cities", "Marseille, Marseille, Strasbourg", "correct"),
    ("presidents", "Bush, George W. Bush, Bill Clinton", "correct"),
    ("presidents", "George H. W. Bush, Bill Clinton", "wrong"),
    ("cities", "Marseille", "close"),
    ("cities", "Marsielle, Strasbourg", "close"),
    ("cities", "Marseille, Lyon", "wrong"),
    ("cities", "Marseille, Strasbourg, Lyon", "wrong"),
    ("cities", "Lyon", "wrong"),
    ("ordered", "Lexington, Saratoga, Yorktown", "correct"),
    ("ordered", "Saratoga, Lexington, Yorktown", "close"),
    ("ordered", "Lexington, Saratoga", "close"),
    ("years", "1778 and 1783", "correct"),
    ("years", "1783, 1778", "correct"),
    ("years", "1778", "close"),
    ("years", "1778, 1784", "wrong"),
    # --- text -----------------------------------------------------------------------
    ("text", "military space cooperation", "correct"),
    ("text", "Military Space Cooperation", "correct"),
    ("text", "military-space cooperation", "correct"),
    ("text", "military space co-operation", "correct"),
    ("text", "militray space cooperation", "close"),
    ("text", "space cooperation", "close"),  # keeps the key content
    ("text", "nuclear cooperation", "wrong"),
    ("text-accept", "Marshall Plan", "correct"),
    ("text-accept", "the marshall plan", "correct"),
    ("text-accept", "European Recovery Program", "correct"),
    ("text-accept", "european recovery programme", "correct"),  # British spelling
    ("text-accept", "Monroe Doctrine", "wrong"),
    # --- accept entries and blanks ------------------------------------------------------
    ("person", "le-drian", "correct"),
    ("person", "   ", "wrong"),
    ("person", "\t\n", "wrong"),
    ("money", "\u200f19.3bn\u200f", "correct"),
]


@pytest.mark.parametrize(("answer", "response", "verdict"), CASES)
def test_grading_table(answer: str, response: str, verdict: str) -> None:
    result = grade_answer(ANSWERS[answer], response)
    assert result.verdict == verdict, result.feedback
    assert result.feedback.endswith(".")
    assert result.expected == ANSWERS[answer].display
    assert result.response == response


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 150
    assert {a.kind for a in ANSWERS.values()} == {"date", "number", "name", "list", "text"}


@pytest.mark.parametrize(
    ("answer", "response", "feedback"),
    [
        ("money", "19.5 billion", "Close: you wrote 19.5 billion; the answer is $19.3 billion."),
        ("day", "April 12, 2018", "Close: you wrote April 12, 2018, the right month but not the day: April 13, 2018."),
        ("day", "", "No answer given; the answer is April 13, 2018."),
        ("money", "19.3 million", "Wrong scale: you wrote 19.3 million; the answer is $19.3 billion."),
        ("money", "€19.3 billion", "Wrong currency: you wrote €19.3 billion; the answer is $19.3 billion."),
        ("money", "19.3", "Correct: you wrote 19.3; the answer is $19.3 billion (say the billion too)."),
        ("month", "June 1969", "Close: you wrote June 1969, the right year but not the month: July 1969."),
        ("cities", "Marseille", "Close: you wrote Marseille, 1 of 2; the answer is Marseille, Strasbourg."),
        (
            "cities",
            "Marseille, Lyon",
            "You wrote Marseille, Lyon: Lyon is not one of them; the answer is Marseille, Strasbourg.",
        ),
        # Each piece that matched no member is named with what is wrong with it: before,
        # "Clinton is not one of them", as if the wrong one were Clinton and not Bush's father.
        (
            "presidents",
            "Clinton and George H.W. Bush",
            "You wrote Clinton and George H.W. Bush: George H.W. Bush is not George W. Bush, and "
            "Clinton is only part of Bill Clinton; the answer is George W. Bush, Bill Clinton.",
        ),
        (
            "presidents",
            "Clinton and Bush",
            "You wrote Clinton and Bush: Clinton is only part of Bill Clinton; the answer is "
            "George W. Bush, Bill Clinton.",
        ),
        (
            "cities",
            "Lyon, Nice, Paris, Lille and Strasbourg",
            "You wrote Lyon, Nice, Paris, Lille and Strasbourg: Lyon, Nice and 2 more are not "
            "among them; the answer is Marseille, Strasbourg.",
        ),
        # A member given again in other words is dropped, as the same words twice are.
        ("presidents", "Bush and George W. Bush",
         "Close: you wrote Bush and George W. Bush, 1 of 2; the answer is George W. Bush, Bill Clinton."),
        ("city", "Marsielle", "Close: you wrote Marsielle; check the spelling: Marseille."),
        ("distance", "5 miles", "You wrote 5 miles, which is 8.0 km; the answer is 5 km."),
        ("distance", "5 kg", "Wrong unit: you wrote 5 kg; the answer is 5 km."),
        ("bc", "44", "Close: you wrote 44; the year is BC: 44 BC."),
        ("day", "13/4/2018", "Correct: you wrote 13/4/2018; the answer is April 13, 2018."),
        ("day", "april 13, 2018", "Correct: April 13, 2018."),
        (
            "july4",
            "4/7/1776",
            "Close: you wrote 4/7/1776 (April 7, 1776); numeric dates are read month first; "
            "the answer is July 4, 1776.",
        ),
    ],
)
def test_feedback_sentences(answer: str, response: str, feedback: str) -> None:
    assert grade_answer(ANSWERS[answer], response).feedback == feedback


def test_grade_picks_the_blank_of_a_statement() -> None:
    fact = Fact(
        id="space",
        deck_id="d",
        text="They signed a {{military space cooperation}} arrangement in {{2016}}.",
        answers=(ANSWERS["text"], make_answer("2016", "date")),
    )
    assert grade(fact, "2016", blank=1).verdict == "correct"
    assert grade(fact, "2016", blank=0).verdict == "wrong"
    assert grade(fact, "military space cooperation").correct


def test_grade_is_a_value() -> None:
    result = grade_answer(ANSWERS["year"], "1778")
    assert result == Grade("correct", "Correct: 1778.", "1778", "1778")
    assert result.correct and not grade_answer(ANSWERS["year"], "1779").correct


def test_an_answer_without_a_parsed_value_is_parsed_on_demand() -> None:
    answer = Answer(text="$19.3 billion", kind="number", value=None)
    assert grade_answer(answer, "19.3bn").verdict == "correct"


def test_an_accept_entry_of_another_kind_is_compared_as_text() -> None:
    answer = make_answer("1778", "date", accept=("the year of the alliance",))
    assert grade_answer(answer, "The year of the alliance").verdict == "correct"
    assert grade_answer(answer, "the alliance").verdict == "wrong"


def test_surname_alone_is_not_enough_for_a_place() -> None:
    place = make_answer("Charles de Gaulle", "name", category="airport")
    assert grade_answer(place, "Gaulle").verdict == "wrong"
    assert grade_answer(place, "charles de gaulle").verdict == "correct"
