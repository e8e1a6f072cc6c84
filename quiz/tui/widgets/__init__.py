"""Widgets of the study app: one answering widget per question format, and the panels around them."""

from __future__ import annotations

from quiz.tui.widgets.base import QuestionView
from quiz.tui.widgets.choice import ChoiceView, TrueFalseView
from quiz.tui.widgets.deck_table import DeckTable
from quiz.tui.widgets.feedback import FeedbackPanel
from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.line import Line
from quiz.tui.widgets.match import MatchView
from quiz.tui.widgets.order import OrderView
from quiz.tui.widgets.status import StudyStatus
from quiz.tui.widgets.typed import TypedView

__all__ = [
    "ChoiceView",
    "DeckTable",
    "FeedbackPanel",
    "KeyBar",
    "Line",
    "MatchView",
    "OrderView",
    "QuestionView",
    "StudyStatus",
    "TrueFalseView",
    "TypedView",
]
