"""`TypeAhead`: keys typed ahead of the question they are for are kept, and pressed again, in
order, once it is on screen.

A learner types ahead at two moments: as a session starts (Enter on a deck, then the first
answer at once) and while the study screen waits for the store (an answer, or Enter for the
next question, on its way). A key pressed then would reach a screen that is not the
question's (home, where `t` opens the tag dialog) or a state that ignores it. The app asks
`hold` of every key before the key's binding runs; home says a session is asked for
(`expect`) as it asks, since the app hears of it only a message later; the study screen
calls `release` once it is ready for keys. Keys kept for a session that asks no question
(nothing due, an error) are dropped at the next key: they were answers to a question never
asked. The dialogs that start a session (welcome, exam, tags, nothing due's cram) need
nothing of their own: Textual runs a dismissed dialog's callback before the next key, and
that callback either asks home (`expect`) or starts one of the `STARTS` workers.

Home coming back after a session needs none of this: the app shows it at once, before its
fresh counts are read (`QuizApp._refresh_home`), so a key pressed then already reaches it.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import App
from textual.worker import WorkerState

STARTS = frozenset({"start_session", "cram_cards"})
"""The app's workers that open a study session (a worker is named after its method)."""


class TypeAhead:
    """The keys kept for the study screen, in the order they were pressed.

    The study screen is told apart by its ``waiting`` property (whether it is between
    states), so this module imports no screen: they load when first shown.
    """

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._held: list[events.Key] = []
        self._expected = False

    def expect(self) -> None:
        """A session was asked for: keys typed from now on wait for its first question."""
        self._expected = True

    def started(self) -> None:
        """The app started the session asked for: its worker says from now on whether it is
        still on its way."""
        self._expected = False

    def _starting(self) -> bool:
        """Whether a session is on its way: asked for, the session of a deck named on the
        command line (the app's ``first_session_coming``), or one of the app's `STARTS`
        workers at work."""
        return self._expected or getattr(self._app, "first_session_coming", False) or any(
            worker.name in STARTS and worker.node is self._app
            and worker.state in (WorkerState.PENDING, WorkerState.RUNNING)
            for worker in self._app.workers)

    def hold(self, event: events.Key) -> bool:
        """Keep ``event`` (it goes no further) if the question it is for is not ready for it;
        whether it was kept.

        A binding runs as its key reaches the app, after the bindings of the keys pressed
        before it, so the key that starts a wait (Enter on a deck, an answer, Enter for the
        next question) is always seen before the keys typed after it.
        """
        screen = self._app.screen
        studying = hasattr(screen, "waiting")
        if self._held and not studying and not self._starting():
            self._held.clear()  # the session asked no question: its answers go nowhere
        if self._held or (screen.waiting if studying else self._starting()):
            self._held.append(event)
            event.stop()
            event.prevent_default()
            return True
        return False

    def release(self) -> None:
        """Press the kept keys again, in order: the study screen is ready for them. They go
        through the app as fresh key presses, after the focus change already queued, and
        after a screen pushed at once: a store call that failed shows its error, and keys
        typed for a question that never came must not close it (they are dropped)."""
        if self._held:
            self._app.call_later(self._press_held)

    def _press_held(self) -> None:
        if not hasattr(self._app.screen, "waiting"):
            self._held.clear()  # another screen came over the question they were for
            return
        held, self._held = self._held, []
        for key in held:
            fresh = events.Key(key.key, key.character)
            fresh.set_sender(self._app)
            self._app.post_message(fresh)
