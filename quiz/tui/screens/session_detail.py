"""`SessionDetailScreen`: one past session's answers — question, what was given, verdict, time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta, tzinfo
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from quiz.tui.humanize import duration, percent
from quiz.tui.mounting import when_composed
from quiz.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from quiz.stats import SessionRow
    from quiz.store import Review

RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
VERDICT_STYLES = {"correct": "$success", "close": "$warning", "wrong": "$error"}


def given(review: Review) -> str:
    """What the learner answered: the typed text, or the option(s) picked."""
    if review.response is not None:
        return review.response or "(blank)"
    options = review.options or []

    def option(index: object) -> str:
        return str(options[index]) if isinstance(index, int) and 0 <= index < len(options) \
            else str(index)

    chosen = review.chosen
    if isinstance(chosen, list):
        # Answers recorded before match and order kept their words: a name (the left of a
        # pair) is shown by its text, the fact it was paired with by its number.
        return ", ".join(option(c) if not isinstance(c, list) else
                         f"{option(c[0])} → fact {c[1] + 1}" if len(c) == 2 and isinstance(c[1], int)
                         else "→".join(map(str, c)) for c in chosen)
    return option(chosen) if chosen is not None else "–"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


class SessionDetailScreen(Screen[None]):
    """Read-only; Esc, q or Enter goes back to the history."""

    CSS_PATH = "../history.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "back", "Back"),
    ]

    def __init__(self, session: SessionRow, reviews: Sequence[Review],
                 zone: tzinfo | None = None) -> None:
        super().__init__()
        self._session = session
        self._reviews = list(reviews)
        self._zone = zone

    def compose(self) -> ComposeResult:
        """The session's figures, then one row per answer."""
        s = self._session
        local = s.started_at.astimezone(self._zone) if self._zone else s.started_at.astimezone()
        with Vertical(id="session-detail"):
            yield Static(Content.assemble(
                ("Session ", "bold"), (" + ".join(s.decks), "bold"),
                f" — {s.mode} · {local:%Y-%m-%d %H:%M}"), classes="screen-title")
            took = s.duration
            yield Static(Content.assemble(
                ("Accuracy ", "bold"), percent(s.accuracy),
                f" — {s.correct} right, {s.close} close, {s.wrong} wrong of {s.questions}",
                ("   Score ", "bold"), str(s.score),
                ("   Time ", "bold"), duration(took) if took is not None else "–"),
                id="session-figures")
            yield DataTable(id="answers", cursor_type="row", zebra_stripes=True)
            yield Static(id="answer-detail")
        yield KeyBar()

    @when_composed
    def on_mount(self) -> None:
        table = self.query_one("#answers", DataTable)
        # The question takes what the other columns leave, so a row fits the terminal.
        room = max(20, self.app.size.width - 50)
        table.add_column("#")
        table.add_column("Question", width=room)
        table.add_column("Given", width=16)
        table.add_columns("Verdict", "Rating", "Time")
        number = 0
        self._shown: list[Review] = []
        for review in self._reviews:
            if review.undone:
                continue  # taken back: asked again, so the answer that counts follows
            number += 1
            self._shown.append(review)
            table.add_row(
                str(number), _clip(review.prompt, room), _clip(given(review), 16),
                Content.styled(review.verdict, VERDICT_STYLES.get(review.verdict, "")),
                RATING_NAMES.get(int(review.rating), str(review.rating)),
                duration(timedelta(milliseconds=review.duration_ms)))

    @on(DataTable.RowHighlighted, "#answers")
    def _detail(self, event: DataTable.RowHighlighted) -> None:
        """The highlighted answer in full: a long question is never cut here."""
        if not 0 <= event.cursor_row < len(self._shown):
            return
        review = self._shown[event.cursor_row]
        self.query_one("#answer-detail", Static).update(Content.assemble(
            ("Question: ", "bold"), review.prompt, "\n", ("Given: ", "bold"), given(review)))

    def action_back(self) -> None:
        """Back to the history."""
        self.dismiss(None)
