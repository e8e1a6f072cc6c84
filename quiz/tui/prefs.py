"""The app's own preferences (today: the theme), kept beside the score file as
``<scores>/app.json`` — a screen's look is no part of the learner's scores."""

from __future__ import annotations

import json
import os
from pathlib import Path

FILE = "app.json"


def load(scores_dir: Path) -> dict[str, str]:
    """The saved preferences; empty when none are saved or the file cannot be read."""
    try:
        data = json.loads((Path(scores_dir) / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)} \
        if isinstance(data, dict) else {}


def save(scores_dir: Path, **changes: str) -> bool:
    """Save preferences (written whole, then renamed into place); whether it worked."""
    folder = Path(scores_dir)
    data = {**load(folder), **changes}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{FILE}.tmp"
        temporary.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        os.replace(temporary, folder / FILE)
    except OSError:
        return False
    return True
