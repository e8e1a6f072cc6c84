"""Every figure of the history screen and of ``quiz stats``, computed at one moment."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from quiz.scheduler import Scheduler
from quiz.stats.bests import BestRow, best_rows, bests
from quiz.stats.calendar import Calendar, calendar
from quiz.stats.cards import Confusion, HardCard, card_text, confusions, hardest
from quiz.stats.common import SCREEN_ONLY, Days, Reader
from quiz.stats.forecast import Forecast, forecast
from quiz.stats.progress import Period, progress
from quiz.stats.retention import Retention, retention
from quiz.stats.sessions import SESSION_LIMIT, SessionRow, session_count, sessions
from quiz.facts import Deck


@dataclass(frozen=True)
class Overview:
    """Every figure, for all decks or for one; its JSON form is ``quiz stats --json``."""

    generated_at: datetime
    deck: str | None
    """The deck the figures are about (None: all decks)."""
    sessions: int
    """Sessions with at least one answer."""
    calendar: Calendar
    progress: tuple[Period, ...]
    """Weeks of ``deck`` (of all decks when None)."""
    retention: Retention
    forecast: Forecast
    bests: list[BestRow]
    hardest: list[HardCard]
    confused: list[Confusion]
    recent: list[SessionRow] = field(default_factory=list, metadata=SCREEN_ONLY)
    """The newest sessions, for the history screen's list."""
    progress_by_deck: dict[str | None, tuple[Period, ...]] = field(
        default_factory=dict, metadata=SCREEN_ONLY)
    """Weeks of every deck studied (key None: all decks), for the progress tab."""

    @property
    def empty(self) -> bool:
        """Nothing was ever answered."""
        return self.calendar.total_reviews == 0 and not self.sessions


def overview(store: Reader, now: datetime, days: Days, decks: Sequence[Deck] = (),
             deck: str | None = None, scheduler: Scheduler | None = None,
             session_limit: int | None = SESSION_LIMIT) -> Overview:
    """Every figure, for all decks or for ``deck``; ``decks`` give the cards' wording."""
    weeks = progress(store, now, days)
    return Overview(
        generated_at=now, deck=deck, sessions=session_count(store, deck),
        calendar=calendar(store, now, days, deck), progress=weeks.get(deck, ()),
        retention=retention(store, deck, scheduler), forecast=forecast(store, now, days, deck),
        bests=best_rows(bests(store, deck)),
        hardest=[replace(h, **_text(decks, h.key)) for h in hardest(store, deck)],
        confused=[replace(c, **_text(decks, c.key)) for c in confusions(store, deck)],
        recent=sessions(store, deck, limit=session_limit), progress_by_deck=weeks)


def _text(decks: Sequence[Deck], key: tuple[str, str, int]) -> dict[str, str]:
    prompt, answer = card_text(decks, key)
    return {"prompt": prompt, "answer": answer}
