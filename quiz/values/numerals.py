"""Numbers written in other ways than digits: Roman numerals and years said in words.

``MDCCLXXVIII`` is 1778, ``XVth century`` the 15th, ``XIII`` 13; ``seventeen
seventy-eight`` is 1778, ``nineteen oh five`` 1905, ``the seventeen-seventies`` the 1770s,
``the sixties`` the 1960s and ``forty-four BC`` 44 BC. Dates and numbers rewrite such
text to digits before reading it, so one reader serves every written form.
"""

from __future__ import annotations

import re

from quiz.patterns import LazyPattern
from quiz.values.words import ORDINAL_MULTIPLIERS, ORDINAL_SMALL, WORD, parse_words

_ROMAN_VALUES = {"m": 1000, "d": 500, "c": 100, "l": 50, "x": 10, "v": 5, "i": 1}
_ROMAN = LazyPattern(
    r"m{0,4}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})", re.IGNORECASE
)
_UPPER_ROMAN = LazyPattern(r"\b([MDCLXVI]{2,})(st|nd|rd|th)?\b|\b([MDCLXVI])(st|nd|rd|th)\b")
_UPPER_LETTER = LazyPattern(r"[MDCLXVI]")
_LOWER_ROMAN_ORDINAL = LazyPattern(
    r"\b([mdclxvi]+)(st|nd|rd|th)?(?=[ -](?:century|c\b))", re.IGNORECASE
)


def roman(text: str) -> int | None:
    """The value of a Roman numeral in its standard form ("MDCCLXXVIII" -> 1778), else None."""
    if not text or _ROMAN.fullmatch(text) is None:
        return None
    total = 0
    values = [_ROMAN_VALUES[c] for c in text.casefold()]
    for i, value in enumerate(values):
        total += -value if i + 1 < len(values) and values[i + 1] > value else value
    return total or None


def romans_to_digits(text: str) -> str:
    """Rewrite Roman numerals as digits: "MDCCLXXVIII" -> "1778", "XVth century" -> "15th century".

    Upper case numerals of two letters or more (or one with an ordinal ending) are read;
    lower case ones only before "century" ("xvth century"), so words such as "mix" or
    "civil" stay words.
    """
    # Cheap first looks: an upper-case numeral letter, or a word starting with "c" after
    # a space or hyphen (the "century" a lower-case numeral needs); most text has neither.
    has_upper = _UPPER_LETTER.search(text) is not None
    folded = text.lower()
    has_century = " c" in folded or "-c" in folded
    if not has_upper and not has_century:
        return text

    def upper(match: re.Match[str]) -> str:
        numeral, suffix = (match[1], match[2]) if match[1] else (match[3], match[4])
        value = roman(numeral)
        return match[0] if value is None else f"{value}{suffix or ''}"

    def lower(match: re.Match[str]) -> str:
        value = roman(match[1])
        return match[0] if value is None else f"{value}{match[2] or 'th'}"

    if has_upper:
        text = _UPPER_ROMAN.sub(upper, text)
    return _LOWER_ROMAN_ORDINAL.sub(lower, text) if has_century else text


_DECADES = {
    "tens": 10, "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
    "seventies": 70, "eighties": 80, "nineties": 90,
}
_RUN_WORDS = WORD | frozenset(_DECADES) | {"oh", "and", "hundreds"}
_RUN = LazyPattern(
    r"\b(?:" + "|".join(sorted(_RUN_WORDS, key=len, reverse=True)) + r")(?:[ -]+(?:"
    + "|".join(sorted(_RUN_WORDS, key=len, reverse=True)) + r"))*\b"
)
_SPLIT = LazyPattern(r"[\s,.-]+")
_ORDINAL_ENDINGS = frozenset(ORDINAL_SMALL) | frozenset(ORDINAL_MULTIPLIERS)


def _pair(words: list[str]) -> int | None:
    """A year said as two pairs: "seventeen seventy-eight", "nineteen oh five", "twenty twenty"."""
    for i in range(1, len(words)):
        first = parse_words(" ".join(words[:i]))
        if first is None or first.ordinal or not 10 <= first.value <= 99:
            continue
        rest = words[i:]
        if rest == ["hundred"]:
            return first.value * 100
        if rest[0] == "oh" and len(rest) == 2:
            second = parse_words(rest[1])
            if second is not None and not second.ordinal and 1 <= second.value <= 9:
                return first.value * 100 + second.value
            continue
        second = parse_words(" ".join(rest))
        if second is not None and not second.ordinal and 10 <= second.value <= 99:
            return first.value * 100 + second.value
    return None


def _year_text(run: str) -> str | None:
    """Digits for one run of number words in a date, or None to leave it as it is."""
    words = [w for w in re.split(r"[ -]+", run) if w]
    if words[-1] in _ORDINAL_ENDINGS or words == ["a"]:
        return None  # "the thirteenth", "eighteenth century": read by the date forms
    last = words[-1]
    if last in _DECADES or last == "hundreds":
        head = words[:-1]
        if not head:
            return f"19{_DECADES[last]}s" if last in _DECADES else None
        century = parse_words(" ".join(head))
        if century is None or century.ordinal or not 10 <= century.value <= 99:
            return None
        return f"{century.value}{_DECADES.get(last, 0):02d}s"
    whole = parse_words(" ".join(words))
    if whole is not None and not whole.ordinal and 1 <= whole.value <= 9999:
        return str(whole.value)
    year = _pair(words)
    return None if year is None else str(year)


def years_to_digits(text: str) -> str:
    """Rewrite years, decades and eras said in words as digits, in lower-case text.

    "seventeen seventy-eight" -> "1778", "the seventeen-seventies" -> "the 1770s",
    "the sixties" -> "the 1960s", "forty-four bc" -> "44 bc". Ordinal words are left for
    the date forms to read ("the thirteenth of april", "the eighteenth century").
    """
    # The words `_SPLIT` would give, split with string methods (empty ends aside).
    if _RUN_WORDS.isdisjoint(text.replace(",", " ").replace(".", " ").replace("-", " ").split()):
        return text

    def replace(match: re.Match[str]) -> str:
        digits = _year_text(match[0])
        return match[0] if digits is None else digits

    return _RUN.sub(replace, text)
