"""A blank with an ``id:`` keeps its card (and history) when the blanks of a statement move."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from quiz.clock import FixedClock
from quiz.deck import load_deck
from quiz.facts import BLANK_ID_KEYS, DeckError, Fact
from quiz.library import load_deck_cached
from quiz.stats.cards import card_text
from quiz.store import Store
from quiz.study import Study

START = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)

WITH_IDS = """title: Treaty
id: treaty
facts:
  - id: alliance
    text: In {{{{{first}}}}} {{{{{second}}}}} signed the treaty of alliance.
    blanks:
      - {{id: {first_id}, kind: {first_kind}}}
      - {{id: {second_id}, kind: {second_kind}}}
"""


def deck_text(swapped: bool) -> str:
    year = ("1778", "year", "date")
    signer = ("Benjamin Franklin", "signer", "name")
    first, second = (signer, year) if swapped else (year, signer)
    return WITH_IDS.format(first=first[0], first_id=first[1], first_kind=first[2],
                           second=second[0], second_id=second[1], second_kind=second[2])


def write(folder: Path, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "treaty.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def fact(path: Path) -> Fact:
    return load_deck(path).fact("alliance")


def test_swapping_blanks_with_ids_keeps_each_blanks_key(tmp_path: Path) -> None:
    before = fact(write(tmp_path / "a", deck_text(swapped=False)))
    after = fact(write(tmp_path / "b", deck_text(swapped=True)))
    assert before.answers[0].display == after.answers[1].display == "1778"
    assert before.card_key(0) == after.card_key(1)
    assert before.card_key(1) == after.card_key(0)
    assert all(key[2] >= BLANK_ID_KEYS for key in (before.card_key(0), before.card_key(1)))
    assert after.blank_index(before.card_key(0)[2]) == 1


def test_blanks_without_ids_keep_their_positional_keys(tmp_path: Path) -> None:
    path = write(tmp_path, "title: T\nid: t\nfacts:\n  - id: f\n    text: In {{1778}} {{Franklin}} signed.\n"
                           "    blanks: [{kind: date}, {id: who, kind: name}]\n")
    loaded = load_deck(path).fact("f")
    assert loaded.card_key(0) == ("t", "f", 0)
    assert loaded.card_key(1)[2] >= BLANK_ID_KEYS
    plain = load_deck(write(tmp_path / "plain", "title: T\nid: t\nfacts:\n  - id: f\n"
                                                "    text: In {{1778}} {{Franklin}} signed.\n")).fact("f")
    assert (plain.blank_ids, plain.card_key(0), plain.card_key(1)) == ((), ("t", "f", 0), ("t", "f", 1))


@pytest.mark.parametrize(("blanks", "message"), [
    ("[{id: a}, {id: a}]", "blank id `a` is used twice in this statement"),
    ("[{id: 'not ok'}, {}]", "blank `id` `not ok` may hold only letters"),
    ("[{idd: a}, {}]", "unknown key `idd` in `blanks` entry 1; did you mean `id`?"),
])
def test_blank_ids_are_checked(tmp_path: Path, blanks: str, message: str) -> None:
    path = write(tmp_path, f"title: T\nfacts:\n  - id: f\n    text: In {{{{1778}}}} {{{{Franklin}}}} signed.\n"
                           f"    blanks: {blanks}\n")
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    assert any(message in p.message for p in caught.value.problems), caught.value.problems


def test_the_compiled_cache_keeps_blank_ids(tmp_path: Path) -> None:
    path = write(tmp_path / "decks", deck_text(swapped=False))
    first = load_deck_cached(path, tmp_path / "cache")
    again = load_deck_cached(path, tmp_path / "cache")
    assert again.fact("alliance").blank_ids == ("year", "signer") == first.fact("alliance").blank_ids
    # The study queue reads a cached deck's card keys without decoding its facts.
    assert list(again.card_keys()) == [("alliance", first.fact("alliance").blank_key(b))
                                       for b in range(2)]
    assert all(key >= BLANK_ID_KEYS for _, key in again.card_keys())


def test_history_follows_a_blank_when_the_author_reorders_them(tmp_path: Path) -> None:
    decks, scores = tmp_path / "decks", tmp_path / "scores"
    write(decks, deck_text(swapped=False))
    clock = FixedClock(START)
    year_key = fact(decks / "treaty.yaml").card_key(0)
    with Store.open(scores, clock) as store:
        session = store.start_session("study", ["treaty"])
        store.record_answer(session, year_key, format="cloze", prompt="In _____ …",
                            verdict="correct", duration_ms=900)
    write(decks, deck_text(swapped=True))  # the author moves the year to the end
    study = Study.open(decks, scores, clock)
    try:
        [row] = study.overview()
        assert (row.seen, row.total) == (1, 2)
        moved = study.decks(["treaty"])[0].fact("alliance")
        assert moved.card_key(1) == year_key
        prompt, answer = card_text(study.decks(), year_key)
        assert answer == "1778" and prompt.endswith("_____ signed the treaty of alliance.")
        session = study.start(["treaty"], "study")
        card = session.next()
        # The year, answered today, is still in its learning steps: it is asked again, at
        # its new place in the sentence and as the card it was, not as a new one.
        assert card is not None
        assert (card.blank, card.key, card.is_new) == (1, year_key, False)
    finally:
        study.close()
