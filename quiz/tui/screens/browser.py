"""`BrowserScreen`: every card of one deck, its schedule, a preview of its questions, and
the learner's hands on the cards — suspend, unsuspend, unbury, forget, edit.

The rows (one per card: a question, or one blank of a statement) show when the card is due
(or that it is suspended or buried), its predicted retention, its lapses, its kind and the
formats it can be asked in; the columns that matter come first, so at 80 columns the card
and its state fit. Typing in the search box filters them. Space marks cards; the keys act
on the marked cards, or the highlighted one. Beside the table, when there is room, the
highlighted card is previewed in each format it offers, with the linter's warnings and the
place to edit it (``decks/us-france.yaml:42``); `e` opens it there in ``$VISUAL``/``$EDITOR``.

Every call into the study service goes through ``call`` (the app's store thread). The deck
file is watched with a cheap stat once a second; when it changes the folder is reloaded; a
broken edit shows its problems in a panel while the deck already loaded stays on screen,
and the next good save clears them.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static
from textual.widgets.data_table import CellDoesNotExist

from quiz.errors import StoreError
from quiz.tui.editor import edit
from quiz.tui.humanize import FORMAT_NAMES, interval, percent
from quiz.tui.mounting import when_composed
from quiz.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from quiz.facts import Deck
    from quiz.library import Library
    from quiz.study import Study
    from quiz.study.cards import CardInfo, DeckCards

Call = Callable[..., Awaitable[Any]]

WATCH_SECONDS = 1.0
"""How often the deck file is looked at for changes (a stat, nothing more)."""

PREVIEW_FROM = 110
"""The narrowest screen that shows the preview beside the table (below it, `p` toggles it)."""

FORMAT_SHORT = {"choice": "choice", "truefalse": "t/f", "recall": "typed", "cloze": "blank",
                "order": "order", "match": "match"}
"""The formats as the table lists them (short, so the schedule columns fit)."""

COLUMNS = (("Card", "card"), ("Due", "due"), ("Retention", "retention"), ("Lapses", "lapses"),
           ("Kind", "kind"), ("Formats", "formats"))
"""By priority: what a narrow screen cannot show is cut from the right."""


def matches(card: CardInfo, words: list[str]) -> bool:
    """Whether every search word is in the card's id, wording, answer or kind."""
    answer = card.fact.answers[card.blank]
    text = " ".join((card.fact.id, card.fact.prompt(card.blank, shown=answer.display),
                     answer.display, *answer.accept, answer.kind, answer.category or "")).casefold()
    return all(word in text for word in words)


def status(card: CardInfo, now: Any) -> str:
    """The Due column: suspended, buried, new, or when it is due."""
    if card.suspended:
        return "suspended"
    if card.buried:
        return "buried"
    if card.due is None:
        return "new"
    return "due now" if card.due <= now else f"in {interval(card.due - now)}"


def _same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return os.fspath(a) == os.fspath(b)


def _reload_deck(study: Study, path: Path) -> tuple[Deck | None, list[str], DeckCards | None]:
    """Read the folder again: the deck of ``path`` (or None), its problems, and its cards."""
    library: Library = study.reload()
    fresh = next((d for d in library.decks if _same_file(d.path, path)), None)
    problems = [str(p) for p in library.problems if _same_file(p.path, path)]
    if fresh is None and not problems:
        problems = [f"{path}:1:1: the deck is no longer in {library.folder}"]
    return fresh, problems, study.deck_cards(fresh.id) if fresh is not None else None


