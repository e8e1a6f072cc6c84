"""Domain code never imports the UI: each non-UI module is imported alone in a fresh interpreter."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import quiz

ROOT = Path(__file__).resolve().parents[2]


def ui_packages() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["quiz"]["layering"]["ui_packages"]


def domain_modules() -> list[str]:
    names = ["quiz"]
    for info in pkgutil.walk_packages(quiz.__path__, prefix="quiz."):
        if info.name.endswith(".__main__"):
            continue  # importing it runs the command
        if not any(info.name == p or info.name.startswith(p + ".") for p in ui_packages()):
            names.append(info.name)
    return sorted(names)


def test_the_rule_covers_the_domain() -> None:
    modules = domain_modules()
    assert {"quiz.deck", "quiz.facts", "quiz.library", "quiz.cli"} <= set(modules)
    assert not any(m.startswith("quiz.tui") for m in modules)


@pytest.mark.parametrize("module", domain_modules())
def test_domain_module_imports_no_ui(module: str) -> None:
    probe = (f"import sys, importlib; importlib.import_module({module!r}); "
             "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')); "
             "print(','.join(bad))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"{module} pulls in {result.stdout.strip()}"
