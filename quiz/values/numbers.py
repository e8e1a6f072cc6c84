"""Numbers with their currency, unit, scale, percent sign or ordinal ending.

Read forms (all the same value where they say the same thing)::

    $19.3 billion  ·  19.3bn  ·  $19.3B  ·  19.3 B  ·  19,300,000,000  ·  19 300 000 000
    US$19.3 billion  ·  19.3 billion dollars  ·  USD 19.3 bn  ·  €5m  ·  5 million euros
    35%  ·  35 percent  ·  35 per cent  ·  677,500  ·  677.5 thousand  ·  677.5k
    11th  ·  eleventh  ·  thirty-five  ·  two hundred and twenty-five  ·  five million people
    about 40 km  ·  −5 °C  ·  1,5 (a decimal comma when not followed by three digits)

Scale words and suffixes: thousand/k, million/m/mn/M, billion/bn/b/B, trillion/tn/T. A
lower-case ``m`` is "million" only when it touches the digits or follows a currency
(``5m``, ``$5 m``); ``100 m`` is a hundred metres, and a lower-case ``t`` is tonnes.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from quiz.facts import Tolerance
from quiz.frozen import Frozen, Record, replace
from quiz.patterns import LazyPattern
from quiz.values.common import Judgement, ValueParseError, ordinal, quote, spaces

EXPECTED = "expected a number such as 677,500, $19.3 billion, 35%, 11th or 5 km"

SCALES: dict[str, int] = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12}
"""Scale words and their powers of ten."""
_FACTORS: dict[str, Decimal] = {word: Decimal(10) ** power for word, power in SCALES.items()}
_ONE = Decimal(1)


class Quantity(Frozen, fields=("amount", "currency", "unit", "percent", "scale", "decimals",
                              "ordinal"), compared=("amount", "currency", "unit", "percent")):
    """A number as a fact states it.

    Equality ignores how the number was written (scale word, decimals shown, ordinal
    ending): ``$19.3 billion`` equals ``$19,300,000,000``.

    Attributes:
        amount: The whole value in plain units: 19300000000 for "$19.3 billion", 35 for
            "35%", 11 for "11th".
        currency: "$", "€", "£", "¥", "C$", "A$", "CN¥", "₹" or an upper-case ISO code, or None.
        unit: What is counted or measured, as written after the number ("km", "troops"),
            or None.
        percent: Whether the number is a percentage.
        scale: "thousand", "million", "billion" or "trillion" when written with one.
        decimals: How many decimals the shown number has ("19.3" has 1).
        ordinal: Whether written as an ordinal ("11th", "eleventh").
    """

    amount: Decimal
    currency: str | None
    unit: str | None
    percent: bool
    scale: str | None
    decimals: int
    ordinal: bool

    def __init__(self, amount: Decimal, currency: str | None = None, unit: str | None = None,
                 percent: bool = False, scale: str | None = None, decimals: int = 0,
                 ordinal: bool = False) -> None:
        # The fields above, written once straight into the instance (object.__setattr__ for
        # each, as a frozen dataclass does, is a large share of reading a response).
        fields = self.__dict__
        fields["amount"], fields["currency"], fields["unit"] = amount, currency, unit
        fields["percent"], fields["scale"], fields["decimals"], fields["ordinal"] = (
            percent, scale, decimals, ordinal)

    @property
    def factor(self) -> Decimal:
        """What the shown number is multiplied by: 10**9 for billions, 1 with no scale."""
        return _FACTORS[self.scale] if self.scale else _ONE

    @property
    def mantissa(self) -> Decimal:
        """The number as shown before the scale word: 19.3 for "$19.3 billion"."""
        return self.amount / self.factor

    @property
    def unit_key(self) -> str | None:
        """The unit's canonical key when it is a known measure ("km" for "kilometres")."""
        from quiz.values.units import unit_key
        return unit_key(self.unit)

    def with_mantissa(self, mantissa: Decimal | float | int) -> Quantity:
        """The same style of number with another shown value: 17.8 -> "$17.8 billion".

        The new value is rounded to the decimals shown, so it renders like the original.
        """
        shown = _to_decimal(mantissa).quantize(Decimal(1).scaleb(-self.decimals), ROUND_HALF_UP)
        return replace(self, amount=shown * self.factor)

    def with_amount(self, amount: Decimal | float | int) -> Quantity:
        """The same style of number for another whole value (19.3e9 -> "$19.3 billion")."""
        return self.with_mantissa(_to_decimal(amount) / self.factor)

    def render(self) -> str:
        """The canonical form: "$19.3 billion", "677,500", "35%", "11th", "5 km"."""
        mantissa = self.mantissa
        if self.ordinal and mantissa == mantissa.to_integral_value():
            number = ordinal(int(mantissa))
        else:
            number = f"{abs(mantissa):,.{self.decimals}f}"
            if self.amount < 0:
                number = "-" + number
        if self.scale:
            number += " " + self.scale
        if self.percent:
            number += "%"
        if self.currency:
            sign = "-" if number.startswith("-") else ""
            body = number.lstrip("-")
            number = f"{sign}{self.currency}{body}" if not self.currency.isalpha() else f"{sign}{self.currency} {body}"
        if self.unit:
            number += " " + self.unit
        return number

    def __str__(self) -> str:
        return self.render()


