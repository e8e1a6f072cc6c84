"""The study service the app talks to: decks, store, scheduler and questions behind one door.

`Study` is made once per app (`Study.open(decks_dir, scores_dir, clock)`): it loads the
decks through the compiled cache, opens the score store, and gives the home screen its
`DeckOverview` rows. `Study.start(...)` returns a `Session`: the cards of one sitting in
review, cram or exam mode. A session hands out `Card`s (a question in the format the
scheduler chose for the card's maturity), takes answers and returns `Outcome`s (grade,
rating, the next interval for each rating, points, streak), and every answer is in the
store, in one transaction, before `answer` returns. No Textual here: screens call these.

Threads: the store's SQLite connection belongs to the thread that opened it unless the
store was opened for sharing; `Study.open` opens it shareable and serialises every call
through one lock, so the app may call from worker threads, one at a time or not.
"""

from __future__ import annotations

import hashlib
import json
import random
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from quiz import locations
from quiz.clock import Clock, SystemClock
from quiz.facts import Deck, Fact
from quiz.grading import Grade
from quiz.library import Library, load_library
from quiz.questions import Question, formats_for, make_question
from quiz.scheduler import (
    NEW_CARD, CardKey, QueueItem, Rating, Settings, StudyQueue, pick_format,
)
from quiz.store import BEST_MIN_ANSWERS, Recorded, Store

Mode = Literal["review", "cram", "exam"]
"""How a session treats the schedule: ``review`` moves it; ``cram`` and ``exam`` do not."""

_STORE_MODE = {"review": "study", "cram": "cram", "exam": "exam"}
"""The store's name for each mode."""

RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


@dataclass(frozen=True)
class DeckOverview:
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


@dataclass(frozen=True)
class Card:
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


@dataclass(frozen=True)
class Outcome:
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


@dataclass(frozen=True)
class Progress:
    """Where a session stands."""

    answered: int
    remaining: int
    correct: int
    score: int
    streak: int


@dataclass(frozen=True)
class Summary:
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


def _seed(*parts: object) -> int:
    text = "\x00".join(map(str, parts)).encode()
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "big")


