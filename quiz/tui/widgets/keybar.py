"""`KeyBar`: the keys that work now, on one line, for screens that change them at every key.

Textual's `Footer` rebuilds a widget per key whenever the bindings change; the study screen
changes them (focus moves between the question and the feedback) twice per question, which
cost tens of milliseconds each time. `KeyBar` draws the same list as a single `Line` of text.
"""

from __future__ import annotations

from textual.content import Content

from quiz.tui.widgets.line import Line


class KeyBar(Line):
    """The screen's active, shown key bindings: focused widget first, then the screen's."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        background: $footer-background;
    }
    """

    def update_keys(self) -> None:
        """Read the screen's active bindings and draw them."""
        app = self.app
        parts: list[Content] = []
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not active.enabled or binding.description in seen:
                continue
            seen.add(binding.description)
            key = binding.key_display or app.get_key_display(binding)
            parts.append(Content.assemble(
                (f" {key} ", "bold $footer-key-foreground on $footer-key-background"),
                (f"{binding.description} ", "$footer-description-foreground")))
        self.show(Content("").join(parts))