def _to_decimal(value: Decimal | float | int | str) -> Decimal:
    """A Decimal from any number, going through str for floats so 0.1 stays 0.1."""
    if isinstance(value, Decimal):
        return value
    return Decimal(str(value))


# --- units and currencies ---------------------------------------------------------

_CURRENCY_WORDS: dict[str, str] = {
    "$": "$", "us$": "$", "usd": "$", "dollar": "$", "dollars": "$", "us dollars": "$",
    "u.s. dollars": "$", "c$": "C$", "ca$": "C$", "cad": "C$", "canadian dollars": "C$",
    "a$": "A$", "au$": "A$", "aud": "A$", "australian dollars": "A$",
    "€": "€", "eur": "€", "euro": "€", "euros": "€",
    "£": "£", "gbp": "£", "sterling": "£", "pounds sterling": "£",
    "¥": "¥", "jpy": "¥", "yen": "¥", "cn¥": "CN¥", "cny": "CN¥", "yuan": "CN¥", "rmb": "CN¥",
    "₹": "₹", "inr": "₹", "rupees": "₹", "chf": "CHF", "swiss francs": "CHF",
}

# --- reading ----------------------------------------------------------------------

_CURRENCY_PREFIX = r"(?P<cur>us\$|c\$|ca\$|a\$|au\$|cn¥|[$€£¥₹]|(?:usd|eur|gbp|jpy|cad|aud|cny|inr|chf)(?= ?[\d.]))"
_NUMBER = (
    r"(?P<num>\d{1,3}(?P<sep>[, ])\d{3}(?:(?P=sep)\d{3})*(?!\d)(?:\.\d+)?"
    r"|\d+,(?:\d{1,2}|\d{4,})(?!\d)|\d+(?:\.\d*)?|\.\d+)"
)
"""Thousands separated by commas or spaces (any Unicode space is made a plain one first);
a comma that cannot separate thousands ("19,3", "3,1416") is a decimal comma."""
_SCALE = (
    r"(?P<scale>thousand|million|billion|trillion|mn|mln|mil|mill|mio|bn|bln|bil|tn|k|m|b|t)"
    r"(?![a-z²³])"
)
_NUMERIC = LazyPattern(
    rf"(?P<neg>[-−–] ?)?{_CURRENCY_PREFIX}? ?(?P<neg2>[-−–])?{_NUMBER}(?P<ord>st|nd|rd|th)?"
    rf"(?P<gap> ?)(?:{_SCALE})?(?: ?(?P<pct>%|percent|per cent|pct)(?![a-z]))?"
    r"(?: ?(?P<rest>.*))?",
    re.IGNORECASE,
)
_LEADING = LazyPattern(
    r"^(?:(?:about|around|approximately|approx\.?|roughly|nearly|almost|over|under|some|"
    r"just over|just under|more than|less than|fewer than|circa|c\.|ca\.|the|~|≈|±) ?)+",
    re.IGNORECASE,
)
_LEADING_FIRST = frozenset("arnousjmlfct~≈±")
"""The first characters of `_LEADING`'s words, case folded (a cheap first look)."""
_TRAILING = LazyPattern(r"(?:,? (?:or so|or thereabouts|more or less|approx\.?|roughly|give or take))+$",
                       re.IGNORECASE)
