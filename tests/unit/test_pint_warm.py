"""pint is loaded off the answer path: `units.warm` in the background, only for decks with units.

The pint checks run in a fresh interpreter each (``sys.modules`` is the evidence), so they
do not depend on what other tests imported.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from quiz.values import units

DECK = """\
title: {title}
id: {id}
facts:
  - id: first
    question: In what year did the Bastille fall?
    answer: 1789
  - id: second
    question: How many troops did Napoleon lead into Russia?
    answer: {figure}
  - id: third
    question: Who wrote Candide?
    answer: Voltaire
    kind: name
"""


def run(script: str) -> None:
    """Run ``script`` in a fresh interpreter; its asserts are the test."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(script)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def write_deck(folder: Path, name: str, figure: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.yaml").write_text(DECK.format(title=name.title(), id=name, figure=figure),
                                          encoding="utf-8")


def test_after_warm_a_unit_outside_the_table_imports_nothing_more() -> None:
    run("""
        import sys
        from quiz.facts import Answer
        from quiz.grading import grade_answer
        from quiz.values import parse, units
        km = Answer(text='50 km', kind='number', value=parse('number', '50 km'))
        assert 'pint' not in sys.modules
        units.warm()
        registry = units._registry()
        assert 'pint' in sys.modules and registry is not None
        units.warm()
        assert units._registry() is registry, 'a second warm built a second registry'
        before = set(sys.modules)
        graded = grade_answer(km, '248.5 furlongs')
        assert graded.verdict == 'correct', graded
        assert 'which is 50.0 km' in graded.feedback, graded.feedback
        assert set(sys.modules) == before, sorted(set(sys.modules) - before)
    """)


def test_grading_waits_for_the_warm_up_instead_of_building_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """A grade needing pint while `warm` builds waits on the same lock: one registry."""
    built: list[object] = []
    started = threading.Event()

    def slow_build() -> Any:
        started.set()
        time.sleep(0.2)
        built.append(object())
        return built[-1]

    monkeypatch.setattr(units, "_pint", [])
    monkeypatch.setattr(units, "_build_registry", slow_build)
    warming = threading.Thread(target=units.warm, daemon=True)
    warming.start()
    assert started.wait(10)
    got = units._registry()  # the grading side, while the build is under way
    warming.join(10)
    assert len(built) == 1 and got is built[0]


def test_decks_without_units_never_load_pint(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    write_deck(decks, "plain", "about 600,000")
    write_deck(decks, "other", "450000")
    run(f"""
        import sys, threading
        from quiz.study import Study
        study = Study.open({str(decks)!r}, {str(tmp_path / "scores")!r}, first='plain')
        study.complete()
        for thread in threading.enumerate():
            assert thread.name != 'quiz-pint-warm', 'a warm-up started for decks without units'
        assert 'pint' not in sys.modules
        study.close()
    """)


@pytest.mark.parametrize("figure", ["50 km", "677,500 troops"])
def test_a_deck_with_units_loads_pint_once_after_complete(tmp_path: Path, figure: str) -> None:
    """Only the deck read by `complete` has units: the warm-up follows the other decks."""
    decks = tmp_path / "decks"
    write_deck(decks, "plain", "1812")
    write_deck(decks, "measured", figure)
    run(f"""
        import sys, threading
        from quiz.study import Study
        from quiz.values import units
        study = Study.open({str(decks)!r}, {str(tmp_path / "scores")!r}, first='plain')
        study.complete(warm_units=False)  # as for the home screen: no question yet
        assert not any(t.name == 'quiz-pint-warm' for t in threading.enumerate())
        study.complete()
        study.complete()
        warming = [t for t in threading.enumerate() if t.name == 'quiz-pint-warm']
        assert len(warming) <= 1 and all(t.daemon for t in warming), warming
        for thread in warming:
            thread.join(60)
        assert 'pint' in sys.modules and units._pint and units._pint[0] is not None
        study.close()
    """)
