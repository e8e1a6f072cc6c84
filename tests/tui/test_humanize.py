"""How the screens write times, intervals and shares (pure functions, no app needed)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from quiz.tui.humanize import ago, due_when, duration, interval, percent

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(("delta", "shown"), [
    (timedelta(seconds=20), "<1m"), (timedelta(minutes=1), "1m"), (timedelta(minutes=10), "10m"),
    (timedelta(hours=3), "3h"), (timedelta(days=4), "4d"), (timedelta(days=45), "1.5mo"),
    (timedelta(days=60), "2mo"), (timedelta(days=438), "1.2y"), (timedelta(days=730), "2y"),
])
def test_interval(delta: timedelta, shown: str) -> None:
    assert interval(delta) == shown


@pytest.mark.parametrize(("delta", "shown"), [
    (timedelta(seconds=45), "45s"), (timedelta(seconds=185), "3m 05s"),
    (timedelta(hours=1, minutes=2), "1h 02m"), (timedelta(seconds=-3), "0s"),
])
def test_duration(delta: timedelta, shown: str) -> None:
    assert duration(delta) == shown


@pytest.mark.parametrize(("delta", "shown"), [
    (timedelta(0), "now"), (timedelta(minutes=-5), "now"),
    (timedelta(minutes=1), "in 1 minute (09:01)"), (timedelta(minutes=25), "in 25 minutes (09:25)"),
    (timedelta(hours=3), "in 3 hours (12:00)"), (timedelta(days=7), "in 7 days (Mon 9 Mar)"),
])
def test_due_when(delta: timedelta, shown: str) -> None:
    assert due_when(NOW + delta, NOW, timezone.utc) == shown


@pytest.mark.parametrize(("then", "shown"), [
    (None, "never"), (NOW, "today"), (NOW - timedelta(days=1), "yesterday"),
    (NOW - timedelta(days=5), "5 days ago"), (NOW - timedelta(days=400), "26 Jan 2025"),
])
def test_ago(then: datetime | None, shown: str) -> None:
    assert ago(then, NOW, timezone.utc) == shown


def test_percent() -> None:
    assert percent(None) == "–"
    assert percent(0.874) == "87%"
