"""Helpers shared by every answer kind: the parse error, verdicts and text folding.

Folding is how "case, accents, punctuation and spacing never matter" is done once for
all kinds: `fold` maps text to lower-case letters without accents, digits and single spaces.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Literal

from quiz.frozen import Frozen, Record
from quiz.patterns import LazyPattern

Verdict = Literal["correct", "close", "wrong"]
"""How a response compares with the answer."""

VERDICT_RANK: dict[str, int] = {"wrong": 0, "close": 1, "correct": 2}
"""Verdicts ordered from worst to best, to pick the best of several comparisons."""

MAX_RESPONSE = 2000
"""Responses are cut to this many characters before parsing: no answer is longer, and it
keeps every regular expression linear on hostile input."""


class ValueParseError(ValueError):
    """An author's answer could not be read as the kind it claims to be.

    The message is written for the deck author and says what was expected.
    """


class Judgement(Record):
    """A kind's verdict on one response, with one sentence of feedback for the learner."""

    verdict: Verdict
    feedback: str


# Letters that NFKD does not split into a base letter and an accent.
_LETTER_MAP = str.maketrans(
    {
        "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ß": "ss",
        "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th",
        "ı": "i", "&": " and ",
        # Apostrophes vanish so that O'Brien, O’Brien and OBrien fold alike.
        "'": "", "’": "", "‘": "", "`": "", "´": "", "ʼ": "",
    }
)
# Cyrillic and Greek letters that look like Latin ones (in either case). Inside a word
# that also has Latin letters they are a keyboard slip or a spoof ("Lіncoln" with a
# Cyrillic і), so they fold to the letter they imitate; a word wholly in another script
# keeps its letters. Folding works on lower case, so the lower-case forms are listed.
_LOOKALIKE_FROM = "аеорсухіјѕԁһӏвкмнтαβεζηικμνορτυχ"
_LOOKALIKE_TO = "aeopcyxijsdhlbkmhtabezhikmnoptyx"
_LOOKALIKES = str.maketrans(_LOOKALIKE_FROM, _LOOKALIKE_TO)
_LOOKALIKE_CHARS = frozenset(_LOOKALIKE_FROM)
_WORDS = LazyPattern(r"\w+")
# Every Unicode space is a plain space: tab, carriage return, vertical tab, form feed and
# every character above ASCII that `str.isspace` calls a space (no-break, Ogham, the en to
# hair spaces, line and paragraph separators, narrow no-break, medium mathematical,
# ideographic), written out rather than found among 12,000 characters at each start. A new
# line (and U+0085, the old "next line") stays, as it separates list members.
_UNICODE_SPACES = ("\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
                   "\u200a\u2028\u2029\u202f\u205f\u3000")
_SPACE_MAP = str.maketrans(dict.fromkeys("\t\r\x0b\x0c" + _UNICODE_SPACES, " "))
# Any letter or digit of any script survives ("Юрий Гагарин" folds to "юрий гагарин").
_NON_WORD = LazyPattern(r"[\W_]+")


def ascii_table(keep: str = "") -> bytes:
    """A `bytes.translate` table for ASCII text: letters lower-cased, digits and the
    characters of ``keep`` kept, everything else (what `_NON_WORD` matches) a space."""
    return bytes(
        ord(chr(c).lower()) if chr(c).isalnum() or chr(c) in keep else ord(" ") if c < 128 else c
        for c in range(256)
    )


