"""`BrowserScreen`: every card of one deck, its schedule, a preview of its questions, and
the file and line to edit — kept up to date while the deck file is edited.

The rows (one per card: a question, or one blank of a statement) show the kind, the
formats the card can be asked in, when it is due, its predicted retention and its lapses.
Typing in the search box filters them. The panel beside the table previews the highlighted
card in each format it offers, with the linter's warnings for its fact and the place to
edit it (``decks/us-france.yaml:42``).

The deck file is watched with a cheap stat once a second. When it changes the folder is
reloaded in a thread worker (`Study.reload`); a broken edit shows its problems in a panel
while the deck already loaded stays on screen, and the next good save clears them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static
from textual.widgets.data_table import CellDoesNotExist

from quiz.store.errors import StoreError
from quiz.tui.humanize import due_when, percent

if TYPE_CHECKING:
    from quiz.facts import Deck, Fact, Problem
    from quiz.study import Study

WATCH_SECONDS = 1.0
"""How often the deck file is looked at for changes (a stat, nothing more)."""

FORMAT_SHORT = {"choice": "choice", "truefalse": "t/f", "recall": "typed", "cloze": "blank",
                "order": "order", "match": "match"}
"""The formats as the table lists them (short, so the schedule columns fit)."""

FORMAT_NAMES = {"choice": "multiple choice", "truefalse": "true or false", "recall": "typed recall",
                "cloze": "fill in the blank", "order": "put in order", "match": "matching"}


@dataclass(frozen=True, slots=True)
class CardRow:
    """One card of the deck as the browser shows it."""

    fact: Fact
    blank: int
    formats: tuple[str, ...]
    due: datetime | None
    retention: float | None
    """Predicted chance of recall now (FSRS retrievability); None for a new card."""
    lapses: int
    suspended: bool

    @property
    def key(self) -> str:
        """The table's row key."""
        return f"{self.fact.id}\x1f{self.blank}"

    def matches(self, words: list[str]) -> bool:
        """Whether every search word is in the card's id, wording, answer or kind."""
        answer = self.fact.answers[self.blank]
        text = " ".join((self.fact.id, self.fact.prompt(self.blank, shown=answer.display),
                         answer.display, *answer.accept, answer.kind, answer.category or "")).casefold()
        return all(word in text for word in words)


@dataclass(frozen=True, slots=True)
class BrowserData:
    """Everything the screen shows of a deck, read off the event loop."""

    deck: Deck
    rows: tuple[CardRow, ...]
    warnings: tuple[Problem, ...]
    now: datetime


def read_browser_data(study: Study, deck: Deck) -> BrowserData:
    """The deck's cards with their schedule, formats and lint warnings (slow: run in a worker)."""
    from quiz.lint import lint_deck
    from quiz.questions import formats_for

    with study._lock:  # the store and its connection are shared with the app's other workers
        stored = study.store.cards([deck.id])
        scheduler = study.store.scheduler()
    now = study.clock.now()
    rows = []
    for fact in deck.facts:
        for blank in range(fact.blank_count):
            card = stored.get(fact.card_key(blank))
            state = card.state if card is not None else None
            seen = state is not None and not state.is_new
            rows.append(CardRow(
                fact=fact, blank=blank, formats=tuple(formats_for(deck, fact, blank)),
                due=state.due if seen and state is not None else None,
                retention=(scheduler.retrievability(state, now, deck.id)
                           if seen and state is not None else None),
                lapses=state.lapses if state is not None else 0,
                suspended=bool(card.suspended) if card is not None else False))
    return BrowserData(deck, tuple(rows), tuple(lint_deck(deck)), now)


def _same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return os.fspath(a) == os.fspath(b)


