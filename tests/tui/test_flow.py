"""The study flow a learner trusts (issue 14) with Pilot: editing a fact in $EDITOR, deck
files changed outside quiz, a damaged score file found at start, one session across decks
and by tag, and the small things (theme remembered, cursor on the deck with cards due, an
empty decks folder)."""

from __future__ import annotations

import asyncio
import sys
from datetime import timedelta
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.containers import Vertical

from quiz.clock import FixedClock
from quiz.tui import QuizApp
from quiz.tui.screens.error import ErrorScreen
from quiz.tui.screens.study import StudyScreen
from quiz.tui.widgets.deck_table import DeckTable
from quiz.tui.widgets.typed import TypedView
from tui.helpers import (START, damage_store, deck_folder, keys_for, make_app, pilot_test, press, season,
                         settle, shows)

SECOND_DECK = """\
title: Space Firsts
id: space
tags: [space]
facts:
  - id: sputnik
    question: In what year was Sputnik launched?
    answer: 1957
    kind: date
    tags: [soviet]
  - id: gagarin
    question: Who was the first person in space?
    answer: Yuri Gagarin
    kind: name
    category: person
    tags: [soviet, people]
  - id: moon
    question: In what year did people first walk on the Moon?
    answer: 1969
    kind: date
"""


def editor_script(tmp_path: Path, replace_with: str) -> str:
    """An $EDITOR that rewrites the question on the line it is sent to (``+LINE FILE``)."""
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys\n"
        "line, path = int(sys.argv[1][1:]), sys.argv[2]\n"
        "text = open(path, encoding='utf-8').read().splitlines(keepends=True)\n"
        "for n in range(line - 1, len(text)):\n"
        "    if text[n].lstrip().startswith(('question:', '- question:')) or 'question:' in text[n]:\n"
        f"        text[n] = text[n].split('question:')[0] + 'question: ' + {replace_with!r} + '\\n'\n"
        "        break\n"
        "open(path, 'w', encoding='utf-8').write(''.join(text))\n", encoding="utf-8")
    return f"{sys.executable} {script}"


@pilot_test
async def test_e_edits_the_fact_in_the_editor_and_a_broken_edit_keeps_the_last_good_deck(
        tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "Which year did Yorktown fall to the allies?"))
    app = make_app(tmp_path, seed=7)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "escape", "enter")
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        first = screen.card
        await press(pilot, "e")
        assert screen.card.fact.id == first.fact.id  # the same card, asked as now written
        assert screen.card.question.prompt != first.question.prompt or \
            screen.card.fact.question == "Which year did Yorktown fall to the allies?"
        assert "Which year did Yorktown fall to the allies?" in \
            (tmp_path / "decks" / "alliance.yaml").read_text(encoding="utf-8")
        # A broken edit: the problems at file:line, and studying goes on with the last good deck.
        monkeypatch.setenv("EDITOR", editor_script(tmp_path, "[unclosed"))
        await press(pilot, "e")
        assert shows(pilot, "does not load after the edit", "YAML syntax error")
        assert any(f"{tmp_path / 'decks' / 'alliance.yaml'}:9:" in p for p in app.screen._problems)
        await press(pilot, "escape")
        assert isinstance(app.screen, StudyScreen)
        await press(pilot, *keys_for(app.screen.card.question))
        assert shows(pilot, "Correct")


@pilot_test
async def test_deck_files_changed_outside_are_picked_up_on_home_and_between_questions(
        tmp_path: Path) -> None:
    app = make_app(tmp_path, "alliance.yaml", "broken.yaml", seed=7)
    folder = tmp_path / "decks"
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "escape")
        assert shows(pilot, "problems in decks that could not be loaded")
        (folder / "broken.yaml").write_text(SECOND_DECK, encoding="utf-8")  # fixed outside
        app._watch_decks()
        await settle(pilot)
        assert shows(pilot, "Space Firsts", "2 decks") and not shows(pilot, "could not be loaded")
        # Between questions: the next question is asked as the file now says.
        await press(pilot, "down", "enter")
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        text = (folder / "broken.yaml").read_text(encoding="utf-8")
        (folder / "broken.yaml").write_text(text.replace("Who was the first person in space?",
                                                         "Who first flew to space?") + "\n",
                                            encoding="utf-8")
        for _ in range(3):
            await press(pilot, *keys_for(screen.card.question), "enter")
            if screen.card.fact.id == "gagarin":
                break
        study = app.study
        assert study is not None and study.library.deck("space").fact("gagarin").question == \
            "Who first flew to space?"


