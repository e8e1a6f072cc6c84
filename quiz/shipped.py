"""Compiled copies shipped with the bundled decks, the way Python ships ``.pyc`` files.

A new learner's first launch would parse a bundled deck's YAML (importing PyYAML), check
every fact and work out how its cards relate (`quiz.questions.reveal`) before the first
question: work whose result is the same on every machine. So each bundled deck ships with
``compiled/NAME.deck`` beside it: the deck compiled (`quiz.compiled`), its cards' relations
(`quiz.compiled_relations`) and the SHA-256 of the YAML bytes they were made from.

When the cache has no copy of a deck (`quiz.library.load_deck_cached`), a shipped copy
beside its file is used only when it is for this file name, for these very bytes and for
the current compiled formats; anything else (an edited deck, an older, damaged or planted
copy) is ignored and the deck is read from its YAML as usual. A copy is plain `marshal`
data, sealed by a digest of all of it (`quiz.sealed`: a flipped byte anywhere, in the deck
or in its relations, makes the whole copy ignored) and type-checked as the cache's is:
reading one can never run code. Relations the
shipped ones lack are worked out and kept in the cache's sidecar as for any deck.

After editing a bundled deck, or the code that compiles decks or relates cards, refresh
them with ``python -m quiz.shipped``; tests/unit/test_shipped.py fails, naming that
command, when a shipped copy differs from what the current code makes.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from quiz import compiled, compiled_relations, sealed
from quiz.facts import Deck
from quiz.frozen import Record, replace

MAGIC = "quiz-shipped-deck"
FORMAT = 2
HEAD = f"{MAGIC} {FORMAT}\n".encode()
FOLDER = "compiled"
SUFFIX = ".deck"
PLACE = "<shipped>"
"""The deck path a shipped copy is written with; `load` moves it to the file's."""
COMMAND = "python -m quiz.shipped"


class Shipped(Record):
    """What a shipped copy brings besides the deck; each entry is checked when used."""

    relations: dict[Any, Any]
    """Every card's relations (`quiz.compiled_relations.Relations`)."""
    companions: dict[Any, Any]
    """The cards each date or name card's order or match questions draw from, in order,
    by (fact id, blank key), as (fact id, blank key) pairs (`quiz.questions.build`)."""


def shipped_path(deck_file: Path) -> Path:
    """Where the shipped copy of ``deck_file`` lives."""
    return deck_file.parent / FOLDER / f"{deck_file.stem}{SUFFIX}"


def _formats() -> tuple[Any, ...]:
    return (MAGIC, FORMAT, compiled.FORMAT, compiled_relations.FORMAT)


def build(deck_file: Path) -> bytes:
    """The shipped copy of ``deck_file`` as the current code makes it.

    Raises:
        DeckError: the deck has problems (nothing is shipped for a broken deck).
        TypeError: it holds a value the compiled form cannot hold.
    """
    from quiz.deck import load_deck
    from quiz.questions.build import companions
    from quiz.questions.index import Card, index_for
    from quiz.questions.reveal import relation_entries

    data = deck_file.read_bytes()
    deck = load_deck(deck_file)
    if deck_file.read_bytes() != data:
        raise OSError(f"{deck_file} changed while it was compiled; run {COMMAND} again")
    blob = compiled.dumps(replace(deck, path=PLACE, warnings=tuple(
        replace(w, path=PLACE) if w.path == deck.path else w for w in deck.warnings)))
    relations = relation_entries(deck)
    index, pools = index_for(deck), {}
    for fact in deck.facts:
        for blank in range(fact.blank_count):
            if fact.answers[blank].kind in ("date", "name"):
                shown = companions(index, Card(fact, blank))
                pools[fact.id, fact.blank_key(blank)] = tuple(
                    (c.fact.id, c.fact.blank_key(c.blank)) for c in shown)
    return sealed.pack(HEAD, (*_formats(), deck_file.name, hashlib.sha256(data).hexdigest(),
                              blob, relations, pools))


