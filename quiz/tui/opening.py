"""`Opening`: how the study app starts, mixed into `QuizApp` — the study service opened on the
store thread, the score file's check, and the first screen after "Loading decks…" (home, the
history, or the first question of a deck named on the command line).

A damaged score file is found before the first question: a small one is checked before it, a
large one (the check reads the whole file) once the first question or home is drawn, while
the learner reads it, and the first answer waits for that check (`study_call`).

The styles read at launch are those of the first two screens (`quiz.tcss`); the other
screens' (`screens.tcss`) are read once the first question is drawn, or before another
screen is shown first (`push_screen`): parsing them was ~5 ms of every launch.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual import work

from quiz.errors import StoreError
from quiz.tui import calls
from quiz.tui.runner import in_daemon

if TYPE_CHECKING:
    from concurrent.futures import Future
    from threading import Event

    from textual.widget import AwaitMount

    from quiz.study import Card, Progress, Session, Study
    from quiz.tui.runner import StoreThread
    from quiz.tui.screens.study import StudyScreen

T = TypeVar("T")

LATER_CSS = os.path.abspath(Path(__file__).with_name("screens.tcss"))
"""The styles of every screen but "Loading decks…" and the study screen (`read_later_css`)."""


class Opening:
    """The start-up half of `QuizApp` (which sets the attributes named here)."""

    deck: str | None
    start_screen: str | None
    mode: str
    decks_dir: Path
    runner: StoreThread
    study: Study | None
    _opening: Future[Study]
    _first: Future[calls.First] | None
    _quit_asked: Event
    _check_below: int
    """Score files up to this size are checked before the first question (`CHECK_FIRST_BYTES`)."""
    _checked: asyncio.Future[bool] | None
    _check_started: bool
    _first_shown = False
    """True once what the store thread did for a deck named is shown (`_open_on_deck`)."""
    _ahead: tuple[StudyScreen, AwaitMount] | None = None
    """The study screen made ahead of the first session, and its mounting (`_study_ahead`)."""

    def count_queue(self, session: Session) -> None:
        """Build the rest of a session's queue on the store thread, queued now (its first
        question is drawn: `calls.start` started it from its first card) and so before any
        answer to it, then show the cards left on its study screen (`show_counted`)."""
        self._show_counted(session, asyncio.wrap_future(
            self.runner.submit(calls.count, session, self._quit_asked)))

    @work(group="count")
    async def _show_counted(self, session: Session, counted: asyncio.Future[Progress]) -> None:
        try:
            progress = await counted
        except (StoreError, asyncio.CancelledError):
            return  # the next answer builds the queue (and says what is wrong)
        from quiz.tui.screens.study import StudyScreen
        from quiz.tui.widgets.status import StudyStatus

        for screen in self.screen_stack:  # type: ignore[attr-defined]
            if isinstance(screen, StudyScreen) and screen.session is session:
                screen.query_one(StudyStatus).show_counted(progress)

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        """Textual's `App.push_screen`; a screen other than the first two (those with
        ``STYLED_AT_LAUNCH``) has the other screens' styles read first (`read_later_css`)."""
        if not getattr(screen, "STYLED_AT_LAUNCH", False):
            self.read_later_css()
        return super().push_screen(screen, *args, **kwargs)  # type: ignore[misc]

    def read_later_css(self) -> None:
        """Read the styles of every screen but the first two (`screens.tcss`), once. None of
        their rules matches a widget of those two: no widget shown needs restyling."""
        stylesheet = self.stylesheet  # type: ignore[attr-defined]
        if not stylesheet.has_source(LATER_CSS, ""):
            stylesheet.read(LATER_CSS)
            stylesheet.parse()  # now: the next widget styled matches against every rule

    @property
    def first_session_coming(self) -> bool:
        """Whether the session of the deck named on the command line is on its way: from
        launch (the decks opening, then the session starting: "Loading decks…" looks the same
        throughout) until its first question, or what stopped it, is shown. `TypeAhead` keeps
        the keys typed meanwhile, as while any session starts."""
        return self._first is not None and not self._first_shown

    @work(exclusive=True, group="app")
    async def _open(self) -> None:
        # The screen the first frame after opening shows is imported now, while the store
        # thread opens the decks, not once they are open.
        if self.deck is None or self.start_screen is not None:
            import quiz.tui.screens.home  # noqa: F401
        else:
            import quiz.tui.screens.study  # noqa: F401
        try:
            study = await asyncio.wrap_future(self._opening)
        except StoreError as exc:
            self._first_shown = True
            self._fatal("The score file could not be opened", str(exc))
            return
        self.study = study
        if self._first is not None:
            self._study_ahead()
            try:
                await self._open_on_deck(study, await asyncio.wrap_future(self._first))
            finally:
                self._first_shown = True
                self._drop_ahead()
            return
        # A damaged score file is found before the first question: the check reads the whole
        # file, so a large one is checked once the first question (or home) is drawn, while
        # the learner reads it, and the first answer waits for that check (`study_call`).
        try:
            size = study.score_file.stat().st_size
        except OSError:
            size = 0
        if size <= self._check_below:
            if await self._damaged(study):
                return
        else:
            self._checked = asyncio.get_running_loop().create_future()
        self._backup()  # on a deck named, once its first question is drawn (`_session_started`)
        if self.start_screen == "history":
            await self._refresh_home()
            self.open_history()
            return
        await self._refresh_home(welcome=True)

    async def _open_on_deck(self, study: Study, first: calls.First) -> None:
        """Show what the store thread did for the deck named on the command line as soon as
        the decks were open (`calls.first_session`): the checked file's damage, the missing
        deck, or the session's first question. A large score file is checked once that
        question is drawn (`_start_check`), and the first answer waits for the check."""
        if self._shown_damage(study, first.check_failed, first.damage):
            return
        if not first.checked:
            self._checked = asyncio.get_running_loop().create_future()
        assert self.deck is not None
        if first.deck_id is None:
            self._fatal("No such deck", calls.missing_deck(study, self.deck, self.decks_dir))
            return
        if first.started is not None or first.start_failed is not None:  # else: quitting
            await self._session_started(study, [first.deck_id], self.mode, None, first.started,
                                        first.start_failed)

    def _study_ahead(self) -> None:
        """While the store thread starts the first session, make its study screen ready but for
        the card (composed, mounted, styled: it needs none of the session), so that once the
        session comes only the card's widget and texts are left before its frame. Not shown
        meanwhile: "Loading decks…" stays up, and takes the keys typed ahead. (A session
        already there is shown on a screen made with it, as any other.)"""
        if self._first is None or self._first.done() or self._ahead is not None:
            return
        from textual.widget import AwaitMount

        from quiz.tui.screens.study import StudyScreen

        screen = StudyScreen(None, None, self.study_call, None)
        # What `push_screen` does first with a screen not running (Textual's
        # `App._get_screen`); pushed later, the running screen is only shown
        # (tests/tui/test_first_session.py checks both).
        self._ahead = screen, AwaitMount(
            screen, self._register(self, screen))  # type: ignore[attr-defined]

    async def _study_screen(self, session: Session, card: Card, progress: Progress) -> StudyScreen:
        """The screen of a session just started: the one made ahead of it, when there is one."""
        from quiz.tui.screens.study import StudyScreen

        ahead, self._ahead = self._ahead, None
        if ahead is None:
            return StudyScreen(session, card, self.study_call, progress)
        screen, mounting = ahead
        await mounting
        await screen.begin(session, card, progress)
        return screen

    def _drop_ahead(self) -> None:
        """Remove the screen made ahead of a first session that was not shown on it."""
        ahead, self._ahead = self._ahead, None
        if ahead is not None and self.is_running:  # type: ignore[attr-defined]
            ahead[0].remove()

    async def _damaged(self, study: Study) -> bool:
        """Check the score file (on its own connection and thread); show the damaged-file
        screen when it is damaged. Whether it was."""
        try:
            damage = await in_daemon(study.check, "quiz-check")
        except StoreError as exc:
            return self._shown_damage(study, exc, None)
        return self._shown_damage(study, None, damage)

    def _shown_damage(self, study: Study, failed: StoreError | None,
                      damage: list[str] | None) -> bool:
        """Show the damaged-file screen when the check could not run (``failed``) or found
        ``damage``; whether it did."""
        if failed is not None:  # too damaged to check: the error says where and what to do
            self._fatal("The score file is damaged", str(failed)[:1].upper() + str(failed)[1:])
            return True
        if damage:
            self._fatal("The score file is damaged", calls.damaged_message(study, damage))
            return True
        return False

    def _start_check(self) -> None:
        """Start the check of a large score file, once: when the first question or home is
        drawn, or sooner if a call that must wait for it comes first (`_damaged_file`)."""
        if self._checked is not None and not self._check_started and self.study is not None:
            self._check_started = True
            self._check_beside(self.study, self._checked)

    @work(group="check")
    async def _check_beside(self, study: Study, checked: asyncio.Future[bool]) -> None:
        damaged = True  # unless the check says otherwise: nothing is written before it does
        try:
            damaged = await self._damaged(study)
        finally:
            checked.set_result(damaged)

    async def _damaged_file(self) -> bool:
        """Whether the start-up check found the score file damaged (waiting for it if it
        still runs beside the first question)."""
        self._start_check()
        return self._checked is not None and await asyncio.shield(self._checked)

    async def study_call(self, function: Callable[..., T], *args: Any) -> T:
        """A study screen's call into the service (`StoreThread.call`), made only once the
        score file is known to be sound: an answer given while a large file is still being
        checked waits for the check, and is never written into a damaged file (the call is
        dropped: the damaged-file screen is up, and closes the app)."""
        if await self._damaged_file():
            raise asyncio.CancelledError
        return await self.runner.call(function, *args)
