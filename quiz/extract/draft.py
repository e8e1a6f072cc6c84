"""Drafting a deck from a document: statements with blanks from the sentences that hold values.

`draft_deck` runs the pipeline — `read` and `clean` → `sentences` → `spot` → `choose` —
and drafts a statement from each sentence that has something worth asking, or several
when it holds more values than one statement's blanks (`choose.choose_blanks`). `to_yaml`
writes the draft as a deck file a person can prune: a commented header, then each fact
with the document line it came from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import yaml

from quiz.extract.choose import MAX_BLANKS, choose_blanks
from quiz.extract.clauses import split_clauses
from quiz.extract.clean import clean_document
from quiz.extract.read import Format, detect_format
from quiz.extract.sentences import split_sentences
from quiz.extract.spot import NameBook, Value, spot_values, topics

__all__ = ["Draft", "DraftFact", "draft_deck", "slug", "to_yaml"]

MIN_WORDS = 6
"""Shorter sentences are headings, captions or fragments more often than facts."""
MIN_ITEM_WORDS = 3
"""A list item is short by nature: "About 13,200 houses destroyed." is a fact."""
_ID_STOPWORDS = frozenset("""a an the in on at by for from to with of and or but as is are was
    were be been has have had its it this that these those their they he she his her our we us
    which who whom whose what when where while than then also more most over under into about
    after before during since between will would can could may might should said says say
    including every each all both other such not no""".split())
_SENTENCE_END = re.compile(r"""[.!]["')\]]*$""")


@dataclass(frozen=True, slots=True)
class DraftFact:
    """One drafted statement: ``text`` holds its ``{{blanks}}``; ``line`` is the document's."""

    id: str
    text: str
    blanks: tuple[Value, ...]
    line: int
    section: str | None = None


@dataclass(frozen=True, slots=True)
class Draft:
    """A drafted deck, ready for `to_yaml`."""

    title: str
    deck_id: str
    source_key: str
    source: str
    facts: tuple[DraftFact, ...]


def slug(text: str, limit: int = 40) -> str:
    """Lower-case ASCII words joined by ``-``, cut at a word within ``limit`` characters."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    out = ""
    for word in re.findall(r"[a-z0-9]+", folded.lower()):
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > limit:
            break
        out = candidate
    return out


def _usable(sentence: str, item: bool = False) -> bool:
    return len(sentence.split()) >= (MIN_ITEM_WORDS if item else MIN_WORDS) and \
        bool(_SENTENCE_END.search(sentence))


def draft_deck(raw: str, *, document: str, deck_id: str, title: str | None = None,
               source: str | None = None, fmt: Format | None = None,
               blanks: int = MAX_BLANKS) -> Draft:
    """Draft a deck from a document's text.

    Args:
        raw: The document's text (decoded; mojibake is repaired here).
        document: The document's name, for the deck's ``sources`` and the source key.
        deck_id: The id the deck will have.
        title: The deck's title; by default the document's own title, if it has one.
        source: The description of the source; by default the document's title and name.
        fmt: ``plain``, ``markdown`` or ``html``; by default told by the document's name
            and, for HTML, its first tag (`quiz.extract.read.detect_format`).
        blanks: Blanks in one statement at most.
    """
    cleaned = clean_document(raw, fmt or detect_format(document, raw))
    # Braces would be read as blanks; documents have no business holding them.
    rows: list[tuple[str, int, int, str | None]] = []
    for block in cleaned.blocks:
        for sentence in split_sentences(block.text):
            text = sentence.text.replace("{", "(").replace("}", ")")
            if _usable(text, block.item):
                rows.append((text, block.line, max(0, block.lead - sentence.start), block.section))
    book = NameBook.read([row[0] for row in rows])
    found = [spot_values(text, book, skip) for text, _, skip, _ in rows]
    picked = choose_blanks([row[0] for row in rows], found, topics(found), blanks)
    facts: list[DraftFact] = []
    ids: set[str] = set()
    for (text, line, _, section), statements in zip(rows, picked):
        for said, chosen in _statements(text, statements, blanks):
            fact_id = _unique(_fact_id(said, chosen), ids)
            facts.append(DraftFact(fact_id, _with_blanks(said, chosen), tuple(chosen), line,
                                   section))
    key = slug(document.rsplit("/", 1)[-1].rsplit(".", 1)[0], 32) or "document"
    described = source or (f"{cleaned.title} ({document})" if cleaned.title else document)
    return Draft(title=title or cleaned.title or f"Facts from {document.rsplit('/', 1)[-1]}",
                 deck_id=deck_id, source_key=key, source=described, facts=tuple(facts))


def _statements(text: str, chosen: list[list[Value]], limit: int) -> list[tuple[str, list[Value]]]:
    """The statements of a sentence: the sentence with each group of values `choose_blanks`
    picked, or, where it holds more than one statement's blanks and can be cut into clauses
    that stand alone (`split_clauses`), each clause with its own values."""
    if len(chosen) < 2:
        return [(text, group) for group in chosen]
    clauses = split_clauses(text, [v for group in chosen for v in group])
    if clauses is None:
        return [(text, group) for group in chosen]
    return [(clause.text, sorted(clause.values[at:at + limit], key=lambda v: v.start))
            for clause in clauses for at in range(0, len(clause.values), limit)]


def _with_blanks(text: str, chosen: list[Value]) -> str:
    out, at = [], 0
    for value in chosen:
        out.append(text[at:value.start])
        out.append("{{" + value.text + "}}")
        at = value.end
    out.append(text[at:])
    return "".join(out)


def _fact_id(text: str, chosen: list[Value]) -> str:
    """Three key words of the sentence (outside its blanks) and the first blank's value."""
    outside = _with_blanks(text, chosen)
    outside = re.sub(r"\{\{.*?\}\}", " ", outside)
    words = [w for w in slug(outside, 400).split("-") if w not in _ID_STOPWORDS and not w.isdigit()]
    head = "-".join(words[:3])
    value = slug(chosen[0].text, 24)
    return "-".join(p for p in (head, value) if p) or "fact"


