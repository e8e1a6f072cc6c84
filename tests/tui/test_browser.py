"""The deck browser with Pilot: cards with their schedule, search, format previews, the place
to edit, and live reload of an edited deck file — a broken edit keeps the loaded deck."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from textual.app import App
from textual.widgets import DataTable, Input, Static

from quiz.clock import FixedClock
from quiz.study import Study
from quiz.tui.screens.browser import FORMAT_NAMES, BrowserScreen
from tui.helpers import START, deck_folder, pilot_test, press, right_response, settle, shows

EXTRA_FACT = """\
  - id: bastille
    question: In what year was the Bastille stormed?
    answer: 1789
    kind: date
"""


class BrowserApp(App[None]):
    """A bare app that opens the browser on one deck, as the home screen's `d` will."""

    def __init__(self, study: Study, deck_id: str) -> None:
        super().__init__()
        self.study = study
        self.deck_id = deck_id

    def on_mount(self) -> None:
        self.push_screen(BrowserScreen(self.study, self.deck_id, asyncio.to_thread))


@asynccontextmanager
async def browsing(tmp_path: Path, deck: str = "alliance", size: tuple[int, int] = (130, 40)
                   ) -> AsyncIterator[tuple[object, BrowserScreen, Path]]:
    """The browser over a copy of ``tests/data/alliance.yaml``, with a fixed clock."""
    folder = deck_folder(tmp_path)
    study = Study.open(folder, tmp_path / "scores", FixedClock(START))
    try:
        app = BrowserApp(study, deck)
        async with app.run_test(size=size, notifications=True) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, BrowserScreen)
            yield pilot, screen, folder / "alliance.yaml"
    finally:
        study.close()


def rows(screen: BrowserScreen) -> list[list[str]]:
    """The table's rows as plain text cells."""
    table = screen.query_one("#browser-cards", DataTable)
    return [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]


def save(path: Path, text: str, bump: int) -> None:
    """Write ``text`` and move the file's time on, as an editor's save does."""
    path.write_text(text, encoding="utf-8")
    stamp = path.stat().st_mtime_ns + bump * 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


@pilot_test
async def test_every_card_is_listed_with_kind_formats_and_schedule(tmp_path: Path) -> None:
    folder = deck_folder(tmp_path)
    study = Study.open(folder, tmp_path / "scores", FixedClock(START))
    session = study.start(["alliance"], "study", seed=7)
    card = session.next()
    assert card is not None
    session.answer(right_response(card.question), 4000)
    session.finish()
    study.close()
    async with browsing(tmp_path) as (pilot, screen, _):
        table = rows(screen)
        deck = screen.deck
        assert len(table) == deck.card_count
        by_id = {r[0]: r for r in table}
        for fact in deck.facts:
            row = by_id[fact.id]
            assert row[4] == fact.kind
            assert "typed" in row[5]  # recall is always offered
        studied = by_id[card.fact.id]
        assert studied[1] != "new" and studied[2].endswith("%") and studied[3] == "0"
        fresh = [r for r in table if r[0] != card.fact.id]
        assert all(r[1] == "new" and r[2] == "–" for r in fresh)
        assert shows(pilot, "The Franco-American Alliance", f"{len(deck.facts)} facts")


@pilot_test
async def test_the_preview_shows_each_format_and_where_to_edit(tmp_path: Path) -> None:
    async with browsing(tmp_path) as (pilot, screen, path):
        row = screen.highlighted()
        assert row is not None
        where = screen.query_one("#browser-where", Static)
        assert f"Edit: {path}:{row.fact.line}" in str(where.content)
        assert shows(pilot, f"Answer: {row.fact.answer.display}")
        previews = str(screen.query_one("#browser-formats", Static).content)
        for format in row.formats:
            assert FORMAT_NAMES[format] in previews
        assert row.fact.prompt(row.blank) in previews
        assert shows(pilot, "multiple choice", FORMAT_NAMES[row.formats[1]])
        await press(pilot, "down")
        moved = screen.highlighted()
        assert moved is not None and moved.fact.id != row.fact.id
        assert f"{path}:{moved.fact.line}" in str(where.content)


@pilot_test
async def test_search_filters_the_cards_and_escape_clears_it(tmp_path: Path) -> None:
    async with browsing(tmp_path) as (pilot, screen, _):
        everything = len(rows(screen))
        await press(pilot, "slash", *"yorktown")
        found = rows(screen)
        assert 0 < len(found) < everything
        assert {r[0] for r in found} >= {"yorktown"}
        await press(pilot, "escape")
        assert screen.query_one("#browser-search", Input).value == ""
        assert len(rows(screen)) == everything
        await press(pilot, *"zzzz-nothing")  # focus stays in the box after clearing
        assert rows(screen) == [] and shows(pilot, "No card matches the search.")


