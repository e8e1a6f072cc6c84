"""`quiz.frozen.Frozen` classes behave as the frozen dataclasses they replace (issue 17).

Every subclass's ``__init__`` takes its fields in order and sets each one; `replace` round
trips; equality and hash use the compared fields only, as a tuple (as a dataclass's do);
the repr is a dataclass's; assignment and deletion raise `FrozenInstanceError`; pickling
keeps the value. A `Record` is the class `typing.NamedTuple` makes of the same body, and
`quiz.tuples.namedtuple` the class `collections.namedtuple` makes.
"""

from __future__ import annotations

import collections
import inspect
import pickle
from dataclasses import FrozenInstanceError
from decimal import Decimal
from typing import NamedTuple

import pytest

from quiz.facts import Answer, Deck, Fact, Problem, Tolerance
from quiz.frozen import Frozen, Record, replace
from quiz.grading import Grade
from quiz.questions.model import Question
from quiz.scheduler.settings import Settings
from quiz.tuples import namedtuple
from quiz.values.dates import DateValue
from quiz.values.lists import ListValue, Member
from quiz.values.names import NameValue
from quiz.values.numbers import Quantity
from quiz.values.text import TextValue

REQUIRED: dict[type[Frozen], dict[str, object]] = {
    Problem: {"path": "d.yaml", "line": 3, "column": 5, "message": "bad"},
    Tolerance: {"amount": 2.0, "relative": True},
    Answer: {"text": "1778", "kind": "date", "value": DateValue(1778)},
    Fact: {"id": "f", "deck_id": "d", "answers": ()},
    Deck: {"id": "d", "title": "D", "facts": ()},
    Grade: {"verdict": "correct", "feedback": "Correct.", "expected": "1778", "response": "1778"},
    Question: {"format": "recall", "deck_id": "d", "fact_id": "f", "blank": 0, "prompt": "When?",
               "answer": "1778"},
    Settings: {},
    DateValue: {"year": 1778},
    Quantity: {"amount": Decimal("19.3e9")},
    NameValue: {"text": "Le Drian", "key": "ledrian"},
    TextValue: {"text": "Marshall Plan", "key": "marshallplan"},
    Member: {"text": "Paris", "kind": "name", "value": NameValue("Paris", "paris")},
    ListValue: {"members": ()},
}


def _made(cls: type[Frozen]) -> Frozen:
    return cls(**REQUIRED[cls])  # type: ignore[arg-type]


@pytest.mark.parametrize("cls", list(REQUIRED), ids=lambda c: c.__name__)
def test_init_takes_the_fields_in_order_and_sets_each(cls: type[Frozen]) -> None:
    params = list(inspect.signature(cls).parameters)
    assert params == list(cls._fields)
    value = _made(cls)
    for name in cls._fields:
        getattr(value, name)  # set, or AttributeError
    assert replace(value) == value
    assert type(replace(value)) is cls


@pytest.mark.parametrize("cls", list(REQUIRED), ids=lambda c: c.__name__)
def test_assignment_and_deletion_are_refused(cls: type[Frozen]) -> None:
    value = _made(cls)
    name = cls._fields[0]
    with pytest.raises(FrozenInstanceError, match=f"cannot assign to field {name!r}"):
        setattr(value, name, None)
    with pytest.raises(FrozenInstanceError):
        delattr(value, name)


@pytest.mark.parametrize("cls", list(REQUIRED), ids=lambda c: c.__name__)
def test_pickling_keeps_the_value(cls: type[Frozen]) -> None:
    value = _made(cls)
    assert pickle.loads(pickle.dumps(value)) == value


def test_equality_and_hash_use_the_compared_fields_as_a_tuple() -> None:
    assert DateValue(1778, era=True) == DateValue(1778)
    assert hash(DateValue(1778, era=True)) == hash((1778, None, None, "year"))
    assert DateValue(1778) != DateValue(1779)
    assert Quantity(Decimal(5), scale="million") == Quantity(Decimal(5))
    assert hash(ListValue(())) == hash(((),))
    assert Tolerance(2.0, True) != (2.0, True)
    deck = Deck("d", "D", ())
    assert replace(deck, _index={"x": None}) == deck  # the index is not compared
    assert Question(**REQUIRED[Question], expected=Answer("1", "number", None)) == _made(Question)
    assert NameValue("Le Drian", "ledrian", ("le", "drian")) == NameValue("LE DRIAN", "ledrian")
    assert NameValue("Paris", "paris") != TextValue("Paris", "paris")


def test_repr_is_a_dataclass_s() -> None:
    assert repr(Tolerance(2.0, True)) == "Tolerance(amount=2.0, relative=True)"
    assert repr(Deck("d", "D", ())) == ("Deck(id='d', title='D', facts=(), path='', description='', "
                                       "tags=(), sources={}, warnings=())")
    assert "expected" not in repr(_made(Question))
    assert repr(TextValue("a", "a")) == "TextValue(text='a', key='a')"


