"""Importing Anki packages, both layouts, built here (genanki; sqlite3 + zstandard)."""

from __future__ import annotations

import sqlite3
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest
from anki_builders import (
    BASIC_REVERSED, CLOZE, ODD, VOCAB, Note, build_current, build_legacy, card_id,
)

from quiz import load_deck
from quiz.cli import main
from quiz.interop import InteropError
from quiz.interop.anki import fact_id_for, guid_for, read_anki
from quiz.store import Store

DAY = 86_400_000
T0 = 1_700_000_000_000

NOTES = [
    Note(1, "Ab#c!1", BASIC_REVERSED, ["What is the capital of <b>France</b>?", "Paris&nbsp;"],
         tags="geo europe", cards=[0, 1]),
    Note(2, "Cl%z:2", CLOZE, ["{{c1::Canberra::city}} is the capital of {{c2::Australia}}.",
                              "Not Sydney."], cards=[0, 1]),
    Note(3, "Vo`c3", VOCAB, ["xin chào", "hello<br>greetings <img src='a.png'>", "[sin˧˧]"],
         suspended=[0]),
    Note(4, "Od+d4", ODD, ["alpha", "beta", "gamma"]),
    Note(5, "Im[g5", BASIC_REVERSED, ["<img src='flag.png'>", "Japan"], cards=[0]),
]
FRANCE, PARIS_Q = card_id(NOTES[0], 0), card_id(NOTES[0], 1)
CANBERRA, AUSTRALIA = card_id(NOTES[1], 0), card_id(NOTES[1], 1)
REVLOG = [  # (ms, card, ease, factor, ms taken, type)
    (T0, FRANCE, 3, 0, 4000, 0),
    (T0 + 600_000, FRANCE, 3, 2500, 3000, 0),
    (T0 + 2 * DAY, FRANCE, 3, 2500, 2500, 1),
    (T0 + 3 * DAY, FRANCE, 0, 2500, 0, 4),           # set due date: not an answer
    (T0 + 5 * DAY, FRANCE, 4, 2650, 2000, 1),
    (T0 + 1000, CANBERRA, 1, 0, 8000, 0),
    (T0 + DAY + 1000, CANBERRA, 0, 0, 0, 4),                # Forget: the answer before is dropped
    (T0 + 2 * DAY + 1000, CANBERRA, 3, 0, 5000, 0),
    (T0 + 3 * DAY + 2000, AUSTRALIA, 3, 0, 1000, 3),        # cram in a filtered deck
    (T0 + 3 * DAY + 3000, 999_999, 3, 2500, 1000, 1),       # a card not in the package
]


@pytest.fixture()
def current(tmp_path: Path) -> Path:
    return build_current(tmp_path / "capitals.apkg", NOTES, REVLOG)


def test_current_layout_facts(current: Path) -> None:
    deck = read_anki(current)
    assert deck.title == "Capitals"
    by_id = {f.id: f for f in deck.facts}
    france = by_id[fact_id_for("Ab#c!1")]
    assert (france.question, france.answer, france.tags) == (
        "What is the capital of France?", "Paris", ("geo", "europe"))
    reverse = by_id[fact_id_for("Ab#c!1") + "-2"]
    assert (reverse.question, reverse.answer) == ("Paris", "What is the capital of France?")
    cloze = by_id[fact_id_for("Cl%z:2")]
    assert cloze.text == "{{Canberra}} (city) is the capital of {{Australia}}."
    assert cloze.explain == "Not Sydney."
    assert cloze.cards == ((CANBERRA,), (AUSTRALIA,))
    vocab = by_id[fact_id_for("Vo`c3")]
    assert (vocab.question, vocab.answer, vocab.explain) == ("xin chào", "hello; greetings", "[sin˧˧]")
    odd = by_id[fact_id_for("Od+d4")]
    assert (odd.question, odd.answer) == ("alpha", "beta")
    assert deck.media == 2
    assert deck.skipped["cards that are only an image or a sound"] == 1
    assert len(deck.facts) == 5


def test_history_entries_are_handled_by_kind(current: Path) -> None:
    deck = read_anki(current)
    france = [r for r in deck.reviews if r.card == FRANCE]
    assert [r.rating for r in france] == [3, 3, 3, 4]
    assert [r.rating for r in deck.reviews if r.card == CANBERRA] == [3]
    cram = [r for r in deck.reviews if r.card == AUSTRALIA]
    assert len(cram) == 1 and cram[0].cram
    assert deck.skipped["answers before the card was reset (Forget) in Anki"] == 1
    assert deck.skipped["manual reschedules in Anki (set due date, reschedule)"] == 2
    assert deck.skipped["answers to cards not imported"] == 1
    assert france[0].at == datetime.fromtimestamp(T0 / 1000, timezone.utc)


