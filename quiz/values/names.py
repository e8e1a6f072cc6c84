"""Names of people, places and organisations.

Case, accents, punctuation, hyphens, apostrophes, spacing and a leading "the" never
matter: "Jean-Yves Le Drian", "jean yves le drian" and "JEAN-YVES LEDRIAN" are the same
name. For a person, the surname alone ("Le Drian", also without its particle: "Drian"),
or any of the person's names that include the surname ("Jean Le Drian", "J. Le Drian")
is correct; titles such as "President" or "General" are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz.distance import OSA

from quiz.values.common import Judgement, ValueParseError, drop_article, fold, typo_limit

PARTICLES = frozenset(
    "de da das do dos du des di del della der den van von ten ter le la les al el bin ibn "
    "ben bint st saint y e zu af".split()
)
"""Lower-case words that belong to a surname ("de Gaulle", "van Buren", "al-Assad")."""

_ROMAN = (
    "i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx xxi xxii xxiii "
    "xxiv xxv xxvi xxvii xxviii xxix xxx xxxi xxxii xxxiii xxxiv xxxv xxxvi xxxvii xxxviii "
    "xxxix"
).split()
ROMAN_OF: dict[str, str] = {str(i): r for i, r in enumerate(_ROMAN, start=1)}
"""Small whole numbers as Roman numerals: "World War 2" and "World War II" are one name."""

SUFFIXES = frozenset(["jr", "sr", *_ROMAN[1:]])
"""Generational and regnal endings; a name ending in one has no surname to stand alone."""

TITLES = frozenset(
    "mr mrs ms miss dr sir dame lord lady president general gen admiral adm colonel col "
    "captain capt king queen prince princess emperor empress pope senator sen governor gov "
    "chancellor minister premier marquis marquess count countess duke duchess baron "
    "secretary ambassador judge justice saint st rev reverend father".split()
)
"""Words before a name that say who someone is rather than who they are."""

NOT_PERSON = frozenset(
    "of and for treaty accord agreement act bank company corporation university college "
    "school river lake mount mountain sea ocean island islands bay city county state "
    "states republic kingdom empire union party army navy force forces council committee "
    "commission agency institute museum ministry department office war battle church "
    "cathedral tower bridge palace house street avenue square park airport station "
    "program programme project plan operation mission doctrine declaration convention "
    "conference summit alliance organization organisation association federation league "
    "group inc ltd llc corp co foundation center centre division regiment brigade corps "
    "fleet squadron battalion day revolution crisis affair incident festival games cup prize "
    "award law bill amendment constitution code system movement society hall falls crater "
    "deep desert strait canyon valley hotel hospital stadium".split()
)
"""Words that show a name is not a person's (used when the deck gives no category)."""

PLACE_STARTS = frozenset(
    "new los las san santa sao saint sainte le la el port fort mount lake cape north south "
    "east west upper lower great little puerto rio hong costa sri buenos".split()
)
"""First words that make a two-word name a place ("New York", "Le Havre"), not a person."""

GENERIC = frozenset(
    "mount mountain mountains lake river ocean sea city desert island islands strait of bay "
    "gulf cape canal peninsula province county republic kingdom falls crater".split()
)
"""Words naming the kind of place: "Kilimanjaro" is close to "Mount Kilimanjaro"."""

PERSON_CATEGORIES = frozenset({"person", "people", "leader", "author", "artist", "scientist"})

_ABBREVIATIONS = {"st": "saint", "mt": "mount", "ft": "fort", "ste": "sainte"}
_DOTTED_INITIALS = re.compile(r"\b((?:[A-Za-z]\.){2,})")


@dataclass(frozen=True)
class NameValue:
    """A name with the forms grading compares.

    Attributes:
        text: The name as written ("Jean-Yves Le Drian").
        key: The folded name without spaces or a leading "the" ("jeanyvesledrian"): two
            names are the same when their keys are equal.
        tokens: The folded words, titles and a leading "the" removed
            ("jean", "yves", "le", "drian").
        surname: The folded surname with its particles ("le drian") when the name reads as
            a person's (two to five words, no institutional word, not starting like a
            place such as "New" or "San", not ending in a regnal number), else None. Whether it may stand alone also depends on the fact's
            category; see `judge`.
    """

    text: str
    key: str = field(compare=False)
    tokens: tuple[str, ...] = field(compare=False)
    surname: str | None = field(default=None, compare=False)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NameValue) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)

    def render(self) -> str:
        """The name as written."""
        return self.text

    def __str__(self) -> str:
        return self.text


def tokens_of(text: str) -> tuple[str, ...]:
    """The folded words of a name, with St/Mt spelled out and leading titles and "the" dropped."""
    text = _DOTTED_INITIALS.sub(lambda m: m[1].replace(".", ""), text)
    words = [_ABBREVIATIONS.get(w, w) for w in drop_article(fold(text)).split()]
    while len(words) > 1 and words[0] in TITLES and words[0] not in ("saint", "st"):
        words.pop(0)
    if len(words) > 1 and words[-1] in ROMAN_OF:
        words[-1] = ROMAN_OF[words[-1]]
    return tuple(words)


