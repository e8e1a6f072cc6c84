"""``quiz export``: the whole review log as CSV or JSON, to stdout or a file."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

COLUMNS = ("id", "reviewed_at", "session_id", "mode", "deck_id", "fact_id", "blank", "format",
           "prompt", "options", "response", "chosen", "verdict", "suggested", "rating",
           "duration_ms", "retention", "state_from", "state_to", "before", "after", "undone",
           "points", "imported")
"""Every column of the review log, in the order exported (``imported``: the program an
answer was imported from, empty for quiz's own)."""

JSON_COLUMNS = frozenset({"options", "chosen", "before", "after"})
"""Columns stored as JSON text: nested values in JSON output, JSON text in CSV."""

BATCH = 5000
"""Rows read at a time, so a log of millions is streamed, not held in memory."""


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``export`` subcommand."""
    parser = sub.add_parser(
        "export", parents=[common], help="write the review log (CSV, JSON) or a deck (apkg, CSV)",
        description="Without DECK: write every answer ever recorded (answers taken back "
        "included, with undone = 1), oldest first; times are ISO 8601 in UTC. With DECK: "
        "write that deck as an Anki package (apkg) or CSV.")
    parser.add_argument("deck", nargs="?", metavar="DECK",
                        help="a deck file or deck id to export instead of the review log")
    parser.add_argument("--format", choices=("csv", "json", "apkg"), default="csv",
                        help="review log: csv (a header row, then one row per answer) or json "
                        "(a list); deck: apkg (Anki) or csv")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")


def rows(store: Any) -> Iterator[dict[str, Any]]:
    """Every review row as a dict, oldest first, read in batches by id."""
    from quiz.clock import from_ms

    last = -1
    while True:
        batch = store.read(f"SELECT {', '.join(COLUMNS)} FROM reviews WHERE id > ? ORDER BY id "
                           "LIMIT ?", (last, BATCH))
        for values in batch:
            row = dict(zip(COLUMNS, values))
            row["reviewed_at"] = from_ms(row["reviewed_at"]).isoformat()
            row["undone"] = bool(row["undone"])
            yield row
        if len(batch) < BATCH:
            return
        last = batch[-1][0]


def _parsed(row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    for name in JSON_COLUMNS:
        if out[name] is not None:
            try:
                out[name] = json.loads(out[name])
            except ValueError:
                pass  # a damaged cell is exported as the text it holds
    return out


def write_csv(source: Iterator[dict[str, Any]], out: IO[str]) -> int:
    """Write rows as CSV with a header; returns the row count."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for row in source:
        writer.writerow(["" if row[c] is None else int(row[c]) if c == "undone" else row[c]
                         for c in COLUMNS])
        count += 1
    return count


def write_json(source: Iterator[dict[str, Any]], out: IO[str]) -> int:
    """Write rows as one JSON list, streamed; returns the row count."""
    count = 0
    out.write("[")
    for row in source:
        out.write(",\n  " if count else "\n  ")
        out.write(json.dumps(_parsed(row), ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


@contextmanager
def _target(path: str | None) -> Iterator[IO[str]]:
    """Where the export goes: a file written whole or not at all, or stdout."""
    from quiz.cli import UserError
    from quiz.files import atomic_text, data_stdout

    if path is None:
        with data_stdout() as out:
            yield out
        return
    try:
        with atomic_text(path, newline="") as handle:
            yield handle
    except OSError as exc:
        raise UserError(f"cannot write {path} ({exc.strerror or exc}); nothing was written") from None


def run(args: argparse.Namespace) -> int:
    """Export the review log, or a deck when one is named."""
    if args.deck is not None:
        from quiz.commands.export_deck import run_deck

        return run_deck(args)
    if args.format == "apkg":
        from quiz.cli import UserError

        raise UserError("--format apkg exports a deck: name it, e.g. quiz export us-france --format apkg")
    from quiz import locations
    from quiz.commands.output import open_figures

    decks = locations.decks_dir(args.decks).path
    scores = locations.scores_dir(args.scores).path
    with open_figures(decks, scores, None) as figures, _target(args.output) as out:
        write = write_json if args.format == "json" else write_csv
        count = write(rows(figures.store), out)
    if args.output:
        print(f"wrote {count:,} answers to {args.output}", file=sys.stderr)
    return 0
