"""The price of a desired retention: simulated reviews per day, and a suggested retention.

`fsrs-rs-python`'s simulator studies a collection the size of the learner's, from scratch,
at their daily new-card limit for a year with given parameters, drawing each answer's
rating from the learner's own shares of Again/Hard/Good/Easy (first answers and reviews
separately, the simulator's defaults until there are `MIN_RATED` of each), with no cap on
daily study time (the simulator's default caps it at 30 minutes, which would hide the
price). Cards already learned are not carried over (the simulator's ``simulate`` starts
from new cards), so the figures are the steady price of a retention, not next week's queue.

The suggested retention is the highest simulated one whose study time per fact remembered
at the end of the year is within `SUGGEST_SLACK` (10%) of the cheapest. Time per fact
remembered nearly always falls with lower retention (the simulator's own
``optimal_retention``, which minimises it, sits at its 0.70 floor for most histories and
takes minutes on a large collection); the slack buys the many extra facts remembered
at higher retention for little extra time, and stops where the price climbs steeply.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = [
    "DAYS", "MIN_RATED", "RETENTIONS", "Workload", "simulate_workload",
]

RETENTIONS: tuple[float, ...] = (0.80, 0.85, 0.90, 0.95)
"""The desired retentions whose workload is shown."""

DAYS = 365
"""How far ahead the workload is simulated."""

MIN_RATED = 50
"""Answers needed before the learner's own rating shares replace the simulator's."""

SIMULATED_PACE = 20
"""New cards a day simulated at most; a faster pace is scaled from it (simulation time grows
with the cards simulated: at 200 a day a year takes half a minute per retention)."""

SUGGEST_SLACK = 0.10
"""How much more time per fact remembered than the cheapest a suggestion may cost."""

SEED = 2026
"""Fixed, so the same history always shows the same workload."""


@dataclass(frozen=True, slots=True)
class Workload:
    """Simulated reviews per day over the next `DAYS` days at each of `RETENTIONS`."""

    cards: int
    """Cards simulated (the learner's collection)."""
    new_per_day: int
    reviews_per_day: Mapping[float, tuple[int, ...]]
    """Desired retention → reviews on each day."""
    remembered: Mapping[float, float]
    """Desired retention → facts expected to be remembered on the last day."""
    minutes: Mapping[float, float]
    """Desired retention → simulated study time over the whole span, in minutes."""

    def average(self, retention: float) -> float:
        """Mean reviews per day at ``retention``."""
        days = self.reviews_per_day[retention]
        return sum(days) / len(days) if days else 0.0

    def minutes_per_fact(self, retention: float) -> float:
        """Study time over the span per fact remembered at its end, at ``retention``."""
        return self.minutes[retention] / max(self.remembered[retention], 1e-9)

    @property
    def suggested(self) -> float:
        """The highest simulated retention within `SUGGEST_SLACK` of the cheapest per fact."""
        cheapest = min(self.minutes_per_fact(r) for r in self.reviews_per_day)
        return max(r for r in self.reviews_per_day
                   if self.minutes_per_fact(r) <= cheapest * (1 + SUGGEST_SLACK))

    def to_dict(self) -> dict[str, object]:
        """The JSON form: per retention (as text, ``"0.9"``) its figures and daily counts."""
        return {"cards": self.cards, "new_per_day": self.new_per_day, "days": DAYS,
                "suggested_retention": self.suggested,
                "by_retention": {f"{r:g}": {
                    "average_per_day": round(self.average(r), 1),
                    "minutes_per_day": round(self.minutes[r] / max(1, len(days)), 1),
                    "remembered": round(self.remembered[r]),
                    "reviews_per_day": list(days)}
                    for r, days in self.reviews_per_day.items()}}


def _shares(counts: Sequence[int], fallback: Sequence[float]) -> list[float]:
    total = sum(counts)
    if total < MIN_RATED:
        return list(fallback)
    return [c / total for c in counts]


def _config(cards: int, new_per_day: int, first_ratings: Sequence[int],
            review_ratings: Sequence[int]) -> object:
    from fsrs_rs_python import default_simulator_config

    config = default_simulator_config()
    config.deck_size = max(1, cards)
    config.learn_span = DAYS
    config.learn_limit = max(0, new_per_day)
    config.max_cost_perday = float(DAYS * 86_400)
    config.first_rating_prob = _shares(first_ratings, config.first_rating_prob)
    # The simulator takes the shares of Hard, Good and Easy among passed reviews.
    config.review_rating_prob = _shares(review_ratings[1:], config.review_rating_prob)
    return config


def simulate_workload(parameters: Sequence[float], cards: int, new_per_day: int,
                      first_ratings: Sequence[int] = (), review_ratings: Sequence[int] = (),
                      retentions: Sequence[float] = RETENTIONS) -> Workload:
    """Reviews per day over the next year at each desired retention.

    Args:
        parameters: the FSRS parameters in force.
        cards: how many cards the collection has.
        new_per_day: new cards introduced per day (all decks together).
        first_ratings: how many first answers were rated Again, Hard, Good, Easy.
        review_ratings: the same for answers to cards in review.
        retentions: the desired retentions to simulate.
    """
    from fsrs_rs_python import simulate

    # Simulated cards are independent (no daily caps here), so a faster pace is simulated
    # at `SIMULATED_PACE` on a proportionally smaller collection and scaled back up.
    scale = max(1.0, new_per_day / SIMULATED_PACE)
    config = _config(math.ceil(cards / scale), round(new_per_day / scale), first_ratings,
                     review_ratings)
    reviews: dict[float, tuple[int, ...]] = {}
    remembered: dict[float, float] = {}
    minutes: dict[float, float] = {}
    for retention in retentions:
        result = simulate(list(parameters), retention, config, SEED)
        reviews[retention] = tuple(round(n * scale) for n in result.review_cnt_per_day)
        remembered[retention] = scale * float((result.memorized_cnt_per_day or [0.0])[-1])
        minutes[retention] = scale * sum(result.cost_per_day) / 60
    return Workload(cards=cards, new_per_day=new_per_day, reviews_per_day=reviews,
                    remembered=remembered, minutes=minutes)
