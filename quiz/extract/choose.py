"""Choosing what a statement asks: at most N blanks, the most testable first.

A sentence often holds more values than are worth a card each ("Between 1948 and 1952 the
United States gave about $13.3 billion in aid, roughly $150 billion in today's money").
Values are ranked by how testable they are — full dates and figures with their unit or
currency first, then months and years, bare numbers, and last the names the sentence is
about (people, treaties and organisations before places, countries last). The first N are
blanked in the sentence's statement; where it holds more, it is written again as a further
statement with the next N blanked (up to `MAX_STATEMENTS`), as a teacher writes one card
per fact rather than one per sentence; a further statement asks no country, rough span or
topic (`FURTHER`). Not blanked at all: a value the draft already asks in an earlier
statement (one card per value; a surname once the full name is asked), a value written
twice in its sentence (the other copy would give it away), a figure restated in another
unit in brackets ("82 kilometres (51 miles)"), and a topic of the document (a name in three
sentences or more) except once: where it is written in full, or else where there is room.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from quiz import values
from quiz.extract.figures import Value
from quiz.values.common import fold

__all__ = ["MAX_BLANKS", "MAX_STATEMENTS", "TOPIC_SENTENCES", "choose_blanks", "testability"]

MAX_BLANKS = 2
"""Blanks in one statement at most, by default (``quiz extract --blanks N``)."""
TOPIC_SENTENCES = 3
"""A name in this many sentences is a topic of the document and is blanked once."""
MAX_STATEMENTS = 3
"""Statements drafted from one sentence at most: a sentence with more values than one
statement's blanks is written again with the next ones blanked (`choose_blanks`)."""
FURTHER = 7
"""The weakest `testability` blanked in a further statement of a sentence: countries,
rough spans and topics are asked only in the first."""

_STRONG_CATEGORIES = frozenset({"person", "document", "organization", "event"})
_VAGUE = re.compile(r"\b(?:more than|over|nearly|almost|some|about|around|roughly|several|"
                    r"fewer than|less than)\s+$", re.IGNORECASE)


def testability(value: Value, topic: bool = False, before: str = "") -> int:
    """How worth asking a value is: 0 is the best (a full date), higher is weaker.

    Args:
        value: The value.
        topic: Whether it is a topic of the document (`TOPIC_SENTENCES`).
        before: The sentence's text before it.
    """
    if value.kind == "date":
        try:
            precision = values.parse("date", value.text).precision  # type: ignore[union-attr]
        except values.ValueParseError:
            return 3
        return {"day": 0, "month": 2}.get(precision, 3)
    if value.kind == "text":
        return 2 if re.search(r"\d{3}", value.text) else 3  # a span of years, else a day or a vote
    if value.kind == "number":
        if value.text[:1].isalpha() and _VAGUE.search(before):
            return 9  # "for more than three centuries": a span told roughly, not a fact
        if re.search(r"[$€£%]|[A-Za-z]{2,}", value.text) and not re.fullmatch(r"[A-Za-z-]+", value.text):
            return 1  # with its currency, scale or unit: "$13.3 billion", "363 miles"
        return 4 if value.text[:1].isdigit() else 5
    if topic:
        return 10
    strong = value.category in _STRONG_CATEGORIES or len(value.text.split()) > 1
    if value.category == "country":
        return 8
    return 6 if strong else 7


def _answer_key(value: Value) -> str:
    """What makes two values the same answer: a name's key, a date's or figure's rendering."""
    if value.kind == "name":
        return f"name:{value.key}"
    if value.kind in ("date", "number"):
        try:
            return f"{value.kind}:{values.render(value.kind, values.parse(value.kind, value.text))}"
        except values.ValueParseError:
            pass
    return f"{value.kind}:{value.text.casefold()}"


def _restates(text: str, value: Value, spotted: list[Value]) -> bool:
    """Whether a figure only restates the one before it in another unit or currency:
    "82 kilometres (51 miles)", "60 million francs (about $11.25 million)". Blanking it too
    would ask the same thing twice, each card giving the other away."""
    if value.kind != "number":
        return False
    return any(other.kind == "number" and other.end <= value.start and
               _RESTATEMENT.fullmatch(text[other.end:value.start]) for other in spotted)


_RESTATEMENT = re.compile(r"\s*[(\[]\s*(?:about|approximately|roughly|some|nearly|c\.|or|=)?\s*")


