"""Cards as the store holds them: keys, FSRS states with review and lapse counts, flags.

`CardState` is a card's memory state (the values py-fsrs keeps, plus our own ``NEW`` state for
a card never answered); `StoredCard` adds the learner's flags (suspended, buried). Both are
frozen values with explicit stored forms (`CardStateDict`, epoch milliseconds in UTC).
"""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum
from typing import TYPE_CHECKING, Literal, TypedDict

from quiz.clock import from_ms, to_ms
from quiz.frozen import Record

CardKey = tuple[str, str, int]
"""``(deck_id, fact_id, blank)``: the identity of one card."""

Verdict = Literal["correct", "close", "wrong"]
Mode = Literal["study", "cram", "exam"]
ItemKind = Literal["learning", "review", "new"]


class Rating(IntEnum):
    """Again = 1, Hard = 2, Good = 3, Easy = 4: py-fsrs's `fsrs.Rating`, defined here so that
    a first question does not import py-fsrs (`quiz.scheduler.engine` loads it to schedule
    an answer; a test checks both agree)."""

    Again = 1
    Hard = 2
    Good = 3
    Easy = 4


NEW, LEARNING, REVIEW, RELEARNING = 0, 1, 2, 3
"""Card states: 0 is ours (never answered); 1–3 are `fsrs.State` values."""

STATE_NAMES = {NEW: "new", LEARNING: "learning", REVIEW: "review", RELEARNING: "relearning"}

SUSPENDED_NO, SUSPENDED_BY_LEARNER, SUSPENDED_LEECH = 0, 1, 2


if TYPE_CHECKING:
    class CardStateDict(TypedDict):
        """Stored form of `CardState` (times as epoch milliseconds, UTC)."""

        state: int
        step: int | None
        stability: float | None
        difficulty: float | None
        due: int | None
        last_review: int | None
        reps: int
        lapses: int
else:  # a plain dict at run time: a TypedDict compiles each annotation when it is created,
    CardStateDict = dict  # on the way to every first question (issue 17)


class CardState(Record):
    """The scheduling state of one card: FSRS memory state plus review and lapse counts.

    A `NamedTuple` like `StoredCard` (``state._replace(due=...)`` for a changed copy): as
    frozen and compared by value as a dataclass, without compiling methods on the way to a
    first question, and quicker to make for each card a queue reads (issue 17)."""

    state: int = NEW
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None
    last_review: datetime | None = None
    reps: int = 0
    """Scheduled reviews so far (cram and exam answers do not count)."""
    lapses: int = 0
    """Times the card was forgotten after reaching review."""

    @property
    def is_new(self) -> bool:
        """Never answered in study mode."""
        return self.state == NEW

    @property
    def in_learning(self) -> bool:
        """In the short learning or relearning steps."""
        return self.state in (LEARNING, RELEARNING)

    def to_dict(self) -> CardStateDict:
        """The stored form."""
        return CardStateDict(
            state=self.state, step=self.step, stability=self.stability,
            difficulty=self.difficulty,
            due=to_ms(self.due) if self.due is not None else None,
            last_review=to_ms(self.last_review) if self.last_review is not None else None,
            reps=self.reps, lapses=self.lapses)

    @classmethod
    def from_dict(cls, data: CardStateDict) -> CardState:
        """A state from its stored form."""
        return cls(
            state=int(data["state"]), step=data["step"], stability=data["stability"],
            difficulty=data["difficulty"],
            due=from_ms(data["due"]) if data["due"] is not None else None,
            last_review=from_ms(data["last_review"]) if data["last_review"] is not None else None,
            reps=int(data["reps"]), lapses=int(data["lapses"]))


NEW_CARD = CardState()


class StoredCard(Record):
    """A card as the store holds it: its state and the learner's flags."""

    state: CardState = NEW_CARD
    suspended: int = SUSPENDED_NO
    """0 not suspended, 1 suspended by the learner, 2 suspended as a leech."""
    buried_until: datetime | None = None
