"""``quiz import FILE``: a deck (and its history) from Anki, Quizlet, CSV or Markdown.

The deck is written as YAML into the decks folder (or ``-o``), checked by the loader
before it is renamed into place; the history goes into the score store in one
transaction, before the rename, so a failure leaves neither half. An existing deck file
is replaced only with ``--force``, and re-importing keeps progress (facts keep their ids).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

NAME = "import"
"""The subcommand's name (the module is ``import_`` since ``import`` is a keyword)."""


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``import`` subcommand."""
    parser = sub.add_parser(
        NAME, parents=[common], help="import a deck from Anki (.apkg), CSV/TSV or Markdown",
        description="Turn an Anki package (.apkg, .colpkg), a CSV/TSV file (Quizlet, Anki's "
        "plain text, a header row naming question/answer/kind/explain/tags) or a Markdown "
        "file (Q:/A:, C: with [cloze], question :: answer) into a YAML deck in the decks "
        "folder, and bring Anki's review history into your scores.")
    parser.add_argument("file", metavar="FILE", help="the file to import")
    parser.add_argument("--id", dest="deck_id", metavar="ID",
                        help="the deck's id (default: the output's name, else the file's)")
    parser.add_argument("-o", "--output", metavar="DECK.yaml",
                        help="where to write the deck (default: ID.yaml in the decks folder)")
    parser.add_argument("--title", help="the deck's title (default: the source's own name)")
    parser.add_argument("--no-history", action="store_true",
                        help="import the cards only, not Anki's review history")
    parser.add_argument("--force", action="store_true",
                        help="replace an existing deck file (progress is kept by fact ids)")
    parser.add_argument("--separator", metavar="SEP",
                        help="CSV/TSV: the field separator (tab, comma, semicolon, pipe or "
                        "one character); detected when absent")
    parser.add_argument("--fields", metavar="ASKED,ANSWERED",
                        help="Anki: ask field ASKED and answer with field ANSWERED for every "
                        "note type that has both, instead of reading its card templates")


_SEPARATORS = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|",
               "space": " ", "colon": ":"}


def _separator(value: str | None) -> str | None:
    from quiz.cli import UserError

    if value is None:
        return None
    found = _SEPARATORS.get(value.lower(), value)
    if len(found) != 1 or found in "\"\r\n":
        raise UserError(f"--separator {value!r}: give one character, or tab, comma, semicolon, "
                        "pipe, space or colon")
    return found


def _fields(value: str | None) -> tuple[str, str] | None:
    from quiz.cli import UserError

    if value is None:
        return None
    parts = [p.strip() for p in value.split(",")]
    if len(parts) != 2 or not all(parts):
        raise UserError(f"--fields {value!r}: give two field names, asked first: --fields Front,Back")
    return parts[0], parts[1]


def _progress(label: str) -> Any:
    """A progress callback drawing a bar on stderr, or None when stderr is not a terminal."""
    if not sys.stderr.isatty():
        return None
    width = 30

    def draw(done: int, total: int) -> None:
        filled = width * done // max(total, 1)
        end = "\n" if done >= total else ""
        sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] "
                         f"{done:,}/{total:,}{end}")
        sys.stderr.flush()
    return draw


def run(args: argparse.Namespace) -> int:
    """Import the file: deck, then history, then the deck file renamed into place."""
    from pathlib import Path

    from quiz import locations
    from quiz.cli import UserError
    from quiz.commands.import_report import history_answers, report_lines, suspended_keys
    from quiz.commands.new import target
    from quiz.deck import ID_RE
    from quiz.extract.draft import slug
    from quiz.interop import InteropError, read_any
    from quiz.files import atomic_path
    from quiz.interop.yaml_out import SKIP_INVALID, checked_deck

    source = Path(args.file)
    separator, fields = _separator(args.separator), _fields(args.fields)
    output = Path(args.output) if args.output else None
    if output is not None and output.suffix not in (".yaml", ".yml"):
        raise UserError(f"{output}: a deck file ends in .yaml; name the output e.g. {output.stem}.yaml")
    if args.deck_id and not ID_RE.match(args.deck_id):
        raise UserError(f"deck id `{args.deck_id}` may hold only letters, digits, `-`, `_` and `.`")
    try:
        deck = read_any(source, separator=separator, fields=fields, history=not args.no_history)
    except InteropError as exc:
        raise UserError(str(exc)) from None
    deck_id = args.deck_id or slug((output or Path(deck.suggested_id or source.stem)).stem) or "imported"
    if args.title:
        deck.title = args.title
    path = output or target(deck_id, getattr(args, "decks", None))
    if path.exists() and not args.force:
        raise UserError(f"{path} already exists; add --force to replace it (progress is kept by "
                        "fact ids), or choose another name with -o or --id")
    from quiz.clock import SystemClock

    imported = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(path) as temporary:
            try:
                checked = checked_deck(deck, deck_id, SystemClock().now(), temporary)
            except InteropError as exc:
                raise UserError(str(exc)) from None
            loaded = checked.deck
            answers = history_answers(loaded, checked.kept, deck.reviews) if deck.reviews else []
            suspended = suspended_keys(loaded, checked.kept, deck.suspended)
            if answers or suspended:
                imported = _import_history(answers, suspended, args, locations)
    except OSError as exc:
        raise UserError(f"{path}: cannot be written: {exc.strerror or exc}") from None
    for _, message in checked.rejected:
        deck.skip(f"{SKIP_INVALID} (e.g. {message})")
    for line in report_lines(path, loaded, deck, imported, history=not args.no_history):
        print(line)
    return 0


def _import_history(answers: list[Any], suspended: list[Any], args: argparse.Namespace,
                    locations: Any) -> Any:
    from quiz.cli import UserError
    from quiz.store import Store, StoreError

    scores = locations.scores_dir(args.scores).path
    try:
        with Store.open(scores) as store:
            return store.import_answers(answers, "anki", progress=_progress("replaying history"),
                                        suspended=suspended)
    except StoreError as exc:
        raise UserError(str(exc)) from None
