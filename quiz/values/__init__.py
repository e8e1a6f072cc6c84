"""Answer values of every kind: parse an author's answer, render it, compare a response.

One module per kind — `dates`, `numbers`, `names`, `text`, `lists` — each with a frozen
value type (`DateValue`, `Quantity`, `NameValue`, `TextValue`, `ListValue`), a strict
``parse`` for authors and a lenient ``judge`` for learners. This module picks the kind:

- `parse` (kind, author's text) -> value, raising `ValueParseError`;
- `infer_kind` (author's text, question) -> kind, when the deck gives none;
- `render` (kind, value) -> canonical text: ``$19.3 billion``, ``April 13, 2018``;
- `compare` (kind, value, response, …) -> `Judgement` (verdict and feedback);
- `equivalent` (kind, a, b) -> whether either text would be graded right for the other.

Shared helpers live in `common` (folding, `ValueParseError`, `Judgement`) and `words`
(English number words).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from quiz.facts import Kind, Tolerance
from quiz.patterns import LazyPattern
from quiz.values import aliases, claims, dates, lists, names, numbers
from quiz.values import text as free_text
from quiz.values.common import Judgement, ValueParseError, Verdict, best, clean
from quiz.values.dates import DateValue
from quiz.values.lists import ListValue, Member
from quiz.values.names import NameValue
from quiz.values.numbers import Quantity
from quiz.values.text import TextValue

__all__ = [
    "DateValue",
    "Judgement",
    "ListValue",
    "Member",
    "NameValue",
    "Quantity",
    "TextValue",
    "ValueParseError",
    "Verdict",
    "compare",
    "equivalent",
    "infer_kind",
    "parse",
    "render",
]

_QUANTITY_QUESTION = LazyPattern(
    r"\bhow (?:many|much|long|far|old|large|big|high|tall|deep|wide|heavy)\b"
    r"|\bwhat (?:number|percentage|share|amount|proportion|population)\b",
    re.IGNORECASE,
)
_BARE_INTEGER = LazyPattern(r"\d{1,4}")
_ELIDED = LazyPattern(r"^(?:[dlo]|al|el)['’]", re.IGNORECASE)
_NAME_JOINERS = frozenset(names.PARTICLES | {"of", "the", "and", "for", "on", "upon", "am", "an", "sur"})


def infer_kind(answer: str | tuple[str, ...], question: str | None = None) -> Kind:
    """The kind of an answer whose author gave none.

    Rules, first match wins:

    1. A list of answers is a ``list``.
    2. A bare whole number from 1000 to 2100 ("1778") is a ``date`` — unless the question
       asks "how many", "how much" (or how long/far/old/…, "what number/percentage"), when
       it is a ``number``.
    3. Text that reads as a date with a month name, in ISO or numeric form, a decade, a
       century, or a year with BC/AD ("April 13, 2018", "2018-04-13", "the 1770s",
       "44 BC") is a ``date``.
    4. A number written with digits, with any currency, percent, scale, unit or ordinal
       ending ("$19.3 billion", "35%", "11th", "677,500 troops") is a ``number``.
    5. Capitalised words (at least one), allowing joining words such as de, la, von,
       al-, of, the and and ("Jean-Yves Le Drian", "Treaty of Paris", "de Gaulle") are a
       ``name``.
    6. Anything else is ``text``.
    """
    if isinstance(answer, tuple):
        return "list"
    stripped = answer.strip()
    if _BARE_INTEGER.fullmatch(stripped):
        year = int(stripped)
        if 1000 <= year <= 2100 and not _QUANTITY_QUESTION.search(question or ""):
            return "date"
        return "number"
    if isinstance(dates.read(stripped, strict=True), DateValue):
        return "date"
    if numbers.read(stripped, strict=True) is not None and any(c.isdigit() for c in stripped):
        return "number"
    if _looks_like_name(stripped):
        return "name"
    return "text"


def _looks_like_name(answer: str) -> bool:
    """Whether every word is capitalised or a joining word, and the first is capitalised."""
    words = answer.replace("-", " ").split()
    if not 1 <= len(words) <= 8:
        return False
    capitalised = [_capitalised(w) for w in words]
    if not any(capitalised):
        return False
    return all(c or w.casefold() in _NAME_JOINERS for c, w in zip(capitalised, words))


def _capitalised(word: str) -> bool:
    """Whether a word starts with a capital letter (in any script) or a digit: "Drian",
    "d'Estaing", "11". A capital that is no letter ("🅐", a symbol) leaves no name to read."""
    word = _ELIDED.sub("", word) or word
    return (word[0].isupper() and word[0].isalpha()) or word[0].isdigit() or word == "&"


def _parse_member(item: str) -> Member:
    kind = infer_kind(item)
    return Member(text=item.strip(), kind=kind, value=parse(kind, item))


@lru_cache(maxsize=8192)
def parse(
    kind: Kind, text: str | tuple[str, ...], member_accept: tuple[tuple[str, ...], ...] = ()
) -> Any:
    """Parse an author's answer of the given kind.

    Args:
        kind: "date", "number", "name", "text" or "list".
        text: The answer as written; for a list, a tuple of member texts (a string is
            split at commas, semicolons and "and"). Each list member's kind is inferred.
        member_accept: For a list, per member in order, other answers counted as that
            member (``[{United States: [US, USA]}, France]`` in a deck).

    Returns:
        A frozen value: `DateValue`, `Quantity`, `NameValue`, `TextValue` or `ListValue`.

    Raises:
        ValueParseError: With a message for the deck author saying what was expected.
    """
    if kind == "list":
        return lists.parse(text, _parse_member, member_accept)
    if member_accept:
        raise ValueParseError(f"per-member `accept:` applies to list answers; this answer is a {kind}")
    if not isinstance(text, str):
        raise ValueParseError(f"expected one {kind}, not a list")
    if kind == "date":
        return dates.parse(text)
    if kind == "number":
        return numbers.parse(text)
    if kind == "name":
        return names.parse(text)
    if kind == "text":
        return free_text.parse(text)
    raise ValueParseError(f"unknown kind {kind!r}; expected date, number, name, text or list")



def render(kind: Kind, value: Any) -> str:
    """The canonical text of a value: ``$19.3 billion``, ``April 13, 2018``, ``the 1770s``.

    Parsing the rendering gives an equal value.
    """
    if kind == "list" and isinstance(value, ListValue):
        return value.render(lambda m: render(m.kind, m.value))
    return str(value.render())


def compare(
    kind: Kind,
    value: Any,
    response: str,
    shown: str,
    *,
    tolerance: Tolerance | None = None,
    category: str | None = None,
    ordered: bool = False,
) -> Judgement:
    """Judge a learner's response against a parsed answer of the given kind.

    Args:
        kind: The answer's kind.
        value: The parsed answer (from `parse`).
        response: What the learner typed; it is cleaned here, so any string is safe.
        shown: The answer as the author wrote it, quoted in the feedback.
        tolerance: For numbers: how far off is still close.
        category: For names: "person" lets a surname alone count.
        ordered: For lists: whether the order matters.
    """
    response = clean(response)
    claim = claims.check(kind, response, shown)
    if claim is not None:
        return claim
    if kind == "date" and isinstance(value, DateValue):
        return dates.judge(value, response, shown)
    if kind == "number" and isinstance(value, Quantity):
        return numbers.judge(value, response, shown, tolerance)
    if kind == "name" and isinstance(value, NameValue):
        return names.judge(value, response, shown, category)
    if kind == "list" and isinstance(value, ListValue):

        keys: dict[str, str] = {}

        def same(m: Member, piece: str) -> bool:
            if not isinstance(m.value, NameValue):
                return False
            if piece not in keys:
                keys[piece] = "".join(names.tokens_of(piece))
            key = keys[piece]
            return key == m.value.key or aliases.same_place(key, m.value.key)

        def member(m: Member, piece: str) -> Judgement:
            judged = compare(m.kind, m.value, piece, m.text, tolerance=tolerance, category=category)
            for other in m.accept if judged.verdict != "correct" else ():
                judged = best(judged, compare(other.kind, other.value, piece, other.text,
                                              tolerance=tolerance, category=category))
            return judged

        return lists.judge(value, response, shown, member, ordered, same)
    if isinstance(value, TextValue):
        return free_text.judge(value, response, shown)
    # A value of another kind than claimed (a loader fallback): compare the words.
    try:
        return free_text.judge(free_text.parse(shown), response, shown)
    except ValueParseError:
        return Judgement("wrong", f"The answer is {shown}.")


def equivalent(kind: Kind, a_text: str, b_text: str) -> bool:
    """Whether two texts denote the same value of a kind, after normalising.

    True when either, taken as the answer, would grade the other ``correct`` — so an
    option that is equivalent to the answer would be a right answer in disguise. A text
    that does not parse as the kind is compared as text.
    """
    for answer, response in ((a_text, b_text), (b_text, a_text)):
        try:
            value, shown_kind = parse(kind, answer), kind
        except ValueParseError:
            try:
                value, shown_kind = free_text.parse(answer), "text"
            except ValueParseError:
                continue
        if compare(shown_kind, value, response, answer).verdict == "correct":
            return True
    return False
