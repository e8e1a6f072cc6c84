"""`TagsScreen`: which tags to study — a session over every deck, only facts with these tags."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class TagsScreen(ModalScreen["list[str] | None"]):
    """Returns the tags typed (at least one), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, known: Sequence[str]) -> None:
        super().__init__()
        self._known = sorted(set(known))

    def compose(self) -> ComposeResult:
        """The question, the tags there are, and the field."""
        with Vertical(classes="dialog"):
            yield Static("Study by tag", classes="dialog-title")
            yield Static(Content(
                "Facts with any of these tags (a deck's tags count for all its facts), due "
                "or new, from every deck. Tags: " + (", ".join(self._known) or "none yet")))
            yield Input(placeholder="tags, separated by spaces or commas", id="tags")
            yield Static("", id="tags-error", classes="error-line")
            yield Static("Enter to study · Esc to cancel", classes="hint")

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.cursor_blink = not self.app.is_headless
        field.focus()

    @on(Input.Submitted)
    def _start(self, event: Input.Submitted) -> None:
        event.stop()
        tags = [t for t in event.value.replace(",", " ").split() if t]
        if not tags:
            self.query_one("#tags-error", Static).update("Type at least one tag.")
            return
        self.dismiss(tags)

    def action_cancel(self) -> None:
        """Back without a session."""
        self.dismiss(None)
