"""The plain values the study service hands the app: deck rows, cards, outcomes, progress,
summaries. No behaviour beyond small derived properties; no Textual.

They are `NamedTuple`s, frozen and compared by value like the frozen dataclasses they were:
a class statement costs a tenth of a dataclass's (which compiles its methods on import),
and these are imported on the way to a first question (issue 17)."""

from __future__ import annotations

from datetime import datetime, timedelta

from quiz.facts import Deck, Fact
from quiz.frozen import Record
from quiz.grading import Grade
from quiz.questions import Question
from quiz.scheduler import CardKey, Mode

__all__ = ["RATING_NAMES", "Card", "DeckOverview", "ItemResult", "Mode", "Outcome", "Progress",
           "Summary"]

# `Mode` ("study", "cram", "exam", from the scheduler) is the one name of a session's mode:
# on screen, in the store, in history and in exports. ``study`` moves the schedule;
# ``cram`` and ``exam`` never do.

RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


class DeckOverview(Record):
    """One row of the home screen."""

    deck_id: str
    title: str
    path: str
    description: str
    due: int
    """Cards due today (reviews and learning steps) that today's review limit lets in."""
    new: int
    """New cards the daily limit still lets in today."""
    total: int
    """All cards of the deck (one per question, one per blank)."""
    seen: int
    """Cards studied at least once: progress is ``seen / total``."""
    last_studied: datetime | None
    retention: float | None
    """Share of reviews passed over the last 30 days (0–1), None without any."""


class Card(Record):
    """One question of a session, with the fact it asks about."""

    question: Question
    fact: Fact
    deck: Deck
    blank: int
    is_new: bool
    number: int
    """1-based position in the session."""

    @property
    def key(self) -> CardKey:
        """The card's identity in the store."""
        return self.fact.card_key(self.blank)


class ItemResult(Record):
    """One item of a `match` (a fact and the name paired with it) or `order` (a position)."""

    item: str
    """The fact (match) or the right date at this position (order)."""
    given: str
    """The name the learner paired with it (match), or which item they put at this position,
    by its date ("the 1783 one", order)."""
    right: str
    """The right name (match) or the right item at this position (order)."""
    ok: bool
    explain: str | None
    """The fact's explanation, when it has one."""


class Outcome(Record):
    """What an answer did: its grade, the rating stored and the points it earned."""

    grade: Grade
    rating: int
    """The rating stored: 1 Again, 2 Hard, 3 Good, 4 Easy."""
    suggested: int
    """The rating the verdict earned (before any override)."""
    intervals: dict[int, timedelta]
    """Time until the card is due again for each rating (empty in cram and exam)."""
    answer: str
    explain: str | None
    source: str | None
    points: int
    score: int
    """The session's points so far."""
    streak: int
    notice: str | None
    """A sentence when something beyond the answer happened (a leech was suspended)."""
    items: tuple[ItemResult, ...] = ()
    """For `match` and `order`: every item's result, in the question's order."""
    format: str = ""
    """The question's format."""
    can_undo: bool = True
    """False in an exam, whose answers are final."""
    can_set_aside: bool = True
    """False in an exam: its cards are neither suspended nor buried from it."""


class Progress(Record):
    """Where a session stands."""

    answered: int
    remaining: int
    """Cards left, the one being asked included (new + learning + due)."""
    correct: int
    score: int
    streak: int
    new: int = 0
    """New cards left (study mode; the one asked included)."""
    learning: int = 0
    """Learning steps left today (study mode): a card answered Again comes back here."""
    due: int = 0
    """Reviews due left (study mode), or every question left (cram and exam)."""
    planned: int | None = None
    """Questions in all, for cram and exam ("4 of 20 answered"); None in study mode."""
    counted: bool = True
    """False while a study queue is built behind its first question: the cards left
    (``remaining``, ``new``, ``learning``, ``due``) are not known yet, and read 0."""


class Summary(Record):
    """The end of a session."""

    mode: Mode
    title: str
    answered: int
    correct: int
    close: int
    wrong: int
    score: int
    """Points earned."""
    personal_best: int | None
    """The best points of an earlier session on the same decks and mode, if any."""
    new_best: bool
    """A best in points, counted (as in the store) from `quiz.store.BEST_MIN_ANSWERS` answers."""
    accuracy: float
    """Correct answers (close ones count half) over all answers, 0–1."""
    duration: timedelta
    by_format: dict[str, tuple[int, int]]
    """Format → (answered, correct)."""
    missed: list[tuple[str, str]]
    """(prompt, right answer) of each card answered wrong or close."""
    next_due: datetime | None
    planned: int | None = None
    """Questions an exam (or a cram of chosen cards) had in all; None in study mode."""
