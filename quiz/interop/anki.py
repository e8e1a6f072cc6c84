"""Anki packages → `ImportedDeck`: notes to facts, cards to their history.

Every card template that asks something is a fact of its own (a Basic-and-reversed note
makes two), with the id ``anki-<hash of the note's GUID>`` and ``-<n>`` for the n-th
template after the first, so importing the package again updates instead of
duplicating. Notes quiz exported itself carry GUIDs ``quiz:<deck>:<fact>`` and get their
fact ids back. Cloze notes become statements, one blank per deletion, each taking the
history of its card. Note types whose templates cannot be read (or any note type, with
``fields``) ask the first field and answer with the second.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import Counter
from dataclasses import replace
from pathlib import Path

from quiz.interop.anki_history import read_revlog
from quiz.interop.anki_models import NoteType, Template, read_note_types
from quiz.interop.anki_package import open_collection
from quiz.interop.cloze import anki_cloze
from quiz.interop.html_text import html_to_text, one_line
from quiz.interop.model import ImportedDeck, ImportedFact, InteropError

__all__ = ["QUIZ_GUID_PREFIX", "fact_id_for", "guid_for", "read_anki"]

QUIZ_GUID_PREFIX = "quiz:"

SKIP_EMPTY = "cards with an empty question or answer"
SKIP_MEDIA_ONLY = "cards that are only an image or a sound"
SKIP_OCCLUSION = "image occlusion notes (they need their images)"
SKIP_NO_CLOZE = "cloze notes without a deletion"
SKIP_NO_CARDS = "notes without cards"
SKIP_SCRIPTS = "<script> elements removed from fields"


def guid_for(deck_id: str, fact_id: str) -> str:
    """The Anki GUID quiz exports a fact under (read back by `fact_id_for`)."""
    return f"{QUIZ_GUID_PREFIX}{deck_id}:{fact_id}"


def fact_id_for(guid: str) -> str:
    """A fact id (letters, digits, ``-``) made from an Anki note's GUID, stable across imports."""
    if guid.startswith(QUIZ_GUID_PREFIX) and guid.count(":") >= 2:
        candidate = guid.split(":", 2)[2]
        from quiz.deck import ID_RE

        if ID_RE.match(candidate):
            return candidate
    return "anki-" + hashlib.blake2b(guid.encode("utf-8"), digest_size=5).hexdigest()


class _Fields:
    """A note's fields as text, HTML read once per field, media and scripts counted."""

    def __init__(self, raw: str, deck: ImportedDeck) -> None:
        self.raw = raw.split("\x1f")
        self.deck = deck
        self.cache: dict[int, str] = {}

    def text(self, index: int) -> str:
        if index not in self.cache:
            read = html_to_text(self.raw[index] if index < len(self.raw) else "")
            self.deck.media += read.media
            if read.scripts:
                self.deck.skip(SKIP_SCRIPTS, read.scripts)
            self.cache[index] = read.text
        return self.cache[index]

    def media_only(self, index: int) -> bool:
        raw = self.raw[index] if index < len(self.raw) else ""
        return not self.text(index) and bool(raw.strip())


def _question_fact(base: str, fields: _Fields, asked: tuple[int, ...], answered: tuple[int, ...],
                   tags: tuple[str, ...], cards: tuple[int, ...], deck: ImportedDeck) -> ImportedFact | None:
    question = " ".join(one_line(fields.text(i)) for i in asked if fields.text(i))
    answer = one_line(fields.text(answered[0]), "; ") if answered else ""
    if not question or not answer:
        if any(fields.media_only(i) for i in (*asked, *answered[:1])):
            deck.skip(SKIP_MEDIA_ONLY)
        else:
            deck.skip(SKIP_EMPTY)
        return None
    extra = [one_line(fields.text(i), "; ") for i in answered[1:] if fields.text(i)]
    return ImportedFact(id=base, question=question, answer=answer,
                        explain=" — ".join(extra) or None, tags=tags, cards=(cards,))


