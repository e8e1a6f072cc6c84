"""The session of a deck named on the command line (`quiz study DECK`) starts on the store
thread as soon as the decks are open (`quiz.tui.calls.first_session`): keys typed while it
is on its way still reach its first question, and a quit while the decks open starts none."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.pilot import Pilot

from quiz.tui import calls
from quiz.tui.screens.study import StudyScreen
from quiz.tui.widgets.feedback import FeedbackPanel
from tui.helpers import hold, make_app, pilot_test, screens_drawn, settle, type_at_once


@pytest.mark.parametrize("held", ["open_study", "start"])
@pilot_test
async def test_an_answer_typed_while_the_first_session_is_on_its_way_reaches_its_question(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, held: str) -> None:
    # "Loading decks…" looks the same while the decks open as while the session starts:
    # a key typed at either moment is kept for the first question (one typed while the
    # decks were still opening was dropped).
    gate = hold(monkeypatch, held)  # the decks open, or the session starts, when the test says
    app = make_app(tmp_path, deck="alliance", seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(600):  # until the decks are open, when the session start is held
            if held == "open_study" or app._opening.done():
                break
            await pilot.pause(0.02)
        await pilot.pause(0.05)
        assert app._opening.done() == (held == "start")
        type_at_once(app, "1")  # the first question (seed 7) is a choice: its first option
        await pilot.pause(0.1)
        gate.set()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen), type(screen).__name__
        assert screen.card.question.format == "choice"
        assert screen.session.progress.answered == 1
        assert screen.query_one(FeedbackPanel).display


@pilot_test
async def test_a_quit_while_the_decks_open_starts_no_session(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    start = calls.start
    started: list[object] = []

    def spy(*args: object) -> object:
        started.append(args)
        return start(*args)  # type: ignore[arg-type]

    gate = hold(monkeypatch, "open_study")
    monkeypatch.setattr(calls, "start", spy)
    app = make_app(tmp_path, deck="alliance", seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.05)
        app.exit()
        gate.set()
    assert started == []
    assert app.return_code == 0


@pilot_test
async def test_a_first_session_that_cannot_start_leaves_the_collector_running(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The collector is paused from the app's creation until its first real screen: the home
    # shown after the error (over the error, not over "Loading decks…") is one too, or a
    # whole run's cyclic garbage would never be collected.
    import gc

    from quiz.errors import StoreError
    from quiz.tui import memory
    from quiz.tui.screens.home import HomeScreen

    def failing_start(*args: object) -> object:
        raise StoreError("database or disk is full", None)

    monkeypatch.setattr(calls, "start", failing_start)
    monkeypatch.setattr(memory, "_frozen", False)  # as in a fresh process: the app pauses it
    assert gc.isenabled()
    app = make_app(tmp_path, deck="alliance", seed=7)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert any(isinstance(s, HomeScreen) for s in app.screen_stack)
            await pilot.pause(0.05)
            assert gc.isenabled()
    finally:
        gc.enable()


@pilot_test
async def test_loading_is_drawn_once_with_its_keys_and_the_question_once_it_comes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Every frame before the question is work taken from opening the decks: "Loading decks…"
    # changes nothing while they open, so it is drawn once, its key bar already filled (it
    # was drawn six times, the first with an empty bar; a request its widgets made while
    # being mounted came after the frame that did it, and drew the screen again).
    from quiz.tui.screens.loading import LoadingScreen
    from quiz.tui.widgets.keybar import KeyBar

    gate = hold(monkeypatch, "open_study")
    app = make_app(tmp_path, deck="alliance", seed=7)
    frames = screens_drawn(app)
    async with app.run_test(size=(80, 24)) as pilot:
        try:
            for _ in range(5):
                await pilot.pause(0.02)
            assert isinstance(app.screen, LoadingScreen)
            assert frames == ["LoadingScreen"]
            assert "Quit" in app.screen.query_one(KeyBar).content.plain
        finally:
            gate.set()
        await settle(pilot)
        assert isinstance(app.screen, StudyScreen)
        assert frames[:2] == ["LoadingScreen", "StudyScreen"]


@pilot_test
async def test_the_first_two_screens_need_no_later_styles_and_no_tooltip(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The other screens' styles (screens.tcss) are read once the first question is drawn:
    # a rule there that matched a widget of "Loading decks…" or of the study screen would
    # style it only when something restyled it later. And these two screens do without
    # Textual's tooltip widget (`WithoutTooltips`): a tooltip given to one of their widgets
    # would never show. Every format's answering widget is mounted
    # (`StudyScreen._mount_views`), the feedback shown after an answer.
    from textual.css.match import match
    from textual.css.stylesheet import Stylesheet

    from quiz.tui.opening import LATER_CSS
    from quiz.tui.screens.loading import LoadingScreen

    app = make_app(tmp_path, deck="alliance", seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StudyScreen)
        type_at_once(app, "1")
        await settle(pilot)
        later = Stylesheet(variables=app.get_css_variables())
        later.read(LATER_CSS)
        rules = later.rules
        assert rules
        screens = [s for s in app.screen_stack if isinstance(s, (LoadingScreen, StudyScreen))]
        assert len(screens) == 2
        for screen in screens:
            for node in [screen, *screen.walk_children()]:
                matched = [r.selector_set for r in rules if match(r.selector_set, node)]
                assert not matched, (node, matched)
                assert getattr(node, "tooltip", None) is None, node


@pilot_test
async def test_the_first_question_comes_before_its_queue_is_counted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first question is shown from the queue's first card (`Store.study_head`); the
    cards left read "…" until the rest of the queue is built on the store thread, never a
    wrong number, and an answer typed meanwhile waits for it, then counts (the queue it
    completes is the whole queue's: `tests/unit/test_queue_head.py`)."""
    from quiz.tui.widgets.status import StudyStatus

    gate = threading.Event()
    monkeypatch.setattr(calls, "count", lambda session, quitting: gate.wait(30) and session.count())
    app = make_app(tmp_path, deck="alliance", seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        while not isinstance(app.screen, StudyScreen):
            await pilot.pause(0.02)
        await pilot.pause(0.1)
        screen = app.screen
        assert isinstance(screen, StudyScreen), type(screen).__name__
        status = screen.query_one(StudyStatus)
        try:
            assert "  … new · … learning · … due · 0/0 right" in status.content.plain
            type_at_once(app, "1")  # waits on the store thread behind the count
            await pilot.pause(0.1)
            assert not screen.query_one(FeedbackPanel).display
        finally:
            gate.set()
        await settle(pilot)
        progress = screen.session.progress
        assert progress.counted and progress.answered == 1
        assert f"  {progress.new} new · {progress.learning} learning · {progress.due} due · " \
            in status.content.plain
        assert screen.query_one(FeedbackPanel).display


async def _first_question(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ahead: bool) -> str:
    """The first question's frame (an SVG screenshot, its ids made constant) of a launch on a
    deck whose session starts slowly, its study screen made ahead of the session or not."""
    import re

    from quiz.tui.opening import Opening
    from quiz.tui.screens.loading import LoadingScreen
    from quiz.tui.widgets.base import QuestionView

    gate = hold(monkeypatch, "start")
    composed: list[StudyScreen] = []
    compose = StudyScreen.compose

    def counted(screen: StudyScreen) -> object:
        composed.append(screen)
        return compose(screen)

    monkeypatch.setattr(StudyScreen, "compose", counted)
    if not ahead:
        monkeypatch.setattr(Opening, "_study_ahead", lambda self: None)
    (tmp_path / str(ahead)).mkdir()
    app = make_app(tmp_path / str(ahead), deck="alliance", seed=7)
    frames = screens_drawn(app)
    async with app.run_test(size=(80, 24)) as pilot:
        try:
            for _ in range(600):  # until the decks are open and the session starts
                if app._opening.done() and (not ahead or composed):
                    break
                await pilot.pause(0.02)
            await pilot.pause(0.05)
            assert isinstance(app.screen, LoadingScreen)
            if ahead:  # composed and mounted, not shown: "Loading decks…" stays up alone
                made = composed[0]
                assert made.is_mounted and made not in app.screen_stack
                assert not made.query(QuestionView)  # the card's widget waits for the card
            else:
                assert not composed
        finally:
            gate.set()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        assert composed == [screen]  # pushed, the screen made ahead is not composed again
        assert frames[:2] == ["LoadingScreen", "StudyScreen"]
        assert [v.id for v in screen.query(QuestionView) if v.display] == ["choice"]
        return re.sub(r"terminal-\d+", "terminal", app.export_screenshot())


@pilot_test
async def test_the_study_screen_made_while_the_session_starts_shows_the_same_question(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # While the store thread starts the first session (slow on a large collection), its study
    # screen is composed, mounted and styled beside "Loading decks…"; once the session comes,
    # only the card's widget is added and its texts filled. The frame is the one a screen
    # made with its session draws.
    with monkeypatch.context() as patched:
        made_ahead = await _first_question(tmp_path, patched, ahead=True)
    with monkeypatch.context() as patched:
        made_after = await _first_question(tmp_path, patched, ahead=False)
    assert made_ahead == made_after


@pytest.mark.parametrize("trouble", ["missing deck", "start fails"])
@pilot_test
async def test_a_first_session_that_does_not_come_takes_its_screen_made_ahead_away(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, trouble: str) -> None:
    # The study screen made while the session starts is never shown when there is no
    # session: the error is shown as before, and that screen is removed.
    from quiz.errors import StoreError
    from quiz.tui.screens.error import ErrorScreen, FatalErrorScreen

    gate = hold(monkeypatch, "first_session")

    def failing_start(*args: object) -> object:
        raise StoreError("database or disk is full", None)

    if trouble == "start fails":
        monkeypatch.setattr(calls, "start", failing_start)
    app = make_app(tmp_path, deck="nowhere" if trouble == "missing deck" else "alliance", seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        try:
            made = await screen_made_ahead(pilot)
        finally:
            gate.set()
        await settle(pilot)
        assert made is not None
        shown = FatalErrorScreen if trouble == "missing deck" else ErrorScreen
        assert any(type(s) is shown for s in app.screen_stack), app.screen_stack
        assert app._ahead is None
        assert made not in app.screen_stack and not made.is_attached


@pilot_test
async def test_a_quit_while_the_session_starts_beside_its_screen_made_ahead_quits(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Quitting while the study screen made ahead waits for its session: the app closes
    # at once and cleanly (that screen, never shown, is closed with the others).
    gate = hold(monkeypatch, "start")
    app = make_app(tmp_path, deck="alliance", seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        try:
            made = await screen_made_ahead(pilot)
            assert made is not None
            await pilot.press("ctrl+q")
            await pilot.pause(0.05)
        finally:
            gate.set()
    assert app.return_code == 0
    assert not made.is_running


async def screen_made_ahead(pilot: Pilot) -> StudyScreen | None:
    """The study screen the app makes ahead of its first session, once mounted (None if it
    is not within ~12 s)."""
    app = pilot.app
    for _ in range(600):
        if app._ahead is not None and app._ahead[0].is_mounted:  # type: ignore[attr-defined]
            return app._ahead[0]  # type: ignore[attr-defined,no-any-return]
        await pilot.pause(0.02)
    return None
