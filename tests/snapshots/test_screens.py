"""Snapshots of every screen and state of the study app at 80×24, and home and study at 120×40.

Deterministic: a fixed clock, seeded questions, data in a temporary folder given by a
relative path (no machine-specific path on screen), no cursor blink (headless). Review the
report (`pytest tests/snapshots` writes snapshot_report.html on failure) before updating
with ``--snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot

from quiz.clock import FixedClock
from quiz.store import Store
from quiz.tui import QuizApp
from quiz.tui.screens.study import StudyScreen
from tui.helpers import START, damage_store, deck_folder, keys_for, press, season, settle, type_keys

SMALL = (80, 24)
LARGE = (120, 40)
Before = Callable[[Pilot], Awaitable[None]]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work inside ``tmp_path`` so that paths on screen are short and the same on every run."""
    monkeypatch.chdir(tmp_path)
    return Path(".")


def app_in(folder: Path, *decks: str, clock: FixedClock | None = None, seed: int = 7,
           **options: object) -> QuizApp:
    """The app over ``decks`` copied into ``folder``/decks, scores in ``folder``/scores."""
    deck_folder(folder, *decks)
    return QuizApp(decks_dir=folder / "decks", scores_dir=folder / "scores",
                   clock=clock or FixedClock(START), seed=seed, **options)  # type: ignore[arg-type]


FORMAT_SEEDS = {"match": 2, "order": 2}
"""Related cards wait for another day, so the alliance deck's day holds one name card and
one date card: seeds under which those come as a match and an order question."""


def keys(*pressed: str) -> Before:
    """A ``run_before`` that settles, then presses keys."""

    async def run(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, *pressed)

    return run


def until(format: str, *, then: tuple[str, ...] = (), start: tuple[str, ...] = ("enter",)) -> Before:
    """Start a session, answer rightly until a question of ``format`` is on screen, then
    press ``then`` (keys_for gives the keys that answer it: use ``("answer",)``)."""

    async def run(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, *start)
        for _ in range(40):
            screen = pilot.app.screen
            assert isinstance(screen, StudyScreen)
            question = screen.card.question
            if question.format == format:
                break
            await type_keys(pilot, *keys_for(question))
            await press(pilot, "enter")
        else:  # pragma: no cover - the seeded session always reaches every format
            raise AssertionError(f"no {format} question in the session")
        for key in then:
            if key == "answer":
                await type_keys(pilot, *keys_for(question))
            elif key == "wrong":
                await type_keys(pilot, *keys_for(question, right=False))
            else:
                await press(pilot, key)
        # The study screen scrolls its feedback into view after the next refresh
        # (call_after_refresh): let that refresh happen before the picture is taken.
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    return run


def seasoned(folder: Path) -> FixedClock:
    """A store where every card was learned ten days ago: the recall formats come up."""
    clock = FixedClock(START)
    deck_folder(folder)
    season(folder, clock)
    clock.advance(timedelta(days=10))
    return clock


# -- home -------------------------------------------------------------------------------


