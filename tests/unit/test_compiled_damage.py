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


@pytest.mark.parametrize("count", [0, 10_354_689, compiled.BLANK_ID_KEYS])
def test_a_planted_copy_with_impossible_blank_counts_is_ignored(tmp_path: Path,
                                                                count: int) -> None:
    """Sealed again, as a planted copy can be: the counts are bounded by the copy's size."""
    from quiz import sealed

    file = bundled_decks_dir() / "world.yaml"
    top = list(compiled.unpack(compiled.dumps(load_deck(file))))
    top[8] = (*top[8][:-1], count)
    with pytest.raises(compiled.BadCompiled, match="blank counts"):
        compiled.loads(sealed.pack(compiled.HEAD, tuple(top)), os.fspath(file),
                       lambda: load_deck(file))


def test_a_planted_copy_with_a_plausible_blank_count_goes_once_found(tmp_path: Path) -> None:
    """A copy sealed again with one fact's blank count 2 for 1 passes every bound at load
    (nothing short of decoding each fact could tell, and the seal rules out damage: such a
    copy was written on purpose). Decoding that fact finds it: the facts are parsed from
    the file (a session skips the card the copy made up) and the copy goes, so the next
    launch parses the file and compiles it afresh."""
    from quiz import sealed

    file = tmp_path / "decks" / "us-france.yaml"
    file.parent.mkdir()
    shutil.copy(bundled_decks_dir() / "us-france.yaml", file)
    cache = tmp_path / "cache"
    parsed = load_deck(file)
    library.load_deck_cached(file, cache)
    (entry,) = cache.glob("*.deck")
    top = list(compiled.unpack(entry.read_bytes()))
    at = top[8].index(1)
    top[8] = (*top[8][:at], 2, *top[8][at + 1:])
    entry.write_bytes(sealed.pack(compiled.HEAD, tuple(top)))

    deck = library.load_deck_cached(file, cache)
    assert len(list(deck.card_keys())) == len(list(parsed.card_keys())) + 1  # as planted
    assert deck.fact(top[7][at]).blank_count == 1  # decoding it finds the copy at odds
    assert tuple(deck.facts) == parsed.facts
    assert list(cache.glob("*.deck")) == []
    again = library.load_deck_cached(file, cache)  # parsed, and compiled again
    assert type(again.facts) is tuple and _as_parsed(again, parsed)
    assert _as_parsed(library.load_deck_cached(file, cache), parsed)
