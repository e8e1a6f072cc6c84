"""`DeckTable`: the home screen's list of decks with due, new and total counts, last studied,
retention and a small progress bar."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from quiz.tui.humanize import ago, percent

if TYPE_CHECKING:
    from quiz.study import DeckOverview

BAR_CELLS = 6
MIN_TITLE = 12
COLUMNS: tuple[tuple[str, str], ...] = (
    ("Due", "due"), ("New", "new"), ("Cards", "total"), ("Studied", "last"),
    ("Retention", "retention"), ("Progress", "progress"))


def progress_bar(seen: int, total: int, colour: str, width: int = BAR_CELLS) -> Text:
    """A small bar of how much of a deck has been studied at least once, with the share."""
    share = seen / total if total else 0.0
    filled = round(share * width)
    if seen and not filled:
        filled = 1
    return Text.assemble(("█" * filled, Style(color=colour)), ("░" * (width - filled), "dim"),
                         f" {round(share * 100):>3}%")


class DeckTable(DataTable[Text]):
    """One row per deck; the row key is the deck id. Enter posts `DataTable.RowSelected`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Study", show=True),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self._ids: list[str] = []
        self._shown: tuple[Sequence[DeckOverview], datetime, tzinfo | None] | None = None
        self._title_width = 0

    def _add_columns(self, rows: list[list[Text]]) -> None:
        # Each figure column is as wide as its widest cell; the deck column takes the rest,
        # so the table fits an 80-column terminal.
        widths = [max([len(label), *(row[i + 1].cell_len for row in rows)])
                  for i, (label, _key) in enumerate(COLUMNS)]
        fixed = sum(widths) + 2 * (len(widths) + 1)
        room = max(MIN_TITLE, (self.size.width or self.app.size.width) - fixed)
        longest = max((row[0].cell_len for row in rows), default=4)
        self.add_column("Deck", key="deck", width=max(4, min(room, longest)))
        for (label, key), width in zip(COLUMNS, widths, strict=True):
            self.add_column(label, key=key, width=width)

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show(*self._shown, keep=self.deck_id)

    def show(self, decks: Sequence[DeckOverview], now: datetime, zone: tzinfo | None,
             keep: str | None = None) -> None:
        """Fill the table; the cursor stays on deck ``keep`` if it is still there."""
        self._shown = (decks, now, zone)
        self._ids = [d.deck_id for d in decks]
        # DataTable draws with Rich, which knows no theme variables: read their values.
        colours = self.app.get_css_variables()
        warning = Style(color=colours.get("text-warning", colours.get("warning")), bold=True)
        success = colours.get("success", "green")
        rows = [[Text(deck.title, no_wrap=True, overflow="ellipsis"),
                 Text(str(deck.due), style=warning if deck.due else ""),
                 Text(str(deck.new)), Text(str(deck.total)),
                 Text(ago(deck.last_studied, now, zone)), Text(percent(deck.retention)),
                 progress_bar(deck.seen, deck.total, success)] for deck in decks]
        self.clear(columns=True)
        self._add_columns(rows)
        for deck, row in zip(decks, rows, strict=True):
            self.add_row(*row, key=deck.deck_id)
        if keep in self._ids:
            self.move_cursor(row=self._ids.index(keep))

    @property
    def deck_id(self) -> str | None:
        """The id of the highlighted deck, if any."""
        if not self._ids:
            return None
        return self._ids[min(self.cursor_row, len(self._ids) - 1)]
