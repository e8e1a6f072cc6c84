"""A quiz deck → CSV for spreadsheets, in the columns `quiz import` reads back.

One row per fact: ``id, question, answer, kind, explain, tags``. A statement's
``question`` is its text with ``{{blanks}}`` and its answer is empty; a list answer is
its members joined by ``; ``; tags are joined by spaces.
"""

from __future__ import annotations

import csv
from typing import IO

from quiz.facts import Deck

__all__ = ["CSV_COLUMNS", "write_csv"]

CSV_COLUMNS = ("id", "question", "answer", "kind", "explain", "tags")


def write_csv(deck: Deck, out: IO[str]) -> int:
    """Write ``deck`` as CSV with a header row; returns the number of rows."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for fact in deck.facts:
        if fact.is_statement:
            kinds = {a.kind for a in fact.answers}
            row = [fact.id, fact.text, "", kinds.pop() if len(kinds) == 1 else ""]
        else:
            text = fact.answer.text
            answer = "; ".join(text) if isinstance(text, tuple) else text
            row = [fact.id, fact.question, answer, fact.kind]
        writer.writerow(row + [fact.explain or "", " ".join("_".join(t.split()) for t in fact.tags)])
    return len(deck.facts)
