"""The relations sidecar (`quiz.compiled_relations`): what keeps related cards apart is
worked out once per deck content and read back, and a damaged or planted sidecar is
ignored, never run."""

from __future__ import annotations

import marshal
import os
import pickle
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from quiz import compiled_relations, sealed
from quiz.facts import Deck
from quiz.library import load_library
from quiz.locations import bundled_decks_dir
from quiz.questions import reveal
from quiz.questions.reveal import KeepApart


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    decks = tmp_path / "decks"
    decks.mkdir()
    shutil.copy(bundled_decks_dir() / "us-france.yaml", decks)
    return decks


@pytest.fixture(autouse=True)
def fresh_memory() -> Iterator[None]:
    """Each load counts as a new launch: nothing remembered from another deck object."""
    reveal._KNOWN.clear()
    yield
    reveal._KNOWN.clear()


def _cached(folder: Path, cache: Path) -> Deck:
    """The deck as a later launch reads it: from the compiled cache."""
    load_library(folder, cache)  # compiles it
    deck = load_library(folder, cache).decks[0]
    assert compiled_relations.sidecar_of(deck.facts) is not None
    return deck


def _day(deck: Deck) -> tuple[list[bool], KeepApart]:
    """Which of the deck's cards join one day, in deck order, alternating the groups."""
    day = KeepApart([deck])
    joined = []
    for n, (fact_id, blank) in enumerate(deck.card_keys()):
        key, recall = (deck.id, fact_id, blank), (None, True, False)[n % 3]
        joined.append(day.fits(key, recall))
        if joined[-1]:
            day.admit(key, recall)
    return joined, day


def _save(day: KeepApart) -> None:
    for thread in day.save_later():
        thread.join()


def _no_working_out(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: KeepApart, key: object, recall: object) -> None:
        raise AssertionError(f"worked out again: {key}")
    monkeypatch.setattr(KeepApart, "_read_entry", refuse)


