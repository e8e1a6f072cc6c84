"""The learner's material as plain values: `Deck`, `Fact`, `Answer` and `Problem`.

A `Fact` is one entry of a deck file. It is either a question with an answer, or a
statement with ``{{blanks}}``; either way it holds one `Answer` per thing the learner must
supply (a question has one, a statement one per blank), and each `Answer` becomes its own
scheduled card. These classes know nothing of YAML (see `quiz.deck`) or of the screen.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from quiz.frozen import Frozen
from quiz.patterns import LazyPattern

Kind = Literal["date", "number", "name", "text", "list"]
KINDS: tuple[Kind, ...] = ("date", "number", "name", "text", "list")

BLANK_RE = LazyPattern(r"\{\{(.*?)\}\}", re.DOTALL)
"""A blank in a statement: ``{{answer}}``."""

BLANK_SHOWN = "_____"
"""How a hidden blank is drawn in a prompt."""


BLANK_ID_KEYS = 1_000_000
"""Store keys of blanks with an ``id:`` start here, above any position a blank can have."""


def blank_key_of(blank_id: str) -> int:
    """The store's number for a blank with this ``id:``: the same wherever the blank moves."""
    return BLANK_ID_KEYS + zlib.crc32(blank_id.encode("utf-8")) % (2**31 - BLANK_ID_KEYS)


_SET = object.__setattr__
# The classes below are `Frozen` (frozen dataclasses' behaviour, written once) rather than
# dataclasses, which compile their methods when this module is imported on every launch.


class Problem(Frozen, fields=("path", "line", "column", "message", "severity")):
    """One thing wrong with a deck, at a 1-based line and column of its file."""

    __slots__ = ("path", "line", "column", "message", "severity")
    path: str
    line: int
    column: int
    message: str
    severity: Literal["error", "warning"]

    def __init__(self, path: str, line: int, column: int, message: str,
                 severity: Literal["error", "warning"] = "error") -> None:
        _SET(self, "path", path)
        _SET(self, "line", line)
        _SET(self, "column", column)
        _SET(self, "message", message)
        _SET(self, "severity", severity)

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else "warning: "
        return f"{self.path}:{self.line}:{self.column}: {prefix}{self.message}"


class DeckError(Exception):
    """A deck could not be loaded; `problems` lists every reason, in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.path, p.line, p.column))
        super().__init__("\n".join(str(p) for p in self.problems))


class Tolerance(Frozen, fields=("amount", "relative")):
    """How far a number may be from the answer and still count as `close`."""

    amount: float
    relative: bool
    """True for a percentage of the answer (``2%``), False for an absolute amount."""

    def __init__(self, amount: float, relative: bool) -> None:
        _SET(self, "__dict__", {"amount": amount, "relative": relative})

    def allows(self, expected: float, given: float) -> bool:
        """Whether ``given`` lies within the tolerance of ``expected``."""
        limit = abs(expected) * self.amount / 100 if self.relative else self.amount
        return abs(given - expected) <= limit + 1e-12 * max(1.0, abs(expected))

    def __str__(self) -> str:
        return f"{self.amount:g}%" if self.relative else f"{self.amount:g}"


class Answer(Frozen, fields=("text", "kind", "value", "accept", "distractors", "tolerance",
                             "category", "ordered", "between")):
    """One thing the learner must supply: a question's answer or one blank of a statement.

    ``text`` is exactly what the author wrote (a tuple of members for a list); ``value`` is
    the parsed form from `quiz.values` used for grading and for making distractors.
    """

    text: str | tuple[str, ...]
    kind: Kind
    value: Any
    accept: tuple[str, ...]
    distractors: tuple[str, ...]
    tolerance: Tolerance | None
    category: str | None
    ordered: bool
    between: tuple[Any, Any] | None
    """For a date: the first and last date (`DateValue`s) its wrong options may lie in,
    from the author's ``between: [2017, 2018]``."""

    def __init__(self, text: str | tuple[str, ...], kind: Kind, value: Any,
                 accept: tuple[str, ...] = (), distractors: tuple[str, ...] = (),
                 tolerance: Tolerance | None = None, category: str | None = None,
                 ordered: bool = False, between: tuple[Any, Any] | None = None) -> None:
        _SET(self, "__dict__", {
            "text": text, "kind": kind, "value": value, "accept": accept,
            "distractors": distractors, "tolerance": tolerance, "category": category,
            "ordered": ordered, "between": between})

    @property
    def display(self) -> str:
        """The answer as the author wrote it, lists joined for reading."""
        if isinstance(self.text, tuple):
            return ", ".join(self.text)
        return self.text


