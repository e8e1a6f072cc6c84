"""Personal bests, per deck key and mode."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from quiz.clock import from_ms
from quiz.stats.common import Reader
from quiz.store.records import Best


def bests(store: Reader, deck: str | None = None) -> list[Best]:
    """Personal bests per deck key and mode (only keys holding ``deck`` when given)."""
    rows = store.read("SELECT deck_key, mode, metric, value, session_id, achieved_at FROM bests "
                      "ORDER BY deck_key, mode, metric")
    return [Best(k, m, metric, v, s, from_ms(at)) for k, m, metric, v, s, at in rows
            if deck is None or deck in k.split("+")]


@dataclass(frozen=True, slots=True)
class BestRow:
    """The personal bests of one deck key and mode, side by side."""

    decks: tuple[str, ...]
    mode: str
    score_percent: float | None = None
    """Best percent score."""
    score: int | None = None
    """Best game score (points)."""
    streak: int | None = None
    questions: int | None = None
    """Most questions answered in one session."""
    achieved_at: datetime | None = None
    """When the latest of these bests was set."""

    @property
    def deck_key(self) -> str:
        """The decks as the store keys them, joined with ``+``."""
        return "+".join(self.decks)


def best_rows(found: Iterable[Best]) -> list[BestRow]:
    """Bests grouped by deck key and mode."""
    grouped: dict[tuple[str, str], dict[str, Any]] = {}
    for best in found:
        row = grouped.setdefault((best.deck_key, best.mode), {})
        row[best.metric] = best.value
        if row.get("achieved_at") is None or best.achieved_at > row["achieved_at"]:
            row["achieved_at"] = best.achieved_at

    def whole(value: Any) -> int | None:
        return int(value) if value is not None else None

    return [BestRow(tuple(k.split("+")), m, v.get("score"), whole(v.get("points")),
                    whole(v.get("streak")), whole(v.get("answered")), v.get("achieved_at"))
            for (k, m), v in sorted(grouped.items())]
