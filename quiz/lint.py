"""The deck linter: things that load fine but make poor questions (`quiz validate --strict`).

`lint_deck` returns warnings (`Problem` with ``severity="warning"``) at the line and column
of the fact concerned, one rule each:

- ``duplicate``: two cards with the same answer and nearly the same question;
- ``giveaway``: a question (or the rest of a statement) that contains its own answer, or a
  date it fixes by an offset from another date ("sixteen days before …, which followed on
  September 5, 1977"); such a card is not asked at all;
- ``quantifier``: a "more than / over / at least ___" (or "less than / under / nearly ___")
  figure with an author's distractor that keeps the statement true, or without three wrong
  options on the side that makes it false;
- ``unit``: a number without the unit, currency or tolerance its question implies;
- ``choice``: a fact written for multiple choice (it has ``distractors:``) that cannot get
  the three wrong options a choice needs;
- ``no-id``: a fact without ``id:`` (its progress is lost when it is reworded);
- ``distractor``: an author's distractor that would be graded as a right answer.

The rules only read the deck; they never change it. Each message names the fact and says
what to do, in the words of the README's deck guide.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator

from rapidfuzz import fuzz

from quiz import values
from quiz.facts import BLANK_SHOWN, Answer, Deck, Fact, Problem
from quiz.questions import formats_for
from quiz.questions.reveal import contains, fixes_date, shown_forms
from quiz.questions.window import quantifier_of
from quiz.values.common import fold
from quiz.values.lists import ListValue
from quiz.values.numbers import Quantity

__all__ = ["RULES", "lint_deck"]

NEAR_IDENTICAL = 88
"""rapidfuzz token-sort ratio (0–100) from which two prompts count as the same question."""

_LENGTH = re.compile(r"\bhow (?:long|far|old|tall|high|deep|wide|heavy|big|large)\b"
                     r"|\bwhat (?:distance|length|height|depth|width|area|weight|mass|duration|speed|size)\b",
                     re.IGNORECASE)
_MONEY = re.compile(r"\bhow much\b.*\b(?:cost|costs|spend|spent|export|exported|import|imported|"
                    r"invest|invested|pay|paid|worth|budget|price|earn|earned|raise|raised|sold|"
                    r"sell|trade|fund|funding|dollars?|euros?|money)\b", re.IGNORECASE)
_PERCENT = re.compile(r"\b(?:what|which) (?:percent|percentage|share|proportion)\b"
                      r"|\bwhat percent\b|\bin percent\b", re.IGNORECASE)
_ROUGHLY = re.compile(r"\b(?:about|approximately|roughly|around|nearly|estimated?|some)\b\s+(?:how|what)"
                      r"|\bhow many\b.*\b(?:about|approximately|roughly)\b|\bto the nearest\b",
                      re.IGNORECASE)
_UNIT_IN_QUESTION = re.compile(r"\bin (?:years|months|weeks|days|hours|minutes|seconds|"
                               r"kilomet(?:er|re)s|km|miles|met(?:er|re)s|feet|kilograms|kg|tons|"
                               r"tonnes|pounds|dollars|euros|percent|degrees|light[- ]years)\b",
                               re.IGNORECASE)


def _where(fact: Fact, blank: int) -> str:
    return f"fact `{fact.id}`" + (f" (blank {blank + 1})" if fact.blank_count > 1 else "")


def _cards(deck: Deck) -> Iterator[tuple[Fact, int, Answer]]:
    for fact in deck.facts:
        for blank, answer in enumerate(fact.answers):
            yield fact, blank, answer


def _warning(deck: Deck, fact: Fact, message: str) -> Problem:
    return Problem(fact.path or deck.path, fact.line or 1, fact.column or 1, message, "warning")


# --- rules ------------------------------------------------------------------------------


def duplicates(deck: Deck) -> list[Problem]:
    """Two cards with equivalent answers whose prompts are nearly identical."""
    groups: dict[tuple[str, str], list[tuple[Fact, int, Answer]]] = defaultdict(list)
    for fact, blank, answer in _cards(deck):
        try:
            key = fold(values.render(answer.kind, answer.value))
        except (AttributeError, TypeError, ValueError):
            key = fold(answer.display)
        groups[(answer.kind, key)].append((fact, blank, answer))
    found = []
    for cards in groups.values():
        for n, (fact, blank, answer) in enumerate(cards):
            prompt = fold(fact.prompt(blank))
            for other, other_blank, _ in cards[:n]:
                if other.id == fact.id:
                    continue
                if fuzz.token_sort_ratio(prompt, fold(other.prompt(other_blank))) >= NEAR_IDENTICAL:
                    found.append(_warning(deck, fact, (
                        f"{_where(fact, blank)} asks nearly the same as `{other.id}` (line "
                        f"{other.line}) with the same answer `{answer.display}`; merge them or "
                        "make each ask something of its own")))
                    break
    return found


def giveaways(deck: Deck) -> list[Problem]:
    """A prompt that shows its own answer (a statement's other blanks are filled in), or
    fixes its date by an offset from a date it gives."""
    found = []
    for fact, blank, answer in _cards(deck):
        prompt = fact.prompt(blank).replace(BLANK_SHOWN, " ")
        where = "the rest of the statement" if fact.is_statement else "the question"
        form = next((f for f in shown_forms(answer) if contains(prompt, f)), None)
        if form is not None:
            found.append(_warning(deck, fact, (
                f"{_where(fact, blank)} gives its answer away: {where} contains `{form}`; "
                "reword it, or blank the other mention too")))
        elif answer.kind == "date" and fixes_date(prompt):
            found.append(_warning(deck, fact, (
                f"{_where(fact, blank)} gives its answer away: {where} fixes the date by an "
                "offset from a date it shows; drop the offset or the other date")))
    return found


def quantifiers(deck: Deck) -> list[Problem]:
    """A quantified figure ("more than X") whose wrong options would keep the statement true."""
    found = []
    for fact, blank, answer in _cards(deck):
        side = quantifier_of(fact, blank)
        value = answer.value
        if not side or not isinstance(value, Quantity):
            continue
        word, other = ("more than", "larger") if side > 0 else ("less than", "smaller")
        for distractor in answer.distractors:
            try:
                got = values.parse("number", distractor)
            except values.ValueParseError:
                continue
            if isinstance(got, Quantity) and (got.amount - value.amount) * side <= 0:
                found.append(_warning(deck, fact, (
                    f"{_where(fact, blank)}: `{answer.display}` reads as {word} that figure, so "
                    f"distractor `{distractor}` would make the statement true too; use {other} "
                    "figures")))
                break
        else:
            if "choice" not in formats_for(deck, fact, blank):
                found.append(_warning(deck, fact, (
                    f"{_where(fact, blank)}: `{answer.display}` reads as {word} that figure and "
                    f"cannot get three {other} wrong options, so it is never asked as multiple "
                    f"choice; give three {other} `distractors:`")))
    return found


def units(deck: Deck) -> list[Problem]:
    """Numbers whose question implies a unit, a currency, a percentage or a tolerance."""
    found = []
    for fact, blank, answer in _cards(deck):
        value = answer.value
        if answer.kind != "number" or not isinstance(value, Quantity) or fact.question is None:
            continue
        question = fact.question
        bare = value.unit is None and value.currency is None and not value.percent
        named = _UNIT_IN_QUESTION.search(question) is not None
        message = None
        if _LENGTH.search(question) and bare and not named:
            message = (f"asks {_LENGTH.search(question).group(0).lower()} but `{answer.display}` "  # type: ignore[union-attr]
                       "has no unit; write it in the answer (384,400 km) or in the question "
                       "(in kilometres)")
        elif _MONEY.search(question) and value.currency is None and not named:
            message = (f"asks how much money but `{answer.display}` has no currency; write it "
                       "as $19.3 billion, €5 million, …")
        elif _PERCENT.search(question) and not value.percent:
            message = f"asks for a percentage but `{answer.display}` has no %; write it as 35%"
        elif _ROUGHLY.search(question) and answer.tolerance is None:
            message = (f"asks for an approximate figure but `{answer.display}` has no "
                       "`tolerance:`; add one (2% or an amount) so near answers count as close")
        if message:
            found.append(_warning(deck, fact, f"{_where(fact, blank)} {message}"))
    return found


def choice_only(deck: Deck) -> list[Problem]:
    """Cards written for multiple choice (the author gave ``distractors:``) that cannot get
    the three wrong options a choice needs, so they are never asked that way."""
    found = []
    for fact, blank, answer in _cards(deck):
        if not answer.distractors or "choice" in formats_for(deck, fact, blank):
            continue
        found.append(_warning(deck, fact, (
            f"{_where(fact, blank)} has distractors but cannot get three wrong options, so it "
            "is never asked as multiple choice; give three `distractors:` of the same kind "
            "that differ from the answer and from each other")))
    return found


def missing_ids(deck: Deck) -> list[Problem]:
    """Facts without ``id:``: their derived id changes with the wording, and progress with it."""
    return [_warning(deck, fact, (
        f"fact `{fact.id}` has no `id:`; progress is kept by id, and this one is made from "
        f"the wording, so editing the text loses it: add `id: {fact.id}`"))
        for fact in deck.facts if not fact.id_given]


def accepted_distractors(deck: Deck) -> list[Problem]:
    """An author distractor that the grader would take as a right answer."""
    found = []
    for fact, blank, answer in _cards(deck):
        if isinstance(answer.value, ListValue):
            rights = [(m.kind, m.text) for m in answer.value.members] + \
                [(answer.value.members[0].kind, a) for a in answer.accept if answer.value.members]
        else:
            rights = [(answer.kind, answer.display)] + [(answer.kind, a) for a in answer.accept]
        for distractor in answer.distractors:
            same = next((right for kind, right in rights
                         if values.equivalent(kind, right, distractor)), None)  # type: ignore[arg-type]
            if same is not None:
                found.append(_warning(deck, fact, (
                    f"{_where(fact, blank)}: distractor `{distractor}` would be graded as the "
                    f"right answer `{same}`; remove it or replace it with a wrong one")))
    return found


RULES: dict[str, Callable[[Deck], list[Problem]]] = {
    "duplicate": duplicates,
    "giveaway": giveaways,
    "quantifier": quantifiers,
    "unit": units,
    "choice": choice_only,
    "no-id": missing_ids,
    "distractor": accepted_distractors,
}
"""Every rule by name, in the order their warnings are listed for one fact."""


def lint_deck(deck: Deck) -> list[Problem]:
    """Every warning of every rule, in file order (then rule order)."""
    warnings: list[tuple[int, int, int, Problem]] = []
    for order, rule in enumerate(RULES.values()):
        warnings.extend((p.line, p.column, order, p) for p in rule(deck))
    return [p for *_, p in sorted(warnings, key=lambda w: w[:3])]
