"""Read-only questions the screens ask the store, each one indexed so it stays instant.

`Queries` is mixed into `quiz.store.Store`; it only reads. Cards of facts that left a deck
keep their rows but are not counted or asked: counts and queues start from the decks.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from datetime import datetime
from itertools import compress
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar

from quiz.clock import Clock, from_ms, to_ms, today_bounds
from quiz.facts import Deck
from quiz.questions.reveal import KeepApart
from quiz.scheduler import (
    NEW, REVIEW, CardKey, QueueCards, QueueCounts, QueueItem, Scheduler, Settings,
    Sorted, StoredCard, StudyQueue, Today, build_queue, cram_items, exam_items,
    median, sort_cards,
)
from quiz.scheduler.due_cards import DueSorted, StoredAmong, sort_due
from quiz.scheduler.queue_cards import (
    STATE, SUSPENDED, Pair, Row, resort, stored_of,
)
from quiz.store.memos import Memos, keep
from quiz.store.records import (
    REVIEW_COLUMNS, SESSION_COLUMNS, Best, DeckCounts, Review, Session,
)

_DUE = "CASE WHEN due IS NULL AND state != 0 THEN coalesce(last_review, 0) ELSE due END"
"""A card's due time as every read takes it: a studied card stored without one (no writer
makes it; a hand-edited or imported file can) is due at its last review, so due now, on
every path alike (`quiz doctor` names such cards)."""
CARD_COLUMNS = ("deck_id, fact_id, blank, state, step, stability, difficulty, due, last_review, "
                "reps, lapses, suspended, buried_until")
CARD_SELECT = CARD_COLUMNS.replace(" due,", f" {_DUE},")
"""`CARD_COLUMNS` as every read of a card takes them (its due time as `_DUE` says)."""
_NEXT_DUE = ("SELECT min(m) FROM (SELECT min(due) AS m FROM cards WHERE due IS NOT NULL "
             "AND suspended = 0{deck} UNION ALL SELECT min(coalesce(last_review, 0)) FROM cards "
             "WHERE due IS NULL AND state != 0 AND suspended = 0{deck})")
"""The soonest due time of the cards not suspended (``{deck}``: a deck's only), as `_DUE`
takes them: each half is a look-up in the index on due (which holds the NULLs), not a scan."""

MEDIAN_WINDOW = 200
"""Recent correct answers per format the "quick answer" median is taken over."""

Q = TypeVar("Q")

# ``+due`` and the expression keep SQLite off the due index (`_read_queue_cards`); a NULL
# due of a studied card reads as `_DUE` says in both, so each card is in exactly one.
_WAITING = ("SELECT fact_id, blank FROM cards WHERE deck_id = ? AND state != 0 "
            "AND suspended = 0 AND coalesce(+due, last_review, 0) >= ?")
"""A deck's cards not due before the day ends (`Queries._read_queue_cards`)."""
_OTHERS = (f"SELECT {CARD_SELECT} FROM cards WHERE deck_id = ? AND NOT (state != 0 "
           "AND suspended = 0 AND coalesce(+due, last_review, 0) >= ?)")
"""Its other cards."""
_ONE = " AND fact_id = ? AND blank = ?"

WHOLE_DECK_AFTER = 4096
"""Keys of a deck asked one batch at a time (`Queries._stored_among`) before all of its
stored keys are read at once (~10 ms for 20,000): a deck whose new cards come after
thousands of studied ones is read whole, as before."""
_IN_AT_ONCE = 500
"""Fact ids in one ``IN (...)`` (SQLite allows 999 parameters in old builds)."""


def card_from_row(row: Sequence[Any] | None) -> StoredCard:
    """A stored card from a row selected with `CARD_SELECT` (a new card for None)."""
    return StoredCard() if row is None else stored_of(tuple(row))


class Queries:
    """Read-only queries; relies on `Store` for the connection, clock and settings."""

    path: Path
    clock: Clock
    _memos: Memos
    """What these queries keep between calls (made by Store)."""

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError  # provided by Store

    def settings(self) -> Settings:
        """The learner's settings (provided by Store)."""
        raise NotImplementedError

    def _change_stamp(self) -> tuple[int, int]:
        """Changes whenever the scores change, through this store or another (by Store)."""
        raise NotImplementedError

    def _untouched(self, deck_id: str, since: tuple[int, int], now: tuple[int, int]) -> bool:
        """Whether every change between two change stamps was this store's own write and
        none touched the deck (by Store, `quiz.store.touched`)."""
        raise NotImplementedError

    def _appended(self, since: tuple[int, int], now: tuple[int, int]) -> bool:
        """Whether all changes between two stamps were own writes appending answers (by Store)."""
        raise NotImplementedError

    def _changed(self, deck_id: str, since: tuple[int, int],
                 now: tuple[int, int]) -> set[Pair] | None:
        """The deck's cards (fact, blank) changed between two change stamps, when every
        change was this store's own write saying which (None otherwise; by Store)."""
        raise NotImplementedError

    # -- cards --------------------------------------------------------------------------

    def card(self, key: CardKey) -> StoredCard:
        """One card's state and flags (a new card if it was never answered)."""
        rows = self._read(f"SELECT {CARD_SELECT} FROM cards WHERE deck_id = ? AND fact_id = ? "
                          "AND blank = ?", key)
        return card_from_row(rows[0] if rows else None)

    def cards(self, deck_ids: Sequence[str]) -> dict[CardKey, StoredCard]:
        """Every stored card of these decks, including those of facts no longer in them."""
        found: dict[CardKey, StoredCard] = {}
        for deck_id in deck_ids:
            rows = self._read(f"SELECT {CARD_SELECT} FROM cards WHERE deck_id = ?", (deck_id,))
            for row in rows:
                found[(row[0], row[1], row[2])] = card_from_row(row)
        return found

    def _queue_cards(self, deck_ids: Sequence[str], day_end_ms: int) -> QueueCards:
        """The stored cards of these decks as `build_queue` takes them; read again only when
        the scores or the study day changed (the home screen's counts and the queue of a
        session started from it read them once)."""
        memo = self._memos.queue_cards
        stamp = (*self._change_stamp(), day_end_ms)
        known = memo.get(tuple(deck_ids))
        if known is not None and known[0] == stamp:
            return known[1]
        if known is not None and known[0][1:] == stamp[1:]:
            patched = self._patch_queue_cards(known[1], deck_ids, known[0], stamp)
            if patched is not None:
                memo[tuple(deck_ids)] = (stamp, patched)
                return patched
        return keep(memo, tuple(deck_ids),
                    (stamp, self._read_queue_cards(deck_ids, day_end_ms)))[1]

    def _patch_queue_cards(self, cards: QueueCards, deck_ids: Sequence[str],
                           since: tuple[int, int, int],
                           stamp: tuple[int, int, int]) -> QueueCards | None:
        """``cards`` (read at stamp ``since``) brought up to date card by card, when every
        change since was this store's own write saying which cards it changed (None when
        not: read them all again). The patched decks' cards are copied, never changed."""
        changes: dict[str, set[Pair]] = {}
        for deck_id in deck_ids:
            pairs = self._changed(deck_id, (since[0], since[1]), (stamp[0], stamp[1]))
            if pairs is None:
                return None
            if pairs:
                changes[deck_id] = pairs
        if not changes:
            return cards
        decks = {deck_id: cards.deck(deck_id) for deck_id in deck_ids}
        for deck_id, pairs in changes.items():
            waiting, rows = set(decks[deck_id][0]), dict(decks[deck_id][1])
            for pair in pairs:
                waiting.discard(pair)
                rows.pop(pair, None)
                params = (deck_id, stamp[2], *pair)
                if self._read(_WAITING + _ONE, params):
                    waiting.add(pair)
                for row in self._read(_OTHERS + _ONE, params):
                    rows[pair] = row
            decks[deck_id] = waiting, rows
        patched = QueueCards(decks)
        keep(self._memos.patches, id(patched), (patched, cards, changes))
        return patched

    def _read_queue_cards(self, deck_ids: Sequence[str], day_end_ms: int) -> QueueCards:
        # Cards not due today only need to be known to exist (so they are not taken for
        # new ones): their keys alone are read, into a set.
        # ``+due`` keeps SQLite on the deck's primary-key range: through the due index it
        # would look every waiting card up again for its state (3-5 times slower).
        # The others are kept as read, times in ms: a row becomes a state only for a card
        # the queue asks or weighs (`quiz.scheduler.state_of`).
        decks: dict[str, tuple[set[tuple[str, int]], dict[tuple[str, int], Row]]] = {}
        for deck_id in deck_ids:
            waiting = set(self._read(_WAITING, (deck_id, day_end_ms)))
            decks[deck_id] = waiting, {(row[1], row[2]): row for row in self._read(
                _OTHERS, (deck_id, day_end_ms))}
        return QueueCards(decks)

    def today(self, now: datetime | None = None) -> Today:
        """What was studied so far in the current study day (for limits and siblings)."""
        now = now or self.clock.now()
        settings = self.settings()
        start, _ = today_bounds(now, self.clock.zone, settings.day_ends_at)
        new: dict[str, int] = {}
        reviews: dict[str, int] = {}
        blanks: dict[tuple[str, str], set[int]] = {}
        for deck_id, fact_id, blank, state_from in self._read(
                "SELECT deck_id, fact_id, blank, state_from FROM reviews WHERE reviewed_at >= ? "
                "AND mode = 'study' AND undone = 0", (to_ms(start),)):
            if state_from == NEW:
                new[deck_id] = new.get(deck_id, 0) + 1
            elif state_from == REVIEW:
                reviews[deck_id] = reviews.get(deck_id, 0) + 1
            blanks.setdefault((deck_id, fact_id), set()).add(blank)
        return Today(new, reviews, {k: frozenset(v) for k, v in blanks.items()})

    def study_queue(self, decks: Sequence[Deck], now: datetime | None = None,
                    today: Today | None = None) -> StudyQueue:
        """The study queue for ``decks`` now (`quiz.scheduler.build_queue`), related cards
        kept on different days (`quiz.questions.reveal.KeepApart`).

        With no cards of these decks kept for the study day (the home screen's counts keep
        them), as when a session starts at launch, only the cards asked today are read and
        the new ones looked up as the queue takes them (`quiz.scheduler.due_cards`): the
        same queue, from a fraction of the reading.
        """
        return self._queue(build_queue, decks, now, today, due_only=True)

    def queue_counts(self, decks: Sequence[Deck], now: datetime | None = None,
                     today: Today | None = None) -> QueueCounts:
        """``study_queue(decks, now, today).counts()``, without making the queue."""
        from quiz.scheduler.queue_count import count_queue  # (a first question counts nothing)
        return self._queue(count_queue, decks, now, today, counting=True)

    def _queue(self, make: Callable[..., Q], decks: Sequence[Deck], now: datetime | None,
               today: Today | None, due_only: bool = False, counting: bool = False) -> Q:
        now = now or self.clock.now()
        settings = self.settings()
        _, end = today_bounds(now, self.clock.zone, settings.day_ends_at)
        cards: Mapping[CardKey, StoredCard]
        sorted_cards: Sorted | DueSorted
        if due_only and not self._keeps_cards(decks, end):
            cards, sorted_cards = {}, self._sorted_due(decks, now, end)
        else:
            cards, sorted_cards = self._sorted(decks, now, end)
        today = today if today is not None else self.today(now)
        # A count's related cards are thrown away with it: they start from the cards studied
        # today, kept admitted between counts. A queue keeps admitting its own.
        apart = KeepApart(decks, self._studied_apart(decks, today) if counting else None)
        made = make(decks, cards, today, settings, now, end, Scheduler(settings), apart,
                    sorted_cards)
        apart.save_later()  # what was worked out about the cards, for the next launch
        return made

    def _studied_apart(self, decks: Sequence[Deck], today: Today) -> KeepApart:
        """Today's studied cards admitted to a kept day of ``decks`` (`quiz.store.studied`)."""
        from quiz.store.studied import studied_apart
        return studied_apart(self._memos, decks, today)

    def _keeps_cards(self, decks: Sequence[Deck], end: datetime) -> bool:
        """Whether the decks' stored cards were read for this study day and are kept
        (`_queue_cards`: read again only if the scores changed in ways it cannot follow)."""
        known = self._memos.queue_cards.get(tuple(d.id for d in decks))
        return known is not None and known[0][2] == to_ms(end)

    def _sorted_due(self, decks: Sequence[Deck], now: datetime, end: datetime,
                    sql: str = _OTHERS) -> DueSorted:
        """The decks' cards sorted for one queue from the rows asked today alone, as read
        by ``sql`` (`quiz.scheduler.due_cards`); nothing is kept."""
        rows = {deck.id: self._read(sql, (deck.id, to_ms(end))) for deck in decks}
        return sort_due(decks, rows, self._stored_among(), now, end)

    def _stored_among(self) -> StoredAmong:
        """Which of some cards of a deck are stored, asked by primary key a batch at a time;
        past `WHOLE_DECK_AFTER` keys asked of a deck (its new cards come late in it), all
        its stored keys are read at once instead."""
        asked: dict[str, int] = {}
        whole: dict[str, set[Pair]] = {}

        def among(deck_id: str, pairs: Sequence[Pair]) -> AbstractSet[Pair]:
            known = whole.get(deck_id)
            if known is not None:
                return known
            asked[deck_id] = asked.get(deck_id, 0) + len(pairs)
            if asked[deck_id] > WHOLE_DECK_AFTER:
                known = whole[deck_id] = set(self._read(
                    "SELECT fact_id, blank FROM cards WHERE deck_id = ?", (deck_id,)))
                return known
            facts = list(dict.fromkeys(fact_id for fact_id, _ in pairs))
            found: set[Pair] = set()
            for at in range(0, len(facts), _IN_AT_ONCE):
                chunk = facts[at:at + _IN_AT_ONCE]
                found.update(self._read(
                    "SELECT fact_id, blank FROM cards WHERE deck_id = ? AND fact_id IN "
                    f"({', '.join('?' * len(chunk))})", (deck_id, *chunk)))
            return found

        return among

    def _sorted(self, decks: Sequence[Deck], now: datetime,
                end: datetime) -> tuple[QueueCards, Sorted]:
        """The decks' stored cards (`_queue_cards`) and their sorting for a queue."""
        cards = self._queue_cards([d.id for d in decks], to_ms(end))
        # Sorting the cards by state walks every key of the decks: done once per change to
        # the scores, as reading them is, while no burial ends.
        known = self._memos.sorts.get(id(cards))
        if known is None or not _sorted_for(known, cards, decks, now):
            made = self._resorted(cards, decks, now, end) or sort_cards(decks, cards, now, end)
            known = keep(self._memos.sorts, id(cards), (cards, list(decks), made))
        return cards, known[2]

    def _resorted(self, cards: QueueCards, decks: Sequence[Deck], now: datetime,
                  end: datetime) -> Sorted | None:
        """The sorting of ``cards`` patched from that of the cards it was patched from
        (`_patch_queue_cards`), when that one is kept for these decks and holds at ``now``."""
        patch = self._memos.patches.pop(id(cards), None)
        if patch is None or patch[0] is not cards:
            return None
        _, before, changes = patch
        sorts = self._memos.sorts
        known = sorts.get(id(before))
        if known is None or not _sorted_for(known, before, decks, now):
            return None
        del sorts[id(before)]  # the cards it sorted are no longer read
        positions = self._memos.positions
        places: dict[str, dict[Pair, int]] = {}
        for deck in decks:
            if deck.id in changes:
                held = positions.get(id(deck))
                if held is None or held[0] is not deck:
                    held = keep(positions, id(deck), (
                        deck, {pair: at for at, pair in enumerate(deck.card_keys())}))
                places[deck.id] = held[1]
        return resort(known[2], decks, before, cards, changes, places, end)

    def cram_queue(self, decks: Sequence[Deck], seed: int,
                   limit: int | None = None) -> list[QueueItem]:
        """Cards to practise in cram mode (schedule untouched)."""
        return cram_items(decks, self.cards([d.id for d in decks]), seed, limit)

    def exam_queue(self, decks: Sequence[Deck], count: int, seed: int) -> list[QueueItem]:
        """``count`` cards for exam mode (schedule untouched)."""
        return exam_items(decks, self.cards([d.id for d in decks]), count, seed)

    def next_due(self, deck_ids: Sequence[str] | None = None) -> datetime | None:
        """When the next card that is not suspended falls due (None when none is scheduled)."""
        if deck_ids is None:
            rows = self._read(_NEXT_DUE.format(deck=""))
            return from_ms(rows[0][0]) if rows and rows[0][0] is not None else None
        found = [self._read(_NEXT_DUE.format(deck=" AND deck_id = ?"), (d, d))[0][0]
                 for d in deck_ids]
        known = [f for f in found if f is not None]
        return from_ms(min(known)) if known else None

    def deck_counts(self, decks: Sequence[Deck],
                    now: datetime | None = None) -> dict[str, DeckCounts]:
        """Per-deck totals for the home screen (cards of facts still in the deck only).

        A deck's counts are kept while nothing they depend on changes: its scores (this
        store's own writes to other decks leave them kept; another process's write, or a
        settings change, does not), the study day and the deck, and the time only until a
        burial ends, a review card's retrievability changes (it counts whole days) or an
        answer leaves the retention window (`_deck_counts`).
        """
        now = now or self.clock.now()
        settings = self.settings()
        _, end = today_bounds(now, self.clock.zone, settings.day_ends_at)
        stamp = (*self._change_stamp(), to_ms(end))
        kept = self._memos.counts
        today: Today | None = None
        result: dict[str, DeckCounts] = {}
        for deck in decks:
            known = kept.get(deck.id)
            if known is not None and known[0] is deck and known[1][2] == stamp[2] \
                    and known[2] <= now and (known[3] is None or now < known[3]) and (
                        known[1] == stamp or self._untouched(
                            deck.id, (known[1][0], known[1][1]), (stamp[0], stamp[1]))):
                result[deck.id] = known[4]
                continue
            today = today if today is not None else self.today(now)
            counts, until = self._deck_counts(deck, now, end, today)
            kept[deck.id] = (deck, stamp, now, until, counts)
            result[deck.id] = counts
        return result

    def _deck_counts(self, deck: Deck, now: datetime, end: datetime,
                     today: Today) -> tuple[DeckCounts, datetime | None]:
        """One deck's counts at ``now``, and until when they hold (None: no bound)."""
        from quiz.scheduler.queue_count import ranks_hold_until
        from quiz.store.retention import RETENTION_WINDOW, retention
        end_ms, now_ms = to_ms(end), to_ms(now)
        cards, sorted_cards = self._sorted([deck], now, end)
        waiting, rows = cards.deck(deck.id)
        stored = len(waiting) + len(rows)
        total = self._card_count(deck)
        if sorted_cards.stored.get(deck.id) == stored:
            # Every stored card is one of the deck's (the usual case; the sorting for the
            # queue counted them): counted from the cards read for the queue (waiting ones
            # are neither new, due nor suspended).
            # Walked in C (thousands of rows after an answer in a large deck): the suspended
            # rows, and the new ones among all. Due are those the sorting lists (the same
            # conditions: not suspended, learning or review due before the day ends, not
            # buried now; a stored state is 0-3).
            values = rows.values()
            held = list(compress(values, map(itemgetter(SUSPENDED), values)))
            suspended = len(held)
            stored_new = list(map(itemgetter(STATE), values)).count(NEW) - sum(
                1 for row in held if row[STATE] == NEW)
            due = len(sorted_cards.learning) + len(sorted_cards.reviews)
            new = total - stored + stored_new
        else:
            new, due, suspended = self._tally(deck, end_ms, now_ms)
        last = self._read("SELECT max(reviewed_at) FROM reviews WHERE deck_id = ?", (deck.id,))
        stamp = self._change_stamp()
        passed, answered, oldest = retention(self._read, self._memos, deck.id, now, stamp,
                                             lambda since: self._appended(since, stamp))
        # What the queue will ask: limits, siblings and related cards held back.
        queued = self.queue_counts([deck], now, today)
        counts = DeckCounts(
            deck_id=deck.id, total=total, new=new, new_today=queued.new,
            due=due, due_today=queued.learning + queued.review, suspended=suspended,
            last_studied=from_ms(last[0][0]) if last and last[0][0] is not None else None,
            retention=passed / answered if answered else None, reviews_30d=answered)
        # The oldest answer in the window leaves it once its millisecond is 30 days past.
        bounds = [sorted_cards.until, ranks_hold_until(sorted_cards, now),
                  from_ms(oldest + 1) + RETENTION_WINDOW if oldest is not None else None]
        return counts, min((b for b in bounds if b is not None), default=None)

    def _card_count(self, deck: Deck) -> int:
        """``deck.card_count``, counted once per deck object (a decoded deck counts its
        facts' answers one by one: ~8 ms for 20,000 facts)."""
        known = self._memos.card_totals.get(id(deck))
        if known is None or known[0] is not deck:
            known = keep(self._memos.card_totals, id(deck), (deck, deck.card_count), most=64)
        return known[1]

    def _tally(self, deck: Deck, end_ms: int, now_ms: int) -> tuple[int, int, int]:
        """New, due and suspended cards of ``deck``, card by card (stored cards of facts it
        lost are left out)."""
        kinds = {(f, b): k for f, b, k in self._read(
            "SELECT fact_id, blank, CASE WHEN suspended != 0 THEN 's' WHEN state = 0 THEN 'n' "
            f"WHEN {_DUE} < ? AND (buried_until IS NULL OR buried_until <= ?) THEN 'd' "
            "ELSE '' END FROM cards WHERE deck_id = ?", (end_ms, now_ms, deck.id))}
        tally = {"s": 0, "n": 0, "d": 0, "": 0}
        for key in deck.card_keys():
            tally[kinds.get(key, "n")] += 1
        return tally["n"], tally["d"], tally["s"]

    # -- reviews and sessions -----------------------------------------------------------

    def history(self, key: CardKey) -> list[Review]:
        """Every answer to one card, oldest first (undone ones included, flagged)."""
        return [Review.from_row(r) for r in self._read(
            f"SELECT {REVIEW_COLUMNS} FROM reviews WHERE deck_id = ? AND fact_id = ? AND blank = ? "
            "ORDER BY reviewed_at, id", key)]

    def session_reviews(self, session_id: int) -> list[Review]:
        """The answers of one session, in order."""
        return [Review.from_row(r) for r in self._read(
            f"SELECT {REVIEW_COLUMNS} FROM reviews WHERE session_id = ? ORDER BY id",
            (session_id,))]

    def sessions(self, limit: int = 50) -> list[Session]:
        """The latest sessions, newest first."""
        return [Session.from_row(r) for r in self._read(
            f"SELECT {SESSION_COLUMNS} FROM sessions ORDER BY started_at DESC, id DESC LIMIT ?",
            (limit,))]

    def median_duration(self, format: str) -> float | None:
        """The learner's median time (ms) over recent correct answers in ``format``."""
        rows = self._read("SELECT duration_ms FROM reviews WHERE format = ? "
                          "AND verdict = 'correct' AND undone = 0 ORDER BY id DESC LIMIT ?",
                          (format, MEDIAN_WINDOW))
        return median([r[0] for r in rows])

    def personal_bests(self, deck_key: str | None = None) -> list[Best]:
        """Personal bests, for one deck key (sorted deck ids joined by ``+``) or all."""
        sql = "SELECT deck_key, mode, metric, value, session_id, achieved_at FROM bests"
        rows = self._read(sql + " WHERE deck_key = ? ORDER BY mode, metric", (deck_key,)) \
            if deck_key is not None else self._read(sql + " ORDER BY deck_key, mode, metric")
        return [Best(k, m, metric, v, s, from_ms(at)) for k, m, metric, v, s, at in rows]

    def counts(self) -> dict[str, int]:
        """Rows per table (``reviews``: answers standing; ``undone``: answers taken back)."""
        found = {table: int(self._read(f"SELECT count(*) FROM {table}")[0][0])
                 for table in ("cards", "sessions", "bests", "settings")}
        standing, undone = self._read(
            "SELECT count(*) - coalesce(sum(undone), 0), coalesce(sum(undone), 0) FROM reviews")[0]
        return {**found, "reviews": int(standing), "undone": int(undone)}

    def undated_cards(self) -> list[CardKey]:
        """Studied cards stored without a due time (`_DUE` reads them as due now), for
        `quiz doctor` to name."""
        return [(r[0], r[1], int(r[2])) for r in self._read(
            "SELECT deck_id, fact_id, blank FROM cards WHERE state != 0 AND due IS NULL "
            "ORDER BY deck_id, fact_id, blank")]


def _sorted_for(known: tuple[QueueCards, list[Deck], Sorted], cards: QueueCards,
                decks: Sequence[Deck], now: datetime) -> bool:
    """Whether a kept sorting is of ``cards`` for ``decks`` and holds at ``now``."""
    return known[0] is cards and len(known[1]) == len(decks) \
        and all(a is b for a, b in zip(known[1], decks)) and known[2].holds_at(now)


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    """``PRAGMA integrity_check`` lines other than ``ok`` (empty when the file is sound)."""
    return [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall() if r[0] != "ok"]
