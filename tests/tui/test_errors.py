"""What the app says when it cannot go on: a damaged score file, a deck that is not there or is
broken — a message in words, never a traceback — and a deck named on the command line."""

from __future__ import annotations

from pathlib import Path

from quiz.locations import database_path
from quiz.tui.screens.error import ErrorScreen
from quiz.tui.screens.study import StudyScreen
from tui.helpers import make_app, pilot_test, press, screen_text, settle, shows


@pilot_test
async def test_a_damaged_score_file_gets_a_message_and_status_1(tmp_path: Path) -> None:
    path = database_path(tmp_path / "scores")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ErrorScreen)
        assert shows(pilot, "The score file could not be opened", "quiz.sqlite3", "Enter to quit")
        assert screen_text(pilot).splitlines()[-1].split() == ["⏎", "Quit"]  # its key bar too
        await press(pilot, "enter")
    assert app.return_code == 1


@pilot_test
async def test_a_deck_named_on_the_command_line_opens_at_once(tmp_path: Path) -> None:
    app = make_app(tmp_path, deck="alliance", mode="cram", seed=7)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StudyScreen)
        assert shows(pilot, "cram (schedule untouched)", "question 1")
        await press(pilot, "escape")
        assert shows(pilot, "Session over")
        await press(pilot, "enter")
        assert shows(pilot, "The Franco-American", "Cram")


@pilot_test
async def test_a_missing_deck_is_named_with_the_decks_there(tmp_path: Path) -> None:
    app = make_app(tmp_path, deck="nowhere")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert shows(pilot, "No such deck", "There is no deck named nowhere", "decks there: alliance")
        await press(pilot, "enter")
    assert app.return_code == 1


@pilot_test
async def test_a_broken_deck_named_on_the_command_line_shows_its_problems(tmp_path: Path) -> None:
    app = make_app(tmp_path, "alliance.yaml", "broken.yaml", deck="broken")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        assert shows(pilot, "The deck broken has problems and cannot be studied",
                     "broken.yaml:7:11: unknown kind `datee`")
        await press(pilot, "enter")
    assert app.return_code == 1


@pilot_test
async def test_an_answer_waits_for_the_check_of_a_large_score_file(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """A large file is checked beside the first question; an answer given before the check
    is done waits for it, and is never written into a damaged file."""
    import threading

    import quiz.tui.app as app_module
    import quiz.tui.screens.study_steps as study_steps
    from quiz.clock import FixedClock
    from quiz.store import Store
    from quiz.study import Study
    from tui.helpers import START, damage_store, deck_folder, keys_for

    deck_folder(tmp_path)
    Store.open(tmp_path / "scores", FixedClock(START)).close()
    damage_store(tmp_path / "scores")
    monkeypatch.setattr(app_module, "CHECK_FIRST_BYTES", 0)  # every file counts as large
    gate = threading.Event()
    check = Study.check

    def slow_check(study: Study) -> list[str]:
        gate.wait(30)  # the check takes as long as the test says
        return check(study)

    monkeypatch.setattr(Study, "check", slow_check)
    written: list[object] = []
    answer = study_steps.answer

    def spy(*args: object) -> object:
        written.append(args)
        return answer(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(study_steps, "answer", spy)
    app = make_app(tmp_path, deck="alliance", seed=7)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        for _ in range(400):  # not settle(): it would wait for the check itself
            if isinstance(app.screen, StudyScreen):
                break
            await pilot.pause(0.05)
        screen = app.screen
        assert isinstance(screen, StudyScreen)  # the first question is asked during the check
        await pilot.press(*keys_for(screen.card.question))
        await pilot.pause(0.2)
        assert written == [] and screen.phase == "busy"  # the answer waits for the check
        gate.set()
        await settle(pilot)  # the waiting answer is dropped, not written
        assert isinstance(app.screen, ErrorScreen)
        assert shows(pilot, "The score file is damaged", "quiz doctor --fresh")
        assert written == []  # never written into the damaged file
        await press(pilot, "enter")
    assert app.return_code == 1


@pilot_test
async def test_a_large_score_file_is_checked_once_the_first_question_is_drawn(
        tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """The check of a large file reads all of it: it starts once the first question is on
    screen (not while it is being drawn), once, even if the learner never answers."""
    import quiz.tui.app as app_module
    from quiz.study import Study

    monkeypatch.setattr(app_module, "CHECK_FIRST_BYTES", 0)  # every file counts as large
    seen: list[str] = []
    check = Study.check

    def spy(study: Study) -> list[str]:
        screen = app.screen
        seen.append(f"{type(screen).__name__} {getattr(screen, 'phase', '')}")
        return check(study)

    monkeypatch.setattr(Study, "check", spy)
    app = make_app(tmp_path, deck="alliance", seed=7)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StudyScreen)
        assert seen == ["StudyScreen asking"]


@pilot_test
async def test_a_large_score_file_is_checked_when_home_shows(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    import quiz.tui.app as app_module
    from quiz.study import Study

    monkeypatch.setattr(app_module, "CHECK_FIRST_BYTES", 0)
    calls: list[int] = []
    check = Study.check
    monkeypatch.setattr(Study, "check", lambda study: calls.append(1) or check(study))
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ in ("HomeScreen", "WelcomeScreen")
        assert calls == [1]
