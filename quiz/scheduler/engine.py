"""The FSRS-6 adapter: one answer's new card state, retrievability and leeches, on py-fsrs.

Each deck is scheduled with its FSRS parameters from the settings (the learner's own after
`quiz optimize`, else the defaults).

Review intervals of 3 days or more get FSRS's usual small random spread, but the randomness
is seeded from the card key and its review count, so replaying the review log gives
bit-identical states (`quiz doctor --rebuild`).
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from quiz.clock import to_ms, truncate_ms
from quiz.scheduler.records import LEARNING, REVIEW, CardKey, CardState, Rating
from quiz.scheduler.settings import Settings

if TYPE_CHECKING:  # py-fsrs loads when a card is first scheduled (`Scheduler.review`), not
    import fsrs    # for a first question: the queue ranks cards without it

LEECH_REPEAT = 4
"""After the first leech notice, another one every this many lapses."""


def _fuzz_seed(key: CardKey, reps: int) -> int:
    text = f"{key[0]}\x00{key[1]}\x00{key[2]}\x00{reps}".encode()
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "big")


def _fuzzed_days(days: int, seed: int, maximum: int) -> int:
    """A day count drawn from py-fsrs's fuzz range around ``days`` with a seeded generator."""
    from fsrs.scheduler import FUZZ_RANGES

    if days < 2.5:
        return days
    delta = 1.0
    for band in FUZZ_RANGES:
        delta += band["factor"] * max(min(float(days), band["end"]) - band["start"], 0.0)
    low = max(2, round(days - delta))
    high = min(round(days + delta), maximum)
    low = min(low, high)
    # Uniform over [low, high]. (py-fsrs rounds here, which favours the longer end.)
    return min(low + int(random.Random(seed).random() * (high - low + 1)), maximum)


class Scheduler:
    """FSRS-6 with deterministic fuzz; every method returns new values, nothing is mutated."""

    def __init__(self, settings: Settings | None = None, *, fuzz: bool = True) -> None:
        self.settings = settings or Settings()
        self.fuzz = fuzz
        self._engines: dict[tuple[float, tuple[float, ...]], fsrs.Scheduler] = {}

    def _fsrs(self, retention: float, deck_id: str = "") -> fsrs.Scheduler:
        parameters = self.settings.parameters_for(deck_id)
        found = self._engines.get((retention, parameters))
        if found is None:
            import fsrs

            found = fsrs.Scheduler(parameters=parameters, desired_retention=retention,
                                   enable_fuzzing=False)
            self._engines[(retention, parameters)] = found
        return found

    def review(self, key: CardKey, before: CardState, rating: Rating, at: datetime,
               retention: float | None = None) -> CardState:
        """The card's state after an answer rated ``rating`` at ``at``.

        Args:
            key: the card, used to seed the fuzz.
            before: its state before the answer.
            rating: the stored rating.
            at: the answer's time (UTC; truncated to milliseconds).
            retention: desired retention in force; the settings' when None (the store
                logs it with every review so replays use the same value).
        """
        import fsrs

        at = truncate_ms(at)
        engine = self._fsrs(retention if retention is not None else self.settings.desired_retention,
                            key[0])
        card = fsrs.Card(card_id=1, state=fsrs.State(before.state or LEARNING),
                         step=before.step if before.state else 0,
                         stability=before.stability, difficulty=before.difficulty,
                         due=before.due or at, last_review=before.last_review)
        after, _ = engine.review_card(card, fsrs.Rating(rating), review_datetime=at)
        due = after.due
        if self.fuzz and after.state == fsrs.State.Review:
            days = (after.due - at).days
            due = at + timedelta(days=_fuzzed_days(days, _fuzz_seed(key, before.reps),
                                                   engine.maximum_interval))
        lapsed = before.state == REVIEW and rating == Rating.Again
        return CardState(state=int(after.state), step=after.step, stability=after.stability,
                         difficulty=after.difficulty, due=due, last_review=at,
                         reps=before.reps + 1, lapses=before.lapses + int(lapsed))

    def retrievability(self, state: CardState, at: datetime, deck_id: str = "") -> float:
        """Predicted chance of recall at ``at`` (0 for a new card), with the deck's parameters."""
        if state.last_review is None or state.stability is None:
            return 0.0
        import fsrs

        card = fsrs.Card(card_id=1, state=fsrs.State.Review, stability=state.stability,
                         due=at, last_review=state.last_review)
        engine = self._fsrs(self.settings.desired_retention, deck_id)
        return float(engine.get_card_retrievability(card, at))

    def decay(self, deck_id: str = "") -> float:
        """The exponent of the deck's forgetting curve (negative), as py-fsrs takes it."""
        return -self.settings.parameters_for(deck_id)[20]  # as `fsrs.Scheduler` takes it

    def curve(self, deck_id: str = "") -> tuple[float, float]:
        """The deck's forgetting curve as `retrievability_at` computes it: ``R = (1 + factor
        * elapsed days / stability) ** decay``; (factor, decay)."""
        decay = self.decay(deck_id)
        return 0.9 ** (1 / decay) - 1, decay

    def retrievability_at(self, at: datetime, deck_id: str = ""
                          ) -> Callable[[int | None, float | None], float]:
        """`retrievability` at ``at`` with the deck's parameters, for many cards given as
        stored (last review in epoch ms, stability): the same numbers, computed as py-fsrs
        computes them (`fsrs.Scheduler.get_card_retrievability`) without making a card
        object, or even a state, each (the study queue ranks thousands of reviews)."""
        factor, decay = self.curve(deck_id)
        at_ms = to_ms(at)

        def of(last_review: int | None, stability: float | None) -> float:
            if last_review is None or stability is None:
                return 0.0
            elapsed = max(0, (at_ms - last_review) // 86_400_000)  # whole days, as timedelta.days
            return float((1 + factor * elapsed / stability) ** decay)
        return of

    def is_leech(self, before: CardState, after: CardState) -> bool:
        """Whether this answer made the card a leech (a lapse reaching the threshold)."""
        if after.lapses <= before.lapses:
            return False
        first = self.settings.leech_lapses
        return after.lapses == first or (
            after.lapses > first and (after.lapses - first) % LEECH_REPEAT == 0)
