"""`Frozen` and `Record`: frozen values without the import cost of dataclasses and NamedTuples.

``@dataclass(frozen=True)`` writes and compiles five or six methods per class when its
module is imported, about 1.3 ms a class; fifteen of them sat on every launch path before
the first question (issue 17). A `Frozen` subclass gets the same behaviour from methods
written once here: equality and hash over its compared fields (as a tuple, as a dataclass
does), a dataclass's repr, assignment and deletion refused with `dataclasses.FrozenInstanceError`, and
`replace`. It names its fields as class keywords and writes its own ``__init__``::

    class Tolerance(Frozen, fields=("amount", "relative")):
        def __init__(self, amount: float, relative: bool) -> None:
            object.__setattr__(self, "__dict__", {"amount": amount, "relative": relative})

``compared`` (default: every field) are the fields equality and hash use; ``shown``
(default: every field) those the repr shows. A class with ``__slots__`` pickles its
fields as a slotted frozen dataclass does.

`Record` is `typing.NamedTuple` (written the same way, giving the same class) without its
check of each field's annotation: under ``from __future__ import annotations`` every
annotation is a string, which the check compiles into a `typing.ForwardRef`, half the cost
of the class (34 NamedTuples on the way to a first question cost ~6 ms that way).
"""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from quiz.tuples import namedtuple

__all__ = ["Frozen", "Record", "replace"]

_SET = object.__setattr__
_F = TypeVar("_F", bound="Frozen")


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """A function from an object to the tuple of its ``names`` (a 1-tuple for one name)."""
    if len(names) == 1:
        name = names[0]
        return lambda obj: (getattr(obj, name),)
    if not names:
        return lambda obj: ()
    return attrgetter(*names)  # type: ignore[return-value]


class Frozen:
    """A frozen value: compared by its fields, shown by them, never assigned to."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _shown: tuple[str, ...] = ()
    _values: Callable[[Any], tuple[Any, ...]] = staticmethod(_getter(()))

    def __init_subclass__(cls, fields: tuple[str, ...] | None = None,
                          compared: tuple[str, ...] | None = None,
                          shown: tuple[str, ...] | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if fields is None:  # a subclass adding no fields keeps its parent's
            return
        cls._fields = fields
        cls._shown = fields if shown is None else shown
        cls._values = staticmethod(_getter(fields if compared is None else compared))
        if cls.__dict__.get("__slots__"):
            cls.__getstate__ = _getstate  # type: ignore[method-assign]
            cls.__setstate__ = _setstate  # type: ignore[attr-defined]

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values(self) == self._values(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values(self))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._shown)
        return f"{self.__class__.__qualname__}({shown})"

    def __setattr__(self, name: str, value: object) -> None:
        from dataclasses import FrozenInstanceError  # imported only to refuse

        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot delete field {name!r}")


def _getstate(self: Frozen) -> list[Any]:
    return [getattr(self, name) for name in self._fields]


def _setstate(self: Frozen, state: list[Any]) -> None:
    for name, value in zip(self._fields, state):
        _SET(self, name, value)


def replace(obj: _F, **changes: Any) -> _F:
    """A copy of ``obj`` with ``changes``, made through its ``__init__`` as
    `dataclasses.replace` does (so its checks run again)."""
    for name in obj._fields:
        if name not in changes:
            changes[name] = getattr(obj, name)
    return obj.__class__(**changes)


_PROHIBITED = frozenset({"__new__", "__init__", "__slots__", "__getnewargs__", "_fields",
                         "_field_defaults", "_make", "_replace", "_asdict", "_source"})
_SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})


class _RecordMeta(type):
    """Makes each class written ``class Name(Record):`` a `collections.namedtuple` (made by
    `quiz.tuples.namedtuple`), as `typing.NamedTupleMeta` does, keeping the annotations as
    written."""

    def __new__(mcls, typename: str, bases: tuple[type, ...], ns: dict[str, Any]) -> Any:
        if not bases:  # `Record` itself
            return super().__new__(mcls, typename, bases, ns)
        if bases != (_RecordBase,):
            raise TypeError("a Record inherits from Record only")
        annotations: dict[str, Any] = ns.get("__annotations__", {})
        defaults = []
        for name in annotations:
            if name in ns:
                defaults.append(ns[name])
            elif defaults:
                raise TypeError(f"non-default field {name} follows a default field")
        record = namedtuple(typename, tuple(annotations), tuple(defaults), ns["__module__"])
        record.__annotations__ = annotations
        for key, value in ns.items():
            if key in _PROHIBITED:
                raise AttributeError(f"cannot overwrite NamedTuple attribute {key}")
            if key not in _SPECIAL and key not in annotations:
                setattr(record, key, value)
        return record


class _RecordBase(metaclass=_RecordMeta):
    pass


if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    Record = _RecordBase