_TRAILING_ENDS = ("so", "thereabouts", "less", "approx", "roughly", "take")
"""How every `_TRAILING` ends once a final dot is gone (a cheap first look, case folded)."""
_NO_LETTERS: dict[str, str] = {}
_SCALE_ALIASES = {
    "k": "thousand", "m": "million", "mn": "million", "mln": "million", "mil": "million",
    "mill": "million", "mio": "million", "b": "billion", "bn": "billion", "bln": "billion",
    "bil": "billion", "t": "trillion", "tn": "trillion",
}
_ROMAN_ORDINAL = LazyPattern(r"(?P<n>[MDCLXVI]+|[mdclxvi]+(?=st|nd|rd|th))(?P<ord>st|nd|rd|th)?")
_PERCENT_WORDS = LazyPattern(r"^(?P<rest>.*?) ?(?:%|percent|per cent|pct)$")
_UNIT_TEXT = LazyPattern(r"[a-zA-Z°µ²³/.' -]{1,40}")
_WORD_SPLIT = LazyPattern(r"[\s-]+")
_DIGIT_WORDS = {w: str(i) for i, w in enumerate("zero one two three four five six seven eight nine".split())}
_DIGIT_WORDS["oh"] = "0"


class _Reading(Record):
    quantity: Quantity
    bare: bool
    """True when written without a scale, currency or unit: "19.3" (a scale may be implied)."""


def _currency_and_unit(rest: str) -> tuple[str | None, str | None]:
    """Split the words after a number into a currency (from "dollars") and a unit."""
    rest = rest.strip(" .")
    if not rest:
        return None, None
    folded = rest.casefold()
    if folded in _CURRENCY_WORDS:
        return _CURRENCY_WORDS[folded], None
    if " " in folded and (match := _CURRENCY_HEAD.match(folded)) is not None:
        words = match[1]
        return _CURRENCY_WORDS[words], rest[len(words) + 1 :].strip() or None
    return None, rest


_CURRENCY_HEAD = LazyPattern(
    "(" + "|".join(re.escape(w) for w in sorted(_CURRENCY_WORDS, key=len, reverse=True) if len(w) > 2) + ") "
)
"""A currency word before more words: "dollars in aid"."""


def read(text: str, *, strict: bool = False, measure: str | None = None) -> Quantity | None:
    """Read a number, with its currency, unit, scale, percent and ordinal.

    Args:
        text: The text to read.
        strict: True for an author's answer: what follows the number must be a currency,
            a known unit, or at most four lower-case words ("troops", "square miles"), so
            "11th Airborne Division" is not a number.
        measure: The dimension the answer measures ("length"): a unit letter glued to the
            digits is then read as that unit ("330m" is 330 metres, not 330 million);
            "count" for an answer without a unit of measure, where "330 m" is millions.

    Returns:
        The quantity, or None when the text does not start with a number.
    """
    reading = _read(text, strict=strict, measure=measure)
    return reading.quantity if reading else None


