"""Personal scheduling as the learner meets it: fit, judge, apply, and the price of retention.

`gather` reads from the store what a scope needs (the scheduled answers of the whole log or
one deck, quiz's own and imported ones; its cards; the learner's rating shares);
`evaluate` fits FSRS parameters to the answers, scores them against the defaults on the
latest answers (`quiz.scheduler.fitting`) and simulates the workload of each desired
retention (`quiz.scheduler.workload`) — `evaluate_apart` does it in another process, for
the app; `apply_fit` puts a fit that won in force and recomputes card states from the log;
`reset` goes back to the defaults. The CLI (`quiz optimize`) and the study service (the
app's Settings) both come through here; nothing here imports the UI.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from quiz.clock import from_ms, to_ms
from quiz.facts import Deck
from quiz.scheduler.fitting import (
    MIN_REVIEWS, Fit, Progress, TooLittleData, fit,
)
from quiz.scheduler.workload import Workload, simulate_workload
from quiz.store import Store
from quiz.store.fits import AnswerLog

__all__ = ["FitInputs", "FitOutcome", "OptimizerError", "Personal", "apply_fit", "evaluate",
           "evaluate_apart", "gather", "personal", "reset", "serve", "workload"]


@dataclass(frozen=True, slots=True)
class FitOutcome:
    """What fitting found for a scope: a fit, or why there is none."""

    scope: str
    """``""`` for every deck, else a deck id."""
    reviews: int
    """Scheduled answers in the scope's history."""
    fit: Fit | None
    problem: str | None
    """One sentence when there is no fit (too little history, or the optimizer refused)."""
    current: tuple[float, ...]
    """The parameters in force for the scope before this fit."""

    @property
    def better(self) -> bool:
        """Whether there is a fit and it beat the defaults on the held-back answers."""
        return self.fit is not None and self.fit.better

    def summary(self) -> str:
        """One or two sentences for the learner: both scores, and what follows."""
        if self.fit is None:
            return self.problem or "No fit."
        f = self.fit
        scores = (f"On your latest {f.held_back:,} answers (kept out of the fit), the default "
                  f"parameters score log loss {f.log_loss_before:.4f} and RMSE "
                  f"{100 * f.rmse_before:.2f}%; your fitted ones {f.log_loss_after:.4f} and "
                  f"{100 * f.rmse_after:.2f}%.")
        verdict = ("The fitted parameters predict you better." if f.better else
                   "The fitted parameters do not predict you better, so the defaults stay.")
        return f"{scores} {verdict}"

    def to_dict(self, applied: bool, cards_updated: int = 0) -> dict[str, Any]:
        """The JSON form (`quiz optimize --json`)."""
        f = self.fit
        return {
            "deck": self.scope or None, "reviews": self.reviews,
            "usable_reviews": f.items if f else None,
            "held_back": f.held_back if f else None, "needed": MIN_REVIEWS,
            "parameters": list(f.parameters if f else self.current),
            "log_loss_before": f.log_loss_before if f else None,
            "log_loss_after": f.log_loss_after if f else None,
            "rmse_before": f.rmse_before if f else None,
            "rmse_after": f.rmse_after if f else None,
            "better": self.better, "applied": applied, "cards_updated": cards_updated,
            "message": self.summary()}


@dataclass(frozen=True, slots=True)
class Personal:
    """The parameters in force for a scope and where they came from."""

    scope: str
    parameters: tuple[float, ...]
    fitted: bool
    """False while the defaults are in force."""
    applied_at: datetime | None
    reviews: int | None
    """Answers the fit came from."""
    record: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (part of `quiz stats --json`)."""
        scores = {k: self.record.get(k) for k in (
            "log_loss_before", "log_loss_after", "rmse_before", "rmse_after")}
        return {"deck": self.scope or None, "personal": self.fitted,
                "parameters": list(self.parameters),
                "applied_at": self.applied_at.isoformat() if self.applied_at else None,
                "reviews": self.reviews, **scores}


def _scope(deck: str | None) -> str:
    return deck or ""


@dataclass(frozen=True, slots=True)
class FitInputs:
    """What fitting and the workload need from the store, read in one go."""

    scope: str
    log: AnswerLog
    current: tuple[float, ...]
    """The parameters in force for the scope."""
    cards: int
    """Cards of the scope's decks."""
    new_per_day: int
    """New cards a day over the scope's decks."""
    first_ratings: tuple[int, ...]
    review_ratings: tuple[int, ...]


