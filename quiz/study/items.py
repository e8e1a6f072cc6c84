"""Per-item results of the questions that ask about several facts at once (`match`, `order`).

A match or order answer is several small answers: each pair, each position. `item_results`
turns the learner's response into one `ItemResult` per item — right or not, what they
gave, what is right, and the fact's own answer and explanation — so the feedback can show
a ✓ or ✗ for every item, and `response_text` turns it into words for the score history
("Lafayette → Which French general…") instead of indexes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from quiz.facts import Deck, Fact
from quiz.questions import Question
from quiz.study.values import ItemResult


def _item_text(fact: Fact, blank: int) -> str:
    """A card as `order` and `match` list it (`quiz.questions.build.describe`)."""
    return " ".join(fact.prompt(blank).split())


def _facts_by_item(deck: Deck, items: Sequence[str]) -> dict[str, tuple[Fact, int]]:
    """The fact (and blank) behind each item text of a question."""
    wanted = set(items)
    found: dict[str, tuple[Fact, int]] = {}
    for fact in deck.facts:
        for blank in range(fact.blank_count):
            text = _item_text(fact, blank)
            if text in wanted and text not in found:
                found[text] = (fact, blank)
    return found


def _pairs(response: Any) -> dict[int, int]:
    """A match response as right-hand item index → name index (what the learner paired)."""
    given: dict[int, int] = {}
    for pair in response if isinstance(response, (list, tuple)) else ():
        if isinstance(pair, (list, tuple)) and len(pair) == 2:
            name, item = pair
            if isinstance(name, int) and isinstance(item, int):
                given.setdefault(item, name)
    return given


def item_results(question: Question, response: Any, deck: Deck) -> tuple[ItemResult, ...]:
    """One result per item of a `match` or `order` question; empty for other formats.

    ``response`` is what `Question.check` took: for `match` (name, item) index pairs, for
    `order` item indexes earliest first.
    """
    if question.format == "match":
        facts = _facts_by_item(deck, question.items)
        right_name = {item: name for name, item in enumerate(question.solution)}
        given = _pairs(response)
        results = []
        for index, text in enumerate(question.items):
            name = given.get(index)
            right = question.options[right_name[index]] if index in right_name else "?"
            shown = question.options[name] if name is not None and 0 <= name < len(question.options) \
                else "nothing"
            fact = facts.get(text)
            results.append(ItemResult(
                item=text, given=shown, right=right, ok=name is not None and right_name.get(index) == name,
                explain=fact[0].explain if fact else None))
        return tuple(results)
    if question.format == "order":
        facts = _facts_by_item(deck, question.items)
        order = [i for i in response if isinstance(i, int) and 0 <= i < len(question.items)] \
            if isinstance(response, (list, tuple)) else []
        results = []
        for position, right_index in enumerate(question.solution):
            given_index = order[position] if position < len(order) else None
            # What the learner put here, by its date: the item itself is listed at its own place.
            shown = f"the {question.dates[given_index]} one" if given_index is not None else "nothing"
            right = question.items[right_index]
            fact = facts.get(right)
            results.append(ItemResult(
                item=f"{question.dates[right_index]}", given=shown, right=right,
                ok=given_index == right_index, explain=fact[0].explain if fact else None))
        return tuple(results)
    return ()


def response_text(question: Question, response: Any) -> str | None:
    """A match or order response in words, for the score history; None for other formats."""
    if question.format == "match":
        given = _pairs(response)
        return "; ".join(
            f"{question.options[name]} → {question.items[item]}"
            for item, name in sorted(given.items())
            if 0 <= name < len(question.options) and 0 <= item < len(question.items))
    if question.format == "order" and isinstance(response, (list, tuple)):
        return " < ".join(question.items[i] for i in response
                          if isinstance(i, int) and 0 <= i < len(question.items))
    return None
