"""`DeckErrorsScreen`: every problem of the decks that could not be loaded, as file:line:col."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from quiz.tui.widgets.keybar import KeyBar


class DeckErrorsScreen(ModalScreen[None]):
    """The full list of deck problems; the other decks can still be studied."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,p", "close", "Close"),
    ]

    def __init__(self, problems: Sequence[str], hint: str | None = None) -> None:
        super().__init__()
        self._problems = list(problems)
        self._hint = hint or ("Fix the file and save it: quiz reads it again by itself "
                              "(`quiz validate FILE` checks it).")

    def compose(self) -> ComposeResult:
        """The dialog with a scrolling list."""
        count = len(self._problems)
        with Vertical(classes="dialog wide-dialog"):
            yield Static(f"{count} problem{'s' if count != 1 else ''} in the decks",
                         classes="dialog-title")
            with VerticalScroll(id="problem-list"):
                for problem in self._problems:
                    yield Static(Content(problem), classes="problem")
            yield Static(f"{self._hint} Esc to close.", classes="hint")
        yield KeyBar()

    def action_close(self) -> None:
        """Close the list."""
        self.dismiss(None)
