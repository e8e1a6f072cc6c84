"""`ChoiceView` (numbered options: 1–4, or arrows and Enter) and `TrueFalseView` (t/f, y/n)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.reactive import reactive

from quiz.tui.widgets.base import CURSOR, RIGHT, VERDICT_BACKGROUND, QuestionView, option_line

MAX_OPTIONS = 6


class ChoiceView(QuestionView):
    """Pick one of a few options by its number, or move the highlight and press Enter."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("enter", "pick", "Answer"),
        *(Binding(str(n), f"choose({n - 1})", f"Option {n}", show=False)
          for n in range(1, MAX_OPTIONS + 1)),
    ]

    cursor: reactive[int] = reactive(0, init=False)
    """The highlighted option (0-based)."""

    labels: ClassVar[tuple[str, ...]] = tuple(str(n) for n in range(1, MAX_OPTIONS + 1))

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._options: tuple[str, ...] = ()
        self._right: int | None = None

    @property
    def options(self) -> tuple[str, ...]:
        """The options shown."""
        return self._options

    def show(self, options: Sequence[str]) -> None:
        """Ask a new question with these options."""
        self.reset()
        self._options = tuple(options)[:MAX_OPTIONS]
        self._right = None
        self.set_reactive(ChoiceView.cursor, 0)
        self.refresh(layout=True)

    def render(self) -> Content:
        """One line per option; after the answer, the pick in the verdict's colour and the
        right option in green."""
        width = self.size.width
        lines = []
        for index, text in enumerate(self._options):
            style = ""
            if self.locked and index == self.cursor and self.verdict:
                style = VERDICT_BACKGROUND.get(self.verdict, "")
            elif index == self.cursor:
                style = CURSOR
            if index == self._right:
                style = f"{style} {RIGHT}"
            lines.append(option_line(self.labels[index], text, style, width))
        return Content("\n").join(lines)

    def action_move(self, step: int) -> None:
        """Move the highlight up or down."""
        if not self.locked and self._options:
            self.cursor = (self.cursor + step) % len(self._options)

    def action_choose(self, index: int) -> None:
        """Answer with the option at ``index``."""
        if self.locked or index >= len(self._options):
            return
        self.set_reactive(ChoiceView.cursor, index)  # drawn with the feedback
        self.submit(index)

    def action_pick(self) -> None:
        """Answer with the highlighted option."""
        self.action_choose(self.cursor)

    def reveal(self, right: int | None) -> None:
        """Mark the right option (after the answer)."""
        self._right = right
        self.refresh()


class TrueFalseView(ChoiceView):
    """True or false: t or y for True, f or n for False (1 and 2, arrows and Enter work too)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "choose(0)", "True"),
        Binding("f", "choose(1)", "False"),
        Binding("y", "choose(0)", "Yes", show=False),
        Binding("n", "choose(1)", "No", show=False),
        Binding("left", "move(-1)", "Left", show=False),
        Binding("right", "move(1)", "Right", show=False),
    ]

    labels: ClassVar[tuple[str, ...]] = ("t", "f")
