"""Domain code never imports the UI: each non-UI module is imported alone in a fresh interpreter.

And the other way round, the UI reaches the score store only through the study service: no
module of quiz/tui imports quiz.store or quiz.stats (outside ``if TYPE_CHECKING:``), nor
takes the service's lock or its store.
"""

from __future__ import annotations

import ast
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


# -- the UI goes through the study service ------------------------------------------------

UI = ROOT / "quiz" / "tui"
FORBIDDEN = ("quiz.store", "quiz.stats")
"""What only the study service may import: screens ask it (`quiz.study.Study`) instead."""


def _runtime_imports(tree: ast.Module) -> list[tuple[int, str]]:
    """Modules imported outside ``if TYPE_CHECKING:`` blocks, with their lines."""
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found.extend((node.lineno, f"{node.module}.{a.name}") for a in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


UI_MODULES = sorted(UI.rglob("*.py"))


@pytest.mark.parametrize("path", UI_MODULES, ids=[str(p.relative_to(UI)) for p in UI_MODULES])
def test_ui_module_goes_through_the_study_service(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    bad = [f"line {line}: imports {name}" for line, name in _runtime_imports(tree)
           if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)]
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("_lock", "store") \
                and "study" in ast.unparse(node.value).lower():
            bad.append(f"line {node.lineno}: reaches past the service ({ast.unparse(node)})")
    assert not bad, f"{path.name}: " + "; ".join(bad)


def test_the_rule_sees_the_screens() -> None:
    names = {p.name for p in UI_MODULES}
    assert {"app.py", "history.py", "browser.py", "study.py"} <= names
