"""Date distractors: the answer's precision, inside the fact's window, the deck's own dates first.

Every option lies in the window `quiz.questions.window.date_window` draws around the fact
(its era, its neighbours' dates, its author's ``between:``, the dates its text and source
fix). Where the answer falls among the four options (how many distractors come before it) is
drawn uniformly, so the right date cannot be guessed as "the one in the middle". A month
or a day distractor always lies in another year than the answer, because a right year
alone grades ``close``, not ``wrong``.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from quiz.frozen import replace
from quiz.questions.index import Card, DeckIndex, date_bounds
from quiz.questions.window import Window, date_window, in_window
from quiz.values.dates import DateValue, read

if TYPE_CHECKING:  # pragma: no cover
    from quiz.questions.distractors import Picker

NEIGHBOUR_TRIES = 8
"""How many of the deck's dates near the answer are tried on each side."""


def shown(value: DateValue) -> str:
    """How a date option is written: the canonical form, the same for every option."""
    return value.render()


def _window(value: DateValue) -> int:
    """How many years away a deck date may be to count as close in time."""
    if value.precision == "year":
        return 4 * (2 + min(20, abs(2030 - value.year) // 50))
    if value.precision in ("month", "day"):
        return 4
    return 40 if value.precision == "decade" else 300


def _century_start(number: int) -> int:
    return max(1, (number - 1) * 100) if number > 0 else number * 100


def coerce(other: DateValue, like: DateValue) -> DateValue | None:
    """``other`` written at the precision and style of ``like``, or None when too coarse."""
    finer = {"day": 0, "month": 1, "year": 2, "decade": 3, "century": 4}
    if finer[other.precision] > finer[like.precision]:
        return None
    if like.precision == "century":
        return replace(like, year=_century_start(other.century))
    if like.precision == "decade":
        if other.year <= 0:
            return None
        decade = other.year // 10 * 10
        return replace(like, year=decade) if decade % 100 else None
    return replace(like, year=other.year, month=other.month if like.month else None,
                   day=other.day if like.day else None)


def _before(a: DateValue, b: DateValue) -> bool:
    return date_bounds(a)[1] < date_bounds(b)[0]


def date_distractors(index: DeckIndex, card: Card, rng: random.Random, picker: Picker) -> None:
    """Add date distractors for ``card`` to ``picker`` (see the module docstring)."""
    value = card.answer.value
    if not isinstance(value, DateValue):
        return
    need = picker.want - len(picker.chosen)
    if need <= 0:
        return
    already_before = 0
    for text in picker.chosen:
        other = _parsed(text)
        already_before += other is not None and _before(other, value)
    before = min(need, max(0, rng.randrange(picker.want + 1) - already_before))
    window = date_window(index.deck, card.fact, card.blank)
    for sign, count in ((-1, before), (1, need - before)):
        if count:
            _fill_side(index, card, value, sign, count, rng, picker, window)
    # A side can run out (the window ends at the source's date, say): fill from the rest.
    if not picker.full:
        _fill_window(value, window, rng, picker)


def _fill_window(value: DateValue, window: Window | None, rng: random.Random, picker: Picker) -> None:
    """Offer dates from every year of a narrow window, nearest first, until enough are found.

    An author's ``between: [2017, 2018]`` around a month leaves one other year: its months.
    """
    if window is None:
        return
    years = _side_years(value, window, -1) + _side_years(value, window, 1)
    years.sort(key=lambda y: (abs(y - value.year), y))
    for _ in range(6):
        for year in years[:40]:
            if picker.full:
                return
            try:
                candidate = _in_year(value, year, window, rng)
            except (ValueError, OverflowError):
                continue
            if candidate is not None:
                picker.offer(shown(candidate))


def _in_year(value: DateValue, year: int, window: Window, rng: random.Random) -> DateValue | None:
    """A date of ``value``'s precision in ``year``, its month and day drawn inside the window."""
    if value.precision in ("year", "decade", "century"):
        candidate = replace(value, year=year)
        return candidate if in_window(window, candidate) else None
    first = window[0][1:] if window[0][0] == year else (1, 1)
    last = window[1][1:] if window[1][0] == year else (12, 31)
    month = rng.randint(first[0], last[0])
    if value.precision == "month":
        return replace(value, year=year, month=month)
    low_day = first[1] if month == first[0] else 1
    high_day = min(28, last[1]) if month == last[0] else 28
    if high_day < low_day:
        return None
    return replace(value, year=year, month=month, day=rng.randint(low_day, high_day))


def _parsed(text: str) -> DateValue | None:
    got = read(text)
    return got if isinstance(got, DateValue) else None


def _fill_side(index: DeckIndex, card: Card, value: DateValue, sign: int, count: int,
               rng: random.Random, picker: Picker, window: Window) -> None:
    """Offer ``count`` dates on one side of the answer: deck dates first, then made-up ones
    from the years of the window on that side."""
    target = len(picker.chosen) + count
    for other in _neighbours(index, card, value, sign, rng):
        if len(picker.chosen) >= target:
            return
        picker.offer(shown(other))
    years = _side_years(value, window, sign)
    rng.shuffle(years)
    for year in years[:4 * count + 8]:
        if len(picker.chosen) >= target:
            return
        try:
            candidate = _in_year(value, year, window, rng)
        except (ValueError, OverflowError):
            continue  # beyond what the calendar can represent
        if candidate is not None:
            picker.offer(shown(candidate))
    if not years and value.precision in ("month", "day"):
        # The window holds no other year on this side (an author's `between`, a source's
        # date): earlier or later months of the answer's own year keep the sides balanced.
        for candidate in _same_year(value, window, sign, rng):
            if len(picker.chosen) >= target:
                return
            picker.offer(shown(candidate), same_year=True)


def _same_year(value: DateValue, window: Window, sign: int, rng: random.Random) -> list[DateValue]:
    """Dates of the answer's year and precision on one side of it, inside the window."""
    months = range(1, value.month or 1) if sign < 0 else range((value.month or 12) + 1, 13)
    found = []
    for month in rng.sample(list(months), len(months)):
        candidate = replace(value, month=month, day=rng.randint(1, 28) if value.day else None)
        if in_window(window, candidate):
            found.append(candidate)
    return found


def _side_years(value: DateValue, window: Window, sign: int) -> list[int]:
    """The years (first years of decades and centuries) inside the window on one side."""
    years: list[int] = []
    # A month or a day moves a year at a time as a month (12 of them); a day shifted by 12
    # would walk through its own year, whose other dates grade close and are refused.
    current = replace(value, precision="month", day=None) if value.precision == "day" else value
    for _ in range(60):
        try:
            current = current.shifted(sign if value.precision in ("year", "decade", "century") else 12 * sign)
        except (ValueError, OverflowError):
            break
        year = current.year
        if not window[0][0] <= year <= window[1][0]:
            if (sign < 0 and year < window[0][0]) or (sign > 0 and year > window[1][0]):
                break
            continue
        if value.precision == "decade" and year % 100 == 0:
            continue  # "the 1900s" reads as a century: no such decade option
        years.append(year)
    return years


def _neighbours(index: DeckIndex, card: Card, value: DateValue, sign: int,
                rng: random.Random) -> list[DateValue]:
    """A few of the deck's dates close in time on one side, at the answer's precision."""
    window = _window(value)
    first, last = date_bounds(value)
    if sign < 0:
        low, high = (first[0] - window, 1, 1), first
    else:
        low, high = last, (last[0] + window, 12, 31)
    start, stop = index.dated_between(low, high)
    if stop <= start:
        return []
    found: list[DateValue] = []
    for _ in range(NEIGHBOUR_TRIES):
        _first, _last, other_card, other = index.dated[rng.randrange(start, stop)]
        if other_card.fact is card.fact and other_card.blank == card.blank:
            continue
        moved = coerce(other, value)
        if moved is not None and (_before(moved, value) if sign < 0 else _before(value, moved)):
            found.append(moved)
    return found
