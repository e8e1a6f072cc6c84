"""`quiz.collector.long_lived`: the collector paused while long-lived data is built, restarted
when the last of overlapping blocks ends, and a large heap frozen."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from quiz import collector
from quiz.collector import long_lived


@pytest.fixture(autouse=True)
def _collector_running() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_blocks_on_two_threads_restart_the_collector_when_the_last_ends() -> None:
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: list[bool] = []

    def first() -> None:
        with long_lived():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second() -> None:
        first_in.wait(5)
        with long_lived():
            second_in.set()
            first_out.wait(5)
            seen.append(gc.isenabled())  # the first block has ended, this one has not
        seen.append(gc.isenabled())

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert seen == [False, True]


def test_a_collector_stopped_before_stays_stopped_and_nesting_is_kept() -> None:
    gc.disable()
    with long_lived():
        with long_lived():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert not gc.isenabled()
    gc.enable()
    with long_lived():
        with long_lived():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_only_a_large_heap_is_frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    frozen: list[int] = []
    monkeypatch.setattr(collector.gc, "freeze", lambda: frozen.append(gc.get_count()[0]))
    with long_lived():
        small = [[] for _ in range(100)]
    assert frozen == []
    with long_lived():
        large = [[] for _ in range(collector.FREEZE_AT)]
    assert len(frozen) == 1 and frozen[0] >= collector.FREEZE_AT
    assert small and large


def test_the_apps_pause_and_a_deck_being_built_both_hold_the_collector(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The app resumes the collector at its first screen while another thread may still be
    building a deck: the collector stays paused until that block ends too (and the block
    ending first leaves the app's pause in force)."""
    from quiz.tui import memory

    monkeypatch.setattr(memory, "_frozen", False)
    monkeypatch.setattr(memory, "_paused", False)
    memory.pause_collection()
    with long_lived():
        memory.resume_collection()
        assert not gc.isenabled()
    assert gc.isenabled()
    with long_lived():
        memory.pause_collection()
    assert not gc.isenabled()
    memory.resume_collection()
    assert gc.isenabled()
