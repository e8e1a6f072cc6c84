"""The README's pictures and links to files in the repository point at files that exist."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parents[2]
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")


def test_every_relative_link_of_the_readme_exists() -> None:
    targets = [unquote(t.split("#")[0]) for t in LINK.findall((ROOT / "README.md").read_text("utf-8"))
               if "://" not in t and not t.startswith("#")]
    assert any(t.endswith(".svg") for t in targets), "the README's screenshot is gone"
    missing = [t for t in targets if not (ROOT / t).exists()]
    assert not missing, f"README links to missing files: {missing}"
