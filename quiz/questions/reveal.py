"""What gives an answer away: a prompt that shows it, and cards that show each other's.

A card *reveals itself* when its own words hold its answer ("…Lafayette…" in a question
about Lafayette), or, for a date, state an offset from a date they give ("sixteen days
before Voyager 1, which followed on September 5, 1977"). Such a card is asked in no format
(`formats_for`) and the linter warns about it.

Two cards are *related* when they share an answer, or one's words (its prompt with its own
blank hidden, or its ``explain:``) show the other's answer. `related_cards` lists a card's
relations, found through an index of answers by their words, so it costs a few dictionary
look-ups per card and never a scan of the deck; the study queue keeps related cards apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from quiz.facts import BLANK_SHOWN, Answer, Deck, Fact
from quiz.questions.index import Card, category_of, index_for
from quiz.questions.window import context_text, dates_in
from quiz.values.common import fold

CardRef = tuple[str, int]
"""A card of one deck: fact id and blank."""

LONGEST = 8
"""The most words of an answer form looked up in a text."""

_OFFSET = re.compile(
    r"\b(?:\w+|\d+) (?:days?|weeks?|months?|years?|decades?) (?:before|after|earlier|later)\b"
    r"|\bto the day (?:before|after)\b|\ba (?:day|week|month|year|decade) (?:before|after|earlier|later)\b",
    re.IGNORECASE)
_WORD = re.compile(r"[0-9a-z]+(?:['’.-][0-9a-z]+)*")
_STOP = frozenset("""the a an of in on at to for from with by and or which what who whom
    whose when where did does do was were is are its his her their this that these those
    into over under after before during than more less most least about""".split())


def shown_forms(answer: Answer) -> list[str]:
    """What a learner recognises as the answer: the answer, accepted forms, list members and,
    for a person, the surname."""
    forms = [answer.display, *answer.accept]
    if isinstance(answer.text, tuple):
        forms += list(answer.text)
    surname = getattr(answer.value, "surname", None)
    if surname and category_of(answer) == "person":
        forms.append(surname)
    return [f for f in forms if f.strip()]


def contains(haystack: str, needle: str) -> bool:
    """``needle`` as whole words in ``haystack``, both folded; short non-digits never count."""
    hay, pin = fold(haystack), fold(needle)
    if len(pin) < 3 and not pin.isdigit():
        return False  # "2%" or "US" are too short to tell from chance
    return re.search(rf"(?<![\w]){re.escape(pin)}(?![\w])", hay) is not None


def fixes_date(text: str) -> bool:
    """Whether ``text`` states an offset ("sixteen days before") from a date it gives."""
    return _OFFSET.search(text) is not None and bool(dates_in(text))


def reveals(text: str, answer: Answer) -> bool:
    """Whether ``text`` shows ``answer``, or fixes it when it is a date."""
    text = text.replace(BLANK_SHOWN, " ")
    if any(contains(text, form) for form in shown_forms(answer)):
        return True
    return answer.kind == "date" and fixes_date(text)


def reveals_itself(card: Card) -> bool:
    """Whether the card's own words give its answer away (see the module docstring)."""
    return reveals(context_text(card.fact, card.blank), card.answer)


def content_words(text: str) -> set[str]:
    """The words of ``text`` that can pair a name with a fact: 4+ letters, not function words."""
    return {w for w in _WORD.findall(fold(text)) if len(w) >= 4 and w not in _STOP}


# --- relations between cards --------------------------------------------------------------


def _key(text: str) -> str:
    return " ".join(_WORD.findall(fold(text)))


def _phrases(text: str) -> Iterator[str]:
    words = _WORD.findall(fold(text))
    for start in range(len(words)):
        for stop in range(start + 1, min(len(words), start + LONGEST) + 1):
            yield " ".join(words[start:stop])


def _answer_keys(deck: Deck) -> dict[str, list[CardRef]]:
    """Every card by the keys of its answer forms (built once per deck, kept in its index)."""
    index = index_for(deck)
    if index.answer_keys is None:
        keys: dict[str, list[CardRef]] = {}
        for fact in deck.facts:
            for blank, answer in enumerate(fact.answers):
                for form in shown_forms(answer):
                    key = _key(form)
                    if len(key) >= 3 or key.isdigit():
                        keys.setdefault(key, []).append((fact.id, blank))
        index.answer_keys = keys
    return index.answer_keys


def related_cards(deck: Deck, fact: Fact, blank: int = 0) -> frozenset[CardRef]:
    """The cards of other facts that share this card's answer, that its words (prompt and
    ``explain:``) reveal, or that its ``order``/``match`` questions show with their answers."""
    index = index_for(deck)
    cached = index.related.get((fact.id, blank))
    if cached is not None:
        return cached
    keys = _answer_keys(deck)
    found: set[CardRef] = set()
    for form in shown_forms(fact.answers[blank]):
        found.update(keys.get(_key(form), ()))
    words = " ".join(filter(None, [fact.prompt(blank).replace(BLANK_SHOWN, " "), fact.explain]))
    for phrase in _phrases(words):
        found.update(keys.get(phrase, ()))
    from quiz.questions.build import companions  # builders use this module: import late
    found.update((c.fact.id, c.blank) for c in companions(index, Card(fact, blank)))
    result = frozenset(ref for ref in found if ref[0] != fact.id)
    index.related[(fact.id, blank)] = result
    return result
