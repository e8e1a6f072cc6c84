"""`MatchView`: pair each numbered line with a lettered one; a letter pairs the highlighted line.

Enter before every line has its pair says so in the view's own hint line, in the warning
colour, with the count kept up to date as lines are paired: a toast per Enter stacked over
the question at 80x24."""

from __future__ import annotations

import string
from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from quiz.tui.widgets.base import CURSOR, MUTED, VERDICT_BACKGROUND, QuestionView, option_line

WARNING = "bold $text-warning"
"""The hint line once Enter was pressed too early."""

MAX_PAIRS = 6
LETTERS = string.ascii_lowercase[:MAX_PAIRS]
HINT = ("Highlight a line (1–4 or ↑/↓), then press the letter that goes with it; "
        "Backspace unpairs, Enter submits.")
SHORT_HINT = "↑/↓ or 1–4 a line, then its letter; Enter submits"
"""The hint of the compact layout (a short terminal): one line."""


class MatchView(QuestionView):
    """Numbered lines on top, lettered answers below; Enter submits once every line has a pair."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        *(Binding(str(n), f"select({n - 1})", f"Line {n}", show=False)
          for n in range(1, MAX_PAIRS + 1)),
        *(Binding(letter, f"pair({i})", f"Pair with {letter}", show=False)
          for i, letter in enumerate(LETTERS)),
        Binding("backspace", "unpair", "Unpair"),
        Binding("enter", "done", "Submit pairs"),
    ]

    cursor: reactive[int] = reactive(0, init=False)
    """The highlighted numbered line (0-based)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._left: tuple[str, ...] = ()
        self._right: tuple[str, ...] = ()
        self._pairs: dict[int, int] = {}
        self._early = False
        """Enter was pressed before every line had a pair: the hint line says what is left."""

    @property
    def pairs(self) -> list[tuple[int, int]]:
        """The pairs made so far, as (numbered line, lettered answer), by line."""
        return sorted(self._pairs.items())

    def show(self, left: Sequence[str], right: Sequence[str]) -> None:
        """Ask for ``left`` lines to be paired with ``right`` answers."""
        self.reset()
        self._left = tuple(left)[:MAX_PAIRS]
        self._right = tuple(right)[:MAX_PAIRS]
        self._pairs = {}
        self._early = False
        self.set_reactive(MatchView.cursor, 0)
        self.refresh(layout=True)

    def render(self) -> Content:
        """The numbered lines with their pairs, the hint, then the lettered answers; when that
        is taller than the room the screen has (a short terminal), the compact layout."""
        lines = self._lines(compact=False)
        room = self._room()
        if room and len(Content("\n").join(lines).wrap(max(1, self.size.width))) > room:
            lines = self._lines(compact=True)
        return Content("\n").join(lines)

    def _room(self) -> int:
        """The lines the scrolling body shows from this view down (0 before any layout)."""
        body = self.parent
        if not isinstance(body, Widget) or not body.size.height:
            return 0
        return max(0, body.size.height - self.virtual_region.y)

    def _lines(self, compact: bool) -> list[Content]:
        """The view's lines. Compact (so every answer stays in sight): one line per numbered
        line but the highlighted one, which is shown whole, a one-line hint, no blank line."""
        width = self.size.width
        lines = []
        for index, text in enumerate(self._left):
            paired = self._pairs.get(index)
            if self.locked and self.verdict:
                style = VERDICT_BACKGROUND.get(self.verdict, "")
            elif index == self.cursor:
                style = CURSOR
            else:
                style = ""
            if compact:
                if paired is not None:
                    text = f"→ {LETTERS[paired]}  {text}"
                line = option_line(str(index + 1), text, style, width)
                if index != self.cursor or self.locked:
                    line = line.truncate(max(1, width), ellipsis=True)
            else:
                if paired is not None:
                    text = f"{text}  → {LETTERS[paired]}  {self._right[paired]}"
                line = option_line(str(index + 1), text, style, width)
            lines.append(line)
        missing = len(self._left) - len(self._pairs)
        if self._early and missing and not self.locked:
            hint = Content.styled(f" Pair every line first ({missing} left).", WARNING)
        else:
            hint = Content.styled(f" {SHORT_HINT if compact else HINT}", MUTED)
        if compact:
            lines.append(hint.truncate(max(1, width), ellipsis=True))
        else:
            lines.append(Content(""))
            lines.append(hint)
        used = set(self._pairs.values())
        for index, text in enumerate(self._right):
            lines.append(option_line(LETTERS[index], text, MUTED if index in used else ""))
        return lines

    def action_cursor(self, step: int) -> None:
        """Move the highlight among the numbered lines."""
        if not self.locked and self._left:
            self.cursor = (self.cursor + step) % len(self._left)

    def action_select(self, index: int) -> None:
        """Highlight numbered line ``index``."""
        if not self.locked and index < len(self._left):
            self.cursor = index

    def action_pair(self, answer: int) -> None:
        """Pair the highlighted line with answer ``answer``, then move to the next unpaired line."""
        if self.locked or answer >= len(self._right) or not self._left:
            return
        for item, other in list(self._pairs.items()):
            if other == answer:
                del self._pairs[item]
        self._pairs[self.cursor] = answer
        unpaired = [i for i in range(len(self._left)) if i not in self._pairs]
        after = [i for i in unpaired if i > self.cursor]
        if after or unpaired:
            self.cursor = (after or unpaired)[0]
        self.refresh(layout=True)

    def action_unpair(self) -> None:
        """Take back the pair of the highlighted line."""
        if not self.locked:
            self._pairs.pop(self.cursor, None)
            self.refresh(layout=True)

    def action_done(self) -> None:
        """Submit the pairs once every line has one."""
        if self.locked:
            return
        if len(self._pairs) < len(self._left):
            self._early = True  # said in the hint line (`_lines`), once, however often pressed
            self.refresh(layout=True)
            return
        self.submit(self.pairs)
