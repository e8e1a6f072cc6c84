"""`quiz extract` on the three real seed documents, measured against the hand-built deck.

The documents ship in ``tests/data/extract/seeds`` (U.S. government pages, public domain),
so this test always runs.

``decks/us-france.yaml`` was written by hand from the same three documents; every date,
figure and name it asks about (answers, blanks and list members) should come out of the
extractor as a blank of the draft made from that fact's source document: at least 80% of
them per document, compared with `quiz.values.equivalent` (an answer's ``accept:`` forms
count too). The drafts must also load cleanly and stay small enough to prune.

This measures what the extractor *finds*, so the drafts are made with up to eight blanks
a statement: the hand deck asks whole lists ("Bordeaux, Lyon, Rennes and Toulouse"), four
names in one sentence, which the default of two blanks a statement never blanks together.
What the default draft *chooses* is measured by ``test_extract_key.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz import load_deck
from quiz.extract import draft_deck, to_yaml
from quiz.facts import Deck
from quiz.values import equivalent
from quiz.values.lists import ListValue

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "tests" / "data" / "extract" / "seeds"
SOURCES = {  # the hand-built deck's source key → the seed document it was written from
    "wh-2018": "000_b19eabc204375361.txt",
    "embassy": "001_8cf05d6f3b656810.txt",
    "dod-2016": "002_8145726628f308d2.txt",
}
COUNTED = ("date", "number", "name")
FINDING = 8
"""Blanks a statement when measuring what is found (see the module docstring)."""


def expected_values(deck: Deck, source: str) -> list[tuple[str, tuple[str, ...]]]:
    """(kind, accepted texts) of every date, figure and name the hand deck asks from ``source``."""
    wanted: list[tuple[str, tuple[str, ...]]] = []
    for fact in deck.facts:
        if fact.source != source:
            continue
        for answer in fact.answers:
            if answer.kind in COUNTED:
                assert isinstance(answer.text, str)
                wanted.append((answer.kind, (answer.text, *answer.accept)))
            elif answer.kind == "list" and isinstance(answer.value, ListValue):
                wanted.extend((m.kind, (m.text,)) for m in answer.value.members if m.kind in COUNTED)
    return wanted


def coverage(hand: Deck, source: str, draft: Deck) -> tuple[int, int, list[str]]:
    """How many of the hand deck's values for ``source`` are blanks of ``draft``; the missed ones."""
    blanks = [a.display for f in draft.facts for a in f.answers]
    wanted = expected_values(hand, source)
    missed = [texts[0] for kind, texts in wanted
              if not any(equivalent(kind, t, b) for t in texts for b in blanks)]  # type: ignore[arg-type]
    return len(wanted) - len(missed), len(wanted), missed


@pytest.fixture(scope="module")
def hand() -> Deck:
    return load_deck(ROOT / "decks" / "us-france.yaml")


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_a_seed_draft_holds_most_hand_picked_values_and_validates(
        source: str, hand: Deck, tmp_path: Path) -> None:
    seed = SEEDS / SOURCES[source]
    draft = draft_deck(seed.read_text(encoding="utf-8"), document=seed.name, deck_id=source,
                       blanks=FINDING)
    path = tmp_path / f"{source}.yaml"
    path.write_text(to_yaml(draft), encoding="utf-8")
    deck = load_deck(path)  # raises DeckError with every problem if the draft is broken
    found, total, missed = coverage(hand, source, deck)
    print(f"{source}: {found}/{total} = {found / total:.0%}; missed {missed}")
    assert total >= 5
    assert found / total >= 0.8, f"only {found}/{total}; missed {missed}"
    # Few false facts: a blank on every other word would find everything. Every blank
    # reads as its kind (the loader checked), and a sentence holds a handful of them.
    assert deck.card_count <= 3 * total
    assert all(f.blank_count <= FINDING for f in deck.facts)
