"""Anki note types: their fields and card templates, from either collection layout.

The current layout keeps them in the ``notetypes``, ``fields`` and ``templates`` tables
(configs are protobuf messages; only a few fields are read, by a tiny decoder); the
legacy one as JSON in ``col.models``. Each template is then read for what it asks: the
fields its front shows are the question, the fields its back adds are the answer (the
first) and context (the rest). ``{{type:F}}`` on a front asks for F; ``{{cloze:F}}``
marks the cloze field.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass

from quiz.interop.model import InteropError

__all__ = ["NoteType", "Template", "read_note_types"]

_SPECIAL = frozenset({"frontside", "tags", "deck", "subdeck", "card", "cardflag", "type",
                      "cardid"})
_REF = re.compile(r"\{\{([^{}]+)\}\}")
_SKIP_FILTERS = ("hint", "tts", "cloze-only")


@dataclass(frozen=True, slots=True)
class Template:
    """One card template: what its front asks and its back answers, by field index."""

    ord: int
    name: str
    asked: tuple[int, ...]
    answered: tuple[int, ...]
    cloze: int | None = None
    """The field a ``{{cloze:…}}`` reference names, if any."""


@dataclass(frozen=True, slots=True)
class NoteType:
    """A note type: its fields by index and its templates by ``ord``."""

    id: int
    name: str
    fields: tuple[str, ...]
    templates: dict[int, Template]
    is_cloze: bool

    def field_index(self, name: str) -> int | None:
        """The index of a field named ``name`` (case-insensitive), or None."""
        for i, field in enumerate(self.fields):
            if field.casefold() == name.strip().casefold():
                return i
        return None


def _refs(template: str, fields: tuple[str, ...]) -> list[tuple[str, int]]:
    """(filter, field index) for each field reference, in order, once each."""
    index = {f.casefold(): i for i, f in enumerate(fields)}
    found: list[tuple[str, int]] = []
    for match in _REF.finditer(template):
        inner = match.group(1).strip()
        if not inner or inner[0] in "#^/!":
            continue
        *filters, name = inner.split(":")
        if name.strip().casefold() in _SPECIAL and not filters:
            continue
        i = index.get(name.strip().casefold())
        if i is None:
            continue
        kind = filters[0].strip().lower() if filters else ""
        if kind.startswith("tts"):
            kind = "tts"
        if (kind, i) not in found:
            found.append((kind, i))
    return found


def _template(ord_: int, name: str, qfmt: str, afmt: str, fields: tuple[str, ...]) -> Template:
    front = _refs(qfmt, fields)
    back = _refs(afmt, fields)
    cloze = next((i for kind, i in front + back if kind == "cloze"), None)
    typed = [i for kind, i in front if kind == "type"]
    asked = [i for kind, i in front if kind not in ("type", "cloze", *_SKIP_FILTERS)]
    answered = typed + [i for kind, i in back
                        if kind not in ("cloze", *_SKIP_FILTERS) and i not in asked and i not in typed]
    return Template(ord_, name, tuple(dict.fromkeys(asked)), tuple(dict.fromkeys(answered)),
                    cloze)


def _varint(data: bytes, i: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if i >= len(data):
            raise ValueError("truncated varint")
        byte = data[i]
        value |= (byte & 0x7F) << shift
        i += 1
        if not byte & 0x80:
            return value, i
        shift += 7


def proto_fields(data: bytes) -> dict[int, list[int | bytes]]:
    """The top-level fields of a protobuf message: number → values (ints or bytes)."""
    out: dict[int, list[int | bytes]] = {}
    i = 0
    while i < len(data):
        key, i = _varint(data, i)
        number, wire = key >> 3, key & 7
        value: int | bytes
        if wire == 0:
            value, i = _varint(data, i)
        elif wire == 2:
            length, i = _varint(data, i)
            value, i = data[i:i + length], i + length
        elif wire == 1:
            value, i = int.from_bytes(data[i:i + 8], "little"), i + 8
        elif wire == 5:
            value, i = int.from_bytes(data[i:i + 4], "little"), i + 4
        else:
            raise ValueError(f"unsupported wire type {wire}")
        out.setdefault(number, []).append(value)
    return out


def _text(fields: dict[int, list[int | bytes]], number: int) -> str:
    value = fields.get(number, [b""])[0]
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else ""


def _from_tables(conn: sqlite3.Connection) -> dict[int, NoteType]:
    names: dict[int, dict[int, str]] = {}
    for ntid, ord_, name in conn.execute("SELECT ntid, ord, name FROM fields ORDER BY ntid, ord"):
        names.setdefault(ntid, {})[ord_] = name
    templates: dict[int, list[tuple[int, str, bytes]]] = {}
    for ntid, ord_, name, config in conn.execute(
            "SELECT ntid, ord, name, config FROM templates ORDER BY ntid, ord"):
        templates.setdefault(ntid, []).append((ord_, name, config))
    found: dict[int, NoteType] = {}
    for ntid, name, config in conn.execute("SELECT id, name, config FROM notetypes"):
        kind = proto_fields(bytes(config)).get(1, [0])[0]
        fields = tuple(names.get(ntid, {})[o] for o in sorted(names.get(ntid, {})))
        parsed = {}
        for ord_, tname, tconfig in templates.get(ntid, []):
            t = proto_fields(bytes(tconfig))
            parsed[ord_] = _template(ord_, tname, _text(t, 1), _text(t, 2), fields)
        found[ntid] = NoteType(ntid, name, fields, parsed, kind == 1)
    return found


def _from_json(conn: sqlite3.Connection) -> dict[int, NoteType]:
    raw = conn.execute("SELECT models FROM col").fetchone()[0]
    models = json.loads(raw or "{}")
    found: dict[int, NoteType] = {}
    for key, model in models.items():
        fields = tuple(f["name"] for f in sorted(model.get("flds", []), key=lambda f: f["ord"]))
        parsed = {int(t["ord"]): _template(int(t["ord"]), t.get("name", ""), t.get("qfmt", ""),
                                           t.get("afmt", ""), fields)
                  for t in model.get("tmpls", [])}
        found[int(key)] = NoteType(int(key), model.get("name", ""), fields, parsed,
                                   int(model.get("type", 0)) == 1)
    return found


def read_note_types(conn: sqlite3.Connection, where: str) -> dict[int, NoteType]:
    """Every note type of the collection, by id.

    Raises:
        InteropError: the collection's note types cannot be read.
    """
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "notetypes" in tables and conn.execute("SELECT 1 FROM notetypes LIMIT 1").fetchone():
            return _from_tables(conn)
        if "col" in tables:
            return _from_json(conn)
    except (sqlite3.DatabaseError, ValueError, KeyError, TypeError) as exc:
        raise InteropError(f"{where}: its note types cannot be read ({exc})") from None
    raise InteropError(f"{where}: unknown collection layout: no note types inside")
