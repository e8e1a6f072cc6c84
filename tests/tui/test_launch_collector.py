"""The collector paused for a launch (quiz.tui.memory) is never left paused: not by an app
that is made and never run, nor by one that ran."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest

from quiz.tui import calls, memory

from tests.tui.helpers import make_app


def test_an_app_never_run_leaves_the_collector_running(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memory, "_frozen", False)  # as in a fresh process
    gc.enable()
    try:
        app = make_app(tmp_path, deck="alliance")
        opened = threading.Event()  # run after the app's own callback on the opening
        app._opening.add_done_callback(lambda _: opened.set())
        assert opened.wait(timeout=60)  # the decks are open; the app was never run
        assert gc.isenabled()
        app.runner.finish(calls.close_study, app._opening)
        app.runner.close()
    finally:
        gc.enable()


def test_a_run_app_leaves_the_collector_running(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memory, "_frozen", False)  # as in a fresh process

    async def quit_at_once(pilot) -> None:  # noqa: ANN001
        pilot.app.exit()

    gc.enable()
    try:
        make_app(tmp_path).run(headless=True, size=(80, 24), auto_pilot=quit_at_once)
        assert gc.isenabled()
    finally:
        gc.enable()
