"""Home reaches history and the deck browser; history's hardest facts start a cram session."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from quiz.clock import FixedClock
from quiz.tui import QuizApp
from quiz.tui.screens.browser import BrowserScreen
from quiz.tui.screens.history import HistoryScreen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.study import StudyScreen
from tui.helpers import pilot_test, screen_text, settle

DATA = Path(__file__).resolve().parents[1] / "data"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def make_app(tmp_path: Path, **options: object) -> QuizApp:
    decks = tmp_path / "decks"
    decks.mkdir(exist_ok=True)
    shutil.copy(DATA / "alliance.yaml", decks)
    return QuizApp(decks_dir=decks, scores_dir=tmp_path / "scores", clock=FixedClock(NOW), seed=1,
                   **options)  # type: ignore[arg-type]


async def _home(pilot) -> None:  # noqa: ANN001
    await settle(pilot)
    if not isinstance(pilot.app.screen, HomeScreen):
        await pilot.press("escape")  # the first-run welcome
        await settle(pilot)
    assert isinstance(pilot.app.screen, HomeScreen)


@pilot_test
async def test_h_opens_history_and_escape_comes_back(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _home(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert "History" in screen_text(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


@pilot_test
async def test_d_browses_the_highlighted_deck(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _home(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)
        assert app.screen.deck_id == "alliance"
        assert "amity-treaty" in screen_text(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


@pilot_test
async def test_start_history_opens_it_over_home(tmp_path: Path) -> None:
    app = make_app(tmp_path, start="history")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


@pilot_test
async def test_history_result_crams_exactly_those_cards(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _home(pilot)
        app.cram_cards([("alliance", "yorktown", 0)])
        await settle(pilot)
        assert isinstance(app.screen, StudyScreen)
        text = screen_text(pilot)
        assert "cram" in text and "Yorktown" in text
