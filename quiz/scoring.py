"""Game points: an answer earns points by how hard its format is, plus a streak bonus.

Recall is hardest (nothing to recognise), then cloze (the sentence helps), then order and
match (several facts at once, but shown), then multiple choice, then true/false (a coin
would get half). A close answer earns half; a wrong one nothing and breaks the streak.
Points are a pure function of the answers in order, so a session's points can always be
recomputed from the review log.
"""

from __future__ import annotations

from collections.abc import Iterable

FORMAT_POINTS: dict[str, int] = {
    "recall": 10,
    "cloze": 8,
    "order": 6,
    "match": 6,
    "choice": 4,
    "truefalse": 2,
}
"""Points for a correct answer in each format."""

STREAK_STEP = 5
"""Every this many correct answers in a row adds one bonus point per answer…"""

STREAK_BONUS_MAX = 5
"""…up to this many bonus points."""


def points_for(format: str, verdict: str, streak: int) -> int:
    """Points for one answer.

    Args:
        format: the question format.
        verdict: ``correct``, ``close`` or ``wrong``.
        streak: correct answers in a row *including* this one (0 if it was not correct).
    """
    base = FORMAT_POINTS.get(format, FORMAT_POINTS["choice"])
    if verdict == "correct":
        return base + min(STREAK_BONUS_MAX, streak // STREAK_STEP)
    if verdict == "close":
        return base // 2
    return 0


def next_streak(streak: int, verdict: str) -> int:
    """The streak after an answer: one longer when correct, else broken (close breaks it too)."""
    return streak + 1 if verdict == "correct" else 0


def session_points(answers: Iterable[tuple[str, str]]) -> tuple[int, int]:
    """Total points and final streak of ``(format, verdict)`` answers in order."""
    total = streak = 0
    for format, verdict in answers:
        streak = next_streak(streak, verdict)
        total += points_for(format, verdict, streak)
    return total, streak
