"""Fitting FSRS to a history (`quiz.scheduler.fitting`), the parameters in the settings and
the scheduler, and the workload simulation, on histories simulated from known parameters."""

from __future__ import annotations

import math
from datetime import timedelta

import pytest

from quiz.scheduler import DEFAULT_PARAMETERS, NEW_CARD, Rating, Scheduler, Settings
from quiz.scheduler.fitting import MIN_REVIEWS, TooLittleData, fit, training_items
from quiz.scheduler.workload import RETENTIONS, simulate_workload
from fsrs_history import START, TRUE_PARAMETERS, Answer, logged, simulate


@pytest.fixture(scope="module")
def history() -> list[Answer]:
    return simulate()


def test_training_items_hold_each_cards_history_in_whole_days() -> None:
    day = 86_400_000
    answers = [("a", 0, 3), ("a", 600_000, 3), ("a", day + 600_000, 3), ("a", 3 * day, 1),
               ("b", 10 * day, 4), ("b", 12 * day - 1, 3)]
    items, times, count = training_items(answers)
    assert count == 6
    # One item per answer a day or more after the card's previous one ("b"'s second answer
    # came 2 days minus a millisecond later: 1 whole day).
    assert times == [day + 600_000, 3 * day, 12 * day - 1]
    expected = [[(3, 0), (3, 0), (3, 1)], [(3, 0), (3, 0), (3, 1), (1, 1)], [(4, 0), (3, 1)]]
    assert [repr(item) for item in items] == [
        "FSRSItem { reviews: [" + ", ".join(
            f"FSRSReview {{ rating: {r}, delta_t: {d} }}" for r, d in reviews) + "] }"
        for reviews in expected]


def test_fitted_parameters_beat_the_defaults_on_held_back_reviews(history: list[Answer]) -> None:
    steps: list[float] = []
    found = fit(iter(logged(history)), lambda what, done: steps.append(done))
    assert found.reviews == len(history)
    assert found.held_back == found.items - int(found.items * 0.8)
    assert found.log_loss_after < found.log_loss_before
    assert found.rmse_after < found.rmse_before
    assert found.better
    assert len(found.parameters) == 21
    Settings().with_parameters("", found.parameters)  # within py-fsrs's bounds
    # The learner forgets faster than FSRS assumes: the fit finds smaller first stabilities.
    assert found.parameters[2] < DEFAULT_PARAMETERS[2]
    assert steps[0] == 0.0 and steps[-1] == 1.0 and steps == sorted(steps)


def test_too_little_history_says_how_much_there_is_and_how_much_is_needed() -> None:
    answers = logged(simulate(cards=20, days=40))
    with pytest.raises(TooLittleData) as caught:
        fit(iter(answers))
    message = str(caught.value)
    assert f"{len(answers):,} answers" in message
    assert f"at least {MIN_REVIEWS:,}" in message
    assert caught.value.usable < MIN_REVIEWS


def test_no_history_at_all_is_too_little() -> None:
    with pytest.raises(TooLittleData, match="0 of your 0 answers"):
        fit(iter([]))


def test_one_card_is_too_little_however_long_its_history() -> None:
    day = 86_400_000
    answers = [("only", n * day, 3) for n in range(600)]
    with pytest.raises(TooLittleData):
        fit(iter(answers))


def test_a_history_of_only_good_answers_is_fitted_without_error() -> None:
    day = 86_400_000
    answers = [(card, (card % 30 + 2 ** n) * day, 3) for card in range(150) for n in range(6)]
    found = fit(iter(answers))
    assert math.isfinite(found.log_loss_before) and math.isfinite(found.log_loss_after)
    assert len(found.parameters) == 21


def test_a_fit_that_does_not_predict_better_is_not_better() -> None:
    # A learner who remembers exactly as the defaults assume: nothing to gain.
    answers = logged(simulate(truth=DEFAULT_PARAMETERS, ratings=(0.0, 1.0, 0.0)))
    found = fit(iter(answers))
    assert found.better == (found.log_loss_after < found.log_loss_before
                            and found.rmse_after <= found.rmse_before)


def test_settings_keep_parameters_per_scope_and_refuse_bad_ones() -> None:
    settings = Settings().with_parameters("", TRUE_PARAMETERS)
    assert settings.parameters_for("any") == TRUE_PARAMETERS
    own = settings.with_parameters("deck", DEFAULT_PARAMETERS[:20] + (0.5,))
    assert own.parameters_for("deck")[20] == 0.5
    assert own.parameters_for("other") == TRUE_PARAMETERS
    assert Settings.from_dict(own.to_dict()) == own
    assert own.with_parameters("", None).with_parameters("deck", None) == Settings()
    with pytest.raises(ValueError, match="21 numbers"):
        Settings().with_parameters("", [1.0, 2.0])
    with pytest.raises(ValueError, match="parameter 20"):
        Settings().with_parameters("", DEFAULT_PARAMETERS[:20] + (5.0,))
    with pytest.raises(ValueError, match="lists of numbers"):
        Settings.from_dict({"parameters": {"": "fast"}})


def test_the_scheduler_uses_each_decks_parameters() -> None:
    settings = Settings().with_parameters("mine", TRUE_PARAMETERS)
    scheduler = Scheduler(settings, fuzz=False)
    default = Scheduler(fuzz=False)
    mine = scheduler.review(("mine", "f", 0), NEW_CARD, Rating.Good, START)
    theirs = scheduler.review(("theirs", "f", 0), NEW_CARD, Rating.Good, START)
    assert theirs == default.review(("theirs", "f", 0), NEW_CARD, Rating.Good, START)
    assert mine.stability == pytest.approx(TRUE_PARAMETERS[2])
    assert theirs.stability == pytest.approx(DEFAULT_PARAMETERS[2])
    later = mine._replace(state=2, last_review=START)
    at = START + timedelta(days=3)
    assert scheduler.retrievability(later, at, "mine") < scheduler.retrievability(later, at)


def test_workload_rises_with_desired_retention_and_suggests_one_of_them() -> None:
    load = simulate_workload(DEFAULT_PARAMETERS, cards=300, new_per_day=10,
                             first_ratings=(30, 5, 50, 15), review_ratings=(10, 10, 70, 10))
    averages = [load.average(r) for r in RETENTIONS]
    assert averages == sorted(averages) and averages[0] < averages[-1]
    assert all(len(load.reviews_per_day[r]) == 365 for r in RETENTIONS)
    assert load.suggested in RETENTIONS
    data = load.to_dict()
    assert set(data["by_retention"]) == {"0.8", "0.85", "0.9", "0.95"}  # type: ignore[arg-type]
