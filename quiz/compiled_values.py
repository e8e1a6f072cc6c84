"""A fact as `marshal` primitives and back (`quiz.compiled`): writing turns its answers'
values into tagged tuples; reading type-checks every value as it makes the objects, and
raises `BadCompiled` for anything unexpected (the caller then reads the deck's YAML).

The fields are set as `dataclasses` would, without running ``__init__`` per object (frozen
dataclasses without slots keep their fields in the instance dict); the checks are written
out inline because this runs once per fact and value of a deck.
"""

from __future__ import annotations

import marshal
from decimal import Decimal, InvalidOperation
from typing import Any

from quiz.compiled_file import BadCompiled
from quiz.facts import KINDS, Answer, Fact, Problem, Tolerance
from quiz.values.dates import DateValue
from quiz.values.lists import ListValue, Member
from quiz.values.names import NameValue
from quiz.values.numbers import Quantity
from quiz.values.text import TextValue

# -- writing ---------------------------------------------------------------------------

_DATE, _NUMBER, _NAME, _TEXT, _LIST = range(5)


def _value(value: Any) -> tuple[Any, ...]:
    kind = type(value)
    if kind is DateValue:
        return (_DATE, value.year, value.month, value.day, value.precision, value.era,
                value.hundreds)
    if kind is Quantity:
        return (_NUMBER, str(value.amount), value.currency, value.unit, value.percent,
                value.scale, value.decimals, value.ordinal)
    if kind is NameValue:
        return (_NAME, value.text, value.key, value.tokens, value.surname)
    if kind is TextValue:
        return (_TEXT, value.text, value.key)
    if kind is ListValue:
        return (_LIST, tuple(_member(m) for m in value.members))
    raise TypeError(f"cannot compile a {kind.__name__} value")


def _member(m: Member) -> tuple[Any, ...]:
    """A list member with its own ``accept:`` members (which have none of their own)."""
    return (m.text, m.kind, _value(m.value), tuple((o.text, o.kind, _value(o.value)) for o in m.accept))


def _answer(a: Answer) -> tuple[Any, ...]:
    tolerance = (a.tolerance.amount, a.tolerance.relative) if a.tolerance else None
    between = (_value(a.between[0]), _value(a.between[1])) if a.between else None
    return (a.text, a.kind, _value(a.value), a.accept, a.distractors, tolerance, a.category,
            a.ordered, between)


def fact_blob(f: Fact) -> bytes:
    """A fact's own blob, every value a tagged tuple (TypeError: one it cannot hold)."""
    return marshal.dumps((f.id, tuple(_answer(a) for a in f.answers), f.question, f.text,
                          f.source, f.explain, f.tags, f.line, f.column, f.id_given,
                          f.blank_ids))


def problem_tuple(p: Problem) -> tuple[Any, ...]:
    """A deck's warning as primitives."""
    return (p.path, p.line, p.column, p.message, p.severity)


# -- reading ---------------------------------------------------------------------------

_NEW = object.__new__
_SET = object.__setattr__
_NONE = type(None)
_TEXT_OR_NONE = frozenset({str, _NONE})
_INT_OR_NONE = frozenset({int, _NONE})
_NUMBERS = frozenset({int, float})


def _bad(what: str) -> BadCompiled:
    return BadCompiled(f"unexpected {what}")


def is_texts(x: Any) -> bool:
    """Whether ``x`` is a tuple of str."""
    return type(x) is tuple and (not x or all(type(s) is str for s in x))


def _decode_value(v: Any) -> Any:
    if type(v) is not tuple or not v:
        raise _bad("value")
    tag, n = v[0], len(v)
    if tag == _DATE and n == 7:
        if not (type(v[1]) is int and type(v[2]) in _INT_OR_NONE and type(v[3]) in _INT_OR_NONE
                and type(v[4]) is str and type(v[5]) is bool and type(v[6]) is bool):
            raise _bad("date")
        obj = _NEW(DateValue)
        _SET(obj, "__dict__", {"year": v[1], "month": v[2], "day": v[3], "precision": v[4],
                               "era": v[5], "hundreds": v[6]})
        return obj
    if tag == _NUMBER and n == 8:
        if not (type(v[1]) is str and type(v[2]) in _TEXT_OR_NONE
                and type(v[3]) in _TEXT_OR_NONE and type(v[4]) is bool
                and type(v[5]) in _TEXT_OR_NONE and type(v[6]) is int and type(v[7]) is bool):
            raise _bad("number")
        try:
            amount = Decimal(v[1])
        except InvalidOperation:
            raise _bad("amount") from None
        obj = _NEW(Quantity)
        _SET(obj, "__dict__", {"amount": amount, "currency": v[2], "unit": v[3],
                               "percent": v[4], "scale": v[5], "decimals": v[6],
                               "ordinal": v[7]})
        return obj
    if tag == _NAME and n == 5:
        if not (type(v[1]) is str and type(v[2]) is str and is_texts(v[3])
                and type(v[4]) in _TEXT_OR_NONE):
            raise _bad("name")
        obj = _NEW(NameValue)
        _SET(obj, "__dict__", {"text": v[1], "key": v[2], "tokens": v[3], "surname": v[4]})
        return obj
    if tag == _TEXT and n == 3:
        if not (type(v[1]) is str and type(v[2]) is str):
            raise _bad("text")
        obj = _NEW(TextValue)
        _SET(obj, "__dict__", {"text": v[1], "key": v[2]})
        return obj
    if tag == _LIST and n == 2 and type(v[1]) is tuple:
        members = []
        for m in v[1]:
            if not (type(m) is tuple and len(m) == 4 and type(m[3]) is tuple):
                raise _bad("list member")
            member = _decode_member(m[:3])
            _SET(member, "accept", tuple(_decode_member(o) for o in m[3]))
            members.append(member)
        obj = _NEW(ListValue)
        _SET(obj, "__dict__", {"members": tuple(members)})
        return obj
    raise _bad("value")


