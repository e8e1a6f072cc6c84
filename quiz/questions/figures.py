"""Number distractors: same currency, unit, scale, rounding and way of writing as the answer.

``$19.3 billion`` gets ``$17.8 billion``, never ``$17.834 billion``; ``677,500`` (rounded
to hundreds) gets ``542,300``; ``seven`` gets ``nine``; ``11th`` gets ``14th``; a
percentage stays within 0-100 and a count stays whole. Figures of other facts in the
same unit are used first when they are of a similar size. As with dates, how many
options lie below the answer is drawn uniformly.
"""

from __future__ import annotations

import random
import re
from decimal import Decimal
from typing import TYPE_CHECKING

from quiz.facts import BLANK_RE, Answer
from quiz.patterns import LazyPattern
from quiz.questions.index import Card, DeckIndex, number_style
from quiz.values.numbers import Quantity, read
from quiz.values.words import WORD

if TYPE_CHECKING:  # pragma: no cover
    from quiz.questions.distractors import Picker

_QUALIFIER = LazyPattern(
    r"^((?:about|around|approximately|roughly|nearly|almost|over|under|some|just over|"
    r"just under|more than|less than|fewer than|up to|at least|circa)\s+)+",
    re.IGNORECASE,
)
_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen " \
         "fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINALS = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
             "nine": "ninth", "twelve": "twelfth"}
NEARBY = (Decimal("0.4"), Decimal("2.5"))
"""How much smaller or larger another fact's figure may be and still be offered."""
SPREAD = Decimal("0.35")
"""How far (a share of the answer) a made-up figure may stray: no half-size census."""
_PLURAL_NEXT = LazyPattern(r"^\s*(?:[a-z]+-)?[a-z]+s\b")


def qualifier(answer: Answer) -> str:
    """The words before the number in the answer ("more than "), kept on every option."""
    text = answer.display
    match = _QUALIFIER.match(text)
    return match.group(0) if match else ""


def _in_words(answer: Answer) -> bool:
    """Whether the author wrote the number in words ("seven", "two days", "third")."""
    rest = answer.display[len(qualifier(answer)):].strip()
    first = rest.split(" ")[0].split("-")[0].casefold() if rest else ""
    return first in WORD and not any(c.isdigit() for c in rest)


def cardinal(n: int) -> str:
    """English words for 0 <= n < 1000: "two hundred and twenty-five"."""
    if n < 20:
        return _UNITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        return _TENS[tens] + (f"-{_UNITS[unit]}" if unit else "")
    hundreds, rest = divmod(n, 100)
    return f"{_UNITS[hundreds]} hundred" + (f" and {cardinal(rest)}" if rest else "")


def ordinal_words(n: int) -> str:
    """English ordinal words for 1 <= n < 1000: "third", "twenty-first", "fortieth"."""
    words = cardinal(n)
    cut = max(words.rfind(" "), words.rfind("-")) + 1
    head, last = words[:cut], words[cut:]
    if last in _ORDINALS:
        last = _ORDINALS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + last


def render_like(answer: Answer, value: Quantity) -> str:
    """``value`` written the way the answer is: qualifier, words or digits, scale, unit."""
    text = value.render()
    mantissa = value.mantissa
    if _in_words(answer) and mantissa == mantissa.to_integral_value() and 0 < mantissa < 1000 \
            and not value.currency and not value.percent:
        n = int(mantissa)
        text = ordinal_words(n) if value.ordinal else cardinal(n)
        for word in (value.scale, value.unit):
            if word:
                text += " " + word
        if answer.display[len(qualifier(answer)):][:1].isupper():
            text = text[:1].upper() + text[1:]  # "Twelve people have walked…" opens a sentence
    return qualifier(answer) + text


def shown(answer: Answer) -> str:
    """How the answer's own option is written (through the same renderer as distractors)."""
    value = answer.value
    return render_like(answer, value) if isinstance(value, Quantity) else answer.display


def _granularity(value: Quantity) -> Decimal:
    """The step the answer is rounded to: 0.1 for 19.3, 100 for 677,500, 1 for 78."""
    if value.decimals:
        return Decimal(1).scaleb(-value.decimals)
    mantissa = abs(value.mantissa)
    step = Decimal(1)
    while mantissa and mantissa % (step * 10) == 0 and mantissa / (step * 10) >= 10:
        step *= 10
    return step


