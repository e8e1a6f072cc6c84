"""Spaced repetition on FSRS-6: card states, ratings, question formats and the study queue.

Cards and keys
    One card per fact, per blank for a statement, keyed by ``(deck_id, fact_id, blank)``
    (`quiz.facts.Fact.card_key`). Editing a fact's wording or answer keeps its progress;
    a card whose fact left its deck keeps its row and history and is simply not asked,
    and comes back with its progress if the fact returns.

Verdict to rating
    ``wrong`` → Again, ``close`` → Hard, ``correct`` → Good; a ``correct`` answer in a
    typed format (``recall``, ``cloze``) given in under `QUICK_FRACTION` (half) of the
    learner's own median time for that format → Easy, once the learner has at least
    `QUICK_MIN_SAMPLES` (10) correct answers in that format to measure a median from.
    The learner may override the rating; the override is what is stored.

Format by maturity (thresholds)
    A card is asked for *recognition* (``choice``, ``truefalse``, ``match``) while it is
    new, in learning or relearning, or in review with a stability under
    `RECALL_STABILITY_DAYS` (7 days); from a stability of 7 days on it is asked for
    *recall* (``recall``, ``cloze``, ``order``). A lapse (Again on a review card) sends it
    to relearning and its stability falls, so it drops back to recognition. When a fact
    offers no format of the wanted group the other group is used.

Queue
    Learning cards that are due come first, then due reviews, most overdue first (lowest
    retrievability), then new cards in deck order up to `Settings.new_per_day` per deck
    (default 20) and reviews up to `Settings.reviews_per_day` per deck (default 200).
    Learning steps (1 and 10 minutes; relearning 10 minutes) are honoured within the
    session. Siblings (the blanks of one statement) are never studied on the same day.
    A card reaching `Settings.leech_lapses` lapses (default 8, and every 4 lapses after)
    is a leech: suspended, with a notice. Cards can be suspended and buried by hand.
    A review is due today when it falls before the end of the current study day, which
    ends at `Settings.day_ends_at` (4 a.m. local time by default); the limits count what
    was already studied that day. When nothing else is left, a learning card due within
    `Settings.learn_ahead_minutes` (20) is shown early rather than making the learner wait.

Fuzz
    Review intervals of 3 days or more get FSRS's usual small random spread, but the
    randomness is seeded from the card key and its review count, so replaying the review
    log gives bit-identical states (`quiz doctor --rebuild`). Any change to the scheduling
    arithmetic (this package or py-fsrs) changes replays too: ``quiz doctor`` then reports
    states that differ, and ``--rebuild`` reschedules them with the new arithmetic.

Cram mode and exam mode build their own lists (`cram_items`, `exam_items`) and never
change a card's schedule.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Literal, TypedDict

import fsrs
from fsrs.scheduler import FUZZ_RANGES

from quiz.clock import DEFAULT_DAY_ENDS_AT, from_ms, to_ms, truncate_ms
from quiz.facts import Deck, Fact

CardKey = tuple[str, str, int]
"""``(deck_id, fact_id, blank)``: the identity of one card."""

Verdict = Literal["correct", "close", "wrong"]
Mode = Literal["study", "cram", "exam"]
ItemKind = Literal["learning", "review", "new"]

Rating = fsrs.Rating
"""Again = 1, Hard = 2, Good = 3, Easy = 4 (re-exported from py-fsrs)."""

NEW, LEARNING, REVIEW, RELEARNING = 0, 1, 2, 3
"""Card states: 0 is ours (never answered); 1–3 are `fsrs.State` values."""

STATE_NAMES = {NEW: "new", LEARNING: "learning", REVIEW: "review", RELEARNING: "relearning"}

SUSPENDED_NO, SUSPENDED_BY_LEARNER, SUSPENDED_LEECH = 0, 1, 2


class SettingsDict(TypedDict):
    """Stored form of `Settings`."""

    desired_retention: float
    new_per_day: int
    reviews_per_day: int
    day_ends_at: int
    leech_lapses: int
    learn_ahead_minutes: int
    exam_questions: int
    exam_minutes: int


@dataclass(frozen=True, slots=True)
class Settings:
    """What the learner can change about scheduling; validated on creation."""

    desired_retention: float = 0.9
    """Share of reviews the learner should get right (0.70–0.97)."""
    new_per_day: int = 20
    """New cards introduced per deck per study day."""
    reviews_per_day: int = 200
    """Reviews per deck per study day."""
    day_ends_at: int = DEFAULT_DAY_ENDS_AT
    """Local hour (0–23) at which a study day ends."""
    leech_lapses: int = 8
    """Lapses after which a card is a leech and is suspended."""
    learn_ahead_minutes: int = 20
    """When nothing else is left, a learning card due within this many minutes is shown."""
    exam_questions: int = 20
    """Default number of questions in exam mode."""
    exam_minutes: int = 10
    """Default time limit of an exam."""

    def __post_init__(self) -> None:
        checks = (
            (0.7 <= self.desired_retention <= 0.97,
             "desired_retention must be between 0.70 and 0.97"),
            (0 <= self.new_per_day <= 9999, "new_per_day must be between 0 and 9999"),
            (0 <= self.reviews_per_day <= 99999, "reviews_per_day must be between 0 and 99999"),
            (0 <= self.day_ends_at <= 23, "day_ends_at must be an hour from 0 to 23"),
            (1 <= self.leech_lapses <= 99, "leech_lapses must be between 1 and 99"),
            (0 <= self.learn_ahead_minutes <= 1440,
             "learn_ahead_minutes must be between 0 and 1440"),
            (1 <= self.exam_questions <= 1000, "exam_questions must be between 1 and 1000"),
            (1 <= self.exam_minutes <= 600, "exam_minutes must be between 1 and 600"),
        )
        for ok, message in checks:
            if not ok:
                raise ValueError(message)

    def to_dict(self) -> SettingsDict:
        """The stored form."""
        return SettingsDict(
            desired_retention=self.desired_retention, new_per_day=self.new_per_day,
            reviews_per_day=self.reviews_per_day, day_ends_at=self.day_ends_at,
            leech_lapses=self.leech_lapses, learn_ahead_minutes=self.learn_ahead_minutes,
            exam_questions=self.exam_questions, exam_minutes=self.exam_minutes)

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Settings:
        """Settings from a stored form; unknown keys are ignored, missing ones default.

        Raises:
            ValueError: if a value has the wrong type or is out of range.
        """
        values: dict[str, float | int] = {}
        for name, default in cls().to_dict().items():
            if name not in data:
                continue
            value = data[name]
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"{name} must be a number")
            if isinstance(default, int) and not float(value).is_integer():
                raise ValueError(f"{name} must be a whole number")
            values[name] = int(value) if isinstance(default, int) else float(value)
        return cls(**values)  # type: ignore[arg-type]


class CardStateDict(TypedDict):
    """Stored form of `CardState` (times as epoch milliseconds, UTC)."""

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: int | None
    last_review: int | None
    reps: int
    lapses: int


@dataclass(frozen=True, slots=True)
class CardState:
    """The scheduling state of one card: FSRS memory state plus review and lapse counts."""

    state: int = NEW
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None
    last_review: datetime | None = None
    reps: int = 0
    """Scheduled reviews so far (cram and exam answers do not count)."""
    lapses: int = 0
    """Times the card was forgotten after reaching review."""

    @property
    def is_new(self) -> bool:
        """Never answered in study mode."""
        return self.state == NEW

    @property
    def in_learning(self) -> bool:
        """In the short learning or relearning steps."""
        return self.state in (LEARNING, RELEARNING)

    def to_dict(self) -> CardStateDict:
        """The stored form."""
        return CardStateDict(
            state=self.state, step=self.step, stability=self.stability,
            difficulty=self.difficulty,
            due=to_ms(self.due) if self.due is not None else None,
            last_review=to_ms(self.last_review) if self.last_review is not None else None,
            reps=self.reps, lapses=self.lapses)

    @classmethod
    def from_dict(cls, data: CardStateDict) -> CardState:
        """A state from its stored form."""
        return cls(
            state=int(data["state"]), step=data["step"], stability=data["stability"],
            difficulty=data["difficulty"],
            due=from_ms(data["due"]) if data["due"] is not None else None,
            last_review=from_ms(data["last_review"]) if data["last_review"] is not None else None,
            reps=int(data["reps"]), lapses=int(data["lapses"]))


NEW_CARD = CardState()


@dataclass(frozen=True, slots=True)
class StoredCard:
    """A card as the store holds it: its state and the learner's flags."""

    state: CardState = NEW_CARD
    suspended: int = SUSPENDED_NO
    """0 not suspended, 1 suspended by the learner, 2 suspended as a leech."""
    buried_until: datetime | None = None


