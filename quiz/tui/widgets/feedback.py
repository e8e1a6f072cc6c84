"""`FeedbackPanel`: the verdict in colour, why, the right answer, the explanation and the source,
and the four ratings with the next interval of each (1–4 override the suggested one)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from quiz.tui.humanize import interval

if TYPE_CHECKING:
    from quiz.study import Outcome

RATING_NAMES: dict[int, str] = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
VERDICT_TITLES: dict[str, str] = {"correct": "Correct", "close": "Close", "wrong": "Wrong"}
VERDICT_STYLES: dict[str, str] = {
    "correct": "bold $text-success", "close": "bold $text-warning", "wrong": "bold $text-error"}


class FeedbackPanel(Widget, can_focus=True):
    """Shown under the question once it is answered; Enter (or Space) goes on."""

    DEFAULT_CSS = """
    FeedbackPanel {
        height: auto;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space", "next", "Next"),
        *(Binding(str(r), f"rate({r})", f"{name}", show=False) for r, name in RATING_NAMES.items()),
    ]

    class Next(Message):
        """The learner wants the next question."""

    class Rated(Message):
        """The learner chose a rating other than the one suggested."""

        def __init__(self, rating: int) -> None:
            self.rating = rating
            """1 Again, 2 Hard, 3 Good, 4 Easy."""
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._outcome: Outcome | None = None

    @property
    def outcome(self) -> Outcome | None:
        """The outcome shown."""
        return self._outcome

    leaving = False
    """True once the learner asked for the next question (until an outcome is shown again)."""

    def show(self, outcome: Outcome) -> None:
        """Show an outcome (again after an override: the chosen rating moves)."""
        self._outcome = outcome
        self.leaving = False
        self.refresh(layout=True)

    def render(self) -> Content:
        """Verdict line, answer, why, source, notice, ratings, keys."""
        outcome = self._outcome
        if outcome is None:
            return Content("")
        grade = outcome.grade
        points = f"+{outcome.points}" if outcome.points else "no points"
        streak = f" · streak {outcome.streak}" if outcome.streak > 1 else ""
        lines = [Content.assemble(
            (f" {VERDICT_TITLES.get(grade.verdict, grade.verdict)} ",
             f"reverse {VERDICT_STYLES.get(grade.verdict, 'bold')}"),
            "  ", (_headline(outcome), VERDICT_STYLES.get(grade.verdict, "")),
            "  ", (f"({points}{streak})", "$text-muted")), Content("")]
        if outcome.items:
            lines += _item_lines(outcome)
        else:
            lines.append(Content.assemble(("Answer: ", "bold"), outcome.answer))
            if outcome.explain:
                lines.append(Content.assemble(("Why: ", "bold"), outcome.explain))
        if outcome.source:
            lines.append(Content.assemble(("Source: ", "bold"), outcome.source))
        if outcome.notice:
            lines.append(Content.assemble(("Note: ", "bold $text-warning"), outcome.notice))
        lines.append(Content(""))
        if outcome.intervals:
            chips = []
            for rating, name in RATING_NAMES.items():
                after = outcome.intervals.get(rating)
                label = f" {rating} {name}" + (f" {interval(after)} " if after is not None else " ")
                if rating == outcome.rating:
                    chips.append(Content.styled(label, "bold reverse $text-accent"))
                elif rating == outcome.suggested:
                    chips.append(Content.styled(label, "underline"))
                else:
                    chips.append(Content.styled(label, "$text-muted"))
            lines.append(Content("  ").join(chips))
        hint = "Enter next"
        if outcome.intervals:
            hint += " · 1–4 change the rating"
        hint += " · u undo" if outcome.can_undo else ""
        hint += " · s suspend · b bury" if outcome.can_set_aside else ""
        hint += " · e edit"
        lines.append(Content.styled(hint, "$text-muted"))
        return Content("\n").join(lines)

    def action_next(self) -> None:
        """Ask for the next question."""
        self.leaving = True
        self.post_message(self.Next())

    def action_rate(self, rating: int) -> None:
        """Override the rating."""
        if self._outcome is not None and self._outcome.intervals:
            self.post_message(self.Rated(rating))


def _headline(outcome: Outcome) -> str:
    """The grade's sentence; for match and order, a count (each item is listed below)."""
    items = outcome.items
    if not items:
        return outcome.grade.feedback
    right = sum(item.ok for item in items)
    what = "pairs right" if outcome.format == "match" else "in the right place"
    return f"{right} of {len(items)} {what}"


def _item_lines(outcome: Outcome) -> list[Content]:
    """A ✓ or ✗ per pair (match) or position (order), the right one beside a wrong one."""
    lines: list[Content] = []
    for number, item in enumerate(outcome.items, 1):
        mark = ("✓ ", "bold $text-success") if item.ok else ("✗ ", "bold $text-error")
        if outcome.format == "match":
            line = Content.assemble(mark, item.item, ("  → ", "dim"), (item.right, "bold"))
            if not item.ok:
                line = Content.assemble(line, (f"  (you: {item.given})", "$text-error"))
        else:
            line = Content.assemble(mark, (f"{number}. {item.item}: ", "bold"), item.right)
            if not item.ok:
                line = Content.assemble(line, (f"  (you put {item.given} here)", "$text-error"))
        lines.append(line)
        if item.explain:
            lines.append(Content.assemble(("   Why: ", "dim bold"), (item.explain, "dim")))
    return lines