def number_distractors(index: DeckIndex, card: Card, rng: random.Random, picker: Picker) -> None:
    """Add number distractors for ``card`` to ``picker`` (see the module docstring)."""
    answer = card.answer
    value = answer.value
    if not isinstance(value, Quantity):
        return
    need = picker.want - len(picker.chosen)
    if need <= 0:
        return
    below = min(need, max(0, rng.randrange(picker.want + 1) - _count_below(picker, answer, value)))
    step = _granularity(value)
    ticks = value.mantissa / step
    low, high = _bounds(answer, value, step)
    if _counts_plural(card) and step == 1 and value.factor == 1:
        low = max(low, Decimal(2))  # "signed two documents": never "one documents"
    for sign, count in ((-1, below), (1, need - below)):
        target = len(picker.chosen) + count
        if count:
            _offer_figures(index, answer, value, sign, rng, picker, target)
            _offer_steps(answer, value, step, ticks, sign, (low, high), rng, picker, target)
    # One side may be too narrow (a count of 2 has only 1 below it): take the other.
    for sign in (1, -1):
        _offer_steps(answer, value, step, ticks, sign, (low, high), rng, picker, picker.want)
    for tenth in range(1, 4):  # random steps may stray past SPREAD: 10-30% away, every seed
        for sign in (1, -1):
            if picker.full:
                return
            t = (ticks * (1 + sign * Decimal(tenth) / 10)).to_integral_value()
            if t != ticks and low <= t <= high:
                picker.offer(render_like(answer, value.with_mantissa(t * step)))
    for distance in range(1, 200):  # a last, plain walk outwards for tiny ranges
        for sign in (-1, 1):
            if picker.full:
                return
            t = ticks + sign * distance
            if low <= t <= high:
                picker.offer(render_like(answer, value.with_mantissa(t * step)))


def _counts_plural(card: Card) -> bool:
    """Whether a statement's blank is followed by a plural noun ("{{two}} documents")."""
    text = card.fact.text
    if text is None:
        return False
    for i, match in enumerate(BLANK_RE.finditer(text)):
        if i == card.blank:
            return _PLURAL_NEXT.match(text[match.end():]) is not None
    return False


def _count_below(picker: Picker, answer: Answer, value: Quantity) -> int:
    count = 0
    for text in picker.chosen:
        got = read(text)
        count += got is not None and got.amount < value.amount
    return count


def _bounds(answer: Answer, value: Quantity, step: Decimal) -> tuple[Decimal, Decimal]:
    """The range of ticks a distractor may take: positive stays positive, % stays <= 100."""
    big = Decimal(10) ** 30
    low = -big
    if value.amount > 0:
        plural_unit = bool(value.unit and value.unit.endswith("s"))
        low = (Decimal(2) if plural_unit and step == 1 and value.factor == 1 else step) / step
    high = (Decimal(100) / value.factor / step) if value.percent and value.amount <= 100 else big
    return low, high


def _offer_figures(index: DeckIndex, answer: Answer, value: Quantity, sign: int, rng: random.Random,
                   picker: Picker, target: int) -> None:
    """Offer other facts' figures of the same unit and a similar size, on one side."""
    if value.amount <= 0:
        return
    lowest, highest = value.amount * NEARBY[0], value.amount * NEARBY[1]
    span = (lowest, value.amount) if sign < 0 else (value.amount, highest)
    nearby = index.figures_between(number_style(value), *span)
    for _ in range(min(6, len(nearby))):
        if len(picker.chosen) >= target:
            return
        other = nearby[rng.randrange(len(nearby))]
        moved = value.with_amount(other)
        if (moved.amount - value.amount) * sign > 0 and moved.amount > 0:
            picker.offer(render_like(answer, moved))


def _offer_steps(answer: Answer, value: Quantity, step: Decimal, ticks: Decimal, sign: int,
                 bounds: tuple[Decimal, Decimal], rng: random.Random, picker: Picker, target: int) -> None:
    """Offer made-up figures stepping away from the answer by 8-30% (at least one tick)."""
    current = ticks
    for _ in range(12):
        if len(picker.chosen) >= target:
            return
        jump = max(Decimal(1), (abs(ticks) * Decimal(rng.randint(8, 30)) / 100).to_integral_value())
        current += sign * jump
        if not bounds[0] <= current <= bounds[1]:
            return
        if abs(ticks) >= 20 and abs(current - ticks) > SPREAD * abs(ticks):
            return
        picker.offer(render_like(answer, value.with_mantissa(current * step)))
