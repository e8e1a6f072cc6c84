"""`long_lived`: build what lives as long as the app without the cyclic collector, then keep
it out of the collector's sight.

CPython's collector runs on allocation counts and, every so often, walks every object not
frozen: reading the benchmark's four other decks (30,000 facts) from their YAML once the
app had frozen what it held (`quiz.tui.memory`) set off 13 full collections on the loading
thread, 0.3-0.6 s each with the interpreter held and the study screen stalled meanwhile
(3.6-4.0 s of the load's 4.7 s of CPU). Decks, their compiled facts and pint's registry are made once and
kept: `long_lived` pauses the collector while they are built and then freezes what is alive
(`gc.freeze`) when that is a large heap; reference counting still frees a deck that is
replaced. Threads may nest and overlap their blocks, and the app's own pause until its first
screen (`quiz.tui.memory`) is one more holder: the collector restarts when the last ends
(unless something else had stopped it before the first began).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

FREEZE_AT = 10_000
"""Objects left in the young generation at the end of a block from which they are frozen
(a deck of 6,000 facts leaves some 20,000): fewer are collected as usual, in a few ms, so
the small decks of tests and scripts leave nothing in the permanent generation."""

_lock = threading.Lock()
_holders = 0
_restart = False


def pause() -> None:
    """Stop the collector until as many `resume` calls: every holder of a pause (the app
    until its first screen, each `long_lived` block, on any thread) keeps it stopped."""
    global _holders, _restart
    with _lock:
        if _holders == 0:
            _restart = gc.isenabled()
            gc.disable()
        _holders += 1


def resume(freeze_at: int | None = None) -> None:
    """End one `pause`; the last one restarts the collector (unless something else had
    stopped it before the first began), first freezing what is alive when at least
    ``freeze_at`` objects are young."""
    global _holders
    with _lock:
        _holders -= 1
        if _holders == 0:
            if freeze_at is not None and gc.get_count()[0] >= freeze_at:
                gc.freeze()
            if _restart:
                gc.enable()


@contextmanager
def long_lived() -> Iterator[None]:
    """Run the block with the collector paused; freeze what it left if that is much."""
    pause()
    try:
        yield
    finally:
        resume(FREEZE_AT)
