"""`HomeScreen`: every deck with its counts; Enter studies, keys for cram, exam, settings, help."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from quiz.tui.screens.deck_errors import DeckErrorsScreen
from quiz.tui.screens.exam_setup import ExamSetupScreen
from quiz.tui.screens.help import HelpScreen
from quiz.tui.widgets.deck_table import DeckTable

if TYPE_CHECKING:
    from quiz.study import DeckOverview

PROBLEMS_SHOWN = 3
"""Deck problems listed on the home screen itself; `p` shows them all."""


class HomeScreen(Screen[None]):
    """The decks. Starting a session, or opening settings, is asked of the app by message."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "start('cram')", "Cram"),
        Binding("x", "exam", "Exam"),
        Binding("h", "history", "History"),
        Binding("d", "browse", "Browse"),
        Binding("s", "settings", "Settings"),
        Binding("p", "problems", "Deck problems"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "app.quit", "Quit"),
    ]

    class Start(Message):
        """Study ``deck_id`` in ``mode`` (with ``count`` questions for an exam)."""

        def __init__(self, deck_id: str, mode: str, count: int | None = None,
                     minutes: int | None = None) -> None:
            self.deck_id = deck_id
            """The deck to study."""
            self.mode = mode
            """"study", "cram" or "exam"."""
            self.count = count
            """Questions in an exam; None otherwise."""
            self.minutes = minutes
            """An exam's time limit; None otherwise."""
            super().__init__()

    class SettingsWanted(Message):
        """The learner wants to change the settings."""

    class HistoryWanted(Message):
        """The learner wants to look back at their history."""

    class BrowseWanted(Message):
        """The learner wants to browse the facts of ``deck_id``."""

        def __init__(self, deck_id: str) -> None:
            self.deck_id = deck_id
            """The deck to browse."""
            super().__init__()

    def __init__(self, decks: Sequence[DeckOverview], problems: Sequence[str], folder: Path,
                 now: datetime, zone: tzinfo | None = None, exam_default: int = 20,
                 exam_minutes: int = 10) -> None:
        super().__init__()
        self._decks = list(decks)
        self._problems = list(problems)
        self._folder = folder
        self._now = now
        self._zone = zone
        self.exam_default = exam_default
        """The number of questions an exam starts from (from the settings)."""
        self.exam_minutes = exam_minutes
        """The time limit an exam starts from (from the settings)."""

    def compose(self) -> ComposeResult:
        """Title, totals, the deck table, deck problems, keys."""
        with Vertical(id="home"):
            yield Static(id="home-title", classes="screen-title")
            yield DeckTable(id="decks")
            yield Static(id="no-decks")
            yield Static(id="home-problems")
        # At 80 columns every home key fits only without the palette hint (Ctrl+P still
        # works, and help lists it).
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.show(self._decks, self._problems, self._now)

    def show(self, decks: Sequence[DeckOverview], problems: Sequence[str], now: datetime) -> None:
        """Show fresh counts (after a session, or after the settings changed)."""
        self._decks = list(decks)
        self._problems = list(problems)
        self._now = now
        table = self.query_one(DeckTable)
        table.show(self._decks, now, self._zone, keep=table.deck_id)
        due = sum(d.due for d in self._decks)
        new = sum(d.new for d in self._decks)
        count = len(self._decks)
        self.query_one("#home-title", Static).update(Content.assemble(
            ("quiz", "bold $accent"), f" — {count} deck{'s' if count != 1 else ''} · ",
            (f"{due} due", "bold $warning" if due else ""), f" · {new} new today"))
        empty = self.query_one("#no-decks", Static)
        table.display = bool(self._decks)
        empty.display = not self._decks
        if not self._decks:
            empty.update(Content(
                f"No decks in {self._folder}.\nPut deck files (.yaml) there, or start quiz "
                "with --decks DIR to read them from another folder."))
        panel = self.query_one("#home-problems", Static)
        panel.display = bool(self._problems)
        if self._problems:
            lines = [Content.styled(
                f"{len(self._problems)} problem{'s' if len(self._problems) != 1 else ''} in "
                "decks that could not be loaded (the other decks work):", "bold $error")]
            lines += [Content(p) for p in self._problems[:PROBLEMS_SHOWN]]
            if len(self._problems) > PROBLEMS_SHOWN:
                lines.append(Content.styled("p shows them all", "dim"))
            panel.update(Content("\n").join(lines))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Deck keys only with a deck; the problems key only with problems."""
        if action in ("start", "exam", "browse"):
            return bool(self._decks)
        if action == "problems":
            return bool(self._problems)
        return True

    def _highlighted(self) -> DeckOverview | None:
        deck_id = self.query_one(DeckTable).deck_id
        return next((d for d in self._decks if d.deck_id == deck_id), None)

    @on(DataTable.RowSelected)
    def _study(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_start("study")

    def action_start(self, mode: str) -> None:
        """Study the highlighted deck in ``mode``."""
        deck = self._highlighted()
        if deck is not None:
            self.post_message(self.Start(deck.deck_id, mode))

    def action_exam(self) -> None:
        """Ask how many questions, then start an exam on the highlighted deck."""
        deck = self._highlighted()
        if deck is None:
            return

        def chosen(setup: tuple[int, int] | None) -> None:
            if setup is not None:
                self.post_message(self.Start(deck.deck_id, "exam", *setup))

        self.app.push_screen(ExamSetupScreen(deck.title, self.exam_default, deck.total,
                                             self.exam_minutes), chosen)

    def action_history(self) -> None:
        """Open the score history."""
        self.post_message(self.HistoryWanted())

    def action_browse(self) -> None:
        """Browse the highlighted deck's facts."""
        deck = self._highlighted()
        if deck is not None:
            self.post_message(self.BrowseWanted(deck.deck_id))

    def action_settings(self) -> None:
        """Open the settings."""
        self.post_message(self.SettingsWanted())

    def action_problems(self) -> None:
        """List every deck problem."""
        self.app.push_screen(DeckErrorsScreen(self._problems))

    def action_help(self) -> None:
        """Show every key."""
        self.app.push_screen(HelpScreen())
