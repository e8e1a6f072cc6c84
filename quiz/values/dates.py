"""Dates at the precision a fact gives: a year, a month, a day, a decade or a century.

Every common English written form is read (case and extra spaces never matter)::

    1778  ·  in 1778  ·  around 1778  ·  c. 1778  ·  44 BC  ·  AD 79  ·  79 CE  ·  500 BCE
    July 1969  ·  Jul. 1969  ·  1969-07
    April 13, 2018  ·  Apr 13 2018  ·  April 13th, 2018  ·  Friday, April 13, 2018
    13 April 2018  ·  13th of April, 2018  ·  the thirteenth of April 2018
    2018-04-13  ·  2018/04/13  ·  4/13/2018  ·  4-13-2018  ·  13-Apr-2018
    the 1770s  ·  1770s  ·  the '70s  ·  1800–1809 (a decade)  ·  the 440s BC
    the 18th century  ·  eighteenth century  ·  the 1700s  ·  the 5th century BC

Numeric dates are read month first (``4/5/2018`` is April 5), because the decks are
U.S.-centred; a first number above 12 can only be a day, so ``13/4/2018`` is April 13.
"The 1700s" (a round hundred before 2000) is a century, so a decade that starts at a round
hundred is written as a range ("1800–1809"); "the 2000s" is a decade. A two-digit decade
is in the 1900s ("the '70s") unless it carries an era ("the 10s AD").

Years are historical: 44 BC is ``year=-44`` and there is no year 0.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal

from quiz.frozen import Frozen, Record, replace
from quiz.patterns import LazyPattern
from quiz.values.common import Judgement, ValueParseError, clean, ordinal, quote

Precision = Literal["year", "month", "day", "decade", "century"]

MONTHS = (
    "January February March April May June July August September October November December"
).split()

EXPECTED = "expected a date such as 1778, July 1969, April 13, 2018, 2018-04-13, the 1770s or 44 BC"


class DateValue(Frozen, fields=("year", "month", "day", "precision", "era", "hundreds"),
                compared=("year", "month", "day", "precision")):
    """A date known to some precision.

    Attributes:
        year: The historical year, negative for BC (44 BC is -44); for a decade its first
            year (1770 for the 1770s, -440 for the 440s BC, covering 449-440 BC); for a
            century the first year as commonly counted (1700 for the 18th century, 1 for
            the 1st century AD, -500 for the 5th century BC).
        month: 1-12 at month or day precision, else None.
        day: The day of the month at day precision, else None.
        precision: How much of the date is known.
        era: Whether "AD"/"CE" was written for a positive year (rendering only).
        hundreds: Whether a century was written "the 1700s" (rendering only).
    """

    year: int
    month: int | None
    day: int | None
    precision: Precision
    era: bool
    hundreds: bool

    def __init__(self, year: int, month: int | None = None, day: int | None = None,
                 precision: Precision = "year", era: bool = False, hundreds: bool = False) -> None:
        # Each field written once into the instance (cheaper than object.__setattr__ for each);
        # ``era`` and ``hundreds`` only change the rendering, so equality leaves them out.
        fields = self.__dict__
        fields["year"], fields["month"], fields["day"] = year, month, day
        fields["precision"], fields["era"], fields["hundreds"] = precision, era, hundreds

    @property
    def century(self) -> int:
        """The ordinal century, negative for BC: 18 for 1778, -1 for 44 BC."""
        if self.precision == "century":
            # Stored as the first year commonly counted: 1700 is the 18th, -500 the 5th BC.
            return self.year // 100 + 1 if self.year > 0 else self.year // 100
        if self.year > 0:
            return (self.year - 1) // 100 + 1
        return -((-self.year - 1) // 100 + 1)

    def span(self) -> tuple[int, int]:
        """The first and last historical years the value covers (first <= last)."""
        y = self.year
        if self.precision == "decade":
            return (y, y + 9) if y > 0 else (y - 9, y)
        if self.precision == "century":
            return (y, (y // 100) * 100 + 99) if y > 0 else (y, y + 99)
        return (y, y)

    def covers(self, year: int) -> bool:
        """Whether ``year`` falls inside this value's span."""
        first, last = self.span()
        return first <= year <= last

    def shifted(self, n: int) -> DateValue:
        """The value ``n`` units later (earlier when negative) at the same precision.

        A year moves by years, a month by months, a day by days, a decade by ten years and a
        century by a hundred; the rendering style is kept. Year 0 is skipped.
        """
        if n == 0:
            return self
        if self.precision == "year":
            return replace(self, year=_from_astro(_astro(self.year) + n))
        if self.precision == "month":
            index = _astro(self.year) * 12 + (self.month or 1) - 1 + n
            return replace(self, year=_from_astro(index // 12), month=index % 12 + 1)
        if self.precision == "day":
            return _add_days(self, n)
        if self.precision == "decade":
            year = self.year + 10 * n
            if (year > 0) != (self.year > 0) or year == 0:
                year += -10 if n < 0 else 10  # no "0s": skip from the 10s to the 0s BC
            return replace(self, year=year)
        number = self.century + n
        if (number > 0) != (self.century > 0) or number == 0:
            number += -1 if n < 0 else 1
        return replace(self, year=_century_start(number))

    def render(self) -> str:
        """The canonical English form: 1778, July 1969, April 13, 2018, the 1770s, 44 BC."""
        bc = " BC" if self.year < 0 else ""
        year = abs(self.year)
        if self.precision == "decade":
            if year % 100 == 0 and year < 2000:
                # "the 1800s" would read as a century: write the decade as a range.
                return f"{year + 9}–{year}{bc}" if bc else f"{year}–{year + 9}"
            return f"the {year}s{bc}" if year >= 100 or bc else f"the {year}s AD"
        if self.precision == "century":
            if self.hundreds and 100 <= self.year < 2000:
                return f"the {year}s"
            ad = " AD" if self.era and not bc else ""
            return f"the {ordinal(abs(self.century))} century{bc}{ad}"
        # A short AD year after a month needs its era, or "January 1" reads as a day.
        ad = not bc and (self.era or (year < 100 and self.precision != "year"))
        if self.precision == "month":
            return f"{MONTHS[(self.month or 1) - 1]} {year}{bc}{' AD' if ad else ''}"
        if self.precision == "day":
            return f"{MONTHS[(self.month or 1) - 1]} {self.day}, {year}{bc}{' AD' if ad else ''}"
        return f"AD {year}" if ad else f"{year}{bc}"

    def __str__(self) -> str:
        return self.render()


def day_bounds(value: DateValue) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """The first and last day a date covers, as (year, month, day), so dates of any
    precision can be compared (a month ends on "day 31" whatever its length)."""
    if value.precision == "day":
        day = (value.year, value.month or 1, value.day or 1)
        return day, day
    if value.precision == "month":
        return (value.year, value.month or 1, 1), (value.year, value.month or 1, 31)
    first, last = value.span()
    return (first, 1, 1), (last, 12, 31)


class PartialDate(Record):
    """A day and month written without a year ("April 13"), read only from responses."""

    month: int
    day: int


# --- reading -------------------------------------------------------------------------

_MONTH = (
    r"(?P<{}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<{}>\d{{1,2}})(?:st|nd|rd|th)?"
_M, _D = _MONTH.format("m"), _DAY.format("d")
_Y = r"(?P<y>\d{1,4})"

_FORMS: tuple[tuple[Precision, LazyPattern], ...] = tuple(
    (p, LazyPattern(rx))
    for p, rx in (
        ("day", rf"{_M}[ -]?{_D}[ -]{_Y}"),
        ("day", rf"(?:the )?{_D}[ -](?:of )?{_M}[ -]{_Y}"),
        ("day", r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"),
        ("day", r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"),
        ("month", rf"{_M}[ -](?:of )?(?P<y>\d{{3,4}})"),
        ("month", r"(?P<y>\d{4})-(?P<m>\d{1,2})"),
        ("month", r"(?P<m>\d{1,2})[/.-](?P<y>\d{4})"),
        ("year", rf"(?:the )?(?:year )?{_Y}"),
        ("decade", r"(?:the )?'?(?P<y>\d{0,3}0)'?s"),
        ("century", r"(?:the )?(?P<c>\d{1,2})(?:st|nd|rd|th)?[ -](?:century|c\.?|cent\.?)"),
        ("decade", r"(?P<y>\d{1,4}) ?[-–] ?(?P<y2>\d{1,4})"),
    )
)
_MONTH_YEAR_ERA = LazyPattern(rf"{_M} (?:of )?{_Y}")
"""A month and a short year, read only with an era marker ("March 44 BC")."""
_PARTIAL = (
    LazyPattern(rf"{_M} ?{_D}"),
    LazyPattern(rf"(?:the )?{_D} (?:of )?{_M}"),
)

_LEADING = LazyPattern(
    r"^(?:(?:in|on|around|about|circa|ca|c|approximately|approx|roughly|by|during|"
    r"sometime in|some time in|since|from)\b\.? ?)+"
)
_WEEKDAY = LazyPattern(
    r"^(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.? "
)
_LEADING_FIRST, _WEEKDAY_FIRST = frozenset("iocarbdsf"), frozenset("mtwfs")  # their first letters
_ERA_END = LazyPattern(r"(?:(?<=[\d\s])|(?<=\ds)|(?<=century))\s*(?P<era>b\.? ?c\.?(?: ?e\.?)?|c\.? ?e\.?|a\.? ?d\.?)$")
_ERA_START = LazyPattern(r"^(?P<era>a\.? ?d\.?) (?=\d)")

_ORDINAL_WORDS: dict[str, int] = {}
for _i, _w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split(),
    start=1,
):
    _ORDINAL_WORDS[_w] = _i
    for _tens, _base in (("twenty", 20), ("thirty", 30)):
        if _i < 10 and _base + _i <= 31:
            _ORDINAL_WORDS[f"{_tens}-{_w}"] = _base + _i
            _ORDINAL_WORDS[f"{_tens} {_w}"] = _base + _i
_ORDINAL_WORDS.update({"twentieth": 20, "thirtieth": 30})
_ORDINAL_WORD_RE = LazyPattern(
    r"\b(" + "|".join(sorted(map(re.escape, _ORDINAL_WORDS), key=len, reverse=True)) + r")\b"
)


_SHORT_YEAR = LazyPattern(r"(?<![\w'])'(\d{2})(?![\d']|s\b)")
"""A year cut to two digits after an apostrophe ("Jul '69"), not a decade ("the '70s")."""


def _prepare(text: str, strict: bool = False) -> tuple[str, bool, bool]:
    """Lower-case, read numerals and year words, drop leading words, take off the era.

    Returns:
        The core text, whether it was marked BC/BCE, and whether AD/CE was written.
    """
    if not strict:  # an author writes digits: "XIII" or "thirty-five" in a deck is no date
        from quiz.values.numerals import romans_to_digits, years_to_digits
        text = romans_to_digits(text)
    # Runs of spaces and commas made one space (str.split() knows the whitespace \s does).
    text = " ".join(text.casefold().replace("’", "'").replace(",", " ").split()).strip(" .")
    if not strict:
        text = years_to_digits(text)
        if "'" in text:
            text = _SHORT_YEAR.sub(lambda m: str(_century_guess(int(m[1]))), text)
    if text[:1] in _LEADING_FIRST:
        text = _LEADING.sub("", text)
    if text[:1] in _WEEKDAY_FIRST:
        text = _WEEKDAY.sub("", text)
    bc = ad = False  # an era marker ends in c, e, d or a dot; one in front starts with "a"
    match = _ERA_END.search(text) if text.endswith(("c", "e", "d", ".")) else None
    if match is None and text.startswith("a"):
        match = _ERA_START.search(text)
    if match is not None:
        bc = match["era"].startswith("b")  # (the marker's first letter says which era)
        ad = not bc
        text = (text[: match.start()] + text[match.end() :]).strip(" .")
    if "th" in text or "st" in text or "nd" in text or "rd" in text:
        text = _ORDINAL_WORD_RE.sub(lambda m: ordinal(_ORDINAL_WORDS[m[1]]), text)
    return text, bc, ad


_MONTH_INDEX = {m[:3].casefold(): i for i, m in enumerate(MONTHS)}  # 0-11 by a month's first 3 letters


def _century_guess(year: int) -> int:
    """A year written with two digits ("'69", "4/13/18"): a recent year is likelier."""
    return year + (2000 if year <= 30 else 1900)


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in(year: int, month: int) -> int:
    """Days in a month; proleptic Gregorian, with BC years counted astronomically."""
    return 29 if month == 2 and _is_leap(_astro(year)) else _MONTH_DAYS[month - 1]


def _is_leap(year: int) -> bool:
    """Gregorian leap years (`calendar.isleap`'s rule, without importing calendar and locale)."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def read(text: str, *, strict: bool = False) -> DateValue | PartialDate | None:
    """Read a date written in any common English form.

    Args:
        text: The text to read.
        strict: True for an author's answer: a two-digit year, a day and month without a
            year, or a year 0 are refused rather than guessed.

    Returns:
        The date, a `PartialDate` for a day and month without a year (responses only), or
        None when the text is not a date.
    """
    core, bc, ad = _prepare(text, strict)
    if not core:
        return None
    for precision, pattern in _FORMS:
        match = pattern.fullmatch(core)
        if match is not None:
            return _build(precision, match, bc=bc, ad=ad, strict=strict)
    if bc or ad:
        match = _MONTH_YEAR_ERA.fullmatch(core)
        if match is not None:
            return _build("month", match, bc=bc, ad=ad, strict=strict)
    elif not strict:
        for pattern in _PARTIAL:
            match = pattern.fullmatch(core)
            if match is not None:
                month, day = _MONTH_INDEX[match["m"][:3]] + 1, int(match["d"])
                return PartialDate(month, day) if 1 <= day <= 31 else None
    return None


def _build(
    precision: Precision, match: re.Match[str], *, bc: bool, ad: bool, strict: bool
) -> DateValue | None:
    """Turn a matched form into a checked `DateValue` (None when it names no real date)."""
    groups = match.groupdict()
    sign = -1 if bc else 1
    if precision == "century":
        number = int(groups["c"])
        if number == 0:
            return None
        return DateValue(_century_start(sign * number), precision="century", era=ad)
    raw_year = groups["y"]
    year = int(raw_year)
    if groups.get("y2") is not None:
        # A range is a decade when it spans one: "1800–1809", "509–500 BC".
        first, last = (year, int(groups["y2"])) if not bc else (int(groups["y2"]), year)
        if first % 10 or last != first + 9 or first == 0:
            return None
        return DateValue(sign * first, precision="decade", era=ad)
    if precision == "decade":
        if year % 100 == 0 and 0 < year < 2000:
            return DateValue(_century_start(sign * (year // 100 + 1)), precision="century", hundreds=True)
        if year == 0:
            return None
        if len(raw_year) == 2 and not (bc or ad):
            year += 1900  # "the '70s" means the 1970s
        return DateValue(sign * year, precision="decade", era=ad)
    if len(raw_year) == 2 and "a" in groups:
        if strict:
            return None
        year = _century_guess(year)
    if year == 0:
        return None
    year *= sign
    if precision == "year":
        return DateValue(year, None, None, "year", ad)
    if "a" in groups and groups["a"] is not None:
        first, second = int(groups["a"]), int(groups["b"])
        month, day = (second, first) if first > 12 else (first, second)
    else:
        m = groups["m"]
        month = int(m) if m.isdigit() else _MONTH_INDEX[m[:3]] + 1
        day = int(groups["d"]) if groups.get("d") else None
    if not 1 <= month <= 12:
        return None
    if precision == "month":
        return DateValue(year, month, None, "month", ad)
    if day is None or day < 1 or (day > 28 and day > _days_in(year, month)):
        return None
    return DateValue(year, month, day, "day", ad)


_NUMERIC_DATE = LazyPattern(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}")
_YEARISH = LazyPattern(r"(?<![\d.,/–-])\d{1,4}(?![\d.,/–-]|(?:st|nd|rd|th|s)\b)")


def read_response(text: str) -> DateValue | PartialDate | None:
    """Read a learner's date, also from a sentence that holds exactly one year.

    "It was signed in 1778." reads as 1778; "1778 or 1779" reads as nothing.
    """
    value = read(text)
    if value is not None:
        return value
    core, bc, _ad = _prepare(clean(text))
    for _precision, pattern in _FORMS[:5] + _FORMS[7:]:
        found = list(pattern.finditer(core))
        if len(found) == 1:
            return read(found[0][0] + (" bc" if bc else ""))
    years = _YEARISH.findall(core)
    if len(years) == 1:
        return read(years[0] + (" bc" if bc else ""))
    return None


def parse(text: str) -> DateValue:
    """Parse an author's date, or raise `ValueParseError` saying what was expected."""
    value = read(text, strict=True)
    if isinstance(value, DateValue):
        return value
    lenient = read(text)
    if isinstance(lenient, PartialDate):
        raise ValueParseError(f"{EXPECTED}; add the year")
    if isinstance(lenient, DateValue):
        raise ValueParseError(f"{EXPECTED}; write the year in full, as in {lenient.render()}")
    raise ValueParseError(EXPECTED)


# --- arithmetic --------------------------------------------------------------------


def _astro(year: int) -> int:
    """Historical year to astronomical (1 BC is 0, 2 BC is -1)."""
    return year if year > 0 else year + 1


def _from_astro(year: int) -> int:
    """Astronomical year to historical."""
    return year if year > 0 else year - 1


def _century_start(number: int) -> int:
    """The first year, as commonly counted, of century ``number`` (negative for BC)."""
    if number > 0:
        return max(1, (number - 1) * 100)
    return number * 100


def _add_days(value: DateValue, n: int) -> DateValue:
    """Move a full date by ``n`` days, shifting by 400-year cycles to stay in `date`'s range."""
    astro = _astro(value.year)
    # The calendar repeats every 400 years: compute in 2000-2399, then move back.
    cycles = (astro - 2000) // 400
    moved = date(astro - 400 * cycles, value.month or 1, value.day or 1) + timedelta(days=n)
    return replace(
        value,
        year=_from_astro(moved.year + 400 * cycles),
        month=moved.month,
        day=moved.day,
    )


# --- comparing ---------------------------------------------------------------------


def judge(expected: DateValue, response: str, shown: str) -> Judgement:
    """Compare a learner's response with the expected date.

    Rules (a fair teacher's): any written form of the same date is correct, and so is a
    more precise date inside the answer (the full date for a year, a year for a decade).
    At day precision, the right month and year with a wrong or missing day is close, and so
    is the right year alone; at month precision the right year is close. The decade is
    close for a year. Any other year is wrong.

    Args:
        expected: The answer.
        response: What the learner typed.
        shown: The answer as the author wrote it, for the feedback.
    """
    got = read_response(response)
    you = quote(response)
    if got is None:
        return Judgement("wrong", f"You wrote {you}, which is not a date I can read; the answer is {shown}.")
    if isinstance(got, PartialDate):
        if expected.precision == "day" and (got.month, got.day) == (expected.month, expected.day):
            return Judgement("close", f"Close: you wrote {you}; give the year too: {shown}.")
        return Judgement("wrong", f"You wrote {you}; the answer is {shown}.")
    rendered = got.render()
    if you != rendered:
        you = f"{you} ({rendered})"
    if expected.precision in ("decade", "century"):
        lo, hi = got.span()
        if expected.covers(lo) and expected.covers(hi):
            return Judgement("correct", f"Correct: {shown}.")
        if got.precision in ("decade", "century") and got.covers(expected.span()[0]):
            return Judgement("close", f"Close: you wrote {you}; the answer is narrower: {shown}.")
        return Judgement("wrong", f"You wrote {you}; the answer is {shown}.")
    if got.precision in ("decade", "century"):
        if got.precision == "decade" and got.covers(expected.year):
            return Judgement("close", f"Close: you wrote {you}, the right decade; the answer is {shown}.")
        return Judgement("wrong", f"You wrote {you}; the answer is {shown}.")
    if got.year != expected.year:
        if got.year == -expected.year:
            era = "BC" if expected.year < 0 else "AD"
            return Judgement("close", f"Close: you wrote {you}; the year is {era}: {shown}.")
        if (
            expected.precision == "day"
            and (got.month, got.day) == (expected.month, expected.day)
        ):
            return Judgement("wrong", f"You wrote {you}: right day and month, but the answer is {shown}.")
        return Judgement("wrong", f"You wrote {you}; the answer is {shown}.")
    if expected.precision == "year":
        return Judgement("correct", f"Correct: {shown}.")
    if got.precision == "year":
        return Judgement("close", f"Close: you wrote {you}, the right year; the full answer is {shown}.")
    if got.month != expected.month:
        if (got.month, got.day) == (expected.day, expected.month) and _NUMERIC_DATE.search(response):
            return Judgement(
                "close",
                f"Close: you wrote {you}; numeric dates are read month first; the answer is {shown}.",
            )
        return Judgement("close", f"Close: you wrote {you}, the right year but not the month: {shown}.")
    if expected.precision == "month":
        return Judgement("correct", f"Correct: {shown}.")
    if got.precision == "month":
        return Judgement("close", f"Close: you wrote {you}, the right month; the full date is {shown}.")
    if got.day != expected.day:
        return Judgement("close", f"Close: you wrote {you}, the right month but not the day: {shown}.")
    return Judgement("correct", f"Correct: {shown}.")
