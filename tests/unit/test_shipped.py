"""The compiled copies shipped with the bundled decks (`quiz.shipped`): what the current
code makes of the YAML, used on a fresh store instead of parsing and working out relations,
showing the very questions parsing shows, and ignored, never run, when they do not match
their deck file or are damaged or planted."""

from __future__ import annotations

import marshal
import os
import pickle
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from quiz import compiled, library, sealed, shipped
from quiz.clock import FixedClock
from quiz.deck import load_deck
from quiz.locations import bundled_decks_dir
from quiz.questions import build, reveal
from quiz.study import Study

sys.path.insert(0, str(Path(__file__).resolve().parent))

import launch_golden  # noqa: E402

NOW = "2026-06-01T18:00:00+00:00"


@pytest.fixture(autouse=True)
def fresh_memory() -> Iterator[None]:
    """Each load counts as a new launch: nothing remembered from another deck object."""
    reveal._KNOWN.clear()
    yield
    reveal._KNOWN.clear()


@pytest.fixture()
def decks(tmp_path: Path) -> Path:
    """A copy of the bundled decks with their shipped copies."""
    return Path(shutil.copytree(bundled_decks_dir(), tmp_path / "decks"))


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make parsing a deck or working out its cards' relations or companions fail."""
    def refuse(*_: Any, **__: Any) -> Any:
        raise AssertionError("worked out anew although a shipped copy matches")

    monkeypatch.setattr(library, "load_deck", refuse)
    monkeypatch.setattr(build, "_pick_names", refuse)
    monkeypatch.setattr(build, "_pick_dated", refuse)
    monkeypatch.setattr(reveal.KeepApart, "_read_entry", refuse)


def _walk(decks: Path, scores: Path, first: str | None) -> dict[str, Any]:
    """What a new learner sees: home counts, the deck's queue, a 40-answer session."""
    from datetime import datetime, timedelta

    clock = FixedClock(datetime.fromisoformat(NOW))
    study = Study.open(decks, scores, clock, first=first)
    try:
        session = study.start(["us-france"], "study", seed=1)
        asked = []
        for n in range(40):
            card = session.next()
            if card is None:
                break
            outcome = session.answer(launch_golden._response(card, n), 4000 + 250 * n)
            asked.append({**launch_golden._question(card), "verdict": outcome.grade.verdict})
            clock.advance(timedelta(seconds=20))
        session.finish()
        study.complete(warm_units=False)
        queue = study.store.study_queue(study.decks(), clock.now())
        order = []
        while (item := queue.next(clock.now())) is not None:
            order.append(item.key)
        return {"session": asked, "queue": order,
                "overview": [(r.deck_id, r.due, r.new, r.total) for r in study.overview()]}
    finally:
        study.close()


def test_the_shipped_copies_are_what_the_current_code_makes() -> None:
    stale = shipped.stale(bundled_decks_dir())
    assert not stale, f"{'; '.join(stale)}: run `{shipped.COMMAND}` and commit decks/compiled/"