def test_welcome(here: Path, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(app_in(here), terminal_size=SMALL, run_before=keys())


def test_home(here: Path, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(app_in(here), terminal_size=SMALL, run_before=keys("escape"))


def test_home_large(here: Path, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(app_in(here, "alliance.yaml", "broken.yaml"), terminal_size=LARGE,
                        run_before=keys("escape"))


def test_home_with_deck_errors(here: Path, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(app_in(here, "alliance.yaml", "broken.yaml"), terminal_size=SMALL,
                        run_before=keys("escape"))


def test_deck_errors_panel(here: Path, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(app_in(here, "alliance.yaml", "broken.yaml"), terminal_size=SMALL,
                        run_before=keys("escape", "p"))


def test_no_decks(here: Path, snap_compare: Callable[..., bool]) -> None:
    (here / "decks").mkdir()
    app = QuizApp(decks_dir=here / "decks", scores_dir=here / "scores", clock=FixedClock(START))
    assert snap_compare(app, terminal_size=SMALL, run_before=keys())


def test_help(here: Path, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(app_in(here), terminal_size=SMALL, run_before=keys("escape", "question_mark"))


def test_settings(here: Path, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(app_in(here), terminal_size=SMALL, run_before=keys("escape", "s"))


def test_exam_setup(here: Path, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(app_in(here), terminal_size=SMALL, run_before=keys("escape", "x"))


def test_nothing_due(here: Path, snap_compare: Callable[..., bool]) -> None:
    clock = seasoned(here)
    clock.set(START + timedelta(hours=2))
    app = QuizApp(decks_dir=here / "decks", scores_dir=here / "scores", clock=clock, seed=7)
    assert snap_compare(app, terminal_size=SMALL, run_before=keys("enter"))


# -- study: each format, feedback, summary ------------------------------------------------


@pytest.mark.parametrize("format", ["choice", "truefalse", "match"])
def test_recognition_question(format: str, here: Path, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(app_in(here, seed=FORMAT_SEEDS.get(format, 7)), terminal_size=SMALL,
                        run_before=until(format))


@pytest.mark.parametrize("format", ["recall", "cloze", "order"])
def test_recall_question(format: str, here: Path, snap_compare: Callable[..., bool]) -> None:
    clock = seasoned(here)
    app = QuizApp(decks_dir=here / "decks", scores_dir=here / "scores", clock=clock,
                  seed=FORMAT_SEEDS.get(format, 7))
    assert snap_compare(app, terminal_size=SMALL, run_before=until(format))


def test_typing_an_answer(here: Path, snap_compare: Callable[..., bool]) -> None:
    clock = seasoned(here)
    app = QuizApp(decks_dir=here / "decks", scores_dir=here / "scores", clock=clock, seed=7)
    assert snap_compare(app, terminal_size=SMALL,
                        run_before=until("recall", then=("1", "7", "7", "9")))


def test_feedback_right(here: Path, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(app_in(here), terminal_size=SMALL,
                        run_before=until("choice", then=("answer",)))


def test_feedback_wrong_typed(here: Path, snap_compare: Callable[..., bool]) -> None:
    clock = seasoned(here)
    app = QuizApp(decks_dir=here / "decks", scores_dir=here / "scores", clock=clock, seed=7)
    assert snap_compare(app, terminal_size=SMALL, run_before=until("recall", then=("wrong",)))


def test_feedback_rating_changed(here: Path, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(app_in(here), terminal_size=SMALL,
                        run_before=until("truefalse", then=("answer", "4")))


def test_feedback_order(here: Path, snap_compare: Callable[..., bool]) -> None:
    clock = seasoned(here)
    app = QuizApp(decks_dir=here / "decks", scores_dir=here / "scores", clock=clock,
                  seed=FORMAT_SEEDS["order"])
    assert snap_compare(app, terminal_size=SMALL, run_before=until("order", then=("wrong",)))


def test_study_large(here: Path, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(app_in(here), terminal_size=LARGE,
                        run_before=until("choice", then=("wrong",)))


def test_exam_question(here: Path, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(app_in(here, deck="alliance", exam=5), terminal_size=SMALL,
                        run_before=keys())


def test_summary(here: Path, snap_compare: Callable[..., bool]) -> None:
    async def run(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, "enter")
        for turn in range(5):
            screen = pilot.app.screen
            assert isinstance(screen, StudyScreen)
            await type_keys(pilot, *keys_for(screen.card.question, right=turn % 2 == 0))
            await press(pilot, "enter")
        await press(pilot, "escape")

    assert snap_compare(app_in(here), terminal_size=SMALL, run_before=run)


def test_feedback_match(here: Path, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(app_in(here, seed=FORMAT_SEEDS["match"]), terminal_size=SMALL,
                        run_before=until("match", then=("wrong",)))


def test_exam_summary(here: Path, snap_compare: Callable[..., bool]) -> None:
    async def run(pilot: Pilot) -> None:
        await settle(pilot)
        for turn in range(3):
            screen = pilot.app.screen
            assert isinstance(screen, StudyScreen)
            await type_keys(pilot, *keys_for(screen.card.question, right=turn != 1))
            await press(pilot, "enter")
        await press(pilot, "escape")

    assert snap_compare(app_in(here, deck="alliance", exam=5), terminal_size=SMALL, run_before=run)


# -- the deck browser and the damaged-file screen -------------------------------------------


def test_deck_browser(here: Path, snap_compare: Callable[..., bool]) -> None:
    async def run(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, "escape", "d")
        await press(pilot, "down", "s", "space", "space")  # one suspended, two marked

    assert snap_compare(app_in(here), terminal_size=SMALL, run_before=run)


def test_damaged_file(here: Path, snap_compare: Callable[..., bool]) -> None:
    deck_folder(here)
    Store.open(here / "scores", FixedClock(START)).close()  # a score file as quiz makes it
    damage_store(here / "scores")
    app = QuizApp(decks_dir=here / "decks", scores_dir=here / "scores", clock=FixedClock(START),
                  seed=7, deck="alliance")
    assert snap_compare(app, terminal_size=SMALL, run_before=keys())
