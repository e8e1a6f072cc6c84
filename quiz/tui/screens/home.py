"""`HomeScreen`: every deck with its counts; Enter studies, keys for cram, exam, all decks
at once, by tag, settings, help. At 110 columns and more, today's figures stand beside the
decks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static

from quiz.tui.humanize import due_when
from quiz.tui.screens.deck_errors import DeckErrorsScreen
from quiz.tui.screens.exam_setup import ExamSetupScreen
from quiz.tui.screens.help import HelpScreen
from quiz.tui.widgets.deck_table import DeckTable
from quiz.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from quiz.study import DeckOverview
    from quiz.tui.calls import Today

PROBLEMS_SHOWN = 3
"""Deck problems listed on the home screen itself; `p` shows them all."""

SIDE_FROM = 110
"""The narrowest screen with today's figures beside the decks."""


class HomeScreen(Screen[None]):
    """The decks. Starting a session, or opening settings, is asked of the app by message."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "all", "All decks"),
        Binding("space", "mark", "Mark", key_display="space", show=False),
        Binding("c", "start('cram')", "Cram"),
        Binding("x", "exam", "Exam"),
        Binding("h", "history", "History"),
        Binding("d", "browse", "Browse"),
        Binding("s", "settings", "Settings"),
        Binding("t", "tags", "By tag"),
        Binding("p", "problems", "Deck problems"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "app.quit", "Quit"),
    ]

    class Start(Message):
        """Study ``deck_id`` (or every deck of ``deck_ids``) in ``mode``."""

        def __init__(self, deck_id: str | Sequence[str], mode: str, count: int | None = None,
                     minutes: int | None = None, tags: Sequence[str] | None = None) -> None:
            self.deck_ids = [deck_id] if isinstance(deck_id, str) else list(deck_id)
            """The decks to study, in one session."""
            self.deck_id = self.deck_ids[0] if self.deck_ids else ""
            """The first of them."""
            self.mode = mode
            """"study", "cram" or "exam"."""
            self.count = count
            """Questions in an exam; None otherwise."""
            self.minutes = minutes
            """An exam's time limit; None otherwise."""
            self.tags = list(tags) if tags else None
            """Only facts with one of these tags; None for all."""
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
                 exam_minutes: int = 10, today: Today | None = None,
                 tags: Sequence[str] = ()) -> None:
        super().__init__()
        self._decks = list(decks)
        self._problems = list(problems)
        self._folder = folder
        self._now = now
        self._zone = zone
        self._today = today
        self._shown_once = False
        self.exam_default = exam_default
        """The number of questions an exam starts from (from the settings)."""
        self.exam_minutes = exam_minutes
        """The time limit an exam starts from (from the settings)."""
        self.tags = list(tags)
        """Every tag of the loaded decks and facts."""
        self.marked: set[str] = set()
        """Decks marked with Space: `a` studies these together (all decks when none)."""

    def compose(self) -> ComposeResult:
        """Title, the deck table beside today's figures, deck problems, keys."""
        with Vertical(id="home"):
            yield Static(id="home-title", classes="screen-title")
            with Horizontal(id="home-body"):
                yield DeckTable(id="decks")
                yield Static(id="home-today")
            yield Static(id="no-decks")
            yield Static(id="home-problems")
        yield KeyBar()

    def on_mount(self) -> None:
        self.show(self._decks, self._problems, self._now, self._today)

    def on_resize(self) -> None:
        self._side()

    def show(self, decks: Sequence[DeckOverview], problems: Sequence[str], now: datetime,
             today: Today | None = None, tags: Sequence[str] | None = None) -> None:
        """Show fresh counts (after a session, after the settings or a deck file changed)."""
        self._decks = list(decks)
        self._problems = list(problems)
        self._now = now
        self._today = today if today is not None else self._today
        if tags is not None:
            self.tags = list(tags)
        self.marked &= {d.deck_id for d in self._decks}
        table = self.query_one(DeckTable)
        keep = table.deck_id
        if not self._shown_once:  # on opening: the first deck with cards due, else with new ones
            self._shown_once = True
            keep = next((d.deck_id for d in self._decks if d.due),
                        next((d.deck_id for d in self._decks if d.new), None))
        table.show(self._decks, now, self._zone, keep=keep, marked=self.marked)
        due = sum(d.due for d in self._decks)
        new = sum(d.new for d in self._decks)
        count = len(self._decks)
        self.query_one("#home-title", Static).update(Content.assemble(
            ("quiz", "bold $accent"), f" — {count} deck{'s' if count != 1 else ''} · ",
            (f"{due} due", "bold $warning" if due else ""), f" · {new} new today",
            (f" · {len(self.marked)} marked" if self.marked else "", "bold $text-accent")))
        empty = self.query_one("#no-decks", Static)
        self.query_one("#home-body").display = bool(self._decks)
        empty.display = not self._decks
        if not self._decks:
            empty.update(Content.assemble(
                f"No decks in {self._folder} yet.\n\n",
                ("  quiz new NAME", "bold $accent"), "      write a starter deck to fill in\n",
                ("  quiz import FILE", "bold $accent"),
                "   bring cards from Anki (.apkg), Quizlet or CSV, or Markdown\n\n",
                "Or put deck files (.yaml) there, or start quiz with --decks DIR to read them "
                "from another folder."))
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
        self._side()
        self.refresh_bindings()

    def _side(self) -> None:
        """Today's figures beside the decks when the screen is wide enough."""
        side = self.query_one("#home-today", Static)
        wide = (self.size.width or self.app.size.width) >= SIDE_FROM and bool(self._decks)
        side.display = wide
        if not wide:
            return
        due = sum(d.due for d in self._decks)
        new = sum(d.new for d in self._decks)
        lines = [Content.styled("Today", "bold $text-accent"), Content(""),
                 Content.assemble((f"{due}", "bold $text-warning" if due else "bold"), " due"),
                 Content.assemble((f"{new}", "bold"), " new to learn")]
        if self._today is not None:
            lines.append(Content.assemble((f"{self._today.answered}", "bold"), " answered"))
            if self._today.next_due is not None and not due:
                lines += [Content(""), Content("Next due"),
                          Content.styled(due_when(self._today.next_due, self._now, self._zone), "bold")]
        studied = [d for d in self._decks if d.retention is not None]
        if studied:
            best = max(studied, key=lambda d: d.retention or 0.0)
            lines += [Content(""), Content("Best kept"), Content.styled(
                f"{best.title[:22]} {round((best.retention or 0) * 100)}%", "bold")]
        side.update(Content("\n").join(lines))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Deck keys only with a deck; the problems key only with problems."""
        if action in ("start", "exam", "browse", "all", "mark", "tags"):
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

    def _ask(self, start: HomeScreen.Start) -> None:
        """Ask the app for a session; keys typed meanwhile wait for its first question."""
        typeahead = getattr(self.app, "typeahead", None)
        if typeahead is not None:
            typeahead.expect()
        self.post_message(start)

    def action_start(self, mode: str) -> None:
        """Study the highlighted deck in ``mode``."""
        deck = self._highlighted()
        if deck is not None:
            self._ask(self.Start(deck.deck_id, mode))

    def action_all(self) -> None:
        """Study the marked decks (every deck when none is marked) in one session."""
        chosen = [d.deck_id for d in self._decks if d.deck_id in self.marked] \
            or [d.deck_id for d in self._decks]
        if chosen:
            self._ask(self.Start(chosen, "study"))

    def action_mark(self) -> None:
        """Mark or unmark the highlighted deck for `a`."""
        deck = self._highlighted()
        if deck is None:
            return
        self.marked ^= {deck.deck_id}
        self.show(self._decks, self._problems, self._now)
        self.query_one(DeckTable).action_cursor_down()

    def action_tags(self) -> None:
        """Ask for tags, then study the facts of every deck that carry them."""
        from quiz.tui.screens.tags import TagsScreen

        def chosen(tags: list[str] | None) -> None:
            if tags:
                self._ask(self.Start([d.deck_id for d in self._decks], "study", tags=tags))

        self.app.push_screen(TagsScreen(self.tags), chosen)

    def action_exam(self) -> None:
        """Ask how many questions and how long, then start an exam on the highlighted deck."""
        deck = self._highlighted()
        if deck is None:
            return

        def chosen(setup: tuple[int, int] | None) -> None:
            if setup is not None:
                self._ask(self.Start(deck.deck_id, "exam", *setup))

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
