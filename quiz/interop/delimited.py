"""CSV and TSV → `ImportedDeck`: Quizlet exports, Anki's "Notes in Plain Text", header rows.

Three shapes are read. Quizlet writes a term and its definition per line, split by a tab,
a comma or a character of the learner's choosing (cards may also be split by semicolons
instead of lines). Anki's plain-text export starts with ``#key:value`` lines —
``#separator:``, ``#html:``, ``#columns:``, ``#tags:``, ``#deck:``, ``#guid column:``,
``#tags column:``. Any file may start with a header row naming its columns: question
(or term, front), answer (or definition, back), kind, explain, tags, id. The separator
is Anki's header, else the override, else what `csv.Sniffer` detects. A question holding
Anki cloze deletions (``{{c1::…}}``) becomes a statement.
"""

from __future__ import annotations

import csv
import io
import re

from quiz.facts import BLANK_RE, KINDS
from quiz.interop.cloze import anki_cloze
from quiz.interop.html_text import html_to_text, one_line
from quiz.interop.ids import IdMaker
from quiz.interop.model import ImportedDeck, ImportedFact, InteropError

__all__ = ["read_delimited"]

_NAMED = {"tab": "\t", "comma": ",", "semicolon": ";", "space": " ", "pipe": "|", "colon": ":"}
_ROLES = {
    "question": "question", "term": "question", "front": "question", "q": "question",
    "prompt": "question", "word": "question", "text": "question",
    "answer": "answer", "definition": "answer", "back": "answer", "a": "answer",
    "meaning": "answer",
    "kind": "kind", "explain": "explain", "explanation": "explain", "notes": "explain",
    "extra": "explain", "back extra": "explain", "tags": "tags", "id": "id", "guid": "id",
}
_LOOKS_HTML = re.compile(
    r"<(br|div|p|b|i|u|span|li|ul|ol|img|em|strong|sub|sup|script|style|a|table|tr|td|h\d|hr|"
    r"pre|code|font|audio|video)\b[^>]*>|&[a-z]+;|&#\d+;", re.IGNORECASE)

SKIP_SHORT = "lines with one field only (no separator)"
SKIP_EMPTY = "lines with an empty question or answer"
SKIP_MEDIA_ONLY = "lines that are only an image or a sound"


def _headers(lines: list[str]) -> tuple[dict[str, str], int]:
    """Anki's ``#key:value`` header lines, and how many lines they take."""
    found: dict[str, str] = {}
    count = 0
    for line in lines:
        match = re.match(r"#([a-z ]+):(.*)$", line.strip(), re.IGNORECASE)
        if not match:
            break
        found[match.group(1).strip().lower()] = match.group(2).strip()
        count += 1
    return found, count


def _separator(header: dict[str, str], override: str | None, sample: str) -> str:
    if override:
        return override
    if "separator" in header:
        value = header["separator"]
        return _NAMED.get(value.lower(), value[:1] or "\t")
    try:
        return csv.Sniffer().sniff(sample, delimiters="\t,;|").delimiter
    except csv.Error:
        return "\t" if "\t" in sample else ("," if "," in sample else ";")


def _roles(cells: list[str]) -> dict[int, str] | None:
    """Column roles from a header row (or ``#columns:``), None when it is not one."""
    roles = {i: _ROLES.get(c.strip().lower()) for i, c in enumerate(cells)}
    named = {i: r for i, r in roles.items() if r}
    values = list(named.values())
    if "question" in values and "answer" in values and len(set(values)) == len(values):
        return named
    return None


def _text(cell: str, html: bool | None, deck: ImportedDeck) -> str:
    if html or (html is None and _LOOKS_HTML.search(cell)):
        read = html_to_text(cell)
        deck.media += read.media
        if read.scripts:
            deck.skip("<script> elements removed from fields", read.scripts)
        return read.text
    return "\n".join(line.strip() for line in cell.splitlines() if line.strip())


