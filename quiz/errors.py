"""The errors a screen may catch, free of the store's machinery.

The score store raises these (`quiz.store.errors` re-exports them with the helpers that make
them); the app and its screens catch them from here, so that the UI never imports the store
package, and the first frame never waits for it to load.
"""

from __future__ import annotations

from pathlib import Path

WAY_OUT = ("run `quiz restore` to go back to a backup, or `quiz doctor --fresh` to start a "
           "new score file (the old one is kept aside, never deleted)")


class StoreError(Exception):
    """The score store could not do what was asked; ``str()`` is one line for the learner."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path
        """The file concerned, when there is one."""


class CorruptStoreError(StoreError):
    """The score file is damaged or truncated."""


class ForeignFileError(StoreError):
    """The file in the score file's place is not a quiz score file."""


class NewerStoreError(StoreError):
    """The score file was written by a newer quiz with a schema this one does not know."""


class StoreBusyError(StoreError):
    """Another copy of quiz kept the score file locked for too long; the caller may retry."""


class DiskFullError(StoreError):
    """The disk is full; nothing was saved and the caller may retry once there is room."""


class StoreAccessError(StoreError):
    """The score file or its folder could not be read or written (permissions, I/O)."""
