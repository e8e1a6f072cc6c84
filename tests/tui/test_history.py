"""The history screen with Pilot: an empty store, and a year of reviews written straight into
the store (deterministic from a seed), shown in a tiny app of its own."""

from __future__ import annotations

import asyncio
import json
import random
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pytest
from textual.app import App

from quiz.clock import FixedClock, to_ms
from quiz.locations import database_path
from quiz.store import Store
from quiz.study import Study
from quiz.tui.screens.history import HistoryResult, HistoryScreen
from quiz.tui.screens.session_detail import SessionDetailScreen
from tui.helpers import pilot_test, press, settle, shows

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
"""A Monday morning, UTC."""

FACTS = ("amity-treaty", "yorktown", "treaty-paris", "louisiana", "statue", "lafayette",
         "franklin", "rochambeau", "bartholdi", "louisiana-price", "statue-gift")
OPTIONS = ("(the answer)", "1776", "1789", "1812")
"""Every choice question's options: the right one first, then three wrong years."""
DAY = 86_400_000


@dataclass
class _Card:
    """A seeded card's schedule as the simulation goes."""

    state: int = 0
    stability: float | None = None
    last: int | None = None
    lapses: int = 0
    reps: int = 0

    def stored(self) -> dict[str, object]:
        return {"state": self.state, "step": None, "stability": self.stability,
                "difficulty": 5.0 if self.state else None, "due": None,
                "last_review": self.last, "reps": self.reps, "lapses": self.lapses}


def seed_year(scores: Path, seed: int = 3) -> None:
    """Fill the store in ``scores`` with a year of study, cram and exam sessions.

    One session a day at 07:00 UTC (six days in ten, and every day of the last week, so
    there is a current streak), 6–14 answers each; study answers move a simple schedule
    (stability doubles on a pass and halves on a lapse), cram and exam answers do not.
    """
    Store.open(scores, FixedClock(NOW)).close()
    rng = random.Random(seed)
    conn = sqlite3.connect(database_path(scores), isolation_level=None)
    conn.execute("BEGIN")
    cards: dict[str, _Card] = {}
    for back in range(364, -1, -1):
        if back > 6 and rng.random() < 0.35:
            continue  # a day off
        start = to_ms(NOW) - back * DAY - 2 * 3_600_000
        mode = "study" if back % 9 else ("cram" if back % 2 else "exam")
        session = conn.execute(
            "INSERT INTO sessions (mode, decks, started_at) VALUES (?, ?, ?)",
            (mode, json.dumps(["alliance"]), start)).lastrowid
        counts = {"correct": 0, "close": 0, "wrong": 0}
        points = 0
        for n in range(rng.randint(6, 14)):
            at = start + n * 30_000
            fact = rng.choice(FACTS)
            card = cards.get(fact, _Card())
            verdict = rng.choices(("correct", "close", "wrong"), (75, 8, 17))[0]
            rating = {"correct": 3, "close": 2, "wrong": 1}[verdict]
            format_ = ("choice", "truefalse", "recall", "cloze")[n % 4]
            before = card.stored()
            if mode == "study":
                card = _Card(2, (card.stability or 1.0) * (0.5 if rating == 1 else 2.0), at,
                             card.lapses + (card.state == 2 and rating == 1), card.reps + 1)
                cards[fact] = card
            after = card.stored() if mode == "study" else before
            chosen = None
            if format_ == "choice":
                chosen = json.dumps(0 if verdict == "correct" else rng.choice((1, 2, 3)))
            gained = {"correct": 4, "close": 2, "wrong": 0}[verdict]
            conn.execute(
                "INSERT INTO reviews (reviewed_at, session_id, mode, deck_id, fact_id, blank, "
                "format, prompt, options, response, chosen, verdict, suggested, rating, "
                "duration_ms, retention, state_from, state_to, before, after, points) "
                "VALUES (?, ?, ?, 'alliance', ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0.9, ?, ?, ?, ?, ?)",
                (at, session, mode, fact, format_, f"Question about {fact}?",
                 json.dumps(OPTIONS) if format_ == "choice" else None,
                 None if format_ == "choice" else "1778", chosen, verdict, rating, rating,
                 2000 + 100 * n, before["state"], after["state"], json.dumps(before),
                 json.dumps(after), gained))
            counts[verdict] += 1
            points += gained
        answered = sum(counts.values())
        score = round(100 * (counts["correct"] + counts["close"] / 2) / answered, 1)
        conn.execute(
            "UPDATE sessions SET ended_at = ?, answered = ?, correct = ?, close = ?, wrong = ?, "
            "best_streak = 3, score = ?, points = ? WHERE id = ?",
            (start + answered * 30_000, answered, counts["correct"], counts["close"],
             counts["wrong"], score, points, session))
        for metric, value in (("score", score), ("points", points), ("answered", answered),
                              ("streak", 3)):
            conn.execute(
                "INSERT INTO bests (deck_key, mode, metric, value, session_id, achieved_at) "
                "VALUES ('alliance', ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
                "value = excluded.value, session_id = excluded.session_id, "
                "achieved_at = excluded.achieved_at WHERE excluded.value > bests.value",
                (mode, metric, value, session, start))
    for fact, card in cards.items():
        assert card.last is not None
        conn.execute(
            "INSERT INTO cards (deck_id, fact_id, blank, state, stability, difficulty, due, "
            "last_review, reps, lapses) VALUES ('alliance', ?, 0, 2, ?, 5.0, ?, ?, ?, ?)",
            (fact, card.stability, card.last + (3 + len(fact) % 20) * DAY, card.last,
             card.reps, card.lapses))
    conn.execute("COMMIT")
    conn.close()


