"""`quiz extract` measured against a teacher's key on documents written for the tests.

Each document in ``tests/data/extract/docs`` (plain text, Markdown and HTML, in different
hands, wrapped as their editors wrapped them) has a key beside it, ``NAME.key.yaml``:
``ask`` lists the values a teacher would ask, ``fine`` values also worth a card. A draft
is scored on three figures:

- recall: the share of ``ask`` values that are a blank of the draft;
- precision: the share of the draft's blanks that are in ``ask`` or ``fine``;
- blanks per statement (median).

Recall is of the whole key: a sentence naming a treaty, two dates and two signers is
drafted as several statements of at most two blanks each (the sentence written again with
the next values blanked, or cut into clauses that stand alone), so every value a teacher
would ask can be a card. Recall with no limit on blanks (``blanks=99``) is reported beside
it: it says whether the extractor finds every value whole. The issue's targets, over all
documents: recall >= 90%, precision >= 80%, median blanks per statement <= 2.

A blank matches a key value when both fold to the same words (case, accents, punctuation
and a leading "the" aside) or, for dates and figures, when both render the same value
(``19 November 1990`` is ``November 19, 1990``; ``April 1817`` is not ``1817``).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
import yaml

from quiz import load_deck, values
from quiz.extract import draft_deck, to_yaml
from quiz.extract.choose import MAX_BLANKS
from quiz.facts import Deck
from quiz.values.common import fold

DOCS = Path(__file__).resolve().parents[1] / "data" / "extract" / "docs"
DOCUMENTS = sorted(p.name for p in DOCS.iterdir() if not p.name.endswith(".key.yaml"))
HELD_OUT = ("erie-canal.txt", "transcontinental-railroad.md", "apollo-11.html",
            "suffrage.txt", "great-fire.md", "berlin-wall.html")
"""Documents kept out of the loop the extractor was tuned in, in two rounds of one per
format (see ``tests/data/extract/README.md``): they check that it generalises."""
FINDING = 99
"""Blanks a statement when measuring what the extractor finds (no limit in practice)."""


def _words(text: str) -> str:
    folded = fold(text)
    return folded[4:] if folded.startswith("the ") else folded


def _canonical(kind: str, text: str) -> str | None:
    try:
        return values.render(kind, values.parse(kind, text))  # type: ignore[arg-type]
    except values.ValueParseError:
        return None


def matches(key: str, blank: str, kind: str) -> bool:
    """Whether a drafted blank of ``kind`` is the key's value (see the module docstring)."""
    if _words(key) == _words(blank):
        return True
    if kind in ("date", "number"):
        mine = _canonical(kind, blank)
        return mine is not None and mine == _canonical(kind, key)
    return False


@dataclass(frozen=True)
class Score:
    """How a draft of one document compares with its key."""

    asked: int
    found: int
    blanks: int
    kept: int
    per_statement: tuple[int, ...]
    missed: tuple[str, ...]
    wasted: tuple[str, ...]

    @property
    def recall(self) -> float:
        return self.found / self.asked

    @property
    def precision(self) -> float:
        return self.kept / self.blanks

    @property
    def median(self) -> float:
        return statistics.median(self.per_statement)


@cache
def drafted(name: str, blanks: int = MAX_BLANKS) -> Deck:
    """The draft of a document as the loader reads it back (so it must validate)."""
    import tempfile

    draft = draft_deck((DOCS / name).read_text(encoding="utf-8"), document=name,
                       deck_id=Path(name).stem, blanks=blanks)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{Path(name).stem}.yaml"
        path.write_text(to_yaml(draft), encoding="utf-8")
        return load_deck(path)


def key_of(name: str) -> tuple[list[str], list[str]]:
    """The ``ask`` and ``fine`` values of a document's key (``STEM.key.yaml``)."""
    key = yaml.safe_load((DOCS / f"{Path(name).stem}.key.yaml").read_text(encoding="utf-8"))
    return [str(v) for v in key["ask"]], [str(v) for v in key.get("fine") or []]


