"""The screens of the study app, one per module; each takes plain values and returns a typed result."""

from __future__ import annotations

from quiz.tui.screens.deck_errors import DeckErrorsScreen
from quiz.tui.screens.error import ErrorScreen
from quiz.tui.screens.exam_setup import ExamSetupScreen
from quiz.tui.screens.help import HelpScreen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.loading import LoadingScreen
from quiz.tui.screens.nothing_due import NothingDueScreen
from quiz.tui.screens.settings import SettingsScreen
from quiz.tui.screens.study import StudyScreen
from quiz.tui.screens.summary import SummaryScreen
from quiz.tui.screens.welcome import WelcomeScreen

__all__ = [
    "DeckErrorsScreen",
    "ErrorScreen",
    "ExamSetupScreen",
    "HelpScreen",
    "HomeScreen",
    "LoadingScreen",
    "NothingDueScreen",
    "SettingsScreen",
    "StudyScreen",
    "SummaryScreen",
    "WelcomeScreen",
]
