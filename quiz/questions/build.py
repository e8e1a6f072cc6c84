"""Making questions: `make_question` and `formats_for`, one builder per format.

Every builder draws from a `random.Random` seeded with the deck, fact, blank, format and
the caller's seed, so the same seed always gives the same question, and different cards
do not share their luck.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from typing import TypeVar

from quiz import values
from quiz.facts import BLANK_RE, BLANK_SHOWN, Answer, Deck, Fact
from quiz.grading import grade_answer
from quiz.questions.distractors import distractors, list_text, sample_walk
from quiz.questions.index import Card, DeckIndex, category_of, date_bounds, index_for
from quiz.questions.model import FORMATS, TRUE_FALSE, Format, Question, QuestionError
from quiz.questions.reveal import content_words, reveals, reveals_itself
from quiz.values.dates import DateValue
from quiz.values.numbers import Quantity

T = TypeVar("T")

ORDER_SIZES = (3, 4, 5)
MATCH_SIZE = 4
RANDOM_TRIES = 40
"""Random picks tried for `order` and `match` before walking the deck in order."""

ORDER_PROMPT = "Put these in time order, earliest first."
MATCH_PROMPT = "Match each name with its fact."


def make_question(deck: Deck, fact_id: str, format: str, seed: int = 0, blank: int = 0) -> Question:
    """Build one question about a card.

    Args:
        deck: The deck the fact belongs to (its other facts feed distractors,
            ``order`` and ``match``).
        fact_id: The fact's id.
        format: One of `FORMATS`; it must be offered by `formats_for` for the card.
        seed: Any integer; the same seed gives the same question.
        blank: Which blank of a statement (0 for a question).

    Raises:
        KeyError: The deck has no such fact.
        QuestionError: Unknown format, no such blank, or a format the card does not offer.
    """
    fact = deck.fact(fact_id)
    if format not in FORMATS:
        raise QuestionError(f"unknown question format {format!r}; expected one of {', '.join(FORMATS)}")
    offered = formats_for(deck, fact, blank)
    if format not in offered:
        raise QuestionError(f"fact {fact.id!r} (blank {blank}) cannot be asked as {format}; "
                            f"it offers {', '.join(offered)}")
    index = index_for(deck)
    card = Card(fact, blank)
    rng = random.Random(f"{deck.id}\x1f{fact.id}\x1f{blank}\x1f{format}\x1f{seed}")
    builder = _BUILDERS[format]
    return builder(index, card, rng)


def formats_for(deck: Deck, fact: Fact | str, blank: int = 0) -> tuple[Format, ...]:
    """The formats a card can be asked in well, in the stable order of `FORMATS`.

    ``choice`` needs three good distractors, ``truefalse`` one; ``cloze`` a statement or
    a question that reads naturally as a sentence; ``order`` a date with at least two
    other dates of the deck it can be told apart from; ``match`` a name with three other
    names of the deck. ``recall`` is always offered.

    Raises:
        KeyError: The deck has no such fact.
        QuestionError: The fact has no such blank.
    """
    if isinstance(fact, str):
        fact = deck.fact(fact)
    if not 0 <= blank < len(fact.answers):
        raise QuestionError(f"fact {fact.id!r} has {len(fact.answers)} blank(s); there is no blank {blank}")
    index = index_for(deck)
    key = (fact.id, blank)
    cached = index.formats.get(key)
    if cached is not None:
        return cached
    card = Card(fact, blank)
    offered: list[Format] = []
    if not reveals_itself(card):
        rng = random.Random(f"{deck.id}\x1f{fact.id}\x1f{blank}")
        found = len(distractors(index, card, rng))
        sentence_ok = fact.is_statement or _sentence(card, BLANK_SHOWN) is not None
        if found >= 3:
            offered.append("choice")
        if found >= 1 and sentence_ok:
            offered.append("truefalse")  # never a question with an option glued on
        offered.append("recall")
        if sentence_ok:
            offered.append("cloze")
        if card.answer.kind == "date" and len(_order_cards(index, card, None, 3)) >= 3:
            offered.append("order")
        if card.answer.kind == "name" and len(_match_cards(index, card, None)) >= MATCH_SIZE:
            offered.append("match")
    result = tuple(offered)
    index.formats[key] = result
    return result


# --- what is shown ----------------------------------------------------------------------


def option_text(answer: Answer) -> str:
    """The right answer as an option, written by the same rules as its distractors."""
    # A kind's questions load with its first question (a names deck needs neither).
    if isinstance(answer.value, DateValue):
        from quiz.questions.dated import shown

        return shown(answer.value)
    if isinstance(answer.value, Quantity):
        from quiz.questions.figures import shown as figure_shown

        return figure_shown(answer)
    if isinstance(answer.text, tuple):
        return list_text(answer, answer.text)
    return answer.display


def describe(card: Card) -> str:
    """A card as an item of ``order`` or ``match``: the question, or the statement with its blank."""
    return " ".join(card.fact.prompt(card.blank).split())


def _in_sentence(answer: Answer, text: str) -> str:
    """An option as it reads inside a sentence: list members joined with "and"."""
    if answer.kind == "list" and isinstance(answer.text, tuple) and text != BLANK_SHOWN:
        members = [m for m, _ in values.lists.split(text)] if "," in text else [text]
        if len(members) > 1:
            return ", ".join(members[:-1]) + " and " + members[-1]
    return text


def _named(answer: Answer, text: str) -> str:
    """A name as it reads in a sentence made from a question: "the Yangtze"."""
    from quiz.questions.articles import takes_the

    if answer.kind == "name" and text != BLANK_SHOWN and takes_the(text, category_of(answer)):
        return "the " + text
    return text


def _sentence(card: Card, text: str) -> str | None:
    """A question fact rewritten as a sentence holding ``text``, or None (see `phrasing`)."""
    fact, answer = card.fact, card.answer
    if fact.question is None:
        return None
    from quiz.questions.phrasing import sentence

    value = answer.value
    return sentence(
        fact.question,
        _named(answer, _in_sentence(answer, text)),
        kind=answer.kind,
        plural=answer.kind == "list" and len(answer.text) > 1,
        precision=value.precision if isinstance(value, DateValue) else None,
        unit_given=isinstance(value, Quantity) and bool(value.unit),
    )


def claim(card: Card, text: str) -> str:
    """The card's fact stated with ``text`` in the answer's place, true or not.

    Raises:
        QuestionError: A question that does not read as a sentence (see `phrasing`).
    """
    fact = card.fact
    if fact.text is not None:
        parts: list[str] = []
        at = 0
        for i, match in enumerate(BLANK_RE.finditer(fact.text)):
            parts.append(fact.text[at:match.start()])
            at = match.end()
            if i != card.blank:
                parts.append(fact.answers[i].display)
                continue
            shown = _in_sentence(card.answer, text)
            if card.answer.kind == "name":
                from quiz.questions.articles import in_place

                before, shown = in_place(shown, "".join(parts), category_of(card.answer))
                parts = [before]
            parts.append(shown)
        parts.append(fact.text[at:])
        return " ".join("".join(parts).split())
    natural = _sentence(card, text)
    if natural is None:
        raise QuestionError(f"fact {fact.id!r} does not read as a statement; it offers no true/false")
    return natural


# --- builders ---------------------------------------------------------------------------


def _base(card: Card, format: Format, prompt: str, **fields: object) -> Question:
    return Question(
        format=format,
        deck_id=card.fact.deck_id,
        fact_id=card.fact.id,
        blank=card.blank,
        prompt=prompt,
        answer=card.answer.display,
        expected=card.answer,
        **fields,  # type: ignore[arg-type]
    )


def _choice(index: DeckIndex, card: Card, rng: random.Random) -> Question:
    wrong = distractors(index, card, rng)
    if len(wrong) < 3:
        raise QuestionError(f"fact {card.fact.id!r} has too few good distractors for a choice")
    rng.shuffle(wrong)
    right_at = rng.randrange(len(wrong) + 1)
    options = [*wrong[:right_at], option_text(card.answer), *wrong[right_at:]]
    return _base(card, "choice", describe(card), options=tuple(options), correct_index=right_at)


def _truefalse(index: DeckIndex, card: Card, rng: random.Random) -> Question:
    true = rng.random() < 0.5
    if true:
        shown = option_text(card.answer)
    else:
        wrong = distractors(index, card, rng)
        if not wrong:
            raise QuestionError(f"fact {card.fact.id!r} has no distractor to make a false claim")
        shown = rng.choice(wrong)
    statement = claim(card, shown)
    return _base(card, "truefalse", statement, options=TRUE_FALSE, correct_index=0 if true else 1,
                 statement=statement)


def _recall(index: DeckIndex, card: Card, rng: random.Random) -> Question:
    return _base(card, "recall", describe(card))


def _cloze(index: DeckIndex, card: Card, rng: random.Random) -> Question:
    prompt = describe(card) if card.fact.is_statement else _sentence(card, BLANK_SHOWN)
    if prompt is None:
        raise QuestionError(f"fact {card.fact.id!r} does not read as a sentence with a blank")
    return _base(card, "cloze", prompt)


def _order(index: DeckIndex, card: Card, rng: random.Random) -> Question:
    chosen = _order_cards(index, card, rng, rng.choice(ORDER_SIZES))
    if len(chosen) < 3:
        raise QuestionError(f"fact {card.fact.id!r} has too few other dates to order")
    rng.shuffle(chosen)
    timeline = sorted(range(len(chosen)), key=lambda i: date_bounds(chosen[i][1]))
    if timeline == list(range(len(chosen))):  # never shown already in time order
        swap = rng.randrange(len(chosen) - 1)
        chosen[swap], chosen[swap + 1] = chosen[swap + 1], chosen[swap]
    items = tuple(describe(c) for c, _ in chosen)
    solution = tuple(sorted(range(len(chosen)), key=lambda i: date_bounds(chosen[i][1])))
    return _base(card, "order", ORDER_PROMPT, options=items, items=items, solution=solution,
                 dates=tuple(c.answer.display for c, _ in chosen),
                 item_facts=tuple(c.fact.id for c, _ in chosen))


def _match(index: DeckIndex, card: Card, rng: random.Random) -> Question:
    chosen = _match_cards(index, card, rng)
    if len(chosen) < MATCH_SIZE:
        raise QuestionError(f"fact {card.fact.id!r} has too few other names to match")
    names = list(chosen)
    rng.shuffle(names)
    # The facts column is a derangement of the names: no name starts opposite its own fact.
    facts = names[1:] + names[:1]
    for _ in range(20):
        trial = rng.sample(names, len(names))
        if all(trial[i] is not names[i] for i in range(len(names))):
            facts = trial
            break
    where = {id(c): i for i, c in enumerate(facts)}
    return _base(card, "match", MATCH_PROMPT,
                 options=tuple(c.answer.display for c in names),
                 items=tuple(describe(c) for c in facts),
                 solution=tuple(where[id(c)] for c in names),
                 item_facts=tuple(c.fact.id for c in facts))


_BUILDERS = {
    "choice": _choice,
    "truefalse": _truefalse,
    "recall": _recall,
    "cloze": _cloze,
    "order": _order,
    "match": _match,
}


# --- picking other cards ----------------------------------------------------------------


def _walk(items: Sequence[T], rng: random.Random | None) -> Iterator[T]:
    """Random picks then everything (see `sample_walk`); in deck order without a generator."""
    if rng is None:
        return iter(items)
    return sample_walk(items, rng)


def _order_cards(index: DeckIndex, card: Card, rng: random.Random | None,
                 size: int) -> list[tuple[Card, DateValue]]:
    """Up to ``size`` dated cards including ``card``: distinct facts, no two dates overlapping.

    The others come from the card's fixed pool (`companions`), so the study queue knows
    which cards an order question can show and keeps them off the same day.
    """
    value = card.answer.value
    if not isinstance(value, DateValue):
        return []
    chosen: list[tuple[Card, DateValue]] = [(card, value)]
    pool = list(companions(index, card))
    if rng is not None:
        rng.shuffle(pool)
    for other in pool[:size - 1]:
        chosen.append((other, other.answer.value))
    return chosen


def companions(index: DeckIndex, card: Card) -> tuple[Card, ...]:
    """The cards an ``order`` (dates) or ``match`` (names) question about ``card`` draws from.

    Fixed per card and drawn once: a few more than a question needs, so questions vary,
    and few enough that the queue can keep them all apart from the card.
    """
    key = (card.fact.id, card.blank)
    found = index.companions.get(key)
    if found is None:
        found = _shipped_companions(index, card)
    if found is None:
        rng = random.Random(f"{index.deck.id}\x1f{card.fact.id}\x1f{card.blank}\x1fcompanions")
        if card.answer.kind == "date":
            found = tuple(c for c, _ in _pick_dated(index, card, rng, max(ORDER_SIZES))[1:])
        elif card.answer.kind == "name":
            found = tuple(_pick_names(index, card, rng, MATCH_SIZE)[1:])
        else:
            found = ()
        index.companions[key] = found
    return found


def _shipped_companions(index: DeckIndex, card: Card) -> tuple[Card, ...] | None:
    """``card``'s companions as shipped with a bundled deck (`quiz.shipped`), if they are
    there and sound: cards of the deck of its answer's kind, each of another fact."""
    shipped = getattr(index.deck.facts, "shipped", None)
    if shipped is None:
        return None
    pairs = shipped.companions.get((card.fact.id, card.fact.blank_key(card.blank)))
    if type(pairs) is not tuple:
        return None
    found, facts = [], {card.fact.id}
    for pair in pairs:
        if not (type(pair) is tuple and len(pair) == 2 and type(pair[0]) is str
                and type(pair[1]) is int and pair[0] in index.deck and pair[0] not in facts):
            return None
        fact = index.deck.fact(pair[0])
        blank = fact.blank_index(pair[1])
        if blank is None or fact.answers[blank].kind != card.answer.kind:
            return None
        facts.add(fact.id)
        found.append(Card(fact, blank))
    index.companions[(card.fact.id, card.blank)] = cards = tuple(found)
    return cards