def test_a_later_launch_reads_the_relations_back(folder: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    plain = load_library(folder).decks[0]  # no cache: worked out as without a sidecar
    expected, _ = _day(plain)
    assert not all(expected) and any(expected)  # the deck has related cards

    cache = tmp_path / "cache"
    joined, day = _day(_cached(folder, cache))
    assert joined == expected
    _save(day)
    assert len(list(cache.glob(f"*{compiled_relations.SUFFIX}"))) == 1
    assert day.save_later() == []  # nothing new: nothing written

    reveal._KNOWN.clear()
    _no_working_out(monkeypatch)
    again, _ = _day(_cached(folder, cache))
    assert again == expected


def test_the_first_write_does_not_wait(folder: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """What a launch worked out is saved even when the learner quits at once: a deck's first
    write begins without waiting for more entries (the next launch would work them out
    again, some 150 ms at 50,000 facts)."""
    monkeypatch.setattr(compiled_relations, "WRITE_AFTER_S", 600.0)
    deck = _cached(folder, tmp_path / "cache")
    (fact_id, blank), *_ = deck.card_keys()
    one = KeepApart([deck])
    one.fits((deck.id, fact_id, blank))
    [thread] = one.save_later()
    thread.join(timeout=120)
    if thread.is_alive():  # say where it is stuck
        import sys
        import traceback
        where = "".join(traceback.format_stack(sys._current_frames()[thread.ident]))
        pytest.fail(f"the first write is still under way after 2 minutes:\n{where}")
    reveal._KNOWN.clear()
    _no_working_out(monkeypatch)
    assert KeepApart([_cached(folder, tmp_path / "cache")]).fits((deck.id, fact_id, blank))


def test_what_is_worked_out_while_a_write_waits_goes_in_the_same_write(
        folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After a write, the next waits `WRITE_AFTER_S` from its start, taking what later
    counts work out in the meantime."""
    monkeypatch.setattr(compiled_relations, "WRITE_AFTER_S", 0.3)
    deck = _cached(folder, tmp_path / "cache")
    (fact_a, blank_a), (fact_b, blank_b), (fact_c, blank_c), *_ = deck.card_keys()
    first, second, third = ((deck.id, fact_a, blank_a), (deck.id, fact_b, blank_b),
                            (deck.id, fact_c, blank_c))
    one = KeepApart([deck])
    one.fits(first)
    _save(one)  # the first write
    other = KeepApart([deck])  # the next count, within the second
    other.fits(second)
    [thread] = other.save_later()
    later = KeepApart([deck])  # and the one after, before that write began
    later.fits(third)
    assert later.save_later() == [thread]
    thread.join()
    assert later.save_later() == []  # both were written
    reveal._KNOWN.clear()
    _no_working_out(monkeypatch)
    again = KeepApart([_cached(folder, tmp_path / "cache")])
    assert again.fits(first) and again.fits(second) and again.fits(third)


def test_an_edited_deck_leaves_its_old_relations_behind(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _save(_day(_cached(folder, cache))[1])
    old = set(cache.glob(f"*{compiled_relations.SUFFIX}"))
    file = folder / "us-france.yaml"
    file.write_text(file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    reveal._KNOWN.clear()
    _save(_day(_cached(folder, cache))[1])
    now = set(cache.glob(f"*{compiled_relations.SUFFIX}"))
    assert len(now) == 1 and not now & old


def _planted_pickle(marker: Path) -> bytes:
    class Planted:
        def __reduce__(self) -> tuple[object, tuple[str, str]]:
            return (open, (os.fspath(marker), "w"))

    return pickle.dumps(Planted())


@pytest.mark.parametrize("damage", ["pickle", "code", "foreign", "truncated", "bad entry",
                                    "flipped byte", "unsealed"])
def test_a_damaged_or_planted_sidecar_is_ignored_and_rebuilt(
        folder: Path, tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "cache"
    deck = _cached(folder, cache)
    expected, day = _day(deck)
    _save(day)
    sidecar = compiled_relations.sidecar_of(deck.facts)
    assert sidecar is not None and sidecar.exists()
    marker = tmp_path / "ran"
    code = compile(f"open({os.fspath(marker)!r}, 'w')", "<planted>", "exec")
    data = sidecar.read_bytes()
    name, entries = sealed.unpack(compiled_relations.HEAD, data)
    first = next(iter(entries))

    def planted(top: tuple[object, ...]) -> bytes:  # sealed right: only the checks can refuse it
        return sealed.pack(compiled_relations.HEAD, top)

    flipped = bytearray(data)
    flipped[len(data) * 2 // 3] ^= 0x40  # inside an entry: a word or answer form changes
    sidecar.write_bytes({
        "pickle": _planted_pickle(marker),
        "code": planted((name, {(code, 0, None): code})),
        "foreign": planted(("someone-else.apart", entries)),
        "truncated": data[:-7],
        "bad entry": planted((name, {**entries, first: ("x", 1, ())})),
        "flipped byte": bytes(flipped),
        "unsealed": marshal.dumps((name, entries)),
    }[damage])
    if damage not in ("code", "bad entry"):  # those two are sealed right: refused per entry
        assert compiled_relations.loads(sidecar.read_bytes(), sidecar.name) is None

    reveal._KNOWN.clear()
    again, day = _day(_cached(folder, cache))
    assert again == expected
    assert not marker.exists()
    _save(day)  # worked out again and written back sound
    stored = compiled_relations.loads(sidecar.read_bytes(), sidecar.name)
    assert stored is not None and all(map(compiled_relations._entry_ok, stored.values()))
    assert all(map(compiled_relations._key_ok, stored))


def test_a_write_cut_short_at_exit_is_cleaned_up_later(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    deck = _cached(folder, cache)
    sidecar = compiled_relations.sidecar_of(deck.facts)
    assert sidecar is not None
    from quiz.files import TEMP_PREFIX

    left = cache / f"{TEMP_PREFIX}{sidecar.name}.dead"
    fresh = cache / f"{TEMP_PREFIX}{sidecar.name}.busy"
    for temp in (left, fresh):
        temp.write_bytes(b"half")
    os.utime(left, (0, 0))
    # A later run whose decks all come from the cache: its first cache write is the sidecar.
    compiled_relations._swept.clear()
    _save(_day(deck)[1])
    assert not left.exists() and fresh.exists()  # another copy may still be writing that one
    assert sidecar.exists()


def test_cache_writes_are_one_unsynced_tracked_write(folder: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The compiled copy and its sidecar are written alike (`atomic_path(durable=False)`):
    a temporary file tracked for the exit, renamed into place, never synced (the cache is
    only a copy; a learner's own files still are)."""
    from quiz import files

    synced: list[int] = []
    tracked: list[str] = []
    real_fsync, real_track = os.fsync, files.track_temp
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd) or real_fsync(fd))
    monkeypatch.setattr(files, "track_temp",
                        lambda temp: tracked.append(temp.name) or real_track(temp))
    cache = tmp_path / "cache"
    deck = _cached(folder, cache)
    sidecar = compiled_relations.sidecar_of(deck.facts)
    assert sidecar is not None
    _save(_day(deck)[1])
    entry = deck.facts.entry  # type: ignore[attr-defined]
    assert sorted(name.rsplit(".", 1)[0] for name in tracked) == sorted(
        f"{files.TEMP_PREFIX}{path.name}" for path in (entry, sidecar))
    assert entry.exists() and sidecar.exists() and synced == []
    assert not [p for p in cache.iterdir() if p.name.startswith(files.TEMP_PREFIX)]

    with files.atomic_path(tmp_path / "mine.apkg") as temp:  # a learner's file: synced
        temp.write_bytes(b"deck")
    assert synced


def test_the_cache_is_swept_once_per_process(folder: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Leftovers are a killed earlier run's: the first cache write of a run sweeps them,
    and the sidecar writes that follow (one per study day) do not scan the folder again."""
    from quiz import files

    scans: list[Path] = []
    real = files.sweep_temps
    monkeypatch.setattr(files, "sweep_temps",
                        lambda folder, **kw: scans.append(folder) or real(folder, **kw))
    cache = tmp_path / "cache"
    deck = _cached(folder, cache)  # compiling it writes the first copy: the sweep
    assert scans == [cache]
    _save(_day(deck)[1])
    assert compiled_relations.sidecar_of(deck.facts).exists()  # type: ignore[union-attr]
    assert scans == [cache]


def test_a_link_planted_as_the_sidecar_is_replaced_not_written_through(
        folder: Path, tmp_path: Path) -> None:
    """The cache may sit in a synced or shared folder: a link planted under a sidecar's
    name must not make quiz overwrite the file it points to (any file of the learner's)."""
    cache = tmp_path / "cache"
    deck = _cached(folder, cache)
    sidecar = compiled_relations.sidecar_of(deck.facts)
    assert sidecar is not None
    victim = tmp_path / "notes.txt"
    victim.write_text("precious", encoding="utf-8")
    sidecar.unlink(missing_ok=True)
    sidecar.symlink_to(victim)
    _save(_day(deck)[1])
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not sidecar.is_symlink() and compiled_relations.loads(
        sidecar.read_bytes(), sidecar.name)


def test_a_link_planted_as_a_compiled_copy_is_replaced_too(tmp_path: Path) -> None:
    """The compiled copy goes through the same writer (`quiz.library._replace`, as when a
    copy is restamped in place)."""
    from quiz import library

    victim = tmp_path / "notes.txt"
    victim.write_text("precious", encoding="utf-8")
    entry = tmp_path / "cache" / "deck-0123.deck"
    entry.parent.mkdir()
    entry.symlink_to(victim)
    library._replace(entry, b"copy")
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not entry.is_symlink() and entry.read_bytes() == b"copy"