def _decode_member(m: Any) -> Member:
    if not (type(m) is tuple and len(m) == 3 and type(m[0]) is str and m[1] in KINDS):
        raise _bad("list member")
    member = _NEW(Member)
    _SET(member, "__dict__", {"text": m[0], "kind": m[1], "value": _decode_value(m[2]), "accept": ()})
    return member


def _decode_answer(a: Any) -> Answer:
    if not (type(a) is tuple and len(a) == 9 and a[1] in KINDS
            and (type(a[0]) is str or is_texts(a[0])) and is_texts(a[3]) and is_texts(a[4])
            and type(a[6]) in _TEXT_OR_NONE and type(a[7]) is bool):
        raise _bad("answer")
    tolerance = a[5]
    if tolerance is not None:
        if not (type(tolerance) is tuple and len(tolerance) == 2
                and type(tolerance[0]) in _NUMBERS and type(tolerance[1]) is bool):
            raise _bad("tolerance")
        tolerance = _NEW(Tolerance)
        _SET(tolerance, "__dict__", {"amount": a[5][0], "relative": a[5][1]})
    between = a[8]
    if between is not None:
        if not (type(between) is tuple and len(between) == 2):
            raise _bad("between")
        between = (_decode_value(between[0]), _decode_value(between[1]))
        if not all(type(b) is DateValue for b in between):
            raise _bad("between")
    obj = _NEW(Answer)
    _SET(obj, "__dict__", {"text": a[0], "kind": a[1], "value": _decode_value(a[2]),
                           "accept": a[3], "distractors": a[4], "tolerance": tolerance,
                           "category": a[6], "ordered": a[7], "between": between})
    return obj


def decode_fact(heap: bytes | memoryview, start: int, end: int, fact_id: str, count: int,
                deck_id: str, path: str) -> Fact:
    """The fact whose blob is ``heap[start:end]``, checked to be ``fact_id`` with ``count``
    answers, of the deck ``deck_id`` read from ``path``."""
    if not 0 <= start <= end <= len(heap):
        raise _bad("fact offsets")
    try:
        f = marshal.loads(heap[start:end])
    except (EOFError, ValueError, TypeError):
        raise _bad("fact data") from None
    if not (type(f) is tuple and len(f) == 11 and f[0] == fact_id and type(f[1]) is tuple
            and len(f[1]) == count and type(f[2]) in _TEXT_OR_NONE and type(f[3]) in _TEXT_OR_NONE
            and type(f[4]) in _TEXT_OR_NONE and type(f[5]) in _TEXT_OR_NONE and is_texts(f[6])
            and type(f[7]) is int and type(f[8]) is int and type(f[9]) is bool
            and type(f[10]) is tuple and all(type(i) in _TEXT_OR_NONE for i in f[10])):
        raise _bad("fact")
    obj = _NEW(Fact)
    _SET(obj, "__dict__", {
        "id": fact_id, "deck_id": deck_id, "answers": tuple(map(_decode_answer, f[1])),
        "question": f[2], "text": f[3], "source": f[4], "explain": f[5], "tags": f[6],
        "path": path, "line": f[7], "column": f[8], "id_given": f[9], "blank_ids": f[10]})
    return obj


def text(x: Any) -> str:
    """``x``, which must be a str."""
    check(type(x) is str, "text")
    return x


def number(x: Any) -> int:
    """``x``, which must be an int."""
    check(type(x) is int, "number")
    return x


def texts(x: Any) -> tuple[str, ...]:
    """``x``, which must be a tuple of str."""
    check(is_texts(x), "list of texts")
    return x


def check(ok: bool, what: str) -> None:
    """Raise BadCompiled naming ``what`` unless ``ok``."""
    if not ok:
        raise _bad(what)
