"""Spaced repetition on FSRS-6: card states, ratings, question formats and the study queue.

Cards and keys
    One card per fact, per blank for a statement, keyed by ``(deck_id, fact_id, blank)``
    (`quiz.facts.Fact.card_key`). Editing a fact's wording or answer keeps its progress;
    a card whose fact left its deck keeps its row and history and is simply not asked,
    and comes back with its progress if the fact returns.

Verdict to rating
    ``wrong`` → Again, ``close`` → Hard, ``correct`` → Good; a ``correct`` answer in a
    typed format (``recall``, ``cloze``) given in under `QUICK_FRACTION` (half) of the
    learner's own median time for that format → Easy, once the learner has at least
    `QUICK_MIN_SAMPLES` (10) correct answers in that format to measure a median from.
    The learner may override the rating; the override is what is stored.

Format by maturity (thresholds)
    A card is asked for *recognition* (``choice``, ``truefalse``, ``match``) while it is
    new, in learning or relearning, or in review with a stability under
    `RECALL_STABILITY_DAYS` (7 days); from a stability of 7 days on it is asked for
    *recall* (``recall``, ``cloze``, ``order``). A lapse (Again on a review card) sends it
    to relearning and its stability falls, so it drops back to recognition. When a fact
    offers no format of the wanted group the other group is used.

Queue
    Learning cards that are due come first, then due reviews, most overdue first (lowest
    retrievability), then new cards in deck order up to `Settings.new_per_day` per deck
    (default 20) and reviews up to `Settings.reviews_per_day` per deck (default 200).
    Learning steps (1 and 10 minutes; relearning 10 minutes) are honoured within the
    session. Siblings (the blanks of one statement) are never studied on the same day.
    A card reaching `Settings.leech_lapses` lapses (default 8, and every 4 lapses after)
    is a leech: suspended, with a notice. Cards can be suspended and buried by hand.
    A review is due today when it falls before the end of the current study day, which
    ends at `Settings.day_ends_at` (4 a.m. local time by default); the limits count what
    was already studied that day. When nothing else is left, a learning card due within
    `Settings.learn_ahead_minutes` (20) is shown early rather than making the learner wait.

Fuzz
    Review intervals of 3 days or more get FSRS's usual small random spread, but the
    randomness is seeded from the card key and its review count, so replaying the review
    log gives bit-identical states (`quiz doctor --rebuild`). Any change to the scheduling
    arithmetic (this package or py-fsrs) changes replays too: ``quiz doctor`` then reports
    states that differ, and ``--rebuild`` reschedules them with the new arithmetic.

Cram mode and exam mode build their own lists (`cram_items`, `exam_items`) and never
change a card's schedule.

Modules: `settings` (what the learner can change, the FSRS parameters among it), `records`
(card keys and states), `engine` (the py-fsrs adapter), `choice` (rating and format),
`queue_cards` (stored cards as the queue reads them), `due_cards` (a queue's cards sorted
from the rows asked today alone, new cards found as read), `study_queue` (the queue, cram
and exam lists), `fitting` (parameters fitted to the
learner's log) and `workload` (the simulated price of a desired retention). `fitting` and
`workload` load `fsrs-rs-python` only when called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from quiz.scheduler.choice import (
    QUICK_FRACTION, QUICK_MIN_SAMPLES, RECALL_FORMATS, RECALL_STABILITY_DAYS,
    RECOGNITION_FORMATS, TYPED_FORMATS, VERDICT_RATING, candidates, median, pick_format, score_percent,
    suggest_rating, wants_recall,
)
from quiz.scheduler.engine import LEECH_REPEAT, Scheduler
from quiz.scheduler.records import (
    LEARNING, NEW, NEW_CARD, RELEARNING, REVIEW, STATE_NAMES, SUSPENDED_BY_LEARNER,
    SUSPENDED_LEECH, SUSPENDED_NO, CardKey, CardState, CardStateDict, ItemKind, Mode, Rating,
    StoredCard, Verdict,
)
from quiz.scheduler.settings import (
    DEFAULT_PARAMETERS, Settings, SettingsDict, check_parameters,
)
from quiz.scheduler.queue_cards import NOT_DUE_TODAY, QueueCards, Sorted, sort_cards
from quiz.scheduler.study_queue import (
    Apart, QueueCounts, QueueItem, StudyQueue, Today, build_queue, cram_items,
    exam_items, ranks_until,
)

if TYPE_CHECKING:
    from quiz.scheduler.queue_count import count_queue


def __getattr__(name: str) -> Any:
    """`count_queue` (the home screen's counts) loads when first asked for: a first
    question does not count."""
    if name == "count_queue":
        from quiz.scheduler.queue_count import count_queue

        return count_queue
    raise AttributeError(f"module 'quiz.scheduler' has no attribute {name!r}")


__all__ = [
    "Apart", "CardKey", "CardState", "CardStateDict", "DEFAULT_PARAMETERS", "ItemKind", "LEARNING",
    "LEECH_REPEAT", "Mode", "NEW", "NEW_CARD", "NOT_DUE_TODAY", "QUICK_FRACTION",
    "QUICK_MIN_SAMPLES", "QueueCards", "QueueCounts", "QueueItem", "RECALL_FORMATS",
    "RECALL_STABILITY_DAYS", "RECOGNITION_FORMATS", "RELEARNING", "REVIEW", "Rating",
    "STATE_NAMES", "SUSPENDED_BY_LEARNER", "SUSPENDED_LEECH", "SUSPENDED_NO", "Scheduler",
    "Settings", "SettingsDict", "Sorted", "StoredCard", "StudyQueue", "TYPED_FORMATS", "Today",
    "VERDICT_RATING", "Verdict", "build_queue", "candidates", "check_parameters", "count_queue", "cram_items",
    "exam_items", "median", "pick_format", "ranks_until", "score_percent", "sort_cards", "suggest_rating", "wants_recall",
]