class Study:
    """The decks and the score store of one learner, opened once per app."""

    def __init__(self, library: Library, store: Store, clock: Clock, decks_dir: Path,
                 scores_dir: Path) -> None:
        self.library = library
        self.store = store
        self.clock = clock
        self.decks_dir = decks_dir
        self.scores_dir = scores_dir
        self.partial = False
        """True while only the deck named to `open` is loaded (see `complete`)."""
        self._lock = threading.RLock()

    @classmethod
    def open(cls, decks_dir: Path, scores_dir: Path, clock: Clock | None = None,
             first: str | None = None) -> Study:
        """Load the decks (through the cache) and open the store.

        Args:
            decks_dir: the decks folder.
            scores_dir: the scores folder.
            clock: the time; the system clock when None.
            first: a deck to study at once (its file stem or name): only its file is read
                now, so its first question comes sooner; `complete` reads the others. When
                no file is named so, every deck is read, as without it.

        Raises:
            quiz.store.StoreError: the store cannot be opened; its message says why.
        """
        clock = clock or SystemClock()
        store = Store.open(Path(scores_dir), clock, shared=True)
        cache = locations.cache_dir(Path(scores_dir))
        library = load_library(decks_dir, cache, only=first) if first else None
        partial = library is not None and library.find(first or "") is not None
        if not partial:
            library = load_library(decks_dir, cache)
        assert library is not None
        study = cls(library, store, clock, Path(decks_dir), Path(scores_dir))
        study.partial = partial
        return study

    def complete(self) -> None:
        """Read every deck of the folder if `open` read only the first one."""
        if self.partial:
            self.reload()

    def reload(self) -> Library:
        """Read the decks folder again (edited files miss the cache and are re-read)."""
        library = load_library(self.decks_dir, locations.cache_dir(self.scores_dir))
        with self._lock:
            self.library = library
            self.partial = False
        return library

    def decks(self, deck_ids: Sequence[str] | None = None) -> list[Deck]:
        """The loaded decks with these ids (all when None), in library order."""
        if deck_ids is None:
            return list(self.library.decks)
        wanted = set(deck_ids)
        found = [d for d in self.library.decks if d.id in wanted]
        missing = wanted - {d.id for d in found}
        if missing:
            raise KeyError(f"no deck {', '.join(sorted(missing))} in {self.decks_dir}")
        return found

    def overview(self) -> list[DeckOverview]:
        """A home-screen row for every deck that loaded."""
        with self._lock:
            decks = list(self.library.decks)
            counts = self.store.deck_counts(decks)
        rows = []
        for deck in decks:
            c = counts[deck.id]
            rows.append(DeckOverview(
                deck_id=deck.id, title=deck.title, path=deck.path, description=deck.description,
                due=c.due_today, new=c.new_today, total=c.total,
                seen=c.total - c.new,
                last_studied=c.last_studied, retention=c.retention))
        return rows

    def next_due(self, deck_ids: Sequence[str] | None = None) -> datetime | None:
        """When the next card of these decks falls due (None when nothing is scheduled)."""
        with self._lock:
            return self.store.next_due(list(deck_ids) if deck_ids is not None else None)

    def settings(self) -> Settings:
        """The learner's settings."""
        with self._lock:
            return self.store.settings()

    def update_settings(self, **changes: float | int) -> Settings:
        """Change settings; raises ValueError with a readable message when out of range."""
        with self._lock:
            return self.store.update_settings(**changes)

    def is_first_run(self) -> bool:
        """True until the first answer is ever recorded."""
        with self._lock:
            return self.store.counts()["reviews"] == 0

    def start(self, deck_ids: Sequence[str], mode: Mode = "review", count: int | None = None,
              seed: int | None = None, keys: Sequence[CardKey] | None = None) -> Session:
        """Begin a session over ``deck_ids``.

        Args:
            deck_ids: decks to study.
            mode: ``review`` (the schedule), ``cram`` (any cards, schedule untouched) or
                ``exam`` (``count`` questions, timed, schedule untouched).
            count: questions in an exam (the settings' default when None), or a cap in cram.
            seed: fixes the questions' formats and options (tests); random when None.
            keys: in cram mode, exactly these cards, in this order (from the history
                screen's hardest facts); cards whose fact left its deck are skipped.
        """
        decks = self.decks(deck_ids)
        seed = seed if seed is not None else random.SystemRandom().randrange(2**32)
        with self._lock:
            settings = self.store.settings()
            limit_ms: int | None = None
            if keys is not None:
                mode = "cram"
                queue = self._items(decks, keys)
            elif mode == "review":
                queue: StudyQueue | list[QueueItem] = self.store.study_queue(decks)
            elif mode == "cram":
                queue = self.store.cram_queue(decks, seed, count)
            else:
                count = count or settings.exam_questions
                queue = self.store.exam_queue(decks, count, seed)
                limit_ms = settings.exam_minutes * 60_000
            planned = len(queue) if isinstance(queue, list) else None
            session_id = self.store.start_session(_STORE_MODE[mode], sorted(d.id for d in decks),
                                                  planned=planned, time_limit_ms=limit_ms)
        return Session(self, decks, mode, queue, session_id, seed,
                       limit=timedelta(milliseconds=limit_ms) if limit_ms else None)

    def backup_daily(self) -> str | None:
        """Make today's automatic backup if there is none yet; run it off the UI thread.

        Returns:
            None when all is well, or one sentence for the learner when the backup failed
            (studying goes on: the score file itself is untouched).
        """
        from quiz.store import StoreError
        from quiz.store.backup import auto_backup

        try:
            auto_backup(self.scores_dir, self.clock)
        except (StoreError, OSError) as exc:
            return f"Today's backup of your scores could not be made: {exc}"
        return None

    def _items(self, decks: Sequence[Deck], keys: Sequence[CardKey]) -> list[QueueItem]:
        by_id = {d.id: d for d in decks}
        cards = self.store.cards([d.id for d in decks])
        items = []
        for key in dict.fromkeys(tuple(k) for k in keys):
            deck = by_id.get(key[0])
            if deck is None or key[1] not in deck or key[2] >= deck.fact(key[1]).blank_count:
                continue
            stored = cards.get(key)
            items.append(QueueItem(key, deck.fact(key[1]), "review",
                                   stored.state if stored else NEW_CARD))
        return items

    def close(self) -> None:
        """Close the store."""
        with self._lock:
            self.store.close()


@dataclass
class _Answered:
    item: QueueItem
    card: Card
    grade: Grade
    recorded: Recorded
    points: int
    streak_before: int


