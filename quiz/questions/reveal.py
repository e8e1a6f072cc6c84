"""What gives an answer away: a prompt that shows it, and cards that show each other's.

A card *reveals itself* when its own words hold its answer ("…Lafayette…" in a question
about Lafayette), or, for a date, state an offset from a date they give ("sixteen days
before Voyager 1, which followed on September 5, 1977"). Such a card is asked in no format
(`formats_for`) and the linter warns about it.

Two cards are *related* when they share an answer, one's words (its prompt with its own
blank hidden, or its ``explain:``) show the other's answer, or one's ``order``/``match``
questions show the other with its answer. `KeepApart` tells the study queue whether a card
is related to any card already on the day, from an index of the day's cards alone.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence

from quiz.compiled_relations import Entry, Relations, sidecar_of
from quiz.facts import BLANK_SHOWN, Answer, Deck
from quiz.patterns import LazyPattern
from quiz.questions.index import Card, category_of, index_for
from quiz.questions.window import context_text, dates_in
from quiz.values.common import fold

LONGEST = 8
"""The most words of an answer form looked up in a text."""

_OFFSET = LazyPattern(
    r"\b(?:\w+|\d+) (?:days?|weeks?|months?|years?|decades?) (?:before|after|earlier|later)\b"
    r"|\bto the day (?:before|after)\b|\ba (?:day|week|month|year|decade) (?:before|after|earlier|later)\b",
    re.IGNORECASE)
_WORD = LazyPattern(r"[0-9a-z]+(?:['’.-][0-9a-z]+)*")
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
    at = hay.find(pin)
    while at >= 0:  # a found word not inside a longer one (a regex per needle costs more)
        end = at + len(pin)
        if not (at and _word_char(hay[at - 1])) and not (end < len(hay) and _word_char(hay[end])):
            return True
        at = hay.find(pin, at + 1)
    return False


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


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


def _forms(answer: Answer) -> set[str]:
    return {k for k in (_key(f) for f in shown_forms(answer)) if len(k) >= 3 or k.isdigit()}


CardKey = tuple[str, str, int]
"""A card anywhere: deck id, fact id, blank."""

Parts = tuple[tuple[str, ...], tuple[str, ...], frozenset[CardKey]]
"""What relates a card to others: its answer forms, its words (prompt and ``explain:``,
folded) and the cards its questions show."""

_KNOWN: OrderedDict[int, tuple[Deck, Relations]] = OrderedDict()
_KNOWN_DECKS = 8
_lock = threading.Lock()


def _known(deck: Deck) -> Relations:
    """The relations read or worked out so far of ``deck``'s cards, kept in its compiled
    cache's sidecar when it has one (a few recent deck objects are kept)."""
    with _lock:
        entry = _KNOWN.get(id(deck))
        if entry is None or entry[0] is not deck:
            shipped = getattr(deck.facts, "shipped", None)
            relations = Relations(lambda: sidecar_of(deck.facts),
                                  shipped.relations if shipped is not None else None)
            entry = _KNOWN[id(deck)] = (deck, relations)
            while len(_KNOWN) > _KNOWN_DECKS:
                _KNOWN.popitem(last=False)
        _KNOWN.move_to_end(id(deck))
        return entry[1]


def _usable(deck_id: str, entry: Entry) -> Parts | bool | None:
    """A stored entry as `KeepApart` works with it: None (no such card), False (asked in no
    format) or its `Parts`."""
    if entry is None or entry is False:
        return entry  # type: ignore[no-any-return]
    forms, words, shown = entry
    return forms, tuple(words.split()), frozenset((deck_id, f, b) for f, b in shown)


def _others(facts: set[str] | None, fact: str) -> bool:
    """Whether ``facts`` holds a fact other than ``fact``."""
    return bool(facts) and (len(facts) > 1 or fact not in facts)  # type: ignore[arg-type]