RECOGNITION_FORMATS: tuple[str, ...] = ("choice", "truefalse", "match")
RECALL_FORMATS: tuple[str, ...] = ("recall", "cloze", "order")
TYPED_FORMATS: tuple[str, ...] = ("recall", "cloze")
"""Formats in which a quick correct answer earns Easy."""

RECALL_STABILITY_DAYS = 7.0
"""From this stability (days) on, a review card is asked for recall rather than recognition."""

QUICK_FRACTION = 0.5
"""A correct typed answer faster than this share of the learner's median is Easy."""

QUICK_MIN_SAMPLES = 10
"""Correct answers in a format needed before its median is trusted."""

LEECH_REPEAT = 4
"""After the first leech notice, another one every this many lapses."""

VERDICT_RATING: dict[str, Rating] = {
    "wrong": Rating.Again,
    "close": Rating.Hard,
    "correct": Rating.Good,
}

def _fuzz_seed(key: CardKey, reps: int) -> int:
    text = f"{key[0]}\x00{key[1]}\x00{key[2]}\x00{reps}".encode()
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "big")


def _fuzzed_days(days: int, seed: int, maximum: int) -> int:
    """A day count drawn from py-fsrs's fuzz range around ``days`` with a seeded generator."""
    if days < 2.5:
        return days
    delta = 1.0
    for band in FUZZ_RANGES:
        delta += band["factor"] * max(min(float(days), band["end"]) - band["start"], 0.0)
    low = max(2, round(days - delta))
    high = min(round(days + delta), maximum)
    low = min(low, high)
    # Uniform over [low, high]. (py-fsrs rounds here, which favours the longer end.)
    return min(low + int(random.Random(seed).random() * (high - low + 1)), maximum)


