"""Plain values the store hands out: answers recorded, reviews, sessions, bests, counts.

`NamedTuple`s, not dataclasses: as frozen and compared by value, and a tenth of the cost to
define (a dataclass compiles its methods on import, on the way to a first question)."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any

from quiz.clock import from_ms
from quiz.frozen import Record
from quiz.scheduler import CardKey, CardState, Rating

REVIEW_COLUMNS = ("id, reviewed_at, session_id, mode, deck_id, fact_id, blank, format, prompt, "
                  "options, response, chosen, verdict, suggested, rating, duration_ms, "
                  "retention, before, after, undone, points")


class Recorded(Record):
    """What one recorded answer did."""

    review_id: int
    key: CardKey
    suggested: Rating
    """The rating the verdict earned."""
    rating: Rating
    """The rating stored (the learner's override, if any)."""
    before: CardState
    after: CardState
    """The card's new state (equal to ``before`` in cram and exam mode)."""
    leech: bool
    """This answer made the card a leech, and it was suspended."""
    points: int = 0
    """Game points the answer earned (`quiz.scoring`)."""
    streak: int = 0
    """The session's streak of correct answers after this one."""

    @property
    def notice(self) -> str | None:
        """A sentence for the learner when something beyond the answer happened."""
        if self.leech:
            return (f"This card has been forgotten {self.after.lapses} times, so it is "
                    "suspended as a leech: rewrite it or study it apart, then unsuspend it.")
        return None


class Review(Record):
    """One row of the review log."""

    id: int
    reviewed_at: datetime
    session_id: int | None
    mode: str
    key: CardKey
    format: str
    prompt: str
    options: list[Any] | None
    response: str | None
    chosen: Any
    verdict: str
    suggested: Rating
    rating: Rating
    duration_ms: int
    retention: float
    before: CardState
    after: CardState
    undone: bool
    points: int = 0

    @classmethod
    def from_row(cls, row: sqlite3.Row | tuple[Any, ...]) -> Review:
        """A review from a row selected with `REVIEW_COLUMNS`."""
        (id_, at, session_id, mode, deck_id, fact_id, blank, format_, prompt, options,
         response, chosen, verdict, suggested, rating, duration, retention, before, after,
         undone, points) = tuple(row)
        return cls(
            id=id_, reviewed_at=from_ms(at), session_id=session_id, mode=mode,
            key=(deck_id, fact_id, blank), format=format_, prompt=prompt,
            options=json.loads(options) if options is not None else None, response=response,
            chosen=json.loads(chosen) if chosen is not None else None, verdict=verdict,
            suggested=Rating(suggested), rating=Rating(rating), duration_ms=duration,
            retention=retention, before=CardState.from_dict(json.loads(before)),
            after=CardState.from_dict(json.loads(after)), undone=bool(undone), points=points)


SESSION_COLUMNS = ("id, mode, decks, started_at, ended_at, planned, time_limit_ms, answered, "
                   "correct, close, wrong, best_streak, score, points")


class Session(Record):
    """One study, cram or exam session and its running counts."""

    id: int
    mode: str
    deck_ids: tuple[str, ...]
    started_at: datetime
    ended_at: datetime | None
    planned: int | None
    """Questions planned (exam mode)."""
    time_limit_ms: int | None
    answered: int
    correct: int
    close: int
    wrong: int
    best_streak: int
    score: float | None
    """Percent, set when the session is finished."""
    points: int = 0
    """Game points earned (`quiz.scoring`)."""

    @property
    def deck_key(self) -> str:
        """The decks as one key for personal bests: sorted ids joined by ``+``."""
        return "+".join(sorted(self.deck_ids))

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> Session:
        """A session from a row selected with `SESSION_COLUMNS`."""
        (id_, mode, decks, started, ended, planned, limit, answered, correct, close, wrong,
         best_streak, score, points) = tuple(row)
        return cls(id=id_, mode=mode, deck_ids=tuple(json.loads(decks)),
                   started_at=from_ms(started), ended_at=from_ms(ended) if ended else None,
                   planned=planned, time_limit_ms=limit, answered=answered, correct=correct,
                   close=close, wrong=wrong, best_streak=best_streak, score=score, points=points)


class Best(Record):
    """A personal best for a deck key, mode and metric."""

    deck_key: str
    mode: str
    metric: str
    """``score`` (percent), ``streak`` (correct answers in a row) or ``answered``."""
    value: float
    session_id: int | None
    achieved_at: datetime
    previous: float | None = None
    """The best it beat (None for a first result); only set on new bests."""


class SessionSummary(Record):
    """A finished session and the personal bests it set."""

    session: Session
    new_bests: tuple[Best, ...]


class DeckCounts(Record):
    """What the home screen shows for one deck."""

    deck_id: str
    total: int
    """Cards the deck makes now (one per question, one per blank)."""
    new: int
    """Cards never studied."""
    new_today: int
    """New cards the study queue asks today (`Queries.study_queue`: daily limit, one blank
    per statement, related cards on different days)."""
    due: int
    """Reviews and learning cards due today (before limits)."""
    due_today: int
    """Learning cards and reviews the study queue asks today (the daily review limit and
    related cards held back)."""
    suspended: int
    last_studied: datetime | None
    retention: float | None
    """Share of review-state answers passed in the last 30 days, None without any."""
    reviews_30d: int


class RebuildReport(Record):
    """The outcome of replaying the review log into card states."""

    cards: int
    """Cards with at least one scheduled review."""
    reviews: int
    mismatched: tuple[CardKey, ...]
    """Cards whose stored state differed from the replay (before any write)."""
    written: bool

    @property
    def ok(self) -> bool:
        """Every stored state equals the replay."""
        return not self.mismatched
