"""Date distractors: the answer's precision, spread around it, the deck's own dates first.

Where the answer falls among the four options (how many distractors come before it) is
drawn uniformly, so the right date cannot be guessed as "the one in the middle". A month
or a day distractor always lies in another year than the answer, because a right year
alone grades ``close``, not ``wrong``.
"""

from __future__ import annotations

import random
from dataclasses import replace
from typing import TYPE_CHECKING

from quiz.questions.index import Card, DeckIndex, date_bounds
from quiz.values.dates import DateValue, read

if TYPE_CHECKING:  # pragma: no cover
    from quiz.questions.distractors import Picker

NEIGHBOUR_TRIES = 8
"""How many of the deck's dates near the answer are tried on each side."""


def shown(value: DateValue) -> str:
    """How a date option is written: the canonical form, the same for every option."""
    return value.render()


def _gap(value: DateValue) -> int:
    """The largest step between neighbouring options, in the precision's units.

    Older years get wider steps: 1778 vs 1776 is a fair question, 44 BC vs 46 BC hardly.
    """
    if value.precision == "year":
        return 2 + min(20, abs(2030 - value.year) // 50)
    if value.precision in ("month", "day"):
        return 2  # in years: see `_moved`
    return 2 if value.precision == "decade" else 1


def _window(value: DateValue) -> int:
    """How many years away a deck date may be to count as close in time."""
    if value.precision == "year":
        return 4 * _gap(value)
    if value.precision in ("month", "day"):
        return 4
    return 40 if value.precision == "decade" else 300


def _moved(value: DateValue, offset: int, rng: random.Random) -> DateValue:
    """A date ``offset`` steps from ``value``; month and day dates move by years."""
    if value.precision == "month":
        return replace(value.shifted(12 * offset), month=rng.randint(1, 12))
    if value.precision == "day":
        year = DateValue(value.year).shifted(offset).year
        return replace(value, year=year, month=rng.randint(1, 12), day=rng.randint(1, 28))
    return value.shifted(offset)


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
    for sign, count in ((-1, before), (1, need - before)):
        if count:
            _fill_side(index, card, value, sign, count, rng, picker)
    # A side can run out (no year 0 BC of a decade, say): fill from either side, further out.
    for sign in (-1, 1):
        if not picker.full:
            _fill_side(index, card, value, sign, picker.want - len(picker.chosen), rng, picker, start=3)


def _parsed(text: str) -> DateValue | None:
    got = read(text)
    return got if isinstance(got, DateValue) else None


def _fill_side(index: DeckIndex, card: Card, value: DateValue, sign: int, count: int,
               rng: random.Random, picker: Picker, start: int = 0) -> None:
    """Offer ``count`` dates on one side of the answer: deck dates first, then made-up ones."""
    target = len(picker.chosen) + count
    for other in _neighbours(index, card, value, sign, rng):
        if len(picker.chosen) >= target:
            return
        picker.offer(shown(other))
    offset = start
    for _ in range(4 * count + 8):
        if len(picker.chosen) >= target:
            return
        offset += rng.randint(1, _gap(value))
        try:
            candidate = _moved(value, sign * offset, rng)
        except (ValueError, OverflowError):
            return  # beyond what the calendar can represent
        if candidate.precision == "decade" and candidate.year % 100 == 0:
            continue  # "the 1900s" reads as a century: no such decade option
        picker.offer(shown(candidate))


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
