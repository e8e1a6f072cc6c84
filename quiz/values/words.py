"""English number words: "thirty-five", "two hundred and twenty-five", "eleventh".

Used by numbers (``five million``), dates (``the thirteenth of April``, ``eighteenth
century``) and ordinals. Covers whole numbers below a quadrillion, cardinal or ordinal.
"""

from __future__ import annotations


from quiz.frozen import Record
from quiz.patterns import LazyPattern

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL_UNITS = (
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()

SMALL: dict[str, int] = {w: i for i, w in enumerate(_UNITS)}
SMALL.update({w: 20 + 10 * i for i, w in enumerate(_TENS)})
SMALL["a"] = 1  # "a hundred", "a million"

ORDINAL_SMALL: dict[str, int] = {w: i for i, w in enumerate(_ORDINAL_UNITS)}
ORDINAL_SMALL.update({w[:-1] + "ieth": 20 + 10 * i for i, w in enumerate(_TENS)})

MULTIPLIERS: dict[str, int] = {
    "hundred": 100,
    "thousand": 1000,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
}
ORDINAL_MULTIPLIERS: dict[str, int] = {k + "th": v for k, v in MULTIPLIERS.items()}

WORD = frozenset(SMALL) | frozenset(ORDINAL_SMALL) | frozenset(MULTIPLIERS) | frozenset(
    ORDINAL_MULTIPLIERS
)
"""Every word that can be part of a number written in words."""

_SPLIT = LazyPattern(r"[\s-]+")


class WordNumber(Record):
    """A whole number read from words."""

    value: int
    ordinal: bool
    scale: str | None
    """The last multiplier word above a hundred ("million" in "five million"), if any."""


def parse_words(text: str) -> WordNumber | None:
    """Read a whole number written in English words.

    Args:
        text: Lower-case words such as "two hundred and twenty-five" or "twenty-first".

    Returns:
        The number, or None when the text is not a number in words. "and" is allowed
        only after "hundred" or a larger multiplier, as in British usage.
    """
    words = [w for w in _SPLIT.split(text.strip()) if w]
    if not words or words[0] == "and":
        return None
    total = 0
    current = 0
    seen_any = False
    is_ordinal = False
    scale: str | None = None
    groups = 0
    previous = ""
    for i, word in enumerate(words):
        if is_ordinal:
            return None  # an ordinal word must be the last one
        last = i == len(words) - 1
        if word == "and":
            if previous not in MULTIPLIERS or last:
                return None
            previous = word
            continue
        if word in ORDINAL_SMALL or word in ORDINAL_MULTIPLIERS:
            if not last:
                return None
            is_ordinal = True
            word = word[:-2] if word in ORDINAL_MULTIPLIERS else word
        if word in SMALL or word in ORDINAL_SMALL:
            value = SMALL[word] if word in SMALL else ORDINAL_SMALL[word]
            if word == "a" and (last or words[i + 1] not in MULTIPLIERS):
                return None
            # "twenty five" is fine; "five twenty" or "twenty thirty" are not numbers.
            if seen_any and previous not in MULTIPLIERS and previous != "and":
                if not (current % 100 >= 20 and current % 10 == 0 and value < 10):
                    return None
            current += value
        elif word in MULTIPLIERS:
            mult = MULTIPLIERS[word]
            if mult == 100:
                if current == 0 or current >= 100:
                    if current == 0 and not seen_any:
                        return None
                current = (current or 1) * 100 if current < 100 else current * 100
            else:
                if current == 0 and total == 0:
                    return None
                total += (current or 0) * mult
                current = 0
                # "two million five hundred thousand" has no single scale word.
                scale = word if groups == 0 else None
                groups += 1
        else:
            return None
        seen_any = True
        previous = word
    value = total + current
    if scale is not None and current:
        scale = None  # "two million five hundred" is not written at a scale
    return WordNumber(value, is_ordinal, scale)
