"""`StyledWhenMounted`: a screen whose first showing does not style, lay out or draw again what
was just styled, laid out and drawn.

Textual styles each widget as it is mounted, then, when the screen is shown (`ScreenResume`),
styles the whole screen again: on a screen shown once mounted, as the study screen and the
loading screen are, that second pass finds what the first found a moment earlier (a change
of class, focus or theme restyles what it changes by itself), yet it was a fifth of the
study screen's first frame. Later showings (back from a dialog) restyle as Textual does.

The same showing lays the screen out and draws it whole; what its widgets asked for before
(a layout, a repaint: the messages they posted while being mounted) then came after that
frame, and the screen was laid out and drawn again, and again (the loading screen drew six
frames for one). A request made before the first layout began is dropped once it comes: that
layout and frame did it. So is the repaint of the whole screen Textual asks for right after
it, and the layout Textual's toast rack asked for as it was hidden again (already hidden by
its CSS; a notification shows it as before). A screen's and a `Line`'s new size no longer
asks for a layout of its own (`virtual_size`): the layout that gave it the size laid it out.

`WithoutTooltips`: a screen none of whose widgets has a tooltip does without Textual's
tooltip widget, composed, styled and laid out on every screen (Textual finds none, as
when tooltips are off).
"""

from __future__ import annotations

from textual import events, messages
from textual._time import get_time
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import Tooltip

TOAST_RACK = "#textual-toastrack"
"""Textual's container of notifications on every screen (`Screen._extend_compose`)."""


class StyledWhenMounted:
    """Mixed into a `Screen` (before it): its first `ScreenResume` keeps the styles its
    widgets were given as they were mounted, and asks for no layout or frame after its own."""

    _shown_before = False
    _layout_required: bool
    _repaint_required: bool
    """Textual's `Screen` flags of a layout or a repaint to come."""
    _first_layout_at = 0.0
    """When the first showing's layout began (Textual's clock, as a message's ``time``)."""
    _first_frame_at = 0.0
    """When its frame was drawn."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), repaint=False)
    """Textual's `Widget.virtual_size` without its layout (set by the screen's own layout)."""

    def on_mount(self) -> None:
        if not self.app._notifications:  # type: ignore[attr-defined]
            for rack in self.query_children(TOAST_RACK):  # type: ignore[attr-defined]
                rack.display = False

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if self._shown_before:
            return
        self._shown_before = True
        event.refresh_styles = False
        if self.outer_size != self.app.size:  # type: ignore[attr-defined]
            # Textual's `Screen._on_screen_resume` lays the screen out and draws it whole
            # now, for the app's size: what was asked for so far is in that frame.
            self._first_layout_at = get_time()
            self._layout_required = False
            self.call_next(self._first_frame_drawn)  # type: ignore[attr-defined]

    def _first_frame_drawn(self) -> None:
        # ... and then asks for a repaint of the whole screen, though nothing changed.
        self._repaint_required = False
        self._first_frame_at = get_time()

    def _on_layout(self, message: messages.Layout) -> None:
        if message.time < self._first_layout_at:
            message.stop()
            message.prevent_default()  # Textual's `Screen._on_layout` is not called

    def _on_update(self, message: messages.Update) -> None:
        if message.time < self._first_layout_at:
            message.stop()
            message.prevent_default()

    def _on_resize(self, event: events.Resize) -> None:
        # The app's size, sent as the screen was made and by its first layout: each laid the
        # screen out again at the size it has (a new size is laid out as Textual does).
        if event.time < self._first_frame_at and event.size == self.outer_size:  # type: ignore[attr-defined]
            event.stop()
            event.prevent_default()


class WithoutTooltips:
    """Mixed into a `Screen` (before it) none of whose widgets has a tooltip."""

    def _extend_compose(self, widgets: list[Widget]) -> None:
        super()._extend_compose(widgets)  # type: ignore[misc]
        widgets[:] = [widget for widget in widgets if not isinstance(widget, Tooltip)]
