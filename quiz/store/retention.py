"""The home screen's retention figure for a deck, kept between counts and brought up to date
by the answers appended since.

Retention over the last `RETENTION_WINDOW` is the share of passed answers among the deck's
scheduled reviews in it: summing them reads every such answer of a month (a few
milliseconds for a large deck), after every answer. Kept with the store's change stamp,
the highest answer id and the window's start, the figure is brought up to date from the
answers logged since (by id: a few rows) while every write since only appended answers
(`quiz.store.touched.Touched.appended`: an answer taken back or re-rated, an import,
another process's commit or anything unaccounted for makes it summed again), the window
has not moved back, and no kept answer has left it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from quiz.clock import to_ms

if TYPE_CHECKING:
    from quiz.store.memos import Memos

RETENTION_WINDOW = timedelta(days=30)

_SUMS = ("SELECT coalesce(sum(rating > 1), 0), count(*), min(reviewed_at) FROM reviews {} "
         "WHERE {}deck_id = ? AND reviewed_at >= ? AND mode = 'study' AND undone = 0 "
         "AND state_from = 2")
# The literal conditions match the partial index reviews_deck_retention.
_ALL = _SUMS.format("", "")
# The answers appended since: by id (the rowid range), not through the deck's index.
_SINCE = _SUMS.format("NOT INDEXED", "id > ? AND ")

Read = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]


def retention(read: Read, memos: Memos, deck_id: str, now: datetime, stamp: tuple[int, int],
              appended: Callable[[tuple[int, int]], bool]) -> tuple[int, int, int | None]:
    """Passed and scheduled answers of ``deck_id`` in the window ending ``now``, and the
    oldest one's time (ms; None when there is none). ``stamp``: the store's change stamp
    now; ``appended(since)``: whether every change from stamp ``since`` to it only appended
    answers."""
    start = to_ms(now - RETENTION_WINDOW)
    top = read("SELECT coalesce(max(id), 0) FROM reviews", ())[0][0]
    kept = memos.retention.get(deck_id)
    if kept is not None:
        since, was, last, passed, answered, oldest = kept
        if was <= start and (oldest is None or start <= oldest) and (
                since == stamp or appended(since)):
            more, count, first = read(_SINCE, (last, deck_id, start))[0]
            passed, answered = passed + more, answered + count
            oldest = first if oldest is None else oldest if first is None else min(oldest, first)
            memos.retention[deck_id] = (stamp, start, top, passed, answered, oldest)
            return passed, answered, oldest
    passed, answered, oldest = read(_ALL, (deck_id, start))[0]
    memos.retention[deck_id] = (stamp, start, top, passed, answered, oldest)
    return passed, answered, oldest


__all__ = ["RETENTION_WINDOW", "retention"]
