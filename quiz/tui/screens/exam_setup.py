"""`ExamSetupScreen`: how many questions the exam should have, and how long it may take."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from quiz.tui.mounting import when_composed
from quiz.tui.widgets.keybar import KeyBar

MAX_MINUTES = 600
"""The longest time limit an exam may be given (ten hours)."""


class ExamSetupScreen(ModalScreen["tuple[int, int] | None"]):
    """Returns (questions, minutes), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Before the field's own Enter, so the key bar can show it.
        Binding("enter", "start", "Start", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, title: str, default: int, most: int, minutes: int = 10) -> None:
        super().__init__()
        self._deck_title = title
        self._most = max(1, most)
        self._default = max(1, min(default, self._most))
        self._minutes = max(1, min(minutes, MAX_MINUTES))

    def compose(self) -> ComposeResult:
        """The questions, the time limit, and the fields."""
        with Vertical(classes="dialog"):
            yield Static(Content.assemble("Exam: ", (self._deck_title, "bold")), classes="dialog-title")
            yield Static(Content(f"{self._default} questions in {self._minutes} minutes. Exams "
                                 "never change the schedule, and their answers are final (no "
                                 "undo); the score is kept."), id="exam-about")
            with Horizontal(classes="exam-field"):
                yield Label(f"Questions (1–{self._most})")
                yield Input(str(self._default), type="integer", id="exam-count")
            with Horizontal(classes="exam-field"):
                yield Label(f"Time limit, minutes (1–{MAX_MINUTES})")
                yield Input(str(self._minutes), type="integer", id="exam-minutes")
            yield Static("", id="exam-error", classes="error-line")
            yield Static("Enter to start · Tab next field · Esc to cancel", classes="hint")
        yield KeyBar()

    @when_composed
    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = not self.app.is_headless
        self.query_one("#exam-count", Input).focus()

    @staticmethod
    def _number(text: str) -> int:
        try:
            return int(text)
        except ValueError:
            return 0

    @on(Input.Changed)
    def _describe(self) -> None:
        count = self._number(self.query_one("#exam-count", Input).value)
        minutes = self._number(self.query_one("#exam-minutes", Input).value)
        if count > 0 and minutes > 0:
            self.query_one("#exam-about", Static).update(Content(
                f"{count} question{'s' if count != 1 else ''} in {minutes} minute"
                f"{'s' if minutes != 1 else ''}. Exams never change the schedule, and their "
                "answers are final (no undo); the score is kept."))

    def action_start(self) -> None:
        """Start the exam if both fields are valid, else say which is not."""
        count = self._number(self.query_one("#exam-count", Input).value)
        minutes = self._number(self.query_one("#exam-minutes", Input).value)
        error = self.query_one("#exam-error", Static)
        if not 1 <= count <= self._most:
            error.update(f"Questions: give a whole number from 1 to {self._most}.")
            self.query_one("#exam-count", Input).focus()
            return
        if not 1 <= minutes <= MAX_MINUTES:
            error.update(f"Time limit: give a whole number of minutes from 1 to {MAX_MINUTES}.")
            self.query_one("#exam-minutes", Input).focus()
            return
        self.dismiss((count, minutes))

    def action_cancel(self) -> None:
        """Back without an exam."""
        self.dismiss(None)
