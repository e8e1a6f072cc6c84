"""`NothingDueScreen`: nothing to review right now — say when the next card is, offer cram."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from quiz.tui.humanize import due_when
from quiz.tui.widgets.keybar import KeyBar


class NothingDueScreen(ModalScreen[bool]):
    """Returns True to cram the deck instead, False to go back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "cram", "Cram"),
        Binding("escape,enter", "back", "Back"),
    ]

    def __init__(self, title: str, next_due: datetime | None, now: datetime,
                 zone: tzinfo | None = None) -> None:
        super().__init__()
        self._deck_title = title
        self._next_due = next_due
        self._now = now
        self._zone = zone

    def compose(self) -> ComposeResult:
        """The message and the way on."""
        if self._next_due is None:
            when = "No card of this deck is scheduled yet, and today's new cards are done."
        elif self._next_due <= self._now:
            when = ("More cards are due, but today's limits (new cards and reviews per day) "
                    "are reached. Come back tomorrow, or raise the limits in the settings (s).")
        else:
            when = f"The next card is due {due_when(self._next_due, self._now, self._zone)}."
        with Vertical(classes="dialog"):
            yield Static(Content.assemble("Nothing due in ", (self._deck_title, "bold")),
                         classes="dialog-title")
            yield Static(Content(when), id="next-due")
            yield Static("Cram goes through every card now without changing the schedule.")
            yield Static("c to cram · Esc to go back", classes="hint")
        yield KeyBar()

    def action_cram(self) -> None:
        """Cram the deck."""
        self.dismiss(True)

    def action_back(self) -> None:
        """Back to the decks."""
        self.dismiss(False)
