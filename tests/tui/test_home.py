"""The home screen and what opens from it: welcome, deck list, deck problems, help, settings,
the command palette, and the states with nothing to study."""

from __future__ import annotations

from pathlib import Path

from quiz.store import Store
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.study import StudyScreen
from tui.helpers import make_app, pilot_test, press, settle, shows


@pilot_test
async def test_a_first_run_greets_and_starts_the_offered_deck_in_one_key(tmp_path: Path) -> None:
    app = make_app(tmp_path, seed=7)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert shows(pilot, "Welcome to quiz", "To begin, try The Franco-American Alliance",
                     "Enter to start")
        await press(pilot, "enter")
        assert isinstance(app.screen, StudyScreen)
        assert shows(pilot, "The Franco-American Alliance · study", "question 1", "7 new")


@pilot_test
async def test_home_lists_every_deck_with_its_counts(tmp_path: Path) -> None:
    app = make_app(tmp_path, "alliance.yaml", seed=7)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        assert shows(pilot, "1 deck · 0 due · 7 new today")
        assert shows(pilot, "Deck", "Due", "New", "Cards", "Studied", "Retention", "Progress")
        assert shows(pilot, "The Franco-American Alliance 0 7 11 never – ░░░░░░ 0%")
        assert shows(pilot, "Study", "Cram", "Exam", "Settings", "Help", "Quit")


@pilot_test
async def test_a_broken_deck_shows_its_problems_and_the_others_still_work(tmp_path: Path) -> None:
    app = make_app(tmp_path, "alliance.yaml", "broken.yaml", seed=7)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "escape")
        assert shows(pilot, "problems in decks that could not be loaded (the other decks work)")
        assert shows(pilot, "broken.yaml:7:11:", "broken.yaml:9:5:")
        assert not shows(pilot, "A Deck With Mistakes")
        await press(pilot, "p")
        assert shows(pilot, "problems in the decks", "quiz validate FILE")
        await press(pilot, "escape", "enter")
        assert isinstance(app.screen, StudyScreen)


@pilot_test
async def test_an_empty_decks_folder_says_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    from quiz.tui import QuizApp

    app = QuizApp(decks_dir=tmp_path / "empty", scores_dir=tmp_path / "scores")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert shows(pilot, "No decks in", "put deck files (.yaml) there", "quiz new NAME",
                     "quiz import FILE")
        assert not shows(pilot, "Study") and not shows(pilot, "Cram")  # no dead keys
        await press(pilot, "enter", "c", "x")  # nothing to study: nothing happens
        assert isinstance(app.screen, HomeScreen)


@pilot_test
async def test_help_lists_every_key(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "escape", "question_mark")
        assert shows(pilot, "Keys", "Home", "study the highlighted deck", "study by tag")
        await press(pilot, "end")
        assert shows(pilot, "After an answer", "undo the last answer", "Anywhere",
                     "command palette: every action by name")
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


@pilot_test
async def test_settings_are_checked_and_saved(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "escape", "s")
        assert shows(pilot, "Settings", "Desired retention", "New cards per day", "Reviews per day",
                     "Day ends at")
        await press(pilot, "tab", *["backspace"] * 4, "9", "9", "9", "9", "9", "enter")
        assert shows(pilot, "new per day must be between 0 and 9999")
        await press(pilot, *["backspace"] * 5, "5", "enter")
        assert shows(pilot, "Settings saved.", "5 new today")
    with Store.open(tmp_path / "scores") as store:
        assert store.settings().new_per_day == 5


@pilot_test
async def test_the_command_palette_lists_the_screen_actions(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "escape", "ctrl+p")
        await settle(pilot)
        assert shows(pilot, "Study", "Cram", "Exam", "Settings", "Help")
        await press(pilot, "E", "x", "a", "m")
        await press(pilot, "enter")
        assert shows(pilot, "Questions (1–")


@pilot_test
async def test_q_quits_from_home(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "escape", "q")
    assert app.return_code == 0
