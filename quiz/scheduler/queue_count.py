"""Counting a study queue without making it: what the home screen shows for a deck.

`count_queue` is ``build_queue(...).counts()``, exactly, but it does not walk every learning
and review card as the queue's choice does (`quiz.scheduler.study_queue`: claim each card's
fact, rank every review). It reads an index of the sorted cards (`CountIndex`): learning
cards by fact and soonest first, reviews ranked by retrievability, review blanks by fact.
Counting then walks only what the day's limits reach: the learning cards held apart, the
reviews until the day's room (or the related cards it may hold back) is used up, the new
cards until theirs is. What the rest of the reviews would claim (a new card's sibling) is
read from the index by fact.

The index is kept with its sorting (`Sorted.derived`). A sorting patched card by card
(`quiz.scheduler.queue_cards.resort`, after this store's own writes) carries the changed
cards' old and new rows, and its index is the previous one patched the same way; it is built
afresh otherwise, and when the reviews' retrievability has changed since (it counts whole
days since a card's last review).
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Mapping, Sequence
from datetime import datetime

from quiz.clock import from_ms, to_ms
from quiz.facts import Deck
from quiz.scheduler.engine import Scheduler
from quiz.scheduler.queue_cards import (
    COUNT_BASIS, COUNT_INDEX, DUE, LAST_REVIEW, LEARNING_LIST, REVIEW_LIST, STABILITY, Move,
    Row,
    Sorted, sort_cards, wants_recall_of,
)
from quiz.scheduler.records import CardKey, StoredCard
from quiz.scheduler.settings import Settings
from quiz.scheduler.choosing import LEARNING_SHOWN, Apart, admit_studied, choose_new, day_room
from quiz.scheduler.study_queue import DAY_MS, QueueCounts, Today, ranks_until

Fact = tuple[str, str]
"""``(deck_id, fact_id)``: the cards of one fact (a statement's blanks) share it."""




class CountIndex:
    """The learning and review cards of a sorting, arranged for counting (see the module).

    A plain class: it is defined on the way to a first question (no dataclass to compile).
    """

    __slots__ = ("learning", "soonest", "learning_rows", "ranked", "reviews", "review_blanks",
                 "decays", "since", "until")

    def __init__(self, learning: dict[Fact, list[int]], soonest: list[tuple[int, CardKey]],
                 learning_rows: dict[CardKey, Row], ranked: list[tuple[float, int, CardKey]],
                 reviews: dict[CardKey, tuple[tuple[float, int, CardKey], Row]],
                 review_blanks: dict[Fact, list[int]], decays: dict[str, float], since: int,
                 until: int | None) -> None:
        self.learning = learning
        """Each fact's learning cards' blanks, in deck order."""
        self.soonest = soonest
        """Learning cards as (due ms, key), soonest first."""
        self.learning_rows = learning_rows
        self.ranked = ranked
        """Review cards as (retrievability, due ms, key): the order the queue asks them in."""
        self.reviews = reviews
        self.review_blanks = review_blanks
        """Each fact's review cards' blanks."""
        self.decays = decays
        """The decay each deck's reviews were ranked with."""
        self.since = since
        self.until = until
        """The ranks hold from ``since`` until ``until`` (epoch ms; None: no bound)."""

    def cards(self) -> tuple[object, ...]:
        """What the index holds of the cards, for comparing two (their bounds aside)."""
        return (self.learning, self.soonest, self.learning_rows, self.ranked, self.reviews,
                self.review_blanks, self.decays)

    def holds(self, now_ms: int, decays: Mapping[str, float]) -> bool:
        """Whether the reviews rank the same at ``now_ms`` with these decays."""
        return self.since <= now_ms and (self.until is None or now_ms < self.until) \
            and all(decays.get(d, v) == v for d, v in self.decays.items())


def _rank(row: Row, decay: float, now_ms: int) -> tuple[float, int | None]:
    """A review's retrievability at ``now_ms`` (as `Scheduler.retrievability_at`) and when
    it next changes (None: never)."""
    last, stability = row[LAST_REVIEW], row[STABILITY]
    if last is None or stability is None:
        return 0.0, None
    days = (now_ms - last) // DAY_MS
    factor = 0.9 ** (1 / decay) - 1
    return float((1 + factor * max(0, days) / stability) ** decay), last + (days + 1) * DAY_MS




def _build(sorted_cards: Sorted, decays: Mapping[str, float], now_ms: int) -> CountIndex:
    learning: dict[Fact, list[int]] = {}
    for key, _ in sorted_cards.learning:
        learning.setdefault((key[0], key[1]), []).append(key[2])
    rows = {key: row for key, row in sorted_cards.learning}
    soonest = sorted((row[DUE], key) for key, row in sorted_cards.learning)
    reviews: dict[CardKey, tuple[tuple[float, int, CardKey], Row]] = {}
    blanks: dict[Fact, list[int]] = {}
    until: int | None = None
    for key, row in sorted_cards.reviews:
        rank, changes = _rank(row, decays[key[0]], now_ms)
        reviews[key] = ((rank, row[DUE], key), row)
        blanks.setdefault((key[0], key[1]), []).append(key[2])
        if changes is not None and (until is None or changes < until):
            until = changes
    ranked = sorted(entry for entry, _ in reviews.values())
    return CountIndex(learning, soonest, rows, ranked, reviews, blanks, dict(decays), now_ms, until)


def _patched(index: CountIndex, moves: Sequence[Move], decays: Mapping[str, float],
             now_ms: int) -> CountIndex | None:
    """``index`` with ``moves`` applied (a copy), or None when a move does not fit it."""
    learning, blanks = dict(index.learning), dict(index.review_blanks)
    soonest, rows = list(index.soonest), dict(index.learning_rows)
    ranked, reviews = list(index.ranked), dict(index.reviews)
    until = index.until
    for key, was, old, now, new, place in moves:
        fact = (key[0], key[1])
        if was == LEARNING_LIST:
            if old is None or rows.pop(key, None) != old:
                return None  # the index is not of the sorting the moves start from
            at = bisect_left(soonest, (old[DUE], key))
            if at == len(soonest) or soonest[at][1] != key:
                return None
            del soonest[at]
            learning[fact] = [b for b in learning[fact] if b != key[2]]
            if not learning[fact]:
                del learning[fact]
        elif was == REVIEW_LIST:
            entry = reviews.pop(key, None)
            if entry is None or entry[1] != old:
                return None
            at = bisect_left(ranked, entry[0])
            if at == len(ranked) or ranked[at] != entry[0]:
                return None
            del ranked[at]
            blanks[fact] = [b for b in blanks[fact] if b != key[2]]
            if not blanks[fact]:
                del blanks[fact]
        if (now == LEARNING_LIST or now == REVIEW_LIST) and (
                new is None or key in rows or key in reviews):
            return None
        if now == LEARNING_LIST:
            rows[key] = new  # type: ignore[assignment]
            insort(soonest, (new[DUE], key))  # type: ignore[index]
            learning[fact] = sorted([*learning.get(fact, ()), key[2]],
                                    key=lambda b: place[(key[1], b)])
        elif now == REVIEW_LIST:
            decay = decays.get(key[0])
            if decay is None or index.decays.get(key[0], decay) != decay:
                return None
            rank, changes = _rank(new, decay, now_ms)  # type: ignore[arg-type]
            entry = (rank, new[DUE], key)  # type: ignore[index]
            reviews[key] = (entry, new)  # type: ignore[assignment]
            insort(ranked, entry)
            blanks[fact] = [*blanks.get(fact, ()), key[2]]
            if changes is not None and (until is None or changes < until):
                until = changes
    return CountIndex(learning, soonest, rows, ranked, reviews, blanks,
                      {**index.decays, **decays}, max(index.since, now_ms), until)


def index_of(sorted_cards: Sorted, deck_ids: Sequence[str], scheduler: Scheduler,
             now: datetime) -> CountIndex:
    """The counting index of ``sorted_cards`` (the cards of decks ``deck_ids``) at
    ``now``: kept, patched or built."""
    now_ms, decays = to_ms(now), {d: scheduler.decay(d) for d in deck_ids}
    derived = sorted_cards.derived
    if derived is None:
        return _build(sorted_cards, decays, now_ms)
    index: CountIndex | None = derived.get(COUNT_INDEX)
    if index is not None and index.holds(now_ms, decays):
        return index
    basis = derived.pop(COUNT_BASIS, None)
    found = None
    if basis is not None:
        before, moves = basis
        kept = before.get(COUNT_INDEX)
        if kept is not None and kept.holds(now_ms, decays):
            found = _patched(kept, moves, decays, now_ms)
    if found is None:
        found = _build(sorted_cards, decays, now_ms)
    derived[COUNT_INDEX] = found
    return found


def ranks_hold_until(sorted_cards: Sorted, now: datetime) -> datetime | None:
    """`ranks_until` (when some review of ``sorted_cards`` next ranks otherwise), read from
    the counting index kept with them when it holds at ``now``: then it may be earlier (a
    review that left the sorting may have set it), never later."""
    derived = sorted_cards.derived
    index = derived.get(COUNT_INDEX) if derived is not None else None
    now_ms = to_ms(now)
    if index is None or not index.since <= now_ms or (index.until is not None
                                                       and now_ms >= index.until):
        return ranks_until(sorted_cards, now)
    return from_ms(index.until) if index.until is not None else None


def count_queue(decks: Sequence[Deck], cards: Mapping[CardKey, StoredCard], today: Today,
                settings: Settings, now: datetime, day_end: datetime,
                scheduler: Scheduler | None = None, apart: Apart | None = None,
                sorted_cards: Sorted | None = None) -> QueueCounts:
    """``build_queue(...).counts()`` (same arguments), without making the queue: what the
    home screen shows for a deck."""
    if sorted_cards is None or not sorted_cards.holds_at(now):
        sorted_cards = sort_cards(decks, cards, now, day_end)
    index = index_of(sorted_cards, [d.id for d in decks], scheduler or Scheduler(settings), now)
    studied = {fact: blanks for fact, blanks in today.blanks_by_fact.items() if blanks}
    by_fact = index.learning

    # Learning cards: the first of each fact in deck order claims it, unless another blank
    # of the fact was studied today (then only that blank may, if it is the only one).
    learned: dict[Fact, int | None] = {}
    """Studied facts with learning cards: the blank that claimed the fact (None: none)."""
    learning = len(by_fact)
    for fact, blanks in studied.items():
        held = by_fact.get(fact)
        if held is not None:
            only = next(iter(blanks)) if len(blanks) == 1 else None
            learned[fact] = only if only is not None and only in held else None
            learning -= learned[fact] is None

    def learning_claim(fact: Fact) -> int | None:
        if fact in learned:
            return learned[fact]
        held = by_fact.get(fact)
        return held[0] if held else None

    taken: dict[Fact, int] = {}
    """Facts claimed by a review or new card."""

    def claim(key: CardKey, pending: bool) -> bool:
        """`_choose`'s claim. ``pending``: the reviews not walked claim their facts too."""
        fact = (key[0], key[1])
        held = taken.get(fact)
        if held is None:
            held = learning_claim(fact)
            if held is None and pending:
                blanks = studied.get(fact)
                held = next((b for b in index.review_blanks.get(fact, ())
                             if not blanks or (len(blanks) == 1 and b in blanks)), None)
        if held is not None and held != key[2]:
            return False
        blanks = studied.get(fact)
        if blanks and (len(blanks) > 1 or key[2] not in blanks):
            return False
        taken[fact] = key[2]
        return True

    looks: dict[str, int] = {}

    def fits(key: CardKey, row: Row) -> bool | None:
        """`_choose`'s fits; None when it was the deck's last look."""
        if apart is None:
            return True
        if looks[key[0]] <= 0:
            return False
        recall = wants_recall_of(row)
        if not apart.fits(key, recall):
            looks[key[0]] -= 1
            return False if looks[key[0]] > 0 else None
        apart.admit(key, recall)
        return True

    if apart is not None:
        admit_studied(apart, today)
        shown = 0
        for _, key in index.soonest:
            if shown >= LEARNING_SHOWN:
                break
            if learning_claim((key[0], key[1])) == key[2]:
                apart.admit(key, wants_recall_of(index.learning_rows[key]))
                shown += 1

    room = day_room(decks, settings.reviews_per_day, today.reviews_by_deck, looks)
    reviews = 0
    open_decks = sum(1 for r in room.values() if r > 0)
    entries = index.reviews
    for _, _, key in index.ranked if open_decks else ():
        if not claim(key, False) or room.get(key[0], 0) <= 0:
            continue
        fitted = fits(key, entries[key][1])
        if fitted:
            reviews += 1
            room[key[0]] -= 1
            open_decks -= not room[key[0]]
        elif fitted is None:
            open_decks -= 1
        if not open_decks:
            break  # no deck takes another review: the rest only claim their facts

    room = day_room(decks, settings.new_per_day, today.new_by_deck, looks)
    new = sum(1 for _ in choose_new(sorted_cards.new, room, looks, lambda key: claim(key, True),
                                    fits))
    return QueueCounts(learning, reviews, new)


__all__ = ["CountIndex", "count_queue", "index_of", "ranks_hold_until"]
