"""Finding the names in a sentence, each kept whole, with a category guess.

Names are runs of capitalised words (with joining words such as "of", "de", "al-"), split at
titles: "United Kingdom Prime Minister Theresa May" gives the person "Theresa May".
Some judgement needs the whole document, which `NameBook` gathers first: who is a person
(a name once seen after a title), which capitalised words are ordinary words (seen in
lower case elsewhere), and which names the document is about (they are everywhere, so
blanking each would make the draft a test of its topic, not of its facts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from quiz import values
from quiz.extract.figures import LABEL_WORDS, NUMBER_WORDS, Value, unit_follows
from quiz.questions.pools import CITIES, COUNTRIES, ORGANIZATIONS, PERSONS
from quiz.values.common import fold

__all__ = ["NameBook", "find_names"]


# --- names ------------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W_][\w'’.\-]*")
_JOINERS = frozenset("of the de du des la le les von van der den da di del y &".split())
_TITLES = frozenset("""president presidents minister ministers secretary general gen. gen sgt.
    sgt sergeant ambassador senator governor king queen chancellor mr. mrs. ms. dr. admiral
    adm. colonel col. captain capt. lieutenant lt. commander director chairman chief judge
    justice pope prince princess emperor empress mayor spokesman spokeswoman officer
    marshal premier astronaut engineer pilot astronomer professor prof. envoy consul bishop
    archbishop cardinal rev. reverend sen. rep. gov. commodore corporal private explorer
    physicist chemist scientist inventor sir dame lord lady baron baroness earl countess""".split())
_TITLE_MODIFIERS = frozenset("""prime vice press defense defence foreign deputy state army navy
    air force first lady attorney under assistant executive interior finance extraordinary
    plenipotentiary chief""".split())
_STOPWORDS = frozenset("""a an the in on at by for from to with during since today our we us
    both every through this that these those it its their they he she his her there here
    additionally following including as after before when while ever however also some many
    most all each if but and or not no yes so then thus meanwhile one other another such
    what which who whom whose where why how i you your my mr mrs ms""".split())
_MONTH_NAMES = frozenset("""january february march april may june july august september october
    november december monday tuesday wednesday thursday friday saturday sunday""".split())
_DEMONYMS = frozenset("""french american americans british english german syrian iraqi european
    europeans russian chinese japanese italian spanish canadian mexican iranian israeli afghan
    african asian arab muslim christian jewish belgian dutch franco anglo western eastern
    northern southern soviet allied kurdish turkish ukrainian polish indian pakistani saudi
    egyptian libyan korean vietnamese australian islamic transatlantic communist communists
    socialist socialists republican republicans democrat democrats catholic protestant orthodox
    confederate irish scottish welsh swedish norwegian danish finnish greek roman portuguese
    brazilian mexican cuban haitian filipino thai indonesian latin""".split())
_MONTH_ABBREVIATIONS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
_GENERIC = frozenset("""europe asia africa america americas antarctica oceania eurasia earth world
    west east north south midwest""".split())
"""Names too broad to be worth a card ("much of Europe was in ruins")."""
_COMPASS = frozenset("east west north south upper lower".split())
_NAME_JOINERS = frozenset("on for in".split())
"""Words inside the title of a document or body: "Treaty on Open Skies", "Organisation for
European Economic Co-operation", "Conference on Security and Co-operation in Europe"."""
_EPONYM_NOUNS = frozenset("""constant effect law principle equation theorem paradox comet
    scale cycle""".split())
"""Lower-case words that finish an eponymous term: "the Hubble constant"."""
_ABBREVIATED = frozenset("st mt ft pt".split())
"""Abbreviations that open a place name: "St. Louis", "Mt. Vernon"."""
_DETERMINERS = frozenset("the a an our their its his her this that these those your my".split())
_PLACE_PREPOSITIONS = frozenset("in at from to near into across throughout".split())
_ALIASES = {"us": "united states", "u s": "united states", "u s a": "united states",
            "u k": "united kingdom", "u.s": "united states", "u.s.": "united states",
            "usa": "united states", "u.s.a": "united states", "america": "united states",
            "united states of america": "united states", "uk": "united kingdom",
            "u.k": "united kingdom", "u.k.": "united kingdom", "britain": "united kingdom",
            "great britain": "united kingdom"}

_DOCUMENT_WORDS = frozenset("""treaty agreement accord accords act declaration convention charter
    constitution protocol pact arrangement memorandum resolution""".split())
