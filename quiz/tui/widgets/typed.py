"""`TypedView`: a text field for `recall` and `cloze` questions; Enter submits."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input, Static

from quiz.tui.widgets.base import QuestionView

HINT = "Enter checks · an empty answer means “I don't know” · Esc ends the session"


class AnswerField(Input):
    """The answer's text field: Enter checks (shown on the key bar); once the answer is sent,
    typing no longer changes it (the keys go on to the screen, which keeps them for what
    comes next)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "submit", "Check")]

    def on_mount(self) -> None:
        # A blinking cursor would make screenshots of the app differ from run to run. Set
        # here, not from the view's on_mount: a view mounted while its screen closes (the
        # other formats' views mount just after the first question shows, and "q" may come
        # then) has its Mount without its children, and a query for the field raised.
        self.cursor_blink = not self.app.is_headless

    async def _on_key(self, event: events.Key) -> None:
        view = self.parent
        if isinstance(view, QuestionView) and view.locked:
            event.prevent_default()  # not typed into the answer already sent; it bubbles on

    async def action_submit(self) -> None:
        """Send the answer at once (the view locks now, so a key pressed next is kept)."""
        view = self.parent
        if isinstance(view, QuestionView):
            view.submit(self.value)


class TypedView(QuestionView, can_focus=False):
    """The learner types the answer; an empty answer counts as "I don't know"."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "dont_know", "Don't know"),
    ]

    def compose(self) -> ComposeResult:
        """The field and a one-line hint under it."""
        yield AnswerField(placeholder="type your answer, Enter to check", id="answer-input")
        yield Static(HINT, classes="hint")

    def show(self, placeholder: str = "type your answer, Enter to check") -> None:
        """Clear the field for a new question."""
        self.reset()
        field = self.query_one(Input)
        field.value = ""
        field.placeholder = placeholder
        field.remove_class("-correct", "-close", "-wrong")

    @property
    def field(self) -> Input:
        """The field the answer is typed in (where the focus goes)."""
        return self.query_one(Input)

    def action_dont_know(self) -> None:
        """Give no answer: graded wrong, with the answer shown (as an empty answer is)."""
        self.submit("")

    def mark(self, verdict: str | None) -> None:
        """Freeze the field and colour it with the verdict."""
        super().mark(verdict)
        field = self.query_one(Input)
        if verdict:
            field.add_class(f"-{verdict}")
