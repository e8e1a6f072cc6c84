"""`StyledWhenMounted`: a screen whose first showing does not style again what was just styled.

Textual styles each widget as it is mounted, then, when the screen is shown (`ScreenResume`),
styles the whole screen again: on a screen shown once mounted, as the study screen and the
loading screen are, that second pass finds what the first found a moment earlier (a change
of class, focus or theme restyles what it changes by itself), yet it was a fifth of the
study screen's first frame. Later showings (back from a dialog) restyle as Textual does.
"""

from __future__ import annotations

from textual import events


class StyledWhenMounted:
    """Mixed into a `Screen` (before it): its first `ScreenResume` keeps the styles its
    widgets were given as they were mounted."""

    _shown_before = False

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._shown_before:
            self._shown_before = True
            event.refresh_styles = False
