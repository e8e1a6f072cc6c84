"""A quiz deck → an Anki package (``.apkg``) written with genanki.

Questions become notes of a Basic-style note type (Front, Back, Explain), statements of a
Cloze one (each ``{{blank}}`` a deletion ``{{cN::…}}``); tags are kept, and each note's
GUID is ``quiz:<deck>:<fact>``, so exporting again updates the notes in Anki and
importing the package back gives the same fact ids. A ``Quiz`` field no template shows
keeps what Anki has no place for — kinds, list answers, ``accept``, ``distractors``,
``tolerance``, ``category``, ``ordered``, the source — as JSON, so YAML → apkg → import gives the same
facts.
"""

from __future__ import annotations

import hashlib
import html
import json
from pathlib import Path

from quiz.facts import Answer, Deck, Fact
from quiz.interop.anki import guid_for

__all__ = ["QUIZ_FIELD", "answer_options", "write_apkg"]

QUIZ_FIELD = "Quiz"
"""The field holding quiz's own answer options as JSON."""

_BASIC_ID = 1_731_050_001
_CLOZE_ID = 1_731_050_002
_CSS = ".card { font-family: arial; font-size: 20px; text-align: center; }\n" \
       ".explain { font-size: 16px; color: #666; }\n.cloze { font-weight: bold; color: blue; }"


def _models() -> tuple[object, object]:
    import genanki

    basic = genanki.Model(
        _BASIC_ID, "Basic (quiz)",
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Explain"}, {"name": QUIZ_FIELD}],
        templates=[{"name": "Card 1", "qfmt": "{{Front}}",
                    "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"
                            "{{#Explain}}<div class=explain>{{Explain}}</div>{{/Explain}}"}],
        css=_CSS)
    cloze = genanki.Model(
        _CLOZE_ID, "Cloze (quiz)",
        fields=[{"name": "Text"}, {"name": "Back Extra"}, {"name": QUIZ_FIELD}],
        templates=[{"name": "Cloze", "qfmt": "{{cloze:Text}}",
                    "afmt": "{{cloze:Text}}<br>{{Back Extra}}"}],
        css=_CSS, model_type=genanki.Model.CLOZE)
    return basic, cloze


def answer_options(answer: Answer) -> dict[str, object]:
    """What a deck file says of an answer beyond its text (always its kind)."""
    out: dict[str, object] = {"kind": answer.kind}
    if answer.accept:
        out["accept"] = list(answer.accept)
    if answer.distractors:
        out["distractors"] = list(answer.distractors)
    if answer.tolerance is not None:
        out["tolerance"] = str(answer.tolerance)
    if answer.category:
        out["category"] = answer.category
    if answer.ordered:
        out["ordered"] = True
    return out


def _cloze_text(fact: Fact) -> str:
    from quiz.facts import BLANK_RE

    parts, at, number = [], 0, 0
    text = fact.text or ""
    for match in BLANK_RE.finditer(text):
        parts.append(html.escape(text[at:match.start()], quote=False))
        number += 1
        shown = fact.answers[number - 1].display
        parts.append(f"{{{{c{number}::{html.escape(shown, quote=False)}}}}}")
        at = match.end()
    parts.append(html.escape(text[at:], quote=False))
    return "".join(parts)


def _meta(deck: Deck, fact: Fact) -> str:
    if fact.is_statement:
        data: dict[str, object] = {"blanks": [answer_options(a) for a in fact.answers]}
    else:
        data = answer_options(fact.answer)
        if isinstance(fact.answer.text, tuple):
            data["answer"] = list(fact.answer.text)
    if fact.source:
        data["source"] = {fact.source: deck.source_text(fact) or fact.source}
    return html.escape(json.dumps(data, ensure_ascii=False), quote=False)


def _tags(fact: Fact) -> list[str]:
    return ["_".join(tag.split()) for tag in fact.tags if tag.strip()]


def write_apkg(deck: Deck, path: Path) -> int:
    """Write ``deck`` as an Anki package at ``path``; returns the number of notes."""
    import genanki

    basic, cloze = _models()
    number = int.from_bytes(hashlib.blake2b(deck.id.encode(), digest_size=4).digest(), "big")
    package_deck = genanki.Deck(number or 1, deck.title, description=html.escape(deck.description))
    for fact in deck.facts:
        explain = html.escape(fact.explain or "", quote=False)
        if fact.is_statement:
            note = genanki.Note(model=cloze, fields=[_cloze_text(fact), explain, _meta(deck, fact)],
                                guid=guid_for(deck.id, fact.id), tags=_tags(fact))
        else:
            note = genanki.Note(model=basic, fields=[
                html.escape(fact.question or "", quote=False),
                html.escape(fact.answer.display, quote=False), explain, _meta(deck, fact)],
                guid=guid_for(deck.id, fact.id), tags=_tags(fact))
        package_deck.add_note(note)
    genanki.Package(package_deck).write_to_file(str(path))
    return len(deck.facts)