def _pick_dated(index: DeckIndex, card: Card, rng: random.Random | None,
                size: int) -> list[tuple[Card, DateValue]]:
    value = card.answer.value
    if not isinstance(value, DateValue):
        return []
    chosen: list[tuple[Card, DateValue]] = [(card, value)]
    bounds = [date_bounds(value)]
    facts = {card.fact.id}
    texts = {describe(card)}
    for _first, _last, other, other_value in _walk(index.dated, rng):
        if len(chosen) >= size:
            break
        if other.fact.id in facts:
            continue
        first, last = _first, _last
        if any(not (last < b[0] or b[1] < first) for b in bounds):
            continue  # 1778 and April 1778 cannot be put in order
        text = describe(other)
        if text in texts or reveals_itself(other):
            continue
        chosen.append((other, other_value))
        bounds.append((first, last))
        facts.add(other.fact.id)
        texts.add(text)
    return chosen


def _match_cards(index: DeckIndex, card: Card, rng: random.Random | None) -> list[Card]:
    """``card`` and three others from its fixed pool (`companions`), in a seeded order."""
    pool = list(companions(index, card))
    if rng is not None:
        rng.shuffle(pool)
    return [card, *pool[:MATCH_SIZE - 1]]


def _pick_names(index: DeckIndex, card: Card, rng: random.Random | None, size: int) -> list[Card]:
    """``card`` and up to ``size - 1`` other names of its category, none confusable.

    A match mixes no categories (a country among cities is the odd one out), and no name
    shares a word with its own fact that no other name has ("Which office…" ↔ "Foreign
    Commercial Office" pairs itself).
    """
    group = category_of(card.answer)
    if not group or reveals_itself(card):
        return [card]
    chosen = [card]
    texts = {describe(card)}
    for other in _walk(index.name_cards.get(group, []), rng):
        if len(chosen) >= size:
            break
        if any(other.fact.id == c.fact.id for c in chosen):
            continue
        text = describe(other)
        if text in texts or not _apart(other, chosen) or reveals_itself(other):
            continue
        if _pairs_itself(other, chosen) or _pairs_itself(card, [*chosen[1:], other]):
            continue
        if _quotes(other, chosen):
            continue
        chosen.append(other)
        texts.add(text)
    return chosen


def _quotes(other: Card, chosen: list[Card]) -> bool:
    """Whether ``other``'s item names a chosen card's answer or a chosen item names
    ``other``'s: "…General Lafayette joined…" beside the option Lafayette rules that
    option out for that item."""
    text = describe(other)
    return any(reveals(text, c.answer) or reveals(describe(c), other.answer) for c in chosen)


def _pairs_itself(card: Card, others: list[Card]) -> bool:
    """Whether ``card``'s name shares a word with its own fact that no other name has."""
    own = content_words(card.answer.display) & content_words(describe(card))
    if not own:
        return False
    elsewhere: set[str] = set()
    for other in others:
        if other is not card:
            elsewhere |= content_words(other.answer.display)
    return bool(own - elsewhere)


def _apart(other: Card, chosen: list[Card]) -> bool:
    """Whether no chosen name would be a right answer to ``other`` or the reverse."""
    for card in chosen:
        if grade_answer(card.answer, other.answer.display).verdict != "wrong":
            return False
        if grade_answer(other.answer, card.answer.display).verdict != "wrong":
            return False
    return True
