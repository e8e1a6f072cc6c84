"""Reading Markdown and HTML documents into `Piece`s: prose kept, markup and furniture dropped.

Markdown is parsed with markdown-it-py (CommonMark with tables): headings, paragraphs
(soft line breaks are spaces, so wrapped lines join), list items and block quotes are kept;
emphasis and link markers are dropped with their text kept; images, code blocks, inline
HTML, tables and a YAML front matter are skipped.

HTML is read with the standard library's parser: text inside block elements (``p``, ``li``,
``h1``…) becomes a piece when the element closes; ``script``, ``style``, ``nav``,
``footer``, ``aside``, ``figure``, forms, tables, code and anything whose class or id says
menu, sidebar or footer are skipped; text standing beside an image outside a paragraph is
a caption; footnotes ("[1] Figures from …") are skipped and their marks dropped. The first ``h1`` (else the page's ``<title>``) is the title.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from markdown_it.token import Token

from quiz.extract.read import Piece, Role

__all__ = ["read_html", "read_markdown"]

_REFERENCE = re.compile(r"\s*\[\d{1,3}\]")
"""A footnote mark: "…6.5 million pounds.[1]"."""
_NOTE = re.compile(r"^\[(?:\d{1,3}|\^\w+)\]:?\s")
"""A footnote itself, which says where a figure came from, not a fact to learn."""


# --- Markdown ------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def read_markdown(text: str) -> list[Piece]:
    """Pieces of a Markdown document (see the module docstring)."""
    front = _FRONT_MATTER.match(text)
    if front:  # blank lines in its place keep the line numbers of the rest
        text = "\n" * front.group().count("\n") + text[front.end():]
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    pieces: list[Piece] = []
    items = 0  # how many list items we are inside
    skip = 0  # inside a table
    role: Role = "prose"
    level = 0
    for token in tokens:
        if token.type == "list_item_open":
            items += 1
        elif token.type == "list_item_close":
            items -= 1
        elif token.type == "table_open":
            skip += 1
        elif token.type == "table_close":
            skip -= 1
        elif token.type == "heading_open":
            role, level = "heading", int(token.tag[1:])
        elif token.type == "paragraph_open":
            role, level = ("item" if items else "prose"), 0
        elif token.type == "inline" and not skip:
            line = token.map[0] + 1 if token.map else 0
            body = " ".join(_inline_text(token.children or []).split())
            if body and not _NOTE.match(body):
                body = " ".join(_REFERENCE.sub("", body).split())
                pieces.append(Piece(body, line, role, level))
        # fence, code_block, html_block and hr carry no prose: nothing to do.
    return pieces


def _inline_text(children: list[Token]) -> str:
    """The words of an inline run: markers dropped, images and inline HTML skipped."""
    out: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        # image, html_inline and the open/close markers of emphasis and links add nothing
    return "".join(out)


# --- HTML --------------------------------------------------------------------------------

_SKIPPED = frozenset("""script style head nav footer aside figure figcaption form button select
    noscript svg template iframe table pre code object canvas video audio map dialog""".split())
_BLOCKS = frozenset("""p div li dt dd h1 h2 h3 h4 h5 h6 blockquote section article main header
    body html ul ol dl hr tr td th center address""".split())
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_FURNITURE_CLASS = re.compile(
    r"\b(?:nav|navbar|menu|breadcrumbs?|sidebar|footer|related|share|social|comments?|"
    r"cookie|banner|advert|ads|skip)\b", re.IGNORECASE)


class _PageReader(HTMLParser):
    """Collects the text of block elements as pieces (see the module docstring)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[Piece] = []
        self.page_title = ""
        self._skipping: list[str] = []  # the stack of skipped elements we are inside
        self._in_title = False
        self._text: list[str] = []
        self._line = 0
        self._role: Role = "prose"
        self._level = 0
        self._image = False  # the current run of text stands beside an image
        self._blocks: list[str] = []  # open block elements (to tell a list item's paragraphs)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":  # inside the skipped <head>, but it is the page's title
            self._in_title = True
            return
        if self._skipping:
            if tag not in _VOID:
                self._skipping.append(tag)
            return
        marks = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role"))
        if tag in _SKIPPED or (tag in _BLOCKS and _FURNITURE_CLASS.search(marks)):
            self._flush()
            if tag not in _VOID:
                self._skipping.append(tag)
            return
        if tag == "img":
            self._image = True
            return
        if tag == "br":
            self._text.append(" ")
            return
        if tag in _BLOCKS:
            self._flush()
            if tag not in _VOID:
                self._blocks.append(tag)
            if re.fullmatch(r"h[1-6]", tag):
                self._role, self._level = "heading", int(tag[1])
            elif tag in ("li", "dd", "dt"):
                self._role, self._level = "item", 0
            elif tag == "p" and any(b in ("li", "dd") for b in self._blocks[:-1]):
                self._role, self._level = "item", 0
            else:
                self._role, self._level = "prose", 0
        elif tag == "sup":
            self._text.append("\x00sup")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            return
        if self._skipping:
            if tag in self._skipping:
                while self._skipping and self._skipping.pop() != tag:
                    pass
            return
        if tag == "sup":
            self._text.append("\x00/sup")
        if tag in _BLOCKS:
            self._flush()
            if tag in self._blocks:
                while self._blocks and self._blocks.pop() != tag:
                    pass
            self._role, self._level = "prose", 0

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.page_title += data
            return
        if self._skipping:
            return
        if data.strip() and not "".join(self._text).strip():
            leading = data[:len(data) - len(data.lstrip())]
            self._line = self.getpos()[0] + leading.count("\n")
        self._text.append(data)

    def _flush(self) -> None:
        raw = "".join(self._text)
        # A superscript holding a footnote mark ("[1]", "1") is not part of the sentence.
        raw = re.sub(r"\x00sup\s*\[?\s*\d{1,3}\s*\]?\s*\x00/sup", "", raw)
        raw = raw.replace("\x00sup", "").replace("\x00/sup", "")
        text = " ".join(raw.split())
        note = _NOTE.match(text) is not None  # "[1] Figures from the NASA history office."
        text = " ".join(_REFERENCE.sub("", text).split())
        if text and not note:
            role: Role = "caption" if self._image and self._role == "prose" else self._role
            self.pieces.append(Piece(text, self._line, role, self._level))
        self._text = []
        self._image = False

    def close(self) -> None:
        super().close()
        self._flush()


def read_html(text: str) -> list[Piece]:
    """Pieces of an HTML page (see the module docstring); the ``<title>`` comes first as a
    level-0 heading when the page has no ``h1``."""
    reader = _PageReader()
    reader.feed(text)
    reader.close()
    pieces = reader.pieces
    title = " ".join(reader.page_title.split())
    if title and not any(p.role == "heading" and p.level == 1 for p in pieces):
        # "Apollo 11 - Mr. Delgado's Science Class": the site's name is not the topic.
        title = re.split(r"\s+[|–—-]\s+", title)[0]
        pieces.insert(0, Piece(title, 1, "heading", 1))
    return pieces
