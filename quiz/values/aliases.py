"""Names that mean the same place, and spellings that are the same word.

- **Country aliases**: ``US``, ``USA``, ``U.S.``, ``America`` and ``United States of
  America`` all name the United States; ``UK``, ``Britain`` and ``Great Britain`` the
  United Kingdom; and so on for the countries decks name most.
- **Exonyms**: the English name of a place and its own (``Munich`` and ``München``,
  ``Cologne`` and ``Köln``, ``The Hague`` and ``Den Haag``), and a few renamings every
  reader knows (``Kiev`` and ``Kyiv``, ``Peking`` and ``Beijing``).
- **Qualifiers**: countries, U.S. states and Canadian provinces, which may follow a
  place's name ("Strasbourg, France", "Paris, Texas").
- **Spelling variants**: British and American spellings of one word (``defence`` and
  ``defense``, ``organisation`` and ``organization``, ``centre`` and ``center``).

Everything is compared by key: folded, no leading "the", no spaces ("unitedstates").
"""

from __future__ import annotations

from functools import lru_cache

from quiz.patterns import LazyPattern
from quiz.values.common import drop_article, fold

_COUNTRY_GROUPS: tuple[tuple[str, ...], ...] = (
    ("United States", "United States of America", "US", "USA", "U.S.", "U.S.A.", "America",
     "the States"),
    ("United Kingdom", "UK", "U.K.", "Britain", "Great Britain", "United Kingdom of Great Britain "
     "and Northern Ireland"),
    ("Russia", "Russian Federation"), ("Soviet Union", "USSR", "U.S.S.R."),
    ("Netherlands", "Holland", "Nederland"), ("Germany", "Deutschland", "Federal Republic of Germany"),
    ("Czech Republic", "Czechia"), ("Ivory Coast", "Côte d'Ivoire"), ("Myanmar", "Burma"),
    ("South Korea", "Republic of Korea", "Korea"), ("North Korea", "DPRK"),
    ("China", "People's Republic of China", "PRC"), ("Taiwan", "Republic of China"),
    ("Iran", "Persia"), ("Sri Lanka", "Ceylon"), ("Thailand", "Siam"),
    ("Democratic Republic of the Congo", "DRC", "DR Congo", "Congo-Kinshasa", "Zaire"),
    ("Eswatini", "Swaziland"), ("North Macedonia", "Macedonia"), ("Turkey", "Türkiye"),
    ("Cape Verde", "Cabo Verde"), ("East Timor", "Timor-Leste"), ("Vatican City", "Holy See", "Vatican"),
    ("United Arab Emirates", "UAE"), ("Spain", "España"), ("Italy", "Italia"),
    ("Switzerland", "Schweiz", "Suisse", "Svizzera"), ("Austria", "Österreich"),
    ("Greece", "Hellas"), ("Japan", "Nippon"), ("India", "Bharat"), ("Brazil", "Brasil"),
    ("Mexico", "México"), ("Belgium", "Belgique", "België"), ("Poland", "Polska"),
    ("Sweden", "Sverige"), ("Norway", "Norge"), ("Denmark", "Danmark"), ("Finland", "Suomi"),
    ("Hungary", "Magyarország"), ("Croatia", "Hrvatska"), ("Egypt", "Misr"),
    ("European Union", "EU", "E.U."), ("United Nations", "UN", "U.N."),
)
# Cities, regions and rivers: the English name and the place's own.
_PLACE_GROUPS: tuple[tuple[str, ...], ...] = (
    ("Munich", "München"), ("Cologne", "Köln"), ("Nuremberg", "Nürnberg"), ("Vienna", "Wien"),
    ("Prague", "Praha"), ("Warsaw", "Warszawa"), ("Cracow", "Krakow", "Kraków"),
    ("Moscow", "Moskva"), ("Saint Petersburg", "Sankt-Peterburg", "Leningrad", "Petrograd"),
    ("Kyiv", "Kiev"), ("Lisbon", "Lisboa"), ("Rome", "Roma"), ("Naples", "Napoli"),
    ("Venice", "Venezia"), ("Milan", "Milano"), ("Turin", "Torino"), ("Florence", "Firenze"),
    ("Genoa", "Genova"), ("Brussels", "Bruxelles", "Brussel"), ("Antwerp", "Antwerpen", "Anvers"),
    ("The Hague", "Den Haag", "'s-Gravenhage"), ("Geneva", "Genève", "Genf"), ("Basel", "Bâle"),
    ("Zurich", "Zürich"), ("Copenhagen", "København"), ("Gothenburg", "Göteborg"),
    ("Athens", "Athina"), ("Seville", "Sevilla"), ("Saragossa", "Zaragoza"), ("Belgrade", "Beograd"),
    ("Bucharest", "București"), ("Beijing", "Peking"), ("Guangzhou", "Canton"),
    ("Mumbai", "Bombay"), ("Kolkata", "Calcutta"), ("Chennai", "Madras"), ("Yangon", "Rangoon"),
    ("Ho Chi Minh City", "Saigon"), ("Istanbul", "Constantinople"), ("Mexico City", "Ciudad de México"),
    ("Dunkirk", "Dunkerque"), ("Lyon", "Lyons"), ("Marseille", "Marseilles"), ("Reims", "Rheims"),
    ("Strasbourg", "Strassburg", "Straßburg"), ("Normandy", "Normandie"), ("Brittany", "Bretagne"),
    ("Burgundy", "Bourgogne"), ("Corsica", "Corse"), ("Bavaria", "Bayern"),
    ("English Channel", "La Manche"), ("Danube", "Donau"), ("Rhine", "Rhein", "Rhin"),
    ("Kyoto", "Kioto"), ("Tbilisi", "Tiflis"), ("Vilnius", "Wilno"), ("Gdansk", "Danzig", "Gdańsk"),
    ("Wroclaw", "Breslau", "Wrocław"), ("Bratislava", "Pressburg"),
)

