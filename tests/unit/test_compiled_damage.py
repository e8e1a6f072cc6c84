"""A flipped byte anywhere in a compiled copy (a shipped one or the cache's) gives the very
deck parsing gives, or the copy is ignored and the deck parsed: never another deck, a hang
or a crash. Each check bounds itself: a deck equal to the parsed one has its card count."""

from __future__ import annotations

import os
import random
import shutil
import sys
from pathlib import Path

import pytest

from quiz import compiled, library, shipped
from quiz.deck import load_deck
from quiz.facts import Deck
from quiz.locations import bundled_decks_dir

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from synth import make_deck_text  # noqa: E402

FLIPS = 300


def _flips(data: bytes, seed: int) -> list[tuple[int, bytes]]:
    """Every byte of the header and digest, then ``FLIPS`` seeded random single-byte flips
    (each to another value), with the bytes they make."""
    rng = random.Random(seed)
    at = list(range(64)) + [rng.randrange(len(data)) for _ in range(FLIPS)]
    out = []
    for n in at:
        flipped = bytearray(data)
        flipped[n] ^= rng.randrange(1, 256)
        out.append((n, bytes(flipped)))
    return out


def _as_parsed(deck: Deck, parsed: Deck) -> bool:
    return (deck.id, deck.title, deck.tags, deck.sources, deck.warnings) == \
        (parsed.id, parsed.title, parsed.tags, parsed.sources, parsed.warnings) \
        and list(deck.card_keys()) == list(parsed.card_keys()) \
        and tuple(deck.facts) == parsed.facts \
        and [repr(f) for f in deck.facts] == [repr(f) for f in parsed.facts]


def test_a_flipped_byte_of_a_shipped_copy_is_ignored_or_changes_nothing(tmp_path: Path) -> None:
    decks = Path(shutil.copytree(bundled_decks_dir(), tmp_path / "decks"))
    file = decks / "us-france.yaml"
    copy, yaml = shipped.shipped_path(file), file.read_bytes()
    parsed = load_deck(file)
    where = os.fspath(file)
    good = shipped.load(file, yaml, where, lambda: load_deck(file))
    assert good is not None and _as_parsed(good, parsed)
    original = copy.read_bytes()
    used = 0
    for n, data in _flips(original, seed=1922):
        copy.write_bytes(data)
        deck = shipped.load(file, yaml, where, lambda: load_deck(file))
        if deck is not None:
            used += 1
            assert _as_parsed(deck, parsed), f"byte {n}"
            assert deck.facts.shipped == good.facts.shipped, f"byte {n}"  # type: ignore[attr-defined]
    assert used == 0  # every byte is sealed: none of these copies is used


def test_a_flipped_byte_of_a_cached_copy_is_ignored_or_changes_nothing(tmp_path: Path) -> None:
    file = tmp_path / "decks" / "synthetic.yaml"
    file.parent.mkdir()
    file.write_text(make_deck_text(200, seed=5, deck_id="synthetic"), encoding="utf-8")
    cache = tmp_path / "cache"
    parsed = load_deck(file)
    assert _as_parsed(library.load_deck_cached(file, cache), parsed)
    (entry,) = cache.glob("*.deck")
    original = entry.read_bytes()
    where = os.fspath(file)
    for n, data in _flips(original, seed=33473):
        try:
            deck = compiled.loads(data, where, lambda: load_deck(file))
        except compiled.BadCompiled:
            continue
        raise AssertionError(f"byte {n}: a damaged copy was used ({deck.id})")
    # Through the cache itself, a few of them: the deck comes back as parsing makes it.
    for n, data in _flips(original, seed=4)[::16]:
        entry.write_bytes(data)
        assert _as_parsed(library.load_deck_cached(file, cache), parsed), f"byte {n}"