_EVENT_WORDS = frozenset("""war wars revolution day summit assembly battle olympics games
    conference crisis landings invasion election""".split())
_ORG_WORDS = frozenset("""organization organisation embassy office section agency department
    ministry council union nations committee bank fund corps command forces party university
    institute association commission court senate congress parliament government army navy
    company corporation group coalition alliance league service services posts post mission
    bureau administration foundation academy school college society club institution
    observatory laboratory""".split())
_PLACE_WORDS = frozenset("""hall building palace house square bridge street avenue river mountain
    mountains island islands ocean sea lake park center centre base airport museum cathedral
    church castle tower harbor harbour bay valley desert canal city county province region
    state dam cut pass gap falls gate tunnel summit lane road gorge strait straits peninsula
    isthmus cape gulf coast forest territory field monument memorial""".split())

_VOCABULARY = _DOCUMENT_WORDS | _EVENT_WORDS | _ORG_WORDS | _PLACE_WORDS
_CITY_WORDS = frozenset("capital city town port".split())
_CITY_KEYS = frozenset(fold(c) for c in CITIES)
_COUNTRY_KEYS = frozenset(fold(c) for c in COUNTRIES)
_ORG_KEYS = frozenset(fold(c) for c in ORGANIZATIONS)
_PERSON_KEYS = frozenset(fold(c) for c in PERSONS)
_PLACE_TOKENS = frozenset(t for c in (*CITIES, *COUNTRIES) for t in fold(c).split()) | \
    {"u.s", "u.s.", "us", "uk", "u.k."}


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    text: str


def _tokens(sentence: str) -> list[_Token]:
    """Words with their positions; a trailing dot stays only on initials and abbreviations."""
    found = []
    for match in _TOKEN.finditer(sentence):
        text = match.group()
        named_next = re.match(r"\s+[A-Z]", sentence[match.end():]) is not None
        while text and text[-1] in ".-'’":
            if text[-1] == "." and text.lower() in _TITLES:
                break
            if text[-1] == "." and re.fullmatch(r"(?:[A-Za-z]\.){2,}", text):
                break  # "U.S.", "D.C."
            if text[-1] == "." and re.fullmatch(r"[A-Z]\.", text) and named_next:
                break  # "Donald J. Trump", but not "World War I."
            if text[-1] == "." and text[:-1].lower() in _ABBREVIATED and named_next:
                break  # "St. Louis"
            text = text[:-1]
        if re.search(r"['’]s$", text):
            text = text[:-2]  # "Assad's" is Assad
        if text:
            found.append(_Token(match.start(), match.start() + len(text), text))
    return found


def _capitalised(word: str) -> bool:
    if word[:1].isupper():
        return True
    # "al-Assad", "d'Estaing": a lower-case particle joined to a capitalised name
    return bool(re.match(r"(?:al|el|ad|as|ar|bin|ibn|de|d|l)[-'’][A-Z]", word))


def _key(text: str) -> str:
    folded = fold(text).strip(". ")
    return _ALIASES.get(folded, folded)


def _surname_keys(name: str) -> set[str]:
    """Keys a later mention of a person may use: "Le Drian", "Drian", "Assad" for "al-Assad"."""
    words = name.split()
    keys = {_key(words[-1])}
    if len(words) >= 2 and words[-2].lower() in _JOINERS | {"le", "la", "de", "van", "von"}:
        keys.add(_key(" ".join(words[-2:])))
    bare = re.sub(r"^(?:al|el)[-'’]", "", words[-1], flags=re.IGNORECASE)
    keys.add(_key(bare))
    return keys


def _person_key(name: str) -> str:
    """One key for every mention of a person: the surname without "al-"."""
    last = name.split()[-1]
    return "person:" + _key(re.sub(r"^(?:al|el)[-'’]", "", last, flags=re.IGNORECASE))


