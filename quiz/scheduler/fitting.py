"""Personal FSRS parameters: fitted to the learner's review log and judged on later reviews.

The fit is `fsrs-rs-python`'s (the Rust optimizer Anki uses; the same 21 FSRS-6 parameters
py-fsrs takes). The review log becomes training items the way Anki builds them: for each
card, its answers in order with the whole days since the previous one (``delta_t``; 0 for
the first), and one item per answer given a day or more after the previous one, holding
the card's history up to it. Days are whole 24-hour periods, as py-fsrs counts them when
it schedules, so the parameters are fitted on the arithmetic that will use them.

Honest figures: items are ordered by the time of the answer they predict; the parameters
are fitted on the earlier `TRAIN_SHARE` and both the defaults and the fit are scored (log
loss and RMSE over bins, `fsrs-rs`'s ``evaluate``) on the later answers they never saw.
Those fitted parameters are the ones applied, and only when they beat the defaults on
both measures.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass

from fsrs.scheduler import LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS

from quiz.scheduler.settings import DEFAULT_PARAMETERS

__all__ = [
    "Fit", "LoggedAnswer", "MIN_REVIEWS", "Progress", "TRAIN_SHARE", "TooLittleData", "fit",
    "training_items",
]

DAY_MS = 86_400_000

MIN_REVIEWS = 400
"""Answers a day or more after the card's previous one needed before fitting: below it the
later fifth that judges the fit is too small to tell a better fit from luck."""

TRAIN_SHARE = 0.8
"""Share of the items, oldest first, the parameters are fitted on; the rest judge them."""

MAX_HISTORY = 64
"""Longest card history the optimizer trains on (`fsrs-rs`'s ``max_seq_len``)."""

LoggedAnswer = tuple[Hashable, int, int]
"""``(card, time in epoch ms, rating 1–4)``: one scheduled answer of the review log; the
card is anything that tells cards apart (the store numbers them)."""

Progress = Callable[[str, float], None]
"""Told what is happening and how far along (0–1) the whole fit is."""


class TooLittleData(ValueError):
    """Not enough history to fit; the message is one sentence for the learner."""

    def __init__(self, usable: int, answers: int) -> None:
        self.usable = usable
        self.answers = answers
        super().__init__(
            f"Too little history to fit personal parameters: {usable:,} of your {answers:,} "
            f"answers came a day or more after the card's previous answer, and at least "
            f"{MIN_REVIEWS:,} such answers are needed.")


@dataclass(frozen=True, slots=True)
class Fit:
    """The outcome of fitting: the parameters and how both sets did on held-back answers."""

    reviews: int
    """Answers in the history the items came from."""
    items: int
    """Answers a day or more after the card's previous one (each one training item)."""
    held_back: int
    """The latest items, kept out of the fit and used to score it."""
    parameters: tuple[float, ...]
    """The fitted parameters (21 numbers, rounded to 4 places)."""
    log_loss_before: float
    log_loss_after: float
    rmse_before: float
    rmse_after: float

    @property
    def better(self) -> bool:
        """Whether the fit beats the defaults on the held-back answers (both measures)."""
        return (self.log_loss_after < self.log_loss_before
                and self.rmse_after <= self.rmse_before)


def _within_bounds(values: Sequence[float]) -> tuple[float, ...]:
    """Rounded to 4 places (as Anki shows them) and held inside py-fsrs's bounds."""
    return tuple(min(max(round(float(v), 4), low), high) for v, low, high in
                 zip(values, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS, strict=True))


def training_items(answers: Iterable[LoggedAnswer]) -> tuple[list[object], list[int], int]:
    """The training items of a log ordered by card and then by time.

    Returns:
        ``(items, times, answers)``: `fsrs_rs_python.FSRSItem` per answer a day or more after
        the card's previous one, the time (epoch ms) of the answer each item predicts, and
        how many answers were read.
    """
    from fsrs_rs_python import FSRSItem, FSRSReview

    items: list[object] = []
    times: list[int] = []
    history: list[object] = []
    card: Hashable = None
    previous = 0
    count = 0
    for key, at, rating in answers:
        count += 1
        if key != card:
            card, history, previous = key, [], at
        delta = max(0, at - previous) // DAY_MS
        previous = at
        history.append(FSRSReview(int(rating), int(delta)))
        # Longer histories are left out, as the optimizer itself leaves them out.
        if delta > 0 and len(history) <= MAX_HISTORY:
            items.append(FSRSItem(history))
            times.append(at)
    return items, times, count


def fit(answers: Iterable[LoggedAnswer], progress: Progress | None = None) -> Fit:
    """Fit parameters to a log (ordered by card, then time) and score them on later answers.

    Raises:
        TooLittleData: fewer than `MIN_REVIEWS` usable answers.
        ValueError: the optimizer could not fit this history (the message says why).
    """
    from fsrs_rs_python import FSRS

    def tell(what: str, done: float) -> None:
        if progress is not None:
            progress(what, done)

    tell("Reading your answers", 0.0)
    items, times, count = training_items(answers)
    if len(items) < MIN_REVIEWS:
        raise TooLittleData(len(items), count)
    order = sorted(range(len(items)), key=times.__getitem__)
    cut = int(len(order) * TRAIN_SHARE)
    train = [items[i] for i in order[:cut]]
    test = [items[i] for i in order[cut:]]
    del items, times, order
    tell(f"Fitting to {len(train):,} answers", 0.1)
    try:
        fitted = _within_bounds(FSRS(list(DEFAULT_PARAMETERS)).compute_parameters(train))
    except ValueError as exc:
        raise ValueError(f"the optimizer could not fit this history ({exc})") from None
    tell(f"Scoring both on the latest {len(test):,} answers", 0.8)
    before = FSRS(list(DEFAULT_PARAMETERS)).evaluate(test)
    after = FSRS(list(fitted)).evaluate(test)
    tell("Done", 1.0)
    return Fit(reviews=count, items=len(train) + len(test), held_back=len(test),
               parameters=fitted, log_loss_before=float(before.log_loss),
               log_loss_after=float(after.log_loss), rmse_before=float(before.rmse_bins),
               rmse_after=float(after.rmse_bins))