def test_a_new_learner_sees_from_the_shipped_copy_what_parsing_shows(
        decks: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = Path(shutil.copytree(decks, tmp_path / "plain"))
    shutil.rmtree(plain / shipped.FOLDER)
    parsed = _walk(plain, tmp_path / "scores-parsed", "us-france")
    assert len(parsed["session"]) == 40
    reveal._KNOWN.clear()
    with monkeypatch.context() as patched:
        _no_parsing(patched)
        found = _walk(decks, tmp_path / "scores-shipped", "us-france")
    assert found == parsed
    reveal._KNOWN.clear()
    assert _walk(decks, tmp_path / "scores-all", None) == parsed


def test_the_first_question_needs_no_yaml(decks: Path, tmp_path: Path) -> None:
    code = f"""
import sys
from datetime import datetime
from pathlib import Path
from quiz.clock import FixedClock
from quiz.study import Study
study = Study.open(Path({str(decks)!r}), Path({str(tmp_path / 'scores')!r}),
                   FixedClock(datetime.fromisoformat({NOW!r})), first="us-france")
assert study.start(["us-france"], seed=1).next() is not None
print(sorted(m for m in ("yaml", "quiz.deck.reader") if m in sys.modules))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120)
    assert out.stdout.strip() == "[]"


def _edited(folder: Path) -> Callable[[], None]:
    def edit() -> None:
        file = folder / "us-france.yaml"
        file.write_text(file.read_text(encoding="utf-8").replace(
            "title:", "title: Edited", 1), encoding="utf-8")
    return edit


def _envelope(folder: Path, change: Callable[[list[Any]], None]) -> Callable[[], None]:
    """Change a part of the shipped copy and seal it again, as a planted copy would be."""
    def edit() -> None:
        path = shipped.shipped_path(folder / "us-france.yaml")
        top = list(sealed.unpack(shipped.HEAD, path.read_bytes()))
        change(top)
        path.write_bytes(sealed.pack(shipped.HEAD, tuple(top)))
    return edit


def _unsealed(head: bytes, data: bytes, change: Callable[[list[Any]], None]) -> bytes:
    """``data`` with a part changed and its seal (its digest) left as it was: what damage
    to the bytes of that part does."""
    top = list(sealed.unpack(head, data))
    change(top)
    return data[:len(head) + sealed.DIGEST_BYTES] + marshal.dumps(tuple(top))


def _head_unsealed(data: bytes, change: Callable[[list[Any]], None]) -> bytes:
    """The compiled deck ``data`` with its head's items changed and the head's digest left
    as it was (`quiz.compiled_file`): what damage to the bytes of its head does."""
    from quiz.compiled_file import SIZE

    start = len(compiled.HEAD) + SIZE.size + sealed.DIGEST_BYTES
    (size,) = SIZE.unpack(data[len(compiled.HEAD):len(compiled.HEAD) + SIZE.size])
    top = list(marshal.loads(data[start:start + size]))
    change(top)
    head = marshal.dumps(tuple(top))
    return compiled.HEAD + SIZE.pack(len(head)) + data[start - sealed.DIGEST_BYTES:start] \
        + head + data[start + size:]


def _counts(count: int, seal: bool) -> Callable[[list[Any]], None]:
    """Every fact's blank count becomes ``count`` in the copy's compiled deck, which is
    sealed again (planted) or not (damaged)."""
    def change(top: list[Any]) -> None:
        def counts(deck: list[Any]) -> None:
            deck[8] = (count,) * len(deck[8])
        if seal:
            deck, blobs, index = compiled.contents(top[6])
            counts(deck)
            top[6] = compiled.assemble(deck, blobs, index)
        else:
            top[6] = _head_unsealed(top[6], counts)
    return change


def _relation_flipped(folder: Path) -> Callable[[], None]:
    """The reviewer's case: one byte of a relations entry flipped ('fir\x84t world war')."""
    def edit() -> None:
        path = shipped.shipped_path(folder / "us-france.yaml")
        data = path.read_bytes()
        top = sealed.unpack(shipped.HEAD, data)
        at = data.rindex(b"first world war")
        assert at > data.index(top[6]) + len(top[6])  # in the relations, after the deck
        assert any("first world war" in repr(entry) for entry in top[7].values())
        path.write_bytes(data[:at + 3] + b"\x84" + data[at + 4:])
    return edit


class _Planted:
    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, ("touch planted",))


def _bad_copies(folder: Path) -> dict[str, Callable[[], None]]:
    copy = shipped.shipped_path(folder / "us-france.yaml")
    return {
        "edited deck": _edited(folder),
        "truncated": lambda: copy.write_bytes(copy.read_bytes()[:1000]),
        "not marshal": lambda: copy.write_bytes(b"\x00garbage" * 100),
        "pickle": lambda: copy.write_bytes(pickle.dumps(_Planted())),
        "code object": lambda: copy.write_bytes(marshal.dumps(compile(
            "open('planted', 'w')", "x", "exec"))),
        "older format": _envelope(folder, lambda t: t.__setitem__(1, shipped.FORMAT - 1)),
        "other file": _envelope(folder, lambda t: t.__setitem__(4, "world.yaml")),
        "other bytes": _envelope(folder, lambda t: t.__setitem__(5, "0" * 64)),
        "damaged deck": _envelope(folder, lambda t: t.__setitem__(6, t[6][:-40] + b"x" * 40)),
        "damaged blank counts": _envelope(folder, _counts(10_354_689, seal=False)),
        "planted blank counts": _envelope(folder, _counts(10_354_689, seal=True)),
        "damaged copy": lambda: copy.write_bytes(
            _unsealed(shipped.HEAD, copy.read_bytes(), _counts(10_354_689, seal=True))),
        "damaged relation": _relation_flipped(folder),
    }


