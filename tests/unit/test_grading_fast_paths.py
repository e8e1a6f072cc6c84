"""Grading's fast paths give exactly what the plain definitions they stand for give.

Grading must stay fast (issue 20: a median under 50 µs a call), so some steps skip a
regular expression or do its work with string methods. Each test here states the plain
definition and checks the fast step against it on generated text (hypothesis), so a
shortcut can never change a verdict. No timing is asserted here; `bench/bench_grade.py`
measures speed.
"""

from __future__ import annotations

import re
import string

from hypothesis import example, given, settings
from hypothesis import strategies as st

from quiz.values import claims, numerals, numbers
from quiz.values.common import _CONTROL, _LETTER_MAP, _NON_WORD, _SPACE_MAP, clean, fold

FAST = settings(deadline=None, max_examples=400)

WORDS = [
    "not", "NOT", "isn't", "don`t", "dont", "want", "Saint", "never", "or", "by", "up", "_not",
    "not_", "nt", "ant", "before", "over", "or so", "approx.", "roughly", "give or take",
    "more or less", "MMXVIII", "xv", "XVth", "century", "c.", "April", "13", "2018", "&",
    "O'Brien", "Le Drian", "France", "19.3", "billion", "the", "ſo", "K",
]
"""Words that the shortcuts look for, and words that look like them."""

texts = st.lists(
    st.one_of(st.sampled_from(WORDS), st.text(string.printable + "\x00\x1c\x7f’", max_size=6)),
    max_size=5,
).flatmap(lambda parts: st.sampled_from([" ", "", ",", "-", "'", "_", "\n"]).map(lambda s: s.join(parts)))
"""Mostly-ASCII text made of those words, odd punctuation and control characters."""


@FAST
@given(st.one_of(texts, st.text(max_size=30)))
@example("isn't 1778")
@example("o'not 1778")
@example("x_not 1778")
def test_the_negation_first_look_is_the_regex(text: str) -> None:
    assert claims._suspect(text) == (claims._SUSPECT.search(text) is not None)


@FAST
@given(texts)
@example("Tom & Jerry's")
@example("a\x07b\tc")
def test_ascii_folding_is_the_regex_definition(text: str) -> None:
    if text.isascii():
        spaced = _CONTROL.sub("", text.translate(_SPACE_MAP))
        plain = _NON_WORD.sub(" ", spaced.translate(_LETTER_MAP).lower()).strip()
        assert fold.__wrapped__(text) == plain


def test_no_printable_character_is_a_control_or_space_fold_takes_out() -> None:
    """`fold` skips `_CONTROL` and `_SPACE_MAP` on printable text: neither touches any."""
    printable = "".join(c for c in map(chr, range(0x110000)) if c.isprintable())
    assert _CONTROL.search(printable) is None
    assert not set(map(chr, _SPACE_MAP)) & set(printable)


@FAST
@given(st.text(max_size=30))
@example("München\u200b Köln")
@example("Łódź\xa0Straße")
def test_folding_is_the_definition_with_controls_taken_out(text: str) -> None:
    spaced = _CONTROL.sub("", text.translate(_SPACE_MAP))
    assert fold.__wrapped__(text) == fold.__wrapped__(spaced)


@FAST
@given(st.one_of(texts, st.text(max_size=30)))
def test_clean_is_the_plain_definition(text: str) -> None:

    assert clean(text) == _CONTROL.sub("", text.translate(_SPACE_MAP)).strip()


_OLD_SPLIT = re.compile(r"[\s,.-]+")


@FAST
@given(st.one_of(texts, st.text(max_size=30)))
@example("seventeen seventy-eight")
@example("XVth century")
@example("xv c.")
def test_numeral_first_looks_change_nothing(text: str) -> None:
    """Roman numerals and year words are rewritten exactly as the full passes would."""

    def upper(match: re.Match[str]) -> str:
        numeral, suffix = (match[1], match[2]) if match[1] else (match[3], match[4])
        value = numerals.roman(numeral)
        return match[0] if value is None else f"{value}{suffix or ''}"

    def lower(match: re.Match[str]) -> str:
        value = numerals.roman(match[1])
        return match[0] if value is None else f"{value}{match[2] or 'th'}"

    full = numerals._LOWER_ROMAN_ORDINAL.sub(lower, numerals._UPPER_ROMAN.sub(upper, text))
    assert numerals.romans_to_digits(text) == full
    folded = text.casefold()
    if numerals._RUN_WORDS.isdisjoint(_OLD_SPLIT.split(folded)):
        assert numerals.years_to_digits(folded) == folded


@FAST
@given(st.one_of(texts, st.text(max_size=30)))
@example("19.3 billion or so")
@example("5 or ſo")
@example("5 or so\n")
def test_the_trailing_first_look_misses_no_rounding_words(text: str) -> None:
    """`numbers._read` skips the 'or so' regex unless the text ends like one of its words."""
    stripped = text.strip().rstrip(".!?+")
    if numbers._TRAILING.search(stripped) is not None:
        assert stripped[-11:].casefold().endswith(numbers._TRAILING_ENDS) or stripped.endswith("\n")


_PLAIN_SEPARATOR = re.compile(r"((?:\s*(?:;|\n|,(?!\d{3}(?!\d))|&|\band\b|\bplus\b)\s*)+)", re.IGNORECASE)
"""How a learner's list is split, without the look-ahead that speeds the search."""


@FAST
@given(st.lists(st.sampled_from(["France", " and ", "AND", ", ", ",", "19,300", "&", ";", "\n", " plus ", "Pl",
                                 "andorra", "  ", "US", "a", "p", "Bosnia and Herzegovina", "1,5"]), max_size=8)
       .map("".join))
def test_the_list_separator_splits_as_the_plain_pattern(text: str) -> None:
    from quiz.values import lists

    assert lists._SEPARATOR.split(text) == _PLAIN_SEPARATOR.split(text)


@FAST
@given(st.one_of(texts, st.text(max_size=30)))
@example("about 40 km")
@example("ſome 40")
@example("~ 40")
def test_the_leading_first_look_misses_no_leading_word(text: str) -> None:
    """`numbers._read` skips the 'about', 'over'… regex unless the text starts like one of them."""
    if numbers._LEADING.match(text) is not None and numbers._LEADING.match(text)[0]:
        assert text[:1].casefold() in numbers._LEADING_FIRST
