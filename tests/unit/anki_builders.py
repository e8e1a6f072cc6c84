"""Anki packages built by the tests themselves, in both layouts.

The legacy layout is written by genanki (``collection.anki2`` with ``col.models`` JSON);
review-log rows are then added to its database. The current layout is made by hand
following Anki's schema 18: a zstd-compressed ``collection.anki21b`` with ``notetypes``,
``fields``, ``templates`` (protobuf configs), ``notes``, ``cards``, ``revlog``, ``col``,
``decks`` and ``config``, beside the stub ``collection.anki2`` that asks for a newer Anki.
"""

from __future__ import annotations

import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import zstandard

SCHEMA_18 = (
    """CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL,
       scm integer NOT NULL, ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL,
       ls integer NOT NULL, conf text NOT NULL, models text NOT NULL, decks text NOT NULL,
       dconf text NOT NULL, tags text NOT NULL)""",
    """CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL,
       mod integer NOT NULL, usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL,
       sfld integer NOT NULL, csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL)""",
    """CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL,
       ord integer NOT NULL, mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL,
       queue integer NOT NULL, due integer NOT NULL, ivl integer NOT NULL,
       factor integer NOT NULL, reps integer NOT NULL, lapses integer NOT NULL,
       left integer NOT NULL, odue integer NOT NULL, odid integer NOT NULL,
       flags integer NOT NULL, data text NOT NULL)""",
    """CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL,
       ease integer NOT NULL, ivl integer NOT NULL, lastIvl integer NOT NULL,
       factor integer NOT NULL, time integer NOT NULL, type integer NOT NULL)""",
    """CREATE TABLE notetypes (id integer NOT NULL PRIMARY KEY, name text NOT NULL COLLATE unicase,
       mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL)""",
    """CREATE TABLE fields (ntid integer NOT NULL, ord integer NOT NULL,
       name text NOT NULL COLLATE unicase, config blob NOT NULL, PRIMARY KEY (ntid, ord))
       without rowid""",
    """CREATE TABLE templates (ntid integer NOT NULL, ord integer NOT NULL,
       name text NOT NULL COLLATE unicase, mtime_secs integer NOT NULL, usn integer NOT NULL,
       config blob NOT NULL, PRIMARY KEY (ntid, ord)) without rowid""",
    """CREATE TABLE decks (id integer PRIMARY KEY NOT NULL, name text NOT NULL COLLATE unicase,
       mtime_secs integer NOT NULL, usn integer NOT NULL, common blob NOT NULL,
       kind blob NOT NULL)""",
    """CREATE TABLE config (KEY text NOT NULL PRIMARY KEY, usn integer NOT NULL,
       mtime_secs integer NOT NULL, val blob NOT NULL) without rowid""",
)


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def proto(*fields: tuple[int, int | str | bytes]) -> bytes:
    """A protobuf message from (field number, int or text) pairs."""
    out = bytearray()
    for number, value in fields:
        if isinstance(value, int):
            out += _varint(number << 3) + _varint(value)
        else:
            data = value.encode() if isinstance(value, str) else value
            out += _varint(number << 3 | 2) + _varint(len(data)) + data
    return bytes(out)


@dataclass
class NoteType:
    id: int
    name: str
    fields: list[str]
    templates: list[tuple[str, str, str]]
    """(name, front, back)."""
    cloze: bool = False


BASIC_REVERSED = NoteType(1001, "Basic (and reversed card)", ["Front", "Back"], [
    ("Card 1", "{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}"),
    ("Card 2", "{{Back}}", "{{FrontSide}}<hr id=answer>{{Front}}")])
CLOZE = NoteType(1002, "Cloze", ["Text", "Back Extra"], [
    ("Cloze", "{{cloze:Text}}", "{{cloze:Text}}<br>{{Back Extra}}")], cloze=True)
VOCAB = NoteType(1003, "Vocabulary", ["Word", "Meaning", "IPA"], [
    ("Recognise", "<div>{{Word}}</div>", "{{FrontSide}}<hr>{{Meaning}}<br>{{IPA}}")])
ODD = NoteType(1004, "Odd", ["Alpha", "Beta", "Gamma"], [
    ("Card 1", "{{#Gamma}}shown{{/Gamma}}", "nothing")])


@dataclass
class Note:
    id: int
    guid: str
    type: NoteType
    fields: list[str]
    tags: str = ""
    cards: list[int] = field(default_factory=lambda: [0])
    """Template ords (cloze numbers − 1) that have a card."""
    suspended: list[int] = field(default_factory=list)
    """Ords of cards the learner suspended (queue −1)."""


def card_id(note: Note, ord_: int) -> int:
    """The id the builders give a note's card."""
    return note.id * 10 + ord_


