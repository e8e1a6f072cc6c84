"""Broken decks: each yields the expected problem at the expected line and column."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent, indent

import pytest

import quiz
from quiz.deck import load_deck

GOOD_FACT = """\
  - id: amity
    question: In what year was the Treaty of Amity and Commerce signed?
    answer: 1778
"""


def deck(body: str) -> str:
    """A deck with a title whose facts are ``body``, indented as authors write it."""
    return "title: Test deck\nfacts:\n" + indent(dedent(body), "  ")


CASES = [
    # (case id, file text, line, column, fragment of the message)
    ("yaml-syntax", "title: [unclosed\nfacts: []\n", 2, 6, "YAML syntax error"),
    ("tab-indent", "title: x\nfacts:\n\t- question: q\n", 3, 1, "YAML syntax error"),
    ("missing-title", "facts:\n" + GOOD_FACT, 1, 1, "no `title:`"),
    ("missing-facts", "title: Only a title\n", 1, 1, "no `facts:`"),
    ("facts-not-list", "title: x\nfacts: nope\n", 2, 8, "`facts` should be a list"),
    ("facts-empty", "title: x\nfacts: []\n", 2, 8, "`facts` is empty"),
    ("missing-question", deck("""\
      - id: a
        answer: 1778
    """), 3, 5, "no `question:`"),
    ("missing-answer", deck("""\
      - id: a
        question: When?
    """), 3, 5, "no `answer:`"),
    ("missing-both", deck("""\
      - id: a
        explain: nothing to ask
    """), 3, 5, "needs `question:` and `answer:`"),
    ("unknown-fact-key", deck("""\
      - id: a
        question: When?
        answr: 1778
    """), 5, 5, "did you mean `answer`"),
    ("unknown-top-key", "title: x\ndescripton: y\nfacts:\n" + GOOD_FACT, 2, 1,
     "did you mean `description`"),
    ("duplicate-key", deck("""\
      - id: a
        question: When?
        answer: 1778
        answer: 1779
    """), 6, 5, "duplicate key `answer`"),
    ("duplicate-top-key", "title: x\ntitle: y\nfacts:\n" + GOOD_FACT, 2, 1, "duplicate key `title`"),
    ("duplicate-id", deck("""\
      - id: a
        question: When?
        answer: 1778
      - id: a
        question: Where?
        answer: Paris
    """), 6, 9, "duplicate fact id `a`"),
    ("boolean-answer", deck("""\
      - id: a
        question: Is France an ally?
        answer: no
    """), 5, 13, 'quote it: answer: "no"'),
    ("yes-answer", deck("""\
      - id: a
        question: Is France an ally?
        answer: Yes
    """), 5, 13, "boolean"),
    ("null-answer", deck("""\
      - id: a
        question: What?
        answer: null
    """), 5, 13, "null"),
    ("empty-answer", deck("""\
      - id: a
        question: What?
        answer:
    """), 5, 12, "`answer` is empty"),
    ("bad-date", deck("""\
      - id: a
        question: When?
        answer: soon
        kind: date
    """), 5, 13, "answer `soon` is not a valid date"),
    ("bad-number", deck("""\
      - id: a
        question: How many?
        answer: lots
        kind: number
    """), 5, 13, "not a valid number"),
    ("unknown-kind", deck("""\
      - id: a
        question: When?
        answer: 1778
        kind: dat
    """), 6, 11, "did you mean `date`"),
    ("empty-blank", deck("""\
      - id: a
        text: "Signed in {{}} by both"
    """), 4, 22, "empty blank"),
    ("no-blank", deck("""\
      - id: a
        text: Signed in 1778.
    """), 4, 11, "no {{blank}}"),
    ("unbalanced-blank", deck("""\
      - id: a
        text: Signed in {{1778 by both.
    """), 4, 21, "unbalanced braces"),
    ("text-flow-mapping", deck("""\
      - id: a
        text: {{1778}}
    """), 4, 11, "must be quoted"),
    ("text-flow-mapping-syntax", deck("""\
      - id: a
        text: {{1778}} was the year
    """), 4, 20, "put the whole text in quotes"),
    ("unknown-source", "title: x\nsources:\n  wh: White House\nfacts:\n" + indent(dedent("""\
      - id: a
        question: When?
        answer: 1778
        source: wh2018
    """), "  "), 8, 13, "`source: wh2018` names no entry of `sources`"),
    ("source-without-sources", deck("""\
      - id: a
        question: When?
        answer: 1778
        source: wh
    """), 6, 13, "no `sources:`"),
    ("tolerance-on-date", deck("""\
      - id: a
        question: When?
        answer: 1778
        kind: date
        tolerance: 2%
    """), 7, 16, "`tolerance` applies to number answers"),
    ("bad-tolerance", deck("""\
      - id: a
        question: How much?
        answer: $19.3 billion
        kind: number
        tolerance: a bit
    """), 7, 16, "should be a percentage"),
    ("question-and-text", deck("""\
      - id: a
        question: When?
        text: Signed in {{1778}}.
    """), 5, 5, "both `question:` and `text:`"),
    ("answer-on-statement", deck("""\
      - id: a
        text: Signed in {{1778}}.
        answer: 1778
    """), 5, 5, "a statement's answers are its {{blanks}}"),
    ("blanks-count", deck("""\
      - id: a
        text: Signed in {{1778}} in {{Paris}}.
        blanks:
          - {kind: date}
    """), 6, 7, "`blanks` has 1 entries but `text` has 2 blanks"),
    ("fact-level-option-several-blanks", deck("""\
      - id: a
        text: Signed in {{1778}} in {{Paris}}.
        kind: date
    """), 5, 5, "give it per blank under `blanks:`"),
    ("list-kind-scalar", deck("""\
      - id: a
        question: Which two cities?
        answer: Marseille
        kind: list
    """), 5, 13, "needs a YAML list answer"),
    ("list-answer-other-kind", deck("""\
      - id: a
        question: Which two cities?
        answer: [Marseille, Strasbourg]
        kind: name
    """), 5, 13, "`answer` is a list but `kind` is name"),
    ("boolean-list-member", deck("""\
      - id: a
        question: Which?
        answer: [Marseille, no]
    """), 5, 25, "boolean"),
    ("bad-distractor", deck("""\
      - id: a
        question: When?
        answer: 1778
        kind: date
        distractors: [1776, whenever]
    """), 7, 25, "distractor `whenever` is not a valid date"),
    ("fact-not-mapping", deck("""\
      - just a string
    """), 3, 5, "fact 1 should be a mapping"),
    ("root-not-mapping", "- a\n- b\n", 1, 1, "a deck is a mapping"),
    ("two-documents", "title: x\nfacts: []\n---\ntitle: y\n", 3, 1, "more than one YAML document"),
    ("bad-fact-id", deck("""\
      - id: a b
        question: When?
        answer: 1778
    """), 3, 9, "may hold only letters"),
    ("ordered-on-name", deck("""\
      - id: a
        question: Who?
        answer: Lafayette
        kind: name
        ordered: true
    """), 7, 14, "`ordered` applies to list answers"),
]


@pytest.mark.parametrize(("text", "line", "column", "fragment"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_broken_deck_reports_line_column_and_message(tmp_path: Path, text: str, line: int,
                                                     column: int, fragment: str) -> None:
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(quiz.DeckError) as info:
        load_deck(path)
    found = [(p.line, p.column, p.message) for p in info.value.problems]
    assert any(fragment in m for _, _, m in found), found
    assert any((ln, col) == (line, column) and fragment in m for ln, col, m in found), found
    assert all(p.path == str(path) for p in info.value.problems)
    assert str(info.value.problems[0]).startswith(f"{path}:")


def test_every_problem_is_reported_not_only_the_first(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(deck("""\
      - id: a
        question: When?
        answer: no
      - id: b
        qestion: Where?
        answer: Paris
      - id: a
        question: Who?
        answer: Lafayette
    """), encoding="utf-8")
    with pytest.raises(quiz.DeckError) as info:
        load_deck(path)
    messages = " | ".join(p.message for p in info.value.problems)
    assert "boolean" in messages
    assert "did you mean `question`" in messages
    assert "duplicate fact id `a`" in messages
    assert [p.line for p in info.value.problems] == sorted(p.line for p in info.value.problems)


@pytest.mark.parametrize(("setup", "fragment"), [
    ("missing", "no such file"),
    ("folder", "is a folder"),
    ("empty", "the file is empty"),
    ("comments", "the file is empty"),
    ("latin1", "is not UTF-8"),
    ("binary", "NUL"),
])
def test_unreadable_files(tmp_path: Path, setup: str, fragment: str) -> None:
    path = tmp_path / "deck.yaml"
    if setup == "folder":
        path.mkdir()
    elif setup == "empty":
        path.write_bytes(b"")
    elif setup == "comments":
        path.write_text("# nothing here yet\n\n", encoding="utf-8")
    elif setup == "latin1":
        path.write_bytes("title: Relations franco-américaines\nfacts: []\n".encode("latin-1"))
    elif setup == "binary":
        path.write_bytes(b"title: x\x00\x01\x02")
    with pytest.raises(quiz.DeckError) as info:
        load_deck(path)
    (problem,) = info.value.problems
    assert fragment in problem.message
    if setup == "latin1":
        assert (problem.line, problem.column) == (1, 27)