class HistoryApp(App[HistoryResult]):
    """Opens a `Study` on the given folders and shows only the history screen."""

    def __init__(self, decks: Path, scores: Path, clock: FixedClock | None = None) -> None:
        super().__init__()
        self.study = Study.open(decks, scores, clock or FixedClock(NOW))
        self.result: HistoryResult = None

    def on_mount(self) -> None:
        def done(result: HistoryResult) -> None:
            self.result = result
            self.exit(result)

        self.push_screen(HistoryScreen(self.study, asyncio.to_thread), done)

    def on_unmount(self) -> None:
        self.study.close()


def history_app(tmp_path: Path, seeded: bool) -> HistoryApp:
    """The app over a copy of the test deck and a score folder in ``tmp_path``."""
    from tui.helpers import deck_folder

    if seeded:
        seed_year(tmp_path / "scores")
    return HistoryApp(deck_folder(tmp_path), tmp_path / "scores")


@pilot_test
async def test_an_empty_store_says_so_on_every_tab(tmp_path: Path) -> None:
    app = history_app(tmp_path, seeded=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert shows(pilot, "History — 0 answers · 0 sessions", "No sessions yet")
        expected = {
            "Calendar": "No answers yet", "Progress": "No answers in the last 26 weeks",
            "Retention": "Not enough scheduled reviews yet: 0 of 30",
            "Forecast": "Nothing is scheduled in the next 30 days",
            "Bests": "No personal bests yet", "Hardest": "No lapses yet"}
        for tab, text in expected.items():
            await press(pilot, "right")
            assert shows(pilot, text), tab
        await press(pilot, "c")  # nothing to cram: the key does nothing
        assert isinstance(app.screen, HistoryScreen)
        await press(pilot, "escape")
    assert app.result is None


@pilot_test
async def test_a_year_of_reviews_on_every_tab(tmp_path: Path) -> None:
    app = history_app(tmp_path, seeded=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        overview = screen._overview
        assert overview is not None
        total = overview.calendar.total_reviews
        assert shows(pilot, f"History — {total:,} answers · {overview.sessions} sessions",
                     "Date ▼", "2026-03-02 07:00", "alliance")
        await press(pilot, "right")
        assert shows(pilot, f"Current streak {overview.calendar.current_streak} days",
                     "Mon", "less · ░ ▒ ▓ █ more")
        await press(pilot, "right")
        assert shows(pilot, "Weekly progress — All decks", "Accuracy per week", "Score per week")
        await press(pilot, "d")
        assert shows(pilot, "Weekly progress — The Franco-American Alliance")
        await press(pilot, "right")
        assert shows(pilot, "True retention", "By interval", "By format")
        await press(pilot, "right")
        assert shows(pilot, "Reviews due today", "Cards due per day")
        await press(pilot, "right")
        assert shows(pilot, "alliance", "study", "cram", "exam")
        await press(pilot, "right")
        assert shows(pilot, "Hardest facts", "c: cram these", "Most confused")
        await press(pilot, "c")
    assert app.result == ("cram", [h.key for h in overview.hardest])
    assert len(app.result[1]) == len(set(app.result[1])) > 0


@pilot_test
async def test_sessions_sort_and_open_a_sessions_answers(tmp_path: Path) -> None:
    app = history_app(tmp_path, seeded=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "s")  # by deck
        assert shows(pilot, "Deck ▲")
        await press(pilot, "s", "s", "s")  # mode, questions, then accuracy (highest first)
        assert shows(pilot, "Accuracy ▼", "100%")
        await press(pilot, "r")
        assert shows(pilot, "Accuracy ▲")
        await press(pilot, "s", "s", "s")  # score, time, back to the date
        assert shows(pilot, "Date ▼")
        await press(pilot, "enter")
        assert isinstance(app.screen, SessionDetailScreen)
        assert shows(pilot, "Session alliance — exam · 2026-03-02 07:00", "Question about",
                     "Verdict")
        detail = app.screen.query_one("#answer-detail")
        assert "Question: Question about" in str(detail.render())  # the whole question, uncut
        await press(pilot, "escape")
        assert isinstance(app.screen, HistoryScreen)
        await press(pilot, "q")
    assert app.result is None


@pilot_test
async def test_a_damaged_store_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    from quiz.store import StoreError

    app = history_app(tmp_path, seeded=False)

    def damaged(sql: str, params: object = ()) -> list[tuple[object, ...]]:
        raise StoreError("the score file is damaged (database disk image is malformed)")

    app.study.store.read = damaged  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert shows(pilot, "The history could not be read: the score file is damaged")


def test_a_tab_chosen_before_its_figures_are_mounted_is_filled_and_focused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The figure tabs' widgets are mounted once the sessions are drawn: → pressed before
    # that lands on an empty calendar pane, which is filled and takes the focus (so ↑/↓
    # scroll it) when they come. The mount is held back until the key is pressed.
    from quiz.tui.widgets.history_tabs import CalendarTab

    gate = asyncio.Event()
    mount = HistoryScreen._mount_figure_tabs

    async def held(screen: HistoryScreen) -> None:
        await gate.wait()
        await mount(screen)

    monkeypatch.setattr(HistoryScreen, "_mount_figure_tabs", held)

    async def run() -> None:
        app = history_app(tmp_path, seeded=True)
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(1000):  # until the sessions are drawn
                if shows(pilot, "Date ▼"):
                    break
                await pilot.pause()
            await pilot.press("right")
            assert not app.screen.query(CalendarTab)
            gate.set()
            await settle(pilot)
            assert shows(pilot, "Current streak", "less · ░ ▒ ▓ █ more")
            assert app.focused is app.screen.query_one(CalendarTab)

    asyncio.run(run())


@pilot_test
async def test_leaving_before_the_figures_come_is_no_internal_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Esc while the figures are summed: Textual takes the screen's widgets down while its
    # worker still runs, and the figures then came back to widgets half gone ("quiz:
    # internal error: NoMatches '#history-loading'", h then Esc in quick succession). The
    # figures arrive here just after the learner left; nothing is shown on the left screen.
    from tui.helpers import make_app, type_at_once

    seed_year(tmp_path / "scores")
    figures, shown = Study.figures, []
    app = make_app(tmp_path)

    def left_meanwhile(study: Study) -> object:
        found = figures(study)
        loop.call_soon_threadsafe(lambda: app.screen.dismiss(None))  # Esc as they come
        return found

    monkeypatch.setattr(Study, "figures", left_meanwhile)
    monkeypatch.setattr(HistoryScreen, "_show", lambda screen, found: shown.append(found))
    loop = asyncio.get_running_loop()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        type_at_once(app, "h")
        await settle(pilot)
        await pilot.pause(0.1)
        assert not isinstance(app.screen, HistoryScreen)
        assert shown == [] and app._exception is None