@dataclass
class NameBook:
    """What the whole document says about its names, gathered before any sentence is drafted."""

    persons: set[str] = field(default_factory=set)
    """Keys of persons: full names and surnames of names seen after a title."""
    lowercase: set[str] = field(default_factory=set)
    """Words seen in lower case somewhere in the document."""
    capitalised_inside: set[str] = field(default_factory=set)
    """Words seen capitalised away from the start of a sentence."""

    @classmethod
    def read(cls, sentences: list[str]) -> NameBook:
        """Gather persons and word casing from every sentence of a document."""
        book = cls()
        for sentence in sentences:
            tokens = _tokens(sentence)
            for n, token in enumerate(tokens):
                if token.text[:1].islower():
                    book.lowercase.add(token.text.lower())
                elif n > 0:
                    book.capitalised_inside.add(token.text.lower())
            for run in _runs(sentence, tokens):
                person = _after_title(run) or (run if _looks_personal(tokens, run) else None)
                if person:
                    name = sentence[person[0].start:person[-1].end]
                    book.persons.add(_key(name))
                    book.persons.update(_surname_keys(name))
        return book


def _looks_personal(tokens: list[_Token], run: list[_Token]) -> bool:
    """Whether a run without a title is still a person's name: it has a middle initial
    ("Robert R. Livingston") or follows a title in lower case ("his finance minister
    François Barbé-Marbois", "the astronomer Edwin Hubble")."""
    if 2 <= len(run) <= 4 and any(re.fullmatch(r"[A-Z]\.", t.text) for t in run[1:-1]):
        return True
    position = tokens.index(run[0])
    previous = tokens[position - 1].text if position > 0 else ""
    return previous in _TITLES and 2 <= len(run) <= 4 and \
        not any(t.text.lower() in _VOCABULARY for t in run)


def _runs(sentence: str, tokens: list[_Token]) -> list[list[_Token]]:
    """Runs of capitalised words separated by spaces only, joining words allowed inside."""
    runs: list[list[_Token]] = []
    run: list[_Token] = []
    for n, token in enumerate(tokens):
        cap = _capitalised(token.text)
        word = token.text.lower()
        following = tokens[n + 1].text if n + 1 < len(tokens) else ""
        gap_ok = bool(run) and _joined(sentence, run[-1], token, cap)
        dated = following.lower().rstrip(".") in _MONTH_NAMES | _MONTH_ABBREVIATIONS
        if run and gap_ok and _code(sentence, run[-1], token):
            run.append(token)  # "Launch Complex 39A", "Apollo 11"
            continue
        if run and gap_ok and (cap or (word in _JOINERS and not dated) or (word == "and" and _has_of(run))
                               or _titled_joiner(run, word, following)
                               or _joins_title_ahead(word, tokens[n + 1:])
                               or (word == "and" and run[-1].text.lower() in _COMPASS
                                   and following.lower() in _COMPASS)):
            run.append(token)
            continue
        if run and gap_ok and word in _EPONYM_NOUNS and len(run) == 1 and not run[0].text.isupper():
            run.append(token)  # "the Hubble constant"
            runs.append(run)
            run = []
            continue
        if run:
            runs.append(run)
        run = [token] if cap else []
    if run:
        runs.append(run)
    # Joining words at either end belong to the sentence, not the name.
    trimmed = []
    for run in runs:
        while run and (run[-1].text.lower() in _JOINERS | _NAME_JOINERS | {"and"} or
                       (run[-1].text[:1].islower() and run[-1].text.lower() not in _EPONYM_NOUNS)):
            run = run[:-1]
        if run:
            trimmed.append(run)
    return trimmed


def _joined(sentence: str, last: _Token, token: _Token, cap: bool) -> bool:
    """Whether only a space (or a nickname's quotes, or a possessive before a name's last
    word) lies between two words of one name: "Edwin "Buzz" Aldrin", "Clinton's Ditch"."""
    gap = sentence[last.end:token.start]
    if gap.strip() == "":
        return True
    if not cap:
        return False
    if re.fullmatch(r"\s+[\"“]", gap):
        return re.match(r"[\"”]\s+[A-Z]", sentence[token.end:]) is not None  # the nickname itself
    if re.fullmatch(r"[\"”]\s+", gap):
        return re.search(r"[A-Z][\w.'’-]*\s+[\"“]\w+$", sentence[:last.end]) is not None
    if re.fullmatch(r"['’]s\s+", gap):
        word = token.text.lower()
        return word not in _TITLES | _TITLE_MODIFIERS and _key(last.text) not in _PLACE_TOKENS
    return False


def _code(sentence: str, last: _Token, token: _Token) -> bool:
    """Whether a number after a name is part of it ("Apollo 11", "Launch Complex 39A"), not a
    figure ("the Union Pacific 1,086 miles") or a date."""
    if not re.fullmatch(r"\d{1,4}[A-Z]?", token.text) or not _capitalised(last.text):
        return False
    if last.text.lower().rstrip(".") in _MONTH_NAMES | _MONTH_ABBREVIATIONS:
        return False
    return re.match(r"[.,]\d|\s*%|\s+(?:percent|per cent)\b", sentence[token.end:]) is None and \
        not unit_follows(sentence[token.end:])


