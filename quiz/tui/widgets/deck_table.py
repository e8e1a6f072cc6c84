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
WANT_TITLE = 30
"""Titles up to this many cells are shown whole before any figure column is."""
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
    """One row per deck; the row key is the deck id. Enter studies the highlighted deck (the
    screen's ``start``: at once, so that keys typed next wait for the first question), a
    click posts `DataTable.RowSelected`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.start('study')", "Study", show=True),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self._ids: list[str] = []
        self._shown: tuple[Sequence[DeckOverview], datetime, tzinfo | None] | None = None
        self._title_width = 0
        self._marked: set[str] = set()

    def _add_columns(self, rows: list[list[Text]]) -> int:
        """Add the columns that fit; how many figure columns that is.

        Each figure column is as wide as its widest cell. Deck titles win: the columns
        go from the right (progress first) until the longest title (up to `WANT_TITLE`
        cells) fits beside the rest.
        """
        widths = [max([len(label), *(row[i + 1].cell_len for row in rows)])
                  for i, (label, _key) in enumerate(COLUMNS)]
        width = (self.size.width or self.app.size.width) - 2  # the scrollbar's gutter
        longest = max((row[0].cell_len for row in rows), default=4)
        wanted = min(longest, WANT_TITLE)
        count = len(COLUMNS)
        while count > 3 and width - (sum(widths[:count]) + 2 * (count + 1)) < wanted:
            count -= 1
        room = max(MIN_TITLE, width - (sum(widths[:count]) + 2 * (count + 1)))
        self.add_column("Deck", key="deck", width=max(4, min(room, longest)))
        for (label, key), column in zip(COLUMNS[:count], widths[:count], strict=True):
            self.add_column(label, key=key, width=column)
        return count

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show(*self._shown, keep=self.deck_id, marked=self._marked)

    def show(self, decks: Sequence[DeckOverview], now: datetime, zone: tzinfo | None,
             keep: str | None = None, marked: set[str] | frozenset[str] = frozenset()) -> None:
        """Fill the table; the cursor stays on deck ``keep`` if it is still there; decks of
        ``marked`` get a dot."""
        self._shown = (decks, now, zone)
        self._marked = set(marked)
        self._ids = [d.deck_id for d in decks]
        # DataTable draws with Rich, which knows no theme variables: read their values.
        colours = self.app.get_css_variables()
        warning = Style(color=colours.get("text-warning", colours.get("warning")), bold=True)
        success = colours.get("success", "green")
        rows = [[Text(("● " if deck.deck_id in marked else "") + deck.title, no_wrap=True,
                      overflow="ellipsis"),
                 Text(str(deck.due), style=warning if deck.due else ""),
                 Text(str(deck.new)), Text(str(deck.total)),
                 Text(ago(deck.last_studied, now, zone)), Text(percent(deck.retention)),
                 progress_bar(deck.seen, deck.total, success)] for deck in decks]
        self.clear(columns=True)
        count = self._add_columns(rows)
        for deck, row in zip(decks, rows, strict=True):
            self.add_row(*row[:count + 1], key=deck.deck_id)
        if keep in self._ids:
            self.move_cursor(row=self._ids.index(keep))

    @property
    def deck_id(self) -> str | None:
        """The id of the highlighted deck, if any."""
        if not self._ids:
            return None
        return self._ids[min(self.cursor_row, len(self._ids) - 1)]