_STATES = (
    "Alabama AL|Alaska AK|Arizona AZ|Arkansas AR|California CA|Colorado CO|Connecticut CT|"
    "Delaware DE|Florida FL|Georgia GA|Hawaii HI|Idaho ID|Illinois IL|Indiana IN|Iowa IA|"
    "Kansas KS|Kentucky KY|Louisiana LA|Maine ME|Maryland MD|Massachusetts MA|Michigan MI|"
    "Minnesota MN|Mississippi MS|Missouri MO|Montana MT|Nebraska NE|Nevada NV|New Hampshire NH|"
    "New Jersey NJ|New Mexico NM|New York NY|North Carolina NC|North Dakota ND|Ohio OH|"
    "Oklahoma OK|Oregon OR|Pennsylvania PA|Rhode Island RI|South Carolina SC|South Dakota SD|"
    "Tennessee TN|Texas TX|Utah UT|Vermont VT|Virginia VA|Washington WA|West Virginia WV|"
    "Wisconsin WI|Wyoming WY|District of Columbia DC|Ontario ON|Quebec QC|British Columbia BC|"
    "Alberta AB|Manitoba MB|Saskatchewan SK|Nova Scotia NS|New Brunswick NB|Newfoundland NL"
)
_COUNTRIES = (
    "France Germany Italy Spain Portugal Belgium Netherlands Luxembourg Switzerland Austria "
    "Poland Sweden Norway Denmark Finland Ireland Greece Turkey Russia Ukraine Canada Mexico "
    "Brazil Argentina Chile Egypt Morocco Algeria Tunisia Nigeria Kenya Ethiopia Iran Iraq Syria "
    "Jordan Israel Lebanon India Pakistan China Japan Vietnam Indonesia Australia Nepal Bhutan "
    "Bangladesh Afghanistan Thailand Malaysia Philippines Mongolia Kazakhstan Peru Colombia "
    "Venezuela Ecuador Bolivia Cuba Tanzania Uganda Ghana Senegal Libya Sudan Angola Congo "
    "Iceland Hungary Romania Bulgaria Serbia Croatia Belarus Scotland England Wales Haiti Qatar "
    "Kuwait Yemen Oman Singapore Cambodia Laos Uruguay Paraguay Panama Guatemala Honduras "
    "Nicaragua Jamaica Mali Niger Chad Somalia Rwanda Zambia Zimbabwe Namibia Botswana "
    "Madagascar Estonia Latvia Lithuania Slovakia Slovenia Bosnia Albania Montenegro Moldova "
    "Georgia Armenia Azerbaijan Cyprus Malta"
).split() + ["South Africa", "Saudi Arabia", "New Zealand", "Northern Ireland", "Sri Lanka",
             "Costa Rica", "El Salvador", "Dominican Republic", "Puerto Rico"]


def key(text: str) -> str:
    """The comparison key of a name: folded, no leading "the", no spaces."""
    return drop_article(fold(text)).replace(" ", "")


_GROUP_KEYS: tuple[tuple[str, ...], ...] = tuple(
    tuple(key(name) for name in group) for group in _COUNTRY_GROUPS + _PLACE_GROUPS
)
_GROUP_OF: dict[str, int] = {k: n for n, keys in enumerate(_GROUP_KEYS) for k in keys}


