"""`Study`: the decks and the score store of one learner, opened once per app.

Threads: the store's SQLite connection belongs to the thread that opened it unless the
store was opened for sharing; `Study.open` opens it shareable and serialises every call
through one lock, so the app may call from worker threads, one at a time or not. Screens
never take that lock or touch the store: they call the methods here (on the app's store
thread, `quiz.tui.runner`).
"""

from __future__ import annotations

import contextlib
import os
import random
import threading
from importlib import import_module
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, get_args

from quiz import locations
from quiz.clock import Clock, SystemClock
from quiz.facts import Deck
from quiz.library import Library, load_library
from quiz.scheduler import NEW_CARD, CardKey, QueueItem, Scheduler, Settings, StudyQueue
from quiz.scheduler.queue_head import QueueHead
from quiz.store import Review, Store
from quiz.study.session import Session, tagged
from quiz.study.values import DeckOverview, Mode

if TYPE_CHECKING:  # the history figures, personal scheduling and the card browser's
    # lists load when first asked for
    from quiz import stats
    from quiz.optimize import FitInputs, FitOutcome, Personal
    from quiz.study.cards import CardAction, DeckCards


T = TypeVar("T")


def _deck_stamps(decks_dir: Path) -> dict[str, tuple[int, int]]:
    """Every deck file of the folder with its modification time and size (a stat each)."""
    from quiz.deck import DECK_SUFFIXES

    stamps: dict[str, tuple[int, int]] = {}
    try:
        with os.scandir(decks_dir) as entries:
            for entry in entries:
                if os.path.splitext(entry.name)[1] in DECK_SUFFIXES and entry.is_file():
                    info = entry.stat()
                    stamps[entry.name] = (info.st_mtime_ns, info.st_size)
    except OSError:
        pass
    return stamps


