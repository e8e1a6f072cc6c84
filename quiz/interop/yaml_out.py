"""`ImportedDeck` → the text of a deck file, with a comment saying where it came from.

Scalars are written by PyYAML's safe dumper, so quotes, colons, ``#``, ``no`` and a text
that begins with ``{{`` come back from `quiz.load_deck` as the same text. Kinds are left
out unless the importer set them, so they are inferred exactly as for a hand-written
deck. The line span of every fact is kept, so a fact the loader rejects can be named
and left out (`checked_deck`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import yaml

from quiz.interop.model import ImportedDeck, ImportedFact, InteropError

__all__ = ["Checked", "Rendered", "SKIP_INVALID", "checked_deck", "render"]

SKIP_INVALID = "facts the deck loader rejects"


try:  # libyaml's emitter is several times faster; the pure one writes the same text
    from yaml import CSafeDumper as _Base
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _Base  # type: ignore[assignment]


class _Dumper(_Base):  # type: ignore[misc, valid-type]
    """Block style for facts, flow style for short per-blank option mappings."""


class _Flow(dict):  # type: ignore[type-arg]
    """A mapping written on one line: ``{kind: date}``."""


class _FlowList(list):  # type: ignore[type-arg]
    """A list written on one line: ``[history, treaty]``."""


_Dumper.add_representer(
    _FlowList, lambda d, data: d.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True))
_Dumper.add_representer(
    _Flow, lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True))


def _dump(data: object) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)


@dataclass(frozen=True, slots=True)
class Rendered:
    """A deck file's text and the lines (1-based, inclusive) each fact occupies."""

    text: str
    spans: tuple[tuple[int, int], ...]


def _entry(fact: ImportedFact) -> dict[str, object]:
    entry: dict[str, object] = {"id": fact.id}
    if fact.is_statement:
        entry["text"] = fact.text
        if fact.blanks and any(fact.blanks):
            entry["blanks"] = [_Flow(b) for b in fact.blanks]
    else:
        entry["question"] = fact.question
        entry["answer"] = _FlowList(fact.answer) if isinstance(fact.answer, list) else fact.answer
    entry.update(fact.options)
    if fact.source:
        entry["source"] = fact.source
    if fact.explain:
        entry["explain"] = fact.explain
    if fact.tags:
        entry["tags"] = _FlowList(fact.tags)
    return entry


def render(deck: ImportedDeck, deck_id: str, when: datetime) -> Rendered:
    """The deck file for ``deck`` under the id ``deck_id``, stamped with ``when`` (UTC)."""
    header = [
        f"# Imported by `quiz import` from {deck.source} on {when:%Y-%m-%d %H:%M} UTC.",
        "# Progress is kept by the fact ids: importing the file again updates these facts",
        "# (with --force) and keeps what you learned. Edit freely; `quiz validate` checks it.",
    ]
    top: dict[str, object] = {"title": deck.title, "id": deck_id}
    if deck.description:
        top["description"] = deck.description
    if deck.sources:
        top["sources"] = dict(deck.sources)
    lines = header + _dump(top).rstrip().splitlines() + ["facts:"]
    spans: list[tuple[int, int]] = []
    if deck.facts:
        body = _dump([_entry(f) for f in deck.facts]).rstrip().splitlines()
        for line in body:
            if line.startswith("- "):
                if spans:
                    spans[-1] = (spans[-1][0], len(lines))
                spans.append((len(lines) + 1, len(lines) + 1))
            lines.append(f"  {line}" if line else line)
        spans[-1] = (spans[-1][0], len(lines))
    else:
        lines[-1] = "facts: []"
    return Rendered("\n".join(lines) + "\n", tuple(spans))


@dataclass(frozen=True, slots=True)
class Checked:
    """A rendered deck that `quiz.load_deck` reads clean, and what had to be left out."""

    text: str
    deck: object
    """The loaded `quiz.facts.Deck`."""
    kept: tuple[ImportedFact, ...]
    rejected: tuple[tuple[str, str], ...]
    """(fact id, the loader's message) for each fact left out."""


def checked_deck(deck: ImportedDeck, deck_id: str, when: datetime, trial: Path) -> Checked:
    """Render ``deck`` into ``trial`` and load it back; facts the loader rejects are dropped.

    ``trial`` is the caller's temporary file (the one renamed into place afterwards), so
    what the loader checked is exactly what is written.

    Raises:
        InteropError: no fact is left, or the loader rejects the deck as a whole (a bug).
    """
    from quiz import load_deck
    from quiz.facts import DeckError

    facts = list(deck.facts)
    rejected: list[tuple[str, str]] = []
    for _ in range(5):
        if not facts:
            break
        current = ImportedDeck(title=deck.title, source=deck.source, facts=facts,
                               description=deck.description, sources=deck.sources)
        rendered = render(current, deck_id, when)
        trial.write_text(rendered.text, encoding="utf-8")
        try:
            loaded = load_deck(trial)
        except DeckError as exc:
            bad: dict[int, str] = {}
            for problem in exc.problems:
                at = next((i for i, (a, b) in enumerate(rendered.spans) if a <= problem.line <= b), None)
                if at is None:
                    raise InteropError(f"the imported deck does not load (a bug in quiz import): "
                                       f"line {problem.line}: {problem.message}") from None
                bad.setdefault(at, problem.message)
            rejected.extend((facts[i].id, message) for i, message in sorted(bad.items()))
            facts = [f for i, f in enumerate(facts) if i not in bad]
            continue
        return Checked(rendered.text, loaded, tuple(facts), tuple(rejected))
    raise InteropError(f"{deck.source}: no fact could be imported" +
                       (f" (the first rejected: {rejected[0][1]})" if rejected else ""))
