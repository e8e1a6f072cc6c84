"""`StudyStatus`: the line that is always visible while studying — progress, count left, score,
streak (and an exam's time left), drawn as one line of text."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from textual.content import Content

from quiz.tui.widgets.line import Line

if TYPE_CHECKING:
    from quiz.study import Progress

BAR_WIDTH = 24


def progress_bar(done: int, total: int, width: int = BAR_WIDTH) -> Content:
    """A bar of ``width`` cells, ``done`` of ``total`` filled."""
    filled = round(width * done / total) if total else 0
    return Content.assemble(("━" * filled, "$success"),
                            ("━" * (width - filled), "$panel-lighten-2"))


class StudyStatus(Line):
    """A progress bar and "12 left · 7/9 right · score 140 · streak 3"."""

    def show_progress(self, progress: Progress, time_left: timedelta | None = None) -> None:
        """Show where the session is (and, in an exam, the time left)."""
        total = max(1, progress.answered + progress.remaining)
        streak = f" · streak {progress.streak}" if progress.streak else ""
        self.show(Content.assemble(
            progress_bar(progress.answered, total), "  ",
            (f"{progress.remaining} left", "bold"),
            f" · {progress.correct}/{progress.answered} right · ",
            (f"score {progress.score}", "bold"), streak, _clock(time_left)))


def _clock(time_left: timedelta | None) -> Content:
    if time_left is None:
        return Content("")
    seconds = max(0, int(time_left.total_seconds()))
    style = "bold $text-error" if seconds < 60 else "bold"
    return Content.assemble(" · ", (f"{seconds // 60}:{seconds % 60:02d} left", style))
