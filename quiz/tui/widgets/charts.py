"""`BarChart`: a small vertical bar chart in block characters, with its scale and dates.

Bars are drawn in eighths of a cell (``▁▂▃▄▅▆▇█``) over a few rows, so 26 weeks or 30 days
fit an 80-column terminal with room for the axis; a missing value leaves a gap.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

EIGHTHS = " ▁▂▃▄▅▆▇█"


def bar_rows(values: Sequence[float | None], height: int, top: float,
             width: int = 1) -> list[str]:
    """The rows (top first) of bars for ``values`` scaled so ``top`` fills ``height`` rows."""
    rows = [[] for _ in range(height)]  # type: list[list[str]]
    for value in values:
        eighths = 0 if not value or top <= 0 else max(1, round(value / top * height * 8))
        for row in range(height):
            level = min(8, max(0, eighths - 8 * (height - 1 - row)))
            rows[row].append(EIGHTHS[level] * width)
    return ["".join(r) for r in rows]


def chart_content(values: Sequence[float | None], *, height: int = 5, top: float | None = None,
                  labels: tuple[str, str] = ("", ""), unit: str = "", width: int = 1,
                  style: str = "$primary") -> Content:
    """Bars with the scale on the left (``top`` and 0) and ``labels`` under the first and last."""
    known = [v for v in values if v is not None]
    scale = top if top is not None else max(known, default=0.0)
    high = f"{scale:g}{unit}" if scale else f"0{unit}"
    axis = max(len(high), len(f"0{unit}")) + 1
    lines: list[Content] = []
    for n, row in enumerate(bar_rows(values, height, scale, width)):
        tick = high if n == 0 else f"0{unit}" if n == height - 1 else ""
        lines.append(Content.assemble((f"{tick:>{axis - 1}} ", "$text-muted"), (row, style)))
    span = len(values) * width
    left, right = labels
    gap = max(1, span - len(left) - len(right))
    lines.append(Content.styled(" " * axis + left + " " * gap + right, "$text-muted"))
    return Content("\n").join(lines)


class BarChart(Static):
    """A bar chart; `show` draws it."""

    DEFAULT_CSS = """
    BarChart {
        height: auto;
        width: auto;
    }
    """

    def show(self, values: Sequence[float | None], *, height: int = 5, top: float | None = None,
             labels: tuple[str, str] = ("", ""), unit: str = "", width: int = 1) -> None:
        """Draw ``values`` (see `chart_content`)."""
        self.update(chart_content(values, height=height, top=top, labels=labels, unit=unit,
                                  width=width))
