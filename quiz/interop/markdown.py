"""Markdown flashcards → `ImportedDeck`: hashcards' ``Q:``/``A:`` and ``C:``, and ``::`` lines.

hashcards writes a question after ``Q:`` and its answer after ``A:`` (either may run on
over the following lines), and a cloze card after ``C:`` with each deletion in square
brackets: ``C: The capital of France is [Paris].``. A line ``question :: answer`` is a
card too. A blank line, or the next card, ends a card; the first ``# heading`` names the
deck; other headings and text between cards are ignored. Fenced code blocks are skipped.
"""

from __future__ import annotations

import re

from quiz.interop.cloze import bracket_cloze
from quiz.interop.ids import IdMaker
from quiz.interop.model import ImportedDeck, ImportedFact, InteropError

__all__ = ["read_markdown"]

_START = re.compile(r"^\s*(Q|A|C):\s?(.*)$")
_PAIR = re.compile(r"^\s*(?:[-*+]\s+)?(.+?)\s+::\s+(.+?)\s*$")
_TITLE = re.compile(r"^#\s+(.+?)\s*#*\s*$")

SKIP_NO_ANSWER = "questions without an answer (Q: without A:)"
SKIP_NO_BRACKETS = "cloze cards without a [deletion]"
SKIP_STRAY_ANSWER = "answers without a question (A: without Q:)"


def _clean(lines: list[str]) -> str:
    return " ".join(line.strip() for line in lines if line.strip())


class _Cards:
    def __init__(self, deck: ImportedDeck) -> None:
        self.deck = deck
        self.ids = IdMaker()
        self.kind: str | None = None
        self.question: list[str] = []
        self.answer: list[str] = []
        self.current: list[str] | None = None

    def start(self, kind: str, text: str) -> None:
        if kind == "A" and self.kind == "Q" and not self.answer:
            self.current = self.answer
        else:
            self.end()
            if kind == "A":
                self.deck.skip(SKIP_STRAY_ANSWER)
                return
            self.kind, self.question, self.answer = kind, [], []
            self.current = self.question
        self.current.append(text)

    def more(self, line: str) -> None:
        if self.current is not None:
            self.current.append(line)

    def end(self) -> None:
        if self.kind == "Q":
            question, answer = _clean(self.question), _clean(self.answer)
            if question and answer:
                self.deck.facts.append(ImportedFact(id=self.ids.make("", question),
                                                    question=question, answer=answer))
            else:
                self.deck.skip(SKIP_NO_ANSWER)
        elif self.kind == "C":
            statement = bracket_cloze(_clean(self.question))
            if statement is None:
                self.deck.skip(SKIP_NO_BRACKETS)
            else:
                self.deck.facts.append(ImportedFact(id=self.ids.make("", statement.text),
                                                    text=statement.text))
        self.kind, self.current = None, None

    def pair(self, question: str, answer: str) -> None:
        self.end()
        self.deck.facts.append(ImportedFact(id=self.ids.make("", question), question=question,
                                            answer=answer))


def read_markdown(text: str, name: str) -> ImportedDeck:
    """Read Markdown text named ``name`` (for messages) into a deck.

    Raises:
        InteropError: it holds no card.
    """
    stem = name.rsplit(".", 1)[0]
    deck = ImportedDeck(title=stem, source=f"{name} (Markdown)", suggested_id=stem)
    cards = _Cards(deck)
    fenced = titled = False
    for line in text.splitlines():
        if line.strip().startswith(("```", "~~~")):
            cards.end()
            fenced = not fenced
            continue
        if fenced:
            continue
        title = _TITLE.match(line)
        if title:
            cards.end()
            if not titled:
                deck.title, titled = title.group(1), True
            continue
        start = _START.match(line)
        if start:
            cards.start(start.group(1), start.group(2))
            continue
        if not line.strip() or line.lstrip().startswith("#"):
            cards.end()
            continue
        pair = _PAIR.match(line)
        if pair and cards.current is None:
            cards.pair(pair.group(1), pair.group(2))
        else:
            cards.more(line)
    cards.end()
    if not deck.facts:
        raise InteropError(f"{name}: found no card (Q: and A:, C: with [brackets], or "
                           "question :: answer lines)")
    return deck
