"""Time for the scheduler and the store: a replaceable clock and the learner's study day.

Every datetime in quiz is timezone-aware UTC. The store keeps times as integer
milliseconds since the Unix epoch (UTC); `to_ms` and `from_ms` convert, and the clock's
readings are truncated to whole milliseconds so that a time read back from the store is
exactly the time that was used to schedule (this is what lets the review log be replayed
into bit-identical card states).

A *study day* ends at a configurable hour of the learner's local time (default 4 a.m., as
in Anki), so a session that runs past midnight still counts as one day.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Protocol

DEFAULT_DAY_ENDS_AT = 4
"""The local hour at which one study day ends and the next begins."""


class Clock(Protocol):
    """Something that tells the time; tests pass a `FixedClock`."""

    def now(self) -> datetime:
        """The current time, timezone-aware UTC, truncated to whole milliseconds."""
        ...

    @property
    def zone(self) -> tzinfo | None:
        """The learner's local time zone; None means the system's own (DST-aware)."""
        ...


def truncate_ms(moment: datetime) -> datetime:
    """``moment`` in UTC with its microseconds cut to whole milliseconds.

    Raises:
        ValueError: if ``moment`` is naive (no time zone).
    """
    if moment.tzinfo is None:
        raise ValueError("naive datetime: quiz needs timezone-aware times")
    moment = moment.astimezone(timezone.utc)
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def to_ms(moment: datetime) -> int:
    """Milliseconds since the Unix epoch for a timezone-aware datetime (the stored form)."""
    moment = truncate_ms(moment)
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1000 + delta.microseconds // 1000


def from_ms(ms: int) -> datetime:
    """The UTC datetime for a stored count of milliseconds since the Unix epoch."""
    # Exact integer arithmetic, and a third of the cost of fromtimestamp + replace: a
    # study queue converts thousands of stored times before its first question.
    return _EPOCH + timedelta(0, 0, 0, ms)  # days, seconds, microseconds, milliseconds


class SystemClock:
    """The real time, in the system's local zone unless one is given.

    The clocks are plain classes (not dataclasses, which compile their methods on import)
    because every first question imports them (issue 17)."""

    __slots__ = ("local_zone",)

    def __init__(self, local_zone: tzinfo | None = None) -> None:
        self.local_zone = local_zone

    def __repr__(self) -> str:
        return f"SystemClock(local_zone={self.local_zone!r})"

    def now(self) -> datetime:
        """The current UTC time to the millisecond."""
        return truncate_ms(datetime.now(timezone.utc))

    @property
    def zone(self) -> tzinfo | None:
        """The learner's zone (None: the system's)."""
        return self.local_zone


class FixedClock:
    """A clock that only moves when told to; for tests and simulations."""

    __slots__ = ("current", "local_zone")

    def __init__(self, current: datetime, local_zone: tzinfo | None = timezone.utc) -> None:
        self.current = truncate_ms(current)
        self.local_zone = local_zone

    def __repr__(self) -> str:
        return f"FixedClock(current={self.current!r}, local_zone={self.local_zone!r})"

    def now(self) -> datetime:
        """The time this clock was last set to."""
        return self.current

    @property
    def zone(self) -> tzinfo | None:
        """The learner's zone (UTC unless given, so tests do not depend on the machine)."""
        return self.local_zone

    def advance(self, delta: timedelta) -> datetime:
        """Move the clock forward by ``delta`` and return the new time."""
        self.current = truncate_ms(self.current + delta)
        return self.current

    def set(self, moment: datetime) -> None:
        """Jump to ``moment`` (timezone-aware)."""
        self.current = truncate_ms(moment)


def _local(moment: datetime, zone: tzinfo | None) -> datetime:
    # astimezone() with no argument uses the system's rules, including daylight saving.
    return moment.astimezone(zone) if zone is not None else moment.astimezone()


def study_day(moment: datetime, zone: tzinfo | None = None,
              day_ends_at: int = DEFAULT_DAY_ENDS_AT) -> date:
    """The study day of ``moment``: its local date, shifted back by ``day_ends_at`` hours."""
    return (_local(moment, zone) - timedelta(hours=day_ends_at)).date()


def day_start(day: date, zone: tzinfo | None = None,
              day_ends_at: int = DEFAULT_DAY_ENDS_AT) -> datetime:
    """The UTC moment at which study day ``day`` begins."""
    naive = datetime.combine(day, time(hour=day_ends_at))
    local = naive.replace(tzinfo=zone) if zone is not None else naive.astimezone()
    return local.astimezone(timezone.utc)


def today_bounds(moment: datetime, zone: tzinfo | None = None,
                 day_ends_at: int = DEFAULT_DAY_ENDS_AT) -> tuple[datetime, datetime]:
    """The UTC start and end of the study day that contains ``moment``."""
    day = study_day(moment, zone, day_ends_at)
    return day_start(day, zone, day_ends_at), day_start(day + timedelta(days=1), zone, day_ends_at)