def read_delimited(text: str, name: str, *, separator: str | None = None) -> ImportedDeck:
    """Read CSV/TSV text named ``name`` (for messages) into a deck.

    Raises:
        InteropError: nothing in it reads as a question and an answer.
    """
    lines = text.splitlines()
    header, skip = _headers(lines)
    body = "\n".join(lines[skip:])
    sep = _separator(header, separator, body[:20000])
    if body.count("\n") == 0 and ";" in body and sep != ";":
        body = "\n".join(part for part in body.split(";"))  # Quizlet: cards split by semicolons
    html = {"true": True, "false": False}.get(header.get("html", "").lower())
    rows = [r for r in csv.reader(io.StringIO(body), delimiter=sep,
                                  quoting=csv.QUOTE_MINIMAL if sep != " " else csv.QUOTE_NONE)
            if any(c.strip() for c in r)]
    title = header.get("deck", "").split("::")[-1].strip() or name.rsplit(".", 1)[0]
    deck = ImportedDeck(title=title, source=f"{name} (CSV)", suggested_id=name.rsplit(".", 1)[0])
    roles: dict[int, str] | None = None
    if "columns" in header:
        roles = _roles(header["columns"].split(sep))
    if roles is None and rows:
        roles = _roles(rows[0])
        if roles is not None:
            rows = rows[1:]
    if roles is None:
        roles = {0: "question", 1: "answer"}
        for key, role in (("guid column", "id"), ("tags column", "tags")):
            if header.get(key, "").isdigit():
                roles[int(header[key]) - 1] = role
    common_tags = tuple(header.get("tags", "").split())
    ids = IdMaker()
    for row in rows:
        fact = _fact(row, roles, html, common_tags, ids, deck)
        if fact is not None:
            deck.facts.append(fact)
    if not deck.facts:
        raise InteropError(f"{name}: found no line with a question and an answer "
                           f"(separator {sep!r}; choose another with --separator)")
    return deck


def _fact(row: list[str], roles: dict[int, str], html: bool | None, common_tags: tuple[str, ...],
          ids: IdMaker, deck: ImportedDeck) -> ImportedFact | None:
    cells = {role: row[i] for i, role in roles.items() if i < len(row)}
    if len(row) < 2:
        deck.skip(SKIP_SHORT)
        return None
    question = one_line(_text(cells.get("question", ""), html, deck))
    answer = one_line(_text(cells.get("answer", ""), html, deck), "; ")
    tags = common_tags + tuple(t for t in re.split(r"[\s,]+", cells.get("tags", "")) if t)
    explain = one_line(_text(cells.get("explain", ""), html, deck)) or None
    kind = cells.get("kind", "").strip().lower()
    options: dict[str, object] = {"kind": kind} if kind in KINDS else {}
    statement = anki_cloze(question) if "{{c" in question else None
    if statement is None and BLANK_RE.search(question):  # quiz's own blanks (quiz export)
        kinds = {"kind": kind} if kind in KINDS and len(BLANK_RE.findall(question)) == 1 else {}
        return ImportedFact(id=ids.make(cells.get("id", ""), question), text=question,
                            explain=explain, tags=tags, options=kinds)
    if statement is not None:
        extra = " — ".join(p for p in (answer, explain) if p) or None
        return ImportedFact(id=ids.make(cells.get("id", ""), statement.text), text=statement.text,
                            explain=extra, tags=tags)
    if not question or not answer:
        media_only = "<img" in cells.get("question", "") + cells.get("answer", "")
        deck.skip(SKIP_MEDIA_ONLY if media_only else SKIP_EMPTY)
        return None
    members: str | list[str] = answer
    if kind == "list":
        members = [m.strip() for m in re.split(r"[;,]", answer) if m.strip()]
    return ImportedFact(id=ids.make(cells.get("id", ""), question), question=question,
                        answer=members, explain=explain, tags=tags, options=options)
