"""`internal_error`: the one line a learner sees for an unexpected error (the `quiz` command's
and the app's last line of defence), the traceback kept in a temporary file."""

from __future__ import annotations

import tempfile
import traceback
from pathlib import Path


def crash_report(exc: BaseException | None) -> Path | None:
    """Write the traceback of an unexpected error to a temporary file; its path."""
    try:
        with tempfile.NamedTemporaryFile("w", prefix="quiz-crash-", suffix=".txt",
                                         delete=False, encoding="utf-8") as fh:
            # A worker's failure (Textual's WorkerFailed) is made, not raised: it has no
            # traceback, and the error it carries has the one that says where.
            inner = getattr(exc, "error", None)
            if isinstance(inner, BaseException) and inner is not exc:
                traceback.print_exception(inner, file=fh)
            if exc is not None:
                traceback.print_exception(exc, file=fh)
            return Path(fh.name)
    except OSError:
        return None


def internal_error(exc: BaseException | None) -> str:
    """``quiz: internal error: Name: message; details in FILE`` (never a traceback)."""
    report = crash_report(exc)
    where = f"; details in {report}" if report else ""
    name = type(exc).__name__ if exc is not None else "error"
    return f"quiz: internal error: {name}: {exc}{where}"
