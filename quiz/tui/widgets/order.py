"""`OrderView`: put a few items in order; the highlighted item moves with Shift+↑/↓ (or k/j),
or Space grabs it and the arrows carry it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.reactive import reactive

from quiz.tui.widgets.base import CURSOR, GRABBED, VERDICT_BACKGROUND, QuestionView, option_line


class OrderView(QuestionView):
    """A short list the learner reorders; Enter submits the order shown."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        # One chip for both on the key bar: "⇧↑↓ Move".
        Binding("shift+up,k", "shift(-1)", "Move", key_display="⇧↑↓"),
        Binding("shift+down,j", "shift(1)", "Move down", show=False),
        Binding("space", "grab", "Grab/drop"),
        Binding("enter", "done", "Submit order"),
    ]

    cursor: reactive[int] = reactive(0, init=False)
    """The highlighted position (0-based)."""

    grabbed: reactive[bool] = reactive(False, init=False)
    """True while the highlighted item travels with the cursor (Space grabs and drops)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._items: tuple[str, ...] = ()
        self._order: list[int] = []

    @property
    def order(self) -> list[int]:
        """The item indexes (as the question gave them) in the order shown now."""
        return list(self._order)

    def show(self, items: Sequence[str]) -> None:
        """Ask for these items to be put in order (they arrive shuffled)."""
        self.reset()
        self._items = tuple(items)
        self._order = list(range(len(self._items)))
        self.set_reactive(OrderView.grabbed, False)
        self.set_reactive(OrderView.cursor, 0)
        self.refresh(layout=True)

    def render(self) -> Content:
        """The items in the learner's order, numbered; the whole list in the verdict's colour
        once answered."""
        width = self.size.width
        lines = []
        for position, item in enumerate(self._order):
            if self.locked and self.verdict:
                style = VERDICT_BACKGROUND.get(self.verdict, "")
            elif position == self.cursor:
                style = f"{CURSOR} {GRABBED}" if self.grabbed else CURSOR
            else:
                style = ""
            lines.append(option_line(f"{position + 1}.", self._items[item], style, width))
        return Content("\n").join(lines)

    def action_cursor(self, step: int) -> None:
        """Move the highlight; a grabbed item moves with it."""
        if self.locked or not self._order:
            return
        if self.grabbed:
            self.action_shift(step)
        else:
            self.cursor = (self.cursor + step) % len(self._order)

    def action_shift(self, step: int) -> None:
        """Swap the highlighted item with its neighbour above (-1) or below (+1)."""
        if self.locked:
            return
        target = self.cursor + step
        if 0 <= target < len(self._order):
            order = self._order
            order[self.cursor], order[target] = order[target], order[self.cursor]
            self.cursor = target
            self.refresh()

    def action_grab(self) -> None:
        """Grab the highlighted item (the arrows then move it), or drop it."""
        if not self.locked:
            self.grabbed = not self.grabbed

    def action_done(self) -> None:
        """Submit the order shown."""
        self.grabbed = False
        self.submit(self.order)
