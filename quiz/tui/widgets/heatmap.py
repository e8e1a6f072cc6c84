"""`Heatmap`: answers per study day over a year, one cell per day, a column per week.

Drawn with shade characters (``·░▒▓█``) so the levels read in any colour scheme and in a
monochrome terminal; a year is 53 columns plus the weekday labels, so it fits 80 columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from textual.content import Content
from textual.widgets import Static

SHADES = ("·", "░", "▒", "▓", "█")
"""No answers, then four levels of more."""

WEEKDAYS = ("Mon", "", "Wed", "", "Fri", "", "")
LABEL_WIDTH = 4


def levels(counts: Sequence[int]) -> list[int]:
    """The shade level (0–4) of each count: 0 for none, then quartiles of the busiest day."""
    top = max(counts, default=0)
    if top <= 0:
        return [0] * len(counts)
    return [0 if c <= 0 else min(4, 1 + (4 * (c - 1)) // top) for c in counts]


def heatmap_content(first: date, counts: Sequence[int]) -> Content:
    """The calendar of ``counts`` (one per day from ``first``) as rows of text."""
    shade = levels(counts)
    start = first - timedelta(days=first.weekday())  # the Monday of the first week
    last = first + timedelta(days=len(counts) - 1)
    weeks = (last - start).days // 7 + 1
    months = [" "] * weeks
    for week in range(weeks):
        monday = start + timedelta(days=7 * week)
        for offset in range(7):
            day = monday + timedelta(days=offset)
            if day.day == 1 and first <= day <= last and week + 3 <= weeks:
                if all(c == " " for c in months[max(0, week - 1):week + 3]):
                    months[week:week + 3] = list(f"{day:%b}")
    lines = [Content(" " * LABEL_WIDTH + "".join(months))]
    for weekday in range(7):
        parts: list[Content] = [Content(f"{WEEKDAYS[weekday]:<{LABEL_WIDTH}}")]
        for week in range(weeks):
            day = start + timedelta(days=7 * week + weekday)
            if day < first or day > last:
                parts.append(Content(" "))
                continue
            level = shade[(day - first).days]
            style = "$text-muted" if level == 0 else "$success"
            if day == last:
                style += " underline"
            parts.append(Content.styled(SHADES[level], style))
        lines.append(Content.assemble(*parts))
    legend = Content.assemble(" " * LABEL_WIDTH, ("less ", "$text-muted"),
                              *[Content.styled(s + " ", "$text-muted" if n == 0 else "$success")
                                for n, s in enumerate(SHADES)], ("more", "$text-muted"))
    lines.append(legend)
    return Content("\n").join(lines)


class Heatmap(Static):
    """A year of study days; `show` draws it."""

    DEFAULT_CSS = """
    Heatmap {
        height: auto;
        width: auto;
    }
    """

    def show(self, first: date, counts: Sequence[int]) -> None:
        """Draw ``counts``, one per day from ``first`` (today last)."""
        self.update(heatmap_content(first, counts))
