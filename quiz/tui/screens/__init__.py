"""The screens of the study app, one per module; each takes plain values and returns a typed result.

Importing one screen's module does not import the others (`from quiz.tui.screens import X`
loads X's module on first use): the app loads only the screens it shows, when it shows them.
"""

from __future__ import annotations

from quiz.tui.lazy import lazy_exports

MODULES = {
    "DeckErrorsScreen": "deck_errors",
    "ErrorScreen": "error",
    "ExamSetupScreen": "exam_setup",
    "HelpScreen": "help",
    "HomeScreen": "home",
    "LoadingScreen": "loading",
    "NothingDueScreen": "nothing_due",
    "SettingsScreen": "settings",
    "StudyScreen": "study",
    "SummaryScreen": "summary",
    "WelcomeScreen": "welcome",
}
"""Each screen's class, by the module that defines it."""

__all__ = sorted(MODULES)

__getattr__ = lazy_exports(__name__, MODULES)
