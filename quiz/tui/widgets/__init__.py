"""Widgets of the study app: one answering widget per question format, and the panels around them.

Importing one widget's module does not import the others (`from quiz.tui.widgets import X`
loads X's module on first use): the study screen needs no deck table, home no question views.
"""

from __future__ import annotations

from quiz.tui.lazy import lazy_exports

MODULES = {
    "BlankScroll": "blank",
    "ChoiceView": "choice",
    "DeckTable": "deck_table",
    "FeedbackPanel": "feedback",
    "KeyBar": "keybar",
    "Line": "line",
    "MatchView": "match",
    "OrderView": "order",
    "QuestionView": "base",
    "StudyStatus": "status",
    "TrueFalseView": "choice",
    "TypedView": "typed",
}
"""Each widget's class, by the module that defines it."""

__all__ = sorted(MODULES)

__getattr__ = lazy_exports(__name__, MODULES)