class KeepApart:
    """The cards of one study day, and whether another card may join them.

    A card may not join when it shares an answer with a card of the day, when its words
    (prompt and ``explain:``) show one's answer or one's show its answer, or when either
    is among the cards the other's ``order`` (a card asked for recall) or ``match`` (asked
    for recognition) questions show (`companions`).
    Only the day's cards are indexed, so the cost grows with the day, not the deck; what
    relates a card is worked out once per deck content (`quiz.compiled_relations`).
    """

    def __init__(self, decks: Sequence[Deck], under: KeepApart | None = None) -> None:
        self._under = under
        """Cards admitted before (of the same decks), kept apart from too; never changed
        here, so one such day can be shared by several (`Queries.queue_counts`)."""
        self._admitted: set[tuple[CardKey, bool | None]] = set()
        self._decks = {d.id: d for d in decks}
        self._relations: dict[str, Relations] = {}
        self._answers: dict[str, dict[str, set[str]]] = {}
        """deck → answer key → facts of the day with that answer."""
        self._starts: dict[str, dict[str, set[int]]] = {}
        """deck → word → the lengths in words of the day's answer forms starting with it."""
        self._words: dict[str, dict[str, list[tuple[str, tuple[str, ...], int]]]] = {}
        """deck → word → where the day's cards' words hold it: fact, words, position."""
        self._shown: set[CardKey] = set()
        """Cards the day's order/match questions may show."""
        self._cards: set[CardKey] = set()

    def _card(self, key: CardKey) -> Card | None:
        deck = self._decks.get(key[0])
        if deck is None or key[1] not in deck:
            return None
        fact = deck.fact(key[1])
        blank = fact.blank_index(key[2])
        return None if blank is None else Card(fact, blank)

    def _parts(self, key: CardKey, recall: bool | None) -> Parts | bool | None:
        """The card's answer forms, its words' phrases and the cards its questions may show;
        None for a card not in the decks, False for one never asked (it gives itself away).
        Kept per deck object, so the home screen's counts and the session's queue read a
        card once, and in the deck's sidecar, so later launches do not work it out again."""
        relations = self._relations.get(key[0])
        if relations is None:
            deck = self._decks.get(key[0])
            if deck is None:
                return None
            relations = self._relations[key[0]] = _known(deck)
        made = relations.made()
        found = made.get((key, recall), made)
        if found is made:
            stored = (key[1], key[2], recall)
            entry = relations.get(stored)
            if entry is ...:
                entry = self._read_entry(key, recall)
                relations.put(stored, entry)
            found = made[(key, recall)] = _usable(key[0], entry)
        return found  # type: ignore[return-value]

    def _read_entry(self, key: CardKey, recall: bool | None) -> Entry:
        card = self._card(key)
        if card is None:
            return None
        if reveals_itself(card):
            return False
        from quiz.questions.build import companions  # the builders use this module
        fact = card.fact
        words = " ".join(filter(None, [fact.prompt(card.blank).replace(BLANK_SHOWN, " "), fact.explain]))
        shown: tuple[tuple[str, int], ...] = ()
        # A card that wants recall is asked in order (dates) among recall and cloze; one that
        # wants recognition in match (names) among choice and true/false. Recall is always
        # offered, so a mature name card never gets a match, and a young date card gets an
        # order only when it has no option to choose among (not looked for: the
        # distractors cost more than the queue can spend per card).
        if recall is not None and (card.answer.kind == "date") == recall:
            shown = tuple(sorted({(c.fact.id, c.fact.blank_key(c.blank))
                                  for c in companions(index_for(self._decks[key[0]]), card)}))
        return tuple(sorted(_forms(card.answer))), " ".join(_WORD.findall(fold(words))), shown

    def save_later(self) -> list[threading.Thread]:
        """Write what was newly worked out about the decks' cards to their sidecars, on
        daemon threads (the threads, for tests to wait on)."""
        held = {**self._under._relations, **self._relations} if self._under else self._relations
        threads = [relations.save_later() for relations in held.values()]
        return [thread for thread in threads if thread is not None]

    def fits(self, key: CardKey, recall: bool | None = None) -> bool:
        """Whether ``key`` may join the day: it is asked in some format and related to no
        card of the day (cards of its own fact aside).

        ``recall``: whether the card wants recall or recognition
        (`quiz.scheduler.choice.wants_recall`); the cards its ``order`` (recall) or
        ``match`` (recognition) questions show count. None: unknown, its words alone count.
        """
        parts = self._parts(key, recall)
        if parts is None or parts is False:
            return parts is None  # a card offering no format is never asked
        # Relations are between two cards: related to none of the day's cards is related to
        # none of those under it and none of those admitted here.
        found: Parts = parts  # type: ignore[assignment]
        under = self._under
        return (under is None or under._fits(key, found)) and self._fits(key, found)

    def _fits(self, key: CardKey, parts: Parts) -> bool:
        """`fits` against the cards admitted here alone."""
        if not self._cards:
            return True
        forms, words, shown = parts
        deck, fact = key[0], key[1]
        if key in self._shown or (shown and any(k[1] != fact for k in shown & self._cards)):
            return False
        answers = self._answers.get(deck, {})
        starts = self._starts.get(deck, {})
        found = self._words.get(deck, {})
        for form in forms:
            if _others(answers.get(form), fact):
                return False
            # The form among the day's words: a phrase of up to LONGEST words of a card.
            pin = tuple(form.split(" "))
            size = len(pin)
            if size <= LONGEST:
                for other, held, at in found.get(pin[0], ()):
                    if other != fact and held[at:at + size] == pin:
                        return False
        # A phrase of its words (up to LONGEST) that is the answer of a card of the day:
        # each word is looked up (a card has a few dozen; the day's answers start hundreds).
        sizes_of = starts.get
        for at, word in enumerate(words):
            sizes = sizes_of(word)
            if sizes:
                for size in sizes:
                    if size <= LONGEST and at + size <= len(words) and \
                            _others(answers.get(" ".join(words[at:at + size])), fact):
                        return False
        return True

    def admit(self, key: CardKey, recall: bool | None = None) -> None:
        """Count ``key`` among the day's cards (``recall`` as for `fits`); once is enough."""
        admitted = (key, recall)
        if admitted in self._admitted or (
                self._under is not None and admitted in self._under._admitted):
            return
        self._admitted.add(admitted)
        self._cards.add(key)
        parts = self._parts(key, recall)
        if parts is None or parts is False:
            return
        forms, words, shown = parts  # type: ignore[misc]
        deck, fact = key[0], key[1]
        answers = self._answers.setdefault(deck, {})
        starts = self._starts.setdefault(deck, {})
        for form in forms:
            answers.setdefault(form, set()).add(fact)
            starts.setdefault(form.split(" ")[0], set()).add(form.count(" ") + 1)
        found = self._words.setdefault(deck, {})
        for at, word in enumerate(words):
            held = found.get(word)
            if held is None:
                found[word] = [(fact, words, at)]
            else:
                held.append((fact, words, at))
        self._shown |= shown


def relation_entries(deck: Deck) -> dict[tuple[str, int, bool | None], Entry]:
    """Every relation entry of ``deck``'s cards, as a sidecar stores them, in each group a
    card may be asked in (`quiz.shipped` ships them with the bundled decks)."""
    keep = KeepApart([deck])
    return {(fact.id, key, recall): keep._read_entry((deck.id, fact.id, key), recall)
            for fact in deck.facts for key in map(fact.blank_key, range(fact.blank_count))
            for recall in (True, False, None)}
