"""Fact ids for imported facts: the source's own id when it has one, else the wording's slug.

An id from the wording (``what-is-the-capital-of-france``) is stable as long as the
question is, which is what a text file offers; Anki GUIDs (in a guid column) are turned
into ids as `quiz.interop.anki.fact_id_for` does for packages.
"""

from __future__ import annotations

from quiz.extract.draft import slug

__all__ = ["IdMaker"]


class IdMaker:
    """Hands out ids unique within one deck."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def make(self, given: str, wording: str) -> str:
        """An unused id: ``given`` if it is one (or an Anki GUID), else from ``wording``."""
        from quiz.deck import ID_RE
        from quiz.interop.anki import fact_id_for

        given = given.strip()
        if given and ID_RE.match(given):
            base = given
        elif given:
            base = fact_id_for(given)
        else:
            base = slug(wording.replace("{{", " ").replace("}}", " "), 48) or "fact"
        candidate, n = base, 2
        while candidate in self.taken:
            candidate, n = f"{base}-{n}", n + 1
        self.taken.add(candidate)
        return candidate
