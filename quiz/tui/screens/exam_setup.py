"""`ExamSetupScreen`: how many questions the exam should have."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class ExamSetupScreen(ModalScreen[int | None]):
    """Returns the number of questions, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, title: str, default: int, most: int) -> None:
        super().__init__()
        self._deck_title = title
        self._most = max(1, most)
        self._default = max(1, min(default, self._most))

    def compose(self) -> ComposeResult:
        """The question and the field."""
        with Vertical(classes="dialog"):
            yield Static(Content.assemble("Exam: ", (self._deck_title, "bold")), classes="dialog-title")
            yield Static(Content(f"How many questions? (1–{self._most}) Exams never change "
                                 "the schedule; the score is kept."))
            yield Input(str(self._default), type="integer", id="exam-count")
            yield Static("", id="exam-error", classes="error-line")
            yield Static("Enter to start · Esc to cancel", classes="hint")

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.cursor_blink = not self.app.is_headless
        field.focus()

    @on(Input.Submitted)
    def _start(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            count = int(event.value)
        except ValueError:
            count = 0
        if not 1 <= count <= self._most:
            self.query_one("#exam-error", Static).update(
                f"Give a whole number from 1 to {self._most}.")
            return
        self.dismiss(count)

    def action_cancel(self) -> None:
        """Back without an exam."""
        self.dismiss(None)
