"""Regular expressions compiled when first used, not when their module is imported.

Compiling a pattern costs from a tenth of a millisecond to a few; the grading and question
modules hold about a hundred at module level, most of them for answer forms and question
wordings that a launch never meets. A module on the way to the first question writes its
patterns as `LazyPattern`s, so importing it costs nothing for the ones that wait.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any


class LazyPattern:
    """A `re.Pattern` compiled the first time one of its methods is used.

    It answers like the compiled pattern (``search``, ``match``, ``fullmatch``, ``sub``,
    ``finditer``, ``findall``, ``split``, ``groupindex``, …); `pattern`, the source, is
    there at once for building larger patterns from it. Pass `compiled` where a real
    `re.Pattern` is needed (``re.sub(pattern, …)`` takes only that).
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if this is its first use)."""
        return re.compile(self.pattern, self._flags)

    def __getattr__(self, name: str) -> Any:
        # Reached only for a name not yet set on this instance: the compiled pattern's
        # attribute (a bound method) is kept here, so its next use is a plain look-up.
        if name.startswith("_"):
            raise AttributeError(name)
        value = getattr(self.compiled, name)
        setattr(self, name, value)
        return value

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self._flags!r})"