@dataclass
class Session:
    """One sitting: cards handed out one at a time, answers recorded as they come."""

    study: Study
    decks: list[Deck]
    mode: Mode
    queue: StudyQueue | list[QueueItem]
    session_id: int
    seed: int
    limit: timedelta | None = None
    """The time allowed (exam mode)."""
    started_at: datetime = field(init=False)
    _current: tuple[QueueItem, Card] | None = field(default=None, init=False)
    _answered: list[_Answered] = field(default_factory=list, init=False)
    _asked: int = field(default=0, init=False)
    _score: int = field(default=0, init=False)
    _streak: int = field(default=0, init=False)
    _finished: Summary | None = field(default=None, init=False)
    _retry: list[QueueItem] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        self.started_at = self.study.clock.now()
        self._deck_by_id = {d.id: d for d in self.decks}

    # -- state ---------------------------------------------------------------------------
    @property
    def deck_ids(self) -> tuple[str, ...]:
        """The decks of the session."""
        return tuple(d.id for d in self.decks)

    @property
    def title(self) -> str:
        """The decks' titles, for headings."""
        return " + ".join(d.title for d in self.decks)

    @property
    def deadline(self) -> datetime | None:
        """When an exam's time is up."""
        return self.started_at + self.limit if self.limit else None

    @property
    def current(self) -> Card | None:
        """The card being asked, if any."""
        return self._current[1] if self._current else None

    def _left(self) -> int:
        if isinstance(self.queue, list):
            return len(self.queue) + len(self._retry)
        return self.queue.counts().total + len(self._retry)

    @property
    def progress(self) -> Progress:
        """Answers so far, cards left (the current one included), points and streak."""
        answered = len(self._answered)
        correct = sum(1 for a in self._answered if a.grade.verdict == "correct")
        remaining = self._left() + (1 if self._current else 0)
        return Progress(answered, remaining, correct, self._score, self._streak)

    # -- asking --------------------------------------------------------------------------
    def next(self) -> Card | None:
        """The next card, or None when the session is over (or an exam's time is up)."""
        if self._finished is not None:
            return None
        if self._current is not None:
            return self._current[1]
        now = self.study.clock.now()
        if self.deadline is not None and now >= self.deadline:
            return None
        item = self._pop(now)
        while item is not None:
            card = self._card_for(item)
            if card is not None:
                self._current = (item, card)
                return card
            item = self._pop(now)  # a fact that no longer offers any format is skipped
        return None

    def _pop(self, now: datetime) -> QueueItem | None:
        if self._retry:
            return self._retry.pop(0)
        if isinstance(self.queue, list):
            return self.queue.pop(0) if self.queue else None
        return self.queue.next(now)

    def _card_for(self, item: QueueItem) -> Card | None:
        deck = self._deck_by_id[item.key[0]]
        fact = item.fact
        offered = formats_for(deck, fact, item.blank)
        if not offered:
            return None
        self._asked += 1
        rng = random.Random(_seed(self.seed, *item.key, self._asked))
        format = pick_format(item.state, offered, rng)
        question = make_question(deck, fact.id, format, seed=rng.randrange(2**32), blank=item.blank)
        return Card(question, fact, deck, item.blank, item.state.is_new, len(self._answered) + 1)

    # -- answering -----------------------------------------------------------------------
    def answer(self, response: str | int | Sequence[int] | Sequence[tuple[int, int]],
               duration_ms: int) -> Outcome:
        """Grade and record an answer to the current card.

        Raises:
            RuntimeError: there is no current card.
            quiz.store.StoreError: the answer could not be saved (it can be retried).
        """
        if self._current is None:
            raise RuntimeError("no card is being asked; call next() first")
        item, card = self._current
        question = card.question
        grade = question.check(response)
        typed = response if isinstance(response, str) else None
        chosen = _jsonable(response) if typed is None else None
        with self.study._lock:
            recorded = self.study.store.record_answer(
                self.session_id, item.key, format=question.format, prompt=question.prompt,
                verdict=grade.verdict, duration_ms=max(0, int(duration_ms)),
                options=list(question.options) if question.options else None,
                response=typed, chosen=chosen)
        streak_before = self._streak
        self._streak = recorded.streak
        points = recorded.points
        self._score += points
        self._answered.append(_Answered(item, card, grade, recorded, points, streak_before))
        self._current = None
        self._requeue(item, recorded)
        return self._outcome(self._answered[-1])

    def _requeue(self, item: QueueItem, recorded: Recorded) -> None:
        if isinstance(self.queue, StudyQueue) and self.mode == "review":
            self.queue.answered(item, recorded.after)

    def override(self, rating: int) -> Outcome:
        """Replace the rating of the answer just given (before the next card is asked).

        Raises:
            RuntimeError: nothing has been answered yet in this session.
        """
        if not self._answered:
            raise RuntimeError("no answer to re-rate")
        last = self._answered[-1]
        with self.study._lock:
            recorded = self.study.store.change_rating(last.recorded.review_id, Rating(rating))
        if isinstance(self.queue, StudyQueue) and self.mode == "review":
            self.queue.forget(last.item.key)
            self.queue.answered(last.item, recorded.after)
        last.recorded = recorded
        return self._outcome(last)

    def _outcome(self, done: _Answered) -> Outcome:
        deck = done.card.deck
        fact = done.card.fact
        return Outcome(
            grade=done.grade, rating=int(done.recorded.rating), suggested=int(done.recorded.suggested),
            intervals=self._intervals(done) if self.mode == "review" else {},
            answer=done.card.question.answer, explain=fact.explain, source=deck.source_text(fact),
            points=done.points, score=self._score, streak=self._streak,
            notice=done.recorded.notice)

    def _intervals(self, done: _Answered) -> dict[int, timedelta]:
        scheduler = self.study.store.scheduler()
        at = done.recorded.after.last_review or self.study.clock.now()
        result = {}
        for rating in Rating:
            after = scheduler.review(done.item.key, done.recorded.before, rating, at)
            if after.due is not None:
                result[int(rating)] = after.due - at
        return result

    def undo(self) -> Card | None:
        """Take back the last answer (in the store too) and ask that card again."""
        if not self._answered:
            return None
        with self.study._lock:
            undone = self.study.store.undo_last_answer(self.session_id)
        if undone is None:
            return None
        last = self._answered.pop()
        self._score -= last.points
        self._streak = last.streak_before
        if isinstance(self.queue, StudyQueue):
            self.queue.forget(last.item.key)
        if self._current is not None:
            self._retry.insert(0, self._current[0])
        self._current = (last.item, last.card)
        return last.card

    def suspend(self) -> None:
        """Suspend the current card (never asked in review until unsuspended)."""
        self._set_aside(self.study.store.suspend)

    def bury(self) -> None:
        """Hide the current card until tomorrow."""
        self._set_aside(self.study.store.bury)

    def _set_aside(self, action: Any) -> None:
        card = self.current
        if card is None and self._answered:
            card = self._answered[-1].card
            if isinstance(self.queue, StudyQueue):
                self.queue.forget(card.key)
        if card is None:
            return
        with self.study._lock:
            action(card.key)
        self._current = None

    def location(self) -> tuple[str, int] | None:
        """The file and line of the current (or last answered) card's fact, for editing."""
        card = self.current or (self._answered[-1].card if self._answered else None)
        return (card.fact.path, card.fact.line) if card else None

    # -- the end -------------------------------------------------------------------------
    def finish(self) -> Summary:
        """Record the end of the session and sum it up (calling it again changes nothing)."""
        if self._finished is not None:
            return self._finished
        store = self.study.store
        with self.study._lock:
            ended = store.finish_session(self.session_id).session
            best = self._previous_best(ended.mode)
            next_due = store.next_due(list(self.deck_ids))
        answered = len(self._answered)
        by_format: dict[str, tuple[int, int]] = {}
        missed: list[tuple[str, str]] = []
        for done in self._answered:
            n, right = by_format.get(done.card.question.format, (0, 0))
            by_format[done.card.question.format] = (n + 1, right + (done.grade.verdict == "correct"))
            if done.grade.verdict != "correct":
                missed.append((done.card.fact.prompt(done.card.blank), done.card.question.answer))
        correct = sum(1 for d in self._answered if d.grade.verdict == "correct")
        close = sum(1 for d in self._answered if d.grade.verdict == "close")
        self._finished = Summary(
            mode=self.mode, title=self.title, answered=answered, correct=correct, close=close,
            wrong=answered - correct - close, score=self._score, personal_best=best,
            new_best=answered >= BEST_MIN_ANSWERS and (best is None or self._score > best),
            accuracy=(correct + 0.5 * close) / answered if answered else 0.0,
            duration=self.study.clock.now() - self.started_at, by_format=by_format,
            missed=missed, next_due=next_due)
        return self._finished

    def _previous_best(self, store_mode: str) -> int | None:
        """The most points of an earlier finished session on the same decks and mode."""
        rows = self.study.store.read(
            "SELECT max(points) FROM sessions WHERE id != ? AND mode = ? AND ended_at IS NOT NULL "
            "AND answered > 0 AND decks = ?",
            (self.session_id, store_mode, json.dumps(sorted(self.deck_ids))))
        return int(rows[0][0]) if rows and rows[0][0] is not None else None


def _jsonable(response: object) -> Any:
    if isinstance(response, (list, tuple)):
        return [_jsonable(r) for r in response]
    return response
