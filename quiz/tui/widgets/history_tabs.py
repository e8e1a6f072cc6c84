"""The figure tabs of the history screen, one widget each, filled from `quiz.stats` figures.

Each tab composes its own widgets, hides what has nothing to show yet (the tabs say
`SUMMING` until the figures arrive) and has one ``show(...)`` taking the plain figure it
draws. The sessions list, which the screen sorts and opens, stays with the screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from quiz.tui.humanize import percent
from quiz.tui.mounting import when_composed
from quiz.tui.widgets.charts import BarChart
from quiz.tui.widgets.heatmap import Heatmap

if TYPE_CHECKING:
    from quiz.stats import BestRow, Calendar, Forecast, Overview, Period, Retention, Tally

SUMMING = "Summing up your reviews…"
"""What the tabs other than Sessions say until their figures arrive."""

def local(moment: datetime, zone: tzinfo | None) -> datetime:
    """``moment`` in the learner's zone (the system's when None)."""
    return moment.astimezone(zone) if zone is not None else moment.astimezone()


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells with an ellipsis."""
    return text if len(text) <= width else text[:width - 1] + "…"


def count(n: int, word: str) -> str:
    """``n`` and ``word``, plural unless one: "1 day", "3 days"."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


class CalendarTab(VerticalScroll):
    """Answers per day over the last year, and the streaks."""

    def compose(self) -> ComposeResult:
        yield Heatmap(id="heatmap")
        yield Static(SUMMING, id="streaks")

    @when_composed
    def on_mount(self) -> None:
        self.query_one(Heatmap).display = False

    def show(self, cal: Calendar) -> None:
        """Draw ``cal``."""
        heatmap = self.query_one(Heatmap)
        heatmap.show(cal.first, cal.counts)
        heatmap.display = True
        if not cal.total_reviews:
            text = Content("No answers yet: each day you study fills a square.")
        else:
            text = Content.assemble(
                ("Current streak ", "bold"), (count(cal.current_streak, "day"), "bold $accent"),
                ("   Longest ", "bold"), count(cal.longest_streak, "day"),
                f"\n{count(sum(cal.counts), 'answer')} on {count(cal.active_days, 'day')} "
                "in the last year.")
        self.query_one("#streaks", Static).update(text)


class ProgressTab(VerticalScroll):
    """Accuracy and score per week, for all decks or one of them."""

    def compose(self) -> ComposeResult:
        yield Static(SUMMING, id="progress-title")
        yield BarChart(id="accuracy-chart")
        yield BarChart(id="points-chart")

    @when_composed
    def on_mount(self) -> None:
        for chart in self.query(BarChart):
            chart.display = False

    def show(self, periods: Sequence[Period], name: str, more_decks: bool) -> None:
        """Draw the weeks of one deck (or all, ``name`` saying which)."""
        keys = "   (d: next deck)" if more_decks else ""
        title = Content.assemble(("Weekly progress — ", "bold"), (name, "bold $accent"),
                                 (keys, "$text-muted"))
        if not sum(p.questions for p in periods):
            title = Content.assemble(title, f"\nNo answers in the last {len(periods)} weeks.")
        self.query_one("#progress-title", Static).update(title)
        labels = (f"{periods[0].start:%d %b}", f"week of {periods[-1].start:%d %b}") \
            if periods else ("", "")
        accuracy = [round(100 * p.accuracy) if p.accuracy is not None else None for p in periods]
        recent = next((a for a in reversed(accuracy) if a is not None), None)
        chart = self.query_one("#accuracy-chart", BarChart)
        chart.border_title = f"Accuracy per week (last {recent}%)" if recent is not None \
            else "Accuracy per week"
        chart.show(accuracy, height=4, top=100, unit="%", labels=labels, width=2)
        chart.display = True
        chart = self.query_one("#points-chart", BarChart)
        chart.border_title = f"Score per week (total {sum(p.score for p in periods):,})"
        chart.show([float(p.score) for p in periods], height=4, labels=labels, width=2)
        chart.display = True


class RetentionTab(VerticalScroll):
    """True retention by interval and format, and predicted recall against actual."""

    def __init__(self, zone: tzinfo | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._zone = zone

    def compose(self) -> ComposeResult:
        yield Static(SUMMING, id="retention")

    def show(self, found: Retention) -> None:
        """Draw ``found``."""
        box = self.query_one("#retention", Static)
        if not found.enough:
            box.update(Content(
                f"Not enough scheduled reviews yet: {found.reviews} of "
                f"{found.needed}.\nTrue retention counts reviews of cards "
                "already learned (study mode); it appears once there are enough."))
            return
        since = local(found.since, self._zone) if found.since else None
        lines = [Content.assemble(
            ("True retention ", "bold"),
            (percent(found.retention), "bold $accent"),
            f" of {count(found.reviews, 'scheduled review')}"
            + (f" since {since:%d %b %Y}" if since else "")
            + (" (the latest)" if found.sampled else ""))]
        lines += _tally_lines("By interval", found.by_interval)
        lines += _tally_lines("By format", found.by_format)
        lines.append(Content.styled("\nPredicted recall against actual", "bold"))
        lines.append(Content.styled(f"  {'predicted':<12}{'reviews':>8}  {'expected':>8}  "
                                    f"{'actual':>6}", "$text-muted"))
        for b in found.calibration:
            if not b.reviews:
                continue
            gap = "" if b.actual is None else f"  {round(100 * (b.actual - b.predicted)):+d} pts"
            lines.append(Content(
                f"  {round(b.low * 100)}–{round(b.high * 100)}%".ljust(14)
                + f"{b.reviews:>8,}  {percent(b.predicted):>8}  {percent(b.actual):>6}{gap}"))
        box.update(Content("\n").join(lines))


def _tally_lines(title: str, tallies: Sequence[Tally]) -> list[Content]:
    lines = [Content.styled(f"\n{title}", "bold")]
    for t in tallies:
        if not t.reviews:
            continue
        share = t.retention
        bar = "█" * round(share * 20) if share is not None else ""
        lines.append(Content.assemble(
            f"  {t.label:<12}{t.reviews:>8,}  {percent(share):>5}  ", (bar, "$success")))
    return lines


class ForecastTab(VerticalScroll):
    """Cards falling due on each of the next days."""

    def compose(self) -> ComposeResult:
        yield Static(SUMMING, id="forecast-summary")
        yield BarChart(id="forecast-chart")

    @when_composed
    def on_mount(self) -> None:
        self.query_one(BarChart).display = False

    def show(self, found: Forecast) -> None:
        """Draw ``found``."""
        due = found.due
        summary = Content.assemble(
            ("Reviews due ", "bold"),
            f"today {due[0]:,} · tomorrow {due[1] if len(due) > 1 else 0:,} · "
            f"next 7 days {sum(due[:7]):,} · next {len(due)} days {sum(due):,}")
        if not sum(due):
            summary = Content.assemble(summary, "\nNothing is scheduled in the next "
                                       f"{len(due)} days.")
        self.query_one("#forecast-summary", Static).update(summary)
        last = found.today + timedelta(days=len(due) - 1)
        chart = self.query_one("#forecast-chart", BarChart)
        chart.border_title = "Cards due per day"
        chart.show([float(d) for d in due], height=6, labels=("today", f"{last:%d %b}"), width=2)
        chart.display = True


class BestsTab(Vertical):
    """Personal bests per deck and mode."""

    def __init__(self, zone: tzinfo | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._zone = zone

    def compose(self) -> ComposeResult:
        yield Static(SUMMING, classes="history-empty", id="bests-waiting")
        yield DataTable(id="bests", cursor_type="row", zebra_stripes=True)
        yield Static(classes="history-empty", id="bests-empty")

    @when_composed
    def on_mount(self) -> None:
        for hidden in ("#bests", "#bests-empty"):
            self.query_one(hidden).display = False

    def show(self, rows: Sequence[BestRow]) -> None:
        """Draw ``rows``."""
        self.query_one("#bests-waiting").display = False
        table = self.query_one("#bests", DataTable)
        empty = self.query_one("#bests-empty", Static)
        table.display = bool(rows)
        empty.display = not rows
        empty.update("No personal bests yet: a session of 5 answers or more sets the first ones.")
        table.clear(columns=True)
        table.add_columns("Deck", "Mode", "Best %", "Points", "Streak", "Answers", "Set")
        for row in rows:
            when = local(row.achieved_at, self._zone) if row.achieved_at else None
            table.add_row(
                " + ".join(row.decks), row.mode,
                f"{row.score_percent:g}%" if row.score_percent is not None else "–",
                *(str(v) if v is not None else "–" for v in (row.score, row.streak, row.questions)),
                f"{when:%Y-%m-%d}" if when else "–")


class HardestTab(VerticalScroll):
    """The facts forgotten most often and the answers confused most often."""

    def compose(self) -> ComposeResult:
        yield Static(SUMMING, id="hardest-title", classes="history-section")
        yield DataTable(id="hardest", cursor_type="row")
        yield Static(id="confused-title", classes="history-section")
        yield DataTable(id="confused", cursor_type="row")

    @when_composed
    def on_mount(self) -> None:
        for hidden in ("#hardest", "#confused", "#confused-title"):
            self.query_one(hidden).display = False

    def show(self, found: Overview) -> None:
        """Draw the hardest facts and the confused answers of ``found``."""
        hard = self.query_one("#hardest", DataTable)
        hard.clear(columns=True)
        hard.add_column("Fact", width=36)
        hard.add_column("Answer", width=16)
        hard.add_columns("Lapses", "Retention")
        for h in found.hardest:
            hard.add_row(clip(h.prompt, 36), clip(h.answer, 16), str(h.lapses), percent(h.retention))
        hard.display = bool(found.hardest)
        self.query_one("#hardest-title", Static).update(
            Content.assemble(("Hardest facts", "bold"), ("   c: cram these", "$text-muted"))
            if found.hardest else Content("No lapses yet: no fact has been forgotten after "
                                          "being learned."))
        confused = self.query_one("#confused", DataTable)
        confused.clear(columns=True)
        confused.add_column("Fact", width=30)
        confused.add_column("Answer", width=14)
        confused.add_column("Picked instead", width=14)
        confused.add_column("Times")
        for c in found.confused:
            confused.add_row(clip(c.prompt, 30), clip(c.answer, 14), clip(c.chosen, 14),
                             str(c.count))
        confused.display = bool(found.confused)
        title = self.query_one("#confused-title", Static)
        title.display = True
        title.update(Content.assemble(("Most confused", "bold"), ("   v: cram these", "$text-muted"))
                     if found.confused else Content("No wrong multiple-choice answers yet."))

