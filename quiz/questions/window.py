"""Where a fact's wrong options may lie: date windows and quantified figures.

A date option a teacher would strike is one the fact's own context rules out: "In ___,
President Trump hosted President Macron" cannot be 2014. `date_window` is the span of days
a date card's options must stay in:

- the *era*: the fact's own dates (the answer, its other blanks, dates in its text and
  ``explain:``) and the dates of its neighbours in the deck (the dated facts just before and
  after it, when they are of the same time), widened by a margin that leaves room for options;
- cut by what the fact fixes: the author's ``between: [2017, 2018]``; "before/after/since
  DATE" in its text; the date of its source (a 2018 fact sheet tells of nothing later, and
  "the next ministerial" in a November 2016 article lies after November 2016).

`quantifier_of` reads "more than / over / at least ___" (+1: every smaller value is true as
well) and "less than / under / nearly ___" (-1: every larger one), from the answer or the
words just before a statement's blank, so wrong options can be taken from the other side.
"""

from __future__ import annotations

import re
from functools import lru_cache

from quiz.facts import BLANK_RE, Deck, Fact
from quiz.patterns import LazyPattern
from quiz.questions.index import DayKey, date_bounds, index_for
from quiz.values.dates import DateValue, read

Window = tuple[DayKey, DayKey]

NEIGHBOURS = 3
"""Dated facts looked at on each side of a fact in the deck."""

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
_DATES = LazyPattern(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{3,4}}\b"
    rf"|\b\d{{1,2}}\s+{_MONTH}\s+\d{{3,4}}\b"
    rf"|\b{_MONTH}\s+\d{{4}}\b"
    r"|(?<![\d$€£.,])(?:1[0-9]{3}|20[0-9]{2})(?![\d%]|,\d|\.\d|\s*(?:percent|km|m\b|miles|mph))",
)
_ABBREVIATED = {"Jan.": "January", "Feb.": "February", "Mar.": "March", "Apr.": "April",
                "Jun.": "June", "Jul.": "July", "Aug.": "August", "Sep.": "September",
                "Sept.": "September", "Oct.": "October", "Nov.": "November", "Dec.": "December"}
_BEFORE = LazyPattern(rf"\b(?:before|until|till|prior to)\s+(?P<date>{_DATES.pattern})", re.IGNORECASE)
_AFTER = LazyPattern(rf"\b(?:after|since|following)\s+(?P<date>{_DATES.pattern})", re.IGNORECASE)
_AHEAD = LazyPattern(r"\b(?:next|upcoming|looked forward|look forward|looks forward|will|plans? to|"
                    r"planned to|was to|were to)\b", re.IGNORECASE)

_LOWER = ("more than", "over", "at least", "above", "in excess of", "upwards of", "no fewer than",
          "no less than", "just over", "well over", "greater than", "exceeding")
_UPPER = ("less than", "fewer than", "under", "nearly", "almost", "up to", "at most", "below",
          "just under", "not quite", "no more than", "close to")
_QUANTIFIER = LazyPattern(
    r"(?:^|\b)(?P<q>" + "|".join(sorted((re.escape(w) for w in _LOWER + _UPPER), key=len, reverse=True))
    + r")\s*$", re.IGNORECASE)
_LEADING = LazyPattern(
    r"^\s*(?P<q>" + "|".join(sorted((re.escape(w) for w in _LOWER + _UPPER), key=len, reverse=True))
    + r")\b", re.IGNORECASE)


# --- dates in text ------------------------------------------------------------------------


def _read(text: str) -> DateValue | None:
    for short, full in _ABBREVIATED.items():
        text = text.replace(short, full)
    got = read(text, strict=True)
    return got if isinstance(got, DateValue) else None


def dates_in(text: str) -> list[DateValue]:
    """Every date written in ``text``: full dates, months and years (1000-2099)."""
    found = []
    for match in _DATES.finditer(text):
        got = _read(match.group(0))
        if got is not None:
            found.append(got)
    return found


def _bound(pattern: LazyPattern, text: str) -> list[DateValue]:
    found = []
    for match in pattern.finditer(text):
        got = _read(match["date"])
        if got is not None:
            found.append(got)
    return found


# --- the window ---------------------------------------------------------------------------


