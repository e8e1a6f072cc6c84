"""``quiz export DECK --format apkg|csv``: a deck for Anki or a spreadsheet.

DECK is a deck file or the id of a deck in the decks folder. The apkg goes to
``-o FILE`` (default ``<id>.apkg`` here); CSV to ``-o FILE`` or stdout. Files are written
to a temporary name and renamed, so a failure leaves no half file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def find_deck(name: str, decks_option: str | None) -> Any:
    """The deck named by a file path or an id in the decks folder; `UserError` if none."""
    from quiz import locations
    from quiz.cli import UserError
    from quiz.deck import iter_deck_files, load_deck
    from quiz.facts import DeckError

    path = Path(name)
    candidates: list[Path] = [path] if path.suffix in (".yaml", ".yml") else []
    if not candidates:
        folder = locations.decks_dir(decks_option).path
        direct = [folder / f"{name}.yaml", folder / f"{name}.yml"]
        candidates = [p for p in direct if p.is_file()] or list(iter_deck_files([folder]))
    for candidate in candidates:
        try:
            deck = load_deck(candidate)
        except DeckError as exc:
            if candidate == path:
                raise UserError(str(exc.problems[0])) from None
            continue
        if candidate == path or deck.id == name:
            return deck
    raise UserError(f"no deck `{name}`: name a deck file, or a deck id from the decks folder "
                    "(`quiz validate` lists them)")


def run_deck(args: argparse.Namespace) -> int:
    """Export one deck as apkg or CSV."""
    from quiz.cli import UserError
    from quiz.files import atomic_path

    if args.format not in ("apkg", "csv"):
        raise UserError(f"a deck is exported as apkg or csv, not {args.format}")
    deck = find_deck(args.deck, getattr(args, "decks", None))
    output = Path(args.output) if args.output else (Path(f"{deck.id}.apkg") if args.format == "apkg" else None)
    try:
        if output is None:
            from quiz.files import data_stdout
            from quiz.interop.csv_export import write_csv

            with data_stdout() as out:
                write_csv(deck, out)
            return 0
        output.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(output) as temporary:
            if args.format == "apkg":
                from quiz.interop.anki_export import write_apkg

                count = write_apkg(deck, temporary)
            else:
                from quiz.interop.csv_export import write_csv

                with temporary.open("w", encoding="utf-8", newline="") as out:
                    count = write_csv(deck, out)
    except OSError as exc:
        raise UserError(f"{output}: cannot be written: {exc.strerror or exc}") from None
    print(f"wrote {output}: {deck.title} [{deck.id}], {count:,} notes" if args.format == "apkg"
          else f"wrote {output}: {deck.title} [{deck.id}], {count:,} rows", file=sys.stderr)
    return 0