class Scheduler:
    """FSRS-6 with deterministic fuzz; every method returns new values, nothing is mutated."""

    def __init__(self, settings: Settings | None = None, *, fuzz: bool = True) -> None:
        self.settings = settings or Settings()
        self.fuzz = fuzz
        self._by_retention: dict[float, fsrs.Scheduler] = {}

    def _fsrs(self, retention: float) -> fsrs.Scheduler:
        found = self._by_retention.get(retention)
        if found is None:
            found = fsrs.Scheduler(desired_retention=retention, enable_fuzzing=False)
            self._by_retention[retention] = found
        return found

    def review(self, key: CardKey, before: CardState, rating: Rating, at: datetime,
               retention: float | None = None) -> CardState:
        """The card's state after an answer rated ``rating`` at ``at``.

        Args:
            key: the card, used to seed the fuzz.
            before: its state before the answer.
            rating: the stored rating.
            at: the answer's time (UTC; truncated to milliseconds).
            retention: desired retention in force; the settings' when None (the store
                logs it with every review so replays use the same value).
        """
        at = truncate_ms(at)
        engine = self._fsrs(retention if retention is not None else self.settings.desired_retention)
        card = fsrs.Card(card_id=1, state=fsrs.State(before.state or LEARNING),
                         step=before.step if before.state else 0,
                         stability=before.stability, difficulty=before.difficulty,
                         due=before.due or at, last_review=before.last_review)
        after, _ = engine.review_card(card, Rating(rating), review_datetime=at)
        due = after.due
        if self.fuzz and after.state == fsrs.State.Review:
            days = (after.due - at).days
            due = at + timedelta(days=_fuzzed_days(days, _fuzz_seed(key, before.reps),
                                                   engine.maximum_interval))
        lapsed = before.state == REVIEW and rating == Rating.Again
        return CardState(state=int(after.state), step=after.step, stability=after.stability,
                         difficulty=after.difficulty, due=due, last_review=at,
                         reps=before.reps + 1, lapses=before.lapses + int(lapsed))

    def retrievability(self, state: CardState, at: datetime) -> float:
        """Predicted chance of recall at ``at`` (0 for a new card)."""
        if state.last_review is None or state.stability is None:
            return 0.0
        days = max(0, (at - state.last_review).days)
        engine = self._fsrs(self.settings.desired_retention)
        return float((1 + engine._FACTOR * days / state.stability) ** engine._DECAY)

    def is_leech(self, before: CardState, after: CardState) -> bool:
        """Whether this answer made the card a leech (a lapse reaching the threshold)."""
        if after.lapses <= before.lapses:
            return False
        first = self.settings.leech_lapses
        return after.lapses == first or (
            after.lapses > first and (after.lapses - first) % LEECH_REPEAT == 0)


