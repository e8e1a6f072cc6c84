"""`KeyBar`: the keys that work now, on one line, laid out by priority.

Textual's `Footer` rebuilds a widget per key whenever the bindings change; the study screen
changes them (focus moves between the question and the feedback) twice per question, which
cost tens of milliseconds each time. `KeyBar` draws the same list as a single `Line` of text.

When the keys do not fit, they go by priority, never cut mid-label: first the screen's other
keys (from the last one back), then the focused widget's own keys and the way out (`End`,
`Back`), while Help and Quit always stay: `?` lists every key.

Dialogs have one too: a `ModalScreen`'s active bindings stop at the dialog, so its bar shows
the dialog's keys and covers the bar of the screen behind it, which would otherwise show
through greyed out (keys that do nothing while the dialog is up).
"""

from __future__ import annotations

from textual.content import Content

from quiz.tui.widgets.line import Line

KEPT = ("help", "app.quit", "quit")
"""Actions whose keys always stay on the bar."""
WAYS_OUT = ("end", "back", "close", "cancel")
"""Actions that leave the screen: they stay as long as the focused widget's keys do."""

Chip = tuple[Content, int]
"""A key and its label, with its rank: 0 always shown, 1 dropped last, 2 dropped first."""


def fit(chips: list[Chip], width: int) -> list[Chip]:
    """The chips that fit in ``width`` cells: the highest rank goes first, last one first."""
    chips = list(chips)
    while sum(c.cell_length for c, _ in chips) > width:
        droppable = [(rank, i) for i, (_, rank) in enumerate(chips) if rank]
        if not droppable:
            break
        del chips[max(droppable)[1]]
    return chips


class KeyBar(Line):
    """The screen's active, shown key bindings: focused widget first, then the screen's."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        background: $footer-background;
    }
    """

    _stale = False
    """The screen's bindings changed since the keys were last laid out (`_bindings_changed`)."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed,
                                                      immediate=True)
        # Laid out now, for the app's width: the screen's first frame shows the keys. Laid
        # out on the first resize, they came in a second frame, after one with an empty bar.
        self.update_keys()

    def _bindings_changed(self, _: object) -> None:
        """The keys are laid out again once the handler that changed the bindings is done:
        once for several changes (a question shown moves the focus, then its screen's
        phase, which lays the keys out itself), each of which laid them out (~700 Python
        calls) as Textual called the bar back for it."""
        if not self._stale:
            self._stale = True
            self.call_next(self._update_if_stale)

    def _update_if_stale(self) -> None:
        if self._stale:
            self.update_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    _width = 0
    """The width the keys were last laid out for."""

    def on_resize(self) -> None:
        # The keys are laid out for the app's width before the bar has a size of its own:
        # the first layout's resize changes nothing on a bar as wide as the app.
        if self.size.width != self._width:
            self.update_keys()

    def update_keys(self) -> None:
        """Read the screen's active bindings and draw those that fit, by priority."""
        self._stale = False
        app = self.app
        screen = self.screen
        chips: list[Chip] = []
        seen: set[str] = set()
        hides = getattr(screen, "hides", None)
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not active.enabled or binding.description in seen:
                continue
            if hides is not None and hides(binding.action):
                continue
            seen.add(binding.description)
            key = binding.key_display or app.get_key_display(binding)
            if binding.action in KEPT:
                rank = 0
            elif binding.action in WAYS_OUT or active.node not in (screen, app):
                rank = 1
            else:
                rank = 2
            chips.append((Content.assemble(
                (f" {key} ", "bold $footer-key-foreground on $footer-key-background"),
                (f"{binding.description} ", "$footer-description-foreground")), rank))
        width = self._width = self.size.width or app.size.width
        self.show(Content("").join(c for c, _ in fit(chips, width)))
