"""`LoadingScreen`: a calm "Loading decks…" while the study service opens in the background."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Footer, Static


class LoadingScreen(Screen[None]):
    """Shown from launch until the decks and the score file are open."""

    def __init__(self, message: str = "Loading decks…") -> None:
        super().__init__()
        self._text = message

    def compose(self) -> ComposeResult:
        """A single centred line."""
        with Middle(), Center():
            yield Static(self._text, id="loading-message")
        yield Footer()
