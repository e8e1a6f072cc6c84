"""Keys typed ahead of the question they are for (`quiz.tui.typeahead`), through every way
a session starts: home, the welcome, the exam and tag dialogs, the nothing-due screen's
cram; and a key handled just as the first question shows, before Textual has moved the
focus to its widget.
"""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta
from pathlib import Path

import pytest

from quiz.clock import FixedClock
from quiz.tui import QuizApp, calls
from quiz.tui.screens.study import StudyScreen
from quiz.tui.widgets.feedback import FeedbackPanel
from tui.helpers import START, deck_folder, pilot_test, press, season, settle, type_at_once

# What each way in needs pressed before the key that starts the session, that key, and
# the first question's format (seed 7) and the key that answers it.
WAYS = {
    "home": ((), "enter", "choice", "1"),
    "welcome": (None, "enter", "choice", "1"),
    "exam": (("x",), "enter", "choice", "1"),
    "tags": (("t", "w", "a", "r"), "enter", "choice", "1"),
    "nothing due, cram": (("enter",), "c", "order", "enter"),
}


def _app(tmp_path: Path, way: str) -> QuizApp:
    folder = deck_folder(tmp_path)
    clock = FixedClock(START)
    if way == "tags":
        deck = folder / "alliance.yaml"
        deck.write_text(deck.read_text(encoding="utf-8").replace(
            "id: alliance\n", "id: alliance\ntags: [war]\n", 1), encoding="utf-8")
    if way == "nothing due, cram":
        season(tmp_path, clock)
        clock.advance(timedelta(hours=2))
    return QuizApp(decks_dir=folder, scores_dir=tmp_path / "scores", clock=clock, seed=7)


@pytest.mark.parametrize("way", WAYS)
@pilot_test
async def test_an_answer_typed_with_the_key_that_starts_a_session_reaches_its_question(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, way: str) -> None:
    """The key that closes the dialog (or starts from home) and the first answer, pressed
    back to back while the session is slow to start (as on a large collection)."""
    original = calls.start

    def slow_start(*args: object) -> object:
        time.sleep(0.3)
        return original(*args)

    monkeypatch.setattr(calls, "start", slow_start)
    before, start, format, answer = WAYS[way]
    app = _app(tmp_path, way)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        if before is not None:
            await press(pilot, "escape", *before)  # past the welcome
        type_at_once(app, start, answer)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen), type(screen).__name__
        assert screen.card.question.format == format
        assert screen.session.progress.answered == 1
        assert screen.query_one(FeedbackPanel).display


@pytest.mark.slow
@pilot_test
async def test_an_answer_typed_as_a_quick_session_starts_is_never_lost(tmp_path: Path) -> None:
    """Enter on the welcome, then the answer a few turns of the event loop later (0 to 15),
    the session quick to start: while the study screen left the focus to move a message
    after the question showed (`Widget.focus`), a key handled in between reached the
    scrolling body and was lost (about one spacing in four)."""
    for turns in range(16):
        (tmp_path / str(turns)).mkdir()
        app = _app(tmp_path / str(turns), "welcome")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            type_at_once(app, "enter")
            for _ in range(turns):
                await asyncio.sleep(0)
            type_at_once(app, "1")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, StudyScreen), (turns, type(screen).__name__)
            assert screen.session.progress.answered == 1, turns
