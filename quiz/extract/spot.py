"""Spotting every value of a sentence: dates and figures (`figures`), then names (`names`).

Where two finds overlap the first claim wins, in that order, so "Three Flags Day" is one
name only when no figure claimed its words first, and a date is never split into numbers.
"""

from __future__ import annotations

from collections import Counter

from quiz.extract.figures import Value, figure_values
from quiz.extract.names import NameBook, find_names

__all__ = ["NameBook", "Value", "spot_values", "topics"]


def spot_values(sentence: str, book: NameBook, skip: int = 0) -> list[Value]:
    """Every date, figure and name of a sentence, not overlapping, in sentence order.

    Args:
        sentence: One sentence.
        book: What the document says about its names (`NameBook.read`).
        skip: Characters at the start that hold no values (a bullet's lead-in, already
            drafted as a sentence of its own).
    """
    candidates = [*figure_values(sentence), *find_names(sentence, book)]
    chosen: list[Value] = []
    names: set[str] = set()
    for value in candidates:  # dates first, then figures, then names: first claim wins
        if value.start < skip or (value.kind == "name" and value.key in names):
            continue  # a name twice in one sentence is one fact
        if any(value.start < other.end and other.start < value.end for other in chosen):
            continue
        chosen.append(value)
        names.add(value.key)
    return sorted(chosen, key=lambda v: v.start)


def topics(per_sentence: list[list[Value]]) -> Counter[str]:
    """How many sentences mention each name (by key): the document's topics are the common ones."""
    counts: Counter[str] = Counter()
    for found in per_sentence:
        counts.update({v.key for v in found if v.kind == "name"})
    return counts
