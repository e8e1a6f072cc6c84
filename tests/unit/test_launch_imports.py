"""The way to a first question imports only what it uses (issue 17).

Fitting, answer imports, the card browser's lists, the history figures, rapidfuzz, py-fsrs,
subprocess and calendar wait until something asks for them, regular expressions compile
when first used, and the values on the way are `quiz.frozen` classes or plain classes rather
than dataclasses or `typing.NamedTuple`s (which compile code on import). The checks run in fresh interpreters (``sys.modules`` is the evidence), so they do not
depend on what other tests imported; nothing here is timed.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from quiz import scheduler as quiz_scheduler
from quiz.locations import bundled_decks_dir
from quiz.patterns import LazyPattern
from quiz.values import common

DECK = """\
title: Revolutions
id: revolutions
facts:
  - id: bastille
    question: In what year did the Bastille fall?
    answer: 1789
  - id: boston
    question: In what year was the Boston Tea Party?
    answer: 1773
  - id: independence
    question: In what year was the Declaration of Independence signed?
    answer: 1776
  - id: paris
    question: In what year was the Treaty of Paris signed?
    answer: 1783
  - id: constitution
    question: In what year was the U.S. Constitution signed?
    answer: 1787
  - id: directory
    text: The French Directory took power in {{1795}}.
"""

NOT_ON_THE_WAY = ("quiz.store.fits", "quiz.store.imports", "quiz.study.cards", "quiz.stats",
                  "quiz.optimize", "quiz.interop", "quiz.extract", "quiz.lint", "rapidfuzz",
                  "fsrs", "subprocess", "calendar", "pint", "textual", "dataclasses", "inspect",
                  # what answers, repairs, fits and counts need (`Study._warm_answers`)
                  "quiz.scoring", "quiz.study.items", "quiz.store.rebuild",
                  "quiz.store.fit_records", "quiz.scheduler.queue_count",
                  "quiz.store.retention", "quiz.store.studied", "quiz.questions.figures")
"""Modules a first question from a deck of dates must not import (dataclasses and the
inspect module it loads cost ~10 ms where Textual has not loaded them)."""

NOT_FOR_NAMES = ("quiz.values.units", "quiz.values.numerals", "quiz.values.words",
                 "quiz.questions.dated", "quiz.questions.articles", "quiz.questions.phrasing")
"""What a first question about names, from a compiled copy, does not import either: units,
numerals and number words, the date questions (each kind's code loads with its first
question or answer)."""

FIRST_QUESTION = """
import sys
before = set(sys.modules)
from datetime import datetime, timezone
from pathlib import Path
from quiz.clock import FixedClock
from quiz.study import Study

clock = FixedClock(datetime(2026, 6, 1, 18, tzinfo=timezone.utc))
study = Study.open(Path({decks!r}), Path({scores!r}), clock, first={deck!r})
card = study.start([{deck!r}], seed=1).next()
assert card is not None and card.question.prompt
print(" ".join(sorted(m for m in {lazy!r} if m in sys.modules and m not in before)))
{more}
"""


def first_question(tmp_path: Path, more: str = "", deck: str = "revolutions",
                   lazy: tuple[str, ...] = NOT_ON_THE_WAY, shipped: bool = False) -> list[str]:
    """Open a study on a deck (of dates unless named) in a fresh interpreter and take its
    first question; the modules of ``lazy`` it imported. ``shipped``: a bundled deck comes
    with its compiled copy, as installed."""
    return first_question_output(tmp_path, more, deck, lazy, shipped).split("\n", 1)[0].split()


def first_question_output(tmp_path: Path, more: str = "", deck: str = "revolutions",
                          lazy: tuple[str, ...] = NOT_ON_THE_WAY, shipped: bool = False) -> str:
    """What `first_question`'s interpreter printed: the modules, then what ``more`` prints.
    ``deck``: "revolutions" (`DECK`) or a bundled deck's id."""
    decks = tmp_path / "decks"
    decks.mkdir(exist_ok=True)
    if deck == "revolutions":
        (decks / "revolutions.yaml").write_text(DECK, encoding="utf-8")
    else:
        shutil.copy(bundled_decks_dir() / f"{deck}.yaml", decks)
        if shipped:
            from quiz.shipped import shipped_path

            (decks / "compiled").mkdir(exist_ok=True)
            shutil.copy(shipped_path(bundled_decks_dir() / f"{deck}.yaml"), decks / "compiled")
    script = FIRST_QUESTION.format(decks=str(decks), scores=str(tmp_path / "scores"),
                                   deck=deck, lazy=lazy, more=more)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_first_question_imports_nothing_it_does_not_use(tmp_path: Path) -> None:
    assert first_question(tmp_path) == [], "the first launch, which compiles the deck"
    assert first_question(tmp_path) == [], "a launch from the compiled deck"


def test_a_first_question_of_names_measures_short_ones_without_rapidfuzz(
        tmp_path: Path) -> None:
    """The bundled deck the benchmark opens on a new store: its first question's names
    (`Bashar al-Assad`, `Le Drian`) are too alike for their letters alone to settle, and
    are measured without importing rapidfuzz (~10 ms)."""
    assert first_question(tmp_path, deck="us-france") == []


