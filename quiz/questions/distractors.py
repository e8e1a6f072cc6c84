"""Wrong answers that look right: distractors of the answer's kind, unit, scale and precision.

Order of preference, for every kind: the author's ``distractors:``, then values taken from
the deck's other facts, then values made up (dates and numbers) or taken from a built-in
pool of common names (`quiz.questions.pools`). Every candidate passes `Picker.offer`: it
must grade ``wrong`` against the answer (so never an accepted answer, a surname alone or a
typo of the answer) and differ, after normalising, from the answer and every other option.
When three good ones cannot be found, fewer are returned and the caller offers no `choice`.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import TypeVar

from quiz import values
from quiz.facts import Answer
from quiz.grading import grade_answer
from quiz.questions.index import Card, DeckIndex, category_of, name_key
from quiz.questions.pools import pool_for
from quiz.questions.window import date_window, in_window, quantifier_of
from quiz.values.common import fold
from quiz.values.dates import DateValue
from quiz.values.numbers import Quantity

T = TypeVar("T")

SCAN_LIMIT = 48
"""How many random picks are tried in a large group before walking it in order."""

QUANTIFIER_MARGIN = Decimal("0.1")
"""How far past a "more than X" (or below a "nearly X") a wrong figure must lie."""


class Picker:
    """Collects distinct distractors for one answer, refusing any that is not plainly wrong."""

    def __init__(self, answer: Answer, want: int, fits: Callable[[str, object], bool] | None = None) -> None:
        self.answer = answer
        self.want = want
        self.fits = fits
        """What the fact itself demands of an option's value (see `option_rule`)."""
        self.chosen: list[str] = []
        self._keys: set[object] = {self._key(answer.display), fold(answer.display)}
        self._keys.update(self._key(a) for a in answer.accept)

    @property
    def full(self) -> bool:
        """Whether enough distractors have been found."""
        return len(self.chosen) >= self.want

    def _key(self, text: str) -> object:
        """What two options must not share: the parsed value, or the folded text."""
        kind = self.answer.kind
        if kind == "list":
            return ("list", tuple(sorted(name_key(m) for m, _ in values.lists.split(text))))
        try:
            value = values.parse(kind, text)
        except values.ValueParseError:
            return ("text", name_key(text))
        return (kind, value)

    def offer(self, text: str, same_year: bool = False) -> bool:
        """Take ``text`` as a distractor if it is new, plainly wrong and still wanted.

        ``same_year``: a date in the answer's own year is fine (another month of it grades
        ``close`` when typed, but is a fair wrong option when the window holds no other year).
        """
        text = text.strip()
        if self.full or not text:
            return False
        key, folded = self._key(text), fold(text)
        if key in self._keys or folded in self._keys:
            return False
        if self.fits is not None and not self.fits(text, key[1] if isinstance(key, tuple) else key):
            return False
        verdict = grade_answer(self.answer, text).verdict
        if verdict != "wrong" and not (same_year and verdict == "close"):
            return False
        if self.answer.kind == "name" and any(values.equivalent("name", text, c) for c in self.chosen):
            return False  # "Gaddafi" and "Muammar Gaddafi" would be the same option twice
        self._keys.update((key, folded))
        self.chosen.append(text)
        return True

    def offer_all(self, texts: Iterable[str]) -> None:
        """Offer each text in turn until enough are chosen."""
        for text in texts:
            if self.full:
                return
            self.offer(text)


def distractors(index: DeckIndex, card: Card, rng: random.Random, want: int = 3) -> list[str]:
    """Up to ``want`` distractors for a card, best first.

    Args:
        index: The deck's index.
        card: The card asked.
        rng: The question's seeded random generator.
        want: How many are wanted.

    Returns:
        Distinct distractor texts as they would be shown; fewer than ``want`` when no more
        good ones exist.
    """
    answer = card.answer
    picker = Picker(answer, want, option_rule(index, card))
    if answer.kind != "list":  # a list's distractors are members to swap in, not lists
        picker.offer_all(answer.distractors)
    if picker.full:
        return picker.chosen
    if answer.kind == "date":
        from quiz.questions.dated import date_distractors  # (a names deck needs neither)

        date_distractors(index, card, rng, picker)
    elif answer.kind == "number":
        from quiz.questions.figures import number_distractors

        number_distractors(index, card, rng, picker)
    elif answer.kind == "name":
        _name_distractors(index, card, rng, picker)
    elif answer.kind == "list":
        _list_distractors(index, card, rng, picker)
    # Free text has no safe source but the author: another fact's words would be nonsense.
    return picker.chosen


