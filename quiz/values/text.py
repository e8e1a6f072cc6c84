"""Free text answers: compared after folding, with a small typo counted as close."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz.distance import OSA

from quiz.values.common import Judgement, ValueParseError, drop_article, fold, typo_limit


@dataclass(frozen=True)
class TextValue:
    """A text answer.

    Attributes:
        text: The answer as written.
        key: The folded text without spaces or a leading article: two texts are the same
            answer when their keys are equal ("The Marshall Plan" and "marshall-plan").
    """

    text: str
    key: str = field(compare=False)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TextValue) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)

    def render(self) -> str:
        """The text as written."""
        return self.text

    def __str__(self) -> str:
        return self.text


def key_of(text: str) -> str:
    """The comparison key of any text: folded, no leading article, no spaces."""
    return drop_article(fold(text)).replace(" ", "")


def parse(text: str) -> TextValue:
    """Parse an author's text answer, or raise `ValueParseError` when it is blank."""
    key = key_of(text)
    if not key:
        raise ValueParseError("expected some words or digits")
    return TextValue(text=text.strip(), key=key)


def judge(expected: TextValue, response: str, shown: str) -> Judgement:
    """Compare a learner's text with the answer.

    Rules: equal after folding (case, accents, punctuation, spacing and a leading article
    never matter) is correct; within a few edits (the same limits as names) is close; any
    other text is wrong.
    """
    key = key_of(response)
    if key == expected.key:
        return Judgement("correct", f"Correct: {shown}.")
    if key and OSA.distance(key, expected.key, score_cutoff=3) <= typo_limit(len(expected.key)):
        return Judgement("close", f"Close, but check the spelling: {shown}.")
    return Judgement("wrong", f"The answer is {shown}.")