@pytest.mark.parametrize("damage", list(_bad_copies(Path("/nonexistent")).keys()))
def test_a_copy_that_does_not_match_or_is_damaged_is_ignored(
        decks: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    _bad_copies(decks)[damage]()
    monkeypatch.chdir(tmp_path)
    parsed: list[object] = []
    monkeypatch.setattr(library, "load_deck", lambda path: parsed.append(path) or load_deck(path))
    deck = library.load_library(decks, tmp_path / "cache", only="us-france").decks[0]
    assert len(parsed) == 1
    expected = load_deck(decks / "us-france.yaml")
    assert (deck.title, deck.path, tuple(deck.facts)) == \
        (expected.title, expected.path, expected.facts)
    assert getattr(deck.facts, "shipped", None) is None
    assert not (tmp_path / "planted").exists()


def _own_card(pools: dict[Any, Any]) -> dict[Any, Any]:
    return {key: (key,) for key in pools}


def _other_kind(pools: dict[Any, Any]) -> dict[Any, Any]:
    """Each date card's pool holds a name card and each name card's a date card."""
    dated = load_deck(bundled_decks_dir() / "us-france.yaml")
    kind = {(f.id, f.blank_key(b)): f.answers[b].kind
            for f in dated.facts for b in range(f.blank_count)}
    date, name = (next(k for k in pools if kind[k] == want) for want in ("date", "name"))
    return {key: ((name if kind[key] == "date" else date),) for key in pools}


JUNK: dict[str, tuple[int, Callable[[dict[Any, Any]], dict[Any, Any]]]] = {
    "relations of the wrong shape": (7, lambda found: {k: ("x", 1, [2]) for k in found}),
    "companions of the wrong shape": (8, lambda found: {k: ("x", 1, [2]) for k in found}),
    "companions holding the card itself": (8, _own_card),
    "companions of another kind": (8, _other_kind),
}


@pytest.mark.parametrize("junk", list(JUNK))
def test_unsound_relations_or_companions_are_worked_out_again(
        decks: Path, tmp_path: Path, junk: str) -> None:
    plain = Path(shutil.copytree(decks, tmp_path / "plain"))
    shutil.rmtree(plain / shipped.FOLDER)
    parsed = _walk(plain, tmp_path / "scores-parsed", "us-france")
    part, make = JUNK[junk]
    found = sealed.unpack(shipped.HEAD,
                          shipped.shipped_path(decks / "us-france.yaml").read_bytes())[part]
    _envelope(decks, lambda t: t.__setitem__(part, make(found)))()
    reveal._KNOWN.clear()
    assert _walk(decks, tmp_path / "scores", "us-france") == parsed


def test_the_command_writes_refreshes_and_removes_copies(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    shutil.copy(bundled_decks_dir() / "space.yaml", folder)
    (folder / shipped.FOLDER).mkdir()
    (folder / shipped.FOLDER / "gone.deck").write_bytes(b"old")
    assert shipped.main([str(folder)]) == 0
    said = capsys.readouterr().out
    assert f"wrote {folder / 'compiled' / 'space.deck'}" in said and "removed" in said
    assert shipped.stale(folder) == []
    assert shipped.main([str(folder)]) == 0
    assert "up to date" in capsys.readouterr().out
    copy = folder / shipped.FOLDER / "space.deck"
    top = list(sealed.unpack(shipped.HEAD, copy.read_bytes()))
    top[7] = {key: False for key in top[7]}  # relations the code would not work out
    copy.write_bytes(sealed.pack(shipped.HEAD, tuple(top)))
    assert shipped.stale(folder) == [f"{copy}: relations not as this code makes them"]
    (folder / "space.yaml").write_text("title: [broken\n", encoding="utf-8")
    assert shipped.main([str(folder)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "space.yaml:" in err
