"""Splitting prose into sentences without breaking at "U.S.", "Nov." or "Amber I. Smith".

A sentence ends at ``.``, ``!`` or ``?`` (and any closing quotes or brackets) followed by
a space and a capital letter, a digit or an opening quote — unless the word before the
full stop is an abbreviation, an initial or a dotted acronym, which rarely end sentences
in the documents drafts are made from (news articles, fact sheets, embassy pages).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "split_sentences"]

ABBREVIATIONS = frozenset("""
    mr mrs ms dr prof sr jr st mt ft gen lt col maj capt cmdr adm sgt cpl pvt rep sen gov
    pres amb hon rev fr no nos vol vs etc approx est dept univ inc corp co ltd jan feb mar
    apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun fig al e.g i.e
""".split())
"""Words whose full stop is not the end of a sentence (lower case, without the dot)."""

_BOUNDARY = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])""")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence and where it starts in its block (for bullet lead-ins)."""

    text: str
    start: int


def _ends_sentence(text: str, stop: int) -> bool:
    """Whether the full stop at ``stop`` ends a sentence (not an abbreviation or initial)."""
    if text[stop] != ".":
        return True
    word = re.search(r"([\w.]+)$", text[:stop])
    if word is None:
        return True
    token = word.group(1)
    if token.lower() in ABBREVIATIONS:
        return False
    if len(token) == 1 and token.isupper():
        return False  # an initial: "Amber I. Smith", "Donald J. Trump"
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", token):
        return False  # "U.S", "U.K", "D.C": acronyms with dots
    return True


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of a block of prose, trimmed, in order."""
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if not _ends_sentence(text, match.start()):
            continue
        piece = text[start:match.end()]
        if piece.strip():
            sentences.append(Sentence(piece.strip(), start + len(piece) - len(piece.lstrip())))
        start = match.end()
    rest = text[start:]
    if rest.strip():
        sentences.append(Sentence(rest.strip(), start + len(rest) - len(rest.lstrip())))
    return sentences
