"""quiz: fact decks in YAML turned into graded, scheduled quiz questions.

The public API (kept stable, see DESIGN.md)::

    deck = quiz.load_deck("decks/us-france.yaml")   # raises quiz.DeckError
    grade = quiz.grade(deck.fact("le-drian"), "le drian")
    q = quiz.make_question(deck, "le-drian", "choice", seed=7)

Names are imported lazily so that ``import quiz`` (and ``quiz --help``) stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Answer",
    "Deck",
    "DeckError",
    "Fact",
    "Grade",
    "Problem",
    "Question",
    "__version__",
    "grade",
    "load_deck",
    "make_question",
]

_LAZY = {
    "Answer": "quiz.facts",
    "Deck": "quiz.facts",
    "DeckError": "quiz.facts",
    "Fact": "quiz.facts",
    "Problem": "quiz.facts",
    "load_deck": "quiz.deck",
    "Grade": "quiz.grading",
    "grade": "quiz.grading",
    "Question": "quiz.questions",
    "make_question": "quiz.questions",
}

if TYPE_CHECKING:  # pragma: no cover
    from quiz.deck import load_deck
    from quiz.facts import Answer, Deck, DeckError, Fact, Problem
    from quiz.grading import Grade, grade
    from quiz.questions import Question, make_question


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'quiz' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
