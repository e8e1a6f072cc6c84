"""`TypedView`: a text field for `recall` and `cloze` questions; Enter submits."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Static

from quiz.tui.widgets.base import QuestionView

HINT = "Enter checks · an empty answer means “I don't know” · Esc ends the session"


class TypedView(QuestionView, can_focus=False):
    """The learner types the answer; an empty answer counts as "I don't know"."""

    def compose(self) -> ComposeResult:
        """The field and a one-line hint under it."""
        yield Input(placeholder="type your answer, Enter to check", id="answer-input")
        yield Static(HINT, classes="hint")

    def on_mount(self) -> None:
        # A blinking cursor would make screenshots of the app differ from run to run.
        self.query_one(Input).cursor_blink = not self.app.is_headless

    def show(self, placeholder: str = "type your answer, Enter to check") -> None:
        """Clear the field for a new question."""
        self.reset()
        field = self.query_one(Input)
        field.value = ""
        field.placeholder = placeholder
        field.remove_class("-correct", "-close", "-wrong")

    def focus_field(self) -> None:
        """Put the cursor in the field."""
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit(event.value)

    def mark(self, verdict: str | None) -> None:
        """Freeze the field and colour it with the verdict."""
        super().mark(verdict)
        field = self.query_one(Input)
        if verdict:
            field.add_class(f"-{verdict}")
