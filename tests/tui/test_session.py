"""Whole sessions through the real store: every question format, answered with keys, and what
the screen shows after each key."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from quiz.clock import FixedClock
from quiz.store import Store
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.study import VIEWS, StudyScreen
from quiz.tui.screens.summary import SummaryScreen
from quiz.tui.widgets.base import QuestionView
from quiz.tui.widgets.feedback import FeedbackPanel
from quiz.tui.widgets.status import left_text
from tui.helpers import (START, deck_folder, keys_for, make_app, pilot_test, press, season,
                         settle, shows, shows_unbroken, start_session, type_keys)


def left(progress) -> str:  # noqa: ANN001
    """What the status line says is left."""
    return left_text(progress).plain


async def _walk(pilot, wrong_every: int = 0) -> dict[str, int]:  # noqa: ANN001
    """Answer every card of the session on screen, checking the screen after each key."""
    app = pilot.app
    formats: dict[str, int] = {}
    turn = 0
    while isinstance(app.screen, StudyScreen):
        screen = app.screen
        card = screen.card
        question = card.question
        formats[question.format] = formats.get(question.format, 0) + 1
        assert shows(pilot, question.prompt, f"question {card.number}")
        for option in question.options:
            assert shows(pilot, option)
        before = screen.session.progress
        assert shows(pilot, left(before), f"score {before.score}")
        turn += 1
        right = not (wrong_every and turn % wrong_every == 0)
        await type_keys(pilot, *keys_for(question, right))
        after = screen.session.progress
        assert after.answered == before.answered + 1
        verdict = "Correct" if right else "Wrong"
        assert shows(pilot, f"score {after.score}")
        if question.format in ("match", "order"):
            # one ✓ or ✗ per pair or position, with the right one beside it
            items = screen.query_one(FeedbackPanel).outcome.items
            assert len(items) == len(question.items)
            assert all(i.ok for i in items) == right
            assert shows(pilot, *(i.right for i in items), "✓" if right else "✗")
        else:
            assert shows(pilot, verdict, f"Answer: {question.answer}")
            if card.fact.explain:
                assert shows(pilot, f"Why: {card.fact.explain}")
        await press(pilot, "enter")
    return formats


@pilot_test
async def test_a_first_session_asks_each_recognition_format(tmp_path: Path) -> None:
    app = make_app(tmp_path, seed=2)  # a seed whose one name card of the day comes as a match
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        assert shows(pilot, "Welcome to quiz", "The Franco-American Alliance (11 cards)")
        await press(pilot, "enter")
        assert isinstance(app.screen, StudyScreen)
        assert shows(pilot, "7 new · 0 learning · 0 due", "score 0", "new · question 1")
        formats = await _walk(pilot, wrong_every=4)
        assert set(formats) == {"choice", "truefalse", "match"}
        assert isinstance(app.screen, SummaryScreen)
        assert shows(pilot, "Session over", "Accuracy", "Missed", "By format:", "Next review: due")
        answered = sum(formats.values())
        await press(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)
        assert shows(pilot, "The Franco-American", "today")
    with Store.open(tmp_path / "scores") as store:
        assert store.counts()["reviews"] == answered


@pilot_test
async def test_every_answering_widget_is_ready_once_the_first_question_is_drawn(
        tmp_path: Path) -> None:
    """The other formats' widgets are mounted, hidden, while the first question is read: a
    format's first question then only shows its widget (mounted on Enter, a frame of the empty
    widget under the old question was drawn first)."""
    app = make_app(tmp_path, seed=2)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = await start_session(pilot)
        views = list(screen.query(QuestionView))
        assert sorted(v.id for v in views) == ["choice", "match", "order", "truefalse", "typed"]
        assert all(v.is_mounted for v in views)
        assert [v.id for v in views if v.display] == [VIEWS[screen.card.question.format][0]]
        assert set(await _walk(pilot)) == {"choice", "truefalse", "match"}


@pilot_test
async def test_a_later_session_asks_the_recall_formats(tmp_path: Path) -> None:
    clock = FixedClock(START)
    deck_folder(tmp_path)
    season(tmp_path, clock)
    clock.advance(timedelta(days=10))
    app = make_app(tmp_path, clock=clock, seed=2)  # a seed whose one date card of the day is an order
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        assert not shows(pilot, "Welcome")
        await press(pilot, "enter")
        formats = await _walk(pilot, wrong_every=3)
        assert {"recall", "cloze", "order"} <= set(formats)  # wrong answers come back as recognition
        assert isinstance(app.screen, SummaryScreen)
        assert shows(pilot, "Score", "Missed")


@pilot_test
async def test_the_rating_can_be_changed_and_the_answer_undone(tmp_path: Path) -> None:
    app = make_app(tmp_path, seed=7)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        screen = await start_session(pilot)
        first = screen.card
        await press(pilot, *keys_for(first.question))
        assert shows(pilot, "1 Again", "2 Hard", "3 Good", "4 Easy")
        await press(pilot, "4")
        panel = screen.query_one(FeedbackPanel)
        assert panel.outcome is not None and panel.outcome.rating == 4
        await press(pilot, "u")
        assert screen.card.fact.id == first.fact.id
        assert screen.session.progress.answered == 0
        assert shows(pilot, "0/0 right", "score 0")
        await press(pilot, *keys_for(first.question, right=False))
        assert shows(pilot, "Wrong", "0/1 right")
        await press(pilot, "q")
    with Store.open(tmp_path / "scores") as store:
        assert store.counts()["reviews"] == 1  # the undone answer is gone, the second kept


@pilot_test
async def test_suspend_bury_and_edit(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)  # no editor: `e` says where the fact is
    app = make_app(tmp_path, seed=7)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        screen = await start_session(pilot)
        first = screen.card
        await press(pilot, "e")
        assert shows(pilot, "Set $VISUAL or $EDITOR")
        assert shows_unbroken(pilot, f"alliance.yaml:{first.fact.line}")
        await press(pilot, "s")
        assert shows(pilot, "Card suspended")
        assert screen.card.fact.id != first.fact.id
        assert shows(pilot, "6 new")
        second = screen.card
        await press(pilot, "b")
        assert shows(pilot, "Card buried until tomorrow")
        assert screen.card.fact.id != second.fact.id
        assert shows(pilot, "5 new")


@pilot_test
async def test_quitting_mid_session_keeps_every_answer(tmp_path: Path) -> None:
    app = make_app(tmp_path, seed=7)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        screen = await start_session(pilot)
        for _ in range(2):
            await press(pilot, *keys_for(screen.card.question), "enter")
        await pilot.press(*keys_for(screen.card.question))
        await pilot.press("ctrl+c")  # at once, while the answer may still be on its way
        await settle(pilot)
    assert app.return_code == 0
    with Store.open(tmp_path / "scores") as store:
        assert store.counts()["reviews"] == 3
        assert store.sessions(limit=1)[0].answered == 3


@pilot_test
async def test_nothing_due_says_when_and_offers_cram(tmp_path: Path) -> None:
    clock = FixedClock(START)
    deck_folder(tmp_path)
    season(tmp_path, clock)
    clock.advance(timedelta(hours=2))
    app = make_app(tmp_path, clock=clock, seed=7)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        assert shows(pilot, "Nothing due in The Franco-American Alliance", "The next card is due in")
        await press(pilot, "c")
        assert isinstance(app.screen, StudyScreen)
        assert shows(pilot, "cram (schedule untouched)", "0 of 11 answered")
        await press(pilot, "escape")
        assert isinstance(app.screen, SummaryScreen)
        assert shows(pilot, "(cram)")


@pilot_test
async def test_an_exam_asks_the_number_chosen(tmp_path: Path) -> None:
    app = make_app(tmp_path, seed=7)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "escape", "x")
        assert shows(pilot, "Questions (1–11)", "11 questions in 10 minutes")
        await press(pilot, "backspace", "backspace", "0", "enter")
        assert shows(pilot, "Questions: give a whole number from 1 to 11")
        await press(pilot, "backspace", "3", "tab", "backspace", "backspace", "5")
        assert shows(pilot, "3 questions in 5 minutes")
        screen = await start_session(pilot)
        assert shows(pilot, "exam (schedule untouched)", "0 of 3 answered", "5:00 left")
        assert not shows(pilot, "Undo")  # no undo key on the bar in an exam
        await press(pilot, *keys_for(screen.card.question, right=False))
        assert shows(pilot, "Wrong", "1 of 3 answered") and not shows(pilot, "1 Again", "u undo")
        await press(pilot, "u")  # an exam's answers are final
        assert shows(pilot, "No undo in an exam") and screen.session.progress.answered == 1
        assert screen.query_one(FeedbackPanel).display  # still the feedback: no second try
        await press(pilot, "enter")
        await press(pilot, *keys_for(screen.card.question), "enter")
        await press(pilot, "escape")  # ended with one question unanswered
        assert isinstance(app.screen, SummaryScreen)
        assert shows(pilot, "(exam)", "Answered: 2 of 3", "1 left unanswered", "1 right")


@pilot_test
async def test_the_screen_follows_a_resize_at_any_moment(tmp_path: Path) -> None:
    app = make_app(tmp_path, seed=7)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        screen = await start_session(pilot)
        question = screen.card.question
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert shows(pilot, question.prompt, "7 new")
        await press(pilot, *keys_for(question))
        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert shows(pilot, "Correct", "Enter next")


@pilot_test
async def test_opening_on_a_deck_backs_up_after_its_first_question(tmp_path: Path) -> None:
    from quiz.store.backup import list_backups

    app = make_app(tmp_path, deck="alliance", seed=7)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StudyScreen)
    assert list_backups(tmp_path / "scores") == []  # a new learner's file holds nothing yet
    with Store.open(tmp_path / "scores", FixedClock(START)) as store:
        session = store.start_session("study", ["alliance"])
        store.record_answer(session, ("alliance", "x", 0), format="recall", prompt="p",
                            verdict="correct", duration_ms=900)
    app = make_app(tmp_path, deck="alliance", seed=7)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StudyScreen)
        assert len(list_backups(tmp_path / "scores")) == 1  # today's, made once


PRESIDENTS = """\
title: Presidents
id: presidents
facts:
  - id: two-terms
    question: Which two U.S. presidents served two full terms between 1990 and 2010?
    answer: [George W. Bush, Bill Clinton]
"""


@pilot_test
async def test_a_typed_list_says_which_piece_is_wrong_and_why(tmp_path: Path) -> None:
    """The feedback of a typed list names what is wrong with each piece: here George H.W.
    Bush, another person, and Clinton, a surname the deck (no `category: person`) does not
    take alone — not "Clinton is not one of them"."""
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "presidents.yaml").write_text(PRESIDENTS, encoding="utf-8")
    clock = FixedClock(START)
    season(tmp_path, clock, deck="presidents")
    clock.advance(timedelta(days=30))
    app = make_app(tmp_path, clock=clock, seed=7, deck="presidents")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.card.question.format == "recall"
        await type_keys(pilot, *"Clinton and George H.W. Bush", "enter")
        assert shows(pilot, "Wrong", "George H.W. Bush is not George W. Bush, and Clinton is only "
                                     "part of Bill Clinton")
        assert not shows(pilot, "is not one of them")
