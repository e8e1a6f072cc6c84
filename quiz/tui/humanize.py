"""Times, intervals and shares written the way a learner reads them ("10m", "in 3 hours").

Pure functions, no Textual: the screens call them and the unit tests can too.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

FORMAT_NAMES = {"choice": "multiple choice", "truefalse": "true or false", "recall": "typed recall",
                "cloze": "fill in the blank", "order": "put in order", "match": "matching"}
"""The question formats in words, for headings."""

FORMAT_LABELS = {"choice": "choice", "truefalse": "true/false", "recall": "typed",
                 "cloze": "fill-in", "order": "order", "match": "match"}
"""The question formats in one short word each, for lists of figures."""


def interval(delta: timedelta) -> str:
    """A scheduling interval, short: ``"1m"``, ``"3h"``, ``"4d"``, ``"2.5mo"``, ``"1.2y"``."""
    seconds = max(0.0, delta.total_seconds())
    minutes = seconds / 60
    if minutes < 1:
        return "<1m"
    if minutes < 60:
        return f"{round(minutes)}m"
    hours = minutes / 60
    if hours < 24:
        return f"{round(hours)}h"
    days = hours / 24
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo".replace(".0mo", "mo")
    return f"{days / 365:.1f}y".replace(".0y", "y")


def duration(delta: timedelta) -> str:
    """How long a session took: ``"45s"``, ``"3m 05s"``, ``"1h 02m"``."""
    total = max(0, int(delta.total_seconds()))
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}h {minutes:02d}m"
    if minutes:
        return f"{minutes}m {seconds:02d}s"
    return f"{seconds}s"


def _local(moment: datetime, zone: tzinfo | None) -> datetime:
    return moment.astimezone(zone) if zone is not None else moment.astimezone()


def due_when(moment: datetime, now: datetime, zone: tzinfo | None = None) -> str:
    """When a card falls due, from ``now``.

    ``"now"``, ``"in 25 minutes (14:05)"``, ``"in 3 hours (17:00)"``, ``"in 3 days (Mon 7 Dec)"``.
    """
    delta = moment - now
    if delta <= timedelta(0):
        return "now"
    local = _local(moment, zone)
    minutes = delta.total_seconds() / 60
    if minutes < 60:
        count = max(1, round(minutes))
        return f"in {count} minute{'s' if count != 1 else ''} ({local:%H:%M})"
    hours = minutes / 60
    if hours < 24:
        count = round(hours)
        return f"in {count} hour{'s' if count != 1 else ''} ({local:%H:%M})"
    days = round(hours / 24)
    return f"in {days} day{'s' if days != 1 else ''} ({local:%a} {local.day} {local:%b})"


def ago(moment: datetime | None, now: datetime, zone: tzinfo | None = None) -> str:
    """When something last happened.

    ``"never"``, ``"today"``, ``"yesterday"``, ``"5 days ago"``, ``"12 Mar 2025"``.
    """
    if moment is None:
        return "never"
    here = _local(now, zone).date()
    then = _local(moment, zone).date()
    days = (here - then).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 30:
        return f"{days} days ago"
    return f"{then.day} {then:%b %Y}"


def percent(share: float | None) -> str:
    """A share from 0 to 1 as a whole percentage, or an en dash when there is none."""
    if share is None:
        return "–"
    return f"{round(share * 100)}%"
