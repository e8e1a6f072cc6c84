"""What every answering widget shares: the `Answered` message, locking, and drawing option lines.

Each answering widget draws all its lines itself, as one `Content`, rather than holding a
widget per option: a new question then costs one repaint, not a restyle of many widgets,
which keeps a key press to the next question within a frame or two.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.message import Message
from textual.reactive import reactive, var
from textual.widget import Widget

CURSOR = "on $primary 40%"
"""The highlighted option."""
GRABBED = "bold reverse"
"""An item being moved (order questions)."""
RIGHT = "bold $text-success"
"""The right option, once answered."""
MUTED = "$text-muted"
VERDICT_BACKGROUND: dict[str, str] = {
    "correct": "on $success 30%",
    "close": "on $warning 30%",
    "wrong": "on $error 30%",
}


def option_line(label: str, text: str, style: str = "", width: int = 0) -> Content:
    """One option: its key label and text, styled, padded to ``width`` so a highlight spans
    the line (the text is never read as markup)."""
    line = Content.assemble((f" {label:>2}  ", "bold"), text)
    if width > line.cell_length:
        line = Content.assemble(line, " " * (width - line.cell_length))
    return line.stylize(style) if style else line


class QuestionView(Widget, can_focus=True):
    """A widget that takes the learner's answer to one question and posts `Answered`."""

    DEFAULT_CSS = """
    QuestionView {
        height: auto;
    }
    """

    class Answered(Message):
        """The learner committed an answer."""

        def __init__(self, response: Any) -> None:
            self.response = response
            """The response in the form the view collects it (see `StudyScreen`)."""
            super().__init__()

    locked: var[bool] = var(False, init=False)
    """True once answered: keys no longer change the answer. (No repaint of its own: a frame
    drawn while the answer is on its way would hold back the feedback's frame.)"""

    verdict: reactive[str | None] = reactive(None, init=False)
    """The verdict on the answer, once known ("correct", "close", "wrong")."""

    def reset(self) -> None:
        """Unlock for a new question (subclasses show the question in their ``show``)."""
        self.set_reactive(QuestionView.locked, False)
        self.set_reactive(QuestionView.verdict, None)

    def unlock(self) -> None:
        """Let the learner answer again (the answer could not be saved)."""
        self.locked = False
        self.refresh()

    def mark(self, verdict: str | None) -> None:
        """Freeze the answer and show the verdict."""
        self.locked = True
        self.verdict = verdict
        self.refresh()

    def submit(self, response: Any) -> None:
        """Post the learner's answer, once."""
        if not self.locked:
            self.locked = True
            self.post_message(self.Answered(response))
