"""`lazy_exports`: a package's re-exported names, each imported from its module on first use.

The app's screens and widgets packages re-export their classes, but importing one screen's
module must not import every other screen (and their widgets, DataTable among them): the
app loads only what its first frame draws before it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_exports(package: str, modules: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` (PEP 562) for ``package``: ``name`` comes from the submodule
    ``modules[name]``, imported when the name is first asked for."""

    def attribute(name: str) -> Any:
        if name not in modules:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(import_module(f"{package}.{modules[name]}"), name)

    return attribute
