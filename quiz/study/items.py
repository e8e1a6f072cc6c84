"""Per-item results of the questions that ask about several facts at once (`match`, `order`).

A match or order answer is several small answers: each pair, each position. `item_results`
turns the learner's response into one `ItemResult` per item — right or not, what they
gave, what is right, and the fact's own answer and explanation — so the feedback can show
a ✓ or ✗ for every item, and `response_text` turns it into words for the score history
("Lafayette → Which French general…") instead of indexes.
"""

from __future__ import annotations

from typing import Any

from quiz.facts import Deck
from quiz.questions import Question
from quiz.study.values import ItemResult


def _explains(question: Question, deck: Deck) -> list[str | None]:
    """The explanation of the fact behind each item of a question, by item index.

    Looked up by the fact ids the question keeps (`Question.item_facts`): finding them by
    their text walked every card of the deck, 0.1-0.4 s on the store thread per match or
    order answer at 20,000 facts, while the feedback waited.
    """
    explains: list[str | None] = []
    for fact_id in question.item_facts:
        explains.append(deck.fact(fact_id).explain if fact_id in deck else None)
    return explains + [None] * (len(question.items) - len(explains))


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
        explains = _explains(question, deck)
        right_name = {item: name for name, item in enumerate(question.solution)}
        given = _pairs(response)
        results = []
        for index, text in enumerate(question.items):
            name = given.get(index)
            right = question.options[right_name[index]] if index in right_name else "?"
            shown = question.options[name] if name is not None and 0 <= name < len(question.options) \
                else "nothing"
            results.append(ItemResult(
                item=text, given=shown, right=right, ok=name is not None and right_name.get(index) == name,
                explain=explains[index]))
        return tuple(results)
    if question.format == "order":
        explains = _explains(question, deck)
        order = [i for i in response if isinstance(i, int) and 0 <= i < len(question.items)] \
            if isinstance(response, (list, tuple)) else []
        results = []
        for position, right_index in enumerate(question.solution):
            given_index = order[position] if position < len(order) else None
            # What the learner put here, by its date: the item itself is listed at its own place.
            shown = f"the {question.dates[given_index]} one" if given_index is not None else "nothing"
            results.append(ItemResult(
                item=f"{question.dates[right_index]}", given=shown, right=question.items[right_index],
                ok=given_index == right_index, explain=explains[right_index]))
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