def _cloze_fact(base: str, fields: _Fields, note_type: NoteType, template: Template | None,
                tags: tuple[str, ...], cards: dict[int, int], deck: ImportedDeck) -> ImportedFact | None:
    field = template.cloze if template and template.cloze is not None else 0
    statement = anki_cloze(one_line(fields.text(field)))
    if statement is None:
        deck.skip(SKIP_NO_CLOZE)
        return None
    extra = [one_line(fields.text(i), "; ") for i in (template.answered if template else ())
             if i != field and fields.text(i)]
    per_blank = tuple((cards[n - 1],) if n - 1 in cards else () for n in statement.numbers)
    return ImportedFact(id=base, text=statement.text, explain=" — ".join(extra) or None,
                        tags=tags, cards=per_blank)


def _pick(note_type: NoteType, pick: tuple[str, str] | None) -> tuple[int, int] | None:
    if pick is None:
        return None
    found = [note_type.field_index(name) for name in pick]
    if found[0] is None or found[1] is None:
        return None
    return found[0], found[1]


def _title(conn: sqlite3.Connection, fallback: str) -> str:
    """The name of the deck most of the cards are in (its last ``::`` part)."""
    try:
        row = conn.execute("SELECT did, count(*) AS n FROM cards GROUP BY did ORDER BY n DESC "
                           "LIMIT 1").fetchone()
        if row is None:
            return fallback
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "decks" in tables:
            named = conn.execute("SELECT name FROM decks WHERE id = ?", (row[0],)).fetchone()
            name = named[0] if named else ""
        else:
            import json

            decks = json.loads(conn.execute("SELECT decks FROM col").fetchone()[0] or "{}")
            name = decks.get(str(row[0]), {}).get("name", "")
    except (sqlite3.DatabaseError, ValueError, TypeError, AttributeError):
        return fallback
    name = str(name).replace("\x1f", "::").split("::")[-1].strip()
    return fallback if not name or name == "Default" else name


def read_anki(path: Path, *, fields: tuple[str, str] | None = None,
              history: bool = True) -> ImportedDeck:
    """Read an ``.apkg``/``.colpkg`` into facts (and, with ``history``, its review log).

    Args:
        path: the package.
        fields: ``(asked, answered)`` field names used for every note type that has both,
            instead of its templates (one fact per note).
        history: read the review log too.

    Raises:
        InteropError: the package cannot be read, or holds no notes.
    """
    conn, layout = open_collection(path)
    try:
        return _read(conn, path, layout, fields, history)
    except sqlite3.DatabaseError as exc:
        raise InteropError(f"{path}: the collection cannot be read ({exc})") from None
    finally:
        conn.close()


def _read(conn: sqlite3.Connection, path: Path, layout: str, pick: tuple[str, str] | None,
          history: bool) -> ImportedDeck:
    note_types = read_note_types(conn, str(path))
    if pick is not None and not any(_pick(t, pick) for t in note_types.values() if not t.is_cloze):
        known = "; ".join(f"{t.name}: {', '.join(t.fields)}" for t in note_types.values())
        raise InteropError(f"{path}: no note type has both fields {pick[0]!r} and {pick[1]!r} "
                           f"(its note types and fields: {known})")
    deck = ImportedDeck(title=_title(conn, path.stem), source=f"{path.name} (Anki, {layout})",
                        suggested_id=path.stem)
    cards_of: dict[int, dict[int, int]] = {}
    for cid, nid, ord_ in conn.execute("SELECT id, nid, ord FROM cards ORDER BY nid, ord"):
        cards_of.setdefault(nid, {})[ord_] = cid
    notes = conn.execute("SELECT id, guid, mid, tags, flds FROM notes ORDER BY id").fetchall()
    if not notes:
        raise InteropError(f"{path}: the package holds no notes")
    taken: set[str] = set()
    unknown: Counter[str] = Counter()
    for nid, guid, mid, tag_text, flds in notes:
        note_type = note_types.get(mid)
        if note_type is None:
            unknown["notes whose note type is missing from the package"] += 1
            continue
        cards = cards_of.get(nid, {})
        if not cards:
            deck.skip(SKIP_NO_CARDS)
            continue
        base = fact_id_for(str(guid))
        while base in taken:
            base += "x"
        taken.add(base)
        tags = tuple(t for t in str(tag_text).split() if t)
        note = _Fields(str(flds), deck)
        facts = _note_facts(base, note, note_type, cards, tags, pick, deck)
        quiz_field = note_type.field_index("Quiz")
        if quiz_field is not None and str(guid).startswith(QUIZ_GUID_PREFIX):
            raw = note.raw[quiz_field] if quiz_field < len(note.raw) else ""
            facts = [_with_options(f, raw, deck) for f in facts]
        deck.facts.extend(facts)
    for reason, count in unknown.items():
        deck.skip(reason, count)
    if history and deck.facts:
        wanted = {cid for fact in deck.facts for blank in fact.cards for cid in blank}
        deck.reviews = read_revlog(conn, wanted, deck.skipped)
        deck.suspended = {cid for (cid,) in conn.execute("SELECT id FROM cards WHERE queue = -1")
                          if cid in wanted}
    return deck


