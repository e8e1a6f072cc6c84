"""Review histories of a simulated learner whose memory follows known FSRS parameters.

The learner is scheduled by quiz's own scheduler (default parameters, seeded fuzz) and
remembers along a *different*, known set of parameters (`TRUE_PARAMETERS`: a learner who
forgets faster than FSRS assumes). Fitting to such a history should find parameters that
predict the learner better than the defaults do.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import fsrs

from quiz.clock import to_ms
from quiz.scheduler import DEFAULT_PARAMETERS, NEW_CARD, CardKey, CardState, Rating, Scheduler
from quiz.store import Store

START = datetime(2026, 1, 5, 18, 0, tzinfo=timezone.utc)

TRUE_PARAMETERS: tuple[float, ...] = (
    0.08, 0.4, 0.9, 3.0, *DEFAULT_PARAMETERS[4:8], 1.1, *DEFAULT_PARAMETERS[9:20], 0.4)
"""Smaller first stabilities, slower growth and a steeper forgetting curve than FSRS-6's."""


@dataclass(frozen=True, slots=True)
class Answer:
    """One simulated answer, with the card's state before and after it."""

    key: CardKey
    at: datetime
    rating: int
    before: CardState
    after: CardState


def simulate(cards: int = 150, days: int = 120, seed: int = 7, deck: str = "sim",
             truth: tuple[float, ...] = TRUE_PARAMETERS,
             ratings: tuple[float, float, float] = (0.1, 0.8, 0.1)) -> list[Answer]:
    """Answers card by card (each card's in time order), new cards spread over 30 days.

    Args:
        ratings: the chances of Hard, Good and Easy when the learner remembers.
    """
    rng = random.Random(seed)
    scheduler = Scheduler()
    memory = fsrs.Scheduler(parameters=truth, enable_fuzzing=False)
    end = START + timedelta(days=days)
    found: list[Answer] = []
    for number in range(cards):
        key = (deck, f"f{number:04d}", 0)
        at = START + timedelta(days=number % 30, minutes=number)
        state = NEW_CARD
        true_card = fsrs.Card(card_id=number + 1, due=at)
        while at < end:
            chance = (0.6 if true_card.last_review is None
                      else memory.get_card_retrievability(true_card, at))
            if rng.random() >= chance:
                rating = Rating.Again
            else:
                rating = rng.choices((Rating.Hard, Rating.Good, Rating.Easy), ratings)[0]
            after = scheduler.review(key, state, rating, at)
            true_card, _ = memory.review_card(true_card, rating, at)
            found.append(Answer(key, at, int(rating), state, after))
            state = after
            assert after.due is not None
            at = after.due
    return found


def logged(answers: list[Answer]) -> list[tuple[CardKey, int, int]]:
    """The answers as the fitter reads them: ``(card, epoch ms, rating)``."""
    return [(a.key, to_ms(a.at), a.rating) for a in answers]


def fill_store(scores: Path, answers: list[Answer], clock: object | None = None) -> None:
    """Write the answers into a store's review log and build card states from it."""
    with Store.open(scores, clock) as store:  # type: ignore[arg-type]
        conn = store._conn
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO reviews (reviewed_at, mode, deck_id, fact_id, blank, format, prompt, "
            "verdict, suggested, rating, duration_ms, retention, state_from, state_to, "
            "before, after) VALUES (?, 'study', ?, ?, ?, 'recall', 'Q?', ?, ?, ?, 4000, 0.9, "
            "?, ?, ?, ?)",
            [(to_ms(a.at), *a.key, {1: "wrong", 2: "close"}.get(a.rating, "correct"),
              a.rating, a.rating, a.before.state, a.after.state,
              json.dumps(a.before.to_dict()), json.dumps(a.after.to_dict()))
             for a in answers])
        conn.execute("COMMIT")
        report = store.rebuild(write=True)
        assert report.cards == len({a.key for a in answers})