def gather(store: Store, decks: Sequence[Deck], deck: str | None = None,
           log: bool = True) -> FitInputs:
    """Read what `evaluate` needs for a scope (every deck, or ``deck``); without ``log``,
    only what the workload needs (reading the whole log takes seconds on a large one)."""
    scope = _scope(deck)
    chosen = [d for d in decks if deck is None or d.id == deck]
    settings = store.settings()
    first, review = store.rating_counts(deck)
    return FitInputs(scope, store.answer_log(deck) if log else AnswerLog.empty(),
                     settings.parameters_for(scope),
                     sum(f.blank_count for d in chosen for f in d.facts),
                     settings.new_per_day * max(1, len(chosen)), tuple(first), tuple(review))


def evaluate(inputs: FitInputs, progress: Progress | None = None) -> tuple[FitOutcome, Workload]:
    """Fit and score (`quiz.scheduler.fitting.fit`), then price each desired retention with
    the parameters that would be in force: the fit's when it is better, else the current."""
    log = inputs.log
    try:
        found: Fit | None = fit(iter(log), progress)
        problem = None
    except TooLittleData as exc:
        found, problem = None, str(exc)
    except ValueError as exc:
        found, problem = None, f"No fit: {exc}."
    outcome = FitOutcome(inputs.scope, len(log), found, problem, inputs.current)
    chosen = found.parameters if found is not None and found.better else inputs.current
    load = simulate_workload(chosen, inputs.cards, inputs.new_per_day, inputs.first_ratings,
                             inputs.review_ratings)
    return outcome, load


class OptimizerError(RuntimeError):
    """The separate optimizer process failed; the message says how."""


def evaluate_apart(inputs: FitInputs) -> tuple[FitOutcome, Workload]:
    """`evaluate` in a separate Python process: the optimizer holds the GIL while it works,
    which would freeze a UI running it in a thread.

    Raises:
        OptimizerError: the process failed (its last line of error output says why).
    """
    import subprocess
    import sys

    # Plain pipes rather than multiprocessing: no inherited descriptors, no fork of a
    # process that has threads. Only JSON crosses: nothing read back can run code.
    done = subprocess.run([sys.executable, "-c", "import quiz.optimize as o; o.serve()"],
                          input=json.dumps(inputs_to_json(inputs)).encode(),
                          capture_output=True, check=False)
    if done.returncode != 0:
        lines = done.stderr.decode(errors="replace").strip().splitlines()
        raise OptimizerError(lines[-1] if lines else f"exit status {done.returncode}")
    try:
        return results_from_json(json.loads(done.stdout))
    except (ValueError, KeyError, TypeError) as exc:
        raise OptimizerError(f"the optimizer process answered something unreadable: {exc}") from exc


def serve() -> None:
    """The separate process of `evaluate_apart`: inputs on stdin, results on stdout (JSON)."""
    import sys

    inputs = inputs_from_json(json.load(sys.stdin))
    json.dump(results_to_json(*evaluate(inputs)), sys.stdout)


# --- the JSON that crosses between `evaluate_apart` and `serve` ----------------------------


def inputs_to_json(inputs: FitInputs) -> dict[str, Any]:
    """`FitInputs` as JSON-ready data (the log as three columns of integers)."""
    log = inputs.log
    return {"scope": inputs.scope, "current": list(inputs.current), "cards": inputs.cards,
            "new_per_day": inputs.new_per_day, "first_ratings": list(inputs.first_ratings),
            "review_ratings": list(inputs.review_ratings),
            "log": {"cards": log.cards.tolist(), "times": log.times.tolist(),
                    "ratings": log.ratings.tolist()}}


