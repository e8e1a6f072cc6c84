"""Cloze deletions → a quiz statement with ``{{blanks}}``.

Anki writes ``{{c1::answer}}`` or ``{{c1::answer::hint}}``; hashcards writes ``[answer]``.
Each deletion becomes one blank. A hint stays in the sentence, in brackets after its
blank, since the learner saw it on the card. Deletions nested in another are read as the
outer one's text (quiz's blanks do not nest). Braces that would read as a blank are
neutralised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Statement", "anki_cloze", "bracket_cloze"]

_OPEN = re.compile(r"\{\{c(\d+)::")


@dataclass(frozen=True, slots=True)
class Statement:
    """A statement's text with ``{{blanks}}``, and which deletion each blank came from."""

    text: str
    numbers: tuple[int, ...]
    """For each blank in order, the source's deletion number (``c2`` → 2)."""


def _plain(text: str) -> str:
    """Text outside blanks, with nothing a deck file would read as a blank."""
    return text.replace("{{", "{ {").replace("}}", "} }")


def _close(text: str, start: int) -> int:
    """Index of the ``}}`` that closes a deletion opened before ``start``, or -1."""
    depth, i = 1, start
    while i < len(text) - 1:
        if text.startswith("{{", i):
            depth += 1
            i += 2
        elif text.startswith("}}", i):
            depth -= 1
            if depth == 0:
                return i
            i += 2
        else:
            i += 1
    return -1


def anki_cloze(text: str) -> Statement | None:
    """The statement an Anki cloze field makes, or None when it holds no deletion."""
    out: list[str] = []
    numbers: list[int] = []
    at = 0
    for match in _OPEN.finditer(text):
        if match.start() < at:
            continue  # inside a deletion already taken
        end = _close(text, match.end())
        if end < 0:
            break
        inner = _OPEN.sub("", text[match.end():end]).replace("}}", "")
        answer, _, hint = inner.partition("::")
        answer = answer.strip()
        out.append(_plain(text[at:match.start()]))
        if answer:
            out.append("{{" + answer.replace("{", "(").replace("}", ")") + "}}")
            numbers.append(int(match.group(1)))
            if hint.strip():
                out.append(f" ({_plain(hint.strip())})")
        at = end + 2
    if not numbers:
        return None
    out.append(_plain(text[at:]))
    return Statement("".join(out).strip(), tuple(numbers))


_BRACKET = re.compile(r"\[([^\[\]]+)\]")


def bracket_cloze(text: str) -> Statement | None:
    """The statement a hashcards ``C:`` card makes (``[answer]`` deletions), or None."""
    out: list[str] = []
    numbers: list[int] = []
    at = 0
    for match in _BRACKET.finditer(text):
        answer = match.group(1).strip()
        if not answer:
            continue
        out.append(_plain(text[at:match.start()]))
        out.append("{{" + answer.replace("{", "(").replace("}", ")") + "}}")
        numbers.append(len(numbers) + 1)
        at = match.end()
    if not numbers:
        return None
    out.append(_plain(text[at:]))
    return Statement("".join(out).strip(), tuple(numbers))