def _with_options(fact: ImportedFact, raw: str, deck: ImportedDeck) -> ImportedFact:
    """A fact with the answer options quiz exported in its ``Quiz`` field (see `anki_export`)."""
    import html
    import json

    try:
        data = json.loads(html.unescape(raw))
    except ValueError:
        return fact
    if not isinstance(data, dict):
        return fact
    source = data.pop("source", None)
    if isinstance(source, dict) and len(source) == 1:
        key, text = next(iter(source.items()))
        if isinstance(key, str) and isinstance(text, str) and deck.sources.get(key, text) == text:
            deck.sources[key] = text
            fact = replace(fact, source=key)
    if fact.is_statement:
        blanks = data.get("blanks")
        if isinstance(blanks, list) and len(blanks) == len(fact.cards) and all(
                isinstance(b, dict) for b in blanks):
            return replace(fact, blanks=tuple(blanks))
        return fact
    answer = data.pop("answer", None)
    options = {k: v for k, v in data.items()
               if k in ("kind", "accept", "distractors", "tolerance", "category", "ordered")}
    if isinstance(answer, list) and all(isinstance(a, str) for a in answer):
        return replace(fact, answer=list(answer), options=options)
    return replace(fact, options=options)


def _note_facts(base: str, note: _Fields, note_type: NoteType, cards: dict[int, int],
                tags: tuple[str, ...], pick: tuple[str, str] | None,
                deck: ImportedDeck) -> list[ImportedFact]:
    if note_type.is_cloze:
        template = note_type.templates.get(0)
        if "occlusion" in note_type.name.lower() or (
                template is not None and template.cloze is not None
                and note_type.fields[template.cloze].lower() == "occlusion"):
            deck.skip(SKIP_OCCLUSION)
            return []
        fact = _cloze_fact(base, note, note_type, template, tags, cards, deck)
        return [fact] if fact else []
    picked = _pick(note_type, pick)
    if picked is not None:
        asked, answered = picked
        ord_ = next((o for o, t in sorted(note_type.templates.items())
                     if asked in t.asked and o in cards), min(cards))
        fact = _question_fact(base, note, (asked,), (answered,), tags, (cards[ord_],), deck)
        return [fact] if fact else []
    out: list[ImportedFact] = []
    first = min(cards)
    for ord_, cid in sorted(cards.items()):
        template = note_type.templates.get(ord_)
        fact_id = base if ord_ == 0 else f"{base}-{ord_ + 1}"
        if template is not None and template.asked and template.answered:
            fact = _question_fact(fact_id, note, template.asked, template.answered, tags, (cid,), deck)
        elif len(note_type.fields) >= 2 and ord_ == first:
            fact = _question_fact(fact_id, note, (0,), (1,), tags, (cid,), deck)
        else:
            deck.skip("cards whose template asks nothing quiz can read")
            continue
        if fact is not None:
            out.append(fact)
    return out
