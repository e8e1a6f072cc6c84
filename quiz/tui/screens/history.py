"""`HistoryScreen`: sessions, calendar, progress, retention, forecast, bests and hardest facts.

Every figure comes from the study service (`Study.recent_sessions`, `Study.figures`), called
on the app's store thread behind a calm loading line: the sessions first, the rest as soon
as they are summed. Each figure tab is a widget of its own (`quiz.tui.widgets.history_tabs`).
The Hardest tab's keys dismiss the screen with ``("cram", [card keys])`` so the app can
start a cram session on exactly those cards.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import DataTable, Static, TabbedContent, TabPane
from textual.widgets.data_table import ColumnKey

from quiz.errors import StoreError
from quiz.tui.firstshow import StyledWhenMounted
from quiz.tui.humanize import duration, percent
from quiz.tui.mounting import when_composed
from quiz.tui.screens.session_detail import SessionDetailScreen
from quiz.tui.widgets.history_tabs import (
    BestsTab, CalendarTab, ForecastTab, HardestTab, ProgressTab, RetentionTab, count, local,
)
from quiz.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from quiz.stats import Overview, SessionRow
    from quiz.study import Study

CardKey = tuple[str, str, int]
HistoryResult = tuple[str, list[CardKey]] | None
"""``("cram", keys)`` to cram those cards, or None to go back."""

Call = Callable[..., Awaitable[Any]]
"""How the screen calls the study service: ``await call(study.method, *args)`` on the app's
store thread (`quiz.tui.runner.StoreThread.call`)."""

SESSION_COLUMNS: tuple[tuple[str, str, Callable[[SessionRow], Any]], ...] = (
    ("Date", "date", lambda s: s.started_at),
    ("Deck", "deck", lambda s: " + ".join(s.decks)),
    ("Mode", "mode", lambda s: s.mode),
    ("Qs", "questions", lambda s: s.questions),
    ("Accuracy", "accuracy", lambda s: s.accuracy),
    ("Score", "score", lambda s: s.score),
    ("Time", "time", lambda s: s.duration or timedelta(0)),
)
"""Column label, key and sort key of the sessions table."""

FIGURE_TABS = (("Calendar", "tab-calendar"), ("Progress", "tab-progress"),
               ("Retention", "tab-retention"), ("Forecast", "tab-forecast"),
               ("Bests", "tab-bests"), ("Hardest", "tab-hardest"))
"""The label and pane id of each tab after Sessions, in order."""


class HistoryScreen(StyledWhenMounted, Screen[HistoryResult]):
    """The learner's score history; Esc or q goes back."""

    CSS_PATH = "../history.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "back", "Back"),
        Binding("left", "switch(-1)", "Tab", show=False, priority=True),
        Binding("right", "switch(1)", "Tabs", key_display="←→", priority=True),
        Binding("s", "sort", "Sort"),
        Binding("r", "reverse", "Reverse"),
        Binding("d", "next_deck", "Deck"),
        Binding("c", "cram('hardest')", "Cram hardest"),
        Binding("v", "cram('confused')", "Cram confused"),
        Binding("question_mark", "help", "Help", key_display="?"),
    ]

    def __init__(self, study: Study, call: Call) -> None:
        super().__init__()
        self._study = study
        self._call = call
        self._zone = study.clock.zone
        self._sessions: list[SessionRow] = []
        self._sort = "date"
        self._reverse = True
        self._overview: Overview | None = None
        self._decks: list[str | None] = [None]
        self._deck_index = 0
        self._titles = {d.id: d.title for d in study.library.decks}

    def compose(self) -> ComposeResult:
        """Title, loading line, the tabs, keys."""
        with Vertical(id="history"):
            yield Static(Content.styled("History", "bold"), id="history-title",
                         classes="screen-title")
            yield Static("Reading your history…", id="history-loading")
            with TabbedContent(id="history-tabs"):
                with TabPane("Sessions", id="tab-sessions"):
                    yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
                    yield Static(classes="history-empty", id="sessions-empty")
                for label, pane_id in FIGURE_TABS:
                    yield TabPane(label, id=pane_id)  # filled by _mount_figure_tabs
        yield KeyBar()

    async def _mount_figure_tabs(self) -> None:
        """Put each figure tab's widget in its pane. Done once the sessions are drawn, not
        in `compose`: the screen's first frames then style, lay out and restyle on focus
        only what they show (the tabs' widgets are half the screen's nodes)."""
        if self._left() or self.query(CalendarTab):
            return
        widgets = (CalendarTab(), ProgressTab(), RetentionTab(self._zone), ForecastTab(),
                   BestsTab(self._zone), HardestTab())
        with self.app.batch_update():
            mounts = [self.query_one(f"#{pane_id}", TabPane).mount(widget)
                      for (_, pane_id), widget in zip(FIGURE_TABS, widgets)]
        await asyncio.gather(*mounts)
        if self._left():
            return
        tabs = self.query_one("#history-tabs", TabbedContent)
        if tabs.active_pane is not None and tabs.active != "tab-sessions":
            self._focus_tab(tabs.active_pane)  # a tab the learner moved to meanwhile

    @when_composed
    def on_mount(self) -> None:
        self.query_one("#history-tabs").display = False
        table = self.query_one("#sessions", DataTable)
        for label, key, _ in SESSION_COLUMNS:
            table.add_column(label + "  ", key=key)  # room for the sort arrow
        self._load()

    # -- loading ---------------------------------------------------------------------------

    @work(exclusive=True, group="history")
    async def _load(self) -> None:
        """Ask the service for the sessions first, then, once they are drawn, for every figure."""
        try:
            rows = await self._call(self._study.recent_sessions)
            if self._left():
                return
            self._show_sessions(rows)
            # Summing the figures holds the interpreter for a while on another thread: begun
            # before the sessions' frame, it held that frame back (its worker shares the GIL).
            drawn = asyncio.Event()
            self.call_after_refresh(drawn.set)
            await drawn.wait()
            await self._mount_figure_tabs()
            found = await self._call(self._study.figures)
            if self._left():
                return
            self._show(found)
        except StoreError as exc:
            if self._left():
                return
            loading = self.query_one("#history-loading", Static)
            loading.display = True
            loading.update(Content.assemble(("The history could not be read: ", "bold $error"),
                                            str(exc)))

    def _left(self) -> bool:
        """Whether the learner has left the screen (Esc as it loads): Textual takes its
        widgets down while its workers still run, so what the store sends back then has
        nowhere to go (it was an internal error: no `#history-loading` to hide)."""
        return not self.is_attached or self not in self.app.screen_stack

    def _show_sessions(self, rows: list[SessionRow]) -> None:
        self._sessions = rows
        self.query_one("#history-loading").display = False
        tabs = self.query_one("#history-tabs")
        first = not tabs.display
        tabs.display = True
        self._fill_sessions()
        if first:
            self.query_one("#sessions", DataTable).focus()

    def _show(self, found: Overview) -> None:
        self._overview = found
        if not self.query_one("#history-tabs").display:
            self._show_sessions(found.recent)
        listed = len(found.recent)
        self.query_one("#history-title", Static).update(Content.assemble(
            ("History", "bold"), f" — {count(found.calendar.total_reviews, 'answer')} · "
            f"{count(found.sessions, 'session')}",
            (f" (the newest {listed:,} listed)" if listed < found.sessions else "",
             "$text-muted")))
        self._decks = [None, *sorted(k for k in found.progress_by_deck if k is not None)]
        self.query_one(CalendarTab).show(found.calendar)
        self._fill_progress()
        self.query_one(RetentionTab).show(found.retention)
        self.query_one(ForecastTab).show(found.forecast)
        self.query_one(BestsTab).show(found.bests)
        self.query_one(HardestTab).show(found)
        self.refresh_bindings()

    # -- sessions ----------------------------------------------------------------------------

    def _fill_sessions(self) -> None:
        table = self.query_one("#sessions", DataTable)
        empty = self.query_one("#sessions-empty", Static)
        table.display = bool(self._sessions)
        empty.display = not self._sessions
        empty.update("No sessions yet. Study a deck and each session appears here.")
        sort_key = next(k for _, key, k in SESSION_COLUMNS if key == self._sort)
        keep = self._highlighted_session()
        table.clear()
        for row in sorted(self._sessions, key=sort_key, reverse=self._reverse):
            when = local(row.started_at, self._zone)
            took = row.duration
            # Text, not str: a str cell is parsed as markup (and emoji codes) when drawn,
            # which a deck's name is not, and parsing ~1,400 cells slowed the first frame.
            table.add_row(*map(Text, (
                f"{when:%Y-%m-%d %H:%M}", " + ".join(row.decks),
                row.mode,
                str(row.questions), percent(row.accuracy), str(row.score),
                duration(took) if took is not None else "–")), key=str(row.id))
        if keep is not None:
            table.move_cursor(row=table.get_row_index(str(keep.id)))
        for label, key, _ in SESSION_COLUMNS:
            arrow = (" ▼" if self._reverse else " ▲") if key == self._sort else ""
            table.columns[ColumnKey(key)].label = Text(label + arrow)
        table.refresh()

    def _highlighted_session(self) -> SessionRow | None:
        table = self.query_one("#sessions", DataTable)
        if not self._sessions or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((s for s in self._sessions if str(s.id) == key), None)

    def action_sort(self) -> None:
        """Sort the sessions by the next column."""
        keys = [key for _, key, _ in SESSION_COLUMNS]
        self._sort = keys[(keys.index(self._sort) + 1) % len(keys)]
        self._reverse = self._sort in ("date", "questions", "accuracy", "score", "time")
        self._fill_sessions()

    def action_reverse(self) -> None:
        """Reverse the order of the sessions."""
        self._reverse = not self._reverse
        self._fill_sessions()

    @on(DataTable.HeaderSelected, "#sessions")
    def _header(self, event: DataTable.HeaderSelected) -> None:
        key = str(event.column_key.value)
        if key == self._sort:
            self._reverse = not self._reverse
        else:
            self._sort = key
        self._fill_sessions()

    @on(DataTable.RowSelected, "#sessions")
    def _open_session(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = next((s for s in self._sessions if str(s.id) == event.row_key.value), None)
        if row is not None:
            self._load_session(row)

    @work(exclusive=True, group="history-session")
    async def _load_session(self, row: SessionRow) -> None:
        try:
            answers = await self._call(self._study.session_answers, row.id)
        except StoreError as exc:
            self.notify(str(exc), severity="error")
            return
        if not self._left():  # not over home once the learner went back to it
            self.app.push_screen(SessionDetailScreen(row, answers, self._zone))

    # -- progress ----------------------------------------------------------------------------

    def _fill_progress(self) -> None:
        found = self._overview
        if found is None:
            return
        deck = self._decks[self._deck_index % len(self._decks)]
        name = "All decks" if deck is None else self._titles.get(deck, deck)
        self.query_one(ProgressTab).show(found.progress_by_deck.get(deck, ()), name,
                                         len(self._decks) > 1)

    def action_next_deck(self) -> None:
        """Show the progress of the next deck (or all)."""
        self._deck_index = (self._deck_index + 1) % len(self._decks)
        self._fill_progress()

    # -- hardest and keys ----------------------------------------------------------------------

    def cram_keys(self, which: str) -> list[CardKey]:
        """The cards of the Hardest tab's list ``which`` (``hardest`` or ``confused``), in order."""
        found = self._overview
        if found is None:
            return []
        listed = found.hardest if which == "hardest" else found.confused
        return list(dict.fromkeys(item.key for item in listed))

    def action_cram(self, which: str) -> None:
        """Leave, asking the app to cram the cards of one list."""
        keys = self.cram_keys(which)
        if keys:
            self.dismiss(("cram", keys))

    # -- keys ------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Each tab's keys only on that tab (and once there is something to act on)."""
        try:
            tab = self.query_one("#history-tabs", TabbedContent).active
        except NoMatches:  # before compose, no tab is active yet
            tab = ""
        if action in ("sort", "reverse"):
            return tab == "tab-sessions" and bool(self._sessions)
        if action == "next_deck":
            return tab == "tab-progress" and len(self._decks) > 1
        if action == "cram":
            return tab == "tab-hardest" and bool(self.cram_keys(str(parameters[0])))
        return True

    def action_switch(self, step: int) -> None:
        """The previous or next tab (← and → work whatever has focus)."""
        tabs = self.query_one("#history-tabs", TabbedContent)
        panes = [pane.id for pane in tabs.query(TabPane)]
        if tabs.active in panes:
            tabs.active = str(panes[(panes.index(tabs.active) + step) % len(panes)])

    @on(TabbedContent.TabActivated)
    def _tab_changed(self, event: TabbedContent.TabActivated) -> None:
        self._focus_tab(event.pane)
        self.refresh_bindings()

    def _focus_tab(self, pane: TabPane) -> None:
        # Focus follows the tab, so ↑/↓ scroll what is shown and Enter acts on it.
        found = pane.query("DataTable, VerticalScroll")
        target = found.first() if found else None
        if target is not None and target.display:
            target.focus()

    def action_back(self) -> None:
        """Back to where the history was opened from."""
        self.dismiss(None)

    def action_help(self) -> None:
        """Show every key, this screen's first."""
        from quiz.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen("History"))