def score(name: str, blanks: int = MAX_BLANKS) -> Score:
    """Score the draft of a document against its key."""
    ask, fine = key_of(name)
    deck = drafted(name, blanks)
    answers = [a for f in deck.facts for a in f.answers]
    missed = tuple(v for v in ask if not any(matches(v, a.display, a.kind) for a in answers))
    wasted = tuple(a.display for a in answers
                   if not any(matches(v, a.display, a.kind) for v in ask + fine))
    return Score(asked=len(ask), found=len(ask) - len(missed), blanks=len(answers),
                 kept=len(answers) - len(wasted),
                 per_statement=tuple(f.blank_count for f in deck.facts),
                 missed=missed, wasted=wasted)


def report(name: str, s: Score) -> str:
    return (f"{name}: recall {s.found}/{s.asked} = {s.recall:.0%}, precision {s.kept}/{s.blanks}"
            f" = {s.precision:.0%}, median blanks {s.median:g}, statements {len(s.per_statement)};"
            f" missed {list(s.missed)}; wasted {list(s.wasted)}")


def test_every_format_is_covered_and_one_of_each_is_held_out() -> None:
    suffixes = {Path(n).suffix for n in DOCUMENTS}
    assert suffixes == {".txt", ".md", ".html"}
    assert [Path(n).suffix for n in HELD_OUT] == [".txt", ".md", ".html"] * 2
    assert set(HELD_OUT) < set(DOCUMENTS)
    assert all((DOCS / f"{Path(n).stem}.key.yaml").is_file() for n in DOCUMENTS)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_a_draft_finds_what_a_teacher_would_ask(name: str) -> None:
    s, found = score(name), score(name, FINDING)
    print(f"{report(name, s)}; with no limit: recall {found.recall:.0%}, precision "
          f"{found.precision:.0%}")
    assert found.recall >= 0.9, report(name, found)
    assert s.recall >= 0.85, report(name, s)
    assert s.precision >= 0.8, report(name, s)
    assert s.median <= 2 and max(s.per_statement) <= MAX_BLANKS, report(name, s)


def test_over_all_documents_recall_is_90_and_precision_80_percent() -> None:
    scores = {n: score(n) for n in DOCUMENTS}
    found_all = [score(n, FINDING) for n in DOCUMENTS]
    asked = sum(s.asked for s in scores.values())
    found = sum(s.found for s in scores.values())
    blanks, kept = sum(s.blanks for s in scores.values()), sum(s.kept for s in scores.values())
    per_statement = [n for s in scores.values() for n in s.per_statement]
    spotted = sum(s.found for s in found_all)
    rows = [f"{'document':<30} {'recall':>12} {'precision':>12} {'median':>6} {'statements':>10}"]
    for name, s in scores.items():
        mark = " (held out)" if name in HELD_OUT else ""
        rows.append(f"{name:<30} {s.found:>3}/{s.asked:<3} {s.recall:>4.0%} {s.kept:>3}/{s.blanks:<3} "
                    f"{s.precision:>4.0%} {s.median:>6g} {len(s.per_statement):>10}{mark}")
    print("\n".join(rows))
    print(f"overall: recall {found}/{asked} = {found / asked:.1%} of the whole key, precision "
          f"{kept}/{blanks} = {kept / blanks:.1%}, median blanks "
          f"{statistics.median(per_statement):g} in {len(per_statement)} statements; with no "
          f"limit recall {spotted}/{asked} = {spotted / asked:.1%}")
    assert spotted / asked >= 0.95
    assert found / asked >= 0.90
    assert kept / blanks >= 0.80
    assert statistics.median(per_statement) <= 2


@pytest.mark.parametrize("name", DOCUMENTS)
def test_quiz_validate_strict_passes_the_draft(name: str, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    from quiz.cli import main

    out = tmp_path / f"{Path(name).stem}.yaml"
    assert main(["extract", str(DOCS / name), "-o", str(out)]) == 0
    code = main(["validate", "--strict", str(out)])
    said = capsys.readouterr().out
    # The one warning a draft may carry is the linter's word on a quantified figure ("less
    # than {{three cents}}") that no three wrong options can keep false: a teacher would
    # still ask it (it is in the key), and only the author can write its distractors.
    others = [line for line in said.splitlines() if "warning" in line and "cannot get three" not in line
              and not line.startswith(f"{out}: ok") and not line.endswith("1 warning in 1 deck")]
    assert not others, said
    assert "all clean" in said and (code == 0 or "cannot get three" in said), said