@lru_cache(maxsize=1)
def _qualifiers() -> frozenset[str]:
    """The keys of every country, U.S. state and Canadian province (built when grading
    first asks: a first question never does)."""
    return frozenset(
        [key(c) for c in _COUNTRIES]
        + [key(name) for group in _COUNTRY_GROUPS for name in group]
        + [key(part) for entry in _STATES.split("|") for part in entry.rsplit(" ", 1)]
    )


def same_place(a: str, b: str) -> bool:
    """Whether two keys are names of one place or body ("us" and "unitedstates")."""
    group = _GROUP_OF.get(a)
    return group is not None and group == _GROUP_OF.get(b)


def other_names(name_key: str) -> tuple[str, ...]:
    """The keys of the other names of a place ("munchen" for "munich"), if it has any."""
    group = _GROUP_OF.get(name_key)
    if group is None:
        return ()
    return tuple(k for k in _GROUP_KEYS[group] if k != name_key)


def is_qualifier(text: str) -> bool:
    """Whether ``text`` names a country, U.S. state or Canadian province ("France", "TX")."""
    return key(text) in _qualifiers()


# British spellings -> American, word by word. Endings first, then single words. Each
# pattern comes with the endings it can match: a word with none of them is never run
# through it, so a name like "Franklin" compiles no pattern at all (a first question's).
_ENDINGS = (
    (("isation", "isations"), LazyPattern(r"(?<=\w{3})isation(s?)$"), r"ization\1"),
    (("ise", "ised", "ises", "ising", "iser", "isers"),
     LazyPattern(r"(?<=\w{3})is(e|ed|es|ing|er|ers)$"), r"iz\1"),
    (("yse", "ysed", "yses"), LazyPattern(r"(?<=\w{2})yse(d|s)?$"), r"yze\1"),
    (("ur", "urs", "ured", "uring", "urite", "urites", "urable", "urful"),
     LazyPattern(r"(avo|colo|favo|flavo|harbo|hono|humo|labo|neighbo|rumo|savo|valo|vigo"
                 r"|endeavo|armo|behavio|odo|parlo|splendo|tumo)ur(s|ed|ing|ite|ites|able|ful)?$"),
     r"\1r\2"),
    (("re", "res", "red"),
     LazyPattern(r"^(cent|theat|met|lit|fib|calib|somb|spect|meag|lust|manoeuv|sabr|sepulch)re(s|d)?$"),
     r"\1er\2"),
    (("ce", "ces"), LazyPattern(r"^(defen|offen|licen|preten)ce(s)?$"), r"\1se\2"),
    (("gue", "gues"), LazyPattern(r"^(catalo|dialo|analo|monolo|epilo|prolo)gue(s)?$"), r"\1g\2"),
    (("lled", "lling", "ller", "llers"),
     LazyPattern(r"(travel|cancel|label|model|signal|fuel|marshal|channel|counsel|"
                 r"jewel|level|quarrel|tunnel)l(ed|ing|er|ers)$"), r"\1\2"),
)
_WORDS = {
    "programme": "program", "programmes": "programs", "grey": "gray", "aluminium": "aluminum",
    "cheque": "check", "tyre": "tire", "tyres": "tires", "kerb": "curb", "plough": "plow",
    "sceptic": "skeptic", "sceptical": "skeptical", "jewellery": "jewelry", "storey": "story",
    "mould": "mold", "moustache": "mustache", "pyjamas": "pajamas", "draught": "draft",
    "encyclopaedia": "encyclopedia", "mediaeval": "medieval", "paediatric": "pediatric",
    "anaesthesia": "anesthesia", "oestrogen": "estrogen", "manoeuvre": "maneuver",
    "practise": "practice", "enrol": "enroll", "fulfil": "fulfill", "judgement": "judgment",
    "ageing": "aging", "whilst": "while", "amongst": "among", "archaeology": "archeology",
    "artefact": "artifact", "axe": "ax", "gaol": "jail", "cosy": "cozy", "doughnut": "donut",
}


@lru_cache(maxsize=4096)
def american(word: str) -> str:
    """The American spelling of a folded word ("defence" -> "defense"); others unchanged."""
    if word in _WORDS:
        return _WORDS[word]
    if len(word) < 5 or not word.isascii():
        return word
    for endings, pattern, replacement in _ENDINGS:
        if word.endswith(endings):
            changed = pattern.sub(replacement, word)
            if changed != word:
                return changed
    return word


def spelled(tokens: tuple[str, ...]) -> str:
    """A key with every word in its American spelling: British and American forms meet."""
    return "".join(american(t) for t in tokens)