def _joins_title_ahead(word: str, ahead: list[_Token]) -> bool:
    """Whether "in" or "on" joins a run to a name ending in a document or body word:
    "Conventional Armed Forces in Europe Treaty", "Conference on Disarmament Committee"."""
    if word not in ("in", "on", "for") or not ahead:
        return False
    for token in ahead[:4]:
        if not _capitalised(token.text):
            return False
        if token.text.lower() in _DOCUMENT_WORDS | _ORG_WORDS:
            return True
    return False


def _has_of(run: list[_Token]) -> bool:
    return any(t.text.lower() in ("of", "on", "for") for t in run)


def _titled_joiner(run: list[_Token], word: str, following: str) -> bool:
    """Whether ``word`` carries on the title of a document or body: "Treaty on …", "Organisation
    for …", and "in" after one of those ("… Armed Forces in Europe")."""
    if word not in _NAME_JOINERS or not following[:1].isupper() or \
            following.lower().rstrip(".") in _MONTH_NAMES | _MONTH_ABBREVIATIONS:
        return False
    titled = any(t.text.lower() in _DOCUMENT_WORDS | _ORG_WORDS | _EVENT_WORDS for t in run)
    if word == "in":
        return titled and any(t.text.lower() in ("on", "for") for t in run)
    return titled and run[-1].text.lower() in _DOCUMENT_WORDS | _ORG_WORDS | _EVENT_WORDS


def _title_positions(run: list[_Token]) -> list[int]:
    """Where the run has a title word that is used as a title: not "General Assembly"."""
    ending = run[-1].text.lower()
    if ending in _VOCABULARY:
        return []  # "United Nations General Assembly", "Secretary General Office": a body
    titles = [n for n, t in enumerate(run) if t.text.lower() in _TITLES]
    if titles == [len(run) - 1] and len(run) >= 2 and not _titled(run[0].text):
        return []  # "the boat Seneca Chief": a title with nothing after it ends a name
    return titles


def _titled(word: str) -> bool:
    """Whether a word may stand before a title: "U.S. Ambassador", "French Army Chief"."""
    lower = word.lower()
    return _key(word) in _PLACE_TOKENS or lower in _DEMONYMS or lower in _TITLES | _TITLE_MODIFIERS \
        or lower in _VOCABULARY or _compound_of_places(word)


def _after_title(run: list[_Token]) -> list[_Token] | None:
    """The words after the last title of a run: "Defense Secretary Ash Carter" → Ash Carter."""
    last = max(_title_positions(run), default=None)
    if last is None:
        return None
    rest = run[last + 1:]
    while rest and rest[0].text.lower() in _TITLE_MODIFIERS | _JOINERS:
        rest = rest[1:]
    if not rest or not _capitalised(rest[0].text):
        return None
    return rest


def _before_title(run: list[_Token]) -> list[_Token]:
    """The words before the first title word of a run ("United Kingdom" of "… Prime Minister …")."""
    for n, token in enumerate(run):
        word = token.text.lower()
        if word in _TITLES or word in _TITLE_MODIFIERS:
            return run[:n]
    return run


def _category(name: str, person: bool, before: str) -> str | None:
    key = _key(name)
    words = [w.lower() for w in name.split()]
    if person or key in _PERSON_KEYS:
        return "person"
    if key in _CITY_KEYS:
        return "city"
    if key in _COUNTRY_KEYS or key in ("united states", "united kingdom"):
        return "country"
    if key in _ORG_KEYS:
        return "organization"
    for vocabulary, category in ((_DOCUMENT_WORDS, "document"), (_EVENT_WORDS, "event"),
                                 (_ORG_WORDS, "organization"), (_PLACE_WORDS, "place")):
        if words[-1] in vocabulary:
            return category
    for vocabulary, category in ((_DOCUMENT_WORDS, "document"), (_EVENT_WORDS, "event"),
                                 (_ORG_WORDS, "organization")):
        if any(w in vocabulary for w in words):
            return category
    if re.fullmatch(r"[A-Z]{2,6}", name):
        return "organization"  # NATO, ISIS, WTO
    if len(words) == 1 and before in _CITY_WORDS:
        return "city"  # "its so-called capital Raqqah"
    if len(words) == 1 and before in _PLACE_PREPOSITIONS:
        return "place"
    return None


