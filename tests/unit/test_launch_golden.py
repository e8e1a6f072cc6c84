"""Start-up reworked for speed (issue 17) asks the same first question, in the same order.

`launch_golden.py` records, on the benchmark's synthetic collection with a fixed clock and
seed, the home screen's counts, every deck's study queue and a 70-answer session;
``tests/data/launch_golden.json`` holds that recording from before the rework.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import launch_golden  # noqa: E402

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "launch_golden.json"


def test_start_up_shows_what_it_always_showed(tmp_path: Path) -> None:
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    found = json.loads(launch_golden.dump(launch_golden.record(tmp_path)))
    assert found["overview"] == expected["overview"]
    for name, queue in expected["queues"].items():
        assert found["queues"][name] == queue, name
    assert found["queues"].keys() == expected["queues"].keys()
    for n, (got, want) in enumerate(zip(found["session"], expected["session"], strict=True)):
        assert got == want, f"question {n + 1} of the session"
    assert found["overview_after"] == expected["overview_after"]
