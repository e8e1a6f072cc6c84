"""HTML (as Anki and Quizlet fields hold it) → plain text, through the stdlib's HTML parser.

Entities are decoded, ``<br>``, ``<div>``, ``<p>``, list items and table rows become line
breaks, ``<script>`` and ``<style>`` vanish with their content, and media — ``<img>``,
``<audio>``, ``<video>`` and Anki's ``[sound:…]`` — are dropped and counted, since a
terminal quiz cannot show them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

__all__ = ["Text", "html_to_text", "one_line"]

_BLOCKS = frozenset({"br", "div", "p", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul",
                     "ol", "table", "blockquote", "pre", "hr", "dt", "dd"})
_MEDIA = frozenset({"img", "audio", "video", "object", "embed", "iframe", "svg", "canvas"})
_HIDDEN = frozenset({"script", "style", "head", "title", "template"})
_SOUND = re.compile(r"\[sound:[^\]]*\]")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2009\u202f]+")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


@dataclass(frozen=True, slots=True)
class Text:
    """A field's text, with what was taken out of it."""

    text: str
    """Lines separated by ``\\n``, each with its spaces collapsed and trimmed."""
    media: int = 0
    """Images, sounds and videos dropped."""
    scripts: int = 0
    """``<script>`` elements dropped."""


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.media = 0
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
            self.scripts += tag == "script"
        elif tag in _MEDIA:
            self.media += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _MEDIA:
            self.media += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_to_text(html: str) -> Text:
    """The readable text of an HTML fragment (plain text passes through unchanged)."""
    sounds = len(_SOUND.findall(html))
    if sounds:
        html = _SOUND.sub(" ", html)
    html = _INVISIBLE.sub("", html)
    if "<" not in html and "&" not in html:
        lines = [_SPACES.sub(" ", line).strip() for line in html.splitlines()]
        return Text("\n".join(line for line in lines if line), media=sounds)
    reader = _Reader()
    reader.feed(html)
    reader.close()
    raw = _INVISIBLE.sub("", "".join(reader.parts))
    lines = [_SPACES.sub(" ", line).strip() for line in raw.split("\n")]
    return Text("\n".join(line for line in lines if line), media=reader.media + sounds,
                scripts=reader.scripts)


def one_line(text: str, joiner: str = " ") -> str:
    """Lines of ``text`` joined by ``joiner`` (a question reads as one sentence)."""
    return joiner.join(line for line in text.split("\n") if line)
