"""`ConfirmScreen`: a yes-or-no question before something that cannot be taken back in one key."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from quiz.tui.widgets.keybar import KeyBar


class ConfirmScreen(ModalScreen[bool]):
    """Returns True on Enter or y, False on Esc or n."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,y", "answer(True)", "Yes"),
        Binding("escape,n", "answer(False)", "No"),
    ]

    def __init__(self, title: str, question: str, verb: str) -> None:
        super().__init__()
        self._title = title
        self._question = question
        self._verb = verb

    def compose(self) -> ComposeResult:
        """The question and its keys."""
        with Vertical(classes="dialog"):
            yield Static(self._title, classes="dialog-title")
            yield Static(Content(self._question))
            yield Static(f"Enter or y: {self._verb} · Esc or n: keep as it is", classes="hint")
        yield KeyBar()

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)
