"""What the read-only commands share: the clock they read, ``--since``, the store opened
for reading with its decks (`open_figures`), and JSON and CSV on stdout.

``quiz stats``, ``quiz history`` and ``quiz export`` use these; no command borrows from
another command's module.
"""

from __future__ import annotations

import csv
import json
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quiz.clock import Clock
    from quiz.facts import Deck
    from quiz.stats import Days
    from quiz.store import Store


@dataclass
class Figures:
    """An open store with what the figures need: the learner's days, decks and clock."""

    store: Store
    days: Days
    decks: list[Deck]
    deck: str | None
    clock: Clock


def clock() -> Clock:
    """The clock commands read the time from (tests replace this function)."""
    from quiz.clock import SystemClock

    return SystemClock()


def parse_since(text: str) -> date:
    """A ``--since`` date (YYYY-MM-DD); `quiz.cli.UserError` when it is not one."""
    from quiz.cli import UserError

    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"--since wants a date like 2026-03-01, not {text!r}") from None


@contextmanager
def open_figures(decks_dir: Path, scores_dir: Path, deck: str | None) -> Iterator[Figures]:
    """The store opened for reading, with the decks loaded and ``deck`` checked.

    A store that does not exist yet reads as empty and is not created.

    Raises:
        quiz.cli.UserError: the store cannot be opened, or ``deck`` is unknown.
    """
    from quiz import locations
    from quiz.cli import UserError
    from quiz.library import load_library
    from quiz.stats import Days
    from quiz.store import Store, StoreError

    moment = clock()
    if scores_dir.exists() and not scores_dir.is_dir():
        raise UserError(f"the scores folder {scores_dir} is a file, not a folder; name a folder "
                        "with --scores or QUIZ_SCORES")
    with tempfile.TemporaryDirectory(prefix="quiz-empty-") as empty:
        exists = locations.database_path(scores_dir).exists()
        try:
            # Reading works on a read-only disk or folder too (see Store.open_for_reading).
            store = Store.open_for_reading(scores_dir if exists else Path(empty), moment)
        except StoreError as exc:
            raise UserError(str(exc)) from None
        try:
            library = load_library(decks_dir, locations.cache_dir(scores_dir) if exists else None)
            if deck is not None and deck not in {d.id for d in library.decks} and not store.read(
                    "SELECT 1 FROM reviews WHERE deck_id = ? LIMIT 1", (deck,)):
                raise UserError(f"no deck {deck} in {decks_dir} nor in the score history")
            days = Days(moment.zone, store.settings().day_ends_at)
            yield Figures(store, days, list(library.decks), deck, moment)
        except StoreError as exc:
            raise UserError(str(exc)) from None
        finally:
            store.close()


def print_json(data: Any) -> None:
    """``data`` as indented JSON on stdout (exact UTF-8 into a pipe: `quiz.files.data_stdout`)."""
    from quiz.files import data_stdout

    with data_stdout() as out:
        json.dump(data, out, indent=2, ensure_ascii=False)
        out.write("\n")


def print_csv(rows: Sequence[dict[str, Any]], fields: Sequence[str] | None = None) -> None:
    """Rows as CSV with a header; lists are joined with ``+``, other values JSON when needed."""
    from quiz.files import data_stdout

    names = list(fields or (rows[0].keys() if rows else ()))
    with data_stdout() as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(names)
        for row in rows:
            writer.writerow([_cell(row.get(name)) for name in names])


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "+".join(map(str, value))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
