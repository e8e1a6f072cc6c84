"""What the study screen says when a key cannot act yet or at all: once, and never over the
question; an exam's keys as its rules (no suspend, no bury)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from quiz.tui.screens.study import StudyScreen
from quiz.tui.widgets.feedback import FeedbackPanel
from quiz.tui.widgets.keybar import KeyBar

from tests.tui.helpers import (
    keys_for, make_app, pilot_test, press, screen_text, settle, shows, start_session, type_keys,
)


async def _until_match(pilot) -> StudyScreen:  # noqa: ANN001
    screen = await start_session(pilot)
    for _ in range(40):
        if screen.card.question.format == "match":
            return screen
        await type_keys(pilot, *keys_for(screen.card.question))
        await press(pilot, "enter")
    raise AssertionError("no match question in the session")


@pilot_test
async def test_enter_on_an_unpaired_match_says_so_once_in_its_hint_line(tmp_path: Path) -> None:
    app = make_app(tmp_path, seed=2)  # seed 2: the day's name card comes as a match question
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        screen = await _until_match(pilot)
        question = screen.card.question
        lines = len(question.items)
        await press(pilot, "enter", "enter", "enter")
        text = screen_text(pilot)
        assert text.count("Pair every line first") == 1
        assert f"Pair every line first ({lines} left)." in text
        assert not app._notifications  # no toast: nothing covers the question
        # Every numbered line and every lettered answer is still in sight.
        assert shows(pilot, *(item[:30] for item in question.items),
                     *(name[:30] for name in question.options))
        keys = keys_for(question)  # a letter per line, then Enter
        await press(pilot, keys[0])  # one line paired: the count follows
        assert f"Pair every line first ({lines - 1} left)." in screen_text(pilot)
        await type_keys(pilot, *keys[1:-1])  # every line paired: the usual hint is back
        assert "Pair every line first" not in screen_text(pilot)
        assert shows(pilot, "Enter submits")
        await press(pilot, "enter")
        assert screen.query_one(FeedbackPanel).display  # submitted


@pilot_test
async def test_an_exam_neither_offers_nor_does_suspend_or_bury_and_says_no_undo_once(tmp_path: Path) -> None:
    app = make_app(tmp_path, seed=7, deck="alliance", exam=3)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        card = screen.card
        assert shows(pilot, "exam (schedule untouched)", "0 of 3 answered")
        bar = screen.query_one(KeyBar).render().plain
        assert "Suspend" not in bar and "Bury" not in bar
        keys = ["s", "b"] if card.question.format in ("choice", "truefalse", "order", "match") \
            else ["ctrl+s", "ctrl+b"]
        await press(pilot, *keys)
        assert screen.card is card and screen.phase == "asking"  # still the same question
        assert not shows(pilot, "Card suspended") and not shows(pilot, "Card buried")
        await type_keys(pilot, *keys_for(card.question))
        assert shows(pilot, "1 of 3 answered", "Enter next")
        assert not shows(pilot, "s suspend") and not shows(pilot, "b bury")
        assert "Suspend" not in screen.query_one(KeyBar).render().plain
        await press(pilot, "s", "b")  # after the answer too: nothing set aside, no skip
        assert screen.query_one(FeedbackPanel).display and screen.card is card
        await press(pilot, "u", "u", "u")  # says why, once: no stack of the same notice
        assert screen_text(pilot).count("No undo in an exam") == 1
        await press(pilot, "enter")
        assert screen.card is not card and shows(pilot, "1 of 3 answered")
    with sqlite3.connect(tmp_path / "scores" / "quiz.sqlite3") as conn:  # the app is closed
        set_aside = conn.execute("SELECT COUNT(*) FROM cards WHERE suspended != 0 "
                                 "OR buried_until IS NOT NULL").fetchone()[0]
    assert set_aside == 0  # the schedule untouched
