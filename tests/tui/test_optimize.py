"""Settings → Optimize: the fit runs in the background with a progress bar, shows both
scores and the workload chart, and applies the fit only when the learner asks."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from unit.fsrs_history import START, fill_store, simulate

from quiz.clock import FixedClock
from quiz.scheduler import DEFAULT_PARAMETERS
from quiz.store import Store
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.optimize import OptimizeScreen
from quiz.tui.screens.settings import SettingsScreen
from tui.helpers import make_app, pilot_test, press, settle, shows

NOW = START + timedelta(days=121)


@pilot_test
async def test_optimize_from_settings_shows_the_scores_and_applies_on_request(
        tmp_path: Path) -> None:
    fill_store(tmp_path / "scores", simulate(deck="alliance"), FixedClock(NOW))
    app = make_app(tmp_path, clock=FixedClock(NOW))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        assert isinstance(app.screen, SettingsScreen)
        await press(pilot, "ctrl+o")
        assert isinstance(app.screen, OptimizeScreen)
        assert shows(pilot, "Personal scheduling", "In force: FSRS's default parameters.",
                     "The fitted parameters predict you better.", "0.80", "0.95", "suggested",
                     "a applies them keeping due dates")
        await press(pilot, "a")
        assert shows(pilot, "Applied:", "card state(s) recomputed from your review log",
                     "due dates kept", "In force: your own parameters, fitted to")
        await press(pilot, "escape")
        assert isinstance(app.screen, SettingsScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
    with Store.open(tmp_path / "scores", FixedClock(NOW)) as store:
        assert store.settings().parameters_for("alliance") != DEFAULT_PARAMETERS
        assert store.rebuild().ok


@pilot_test
async def test_too_little_history_is_said_and_nothing_can_be_applied(tmp_path: Path) -> None:
    app = make_app(tmp_path, clock=FixedClock(NOW))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "escape", "s", "ctrl+o")
        assert shows(pilot, "Too little history to fit personal parameters: 0 of your 0 answers",
                     "at least 400", "Esc closes")
        await press(pilot, "a")
        assert not shows(pilot, "Applied:")
    with Store.open(tmp_path / "scores", FixedClock(NOW)) as store:
        assert store.settings().parameters == ()