def suggest_rating(verdict: str, format: str, duration_ms: int,
                   median_ms: float | None) -> Rating:
    """The rating a verdict earns (see the module docstring for the rules).

    Args:
        verdict: ``correct``, ``close`` or ``wrong``.
        format: the question format the answer was given in.
        duration_ms: how long the learner took.
        median_ms: the learner's median time for correct answers in this format, or None
            when there are too few to tell.
    """
    rating = VERDICT_RATING[verdict]
    if (rating == Rating.Good and format in TYPED_FORMATS and median_ms is not None
            and duration_ms < QUICK_FRACTION * median_ms):
        return Rating.Easy
    return rating


def median(values: Sequence[float]) -> float | None:
    """The median of ``values``, or None when there are fewer than `QUICK_MIN_SAMPLES`."""
    if len(values) < QUICK_MIN_SAMPLES:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    return float(ordered[mid]) if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def wants_recall(state: CardState) -> bool:
    """Whether a card is mature enough to be asked for recall rather than recognition."""
    return (state.state == REVIEW and state.stability is not None
            and state.stability >= RECALL_STABILITY_DAYS)


def pick_format(state: CardState, offered: Sequence[str], rng: random.Random) -> str:
    """The format to ask a card in, among those its fact ``offered``.

    Raises:
        ValueError: if ``offered`` is empty.
    """
    if not offered:
        raise ValueError("a fact must offer at least one question format")
    first, second = ((RECALL_FORMATS, RECOGNITION_FORMATS) if wants_recall(state)
                     else (RECOGNITION_FORMATS, RECALL_FORMATS))
    for group in (first, second):
        candidates = [f for f in offered if f in group]
        if candidates:
            return rng.choice(candidates)
    return rng.choice(list(offered))


def score_percent(correct: int, close: int, questions: int) -> float:
    """A session's score: correct answers count 1, close ones ½, out of ``questions``."""
    if questions <= 0:
        return 0.0
    return round(100.0 * (correct + 0.5 * close) / questions, 1)


@dataclass(frozen=True, slots=True)
class QueueItem:
    """One card to ask: its key, its fact, why it is in the queue, and its state."""

    key: CardKey
    fact: Fact
    kind: ItemKind
    state: CardState

    @property
    def blank(self) -> int:
        """The blank of a statement to hide (0 for a question), by position."""
        index = self.fact.blank_index(self.key[2])
        return self.key[2] if index is None else index


@dataclass(frozen=True, slots=True)
class Today:
    """What was already studied today, per deck (from the store's review log)."""

    new_by_deck: Mapping[str, int] = field(default_factory=dict)
    reviews_by_deck: Mapping[str, int] = field(default_factory=dict)
    blanks_by_fact: Mapping[tuple[str, str], frozenset[int]] = field(default_factory=dict)
    """For each (deck, fact) studied today, the blanks answered."""


@dataclass(frozen=True, slots=True)
class QueueCounts:
    """How many cards of each kind are left in a queue."""

    learning: int
    review: int
    new: int

    @property
    def total(self) -> int:
        """All cards left."""
        return self.learning + self.review + self.new


