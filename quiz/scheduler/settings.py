"""What the learner can change about scheduling: retention, daily limits, day end, leeches."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypedDict

from quiz.clock import DEFAULT_DAY_ENDS_AT


class SettingsDict(TypedDict):
    """Stored form of `Settings`."""

    desired_retention: float
    new_per_day: int
    reviews_per_day: int
    day_ends_at: int
    leech_lapses: int
    learn_ahead_minutes: int
    exam_questions: int
    exam_minutes: int


@dataclass(frozen=True, slots=True)
class Settings:
    """What the learner can change about scheduling; validated on creation."""

    desired_retention: float = 0.9
    """Share of reviews the learner should get right (0.70–0.97)."""
    new_per_day: int = 20
    """New cards introduced per deck per study day."""
    reviews_per_day: int = 200
    """Reviews per deck per study day."""
    day_ends_at: int = DEFAULT_DAY_ENDS_AT
    """Local hour (0–23) at which a study day ends."""
    leech_lapses: int = 8
    """Lapses after which a card is a leech and is suspended."""
    learn_ahead_minutes: int = 20
    """When nothing else is left, a learning card due within this many minutes is shown."""
    exam_questions: int = 20
    """Default number of questions in exam mode."""
    exam_minutes: int = 10
    """Default time limit of an exam."""

    def __post_init__(self) -> None:
        checks = (
            (0.7 <= self.desired_retention <= 0.97,
             "desired_retention must be between 0.70 and 0.97"),
            (0 <= self.new_per_day <= 9999, "new_per_day must be between 0 and 9999"),
            (0 <= self.reviews_per_day <= 99999, "reviews_per_day must be between 0 and 99999"),
            (0 <= self.day_ends_at <= 23, "day_ends_at must be an hour from 0 to 23"),
            (1 <= self.leech_lapses <= 99, "leech_lapses must be between 1 and 99"),
            (0 <= self.learn_ahead_minutes <= 1440,
             "learn_ahead_minutes must be between 0 and 1440"),
            (1 <= self.exam_questions <= 1000, "exam_questions must be between 1 and 1000"),
            (1 <= self.exam_minutes <= 600, "exam_minutes must be between 1 and 600"),
        )
        for ok, message in checks:
            if not ok:
                raise ValueError(message)

    def to_dict(self) -> SettingsDict:
        """The stored form."""
        return SettingsDict(
            desired_retention=self.desired_retention, new_per_day=self.new_per_day,
            reviews_per_day=self.reviews_per_day, day_ends_at=self.day_ends_at,
            leech_lapses=self.leech_lapses, learn_ahead_minutes=self.learn_ahead_minutes,
            exam_questions=self.exam_questions, exam_minutes=self.exam_minutes)

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Settings:
        """Settings from a stored form; unknown keys are ignored, missing ones default.

        Raises:
            ValueError: if a value has the wrong type or is out of range.
        """
        values: dict[str, float | int] = {}
        for name, default in cls().to_dict().items():
            if name not in data:
                continue
            value = data[name]
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"{name} must be a number")
            if isinstance(default, int) and not float(value).is_integer():
                raise ValueError(f"{name} must be a whole number")
            values[name] = int(value) if isinstance(default, int) else float(value)
        return cls(**values)  # type: ignore[arg-type]
