"""Turning a question and an answer into a plain sentence, for `cloze` and `truefalse`.

Only a few common question shapes are rewritten, and only when every word the rewrite
needs is understood (a known verb to put in the past tense, say); anything else gives
None and the caller falls back (no `cloze`; a "question — answer" claim to judge)::

    In what year did the United States sign the Treaty…?   → The United States signed the Treaty… in 1778.
    On what date did A and B sign…?                         → A and B signed… on November 28, 2016.
    Which French defense minister signed…?                  → The French defense minister who signed… was X.
    Who led the expedition?                                 → X led the expedition.
    What is the capital of France? / Who was the first…?    → The capital of France is Paris.
    In 2017, how much did the United States export in …?    → In 2017, the United States exported $19.3 billion in ….
    How many posts does the United States have in France?   → The United States has 4 posts in France.
    In which city is the U.S. Embassy in France?            → The U.S. Embassy in France is in Paris.
    Which Syrian city did ISIL call its capital?            → The Syrian city ISIL called its capital was Raqqah.
"""

from __future__ import annotations

import re

from quiz.patterns import LazyPattern

IRREGULAR: dict[str, str] = {
    "be": "was", "become": "became", "begin": "began", "bring": "brought", "build": "built",
    "buy": "bought", "choose": "chose", "come": "came", "do": "did", "draw": "drew",
    "drive": "drove", "eat": "ate", "fall": "fell", "feel": "felt", "fight": "fought",
    "find": "found", "fly": "flew", "forget": "forgot", "get": "got", "give": "gave",
    "go": "went", "grow": "grew", "have": "had", "hear": "heard", "hold": "held",
    "keep": "kept", "know": "knew", "lead": "led", "leave": "left", "lend": "lent",
    "lose": "lost", "make": "made", "mean": "meant", "meet": "met", "pay": "paid",
    "put": "put", "read": "read", "ride": "rode", "rise": "rose", "run": "ran", "say": "said",
    "see": "saw", "sell": "sold", "send": "sent", "set": "set", "shoot": "shot",
    "sing": "sang", "sink": "sank", "sit": "sat", "speak": "spoke", "spend": "spent",
    "stand": "stood", "carry": "carried", "steal": "stole", "strike": "struck", "swim": "swam", "take": "took",
    "teach": "taught", "tell": "told", "think": "thought", "throw": "threw", "win": "won",
    "write": "wrote", "withdraw": "withdrew", "undertake": "undertook", "overthrow": "overthrew",
    "split": "split", "quit": "quit", "cut": "cut", "shut": "shut", "spread": "spread",
    "break": "broke", "freeze": "froze", "wear": "wore", "seek": "sought", "catch": "caught",
}
"""Irregular past tenses."""

DOUBLED: frozenset[str] = frozenset(
    "admit ban commit control drop equip grab occur omit plan refer ship stop submit transfer "
    "permit prefer regret rob scrap spot step tap trim wrap patrol compel".split()
)
"""Verbs that double their last consonant in the past tense (stop → stopped)."""

REGULAR: frozenset[str] = frozenset(
    "accept achieve acquire add adopt agree aid allow announce appear appoint approve arrive "
    "ask assist attack attend award ban base boost call cancel capture carry cause cede "
    "celebrate change claim close collapse commemorate complete conclude conduct confirm "
    "conquer contribute create declare defeat deliver demand deploy design destroy develop "
    "die discover dock donate earn elect employ end enter erupt establish expand explore "
    "export face finish form found gain generate help hire host import improve include "
    "increase introduce invade invent invest invite join kill land launch lift live "
    "manage mark move name negotiate observe obtain occupy open order orbit organize pass "
    "perform photograph play prevent produce propose protect prove provide publish purchase "
    "reach receive recognize record reduce reject release remain remove rename reopen "
    "replace report represent rescue resign restore return reveal rule sail save separate serve "
    "settle sign start study succeed suffer supply support surrender survive suspend test "
    "train travel try turn unveil use visit vote walk want work".split()
) | DOUBLED
"""Regular verbs understood in "did … VERB …" questions."""

PRESENT_THIRD: dict[str, str] = {"have": "has", "do": "does", "be": "is", "go": "goes"}

