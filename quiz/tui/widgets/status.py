"""`StudyStatus`: the line that is always visible while studying — what is left, right answers,
score, streak (and an exam's time left), with a progress bar in whatever room is over."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from textual.content import Content

from quiz.tui.widgets.line import Line

if TYPE_CHECKING:
    from quiz.study import Progress

BAR_WIDTH = 24
"""The widest the bar grows; it shrinks (or goes) before any figure is cut."""
MIN_BAR = 6


def progress_bar(done: int, total: int, width: int = BAR_WIDTH) -> Content:
    """A bar of ``width`` cells, ``done`` of ``total`` filled."""
    filled = round(width * done / total) if total else 0
    return Content.assemble(("━" * filled, "$success"),
                            ("━" * (width - filled), "$panel-lighten-2"))


def left_text(progress: Progress) -> Content:
    """What is left: "11 new · 2 learning · 5 due" (study) or "4 of 20 answered" (cram, exam)."""
    if progress.planned is not None:
        return Content.styled(f"{progress.answered} of {progress.planned} answered", "bold")
    new, learning, due = (progress.new, progress.learning, progress.due) if progress.counted \
        else ("…", "…", "…")  # being counted (the next frame, `show_counted`)
    return Content.assemble(
        (f"{new} new", "bold $text-primary"), " · ",
        (f"{learning} learning", "bold $text-error"), " · ",
        (f"{due} due", "bold $text-success"))


class StudyStatus(Line):
    """"11 new · 2 learning · 5 due · 7/9 right · score 140 · streak 3" and a progress bar."""

    _last: tuple[Progress, timedelta | None] | None = None
    _width = 0
    """The width the line was last laid out for."""

    def show_progress(self, progress: Progress, time_left: timedelta | None = None) -> None:
        """Show where the session is (and, in an exam, the time left)."""
        self._last = (progress, time_left)
        streak = f" · streak {progress.streak}" if progress.streak else ""
        # The clock comes right after what is left, so a narrow terminal cuts the score
        # before it cuts the time.
        figures = Content.assemble(
            left_text(progress), _clock(time_left),
            f" · {progress.correct}/{progress.answered} right · ",
            (f"score {progress.score}", "bold"), streak)
        width = self._width = self.size.width or self.app.size.width
        room = min(BAR_WIDTH, width - figures.cell_length - 2)
        if room >= MIN_BAR:
            total = max(1, progress.answered + progress.remaining)
            figures = Content.assemble(progress_bar(progress.answered, total, room), "  ", figures)
        self.show(figures)

    def show_counted(self, progress: Progress) -> None:
        """Show the cards left once they are counted, if the line still waits for them (a
        later answer's progress, already shown, is never replaced by an older one)."""
        if self._last is not None and not self._last[0].counted:
            self.show_progress(progress, self._last[1])

    def on_resize(self) -> None:
        # Laid out for the app's width before the line had a size of its own: the first
        # layout's resize changes nothing on a line as wide as the app.
        if self._last is not None and self.size.width != self._width:
            self.show_progress(*self._last)


def _clock(time_left: timedelta | None) -> Content:
    if time_left is None:
        return Content("")
    seconds = max(0, int(time_left.total_seconds()))
    style = "bold $text-error" if seconds < 60 else "bold"
    return Content.assemble(" · ", (f"{seconds // 60}:{seconds % 60:02d} left", style))
