"""What every importer hands back: an `ImportedDeck` of plain facts, history and notes.

Each format module (`anki`, `delimited`, `markdown`) ends here; `quiz.interop.yaml_out`
turns the result into a deck file that `quiz.load_deck` reads, and the store takes the
history (`quiz.store.Store.import_answers`). Nothing here knows a file format.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime


class InteropError(Exception):
    """The input cannot be imported; the message is one line saying where and what."""


@dataclass(frozen=True, slots=True)
class ImportedFact:
    """One fact as a deck file will hold it: a question and answer, or a statement.

    ``text`` holds ``{{blanks}}`` for a statement (then ``question``/``answer`` are None);
    ``cards`` maps each blank to the source's card ids whose history it takes.
    """

    id: str
    question: str | None = None
    answer: str | list[str] | None = None
    """A list answer is written as a YAML list (kind ``list``)."""
    text: str | None = None
    explain: str | None = None
    tags: tuple[str, ...] = ()
    source: str | None = None
    """A key of `ImportedDeck.sources`."""
    options: dict[str, object] = field(default_factory=dict)
    """Answer options to write as they are (``kind``, ``accept``, …); most importers leave
    them empty so kinds are inferred as for a hand-written deck."""
    blanks: tuple[dict[str, object], ...] = ()
    """Per-blank options for a statement with several blanks (empty: all inferred)."""
    cards: tuple[tuple[int, ...], ...] = ()
    """Source card ids per blank (a question has one entry), for the history."""

    @property
    def is_statement(self) -> bool:
        """A statement with blanks rather than a question."""
        return self.text is not None


@dataclass(frozen=True, slots=True)
class ImportedReview:
    """One answer from the source's review log, ready for the store."""

    card: int
    """The source's card id (see `ImportedFact.cards`)."""
    at: datetime
    """When it was answered (timezone-aware UTC)."""
    rating: int
    """1 Again, 2 Hard, 3 Good, 4 Easy."""
    duration_ms: int
    cram: bool = False
    """Practised outside the schedule (Anki's filtered decks without rescheduling)."""


@dataclass
class ImportedDeck:
    """A deck read from a foreign file, before it is written as YAML."""

    title: str
    source: str
    """What it came from, for the comment on top (a file name and its format)."""
    facts: list[ImportedFact] = field(default_factory=list)
    description: str = ""
    sources: dict[str, str] = field(default_factory=dict)
    """The deck's ``sources``: key → description."""
    reviews: list[ImportedReview] = field(default_factory=list)
    suspended: set[int] = field(default_factory=set)
    """Source card ids the learner suspended (they stay suspended in quiz)."""
    skipped: Counter[str] = field(default_factory=Counter)
    """Items left out, by the reason given to the learner."""
    media: int = 0
    """Media references (images, sounds) dropped from the text."""
    suggested_id: str = ""
    """An id for the deck when the learner gives none (from the source's own name)."""

    def skip(self, reason: str, count: int = 1) -> None:
        """Count ``count`` items left out for ``reason``."""
        self.skipped[reason] += count
