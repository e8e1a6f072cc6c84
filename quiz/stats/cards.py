"""The cards a learner struggles with: the hardest facts and the most-confused answers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from quiz.facts import BLANK_ID_KEYS, Deck
from quiz.scheduler import CardKey
from quiz.stats.common import Reader, deck_filter, settle, share

HARDEST_LIMIT = 20
CONFUSED_LIMIT = 20
CONFUSION_SAMPLE = 5_000
"""Latest wrong multiple-choice answers the confused pairs are counted over."""


@dataclass(frozen=True, slots=True)
class HardCard:
    """A card often forgotten."""

    deck: str
    fact: str
    blank: int
    lapses: int
    reviews: int
    """Scheduled reviews."""
    passed: int
    prompt: str = ""
    """The card's prompt (`card_text`), once the overview has looked it up."""
    answer: str = ""
    retention: float | None = field(init=False)
    """Share of its scheduled reviews passed (None without any)."""

    def __post_init__(self) -> None:
        settle(self, retention=share(self.passed, self.reviews))

    @property
    def key(self) -> CardKey:
        """The card's key in the store."""
        return self.deck, self.fact, self.blank


@dataclass(frozen=True, slots=True)
class Confusion:
    """A wrong option the learner picked instead of a card's answer, and how often."""

    deck: str
    fact: str
    blank: int
    chosen: str
    count: int
    prompt: str = ""
    answer: str = ""

    @property
    def key(self) -> CardKey:
        """The card's key in the store."""
        return self.deck, self.fact, self.blank


def hardest(store: Reader, deck: str | None = None, limit: int = HARDEST_LIMIT) -> list[HardCard]:
    """Cards with the most lapses, then the lowest true retention.

    Only a lapse (a scheduled review failed) lowers a card's true retention, so the cards
    with at least one lapse are all the candidates.
    """
    deck_term, params = deck_filter(deck)
    # Ties in lapses are broken by retention, so every card with at least as many lapses
    # as the last one listed is a candidate; reviews are counted for those cards only.
    floor = store.read(f"SELECT lapses FROM cards WHERE lapses > 0{deck_term} "
                       "ORDER BY lapses DESC LIMIT 1 OFFSET ?", [*params, max(0, limit - 1)])
    least = int(floor[0][0]) if floor else 1
    scheduled = ("FROM reviews r WHERE r.deck_id = c.deck_id AND r.fact_id = c.fact_id "
                 "AND r.blank = c.blank AND r.mode = 'study' AND r.undone = 0 "
                 "AND r.state_from = 2")
    # Ranked in SQL so only the cards listed come back; no reviews reads as retention 1.
    return [HardCard(d, f, b, int(lapses), int(n), int(p)) for d, f, b, lapses, n, p in
            store.read(
                "SELECT * FROM (SELECT c.deck_id, c.fact_id, c.blank, c.lapses, "
                f"(SELECT count(*) {scheduled}) AS n, "
                f"(SELECT count(*) {scheduled} AND r.rating > 1) AS p FROM cards c "
                f"WHERE c.lapses >= ?{deck_filter(deck, 'c.deck_id')[0]}) "
                "ORDER BY lapses DESC, coalesce(1.0 * p / nullif(n, 0), 1.0), n DESC, "
                "deck_id, fact_id, blank LIMIT ?", [least, *params, limit])]


def confusions(store: Reader, deck: str | None = None, limit: int = CONFUSED_LIMIT,
               sample: int = CONFUSION_SAMPLE) -> list[Confusion]:
    """The wrong multiple-choice options picked most often, per card, over recent answers."""
    deck_term, params = deck_filter(deck)
    # The chosen index is read only when it is a plain number and the options valid JSON,
    # so a damaged row is skipped rather than failing the whole figure.
    rows = store.read(
        "SELECT deck_id, fact_id, blank, picked, count(*) AS n, max(reviewed_at) AS last FROM ("
        "SELECT deck_id, fact_id, blank, reviewed_at, CASE WHEN chosen GLOB '[0-9]*' AND NOT "
        "chosen GLOB '*[^0-9]*' AND json_valid(options) THEN json_extract(options, '$[' || "
        "chosen || ']') END AS picked FROM reviews WHERE format = 'choice' AND verdict = 'wrong' "
        f"AND undone = 0{deck_term} ORDER BY reviewed_at DESC LIMIT ?) WHERE picked IS NOT NULL "
        "GROUP BY deck_id, fact_id, blank, picked ORDER BY n DESC, last DESC LIMIT ?",
        [*params, sample, limit])
    return [Confusion(d, f, b, str(picked), int(n)) for d, f, b, picked, n, _ in rows]


def card_text(decks: Sequence[Deck], key: CardKey) -> tuple[str, str]:
    """The prompt and the answer of a card, or its ids when its fact left the decks."""
    deck_id, fact_id, blank = key
    for deck in decks:
        if deck.id == deck_id and fact_id in deck:
            fact = deck.fact(fact_id)
            index = fact.blank_index(blank)
            if index is not None:
                return fact.prompt(index), fact.answers[index].display
    return f"{deck_id}/{fact_id}" + (f" blank {blank + 1}" if 0 < blank < BLANK_ID_KEYS else ""), "?"