_ASCII_FOLD = ascii_table()
_CONTROL = LazyPattern(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def clean(text: str) -> str:
    """Make a learner's response safe to parse: no control or direction marks, bounded.

    Args:
        text: The response as typed (any string at all).

    Returns:
        The response without control characters or bidirectional marks, cut to
        `MAX_RESPONSE` characters and stripped of surrounding space.
    """
    if not isinstance(text, str):
        text = str(text)
    text = text[:MAX_RESPONSE]
    if text.isascii() and text.isprintable():  # the common case: nothing to take out
        return text.strip()
    return _CONTROL.sub("", text.translate(_SPACE_MAP)).strip()


def spaces(text: str) -> str:
    """Every Unicode space in ``text`` made a plain space (new lines kept)."""
    return text if text.isascii() else text.translate(_SPACE_MAP)


def unspoof(text: str) -> str:
    """Fold lower-case Cyrillic and Greek look-alikes inside words that also hold Latin letters."""
    if text.isascii() or _LOOKALIKE_CHARS.isdisjoint(text):
        return text

    def fix(match: re.Match[str]) -> str:
        word = match[0]
        if any("a" <= c <= "z" for c in word):
            return word.translate(_LOOKALIKES)
        return word

    return _WORDS.sub(fix, text)


def quote(response: str, limit: int = 60) -> str:
    """A learner's response as feedback repeats it: one line, at most ``limit`` characters."""
    line = " ".join(response.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Fold text for comparison: no accents, case, punctuation or repeated spaces.

    Args:
        text: Any text.

    Returns:
        Lower-case letters and digits (of any script, Latin ones without accents)
        separated by single spaces.
    """
    if text.isascii():  # the common case: no accents, look-alikes or odd spaces to undo
        if not text.isprintable():  # spacing controls separate words, as in `clean`
            text = _CONTROL.sub("", text.translate(_SPACE_MAP))
        if "&" in text or "'" in text or "`" in text:  # the ASCII letters _LETTER_MAP changes
            text = text.translate(_LETTER_MAP)
        # Lower case and `_NON_WORD` in one bytes translation (several times faster than
        # the regex, or than str.translate, which looks each character up in a dict).
        return b" ".join(text.encode().translate(_ASCII_FOLD).split()).decode()
    # Other control characters vanish rather than separate words, as they do in `clean`.
    # Printable text has none of them, nor a space to map: a first question's accented
    # names then never compile `_CONTROL` (0.6-1.2 ms: a large class of characters).
    if not text.isprintable():
        text = _CONTROL.sub("", text.translate(_SPACE_MAP))
    text = unicodedata.normalize("NFKD", text.translate(_LETTER_MAP))
    text = unspoof("".join(c for c in text if not unicodedata.combining(c)).casefold())
    return _NON_WORD.sub(" ", text).strip()


@lru_cache(maxsize=4096)
def fold_answer(text: str) -> str:
    """`fold` for an author's answer text, cached apart from the responses folded by
    `fold`: an answer is folded once however many responses are graded against it."""
    return fold.__wrapped__(text)


class Keyed(Frozen, fields=("text", "key")):
    """A value written as words and compared by its folded key (names and text).

    Attributes:
        text: The value as the author wrote it.
        key: The comparison key: two values of one type are equal when their keys are.
    """

    text: str
    key: str

    def __init__(self, text: str, key: str) -> None:
        object.__setattr__(self, "__dict__", {"text": text, "key": key})

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.key == self.key  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self.key)

    def render(self) -> str:
        """The value as written."""
        return self.text

    def __str__(self) -> str:
        return self.text


ARTICLES = frozenset({"the", "a", "an"})


def drop_article(folded: str) -> str:
    """Remove one leading "the", "a" or "an" from folded text (keeping a lone article)."""
    head, _, rest = folded.partition(" ")
    return rest if head in ARTICLES and rest else folded


def edits(a: str, b: str, cutoff: int) -> int:
    """How many edits turn ``a`` into ``b`` (a letter added, dropped or changed, or two
    neighbours swapped), or ``cutoff + 1`` when it takes more than ``cutoff``.

    Most comparisons are of plainly different names, which their letters settle: an edit
    leaves at most one more letter of either word unpaired with an equal letter of the
    other (a swap none), so words with more than ``cutoff`` unpaired letters are further
    apart than that. Short words are measured here (`_short_edits`, microseconds); only
    longer ones ask rapidfuzz's edit distance, and rapidfuzz is imported then: a first
    question seldom needs it (its ~10 ms import was most of a first question's grading of
    distractors on the bundled decks), and the study service loads it in the background
    once a question is on screen.
    """
    if abs(len(a) - len(b)) > cutoff or _unpaired_letters(a, b) > cutoff:
        return cutoff + 1
    if len(a) <= SHORT_WORD and len(b) <= SHORT_WORD:
        return _short_edits(a, b, cutoff)
    from rapidfuzz.distance.OSA import distance

    return distance(a, b, score_cutoff=cutoff)


SHORT_WORD = 16
"""Words up to this long are measured by `_short_edits`; longer ones by rapidfuzz."""


def _short_edits(a: str, b: str, cutoff: int) -> int:
    """rapidfuzz's ``OSA.distance(a, b, score_cutoff=cutoff)`` (the optimal string alignment
    distance, or ``cutoff + 1`` when above it), row by row: for short words it takes a few
    microseconds and no import. Tests check that both always agree."""
    before: list[int] = []
    above = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        row = [i]
        for j, y in enumerate(b, 1):
            best = min(above[j] + 1, row[j - 1] + 1, above[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                best = min(best, before[j - 2] + 1)
            row.append(best)
        before, above = above, row
    return above[-1] if above[-1] <= cutoff else cutoff + 1


def _unpaired_letters(a: str, b: str) -> int:
    """The letters of ``a``, or of ``b`` if more, left when each letter is paired with an
    equal letter of the other word (the "bag distance", a lower bound of the edit distance)."""
    count = Counter(a)
    count.subtract(b)
    extra = missing = 0
    for n in count.values():
        if n > 0:
            extra += n
        else:
            missing -= n
    return max(extra, missing)


def typo_limit(length: int) -> int:
    """How many edits still count as a typo in a word of ``length`` letters.

    Short words get none: "Lee" and "Lea", "Ride" and "Rice" are different names, not a
    slip of the finger.
    """
    if length <= 4:
        return 0
    if length <= 7:
        return 1
    if length <= 12:
        return 2
    return 3


def ordinal(n: int) -> str:
    """The English ordinal of ``n`` in digits: 1st, 2nd, 3rd, 11th, 22nd."""
    if 10 <= abs(n) % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(abs(n) % 10, "th")
    return f"{n}{suffix}"


def best(*judgements: Judgement) -> Judgement:
    """The most favourable judgement; the first one wins a tie."""
    return max(judgements, key=lambda j: VERDICT_RANK[j.verdict])
