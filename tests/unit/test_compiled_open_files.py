"""A large compiled copy is read from its open file as needed, but never more than
`OPEN_AT_MOST` at once in the whole process: past that a copy is read whole, so a folder of
many large decks (and the decks a reload replaced, still held) cannot use up the process's
files."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from quiz import compiled, compiled_file
from quiz.deck import load_deck

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))
from synth import make_deck_text  # noqa: E402

pytestmark = pytest.mark.skipif(os.name == "nt" or not hasattr(os, "pread"),
                                reason="copies are read whole where files are not kept open")


def test_past_the_bound_copies_are_read_whole_and_files_come_back_as_decks_go(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "synthetic.yaml"
    source.write_text(make_deck_text(120, seed=3), encoding="utf-8")
    deck = load_deck(source)
    entries = []
    for n in range(6):
        entries.append(tmp_path / f"copy{n}.deck")
        entries[-1].write_bytes(compiled.dumps(deck))
    gc.collect()
    base = compiled_file._open_files
    monkeypatch.setattr(compiled_file, "WHOLE_BELOW", 0)
    monkeypatch.setattr(compiled_file, "OPEN_AT_MOST", base + 3)
    loaded = [compiled.load_file(e, os.fspath(source), lambda: load_deck(source))
              for e in entries]
    assert compiled_file._open_files == base + 3
    for again in loaded:  # every copy reads the same, from its file or whole
        assert [repr(f) for f in again.facts] == [repr(f) for f in deck.facts]
    del loaded, again
    gc.collect()
    assert compiled_file._open_files == base  # each file closed with its deck
    more = compiled.load_file(entries[0], os.fspath(source), lambda: load_deck(source))
    assert compiled_file._open_files == base + 1
    assert repr(more.facts[-1]) == repr(deck.facts[-1])


@pytest.mark.slow
def test_many_large_decks_and_a_reload_load_under_a_low_open_file_limit(tmp_path: Path) -> None:
    # In a process of its own: 40 decks kept open as large copies, then read again while
    # the first library is still held (as a reload leaves it), with 48 files allowed at
    # most. Unbounded, the 80 open copies ran the process out of files.
    folder, cache = tmp_path / "decks", tmp_path / "cache"
    folder.mkdir()
    for n in range(40):
        (folder / f"deck{n:02}.yaml").write_text(
            make_deck_text(40, seed=n, deck_id=f"deck{n:02}"), encoding="utf-8")
    code = textwrap.dedent("""
        import resource, sys
        from pathlib import Path
        from quiz import compiled_file
        from quiz.library import load_library

        compiled_file.WHOLE_BELOW = 0  # these small copies count as large ones
        folder, cache = Path(sys.argv[1]), Path(sys.argv[2])
        load_library(folder, cache)  # compiles each deck into the cache
        resource.setrlimit(resource.RLIMIT_NOFILE, (48, 48))
        first = load_library(folder, cache)
        second = load_library(folder, cache)
        for library in (first, second):
            assert not library.problems, library.problems
            for deck in library.decks:
                deck.facts[-1]  # read from its copy
        print(len(first.decks) + len(second.decks), compiled_file._open_files)
    """)
    done = subprocess.run([sys.executable, "-c", code, str(folder), str(cache)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    decks, open_files = map(int, done.stdout.split())
    assert decks == 80 and open_files == compiled_file.OPEN_AT_MOST