def inputs_from_json(data: dict[str, Any]) -> FitInputs:
    """The inverse of `inputs_to_json`."""
    log = data["log"]
    return FitInputs(str(data["scope"]),
                     AnswerLog(array("l", log["cards"]), array("q", log["times"]),
                               array("b", log["ratings"])),
                     tuple(float(v) for v in data["current"]), int(data["cards"]),
                     int(data["new_per_day"]), tuple(int(v) for v in data["first_ratings"]),
                     tuple(int(v) for v in data["review_ratings"]))


def results_to_json(outcome: FitOutcome, load: Workload) -> dict[str, Any]:
    """What `evaluate` found as JSON-ready data (retentions as keys become strings)."""
    f = outcome.fit
    return {"outcome": {"scope": outcome.scope, "reviews": outcome.reviews,
                        "problem": outcome.problem, "current": list(outcome.current),
                        "fit": None if f is None else asdict(f)},
            "workload": {"cards": load.cards, "new_per_day": load.new_per_day,
                         "reviews_per_day": [[r, list(d)] for r, d in load.reviews_per_day.items()],
                         "remembered": [[r, v] for r, v in load.remembered.items()],
                         "minutes": [[r, v] for r, v in load.minutes.items()]}}


def results_from_json(data: dict[str, Any]) -> tuple[FitOutcome, Workload]:
    """The inverse of `results_to_json`."""
    o, w = data["outcome"], data["workload"]
    f = o["fit"]
    found = None if f is None else Fit(**{**f, "parameters": tuple(f["parameters"])})
    outcome = FitOutcome(str(o["scope"]), int(o["reviews"]), found, o["problem"],
                         tuple(float(v) for v in o["current"]))
    load = Workload(int(w["cards"]), int(w["new_per_day"]),
                    {float(r): tuple(int(n) for n in d) for r, d in w["reviews_per_day"]},
                    {float(r): float(v) for r, v in w["remembered"]},
                    {float(r): float(v) for r, v in w["minutes"]})
    return outcome, load


def apply_fit(store: Store, outcome: FitOutcome, reschedule: bool = False) -> int:
    """Put a winning fit in force and recompute its cards' states; returns cards changed.

    Raises:
        ValueError: the outcome has no fit, or its fit did not beat the defaults.
    """
    if outcome.fit is None or not outcome.better:
        raise ValueError("only a fit that beats the defaults is applied")
    f = outcome.fit
    record = {"applied_at": to_ms(store.clock.now()), "reviews": f.reviews,
              "usable_reviews": f.items, "held_back": f.held_back,
              "log_loss_before": f.log_loss_before, "log_loss_after": f.log_loss_after,
              "rmse_before": f.rmse_before, "rmse_after": f.rmse_after}
    return store.apply_parameters(outcome.scope, f.parameters, record, reschedule)


def reset(store: Store, deck: str | None = None, reschedule: bool = False) -> int:
    """Back to the default parameters for a scope; returns cards whose state changed."""
    record = {"applied_at": to_ms(store.clock.now()), "reset": True}
    return store.apply_parameters(_scope(deck), None, record, reschedule)


def personal(store: Store, deck: str | None = None) -> Personal:
    """The parameters in force for a scope and where they came from."""
    scope = _scope(deck)
    settings = store.settings()
    own = dict(settings.parameters)
    record = store.fit_records().get(scope if scope in own else "", {})
    fitted = scope in own or "" in own
    at = record.get("applied_at")
    return Personal(scope, settings.parameters_for(scope), fitted,
                    from_ms(at) if fitted and isinstance(at, int) else None,
                    record.get("reviews") if fitted else None, record if fitted else {})


def workload(store: Store, decks: Sequence[Deck], deck: str | None = None) -> Workload:
    """Reviews per day over the next year at 0.80–0.95 with the parameters in force."""
    inputs = gather(store, decks, deck, log=False)
    return simulate_workload(inputs.current, inputs.cards, inputs.new_per_day,
                             inputs.first_ratings, inputs.review_ratings)