def test_a_new_learners_first_question_of_names_imports_no_other_kinds_code(
        tmp_path: Path) -> None:
    """The benchmark's fresh launch: a bundled deck of names, from its shipped copy."""
    lazy = NOT_ON_THE_WAY + NOT_FOR_NAMES
    assert first_question(tmp_path, deck="us-france", lazy=lazy, shipped=True) == []
    assert first_question(tmp_path, deck="us-france", lazy=lazy, shipped=True) == []


def test_once_a_question_is_shown_complete_loads_what_answers_need(tmp_path: Path) -> None:
    more = """
    import threading
    from quiz.study.service import AFTER_FIRST
    study.complete(warm_units=False)
    for thread in threading.enumerate():
        if thread.name == "quiz-answers-import":
            thread.join(60)
    assert "rapidfuzz" in sys.modules and "fsrs" in sys.modules
    print(" ".join(m for m in AFTER_FIRST if m not in sys.modules))
    """
    out = first_question_output(tmp_path, textwrap.dedent(more)).split("\n")
    assert out[0] == "" and out[1] == "", out
    from quiz.study.service import AFTER_FIRST

    # Each one loaded early is one a first question does not load (else it is no use here).
    assert set(AFTER_FIRST) - {"rapidfuzz.distance.OSA"} <= set(NOT_ON_THE_WAY + NOT_FOR_NAMES)


def test_a_first_question_defines_no_dataclass_and_no_typing_namedtuple(tmp_path: Path) -> None:
    """Each dataclass compiles its methods when its module is imported (~1.3 ms each), and a
    `typing.NamedTuple` or `TypedDict` compiles each field's annotation: the values on the way are
    `quiz.frozen.Frozen` classes, `quiz.frozen.Record`s (NamedTuples made without that
    check, their annotations left as written) or plain classes."""
    more = """
    import dataclasses, json
    found = {}
    for name, module in list(sys.modules.items()):
        if name.startswith("quiz") and name not in before:
            for value in vars(module).values():
                if not (isinstance(value, type) and value.__module__ == name):
                    continue
                typed = issubclass(value, tuple) and any(
                    not isinstance(a, str) for a in vars(value).get("__annotations__", {}).values())
                if dataclasses.is_dataclass(value) or typed or hasattr(value, "__required_keys__"):
                    found.setdefault(name, []).append(value.__name__)
    print(json.dumps(found))
    """
    out = first_question_output(tmp_path, textwrap.dedent(more))
    found = json.loads(out.splitlines()[1])
    assert found == {}, (
        "a dataclass, typing.NamedTuple or TypedDict on the way to a first question: a `Frozen` class "
        "costs a fiftieth of a dataclass's import time, a `Record` half a NamedTuple's (issue 17)")


def test_a_store_record_is_written_to_json_by_its_fields() -> None:
    from datetime import datetime, timezone

    from quiz.stats import to_json
    from quiz.store import Best

    at = datetime(2026, 6, 1, 18, tzinfo=timezone.utc)
    best = Best("a+b", "study", "score", 0.875, 3, at)
    assert to_json([best]) == [{"deck_key": "a+b", "mode": "study", "metric": "score",
                                "value": 0.875, "session_id": 3,
                                "achieved_at": "2026-06-01T18:00:00+00:00", "previous": None}]


def test_a_first_question_from_reviews_due_ranks_them_without_fsrs(tmp_path: Path) -> None:
    """Due reviews are ranked by retrievability from the defaults written out in
    `quiz.scheduler.settings`; only scheduling an answer loads py-fsrs."""
    answer_a_month_ago = """
    from datetime import timedelta
    study.clock.set(study.clock.now() - timedelta(days=30))
    session = study.store.start_session("study", ["revolutions"])
    for fact in study.library.deck("revolutions").facts[:3]:
        study.store.record_answer(session, fact.card_key(0), format="recall", prompt="?",
                                  verdict="correct", duration_ms=3000, rating=4)
    assert "fsrs" in sys.modules
    study.close()
    """
    assert first_question(tmp_path, textwrap.dedent(answer_a_month_ago)) == []
    assert first_question(tmp_path, "assert not card.is_new") == [], "a review due first"


def test_what_is_written_out_from_fsrs_is_fsrs_s() -> None:
    import fsrs
    from fsrs.scheduler import DEFAULT_PARAMETERS

    assert quiz_scheduler.DEFAULT_PARAMETERS == tuple(DEFAULT_PARAMETERS)
    assert [(r.name, r.value) for r in quiz_scheduler.Rating] == [
        (r.name, r.value) for r in fsrs.Rating]