class Fact(Frozen, fields=("id", "deck_id", "answers", "question", "text", "source", "explain",
                           "tags", "path", "line", "column", "id_given", "blank_ids")):
    """One entry of a deck: a question and its answer, or a statement with blanks."""

    id: str
    deck_id: str
    answers: tuple[Answer, ...]
    question: str | None
    text: str | None
    source: str | None
    explain: str | None
    tags: tuple[str, ...]
    path: str
    line: int
    column: int
    id_given: bool
    """False when the author wrote no ``id:`` and it was derived from the wording."""
    blank_ids: tuple[str | None, ...]
    """Per blank, the ``id:`` its author gave under ``blanks:`` (None where none was given);
    empty when no blank has one. A blank with an id keeps its card when blanks move."""

    def __init__(self, id: str, deck_id: str, answers: tuple[Answer, ...],  # noqa: A002
                 question: str | None = None, text: str | None = None,
                 source: str | None = None, explain: str | None = None,
                 tags: tuple[str, ...] = (), path: str = "", line: int = 0, column: int = 0,
                 id_given: bool = True, blank_ids: tuple[str | None, ...] = ()) -> None:
        _SET(self, "__dict__", {
            "id": id, "deck_id": deck_id, "answers": answers, "question": question,
            "text": text, "source": source, "explain": explain, "tags": tags, "path": path,
            "line": line, "column": column, "id_given": id_given, "blank_ids": blank_ids})

    @property
    def is_statement(self) -> bool:
        """Whether this fact is a statement with ``{{blanks}}`` rather than a question."""
        return self.text is not None

    @property
    def kind(self) -> Kind:
        """The kind of the first (for a question, the only) answer."""
        return self.answers[0].kind

    @property
    def answer(self) -> Answer:
        """The first (for a question, the only) answer."""
        return self.answers[0]

    @property
    def blank_count(self) -> int:
        """How many cards this fact makes: 1 for a question, one per blank for a statement."""
        return len(self.answers)

    def prompt(self, blank: int = 0, shown: str = BLANK_SHOWN) -> str:
        """The question, or the statement with blank ``blank`` hidden and the others filled."""
        if self.text is None:
            return self.question or ""
        index = iter(range(len(self.answers)))

        def fill(match: re.Match[str]) -> str:
            i = next(index)
            return shown if i == blank else self.answers[i].display

        return BLANK_RE.sub(fill, self.text)

    def statement(self) -> str | None:
        """The statement with every blank filled in, or None for a question."""
        if self.text is None:
            return None
        values = iter(a.display for a in self.answers)
        return BLANK_RE.sub(lambda m: next(values), self.text)

    def blank_key(self, blank: int) -> int:
        """How the store names blank ``blank``: its position, or a number made from its id.

        Blanks are keyed by position unless their author gave them an ``id:``, so swapping
        two blanks with ids keeps each one's history (`blank_key_of`).
        """
        blank_id = self.blank_ids[blank] if blank < len(self.blank_ids) else None
        return blank if blank_id is None else blank_key_of(blank_id)

    def blank_index(self, key: int) -> int | None:
        """The position of the blank the store names ``key`` (see `blank_key`), or None."""
        if not self.blank_ids:
            return key if 0 <= key < len(self.answers) else None
        for index in range(len(self.answers)):
            if self.blank_key(index) == key:
                return index
        return None

    def card_key(self, blank: int = 0) -> tuple[str, str, int]:
        """The identity of one card: deck id, fact id, blank key (`blank_key`)."""
        return (self.deck_id, self.id, self.blank_key(blank))


_DECK_FIELDS = ("id", "title", "facts", "path", "description", "tags", "sources", "warnings")


class Deck(Frozen, fields=(*_DECK_FIELDS, "_index"), compared=_DECK_FIELDS, shown=_DECK_FIELDS):
    """A titled collection of facts loaded from one YAML file."""

    __slots__ = (*_DECK_FIELDS, "_index")
    id: str
    title: str
    facts: tuple[Fact, ...]
    path: str
    description: str
    tags: tuple[str, ...]
    sources: dict[str, str]
    warnings: tuple[Problem, ...]
    _index: dict[str, Fact]

    def __init__(self, id: str, title: str, facts: tuple[Fact, ...],  # noqa: A002
                 path: str = "", description: str = "", tags: tuple[str, ...] = (),
                 sources: dict[str, str] | None = None, warnings: tuple[Problem, ...] = (),
                 _index: dict[str, Fact] | None = None) -> None:
        _SET(self, "id", id)
        _SET(self, "title", title)
        _SET(self, "facts", facts)
        _SET(self, "path", path)
        _SET(self, "description", description)
        _SET(self, "tags", tags)
        _SET(self, "sources", {} if sources is None else sources)
        _SET(self, "warnings", warnings)
        index = {} if _index is None else _index
        if not index:
            index.update((f.id, f) for f in facts)
        _SET(self, "_index", index)

    def fact(self, fact_id: str) -> Fact:
        """The fact with this id; raises KeyError naming the deck when there is none."""
        try:
            return self._index[fact_id]
        except KeyError:
            raise KeyError(f"deck {self.id!r} has no fact {fact_id!r}") from None

    def __contains__(self, fact_id: object) -> bool:
        return fact_id in self._index

    def __len__(self) -> int:
        return len(self.facts)

    @property
    def card_count(self) -> int:
        """How many cards the deck makes (one per question, one per blank)."""
        blanks = getattr(self.facts, "blanks", None)  # a compiled deck's, read undecoded
        if blanks is not None:
            return sum(blanks)
        return sum(len(f.answers) for f in self.facts)

    def card_counts(self) -> Iterable[tuple[str, int]]:
        """Each fact's id and how many cards it makes, in deck order.

        A deck read from the compiled cache (`quiz.compiled`) answers from its index without
        decoding its facts, so counting cards stays cheap on a large deck.
        """
        known = getattr(self.facts, "card_counts", None)
        if known is not None:
            return known()
        return ((f.id, len(f.answers)) for f in self.facts)

    def card_keys(self) -> Iterable[tuple[str, int]]:
        """Each card's fact id and blank key (`Fact.blank_key`), in deck order.

        Like `card_counts`, a deck read from the compiled cache answers without decoding its
        facts, so the study queue can be built over a large deck from keys alone.
        """
        known = getattr(self.facts, "card_keys", None)
        if known is not None:
            return known()  # type: ignore[no-any-return]
        return ((f.id, f.blank_key(b)) for f in self.facts for b in range(len(f.answers)))

    def source_text(self, fact: Fact) -> str | None:
        """The full description of the fact's source, if it names one."""
        return self.sources.get(fact.source) if fact.source else None

    @property
    def file(self) -> Path:
        """The deck's file as a path."""
        return Path(self.path)