def _numerals(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The parts of a name that are numbers: digits anywhere, a Roman numeral at the end."""
    found = tuple(t for t in tokens if any(c.isdigit() for c in t))
    if len(tokens) > 1 and tokens[-1] in _ROMAN:
        found += (tokens[-1],)
    return found


def _surname(tokens: tuple[str, ...], text: str) -> str | None:
    """The surname of a person-like name, with particles, or None."""
    core = list(tokens)
    while core and core[-1] in SUFFIXES and len(core) > 1:
        if core[-1] not in ("jr", "sr"):
            return None  # "Louis XVI": a regnal name has no surname
        core.pop()
    if not 2 <= len(core) <= 5 or any(t in NOT_PERSON or any(c.isdigit() for c in t) for t in core):
        return None
    if core[0] in PLACE_STARTS:
        return None
    if not any(c.isupper() for c in text):
        return None
    start = len(core) - 1
    while start > 1 and core[start - 1] in PARTICLES:
        start -= 1
    return " ".join(core[start:])


def parse(text: str) -> NameValue:
    """Parse an author's name, or raise `ValueParseError` when it has no letters or digits."""
    tokens = tokens_of(text)
    if not tokens:
        raise ValueParseError("expected a name such as Jean-Yves Le Drian or Strasbourg")
    return NameValue(text=text.strip(), key="".join(tokens), tokens=tokens, surname=_surname(tokens, text))


def is_person(value: NameValue, category: str | None) -> bool:
    """Whether the surname alone may stand for the name.

    True for a person category; with no category, for any name that reads as a person's
    (see `NameValue.surname`); never for places, organisations and other categories.
    """
    if value.surname is None:
        return False
    if category is None:
        return True
    return category.casefold() in PERSON_CATEGORIES


def _in_order(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Whether ``short`` is ``full`` with words left out; the start of a given name
    ("J", "Ben") stands for it, but the last word must be whole."""
    i = 0
    for n, word in enumerate(short):
        last = n == len(short) - 1
        while i < len(full) and not (
            full[i] == word or (not last and full[i].startswith(word))
        ):
            i += 1
        if i == len(full):
            return False
        i += 1
    return True


def judge(expected: NameValue, response: str, shown: str, category: str | None = None) -> Judgement:
    """Compare a learner's name with the answer.

    Rules: the same name after folding is correct; for a person (see `is_person`) the
    surname with or without its particles, or the name with some given names left out or
    shortened ("J. Le Drian", "Ben Franklin"), is correct; when the deck says the answer is
    a person, a fuller name that ends the same way ("Emmanuel Macron" for "Macron") is
    correct too. A typo within a few edits (1 for 5-7 letters, 2 for 8-12,
    3 beyond; none for 4 letters or fewer) of the name or, for a person, of the surname is
    close. A different name that merely shares letters or a first name is wrong.
    """
    tokens = tokens_of(response)
    if not tokens:
        return Judgement("wrong", f"The answer is {shown}.")
    key = "".join(tokens)
    if key == expected.key:
        return Judgement("correct", f"Correct: {shown}.")
    person = is_person(expected, category)
    surname = expected.surname if person else None
    if (
        category is not None
        and category.casefold() in PERSON_CATEGORIES
        and tokens[-1] == expected.tokens[-1]
        and _in_order(expected.tokens, tokens)
    ):
        return Judgement("correct", f"Correct: {shown}.")  # "Emmanuel Macron" for "Macron"
    if surname is not None:
        last = surname.split()[-1]
        surname_key = surname.replace(" ", "")
        if key in (surname_key, last) or (
            _in_order(tokens, expected.tokens) and tokens[-1] == expected.tokens[-1]
        ):
            return Judgement("correct", f"Correct: {shown}.")
    if surname is None and tokens == tuple(t for t in expected.tokens if t not in GENERIC):
        return Judgement("close", f"Close: the full name is {shown}.")
    if _numerals(tokens) != _numerals(expected.tokens):
        # Apollo 12 is not a misspelt Apollo 13, nor Louis XIV a misspelt Louis XVI.
        return Judgement("wrong", f"The answer is {shown}.")
    if OSA.distance(key, expected.key, score_cutoff=3) <= typo_limit(len(expected.key)):
        return Judgement("close", f"Close, but check the spelling: {shown}.")
    if surname is not None:
        surname_key = surname.replace(" ", "")
        if OSA.distance(key, surname_key, score_cutoff=3) <= typo_limit(len(surname_key)):
            return Judgement("close", f"Close, but check the spelling: {shown}.")
        if len(tokens) > 1 and tokens[-1] != expected.tokens[-1]:
            given = OSA.distance(tokens[-1], expected.tokens[-1], score_cutoff=3)
            if given <= typo_limit(len(expected.tokens[-1])) and _in_order(tokens[:-1], expected.tokens):
                return Judgement("close", f"Close, but check the spelling: {shown}.")
    return Judgement("wrong", f"The answer is {shown}.")
