"""What the study screen asks of its session, each a step run on the store thread (the
screen's ``call``): the answer, a new rating, the next card, the decks read again after an
edit, undo, suspend or bury. Each returns what the screen shows next with the session's
progress, read on that thread as well."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quiz.study import Card, Outcome, Progress, Session


def answer(session: Session, response: Any, duration_ms: int) -> tuple[Outcome, Progress]:
    outcome = session.answer(response, duration_ms)
    return outcome, session.progress


def override(session: Session, rating: int) -> tuple[Outcome, Progress]:
    outcome = session.override(rating)
    return outcome, session.progress


def next_card(session: Session) -> tuple[Card | None, Progress]:
    # Between questions: deck files edited outside quiz are picked up (a stat per file when
    # none changed), so the next question is asked as the file now says.
    library = session.study.refresh()
    if library is not None:
        session.use_library(library)
    card = session.next()
    return card, session.progress


def reread(session: Session) -> tuple[Card | None, Progress, list[str]]:
    """Read the decks again after an edit: the card to ask now, and the session's decks' problems."""
    library = session.study.reload()
    files = {Path(d.path).resolve() for d in session.decks}
    problems = [str(p) for p in library.problems if Path(p.path).resolve() in files]
    card = session.use_library(library)
    return card, session.progress, problems


def undo(session: Session) -> tuple[Card | None, Progress]:
    card = session.undo()
    return card, session.progress


def set_aside(session: Session, how: str) -> tuple[Card | None, Progress]:
    if how == "suspend":
        session.suspend()
    else:
        session.bury()
    card = session.next()
    return card, session.progress
