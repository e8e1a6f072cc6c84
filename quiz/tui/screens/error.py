"""`ErrorScreen`: a modal that says what went wrong in words a learner can act on."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from quiz.tui.widgets.keybar import KeyBar


class ErrorScreen(ModalScreen[None]):
    """A title and a message; Enter or Esc closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape", "close", "Close"),
    ]

    def __init__(self, title: str, message: str, closing: str = "Enter or Esc to close") -> None:
        super().__init__()
        self._heading = title
        self._text = message
        self._way_out = closing

    def compose(self) -> ComposeResult:
        """The dialog."""
        with Vertical(classes="dialog error-dialog"):
            yield Static(Content(self._heading), classes="dialog-title")
            yield Static(Content(self._text), id="error-message")
            yield Static(Content(self._way_out), classes="hint")
        yield KeyBar()

    def action_close(self) -> None:
        """Close the dialog."""
        self.dismiss(None)


class FatalErrorScreen(ErrorScreen):
    """An error the app cannot go on from: closing it quits, and its key says so."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape", "close", "Quit"),
    ]

    def __init__(self, title: str, message: str) -> None:
        super().__init__(title, message, "Enter to quit")
