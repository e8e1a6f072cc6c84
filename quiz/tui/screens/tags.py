"""`TagsScreen`: which tags to study — a session over every deck, only facts with these tags."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from quiz.tui.mounting import when_composed
from quiz.tui.widgets.keybar import KeyBar


class TagsScreen(ModalScreen["list[str] | None"]):
    """Returns the tags typed (at least one), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Before the field's own Enter, so the key bar can show it.
        Binding("enter", "start", "Study", priority=True),
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
        yield KeyBar()

    @when_composed
    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.cursor_blink = not self.app.is_headless
        field.focus()

    def action_start(self) -> None:
        """Study the tags typed, if any."""
        tags = [t for t in self.query_one("#tags", Input).value.replace(",", " ").split() if t]
        if not tags:
            self.query_one("#tags-error", Static).update("Type at least one tag.")
            return
        self.dismiss(tags)

    def action_cancel(self) -> None:
        """Back without a session."""
        self.dismiss(None)