def _read(text: str, *, strict: bool, measure: str | None = None) -> _Reading | None:
    """`read`, also telling whether the number was written bare (for an implied scale)."""
    text = spaces(text).strip().rstrip(".!?+")
    if text[-11:].casefold().endswith(_TRAILING_ENDS) or text.endswith("\n"):  # ($ before a last \n)
        text = _TRAILING.sub("", text)
    if text[:1].casefold() in _LEADING_FIRST:
        text = _LEADING.sub("", text)
    text = text.strip()
    if not text:
        return None
    match = _NUMERIC.fullmatch(text)
    if match is None:  # (every form of `_NUMBER` holds a digit)
        if not strict and (numeral := _ROMAN_ORDINAL.fullmatch(text)) is not None:
            from quiz.values.numerals import roman
            value = roman(numeral["n"])  # "XIII" for 13th; an author writes digits
            if value is not None:
                quantity = Quantity(Decimal(value), ordinal=True)
                return _Reading(quantity, bare=True)
        return _read_words(text, strict=strict)
    neg, cur, neg2, raw, sep, ordinal_end, gap, scale_token, pct, after = match.group(
        "neg", "cur", "neg2", "num", "sep", "ord", "gap", "scale", "pct", "rest")
    if sep:
        raw = raw.replace(sep, "")
    decimal_comma = "," in raw
    raw = raw.replace(",", ".")
    try:
        mantissa = Decimal(raw)
    except InvalidOperation:
        return None
    decimals = len(raw.partition(".")[2]) if "." in raw else 0
    if neg or neg2:
        mantissa = -mantissa
    currency = _CURRENCY_WORDS.get(cur.casefold()) if cur else None
    rest = (after or "").strip(" .")
    if strict and after and not (after[0].isalnum() or after[0] in "°µ"):
        return None  # "5.k", "3, 4": punctuation after the number is not a unit
    # Lower-case single letters are scales only as the module docstring says: "100 m" is
    # metres and "5 t" tonnes, but "5m" and "$5 m" are millions.
    from quiz.values.units import LETTERS  # (units, numerals, number words: loaded when used)
    glued_unit = scale_token in LETTERS.get(measure, _NO_LETTERS) and not currency
    spaced_metres = scale_token == "m" and gap and not currency and measure != "count"
    if scale_token == "t" or spaced_metres or glued_unit:
        rest, scale_token = f"{scale_token} {rest}".strip(), None
    scale = _SCALE_ALIASES.get(scale_token.casefold(), scale_token.casefold()) if scale_token else None
    percent = bool(pct)
    if rest and not percent and rest.endswith(("%", "percent", "per cent", "pct")):
        words = _PERCENT_WORDS.fullmatch(rest)
        if words is not None and not words["rest"]:
            percent, rest = True, ""
    word_currency, unit = _currency_and_unit(rest)
    if word_currency and currency and word_currency != currency:
        return None
    currency = currency or word_currency
    if strict and unit is not None and not _fair_unit(unit):
        return None
    if strict and decimal_comma:
        return None  # an author writes 1.5; "1,5" in a deck is more likely a typo
    factor = _FACTORS[scale] if scale else _ONE
    quantity = Quantity(mantissa * factor, currency, unit, percent, scale, decimals, bool(ordinal_end))
    return _Reading(quantity, not (scale or currency or unit or percent))


def _fair_unit(unit: str) -> bool:
    """Whether an author's words after a number read as a unit (see `read`)."""
    from quiz.values.units import unit_key
    if unit_key(unit) is not None:
        return True
    words = unit.split()
    return (
        _UNIT_TEXT.fullmatch(unit) is not None
        and len(words) <= 4
        and all(w[0].islower() or w[0] in "°µ" for w in words)
    )


