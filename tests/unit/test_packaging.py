"""The wheel ships every subpackage and the bundled decks."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from quiz import locations

ROOT = Path(__file__).resolve().parents[2]


def test_every_subpackage_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "quiz").rglob("__init__.py")}
    assert on_disk | {"quiz._decks"} == listed


def test_bundled_decks_are_found() -> None:
    folder = locations.bundled_decks_dir()
    assert folder == ROOT / "decks"
    assert sorted(p.name for p in folder.glob("*.yaml"))


def test_installed_bundled_decks_are_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Installed from the wheel, the decks are the data folder quiz/_decks beside the code."""
    package = tmp_path / "site-packages" / "quiz"
    (package / "_decks" / "compiled").mkdir(parents=True)
    monkeypatch.setattr(locations, "__file__", str(package / "locations.py"))
    assert locations.bundled_decks_dir() == package / "_decks"


def test_the_wheel_ships_the_decks_with_their_compiled_copies() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    data = config["tool"]["setuptools"]["package-data"]["quiz._decks"]
    assert {"*.yaml", "compiled/*.deck"} <= set(data)