@pilot_test
async def test_an_edited_file_reloads_and_a_broken_edit_keeps_the_deck(tmp_path: Path) -> None:
    async with browsing(tmp_path) as (pilot, screen, path):
        before = len(rows(screen))
        original = path.read_text(encoding="utf-8")
        # A good edit: one more fact appears.
        save(path, original + EXTRA_FACT, bump=1)
        screen.check_file()
        await settle(pilot)
        assert len(rows(screen)) == before + 1
        assert "bastille" in {r[0] for r in rows(screen)}
        assert not screen.query_one("#browser-errors", Static).display
        # A broken edit: its problems show at file:line:col, the deck stays as it was.
        broken = original + EXTRA_FACT + "  - id: oops\n    question: When?\n    answer: no\n"
        save(path, broken, bump=2)
        screen.check_file()
        await settle(pilot)
        panel = screen.query_one("#browser-errors", Static)
        assert panel.display and screen.problems
        assert all(p.startswith(f"{path}:") for p in screen.problems)
        assert shows(pilot, "problem", screen.problems[0])
        assert len(rows(screen)) == before + 1
        # Fixing it clears the panel.
        save(path, original, bump=3)
        screen.check_file()
        await settle(pilot)
        assert not panel.display and not screen.problems
        assert len(rows(screen)) == before
        # An unchanged file is not reloaded.
        reloads = screen.reloads
        assert screen.check_file() is False
        assert screen.reloads == reloads


@pilot_test
async def test_lint_warnings_show_in_the_heading_and_the_preview(tmp_path: Path) -> None:
    async with browsing(tmp_path) as (pilot, screen, path):
        text = path.read_text(encoding="utf-8")
        save(path, text + "  - question: Which general led the French at Yorktown, Rochambeau?\n"
                          "    answer: Rochambeau\n", bump=1)
        screen.check_file()
        await settle(pilot)
        assert screen.data is not None and screen.data.warnings
        assert shows(pilot, "lint warning")
        table = screen.query_one("#browser-cards", DataTable)
        table.move_cursor(row=table.row_count - 1)
        await settle(pilot)
        row = screen.highlighted()
        assert row is not None and not row.fact.id_given
        assert shows(pilot, "gives its answer away")


@pilot_test
async def test_escape_goes_back(tmp_path: Path) -> None:
    async with browsing(tmp_path) as (pilot, screen, _):
        await press(pilot, "escape")
        assert not isinstance(pilot.app.screen, BrowserScreen)


@pilot_test
async def test_the_keys_act_on_the_highlighted_or_marked_cards(tmp_path: Path) -> None:
    async with browsing(tmp_path) as (pilot, screen, _):
        first = screen.highlighted()
        assert first is not None
        await press(pilot, "s")  # suspend the highlighted card...
        assert rows(screen)[0][1] == "suspended" and shows(pilot, f"{first.name} suspended")
        await press(pilot, "u")  # ...and unsuspend it: the way back
        assert rows(screen)[0][1] == "new" and shows(pilot, f"{first.name} unsuspended")
        await press(pilot, "space", "space")  # mark two cards, then act on both
        assert shows(pilot, "2 marked") and rows(screen)[0][0].startswith("● ")
        await press(pilot, "s")
        assert [r[1] for r in rows(screen)[:3]] == ["suspended", "suspended", "new"]
        assert not screen.marked
        await press(pilot, "up", "up", "f")  # forget asks first; Esc keeps the card as it is
        assert shows(pilot, "Forget", "every answer stays in your history")
        await press(pilot, "escape")
        assert rows(screen)[0][1] == "suspended"
        await press(pilot, "f", "enter")
        assert shows(pilot, "forgotten (reset to new)")


@pilot_test
async def test_at_80_columns_the_card_and_its_state_fit(tmp_path: Path) -> None:
    async with browsing(tmp_path, size=(80, 24)) as (pilot, screen, _):
        table = screen.query_one("#browser-cards", DataTable)
        labels = [str(c.label) for c in table.columns.values()]
        assert labels[:4] == ["Card", "Due", "Retention", "Lapses"]
        assert not screen.query_one("#browser-preview").display  # `p` shows it
        assert shows(pilot, "amity-treaty", "new", "Help")
        await press(pilot, "p")
        assert screen.query_one("#browser-preview").display
