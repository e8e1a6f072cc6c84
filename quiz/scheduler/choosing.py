"""The choice of a study day's cards: which learning, review and new cards a queue takes.

Siblings: one blank per statement per day. Learning cards claim their fact first, then
reviews (least retrievable first), then new cards (deck order); a card cut by a daily
limit or held back by ``apart`` still claims its fact, so a sibling never jumps ahead of
it. Related cards (`Apart`) are kept on different days, and the daily limits cut each deck.

`Choosing` makes the choice one stage at a time and each stage as a generator, so the
whole queue (`quiz.scheduler.study_queue.build_queue`) and its first card alone
(`quiz.scheduler.queue_head`) are chosen by the same steps: the head stops at the first
card taken.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from quiz.facts import Deck
from quiz.scheduler.engine import Scheduler
from quiz.scheduler.queue_cards import DUE, LAST_REVIEW, STABILITY, Row, wants_recall_of
from quiz.scheduler.records import CardKey
from quiz.scheduler.settings import Settings

if TYPE_CHECKING:
    from quiz.scheduler.study_queue import Today


class Apart(Protocol):
    """Which cards may share a study day (`quiz.questions.reveal.KeepApart`): cards that
    share an answer or show one another are kept on different days."""

    def fits(self, key: CardKey, recall: bool | None = None) -> bool:
        """Whether ``key`` may join the cards admitted so far (``recall``: `wants_recall`)."""
        ...

    def admit(self, key: CardKey, recall: bool | None = None) -> None:
        """Count ``key`` among the day's cards."""
        ...


HELD_BACK_PER_LIMIT, HELD_BACK_EXTRA = 1, 10
"""A deck's reviews (or new cards) held back as related on one day stop at the room its
daily limit leaves, plus ten: past that the rest wait for another day without being
examined, so a deck whose cards are all related costs the day's size, not the deck's."""


LEARNING_SHOWN = 50
"""The learning cards (soonest due first) that hold back their relatives; past these, a
learning card holds none back (its fact is not even read). Learners have a few dozen
learning cards; a collection with thousands must not wait seconds for its queue."""


Chosen = list[tuple[CardKey, Row]]
Learning = list[tuple[int, CardKey, Row]]
"""Learning cards as (due ms, key, stored row), in deck order (`StudyQueue` heaps them)."""
Ranked = tuple[float, int, CardKey, Row]
"""A review card as the queue ranks it: retrievability, due ms, key, stored row; reviews
are taken in the order of these tuples (keys differ, so rows never compare)."""


def ranked(entries: Iterable[tuple[CardKey, Row]], scheduler: Scheduler,
           now: datetime) -> list[Ranked]:
    """Review cards in the order a queue takes them: least retrievable at ``now`` first
    (each deck with its own parameters), then by due time and key."""
    rankings: dict[str, Callable[[int | None, float | None], float]] = {}
    found: list[Ranked] = []
    for key, row in entries:
        ranking = rankings.get(key[0])
        if ranking is None:
            ranking = rankings[key[0]] = scheduler.retrievability_at(now, key[0])
        found.append((ranking(row[LAST_REVIEW], row[STABILITY]), row[DUE], key, row))
    found.sort()
    return found


