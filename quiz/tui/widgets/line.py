"""`Line`: a one-line widget whose text changes often (titles, status, keys).

`Static.update` asks for a new layout of the whole screen each time, as the new text may
change the widget's size; a `Line` has a fixed height of one, so a change only repaints it.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widget import Widget


class Line(Widget):
    """One line of `Content`; `show` replaces it and repaints."""

    DEFAULT_CSS = """
    Line {
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), repaint=False)
    """Textual's `Widget.virtual_size` without its layout and repaint: the screen's layout
    sets it (a line has no children to lay out) and draws the line at its new size, yet each
    new size asked the screen for a second layout and frame right after."""

    def __init__(self, content: Content | str = "", *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._content = Content(content) if isinstance(content, str) else content

    @property
    def content(self) -> Content:
        """What the line shows."""
        return self._content

    def show(self, content: Content | str) -> None:
        """Show ``content`` (a plain string is never read as markup)."""
        content = Content(content) if isinstance(content, str) else content
        if content != self._content:
            self._content = content
            self.refresh()

    def render(self) -> Content:
        """The line."""
        return self._content
