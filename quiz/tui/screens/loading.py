"""`LoadingScreen`: a calm "Loading decks…" while the study service opens in the background."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen

from quiz.tui.firstshow import StyledWhenMounted, WithoutTooltips
from quiz.tui.widgets.blank import DrawnBlank
from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.line import Line


class LoadingScreen(DrawnBlank, StyledWhenMounted, WithoutTooltips, Screen[None]):
    """Shown from launch until the decks and the score file are open.

    Two widgets the study screen uses too (a `Line` centred in the screen, the `KeyBar`):
    the screen is drawn while the store thread opens the decks, and every widget class and
    style it adds takes time from that opening and from the first question's frame."""

    STYLED_AT_LAUNCH = True
    """Styled by the launch's styles alone (`quiz.tcss`; `Opening.push_screen`)."""

    def __init__(self, message: str = "Loading decks…") -> None:
        super().__init__()
        self._text = message

    def compose(self) -> ComposeResult:
        """A single centred line, and the keys that work (quit)."""
        yield Line(self._text, id="loading-message")
        yield KeyBar()
