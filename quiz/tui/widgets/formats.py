"""Which widget answers each question format, and the question's texts in the form the widget
shows them (and its answer in the form the question checks)."""

from __future__ import annotations

from typing import Any

from textual.content import Content

from quiz.facts import BLANK_SHOWN

VIEWS: dict[str, tuple[str, str]] = {
    "choice": ("choice", "ChoiceView"), "truefalse": ("truefalse", "TrueFalseView"),
    "recall": ("typed", "TypedView"), "cloze": ("typed", "TypedView"),
    "order": ("order", "OrderView"), "match": ("match", "MatchView")}
"""Each format's answering widget: its id and its class in `quiz.tui.widgets`. The screen is
composed with the first question's widget only (the first frame waits for no other, nor for
the others' modules: creating their Textual classes costs ~0.5-1 ms each); the others are
imported and mounted, hidden, once it is drawn, and stay."""
CHOICES = ("choice", "truefalse")
"""The ids of the widgets that answer by choosing an option (`ChoiceView`s)."""


def view_for(format: str) -> tuple[str, str]:
    """The id and class of the widget that answers ``format``."""
    return VIEWS.get(format, VIEWS["recall"])


def prompt_content(text: str) -> Content:
    """The prompt with the hidden blank of a cloze standing out."""
    parts: list[str | tuple[str, str]] = []
    for index, piece in enumerate(text.split(BLANK_SHOWN)):
        if index:
            parts.append((BLANK_SHOWN, "bold $accent"))
        parts.append(piece)
    return Content.assemble(*parts)


def match_sides(question: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A `match` question as the view shows it: the facts numbered, the names lettered."""
    return tuple(question.items), tuple(question.options)


def checked_response(question: Any, response: Any) -> Any:
    """The view's response in the form the question checks (match pairs are name → fact)."""
    if question.format == "match":
        return [(name, fact) for fact, name in response]
    return response
