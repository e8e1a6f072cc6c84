"""`OptimizeScreen`: fit the scheduler to the learner's history, show both scores and the
price of each desired retention, and apply the fit if the learner wants it.

Opened from Settings. The work runs in a thread worker: the answers are read through the
study service, then fitted and scored in a separate process (`quiz.optimize.evaluate_apart`:
the optimizer holds the GIL, which would freeze the screen), with a progress bar meanwhile.
A fit that beats the defaults can be applied keeping due dates (``a``) or moving them
(``r``); the screen returns whether one was applied.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import ProgressBar, Static

from quiz.optimize import FitOutcome, OptimizerError, Personal, evaluate_apart
from quiz.scheduler.workload import Workload
from quiz.errors import StoreError
from quiz.study import Study
from quiz.tui.mounting import when_composed
from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.workload import WorkloadChart

STEPS = 3
"""Read the answers; fit, score and simulate; done."""


def current_line(now: Personal) -> str:
    """Which parameters are in force, in words."""
    if not now.fitted or now.applied_at is None:
        return "In force: FSRS's default parameters."
    return (f"In force: your own parameters, fitted to {now.reviews or 0:,} answers "
            f"on {now.applied_at:%Y-%m-%d}.")


class OptimizeScreen(ModalScreen[bool]):
    """Returns True when a fit was applied (the schedule changed)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("a", "apply(False)", "Apply, keep due dates", show=False),
        Binding("r", "apply(True)", "Apply and reschedule", show=False),
    ]

    def __init__(self, study: Study) -> None:
        super().__init__()
        self.study = study
        self.outcome: FitOutcome | None = None
        """The fit once it is done."""
        self.applied = False
        self._busy = True
        self._applying = False

    def compose(self) -> ComposeResult:
        """Title, what is in force, progress, the result and the workload chart."""
        with Vertical(classes="dialog wide-dialog", id="optimize"):
            yield Static("Personal scheduling", classes="dialog-title")
            yield Static("", id="optimize-current")
            yield Static("Reading your answers…", id="optimize-step")
            yield ProgressBar(total=STEPS, show_eta=False, id="optimize-progress")
            yield Static("", id="optimize-result")
            yield WorkloadChart(id="optimize-workload")
            yield Static("Esc closes", id="optimize-keys", classes="hint")
        yield KeyBar()

    @when_composed
    def on_mount(self) -> None:
        self.query_one("#optimize-workload", WorkloadChart).display = False
        self._fit()

    # -- work ----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="optimize")
    def _fit(self) -> None:
        try:
            now = self.study.personal()
            self._from_thread(self._show_current, now)
            inputs = self.study.fit_inputs()
            self._from_thread(self._step, f"Fitting to {len(inputs.log):,} answers and "
                              "simulating a year of study…", 1)
            outcome, load = evaluate_apart(inputs)
        except StoreError as exc:
            self._from_thread(self._failed, f"The score file could not be read: {exc}")
            return
        except (OptimizerError, OSError) as exc:
            self._from_thread(self._failed, f"The optimizer stopped unexpectedly ({exc}).")
            return
        self._from_thread(self._show, outcome, load)

    @work(thread=True, exclusive=True, group="optimize")
    def _apply(self, outcome: FitOutcome, reschedule: bool) -> None:
        try:
            changed = self.study.apply_fit(outcome, reschedule)
            now = self.study.personal()
        except (StoreError, ValueError) as exc:
            self._from_thread(self._failed, f"The parameters were not applied: {exc}")
            return
        self._from_thread(self._applied, changed, reschedule, now)

    def _from_thread(self, callback: Callable[..., object], *args: object) -> None:
        """Hand a worker's result to the screen, unless the screen has gone meanwhile."""
        if self.is_attached and self.app.is_running:
            self.app.call_from_thread(callback, *args)

    # -- showing -------------------------------------------------------------------------

    def _show_current(self, now: Personal) -> None:
        self.query_one("#optimize-current", Static).update(current_line(now))

    def _step(self, what: str, done: int) -> None:
        self.query_one("#optimize-step", Static).update(what)
        self.query_one("#optimize-progress", ProgressBar).update(progress=done)

    def _failed(self, message: str) -> None:
        self._busy = self._applying = False
        self._step(message, STEPS)
        self.query_one("#optimize-step", Static).add_class("error-line")

    def _show(self, outcome: FitOutcome, load: Workload) -> None:
        self._busy = False
        self.outcome = outcome
        self._step("Done: fitted, scored on your latest answers, and a year simulated.", STEPS)
        self.query_one("#optimize-result", Static).update(outcome.summary())
        chart = self.query_one("#optimize-workload", WorkloadChart)
        chart.display = True
        chart.show(load)
        keys = ("a applies them keeping due dates · r applies them and reschedules · Esc closes"
                if outcome.better else "Esc closes")
        self.query_one("#optimize-keys", Static).update(keys)

    def _applied(self, changed: int, reschedule: bool, now: Personal) -> None:
        self._busy = self._applying = False
        self.applied = True
        self.outcome = None
        self._show_current(now)
        moved = "due dates moved" if reschedule else "due dates kept"
        self.query_one("#optimize-step", Static).update(
            f"Applied: {changed:,} card state(s) recomputed from your review log, {moved}.")
        self.query_one("#optimize-keys", Static).update("Esc closes")

    # -- actions -------------------------------------------------------------------------

    def action_apply(self, reschedule: bool) -> None:
        """Apply a winning fit (only once it is done, and only if it won)."""
        if self._busy or self.outcome is None or not self.outcome.better:
            return
        self._busy = self._applying = True
        self.query_one("#optimize-step", Static).update("Recomputing card states from the log…")
        self._apply(self.outcome, reschedule)

    def action_close(self) -> None:
        """Close; the answer says whether the schedule changed (or is changing)."""
        self.dismiss(self.applied or self._applying)
