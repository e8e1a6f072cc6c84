"""Invariants of grading, checked on generated values and strings (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from quiz.facts import Answer, Kind
from quiz.grading import grade_answer
from quiz.values import DateValue, Quantity, equivalent, infer_kind, parse, render
from quiz.values.common import ordinal
from quiz.values.dates import MONTHS, _days_in

FAST = settings(deadline=None, max_examples=150)


def answer_of(kind: Kind, text: str | tuple[str, ...]) -> Answer:
    return Answer(text=text, kind=kind, value=parse(kind, text), category="person")


@st.composite
def date_values(draw: st.DrawFn) -> DateValue:
    precision = draw(st.sampled_from(["year", "month", "day", "decade", "century"]))
    year = draw(st.integers(-3000, 2100).filter(lambda y: y != 0))
    if precision == "decade":
        year = (abs(year) // 10 * 10 or 10) * (1 if year > 0 else -1)
        if 0 < year < 100:
            year += 1900  # two-digit decades read as the 1900s ("the '70s")
        if year > 0 and year % 100 == 0 and year < 2000:
            year += 10  # "the 1700s" is a century
        return DateValue(year, precision="decade")
    if precision == "century":
        number = draw(st.integers(-30, 21).filter(lambda n: n != 0))
        start = max(1, (number - 1) * 100) if number > 0 else number * 100
        return DateValue(start, precision="century", hundreds=draw(st.booleans()) and 2 <= number <= 20)
    month = draw(st.integers(1, 12))
    if precision == "year":
        return DateValue(year)
    if precision == "month":
        return DateValue(year, month, precision="month")
    day = draw(st.integers(1, _days_in(year, month)))
    return DateValue(year, month, day, precision="day")


@FAST
@given(date_values())
def test_a_rendered_date_parses_back_and_grades_correct(value: DateValue) -> None:
    shown = render("date", value)
    assert parse("date", shown) == value
    assert grade_answer(answer_of("date", shown), shown).verdict == "correct"


@FAST
@given(st.integers(1000, 2100), st.integers(1, 12), st.integers(1, 28))
def test_every_written_form_of_a_day_is_the_same_date(year: int, month: int, day: int) -> None:
    answer = answer_of("date", f"{MONTHS[month - 1]} {day}, {year}")
    name = MONTHS[month - 1]
    forms = [
        f"{year}-{month:02d}-{day:02d}",
        f"{month}/{day}/{year}",
        f"{day} {name} {year}",
        f"{name[:3]}. {day}, {year}",
        f"the {ordinal(day)} of {name}, {year}",
        f"on {name.upper()} {ordinal(day)} {year}",
    ]
    for form in forms:
        assert grade_answer(answer, form).verdict == "correct", form


@FAST
@given(date_values(), st.integers(-30, 30).filter(lambda n: n != 0))
def test_shifting_a_date_moves_it_and_back(value: DateValue, n: int) -> None:
    moved = value.shifted(n)
    assert moved.precision == value.precision
    assert moved != value
    assert moved.shifted(-n) == value
    assert parse("date", render("date", moved)) == moved


@st.composite
def quantities(draw: st.DrawFn) -> Quantity:
    decimals = draw(st.integers(0, 2))
    digits = draw(st.integers(0, 10**7))
    mantissa = Decimal(digits).scaleb(-decimals)
    scale = draw(st.sampled_from([None, "thousand", "million", "billion", "trillion"]))
    percent = scale is None and draw(st.booleans())
    currency = None if percent else draw(st.sampled_from([None, "$", "€", "£", "¥", "CHF"]))
    unit = None if currency or percent else draw(st.sampled_from([None, "km", "troops", "square miles"]))
    is_ordinal = decimals == 0 and not (scale or percent or currency or unit) and draw(st.booleans())
    factor = Decimal(10) ** {"thousand": 3, "million": 6, "billion": 9, "trillion": 12}.get(scale or "", 0)
    return Quantity(mantissa * factor, currency, unit, percent, scale, decimals, is_ordinal)


@FAST
@given(quantities())
def test_a_rendered_number_parses_back_and_grades_correct(value: Quantity) -> None:
    shown = render("number", value)
    assert parse("number", shown) == value
    assert grade_answer(answer_of("number", shown), shown).verdict == "correct"


@FAST
@given(quantities(), st.integers(1, 10**6))
def test_another_amount_in_the_same_style_is_not_the_answer(value: Quantity, other: int) -> None:
    moved = value.with_mantissa(value.mantissa + Decimal(other).scaleb(-value.decimals))
    shown = render("number", moved)
    assert moved.scale == value.scale and moved.currency == value.currency
    assert moved.unit == value.unit and moved.decimals == value.decimals
    assert grade_answer(answer_of("number", render("number", value)), shown).verdict != "correct"


_WORD = st.from_regex(r"[A-Z][a-zà-ÿ]{2,9}", fullmatch=True)


@FAST
@given(st.lists(_WORD, min_size=1, max_size=4))
def test_a_rendered_name_grades_correct_and_its_surname_too(words: list[str]) -> None:
    shown = " ".join(words)
    answer = answer_of("name", shown)
    assert grade_answer(answer, render("name", answer.value)).verdict == "correct"
    assert grade_answer(answer, shown.upper()).verdict == "correct"
    if answer.value.surname:
        assert grade_answer(answer, words[-1]).verdict == "correct"


@FAST
@given(st.lists(_WORD, min_size=1, max_size=4, unique_by=str.casefold), st.randoms())
def test_a_list_in_any_order_grades_correct(words: list[str], rnd: object) -> None:
    answer = answer_of("list", tuple(words))
    shuffled = list(words)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert grade_answer(answer, ", ".join(shuffled)).verdict == "correct"
    assert grade_answer(answer, render("list", answer.value)).verdict == "correct"


ANSWERS = [
    answer_of("date", "April 13, 2018"),
    answer_of("date", "the 1770s"),
    answer_of("number", "$19.3 billion"),
    answer_of("number", "35%"),
    answer_of("name", "Jean-Yves Le Drian"),
    answer_of("text", "military space cooperation"),
    answer_of("list", ("Marseille", "Strasbourg", "1778")),
]
HOSTILE = [
    "",
    "\x00\x01\x02",
    "\u202e\u05e9\u05dc\u05d5\u05dd 1778\u202c",
    "مرسيليا",
    "1" * 100_000,
    "April " * 20_000,
    "$" + "9," * 30_000,
    "., ;\n&and" * 1000,
    "\ud800",
    "𝟙𝟟𝟟𝟠",
    "1e999999",
    "-" * 5000 + "1",
]


@pytest.mark.parametrize("response", HOSTILE, ids=range(len(HOSTILE)))
def test_grading_never_raises_on_hostile_strings(response: str) -> None:
    for answer in ANSWERS:
        result = grade_answer(answer, response)
        assert result.verdict in ("correct", "close", "wrong")
        assert result.feedback


@settings(deadline=None, max_examples=300)
@given(st.text(max_size=300))
@example("the 11th of Smarch, 2018 BC")
@example("$-.5 bn%")
def test_grading_never_raises_on_any_string(response: str) -> None:
    for answer in ANSWERS:
        assert grade_answer(answer, response).verdict in ("correct", "close", "wrong")


@settings(deadline=None, max_examples=200)
@given(st.text(max_size=80))
@example("🅐")  # a capital that is no letter: not a name (found by this test)
def test_infer_kind_always_gives_a_kind_that_parses(text: str) -> None:
    assume(text.strip())
    kind = infer_kind(text)
    if kind != "text":
        parse(kind, text)


@FAST
@given(st.text(min_size=1, max_size=40).filter(lambda t: any(c.isalnum() for c in t)))
def test_a_rendered_text_grades_correct(text: str) -> None:
    answer = answer_of("text", text)
    assert grade_answer(answer, render("text", answer.value)).verdict == "correct"
    assert grade_answer(answer, f"  {text.upper()}  ").verdict in ("correct", "close")


@pytest.mark.parametrize("kind", ["date", "text", "name"])
@pytest.mark.parametrize("text", ["A\rµ", "A\x0bb", "The\x0cEnd", "A\rb"])
def test_a_text_with_spacing_controls_is_its_own_equal(kind: Kind, text: str) -> None:
    # A learner's response has its carriage returns and form feeds made spaces (`clean`);
    # the answer's key must read them the same way, or "A\rµ" answering itself was wrong.
    assert equivalent(kind, text, text)
    assert grade_answer(answer_of("text", text), text).verdict == "correct"


@settings(deadline=None, max_examples=100)
@given(st.sampled_from(["date", "number", "name", "text", "list"]), st.text(max_size=60), st.text(max_size=60))
def test_equivalent_never_raises_and_is_symmetric(kind: Kind, a: str, b: str) -> None:
    assert equivalent(kind, a, b) == equivalent(kind, b, a)
    if a.strip() and any(c.isalnum() for c in a):
        assert equivalent(kind, a, a)