_COPULAS = {"is", "was", "are", "were"}
_QUESTION_WORD = LazyPattern(r"\b(?:what|which|who|whom|whose|when|where|why|how|did|does|do)\b", re.IGNORECASE)
_QUOTED = LazyPattern(r"\"[^\"]*\"|“[^”]*”|\([^)]*\)")
_PREPOSITION_END = LazyPattern(r"\b(?:of|in|on|at|to|for|from|with|by|about|after|into|as)$", re.IGNORECASE)
_LEAD = LazyPattern(
    r"^(?P<lead>[^?]{3,80}?,\s+)(?=(?:how|what|which|who|whose|when|since|in|on|at|from|during)\b)",
    re.IGNORECASE,
)


def past(verb: str) -> str | None:
    """The past tense of a known verb, or None when the word is not one we know."""
    if verb in IRREGULAR:
        return IRREGULAR[verb]
    if verb not in REGULAR:
        return None
    if verb in DOUBLED:
        return verb + verb[-1] + "ed"
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2:-1] not in ("a", "e", "i", "o", "u"):
        return verb[:-1] + "ied"
    return verb + "ed"


def third_person(verb: str) -> str | None:
    """The present third-person singular of a known verb ("have" → "has")."""
    if verb in PRESENT_THIRD:
        return PRESENT_THIRD[verb]
    if verb not in REGULAR and verb not in IRREGULAR:
        return None
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in ("a", "e", "i", "o", "u"):
        return verb[:-1] + "ies"
    return verb + "s"


def _is_past(word: str) -> bool:
    """Whether a lower-case word reads as a past-tense verb ("signed", "led", "said")."""
    if word in ("did", "had"):
        return False  # auxiliaries: "which city did ISIL call…" is another shape
    if word in IRREGULAR.values() or word in ("was", "were"):
        return True
    return word.endswith("ed") and len(word) > 4 and word not in ("hundred", "united", "red", "bed")


def _split_verb(words: list[str]) -> tuple[int, str] | None:
    """The first known base-form verb after a subject of at least one word."""
    for i, word in enumerate(words[1:], start=1):
        if word.islower() and word.isalpha() and (word in REGULAR or word in IRREGULAR):
            return i, word
    return None


def _then(clause: str) -> str:
    """``clause`` ready for the answer's phrase: an aside opened by a comma is closed first.

    "the astronaut who reached orbit, aboard Friendship 7" + "was X" needs a comma
    before "was"; commas inside quotations do not count.
    """
    return clause + "," if ", " in _QUOTED.sub("", clause) else clause  # (parentheses too)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _finish(lead: str, sentence: str) -> str:
    sentence = sentence.strip().rstrip(",;:")
    if not sentence.endswith((".", '"', "”")):
        sentence += "."
    return lead + sentence if lead else _capital(sentence)


def sentence(question: str, answer: str, *, kind: str, plural: bool = False,
             precision: str | None = None, unit_given: bool = False) -> str | None:
    """The question rewritten as a statement holding ``answer``, or None.

    Args:
        question: The question as written.
        answer: What to put in the answer's place (the answer, a distractor or a blank).
        kind: The answer's kind; date shapes only take dates, and so on.
        plural: Whether the answer is a list of several things ("are", "were").
        precision: For a date, its precision ("day" takes "on", others "in").
        unit_given: For a number, whether the answer carries its own unit or noun
            ("677,500 jobs"), so "How many jobs…" does not say "jobs" twice.
    """
    text = " ".join(question.split())
    if not text.endswith("?") or text.count("?") > 1 or '"' in text[:-1] and kind == "date":
        return None
    body = text[:-1].strip()
    lead = ""
    match = _LEAD.match(body)
    if match and not _QUESTION_WORD.search(match["lead"]):
        lead, body = match["lead"], body[match.end():]
    for shape in (_when, _when_passive, _since, _who_verb, _which_verb, _which_did, _what_did, _where_is, _how_many,
                  _how_big, _what_is):
        result = shape(body, answer, kind=kind, plural=plural, precision=precision, unit_given=unit_given)
        if result is not None:
            return _finish(lead, result)
    return None


_WHEN = LazyPattern(
    r"^(?:(?:in|during) (?:what|which) (?:year|month(?: and year)?|decade|century)|"
    r"(?:on|by) (?:what|which) (?:date|day)|(?:what|which) year|when) did (?P<rest>.+)$",
    re.IGNORECASE,
)


def _past_clause(rest: str) -> str | None:
    """ "the U.S. sign the treaty" → "the U.S. signed the treaty" (a known verb only)."""
    words = rest.split(" ")
    found = _split_verb(words)
    if found is None:
        return None
    i, verb = found
    tense = past(verb)
    if tense is None:
        return None
    return " ".join([*words[:i], tense, *words[i + 1:]])


