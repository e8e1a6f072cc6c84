"""Choices made around an answer: the rating a verdict earns and the format a card is asked in."""

from __future__ import annotations

import random
from collections.abc import Sequence

from quiz.scheduler.records import REVIEW, CardState, Rating

RECOGNITION_FORMATS: tuple[str, ...] = ("choice", "truefalse", "match")
RECALL_FORMATS: tuple[str, ...] = ("recall", "cloze", "order")
TYPED_FORMATS: tuple[str, ...] = ("recall", "cloze")
"""Formats in which a quick correct answer earns Easy."""

RECALL_STABILITY_DAYS = 7.0
"""From this stability (days) on, a review card is asked for recall rather than recognition."""

QUICK_FRACTION = 0.5
"""A correct typed answer faster than this share of the learner's median is Easy."""

QUICK_MIN_SAMPLES = 10
"""Correct answers in a format needed before its median is trusted."""

VERDICT_RATING: dict[str, Rating] = {
    "wrong": Rating.Again,
    "close": Rating.Hard,
    "correct": Rating.Good,
}


def suggest_rating(verdict: str, format: str, duration_ms: int,
                   median_ms: float | None) -> Rating:
    """The rating a verdict earns (see the module docstring for the rules).

    Args:
        verdict: ``correct``, ``close`` or ``wrong``.
        format: the question format the answer was given in.
        duration_ms: how long the learner took.
        median_ms: the learner's median time for correct answers in this format, or None
            when there are too few to tell.
    """
    rating = VERDICT_RATING[verdict]
    if (rating == Rating.Good and format in TYPED_FORMATS and median_ms is not None
            and duration_ms < QUICK_FRACTION * median_ms):
        return Rating.Easy
    return rating


def median(values: Sequence[float]) -> float | None:
    """The median of ``values``, or None when there are fewer than `QUICK_MIN_SAMPLES`."""
    if len(values) < QUICK_MIN_SAMPLES:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    return float(ordered[mid]) if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def wants_recall(state: CardState) -> bool:
    """Whether a card is mature enough to be asked for recall rather than recognition."""
    return (state.state == REVIEW and state.stability is not None
            and state.stability >= RECALL_STABILITY_DAYS)


def candidates(recall: bool, offered: Sequence[str]) -> list[str]:
    """The formats among ``offered`` a card may be asked in: those of the group it wants
    (recall or recognition, see `wants_recall`) if it offers any, else those of the other."""
    first, second = (RECALL_FORMATS, RECOGNITION_FORMATS) if recall else (RECOGNITION_FORMATS, RECALL_FORMATS)
    for group in (first, second):
        found = [f for f in offered if f in group]
        if found:
            return found
    return list(offered)


def pick_format(state: CardState, offered: Sequence[str], rng: random.Random) -> str:
    """The format to ask a card in, among those its fact ``offered`` (see `candidates`).

    Raises:
        ValueError: if ``offered`` is empty.
    """
    if not offered:
        raise ValueError("a fact must offer at least one question format")
    return rng.choice(candidates(wants_recall(state), offered))


def score_percent(correct: int, close: int, questions: int) -> float:
    """A session's score: correct answers count 1, close ones ½, out of ``questions``."""
    if questions <= 0:
        return 0.0
    return round(100.0 * (correct + 0.5 * close) / questions, 1)
