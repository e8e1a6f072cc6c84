"""`Session`: one sitting's state machine — cards handed out one at a time, answers graded
and recorded as they come, undo, re-rating, suspend and bury, and the summary at the end.

A session is made by `quiz.study.service.Study.start`; every store call goes through the
service's lock, so the app may drive it from its store thread.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from quiz.facts import Deck
from quiz.frozen import replace
from quiz.grading import Grade
from quiz.questions import formats_for, make_question
from quiz.scheduler import QueueItem, Rating, StudyQueue, pick_format
from quiz.scheduler.queue_head import QueueHead
from quiz.store import BEST_MIN_ANSWERS, Recorded
from quiz.study.values import Card, ItemResult, Mode, Outcome, Progress, Summary

if TYPE_CHECKING:
    from quiz.library import Library
    from quiz.study.service import Study


def _seed(*parts: object) -> int:
    text = "\x00".join(map(str, parts)).encode()
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "big")


class _Answered:
    """One answer of the session, as undo and the summary need it."""

    __slots__ = ("item", "card", "grade", "recorded", "points", "streak_before", "items")

    def __init__(self, item: QueueItem, card: Card, grade: Grade, recorded: Recorded,
                 points: int, streak_before: int, items: tuple[ItemResult, ...] = ()) -> None:
        self.item = item
        self.card = card
        self.grade = grade
        self.recorded = recorded
        self.points = points
        self.streak_before = streak_before
        self.items = items


class Session:
    """One sitting: cards handed out one at a time, answers recorded as they come.

    A plain class, as `_Answered`: a dataclass compiles its methods when imported, and this
    module is imported on the way to a first question (issue 17)."""

    def __init__(self, study: Study, decks: list[Deck], mode: Mode,
                 queue: StudyQueue | QueueHead | list[QueueItem], session_id: int, seed: int,
                 limit: timedelta | None = None) -> None:
        self.study = study
        self.decks = decks
        self.mode = mode
        self.queue: StudyQueue | QueueHead | list[QueueItem] = queue
        """The cards to ask; a study queue may stand as its first card until `count` (or
        any call that needs the rest) builds it whole."""
        self.session_id = session_id
        self.seed = seed
        self.limit = limit
        """The time allowed (exam mode)."""
        self.started_at = study.clock.now()
        self._current: tuple[QueueItem, Card] | None = None
        self._answered: list[_Answered] = []
        self._asked = 0
        self._score = 0
        self._streak = 0
        self._finished: Summary | None = None
        self._retry: list[QueueItem] = []
        self.planned = len(queue) if isinstance(queue, list) else None
        """Questions in all (cram and exam); None in study mode."""
        self._deck_by_id = {d.id: d for d in decks}

    @property
    def can_undo(self) -> bool:
        """Whether answers may be taken back: never in an exam (an exam cannot be retaken)."""
        return self.mode != "exam"

    @property
    def can_set_aside(self) -> bool:
        """Whether a card may be suspended or buried from the session: never in an exam, which
        leaves the schedule untouched and whose questions cannot be skipped."""
        return self.mode != "exam"

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

    @property
    def counted(self) -> bool:
        """Whether the queue is built whole, so its cards left are known (`count`)."""
        return not isinstance(self.queue, QueueHead)

    def count(self) -> Progress:
        """Build the rest of a queue started from its first card (`Study.start`'s
        ``head_first``: after the first question is drawn), and the progress with the
        cards left."""
        self._settle()
        return self.progress

    def _settle(self) -> None:
        """Build the queue whole if it stands as its first card: before anything is
        recorded, so it is the queue of the moment the session started."""
        if isinstance(self.queue, QueueHead):
            with self.study._lock:
                self.queue = self.queue.finish()

    def _counts(self) -> dict[str, int]:
        """Cards left by kind (new, learning, review), the one being asked included."""
        if isinstance(self.queue, StudyQueue):
            c = self.queue.counts()
            counts = {"new": c.new, "learning": c.learning, "review": c.review}
        else:
            counts = {"new": 0, "learning": 0, "review": len(self.queue)}
        waiting = [*self._retry, *([self._current[0]] if self._current else [])]
        for item in waiting:
            kind = item.kind if isinstance(self.queue, StudyQueue) else "review"
            counts[kind] += 1
        return counts

    @property
    def progress(self) -> Progress:
        """Answers so far, cards left by kind (the current one included), points and streak.

        In study mode the counts are the home screen's: ``new`` and ``learning + due`` start
        as its New and Due, and each falls as the learner answers (a card answered Again
        moves to learning, as in Anki). In cram and exam, ``planned`` is the whole. While
        the queue stands as its first card, the cards left are not known (``counted``).
        """
        answered = len(self._answered)
        correct = sum(1 for a in self._answered if a.grade.verdict == "correct")
        if not self.counted:
            return Progress(answered, 0, correct, self._score, self._streak, counted=False)
        counts = self._counts()
        remaining = sum(counts.values())
        planned = None if isinstance(self.queue, StudyQueue) else self.planned
        return Progress(answered, remaining, correct, self._score, self._streak,
                        new=counts["new"], learning=counts["learning"], due=counts["review"],
                        planned=planned)

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
        if isinstance(self.queue, QueueHead):
            if not self.queue.taken:
                return self.queue.take()
            self._settle()
        if isinstance(self.queue, list):
            return self.queue.pop(0) if self.queue else None
        return self.queue.next(now)

    def _card_for(self, item: QueueItem) -> Card | None:
        deck = self._deck_by_id[item.key[0]]
        if item.key[1] not in deck:
            return None  # the fact left its deck since the session began
        fact = deck.fact(item.key[1])  # as last loaded: an edit shows at once
        if item.blank >= fact.blank_count:
            return None
        offered = formats_for(deck, fact, item.blank)
        if not offered:
            return None
        self._asked += 1
        rng = random.Random(_seed(self.seed, *item.key, self._asked))
        format = pick_format(item.state, offered, rng)
        question = make_question(deck, fact.id, format, seed=rng.randrange(2**32), blank=item.blank)
        return Card(question, fact, deck, item.blank, item.state.is_new, len(self._answered) + 1)

    def use_library(self, library: Library) -> Card | None:
        """Go on with the decks as ``library`` now has them (after an edit): the card being
        asked is asked again in its new wording. A deck that no longer loads keeps its last
        good version. Returns the card to ask now, if any."""
        fresh = {d.id: d for d in library.decks}
        self.decks = [fresh.get(d.id, d) for d in self.decks]
        self._deck_by_id = {d.id: d for d in self.decks}
        if self._current is None:
            return None
        item, card = self._current
        self._current = None
        self._asked -= 1
        remade = self._card_for(item)
        if remade is None:
            return self.next()
        self._current = (item, Card(remade.question, remade.fact, remade.deck, remade.blank,
                                    remade.is_new, card.number))
        return self._current[1]

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
        from quiz.study.items import item_results, response_text  # (loaded early: `Study`)

        self._settle()
        item, card = self._current
        question = card.question
        grade = question.check(response)
        typed = response if isinstance(response, str) else response_text(question, response)
        chosen = _jsonable(response) if not isinstance(response, str) else None
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
        self._answered.append(_Answered(item, card, grade, recorded, points, streak_before,
                                        item_results(question, response, card.deck)))
        self._current = None
        self._requeue(item, recorded)
        return self._outcome(self._answered[-1])

    def _requeue(self, item: QueueItem, recorded: Recorded) -> None:
        if isinstance(self.queue, StudyQueue) and self.mode == "study":
            self.queue.answered(item, recorded.after)

    def override(self, rating: int) -> Outcome:
        """Replace the rating of the answer just given (before the next card is asked).

        Raises:
            RuntimeError: nothing has been answered yet in this session.
        """
        if not self._answered:
            raise RuntimeError("no answer to re-rate")
        last = self._answered[-1]
        self._settle()
        with self.study._lock:
            recorded = self.study.store.change_rating(last.recorded.review_id, Rating(rating))
        if isinstance(self.queue, StudyQueue) and self.mode == "study":
            self.queue.forget(last.item.key)
            self.queue.answered(last.item, recorded.after)
        last.recorded = recorded
        return self._outcome(last)

    def _outcome(self, done: _Answered) -> Outcome:
        deck = done.card.deck
        fact = done.card.fact
        return Outcome(
            grade=done.grade, rating=int(done.recorded.rating), suggested=int(done.recorded.suggested),
            intervals=self._intervals(done) if self.mode == "study" else {},
            answer=done.card.question.answer, explain=fact.explain, source=deck.source_text(fact),
            points=done.points, score=self._score, streak=self._streak,
            notice=done.recorded.notice, items=done.items, format=done.card.question.format,
            can_undo=self.can_undo, can_set_aside=self.can_set_aside)

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
        """Take back the last answer (in the store too) and ask that card again.

        Returns None when there is nothing to take back, and always in an exam.
        """
        if not self._answered or not self.can_undo:
            return None
        self._settle()
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
        """Suspend the current card (never asked in review until unsuspended; not in an exam)."""
        self._set_aside(self.study.store.suspend)

    def bury(self) -> None:
        """Hide the current card until tomorrow (not in an exam)."""
        self._set_aside(self.study.store.bury)

    def _set_aside(self, action: Any) -> None:
        if not self.can_set_aside:
            return
        self._settle()
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
            store.checkpoint()
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
            missed=missed, next_due=next_due, planned=self.planned)
        return self._finished

    def _previous_best(self, store_mode: str) -> int | None:
        """The most points of an earlier finished session on the same decks and mode."""
        rows = self.study.store.read(
            "SELECT max(points) FROM sessions WHERE id != ? AND mode = ? AND ended_at IS NOT NULL "
            "AND answered > 0 AND decks = ?",
            (self.session_id, store_mode, json.dumps(sorted(self.deck_ids))))
        return int(rows[0][0]) if rows and rows[0][0] is not None else None


def tagged(deck: Deck, tags: Sequence[str]) -> Deck:
    """``deck`` with only the facts that carry one of ``tags`` (all of them when the deck
    itself does); tags compare without regard to case."""
    wanted = {t.casefold() for t in tags}
    if wanted & {t.casefold() for t in deck.tags}:
        return deck
    return replace(deck, facts=tuple(f for f in deck.facts
                                     if wanted & {t.casefold() for t in f.tags}), _index={})


def _jsonable(response: object) -> Any:
    if isinstance(response, (list, tuple)):
        return [_jsonable(r) for r in response]
    return response