def _read_words(text: str, *, strict: bool) -> _Reading | None:
    """Read a number written in words: "thirty-five percent", "a million dollars"."""
    folded = text.casefold()
    currency = None
    for prefix in ("$", "€", "£", "¥", "us$"):
        if folded.startswith(prefix):
            currency, folded = _CURRENCY_WORDS[prefix], folded[len(prefix) :].strip()
    from quiz.values.words import WORD, parse_words
    words = [w for w in _WORD_SPLIT.split(folded) if w]
    if not words or words[0] not in WORD:
        return None
    # The longest run of number words that reads as a number; the rest is the unit.
    for end in range(min(len(words), 12), 0, -1):
        number = parse_words(" ".join(words[:end]))
        if number is None:
            continue
        amount, decimals = Decimal(number.value), 0
        if end < len(words) - 1 and words[end] == "point" and not number.ordinal:
            digits = [_DIGIT_WORDS.get(w) for w in words[end + 1 :]]
            count = next((i for i, d in enumerate(digits) if d is None), len(digits))
            if count:
                decimals = count
                amount += Decimal("0." + "".join(digits[:count]))  # type: ignore[arg-type]
                end += 1 + count
        scale = None if decimals else number.scale
        if decimals and end < len(words) and words[end] in SCALES and number.value < 1000:
            scale = words[end]
            amount *= Decimal(10) ** SCALES[scale]
            end += 1
        if end < len(words) and words[end] in WORD:
            return None  # "five twenty": number words that do not make one number
        rest = " ".join(words[end:])
        percent = False
        if rest in ("percent", "per cent", "%", "pct"):
            percent, rest = True, ""
        word_currency, unit = _currency_and_unit(rest)
        currency = currency or word_currency
        if strict and unit is not None and not _fair_unit(unit):
            return None
        quantity = Quantity(
            amount=amount,
            currency=currency,
            unit=unit,
            percent=percent,
            scale=scale,
            decimals=decimals,
            ordinal=number.ordinal,
        )
        return _Reading(quantity, bare=not (scale or currency or unit or percent))
    return None


def parse(text: str) -> Quantity:
    """Parse an author's number, or raise `ValueParseError` saying what was expected."""
    value = read(text, strict=True)
    if value is None:
        raise ValueParseError(EXPECTED)
    return value


# --- comparing --------------------------------------------------------------------


_STEPS = tuple(_ONE.scaleb(-n) for n in range(12))


def _rounds_to(given: Decimal, expected: Quantity) -> bool:
    """Whether ``given``, rounded to the precision the answer is shown at, is the answer."""
    shown = given / expected.factor
    decimals = expected.decimals
    step = _STEPS[decimals] if 0 <= decimals < len(_STEPS) else _ONE.scaleb(-decimals)
    try:
        return shown.quantize(step, ROUND_HALF_UP) == expected.mantissa
    except InvalidOperation:
        return False


def _within(tolerance: Tolerance | None, expected: Decimal, given: Decimal) -> bool:
    return tolerance is not None and tolerance.allows(float(expected), float(given))


_THOUSANDFOLD = tuple(Decimal(10) ** power for power in (3, 6, 9, 12))


def _wrong_scale(expected: Quantity, given: Decimal, tolerance: Tolerance | None) -> bool:
    """Whether ``given`` is the answer (or within tolerance of it) off by a thousandfold step."""
    for step in _THOUSANDFOLD:
        for candidate in (given * step, given / step):
            if candidate == expected.amount or _rounds_to(candidate, expected):
                return True
            if _within(tolerance, expected.amount, candidate):
                return True
    return False


