"""The study app (Textual). `QuizApp` is the one factory: ``QuizApp(decks_dir=..., scores_dir=...)``."""

from __future__ import annotations

from quiz.tui.app import QuizApp

__all__ = ["QuizApp"]
