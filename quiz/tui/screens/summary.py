"""`SummaryScreen`: the end of a session — score and personal best, accuracy, time, answers
by format, the facts missed with their answers, and when the next reviews are due."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from quiz.tui.humanize import FORMAT_LABELS, due_when, duration, percent
from quiz.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from quiz.study import Summary


class SummaryScreen(Screen[None]):
    """Read-only; Enter or Esc goes back to the decks."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape", "close", "Back to decks"),
    ]

    def __init__(self, summary: Summary, now: datetime, zone: tzinfo | None = None) -> None:
        super().__init__()
        self._summary = summary
        self._now = now
        self._zone = zone

    def compose(self) -> ComposeResult:
        """The figures, then the missed facts."""
        s = self._summary
        with Vertical(id="summary"):
            yield Static(Content.assemble(
                ("Session over", "bold"), " — ", (s.title, "bold"),
                f" ({s.mode})"), classes="screen-title")
            if s.new_best:
                best = Content.styled("  New personal best!", "bold $success")
            elif s.personal_best is not None:
                best = Content(f"  (personal best {s.personal_best})")
            else:
                best = Content("")
            yield Static(Content.assemble(("Score: ", "bold"), (str(s.score), "bold $accent"), best),
                         id="summary-score")
            if s.mode == "exam" and s.planned is not None:
                unanswered = s.planned - s.answered
                yield Static(Content.assemble(
                    ("Answered: ", "bold"), f"{s.answered} of {s.planned}",
                    (f" — {unanswered} left unanswered (time was up or the exam was ended)"
                     if unanswered > 0 else " — every question", "$text-warning" if unanswered else "")),
                    id="summary-answered")
            yield Static(Content.assemble(
                ("Accuracy: ", "bold"), percent(s.accuracy if s.answered else None),
                f" — {s.correct} right, {s.close} close, {s.wrong} wrong of {s.answered}",
                ("   Time: ", "bold"), duration(s.duration)), id="summary-accuracy")
            if s.by_format:
                formats = " · ".join(f"{FORMAT_LABELS.get(name, name)} {right}/{asked}"
                                     for name, (asked, right) in sorted(s.by_format.items()))
                yield Static(Content.assemble(("By format: ", "bold"), formats), id="summary-formats")
            if s.next_due is not None:
                when = f"due {due_when(s.next_due, self._now, self._zone)}"
            else:
                when = "none scheduled"
            yield Static(Content.assemble(("Next review: ", "bold"), when), id="summary-next")
            if s.missed:
                yield Static(Content.styled(f"Missed ({len(s.missed)})", "bold"),
                             classes="section-title")
                with VerticalScroll(id="summary-missed"):
                    for prompt, answer in s.missed:
                        yield Static(Content.assemble("• ", prompt, "\n  ",
                                                      ("→ ", "dim"), (answer, "bold $success")),
                                     classes="missed")
            elif s.answered:
                yield Static("Nothing missed.", classes="section-title")
        yield KeyBar()

    def action_close(self) -> None:
        """Back to the decks."""
        self.dismiss(None)