class Study:
    """The decks and the score store of one learner, opened once per app."""

    def __init__(self, library: Library, store: Store, clock: Clock, decks_dir: Path,
                 scores_dir: Path, stamps: dict[str, tuple[int, int]] | None = None) -> None:
        self.library = library
        self.store = store
        self.clock = clock
        self.decks_dir = decks_dir
        self.scores_dir = scores_dir
        self.partial = False
        """True while only the deck named to `open` is loaded (see `complete`)."""
        self.created = False
        """True when `open` found no score file (it made one): nothing to `check` in it."""
        self._lock = threading.RLock()
        self._stamps = stamps if stamps is not None else _deck_stamps(decks_dir)
        """The deck files as they were before ``library`` read them (`refresh`)."""
        self._warming = False
        """True once `complete` has started loading pint."""
        self._history_ready = False
        """True once `complete` has started loading the history figures' code."""
        self._answers_ready = False
        """True once `complete` has started loading what grading needs and a first question
        does not."""
        self._loading = threading.Lock()
        """Held while `complete` reads the other decks (one reading at a time)."""

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
        # The score file opens (mostly waiting for the disk) while the decks are read; the
        # compiled copies of decks that had to be parsed are written once the store has
        # made the scores folder (private). Not later: a run that quits at its first
        # question (or a script's) would never write them, and parse the deck every time.
        database = locations.database_path(Path(scores_dir))
        # A log left beside a removed file is replayed into the new one: not a new file then.
        created = not database.exists() and not database.with_name(database.name + "-wal").exists()
        opened = _started(lambda: Store.open(Path(scores_dir), clock, shared=True), "quiz-open")
        cache = locations.cache_dir(Path(scores_dir))
        later: list[Callable[[], None]] = []
        stamps = _deck_stamps(Path(decks_dir))  # before the decks are read: a save while
        try:                                     # they are is seen by the first `refresh`
            library = load_library(decks_dir, cache, only=first, later=later) if first else None
            partial = library is not None and library.find(first or "") is not None
            if not partial:
                later.clear()
                library = load_library(decks_dir, cache, later=later)
        except BaseException:
            with contextlib.suppress(Exception):
                opened().close()
            raise
        store = opened()
        assert library is not None
        study = cls(library, store, clock, Path(decks_dir), Path(scores_dir), stamps)
        study.partial = partial
        study.created = created
        for write in later:
            write()
        if not partial:
            study._warm_history()
        return study

    def complete(self, warm_units: bool = True) -> None:
        """Read every deck of the folder if `open` read only the first one.

        With ``warm_units`` (the app calls this once a first question is on screen), pint
        is then loaded on a daemon thread when some deck has figures with units, so no
        answer waits for it (see `quiz.values.units.warm`); decks without never load it.
        The history figures' code and rapidfuzz load on daemon threads as well.
        """
        with self._loading:
            if self.partial:
                self.reload()
            self._warm_history()
        self._warm_answers()
        if warm_units and not self._warming and _may_use_pint(self.library.decks):
            self._warming = True
            from quiz.values import units

            threading.Thread(target=units.warm, name="quiz-pint-warm", daemon=True).start()

    def _warm_history(self) -> None:
        """Load the history figures' code on a daemon thread, once: every deck is read, so
        home, and the history screen a key press away, come next; a first question, which
        needs none of it, never waits for it."""
        if not self._history_ready:
            self._history_ready = True
            threading.Thread(target=import_module, args=("quiz.stats",),
                             name="quiz-stats-import", daemon=True).start()

    def _warm_answers(self) -> None:
        """Load what answers and the questions and counts after them need and a first
        question does not (`AFTER_FIRST`: rapidfuzz, py-fsrs, scoring, units, the other
        kinds' questions, counting) on a daemon thread, once: they wait until a first
        question is on screen, and the answer to it does not wait for the imports."""
        if not self._answers_ready:
            self._answers_ready = True
            threading.Thread(target=_import_each, args=(AFTER_FIRST,),
                             name="quiz-answers-import", daemon=True).start()

    def complete_in_background(self) -> None:
        """`complete` on a daemon thread of its own: the store thread stays free for answers,
        and quitting never waits for decks that would not be shown. A later `complete` (the
        home screen's) waits for this one instead of reading the decks again."""
        threading.Thread(target=self._complete_quietly, name="quiz-decks", daemon=True).start()

    def _complete_quietly(self) -> None:
        try:
            self.complete()
        except Exception:  # noqa: BLE001 - the home screen's `complete` reads again and says why
            pass

    def reload(self) -> Library:
        """Read the decks folder again (edited files miss the cache and are re-read)."""
        stamps = _deck_stamps(self.decks_dir)
        library = load_library(self.decks_dir, locations.cache_dir(self.scores_dir))
        with self._lock:
            self._stamps = stamps
            self.library = library
            self.partial = False
        return library

    def refresh(self) -> Library | None:
        """Read the decks again if a deck file was added, changed or removed since they were
        read (a stat per file when nothing changed); the new library, or None."""
        if self.partial or _deck_stamps(self.decks_dir) == self._stamps:
            return None
        return self.reload()

    def check(self) -> list[str]:
        """A quick check of the score file (``PRAGMA quick_check``): its problems, or none.

        It reads the whole file: 0.65 s for 500,000 reviews (344 MB), 1 s on a busy machine,
        a few milliseconds for a year of one learner's study (bench/bench_check.py). It runs
        on a read-only connection of its own, so any thread may run it while the store
        thread goes on answering.

        Raises:
            quiz.store.StoreError: the file is too damaged to be checked at all.
        """
        if self.created:  # made by this open an instant ago: nothing in it to be damaged
            return []
        import sqlite3

        from quiz.store.errors import translate

        path = self.store.path
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                   check_same_thread=False)
            try:
                rows = conn.execute("PRAGMA quick_check").fetchall()
            finally:
                conn.close()
        except sqlite3.Error as exc:
            raise translate(exc, path) from exc
        found = [str(r[0]) for r in rows]
        return [] if found == ["ok"] else found

    def deck_cards(self, deck_id: str, lint: bool = True) -> DeckCards:
        """Every card of a loaded deck with its schedule (and lint warnings), for the browser."""
        from quiz.study.cards import deck_cards

        deck = self.library.deck(deck_id)
        with self._lock:
            return deck_cards(self.store, deck, self.clock.now(), lint)

    def change_cards(self, action: CardAction, keys: Sequence[CardKey]) -> int:
        """Suspend, unsuspend, unbury or forget cards; how many were changed."""
        from quiz.study.cards import change_cards

        with self._lock:
            return change_cards(self.store, action, keys)

    @property
    def score_file(self) -> Path:
        """The SQLite file the scores live in."""
        return self.store.path

    def answered_today(self) -> int:
        """Answers given so far in this study day, in every mode (none taken back)."""
        from quiz.clock import to_ms, today_bounds

        with self._lock:
            ends = self.store.settings().day_ends_at
            start, _ = today_bounds(self.clock.now(), self.clock.zone, ends)
            rows = self.store.read("SELECT count(*) FROM reviews WHERE reviewed_at >= ? AND undone = 0",
                                   (to_ms(start),))
        return int(rows[0][0]) if rows else 0

    def tags(self) -> list[str]:
        """Every tag of the loaded decks and their facts, sorted."""
        from quiz.compiled_index import fact_tags

        found = {t for d in self.library.decks for t in d.tags}
        found |= {t for d in self.library.decks for t in fact_tags(d)}
        return sorted(found, key=str.casefold)

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

    # -- personal scheduling (`quiz.optimize`) --------------------------------------------

    def fit_inputs(self, deck_id: str | None = None) -> FitInputs:
        """What fitting the scheduler to the learner's history needs (run it with
        `quiz.optimize.evaluate_apart`, off the store thread)."""
        from quiz.optimize import gather

        with self._lock:
            return gather(self.store, self.library.decks, deck_id)

    def apply_fit(self, outcome: FitOutcome, reschedule: bool) -> int:
        """Put a fit that beat the defaults in force; returns how many card states changed."""
        from quiz.optimize import apply_fit

        with self._lock:
            return apply_fit(self.store, outcome, reschedule)

    def personal(self, deck_id: str | None = None) -> Personal:
        """The FSRS parameters in force and where they came from."""
        from quiz.optimize import personal

        with self._lock:
            return personal(self.store, deck_id)

    def is_first_run(self) -> bool:
        """True until the first answer is ever recorded."""
        with self._lock:
            return self.store.counts()["reviews"] == 0

    # -- the history screen's figures -----------------------------------------------------

    def recent_sessions(self, limit: int | None = None) -> list[stats.SessionRow]:
        """The newest sessions with an answer, newest first: at most ``limit``, or
        `quiz.stats.SESSION_LIMIT` when None."""
        from quiz import stats

        with self._lock:
            return stats.sessions(self.store, limit=stats.SESSION_LIMIT if limit is None else limit)

    def figures(self, deck: str | None = None) -> stats.Overview:
        """Every history figure now, for all decks or for ``deck``, on the learner's calendar."""
        from quiz import stats

        with self._lock:
            settings = self.store.settings()
            days = stats.Days(self.clock.zone, settings.day_ends_at)
            return stats.overview(self.store, self.clock.now(), days, self.library.decks, deck,
                                  Scheduler(settings))

    def session_answers(self, session_id: int) -> list[Review]:
        """The answers of one session, in the order given."""
        with self._lock:
            return self.store.session_reviews(session_id)

    def start(self, deck_ids: Sequence[str], mode: Mode = "study", count: int | None = None,
              seed: int | None = None, keys: Sequence[CardKey] | None = None,
              minutes: int | None = None, tags: Sequence[str] | None = None,
              head_first: bool = False) -> Session:
        """Begin a session over ``deck_ids``.

        Args:
            deck_ids: decks to study.
            mode: ``study`` (the schedule), ``cram`` (any cards, schedule untouched) or
                ``exam`` (``count`` questions, timed, schedule untouched).
            count: questions in an exam (the settings' default when None), or a cap in cram.
            seed: fixes the questions' formats and options (tests); random when None.
            keys: in cram mode, exactly these cards, in this order (from the history
                screen's hardest facts); cards whose fact left its deck are skipped.
            minutes: an exam's time limit (the settings' default when None).
            tags: only facts with one of these tags (a deck's tags count for all its facts).
            head_first: in study mode, the queue may stand as its first card until
                `Session.count` builds the rest (`quiz.store.heads`): a first question
                sooner at launch; its counts wait for that.
        """
        if mode not in get_args(Mode):
            raise ValueError(f"unknown mode {mode!r}: one of {', '.join(get_args(Mode))}")
        full = self.decks(deck_ids)
        decks = [tagged(d, tags) for d in full] if tags else full
        seed = seed if seed is not None else random.SystemRandom().randrange(2**32)
        with self._lock:
            settings = self.store.settings()
            limit_ms: int | None = None
            if keys is not None:
                mode = "cram"
                queue = self._items(decks, keys)
            elif mode == "study":
                queue: StudyQueue | QueueHead | list[QueueItem] = (
                    self.store.study_head(decks) if head_first else self.store.study_queue(decks))
            elif mode == "cram":
                queue = self.store.cram_queue(decks, seed, count)
            else:
                count = count or settings.exam_questions
                queue = self.store.exam_queue(decks, count, seed)
                limit_ms = (minutes or settings.exam_minutes) * 60_000
            planned = len(queue) if isinstance(queue, list) else None
            session_id = self.store.start_session(mode, sorted(d.id for d in decks),
                                                  planned=planned, time_limit_ms=limit_ms)
        return Session(self, full, mode, queue, session_id, seed,
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
            if deck is None or key[1] not in deck or deck.fact(key[1]).blank_index(key[2]) is None:
                continue
            stored = cards.get(key)
            items.append(QueueItem(key, deck.fact(key[1]), "review",
                                   stored.state if stored else NEW_CARD))
        return items

    def close(self) -> None:
        """Close the store (the compiled copies of parsed decks were written by `open`)."""
        with self._lock:
            self.store.close()


def _started(work: Callable[[], T], name: str) -> Callable[[], T]:
    """Start ``work`` on a thread of its own now; the returned call waits for it and gives
    its result, or raises what it raised."""
    done: list[tuple[bool, Any]] = []

    def run() -> None:
        try:
            done.append((True, work()))
        except BaseException as exc:  # noqa: BLE001 - raised again in the caller's thread
            done.append((False, exc))

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()

    def result() -> T:
        thread.join()
        ok, value = done[0]
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]

    return result


AFTER_FIRST = (
    # an answer: its typo distance, its schedule, its points, its items, its units and numerals
    "rapidfuzz.distance.OSA", "fsrs", "quiz.scoring", "quiz.study.items", "quiz.values.units",
    "quiz.values.numerals", "quiz.store.rebuild",
    # the next questions, of other kinds, and the counts of the home screen
    "quiz.questions.dated", "quiz.questions.figures", "quiz.questions.articles",
    "quiz.questions.phrasing", "quiz.scheduler.queue_count", "quiz.store.retention",
    "quiz.store.studied")
"""What `Study._warm_answers` loads once a first question is shown: modules a first question
does not import (tests/unit/test_launch_imports.py keeps it so)."""


def _import_each(names: Sequence[str]) -> None:
    for name in names:
        import_module(name)


def _may_use_pint(decks: Sequence[Deck]) -> bool:
    """Whether grading some answer of these decks can ask pint: a figure with a unit."""
    from quiz.compiled_index import may_use_pint

    return any(may_use_pint(deck) for deck in decks)
