"""The compiled deck cache: the same decks back, and nothing planted in it ever runs."""

from __future__ import annotations

import marshal
import os
import pickle
from array import array
import subprocess
import sys
from pathlib import Path

import pytest

from quiz import compiled, compiled_file
from quiz.deck import load_deck
from quiz.facts import Deck
from quiz.library import cache_names, load_deck_cached, load_library
from quiz.locations import bundled_decks_dir

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

from synth import make_deck_text  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def _same(a: Deck, b: Deck) -> None:
    """Equal decks, down to fields equality ignores (a name's key, a figure's scale)."""
    assert a == b
    assert (a.id, a.title, a.path, a.description, a.tags, a.sources, a.warnings) == \
        (b.id, b.title, b.path, b.description, b.tags, b.sources, b.warnings)
    assert len(a.facts) == len(b.facts) and a.card_count == b.card_count
    assert list(a.card_keys()) == list(b.card_keys())
    for x, y in zip(a.facts, b.facts, strict=True):
        assert repr(x) == repr(y)


@pytest.fixture()
def synthetic(tmp_path: Path) -> Path:
    path = tmp_path / "decks" / "synthetic.yaml"
    path.parent.mkdir()
    path.write_text(make_deck_text(300, seed=4, deck_id="synthetic"), encoding="utf-8")
    return path


def test_compiled_decks_are_the_decks_the_loader_makes(synthetic: Path) -> None:
    for path in [synthetic, *sorted(bundled_decks_dir().glob("*.yaml"))]:
        deck = load_deck(path)
        again = compiled.loads(compiled.dumps(deck), os.fspath(path), lambda p=path: load_deck(p))
        _same(again, deck)


def test_compiled_facts_are_read_one_at_a_time(synthetic: Path) -> None:
    deck = load_deck(synthetic)
    again = compiled.loads(compiled.dumps(deck), os.fspath(synthetic), lambda: load_deck(synthetic))
    facts = again.facts
    assert isinstance(facts, compiled.CompiledFacts)
    assert facts.ids == tuple(f.id for f in deck.facts)
    assert facts.blanks == tuple(f.blank_count for f in deck.facts)
    assert repr(again.fact(deck.facts[7].id)) == repr(deck.facts[7])
    assert again.fact(deck.facts[7].id) is facts[7] is facts[-len(facts) + 7]
    assert sum(f is not None for f in facts._facts) == 1  # only the one asked for
    assert facts[2:5] == deck.facts[2:5] and deck.facts[9].id in again and "nope" not in again
    with pytest.raises(KeyError, match="no fact 'nope'"):
        again.fact("nope")
    with pytest.raises(IndexError):
        facts[len(facts)]


def _hostile_pickle(marker: Path) -> bytes:
    class Planted:
        def __reduce__(self) -> tuple[object, tuple[str, str]]:
            return (open, (os.fspath(marker), "w"))

    return pickle.dumps(Planted())


def _hostile_marshal(marker: Path) -> bytes:
    code = compile(f"open({os.fspath(marker)!r}, 'w')", "<planted>", "exec")
    return compiled.HEAD + marshal.dumps((compiled.MAGIC, compiled.FORMAT, code, code))


