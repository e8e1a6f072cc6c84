"""``quiz cards``: list a deck's cards, and suspend, unsuspend, unbury or forget them, for
scripts (--json) as the deck browser does on screen."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cli_run import run

from quiz.clock import FixedClock
from quiz.commands import output
from quiz.study import Study

DATA = Path(__file__).resolve().parents[1] / "data"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    decks = tmp_path / "decks"
    decks.mkdir()
    shutil.copy(DATA / "alliance.yaml", decks)
    scores = tmp_path / "scores"
    study = Study.open(decks, scores, FixedClock(NOW))
    session = study.start(["alliance"], "study", seed=7)
    card = session.next()
    assert card is not None
    session.answer("no idea", 3000)  # one card studied (and lapsed into learning)
    session.finish()
    study.close()
    monkeypatch.setattr(output, "clock", lambda: FixedClock(NOW))
    return decks, scores


def test_list_shows_every_card_with_its_state(folders: tuple[Path, Path],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    decks, scores = folders
    code, out, _ = run(capsys, "cards", "alliance", "--json", "--decks", str(decks), "--scores", str(scores))
    data = json.loads(out)
    assert code == 0 and data["deck"] == "alliance" and len(data["cards"]) == 11
    studied = [c for c in data["cards"] if c["state"] != "new"]
    assert len(studied) == 1 and studied[0]["reps"] == 1 and studied[0]["file"].startswith(str(decks))
    code, out, _ = run(capsys, "cards", "alliance", "--decks", str(decks), "--scores", str(scores))
    assert code == 0 and out.splitlines()[0].split()[:3] == ["Card", "State", "Due"]
    assert len(out.splitlines()) == 12


def test_suspend_unsuspend_and_forget_change_the_cards(folders: tuple[Path, Path],
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    decks, scores = folders
    where = ("--decks", str(decks), "--scores", str(scores))
    code, out, _ = run(capsys, "cards", "alliance", "suspend", "yorktown", "statue", *where)
    assert (code, out.strip()) == (0, "2 cards of alliance suspended")
    code, out, _ = run(capsys, "cards", "alliance", "unsuspend", "statue", "--json", *where)
    data = json.loads(out)
    assert data["changed"] == 1 and [c["suspended"] for c in data["cards"]] == [False]
    code, out, _ = run(capsys, "cards", "alliance", "--json", *where)
    flags = {c["card"]: c["suspended"] for c in json.loads(out)["cards"]}
    assert flags["yorktown"] and not flags["statue"]
    studied = next(c for c in json.loads(out)["cards"] if c["state"] != "new")
    code, out, _ = run(capsys, "cards", "alliance", "forget", studied["card"], "--json", *where)
    (forgotten,) = json.loads(out)["cards"]
    assert forgotten["state"] == "new" and forgotten["reps"] == 0
    code, out, _ = run(capsys, "history", "--json", *where)
    assert json.loads(out)["sessions"][0]["questions"] == 1  # the answer stays in the history


@pytest.mark.parametrize(("argv", "message"), [
    (("cards", "nowhere"), "no deck nowhere"),
    (("cards", "alliance", "suspend", "no-such-fact"), "no fact 'no-such-fact'"),
    (("cards", "alliance", "suspend"), "name the cards"),
    (("cards", "alliance", "yorktown:3"), "say what to do"),
    (("cards", "alliance", "suspend", "yorktown:3"), "has 1 blank"),
])
def test_bad_input_is_one_line_and_exit_1(folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
                                          argv: tuple[str, ...], message: str) -> None:
    decks, scores = folders
    code, out, err = run(capsys, *argv, "--decks", str(decks), "--scores", str(scores))
    assert code == 1 and out == "" and message in err and len(err.strip().splitlines()) == 1
