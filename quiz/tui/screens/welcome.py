"""`WelcomeScreen`: the first run greets the learner and offers a deck to start with, in one key."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from quiz.tui.widgets.keybar import KeyBar


class WelcomeScreen(ModalScreen[bool]):
    """Returns True when the learner starts the offered deck, False to look around first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start"),
        Binding("escape", "later", "Look around"),
    ]

    def __init__(self, title: str, cards: int) -> None:
        super().__init__()
        self._deck_title = title
        self._cards = cards

    def compose(self) -> ComposeResult:
        """The greeting."""
        with Vertical(classes="dialog"):
            yield Static("Welcome to quiz", classes="dialog-title")
            yield Static(Content(
                "quiz asks you questions about the facts in a deck, checks your answers "
                "itself and brings each fact back just before you would forget it."))
            yield Static(Content.assemble(
                "To begin, try ", (self._deck_title, "bold"), f" ({self._cards} cards)."),
                id="welcome-offer")
            yield Static("Enter to start · Esc to look around first", classes="hint")
        yield KeyBar()

    def action_start(self) -> None:
        """Start studying the offered deck."""
        self.dismiss(True)

    def action_later(self) -> None:
        """Go to the home screen."""
        self.dismiss(False)
