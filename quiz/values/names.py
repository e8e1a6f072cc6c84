"""Names of people, places and organisations.

Case, accents, punctuation, hyphens, apostrophes, spacing and a leading "the" never
matter: "Jean-Yves Le Drian", "jean yves le drian" and "JEAN-YVES LEDRIAN" are the same
name. For a person, the surname alone ("Le Drian", also without its particle: "Drian"),
or any of the person's names that include the surname ("Jean Le Drian", "J. Le Drian")
is correct; titles such as "President" or "General" are ignored.
"""

from __future__ import annotations

from functools import lru_cache

from quiz.frozen import Record
from quiz.patterns import LazyPattern
from quiz.values.aliases import is_qualifier, other_names, same_place, spelled
from quiz.values.common import Judgement, Keyed, ValueParseError, drop_article, edits, fold, quote, typo_limit

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
_DOTTED_INITIALS = LazyPattern(r"\b((?:[A-Za-z]\.){2,})")


class NameValue(Keyed, fields=("text", "key", "tokens", "surname")):
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

    tokens: tuple[str, ...]
    surname: str | None

    def __init__(self, text: str, key: str, tokens: tuple[str, ...] = (),
                 surname: str | None = None) -> None:
        object.__setattr__(self, "__dict__", {"text": text, "key": key, "tokens": tokens,
                                              "surname": surname})


def tokens_of(text: str) -> tuple[str, ...]:
    """The folded words of a name, with St/Mt spelled out and leading titles and "the" dropped."""
    if "." in text:  # "F.T." -> "F T", never "ft" (fort)
        text = _DOTTED_INITIALS.sub(lambda m: m[1].replace(".", " "), text)
    words = [_ABBREVIATIONS.get(w, w) for w in drop_article(fold(text)).split()]
    while len(words) > 1 and words[0] in TITLES and words[0] not in ("saint", "st"):
        words.pop(0)
    if len(words) > 1 and words[-1] in ROMAN_OF:
        words[-1] = ROMAN_OF[words[-1]]
    return tuple(words)