@pytest.mark.parametrize("whole_below", [0, 1 << 20])
def test_a_flipped_byte_of_a_cached_file_is_found_before_its_part_is_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, whole_below: int) -> None:
    """A cached file is read part by part: a flip in its head refuses the whole copy; one in
    a chunk of facts is found when a fact of it is first read, and the deck is read from its
    YAML; one in a part of the question index makes that index come from the facts."""
    from quiz import compiled_file, compiled_index
    from quiz.questions.index import index_data

    monkeypatch.setattr(compiled_file, "WHOLE_BELOW", whole_below)  # read from the file, or whole

    file = tmp_path / "synthetic.yaml"
    file.write_text(make_deck_text(200, seed=5, deck_id="synthetic"), encoding="utf-8")
    parsed, where = load_deck(file), os.fspath(file)
    original = compiled.dumps(parsed)
    sealed = compiled_file.read(compiled.HEAD, compiled_file.Source(original))
    parts_at = len(original) - sealed.end(len(sealed) - 1)
    index_at = parts_at + sealed.end(len(sealed) - compiled_index.PARTS - 1)
    entry = tmp_path / "copy.deck"
    found = {"head": 0, "facts": 0, "index": 0}
    for n, data in _flips(original, seed=77)[::5]:
        entry.write_bytes(data)
        reloads: list[int] = []
        try:
            deck = compiled.load_file(entry, where,
                                      lambda: reloads.append(1) or parsed)
        except compiled.BadCompiled:
            assert n < parts_at, f"byte {n}: a sound head was refused"
            found["head"] += 1
            continue
        assert n >= parts_at, f"byte {n}: a damaged head was used"
        assert _as_parsed(deck, parsed), f"byte {n}"
        if n < index_at:
            assert reloads, f"byte {n}: a damaged chunk of facts was used"
            found["facts"] += 1
        else:
            assert not reloads and deck.facts.index_data() is None, f"byte {n}"
            assert index_data(deck) == index_data(parsed), f"byte {n}"
            found["index"] += 1
    assert all(found.values()), found


@pytest.mark.parametrize("count", [0, 10_354_689, compiled.BLANK_ID_KEYS])
def test_a_planted_copy_with_impossible_blank_counts_is_ignored(tmp_path: Path,
                                                                count: int) -> None:
    """Sealed again, as a planted copy can be: the counts are bounded by the copy's size."""
    file = bundled_decks_dir() / "world.yaml"
    top, blobs, index = compiled.contents(compiled.dumps(load_deck(file)))
    top[8] = (*top[8][:-1], count)
    with pytest.raises(compiled.BadCompiled, match="blank counts"):
        compiled.loads(compiled.assemble(top, blobs, index), os.fspath(file),
                       lambda: load_deck(file))


def test_a_planted_copy_with_a_plausible_blank_count_goes_once_found(tmp_path: Path) -> None:
    """A copy sealed again with one fact's blank count 2 for 1 passes every bound at load
    (nothing short of decoding each fact could tell, and the seal rules out damage: such a
    copy was written on purpose). Decoding that fact finds it: the facts are parsed from
    the file (a session skips the card the copy made up) and the copy goes, so the next
    launch parses the file and compiles it afresh."""
    file = tmp_path / "decks" / "us-france.yaml"
    file.parent.mkdir()
    shutil.copy(bundled_decks_dir() / "us-france.yaml", file)
    cache = tmp_path / "cache"
    parsed = load_deck(file)
    library.load_deck_cached(file, cache)
    (entry,) = cache.glob("*.deck")
    top, blobs, index = compiled.contents(entry.read_bytes())
    at = top[8].index(1)
    top[8] = (*top[8][:at], 2, *top[8][at + 1:])
    entry.write_bytes(compiled.assemble(top, blobs, index))

    deck = library.load_deck_cached(file, cache)
    assert len(list(deck.card_keys())) == len(list(parsed.card_keys())) + 1  # as planted
    assert deck.fact(top[7][at]).blank_count == 1  # decoding it finds the copy at odds
    assert tuple(deck.facts) == parsed.facts
    assert list(cache.glob("*.deck")) == []
    again = library.load_deck_cached(file, cache)  # parsed, and compiled again
    assert type(again.facts) is tuple and _as_parsed(again, parsed)
    assert _as_parsed(library.load_deck_cached(file, cache), parsed)
