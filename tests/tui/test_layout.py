"""Layout by priority on small terminals: the keys that matter stay on the key bar (never a
label cut in half), the exam clock stays whole, a match question keeps every answer in
sight at 60×20, and keys typed while the next question loads are kept for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.content import Content
from textual.widgets import Static

import quiz.tui.screens.study_steps as study_steps
from quiz.store import Store
from quiz.tui.screens.help import HelpScreen
from quiz.tui.screens.study import StudyScreen
from quiz.tui.widgets.feedback import FeedbackPanel
from quiz.tui.widgets.keybar import fit
from tui.helpers import (flat, keys_for, make_app, pilot_test, press, screen_text, seasoned_app,
                         settle, shows, start_session, type_at_once, type_keys)

LONG_NAMES = """\
title: Long Questions
id: long
facts:
  - id: president
    question: Which U.S. president said "Ever since General Lafayette joined the American fight for independence, our fates and fortunes have been tied unequivocally together"?
    answer: Donald J. Trump
    kind: name
    category: person
  - id: assad
    question: Whose chemical weapons infrastructure did the U.S., France and the U.K. strike together on April 13, 2018?
    answer: Bashar al-Assad
    kind: name
    category: person
  - id: le-drian
    question: Which French defense minister signed two military cooperation documents with Ash Carter on November 28, 2016?
    answer: Jean-Yves Le Drian
    kind: name
    category: person
  - id: hubble
    question: Which American astronomer showed in 1929 that distant galaxies are moving away from us, and later gave his name to a space telescope?
    answer: Edwin Hubble
    kind: name
    category: person
  - id: ride
    question: Who became the first American woman in space, in June 1983, aboard the Space Shuttle Challenger on mission STS-7?
    answer: Sally Ride
    kind: name
    category: person
"""


def key_bar(pilot) -> str:  # noqa: ANN001
    """The bottom line of the screen: the key bar."""
    return screen_text(pilot).splitlines()[-1]


def assert_keys(pilot, *labels: str) -> None:  # noqa: ANN001
    """The key bar shows every label whole, and nothing on it is cut."""
    bar = key_bar(pilot)
    assert "…" not in bar, bar
    for label in labels:
        assert f" {label} " in f"{bar} ", (label, bar)


def test_keys_go_by_rank_never_cut() -> None:
    chips = [(Content(f" {n} "), rank) for n, rank in (("a", 1), ("b", 2), ("c", 2), ("d", 0))]
    assert [str(c) for c, _ in fit(chips, 9)] == [" a ", " b ", " d "]
    assert [str(c) for c, _ in fit(chips, 6)] == [" a ", " d "]
    assert [str(c) for c, _ in fit(chips, 2)] == [" d "]  # Help and Quit are never dropped


@pilot_test
async def test_every_study_key_bar_fits_at_80x24(tmp_path: Path) -> None:
    app = seasoned_app(tmp_path, seed=2)  # a seed whose one date card of the day is an order
    seen: set[str] = set()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert_keys(pilot, "Study", "Help", "Quit")
        screen = await start_session(pilot)
        while isinstance(app.screen, StudyScreen) and len(seen) < 6:
            question = screen.card.question
            seen.add(question.format)
            submit = {"recall": "Check", "cloze": "Check", "order": "Submit order",
                      "match": "Submit pairs"}.get(question.format, "Answer")
            assert_keys(pilot, submit, "End", "Help", "Quit")
            if question.format in ("recall", "cloze"):
                assert_keys(pilot, "Don't know", "F1", "^q")  # letters go into the answer
            await type_keys(pilot, *keys_for(question, right=len(seen) % 2 == 0))
            assert_keys(pilot, "Next", "End", "Help", "Quit")
            await press(pilot, "enter")
        assert {"recall", "cloze", "order"} <= seen


@pilot_test
async def test_typed_answers_keep_their_letters_and_have_keys_of_their_own(tmp_path: Path) -> None:
    app = seasoned_app(tmp_path, seed=7)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        screen = await start_session(pilot)
        assert screen.card.question.format == "recall"
        await type_keys(pilot, "q", "?", "s")  # typed, not Quit, Help or Suspend
        assert app.screen is screen and shows(pilot, "q?s")
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen) and shows(pilot, "Keys")
        await press(pilot, "escape")
        for _ in "q?s":
            await press(pilot, "backspace")
        await press(pilot, "ctrl+n")  # "I don't know"
        assert shows(pilot, "Wrong", "No answer given", f"Answer: {screen.card.question.answer}")
        await press(pilot, "enter")
        answered = screen.session.progress.answered
        await press(pilot, "ctrl+z")  # undo works from a typed question too
        assert screen.session.progress.answered == answered - 1


@pilot_test
async def test_the_exam_clock_is_never_cut(tmp_path: Path) -> None:
    app = make_app(tmp_path, seed=7, deck="alliance", exam=5)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        status = screen_text(pilot).splitlines()[1]
        assert "0 of 5 answered · 10:00 left" in status, status
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert_keys(pilot, "Answer", "End", "Help", "Quit")


@pilot_test
async def test_a_match_question_at_60x20_keeps_every_answer_in_sight(tmp_path: Path) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "long.yaml").write_text(LONG_NAMES, encoding="utf-8")
    app = make_app(tmp_path, "alliance.yaml", seed=5, deck="long")
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        for _ in range(30):
            if screen.card.question.format == "match":
                break
            await type_keys(pilot, *keys_for(screen.card.question))
            await press(pilot, "enter")
        question = screen.card.question
        assert question.format == "match"
        lines = screen_text(pilot).splitlines()
        for letter, name in zip("abcdef", question.options):
            assert any(line.strip() == f"{letter}  {name}" for line in lines), (name, lines)
        for number, fact in enumerate(question.items, 1):
            # each numbered line is on screen, at least its beginning
            assert any(line.strip().startswith(f"{number}  {fact[:20]}") for line in lines), fact
        for number, fact in enumerate(question.items, 1):
            await press(pilot, str(number))  # the highlighted line is shown whole
            assert shows(pilot, fact)
        assert_keys(pilot, "Submit pairs", "Help", "Quit")
        await press(pilot, "1")
        await type_keys(pilot, *keys_for(question))
        assert screen.query_one(FeedbackPanel).outcome.grade.verdict == "correct"


@pilot_test
async def test_deck_browser_statuses_are_whole_at_120(tmp_path: Path) -> None:
    app = make_app(tmp_path, seed=7)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "escape", "d", "s")
        assert shows(pilot, "suspended") and "Card" in screen_text(pilot)
        assert_keys(pilot, "Back", "Help", "Quit")
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert shows(pilot, "suspended", "Retention", "Lapses")
        assert_keys(pilot, "Back", "Help", "Quit")



HOME_ONLY = ("All decks", "Cram", "History", "Browse")
"""Labels of home's key bar that no dialog has."""