def test_legacy_layout_written_by_genanki(tmp_path: Path) -> None:
    notes = [n for n in NOTES if n.type is not ODD]
    package = build_legacy(tmp_path / "legacy.apkg", notes, [r for r in REVLOG if r[1] != 999_999])
    deck = read_anki(package)
    ids = {f.id for f in deck.facts}
    assert fact_id_for("Ab#c!1") in ids and fact_id_for("Ab#c!1") + "-2" in ids
    cloze = next(f for f in deck.facts if f.is_statement)
    assert cloze.text == "{{Canberra}} (city) is the capital of {{Australia}}."
    assert [r.rating for r in deck.reviews if r.cram] == [3]
    assert len([r for r in deck.reviews if not r.cram]) == 5


def test_fields_override_picks_what_is_asked(current: Path) -> None:
    deck = read_anki(current, fields=("IPA", "Word"))
    vocab = next(f for f in deck.facts if f.id == fact_id_for("Vo`c3"))
    assert (vocab.question, vocab.answer) == ("[sin˧˧]", "xin chào")


def test_fields_that_no_note_type_has_are_named(current: Path) -> None:
    with pytest.raises(InteropError, match="no note type has both fields 'Nope' and 'Back'.*Vocabulary: Word, Meaning, IPA"):
        read_anki(current, fields=("Nope", "Back"))


def test_colpkg_reads_like_apkg(tmp_path: Path) -> None:
    from quiz.interop import read_any

    package = build_current(tmp_path / "collection.colpkg", NOTES[:2])
    assert len(read_any(package).facts) == 3


