"""Reading a document into pieces: headings, paragraphs and list items, wrapped lines joined.

`read_pieces` turns the text of a plain-text, Markdown or HTML document into `Piece`s in
document order, each with the line it starts on. Plain text is read here; Markdown and
HTML are read by `quiz.extract.markup`. What the readers share: a paragraph or a list item
is one piece however many lines its author's editor wrapped it over, so that sentences are
split only after the lines are joined ("…would pay for all of" / "Louisiana." is one
sentence, not two fragments).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Literal

__all__ = ["Format", "Piece", "detect_format", "read_pieces"]

Format = Literal["plain", "markdown", "html"]
Role = Literal["heading", "prose", "item", "caption"]


@dataclass(frozen=True, slots=True)
class Piece:
    """A heading, paragraph, list item or caption of a document, on one line of text.

    ``line`` is the 1-based line of the document it starts on; ``level`` is a heading's
    level (1 for the title, 0 when the format does not say).
    """

    text: str
    line: int
    role: Role
    level: int = 0


_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn"})
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)


def detect_format(name: str, text: str) -> Format:
    """The format of a document: by its suffix, else HTML when it starts like a web page."""
    suffix = PurePath(name).suffix.lower()
    if suffix in _MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in _HTML_SUFFIXES or _HTML_START.match(text[:2000]):
        return "html"
    return "plain"


def read_pieces(text: str, fmt: Format) -> list[Piece]:
    """The pieces of a (repaired) document in the given format."""
    if fmt == "markdown":
        from quiz.extract.markup import read_markdown

        return read_markdown(text)
    if fmt == "html":
        from quiz.extract.markup import read_html

        return read_html(text)
    return read_plain(text)


# --- plain text ----------------------------------------------------------------------------

BULLET = re.compile(r"^(?:[•●▪◦‣∙·*]|[-–—](?=\s)|\(?\d{1,2}[.)](?=\s)|\(?[a-z][.)](?=\s))\s*")
"""A list item's marker: a bullet, a dash, ``1.``, ``(a)``."""
_SENTENCE_END = re.compile(r"""[.!?:;]["'”’)\]]*$""")
WRAP_LIMIT = 120
"""Documents whose lines are longer than this were not wrapped: one line is one paragraph."""


def wrap_width(lines: list[str]) -> int | None:
    """The width a document's lines were wrapped at, or None when they were not wrapped.

    A wrapped document has a ceiling most of its long lines come close to; a document saved
    from the web has one paragraph per line, far longer than any editor wraps at.
    """
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if len(lengths) < 4:
        return None
    width = lengths[int(0.9 * (len(lengths) - 1))]
    near = sum(1 for n in lengths if 0.75 * width <= n <= width)
    if width > WRAP_LIMIT or near < 3:
        return None
    return max(lengths[-1], width) if lengths[-1] <= WRAP_LIMIT else width


def _continues(line: str, following: str, width: int) -> bool:
    """Whether ``following`` carries on the paragraph ``line`` was wrapped from."""
    stripped = following.strip()
    if not stripped or BULLET.match(stripped):
        return False
    if stripped[:1].islower() or line.rstrip()[-1:] in ",-–—":
        return True
    first = stripped.split()[0]
    # The first word of the next line did not fit: the editor broke the line here.
    return len(line.rstrip()) + 1 + len(first) > 0.8 * width


def read_plain(text: str) -> list[Piece]:
    """Pieces of a plain-text document.

    Blank lines end paragraphs; a bullet starts a list item; in a wrapped document a line
    that was full when its editor broke it is joined to the next, and an indented line is
    joined to the list item above it. An unwrapped document (one paragraph per line, as
    saved from a web page) gives one piece per line.
    """
    lines = text.splitlines()
    width = wrap_width(lines)
    pieces: list[Piece] = []
    current: list[str] = []
    start = 0
    item = False

    def flush() -> None:
        nonlocal current, item
        if current:
            joined = _join_lines(current)
            pieces.append(Piece(joined, start, "item" if item else "prose"))
        current, item = [], False

    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            flush()
            continue
        marker = BULLET.match(line)
        if current and width is not None and not marker and (
                _continues(current[-1], line, width)
                or (item and raw[:1].isspace() and not _SENTENCE_END.search(current[-1]))):
            current.append(line)
            continue
        flush()
        start, item = number, marker is not None and len(line) > marker.end()
        current = [line[marker.end():] if item and marker else line]
    flush()
    return pieces


def _join_lines(lines: list[str]) -> str:
    """Lines of one paragraph as one line: a word hyphenated across a break is kept whole."""
    out = lines[0]
    for line in lines[1:]:
        if re.search(r"[A-Za-z]-$", out) and line[:1].islower():
            out += line  # "sea-" / "level" written "sea-level"
        else:
            out += " " + line
    return " ".join(out.split())
