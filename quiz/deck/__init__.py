"""Loading deck files: YAML text → `Deck`, with every problem reported at its line and column.

The file is composed into a YAML node tree (libyaml's C parser when PyYAML ships it) and
the tree is read by hand rather than constructed, for three reasons: every node keeps its
position, so a problem points at the key or value at fault; duplicate keys are seen (PyYAML
silently keeps the last); and scalars keep the text the author wrote (``answer: 1778`` stays
``"1778"``, ``answer: no`` is caught instead of becoming ``False``). Problems are collected,
not raised one at a time, so an author sees all of them in one run.

One module per layer: `source` (files on disk), `nodes` (reading YAML nodes), `answers`
(an answer and its options), `statements` ({{blanks}}), `reader` (the deck and its facts).
"""

from __future__ import annotations

import os
from importlib import import_module
from typing import TYPE_CHECKING, Any

from quiz.deck.source import DECK_SUFFIXES, iter_deck_files, problem_at, read_text
from quiz.facts import KINDS, Deck

if TYPE_CHECKING:
    from quiz.deck.answers import ANSWER_OPTION_KEYS, TOLERANCE_RE
    from quiz.deck.nodes import BOOL, NULL, STR, TEXT_TAGS
    from quiz.deck.reader import FACT_KEYS, ID_RE, QUESTION_KEYS, STATEMENT_KEYS, TOP_KEYS

__all__ = [
    "ANSWER_OPTION_KEYS", "BOOL", "DECK_SUFFIXES", "FACT_KEYS", "ID_RE", "NULL", "QUESTION_KEYS",
    "STATEMENT_KEYS", "STR", "TEXT_TAGS", "TOLERANCE_RE", "TOP_KEYS",
    "describe", "iter_deck_files", "load_deck", "problem_at",
]

# The reader and PyYAML load on first use: a deck answered from the compiled cache
# (`quiz.library`) needs neither.
_WHERE = {"ANSWER_OPTION_KEYS": "answers", "TOLERANCE_RE": "answers", "BOOL": "nodes",
          "NULL": "nodes", "STR": "nodes", "TEXT_TAGS": "nodes", "FACT_KEYS": "reader",
          "ID_RE": "reader", "QUESTION_KEYS": "reader", "STATEMENT_KEYS": "reader",
          "TOP_KEYS": "reader"}


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module 'quiz.deck' has no attribute {name!r}")
    return getattr(import_module(f"quiz.deck.{where}"), name)


def load_deck(path: str | os.PathLike[str]) -> Deck:
    """Load and check one deck file.

    Args:
        path: the YAML file.

    Returns:
        The deck, exactly as written.

    Raises:
        DeckError: with every problem found, each at ``path:line:col``.
    """
    from quiz.deck.reader import DeckReader

    name = os.fspath(path)
    data = read_text(name)
    return DeckReader(name, data).read()


def describe(deck: Deck) -> str:
    """One line for a clean deck: its id, title and facts by kind."""
    counts: dict[str, int] = {}
    for fact in deck.facts:
        for answer in fact.answers:
            counts[answer.kind] = counts.get(answer.kind, 0) + 1
    by_kind = ", ".join(f"{counts[k]} {k}" for k in KINDS if k in counts)
    facts = f"{len(deck.facts)} fact{'s' if len(deck.facts) != 1 else ''}"
    cards = deck.card_count
    return f"{deck.title} [{deck.id}]: {facts}, {cards} cards ({by_kind})"
