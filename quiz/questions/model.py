"""The `Question` value: what is shown, what is right, and `check` to grade a response.

A question is a frozen value made by `quiz.questions.make_question`. Its `check` takes
what the screen collects: typed text for ``recall`` and ``cloze``; the chosen option's
0-based index for ``choice`` and ``truefalse``; the items' indexes in time order for
``order``; ``(left, right)`` index pairs for ``match``. It never raises: a response of the
wrong shape is graded ``wrong`` with a sentence saying what was expected.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from typing import Any, Literal

from quiz.facts import Answer
from quiz.frozen import Frozen
from quiz.grading import Grade, grade_answer
from quiz.values.common import fold

Format = Literal["choice", "truefalse", "recall", "cloze", "order", "match"]
FORMATS: tuple[Format, ...] = ("choice", "truefalse", "recall", "cloze", "order", "match")
"""Every question format, in the stable order `formats_for` lists them."""

TRUE_FALSE = ("True", "False")
CLOSE_SHARE = 2 / 3
"""For ``order``: the share of pairs in the right order that still counts as close."""
MATCH_CLOSE_SHARE = 1 / 2
"""For ``match``: the share of right pairs that still counts as close."""


class QuestionError(ValueError):
    """A question cannot be made: unknown fact or format, or a format the card does not offer."""


_SHOWN = ("format", "deck_id", "fact_id", "blank", "prompt", "answer", "options",
          "correct_index", "statement", "items", "solution", "dates", "item_facts")
_SET = object.__setattr__


class Question(Frozen, fields=(*_SHOWN, "expected"), compared=_SHOWN, shown=_SHOWN):
    """One question about one card, ready to show and to grade.

    Attributes:
        format: "choice", "truefalse", "recall", "cloze", "order" or "match".
        deck_id: The deck's id.
        fact_id: The fact asked.
        blank: Which blank of a statement (0 for a question).
        prompt: What the learner reads: the question, a statement with a blank, the claim
            to judge, or the instruction for ``order`` and ``match``.
        answer: The right answer as the author wrote it, for feedback.
        options: The choices (``choice``), ("True", "False") (``truefalse``), the items to
            put in order (``order``) or the names to pair (``match``); empty otherwise.
        correct_index: The right option's index for ``choice`` and ``truefalse``.
        statement: For ``truefalse``, the statement shown (true or not).
        items: For ``order``, the items (the same as ``options``); for ``match``, the
            facts the names are paired with (the right-hand column).
        solution: For ``order``, the items' indexes in time order; for ``match``, the
            right-hand index of each name, by name index.
        dates: For ``order``, each item's date as written, by item index.
        item_facts: For ``order`` and ``match``, the id of the fact behind each item, by
            item index (its explanation is shown beside the item after the answer).
    """

    __slots__ = (*_SHOWN, "expected")
    format: Format
    deck_id: str
    fact_id: str
    blank: int
    prompt: str
    answer: str
    options: tuple[str, ...]
    correct_index: int | None
    statement: str | None
    items: tuple[str, ...]
    solution: tuple[int, ...]
    dates: tuple[str, ...]
    item_facts: tuple[str, ...]
    expected: Answer | None
    """The card's answer, for grading typed responses (not compared, not shown)."""

    def __init__(self, format: Format, deck_id: str, fact_id: str,  # noqa: A002
                 blank: int, prompt: str, answer: str, options: tuple[str, ...] = (),
                 correct_index: int | None = None, statement: str | None = None,
                 items: tuple[str, ...] = (), solution: tuple[int, ...] = (),
                 dates: tuple[str, ...] = (), item_facts: tuple[str, ...] = (),
                 expected: Answer | None = None) -> None:
        for name, value in (("format", format), ("deck_id", deck_id), ("fact_id", fact_id),
                            ("blank", blank), ("prompt", prompt), ("answer", answer),
                            ("options", options), ("correct_index", correct_index),
                            ("statement", statement), ("items", items),
                            ("solution", solution), ("dates", dates),
                            ("item_facts", item_facts), ("expected", expected)):
            _SET(self, name, value)

    def check(self, response: object) -> Grade:
        """Grade a response (see the module docstring for its shape per format)."""
        if self.format in ("recall", "cloze"):
            return self._check_typed(response)
        if self.format in ("choice", "truefalse"):
            return self._check_option(response)
        if self.format == "order":
            return self._check_order(response)
        return self._check_match(response)

    # -- typed ---------------------------------------------------------------------------
    def _grade(self, verdict: str, feedback: str, response: object) -> Grade:
        return Grade(verdict, feedback, self.answer, _shown(response))  # type: ignore[arg-type]

    def _check_typed(self, response: object) -> Grade:
        if self.expected is None:
            return self._grade("wrong", f"The answer is {self.answer}.", response)
        if not isinstance(response, str):
            return self._grade("wrong", f"Type the answer; it is {self.answer}.", response)
        return grade_answer(self.expected, response)

    # -- one option ----------------------------------------------------------------------
    def _option_index(self, response: object) -> int | None:
        """The option a response names: an index, its digits, or the option's own text."""
        if isinstance(response, bool):
            return None if self.format != "truefalse" else (0 if response else 1)
        if isinstance(response, int):
            return response if 0 <= response < len(self.options) else None
        if isinstance(response, str):
            text = fold(response)
            if text.isdigit():
                n = int(text)
                return n if 0 <= n < len(self.options) else None
            if self.format == "truefalse" and text in ("t", "yes", "y", "f", "no", "n"):
                return 0 if text in ("t", "yes", "y") else 1
            for i, option in enumerate(self.options):
                if fold(option) == text:
                    return i
        return None

    def _check_option(self, response: object) -> Grade:
        chosen = self._option_index(response)
        if chosen is None:
            return self._grade("wrong", f"Choose one of the {len(self.options)} options; "
                                        f"the answer is {self._right_option()}.", response)
        if chosen == self.correct_index:
            return self._grade("correct", f"Correct: {self._right_option()}.", response)
        if self.format == "truefalse":
            if self.correct_index == 0:
                return self._grade("wrong", f"It is true: the answer is {self.answer}.", response)
            return self._grade("wrong", f"It is false: the answer is {self.answer}.", response)
        return self._grade("wrong", f"You chose {self.options[chosen]}; the answer is {self.answer}.",
                           response)

    def _right_option(self) -> str:
        if self.format == "truefalse":
            return f"{TRUE_FALSE[self.correct_index or 0].lower()}, the answer is {self.answer}"
        return self.answer

    # -- order ---------------------------------------------------------------------------
    def _check_order(self, response: object) -> Grade:
        right = "; ".join(f"{self.dates[i]}: {self.items[i]}" for i in self.solution)
        order = _indexes(response)
        n = len(self.items)
        if order is None or sorted(order) != list(range(n)):
            return self._grade("wrong", f"Give each of the {n} items once, earliest first. "
                                        f"The right order: {right}", response)
        rank = {item: position for position, item in enumerate(self.solution)}
        pairs = n * (n - 1) // 2
        good = sum(rank[order[i]] < rank[order[j]] for i in range(n) for j in range(i + 1, n))
        if good == pairs:
            return self._grade("correct", f"Correct: {right}", response)
        verdict = "close" if good >= CLOSE_SHARE * pairs else "wrong"
        lead = "Close" if verdict == "close" else "Not quite"
        return self._grade(verdict, f"{lead}: {good} of {pairs} pairs in the right order. "
                                    f"The right order: {right}", response)

    # -- match ---------------------------------------------------------------------------
    def _check_match(self, response: object) -> Grade:
        right = "; ".join(f"{name} — {self.items[self.solution[i]]}" for i, name in enumerate(self.options))
        pairs = _pairs(response)
        n = len(self.options)
        if pairs is None or any(not (0 <= a < n and 0 <= b < len(self.items)) for a, b in pairs) \
                or len({a for a, _ in pairs}) != len(pairs) or len({b for _, b in pairs}) != len(pairs):
            return self._grade("wrong", f"Pair each name with one fact, each used once. "
                                        f"The right pairs: {right}", response)
        good = sum(self.solution[a] == b for a, b in pairs)
        if good == n:
            return self._grade("correct", f"Correct: all {n} pairs.", response)
        verdict = "close" if good >= MATCH_CLOSE_SHARE * n else "wrong"
        lead = "Close" if verdict == "close" else "Not quite"
        return self._grade(verdict, f"{lead}: {good} of {n} pairs right. The right pairs: {right}", response)


def _shown(response: object) -> str:
    """A response as text for the grade record, whatever its type."""
    if isinstance(response, str):
        return response
    return repr(response)[:200]


def _is_index(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _indexes(response: object) -> list[int] | None:
    """A sequence of indexes, or None when the response is not one."""
    if isinstance(response, (str, bytes)) or not isinstance(response, Iterable):
        return None
    items = list(islice(iter(response), 101))
    return items if len(items) <= 100 and all(_is_index(i) for i in items) else None


def _pairs(response: object) -> list[tuple[int, int]] | None:
    """A sequence of (left, right) index pairs (a dict of left → right too), or None."""
    if isinstance(response, dict):
        response = list(response.items())
    if isinstance(response, (str, bytes)) or not isinstance(response, Iterable):
        return None
    pairs: list[tuple[int, int]] = []
    for pair in islice(iter(response), 100):
        if isinstance(pair, (str, bytes)) or not isinstance(pair, Iterable):
            return None
        items = list(islice(iter(pair), 3))
        if len(items) != 2 or not all(_is_index(i) for i in items):
            return None
        pairs.append((items[0], items[1]))
    return pairs