@pytest.mark.parametrize(("decks", "keys", "labels"), [
    (("alliance.yaml",), (), ("Start", "Look around")),  # the welcome on a first run
    (("alliance.yaml",), ("escape", "s"), ("Save", "Optimize", "Cancel")),
    (("alliance.yaml",), ("escape", "x"), ("Start", "Cancel")),
    (("alliance.yaml",), ("escape", "t"), ("Study", "Cancel")),
    (("alliance.yaml",), ("escape", "question_mark"), ("Close",)),
    (("alliance.yaml", "broken.yaml"), ("escape", "p"), ("Close",)),
], ids=["welcome", "settings", "exam", "tags", "help", "problems"])
@pilot_test
async def test_a_dialog_over_home_shows_its_own_keys(
        tmp_path: Path, decks: tuple[str, ...], keys: tuple[str, ...], labels: tuple[str, ...]) -> None:
    """The key bar under a dialog is the dialog's, not home's showing through it greyed out."""
    from textual.screen import ModalScreen

    app = make_app(tmp_path, *decks, seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        if keys:
            await press(pilot, *keys)
        assert isinstance(app.screen, ModalScreen)
        assert_keys(pilot, *labels)
        assert not any(f" {label} " in key_bar(pilot) for label in HOME_ONLY), key_bar(pilot)
        await press(pilot, "escape")
        assert_keys(pilot, *HOME_ONLY)  # home's own bar again once the dialog is closed


def first_section(pilot) -> str:  # noqa: ANN001
    """The section of the help shown highest on screen."""
    from quiz.tui.screens.help import KEYS

    text = flat(screen_text(pilot))
    return min((text.find(f" {name} "), name) for name, _ in KEYS if f" {name} " in text)[1]


@pilot_test
async def test_help_starts_with_the_keys_of_the_place_it_was_asked_from(tmp_path: Path) -> None:
    """Help from a question starts with the keys for answering it (its format's line picked
    out), from the feedback with the keys after an answer, from home with home's."""
    from quiz.tui.screens.help import FORMAT_KEYS

    app = make_app(tmp_path, seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "escape", "question_mark")
        assert first_section(pilot) == "Home"
        await press(pilot, "escape", "enter")
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        line = FORMAT_KEYS[screen.card.question.format]
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        assert first_section(pilot) == "Answering" and shows(pilot, line)
        (here,) = app.screen.query(".-here")
        assert line in flat(" ".join(str(s.render()) for s in here.query(Static)))
        await press(pilot, "escape")
        await type_keys(pilot, *keys_for(screen.card.question))
        await press(pilot, "question_mark")
        assert first_section(pilot) == "After an answer" and shows(pilot, "next question")
        assert not app.screen.query(".-here")
        await press(pilot, "escape", "escape", "escape", "d", "question_mark")
        assert first_section(pilot) == "Deck browser"


# -- keys pressed while the next question is on its way ---------------------------------------


@pytest.fixture
def slow_store(monkeypatch: pytest.MonkeyPatch) -> None:
    """Steps between questions take a while, as on a loaded machine or a slow disk."""
    import time

    original = study_steps.next_card

    def slow_next(session):  # noqa: ANN001, ANN202
        time.sleep(0.3)
        return original(session)

    monkeypatch.setattr(study_steps, "next_card", slow_next)


@pilot_test
async def test_keys_typed_while_the_next_question_loads_are_kept(tmp_path: Path, slow_store: None) -> None:
    app = make_app(tmp_path, seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await start_session(pilot)
        first = screen.card
        await type_keys(pilot, *keys_for(first.question))
        # Enter for the next question, then its answer at once: the answer's key must go to
        # the next question, not to this one's feedback (where 1 changes the rating) or nowhere.
        type_at_once(app, "enter", "1")
        await settle(pilot)
        assert screen.card.number == 2 and screen.session.progress.answered == 2
        assert screen.query_one(FeedbackPanel).display  # the second question's feedback
    with Store.open(tmp_path / "scores") as store:
        assert store.counts()["reviews"] == 2


@pilot_test
async def test_an_answer_typed_as_the_session_starts_goes_to_its_first_question(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Enter on a deck, then the first answer at once: the session takes a while to start
    (slow here, as on a large collection), and the answer waits for its question instead of
    reaching home (where it did nothing, or `t` opened the tag dialog)."""
    import time

    from quiz.tui import calls

    original = calls.start

    def slow_start(*args):  # noqa: ANN002, ANN202
        time.sleep(0.3)
        return original(*args)

    monkeypatch.setattr(calls, "start", slow_start)
    app = make_app(tmp_path, seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "escape")
        type_at_once(app, "enter", "1")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.card.question.format == "choice"
        assert screen.session.progress.answered == 1
        assert screen.query_one(FeedbackPanel).display
    with Store.open(tmp_path / "scores") as store:
        assert store.counts()["reviews"] == 1


@pilot_test
async def test_a_key_pressed_as_home_comes_back_reaches_home(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Leaving a session's summary shows home at once; a key pressed while its fresh counts
    are read (slow here, as on a large collection) reaches home, not the ended session."""
    import time

    from quiz.tui import calls
    from quiz.tui.screens.exam_setup import ExamSetupScreen

    original = calls.home_data

    def slow_home_data(study):  # noqa: ANN001, ANN202
        time.sleep(0.3)
        return original(study)

    app = make_app(tmp_path, seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, StudyScreen)
        await type_keys(pilot, *keys_for(app.screen.card.question))
        await press(pilot, "escape")
        assert shows(pilot, "Session over")
        monkeypatch.setattr(calls, "home_data", slow_home_data)
        type_at_once(app, "enter", "x")
        await settle(pilot)
        assert isinstance(app.screen, ExamSetupScreen)


@pytest.mark.parametrize("step", ["next_card", "answer"])
@pilot_test
async def test_keys_typed_ahead_of_a_store_call_that_fails_leave_its_error_up(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    """The answer (or Enter for the next question) fails in the store while more keys are
    typed: the error stays up for the learner to read; an Enter typed ahead for a question
    that never came must not close it."""
    import time

    from quiz.store import StoreError
    from quiz.tui.screens.error import ErrorScreen

    def failing(*args: object) -> object:
        time.sleep(0.3)
        raise StoreError("disk I/O error")

    app = make_app(tmp_path, seed=7)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        screen = await start_session(pilot)
        answer = keys_for(screen.card.question)
        if step == "next_card":
            await type_keys(pilot, *answer)
        monkeypatch.setattr(study_steps, step, failing)
        type_at_once(app, *(answer if step == "answer" else ["enter"]), "x", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ErrorScreen), type(app.screen).__name__
