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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

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


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a deck, at a 1-based line and column of its file."""

    path: str
    line: int
    column: int
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else "warning: "
        return f"{self.path}:{self.line}:{self.column}: {prefix}{self.message}"


class DeckError(Exception):
    """A deck could not be loaded; `problems` lists every reason, in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.path, p.line, p.column))
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Tolerance:
    """How far a number may be from the answer and still count as `close`."""

    amount: float
    relative: bool
    """True for a percentage of the answer (``2%``), False for an absolute amount."""

    def allows(self, expected: float, given: float) -> bool:
        """Whether ``given`` lies within the tolerance of ``expected``."""
        limit = abs(expected) * self.amount / 100 if self.relative else self.amount
        return abs(given - expected) <= limit + 1e-12 * max(1.0, abs(expected))

    def __str__(self) -> str:
        return f"{self.amount:g}%" if self.relative else f"{self.amount:g}"


@dataclass(frozen=True)
class Answer:
    """One thing the learner must supply: a question's answer or one blank of a statement.

    ``text`` is exactly what the author wrote (a tuple of members for a list); ``value`` is
    the parsed form from `quiz.values` used for grading and for making distractors.
    """

    text: str | tuple[str, ...]
    kind: Kind
    value: Any
    accept: tuple[str, ...] = ()
    distractors: tuple[str, ...] = ()
    tolerance: Tolerance | None = None
    category: str | None = None
    ordered: bool = False
    between: tuple[Any, Any] | None = None
    """For a date: the first and last date (`DateValue`s) its wrong options may lie in,
    from the author's ``between: [2017, 2018]``."""

    @property
    def display(self) -> str:
        """The answer as the author wrote it, lists joined for reading."""
        if isinstance(self.text, tuple):
            return ", ".join(self.text)
        return self.text


@dataclass(frozen=True)
class Fact:
    """One entry of a deck: a question and its answer, or a statement with blanks."""

    id: str
    deck_id: str
    answers: tuple[Answer, ...]
    question: str | None = None
    text: str | None = None
    source: str | None = None
    explain: str | None = None
    tags: tuple[str, ...] = ()
    path: str = ""
    line: int = 0
    column: int = 0
    id_given: bool = True
    """False when the author wrote no ``id:`` and it was derived from the wording."""
    blank_ids: tuple[str | None, ...] = ()
    """Per blank, the ``id:`` its author gave under ``blanks:`` (None where none was given);
    empty when no blank has one. A blank with an id keeps its card when blanks move."""

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


@dataclass(frozen=True, slots=True)
class Deck:
    """A titled collection of facts loaded from one YAML file."""

    id: str
    title: str
    facts: tuple[Fact, ...]
    path: str = ""
    description: str = ""
    tags: tuple[str, ...] = ()
    sources: dict[str, str] = field(default_factory=dict)
    warnings: tuple[Problem, ...] = ()
    _index: dict[str, Fact] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self._index:
            self._index.update((f.id, f) for f in self.facts)

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
