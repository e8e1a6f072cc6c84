"""Shared by the Pilot tests and the snapshot tests: a fixed clock, a deck folder and score
folder in ``tmp_path``, the app built by its one factory, and waiting without sleeping."""

from __future__ import annotations

import asyncio
import functools
import shutil
import sqlite3
import threading
from collections.abc import Callable, Coroutine
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.worker import WorkerCancelled, WorkerState

from quiz.clock import FixedClock
from quiz.questions import Question
from quiz.tui import QuizApp
from quiz.tui.screens.study import StudyScreen

DATA = Path(__file__).resolve().parents[1] / "data"
START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
"""A Monday morning, UTC: every test's clock starts here."""


def pilot_test(test: Callable[..., Coroutine[object, object, None]]) -> Callable[..., None]:
    """Run an async Pilot test in its own event loop (no async plugin is installed)."""

    @functools.wraps(test)
    def run(*args: object, **kwargs: object) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


def hold(monkeypatch: pytest.MonkeyPatch, name: str) -> threading.Event:
    """Make the store thread's call `quiz.tui.calls` ``name`` wait until the event returned
    is set (30 s at most), then run as before: the decks open, or a session starts, as
    slowly as the test says."""
    from quiz.tui import calls

    gate = threading.Event()
    call = getattr(calls, name)

    def held(*args: object) -> object:
        gate.wait(30)
        return call(*args)

    monkeypatch.setattr(calls, name, held)
    return gate


def screens_drawn(app: QuizApp) -> list[str]:
    """The list, filled as ``app`` draws, of the screen class each frame showed (through
    `App._display`, Textual's one exit for frames, as bench/common.watch_frames)."""
    frames: list[str] = []
    display = app._display

    def drawn(screen: object, update: object) -> None:
        if update is not None:
            frames.append(type(screen).__name__)
        display(screen, update)  # type: ignore[arg-type]

    app._display = drawn  # type: ignore[method-assign]
    return frames


def deck_folder(tmp_path: Path, *names: str) -> Path:
    """A decks folder in ``tmp_path`` holding copies of ``tests/data`` decks."""
    folder = tmp_path / "decks"
    folder.mkdir(exist_ok=True)
    for name in names or ("alliance.yaml",):
        shutil.copy(DATA / name, folder / name)
    return folder


def make_app(tmp_path: Path, *names: str, clock: FixedClock | None = None,
             **options: object) -> QuizApp:
    """The app over a fresh deck folder and score folder in ``tmp_path``, with a fixed clock."""
    return QuizApp(decks_dir=deck_folder(tmp_path, *names), scores_dir=tmp_path / "scores",
                   clock=clock or FixedClock(START), **options)  # type: ignore[arg-type]


async def settle(pilot: Pilot) -> None:
    """Wait until no worker is pending or running, every message is handled and the study
    screen waits for nothing (no fixed sleeps).

    `Pilot.pause` judges "handled" by the process going idle, which a loaded machine fakes
    (the process is not idle, only not scheduled): a key's message chain may then still be
    on its way, its worker not even created. So this also waits for the screen's own word.
    """
    app = pilot.app
    for _ in range(200):
        await pilot.pause()
        busy = [w for w in app.workers if w.state in (WorkerState.PENDING, WorkerState.RUNNING)]
        if not busy and not getattr(app.screen, "waiting", False):
            return
        if busy:
            try:
                await app.workers.wait_for_complete(busy)
            except WorkerCancelled:  # a worker replaced by a newer one of its group
                pass


async def press(pilot: Pilot, *keys: str) -> None:
    """Press keys in turn (`Pilot.press`), then let the app settle (workers done, redrawn)."""
    await pilot.press(*keys)
    await settle(pilot)


async def start_session(pilot: Pilot) -> StudyScreen:
    """Press Enter where it starts a session (home's highlighted deck, a setup dialog) and
    return the study screen it brings up."""
    await press(pilot, "enter")
    screen = pilot.app.screen
    assert isinstance(screen, StudyScreen)
    return screen


async def type_keys(pilot: Pilot, *keys: str) -> None:
    """Like `press`, but typed characters go in at typing speed.

    `Pilot.press` waits for the process to go idle after every key (tens of milliseconds);
    a long answer typed that way takes seconds. Single characters are queued here as key
    events at once (handled in order, as a fast typist's would be); named keys such as
    ``enter`` still go through `Pilot.press`.
    """
    app = pilot.app
    for key in keys:
        if len(key) == 1:
            event = events.Key(_character_to_key(key), key)
            event.set_sender(app)
            app.post_message(event)
        else:
            await pilot.press(key)
    await settle(pilot)