def test_a_lazy_pattern_compiles_on_first_use_and_answers_like_the_compiled_one() -> None:
    source, flags = r"(?P<year>\d{4})s?", re.IGNORECASE
    lazy = LazyPattern(source, flags)
    assert "compiled" not in vars(lazy)
    assert LazyPattern(rf"in {lazy.pattern}").pattern == rf"in {source}"
    assert "compiled" not in vars(lazy), "reading the source compiles nothing"
    real = re.compile(source, flags)
    text = "From 1789 to the 1790S"
    assert lazy.search(text)["year"] == real.search(text)["year"] == "1789"
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in real.finditer(text)]
    assert lazy.sub("Y", text) == real.sub("Y", text)
    assert lazy.groupindex == real.groupindex and lazy.flags == real.flags
    assert lazy.compiled is lazy.compiled


def test_the_written_out_spaces_are_every_space_str_isspace_knows() -> None:
    """`common._UNICODE_SPACES` is written out for start-up's sake; Unicode must agree."""
    found = "".join(c for c in map(chr, range(0x80, sys.maxunicode + 1))
                    if c.isspace() and c != "\x85")
    assert common._UNICODE_SPACES == found


WORDS = st.text(alphabet="aeilnorstéü -", max_size=14)


@given(WORDS, WORDS, st.integers(min_value=0, max_value=4))
def test_edits_settled_by_letters_agree_with_rapidfuzz(a: str, b: str, cutoff: int) -> None:
    """`common.edits` answers plainly different words from their letters (so a first question
    seldom imports rapidfuzz); the answer is always rapidfuzz's own."""
    assert common.edits(a, b, cutoff) == OSA.distance(a, b, score_cutoff=cutoff)


@given(st.text(alphabet="abcdeé", max_size=common.SHORT_WORD),
       st.text(alphabet="abcdeé", max_size=common.SHORT_WORD), st.integers(min_value=0, max_value=5))
def test_short_words_are_measured_as_rapidfuzz_measures_them(a: str, b: str, cutoff: int) -> None:
    """`common._short_edits` is rapidfuzz's OSA distance with its cutoff, on any short words
    (a small alphabet makes swaps, repeats and near misses common)."""
    assert common._short_edits(a, b, cutoff) == OSA.distance(a, b, score_cutoff=cutoff)


@given(WORDS, st.integers(min_value=0, max_value=13), st.sampled_from("aeilnorst"),
       st.integers(min_value=0, max_value=4))
def test_edits_of_a_near_miss_agree_with_rapidfuzz(word: str, at: int, letter: str,
                                                   cutoff: int) -> None:
    """Words one slip apart (a letter changed, added, dropped, two swapped) are not settled
    by their letters alone: rapidfuzz decides, as before."""
    at = min(at, len(word))
    for slip in (word[:at] + letter + word[at + 1:], word[:at] + letter + word[at:],
                 word[:at] + word[at + 1:], word[:at] + word[at + 1:at + 2] + word[at:at + 1]
                 + word[at + 2:]):
        assert common.edits(word, slip, cutoff) == OSA.distance(word, slip, score_cutoff=cutoff)


BRITISH = st.builds(lambda a, b: a + b, st.text(alphabet="abcdeglmnorstuv", max_size=9),
                    st.sampled_from(["isation", "isations", "ise", "ised", "ising", "isers",
                                     "yse", "ysed", "our", "ours", "oured", "ourite", "ourable",
                                     "re", "res", "red", "ce", "ces", "gue", "gues", "lled",
                                     "lling", "ller", "llers", "led", "er", "s", "", "ure"]))


@given(st.one_of(BRITISH, st.sampled_from(
    ["colour", "centre", "centred", "metres", "defence", "catalogues", "travelled", "organisation", "analysed",
     "neighbours", "theatres", "licences", "dialogue", "modelling", "franklin", "lafayette"])))
def test_american_spelling_runs_only_the_patterns_a_word_can_match(word: str) -> None:
    """`aliases.american` skips a pattern whose endings the word lacks (so a first question's
    names compile none); it spells every word as running each pattern in turn does."""
    from quiz.values import aliases

    expected = aliases._WORDS.get(word, word)
    if word not in aliases._WORDS and len(word) >= 5 and word.isascii():
        for _, pattern, replacement in aliases._ENDINGS:
            if pattern.sub(replacement, word) != word:
                expected = pattern.sub(replacement, word)
                break
    assert aliases.american(word) == expected


def test_the_app_imports_its_error_screens_and_answering_widgets_when_it_shows_them() -> None:
    """The app and its study screen import the error screens when an error is shown, and
    the formats' answering widgets (and the feedback panel) when the study screen makes them
    (the first question's for its first frame, the others after it): each Textual class costs
    ~0.5-1 ms to create, which no launch should pay for what its first frame does not show."""
    script = ("import sys, quiz.tui.app, quiz.tui.screens.study; "
              "print(sorted(m for m in sys.modules if m.startswith('quiz.tui.')))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "quiz.tui.screens.study" in done.stdout
    for later in ("quiz.tui.screens.error", "quiz.tui.widgets.choice", "quiz.tui.widgets.typed",
                  "quiz.tui.widgets.order", "quiz.tui.widgets.match", "quiz.tui.widgets.feedback"):
        assert repr(later) not in done.stdout, later
