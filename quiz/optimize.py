"""Personal scheduling as the learner meets it: fit, judge, apply, and the price of retention.

`fit_history` reads the scheduled answers of the whole log or one deck (quiz's own and
imported ones) from the store, fits FSRS parameters to them and scores them against the
defaults on the latest answers (`quiz.scheduler.fitting`); `apply_fit` puts a fit that
won in force and recomputes card states from the log; `reset` goes back to the defaults;
`workload` simulates reviews per day at each desired retention with the parameters in force
(`quiz.scheduler.workload`). The CLI (`quiz optimize`) and the study service (the app's
Settings) both come through here; nothing here imports the UI.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from quiz.clock import from_ms, to_ms
from quiz.facts import Deck
from quiz.scheduler.fitting import (
    MIN_REVIEWS, Fit, Progress, TooLittleData, fit,
)
from quiz.scheduler.workload import Workload, simulate_workload
from quiz.store import Store

__all__ = ["FitOutcome", "Personal", "apply_fit", "fit_history", "personal", "reset",
           "workload"]


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


def fit_history(store: Store, deck: str | None = None,
                progress: Progress | None = None) -> FitOutcome:
    """Fit parameters to the scope's history and score them; nothing is changed."""
    scope = _scope(deck)
    log = store.answer_log(deck)
    current = store.settings().parameters_for(scope)
    try:
        found = fit(iter(log), progress)
    except TooLittleData as exc:
        return FitOutcome(scope, len(log), None, str(exc), current)
    except ValueError as exc:
        return FitOutcome(scope, len(log), None, f"No fit: {exc}.", current)
    return FitOutcome(scope, len(log), found, None, current)


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


def workload(store: Store, decks: Sequence[Deck], deck: str | None = None,
             parameters: Sequence[float] | None = None) -> Workload:
    """Reviews per day over the next year at 0.80–0.95 for the decks of a scope."""
    chosen = [d for d in decks if deck is None or d.id == deck]
    cards = sum(f.blank_count for d in chosen for f in d.facts)
    settings = store.settings()
    first, review = store.rating_counts(deck)
    return simulate_workload(parameters or settings.parameters_for(_scope(deck)), cards,
                             settings.new_per_day * max(1, len(chosen)), first, review)