def load(deck_file: Path, data: bytes, where: str, reload: Callable[[], Deck]) -> Deck | None:
    """The deck shipped compiled beside ``deck_file``, whose bytes are ``data``, as read from
    ``where`` (facts decoded lazily, `quiz.compiled`); None when there is no sound copy
    for these bytes and this code.

    ``reload``: reads the deck from its YAML, if a fact's blob proves damaged."""
    try:
        top = sealed.unpack(HEAD, shipped_path(deck_file).read_bytes())
    except (OSError, MemoryError):
        return None
    if not (type(top) is tuple and len(top) == 9 and top[:4] == _formats()
            and top[4] == deck_file.name and type(top[6]) is bytes and type(top[7]) is dict
            and type(top[8]) is dict and top[5] == hashlib.sha256(data).hexdigest()):
        return None
    try:
        deck = compiled.loads(top[6], where, reload, written=PLACE)
    except (compiled.BadCompiled, MemoryError, RecursionError):
        return None
    deck.facts.shipped = Shipped(top[7], top[8])  # type: ignore[attr-defined]
    return deck


def content(copy: bytes) -> dict[str, Any]:
    """What a shipped copy holds, by part, every nested blob decoded: two copies made from
    the same deck by the same code hold the same, whatever bytes `marshal` chose for them
    (it writes a repeated object once or each time depending on its reference count)."""
    top = sealed.unpack(HEAD, copy)
    deck, blobs, index = compiled.contents(top[6])
    return {"formats and file": top[:6], "deck": deck[:9],
            "facts": tuple(map(marshal.loads, blobs)), "blank keys": deck[11],
            "question index": tuple(map(marshal.loads, index)),
            "units, tags and stamp": deck[13:], "relations": top[7], "companions": top[8]}


def _differs(copy: bytes, wanted: bytes) -> list[str]:
    """The parts of ``copy`` unlike ``wanted``'s (all when it is not a shipped copy)."""
    new = content(wanted)
    try:
        old = content(copy)
    except (EOFError, ValueError, TypeError, IndexError, compiled.BadCompiled):
        return list(new)
    return [part for part in new if old.get(part) != new[part]]


def _plan(folder: Path) -> tuple[list[tuple[Path, bytes, list[str]]], list[Path]]:
    """The shipped copies of ``folder``'s decks that are missing or out of date (with what
    they should hold and the parts that differ), and the copies of no deck file."""
    from quiz.deck import DECK_SUFFIXES

    files = sorted(p for p in folder.iterdir() if p.suffix in DECK_SUFFIXES and p.is_file())
    write = []
    for file in files:
        target, copy = shipped_path(file), build(file)
        try:
            differs = _differs(target.read_bytes(), copy)
        except FileNotFoundError:
            differs = ["missing"]
        if differs:
            write.append((target, copy, differs))
    wanted = {shipped_path(f) for f in files}
    return write, [p for p in sorted((folder / FOLDER).glob(f"*{SUFFIX}")) if p not in wanted]


def stale(folder: Path) -> list[str]:
    """One line per shipped copy of ``folder`` that `refresh` would write or remove."""
    write, remove = _plan(folder)
    return [f"{target}: {', '.join(differs)} not as this code makes them"
            for target, _, differs in write] \
        + [f"{old} belongs to no deck file" for old in remove]


def refresh(folder: Path) -> list[str]:
    """Write ``folder``'s shipped copies anew where they are out of date, and remove those
    of no deck file; one line per file written or removed."""
    from quiz.files import atomic_path

    write, remove = _plan(folder)
    for target, copy, _ in write:
        target.parent.mkdir(exist_ok=True)
        with atomic_path(target) as temp:
            temp.write_bytes(copy)
    for old in remove:
        old.unlink()
    return [f"wrote {target}" for target, _, _ in write] + [f"removed {old}" for old in remove]


def main(argv: list[str] | None = None) -> int:
    """``python -m quiz.shipped [FOLDER]``: refresh the shipped copies of the bundled decks
    (or of FOLDER's decks)."""
    from quiz.facts import DeckError
    from quiz.locations import bundled_decks_dir

    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or args[:1] in (["-h"], ["--help"]):
        print(f"usage: {COMMAND} [DECKS_FOLDER]", file=sys.stderr)
        return 1
    folder = Path(args[0]) if args else bundled_decks_dir()
    try:
        said = refresh(folder)
    except DeckError as exc:
        print(exc.problems[0], file=sys.stderr)
        return 1
    except (OSError, TypeError) as exc:
        print(f"{COMMAND}: {exc}", file=sys.stderr)
        return 1
    print("\n".join(said) or f"the shipped copies in {os.fspath(folder)} are up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