def option_rule(index: DeckIndex, card: Card) -> Callable[[str, object], bool] | None:
    """What a wrong option's parsed value must satisfy for this card, or None.

    A date stays at the answer's precision inside the fact's window (`date_window`); a
    figure after "more than / over / at least" lies above the answer and one after "less
    than / under / nearly" below it, or it would make the statement true; a name has the
    answer's shape (a proper name, or a common noun phrase like "joint statement of intent").
    """
    answer, value = card.answer, card.answer.value
    if isinstance(value, DateValue):
        window = date_window(index.deck, card.fact, card.blank)
        return lambda _text, got: isinstance(got, DateValue) and got.precision == value.precision \
            and in_window(window, got)
    if isinstance(value, Quantity):
        side = quantifier_of(card.fact, card.blank)
        if not side:
            return None
        edge = abs(value.amount) * QUANTIFIER_MARGIN
        if side > 0:
            return lambda _text, got: isinstance(got, Quantity) and got.amount >= value.amount + edge
        return lambda _text, got: isinstance(got, Quantity) and got.amount <= value.amount - edge
    if answer.kind == "name" and isinstance(answer.text, str):
        proper = _proper(answer.text)
        return lambda text, _got: _proper(text) == proper
    return None


def _proper(text: str) -> bool:
    """Whether a name reads as a proper name (capitalised) rather than a common noun phrase."""
    head, _, rest = text.strip().partition(" ")
    bare = rest if head.casefold() in ("the", "a", "an") and rest else text.strip()
    return bare[:1].isupper() or bare[:1].isdigit()


def sample_walk(items: Sequence[T], rng: random.Random) -> Iterator[T]:
    """The items in a seeded random order; for a large group random picks, then all in order.

    A large group is not shuffled whole (that would cost time for every question); the
    walk at the end keeps the result independent of luck when good items are rare.
    """
    if len(items) <= SCAN_LIMIT:
        order = list(items)
        rng.shuffle(order)
        yield from order
        return
    for _ in range(SCAN_LIMIT):
        yield items[rng.randrange(len(items))]
    start = rng.randrange(len(items))
    # One item at a time: the caller usually stops early, and an index's items are made
    # (their facts decoded) only when read.
    for n in range(start, len(items)):
        yield items[n]
    for n in range(start):
        yield items[n]


def name_sources(index: DeckIndex, answer: Answer) -> list[Sequence[str]]:
    """Where names like ``answer`` come from, best first: the deck's group, then the pool.

    A name of no known category has no source but its author: the deck's other
    uncategorised names mix rivers with treaties, and a mix reads as nonsense.
    """
    group = category_of(answer)
    if not group:
        return []
    deck_names = index.names.get(group, [])
    pool = pool_for(group or None, name_key(answer.display) if isinstance(answer.text, str) else "")
    return [deck_names, pool]


def _name_distractors(index: DeckIndex, card: Card, rng: random.Random, picker: Picker) -> None:
    for source in name_sources(index, card.answer):
        picker.offer_all(sample_walk(source, rng))
        if picker.full:
            return


def _list_distractors(index: DeckIndex, card: Card, rng: random.Random, picker: Picker) -> None:
    """Lists mixing the answer's members with as many look-alikes: "Marseille, Lyon".

    Options are drawn from the members and an equal number of substitutes, so no member
    shows up in most options: swapping one member per option would let the learner pick
    the answer by majority.
    """
    answer = card.answer
    members = list(answer.text) if isinstance(answer.text, tuple) else []
    if not members:
        return
    keys = {name_key(m) for m in members}
    substitutes: list[str] = []
    group = category_of(answer)
    sources: list[Sequence[str]] = [answer.distractors]
    if group:
        sources += [index.members.get(group, []), *name_sources(index, answer)]
    wanted = max(2, len(members))
    for source in sources:
        for text in sample_walk(source, rng):
            if len(substitutes) >= wanted:
                break
            key = name_key(text)
            if key and key not in keys and all(not values.equivalent("name", text, m) for m in members):
                keys.add(key)
                substitutes.append(text)
    if not substitutes:
        return
    everyone = members + substitutes
    size = len(members)
    for _ in range(12 * picker.want):
        if picker.full:
            return
        option = rng.sample(everyone, size)
        if any(m not in members for m in option):
            picker.offer(list_text(answer, option))


def list_text(answer: Answer, members: Sequence[str]) -> str:
    """A list option: members in alphabetical order unless the order is the question."""
    return ", ".join(members if answer.ordered else sorted(members, key=name_key))
