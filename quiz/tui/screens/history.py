"""`HistoryScreen`: sessions, calendar, progress, retention, forecast, bests and hardest facts.

Every figure comes from `quiz.stats`, computed in a thread worker (store calls under the
study's lock) behind a calm loading line: the sessions first, the rest as soon as they are
summed. The Hardest tab's keys dismiss the screen with ``("cram", [card keys])`` so the app
can start a cram session on exactly those cards.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane
from textual.widgets.data_table import ColumnKey

from quiz import stats
from quiz.scheduler import CardKey, Scheduler
from quiz.store.errors import StoreError
from quiz.tui.humanize import duration, percent
from quiz.tui.screens.session_detail import SessionDetailScreen
from quiz.tui.widgets.charts import BarChart
from quiz.tui.widgets.heatmap import Heatmap

if TYPE_CHECKING:
    from quiz.study import Study

HistoryResult = tuple[str, list[CardKey]] | None
"""``("cram", keys)`` to cram those cards, or None to go back."""

MODE_NAMES = {"study": "study", "cram": "cram", "exam": "exam"}
SUMMING = "Summing up your reviews…"
"""What the tabs other than Sessions say until their figures arrive."""
SESSION_COLUMNS: tuple[tuple[str, str, Callable[[stats.SessionRow], Any]], ...] = (
    ("Date", "date", lambda s: s.started_at),
    ("Deck", "deck", lambda s: " + ".join(s.decks)),
    ("Mode", "mode", lambda s: s.mode),
    ("Qs", "questions", lambda s: s.questions),
    ("Accuracy", "accuracy", lambda s: s.accuracy),
    ("Score", "score", lambda s: s.score),
    ("Time", "time", lambda s: s.duration or timedelta(0)),
)
"""Column label, key and sort key of the sessions table."""

METRIC_LABELS = (("score", "Best %"), ("points", "Points"), ("streak", "Streak"),
                 ("answered", "Answers"))


def _local(moment: datetime, zone: tzinfo | None) -> datetime:
    return moment.astimezone(zone) if zone is not None else moment.astimezone()


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


class HistoryScreen(Screen[HistoryResult]):
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
    ]

    def __init__(self, study: Study) -> None:
        super().__init__()
        self._study = study
        self._zone = study.clock.zone
        self._sessions: list[stats.SessionRow] = []
        self._sort = "date"
        self._reverse = True
        self._overview: stats.Overview | None = None
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
                with TabPane("Calendar", id="tab-calendar"):
                    with VerticalScroll():
                        yield Heatmap(id="heatmap")
                        yield Static(SUMMING, id="streaks")
                with TabPane("Progress", id="tab-progress"):
                    with VerticalScroll():
                        yield Static(SUMMING, id="progress-title")
                        yield BarChart(id="accuracy-chart")
                        yield BarChart(id="points-chart")
                with TabPane("Retention", id="tab-retention"):
                    with VerticalScroll():
                        yield Static(SUMMING, id="retention")
                with TabPane("Forecast", id="tab-forecast"):
                    with VerticalScroll():
                        yield Static(SUMMING, id="forecast-summary")
                        yield BarChart(id="forecast-chart")
                with TabPane("Bests", id="tab-bests"):
                    yield Static(SUMMING, classes="history-empty", id="bests-waiting")
                    yield DataTable(id="bests", cursor_type="row", zebra_stripes=True)
                    yield Static(classes="history-empty", id="bests-empty")
                with TabPane("Hardest", id="tab-hardest"):
                    with VerticalScroll():
                        yield Static(SUMMING, id="hardest-title", classes="history-section")
                        yield DataTable(id="hardest", cursor_type="row")
                        yield Static(id="confused-title", classes="history-section")
                        yield DataTable(id="confused", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#history-tabs").display = False
        for waiting in ("#bests", "#bests-empty", "#hardest", "#confused", "#confused-title",
                        "#heatmap", "BarChart"):
            for widget in self.query(waiting):
                widget.display = False
        table = self.query_one("#sessions", DataTable)
        for label, key, _ in SESSION_COLUMNS:
            table.add_column(label + "  ", key=key)  # room for the sort arrow
        self._load()

    # -- loading ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="history")
    def _load(self) -> None:
        """Read the figures off the event loop: the sessions first, then everything else."""
        study = self._study
        try:
            with study._lock:
                decks = list(study.library.decks)
                settings = study.store.settings()
                now = study.clock.now()
                first = stats.sessions(study.store, limit=stats.SESSION_LIMIT)
            # Posted, not called: the worker goes on summing while the table is drawn.
            self.post_message(self.Read(first))
            with study._lock:
                days = stats.Days(self._zone, settings.day_ends_at)
                found = stats.overview(study.store, now, days, decks,
                                       scheduler=Scheduler(settings))
        except StoreError as exc:
            self.post_message(self.Read(failure=str(exc)))
            return
        self.post_message(self.Read(found.recent, found))

    class Read(Message):
        """Figures read by the worker: the sessions first, then every figure, or a failure."""

        def __init__(self, sessions: list[stats.SessionRow] | None = None,
                     overview: stats.Overview | None = None, failure: str | None = None) -> None:
            self.sessions = sessions
            """The newest sessions."""
            self.overview = overview
            """Every figure (None until summed)."""
            self.failure = failure
            """Why the store could not be read, if it could not."""
            super().__init__()

    @on(Read)
    def _read(self, message: Read) -> None:
        if message.failure is not None:
            self._failed(message.failure)
        elif message.overview is not None:
            self._show(message.overview)
        elif message.sessions is not None:
            self._show_sessions(message.sessions)

    def _failed(self, message: str) -> None:
        loading = self.query_one("#history-loading", Static)
        loading.display = True
        loading.update(Content.assemble(("The history could not be read: ", "bold $error"),
                                        message))

    def _show_sessions(self, rows: list[stats.SessionRow]) -> None:
        self._sessions = rows
        self.query_one("#history-loading").display = False
        tabs = self.query_one("#history-tabs")
        first = not tabs.display
        tabs.display = True
        self._fill_sessions()
        if first:
            self.query_one("#sessions", DataTable).focus()

    def _show(self, found: stats.Overview) -> None:
        self._overview = found
        if not self.query_one("#history-tabs").display:
            self._show_sessions(found.recent)
        cal = found.calendar
        listed = len(found.recent)
        self.query_one("#history-title", Static).update(Content.assemble(
            ("History", "bold"), f" — {_count(cal.total_reviews, 'answer')} · "
            f"{_count(found.sessions, 'session')}",
            (f" (the newest {listed:,} listed)" if listed < found.sessions else "",
             "$text-muted")))
        self._decks = [None, *sorted(k for k in found.progress_by_deck if k is not None)]
        self._fill_calendar(cal)
        self._fill_progress()
        self._fill_retention(found.retention)
        self._fill_forecast(found.forecast)
        self._fill_bests(found.bests)
        self._fill_hardest(found)
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
            local = _local(row.started_at, self._zone)
            took = row.duration
            table.add_row(
                f"{local:%Y-%m-%d %H:%M}", " + ".join(row.decks),
                MODE_NAMES.get(row.mode, row.mode),
                str(row.questions), percent(row.accuracy), str(row.score),
                duration(took) if took is not None else "–", key=str(row.id))
        if keep is not None:
            table.move_cursor(row=table.get_row_index(str(keep.id)))
        for label, key, _ in SESSION_COLUMNS:
            arrow = (" ▼" if self._reverse else " ▲") if key == self._sort else ""
            table.columns[ColumnKey(key)].label = Text(label + arrow)
        table.refresh()

    def _highlighted_session(self) -> stats.SessionRow | None:
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

    @work(thread=True, exclusive=True, group="history-session")
    def _load_session(self, row: stats.SessionRow) -> None:
        study = self._study
        try:
            with study._lock:
                reviews = study.store.session_reviews(row.id)
        except StoreError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self.app.push_screen,
                                  SessionDetailScreen(row, reviews, self._zone))

    # -- calendar, progress, retention, forecast, bests ----------------------------------------

    def _fill_calendar(self, cal: stats.Calendar) -> None:
        self.query_one(Heatmap).show(cal.first, cal.counts)
        self.query_one(Heatmap).display = True
        if not cal.total_reviews:
            text = Content("No answers yet: each day you study fills a square.")
        else:
            text = Content.assemble(
                ("Current streak ", "bold"), (_count(cal.current_streak, "day"), "bold $accent"),
                ("   Longest ", "bold"), _count(cal.longest_streak, "day"),
                f"\n{_count(sum(cal.counts), 'answer')} on {_count(cal.active_days, 'day')} "
                "in the last year.")
        self.query_one("#streaks", Static).update(text)

    def _fill_progress(self) -> None:
        found = self._overview
        if found is None:
            return
        deck = self._decks[self._deck_index % len(self._decks)]
        periods = found.progress_by_deck.get(deck, ())
        name = "All decks" if deck is None else self._titles.get(deck, deck)
        keys = "   (d: next deck)" if len(self._decks) > 1 else ""
        answered = sum(p.questions for p in periods)
        title = Content.assemble(("Weekly progress — ", "bold"), (name, "bold $accent"),
                                 (keys, "$text-muted"))
        if not answered:
            title = Content.assemble(title, "\nNo answers in the last "
                                     f"{stats.PROGRESS_WEEKS} weeks.")
        self.query_one("#progress-title", Static).update(title)
        labels = (f"{periods[0].start:%d %b}", f"week of {periods[-1].start:%d %b}") \
            if periods else ("", "")
        accuracy = [round(100 * p.accuracy) if p.accuracy is not None else None for p in periods]
        recent = next((a for a in reversed(accuracy) if a is not None), None)
        chart = self.query_one("#accuracy-chart", BarChart)
        chart.border_title = f"Accuracy per week (last {recent}%)" if recent is not None \
            else "Accuracy per week"
        chart.show(accuracy, height=4, top=100, unit="%", labels=labels, width=2)
        chart.display = True
        points = [float(p.score) for p in periods]
        chart = self.query_one("#points-chart", BarChart)
        chart.border_title = f"Score per week (total {sum(p.score for p in periods):,})"
        chart.show(points, height=4, labels=labels, width=2)
        chart.display = True

    def action_next_deck(self) -> None:
        """Show the progress of the next deck (or all)."""
        self._deck_index = (self._deck_index + 1) % len(self._decks)
        self._fill_progress()

    def _fill_retention(self, found: stats.Retention) -> None:
        box = self.query_one("#retention", Static)
        if not found.enough:
            box.update(Content(
                f"Not enough scheduled reviews yet: {found.reviews} of "
                f"{stats.MIN_RETENTION_REVIEWS}.\nTrue retention counts reviews of cards "
                "already learned (study mode); it appears once there are enough."))
            return
        since = _local(found.since, self._zone) if found.since else None
        lines = [Content.assemble(
            ("True retention ", "bold"),
            (percent(found.retention), "bold $accent"),
            f" of {_count(found.reviews, 'scheduled review')}"
            + (f" since {since:%d %b %Y}" if since else "")
            + (" (the latest)" if found.sampled else ""))]
        lines += self._tally_lines("By interval", found.by_interval)
        lines += self._tally_lines("By format", found.by_format)
        lines.append(Content.styled("\nPredicted recall against actual", "bold"))
        lines.append(Content.styled(f"  {'predicted':<12}{'reviews':>8}  {'expected':>8}  "
                                    f"{'actual':>6}", "$text-muted"))
        for b in found.calibration:
            if not b.reviews:
                continue
            gap = "" if b.actual is None else f"  {round(100 * (b.actual - b.predicted)):+d} pts"
            lines.append(Content(
                f"  {round(b.low * 100)}–{round(b.high * 100)}%".ljust(14)
                + f"{b.reviews:>8,}  {percent(b.predicted):>8}  {percent(b.actual):>6}{gap}"))
        box.update(Content("\n").join(lines))

    @staticmethod
    def _tally_lines(title: str, tallies: tuple[stats.Tally, ...]) -> list[Content]:
        lines = [Content.styled(f"\n{title}", "bold")]
        for t in tallies:
            if not t.reviews:
                continue
            share = t.retention
            bar = "█" * round(share * 20) if share is not None else ""
            lines.append(Content.assemble(
                f"  {t.label:<12}{t.reviews:>8,}  {percent(share):>5}  ", (bar, "$success")))
        return lines

    def _fill_forecast(self, found: stats.Forecast) -> None:
        due = found.due
        summary = Content.assemble(
            ("Reviews due ", "bold"),
            f"today {due[0]:,} · tomorrow {due[1] if len(due) > 1 else 0:,} · "
            f"next 7 days {sum(due[:7]):,} · next {len(due)} days {sum(due):,}")
        if not sum(due):
            summary = Content.assemble(summary, "\nNothing is scheduled in the next "
                                       f"{len(due)} days.")
        self.query_one("#forecast-summary", Static).update(summary)
        last = found.today + timedelta(days=len(due) - 1)
        chart = self.query_one("#forecast-chart", BarChart)
        chart.border_title = "Cards due per day"
        chart.show([float(d) for d in due], height=6, labels=("today", f"{last:%d %b}"), width=2)
        chart.display = True

    def _fill_bests(self, rows: list[stats.BestRow]) -> None:
        self.query_one("#bests-waiting").display = False
        table = self.query_one("#bests", DataTable)
        empty = self.query_one("#bests-empty", Static)
        table.display = bool(rows)
        empty.display = not rows
        empty.update("No personal bests yet: a session of 5 answers or more sets the first ones.")
        table.clear(columns=True)
        table.add_columns("Deck", "Mode", "Best %", "Points", "Streak", "Answers", "Set")
        for row in rows:
            when = _local(row.achieved_at, self._zone) if row.achieved_at else None
            table.add_row(
                row.deck_key.replace("+", " + "), MODE_NAMES.get(row.mode, row.mode),
                f"{row.score_percent:g}%" if row.score_percent is not None else "–",
                *(str(v) if v is not None else "–" for v in (row.score, row.streak, row.questions)),
                f"{when:%Y-%m-%d}" if when else "–")

    # -- hardest ---------------------------------------------------------------------------------

    def _fill_hardest(self, found: stats.Overview) -> None:
        hard = self.query_one("#hardest", DataTable)
        hard.clear(columns=True)
        hard.add_column("Fact", width=36)
        hard.add_column("Answer", width=16)
        hard.add_columns("Lapses", "Retention")
        for h in found.hardest:
            hard.add_row(_clip(h.prompt, 36), _clip(h.answer, 16), str(h.lapses), percent(h.retention))
        hard.display = bool(found.hardest)
        self.query_one("#hardest-title", Static).update(
            Content.assemble(("Hardest facts", "bold"), ("   c: cram these", "$text-muted"))
            if found.hardest else Content("No lapses yet: no fact has been forgotten after "
                                          "being learned."))
        confused = self.query_one("#confused", DataTable)
        confused.clear(columns=True)
        confused.add_column("Fact", width=30)
        confused.add_column("Answer", width=14)
        confused.add_column("Picked instead", width=14)
        confused.add_column("Times")
        for c in found.confused:
            confused.add_row(_clip(c.prompt, 30), _clip(c.answer, 14), _clip(c.chosen, 14),
                             str(c.count))
        confused.display = bool(found.confused)
        self.query_one("#confused-title").display = True
        self.query_one("#confused-title", Static).update(
            Content.assemble(("Most confused", "bold"), ("   v: cram these", "$text-muted"))
            if found.confused else Content("No wrong multiple-choice answers yet."))

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
        # Focus follows the tab, so ↑/↓ scroll what is shown and Enter acts on it.
        target = event.pane.query("DataTable, VerticalScroll").first() \
            if event.pane.query("DataTable, VerticalScroll") else None
        if target is not None and target.display:
            target.focus()
        self.refresh_bindings()

    def action_back(self) -> None:
        """Back to where the history was opened from."""
        self.dismiss(None)
