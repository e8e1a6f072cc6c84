"""Interchange: decks (and history) from Anki, Quizlet and Markdown, and decks out to Anki.

One pure module per format, each ending in `ImportedDeck` (`quiz.interop.model`):
`anki` (``.apkg``/``.colpkg``, both layouts), `delimited` (CSV/TSV: Quizlet, Anki's
plain text, a header row), `markdown` (hashcards cards and ``question :: answer``).
`yaml_out` writes the result as a deck file the loader reads clean; `anki_export` and
`csv_export` go the other way. The commands write every file through `quiz.files`.
"""

from __future__ import annotations

from pathlib import Path

from quiz.files import UnreadableText, read_utf8
from quiz.interop.model import ImportedDeck, ImportedFact, ImportedReview, InteropError

__all__ = ["ANKI_SUFFIXES", "ImportedDeck", "ImportedFact", "ImportedReview", "InteropError",
           "MAX_TEXT_BYTES", "TEXT_SUFFIXES", "read_any"]

ANKI_SUFFIXES = (".apkg", ".colpkg")
DELIMITED_SUFFIXES = (".csv", ".tsv", ".txt", ".tab")
MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = DELIMITED_SUFFIXES + MARKDOWN_SUFFIXES

MAX_TEXT_BYTES = 64 << 20
"""A text file (CSV, Markdown) larger than this is refused: it is not a deck."""


def read_text(path: Path) -> str:
    """A UTF-8 text file's contents, or `InteropError` saying why it cannot be read."""
    try:
        return read_utf8(path, wanted="a file to import (Anki, CSV/TSV or Markdown)",
                         max_bytes=MAX_TEXT_BYTES)
    except UnreadableText as exc:
        raise InteropError(str(exc)) from None


def read_any(path: Path, *, separator: str | None = None, fields: tuple[str, str] | None = None,
             history: bool = True) -> ImportedDeck:
    """Read any supported file, chosen by its suffix.

    Raises:
        InteropError: an unknown suffix, or the file cannot be imported (one line why).
    """
    suffix = path.suffix.lower()
    if suffix in ANKI_SUFFIXES:
        from quiz.interop.anki import read_anki

        return read_anki(path, fields=fields, history=history)
    if suffix in DELIMITED_SUFFIXES:
        from quiz.interop.delimited import read_delimited

        return read_delimited(read_text(path), path.name, separator=separator)
    if suffix in MARKDOWN_SUFFIXES:
        from quiz.interop.markdown import read_markdown

        return read_markdown(read_text(path), path.name)
    known = ", ".join(ANKI_SUFFIXES + TEXT_SUFFIXES)
    raise InteropError(f"{path}: quiz imports {known} files; this one ends in "
                       f"`{path.suffix or '(nothing)'}`")