def _unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


# --- YAML -------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Block style for facts, flow style for the short per-blank option mappings."""


def _flow_mapping(dumper: yaml.SafeDumper, data: _Flow) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)


class _Flow(dict):  # type: ignore[type-arg]
    """A mapping written on one line: ``{kind: date}``."""


_Dumper.add_representer(_Flow, _flow_mapping)


def _dump(data: object) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=92,
                     default_flow_style=False)


def _options(value: Value) -> dict[str, str]:
    options = {"kind": value.kind}
    if value.category:
        options["category"] = value.category
    return options


def to_yaml(draft: Draft) -> str:
    """The draft as a deck file: a header saying what to do with it, then the facts.

    Every scalar is written by PyYAML's safe dumper, so quotes, colons, ``#`` and a text
    that begins with ``{{`` are quoted as YAML needs and load back to the same text.
    """
    header = [
        f"# Drafted by `quiz extract` from {draft.source}.",
        "# A draft: every sentence with a date, a figure or a name became a statement with",
        "# {{blanks}}, or several when it holds more values than one statement should ask.",
        "# Delete the facts not worth learning, reword the rest, and keep the ids (progress",
        "# is kept by them). `quiz validate --strict FILE` checks the result.",
    ]
    top = _dump({"title": draft.title, "id": draft.deck_id,
                 "sources": {draft.source_key: draft.source}})
    parts = ["\n".join(header), top.rstrip(), "facts:"]
    section: str | None = None
    for fact in draft.facts:
        if fact.section and fact.section != section:
            parts.append(f"\n  # --- {fact.section} ---")
        section = fact.section
        entry: dict[str, object] = {"id": fact.id, "text": fact.text}
        if len(fact.blanks) == 1:
            entry.update(_options(fact.blanks[0]))
        else:
            entry["blanks"] = [_Flow(_options(v)) for v in fact.blanks]
        entry["source"] = draft.source_key
        body = _dump([entry]).rstrip()
        indented = "\n".join(f"  {line}" if line else line for line in body.splitlines())
        parts.append(f"  # document line {fact.line}\n{indented}")
    return "\n".join(parts) + "\n"
