"""Free text answers: compared after folding; a small typo, or a shorter answer that keeps
the key content, is close."""

from __future__ import annotations

from functools import lru_cache

from quiz.values.aliases import american, spelled
from quiz.values.common import Judgement, Keyed, ValueParseError, drop_article, edits, fold, fold_answer, quote, typo_limit


class TextValue(Keyed):
    """A text answer.

    Attributes:
        text: The answer as written.
        key: The folded text without spaces or a leading article: two texts are the same
            answer when their keys are equal ("The Marshall Plan" and "marshall-plan").
    """


def key_of(text: str) -> str:
    """The comparison key of any text: folded, no leading article, no spaces."""
    return drop_article(fold(text)).replace(" ", "")


def parse(text: str) -> TextValue:
    """Parse an author's text answer, or raise `ValueParseError` when it is blank."""
    key = key_of(text)
    if not key:
        raise ValueParseError("expected some words or digits")
    return TextValue(text=text.strip(), key=key)


_STOPWORDS = frozenset(
    "a an the of to in on at by for from with as and or but is was are were be been its it "
    "this that these those their his her our your my into onto over under than then so".split()
)


def _content(text: str) -> list[str]:
    """The words that carry a text's meaning: no small words or single letters, British
    spellings made American, a plural or possessive "s" taken off ("ambassador's")."""
    words = []
    for word in fold(text).split():
        if len(word) < 2 or word in _STOPWORDS:
            continue
        word = american(word)
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.append(word)
    return words


@lru_cache(maxsize=4096)
def _answer_forms(shown: str) -> tuple[str, tuple[str, ...]]:
    """An answer's words in American spelling, joined, and its content words: worked out
    once per answer, not once per response."""
    return spelled(tuple(fold_answer(shown).split())), tuple(_content(shown))


def _found(word: str, among: list[str] | tuple[str, ...]) -> bool:
    """Whether ``word`` is one of ``among``, allowing a typo as names do."""
    return any(
        word == other or edits(word, other, 2) <= typo_limit(len(other))
        for other in among
    )


def judge(expected: TextValue, response: str, shown: str) -> Judgement:
    """Compare a learner's text with the answer.

    Rules: equal after folding (case, accents, punctuation, spacing and a leading article
    never matter), or in the other of British and American spelling, is correct; within a
    few edits (the same limits as names) is close. A shorter answer that keeps the
    answer's key content is close: every meaningful word of it is in the answer, and it
    has at least two of them and a third of the answer's ("ambassador's residence" for "the
    official residence of the U.S. Ambassador to Belgium"); so is the answer's words in
    another order. Any other text is wrong. The feedback repeats what the learner wrote.
    """
    key = key_of(response)
    if key == expected.key:
        return Judgement("correct", f"Correct: {shown}.")
    shown_spelled, meant = _answer_forms(shown)
    if key and spelled(tuple(fold(response).split())) == shown_spelled:
        return Judgement("correct", f"Correct: {shown}.")
    you = quote(response)
    if key and edits(key, expected.key, 3) <= typo_limit(len(expected.key)):
        return Judgement("close", f"Close: you wrote {you}; check the spelling: {shown}.")
    said = _content(response)
    if said and meant and all(_found(w, meant) for w in said):
        if len(said) >= len(meant) and all(_found(w, said) for w in meant):
            return Judgement("close", f"Close: you wrote {you}; the answer is {shown}.")
        if len(set(said)) >= 2 and 3 * len(set(said)) >= len(set(meant)):
            return Judgement("close", f"Close: you wrote {you}, part of the answer: {shown}.")
    return Judgement("wrong", f"You wrote {you}; the answer is {shown}.")
