"""What a response says about its value: a negation, a hedge or a qualifier is no answer.

"not 1778", "1789 or 1790" and "before 1778" each hold a value a kind can read, yet none
says the answer *is* that value. A teacher never marks them right, so grading looks at
these words before any kind reads the value:

- a **negation** (not, never, neither, nor, isn't, wasn't, …) denies rather than answers;
- a **hedge** names two values (`1789 or 1790`, `$19.3 billion or $20 billion`, `either X
  or Y`); "or so" and "more or less" only round a single value and are not hedges;
- a **qualifier** turns a date or a figure into a bound (`before 1778`, `after 1778`,
  `by 1778`, `more than 19 billion`, `at least 35%`, `between 1770 and 1780`).

Each counts only when the author's answer does not say it too: an answer written
"more than 600,000" may be given as "more than 600,000". Also here: the responses that
mean "I don't know" ("no idea", "idk", "?"), which are graded like an empty answer.
"""

from __future__ import annotations

import re

from quiz.patterns import LazyPattern
from quiz.values.common import Judgement, ascii_table, fold, fold_answer, quote

_NEGATION = frozenset(
    "not never neither nor no-one isnt wasnt arent werent didnt doesnt dont cant cannot "
    "wont hasnt havent hadnt couldnt wouldnt shouldnt aint".split()
)
_APPROXIMATION = LazyPattern(
    r"\b(?:or so|or thereabouts|more or less|(?:i am |im |i m )?not (?:sure|certain)|"
    r"(?:i )?(?:dont|do not) (?:know|remember)(?: exactly)?)\b"
)
"""Words that round a value or doubt one's memory ("not sure, 1778?") without denying it."""
_QUALIFIERS: tuple[LazyPattern, ...] = tuple(
    LazyPattern(rf"(?<=\s){pattern}(?=\s)")
    for name, pattern in (
        ("before", r"(?:before|prior to|earlier than|no later than|pre)"),
        ("after", r"(?:after|later than|no earlier than|post)"),
        ("until", r"(?:until|till|up to|by)"),
        ("more than", r"(?:(?:just |well |a little |slightly )?(?:over|above|more than|greater than|"
                      r"in excess of|upwards of|exceeding)|at least)"),
        ("less than", r"(?:(?:just |well |a little |slightly )?(?:under|below|less than|"
                      r"fewer than|short of)|at most)"),
        ("between", r"between"),
    )
)
_QUALIFIED_KINDS = frozenset({"date", "number"})
# Cheap first look: most responses hold none of these words (nor a word ending in "n't"
# or "nt"), and skip every other test.
_SUSPECT_WORDS = frozenset(
    "not never neither nor or before prior earlier later after pre post until till up by "
    "over above more greater excess upwards exceeding least under below less fewer short "
    "most between cannot".split()
)
_SUSPECT = LazyPattern(r"\b(?:" + "|".join(sorted(_SUSPECT_WORDS)) + r"|\w+n['’]?t)\b", re.IGNORECASE)
_ASCII_WORDS = ascii_table(keep="_")
"""Lower-cases ASCII and makes a space of what ends a regex word (\\w is letters, digits, "_")."""
_SUSPECT_BYTES = frozenset(word.encode() for word in _SUSPECT_WORDS)

DONT_KNOW = frozenset(
    {
        "idk", "dk", "dunno", "no idea", "i have no idea", "not sure", "im not sure",
        "i am not sure", "no clue", "i have no clue", "dont know", "i dont know",
        "do not know", "i do not know", "i dont remember", "dont remember", "i forget",
        "i forgot", "pass", "skip", "no answer", "none", "nothing", "unknown", "who knows",
        "no se", "je ne sais pas", "aucune idee",
    }
)
"""Folded responses that mean "I don't know"; a response of punctuation alone ("?") too."""


def dont_know(response: str) -> bool:
    """Whether a response says "I don't know" (or is only punctuation, like "?")."""
    folded = fold(response)
    return not folded or folded in DONT_KNOW


def _words(folded: str) -> str:
    """Folded words padded with spaces, approximations taken out."""
    return f" {_APPROXIMATION.sub(' ', folded)} "


def _suspect(response: str) -> bool:
    """Whether `_SUSPECT` finds a word in the response; for plain ASCII without an
    apostrophe (most responses) the same test by word lookup, without the regex."""
    if not response.isascii() or "'" in response:
        return _SUSPECT.search(response) is not None
    lower = response.encode().translate(_ASCII_WORDS)
    words = lower.split()
    if not _SUSPECT_BYTES.isdisjoint(words):
        return True
    return b"nt" in lower and any(len(w) > 2 and w.endswith(b"nt") for w in words)


def check(kind: str, response: str, answer: str) -> Judgement | None:
    """A "wrong" judgement when the response negates, hedges or qualifies and the answer does not.

    Args:
        kind: The answer's kind; qualifiers count for dates and numbers only ("by" and
            "over" are ordinary words in a name or a sentence).
        response: What the learner wrote.
        answer: The answer as the author wrote it, to quote and to compare words with.

    Returns:
        None when the response claims nothing beyond its value.
    """
    if not _suspect(response):
        return None
    said, meant = _words(fold(response)), _words(fold_answer(answer))
    you = quote(response)
    tokens = set(said.split())
    negation = next((w for w in said.split() if w in _NEGATION), None)
    if negation is not None and negation not in meant.split():
        return Judgement(
            "wrong", f"You wrote {you}: that says what the answer is not; the answer is {answer}."
        )
    if ("or" in tokens and "or" not in meant.split()) or ("either" in tokens and "or" in tokens):
        return Judgement(
            "wrong", f"You wrote {you}: that names more than one answer; the answer is {answer}."
        )
    if kind in _QUALIFIED_KINDS:
        for pattern in _QUALIFIERS:
            found = pattern.search(said)
            if found is not None and not pattern.search(meant):
                return Judgement(
                    "wrong",
                    f"You wrote {you}: “{found[0].strip()}” makes it a bound, not the answer; "
                    f"the answer is {answer}.",
                )
    return None
