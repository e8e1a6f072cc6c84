"""`SettingsScreen`: desired retention, new cards and reviews per day, and when the day ends."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from quiz.frozen import replace
from quiz.tui.mounting import when_composed
from quiz.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:  # the scheduler (and fsrs) load on the store thread, not with the UI
    from quiz.scheduler import Settings

FIELDS: tuple[tuple[str, str, str], ...] = (
    ("desired_retention", "Desired retention", "share of reviews you should get right, 0.70–0.97"),
    ("new_per_day", "New cards per day", "per deck, 0–9999"),
    ("reviews_per_day", "Reviews per day", "per deck, 0–99999"),
    ("day_ends_at", "Day ends at (hour)", "local hour, 0–23; 4 means 4 a.m."),
)


class SettingsScreen(ModalScreen[dict[str, float | int] | None]):
    """Returns the changed settings (name → value), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+o", "optimize", "Optimize"),
    ]

    class OptimizeWanted(Message):
        """The learner asked to fit the scheduler to their history (`OptimizeScreen`)."""

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self._settings = settings

    def compose(self) -> ComposeResult:
        """One labelled field per setting."""
        current = self._settings.to_dict()
        with Vertical(classes="dialog wide-dialog"):
            yield Static("Settings", classes="dialog-title")
            with Grid(id="settings-grid"):
                for name, label, hint in FIELDS:
                    yield Label(label)
                    kind = "number" if name == "desired_retention" else "integer"
                    yield Input(f"{current[name]:g}" if kind == "number" else str(current[name]),
                                type=kind, id=f"setting-{name}", tooltip=hint)
                    yield Static(hint, classes="hint")
            yield Static("", id="settings-error", classes="error-line")
            yield Static("Enter saves · Tab moves · Esc cancels · Ctrl+O fits the scheduler "
                         "to your history and shows what each retention costs", classes="hint")
        yield KeyBar()

    @when_composed
    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = not self.app.is_headless
        self.query(Input).first().focus()

    def _read(self) -> dict[str, float | int]:
        """The values in the fields; raises ValueError with a message for the learner."""
        values: dict[str, float | int] = {}
        for name, label, _hint in FIELDS:
            text = self.query_one(f"#setting-{name}", Input).value.strip()
            try:
                values[name] = float(text) if name == "desired_retention" else int(text)
            except ValueError:
                raise ValueError(f"{label}: give a number") from None
        replace(self._settings, **values)  # validates the values, as the service will
        return values

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Save if every field is valid, else say which is not."""
        try:
            values = self._read()
        except ValueError as exc:
            self.query_one("#settings-error", Static).update(str(exc).replace("_", " "))
            return
        current: dict[str, float | int] = dict(self._settings.to_dict())
        self.dismiss({k: v for k, v in values.items() if current[k] != v})

    def action_optimize(self) -> None:
        """Ask the app for the Optimize screen (it holds the study service)."""
        self.post_message(self.OptimizeWanted())

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
