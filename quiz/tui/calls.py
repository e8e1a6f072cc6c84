"""What the app asks of the study service, each run on the store thread (`StoreThread`).

Each function takes the service and returns plain values for a screen: the home screen's
figures, a started session with its first card, the damaged-file message. `QuizApp` awaits
them through `StoreThread.call`, so none of them runs on the event loop.
"""

from __future__ import annotations

from concurrent.futures import Future
from datetime import datetime
from pathlib import Path
from threading import Event
from typing import TYPE_CHECKING

from quiz.frozen import Record

if TYPE_CHECKING:
    from quiz.clock import Clock
    from quiz.errors import StoreError
    from quiz.study import Card, DeckOverview, Progress, Session, Study


class Today(Record):
    """Today's figures for the home screen's side panel."""

    answered: int
    """Answers given so far this study day, in every mode."""
    next_due: datetime | None
    """When the next card of any deck falls due."""


class HomeData(Record):
    """What the home screen shows, read on the store thread. (These are `NamedTuple`s: a
    dataclass would compile its methods while the app starts.)"""

    decks: list[DeckOverview]
    problems: list[str]
    first_run: bool
    exam_default: int
    exam_minutes: int
    now: datetime
    today: Today
    tags: list[str]


def damaged_message(study: Study, damage: list[str]) -> str:
    """What the damaged-file screen says: where, what (the first problems), the way out."""
    from quiz.errors import WAY_OUT

    shown = "; ".join(damage[:3]) + (f" (and {len(damage) - 3} more)" if len(damage) > 3 else "")
    return (f"The score file {study.score_file} is damaged: {shown}. Nothing was changed in "
            f"it. To go on, {WAY_OUT}.")


def missing_deck(study: Study, name: str, decks_dir: Path) -> str:
    """Why the deck ``name`` named on the command line cannot be studied: its problems, or
    the decks there are."""
    broken = [p for p in study.library.broken if name in (p.stem, p.name, str(p))]
    if broken:
        problems = [str(p) for p in study.library.problems
                    if any(str(p).startswith(str(b)) for b in broken)]
        return f"The deck {name} has problems and cannot be studied:\n" + "\n".join(problems)
    names = ", ".join(d.id for d in study.library.decks) or "none"
    return f"There is no deck named {name} in {decks_dir} (decks there: {names})."


def open_study(decks_dir: Path, scores_dir: Path, clock: Clock | None, first: str | None) -> Study:
    from quiz.study import Study  # the domain's imports load here, off the event loop

    return Study.open(decks_dir, scores_dir, clock, first=first)


class First(Record):
    """What the store thread did towards the first session of a deck named on the command
    line, right after opening (`first_session`): at most one of the failures is set."""

    checked: bool
    """Whether the score file was checked (a small one, before the session)."""
    check_failed: StoreError | None = None
    """The file is too damaged to be checked."""
    damage: list[str] | None = None
    """The problems the check found."""
    deck_id: str | None = None
    """The deck found for the name given (None: there is none)."""
    started: tuple[Session, Card | None, Progress] | None = None
    """The session and its first card (None when not started)."""
    start_failed: StoreError | None = None
    """The session could not start."""


def first_session(opening: Future[Study], deck: str, mode: str, count: int | None,
                  seed: int | None, check_below: int, quitting: Event) -> First:
    """Queued right after `open_study` when a deck is named: a score file of up to
    ``check_below`` bytes is checked, then the deck's session starts, on the store thread
    as soon as the decks are open, not once the UI thread gets back to it (it draws the
    loading screen meanwhile). Nothing starts once the app is quitting (``quitting``).
    Raises what opening raised."""
    from quiz.errors import StoreError

    study = opening.result()
    try:
        size = study.score_file.stat().st_size
    except OSError:
        size = 0
    checked = size <= check_below
    if checked:
        try:
            damage = study.check()
        except StoreError as exc:
            return First(checked, check_failed=exc)
        if damage:
            return First(checked, damage=damage)
    found = study.library.find(deck)
    if found is None or quitting.is_set():
        return First(checked, deck_id=None if found is None else found.id)
    try:
        started = start(study, [found.id], mode, count, seed)
    except StoreError as exc:
        return First(checked, deck_id=found.id, start_failed=exc)
    return First(checked, deck_id=found.id, started=started)


def close_study(opening: Future[Study]) -> None:
    if opening.exception() is None:
        opening.result().close()


def home_data(study: Study) -> HomeData:
    study.complete(warm_units=False)  # pint waits for a first question (`start_session`)
    settings = study.settings()
    return HomeData(decks=study.overview(), problems=[str(p) for p in study.library.problems],
                    first_run=study.is_first_run(), exam_default=settings.exam_questions,
                    exam_minutes=settings.exam_minutes, now=study.clock.now(),
                    today=Today(study.answered_today(), study.next_due()), tags=study.tags())


def start(study: Study, deck_ids: list[str], mode: str, count: int | None, seed: int | None,
           minutes: int | None = None, tags: list[str] | None = None
           ) -> tuple[Session, Card | None, Progress]:
    # The queue's rest is built once the first question is drawn (`count`).
    session = study.start(deck_ids, mode, count, seed, minutes=minutes,  # type: ignore[arg-type]
                          tags=tags, head_first=True)
    card = session.next()
    return session, card, session.progress


def count(session: Session, quitting: Event) -> Progress:
    """The rest of a session's queue built (`Session.count`), and its progress; not once
    the app is quitting (``quitting``: its exit would wait for it)."""
    return session.progress if quitting.is_set() else session.count()


def start_cards(study: Study, deck_ids: list[str], keys: list[tuple[str, str, int]],
                 seed: int | None) -> tuple[Session, Card | None, Progress]:
    session = study.start(deck_ids, "cram", seed=seed, keys=keys)
    return session, session.next(), session.progress