def test_quiz_guids_give_fact_ids_back() -> None:
    assert fact_id_for(guid_for("us-france", "amity-treaty")) == "amity-treaty"
    assert fact_id_for("P1gCP#B?mv") == fact_id_for("P1gCP#B?mv")
    assert fact_id_for("P1gCP#B?mv").startswith("anki-")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_writes_deck_and_history(current: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    decks, scores = tmp_path / "decks", tmp_path / "scores"
    code, out, err = _run(capsys, "import", str(current), "--decks", str(decks), "--scores", str(scores))
    assert code == 0, err
    path = decks / "capitals.yaml"
    assert out.startswith(f"{path}: imported Capitals [capitals]: 5 facts, 6 cards")
    assert "history: 6 answers in" in out
    assert "skipped: 1 cards that are only an image or a sound" in out
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Imported by `quiz import` from capitals.apkg (Anki, collection.anki21b)")
    deck = load_deck(path)
    assert deck.id == "capitals"
    with Store.open(scores) as store:
        rows = store.read("SELECT fact_id, blank, mode, imported, format FROM reviews ORDER BY id")
        assert {r[3] for r in rows} == {"anki"} and {r[4] for r in rows} == {"anki"}
        assert ("cram" in {r[2] for r in rows})
        card = store.read("SELECT state, reps FROM cards WHERE fact_id = ? AND blank = 0",
                          (fact_id_for("Ab#c!1"),))
        assert card == [(2, 4)]
        assert store.rebuild().ok
        sessions = store.read("SELECT count(*), sum(answered) FROM sessions WHERE imported = 'anki'")
        assert sessions[0][1] == 6
        assert store.read("SELECT fact_id, suspended FROM cards WHERE suspended != 0") == [
            (fact_id_for("Vo`c3"), 1)]
    assert "suspended: 1 card, as in Anki" in out
    import json

    code, stats, _ = _run(capsys, "stats", "--json", "--decks", str(decks), "--scores", str(scores))
    assert code == 0 and json.loads(stats)["calendar"]["total_reviews"] == 6
    code, history, _ = _run(capsys, "history", "--json", "--decks", str(decks), "--scores", str(scores))
    assert code == 0 and sum(s["questions"] for s in json.loads(history)["sessions"]) == 6

    code, _, err = _run(capsys, "import", str(current), "--decks", str(decks), "--scores", str(scores))
    assert code == 1 and "already exists; add --force" in err
    code, out, err = _run(capsys, "import", str(current), "--decks", str(decks), "--scores",
                          str(scores), "--force")
    assert code == 0, err
    assert "history: 0 answers" in out and "(6 already in your scores, left out)" in out
    assert [f.id for f in load_deck(path).facts] == [f.id for f in deck.facts]


def test_no_history_imports_cards_only(current: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "import", str(current), "-o", str(tmp_path / "d" / "caps.yaml"),
                          "--scores", str(tmp_path / "s"), "--no-history")
    assert code == 0, err
    assert "history: not imported (--no-history)" in out
    assert not (tmp_path / "s").exists()


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _encrypted(path: Path) -> Path:
    _zip(path, {"collection.anki21b": b"x" * 100})
    raw = bytearray(path.read_bytes())
    for signature in (b"PK\x03\x04", b"PK\x01\x02"):  # set the "encrypted" flag bit
        at = raw.find(signature)
        offset = 6 if signature == b"PK\x03\x04" else 8
        raw[at + offset] |= 1
    path.write_bytes(bytes(raw))
    return path


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: p.write_bytes(b"not a zip at all") and p, "not a zip archive"),
    (lambda p: _zip(p, {"notes.txt": b"hello"}), "unknown package layout"),
    (lambda p: _zip(p, {"collection.anki21b": b"\x28\xb5\x2f\xfd garbage"}), "damaged"),
    (lambda p: _zip(p, {"collection.anki21": b"SQLite format 3\x00" + b"\x00" * 50}), "damaged"),
    (lambda p: _encrypted(p), "encrypted"),
    (lambda p: build_current(p, [], []), "holds no notes"),
])
def test_bad_packages_are_one_line_and_write_nothing(tmp_path: Path, make: object, message: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    package = tmp_path / "bad.apkg"
    make(package)  # type: ignore[operator]
    code, out, err = _run(capsys, "import", str(package), "--decks", str(tmp_path / "decks"),
                          "--scores", str(tmp_path / "scores"))
    assert code == 1
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert not (tmp_path / "decks").exists() or not list((tmp_path / "decks").iterdir())
    assert not (tmp_path / "scores").exists()


def test_stub_alone_asks_for_the_real_collection(tmp_path: Path) -> None:
    full = build_current(tmp_path / "full.apkg", NOTES[:1])
    with zipfile.ZipFile(full) as archive:
        stub = archive.read("collection.anki2")
    package = _zip(tmp_path / "stub.apkg", {"collection.anki2": stub})
    with pytest.raises(InteropError, match="stub"):
        read_anki(package)
    conn = sqlite3.connect(":memory:")
    conn.deserialize(stub)
    assert "Please update" in conn.execute("SELECT flds FROM notes").fetchone()[0]


def test_bench_import_runs_on_a_built_package(current: Path) -> None:
    """The benchmark script works (no timing is asserted: that is the script's job)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    import bench_import

    result = bench_import.run(current, 1)
    assert str(result["report"]).splitlines()[0].endswith(": imported Capitals [capitals]: 5 facts, 6 cards (3 name, 3 text)")
    assert float(result["import_s"]) > 0 and float(result["import_cpu_s"]) > 0  # type: ignore[arg-type]


def test_huge_collections_and_text_files_are_refused(current: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import quiz.interop as interop
    from quiz.interop import anki_package, read_any

    monkeypatch.setattr(anki_package, "MAX_COLLECTION_BYTES", 4096)
    with pytest.raises(InteropError, match="over 0 MB uncompressed|collections over"):
        read_anki(current)
    monkeypatch.setattr(interop, "MAX_TEXT_BYTES", 10)
    big = tmp_path / "big.csv"
    big.write_text("a,b\n" * 10, encoding="utf-8")
    with pytest.raises(InteropError, match="text files up to"):
        read_any(big)


@pytest.mark.parametrize(("conf", "expected"), [
    ('{"schedVer": 1}', [4, 1, 3]), ('{"schedVer": 2}', [3, 1, 3]), ("", [3, 1, 3])])
def test_old_scheduler_learning_buttons(tmp_path: Path, conf: str, expected: list[int]) -> None:
    """Anki's v1 scheduler had three learning buttons: its 3 was Easy."""
    note = NOTES[0]
    revlog = [(T0, FRANCE, 3, 0, 1000, 0), (T0 + DAY, FRANCE, 1, 0, 1000, 0),
              (T0 + 2 * DAY, FRANCE, 3, 2500, 1000, 1)]
    package = build_legacy(tmp_path / "old.apkg", [note], revlog)
    with zipfile.ZipFile(package) as archive:
        data = archive.read("collection.anki2")
    conn = sqlite3.connect(":memory:")
    conn.deserialize(data)
    conn.execute("UPDATE col SET conf = ?", (conf,))
    conn.commit()
    _zip(package, {"collection.anki2": conn.serialize()})
    assert [r.rating for r in read_anki(package).reviews] == expected


def test_stored_state_text_is_what_json_writes() -> None:
    """The import writes card states without `json` for speed; the text must not differ."""
    import json
    import random
    from datetime import timedelta

    from quiz.scheduler import NEW_CARD, Rating, Scheduler
    from quiz.store.imports import _stored

    scheduler, state = Scheduler(), NEW_CARD
    at = datetime(2023, 1, 1, tzinfo=timezone.utc)
    rng = random.Random(5)
    assert _stored(state) == json.dumps(state.to_dict())
    for n in range(300):
        state = scheduler.review(("d", "f", 0), state, Rating(rng.randint(1, 4)),
                                 at + timedelta(minutes=n * 731))
        assert _stored(state) == json.dumps(state.to_dict())
