"""`DrawnBlank`: a screen or container drawn as blank lines at once.

Textual draws every line of a widget through its styles (border, padding, content, tint,
line filters), a blank one too: the study screen's background and its scrolling body, which
have neither border nor content of their own, were a third of the Python calls of the
question's first frame (some 200 a line). `DrawnBlank` draws them as the blank lines Textual
would draw, in the same style (the background, as Textual draws padding), through the same
line filters (NO_COLOR's among them): the screen looks the same. A widget styled with
anything that makes its lines not blank (a border, an outline, a hatch, a tint, opacity,
keylines, a see-through screen) is drawn by Textual as before.
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.strip import Strip
from textual.style import Style


class DrawnBlank:
    """Mixed into a widget (before it) with no content of its own to draw."""

    def render_lines(self, crop: Region) -> list[Strip]:
        """Textual's `Widget.render_lines`: blank lines of the widget's background."""
        if not self._drawn_blank():
            return super().render_lines(crop)  # type: ignore[misc]
        base_background, background = self.background_colors  # type: ignore[attr-defined]
        strip = Strip.blank(crop.width, Style(background=base_background + background).rich_style)
        for line_filter in self.get_line_filters():  # type: ignore[attr-defined]
            strip = strip.apply_filter(line_filter, background)
        return [strip] * crop.height

    def _drawn_blank(self) -> bool:
        """Whether the widget's lines are blank as styled (else Textual draws them)."""
        styles = self.styles  # type: ignore[attr-defined]
        if any(edge for edge, _ in styles.border) or any(edge for edge, _ in styles.outline):
            return False
        if styles.tint.a or styles.opacity < 1 or styles.keyline[0] != "none":
            return False
        if styles.has_rule("hatch") and styles.hatch != "none":
            return False
        # A screen whose background is see-through draws the screen under it.
        return not (self is self.screen and styles.background.a < 1)  # type: ignore[attr-defined]


class BlankScroll(DrawnBlank, VerticalScroll):
    """A `VerticalScroll` drawn as blank lines: only what it holds has content."""
