"""``quiz optimize`` on stores holding histories simulated from known parameters: the fit
is judged on held-back answers, applied only when better, card states are recomputed from
the log (due dates kept unless asked), and ``quiz doctor`` still finds the log and the
states in agreement."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from cli_run import run
from fsrs_history import START, Answer, fill_store, simulate

from quiz.clock import FixedClock
from quiz.commands import output
from quiz.scheduler import DEFAULT_PARAMETERS
from quiz.store import Store

DATA = Path(__file__).resolve().parents[1] / "data"
NOW = START + timedelta(days=121)


@pytest.fixture(scope="module")
def history() -> list[Answer]:
    return simulate(deck="alliance")


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
            history: list[Answer]) -> tuple[Path, Path]:
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "alliance.yaml").write_bytes((DATA / "alliance.yaml").read_bytes())
    scores = tmp_path / "scores"
    fill_store(scores, history, FixedClock(NOW))
    monkeypatch.setattr(output, "clock", lambda: FixedClock(NOW))
    return decks, scores


def states(scores: Path) -> dict[tuple[str, str, int], tuple[float, int]]:
    with Store.open(scores, FixedClock(NOW)) as store:
        rows = store.read("SELECT deck_id, fact_id, blank, stability, due FROM cards")
    return {(d, f, b): (s, due) for d, f, b, s, due in rows}


def test_optimize_applies_a_better_fit_and_keeps_due_dates(
        folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    decks, scores = folders
    before = states(scores)
    code, out, err = run(capsys, "optimize", "--json", "--decks", str(decks), "--scores", str(scores))
    assert code == 0, err
    found = json.loads(out)
    assert found["applied"] is True and found["better"] is True
    assert found["reviews"] == sum(1 for _ in simulate(deck="alliance"))
    assert len(found["parameters"]) == 21
    assert found["log_loss_after"] < found["log_loss_before"]
    assert found["rmse_after"] < found["rmse_before"]
    assert found["cards_updated"] > 0
    assert set(found["workload"]["by_retention"]) == {"0.8", "0.85", "0.9", "0.95"}
    with Store.open(scores, FixedClock(NOW)) as store:
        assert store.settings().parameters_for("alliance") == tuple(found["parameters"])
        record = store.fit_records()[""]
        assert record["reviews"] == found["reviews"] and record["rescheduled"] is False
        assert store.rebuild().ok  # the log and the states agree (due dates kept)
    after = states(scores)
    assert {k: due for k, (_, due) in after.items()} == {k: due for k, (_, due) in before.items()}
    assert sum(after[k][0] != before[k][0] for k in before) == found["cards_updated"]

    code, out, _ = run(capsys, "stats", "--json", "--decks", str(decks), "--scores", str(scores))
    scheduling = json.loads(out)["scheduling"]
    assert scheduling["personal"] is True
    assert scheduling["parameters"] == found["parameters"]
    assert scheduling["reviews"] == found["reviews"]
    assert scheduling["workload"]["suggested_retention"] in (0.8, 0.85, 0.9, 0.95)

    code, out, _ = run(capsys, "optimize", "--reset", "--decks", str(decks), "--scores", str(scores))
    assert code == 0 and "Back to the default FSRS parameters for all decks" in out
    with Store.open(scores, FixedClock(NOW)) as store:
        assert store.settings().parameters_for("alliance") == DEFAULT_PARAMETERS
        assert store.rebuild().ok
    assert states(scores) == before


def test_reschedule_moves_due_dates_to_what_the_log_gives(
        folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    decks, scores = folders
    before = states(scores)
    code, out, err = run(capsys, "optimize", "--reschedule", "--decks", str(decks),
                         "--scores", str(scores))
    assert code == 0, err
    assert "due dates moved" in out and "reviews/day" in out
    after = states(scores)
    assert any(after[k][1] != before[k][1] for k in before)
    with Store.open(scores, FixedClock(NOW)) as store:
        report = store.rebuild()
        assert report.ok and report.cards == len(before)


def test_dry_run_changes_nothing(folders: tuple[Path, Path],
                                 capsys: pytest.CaptureFixture[str]) -> None:
    decks, scores = folders
    before = states(scores)
    code, out, _ = run(capsys, "optimize", "--dry-run", "--json", "--decks", str(decks),
                       "--scores", str(scores))
    assert code == 0 and json.loads(out)["applied"] is False
    assert states(scores) == before


def test_too_little_history_is_one_clear_sentence(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output, "clock", lambda: FixedClock(NOW))
    scores = tmp_path / "scores"
    few = simulate(cards=10, days=30, deck="alliance")
    fill_store(scores, few, FixedClock(NOW))
    code, out, err = run(capsys, "optimize", "--decks", str(DATA), "--scores", str(scores))
    assert code == 0 and err == ""
    first = out.splitlines()[0]
    assert first.startswith("Too little history to fit personal parameters:")
    assert f"of your {len(few):,} answers" in first and "at least 400" in first
    code, out, _ = run(capsys, "optimize", "--json", "--decks", str(DATA), "--scores", str(scores))
    found = json.loads(out)
    assert found["applied"] is False and found["log_loss_after"] is None
    assert found["reviews"] == len(few) and found["parameters"] == list(DEFAULT_PARAMETERS)


def test_an_unknown_deck_is_a_one_line_error(folders: tuple[Path, Path],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    decks, scores = folders
    code, _, err = run(capsys, "optimize", "--deck", "nope", "--decks", str(decks),
                       "--scores", str(scores))
    assert code == 1 and err.count("\n") == 1 and "no deck nope" in err


def test_a_deck_gets_its_own_parameters(folders: tuple[Path, Path],
                                        capsys: pytest.CaptureFixture[str]) -> None:
    decks, scores = folders
    code, out, _ = run(capsys, "optimize", "--deck", "alliance", "--json", "--decks", str(decks),
                       "--scores", str(scores))
    found = json.loads(out)
    assert code == 0 and found["deck"] == "alliance" and found["applied"] is True
    with Store.open(scores, FixedClock(NOW)) as store:
        settings = store.settings()
        assert settings.parameters_for("alliance") == tuple(found["parameters"])
        assert settings.parameters_for("other") == DEFAULT_PARAMETERS
        assert store.rebuild().ok


def test_the_optimizer_process_speaks_json_both_ways(folders: tuple[Path, Path]) -> None:
    """`evaluate_apart` sends its inputs and reads its results as JSON — nothing read back
    from the child can run code — and both survive the trip unchanged."""
    from quiz import optimize
    from quiz.library import load_library

    decks, scores = folders
    library = load_library(decks)
    with Store.open(scores, FixedClock(NOW)) as store:
        inputs = optimize.gather(store, library.decks)
    sent = json.loads(json.dumps(optimize.inputs_to_json(inputs)))
    assert optimize.inputs_from_json(sent) == inputs
    outcome, load = optimize.evaluate(inputs)
    back = json.loads(json.dumps(optimize.results_to_json(outcome, load)))
    assert optimize.results_from_json(back) == (outcome, load)
    assert outcome.fit is not None
    source = Path(optimize.__file__).read_text(encoding="utf-8")
    assert "pickle" not in source
