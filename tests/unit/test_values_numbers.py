"""Reading, rendering and restyling numbers (quiz.values.numbers)."""

from __future__ import annotations

import pickle
from decimal import Decimal

import pytest

from quiz.values import Quantity, ValueParseError, parse, render
from quiz.values.numbers import read
from quiz.values.units import unit_key
from quiz.values.words import WordNumber, parse_words

B = Decimal(10) ** 9


@pytest.mark.parametrize(
    ("text", "amount", "currency", "unit", "percent"),
    [
        ("$19.3 billion", Decimal("19.3") * B, "$", None, False),
        ("19.3bn", Decimal("19.3") * B, None, None, False),
        ("19.3 B", Decimal("19.3") * B, None, None, False),
        ("US$19.3B", Decimal("19.3") * B, "$", None, False),
        ("19,300,000,000", Decimal("19.3") * B, None, None, False),
        ("19 300 000 000", Decimal("19.3") * B, None, None, False),
        ("19\u2009300\u2009000\u2009000", Decimal("19.3") * B, None, None, False),
        ("€5m", Decimal(5_000_000), "€", None, False),
        ("5 million euros", Decimal(5_000_000), "€", None, False),
        ("£3.2 mn", Decimal(3_200_000), "£", None, False),
        ("¥2 trillion", Decimal(2 * 10**12), "¥", None, False),
        ("CHF 3 million", Decimal(3_000_000), "CHF", None, False),
        ("677,500", Decimal(677_500), None, None, False),
        ("677.5k", Decimal(677_500), None, None, False),
        ("677.5 thousand", Decimal(677_500), None, None, False),
        ("677,500 troops", Decimal(677_500), None, "troops", False),
        ("2.5 million people", Decimal(2_500_000), None, "people", False),
        ("35%", Decimal(35), None, None, True),
        ("35 percent", Decimal(35), None, None, True),
        ("35 per cent", Decimal(35), None, None, True),
        ("12.5%", Decimal("12.5"), None, None, True),
        ("11th", Decimal(11), None, None, False),
        ("eleventh", Decimal(11), None, None, False),
        ("thirty-five", Decimal(35), None, None, False),
        ("two hundred twenty-five", Decimal(225), None, None, False),
        ("two hundred and twenty-five", Decimal(225), None, None, False),
        ("five million", Decimal(5_000_000), None, None, False),
        ("a million dollars", Decimal(1_000_000), "$", None, False),
        ("one thousand five hundred", Decimal(1500), None, None, False),
        ("twenty-first", Decimal(21), None, None, False),
        ("5 km", Decimal(5), None, "km", False),
        ("100 m", Decimal(100), None, "m", False),
        ("-5 °C", Decimal(-5), None, "°C", False),
        ("about 40 miles", Decimal(40), None, "miles", False),
        ("0.5", Decimal("0.5"), None, None, False),
        (".5", Decimal("0.5"), None, None, False),
    ],
)
def test_reading_numbers(text: str, amount: Decimal, currency: str | None, unit: str | None, percent: bool) -> None:
    value = parse("number", text)
    assert (value.amount, value.currency, value.unit, value.percent) == (amount, currency, unit, percent)


@pytest.mark.parametrize(
    "text", ["", "lots", "11th Airborne Division", "Apollo 11", "1,5", "five twenty", "$", "twenty thirty"]
)
def test_an_author_number_that_is_not_one_is_refused(text: str) -> None:
    with pytest.raises(ValueParseError, match="expected a number such as 677,500"):
        parse("number", text)


def test_a_decimal_comma_is_read_in_responses() -> None:
    assert read("19,3 billion") == parse("number", "19.3 billion")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("$19.3 billion", "$19.3 billion"),
        ("19.3bn", "19.3 billion"),
        ("$19,300,000,000", "$19,300,000,000"),
        ("677500", "677,500"),
        ("35 percent", "35%"),
        ("eleventh", "11th"),
        ("€5m", "€5 million"),
        ("CHF 3 million", "CHF 3 million"),
        ("2.50 million people", "2.50 million people"),
        ("-5 km", "-5 km"),
        ("-$4 billion", "-$4 billion"),
    ],
)
def test_rendering(text: str, shown: str) -> None:
    value = parse("number", text)
    assert render("number", value) == shown
    assert parse("number", shown) == value


def test_equality_ignores_how_the_number_is_written() -> None:
    assert parse("number", "$19.3 billion") == parse("number", "$19,300,000,000")
    assert parse("number", "11th") == parse("number", "11")
    assert parse("number", "35%") != parse("number", "35")
    assert parse("number", "$5") != parse("number", "€5")


def test_another_amount_in_the_same_style() -> None:
    value = parse("number", "$19.3 billion")
    assert value.mantissa == Decimal("19.3")
    assert value.factor == B
    assert value.with_mantissa(17.8).render() == "$17.8 billion"
    assert value.with_mantissa(17.84).render() == "$17.8 billion"
    assert value.with_amount(Decimal("21.25") * B).render() == "$21.3 billion"
    assert parse("number", "11th").with_mantissa(3).render() == "3rd"
    assert parse("number", "35%").with_amount(40).render() == "40%"


@pytest.mark.parametrize(
    ("unit", "key"),
    [("km", "km"), ("kilometres", "km"), ("Miles", "mi"), ("troops", None), (None, None), ("°C", "°c")],
)
def test_unit_keys(unit: str | None, key: str | None) -> None:
    assert unit_key(unit) == key


def test_quantities_are_frozen_hashable_and_picklable() -> None:
    value = parse("number", "$19.3 billion")
    assert pickle.loads(pickle.dumps(value)) == value
    assert hash(value) == hash(parse("number", "19,300,000,000 dollars"))
    assert isinstance(value, Quantity)


@pytest.mark.parametrize(
    ("text", "value", "is_ordinal", "scale"),
    [
        ("thirty-five", 35, False, None),
        ("two hundred twenty-five", 225, False, None),
        ("two hundred and twenty-five", 225, False, None),
        ("a hundred", 100, False, None),
        ("nineteen hundred", 1900, False, None),
        ("five million", 5_000_000, False, "million"),
        ("three hundred thousand", 300_000, False, "thousand"),
        ("two million five hundred thousand", 2_500_000, False, None),
        ("one thousand five hundred", 1500, False, None),
        ("eleventh", 11, True, None),
        ("twenty-first", 21, True, None),
        ("one hundredth", 100, True, None),
        ("zero", 0, False, None),
    ],
)
def test_number_words(text: str, value: int, is_ordinal: bool, scale: str | None) -> None:
    assert parse_words(text) == WordNumber(value, is_ordinal, scale)


@pytest.mark.parametrize("text", ["", "and", "hundred", "five twenty", "twenty thirty", "first second", "a", "lots"])
def test_not_number_words(text: str) -> None:
    assert parse_words(text) is None
