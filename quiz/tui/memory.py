"""`freeze_long_lived`: what is alive once the app's first real screen is drawn is kept out of
the garbage collector's way for good.

By then what is in memory is what lives as long as the app: the imported code, Textual, the
app and its screens, the opened decks and the store. CPython's collector walks every
tracked object on each full collection: at 50,000 facts those walks cost tens of
milliseconds during answers, and again at exit, where collecting the app's object graph
took 0.15–0.5 s after the last frame. `gc.freeze` moves them to the permanent generation,
never walked again; objects freed later by reference counting are freed as before.
"""

from __future__ import annotations

import gc

_frozen = False


def freeze_long_lived() -> None:
    """Freeze what is alive now, once per process: the `quiz` command runs one app, and a
    process that runs several (the tests) freezes only the first one's start."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()
