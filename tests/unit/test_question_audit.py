"""The teacher's review, automated: no flawed question in any offered format of any card.

Runs `question_audit` (see its docstring for each class) over the bundled decks and a
small deck from the benchmark's generator, three seeds per format, and studies each deck
day after day with the app's queue: every check, `related_same_day` included, finds nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import quiz
from quiz.facts import Deck

sys.path.insert(0, str(Path(__file__).resolve().parent))
from question_audit import CHECKS, audit, related_pairs, same_day_pairs, synthetic_deck  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = sorted((ROOT / "decks").glob("*.yaml"))


def test_the_bundled_decks_are_there() -> None:
    assert [p.name for p in BUNDLED] == ["space.yaml", "us-france.yaml", "world.yaml"]


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_no_flawed_question_in_a_bundled_deck(path: Path) -> None:
    found = audit(quiz.load_deck(path), seeds=3)
    assert found == [], "\n".join(f"{check}: {text}" for check, text in found[:20])


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Deck:
    return synthetic_deck(tmp_path_factory.mktemp("audit"), facts=120, seed=5)


def test_no_flawed_question_in_a_synthetic_deck(synthetic: Deck) -> None:
    found = audit(synthetic, seeds=3)
    assert found == [], "\n".join(f"{check}: {text}" for check, text in found[:20])


def test_the_day_check_sees_related_cards_a_plain_queue_puts_together() -> None:
    deck = quiz.load_deck(ROOT / "decks" / "us-france.yaml")
    pairs = related_pairs(deck, {})
    assert frozenset({("lafayette-quote", 0), ("lafayette-quote-speaker", 0)}) in pairs
    assert same_day_pairs(deck, pairs, keep_apart=False)
    assert same_day_pairs(deck, pairs) == []


def test_every_check_is_named() -> None:
    assert len(set(CHECKS)) == len(CHECKS) == 12
