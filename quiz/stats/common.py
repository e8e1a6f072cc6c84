"""What every figure shares: the store it reads, the learner's calendar, and the JSON form.

Each figure is a frozen dataclass whose field names are the keys of its JSON form, so one
serialiser (`to_json`) writes them all: dates and times as ISO 8601, shares rounded to four
places, nested figures in turn. A field that only the screens need is marked
``field(metadata=SCREEN_ONLY)`` and left out of the JSON.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, Protocol

from quiz.clock import DEFAULT_DAY_ENDS_AT, day_start, study_day, to_ms

SCREEN_ONLY = {"json": False}
"""Field metadata: the field is for the screens, not for the JSON form."""

SCHEDULED = "mode = 'study' AND undone = 0 AND state_from = 2"
"""The scheduled reviews, written as the partial indexes of schema v3 spell it."""


class Reader(Protocol):
    """What the figures need of the store: read-only SQL (`quiz.store.Store.read`)."""

    def read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows of one read-only query."""
        ...


@dataclass(frozen=True, slots=True)
class Days:
    """The learner's calendar: the time zone and the hour a study day ends."""

    zone: tzinfo | None = None
    day_ends_at: int = DEFAULT_DAY_ENDS_AT

    def day(self, moment: datetime) -> date:
        """The study day of ``moment``."""
        return study_day(moment, self.zone, self.day_ends_at)

    def start(self, day: date) -> datetime:
        """When study day ``day`` begins (UTC)."""
        return day_start(day, self.zone, self.day_ends_at)

    def bounds_ms(self, first: date, count: int) -> list[int]:
        """Start of each of ``count`` days from ``first``, then the end of the last (epoch ms)."""
        return [to_ms(self.start(first + timedelta(days=n))) for n in range(count + 1)]


def deck_filter(deck: str | None, column: str = "deck_id") -> tuple[str, list[str]]:
    """An ``AND column = ?`` term and its parameter when ``deck`` is given, else nothing."""
    return (f" AND {column} = ?", [deck]) if deck is not None else ("", [])


def deck_ids(decks: str) -> tuple[str, ...]:
    """The deck ids of a session's stored ``decks`` (a JSON list; a bare id from old rows)."""
    try:
        found = json.loads(decks)
    except ValueError:
        return (decks,)
    return tuple(str(d) for d in found) if isinstance(found, list) else (str(found),)


def settle(figure: object, **derived: Any) -> None:
    """Set the derived (``init=False``) fields of a frozen figure from its ``__post_init__``."""
    for name, value in derived.items():
        object.__setattr__(figure, name, value)


def share(part: float, whole: float) -> float | None:
    """``part / whole``, or None when ``whole`` is nothing."""
    return part / whole if whole else None


def to_json(value: Any) -> Any:
    """``value`` in a form `json.dumps` takes: figures by their fields, the rest as JSON has it."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in fields(value)
                if f.metadata.get("json", True)}
    if isinstance(value, tuple) and hasattr(value, "_asdict"):  # a NamedTuple record
        return {name: to_json(v) for name, v in value._asdict().items()}
    if isinstance(value, dict):
        return {_key(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 4)
    return value


def _key(key: Any) -> str:
    return key.isoformat() if isinstance(key, (datetime, date)) else str(key)
