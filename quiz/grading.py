"""Grading: a learner's response and a fact's answer become a `Grade`.

The verdict rules of each kind live with the kind in `quiz.values`; this module adds what
is common to all: a blank response, or one that says "I don't know", is wrong, the author's ``accept:`` entries count as
correct, and the best of the comparisons wins. Grading never raises, whatever the string.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from quiz.facts import Answer, Fact, Kind
from quiz.frozen import Frozen
from quiz.values import ValueParseError, compare, parse
from quiz.values.claims import dont_know
from quiz.values.common import VERDICT_RANK, Judgement, Verdict, clean, fold, fold_answer, quote
from quiz.values.text import TextValue
from quiz.values.text import parse as parse_text

__all__ = ["Grade", "Verdict", "grade", "grade_answer"]


class Grade(Frozen, fields=("verdict", "feedback", "expected", "response")):
    """The verdict on one response.

    Attributes:
        verdict: "correct", "close" or "wrong".
        feedback: One sentence for the learner, such as
            "Close: you wrote 19.5 billion; the answer is $19.3 billion."
        expected: The answer as the author wrote it (list members joined by commas).
        response: The response as given.
    """

    verdict: Verdict
    feedback: str
    expected: str
    response: str

    def __init__(self, verdict: Verdict, feedback: str, expected: str, response: str) -> None:
        # Each field written once into the instance (object.__setattr__ for each, as a
        # frozen dataclass does, is a noticeable share of grading one response).
        fields = self.__dict__
        fields["verdict"], fields["feedback"], fields["expected"], fields["response"] = (
            verdict, feedback, expected, response)

    @property
    def correct(self) -> bool:
        """Whether the verdict is "correct"."""
        return self.verdict == "correct"


def grade(fact: Fact, response: str, blank: int = 0) -> Grade:
    """Grade a response to one card of a fact.

    Args:
        fact: The fact asked.
        response: What the learner typed (any string; never raises).
        blank: Which answer of a statement with several blanks; 0 for a question.

    Raises:
        IndexError: When ``blank`` is not one of the fact's blanks.
    """
    return grade_answer(fact.answers[blank], response)


def grade_answer(answer: Answer, response: str) -> Grade:
    """Grade a response against one `Answer` (see `grade`)."""
    shown = answer.display
    if not isinstance(response, str):
        response = "" if response is None else str(response)
    if not clean(response) or (dont_know(response) and not _is_answer(answer, response)):
        # "no idea", "idk" and "?" say what an empty answer says.
        return Grade("wrong", f"No answer given; the answer is {shown}.", shown, response)
    judgement = _judge(answer.kind, _value(answer), response, shown, answer)
    if judgement.verdict != "correct":
        for accepted in answer.accept:
            kind, value = _accepted_value(answer.kind, accepted)
            other = _judge(kind, value, response, accepted, answer)
            if other.verdict == "correct":
                judgement = Judgement("correct", f"Correct: {shown}.")
                break
            if VERDICT_RANK[other.verdict] > VERDICT_RANK[judgement.verdict]:
                judgement = Judgement(other.verdict, other.feedback)
    return Grade(judgement.verdict, _repeating(judgement.feedback, response, shown), shown, response)


def _repeating(feedback: str, response: str, shown: str) -> str:
    """Feedback that repeats what the learner wrote, also when it was right in another
    form ("Correct: you wrote MDCCLXXVIII; the answer is 1778.")."""
    plain = f"Correct: {shown}"
    if not feedback.startswith(plain) or fold(response) == fold_answer(shown):
        return feedback
    return f"Correct: you wrote {quote(clean(response))}; the answer is {shown}{feedback[len(plain):]}"


def _is_answer(answer: Answer, response: str) -> bool:
    """Whether a response that reads as "I don't know" is the answer's own text ("None")."""
    folded = fold(response)
    return any(fold_answer(text) == folded for text in (answer.display, *answer.accept))


def _judge(kind: Kind, value: Any, response: str, shown: str, answer: Answer) -> Judgement:
    return compare(
        kind,
        value,
        response,
        shown,
        tolerance=answer.tolerance,
        category=answer.category,
        ordered=answer.ordered,
    )


def _value(answer: Answer) -> Any:
    """The parsed answer: the loader's, or parsed here (cached) when it gave none."""
    if answer.value is not None:
        return answer.value
    return _parsed(answer.kind, answer.text)[1]


def _accepted_value(kind: Kind, text: str) -> tuple[Kind, Any]:
    """An ``accept:`` entry parsed as the answer's kind, or as text when it is not one."""
    return _parsed(kind, text)


@lru_cache(maxsize=4096)
def _parsed(kind: Kind, text: str | tuple[str, ...]) -> tuple[Kind, Any]:
    """Parse once per (kind, text); fall back to plain text so grading never fails."""
    try:
        return kind, parse(kind, text)
    except ValueParseError:
        joined = ", ".join(text) if isinstance(text, tuple) else text
        try:
            return "text", parse_text(joined)
        except ValueParseError:
            return "text", TextValue(text=joined, key=joined)
