"""Cleaning a real document before facts are drawn from it.

Documents saved from the web carry more than their prose: mojibake (``â€“`` for an en
dash, UTF-8 read as Windows-1252 somewhere along the way), page furniture ("An official
website of the United States government", "Here's how you know", share buttons), a photo
caption repeated once per image size, credits and photo ids, one-line headings, section
labels in capitals before the first sentence, and bullet fragments that only make sense
after their lead-in line. `clean_document` turns all that into `Block`s of prose, each
with the line it came from so a draft can point back at it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import ftfy

from quiz.extract.figures import NUMBER_WORDS
from quiz.extract.read import BULLET, Format, read_pieces

__all__ = ["Block", "CleanDocument", "clean_document", "repair"]


@dataclass(frozen=True, slots=True)
class Block:
    """A run of prose from one line of the document (1-based), ready to be split into sentences.

    ``lead`` is set for a bullet fragment joined to its lead-in line: the first ``lead``
    characters of ``text`` repeat the lead-in, and values are only looked for after them.
    """

    text: str
    line: int
    lead: int = 0
    section: str | None = None
    """The heading the block stands under, if any."""
    item: bool = False
    """Whether it comes from a list item, whose facts are told in few words."""


@dataclass(frozen=True, slots=True)
class CleanDocument:
    """A cleaned document: its prose blocks and the title it seems to have, if any."""

    blocks: tuple[Block, ...]
    title: str | None


# Lines that are page furniture wherever they appear: government site banners, share and
# navigation links, credits, photo ids. Matched against the whole (cleaned) line.
_FURNITURE = re.compile(
    r"""^(?:
        an\ official\ website\ of\b.*
      | here'?s\ how\ you\ know.*
      | official\ websites\ use\ \.gov.*
      | \.gov\ website\ belongs\ to\b.*
      | secure\ \.gov\ websites\ use\ https.*
      | a\ lock\b.*\bmeans\ you.*
      | you\ have\ accessed\ part\ of\ a\ historical\ collection.*
      | (?:dod\ |u\.s\.\ )?photo\ by\b.*
      | photo\ by:.*
      | virin:.*
      | related\ (?:stories|articles|links|content).*
      | skip\ to\ (?:main\ )?content | back\ to\ top
      | .*\((?:click|tap)\ for\ details\)
      | (?:copyright|©).*
      | all\ rights\ reserved.*
      | \[\d{1,3}\]\ .*    # a footnote: where a figure came from
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

# A credit at the end of a caption: "… Nov. 28, 2016. DoD photo by Army Sgt. Amber I. Smith".
_CREDIT = re.compile(r"\s*\b(?:[A-Z][\w.]*\s+)?(?:photo|image|video)\s+(?:by|courtesy of)\b.*$",
                     re.IGNORECASE)

# A label in capitals before the prose: "A LONG AND ENDURING FRIENDSHIP: President Trump …".
_SECTION_LABEL = re.compile(r"^[A-Z0-9][A-Z0-9 ,'&.\-–]{3,}:\s+(?=\S)")

# A quotation followed by its speaker: "“…together.” – President Donald J. Trump".
_ATTRIBUTED = re.compile(r'^"(?P<quote>[^"]{10,})"\s*[–—-]+\s*(?P<who>[A-Z][^!?"]{2,80}?)\.?$')

_DIGITS = re.compile(r"\d")
_FRAGMENT_END = re.compile(r"(?:[;,]|;?\s+(?:and|or))\s*$")
_SENTENCE_END = re.compile(r"""[.!?]["'”’)\]]*$""")


def repair(raw: str) -> str:
    """Text with mojibake repaired, quotes made plain and spaces made ordinary.

    ftfy undoes the usual chains of wrong decodings (``â€“`` → ``–``, ``Ã©`` → ``é``);
    its ``uncurl_quotes`` also turns curly quotes into straight ones, which keeps YAML
    drafts and ids simpler. Non-breaking and zero-width spaces become plain spaces.
    """
    text = ftfy.fix_text(raw, uncurl_quotes=True, normalization="NFC")
    text = text.replace("\u200b", "").replace("\ufeff", "")
    return "".join(" " if unicodedata.category(c) == "Zs" else c for c in text)


def _normalise(line: str) -> str:
    return " ".join(line.split())


def _is_heading(line: str) -> bool:
    """A short line without the end of a sentence: a title, a label, a link."""
    return not _SENTENCE_END.search(line) and not _FRAGMENT_END.search(line) and \
        not line.endswith(":") and len(line.split()) <= 14


def clean_document(raw: str, fmt: Format = "plain") -> CleanDocument:
    """The prose of a document, cleaned (see the module docstring).

    Args:
        raw: The document's text as read from the file (already decoded).
        fmt: Its format: ``plain``, ``markdown`` or ``html`` (`quiz.extract.read`).

    Returns:
        Blocks of prose in document order, each with the heading it stands under, and the
        title: the first level-1 heading, or in plain text the first heading-like line of
        three or more words.
    """
    seen: set[str] = set()
    kept: list[tuple[int, str, bool, str | None]] = []
    title: str | None = None
    section: str | None = None
    for piece in read_pieces(repair(raw), fmt):
        # HTML's entities (&ldquo;) are characters only once parsed: repair them too.
        line = _normalise(repair(piece.text) if fmt == "html" else piece.text)
        if not line or piece.role == "caption" or _FURNITURE.match(line):
            continue
        line = _CREDIT.sub("", line).strip()
        key = line.casefold()
        # Captions come once per image size; only the first copy is prose.
        if not line or key in seen:
            continue
        seen.add(key)
        if piece.role == "heading" or (fmt == "plain" and _is_heading(line)):
            heading = "" if " | " in line else _heading_text(line)  # "Share | Print"
            if title is None and (piece.level == 1 or (piece.level == 0 and len(heading.split()) >= 3
                                                       and not _DIGITS.search(heading))):
                title = heading
            elif heading:
                section = heading
            continue
        line = _SECTION_LABEL.sub("", line)
        if fmt == "plain":
            line = BULLET.sub("", line)
        attributed = _ATTRIBUTED.match(line)
        if attributed:
            quote = attributed["quote"].rstrip()
            quote = quote[:-1] + "," if quote[-1] in ".!" else quote + ","
            line = f'"{quote}" said {attributed["who"].strip()}.'
        if line:
            kept.append((piece.line, line, piece.role == "item", section))
    return CleanDocument(tuple(_join_fragments(kept)), title)


def _heading_text(line: str) -> str:
    """A heading without its numbering ("2. After the Soviet Union") and as written, unless
    it is all in capitals ("THIRTY-FIVE YEARS OF HUBBLE" reads "Thirty-Five Years of Hubble")."""
    line = re.sub(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,4}\.)\s+", "", line).strip(" :")
    if line.isupper() and len(line) > 4:
        small = {"of", "the", "and", "in", "on", "a", "an", "to", "for", "at", "by"}
        words = line.title().split()
        line = " ".join(w.lower() if n and w.lower() in small else w for n, w in enumerate(words))
    return line


