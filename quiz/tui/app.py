"""`QuizApp`: the one place the study app is built — `quiz`, `quiz study` and the tests call it.

The app owns the study service and the thread it runs on (`StoreThread`); screens get plain
values and hand back typed results or messages. The service starts opening on that thread
as soon as the app is made, while Textual sets itself up; "Loading decks…" shows until it is
open, then home, or a session at once when a deck was named on the command line.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from quiz.crash import internal_error
from quiz.errors import StoreError
from quiz.tui import calls, prefs
from quiz.tui.memory import freeze_long_lived, pause_collection, resume_collection
from quiz.tui.opening import Opening
from quiz.tui.palette import key_commands
from quiz.tui.runner import StoreThread
from quiz.tui.screens.loading import LoadingScreen
from quiz.tui.typeahead import TypeAhead

# Other screens are imported where first shown (the one after loading, in `_open`; the
# error screens when an error is shown).
if TYPE_CHECKING:
    from concurrent.futures import Future

    from quiz.clock import Clock
    from quiz.study import Card, Progress, Session, Study, Summary
    from quiz.tui.screens.home import HomeScreen
    from quiz.tui.screens.settings import SettingsScreen

CHECK_FIRST_BYTES = 64 * 1024 * 1024
"""Score files up to this size are checked before the first question (a fifth of a second
at most); larger ones once it is drawn (0.65 s for 344 MB, 500,000 reviews; 1 s on a busy
machine; bench/bench_check.py), and the first answer waits for the check to be done."""

WATCH_SECONDS = 2.0
"""How often the home screen looks for deck files changed outside quiz (a stat per file)."""

WELCOME_DECK = "us-france"
"""The bundled deck a first run offers (any deck when it is not there)."""


class QuizApp(Opening, App[int]):
    """The study app. ``deck`` (id or file name) starts a session in ``mode`` at once;
    ``exam`` is the number of questions of an exam; ``seed`` fixes the questions asked."""

    CSS_PATH = "quiz.tcss"
    TITLE = "quiz"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
        # Shown on the key bar where `q` does not quit (while an answer is typed, in the
        # deck browser, where `q` goes back).
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, decks_dir: Path, scores_dir: Path, clock: Clock | None = None,
                 deck: str | None = None, mode: str = "study", exam: int | None = None,
                 seed: int | None = None, start: str | None = None) -> None:
        # The collector waits until the first screen after loading is drawn (quiz.tui.memory),
        # from now: Textual sets itself up and the store thread opens the decks meanwhile. An
        # app that is not running by the time the decks are open (never run: a test, a
        # failure before its run) restarts it then (`_opened`); one that fails here, at once.
        pause_collection()
        self._launch = threading.Lock()
        self._launched = False
        """True once `run_async` began: the pause is then the run's, which ends it."""
        try:
            super().__init__()
            self.decks_dir = Path(decks_dir)
            """Where decks are read from."""
            self.scores_dir = Path(scores_dir)
            """Where the score file lives."""
            self.clock = clock
            """The clock given (None: the service's system clock)."""
            self.deck = deck
            """The deck named on the command line, if any."""
            self.mode = "exam" if exam is not None else mode
            """The mode a named deck is studied in."""
            self.exam = exam
            """Questions in an exam started from the command line."""
            self.seed = seed
            """Fixes every session's questions (tests, benchmarks); None draws a fresh one each time."""
            self.start_screen = start
            """A screen to open over home at once: "history" (`quiz history`)."""
            self.runner = StoreThread()
            """The thread every call into the study service runs on."""
            self._schedule_changed = False
            """A fit was applied from Settings: home is refreshed when Settings closes."""
            self._backed_up = False
            """True once today's backup was asked for (`_backup`)."""
            self._quitting = False
            """True once `exit` was asked for."""
            # Opening starts now, on the store thread, while Textual sets itself up.
            # With a deck named, only its file is read before its first question; the other
            # decks follow on the same thread (`Study.complete`) before home is ever shown.
            self._opening = self.runner.submit(calls.open_study, self.decks_dir, self.scores_dir, clock,
                                               deck if start is None else None)
            self._quit_asked = threading.Event()
            """Set by `exit`: the store thread starts no first session for a quitting app."""
            self._check_below = CHECK_FIRST_BYTES
            self._first: Future[calls.First] | None = None
            """With a deck named, its session starts on the store thread right after opening."""
            if deck is not None and start is None:
                self._first = self.runner.submit(calls.first_session, self._opening, deck, self.mode,
                                                 exam, seed, self._check_below, self._quit_asked)
            self.study: Study | None = None
            """The study service, once open."""
            self._checked: asyncio.Future[bool] | None = None
            """Whether a large score file is damaged, once its check (`_start_check`) is done."""
            self._check_started = False
            self._home: HomeScreen | None = None
            self.typeahead = TypeAhead(self)
            """Keys typed ahead of the question they are for."""
            theme = prefs.load(self.scores_dir).get("theme")
            if theme in self.available_themes:
                self.theme = theme
        except BaseException:
            resume_collection()
            raise
        self._opening.add_done_callback(self._opened)

    def _opened(self, _: Future[Study]) -> None:
        """The decks are open (or failed to): an app not running yet lets the collector go."""
        with self._launch:
            if not self._launched:
                resume_collection()

    async def run_async(self, **options: Any) -> int | None:
        """Run the app (`App.run` comes here) with the collector paused until the first screen
        after loading is drawn, as from the app's making; restarted on every way out."""
        with self._launch:
            self._launched = True
            pause_collection()  # again, if the decks opened before the run began
        try:
            return await super().run_async(**options)
        finally:
            resume_collection()

    def watch_theme(self, theme: str) -> None:
        """Remember the theme the learner chose (Ctrl+P, "Change theme") for next time."""
        if self.is_running and prefs.load(self.scores_dir).get("theme") != theme:
            prefs.save(self.scores_dir, theme=theme)

    def on_key(self, event: events.Key) -> None:
        """A key typed ahead of its question (as a session starts, or while the study screen
        waits) is kept for it (`TypeAhead`); this runs before the key's binding."""
        self.typeahead.hold(event)

    # -- start-up ------------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        """The first screen, "Loading decks…", shown until the study service is open: as
        Textual's own first screen, not pushed over its empty one, which was one more screen
        mounted, styled and drawn on the UI thread while the store thread opens the decks."""
        return LoadingScreen()

    def on_mount(self) -> None:
        self._open()

    def _fatal(self, title: str, message: str) -> None:
        """Show an error the app cannot go on from, then exit with status 1."""
        def close(_: None) -> None:
            self.exit(1, return_code=1, message=Text(f"quiz: error: {message}"))

        from quiz.tui.screens.error import FatalErrorScreen

        self.push_screen(FatalErrorScreen(title, message), close)

    def _show_error(self, title: str, message: str) -> None:
        """Show an error the app goes on from."""
        from quiz.tui.screens.error import ErrorScreen

        self.push_screen(ErrorScreen(title, message))

    # -- home ----------------------------------------------------------------------------

    async def _refresh_home(self, welcome: bool = False) -> None:
        """Read fresh home data on the store thread and show it."""
        assert self.study is not None
        self._start_check()  # a large score file's, if no first question started it
        if self._home is not None:
            # Home comes back at once with the counts it had; a key pressed while the fresh
            # ones are read reaches home, not the screen that just ended.
            while self.screen is not self._home and len(self.screen_stack) > 1:
                self.pop_screen()
        try:
            data = await self.runner.call(calls.home_data, self.study)
        except StoreError as exc:
            self._fatal("The score file could not be read", str(exc))
            return
        zone = self.study.clock.zone
        self._backup()  # once per run (`_backup`)
        if self._home is None:
            from quiz.tui.screens.home import HomeScreen
            self._home = HomeScreen(data.decks, data.problems, self.decks_dir, data.now, zone,
                                    data.exam_default, data.exam_minutes, data.today, data.tags)
            self.set_interval(WATCH_SECONDS, self._watch_decks)
            # Over the loading screen, which is Textual's first screen and stays under home
            # (or over the error of a first session that could not start, which froze
            # nothing: the collector, paused since the app's creation, restarts here too).
            await self.push_screen(self._home)
            self.call_after_refresh(freeze_long_lived)
        else:
            self._home.exam_default = data.exam_default
            self._home.exam_minutes = data.exam_minutes
            self._home.show(data.decks, data.problems, data.now, data.today, data.tags)
        if welcome and data.first_run and data.decks:
            offered = next((d for d in data.decks if d.deck_id == WELCOME_DECK), data.decks[0])

            def chosen(start: bool | None) -> None:
                if start:
                    self.start_session(offered.deck_id, "study")

            from quiz.tui.screens.welcome import WelcomeScreen
            await self.push_screen(WelcomeScreen(offered.title, offered.total), chosen)

    @work(exclusive=True, group="app")
    async def show_home(self) -> None:
        """Back to the decks, with counts read afresh."""
        await self._refresh_home()

    # Home's messages are handled by name: no home screen class is needed before home shows.
    def on_home_screen_start(self, message: HomeScreen.Start) -> None:
        self.start_session(message.deck_ids, message.mode, message.count, message.minutes,
                           message.tags)
        self.typeahead.started()

    @work(group="backup")
    async def _backup(self) -> None:
        """Today's automatic backup, on the store thread: once the decks are up, or when the
        app opens on a deck, once its first question is drawn (or home is shown)."""
        assert self.study is not None
        if self._backed_up:
            return
        self._backed_up = True
        trouble = await self.runner.call(self.study.backup_daily)
        if trouble:
            self.notify(trouble, severity="warning", timeout=10)

    def on_home_screen_history_wanted(self) -> None:
        self.open_history()

    def open_history(self) -> None:
        """Show the history; its Hardest tab may ask to cram chosen cards."""
        from quiz.tui.screens.history import HistoryScreen

        assert self.study is not None
        self.push_screen(HistoryScreen(self.study, self.runner.call), self._history_closed)

    def _history_closed(self, result: tuple[str, list[tuple[str, str, int]]] | None) -> None:
        if result is None:
            self.show_home()
        else:
            self.cram_cards(result[1])

    @work(exclusive=True, group="app")
    async def cram_cards(self, keys: list[tuple[str, str, int]]) -> None:
        """Cram exactly these cards (schedule untouched)."""
        study = self.study
        assert study is not None
        loaded = {d.id for d in study.library.decks}
        deck_ids = sorted({k[0] for k in keys} & loaded)
        if not deck_ids:
            self.notify("Those facts are no longer in any deck.", severity="warning")
            await self._refresh_home()
            return
        try:
            session, card, progress = await self.runner.call(calls.start_cards, study, deck_ids, keys,
                                                              self.seed)
        except StoreError as exc:
            self._show_error("The session could not start", str(exc))
            return
        if card is None:
            self.notify("Those facts are no longer in their decks.", severity="warning")
            await self._refresh_home()
            return
        from quiz.tui.screens.study import StudyScreen
        self.push_screen(StudyScreen(session, card, self.study_call, progress), self._session_over)
        self.runner.submit(study.complete)  # loads pint in the background if units may come

    def on_home_screen_browse_wanted(self, message: HomeScreen.BrowseWanted) -> None:
        from quiz.tui.screens.browser import BrowserScreen

        assert self.study is not None
        self.push_screen(BrowserScreen(self.study, message.deck_id, self.runner.call),
                         lambda _: self.show_home())

    def on_home_screen_settings_wanted(self) -> None:
        self._edit_settings()

    @work(exclusive=True, group="app")
    async def _edit_settings(self) -> None:
        assert self.study is not None
        try:
            settings = await self.runner.call(self.study.settings)
        except StoreError as exc:
            self._show_error("The settings could not be read", str(exc))
            return
        from quiz.tui.screens.settings import SettingsScreen
        self.push_screen(SettingsScreen(settings), self._save_settings)

    def on_settings_screen_optimize_wanted(self, message: SettingsScreen.OptimizeWanted) -> None:
        from quiz.tui.screens.optimize import OptimizeScreen

        assert self.study is not None
        self.push_screen(OptimizeScreen(self.study), self._optimized)

    def _optimized(self, applied: bool | None) -> None:
        # Settings stays open; home's counts are refreshed when it closes.
        self._schedule_changed = self._schedule_changed or bool(applied)

    def _save_settings(self, changes: dict[str, float | int] | None) -> None:
        changed, self._schedule_changed = self._schedule_changed, False
        if changes:
            self._store_settings(changes)
        elif changed:
            self.show_home()

    @work(exclusive=True, group="app")
    async def _store_settings(self, changes: dict[str, float | int]) -> None:
        assert self.study is not None
        try:
            await self.runner.call(self.study.update_settings, **changes)
        except (StoreError, ValueError) as exc:
            self._show_error("The settings were not saved", str(exc))
            return
        self.notify("Settings saved.")
        await self._refresh_home()

    # -- sessions ------------------------------------------------------------------------

    @work(exclusive=True, group="app")
    async def start_session(self, deck_id: str | list[str], mode: str, count: int | None = None,
                            minutes: int | None = None, tags: list[str] | None = None) -> None:
        """Start studying ``deck_id`` (or every deck of a list, in one session) in ``mode``,
        only facts with ``tags`` when given; says so when nothing is due."""
        study = self.study
        assert study is not None
        deck_ids = [deck_id] if isinstance(deck_id, str) else list(deck_id)
        try:
            started = await self.runner.call(calls.start, study, deck_ids, mode, count, self.seed,
                                             minutes, tags)
        except StoreError as exc:
            await self._session_started(study, deck_ids, mode, tags, None, exc)
            return
        await self._session_started(study, deck_ids, mode, tags, started, None)

    async def _session_started(self, study: Study, deck_ids: list[str], mode: str,
                               tags: list[str] | None,
                               started: tuple[Session, Card | None, Progress] | None,
                               failed: StoreError | None) -> None:
        """Show a session just started: its first question, or why there is none."""
        if started is None:
            self._show_error("The session could not start", str(failed))
            if self._home is None:
                await self._refresh_home()
            return
        session, card, progress = started
        # What waits for the first question to be drawn: `_after_first_question`.
        after = (self._after_first_question, study, None if progress.counted else session)
        if card is not None:
            screen = await self._study_screen(session, card, progress)
            self.call_after_refresh(*after)  # not before: the screen made ahead awaits its card
            self.push_screen(screen, self._session_over)
            return
        self.call_after_refresh(*after)
        title = session.title + (f" (tags: {', '.join(tags)})" if tags else "")
        if mode == "study":
            try:
                next_due = await self.runner.call(study.next_due, deck_ids)
            except StoreError:
                next_due = None
            if self._home is None:
                await self._refresh_home()

            def chosen(cram: bool | None) -> None:
                if cram:
                    self.start_session(deck_ids, "cram", tags=tags)

            from quiz.tui.screens.nothing_due import NothingDueScreen
            self.push_screen(NothingDueScreen(title, next_due, study.clock.now(), study.clock.zone),
                             chosen)
            return
        self.notify(f"{title} has no cards to ask.", severity="warning")
        if self._home is None:
            await self._refresh_home()

    def _after_first_question(self, study: Study, counting: Session | None = None) -> None:
        """What waits for a session's first question to be drawn: the rest of its queue
        (``counting``, `count_queue`), the other screens' styles, the other decks (on a
        daemon thread), a large score file's check and today's backup.
        None once the app is quitting: its exit would wait for the backup, and share the
        interpreter with them."""
        if counting is not None and not self._quitting:
            self.count_queue(counting)
        if not self._quitting:
            self.read_later_css()  # before the freeze: its rules live as long as the app
        freeze_long_lived()
        if self._quitting:
            return
        self._start_check()
        study.complete_in_background()
        self._backup()

    @work(exclusive=True, group="watch")
    async def _watch_decks(self) -> None:
        """On the home screen: deck files edited outside quiz are read again (a stat per file
        each time), and the home screen shows the decks as they now are."""
        if self.study is None or not self._showing_home():
            return
        try:
            library = await self.runner.call(self.study.refresh)
        except StoreError:
            return
        if library is not None and self._showing_home():
            await self._refresh_home()

    def _showing_home(self) -> bool:
        """Whether home is the screen shown; never while the app closes, whose screens are
        taken down first (a closing that no exit began, as a test's, runs timers and workers
        meanwhile: the watch then found no screen at all)."""
        return self.is_running and bool(self.screen_stack) and self.screen is self._home

    def _session_over(self, summary: Summary | None) -> None:
        if summary is None or self.study is None:
            self.show_home()
            return
        from quiz.tui.screens.summary import SummaryScreen
        self.push_screen(SummaryScreen(summary, self.study.clock.now(), self.study.clock.zone),
                         lambda _: self.show_home())

    # -- quitting ------------------------------------------------------------------------

    def exit(self, result: int | None = None, return_code: int = 0,
             message: RenderableType | None = None) -> None:
        """Quit (Textual's `App.exit`); background work not started yet is not started, and
        the store is closed (after the calls already made) while Textual takes the screens
        down, not once they are down (`on_unmount` waits for it)."""
        self._quitting = True
        self._quit_asked.set()
        self.runner.finish(calls.close_study, self._opening)
        super().exit(result, return_code, message)

    async def action_quit(self) -> None:
        """Quit at any moment: the answers given are in the store; the session is recorded
        (not in a damaged score file: nothing is written there)."""
        if await self._damaged_file():
            self.exit(1, return_code=1)
            return
        from quiz.tui.screens.study import StudyScreen
        for screen in reversed(self.screen_stack):
            if isinstance(screen, StudyScreen):
                try:
                    await screen.finish()  # queued after any answer still being written
                except StoreError as exc:
                    self.exit(1, return_code=1, message=Text(
                        f"quiz: error: your answers are saved, but the session's end could "
                        f"not be recorded: {exc}"))
                    return
        self.exit(0)

    def on_unmount(self) -> None:
        # Answers still queued on the store thread are written before the file is closed
        # (and a service still opening when the learner quit is closed once it is open).
        self.runner.finish(calls.close_study, self._opening)  # unless `exit` did
        self.runner.close()
        resume_collection()  # an app that ended before its first screen

    # -- the last line of defence ----------------------------------------------------------

    def _fatal_error(self) -> None:
        # Textual's own handler prints a traceback with local variables; a learner gets one
        # line and the details in a file instead (as `quiz.cli` does for the commands).
        self._return_code = 2
        self._exit_renderables.append(Text(internal_error(self._exception)))
        self._close_messages_no_wait()

    # -- command palette -----------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every action of the screen's keys, by name, then Textual's own commands."""
        yield from key_commands(self, screen)
        yield from super().get_system_commands(screen)