class BrowserScreen(Screen[None]):
    """Browse one deck and act on its cards; Escape goes back."""

    CSS_PATH = "../browser.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("space", "mark", "Mark", key_display="space"),
        Binding("s", "change('suspend')", "Suspend"),
        Binding("u", "change('unsuspend')", "Unsuspend"),
        Binding("b", "change('unbury')", "Unbury"),
        Binding("f", "change('forget')", "Forget"),
        Binding("e", "edit", "Edit"),
        Binding("p", "preview", "Preview"),
        Binding("ctrl+r", "reload", "Reload"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "back", "Back", show=False),
    ]

    def __init__(self, study: Study, deck_id: str, call: Call) -> None:
        """Browse the deck ``deck_id`` of ``study``'s library (KeyError when it has none)."""
        super().__init__()
        self.study = study
        """The study service; called only through ``call``."""
        self._call = call
        self.deck_id = deck_id
        """The deck shown (it follows an edited `id:`)."""
        self.deck: Deck = study.library.deck(deck_id)
        """The deck as last loaded cleanly."""
        self.path = Path(self.deck.path)
        """The deck's file, watched for edits."""
        self.problems: list[str] = []
        """Problems of the file on disk when its last edit does not load; empty when it does."""
        self.data: DeckCards | None = None
        """What is on screen."""
        self.marked: set[tuple[str, str, int]] = set()
        """Cards marked with Space: the keys act on these (else on the highlighted card)."""
        self.reloads = 0
        """Edits picked up so far (tests wait on it)."""
        self._preview_wanted: bool | None = None
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
        yield KeyBar()

    @when_composed
    def on_mount(self) -> None:
        self.query_one("#browser-errors", Static).display = False
        self._heading()
        self._layout()
        self.set_interval(WATCH_SECONDS, self.check_file)
        self._load()
        self.query_one("#browser-cards", DataTable).focus()

    def on_resize(self) -> None:
        self._layout()
        if self.data is not None:
            self._fill_table()

    def _layout(self) -> None:
        wide = self.size.width >= PREVIEW_FROM if self.size.width else self.app.size.width >= PREVIEW_FROM
        shown = wide if self._preview_wanted is None else self._preview_wanted
        self.query_one("#browser-preview").display = shown

    # -- data ----------------------------------------------------------------------------

    @work(exclusive=True, group="browser-load")
    async def _load(self) -> None:
        try:
            data = await self._call(self.study.deck_cards, self.deck.id)
        except StoreError as exc:
            self._store_failed(str(exc))
            return
        self._show(data)

    def _store_failed(self, message: str) -> None:
        if not self.is_attached:
            return
        panel = self.query_one("#browser-errors", Static)
        panel.display = True
        panel.update(Content.assemble(("The score file could not be used: ", "bold $error"), message))

    def _show(self, data: DeckCards) -> None:
        if not self.is_attached:
            return
        self.data = data
        present = {c.key for c in data.cards}
        self.marked &= present
        self._heading()
        self._fill_table()

    def _heading(self) -> None:
        deck = self.deck
        warnings = len(self.data.warnings) if self.data else 0
        parts: list[str | tuple[str, str]] = [
            (deck.title, "bold $accent"),
            f" [{deck.id}] · {len(deck.facts)} facts, {deck.card_count} cards · {deck.path}"]
        if self.marked:
            parts += [" · ", (f"{len(self.marked)} marked", "bold $text-accent")]
        if warnings:
            parts += [" · ", (f"{warnings} lint warning{'s' if warnings != 1 else ''}", "$warning")]
        self.query_one("#browser-title", Static).update(Content.assemble(*parts))

    def _visible(self) -> list[CardInfo]:
        if self.data is None:
            return []
        words = self.query_one("#browser-search", Input).value.casefold().split()
        return [card for card in self.data.cards if not words or matches(card, words)]

    def _fill_table(self) -> None:
        table = self.query_one("#browser-cards", DataTable)
        keep = self._highlighted_key()
        assert self.data is not None
        now = self.data.now
        visible = self._visible()
        cells = [[("● " if c.key in self.marked else "") + c.name, status(c, now),
                  percent(c.retention), str(c.lapses), c.fact.answers[c.blank].kind,
                  " ".join(FORMAT_SHORT.get(f, f) for f in c.formats)] for c in visible]
        widths = [max([len(label), *(len(row[i]) for row in cells)]) for i, (label, _) in enumerate(COLUMNS)]
        room = (table.size.width or self.app.size.width) - 2
        # The card column keeps at least 16 cells; the columns after it go, from the right,
        # until the rest fits.
        count = len(COLUMNS)
        while count > 2 and min(widths[0], 16) + sum(w + 2 for w in widths[1:count]) > room:
            count -= 1
        card_width = max(8, min(widths[0], room - sum(w + 2 for w in widths[1:count]) - 2))
        table.clear(columns=True)
        for i, (label, key) in enumerate(COLUMNS[:count]):
            table.add_column(label, key=key, width=card_width if i == 0 else widths[i])
        for card, row in zip(visible, cells, strict=True):
            table.add_row(*row[:count], key=self._row_key(card))
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))
        self._preview()

    @staticmethod
    def _row_key(card: CardInfo) -> str:
        return f"{card.fact.id}\x1f{card.blank}"

    def _highlighted_key(self) -> str | None:
        table = self.query_one("#browser-cards", DataTable)
        if not table.row_count:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        except CellDoesNotExist:
            return None
        return key.value

    def highlighted(self) -> CardInfo | None:
        """The card under the table's cursor."""
        key = self._highlighted_key()
        if key is None or self.data is None:
            return None
        return next((c for c in self.data.cards if self._row_key(c) == key), None)

    def chosen(self) -> list[CardInfo]:
        """The cards the keys act on: the marked ones, else the highlighted one."""
        if self.data is None:
            return []
        if self.marked:
            return [c for c in self.data.cards if c.key in self.marked]
        card = self.highlighted()
        return [card] if card is not None else []

    # -- preview -------------------------------------------------------------------------

    def _preview(self) -> None:
        if not self.query_one("#browser-preview").display:
            return
        where = self.query_one("#browser-where", Static)
        formats = self.query_one("#browser-formats", Static)
        card = self.highlighted()
        if card is None or self.data is None:
            where.update("No card matches the search." if self.data else "Loading…")
            formats.update("")
            return
        fact = card.fact
        answer = fact.answers[card.blank]
        lines = [Content.assemble(("Edit: ", "bold"), (f"{fact.path or self.deck.path}:{fact.line}", "$accent")),
                 Content.assemble(("Answer: ", "bold"), answer.display),
                 Content.assemble(("State: ", "bold"), f"{card.state}, {card.reps} answers")]
        if answer.accept:
            lines.append(Content.assemble(("Also right: ", "bold"), ", ".join(answer.accept)))
        for warning in self.data.warnings:
            if warning.line == fact.line:
                lines.append(Content.styled(f"⚠ {warning.message}", "$warning"))
        where.update(Content("\n").join(lines))
        formats.update(Content("\n").join(self._format_previews(card)))

    def _format_previews(self, card: CardInfo) -> list[Content]:
        from quiz.questions import QuestionError, make_question

        shown: list[Content] = []
        for format in card.formats:
            try:
                question = make_question(self.deck, card.fact.id, format, seed=0, blank=card.blank)
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

    @work(exclusive=True, group="browser-reload")
    async def _reload(self) -> None:
        try:
            fresh, problems, data = await self._call(_reload_deck, self.study, self.path)
        except StoreError as exc:
            self._store_failed(str(exc))
            return
        self._reloaded(fresh, problems, data)

    def _reloaded(self, fresh: Deck | None, problems: list[str], data: DeckCards | None) -> None:
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Card keys need a card; the search box keeps its letters."""
        if action in ("change", "mark", "edit", "preview") and self.query_one("#browser-search", Input).has_focus:
            return False
        return True

    def action_back(self) -> None:
        """Leave the browser (Escape in the search box first clears it; then the marks)."""
        search = self.query_one("#browser-search", Input)
        if search.has_focus and search.value:
            search.value = ""
            return
        if self.marked:
            self.marked.clear()
            self._heading()
            self._fill_table()
            return
        self.dismiss(None)

    def action_search(self) -> None:
        """Put the cursor in the search box."""
        self.query_one("#browser-search", Input).focus()

    def action_mark(self) -> None:
        """Mark or unmark the highlighted card, then go to the next one."""
        card = self.highlighted()
        if card is None:
            return
        self.marked ^= {card.key}
        self._heading()
        self._fill_table()
        self.query_one("#browser-cards", DataTable).action_cursor_down()

    def action_change(self, action: str) -> None:
        """Suspend, unsuspend, unbury or forget the chosen cards (forget asks first)."""
        cards = self.chosen()
        if not cards:
            return
        if action != "forget":
            self._change(action, cards)
            return
        from quiz.tui.screens.confirm import ConfirmScreen

        what = cards[0].name if len(cards) == 1 else f"these {len(cards)} cards"
        question = (f"Forget {what}? Its schedule goes back to new; every answer stays in your "
                    "history." if len(cards) == 1 else
                    f"Forget {what}? Their schedules go back to new; every answer stays in your history.")

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._change(action, cards)

        self.app.push_screen(ConfirmScreen("Forget", question, "Forget"), confirmed)

    @work(group="browser-change")
    async def _change(self, action: str, cards: list[CardInfo]) -> None:
        from quiz.study.cards import DONE

        try:
            count = await self._call(self.study.change_cards, action, [c.key for c in cards])
            data = await self._call(self.study.deck_cards, self.deck.id)
        except StoreError as exc:
            self._store_failed(str(exc))
            return
        what = cards[0].name if count == 1 else f"{count} cards"
        self.notify(f"{what} {DONE[action]}.")
        self.marked.clear()
        self._show(data)

    def action_edit(self) -> None:
        """Open the highlighted card's fact in the editor at its line, then read the deck again."""
        card = self.highlighted()
        if card is None:
            return
        trouble = edit(self.app, card.fact.path or self.deck.path, card.fact.line)
        if trouble:
            self.notify(trouble, severity="warning", timeout=8)
        self._stamp = self._stat()
        self._reload()

    def action_preview(self) -> None:
        """Show or hide the preview beside the table."""
        preview = self.query_one("#browser-preview")
        self._preview_wanted = not preview.display
        preview.display = self._preview_wanted
        self._fill_table()

    def action_reload(self) -> None:
        """Read the deck file again now."""
        self._stamp = self._stat()
        self._reload()

    def action_help(self) -> None:
        """Show every key, this screen's first."""
        from quiz.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen("Deck browser"))