_JOIN_BARE = frozenset("""to of for by with include includes included including are were is was as
    from in on at the than into among between""".split())
"""Last words of a lead-in that take the list's items straight after them, without a comma."""


def _join_fragments(lines: list[tuple[int, str, bool, str | None]]) -> list[Block]:
    """Bullet fragments after a line ending in a colon become sentences of their own.

    "France has been a key partner … against ISIS:" followed by "Carrying out air
    operations … since September 2015; and" gives "France has been a key partner …
    against ISIS, carrying out air operations … since September 2015." The lead-in line
    stays a sentence itself; the joined blocks remember where the fragment starts. A list
    item with no lead-in ("about 828,000 square miles …;") becomes a sentence on its own.
    """
    blocks: list[Block] = []
    lead: str | None = None
    for number, line, item, section in lines:
        if (lead is not None and item) or ((lead is not None or item) and _is_fragment(line, item)):
            last = bool(_SENTENCE_END.search(line))  # the list's last item ends the list
            body = _FRAGMENT_END.sub("", line).rstrip(" ;,")
            if not _SENTENCE_END.search(body):
                body += "."
            if lead is None or not _continues_lead(lead, body):
                blocks.append(Block(body[0].upper() + body[1:], number, 0, section, True))
                if last:
                    lead = None
                continue
            body = body[0].lower() + body[1:] if _lowerable(body) else body
            bare = lead.split()[-1].lower() in _JOIN_BARE if lead.split() else False
            prefix = f"{lead} " if bare else f"{lead}, "
            blocks.append(Block(prefix + body, number, len(prefix), section, True))
            if last:
                lead = None
            continue
        lead = None
        if line.endswith(":"):
            lead = line[:-1].rstrip()
            blocks.append(Block(lead + ".", number, 0, section))
            continue
        blocks.append(Block(line, number, 0, section))
    return blocks


def _continues_lead(lead: str, item: str) -> bool:
    """Whether a list item reads as the end of its lead-in's sentence: it opens with a
    participle ("Carrying out air operations …") or a number ("20,000 battle tanks"), or
    the lead-in stops on a word that needs it ("The largest shares went to"). Otherwise
    ("What Hubble has given us:" / "the Hubble Deep Field of December 1995, …") the item
    is a statement of its own."""
    first = item.split()[0] if item.split() else ""
    last = lead.split()[-1].lower() if lead.split() else ""
    return first.lower().endswith("ing") or first[:1].isdigit() or \
        first.lower() in NUMBER_WORDS or last in _JOIN_BARE


def _is_fragment(line: str, item: bool = False) -> bool:
    """A bullet item: it trails off (``;``, ``, and``) or starts in lower case or with -ing;
    a list item also when it does not end as a sentence ends."""
    first = line.split()[0] if line.split() else ""
    return bool(_FRAGMENT_END.search(line)) or line[:1].islower() or \
        (first.endswith("ing") and first[:1].isupper()) or \
        (item and not _SENTENCE_END.search(line))


def _lowerable(text: str) -> bool:
    """Whether the first word may be lower-cased: a capitalised ordinary word, not a name."""
    first = text.split()[0]
    return first[:1].isupper() and first[1:].islower() and first.endswith("ing")
