"""Grading that a wrong answer cannot slip past (issue 20): one table per class of miss.

Each row is (answer, response, verdict) as a careful teacher grades it. Classes:
1. negations, hedges, qualifiers and different persons are never correct;
2. numbers read in every written form; 3. units converted; 4. dates in other written
forms; 5. names in other orders, spellings and scripts; 6. list members with synonyms;
7. shorter text answers, "I don't know" and feedback that repeats the response.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from quiz.facts import Answer, Kind, Tolerance
from quiz.grading import grade_answer
from quiz.values import infer_kind, parse

Row = tuple[str, str, str]


def answer(
    text: str | tuple[str, ...],
    kind: Kind | None = None,
    *,
    category: str | None = None,
    tolerance: Tolerance | None = None,
    member_accept: tuple[tuple[str, ...], ...] = (),
) -> Answer:
    """An `Answer` built as the deck loader builds one."""
    kind = kind or infer_kind(text)
    return Answer(text=text, kind=kind, value=parse(kind, text, member_accept), category=category,
                  tolerance=tolerance)


ANSWERS: dict[str, Answer] = {
    "year": answer("1778", "date"),
    "bc": answer("44 BC", "date"),
    "month": answer("July 1969", "date"),
    "day": answer("April 13, 2018", "date"),
    "decade": answer("the 1770s", "date"),
    "century": answer("the 15th century", "date"),
    "money": answer("$19.3 billion", "number", tolerance=Tolerance(2, True)),
    "millions": answer("$330 million", "number"),
    "count": answer("19,300,000,000", "number"),
    "percent": answer("71%", "number"),
    "ordinal": answer("13th", "number"),
    "pi": answer("3.1416", "number"),
    "height": answer("330 m", "number"),
    "distance": answer("50 km", "number"),
    "cold": answer("-5 °C", "number"),
    "bound": answer("more than 600,000", "number"),
    "bush": answer("George W. Bush", "name", category="person"),
    "adams": answer("John Adams", "name", category="person"),
    "gaulle": answer("Charles de Gaulle", "name", category="person"),
    "drian": answer("Jean-Yves Le Drian", "name", category="person"),
    "lincoln": answer("Abraham Lincoln", "name", category="person"),
    "strasbourg": answer("Strasbourg", "name", category="city"),
    "munich": answer("Munich", "name", category="city"),
    "ministry": answer("Ministry of Defense", "name", category="organization"),
    "who": answer("World Health Organization", "name", category="organization"),
    "usa": answer("United States", "name", category="country"),
    "presidents": answer(("George W. Bush", "Bill Clinton"), "list", category="person"),
    "allies": answer(("United States", "France"), "list", category="country"),
    "cities": answer(("Marseille", "Strasbourg"), "list", category="city"),
    "synonyms": answer(("Marshall Plan", "NATO"), "list",
                       member_accept=(("European Recovery Program",), ("North Atlantic Treaty Organization",))),
    "residence": answer("the official residence of the U.S. Ambassador to Belgium", "text"),
    "space": answer("military space cooperation", "text"),
    "summit": answer("Aconcagua", "name", category="mountain"),
}

NEVER_CORRECT: list[Row] = [
    ("year", "not 1778", "wrong"),
    ("year", "Not 1778.", "wrong"),
    ("year", "it wasn't 1778", "wrong"),
    ("bc", "definitely not 44 BC", "wrong"),
    ("year", "1789 or 1790", "wrong"),
    ("year", "1778 or 1779", "wrong"),
    ("year", "either 1778 or 1779", "wrong"),
    ("money", "$19.3 billion or $20 billion", "wrong"),
    ("year", "before 1778", "wrong"),
    ("year", "after 1778", "wrong"),
    ("year", "by 1778", "wrong"),
    ("year", "no later than 1778", "wrong"),
    ("year", "between 1770 and 1780", "wrong"),
    ("year", "pre-1778", "wrong"),
    ("money", "more than $19 billion", "wrong"),
    ("money", "over $19.3 billion", "wrong"),
    ("percent", "at least 71%", "wrong"),
    ("bush", "George H. W. Bush", "wrong"),
    ("bush", "George H.W. Bush", "wrong"),
    ("bush", "Bush, George H. W.", "wrong"),
    ("adams", "John Quincy Adams", "wrong"),
    ("adams", "John Q. Adams", "wrong"),
    ("adams", "Adams, John Quincy", "wrong"),
    ("presidents", "George H. W. Bush and Bill Clinton", "wrong"),
    ("presidents", "Bill Clinton, John Quincy Adams", "wrong"),
    ("strasbourg", "not Strasbourg", "wrong"),
    ("cities", "Marseille or Lyon, Strasbourg", "wrong"),
    ("space", "not military space cooperation", "wrong"),
    # … while the same values said plainly, or only rounded, stay correct
    ("year", "I don't think it's 1778", "wrong"),
    ("year", "1778 or so", "correct"),
    ("year", "not sure, 1778", "correct"),  # doubt, not denial
    ("year", "I don't know, maybe 1778", "correct"),
    ("year", "around 1778", "correct"),
    ("year", "It was signed in 1778.", "correct"),
    ("money", "about $19.3 billion", "correct"),
    ("bound", "more than 600,000", "correct"),
    ("bound", "600,000", "correct"),
    ("adams", "Adams", "correct"),
    ("adams", "J. Adams", "correct"),
    ("bush", "George Bush", "correct"),
    ("bush", "Bush", "correct"),
    ("presidents", "Bush and Clinton", "correct"),
]

NUMBERS: list[Row] = [
    ("count", "19\u00a0300\u00a0000\u00a0000", "correct"),  # no-break space
    ("count", "19\u2009300\u2009000\u2009000", "correct"),  # thin space
    ("count", "19\u202f300\u202f000\u202f000", "correct"),  # narrow no-break space
    ("count", "19 300 000 000", "correct"),
    ("money", "$19\u202f300\u202f000\u202f000", "correct"),
    ("height", "330m", "correct"),  # a length: metres
    ("height", "330 m", "correct"),
    ("millions", "330m", "correct"),  # money: millions
    ("millions", "$330m", "correct"),
    ("millions", "330 m", "correct"),
    ("millions", "330 mil", "correct"),
    ("millions", "330 mln", "correct"),
    ("millions", "330,000k", "correct"),
    ("money", "19.3bn", "correct"),
    ("money", "19.3 bn", "correct"),
    ("money", "19.3 mln", "wrong"),  # the wrong scale
    ("money", "19,3 billion", "correct"),  # a decimal comma: ",3" cannot be thousands
    ("money", "$19,3 bn", "correct"),
    ("pi", "3,1416", "correct"),
    ("count", "19,300,000,000", "correct"),  # thousands separators stay thousands
    ("percent", "0.71", "correct"),  # a fraction for a percentage
    ("percent", "0,71", "correct"),
    ("percent", ".71", "correct"),
    ("percent", "0.17", "wrong"),
    ("percent", "71", "correct"),
    ("ordinal", "XIII", "correct"),
    ("ordinal", "xiiith", "correct"),
    ("ordinal", "XIV", "wrong"),
]

UNITS: list[Row] = [
    ("distance", "31 miles", "correct"),
    ("distance", "31.07 mi", "correct"),
    ("distance", "30 miles", "close"),
    ("distance", "20 miles", "wrong"),
    ("distance", "50,000 metres", "correct"),
    ("distance", "27 nautical miles", "correct"),
    ("distance", "50 kg", "wrong"),  # another dimension
    ("distance", "50 hours", "wrong"),
    ("distance", "50 km", "correct"),
    ("height", "1,083 feet", "correct"),
    ("height", "1083 ft", "correct"),
    ("height", "0.33 km", "correct"),
    ("height", "0 km", "wrong"),
    ("height", "1 km", "wrong"),
    ("height", "330 kg", "wrong"),
    ("cold", "23 °F", "correct"),
    ("cold", "23 degrees Fahrenheit", "correct"),
    ("cold", "268.15 kelvin", "correct"),
    ("cold", "-5 °F", "wrong"),
]

WRITTEN_FORMS: list[Row] = [
    ("year", "MDCCLXXVIII", "correct"),
    ("year", "MDCCLXXIX", "wrong"),
    ("year", "seventeen seventy-eight", "correct"),
    ("year", "seventeen hundred and seventy-eight", "correct"),
    ("year", "seventeen seventy-nine", "wrong"),
    ("decade", "the seventeen-seventies", "correct"),
    ("decade", "the seventeen seventies", "correct"),
    ("decade", "the sixties", "wrong"),
    ("bc", "forty-four BC", "correct"),
    ("bc", "XLIV BC", "correct"),
    ("century", "XVth century", "correct"),
    ("century", "the XV century", "correct"),
    ("century", "xvth century", "correct"),
    ("century", "15th c.", "correct"),
    ("century", "15th cent.", "correct"),
    ("century", "16th c.", "wrong"),
    ("month", "Jul '69", "correct"),
    ("month", "July '69", "correct"),
    ("month", "7/1969", "correct"),
    ("month", "07/1969", "correct"),
    ("month", "nineteen sixty-nine", "close"),
    ("month", "8/1969", "close"),
    ("day", "April 13, twenty eighteen", "correct"),
]

NAMES: list[Row] = [
    ("gaulle", "Gaulle, Charles de", "correct"),
    ("gaulle", "de Gaulle, Charles", "correct"),
    ("drian", "Le Drian Jean-Yves", "correct"),
    ("drian", "Le Drian, Jean-Yves", "correct"),
    ("drian", "JY Le Drian", "correct"),
    ("drian", "J.Y. Le Drian", "correct"),
    ("drian", "J.-Y. Le Drian", "correct"),
    ("drian", "J Y Le Drian", "correct"),
    ("adams", "Adams, John", "correct"),
    ("strasbourg", "Strasbourg, France", "correct"),
    ("strasbourg", "Strasbourg (France)", "correct"),
    ("strasbourg", "Strasbourg, Lyon", "wrong"),
    ("ministry", "Ministry of Defence", "correct"),
    ("who", "World Health Organisation", "correct"),
    ("munich", "München", "correct"),
    ("munich", "Muenchen", "close"),
    ("strasbourg", "Strassburg", "correct"),
    ("usa", "USA", "correct"),
    ("usa", "the U.S.", "correct"),
    ("usa", "America", "correct"),
    ("usa", "United Kingdom", "wrong"),
    ("lincoln", "Abraham Lіncoln", "correct"),  # a Cyrillic і
    ("lincoln", "Abrahаm Lincоln", "correct"),  # Cyrillic а and о
    ("lincoln", "Abraham Lincon", "close"),
]

LISTS: list[Row] = [
    ("allies", "USA and France", "correct"),
    ("allies", "the U.S., France", "correct"),
    ("allies", "France; United States of America", "correct"),
    ("allies", "America", "close"),
    ("allies", "UK and France", "wrong"),
    ("synonyms", "European Recovery Program, NATO", "correct"),
    ("synonyms", "Marshall Plan and North Atlantic Treaty Organization", "correct"),
    ("synonyms", "European Recovery Programme, North Atlantic Treaty Organisation", "correct"),
    ("synonyms", "European Recovery Program", "close"),
    ("synonyms", "Warsaw Pact, NATO", "wrong"),
]

TEXT: list[Row] = [
    ("residence", "ambassador's residence", "close"),
    ("residence", "the residence of the ambassador", "close"),
    ("residence", "official residence of the US ambassador to Belgium", "correct"),
    ("residence", "residence", "wrong"),
    ("residence", "Belgium", "wrong"),
    ("space", "space cooperation", "close"),
    ("space", "cooperation in military space", "close"),
    ("space", "space", "wrong"),
    ("space", "trade and tourism", "wrong"),
]

CASES = [
    pytest.param(*row, id=f"{group}-{row[0]}-{row[1]}")
    for group, rows in (
        ("never", NEVER_CORRECT), ("numbers", NUMBERS), ("units", UNITS), ("forms", WRITTEN_FORMS),
        ("names", NAMES), ("lists", LISTS), ("text", TEXT),
    )
    for row in rows
]


@pytest.mark.parametrize(("key", "response", "verdict"), CASES)
def test_strict_grading_table(key: str, response: str, verdict: str) -> None:
    result = grade_answer(ANSWERS[key], response)
    assert result.verdict == verdict, result.feedback


@pytest.mark.parametrize("response", ["no idea", "No idea.", "don't know", "I don't know", "idk", "IDK",
                                      "?", "??", "dunno", "not sure", "-"])
@pytest.mark.parametrize("key", ["year", "money", "bush", "allies", "space"])
def test_i_dont_know_is_graded_as_no_answer(key: str, response: str) -> None:
    said = grade_answer(ANSWERS[key], response)
    empty = grade_answer(ANSWERS[key], "")
    assert (said.verdict, said.feedback) == (empty.verdict, empty.feedback)


def test_an_answer_that_reads_like_i_dont_know_is_still_gradable() -> None:
    assert grade_answer(answer("None", "text"), "none").verdict == "correct"


@pytest.mark.parametrize(
    ("key", "response"),
    [
        ("year", "1779"), ("day", "April 12, 2018"), ("year", "soon"), ("money", "19.5 billion"),
        ("money", "lots"), ("distance", "30 miles"), ("summit", "Aconcagu"), ("summit", "Everest"),
        ("space", "space cooperation"), ("space", "trade"), ("cities", "Marseille"),
        ("cities", "Marseille, Lyon"), ("year", "not 1778"), ("adams", "John Quincy Adams"),
    ],
)
def test_feedback_repeats_what_the_learner_wrote(key: str, response: str) -> None:
    result = grade_answer(ANSWERS[key], response)
    assert result.verdict != "correct"
    assert f"ou wrote {response}" in result.feedback
    assert ANSWERS[key].display in result.feedback


@pytest.mark.parametrize(
    ("key", "response", "feedback"),
    [
        ("distance", "31 miles", "Correct: you wrote 31 miles, which is 49.9 km; the answer is 50 km."),
        ("height", "1,083 feet", "Correct: you wrote 1,083 feet, which is 330.1 m; the answer is 330 m."),
        ("distance", "50 kg", "Wrong unit: you wrote 50 kg; the answer is 50 km."),
        ("percent", "0.71", "Correct: you wrote 0.71; the answer is 71%."),
        ("year", "MDCCLXXVIII", "Correct: you wrote MDCCLXXVIII; the answer is 1778."),
        ("year", "1778", "Correct: 1778."),
        ("year", "1789 or 1790", "You wrote 1789 or 1790: that names more than one answer; the answer is 1778."),
        ("year", "before 1778", "You wrote before 1778: “before” makes it a bound, not the answer; "
                                "the answer is 1778."),
        ("bush", "George H. W. Bush", "You wrote George H. W. Bush, a different person; the answer is George W. Bush."),
        ("summit", "Aconcagu", "Close: you wrote Aconcagu; check the spelling: Aconcagua."),
    ],
)
def test_feedback_sentences(key: str, response: str, feedback: str) -> None:
    assert grade_answer(ANSWERS[key], response).feedback == feedback


def test_units_outside_the_table_are_converted_by_pint() -> None:
    assert grade_answer(ANSWERS["distance"], "248.5 furlongs").verdict == "correct"
    assert grade_answer(ANSWERS["distance"], "50 furlongs").verdict == "wrong"
    assert grade_answer(ANSWERS["distance"], "50 troops").verdict == "correct"  # no unit: forgiven


def test_pint_is_imported_only_for_a_unit_outside_the_table() -> None:
    """The common path (same unit, table units, counted nouns) never loads pint."""
    script = (
        "import sys\n"
        "from quiz.facts import Answer\n"
        "from quiz.grading import grade_answer\n"
        "from quiz.values import parse\n"
        "km = Answer(text='50 km', kind='number', value=parse('number', '50 km'))\n"
        "troops = Answer(text='677,500 troops', kind='number', value=parse('number', '677,500 troops'))\n"
        "for r in ('50 km', '31 miles', '50 kg', '50', 'lots', '1778 or so'):\n"
        "    grade_answer(km, r)\n"
        "grade_answer(troops, '677,500 soldiers')\n"
        "assert 'pint' not in sys.modules, 'pint on the common path'\n"
        "grade_answer(km, '248.5 furlongs')\n"
        "assert 'pint' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
