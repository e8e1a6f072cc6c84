"""Where decks and scores live. Paths are computed by functions, never at import time.

Resolution, first match wins (DESIGN.md, "Scores and history"):
decks  — ``--decks DIR`` / ``$QUIZ_DECKS`` / ``./decks`` / the decks bundled in the package;
scores — ``--scores DIR`` / ``$QUIZ_SCORES`` / ``./scores`` / the platform's user data dir.
"""

from __future__ import annotations

import os
from pathlib import Path

from quiz.frozen import Record

DATABASE_NAME = "quiz.sqlite3"


class Located(Record):
    """A resolved folder and the rule that chose it (for `quiz locate`)."""

    path: Path
    reason: str


def bundled_decks_dir() -> Path:
    """The decks shipped with the package (the repository's ``decks/`` in a checkout)."""
    package = Path(__file__).resolve().parent
    checkout = package.parent / "decks"
    if checkout.is_dir() and (checkout.parent / "pyproject.toml").is_file():
        return checkout
    # Installed, the wheel puts them in quiz/_decks, a namespace package (no __init__.py):
    # importlib.resources hands back a MultiplexedPath for it, whose str() is no path.
    return package / "_decks"


def decks_dir(option: str | os.PathLike[str] | None = None, cwd: Path | None = None) -> Located:
    """The folder decks are read from."""
    if option:
        return Located(Path(option).expanduser(), "--decks")
    env = os.environ.get("QUIZ_DECKS")
    if env:
        return Located(Path(env).expanduser(), "$QUIZ_DECKS")
    local = (cwd or Path.cwd()) / "decks"
    if local.is_dir():
        return Located(local, "./decks")
    return Located(bundled_decks_dir(), "bundled with quiz")


def scores_dir(option: str | os.PathLike[str] | None = None, cwd: Path | None = None) -> Located:
    """The folder the score store lives in (created on first write, not here)."""
    if option:
        return Located(Path(option).expanduser(), "--scores")
    env = os.environ.get("QUIZ_SCORES")
    if env:
        return Located(Path(env).expanduser(), "$QUIZ_SCORES")
    local = (cwd or Path.cwd()) / "scores"
    if local.is_dir():
        return Located(local, "./scores")
    from platformdirs import user_data_path

    return Located(user_data_path("quiz", appauthor=False) / "scores", "user data directory")


def database_path(scores: Path) -> Path:
    """The SQLite file inside a scores folder."""
    return scores / DATABASE_NAME


def cache_dir(scores: Path) -> Path:
    """Where compiled decks are cached (inside the scores folder, so tests stay in tmp)."""
    return scores / "cache"
