"""`WorkloadChart`: the price of each desired retention — reviews per day over the next year.

One row per retention: a line of bars, two weeks each, on one scale shared by all rows (so a taller
row costs more), then the mean reviews and minutes per day and the facts remembered after
the year; the suggested retention is marked.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from quiz.scheduler.workload import Workload
from quiz.tui.widgets.charts import bar_rows

PERIOD = 14
"""Days per bar: a year is 27 bars, which fit beside the figures in the dialog."""


def per_period(days: tuple[int, ...]) -> list[float]:
    """Mean reviews per day of each `PERIOD`."""
    return [sum(days[i:i + PERIOD]) / len(days[i:i + PERIOD])
            for i in range(0, len(days), PERIOD)]


def workload_content(load: Workload) -> Content:
    """The chart's lines."""
    weeks = {r: per_period(days) for r, days in load.reviews_per_day.items()}
    top = max((max(w, default=0.0) for w in weeks.values()), default=0.0)
    span = max((len(w) for w in weeks.values()), default=0)
    lines = [Content.styled(
        f"Reviews a day over the next year, at {load.new_per_day} new cards a day "
        f"({load.cards:,} cards)", "$text-muted"),
        Content.styled(f"each bar is two weeks; the tallest is {top:.0f} a day", "$text-muted")]
    for retention, row in weeks.items():
        per_day = load.average(retention)
        minutes = load.minutes[retention] / max(1, len(load.reviews_per_day[retention]))
        mark = "  suggested" if retention == load.suggested else ""
        lines.append(Content.assemble(
            (f"{retention:.2f} ", "bold" if mark else ""),
            (bar_rows(row, 1, top)[0].ljust(span), "$primary"),
            (f" {per_day:5.1f}/day {minutes:5.1f} min  "
             f"{load.remembered[retention]:,.0f} remembered", ""),
            (mark, "bold $success")))
    return Content("\n").join(lines)


class WorkloadChart(Static):
    """The workload of each desired retention; `show` draws it."""

    DEFAULT_CSS = """
    WorkloadChart {
        height: auto;
        width: 100%;
    }
    """

    def show(self, load: Workload) -> None:
        """Draw ``load``."""
        self.update(workload_content(load))
