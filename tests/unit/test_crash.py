"""The crash report behind "quiz: internal error: …; details in FILE" says where it broke."""

from __future__ import annotations

from pathlib import Path

from textual.worker import WorkerFailed

from quiz.crash import internal_error


def _broken() -> None:
    raise KeyError("the deck that went away")


def test_a_workers_failure_is_reported_with_the_traceback_of_its_own_error() -> None:
    """The app's workers fail with a WorkerFailed that Textual makes without raising it: its
    own traceback is empty, and a report of it alone said nothing of where it broke."""
    try:
        _broken()
    except KeyError as exc:
        error = exc
    line = internal_error(WorkerFailed(error))
    assert line.startswith("quiz: internal error: WorkerFailed: ")
    report = Path(line.rpartition("; details in ")[2])
    try:
        text = report.read_text(encoding="utf-8")
    finally:
        report.unlink()
    assert "in _broken" in text and "the deck that went away" in text and "WorkerFailed" in text
