"""`StudyScreen`: one question at a time in its format, the feedback after each answer, and the
always-visible progress, count left, score and streak.

Every call into the session runs on the app's store thread (`quiz.tui.runner.StoreThread`)
from a worker, so a slow disk never freezes the screen; the screen's `phase` says whether it
waits for an answer, for the store, or for the learner to go on after the feedback.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any, ClassVar, Literal, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import Reactive, var
from textual.screen import Screen
from textual.widget import AwaitMount, Widget
from textual.widgets import Static

from quiz.errors import StoreError
from quiz.tui.firstshow import StyledWhenMounted, WithoutTooltips
from quiz.tui import widgets
from quiz.tui.screens import study_steps as steps
from quiz.tui.widgets.base import QuestionView
from quiz.tui.widgets.blank import BlankScroll, DrawnBlank
from quiz.tui.widgets.formats import (CHOICES, VIEWS, checked_response, match_sides,
                                      prompt_content, view_for)
from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.line import Line
from quiz.tui.widgets.status import StudyStatus

if TYPE_CHECKING:
    from quiz.study import Card, Outcome, Progress, Session, Summary
    from quiz.tui.widgets.feedback import FeedbackPanel
    from quiz.tui.widgets.choice import ChoiceView
    from quiz.tui.widgets.match import MatchView
    from quiz.tui.widgets.order import OrderView
    from quiz.tui.widgets.typed import TypedView

Phase = Literal["asking", "busy", "feedback", "over"]
Call = Callable[..., Awaitable[Any]]

MODE_NAMES = {"study": "study", "cram": "cram (schedule untouched)",
              "exam": "exam (schedule untouched)"}

class StudyScreen(DrawnBlank, StyledWhenMounted, WithoutTooltips, Screen["Summary | None"]):
    """Study one session; dismissed with its `Summary` when it ends (None if it could not)."""

    # While an answer is typed, the letters go into the field: the Ctrl keys and F1 (and the
    # app's Ctrl+Q) do the same as the letters; the key bar shows whichever works now.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("u", "undo", "Undo"),
        Binding("ctrl+z", "undo", "Undo"),
        Binding("s", "set_aside('suspend')", "Suspend"),
        Binding("ctrl+s", "set_aside('suspend')", "Suspend"),
        Binding("b", "set_aside('bury')", "Bury"),
        Binding("ctrl+b", "set_aside('bury')", "Bury"),
        Binding("e", "edit", "Edit"),
        Binding("ctrl+o", "edit", "Edit"),
        Binding("escape", "end", "End"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("f1", "help", "Help", key_display="F1"),
        Binding("q", "app.quit", "Quit"),
    ]

    STYLED_AT_LAUNCH = True
    """Styled by the launch's styles alone (`quiz.tcss`; `Opening.push_screen`)."""

    AUTO_FOCUS = ""
    """No focus by Textual: the screen focuses the question itself (`_show_card`), once it is
    shown. Textual's auto focus gave the first focusable widget, the scrolling body, the focus
    as the screen was composed, then the question took it: two restyles of the body and
    everything in it before the first frame."""

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """Textual's `Screen.focused` without its repaint: focus moves between the question and
    the feedback twice per question, and each move redrew the whole screen (every line of
    the screen's background again, then a second full frame) though only the two widgets'
    focus styles change, which they redraw themselves (Enter -> next question: ~15% fewer
    Python calls at 50,000 facts, same run)."""
    phase: var[Phase] = var("busy", init=False)
    """What the screen waits for: the learner's answer, the store, or the learner after feedback."""

    _session: Session
    _card: Card
    _progress: Progress
    _begun = False
    """Whether the screen has its session (from its making, or from `begin`)."""

    def __init__(self, session: Session | None, card: Card | None, call: Call,
                 progress: Progress | None) -> None:
        """``session``, ``card`` and ``progress`` None: a screen made ahead of its session,
        while the store thread starts it (`QuizApp`), given it by `begin`."""
        super().__init__()
        if session is not None and card is not None and progress is not None:
            self._take(session, card, progress)
        self._call = call
        self._asked_at = time.monotonic()
        self._view: QuestionView | None = None
        self._views: dict[str, QuestionView] = {}
        """The answering widgets mounted so far, by id."""
        self._mounting: AwaitMount | None = None
        self._panel: FeedbackPanel | None = None
        """The feedback panel, mounted with the other formats' widgets (`_mount_views`)."""
        self._finished: Summary | None = None
        self._said: dict[str, float] = {}
        """When each notice `_say` showed leaves the screen (monotonic seconds)."""

    def _take(self, session: Session, card: Card, progress: Progress) -> None:
        self._session = session
        self._card = card
        self._progress = progress
        self._begun = True

    async def begin(self, session: Session, card: Card, progress: Progress) -> None:
        """Ask the first question of ``session`` on a screen made ahead of it, once the screen
        is mounted: only the card's own widget is mounted now, and the card's texts filled
        (the rest was composed, mounted and styled while the store thread started the
        session). Then the screen is pushed as one made with its session."""
        self._take(session, card, progress)
        await self.query_one("#study-body", VerticalScroll).mount(
            self._new_view(card.question.format))
        self._start()

    @property
    def card(self) -> Card:
        """The card on screen."""
        return self._card

    @property
    def session(self) -> Session:
        """The session studied."""
        return self._session

    def compose(self) -> ComposeResult:
        """Title, status, then the question and its feedback in a scrolling body."""
        yield Line(id="study-title", classes="screen-title")
        yield StudyStatus(id="status")
        with BlankScroll(id="study-body"):
            yield Static(id="prompt")
            if self._begun:  # else: mounted by `begin`
                yield self._new_view(self._card.question.format)
        yield KeyBar()

    def _new_view(self, format: str) -> QuestionView:
        name, class_name = view_for(format)
        view = self._views[name] = getattr(widgets, class_name)(id=name)
        return view

    def on_mount(self) -> None:
        if self._begun:
            self._start()

    def _start(self) -> None:
        """Show the session's first question, composed with the screen or mounted by `begin`."""
        self._show_status()
        self._ask(self._card)  # its answering widget was composed with the screen
        if self._session.deadline is not None:
            self.set_interval(1.0, self._tick)
        self.call_after_refresh(self._mount_views)

    def _mount_views(self) -> None:
        """Mount the other formats' widgets and the feedback panel, hidden, as the first question
        is read: mounted on Enter, a format's first question drew a frame of the empty widget
        and took ~2x as long; composed with the screen, the panel was ~5% of its first frame."""
        if not self.is_attached or self._panel is not None:
            return
        views = [self._new_view(f) for f in VIEWS if view_for(f)[0] not in self._views]
        self._panel = widgets.FeedbackPanel(id="feedback")  # its module loads now, too
        for widget in (*views, self._panel):
            widget.display = False
        self._mounting = self.query_one("#study-body", VerticalScroll).mount(*views, self._panel)

    async def _mounted(self) -> FeedbackPanel | None:
        """The feedback panel, once it and every format's widget are mounted (None: closing)."""
        self._mount_views()  # now, if an answer came before the first question was drawn
        mounting, self._mounting = self._mounting, None
        panel = self._panel
        if mounting is not None and not all(w.is_mounted for w in (*self._views.values(), panel)):
            await mounting
        return panel

    def _time_left(self) -> timedelta | None:
        deadline = self._session.deadline
        return None if deadline is None else deadline - self._session.study.clock.now()

    def _show_status(self) -> None:
        if not self.is_attached:  # a store call came back after the screen was closed
            return
        self.query_one(StudyStatus).show_progress(self._progress, self._time_left())

    def _tick(self) -> None:
        """An exam's clock: show the time left; when it is up, end the session."""
        left = self._time_left()
        self._show_status()
        if left is not None and left <= timedelta(0) and self.phase in ("asking", "feedback"):
            self.notify("Time is up.")
            self._finish()

    # -- showing -------------------------------------------------------------------------

    async def show_card(self, card: Card) -> None:
        """Ask ``card``'s question in its format (its widget mounted first if need be)."""
        if await self._mounted() is not None:  # every format's widget is then mounted
            self._ask(card)

    def _ask(self, card: Card) -> None:
        with self.app.batch_update():  # one frame for the whole change
            self._show_card(card)

    def _show_card(self, card: Card) -> None:
        self._card = card
        question = card.question
        kind = "new · " if card.is_new else ""
        self.query_one("#study-title", Line).show(Content.assemble(
            (card.deck.title, "bold"), f" · {MODE_NAMES.get(self._session.mode, self._session.mode)}",
            (f" · {kind}question {card.number}", "dim")))
        self.query_one("#prompt", Static).update(prompt_content(question.prompt))
        view = self._views[view_for(question.format)[0]]
        for other in self._views.values():
            if other.display != (other is view):
                other.display = other is view
        # By id, not isinstance: that would import every format's widget module.
        if view.id in CHOICES:
            cast("ChoiceView", view).show(question.options)
        elif view.id == "order":
            cast("OrderView", view).show(question.options)
        elif view.id == "match":
            cast("MatchView", view).show(*match_sides(question))
        else:
            cast("TypedView", view).show(
                "type the missing words, Enter to check" if question.format == "cloze"
                else "type your answer, Enter to check")
        self._view = view
        feedback = self._panel
        if feedback is not None and feedback.display:
            feedback.display = False
            self.query_one("#study-body", VerticalScroll).scroll_home(animate=False)
        # Focus moves now, not once the frame is drawn (`Widget.focus` defers it): the
        # question's frame then has its key bar and focus style (the screen's focus change
        # updates the key bar), where it drew the feedback's keys and a second frame followed.
        self.set_focus(cast("TypedView", view).field if view.id == "typed" else view)
        self._asked_at = time.monotonic()
        self.phase = "asking"

    def _show_outcome(self, outcome: Outcome, progress: Progress) -> None:
        with self.app.batch_update():
            self._show_outcome_now(outcome, progress)

    def _show_outcome_now(self, outcome: Outcome, progress: Progress) -> None:
        self._progress = progress
        self._show_status()
        if self._view is not None:
            self._view.mark(outcome.grade.verdict)
            if self._view.id in CHOICES:
                cast("ChoiceView", self._view).reveal(self._card.question.correct_index)
        panel = self._panel
        assert panel is not None  # mounted before an outcome is shown (`_mounted`)
        panel.show(outcome)
        if not panel.display:
            panel.display = True
            self.call_after_refresh(panel.scroll_visible, animate=False)
        self.set_focus(panel)  # now, as for a question (`_show_card`)
        self.phase = "feedback"

    async def _show_next(self, card: Card | None, progress: Progress) -> None:
        self._progress = progress
        self._show_status()
        if card is None:
            self._finish()
        else:
            await self.show_card(card)

    def watch_phase(self, phase: Phase) -> None:
        # Not while busy: a repaint then would hold the next question's frame back until
        # Textual's next frame slot (up to 1/60 s later).
        if phase != "busy":
            self.query_one(KeyBar).update_keys()
        if phase == "feedback":
            cast("FeedbackPanel", self._panel).leaving = False  # back to it after a failed step
        if phase in ("asking", "feedback"):
            typeahead = getattr(self.app, "typeahead", None)  # the keys typed ahead meanwhile
            if typeahead is not None:
                typeahead.release()

    # -- keys pressed while the screen waits ---------------------------------------------

    _feedback_shown = property(lambda self: self._panel is not None and self._panel.display)

    @property
    def waiting(self) -> bool:
        """Whether the screen is between states: an answer or a "next" is on its way to the
        store, and keys pressed now are kept for what comes next (`quiz.tui.typeahead`)."""
        if self.phase == "busy":
            return True
        if self.phase == "asking":
            return self._view is not None and self._view.locked
        if self.phase == "feedback":
            return self._panel is not None and self._panel.leaving
        return False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that need a card, or a previous answer, are greyed out without one; an exam
        has no suspend or bury (neither on the key bar nor on the keys)."""
        if not self._begun:  # made ahead of its session: not shown yet
            return None
        if action == "set_aside" and not self._session.can_set_aside:
            return False
        if action in ("undo", "set_aside", "edit"):
            if self.phase not in ("asking", "feedback"):
                return None
            if action == "undo":
                return self._progress.answered > 0 or not self._session.can_undo
        return True

    def hides(self, action: str) -> bool:
        """Keys left out of the key bar: undo in an exam (pressing it says why)."""
        return action == "undo" and self._begun and not self._session.can_undo

    # -- the learner's keys --------------------------------------------------------------

    @on(QuestionView.Answered)
    def _answered(self, event: QuestionView.Answered) -> None:
        event.stop()
        if self.phase != "asking":
            return
        duration_ms = max(0, round((time.monotonic() - self._asked_at) * 1000))
        self.phase = "busy"
        self._submit(checked_response(self._card.question, event.response), duration_ms)

    # Handled by name: the feedback panel's module loads once the first question is drawn.
    def on_feedback_panel_next(self, event: FeedbackPanel.Next) -> None:
        event.stop()
        if self.phase == "feedback":
            self.phase = "busy"
            self._advance(steps.next_card)

    def on_feedback_panel_rated(self, event: FeedbackPanel.Rated) -> None:
        event.stop()
        if self.phase == "feedback":
            self._rerate(event.rating)

    def action_undo(self) -> None:
        """Take back the last answer (the store forgets it too); its card is asked again."""
        if not self._session.can_undo:
            self._say("No undo in an exam: every answer is final.", severity="warning")
            return
        if self.phase in ("asking", "feedback") and self._progress.answered:
            self.phase = "busy"
            self._advance(steps.undo, undo=True)

    def action_set_aside(self, how: str) -> None:
        """Suspend or bury the card on screen, then go on (not in an exam)."""
        if self.phase in ("asking", "feedback") and self._session.can_set_aside:
            self.phase = "busy"
            self.notify("Card suspended: it will not be asked until you unsuspend it."
                        if how == "suspend" else "Card buried until tomorrow.")
            self._advance(steps.set_aside, how)

    def action_edit(self) -> None:
        """Open the fact in $VISUAL or $EDITOR at its line (the app waits), then read its deck
        again: the question is asked as edited, or the problems of a broken edit are shown and
        the last good version of the deck is studied."""
        if self.phase not in ("asking", "feedback"):
            return
        # The editor (as help and the deck errors) loads when first asked for: the first
        # question's frame waits for no module it does not use.
        from quiz.tui.editor import edit

        fact = self._card.fact
        trouble = edit(self.app, fact.path, fact.line)
        if trouble:
            self.notify(trouble, title="Edit", severity="warning", timeout=8)
        self._after_edit(self.phase)

    @work(exclusive=True, group="study")
    async def _after_edit(self, previous: Phase) -> None:
        self.phase = "busy"
        try:
            card, progress, problems = await self._call(steps.reread, self._session)
        except StoreError as exc:
            self.phase = previous
            self._store_failed(exc)
            return
        self._progress = progress
        self._show_status()
        if previous == "asking" and card is not None:
            await self.show_card(card)
        else:
            self.phase = previous
        if problems:
            from quiz.tui.screens.deck_errors import DeckErrorsScreen

            self.app.push_screen(DeckErrorsScreen(
                problems, "The deck does not load after the edit: you go on with its last good "
                "version. Fix the file and save; quiz reads it again by itself."))

    def action_end(self) -> None:
        """End the session now and show the summary."""
        if self.phase != "over":
            self._finish()

    def action_help(self) -> None:
        """Show every key, those of the question on screen (or of its feedback) first."""
        from quiz.tui.screens.help import FORMAT_KEYS, HelpScreen

        if self.phase == "feedback":
            self.app.push_screen(HelpScreen("After an answer"))
        else:
            self.app.push_screen(HelpScreen("Answering", FORMAT_KEYS.get(self._card.question.format)))

    def _say(self, message: str, severity: Literal["information", "warning"] = "information") -> None:
        """Notify, unless the same notice is still on screen: a key pressed again and again
        shows it once, not a stack of copies over the question."""
        now = time.monotonic()
        if self._said.get(message, now) > now:
            return
        self._said[message] = now + self.app.NOTIFICATION_TIMEOUT
        self.notify(message, severity=severity, timeout=self.app.NOTIFICATION_TIMEOUT)

    # -- work on the store thread --------------------------------------------------------

    def _store_failed(self, exc: StoreError) -> None:
        from quiz.tui.screens.error import ErrorScreen  # imported when an error is shown

        self.app.push_screen(ErrorScreen("The score file could not be used", str(exc)))

    @work(exclusive=True, group="study")
    async def _submit(self, response: Any, duration_ms: int) -> None:
        try:
            outcome, progress = await self._call(steps.answer, self._session, response, duration_ms)
        except StoreError as exc:
            if self._view is not None:
                self._view.unlock()
            self.phase = "asking"
            self._store_failed(exc)
            return
        if await self._mounted() is not None:
            self._show_outcome(outcome, progress)

    @work(exclusive=True, group="study")
    async def _rerate(self, rating: int) -> None:
        try:
            outcome, progress = await self._call(steps.override, self._session, rating)
        except StoreError as exc:
            self._store_failed(exc)
            return
        if await self._mounted() is not None:
            self._show_outcome(outcome, progress)

    @work(exclusive=True, group="study")
    async def _advance(self, step: Callable[..., tuple[Card | None, Progress]], *args: Any,
                       undo: bool = False) -> None:
        previous = "feedback" if self._feedback_shown else "asking"
        try:
            card, progress = await self._call(step, self._session, *args)
        except StoreError as exc:
            self.phase = previous  # type: ignore[assignment]
            self._store_failed(exc)
            return
        if undo and card is None:
            self.phase = previous  # type: ignore[assignment]
            self._say("Nothing to undo.")
            return
        await self._show_next(card, progress)

    async def finish(self) -> Summary:
        """Record the end of the session (once) and return its summary.

        Raises:
            StoreError: the session could not be recorded (its answers already are).
        """
        if self._finished is None:
            self._finished = await self._call(self._session.finish)
        return self._finished

    @work(exclusive=True, group="study")
    async def _finish(self) -> None:
        self.phase = "over"
        try:
            summary = await self.finish()
        except StoreError as exc:
            self.phase = "feedback" if self._feedback_shown else "asking"
            self._store_failed(exc)
            return
        self.dismiss(summary)