def _fill(conn: sqlite3.Connection, notes: list[Note],
          revlog: list[tuple[int, int, int, int, int, int]]) -> None:
    for note in notes:
        conn.execute("INSERT INTO notes VALUES (?, ?, ?, 0, 0, ?, ?, ?, 0, 0, '')",
                     (note.id, note.guid, note.type.id, f" {note.tags} " if note.tags else "",
                      "\x1f".join(note.fields), note.fields[0]))
        for ord_ in note.cards:
            conn.execute("INSERT INTO cards VALUES (?, ?, 1, ?, 0, 0, 2, ?, 100, 10, 2500, 3, 0, "
                         "0, 0, 0, 0, '')", (card_id(note, ord_), note.id, ord_,
                                             -1 if ord_ in note.suspended else 2))
    conn.executemany("INSERT INTO revlog VALUES (?, ?, 0, ?, 1, 0, ?, ?, ?)",
                     [(at, cid, ease, factor, ms, kind) for at, cid, ease, factor, ms, kind in revlog])


def build_current(path: Path, notes: list[Note], revlog: list[tuple[int, int, int, int, int, int]] = (),
                  deck_name: str = "Geography::Capitals", with_stub: bool = True) -> Path:
    """A current-layout package; ``revlog`` rows are (ms, card id, ease, factor, ms taken, type)."""
    conn = sqlite3.connect(":memory:")
    conn.create_collation("unicase", lambda a, b: (a.lower() > b.lower()) - (a.lower() < b.lower()))
    for statement in SCHEMA_18:
        conn.execute(statement)
    conn.execute("INSERT INTO col VALUES (1, 0, 0, 0, 18, 0, 0, 0, '', '', '', '', '')")
    conn.execute("INSERT INTO config VALUES ('schedVer', 0, 0, CAST('2' AS BLOB))")
    conn.execute("INSERT INTO decks VALUES (1, ?, 0, 0, x'', x'')", (deck_name.replace("::", "\x1f"),))
    for kind in {n.type.id: n.type for n in notes}.values():
        conn.execute("INSERT INTO notetypes VALUES (?, ?, 0, 0, ?)",
                     (kind.id, kind.name, proto((1, 1 if kind.cloze else 0), (3, ".card {}"))))
        for ord_, name in enumerate(kind.fields):
            conn.execute("INSERT INTO fields VALUES (?, ?, ?, ?)", (kind.id, ord_, name, proto((3, "Arial"))))
        for ord_, (name, front, back) in enumerate(kind.templates):
            conn.execute("INSERT INTO templates VALUES (?, ?, ?, 0, 0, ?)",
                         (kind.id, ord_, name, proto((1, front), (2, back))))
    _fill(conn, notes, list(revlog))
    conn.commit()
    data = conn.serialize()
    conn.close()
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("collection.anki21b", zstandard.ZstdCompressor().compress(data))
        if with_stub:
            archive.writestr("collection.anki2", _stub())
        archive.writestr("meta", b"\x08\x03")
        archive.writestr("media", zstandard.ZstdCompressor().compress(b""))
    return path


def _stub() -> bytes:
    conn = sqlite3.connect(":memory:")
    conn.execute(SCHEMA_18[1])
    conn.execute("INSERT INTO notes VALUES (1, 'stub', 1, 0, 0, '', ?, '', 0, 0, '')",
                 ("Please update to the latest Anki version, then import the .colpkg/.apkg file again.\x1f",))
    conn.commit()
    data = conn.serialize()
    conn.close()
    return data


def build_legacy(path: Path, notes: list[Note], revlog: list[tuple[int, int, int, int, int, int]] = (),
                 deck_name: str = "Capitals", member: str = "collection.anki2") -> Path:
    """A legacy package written by genanki, with review-log rows added afterwards.

    genanki numbers cards itself; the rows' card ids are given as `card_id` values and
    mapped onto genanki's cards (same note, same ord).
    """
    import genanki

    models = {}
    for kind in {n.type.id: n.type for n in notes}.values():
        models[kind.id] = genanki.Model(
            kind.id, kind.name, fields=[{"name": f} for f in kind.fields],
            templates=[{"name": n, "qfmt": q, "afmt": a} for n, q, a in kind.templates],
            model_type=genanki.Model.CLOZE if kind.cloze else genanki.Model.FRONT_BACK)
    deck = genanki.Deck(2059400110, deck_name)
    for note in notes:
        deck.add_note(genanki.Note(model=models[note.type.id], fields=note.fields, guid=note.guid,
                                   tags=note.tags.split()))
    with tempfile.TemporaryDirectory() as folder:
        raw = Path(folder) / "raw.apkg"
        genanki.Package(deck).write_to_file(raw, timestamp=1_700_000_000)
        with zipfile.ZipFile(raw) as archive:
            database = Path(folder) / "collection"
            database.write_bytes(archive.read("collection.anki2"))
            media = archive.read("media")
        conn = sqlite3.connect(database)
        by_guid = dict(conn.execute("SELECT guid, id FROM notes"))
        mapping = {}
        for note in notes:
            for cid, ord_ in conn.execute("SELECT id, ord FROM cards WHERE nid = ?", (by_guid[note.guid],)):
                mapping[card_id(note, ord_)] = cid
        conn.executemany("INSERT INTO revlog VALUES (?, ?, 0, ?, 1, 0, ?, ?, ?)",
                         [(at, mapping[cid], ease, factor, ms, kind)
                          for at, cid, ease, factor, ms, kind in revlog])
        conn.commit()
        conn.close()
        with zipfile.ZipFile(path, "w") as archive:
            archive.write(database, member)
            archive.writestr("media", media)
    return path
