"""Finding dates and figures in a sentence, each kept whole.

A date is kept with all it says — "April 11, 1803", "19 November 1990", "July 1947",
"the 1770s", a bare year after a word that makes it one ("in 1803") — and a year range
("1946–47") is one value. A figure keeps its currency, scale and unit ("$11.25 million",
"60 million francs", "828,000 square miles", "2.2 micrometres", "three cents"). Every
value is kept only when `quiz.values` reads it as its kind, so a blank parses exactly as
the loader will parse it. What is not asked: a label's number ("Unit 4", "chapter 12"), a
time of day ("7.30 pm"), a count of known things ("the two countries"), a relative time
("two years after …") and ordinals used as words ("a third set", "the second"; but
"their fourth meeting" is a count and "the third largest" a rank).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quiz import values
from quiz.facts import Kind

__all__ = ["LABEL_WORDS", "NUMBER_WORDS", "Value", "figure_values", "reads_as", "unit_follows"]


@dataclass(frozen=True, slots=True)
class Value:
    """A value found in a sentence: ``sentence[start:end] == text``."""

    start: int
    end: int
    text: str
    kind: Kind
    category: str | None = None
    key: str = ""
    """For names, the key under which repeats of the same name are counted."""


def reads_as(text: str, kind: Kind) -> bool:
    """Whether ``text`` parses as a value of ``kind``."""
    try:
        values.parse(kind, text)
    except values.ValueParseError:
        return False
    return True


# --- dates ------------------------------------------------------------------------------

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
_YEAR = r"(?:1\d{3}|20\d{2})"
_YEAR_CONTEXT = (r"(?:in|since|by|until|till|from|of|during|before|after|to|through|between|and|"
                 r"early|late|mid|circa|year|summer|winter|spring|fall|autumn|around|about|"
                 r"c\.|ca\.|in\s+the\s+year)")
_ANY_CASE_MONTH = f"(?i:{_MONTH})"
"""A month in any case, where a year follows: "ON APRIL 11, 1803" in a headline."""
_DATE_PATTERNS = (
    re.compile(rf"\b{_ANY_CASE_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{3,4}}\b"),
    re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_ANY_CASE_MONTH}\s*,?\s+\d{{3,4}}\b"),
    re.compile(rf"\b{_ANY_CASE_MONTH}\s*,?\s+\d{{4}}\b"),
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    re.compile(r"\b(?:the\s+)?\d{3}0s\b"),
    re.compile(rf"\b{_YEAR_CONTEXT}\s+(?P<value>{_YEAR})\b(?![,.]\d|[–-]\d|\s*%|\s+(?:percent|per cent)\b)",
               re.IGNORECASE),
    re.compile(rf"^(?P<value>{_YEAR})(?=,|\s+(?:was|saw|brought|marked)\b)"),
)
_DAY_RANGE = re.compile(rf"\b(?:{_MONTH}\s+\d{{1,2}}\s?[–—-]\s?\d{{1,2}},?\s+{_YEAR}|"
                        rf"\d{{1,2}}\s?[–—-]\s?\d{{1,2}}\s+{_MONTH}\s+{_YEAR})\b")
"""A span of days: "July 19-20, 1848", "19–20 July 1848"; asked as one value, in words."""
_YEAR_RANGE = re.compile(rf"(?<![\w$.,]){_YEAR}\s?[–—-]\s?(?:{_YEAR}|\d{{2}})(?![\w%-]|[.,]\d)")
"""A span of years: "1946–47", "1817-1825"; asked as one value, in words."""
_MONTH_DAY = re.compile(rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+"
                        rf"(?:of\s+)?{_MONTH})\b(?!,?\s+\d)")
"""A day without its year ("on November 4"): asked as written."""

# --- figures ----------------------------------------------------------------------------

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SCALE = r"(?:\s+(?:thousand|million|billion|trillion))"
_CURRENCY = r"(?:dollars|euros|francs|pounds sterling|marks|yen|rubles|roubles|pesos|lire|guilders|cents)"
_UNIT = (r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|century|"
         r"km|kilomet(?:er|re)s?|miles?|met(?:er|re)s?|(?:centi|milli|micro|nano)met(?:er|re)s?|"
         r"feet|foot|inch(?:es)?|yards?|kg|kilograms?|grams?|pounds?|ounces?|tons?|tonnes?|"
         r"acres?|hectares?|degrees?|litres?|liters?|gallons?|knots?|mph|"
         rf"{_CURRENCY}|(?:square|cubic) (?:miles|feet|kilomet(?:er|re)s|met(?:er|re)s))")
_WORDS = (r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
          r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
          r"seventy|eighty|ninety|hundred)")
NUMBER_WORDS = frozenset(re.findall(r"[a-z]+", _WORDS))
_ORDINAL_WORDS = (r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|"
                  r"twelfth|thirteenth|fourteenth|fifteenth|twentieth)")
_NOT_COUNTED = frozenset("""countries nations leaders sides ministers presidents governments
    parties men women people things ways others states""".split())
"""Plural nouns a number word counts without saying much after "the": "the two countries"."""
_COUNT_DETERMINERS = re.compile(r"(?:\b(?:the|both|these|those|our|their|its|his|her|all)\s+)$",
                                re.IGNORECASE)
LABEL_WORDS = frozenset("""unit chapter page pages section part volume vol lesson week figure fig
    table step grade item no number room essay exercise question problem article paragraph verse
    line row level class year form""".split())
"""Words before a number that make it a label, not a figure: "Unit 4", "chapter 12"."""
_MONTHS = frozenset("""january february march april may june july august september october
    november december jan feb mar apr jun jul aug sep sept oct nov dec""".split())
_TIME_AFTER = re.compile(r"^\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock\b|hours\b(?=\s+[A-Z]))",
                         re.IGNORECASE)
_RELATIVE_AFTER = re.compile(r"^\s+(?:after|before|later|earlier|ago|afterwards?)\b", re.IGNORECASE)
_TIME_UNITS = re.compile(r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries)$")
_VOTE = re.compile(r"(?<=\bvote of )\d{1,3}\s+to\s+\d{1,3}\b|(?<=\bvote of )\d{1,3}[–-]\d{1,3}\b")
"""A vote ("by a vote of 24 to 7"): one value, asked as written."""

_NUMBER_PATTERNS = (
    re.compile(rf"(?<![\w$€£])[$€£]\s?{_NUM}{_SCALE}?"),
    re.compile(rf"(?<![\w.,]){_NUM}{_SCALE}?\s+{_CURRENCY}\b"),
    re.compile(rf"(?<![\w.,]){_NUM}\s?(?:%|percent\b|per cent\b)"),
    re.compile(rf"(?<![\w.,]){_NUM}{_SCALE}?(?:\s+{_UNIT}\b)?(?![\w%]|[.,:]\d)"),
    re.compile(r"(?<![\w.,])\d+(?:st|nd|rd|th)\b"),
    re.compile(rf"\b{_WORDS}(?:[- ]{_WORDS})?(?:\s+and\s+a\s+half)?{_SCALE}?\s+{_UNIT}\b",
               re.IGNORECASE),
    re.compile(rf"\b{_WORDS}\b(?=\s+(?:[\w-]+\s+){{0,2}}?(?P<noun>[A-Za-z-]+s)\b)", re.IGNORECASE),
    # "their fourth meeting" counts; "the second", "a third set" are ordinals used as words.
    re.compile(rf"(?:(?<=\btheir )|(?<=\bits )|(?<=\bhis )|(?<=\bher )|(?<=\bour )){_ORDINAL_WORDS}"
               r"\b(?=\s+[a-z])", re.IGNORECASE),
    # "the third largest trading partner": a rank.
    re.compile(rf"\b{_ORDINAL_WORDS}(?=[\s-]+(?:largest|biggest|oldest|longest|highest|tallest|"
               r"busiest|most|least|smallest|richest|fastest)\b)", re.IGNORECASE),
)


def _dates(sentence: str) -> list[Value]:
    found: list[Value] = []
    for match in _DAY_RANGE.finditer(sentence):
        found.append(Value(match.start(), match.end(), match.group(), "text"))
    for match in _YEAR_RANGE.finditer(sentence):
        found.append(Value(match.start(), match.end(), match.group(), "text"))
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(sentence):
            group = "value" if "value" in pattern.groupindex else 0
            text = match.group(group).strip(" ,")
            if reads_as(text, "date"):
                start = match.start(group) + match.group(group).index(text)
                found.append(Value(start, start + len(text), text, "date"))
    for match in _MONTH_DAY.finditer(sentence):
        if not re.fullmatch(r"May\s+\d+", match.group()) or match.start() > 0:
            found.append(Value(match.start(), match.end(), match.group(), "text"))
    return found


def unit_follows(text: str) -> bool:
    """Whether ``text`` (what follows a number) opens with a unit or currency word."""
    return re.match(rf"\s+{_UNIT}\b", text, re.IGNORECASE) is not None


def _asked(sentence: str, start: int, end: int, text: str) -> bool:
    """Whether the figure at ``start:end`` is a figure worth asking (see the module docstring)."""
    before, after = sentence[:start], sentence[end:]
    word = re.search(r"([A-Za-z][\w.-]*)\s+$", before)
    if re.fullmatch(r"\d+", text) and word and not unit_follows(after):
        label = word.group(1).rstrip(".")
        if label.lower() in LABEL_WORDS:
            return False  # "Unit 4", "chapter 12"
        if label[:1].isupper() and label.lower() not in _MONTHS and before[:word.start()].strip():
            return False  # "Apollo 11", "Launch Complex 39A": the number belongs to a name
    if _TIME_AFTER.match(after) or re.match(r"^[.:]\d{2}\s*(?:a\.m\.|p\.m\.|am|pm)", after, re.I):
        return False
    if _TIME_UNITS.search(text) and _RELATIVE_AFTER.match(after):
        return False  # "Two years after the end of the war": when, not how long
    return True


def figure_values(sentence: str) -> list[Value]:
    """Every date and figure of a sentence (overlaps allowed: the caller keeps the first)."""
    found = _dates(sentence)
    for match in _VOTE.finditer(sentence):
        found.append(Value(match.start(), match.end(), match.group(), "text"))
    for pattern in _NUMBER_PATTERNS:
        for match in pattern.finditer(sentence):
            noun = match.groupdict().get("noun")
            text = match.group().strip()
            if noun is not None and noun.lower() in _NOT_COUNTED and \
                    _COUNT_DETERMINERS.search(sentence[:match.start()]):
                continue
            if _TIME_UNITS.search(sentence[:match.end()] + (noun or "")) and \
                    re.match(r"\s+(?:\w+\s+){0,2}?(?:years?|months?|weeks?|days?|decades?)\s+"
                             r"(?:after|before|later|earlier|ago)\b", sentence[match.end():], re.I):
                continue  # "Two years after the war"
            if text[:1].isupper() and match.start() > 0 and \
                    re.match(r"\s+[A-Z]", sentence[match.end():]):
                continue  # "Three Flags Day": a number word inside a name
            if text.lower() == "one" or not reads_as(text, "number"):
                continue
            if not _asked(sentence, match.start(), match.start() + len(text), text):
                continue
            found.append(Value(match.start(), match.start() + len(text), text, "number"))
    return found