class BrowserScreen(Screen[None]):
    """Browse one deck; Escape goes back."""

    CSS_PATH = "../browser.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("ctrl+r", "reload", "Reload"),
        Binding("q", "back", "Back", show=False),
    ]

    def __init__(self, study: Study, deck_id: str) -> None:
        """Browse the deck ``deck_id`` of ``study``'s library (KeyError when it has none)."""
        super().__init__()
        self.study = study
        """The study service (decks, store, clock)."""
        self.deck_id = deck_id
        """The deck shown (it follows an edited `id:`)."""
        self.deck: Deck = study.library.deck(deck_id)
        """The deck as last loaded cleanly."""
        self.path = Path(self.deck.path)
        """The deck's file, watched for edits."""
        self.problems: list[str] = []
        """Problems of the file on disk when its last edit does not load; empty when it does."""
        self.data: BrowserData | None = None
        """What is on screen."""
        self.reloads = 0
        """Edits picked up so far (tests wait on it)."""
        self._stamp = self._stat()

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Heading, error panel, search box, card table beside the preview, keys."""
        with Vertical(id="browser"):
            yield Static(id="browser-title", classes="screen-title")
            yield Static(id="browser-errors")
            yield Input(placeholder="search facts: words of the id, question or answer",
                        id="browser-search")
            with Horizontal(id="browser-body"):
                yield DataTable(id="browser-cards", cursor_type="row", zebra_stripes=True)
                with VerticalScroll(id="browser-preview"):
                    yield Static(id="browser-where")
                    yield Static(id="browser-formats")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#browser-cards", DataTable)
        table.add_columns("Fact", "Kind", "Formats", "Due", "Retention", "Lapses")
        self.query_one("#browser-errors", Static).display = False
        self._heading()
        self.set_interval(WATCH_SECONDS, self.check_file)
        self._load(self.deck)
        table.focus()

    # -- data ----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="browser-load")
    def _load(self, deck: Deck) -> None:
        try:
            data = read_browser_data(self.study, deck)
        except StoreError as exc:
            self._from_thread(self._store_failed, str(exc))
            return
        self._from_thread(self._show, data)

    def _from_thread(self, callback: Callable[..., object], *args: object) -> None:
        """Hand a worker's result to the screen, unless the screen has gone meanwhile."""
        if self.is_attached and self.app.is_running:
            self.app.call_from_thread(callback, *args)

    def _store_failed(self, message: str) -> None:
        panel = self.query_one("#browser-errors", Static)
        panel.display = True
        panel.update(Content.assemble(("The score file could not be read: ", "bold $error"), message))

    def _show(self, data: BrowserData) -> None:
        if not self.is_attached:
            return
        self.data = data
        self._heading()
        self._fill_table()

    def _heading(self) -> None:
        deck = self.deck
        cards = deck.card_count
        warnings = len(self.data.warnings) if self.data else 0
        parts: list[str | tuple[str, str]] = [
            (deck.title, "bold $accent"), f" [{deck.id}] · {len(deck.facts)} facts, {cards} cards · {deck.path}"]
        if warnings:
            parts += [" · ", (f"{warnings} lint warning{'s' if warnings != 1 else ''}", "$warning")]
        self.query_one("#browser-title", Static).update(Content.assemble(*parts))

    def _visible(self) -> list[CardRow]:
        if self.data is None:
            return []
        words = self.query_one("#browser-search", Input).value.casefold().split()
        return [row for row in self.data.rows if not words or row.matches(words)]

    def _fill_table(self) -> None:
        table = self.query_one("#browser-cards", DataTable)
        keep = self._highlighted_key()
        table.clear()
        assert self.data is not None
        now = self.data.now
        for row in self._visible():
            fact = row.fact
            name = fact.id if fact.blank_count == 1 else f"{fact.id} ·{row.blank + 1}"
            due = "suspended" if row.suspended else \
                ("new" if row.due is None else due_when(row.due, now))
            table.add_row(name, fact.answers[row.blank].kind,
                          " ".join(FORMAT_SHORT.get(f, f) for f in row.formats), due,
                          percent(row.retention), str(row.lapses), key=row.key)
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))
        self._preview()

    def _highlighted_key(self) -> str | None:
        table = self.query_one("#browser-cards", DataTable)
        if not table.row_count:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        except CellDoesNotExist:
            return None
        return key.value

    def highlighted(self) -> CardRow | None:
        """The card under the table's cursor."""
        key = self._highlighted_key()
        if key is None or self.data is None:
            return None
        return next((row for row in self.data.rows if row.key == key), None)

    # -- preview -------------------------------------------------------------------------

    def _preview(self) -> None:
        where = self.query_one("#browser-where", Static)
        formats = self.query_one("#browser-formats", Static)
        row = self.highlighted()
        if row is None or self.data is None:
            where.update("No card matches the search." if self.data else "Loading…")
            formats.update("")
            return
        fact = row.fact
        answer = fact.answers[row.blank]
        lines = [Content.assemble(("Edit: ", "bold"), (f"{fact.path or self.deck.path}:{fact.line}", "$accent")),
                 Content.assemble(("Answer: ", "bold"), answer.display)]
        if answer.accept:
            lines.append(Content.assemble(("Also right: ", "bold"), ", ".join(answer.accept)))
        for warning in self.data.warnings:
            if warning.line == fact.line:
                lines.append(Content.styled(f"⚠ {warning.message}", "$warning"))
        where.update(Content("\n").join(lines))
        formats.update(Content("\n").join(self._format_previews(row)))

    def _format_previews(self, row: CardRow) -> list[Content]:
        from quiz.questions import QuestionError, make_question

        shown: list[Content] = []
        for format in row.formats:
            try:
                question = make_question(self.deck, row.fact.id, format, seed=0, blank=row.blank)
            except (QuestionError, KeyError) as exc:
                shown.append(Content.styled(f"{FORMAT_NAMES.get(format, format)}: cannot be made ({exc})", "$error"))
                continue
            shown.append(Content(""))
            shown.append(Content.styled(FORMAT_NAMES.get(format, format), "bold $secondary"))
            prompt = question.statement if format == "truefalse" and question.statement else question.prompt
            shown.append(Content(prompt))
            if format == "match":
                shown += [Content(f"  {n}. {item}") for n, item in enumerate(question.items, 1)]
            if question.options and format != "truefalse":
                letters = "abcdefgh" if format == "match" else "12345678"
                shown += [Content(f"  {letters[n]}) {option}") for n, option in enumerate(question.options)]
            if format == "truefalse":
                verdict = "True" if question.correct_index == 0 else "False"
                shown.append(Content.styled(f"  → {verdict}", "dim"))
        return shown

    @on(DataTable.RowHighlighted, "#browser-cards")
    def _highlight(self) -> None:
        self._preview()

    @on(Input.Changed, "#browser-search")
    def _search(self) -> None:
        if self.data is not None:
            self._fill_table()

    @on(Input.Submitted, "#browser-search")
    def _to_table(self) -> None:
        self.query_one("#browser-cards", DataTable).focus()

    # -- watching the file ---------------------------------------------------------------

    def _stat(self) -> tuple[int, int] | None:
        try:
            info = self.path.stat()
        except OSError:
            return None
        return (info.st_mtime_ns, info.st_size)

    def check_file(self) -> bool:
        """Reload when the deck file changed on disk since last looked at; whether it had."""
        stamp = self._stat()
        if stamp == self._stamp:
            return False
        self._stamp = stamp
        self._reload()
        return True

    @work(thread=True, exclusive=True, group="browser-reload")
    def _reload(self) -> None:
        library = self.study.reload()
        fresh = next((d for d in library.decks if _same_file(d.path, self.path)), None)
        problems = [str(p) for p in library.problems if _same_file(p.path, self.path)]
        if fresh is None and not problems:
            problems = [f"{self.path}:1:1: the deck is no longer in {library.folder}"]
        try:
            data = read_browser_data(self.study, fresh) if fresh is not None else None
        except StoreError as exc:
            self._from_thread(self._store_failed, str(exc))
            return
        self._from_thread(self._reloaded, fresh, problems, data)

    def _reloaded(self, fresh: Deck | None, problems: list[str], data: BrowserData | None) -> None:
        if not self.is_attached:
            return
        self.reloads += 1
        self.problems = problems
        panel = self.query_one("#browser-errors", Static)
        panel.display = bool(problems)
        if problems:
            count = len(problems)
            lines = [Content.styled(
                f"The file on disk has {count} problem{'s' if count != 1 else ''}; showing the deck "
                "as last loaded until it is fixed:", "bold $error")]
            panel.update(Content("\n").join([*lines, *(Content(p) for p in problems)]))
        if fresh is not None and data is not None:
            self.deck = fresh
            self.deck_id = fresh.id
            self._show(data)
        else:
            self._heading()

    # -- actions -------------------------------------------------------------------------

    def action_back(self) -> None:
        """Leave the browser (Escape in the search box first clears it)."""
        search = self.query_one("#browser-search", Input)
        if search.has_focus and search.value:
            search.value = ""
            return
        self.dismiss(None)

    def action_search(self) -> None:
        """Put the cursor in the search box."""
        self.query_one("#browser-search", Input).focus()

    def action_reload(self) -> None:
        """Read the deck file again now."""
        self._stamp = self._stat()
        self._reload()
