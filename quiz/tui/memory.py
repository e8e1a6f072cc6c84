"""The garbage collector around a launch: paused while the app opens, then kept off what
lives as long as the app.

A launch allocates hundreds of thousands of objects (Textual's screens, the deck's index,
the study queue) and almost none of them are cyclic garbage (about 2,000 at 50,000 facts),
yet CPython's collector runs on allocation counts: at 50,000 facts it ran some 200 young
and one or two full collections during a launch, walking every object loaded so far.
`pause_collection` stops it from the app's creation (the decks start opening then, on the
store thread) to its first real screen.

Then what is in memory is what lives as long as the app: the imported code, Textual, the
app and its screens, the opened decks and the store. `freeze_long_lived` moves it to the
permanent generation, never walked again (`gc.freeze`): a full collection during answers no
longer walks the decks, and exit no longer collects the app's object graph (0.15–0.5 s after
the last frame at 50,000 facts). Objects freed later by reference counting are freed as
before; the launch's few cyclic leftovers stay until exit.
"""

from __future__ import annotations

import gc

from quiz import collector

_frozen = False
_paused = False


def pause_collection() -> None:
    """Stop the collector until `freeze_long_lived` or `resume_collection` (not once a
    process froze what its first app loaded): one holder of `quiz.collector.pause`, so a
    deck being built on another thread keeps it stopped past the app's first screen."""
    global _paused
    if not _frozen and not _paused:
        _paused = True
        collector.pause()


def resume_collection() -> None:
    """End the app's pause (`pause_collection`), if it holds one."""
    global _paused
    if _paused:
        _paused = False
        collector.resume()


def freeze_long_lived() -> None:
    """Freeze what is alive now, once per process (the `quiz` command runs one app; a
    process that runs several, the tests, freezes only what the first one loaded), and
    start the collector again."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()
    resume_collection()