def _shows(text: str, value: Value) -> bool:
    """Whether the rest of the sentence shows the value's answer: the value itself written
    again, or a person's surname. A statement's other blanks are filled in when one is asked,
    so they count as shown (the same test as `quiz validate --strict`'s linter)."""
    rest = fold(text[:value.start] + " " + text[value.end:])
    forms = [value.text]
    if value.kind == "name" and value.category in (None, "person"):
        try:
            surname = values.parse("name", value.text).surname  # type: ignore[union-attr]
        except values.ValueParseError:
            surname = None
        if surname:
            forms.append(surname)
    for form in forms:
        pin = fold(form)
        if (len(pin) >= 3 or pin.isdigit()) and re.search(rf"(?<!\w){re.escape(pin)}(?!\w)", rest):
            return True
    return False


def choose_blanks(texts: list[str], found: list[list[Value]], counts: Counter[str],
                  limit: int = MAX_BLANKS) -> list[list[list[Value]]]:
    """For each sentence, its statements: the values each blanks, in sentence order (see
    the module docstring). The first statement blanks the ``limit`` most testable values,
    the next the ``limit`` after them, and so on up to `MAX_STATEMENTS`; a sentence with
    nothing to ask has none.

    Args:
        texts: The sentences of the document, in order.
        found: The values spotted in each (`spot_values`).
        counts: In how many sentences each name appears (`topics`).
        limit: Blanks in one statement at most.
    """
    def is_topic(value: Value) -> bool:
        return value.kind == "name" and counts[value.key] >= TOPIC_SENTENCES

    # A topic is asked first where it is written in full ("President Thomas Jefferson"), if
    # that statement has room for it; else where a statement has room (`_topic_homes`).
    full: dict[str, tuple[int, int, int]] = {}
    for number, (text, spotted) in enumerate(zip(texts, found)):
        for value in spotted:
            if is_topic(value) and not _shows(text, value) and \
                    len(value.text) > full.get(value.key, (-1, 0, 0))[0]:
                full[value.key] = (len(value.text), number, value.start)

    asked: set[str] = set()
    picked: list[list[Value]] = []
    most = limit * MAX_STATEMENTS
    for number, (text, spotted) in enumerate(zip(texts, found)):
        # A topic shown in every sentence that names it in full has no home here (`full`
        # lacks it): `_topic_homes` finds it one, or it is not asked.
        ranked = sorted((v for v in spotted if not is_topic(v) or
                         full.get(v.key, (0, -1, -1))[1:] == (number, v.start)),
                        key=lambda v: (testability(v, False, text[:v.start]), v.start))
        chosen: list[Value] = []
        for value in ranked:
            if len(chosen) >= most:
                break
            if _answer_key(value) in asked or _shows(text, value) or \
                    _restates(text, value, spotted):
                continue
            if value.kind == "name" and f"surname:{value.text.casefold()}" in asked:
                continue  # "Roosevelt" once "Theodore Roosevelt" is asked
            if len(chosen) >= limit and testability(value, False, text[:value.start]) > FURTHER:
                continue  # a country or a rough span is no reason to write the sentence again
            chosen.append(value)
            asked.add(_answer_key(value))
            if value.kind == "name" and len(value.text.split()) > 1:
                asked.add(f"surname:{value.text.split()[-1].casefold()}")
        picked.append(chosen)
    for number, value in _topic_homes(texts, found, picked, lambda v: is_topic(v) and
                                      _answer_key(v) not in asked, limit):
        picked[number].append(value)
    return [[sorted(chosen[at:at + limit], key=lambda v: v.start)
             for at in range(0, len(chosen), limit)] for chosen in picked]


def _topic_homes(texts: list[str], found: list[list[Value]], picked: list[list[Value]],
                 is_topic: Callable[[Value], bool], limit: int) -> list[tuple[int, Value]]:
    """Where each topic name is blanked: its longest mention in a statement with room left,
    the first of equals.

    Statements that ask something else too are preferred: one whose only value is the
    topic ("the bond between the United States and France is unbreakable") makes a card
    that tests nothing but what the document is about. A mention written twice in its
    sentence is never the one blanked (the other would give it away).
    """
    mentions: dict[str, list[tuple[tuple[bool, int, int], int, Value]]] = {}
    for number, (text, spotted) in enumerate(zip(texts, found)):
        rich = any(not is_topic(v) for v in spotted)
        for value in spotted:
            if is_topic(value) and not _shows(text, value) and \
                    not any(v.start < value.end and value.start < v.end for v in picked[number]):
                rank = (rich, len(value.text), -number)
                mentions.setdefault(value.key, []).append((rank, number, value))
    # Only a sentence of one statement has room: a topic is asked in no further statement.
    room = [max(0, limit - len(chosen)) for chosen in picked]
    homes: list[tuple[int, Value]] = []
    for key in sorted(mentions, key=lambda k: max(mentions[k], key=lambda m: m[0])[1]):
        for _, number, value in sorted(mentions[key], key=lambda m: m[0], reverse=True):
            if room[number] > 0:
                room[number] -= 1
                homes.append((number, value))
                break
    return homes