def _compound_of_places(word: str) -> bool:
    """"U.S.-France", "U.S.-French": a compound that only says who the parties are."""
    parts = [p for p in re.split(r"[-–]", word.lower()) if p]
    return len(parts) >= 2 and all(p.strip(".") in _PLACE_TOKENS or p in _PLACE_TOKENS
                                   or p in _DEMONYMS for p in parts)


def find_names(sentence: str, book: NameBook) -> list[Value]:
    """The names of a sentence, each with a category guess."""
    tokens = _tokens(sentence)
    found: list[Value] = []
    for run in _runs(sentence, tokens):
        person = _after_title(run)
        pieces: list[tuple[list[_Token], bool]] = []
        if person is not None:
            pieces.append((person, True))
            before = _before_title(run)
            if before and _key(" ".join(t.text for t in before)) in _COUNTRY_KEYS | _CITY_KEYS:
                pieces.append((before, False))  # "United Kingdom" of "United Kingdom Prime Minister"
        elif _title_positions(run):
            pass  # a title with no name after it: "the U.S. Ambassador"
        else:
            pieces.append((run, False))
        for piece, is_person in pieces:
            value = _name_value(sentence, tokens, piece, is_person, book)
            if value is not None:
                found.append(value)
    return found


def _name_value(sentence: str, tokens: list[_Token], piece: list[_Token], is_person: bool,
                book: NameBook) -> Value | None:
    # Words that open a sentence or a run but are not part of a name.
    while piece and (piece[0].text.lower() in _STOPWORDS | _JOINERS or
                     _compound_of_places(piece[0].text)):
        piece = piece[1:]
    while piece and piece[0].text.lower() in NUMBER_WORDS and tokens.index(piece[0]) == 0:
        piece = piece[1:]  # "Sixteen European countries": the count is a figure
    if is_person:
        cut = next((n for n, t in enumerate(piece) if n and t.text.lower() == "of"), None)
        if cut is not None:
            piece = piece[:cut]  # "King Charles V of Spain" is Charles V
    while piece and piece[-1].text.lower() in _JOINERS | {"and"}:
        piece = piece[:-1]
    if not piece:
        return None
    text = sentence[piece[0].start:piece[-1].end]
    key = _key(text)
    first = piece[0].text.lower()
    if first in LABEL_WORDS:
        return None  # "Unit 4", "Chapter 12": a part of the course, not a name
    if len(piece) > 1 and piece[-1].text.lower() in _DEMONYMS | {d + "s" for d in _DEMONYMS}:
        return None  # "East German soldiers": who, not a name
    position = tokens.index(piece[0])
    previous = tokens[position - 1].text.lower() if position > 0 else ""
    at_start = position == 0 or sentence[:piece[0].start].strip() in ('"', "'", "(")
    if len(piece) == 1:
        known = key in book.persons or key in _CITY_KEYS or key in _COUNTRY_KEYS or \
            key in _ORG_KEYS or key in _PERSON_KEYS or re.fullmatch(r"[A-Z]{2,6}", text) is not None
        if first in _MONTH_NAMES or first in _DEMONYMS or first[:-1] in _DEMONYMS or text in ("I", "A") or \
                re.fullmatch(r"[A-Z]{2,6}s", text) or first in _GENERIC or first in LABEL_WORDS:
            return None
        if not known and (previous in _DETERMINERS or first in _VOCABULARY):
            return None  # "our Republic", "the Embassy", "Mission staff": a common noun dressed up
        if at_start and not known and (first in book.lowercase or first not in book.capitalised_inside):
            return None
        if not known and first in book.lowercase:
            return None
    elif at_start and first in book.lowercase and first not in book.capitalised_inside:
        piece = piece[1:]
        return _name_value(sentence, tokens, piece, is_person, book) if len(piece) else None
    if len(piece) >= 2 and first in _DEMONYMS and piece[1].text.lower() in _TITLES:
        return None
    try:
        values.parse("name", text)
    except values.ValueParseError:
        return None
    person = is_person or key in book.persons
    category = _category(text, person, previous)
    if category == "person":
        key = _person_key(text)
    return Value(piece[0].start, piece[-1].end, text, "name", category, key)