def screen_text(pilot: Pilot) -> str:
    """What the terminal shows now, as plain text lines."""
    # The compositor's strips are exactly what is drawn (modal dialogs included).
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join(strip.text.rstrip() for strip in strips)


def right_response(question: Question) -> object:
    """The right answer to ``question`` in the form `Session.answer` takes."""
    if question.format in ("choice", "truefalse"):
        return question.correct_index
    if question.format == "order":
        return list(question.solution)
    if question.format == "match":
        return [(name, fact) for name, fact in enumerate(question.solution)]
    return question.answer


def type_at_once(app: QuizApp, *keys: str) -> None:
    """Keys pressed faster than the app answers them: queued at once, no waiting between."""
    for key in keys:
        character = key if len(key) == 1 else None
        event = events.Key(key, character)
        event.set_sender(app)
        app.post_message(event)


def keys_for(question: Question, right: bool = True) -> list[str]:
    """The keys a learner presses to answer ``question`` (rightly, or wrongly) on screen."""
    if question.format in ("choice", "truefalse"):
        assert question.correct_index is not None
        index = question.correct_index if right else (question.correct_index + 1) % len(question.options)
        if question.format == "truefalse":
            return ["t" if index == 0 else "f"]
        return [str(index + 1)]
    if question.format in ("recall", "cloze"):
        text = question.answer if right else "no idea"
        return [*text, "enter"]
    if question.format == "order":
        target = list(question.solution) if right else list(reversed(question.solution))
        return _order_keys(len(question.options), target)
    # match: the view numbers the facts and letters the names; a letter pairs the highlighted
    # fact and moves on to the next one.
    names = {fact: name for name, fact in enumerate(question.solution)}
    letters = [chr(ord("a") + names[fact]) for fact in range(len(question.items))]
    if not right:
        letters = letters[1:] + letters[:1]
    return [*letters, "enter"]


def _order_keys(size: int, target: list[int]) -> list[str]:
    """Cursor moves and Shift+↑ that turn the order 0..size-1 into ``target``."""
    order = list(range(size))
    cursor = 0
    keys: list[str] = []
    for place, item in enumerate(target):
        where = order.index(item)
        keys += ["down"] * (where - cursor) if where >= cursor else ["up"] * (cursor - where)
        cursor = where
        while cursor > place:
            keys.append("shift+up")
            order[cursor - 1], order[cursor] = order[cursor], order[cursor - 1]
            cursor -= 1
    return [*keys, "enter"]


def season(tmp_path: Path, clock: FixedClock, deck: str = "alliance", seed: int = 7) -> None:
    """Study every card of ``deck`` once through the service, rated Easy, day after day
    (related cards wait for another day) so that after a week and more the cards come
    back in the recall formats (recall, cloze, order); ``clock`` ends on the last day."""
    from quiz.study import Study

    study = Study.open(tmp_path / "decks", tmp_path / "scores", clock)
    try:
        for _day in range(30):
            session = study.start([deck], "study", seed=seed)
            while (card := session.next()) is not None:
                session.answer(right_response(card.question), 4000)
                session.override(4)
            session.finish()
            (row,) = (r for r in study.overview() if r.deck_id == deck)
            if row.seen >= row.total:
                break
            clock.advance(timedelta(days=1))
    finally:
        study.close()


def seasoned_app(tmp_path: Path, **options: object) -> QuizApp:
    """The app over ``tmp_path`` ten days after every card was learned (`season`): the
    recall formats come up."""
    clock = FixedClock(START)
    deck_folder(tmp_path)
    season(tmp_path, clock)
    clock.advance(timedelta(days=10))
    return make_app(tmp_path, clock=clock, **options)


BORDERS = str.maketrans("", "", "█▌▐▊▎▍▋▏")


def flat(text: str) -> str:
    """Text with panel borders dropped and every run of whitespace made one space."""
    return " ".join(text.translate(BORDERS).split())


def shows(pilot: Pilot, *texts: str) -> bool:
    """Whether the screen shows every one of ``texts`` (line wrapping ignored)."""
    screen = flat(screen_text(pilot))
    return all(flat(text) in screen for text in texts)


def shows_unbroken(pilot: Pilot, text: str) -> bool:
    """Whether the screen shows ``text``, even broken mid-word over lines (paths in toasts)."""
    return "".join(text.split()) in "".join(flat(screen_text(pilot)).split())


def damage_store(scores: Path) -> None:
    """Overwrite pages in the middle of the score file, as a failing disk would."""
    path = scores / "quiz.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("CREATE TABLE filler (x)")
        conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 3000,)] * 60)
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    middle = len(data) // page // 2
    for n in range(middle, middle + 3):
        data[n * page:(n + 1) * page] = b"\x5a" * page
    path.write_bytes(bytes(data))
