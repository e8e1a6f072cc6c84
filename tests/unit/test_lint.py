"""The deck linter: each rule with a deck that trips it and one that does not, and
`quiz validate --strict` printing the warnings and exiting 1 on them."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz import load_deck
from quiz.cli import main
from quiz.facts import Deck
from quiz.lint import RULES, lint_deck

ROOT = Path(__file__).resolve().parents[2]
HEAD = "title: Lint\nsources:\n  notes: notes\nfacts:\n"

# rule → (facts that trip it, facts that do not); the tripping fact is always the last one.
CASES: dict[str, list[tuple[str, str]]] = {
    "duplicate": [(
        "  - id: a\n    question: In what year did the U.S. sign the Treaty of Amity with France?\n"
        "    answer: 1778\n"
        "  - id: b\n    question: In which year did the US sign the Treaty of Amity with France?\n"
        "    answer: '1778'\n",
        "  - id: a\n    question: In what year did the U.S. sign the Treaty of Amity with France?\n"
        "    answer: 1778\n"
        "  - id: b\n    question: When did France join the American war against Britain?\n"
        "    answer: 1778\n",
    )],
    "giveaway": [(
        "  - id: a\n    question: Which astronomer is the Hubble telescope named after?\n"
        "    answer: Edwin Hubble\n    kind: name\n    category: person\n",
        "  - id: a\n    question: Which astronomer showed that the universe is expanding?\n"
        "    answer: Edwin Hubble\n    kind: name\n    category: person\n",
    ), (
        "  - id: a\n    text: Iraqi forces expelled {{ISIL}} from Mosul, where ISIL had ruled.\n",
        "  - id: a\n    text: Iraqi forces expelled {{ISIL}} from Mosul, where it had ruled.\n",
    ), (
        "  - id: a\n    question: In 1778, in what year did France sign the treaty?\n    answer: 1778\n",
        "  - id: a\n    question: In what year did France sign the treaty?\n    answer: 1778\n",
    ), (
        "  - id: a\n    text: Voyager 2 was launched {{sixteen days before}} Voyager 1, which followed on"
        " September 5, 1977.\n    kind: text\n"
        "  - id: b\n    text: Voyager 2 was launched on {{August 20, 1977}}, sixteen days before Voyager 1,"
        " which followed on September 5, 1977.\n",
        "  - id: a\n    text: Voyager 2 was launched {{sixteen days before}} Voyager 1, which followed on"
        " September 5, 1977.\n    kind: text\n"
        "  - id: b\n    text: Voyager 2 was launched on {{August 20, 1977}}; its twin Voyager 1 followed.\n",
    )],
    "quantifier": [(
        "  - id: a\n    text: U.S.-French relations stretch back more than {{225 years}}.\n"
        "    kind: number\n    distractors: [150 years, 300 years, 400 years]\n",
        "  - id: a\n    text: U.S.-French relations stretch back more than {{225 years}}.\n"
        "    kind: number\n    distractors: [250 years, 300 years, 400 years]\n",
    ), (
        "  - id: a\n    question: How many jobs does U.S. investment in France provide?\n"
        "    answer: nearly 600,000\n    kind: number\n    distractors: ['700,000']\n",
        "  - id: a\n    question: How many jobs does U.S. investment in France provide?\n"
        "    answer: nearly 600,000\n    kind: number\n",
    )],
    "unit": [(
        "  - id: a\n    question: How far is the Moon from the Earth on average?\n"
        "    answer: 384400\n    kind: number\n",
        "  - id: a\n    question: How far is the Moon from the Earth on average?\n"
        "    answer: 384,400 km\n    kind: number\n",
    ), (
        "  - id: a\n    question: How far is the Moon from the Earth on average?\n"
        "    answer: 384400\n    kind: number\n",
        "  - id: a\n    question: How far is the Moon from the Earth on average, in kilometres?\n"
        "    answer: 384400\n    kind: number\n",
    ), (
        "  - id: a\n    question: How much did the U.S. export in services to France in 2017?\n"
        "    answer: 19.3 billion\n    kind: number\n",
        "  - id: a\n    question: How much did the U.S. export in services to France in 2017?\n"
        "    answer: $19.3 billion\n    kind: number\n",
    ), (
        "  - id: a\n    question: What percentage more will France spend on defense?\n"
        "    answer: 35\n    kind: number\n",
        "  - id: a\n    question: What percentage more will France spend on defense?\n"
        "    answer: 35%\n    kind: number\n",
    ), (
        "  - id: a\n    question: About how many jobs did French investment support in 2015?\n"
        "    answer: 677,500\n    kind: number\n",
        "  - id: a\n    question: About how many jobs did French investment support in 2015?\n"
        "    answer: 677,500\n    kind: number\n    tolerance: 5%\n",
    )],
    "choice": [(
        "  - id: a\n    question: What kind of assistance did France commit to Iraq and Syria?\n"
        "    answer: humanitarian\n    kind: text\n    distractors: [military]\n",
        "  - id: a\n    question: What kind of assistance did France commit to Iraq and Syria?\n"
        "    answer: humanitarian\n    kind: text\n    distractors: [military, financial, technical]\n",
    )],
    "no-id": [(
        "  - question: In what year did France sign the treaty?\n    answer: 1778\n",
        "  - id: treaty\n    question: In what year did France sign the treaty?\n    answer: 1778\n",
    )],
    "distractor": [(
        "  - id: a\n    question: Which French defense minister met Ash Carter in 2016?\n"
        "    answer: Jean-Yves Le Drian\n    kind: name\n    category: person\n"
        "    distractors: [Florence Parly, Le Drian, Hervé Morin]\n",
        "  - id: a\n    question: Which French defense minister met Ash Carter in 2016?\n"
        "    answer: Jean-Yves Le Drian\n    kind: name\n    category: person\n"
        "    distractors: [Florence Parly, Gérard Longuet, Hervé Morin]\n",
    ), (
        "  - id: a\n    question: How much did the U.S. export in goods to France in 2017?\n"
        "    answer: $33.6 billion\n    kind: number\n    accept: [$33.6bn]\n"
        "    distractors: [$30 billion, '33,600,000,000 dollars', $40 billion]\n",
        "  - id: a\n    question: How much did the U.S. export in goods to France in 2017?\n"
        "    answer: $33.6 billion\n    kind: number\n"
        "    distractors: [$30 billion, $36 billion, $40 billion]\n",
    ), (
        "  - id: a\n    question: In which French cities are the U.S. consulates?\n"
        "    answer: [Marseille, Strasbourg]\n    category: city\n    distractors: [Lyon, Strasbourg]\n",
        "  - id: a\n    question: In which French cities are the U.S. consulates?\n"
        "    answer: [Marseille, Strasbourg]\n    category: city\n    distractors: [Lyon, Nice]\n",
    )],
}
PAIRS = [(rule, n, trip, clean) for rule, pairs in CASES.items() for n, (trip, clean) in enumerate(pairs)]


def deck_of(tmp_path: Path, facts: str, name: str) -> Deck:
    path = tmp_path / f"{name}.yaml"
    path.write_text(HEAD + facts, encoding="utf-8")
    return load_deck(path)


def test_every_rule_has_a_case() -> None:
    assert set(CASES) == set(RULES)


@pytest.mark.parametrize(("rule", "n", "trip", "clean"), PAIRS, ids=[f"{r}-{n}" for r, n, _, _ in PAIRS])
def test_a_rule_warns_on_the_deck_that_trips_it_and_not_on_the_other(
        tmp_path: Path, rule: str, n: int, trip: str, clean: str) -> None:
    tripped = deck_of(tmp_path, trip, "trip")
    found = RULES[rule](tripped)
    assert len(found) == 1, found
    warning = found[0]
    last = tripped.facts[-1]
    assert warning.severity == "warning"
    assert (warning.path, warning.line, warning.column) == (str(tmp_path / "trip.yaml"), last.line, last.column)
    assert f"`{last.id}`" in warning.message
    assert str(warning).startswith(f"{tmp_path / 'trip.yaml'}:{last.line}:5: warning: ")
    assert warning in lint_deck(tripped)
    assert RULES[rule](deck_of(tmp_path, clean, "clean")) == []


def test_the_bundled_decks_are_lint_clean() -> None:
    warnings = [w for deck in sorted((ROOT / "decks").glob("*.yaml")) for w in lint_deck(load_deck(deck))]
    assert warnings == []


def test_lint_deck_lists_warnings_in_file_order(tmp_path: Path) -> None:
    deck = deck_of(tmp_path, CASES["no-id"][0][0] + CASES["unit"][0][0].replace("id: a", "id: far")
                   + CASES["giveaway"][0][0].replace("id: a", "id: hubble"), "many")
    lines = [w.line for w in lint_deck(deck)]
    assert lines == sorted(lines) and len(lines) == 3


def test_validate_strict_prints_warnings_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck_of(tmp_path, CASES["no-id"][0][0], "trip")
    deck_of(tmp_path, CASES["no-id"][0][1], "clean")
    assert main(["validate", str(tmp_path)]) == 0  # without --strict: as before
    plain = capsys.readouterr().out
    assert "warning" not in plain and plain.endswith("2 decks checked: all clean\n")
    assert main(["validate", "--strict", str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{tmp_path / 'clean.yaml'}: ok: ")
    assert out[1].startswith(f"{tmp_path / 'trip.yaml'}:5:5: warning: fact `in-what-year")
    assert out[2].startswith(f"{tmp_path / 'trip.yaml'}: ok: ") and out[2].endswith("(1 warning)")
    assert out[3] == "2 decks checked: all clean; 1 warning in 1 deck"
    assert main(["validate", "--strict", str(tmp_path / "clean.yaml")]) == 0


def test_validate_strict_still_reports_broken_decks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "broken.yaml").write_text("title: B\nfacts:\n  - id: a\n    question: Q?\n    answer: no\n",
                                          encoding="utf-8")
    deck_of(tmp_path, CASES["no-id"][0][0], "trip")
    assert main(["validate", "--strict", str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert any("YAML reads `no` as a boolean" in line for line in out)
    assert out[-1] == "2 decks checked: 1 with problems (1 in all), 1 clean; 1 warning in 1 deck"
