"""`KeyBar`: the keys that work now, on one line, laid out by priority.

Textual's `Footer` rebuilds a widget per key whenever the bindings change; the study screen
changes them (focus moves between the question and the feedback) twice per question, which
cost tens of milliseconds each time. `KeyBar` draws the same list as a single `Line` of text.
When the keys do not fit, Help and Quit stay and the keys before them go (from the last
one back): `?` lists every key.
"""

from __future__ import annotations

from textual.content import Content

from quiz.tui.widgets.line import Line

KEPT = ("help", "app.quit", "quit")
"""Actions whose keys always stay on the bar."""


class KeyBar(Line):
    """The screen's active, shown key bindings: focused widget first, then the screen's."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        background: $footer-background;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, lambda _: self.update_keys())

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        self.update_keys()

    def update_keys(self) -> None:
        """Read the screen's active bindings and draw those that fit, by priority."""
        app = self.app
        chips: list[tuple[Content, bool]] = []
        seen: set[str] = set()
        hides = getattr(self.screen, "hides", None)
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not active.enabled or binding.description in seen:
                continue
            if hides is not None and hides(binding.action):
                continue
            seen.add(binding.description)
            key = binding.key_display or app.get_key_display(binding)
            chips.append((Content.assemble(
                (f" {key} ", "bold $footer-key-foreground on $footer-key-background"),
                (f"{binding.description} ", "$footer-description-foreground")),
                binding.action in KEPT))
        width = self.size.width or app.size.width
        while sum(c.cell_length for c, _ in chips) > width:
            droppable = [i for i, (_, kept) in enumerate(chips) if not kept]
            if not droppable:
                break
            del chips[droppable[-1]]
        self.show(Content("").join(c for c, _ in chips))