def test_planted_files_in_every_cache_slot_run_nothing(synthetic: Path, tmp_path: Path) -> None:
    scores = tmp_path / "scores"
    cache = scores / "cache"
    cache.mkdir(parents=True)
    marker = tmp_path / "ran"
    prefix, name = cache_names(synthetic, synthetic.read_bytes())
    stem = name.removesuffix(".deck")
    slots = [name, f"{stem}.pickle", f"{prefix}-{'0' * 24}-{'0' * 16}.deck",
             f"{prefix}-{'0' * 24}-{'0' * 16}.pickle", ".tmp-planted.deck", "other.pickle"]
    for n, slot in enumerate(slots):
        planted = _hostile_pickle(marker) if n % 2 else _hostile_marshal(marker)
        (cache / slot).write_bytes(planted)
    expected = load_deck(synthetic)

    library = load_library(synthetic.parent, cache)
    _same(library.decks[0], expected)
    assert not marker.exists()
    # The planted entry was replaced by a sound compiled deck; old pickles are gone.
    assert compiled.loads((cache / name).read_bytes(), os.fspath(synthetic), lambda: expected)
    assert not list(cache.glob("*.pickle"))

    # A real `quiz stats` (which reads the decks through the cache) on planted files again.
    for n, slot in enumerate(slots):
        (cache / slot).write_bytes(_hostile_pickle(marker) if n % 2 else _hostile_marshal(marker))
    env = {k: v for k, v in os.environ.items() if not k.startswith("QUIZ_")}
    done = subprocess.run([sys.executable, "-m", "quiz", "stats", "--json", "--decks",
                           os.fspath(synthetic.parent), "--scores", os.fspath(scores)],
                          capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert "Traceback" not in done.stderr
    assert not marker.exists()


@pytest.mark.parametrize("damage", ["empty", "truncated", "flipped", "random", "foreign",
                                    "directory", "wrong type"])
def test_damaged_entries_are_ignored_and_rebuilt(synthetic: Path, tmp_path: Path,
                                                 damage: str) -> None:
    cache = tmp_path / "cache"
    expected = load_deck_cached(synthetic, cache)
    (entry,) = cache.glob("*.deck")
    good = entry.read_bytes()
    if damage == "directory":
        entry.unlink()
        entry.mkdir()
    else:
        entry.write_bytes({
            "empty": b"",
            "truncated": good[: len(good) // 2],
            "flipped": good[:-40] + bytes([good[-40] ^ 0xFF]) + good[-39:],
            "random": os.urandom(4096),
            "foreign": marshal.dumps(("not", "a", "deck")),
            "wrong type": compiled.assemble(*_changed(good, 3, 3)),
        }[damage])
    _same(load_deck_cached(synthetic, cache), expected)


def _changed(data: bytes, at: int, value: object) -> tuple[list[object], list[bytes],
                                                          list[bytes]]:
    """The parts of the compiled copy ``data`` with its head's item ``at`` set to ``value``."""
    top, blobs, index = compiled.contents(data)
    top[at] = value
    return top, blobs, index


def test_a_well_formed_entry_with_a_bad_fact_falls_back_to_the_file(synthetic: Path,
                                                                    tmp_path: Path) -> None:
    deck = load_deck(synthetic)
    top, blobs, index = compiled.contents(compiled.dumps(deck))
    # The third fact's blob becomes a code object; the copy is sealed again to match.
    blobs[2] = marshal.dumps(compile("1/0", "<planted>", "eval"))
    again = compiled.loads(compiled.assemble(top, blobs, index), os.fspath(synthetic),
                           lambda: load_deck(synthetic))
    assert repr(again.facts[2]) == repr(deck.facts[2])
    _same(again, deck)


@pytest.mark.parametrize("whole_below", [0, compiled_file.WHOLE_BELOW])
def test_a_cached_copy_is_read_where_it_lies_a_chunk_at_a_time(
        synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        whole_below: int) -> None:
    """Opening a cached copy reads its head; a fact is read with its chunk of a page or so,
    and only the chunks of the facts asked for are read (from the open file, or from the
    copy read whole when it is small); a copy shorter than its head says is refused whole."""
    monkeypatch.setattr(compiled_file, "WHOLE_BELOW", whole_below)
    deck = load_deck(synthetic)
    entry = tmp_path / "copy.deck"
    entry.write_bytes(data := compiled.dumps(deck))
    assert isinstance(compiled_file.source_of(entry), compiled_file.FileSource) \
        is (os.name != "nt" and whole_below == 0)
    again = compiled.load_file(entry, os.fspath(synthetic), lambda: load_deck(synthetic))
    facts = again.facts
    assert isinstance(facts, compiled.CompiledFacts) and facts._chunks == {}
    assert repr(facts[7]) == repr(deck.facts[7]) and list(facts._chunks) == [0]
    assert len(facts._starts) > 3 and facts._starts[1] <= 30  # chunks of a few facts
    assert repr(facts[-1]) == repr(deck.facts[-1])
    assert sorted(facts._chunks) == [0, len(facts._starts) - 2]
    assert all(len(chunk) <= 2 * compiled.CHUNK_BYTES for chunk in facts._chunks.values())
    _same(again, deck)
    assert facts._chunks == {}  # every fact decoded: nothing more is kept
    for short in (data[:-1], data[:len(data) // 2]):
        entry.write_bytes(short)
        with pytest.raises(compiled.BadCompiled):
            compiled.load_file(entry, os.fspath(synthetic), lambda: load_deck(synthetic))


def test_a_cached_copy_replaced_while_open_is_still_read_as_it_was(
        synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another copy of quiz replaces a cache file by renaming a new one over it: a deck open
    on the old one goes on reading the file it opened."""
    monkeypatch.setattr(compiled_file, "WHOLE_BELOW", 0)
    deck = load_deck(synthetic)
    entry = tmp_path / "copy.deck"
    entry.write_bytes(compiled.dumps(deck))
    again = compiled.load_file(entry, os.fspath(synthetic), lambda: load_deck(synthetic))
    other = tmp_path / "other.deck"
    other.write_bytes(b"\x00" * 4096)
    os.replace(other, entry)
    _same(again, deck)


def test_the_cache_module_itself_never_unpickles() -> None:
    source = "".join((ROOT / "quiz" / name).read_text(encoding="utf-8") for name in (
        "library.py", "compiled.py", "compiled_file.py", "compiled_values.py",
        "compiled_index.py"))
    assert "import pickle" not in source and "pickle.load" not in source
    assert "marshal.loads" in source  # primitives only, each type-checked (see quiz.compiled)


def test_a_cached_deck_brings_its_question_index(synthetic: Path) -> None:
    from quiz import compiled_index
    from quiz.questions import formats_for, make_question
    from quiz.questions.index import index_data

    for path in [synthetic, *sorted(bundled_decks_dir().glob("*.yaml"))]:
        deck = load_deck(path)
        again = compiled.loads(compiled.dumps(deck), os.fspath(path), lambda p=path: load_deck(p))
        assert index_data(again) == index_data(deck)
        # Stored with the deck, read without decoding it.
        assert again.facts.units is compiled_index.may_use_pint(deck)
        assert again.facts.tags == compiled_index.fact_tags(deck) == \
            tuple(sorted({t for f in deck.facts for t in f.tags}))
        for fact in deck.facts[::5]:
            for blank in range(fact.blank_count):
                offered = formats_for(deck, fact, blank)
                assert formats_for(again, fact.id, blank) == offered
                for format in offered:
                    assert make_question(again, fact.id, format, seed=3, blank=blank) == \
                        make_question(deck, fact.id, format, seed=3, blank=blank)
    deck = load_deck(synthetic)
    blanks = tuple(f.blank_count for f in deck.facts)
    good = [marshal.loads(part) for part in compiled_index.dumps(deck)]
    assert compiled_index.loads(compiled_index.StoredIndex(
        [marshal.dumps(p) for p in good].__getitem__, blanks)) == index_data(deck)
    beyond = array("q", [1, 1, 1, 1, 1, 1, len(blanks), 0]).tobytes()
    no_blank = array("q", [1, 1, 1, 1, 1, 1, 0, 5]).tobytes()
    for at, damaged in [(0, None), (0, "middle"), (0, beyond), (0, no_blank), (2, b"x"),
                        (4, (("person", b"\x01\x02\x03"),)),
                        (1, ((("EUR", None, False, False), ("1,2,3",)),))]:
        parts = [marshal.dumps(p) for p in good]
        parts[at] = marshal.dumps(damaged)
        assert compiled_index.loads(compiled_index.StoredIndex(parts.__getitem__, blanks)) is None
    for blob in [b"", b"\x00garbage"]:
        parts = [marshal.dumps(p) for p in good]
        parts[3] = blob
        assert compiled_index.loads(compiled_index.StoredIndex(parts.__getitem__, blanks)) is None


def test_the_first_question_of_a_cached_deck_reads_few_of_its_facts(tmp_path: Path) -> None:
    from datetime import datetime, timezone

    from quiz.clock import FixedClock
    from quiz.study import Study

    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "big.yaml").write_text(make_deck_text(2000, seed=2, deck_id="big"), encoding="utf-8")
    clock = FixedClock(datetime(2026, 6, 1, 18, tzinfo=timezone.utc))
    Study.open(decks, tmp_path / "scores", clock).close()  # compiles the cache
    study = Study.open(decks, tmp_path / "scores", clock, first="big")
    try:
        card = study.start(["big"], seed=1).next()
        assert card is not None
        facts = study.library.deck("big").facts
        assert isinstance(facts, compiled.CompiledFacts)
        decoded = sum(f is not None for f in facts._facts)
        assert decoded <= 100, f"{decoded} of 2000 facts decoded for the first question"
    finally:
        study.close()


def test_a_cached_deck_knows_its_facts_tags_undecoded(tmp_path: Path) -> None:
    from quiz import compiled_index

    path = tmp_path / "decks" / "tagged.yaml"
    path.parent.mkdir()
    path.write_text("title: T\nid: t\nfacts:\n"
                    "  - {id: a, question: Which city?, answer: Paris, tags: [geo, capitals]}\n"
                    "  - {id: b, question: Which year?, answer: '1778', tags: [dates, geo]}\n",
                    encoding="utf-8")
    load_deck_cached(path, tmp_path / "cache")
    again = load_deck_cached(path, tmp_path / "cache")
    assert isinstance(again.facts, compiled.CompiledFacts)
    assert compiled_index.fact_tags(again) == ("capitals", "dates", "geo")
    assert all(f is None for f in again.facts._facts)  # no fact was decoded for it


def test_a_cached_decks_index_is_read_part_by_part_and_a_damaged_part_comes_from_the_facts(
        synthetic: Path) -> None:
    from quiz import compiled_index
    from quiz.questions.index import DeckIndex, index_data

    deck = load_deck(synthetic)
    data = compiled.dumps(deck)
    again = compiled.loads(data, os.fspath(synthetic), lambda: load_deck(synthetic))
    index = DeckIndex.build(again)
    assert dict(index.names) and index._dated is None and index._figures is None
    assert index._name_cards is None  # nothing is decoded before it is read
    name_card = next(iter(index.name_cards.values()))[0]
    assert index._dated is None and index._figures is None  # names read: dates untouched
    assert name_card.fact is again.facts[again.facts.positions[name_card.fact.id]]
    expected = DeckIndex.build(deck)
    assert [(a, b, c.fact.id, c.blank, v) for a, b, c, v in index.dated] == \
        [(a, b, c.fact.id, c.blank, v) for a, b, c, v in expected.dated]
    assert list(index.starts) == list(expected.starts) and index.figures == expected.figures
    assert index.dated_positions == expected.dated_positions

    # The stored dates name a blank their fact does not have: that part, and every part
    # read after it, comes from the facts instead; the questions stay the same.
    top, blobs, parts = compiled.contents(data)
    flat = array("q")
    flat.frombytes(marshal.loads(parts[0]))
    flat[7] = 99
    parts[0] = marshal.dumps(flat.tobytes())
    damaged = compiled.loads(compiled.assemble(top, blobs, parts), os.fspath(synthetic),
                             lambda: load_deck(synthetic))
    assert damaged.facts.index_data() is None
    index = DeckIndex.build(damaged)
    assert [(a, b, c.fact.id, c.blank) for a, b, c, _ in index.dated] == \
        [(a, b, c.fact.id, c.blank) for a, b, c, _ in expected.dated]
    assert index.names == expected.names and index_data(damaged) == index_data(deck)


def test_a_cache_key_follows_its_codes_files(tmp_path: Path) -> None:
    from quiz.library import source_digest

    code = tmp_path / "reader.py"
    code.write_text("x = 1\n", encoding="utf-8")
    before = source_digest(b"py", [code])
    assert source_digest(b"py", [code]) == before
    info = code.stat()
    code.write_text("x = 2\n", encoding="utf-8")  # an edit of the same size, as a save makes
    os.utime(code, ns=(info.st_atime_ns, info.st_mtime_ns + 1))  # on a coarse-clocked disk too
    edited = source_digest(b"py", [code])
    assert edited != before and source_digest(b"other", [code]) != edited
    code.unlink()
    assert source_digest(b"py", [code]) not in (before, edited)


def test_an_unchanged_deck_is_found_by_its_stamp_and_any_edit_is_seen(
        synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from quiz import library

    cache = tmp_path / "cache"
    first = load_deck_cached(synthetic, cache)
    assert not isinstance(first.facts, compiled.CompiledFacts)  # parsed, then compiled
    read: list[str] = []
    original = Path.read_bytes

    def reading(self: Path) -> bytes:
        read.append(self.name)
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", reading)
    again = load_deck_cached(synthetic, cache)  # its copy was written just after it was saved
    assert isinstance(again.facts, compiled.CompiledFacts) and synthetic.name in read
    monkeypatch.setattr(library, "SETTLED_NS", 0)  # as when written a while after
    read.clear()
    again = load_deck_cached(synthetic, cache)
    assert isinstance(again.facts, compiled.CompiledFacts) and synthetic.name not in read
    _same(again, first)
    # An edit of the same size whose modification time is put back is still seen: the
    # file's change time moved.
    info = synthetic.stat()
    text = synthetic.read_text(encoding="utf-8")
    fact = first.facts[0]
    assert fact.question and fact.question[-1] == "?"
    synthetic.write_text(text.replace(fact.question, fact.question[:-1] + ".", 1),
                         encoding="utf-8")
    os.utime(synthetic, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert synthetic.stat().st_size == info.st_size
    edited = load_deck_cached(synthetic, cache)
    assert edited.facts[0].question == fact.question[:-1] + "."
    _same(edited, load_deck(synthetic))


_ONE_FACT = "title: T\nid: t\nfacts:\n  - id: q1\n    question: What is the capital of France?\n" \
            "    answer: {}\n"


def test_a_save_while_a_deck_is_read_is_never_hidden_by_its_stamp(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a disk that keeps times to the second, a save of the same size just after the
    deck was read can keep the file's stamp: the compiled copy must not then be taken for
    the file (it was, when judged by the time the copy was written)."""
    import time

    from quiz import library

    real_stamp, real_load = library.stamp_of, library.load_deck

    def coarse(info: os.stat_result) -> tuple[int, ...]:
        size, mtime, ctime, inode, device = real_stamp(info)
        return size, mtime // 10**9 * 10**9, ctime // 10**9 * 10**9, inode, device

    def read_then_saved(path: Path) -> Deck:
        parsed = real_load(path)
        with open(deck, "r+", encoding="utf-8") as fh:  # in place, the same size
            fh.write(_ONE_FACT.format("Lyon!"))
        return parsed

    deck, cache = tmp_path / "t.yaml", tmp_path / "cache"
    deck.write_text(_ONE_FACT.format("Paris"), encoding="utf-8")
    monkeypatch.setattr(library, "stamp_of", coarse)
    monkeypatch.setattr(library, "load_deck", read_then_saved)
    later: list = []
    assert load_deck_cached(deck, cache, later).facts[0].answer.text == "Paris"
    monkeypatch.setattr(library, "load_deck", real_load)
    for write in later:  # as `Study.open` writes them, once the store is open
        write()
    late = time.time_ns() + 5 * 10**9  # the copy written long after the file changed
    for copy in cache.iterdir():
        os.utime(copy, ns=(late, late))
    assert load_deck_cached(deck, cache).facts[0].answer.text == "Lyon!"


def test_a_save_while_the_study_opens_is_seen_by_the_next_refresh(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from quiz.study import service

    decks = tmp_path / "decks"
    decks.mkdir()
    deck = decks / "t.yaml"
    deck.write_text(_ONE_FACT.format("Paris"), encoding="utf-8")
    real = service.load_library

    def read_then_saved(*args: object, **kwargs: object) -> object:
        read = real(*args, **kwargs)  # type: ignore[arg-type]
        deck.write_text(_ONE_FACT.format("Lyon"), encoding="utf-8")  # saved meanwhile
        return read

    monkeypatch.setattr(service, "load_library", read_then_saved)
    study = service.Study.open(decks, tmp_path / "scores")
    monkeypatch.setattr(service, "load_library", real)
    try:
        assert study.library.find("t").facts[0].answer.text == "Paris"
        assert study.refresh() is not None
        assert study.library.find("t").facts[0].answer.text == "Lyon"
    finally:
        study.close()


class _Launches:
    """Loads of one deck as launches would make them, on a clock ``later`` seconds ahead
    of the file's times, recording whether each read the deck file and parsed it."""

    def __init__(self, deck: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        import time
        import types

        from quiz import library

        self.deck, self.cache, self.ahead = deck, cache, 0
        self.read: list[str] = []
        self.parsed: list[Path] = []
        real_read, real_load = Path.read_bytes, library.load_deck

        def reading(path: Path) -> bytes:
            self.read.append(path.name)
            return real_read(path)

        def parsing(path: Path) -> Deck:
            self.parsed.append(Path(path))
            return real_load(path)

        monkeypatch.setattr(Path, "read_bytes", reading)
        monkeypatch.setattr(library, "load_deck", parsing)
        monkeypatch.setattr(library, "time", types.SimpleNamespace(
            time_ns=lambda: time.time_ns() + self.ahead * 10**9))

    def launch(self, later: list | None = None) -> tuple[Deck, bool, bool]:
        """The deck, whether its file was read (hashed), whether it was parsed."""
        self.read.clear()
        self.parsed.clear()
        deck = load_deck_cached(self.deck, self.cache, later)
        return deck, self.deck.name in self.read, bool(self.parsed)


def test_a_deck_touched_without_change_is_hashed_once_then_found_by_its_stamp(
        synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    launches = _Launches(synthetic, tmp_path / "cache", monkeypatch)
    first, read, parsed = launches.launch()
    assert parsed  # compiled just after the file was saved: found by hash next time...
    launches.ahead = 5  # ...when the file has long settled, which renews the copy's stamp
    assert launches.launch()[1:] == (True, False)
    assert launches.launch()[1:] == (False, False)
    os.utime(synthetic)  # touched (a checkout puts a file back as it was)
    later: list = []
    deck, read, parsed = launches.launch(later)
    assert (read, parsed) == (True, False)  # hashed: the same bytes, the copy kept
    assert isinstance(deck.facts, compiled.CompiledFacts)
    launches.ahead = 10
    for write in later:  # as `Study.open` runs them, once the store is open
        write()
    deck, read, parsed = launches.launch()
    assert (read, parsed) == (False, False)  # found by its new stamp, not hashed again
    _same(deck, first)
    assert len(list(launches.cache.iterdir())) == 1
    # A real change, of the same size, its modification time put back, is still seen.
    info = synthetic.stat()
    fact = first.facts[0]
    synthetic.write_text(synthetic.read_text(encoding="utf-8").replace(
        fact.question, fact.question[:-1] + ".", 1), encoding="utf-8")
    os.utime(synthetic, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert synthetic.stat().st_size == info.st_size
    deck, read, parsed = launches.launch()
    assert (read, parsed) == (True, True)
    assert deck.facts[0].question == fact.question[:-1] + "."


def test_a_save_in_the_second_a_touched_deck_is_read_is_never_hidden_by_its_stamp(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a disk that keeps times to the second, a touched deck read and found unchanged,
    then saved with other bytes of the same size within that second, keeps its stamp: the
    renewed copy must not then be taken for the file, however late it is written."""
    from quiz import library

    deck, cache = tmp_path / "t.yaml", tmp_path / "cache"
    deck.write_text(_ONE_FACT.format("Paris"), encoding="utf-8")
    launches = _Launches(deck, cache, monkeypatch)
    launches.ahead = 5
    launches.launch()
    assert launches.launch()[1:] == (False, False)
    os.utime(deck)
    # The disk's clock ticks at the touch, and not again before the save below, however
    # loaded the machine is.
    real_stamp, tick = library.stamp_of, deck.stat().st_ctime_ns

    def coarse(info: os.stat_result) -> tuple[int, ...]:
        size, mtime, ctime, inode, device = real_stamp(info)
        return (size, mtime - (mtime - tick) % 10**10, ctime - (ctime - tick) % 10**10,
                inode, device)

    monkeypatch.setattr(library, "stamp_of", coarse)
    launches.ahead = 0
    touched = coarse(deck.stat())
    real_read = Path.read_bytes

    def read_then_saved(path: Path) -> bytes:
        data = real_read(path)
        if path == deck:
            with open(deck, "r+", encoding="utf-8") as fh:  # in place, the same size
                fh.write(_ONE_FACT.format("Lyon!"))
        return data

    monkeypatch.setattr(Path, "read_bytes", read_then_saved)
    later: list = []
    assert load_deck_cached(deck, cache, later).facts[0].answer.text == "Paris"
    monkeypatch.setattr(Path, "read_bytes", real_read)
    assert coarse(deck.stat()) == touched  # the save kept the stamp
    assert not later  # read too soon after the touch: no stamp worth keeping
    launches.ahead = 5  # the renewed copy, if any, written long after the file changed
    for write in later:
        write()
    assert load_deck_cached(deck, cache).facts[0].answer.text == "Lyon!"


def test_the_code_key_holds_where_the_code_is(tmp_path: Path) -> None:
    """Two installs whose files share names, sizes and times (builds that set every time to
    1) key their caches apart."""
    from quiz.library import source_digest

    keys = []
    for name in ("one", "two"):
        code = tmp_path / name / "facts.py"
        code.parent.mkdir()
        code.write_text("x = 1\n", encoding="utf-8")
        os.utime(code, ns=(10**9, 10**9))
        keys.append(source_digest(b"py", [code]))
    assert keys[0] != keys[1]