def _margin(value: DateValue) -> int:
    """Years added around the era, so that three options of the precision fit in it."""
    if value.precision == "year":
        return 4 + min(16, max(0, 2030 - value.year) // 25)
    if value.precision in ("month", "day"):
        return 3
    return 40 if value.precision == "decade" else 300


def _near(value: DateValue, other: DateValue) -> bool:
    """Whether a neighbour's date is of the same time as the answer (a few margins away)."""
    return abs(other.year - value.year) <= 3 * _margin(value)


def _shift(day: DayKey, years: int) -> DayKey:
    return (day[0] + years, day[1], day[2])


def context_text(fact: Fact, blank: int) -> str:
    """The fact's words around the card's answer: the prompt with the blank hidden."""
    if fact.text is not None:
        return fact.prompt(blank)
    return fact.question or ""


def date_window(deck: Deck, fact: Fact, blank: int = 0) -> Window | None:
    """The first and last day a date card's options may cover, or None for another kind.

    The window always holds the answer itself.
    """
    answer = fact.answers[blank]
    value = answer.value
    if not isinstance(value, DateValue):
        return None
    return _window(deck, fact, blank)


def _window(deck: Deck, fact: Fact, blank: int) -> Window:
    index = index_for(deck)
    cached = index.windows.get((fact.id, blank))
    if cached is not None:
        return cached
    answer = fact.answers[blank]
    value: DateValue = answer.value
    first, last = date_bounds(value)
    era = [first, last]
    text = context_text(fact, blank)
    own = [a.value for i, a in enumerate(fact.answers) if i != blank and isinstance(a.value, DateValue)]
    own += dates_in(BLANK_RE.sub(" ", text)) + dates_in(fact.explain or "")
    for other in [*own, *index.neighbour_dates(fact, NEIGHBOURS)]:
        if _near(value, other):
            a, b = date_bounds(other)
            era = [min(era[0], a), max(era[1], b)]
    margin = _margin(value)
    low, high = _shift(era[0], -margin), _shift(era[1], margin)
    hard_low, hard_high = _hard_bounds(deck, fact, blank, value, text)
    if hard_low is not None and hard_low <= first:
        low = max(low, hard_low)
    if hard_high is not None and hard_high >= last:
        high = min(high, hard_high)
    window = (low, high)
    index.windows[(fact.id, blank)] = window
    return window


def _hard_bounds(deck: Deck, fact: Fact, blank: int, value: DateValue,
                 text: str) -> tuple[DayKey | None, DayKey | None]:
    """The earliest and latest day the fact itself allows (None where it says nothing)."""
    answer = fact.answers[blank]
    lows: list[DayKey] = []
    highs: list[DayKey] = []
    between = answer.between
    if between is not None:
        lows.append(date_bounds(between[0])[0])
        highs.append(date_bounds(between[1])[1])
    around = text.replace("{{", "").replace("}}", "")
    highs += [date_bounds(d)[0] for d in _bound(_BEFORE, around)]
    lows += [date_bounds(d)[1] for d in _bound(_AFTER, around)]
    source = deck.sources.get(fact.source) if fact.source else None
    published = _source_date(source) if source else None
    if published is not None:
        p_first, p_last = date_bounds(published)
        if date_bounds(value)[1] <= p_last:
            highs.append(p_last)  # a source tells of nothing after it was written
        if _AHEAD.search(around) and date_bounds(value)[0] >= p_first:
            lows.append(p_first)  # "the next ministerial": after the source's own date
    return (max(lows) if lows else None), (min(highs) if highs else None)


@lru_cache(maxsize=256)
def _source_date(source: str) -> DateValue | None:
    """The latest date a source's description names ("fact sheet … (2018)")."""
    found = dates_in(source)
    if not found:
        return None
    return max(found, key=lambda d: date_bounds(d))


def in_window(window: Window | None, candidate: DateValue) -> bool:
    """Whether a date option lies inside a window (any option does without one)."""
    if window is None:
        return True
    first, last = date_bounds(candidate)
    return window[0] <= first and last <= window[1]


# --- quantifiers --------------------------------------------------------------------------


def quantifier_of(fact: Fact, blank: int = 0) -> int:
    """+1 for "more than / over / at least X", -1 for "less than / under / nearly X", else 0."""
    answer = fact.answers[blank]
    if answer.kind != "number":
        return 0
    match = _LEADING.match(answer.display)
    if match is None and fact.text is not None:
        before = _before_blank(fact, blank)
        match = _QUANTIFIER.search(before)
    if match is None:
        return 0
    word = " ".join(match["q"].casefold().split())
    return 1 if word in _LOWER else -1


def _before_blank(fact: Fact, blank: int) -> str:
    """The statement's words before the card's blank."""
    text = fact.text or ""
    for i, match in enumerate(BLANK_RE.finditer(text)):
        if i == blank:
            return " ".join(text[:match.start()].split())
    return ""