@pilot_test
async def test_a_deck_watch_firing_as_the_app_closes_looks_for_no_screen(
        tmp_path: Path) -> None:
    """Leaving `run_test` closes the app without an exit, its timers and workers running on
    while its screens are taken down: the deck watch, firing once they were gone, asked for
    the screen shown and met ScreenStackError (seen once, under load, at the end of
    `test_every_study_key_bar_fits_at_80x24`)."""
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "escape")  # past the welcome: the decks are watched on home
        assert app.screen is app._home
        close_all = app._close_all

        async def closing_as_the_watch_fires() -> None:
            await close_all()
            assert not app.screen_stack
            await app._watch_decks().wait()  # WorkerFailed if it failed

        app._close_all = closing_as_the_watch_fires  # type: ignore[method-assign]


@pilot_test
async def test_h_then_q_back_to_back_quits_without_an_error(tmp_path: Path) -> None:
    """h then q as one quick sequence: q reaches home and quits while the history screen
    h asked for is being built; the closing app takes it off the stack before its compose,
    and its on_mount, asking for its tabs, raised NoMatches: "quiz: internal error" instead
    of quitting. (The keys go in one event-loop turn apart, as a fast typist's arrive.)"""
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "escape")  # past the welcome
        app.post_message(events.Key("h", "h"))
        await asyncio.sleep(0)
        app.post_message(events.Key("q", "q"))
        for _ in range(100_000):  # event-loop turns, not time: until q is handled
            await asyncio.sleep(0)
            if app.return_code is not None:
                break
    assert app.return_code == 0  # quit, not "internal error" (run_test re-raises one too)


@pilot_test
async def test_an_answer_field_mounted_as_its_screen_closes_raises_nothing() -> None:
    """The study screen's case made certain: q pressed as the first question shows, while
    the other formats' views mount, closed a typed-answer view before its compose (the
    flaky end of `test_history_result_crams_exactly_those_cards` under load). Mounted into
    a part of the screen removed in the same turn, it gets its Mount without its children
    (Textual mounts none into a widget being removed); it must not ask for its field then."""

    class Body(App[None]):
        def compose(self) -> ComposeResult:
            yield Vertical(id="body")

    app = Body()
    async with app.run_test() as pilot:
        body = app.query_one("#body", Vertical)
        body.mount(TypedView())
        await body.remove()
        await pilot.pause()
    assert app.return_code in (0, None)  # run_test re-raises an error in a handler


@pilot_test
async def test_a_damaged_score_file_shows_its_screen_before_the_first_question(tmp_path: Path) -> None:
    scores = tmp_path / "scores"
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:  # makes the score file
        await settle(pilot)
    damage_store(scores)
    app = make_app(tmp_path, deck="alliance")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ErrorScreen)
        assert not any(isinstance(s, StudyScreen) for s in app.screen_stack)
        assert shows(pilot, "The score file is damaged", "quiz restore", "quiz doctor --fresh")
        await press(pilot, "enter")
    assert app.return_code == 1


@pilot_test
async def test_one_session_across_decks_and_by_tag(tmp_path: Path) -> None:
    deck_folder(tmp_path)
    (tmp_path / "decks" / "space.yaml").write_text(SECOND_DECK, encoding="utf-8")
    app = QuizApp(decks_dir=tmp_path / "decks", scores_dir=tmp_path / "scores",
                  clock=FixedClock(START), seed=7)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "escape", "a")  # every deck, one session
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        assert shows(pilot, "10 new") and set(screen.session.deck_ids) == {"alliance", "space"}
        await press(pilot, "escape", "enter")
        await press(pilot, "t")
        assert shows(pilot, "Study by tag", "people", "soviet", "space")
        await press(pilot, *"soviet", "enter")
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        assert shows(pilot, "2 new")  # sputnik and gagarin
        asked = set()
        while isinstance(app.screen, StudyScreen):
            asked.add(app.screen.card.fact.id)
            await press(pilot, *keys_for(app.screen.card.question), "enter")
        assert asked == {"sputnik", "gagarin"}


@pilot_test
async def test_the_theme_is_remembered_and_the_cursor_starts_on_a_deck_with_cards_due(
        tmp_path: Path) -> None:
    clock = FixedClock(START)
    deck_folder(tmp_path)
    season(tmp_path, clock)
    clock.advance(timedelta(days=120))  # the alliance's cards are due; the new deck has none
    (tmp_path / "decks" / "aaa.yaml").write_text(SECOND_DECK.replace("id: space", "id: aaa"))
    app = QuizApp(decks_dir=tmp_path / "decks", scores_dir=tmp_path / "scores", clock=clock, seed=7)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DeckTable)
        assert table._ids[0] == "aaa" and table.deck_id == "alliance"
        app.theme = "gruvbox"
        await settle(pilot)
    again = QuizApp(decks_dir=tmp_path / "decks", scores_dir=tmp_path / "scores",
                    clock=FixedClock(START), seed=7)
    assert again.theme == "gruvbox"
