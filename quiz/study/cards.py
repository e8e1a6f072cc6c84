"""The cards of a deck as the learner manages them: their schedule, and the four things a
learner does to a card by hand — suspend, unsuspend, unbury, forget.

Used by the deck browser (through `quiz.study.service.Study`, on the app's store thread) and
by ``quiz cards``. Forgetting a card resets its schedule to new and keeps every answer in
the review log (history and statistics still count them). `quiz doctor --rebuild` replays
the log, so it gives a forgotten card its old schedule back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, get_args

from quiz.facts import Deck, Fact, Problem
from quiz.scheduler import CardKey
from quiz.store import Store

CardAction = Literal["suspend", "unsuspend", "unbury", "forget"]
"""What a learner can do to a card by hand."""

ACTIONS: tuple[str, ...] = get_args(CardAction)

DONE = {"suspend": "suspended", "unsuspend": "unsuspended", "unbury": "unburied",
        "forget": "forgotten (reset to new)"}
"""Each action in the past tense, for messages."""


@dataclass(frozen=True, slots=True)
class CardInfo:
    """One card of a deck (a question, or one blank of a statement) and its schedule."""

    fact: Fact
    blank: int
    formats: tuple[str, ...]
    """The question formats the card can be asked in."""
    state: str
    """"new", "learning", "review" or "relearning"."""
    due: datetime | None
    """When it is next due (None while new)."""
    retention: float | None
    """Predicted chance of recall now (FSRS retrievability); None for a new card."""
    reps: int
    lapses: int
    suspended: bool
    buried: bool
    """Buried until the study day ends."""

    @property
    def key(self) -> CardKey:
        """The card's identity in the store."""
        return self.fact.card_key(self.blank)

    @property
    def name(self) -> str:
        """The card as the learner names it: the fact id, with ``:2`` for a statement's 2nd blank."""
        return self.fact.id if self.fact.blank_count == 1 else f"{self.fact.id}:{self.blank + 1}"

    def to_dict(self) -> dict[str, object]:
        """The card for ``quiz cards --json``."""
        return {"deck": self.key[0], "card": self.name, "fact": self.fact.id, "blank": self.blank,
                "prompt": self.fact.prompt(self.blank), "state": self.state,
                "due": self.due.isoformat() if self.due else None,
                "retention": None if self.retention is None else round(self.retention, 4),
                "reps": self.reps, "lapses": self.lapses, "suspended": self.suspended,
                "buried": self.buried, "formats": list(self.formats),
                "file": f"{self.fact.path}:{self.fact.line}"}


@dataclass(frozen=True, slots=True)
class DeckCards:
    """Every card of one deck with its schedule and the linter's warnings, read at ``now``."""

    deck: Deck
    cards: tuple[CardInfo, ...]
    warnings: tuple[Problem, ...]
    now: datetime


def deck_cards(store: Store, deck: Deck, now: datetime, lint: bool = True) -> DeckCards:
    """Every card of ``deck`` with its schedule (and lint warnings, when ``lint``)."""
    from quiz.questions import formats_for
    from quiz.scheduler import STATE_NAMES

    stored = store.cards([deck.id])
    scheduler = store.scheduler()
    cards = []
    for fact in deck.facts:
        for blank in range(fact.blank_count):
            card = stored.get(fact.card_key(blank))
            state = card.state if card is not None else None
            seen = state is not None and not state.is_new
            cards.append(CardInfo(
                fact=fact, blank=blank, formats=tuple(formats_for(deck, fact, blank)),
                state=STATE_NAMES.get(state.state, "new") if state is not None else "new",
                due=state.due if seen and state is not None else None,
                retention=(scheduler.retrievability(state, now, deck.id)
                           if seen and state is not None else None),
                reps=state.reps if state is not None else 0,
                lapses=state.lapses if state is not None else 0,
                suspended=bool(card.suspended) if card is not None else False,
                buried=card is not None and card.buried_until is not None and card.buried_until > now))
    warnings: tuple[Problem, ...] = ()
    if lint:
        from quiz.lint import lint_deck

        warnings = tuple(lint_deck(deck))
    return DeckCards(deck, tuple(cards), warnings, now)


def change_cards(store: Store, action: CardAction, keys: Iterable[CardKey]) -> int:
    """Apply ``action`` to every card of ``keys``; how many cards it was applied to."""
    if action not in ACTIONS:
        raise ValueError(f"unknown card action {action!r}: one of {', '.join(ACTIONS)}")
    done = 0
    for key in dict.fromkeys(tuple(k) for k in keys):
        if action == "suspend":
            store.suspend(key)
        elif action == "unsuspend":
            store.suspend(key, suspended=False)
        elif action == "unbury":
            store.unbury(key)
        else:
            store.forget(key)
        done += 1
    return done


def find_card(deck: Deck, name: str) -> CardKey:
    """The card a learner names: ``fact-id``, or ``fact-id:N`` for a statement's N-th blank.

    Raises:
        KeyError: no such fact or blank in the deck; the message says which exist.
    """
    fact_id, _, blank_text = name.partition(":")
    if fact_id not in deck:
        raise KeyError(f"no fact {fact_id!r} in deck {deck.id} ({deck.path})")
    fact = deck.fact(fact_id)
    if not blank_text:
        return fact.card_key(0)
    if not blank_text.isdigit() or not 1 <= int(blank_text) <= fact.blank_count:
        raise KeyError(f"fact {fact_id!r} has {fact.blank_count} blank"
                       f"{'s' if fact.blank_count != 1 else ''}: name one as {fact_id}:1"
                       + (f" to {fact_id}:{fact.blank_count}" if fact.blank_count > 1 else ""))
    return fact.card_key(int(blank_text) - 1)


def find_cards(deck: Deck, names: Sequence[str]) -> list[CardKey]:
    """Every card named (see `find_card`); a fact id alone names all its blanks."""
    keys: list[CardKey] = []
    for name in names:
        if ":" not in name and name in deck:
            fact = deck.fact(name)
            keys += [fact.card_key(b) for b in range(fact.blank_count)]
        else:
            keys.append(find_card(deck, name))
    return keys
