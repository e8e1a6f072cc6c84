"""Hostile and runaway deck files: exact places, one line each, limits with clear messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.cli import main
from quiz.deck import load_deck
from quiz.deck.nodes import MAX_ANSWER_CHARS, MAX_VALUE_CHARS
from quiz.deck.source import max_deck_bytes
from quiz.facts import DeckError, Problem


def problems(tmp_path: Path, text: str, name: str = "deck.yaml") -> list[Problem]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    for problem in caught.value.problems:
        assert "\n" not in problem.message, problem
    return caught.value.problems


@pytest.mark.parametrize("before", ["", "Relations franco-américaines, 東京 "])
def test_a_control_character_is_reported_at_its_line_and_column(tmp_path: Path, before: str) -> None:
    text = f"title: Deck\nfacts:\n  - question: {before}When\x07?\n    answer: 1778\n"
    [problem] = problems(tmp_path, text)
    column = len(f"  - question: {before}When") + 1
    assert (problem.line, problem.column) == (3, column)
    assert "\\x07" in problem.message and "U+0007" in problem.message


def test_scanner_errors_keep_their_place_on_one_line(tmp_path: Path) -> None:
    [problem] = problems(tmp_path, "title: Deck\nfacts:\n  - question: a: b: c\n    answer: 1\n")
    assert (problem.line, problem.column) == (3, 16)
    assert problem.message.startswith("YAML syntax error:")


@pytest.mark.parametrize(("value", "line", "column"), [
    ("!!python/object/apply:os.system [echo pwned]", 4, 13),
    ("!!python/name:os.system 1778", 4, 13),
    ("!custom {year: 1778}", 4, 13),
    ("!!binary MTc3OA==", 4, 13),
])
def test_unknown_yaml_tags_are_deck_problems(tmp_path: Path, value: str, line: int, column: int) -> None:
    found = problems(tmp_path, f"title: Deck\nfacts:\n  - question: When?\n    answer: {value}\n")
    tagged = [p for p in found if "unknown YAML tag" in p.message]
    assert len(tagged) == 1 and (tagged[0].line, tagged[0].column) == (line, column)
    assert tagged[0].message.count("unknown YAML tag") == 1


def test_a_tag_inside_a_list_is_found_too(tmp_path: Path) -> None:
    found = problems(tmp_path, "title: Deck\ntags: [a, !!python/tuple [b]]\nfacts:\n"
                               "  - question: When?\n    answer: 1778\n")
    assert any("unknown YAML tag `!!python/tuple`" in p.message and p.line == 2 for p in found)


def test_a_deck_over_the_size_limit_is_refused_before_it_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.yaml"
    fact = "  - question: In what year was this signed?\n    answer: 1778\n"
    path.write_text("title: Huge\nfacts:\n" + fact * 1_000, encoding="utf-8")  # ~60 kB
    monkeypatch.setenv("QUIZ_MAX_DECK_MB", "0.05")
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (1, 1)
    assert "is 0.1 MB, over the 0.05 MB limit for a deck file" in problem.message
    assert "QUIZ_MAX_DECK_MB=1" in problem.message
    monkeypatch.setenv("QUIZ_MAX_DECK_MB", "0.1")
    assert len(load_deck(path).facts) == 1_000
    monkeypatch.setenv("QUIZ_MAX_DECK_MB", "not a number")  # the default (5 MB) then
    assert max_deck_bytes() == 5_000_000


def test_values_have_a_length_limit(tmp_path: Path) -> None:
    long_question = "Why " * (MAX_VALUE_CHARS // 4 + 1)
    long_answer = "a" * (MAX_ANSWER_CHARS + 1)
    found = problems(tmp_path, f"title: Deck\nfacts:\n  - question: {long_question}\n    answer: 1778\n"
                               f"  - question: Who?\n    answer: {long_answer}\n"
                               f"  - question: Who?\n    answer: Ann\n    accept: [{long_answer}]\n")
    messages = [p.message for p in found]
    assert f"`question` is {len(long_question.strip()):,} characters long; a value may hold at most " \
           f"{MAX_VALUE_CHARS:,}" in messages
    assert f"`answer` is {len(long_answer):,} characters long; an answer may hold at most " \
           f"{MAX_ANSWER_CHARS:,}" in messages
    assert any(m.startswith("`accept item` is") for m in messages)


def test_a_long_unknown_key_is_cut_short_in_its_message(tmp_path: Path) -> None:
    key = "k" * 5000
    found = problems(tmp_path, f"title: Deck\n{key}: 1\nfacts:\n  - question: When?\n    answer: 1778\n")
    assert all(len(p.message) < 200 for p in found)


def test_validate_prints_at_most_fifty_problems_per_file(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    bad = "".join(f"  - question: Q{i}?\n    answer: yes\n" for i in range(500))
    deck = tmp_path / "bad.yaml"
    deck.write_text(f"title: Bad\nfacts:\n{bad}", encoding="utf-8")
    assert main(["validate", str(deck)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 50 + 2
    assert out[50] == f"{deck}: … and 450 more problems (the first 50 are shown; fix them and run again)"
    assert out[-1] == "1 deck checked: 1 with problems (500 in all), 0 clean"


def test_the_cached_loader_refuses_an_oversized_deck_without_reading_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from quiz.library import load_deck_cached

    path = tmp_path / "huge.yaml"
    fact = "  - question: In what year was this signed?\n    answer: 1778\n"
    path.write_text("title: Huge\nfacts:\n" + fact * 1_000, encoding="utf-8")  # ~60 kB
    monkeypatch.setenv("QUIZ_MAX_DECK_MB", "0.05")
    read: list[Path] = []
    real = Path.read_bytes

    def spy(self: Path) -> bytes:
        read.append(self)
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", spy)
    with pytest.raises(DeckError) as caught:
        load_deck_cached(path, tmp_path / "cache")
    assert "over the 0.05 MB limit" in caught.value.problems[0].message
    assert path not in read