def test_replace_runs_the_checks_again() -> None:
    with pytest.raises(ValueError, match="desired_retention"):
        replace(Settings(), desired_retention=2.0)
    with pytest.raises(TypeError):
        replace(Settings(), colour="red")


class _Typed(NamedTuple):
    """A NamedTuple."""

    name: str
    count: int = 0
    tags: tuple[str, ...] = ()

    def shown(self) -> str:
        return f"{self.name} x{self.count}"


class _Recorded(Record):
    """A NamedTuple."""

    name: str
    count: int = 0
    tags: tuple[str, ...] = ()

    def shown(self) -> str:
        return f"{self.name} x{self.count}"


def test_a_record_is_the_namedtuple_typing_would_make() -> None:
    typed, recorded = _Typed("a", 2), _Recorded("a", 2)
    assert _Recorded.__bases__ == _Typed.__bases__ == (tuple,)
    assert recorded == typed == ("a", 2, ())
    assert repr(recorded) == repr(typed).replace("_Typed", "_Recorded")
    assert _Recorded._fields == _Typed._fields
    assert _Recorded._field_defaults == _Typed._field_defaults
    assert recorded._replace(count=3) == typed._replace(count=3)
    assert recorded._asdict() == typed._asdict()
    assert recorded.shown() == typed.shown() == "a x2"
    assert _Recorded.__doc__ == _Typed.__doc__
    assert _Recorded.__module__ == _Typed.__module__
    assert list(inspect.signature(_Recorded).parameters) == ["name", "count", "tags"]
    assert pickle.loads(pickle.dumps(recorded)) == recorded
    assert type(pickle.loads(pickle.dumps(recorded))) is _Recorded
    with pytest.raises(AttributeError):
        recorded.name = "b"  # type: ignore[misc]
    assert not hasattr(recorded, "__dict__")


def test_a_record_refuses_what_a_namedtuple_refuses() -> None:
    with pytest.raises(TypeError, match="non-default field b"):
        class _Bad(Record):
            a: int = 0
            b: int
    with pytest.raises(AttributeError, match="_replace"):
        class _Worse(Record):
            a: int

            def _replace(self) -> None: ...


@pytest.mark.parametrize("count", [0, 1, 2, 5, 19, 20, 21])
def test_tuples_namedtuple_makes_collections_class(count: int) -> None:
    """`quiz.tuples.namedtuple` (``__new__`` copied from a compiled one of its arity) makes
    the class `collections.namedtuple` does, field for field."""
    fields = tuple(f"field{i}" for i in range(count))
    defaults = tuple(range(count // 2))
    ours = namedtuple("Row", fields, defaults, __name__)
    theirs = collections.namedtuple("Row", fields, defaults=defaults, module=__name__)
    assert sorted(vars(ours)) == sorted(vars(theirs))
    for name in ("__doc__", "_fields", "_field_defaults", "__match_args__", "__module__"):
        assert getattr(ours, name) == getattr(theirs, name), name
    for name in ("__new__", "_replace", "__repr__", "_asdict", "__getnewargs__"):
        mine, other = getattr(ours, name), getattr(theirs, name)
        assert (mine.__doc__, mine.__qualname__, mine.__name__) == (
            other.__doc__, other.__qualname__, other.__name__), name
    assert ours._make.__doc__ == theirs._make.__doc__
    assert inspect.signature(ours) == inspect.signature(theirs)
    assert [getattr(ours, f).__doc__ for f in fields] == [getattr(theirs, f).__doc__ for f in fields]
    values = tuple(range(100, 100 + count))
    row = ours(*values)
    assert row == theirs(*values) == values and type(row) is ours
    assert repr(row) == repr(theirs(*values))
    assert ours(**dict(zip(fields, values))) == row
    if count:
        assert row._replace(field0=-1)[0] == -1
        assert ours(*values[: count - len(defaults)]) == theirs(*values[: count - len(defaults)])
        with pytest.raises(TypeError):
            ours(*values, 1)
        with pytest.raises(ValueError, match="unexpected field names"):
            row._replace(other=1)
    with pytest.raises(TypeError, match=f"Expected {count} arguments"):
        ours._make(values + (1,))
    assert row._asdict() == dict(zip(fields, values))
    global Row
    Row = ours
    assert pickle.loads(pickle.dumps(row)) == row


def test_tuples_namedtuple_refuses_names_collections_refuses() -> None:
    with pytest.raises(ValueError, match="underscore"):
        namedtuple("Row", ("_a",), (), __name__)
    with pytest.raises(ValueError, match="identifiers"):
        namedtuple("Row", ("a b",), (), __name__)