def _when(body: str, answer: str, **how: object) -> str | None:
    match = _WHEN.match(body)
    if match is None or how["kind"] != "date":
        return None
    clause = _past_clause(match["rest"])
    if clause is None or _PREPOSITION_END.search(clause):
        return None
    preposition = "on" if how["precision"] == "day" else "in"
    return f"{_then(clause)} {preposition} {answer}"


_WHO = LazyPattern(r"^who (?P<verb>[a-z]+) (?P<rest>.+)$", re.IGNORECASE)


def _who_verb(body: str, answer: str, **how: object) -> str | None:
    match = _WHO.match(body)
    if match is None or how["kind"] not in ("name", "list", "text"):
        return None
    verb = match["verb"]
    if verb in _COPULAS or verb == "did" or not (_is_past(verb) or verb.endswith("s")):
        return None
    return f"{answer} {verb} {match['rest']}"


_WHICH_VERB = LazyPattern(r"^(?:which|what) (?P<rest>.+)$", re.IGNORECASE)


def _which_verb(body: str, answer: str, **how: object) -> str | None:
    """ "Which French minister signed X?" → "The French minister who signed X was A"."""
    match = _WHICH_VERB.match(body)
    if match is None:
        return None
    words = match["rest"].split(" ")
    for i, word in enumerate(words[1:], start=1):
        if not word.islower():
            continue
        present = word in ("is", "are", "has", "have") or (
            word.endswith("s") and third_person(word[:-1]) == word)
        if not (_is_past(word) or present):
            if word in ("did", "does", "do") or i > 5:
                return None
            continue
        noun = " ".join(words[:i])
        if "'" in noun or "’" in noun or word in _COPULAS or {"and", "or"} & set(words[:i]) or any(w in _COPULAS or w in ("did", "does", "do") for w in words[:i]) \
                or "," in noun or not words[0][:1].isalpha():
            return None  # "What was the name…" reads better through `_what_is`
        relative = "who" if how["kind"] == "name" and _looks_personal(noun) else "that"
        plural = bool(how["plural"])
        copula = ("were" if plural else "was") if _is_past(word) else ("are" if plural else "is")
        return f"{_then(f'the {noun} {relative} ' + ' '.join(words[i:]))} {copula} {answer}"
    return None


_PERSONAL = frozenset(
    "president minister secretary leader king queen general admiral astronaut person "
    "man woman scientist author writer painter explorer chancellor ambassador senator "
    "governor diplomat officer commander emperor pope prime spokesman spokesperson".split()
)


def _looks_personal(noun: str) -> bool:
    return any(w.casefold() in _PERSONAL for w in noun.split())


_WHICH_DID = LazyPattern(r"^(?:which|what) (?P<noun>[^,]+?) (?P<aux>did|does|do) (?P<rest>.+)$", re.IGNORECASE)


def _which_did(body: str, answer: str, **how: object) -> str | None:
    """ "Which Syrian city did ISIL call its capital?" → "The Syrian city ISIL called its capital was A"."""
    match = _WHICH_DID.match(body)
    if match is None or match["aux"] != "did" or _PREPOSITION_END.search(match["rest"]):
        return None
    clause = _past_clause(match["rest"])
    if clause is None:
        return None
    copula = "were" if how["plural"] else "was"
    subject = f"the {match['noun']} {clause}"
    return f"{_then(subject)} {copula} {answer}"


_WHERE_IS = LazyPattern(
    r"^(?P<prep>in|at|on|from) (?:which|what) [^,]+? (?P<cop>is|are|was|were) (?P<rest>.+)$",
    re.IGNORECASE,
)


def _where_is(body: str, answer: str, **how: object) -> str | None:
    """ "In which city is the U.S. Embassy in France?" → "The U.S. Embassy in France is in Paris"."""
    match = _WHERE_IS.match(body)
    if match is None or how["kind"] not in ("name", "list") or "," in match["rest"]:
        return None
    return f"{_then(match['rest'])} {match['cop']} {match['prep'].lower()} {answer}"


_HOW_MANY = LazyPattern(
    r"^how (?P<what>much|many (?P<noun>[^?]+?)) (?P<aux>did|does|do) (?P<rest>.+)$", re.IGNORECASE
)


