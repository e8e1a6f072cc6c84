"""The benchmark scripts still work: tiny sizes, well-formed results. No timing is asserted."""

from __future__ import annotations

import json
import math
import sqlite3
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import bench_grade  # noqa: E402
import bench_optimize  # noqa: E402
import bench_store  # noqa: E402
import common  # noqa: E402
import make_collection  # noqa: E402
import run  # noqa: E402

from quiz.clock import FixedClock  # noqa: E402
from quiz.store import Store  # noqa: E402


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> make_collection.Collection:
    """The smallest collection: 40 facts over five decks, 600 reviews."""
    return make_collection.ensure(40, 600, seed=3, folder=tmp_path_factory.mktemp("tiny"))


def test_collection_is_what_its_manifest_says(tiny: make_collection.Collection) -> None:
    manifest = json.loads((tiny.folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest == tiny.manifest
    assert sum(d["facts"] for d in manifest["decks"]) == 40
    assert sorted(p.stem for p in tiny.decks_dir.glob("*.yaml")) == sorted(
        name for name, _ in make_collection.DECKS)
    with Store.open(tiny.scores_dir, FixedClock(make_collection.NOW)) as store:
        assert store.next_due() is not None
    conn = sqlite3.connect(tiny.scores_dir / "quiz.sqlite3")
    try:
        reviews, last = conn.execute("SELECT count(*), max(reviewed_at) FROM reviews").fetchone()
        answered = conn.execute("SELECT sum(answered) FROM sessions").fetchone()[0]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert reviews == answered == manifest["review_rows"] == 600
    assert last < make_collection.NOW.timestamp() * 1000  # the history ends before "now"


def test_collection_is_reused_and_deterministic(tiny: make_collection.Collection,
                                                tmp_path: Path) -> None:
    again = make_collection.ensure(40, 600, seed=3, folder=tiny.folder)
    assert again.manifest["built_in_s"] == tiny.manifest["built_in_s"]  # not rebuilt
    other = make_collection.ensure(40, 600, seed=3, folder=tmp_path / "other")
    for deck in tiny.decks_dir.glob("*.yaml"):
        assert (other.decks_dir / deck.name).read_bytes() == deck.read_bytes()
    rows = "SELECT reviewed_at, deck_id, fact_id, blank, format, verdict FROM reviews ORDER BY id"
    first = sqlite3.connect(tiny.scores_dir / "quiz.sqlite3")
    second = sqlite3.connect(other.scores_dir / "quiz.sqlite3")
    try:
        assert first.execute(rows).fetchall() == second.execute(rows).fetchall()
    finally:
        first.close()
        second.close()


def test_store_figures_are_well_formed(tiny: make_collection.Collection, tmp_path: Path) -> None:
    scratch = common.scratch_copy(tiny.scores_dir, tmp_path / "scores")
    results = bench_store.measure(tiny.decks_dir, scratch, runs=3)
    assert "bare INSERT, same settings (baseline)" in results
    assert any(name.startswith("record_answer") for name in results)
    for median, p99 in results.values():
        assert 0 <= median <= p99 and math.isfinite(p99)


def test_grade_figures_cover_every_kind() -> None:
    results = bench_grade.run(repeat=2)
    assert set(results) == {"date", "number", "name", "text", "list"}
    for figures in results.values():
        assert 0 < figures["cold_median_us"] <= figures["cold_p99_us"]
        assert figures["calls"] > 0


def test_the_launch_child_studies_at_the_collections_now() -> None:
    assert common.NOW == make_collection.NOW


def test_percentile_is_nearest_rank() -> None:
    samples = [float(n) for n in range(1, 101)]
    assert common.percentile(samples, 0.99) == 99.0
    assert common.percentile(samples, 0.5) == 50.0
    assert common.percentile([3.0], 0.99) == 3.0


def test_table_and_json_say_what_is_missing() -> None:
    figures = [
        common.Figure("launch", "ms", 300.0, 320.0, 200.0, "bare app", 1.5, "ratio"),
        common.Figure("next question", "ms", 10.0, 60.0, target=16, target_p99=50),
        common.missing("history", "ms", "not written yet", 300),
    ]
    assert figures[0].ratio == pytest.approx(1.5) and figures[0].met is True
    assert figures[1].met is False
    assert figures[2].missing and figures[2].met is None
    text = common.table(figures)
    assert "MISSING" in text and "not written yet" in text and "1.50x" in text
    assert "≤ 16 ms, p99 ≤ 50 ms" in text
    json.dumps([f.to_dict() for f in figures])


@pytest.mark.slow
def test_app_children_reach_a_question(tiny: make_collection.Collection, tmp_path: Path) -> None:
    scratch = common.scratch_copy(tiny.scores_dir, tmp_path / "scores")
    decks, deck = str(tiny.decks_dir), tiny.study_deck
    seconds, launched = run.spawn("app", decks, str(scratch), deck)
    assert launched["reached"] and launched["peak_rss_mb"] > 0 and seconds > 0
    _, keys = run.spawn("keys", decks, str(scratch), deck, "2")
    assert len(keys["next_ms"]) == len(keys["answer_ms"]) == 2
    assert all(ms > 0 for ms in keys["next_ms"] + keys["answer_ms"])
    _, history = run.spawn("history", decks, str(scratch), "1")
    assert 0 < history["shown_ms"][0] <= history["filled_ms"][0]


def test_bench_optimize_reports_on_a_tiny_collection(tiny: make_collection.Collection,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_optimize.main(["--facts", "40", "--reviews", "600", "--seed", "3",
                                "--dir", str(tiny.folder), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["reviews"] > 0 and figures["peak_rss_mb"] > 0
    assert "Too little history" in figures["problem"]  # 600 answers over 40 facts
    assert set(figures["seconds"]) >= {"read", "items", "fit", "score", "workload"}


def test_first_card_child_and_the_store_rows(tiny: make_collection.Collection,
                                             tmp_path: Path) -> None:
    scratch = common.scratch_copy(tiny.scores_dir, tmp_path / "scores")
    ms, found = common.spawn_first_card("quiz", str(tiny.decks_dir), str(scratch),
                                        tiny.study_deck, make_collection.NOW.isoformat())
    assert ms > 0 and found["chars"] > 0 and found["peak_rss_mb"] > 0
    results = bench_store.measure(tiny.decks_dir, scratch, runs=3, answers=4)
    assert len(results["answers"]) == 4
    figures = run.store_figures(tiny, run.QUICK, scratch, None)
    due, answer = figures[0], figures[1]
    assert due.name.startswith("due counts") and due.baseline is None and "MISSING" in due.note
    assert answer.max is not None and answer.p99 is not None and answer.p99 <= answer.max


def test_children_write_bytecode_as_an_installed_user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    assert "PYTHONDONTWRITEBYTECODE" not in common.child_env()


def test_a_slow_last_answer_misses_the_max_target() -> None:
    ok = common.Figure("answer", "ms", 1.0, 4.0, target=5, target_on="p99", max=19.0,
                       target_max=20)
    slow = common.Figure("answer", "ms", 1.0, 4.0, target=5, target_on="p99", max=87.0,
                         target_max=20)
    assert ok.met is True and slow.met is False
    assert "p99 ≤ 5 ms, max ≤ 20 ms" in common.table([ok, slow])


def test_statements_become_anki_clozes() -> None:
    import bench_anki

    assert bench_anki._cloze("Signed in {{1778}} by {{Franklin}}.") == \
        "Signed in {{c1::1778}} by {{c2::Franklin}}."


def test_every_step_of_run_py_measures_at_tiny_sizes() -> None:
    from dataclasses import replace

    sizes = replace(run.QUICK, load_facts=60, load_repeat=1, grade_repeat=2, question_facts=60,
                    questions=12)
    figures = run.load_figures(sizes, quick=True) + run.grade_figures(sizes) + \
        run.question_figures(sizes)
    assert not [f.name for f in figures if f.missing and "no card" not in f.note]
    assert any("from the cache" in f.name and "every fact decoded" in f.note for f in figures)


@pytest.mark.parametrize("sizes", [run.FULL, run.QUICK], ids=["full", "quick"])
def test_paired_runs_favour_no_side_by_order(sizes: run.Sizes) -> None:
    """The launch rounds (bare app, app, app on a new store) and the domain pairs run each
    side before, and just after, each other as often: a paired ratio compares runs a moment
    apart, and what the run before leaves (warm caches, a busy disk) must not fall on one
    side more often."""
    for items, rounds in (("ban", sizes.launches), ("qa", sizes.pairs)):
        orders = ["".join(run._rotated(items, turn)) for turn in range(rounds)]
        for x in items:
            for y in items.replace(x, ""):
                before = sum(o.index(x) < o.index(y) for o in orders)
                assert before * 2 == rounds, (orders, x, y)
                just = sum(f"{x}{y}" in o for o in orders)
                assert just == sum(f"{y}{x}" in o for o in orders), (orders, x, y)
