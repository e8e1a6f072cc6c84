"""What the learner can change about scheduling: retention, daily limits, day end, leeches,
and the FSRS parameters (the defaults, or the learner's own from `quiz optimize`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, TypedDict

from quiz.clock import DEFAULT_DAY_ENDS_AT
from quiz.frozen import Frozen, replace

DEFAULT_PARAMETERS: tuple[float, ...] = (
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542)
"""FSRS-6's 21 default parameters: py-fsrs's ``DEFAULT_PARAMETERS``, written out so that a
first question, which ranks cards with them, does not import py-fsrs (a test checks they
are the same)."""


def check_parameters(values: Iterable[object]) -> tuple[float, ...]:
    """21 FSRS-6 parameters within py-fsrs's bounds, as floats.

    Raises:
        ValueError: a wrong count, a value that is not a number, or one out of bounds.
    """
    # py-fsrs loads here, for the learner's own parameters only (not for the defaults)
    from fsrs.scheduler import LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS

    found = tuple(values)
    if len(found) != len(DEFAULT_PARAMETERS):
        raise ValueError(f"FSRS parameters must be {len(DEFAULT_PARAMETERS)} numbers, "
                         f"not {len(found)}")
    checked: list[float] = []
    for index, (value, low, high) in enumerate(
            zip(found, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS, strict=True)):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"FSRS parameter {index} must be a number")
        if not low <= value <= high:
            raise ValueError(f"FSRS parameter {index} = {value} is out of bounds ({low}–{high})")
        checked.append(float(value))
    return tuple(checked)


if TYPE_CHECKING:
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
        parameters: dict[str, list[float]]
else:  # a plain dict at run time: a TypedDict compiles each annotation when it is created,
    SettingsDict = dict  # on the way to every first question (issue 17)


_FIELDS = ("desired_retention", "new_per_day", "reviews_per_day", "day_ends_at", "leech_lapses",
           "learn_ahead_minutes", "exam_questions", "exam_minutes", "parameters")


class Settings(Frozen, fields=_FIELDS):
    """What the learner can change about scheduling; validated on creation."""

    __slots__ = _FIELDS
    desired_retention: float
    """Share of reviews the learner should get right (0.70–0.97)."""
    new_per_day: int
    """New cards introduced per deck per study day."""
    reviews_per_day: int
    """Reviews per deck per study day."""
    day_ends_at: int
    """Local hour (0–23) at which a study day ends."""
    leech_lapses: int
    """Lapses after which a card is a leech and is suspended."""
    learn_ahead_minutes: int
    """When nothing else is left, a learning card due within this many minutes is shown."""
    exam_questions: int
    """Default number of questions in exam mode."""
    exam_minutes: int
    """Default time limit of an exam."""
    parameters: tuple[tuple[str, tuple[float, ...]], ...]
    """The learner's own FSRS parameters by scope, sorted: ``""`` for every deck, else a deck
    id (`quiz optimize`); the defaults where there are none."""

    def __init__(self, desired_retention: float = 0.9, new_per_day: int = 20,
                 reviews_per_day: int = 200, day_ends_at: int = DEFAULT_DAY_ENDS_AT,
                 leech_lapses: int = 8, learn_ahead_minutes: int = 20, exam_questions: int = 20,
                 exam_minutes: int = 10,
                 parameters: tuple[tuple[str, tuple[float, ...]], ...] = ()) -> None:
        """Settings with these values (each one's range is checked; ValueError if out)."""
        for name, value in zip(_FIELDS, (
                desired_retention, new_per_day, reviews_per_day, day_ends_at, leech_lapses,
                learn_ahead_minutes, exam_questions, exam_minutes, parameters)):
            object.__setattr__(self, name, value)
        self._check()

    def _check(self) -> None:
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
        scopes = [scope for scope, _ in self.parameters]
        if scopes != sorted(set(scopes)) or not all(isinstance(s, str) for s in scopes):
            raise ValueError("parameters must be keyed by distinct deck ids, sorted")
        for _, values in self.parameters:
            check_parameters(values)

    def parameters_for(self, deck_id: str) -> tuple[float, ...]:
        """The FSRS parameters for a deck: its own, else every deck's, else the defaults."""
        own = dict(self.parameters)
        return own.get(deck_id) or own.get("") or DEFAULT_PARAMETERS

    def with_parameters(self, scope: str, values: Sequence[float] | None) -> Settings:
        """These settings with ``values`` for ``scope`` (``""``: every deck; None: defaults)."""
        own = dict(self.parameters)
        if values is None:
            own.pop(scope, None)
        else:
            own[scope] = check_parameters(values)
        return replace(self, parameters=tuple(sorted(own.items())))

    def to_dict(self) -> SettingsDict:
        """The stored form."""
        return SettingsDict(
            desired_retention=self.desired_retention, new_per_day=self.new_per_day,
            reviews_per_day=self.reviews_per_day, day_ends_at=self.day_ends_at,
            leech_lapses=self.leech_lapses, learn_ahead_minutes=self.learn_ahead_minutes,
            exam_questions=self.exam_questions, exam_minutes=self.exam_minutes,
            parameters={scope: list(values) for scope, values in self.parameters})

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Settings:
        """Settings from a stored form; unknown keys are ignored, missing ones default.

        Raises:
            ValueError: if a value has the wrong type or is out of range.
        """
        values: dict[str, object] = {}
        for name, default in cls().to_dict().items():
            if name not in data:
                continue
            value = data[name]
            if name == "parameters":
                values[name] = _parameters_from(value)
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"{name} must be a number")
            if isinstance(default, int) and not float(value).is_integer():
                raise ValueError(f"{name} must be a whole number")
            values[name] = int(value) if isinstance(default, int) else float(value)
        return cls(**values)  # type: ignore[arg-type]


def _parameters_from(value: object) -> tuple[tuple[str, tuple[float, ...]], ...]:
    if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
        raise ValueError("parameters must map deck ids to lists of numbers")
    found: list[tuple[str, tuple[float, ...]]] = []
    for scope, values in sorted(value.items()):
        if not isinstance(values, (list, tuple)):
            raise ValueError("parameters must map deck ids to lists of numbers")
        found.append((scope, check_parameters(values)))
    return tuple(found)