def _numerals(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The parts of a name that are numbers: digits anywhere, a Roman numeral at the end."""
    found = tuple(t for t in tokens if not t.isalpha())
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
    return person_surname(value, category) is not None


def person_surname(value: NameValue, category: str | None) -> str | None:
    """The surname that may stand for the name (see `is_person`), or None.

    When the deck says the answer is a person, a name the reading of `NameValue.surname`
    doubts ("Bill Clinton": a bill is also a law) still has its last word as surname.
    """
    if category is None:
        return value.surname
    if category.casefold() not in PERSON_CATEGORIES:
        return None
    words = value.tokens
    if value.surname is None and 2 <= len(words) <= 5 and words[-1] not in SUFFIXES:
        start = len(words) - 1
        while start > 0 and words[start - 1] in PARTICLES:
            start -= 1
        return " ".join(words[start:])
    return value.surname


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


class _Expected(Record):
    """An answer's name with what `_match` compares worked out once per answer and
    category, not once per response."""

    value: NameValue
    spelled: str
    """The key in American spelling (`spelled`)."""
    surname: str | None
    """The surname that may stand alone (`person_surname`)."""
    surname_key: str
    last: str
    """The surname's last word ("drian")."""
    person: bool
    """Whether the deck's category names a person."""
    given: int
    """How many given names or initials the answer has before its surname, 0 for none."""
    numerals: tuple[str, ...]
    known: tuple[tuple[str, int], ...]
    """The keys a typo may be close to (the name and the place's other names), each with
    the edits it allows."""
    bare: tuple[str, ...]
    """The words without generic place words ("Kilimanjaro" for "Mount Kilimanjaro")."""
    words: frozenset[str]


@lru_cache(maxsize=4096)
def _prepare(tokens: tuple[str, ...], surname_read: str | None, category: str | None) -> _Expected:
    """`_Expected` for an answer name's words, its `NameValue.surname` and the category."""
    value = NameValue(text=" ".join(tokens), key="".join(tokens), tokens=tokens, surname=surname_read)
    surname = person_surname(value, category)
    words = surname.split() if surname is not None else []
    given = _given(tokens, tuple(words)) if surname is not None else None
    return _Expected(
        value=value,
        spelled=spelled(tokens),
        surname=surname,
        surname_key="".join(words),
        last=words[-1] if words else "",
        person=category is not None and category.casefold() in PERSON_CATEGORIES,
        given=len(given) if given else 0,
        numerals=_numerals(tokens),
        known=tuple((k, typo_limit(len(k))) for k in (value.key, *other_names(value.key))),
        bare=tuple(t for t in tokens if t not in GENERIC),
        words=frozenset(tokens),
    )


def _given(words: tuple[str, ...], surname: tuple[str, ...]) -> tuple[str, ...] | None:
    """The given names and initials before a surname, or None when the words do not end
    with it (see `_another_person`)."""
    core = list(words)
    while len(core) > 1 and core[-1] in ("jr", "sr"):
        core.pop()
    if tuple(core[-len(surname):]) == surname:
        return tuple(core[: -len(surname)])
    if core[-1] == surname[-1]:
        return tuple(w for w in core[:-1] if w not in PARTICLES)
    return None


def _another_person(tokens: tuple[str, ...], expected: _Expected) -> bool:
    """Whether a response names another person of the same surname: it has more given
    names or initials than the answer ("John Quincy Adams" or "John Q. Adams" for John
    Adams, "George H. W. Bush" for George W. Bush). An answer that is a surname alone
    allows any given names."""
    if not expected.given or expected.surname is None:
        return False
    mine = _given(tokens, tuple(expected.surname.split()))
    return mine is not None and len(mine) > expected.given


def _match(expected: _Expected, tokens: tuple[str, ...]) -> str:
    """How a response's words compare with the answer: "same", "another" (person),
    "partial" (a place's name without its generic word), "typo" or "wrong"."""
    answer = expected.value
    key = "".join(tokens)
    if key == answer.key or same_place(key, answer.key) or spelled(tokens) == expected.spelled:
        return "same"
    surname = expected.surname
    if surname is not None and _another_person(tokens, expected):
        return "another"
    if expected.person and tokens[-1] == answer.tokens[-1] and _in_order(answer.tokens, tokens):
        return "same"  # "Emmanuel Macron" for "Macron"
    if surname is not None and (
        key in (expected.surname_key, expected.last)
        or (tokens[-1] == answer.tokens[-1] and _in_order(tokens, answer.tokens))
    ):
        return "same"
    if surname is None and tokens == expected.bare:
        return "partial"
    if _numerals(tokens) != expected.numerals:
        # Apollo 12 is not a misspelt Apollo 13, nor Louis XIV a misspelt Louis XVI.
        return "wrong"
    for known, limit in expected.known:
        if edits(key, known, limit) <= limit:
            return "typo"
    if surname is not None:
        if edits(key, expected.surname_key, 3) <= typo_limit(len(expected.surname_key)):
            return "typo"
        if len(tokens) > 1 and tokens[-1] != answer.tokens[-1]:
            given = edits(tokens[-1], answer.tokens[-1], 3)
            if given <= typo_limit(len(answer.tokens[-1])) and _in_order(tokens[:-1], answer.tokens):
                return "typo"
    return "wrong"


_RANK = {"wrong": 0, "another": 0, "partial": 1, "typo": 1, "same": 2}
_QUALIFIED = LazyPattern(r"^(?P<head>[^,()]+?)\s*(?:,\s*(?P<tail>[^,()]+)|\((?P<inner>[^()]+)\))\s*$")
_VOWELS = frozenset("aeiou")


def _initials(word: str, wanted: frozenset[str]) -> bool:
    """Whether a word is run-together initials ("jy", "hw"), not a short name of the answer."""
    return 2 <= len(word) <= 3 and word not in wanted and word.isalpha() and _VOWELS.isdisjoint(word)


def _readings(response: str, tokens: tuple[str, ...], expected: _Expected) -> list[tuple[str, ...]]:
    """Other ways to read a response that did not match as written.

    A place followed by its country or state ("Strasbourg, France", "Paris (Texas)") is
    read without it; a person's name written surname first ("Gaulle, Charles de", "Le Drian
    Jean-Yves") is turned round; run-together initials ("JY Le Drian") are split.
    """
    found: list[tuple[str, ...]] = []
    person = expected.surname is not None
    match = _QUALIFIED.match(response) if "," in response or "(" in response else None
    if match is not None:
        head, tail = match["head"], match["tail"] or match["inner"]
        if is_qualifier(tail) and not person:
            found.append(tokens_of(head))
        elif person and match["tail"]:
            found.append(tokens_of(f"{tail} {head}"))
    if not person or len(tokens) > 6:
        return [r for r in found if r]
    last = expected.last
    if tokens[-1] != last and last in tokens:
        found.extend(tokens[j:] + tokens[:j] for j in range(1, len(tokens)))
    wanted = expected.words
    if any(_initials(t, wanted) for t in tokens):
        for reading in [tokens, *found]:
            if any(_initials(t, wanted) for t in reading):
                found.append(tuple(c for t in reading for c in (tuple(t) if _initials(t, wanted) else (t,))))
    return [r for r in found if r]


def judge(expected: NameValue, response: str, shown: str, category: str | None = None) -> Judgement:
    """Compare a learner's name with the answer.

    Rules: the same name after folding is correct, and so is a British or American
    spelling of it ("Ministry of Defence") or another name of the same place or country
    ("Munich" and "München", "USA" and "United States"). For a person (see `is_person`)
    the surname with or without its particles, or the name with some given names left out
    or shortened ("J. Le Drian", "JY Le Drian", "Ben Franklin"), or written surname first
    ("Gaulle, Charles de"), is correct; when the deck says the answer is a person, a fuller
    name that ends the same way ("Emmanuel Macron" for "Macron") is correct too. More given
    names or initials than the answer has make another person ("John Quincy Adams" for
    John Adams): wrong. A place followed by its country or state ("Strasbourg, France") is
    correct. A typo within a few edits (1 for 5-7 letters, 2 for 8-12, 3 beyond; none for
    4 letters or fewer) of the name or, for a person, of the surname is close. A different
    name that merely shares letters or a first name is wrong.
    """
    answer = _prepare(expected.tokens, expected.surname, category)
    tokens = tokens_of(response)
    outcome = _match(answer, tokens) if tokens else "wrong"
    if tokens and outcome != "same":
        others = []
        for reading in _readings(response, tokens, answer):
            others.append(_match(answer, reading))
            if others[-1] == "same":
                break
        if "same" in others:
            outcome = "same"
        elif "another" in others:
            outcome = "another"  # "George H.W. Bush" is no misspelt George W. Bush
        else:
            outcome = max([outcome, *others], key=_RANK.__getitem__)
    if outcome == "same":
        return Judgement("correct", f"Correct: {shown}.")
    you = quote(response)
    if outcome == "another":
        return Judgement("wrong", f"You wrote {you}, a different person; the answer is {shown}.")
    if outcome == "partial":
        return Judgement("close", f"Close: you wrote {you}; the full name is {shown}.")
    if outcome == "typo":
        return Judgement("close", f"Close: you wrote {you}; check the spelling: {shown}.")
    return Judgement("wrong", f"You wrote {you}; the answer is {shown}.")