class Choosing:
    """One study day's choice, made a stage at a time and in this order: `learning`, then
    `reviews`, then `new` (see the module docstring). A plain class (no dataclass to
    compile on the way to a first question)."""

    __slots__ = ("_decks", "_today", "_settings", "_apart", "_taken", "_looks", "_learning",
                 "claim")

    def __init__(self, decks: Sequence[Deck], today: Today, settings: Settings,
                 apart: Apart | None) -> None:
        self._decks = decks
        self._today = today
        self._settings = settings
        self._apart = apart
        self._taken: dict[tuple[str, str], int] = {}
        """Each claimed fact's blank."""
        self._looks: dict[str, int] = {}
        """Per deck, the cards it may still hold back as related in the current stage."""
        self._learning: Learning = []
        self.claim: Callable[[CardKey], bool] = self._claim_studied if today.blanks_by_fact \
            else self._claim_fresh
        """Whether a card may be the day's card of its fact, claiming the fact if so."""

    def _claim_studied(self, key: CardKey) -> bool:
        fact = (key[0], key[1])
        held = self._taken.get(fact)
        if held is not None and held != key[2]:
            return False
        blanks = self._today.blanks_by_fact.get(fact)
        if blanks and (len(blanks) > 1 or key[2] not in blanks):
            return False  # another blank of the fact was studied today
        self._taken[fact] = key[2]
        return True

    def _claim_fresh(self, key: CardKey) -> bool:
        """`_claim_studied` when nothing was studied today, in one look-up (thousands of
        cards on a day's first queue)."""
        blank = key[2]
        return self._taken.setdefault((key[0], key[1]), blank) == blank

    def fits(self, key: CardKey, row: Row) -> bool:
        """Whether a card joins the day beside its related cards (admitting it if so)."""
        apart = self._apart
        if apart is None:
            return True
        looks = self._looks
        if looks[key[0]] <= 0:
            return False  # enough cards were held back today: the rest wait, unexamined
        recall = wants_recall_of(row)
        if not apart.fits(key, recall):
            looks[key[0]] -= 1
            return False
        apart.admit(key, recall)
        return True


    def learning(self, entries: Iterable[tuple[CardKey, Row]]) -> Learning:
        """The day's learning cards of ``entries`` (in deck order), claiming their facts."""
        self._learning = [(row[DUE], key, row) for key, row in entries if self.claim(key)]
        return self._learning

    def _admit_shown(self) -> None:
        """Admit today's studied cards and the soonest due learning cards, before any
        review or new card is weighed (not for a queue's head that is a learning card)."""
        apart = self._apart
        if apart is not None:
            admit_studied(apart, self._today)
            for _, key, row in heapq.nsmallest(LEARNING_SHOWN, self._learning):
                apart.admit(key, wants_recall_of(row))

    def reviews(self, entries: Iterable[Ranked]) -> Iterator[tuple[CardKey, Row]]:
        """The review cards taken from ``entries`` (in the order `ranked` gives), as the
        walk reaches them; `learning` first."""
        self._admit_shown()
        # A card cut by a daily limit is not on the day, so it holds no other card back.
        room = day_room(self._decks, self._settings.reviews_per_day,
                        self._today.reviews_by_deck, self._looks)
        claim, fits = self.claim, self.fits
        for _, _, key, row in entries:
            if claim(key) and room.get(key[0], 0) > 0 and fits(key, row):
                room[key[0]] -= 1
                yield key, row

    def new(self, entries: Iterable[tuple[CardKey, Row]]) -> Iterator[tuple[CardKey, Row]]:
        """The new cards taken from ``entries`` (in deck order), once the reviews are."""
        room = day_room(self._decks, self._settings.new_per_day, self._today.new_by_deck,
                        self._looks)
        return choose_new(entries, room, self._looks, self.claim, self.fits)


def day_room(decks: Sequence[Deck], per_day: int, done: Mapping[str, int],
             looks: dict[str, int]) -> dict[str, int]:
    """Each deck's room under a daily limit (``done``: cards of the kind taken today), and,
    set in ``looks``, as many looks at related cards it may hold back (see `Choosing`)."""
    room = {d.id: max(0, per_day - done.get(d.id, 0)) for d in decks}
    looks.update((d, HELD_BACK_PER_LIMIT * r + HELD_BACK_EXTRA) for d, r in room.items())
    return room


def admit_studied(apart: Apart, today: Today) -> None:
    """Admit to ``apart`` every card studied earlier today, asked in either group, before
    any review or new card is weighed."""
    for (deck_id, fact_id), blanks in today.blanks_by_fact.items():
        for blank in blanks:
            apart.admit((deck_id, fact_id, blank), True)
            apart.admit((deck_id, fact_id, blank), False)


def choose_new(entries: Iterable[tuple[CardKey, Row]], room: dict[str, int],
               looks: Mapping[str, int], claim: Callable[[CardKey], bool],
               fits: Callable[[CardKey, Row], object]) -> Iterator[tuple[CardKey, Row]]:
    """The new cards a queue takes from ``entries`` (in deck order), as it reaches them:
    each claimed and fitting, up to its deck's ``room`` (spent here); a deck that held
    back its ``looks`` takes no more (see `Choosing`)."""
    # A deck whose new cards are all chosen (or held back) takes no more: what its later
    # cards would claim could only keep its own later cards out. Once every deck is done,
    # the rest of the new cards are not looked at.
    open_decks = sum(1 for r in room.values() if r > 0)
    for key, row in entries:
        if not open_decks:
            break
        deck_id = key[0]
        if room.get(deck_id, 0) <= 0:
            continue
        if claim(key) and fits(key, row):
            room[deck_id] -= 1
            yield key, row
            if not room[deck_id]:
                open_decks -= 1
        elif looks[deck_id] <= 0:
            room[deck_id] = 0  # enough were held back: the deck's other new cards wait
            open_decks -= 1