def _how_many(body: str, answer: str, **how: object) -> str | None:
    """ "How many jobs did French investment support in 2015?" → "French investment supported 677,500 jobs in 2015"."""
    match = _HOW_MANY.match(body)
    if match is None or how["kind"] != "number":
        return None
    words = match["rest"].split(" ")
    found = _split_verb(words)
    if found is None:
        return None
    i, verb = found
    aux = match["aux"].lower()
    if aux == "did":
        tense = past(verb)
    elif aux == "does":
        tense = third_person(verb)
    else:
        tense = verb
    if tense is None:
        return None
    noun = match["noun"]
    # The noun goes after the figure unless the answer names it already ("677,500 jobs").
    figure = answer if noun is None or how["unit_given"] else f"{answer} {noun}"
    rest = words[i + 1:]
    # An object right after the verb ("export in services") keeps its place after the figure.
    return " ".join([*words[:i], tense, figure, *rest])


_WHAT_IS = LazyPattern(r"^(?:what|who) (?P<cop>is|was|are|were) (?P<rest>.+)$", re.IGNORECASE)


def _what_is(body: str, answer: str, **how: object) -> str | None:
    """ "What is the capital of France?" → "The capital of France is Paris"."""
    match = _WHAT_IS.match(body)
    if match is None:
        return None
    rest = match["rest"]
    if _PREPOSITION_END.search(rest) or re.search(r"\b(?:did|does|do|called|named|known)\b", rest):
        return None
    if rest.split(" ")[0].islower() and rest.split(" ")[0] not in ("the", "a", "an", "its", "his", "her", "their"):
        return None  # "What is meant by…": not a noun phrase we can turn around
    return f"{_then(rest)} {match['cop']} {answer}"


_SINCE = LazyPattern(r"^since when (?P<aux>has|have) (?P<rest>.+)$", re.IGNORECASE)


def _since(body: str, answer: str, **how: object) -> str | None:
    """ "Since when has France carried out X?" → "France has carried out X since A"."""
    match = _SINCE.match(body)
    if match is None or how["kind"] != "date":
        return None
    words = match["rest"].split(" ")
    for i, word in enumerate(words[1:], start=1):
        if word.islower() and _is_past(word):
            return f"{_then(' '.join([*words[:i], match['aux'].lower(), *words[i:]]))} since {answer}"
    return None


_WHAT_DID = LazyPattern(r"^what did (?P<rest>.+)$", re.IGNORECASE)


def _what_did(body: str, answer: str, **how: object) -> str | None:
    """ "What did total U.S. investment in France stand at?" → "… stood at $78 billion"."""
    match = _WHAT_DID.match(body)
    if match is None or not _PREPOSITION_END.search(match["rest"]):
        return None
    clause = _past_clause(match["rest"])
    return None if clause is None else f"{clause} {answer}"


_HOW_BIG = LazyPattern(
    r"^how (?:large|big|much|long|far|high|tall|old|deep|wide|heavy) (?P<cop>is|was|are|were) "
    r"(?P<rest>[^,]+)$",
    re.IGNORECASE,
)


def _how_big(body: str, answer: str, **how: object) -> str | None:
    """ "How large was the surplus?" → "The surplus was $1.6 billion"."""
    match = _HOW_BIG.match(body)
    if match is None or how["kind"] != "number":
        return None
    return f"{_then(match['rest'])} {match['cop'].lower()} {answer}"


_WHEN_PASSIVE = LazyPattern(
    r"^(?:(?:in|during) (?:what|which) (?:year|month(?: and year)?|decade|century)|"
    r"(?:on|by) (?:what|which) (?:date|day)|(?:what|which) year|when) (?P<cop>was|were) (?P<rest>.+)$",
    re.IGNORECASE,
)


def _when_passive(body: str, answer: str, **how: object) -> str | None:
    """ "On what date was the Declaration adopted?" → "The Declaration was adopted on A"."""
    match = _WHEN_PASSIVE.match(body)
    if match is None or how["kind"] != "date":
        return None
    words = match["rest"].split(" ")
    for i, word in enumerate(words[1:], start=1):
        if word.islower() and word.isalpha() and (_is_past(word) or word.endswith("en")):
            clause = " ".join([*words[:i], match["cop"].lower(), *words[i:]])
            if _PREPOSITION_END.search(clause):
                return None
            preposition = "on" if how["precision"] == "day" else "in"
            return f"{_then(clause)} {preposition} {answer}"
    return None
