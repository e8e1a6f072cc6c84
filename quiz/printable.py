"""Text from decks and score files made safe to show: control characters escaped, never raw.

A deck is text someone else may have written. Printed raw, a BEL rings, a carriage return
overwrites the line, and an escape sequence (``ESC ] 0 ; title BEL``, ``ESC [ 2 J``) can
retitle or clear the terminal; bidirectional overrides reorder what the reader sees. So
everything quiz shows passes through `printable`, which spells such characters the way
Python does (``\\x1b``, ``\\u202e``), and the ``quiz`` command writes through an
`EscapingStream`, which also never fails on a terminal that cannot show a character (it is
written as an escape instead).

`printable` is plain Python (no Textual, no Rich), for the CLI and the TUI alike.
"""

from __future__ import annotations

import re
from typing import IO, Any

_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f"  # C0 and C1 controls (ESC, BEL, CR, CSI…), DEL
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional marks, embeddings, overrides
    "\u2028\u2029]"  # line and paragraph separators
)


_ERASE_LINE = "\x1b[K"

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str, keep: str = "") -> str:
    """``text`` with every control character shown as an escape (``\\x07``, ``\\x1b``…).

    Args:
        text: text from a deck, a score file or a file name.
        keep: control characters to leave as they are, for example ``"\\n"`` for text
            shown over several lines; by default a newline is escaped too, so a value
            stays on one line.
    """
    if keep:
        return _UNSAFE.sub(lambda m: m.group() if m.group() in keep else _escape(m), text)
    return _UNSAFE.sub(_escape, text)


class EscapingStream:
    """A text stream that writes `printable` text (newlines and tabs kept) and never
    fails to encode: what the stream's encoding cannot hold is written as an escape.

    Everything else (``buffer``, ``isatty``, ``fileno``, ``encoding``…) is the wrapped
    stream's, so a command that must write exact bytes (an export into a file) still can.
    """

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        """The stream written to."""

    def write(self, text: str) -> int:
        """Write ``text`` escaped; returns its length, as `io.TextIOBase.write` does.

        A progress line's own controls are kept where only a progress line puts them: a
        carriage return at the start of a write (redraw the line) and an erase-to-end-of-line
        (``ESC [ K``) right after it or at the end (``quiz import``, ``quiz optimize``).
        Anywhere else, where a value from a deck would be, they are shown escaped.
        """
        length = len(text)
        head = tail = ""
        if text.startswith("\r"):
            head, text = "\r", text[1:]
            if text.startswith(_ERASE_LINE):
                head, text = head + _ERASE_LINE, text[len(_ERASE_LINE):]
        if text.endswith(_ERASE_LINE):
            tail, text = _ERASE_LINE, text[: -len(_ERASE_LINE)]
        safe = head + printable(text, keep="\n\t") + tail
        try:
            self.stream.write(safe)
        except UnicodeEncodeError:
            encoding = getattr(self.stream, "encoding", None) or "ascii"
            self.stream.write(safe.encode(encoding, "backslashreplace").decode(encoding))
        return length

    def writelines(self, lines: Any) -> None:
        """Write each line escaped."""
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)