def judge(expected: Quantity, response: str, shown: str, tolerance: Tolerance | None = None) -> Judgement:
    """Compare a learner's number with the answer.

    Rules: the same amount however written is correct, and so is a more precise amount
    that rounds to the answer as shown ("19.34 billion" for "$19.3 billion"). A bare number
    equal to the answer's shown number is correct with a reminder of the scale ("19.3" for
    "$19.3 billion": questions often say "in billions"); a fraction is read as a percentage
    when the answer is one ("0.71" for 71%). A missing currency, unit or ordinal ending is
    forgiven. Another unit of the same dimension is converted first (see `_converted`);
    a unit of another dimension or another currency is wrong, and so is the right digits
    at the wrong scale ("19.3 million"). Within the fact's tolerance is close. Anything
    else is wrong. The feedback repeats what the learner wrote.

    Args:
        expected: The answer.
        response: What the learner typed.
        shown: The answer as the author wrote it, for the feedback.
        tolerance: The fact's tolerance, if any.
    """
    from quiz.values.units import convert, dimension
    reading = _read(response, strict=False, measure=dimension(expected.unit) or "count")
    you = quote(response)
    if reading is None:
        return Judgement("wrong", f"You wrote {you}, which is not a number I can read; the answer is {shown}.")
    got, bare = reading
    got_currency = got.currency
    if expected.currency == "£" and got.unit_key == "lb" and not got_currency:
        got_currency = "£"  # "50 pounds" for £50
    elif got.unit and expected.unit and got.unit_key != expected.unit_key:
        moved = convert(got.amount, got.unit, expected.unit)
        if not moved.same_dimension:
            return Judgement("wrong", f"Wrong unit: you wrote {you}; the answer is {shown}.")
        if moved.amount is not None:  # else two counted nouns ("troops", "soldiers")
            return _converted(expected, got, moved.amount, you, shown, tolerance)
    if expected.currency and got_currency and got_currency != expected.currency:
        return Judgement("wrong", f"Wrong currency: you wrote {you}; the answer is {shown}.")
    if got.amount == expected.amount or _rounds_to(got.amount, expected):
        return Judgement("correct", f"Correct: {shown}.")
    implied = got.amount * expected.factor if bare and expected.scale else None
    if implied is not None and _rounds_to(implied, expected):
        return Judgement("correct", f"Correct: {shown} (say the {expected.scale} too).")
    if bare and expected.percent and 0 < abs(got.amount) <= 1 and got.decimals:
        as_percent = got.amount * 100
        if as_percent == expected.amount or _rounds_to(as_percent, expected):
            return Judgement("correct", f"Correct: {shown}.")
        implied = as_percent
    if _within(tolerance, expected.amount, got.amount) or (
        implied is not None and _within(tolerance, expected.amount, implied)
    ):
        return Judgement("close", f"Close: you wrote {you}; the answer is {shown}.")
    if _wrong_scale(expected, got.amount, tolerance):
        return Judgement("wrong", f"Wrong scale: you wrote {you}; the answer is {shown}.")
    return Judgement("wrong", f"You wrote {you}; the answer is {shown}.")


CONVERSION_SLACK = Decimal("0.05")
"""How far (5%) a converted amount may be from the answer and still be close: converting
in one's head rounds."""


def _converted(
    expected: Quantity, got: Quantity, amount: Decimal, you: str, shown: str, tolerance: Tolerance | None
) -> Judgement:
    """Judge a response in another unit than the answer's, after converting it.

    Correct when the converted amount rounds to the answer as shown, or when the answer
    converted into the learner's unit rounds to what they wrote (within 1%: "31 miles" for
    50 km, "1,083 feet" for 330 m); close within the fact's tolerance or 5%; wrong
    otherwise.

    Args:
        amount: ``got`` converted into the answer's unit.
    """
    from quiz.values.units import convert, dimension
    mantissa = amount / expected.factor
    as_shown = f"{mantissa:,.{expected.decimals + 1}f}{' ' + expected.scale if expected.scale else ''} {expected.unit}"
    said = f"you wrote {you}, which is {as_shown}; the answer is {shown}."
    back = convert(expected.amount, expected.unit or "", got.unit or "").amount
    near = abs(amount - expected.amount) <= abs(expected.amount) / 100 or (
        dimension(expected.unit) == "temperature" and abs(amount - expected.amount) <= Decimal("0.5")
    )
    learner_rounding = (
        back is not None
        and near
        and (back / got.factor).quantize(Decimal(1).scaleb(-got.decimals), ROUND_HALF_UP) == got.mantissa
    )
    if _rounds_to(amount, expected) or learner_rounding:
        return Judgement("correct", f"Correct: {said}")
    slack = abs(expected.amount) * CONVERSION_SLACK
    if _within(tolerance, expected.amount, amount) or abs(amount - expected.amount) <= slack:
        return Judgement("close", f"Close: {said}")
    return Judgement("wrong", f"{said[0].upper()}{said[1:]}")
