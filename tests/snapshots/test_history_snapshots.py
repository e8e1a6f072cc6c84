"""Snapshots of the history screen at 80×24: an empty store, and each tab over a year of
reviews (fixed clock, data in ``tmp_path``, workers settled before the picture)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tui.helpers import settle
from tui.test_history import history_app

SIZE = (80, 24)


def _after(*keys: str) -> Any:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
    return run_before


def test_empty_store(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(history_app(tmp_path, seeded=False), terminal_size=SIZE,
                        run_before=_after())


@pytest.mark.parametrize(("tab", "keys"), [
    ("sessions", ()),
    ("calendar", ("right",)),
    ("progress", ("right", "right")),
    ("retention", ("right",) * 3),
    ("forecast", ("right",) * 4),
    ("bests", ("right",) * 5),
    ("hardest", ("right",) * 6),
])
def test_a_year_of_reviews(snap_compare: Any, tmp_path: Path, tab: str,
                           keys: tuple[str, ...]) -> None:
    assert snap_compare(history_app(tmp_path, seeded=True), terminal_size=SIZE,
                        run_before=_after(*keys))


def test_a_sessions_answers(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(history_app(tmp_path, seeded=True), terminal_size=SIZE,
                        run_before=_after("down", "enter"))