class StudyQueue:
    """The cards of one study session, in asking order; learning cards come back in it.

    A queue is for one thread and one session; after each answer, call `answered` with
    the card's new state so learning steps are honoured.
    """

    def __init__(self, reviews: list[QueueItem], new: list[QueueItem],
                 learning: list[QueueItem], day_end: datetime, learn_ahead: timedelta) -> None:
        self._reviews = reviews
        self._new = new
        self._learning = sorted(learning, key=lambda i: (i.state.due, i.key))
        self.day_end = day_end
        """When the study day ends: learning cards due later wait for the next session."""
        self._learn_ahead = learn_ahead

    def counts(self) -> QueueCounts:
        """Cards left, by kind."""
        return QueueCounts(len(self._learning), len(self._reviews), len(self._new))

    def next(self, now: datetime) -> QueueItem | None:
        """The next card to ask at ``now``, removed from the queue; None when done for now."""
        if self._learning and self._learning[0].state.due <= now:  # type: ignore[operator]
            return self._learning.pop(0)
        if self._reviews:
            return self._reviews.pop(0)
        if self._new:
            return self._new.pop(0)
        ahead = now + self._learn_ahead
        if self._learning and self._learning[0].state.due <= ahead:  # type: ignore[operator]
            return self._learning.pop(0)
        return None

    def next_learning_due(self) -> datetime | None:
        """When the next waiting learning card is due, if any."""
        return self._learning[0].state.due if self._learning else None

    def answered(self, item: QueueItem, after: CardState) -> None:
        """Put a card back if its learning steps bring it back before the day ends."""
        if after.in_learning and after.due is not None and after.due < self.day_end:
            self._learning.append(replace(item, kind="learning", state=after))
            self._learning.sort(key=lambda i: (i.state.due, i.key))

    def forget(self, key: CardKey) -> None:
        """Drop every queued entry for ``key`` (before re-queueing it after a re-rating or undo)."""
        for items in (self._learning, self._reviews, self._new):
            items[:] = [i for i in items if i.key != key]

    def put_back(self, item: QueueItem) -> None:
        """Return an item to the front of its list (after an undo)."""
        target = {"learning": self._learning, "review": self._reviews, "new": self._new}[item.kind]
        target.insert(0, item)


def _cards_of(decks: Iterable[Deck]) -> Iterable[tuple[Deck, Fact, CardKey]]:
    for deck in decks:
        deck_id = deck.id
        for fact in deck.facts:
            for blank in range(len(fact.answers)):
                yield deck, fact, (deck_id, fact.id, fact.blank_key(blank))


NOT_DUE_TODAY = StoredCard(CardState(state=REVIEW))
"""Stands in `build_queue`'s ``cards`` for a stored card known not to be due today, so a
store need not build full states for the thousands of cards that are not."""


