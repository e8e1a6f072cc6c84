"""Reading, rendering and shifting dates (quiz.values.dates)."""

from __future__ import annotations

import pickle

import pytest

from quiz.values import DateValue, ValueParseError, parse, render
from quiz.values.dates import PartialDate, read, read_response


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1778", DateValue(1778)),
        ("in 1778", DateValue(1778)),
        ("around 1778", DateValue(1778)),
        ("circa 1778", DateValue(1778)),
        ("ca. 1778", DateValue(1778)),
        ("the year 1778", DateValue(1778)),
        ("44 BC", DateValue(-44)),
        ("44 B.C.", DateValue(-44)),
        ("500 BCE", DateValue(-500)),
        ("AD 79", DateValue(79)),
        ("79 CE", DateValue(79)),
        ("A.D. 79", DateValue(79)),
        ("July 1969", DateValue(1969, 7, precision="month")),
        ("Sept. 1969", DateValue(1969, 9, precision="month")),
        ("1969-07", DateValue(1969, 7, precision="month")),
        ("March 44 BC", DateValue(-44, 3, precision="month")),
        ("April 13, 2018", DateValue(2018, 4, 13, precision="day")),
        ("Apr 13 2018", DateValue(2018, 4, 13, precision="day")),
        ("13 April 2018", DateValue(2018, 4, 13, precision="day")),
        ("13th of April, 2018", DateValue(2018, 4, 13, precision="day")),
        ("the first of May 1886", DateValue(1886, 5, 1, precision="day")),
        ("May twenty-first, 1927", DateValue(1927, 5, 21, precision="day")),
        ("2018-04-13", DateValue(2018, 4, 13, precision="day")),
        ("4/13/2018", DateValue(2018, 4, 13, precision="day")),
        ("4/5/2018", DateValue(2018, 4, 5, precision="day")),
        ("13/4/2018", DateValue(2018, 4, 13, precision="day")),
        ("Thursday, July 4, 1776", DateValue(1776, 7, 4, precision="day")),
        ("March 15, 44 BC", DateValue(-44, 3, 15, precision="day")),
        ("February 29, 2000", DateValue(2000, 2, 29, precision="day")),
        ("the 1770s", DateValue(1770, precision="decade")),
        ("1770's", DateValue(1770, precision="decade")),
        ("the '70s", DateValue(1970, precision="decade")),
        ("the 2000s", DateValue(2000, precision="decade")),
        ("1800–1809", DateValue(1800, precision="decade")),
        ("the 440s BC", DateValue(-440, precision="decade")),
        ("the 18th century", DateValue(1700, precision="century")),
        ("eighteenth century", DateValue(1700, precision="century")),
        ("the 1700s", DateValue(1700, precision="century")),
        ("the 1st century", DateValue(1, precision="century")),
        ("the 5th century BC", DateValue(-500, precision="century")),
    ],
)
def test_reading_written_dates(text: str, value: DateValue) -> None:
    assert parse("date", text) == value


@pytest.mark.parametrize(
    "text",
    ["", "soon", "April 13", "February 30, 2018", "13/13/2018", "0", "4/13/18", "the 0s", "Smarch 2018", "1778 or 1779"],
)
def test_an_author_date_that_is_not_one_is_refused(text: str) -> None:
    with pytest.raises(ValueParseError, match="expected a date such as 1778"):
        parse("date", text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("April 13", PartialDate(4, 13)),
        ("4/13/18", DateValue(2018, 4, 13, precision="day")),
        ("4/13/65", DateValue(1965, 4, 13, precision="day")),
        ("It was signed in 1778, I think", DateValue(1778)),
        ("on April 13, 2018 in Paris", DateValue(2018, 4, 13, precision="day")),
        ("1778 or 1779", None),
        ("no idea", None),
    ],
)
def test_reading_responses_is_more_lenient(text: str, expected: object) -> None:
    assert read_response(text) == expected


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (DateValue(1778), "1778"),
        (DateValue(-44), "44 BC"),
        (DateValue(79, era=True), "AD 79"),
        (DateValue(1969, 7, precision="month"), "July 1969"),
        (DateValue(2018, 4, 13, precision="day"), "April 13, 2018"),
        (DateValue(-44, 3, 15, precision="day"), "March 15, 44 BC"),
        (DateValue(33, 4, 3, precision="day"), "April 3, 33 AD"),
        (DateValue(1770, precision="decade"), "the 1770s"),
        (DateValue(1800, precision="decade"), "1800–1809"),
        (DateValue(1700, precision="century"), "the 18th century"),
        (DateValue(1700, precision="century", hundreds=True), "the 1700s"),
        (DateValue(-500, precision="century"), "the 5th century BC"),
    ],
)
def test_rendering(value: DateValue, shown: str) -> None:
    assert render("date", value) == shown
    assert parse("date", shown) == value


@pytest.mark.parametrize(
    ("value", "n", "moved"),
    [
        (DateValue(1778), 3, DateValue(1781)),
        (DateValue(-2), 2, DateValue(1)),
        (DateValue(1), -1, DateValue(-1)),
        (DateValue(1969, 11, precision="month"), 3, DateValue(1970, 2, precision="month")),
        (DateValue(2018, 4, 13, precision="day"), 20, DateValue(2018, 5, 3, precision="day")),
        (DateValue(2018, 4, 13, precision="day"), -365, DateValue(2017, 4, 13, precision="day")),
        (DateValue(-44, 3, 15, precision="day"), 1, DateValue(-44, 3, 16, precision="day")),
        (DateValue(1770, precision="decade"), -2, DateValue(1750, precision="decade")),
        (DateValue(1700, precision="century"), 1, DateValue(1800, precision="century")),
        (DateValue(1, precision="century"), -1, DateValue(-100, precision="century")),
    ],
)
def test_shifting_keeps_the_precision(value: DateValue, n: int, moved: DateValue) -> None:
    assert value.shifted(n) == moved


def test_spans_and_centuries() -> None:
    assert DateValue(1770, precision="decade").span() == (1770, 1779)
    assert DateValue(-440, precision="decade").span() == (-449, -440)
    assert DateValue(1700, precision="century").span() == (1700, 1799)
    assert DateValue(-500, precision="century").span() == (-500, -401)
    assert DateValue(1778).century == 18
    assert DateValue(-44).century == -1
    assert DateValue(-500, precision="century").century == -5


def test_date_values_are_frozen_hashable_and_picklable() -> None:
    value = parse("date", "April 13, 2018")
    assert pickle.loads(pickle.dumps(value)) == value
    assert {value, parse("date", "2018-04-13")} == {value}
    with pytest.raises(AttributeError):
        value.year = 2019  # type: ignore[misc]


def test_strict_reading_refuses_two_digit_years() -> None:
    assert read("4/13/18", strict=True) is None
    assert read("4/13/18") == DateValue(2018, 4, 13, precision="day")
