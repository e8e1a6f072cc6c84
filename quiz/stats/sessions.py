"""The sessions the history lists, newest first, and how many there are."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from quiz.clock import from_ms, to_ms
from quiz.stats.common import Reader, deck_ids, settle

SESSION_LIMIT = 200
"""Sessions the history screen lists (the newest); the CLI lists them all."""


@dataclass(frozen=True, slots=True)
class SessionRow:
    """One session as the history lists it."""

    id: int
    started_at: datetime
    ended_at: datetime | None
    """When it finished; for a session never finished, its last answer."""
    decks: tuple[str, ...]
    mode: str
    """``study``, ``cram`` or ``exam``."""
    questions: int
    """Questions answered."""
    correct: int
    close: int
    wrong: int
    score: int
    """The game score (`quiz.scoring`)."""
    score_percent: float | None
    """The stored percent score (out of the planned questions for an exam)."""
    accuracy: float = field(init=False)
    """Correct answers, close ones counting half, over the answers (0–1)."""
    duration_s: int | None = field(init=False)
    """Seconds from start to finish (None when nothing marks the end)."""

    def __post_init__(self) -> None:
        duration = self.duration
        settle(self, accuracy=((self.correct + 0.5 * self.close) / self.questions
                               if self.questions else 0.0),
               duration_s=round(duration.total_seconds()) if duration is not None else None)

    @property
    def duration(self) -> timedelta | None:
        """From start to finish (None when nothing marks the end)."""
        return self.ended_at - self.started_at if self.ended_at is not None else None


def sessions(store: Reader, deck: str | None = None, since: datetime | None = None,
             limit: int | None = None) -> list[SessionRow]:
    """Sessions with at least one answer, newest first.

    Args:
        store: the score store.
        deck: only sessions that studied this deck.
        since: only sessions begun at or after this moment.
        limit: at most this many (the newest).
    """
    where, params = _where(deck, since)
    sql = ("SELECT id, started_at, coalesce(ended_at, (SELECT max(reviewed_at) FROM reviews "
           "WHERE session_id = sessions.id AND undone = 0)), decks, mode, answered, correct, "
           "close, wrong, points, score FROM sessions WHERE " + where
           + " ORDER BY started_at DESC, id DESC")
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [SessionRow(id=i, started_at=from_ms(start), ended_at=from_ms(end) if end else None,
                       decks=deck_ids(decks), mode=mode, questions=n, correct=c, close=cl,
                       wrong=w, score=p or 0, score_percent=score)
            for i, start, end, decks, mode, n, c, cl, w, p, score in store.read(sql, params)]


def session_count(store: Reader, deck: str | None = None) -> int:
    """Sessions with at least one answer (only those that studied ``deck``, when given)."""
    where, params = _where(deck, None)
    return int(store.read(f"SELECT count(*) FROM sessions WHERE {where}", params)[0][0])


def _where(deck: str | None, since: datetime | None) -> tuple[str, list[object]]:
    where, params = ["answered > 0"], []
    if deck is not None:
        where.append("EXISTS (SELECT 1 FROM json_each(sessions.decks) WHERE value = ?)")
        params.append(deck)
    if since is not None:
        where.append("started_at >= ?")
        params.append(to_ms(since))
    return " AND ".join(where), params