def build_queue(decks: Sequence[Deck], cards: Mapping[CardKey, StoredCard], today: Today,
                settings: Settings, now: datetime, day_end: datetime,
                scheduler: Scheduler | None = None) -> StudyQueue:
    """The study queue for ``decks`` at ``now`` (see the module docstring for the order).

    Args:
        decks: the decks to study; cards of facts not in them are left alone.
        cards: stored cards by key; missing ones are new, `NOT_DUE_TODAY` ones skipped.
        today: what was studied earlier in this study day.
        settings: limits and retention.
        now: the current time.
        day_end: when the current study day ends (`quiz.clock.today_bounds`).
        scheduler: used for retrievability; one from ``settings`` when None.
    """
    scheduler = scheduler or Scheduler(settings)
    learning: list[QueueItem] = []
    reviews: list[tuple[float, QueueItem]] = []
    new: list[QueueItem] = []
    for _, fact, key in _cards_of(decks):
        stored = cards.get(key)
        if stored is None:
            new.append(QueueItem(key, fact, "new", NEW_CARD))
            continue
        if stored is NOT_DUE_TODAY:
            continue
        if stored.suspended or (stored.buried_until is not None and stored.buried_until > now):
            continue
        state = stored.state
        if state.in_learning and state.due is not None and state.due < day_end:
            learning.append(QueueItem(key, fact, "learning", state))
        elif state.state == REVIEW and state.due is not None and state.due < day_end:
            item = QueueItem(key, fact, "review", state)
            reviews.append((scheduler.retrievability(state, now), item))
        elif state.is_new:
            new.append(QueueItem(key, fact, "new", state))
    reviews.sort(key=lambda ri: (ri[0], ri[1].state.due, ri[1].key))

    # Siblings: one blank per statement per day. Learning cards claim their fact first,
    # then reviews (most overdue first), then new cards; a card cut by a daily limit
    # still claims its fact, so a sibling never jumps ahead of it.
    taken: dict[tuple[str, str], int] = {}

    def claim(key: CardKey) -> bool:
        fact = (key[0], key[1])
        studied_today = today.blanks_by_fact.get(fact, frozenset())
        if taken.get(fact, key[2]) != key[2] or studied_today - {key[2]}:
            return False
        taken[fact] = key[2]
        return True

    learning = [item for item in learning if claim(item.key)]
    room = {d.id: max(0, settings.reviews_per_day - today.reviews_by_deck.get(d.id, 0))
            for d in decks}
    review_items: list[tuple[float, QueueItem]] = []
    for r, item in reviews:
        if claim(item.key) and room.get(item.key[0], 0) > 0:
            room[item.key[0]] -= 1
            review_items.append((r, item))
    room = {d.id: max(0, settings.new_per_day - today.new_by_deck.get(d.id, 0)) for d in decks}
    new_items: list[QueueItem] = []
    for item in new:
        if claim(item.key) and room.get(item.key[0], 0) > 0:
            room[item.key[0]] -= 1
            new_items.append(item)
    return StudyQueue([item for _, item in review_items], new_items, learning, day_end,
                      timedelta(minutes=settings.learn_ahead_minutes))


def cram_items(decks: Sequence[Deck], cards: Mapping[CardKey, StoredCard],
               seed: int, limit: int | None = None) -> list[QueueItem]:
    """Any cards of ``decks`` (suspended ones too), shuffled with ``seed``; for cram mode."""
    items = [QueueItem(key, fact, "review", cards.get(key, StoredCard()).state)
             for _, fact, key in _cards_of(decks)]
    random.Random(seed).shuffle(items)
    return items[:limit] if limit is not None else items


def exam_items(decks: Sequence[Deck], cards: Mapping[CardKey, StoredCard], count: int,
               seed: int) -> list[QueueItem]:
    """``count`` cards for an exam, one blank per fact where possible, drawn with ``seed``."""
    rng = random.Random(seed)
    facts = [(deck, fact) for deck in decks for fact in deck.facts]
    rng.shuffle(facts)
    chosen: list[QueueItem] = []
    for round_ in range(max((f.blank_count for _, f in facts), default=0)):
        for _, fact in facts:
            if len(chosen) >= count:
                return chosen
            if round_ < fact.blank_count:
                blank = (rng.randrange(fact.blank_count) + round_) % fact.blank_count
                key = fact.card_key(blank)
                chosen.append(QueueItem(key, fact, "review", cards.get(key, StoredCard()).state))
    return chosen


__all__ = [
    "CardKey", "CardState", "CardStateDict", "ItemKind", "LEARNING", "LEECH_REPEAT", "Mode",
    "NEW", "NEW_CARD", "NOT_DUE_TODAY", "QUICK_FRACTION", "QUICK_MIN_SAMPLES", "QueueCounts",
    "QueueItem", "RECALL_FORMATS", "RECALL_STABILITY_DAYS", "RECOGNITION_FORMATS",
    "RELEARNING", "REVIEW", "Rating", "STATE_NAMES", "SUSPENDED_BY_LEARNER", "SUSPENDED_LEECH",
    "SUSPENDED_NO", "Scheduler", "Settings", "SettingsDict", "StoredCard", "StudyQueue",
    "TYPED_FORMATS", "Today", "VERDICT_RATING", "Verdict", "build_queue", "cram_items",
    "exam_items", "median", "pick_format", "score_percent", "suggest_rating", "wants_recall",
]
