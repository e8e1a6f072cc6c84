"""Flags the learner sets on one card: suspended, buried for the day, forgotten (mixed into
`quiz.store.db.Store`, which provides the write transaction)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection
from typing import Any

from quiz.clock import Clock, to_ms, today_bounds
from quiz.scheduler import SUSPENDED_BY_LEARNER, SUSPENDED_NO, CardKey, Settings


class Flags:
    """Suspend, bury, forget and unbury one card, each in one write transaction."""

    clock: Clock

    def _write(self, work: Callable[[sqlite3.Connection], Any], what: str = "the last change",
               cards: Collection[CardKey] | None = None) -> Any:
        raise NotImplementedError  # provided by Store

    def settings(self) -> Settings:
        """The learner's settings (provided by Store)."""
        raise NotImplementedError

    def suspend(self, key: CardKey, suspended: bool = True) -> None:
        """Suspend a card (never asked in study mode), or lift a suspension (a leech's too)."""
        flag = SUSPENDED_BY_LEARNER if suspended else SUSPENDED_NO
        self._write(lambda conn: conn.execute(
            "INSERT INTO cards (deck_id, fact_id, blank, suspended) VALUES (?, ?, ?, ?) "
            "ON CONFLICT DO UPDATE SET suspended = excluded.suspended", (*key, flag)),
            cards=(key,))

    def bury(self, key: CardKey) -> None:
        """Hide a card until the current study day ends."""
        now = self.clock.now()
        _, end = today_bounds(now, self.clock.zone, self.settings().day_ends_at)
        self._write(lambda conn: conn.execute(
            "INSERT INTO cards (deck_id, fact_id, blank, buried_until) VALUES (?, ?, ?, ?) "
            "ON CONFLICT DO UPDATE SET buried_until = excluded.buried_until",
            (*key, to_ms(end))), cards=(key,))

    def forget(self, key: CardKey) -> None:
        """Reset a card's schedule to new; its answers stay in the review log (and history).

        `rebuild` replays the log, so it gives a forgotten card its old schedule back.
        """
        self._write(lambda conn: conn.execute(
            "UPDATE cards SET state = 0, step = NULL, stability = NULL, difficulty = NULL, "
            "due = NULL, last_review = NULL, reps = 0, lapses = 0 "
            "WHERE deck_id = ? AND fact_id = ? AND blank = ?", key), cards=(key,))

    def unbury(self, key: CardKey) -> None:
        """Let a buried card be asked again today."""
        self._write(lambda conn: conn.execute(
            "UPDATE cards SET buried_until = NULL WHERE deck_id = ? AND fact_id = ? AND blank = ?",
            key), cards=(key,))


__all__ = ["Flags"]
