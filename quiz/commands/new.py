"""``quiz new NAME``: write a commented starter deck that validates, ready to fill in."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

STARTER = '''\
# {title} — a starter deck made by `quiz new`. Replace the example facts with your own;
# `quiz validate --strict {file}` checks it, and the README's "Writing a deck" lists
# every field.
title: {title_yaml}
# Progress is kept by this id (and by each fact's id): change them before you study, not after.
id: {deck_id}
description: What this deck is about, in a sentence.
tags: [starter]
sources:
  # Facts point at these with `source:`; say where each fact comes from.
  notes: My own notes

facts:
  # A question and its answer. The kind (date, number, name, text, list) is inferred
  # when absent, but writing it says what you mean.
  - id: moon-landing
    question: On what date did Apollo 11 land on the Moon?
    answer: July 20, 1969
    kind: date
    source: notes
    explain: Neil Armstrong and Buzz Aldrin landed; Michael Collins stayed in orbit.

  # Figures: units, currency and scale are understood ($19.3 billion = 19.3bn);
  # `tolerance` says how far off still counts as close.
  - id: moon-distance
    question: What is the average distance from the Earth to the Moon, in kilometres?
    answer: 384,400 km
    kind: number
    tolerance: 1%
    source: notes

  # Names: `category` picks where wrong options come from (person, city, country,
  # organization, …); `accept` lists other right answers; `distractors` are offered first.
  - id: first-moonwalker
    question: Who was the first person to walk on the Moon?
    answer: Neil Armstrong
    kind: name
    category: person
    accept: [Armstrong]
    distractors: [Buzz Aldrin, Yuri Gagarin, John Glenn]
    source: notes

  # A list: every member must be given, in any order unless `ordered: true`.
  - id: apollo-11-crew
    question: Who were the three astronauts of Apollo 11?
    answer: [Neil Armstrong, Buzz Aldrin, Michael Collins]
    kind: list
    category: person
    source: notes

  # A statement with {{{{blanks}}}}: each blank is asked on its own. With several blanks, the
  # options of each go under `blanks:`, in order. Quote a text that begins with {{{{.
  - id: sputnik
    text: The Soviet Union launched {{{{Sputnik 1}}}}, the first artificial satellite, in {{{{1957}}}}.
    blanks:
      - {{kind: name, distractors: [Explorer 1, Vostok 1, Vanguard 1]}}
      - {{kind: date, distractors: [1955, 1959, 1961]}}
    source: notes
'''


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``new`` subcommand."""
    parser = sub.add_parser(
        "new", parents=[common], help="write a commented starter deck",
        description="Write NAME.yaml in the decks folder (--decks DIR, else $QUIZ_DECKS, else "
        "./decks): a starter deck with one commented example of each kind of fact. It "
        "validates as it is; replace the examples with your own. An existing file is never "
        "overwritten.")
    parser.add_argument("name", metavar="NAME",
                        help="the deck's name (letters, digits, -, _ and .), or a path ending in .yaml")
    parser.add_argument("--title", help="the deck's title (default: made from NAME)")


def target(name: str, decks_option: str | None) -> Path:
    """Where ``quiz new NAME`` writes: a path as given, else NAME.yaml in the decks folder.

    The bundled decks folder is never written to (it is inside the installed package);
    without ``--decks`` or ``$QUIZ_DECKS`` the deck goes to ``./decks``.
    """
    import os

    from quiz.cli import UserError

    if name.endswith((".yaml", ".yml")) or "/" in name or os.sep in name:
        path = Path(name)
        if path.suffix not in (".yaml", ".yml"):
            raise UserError(f"{name}: a deck file ends in .yaml")
        return path
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name):
        raise UserError(f"deck name `{name}` may hold only letters, digits, `-`, `_` and `.` "
                        "(it becomes the file name and the deck's id)")
    folder = Path(decks_option) if decks_option else Path(os.environ.get("QUIZ_DECKS") or "decks")
    return folder.expanduser() / f"{name}.yaml"


def starter(title: str, deck_id: str, file: str) -> str:
    """The starter deck's text."""
    import json

    # A JSON string is a valid double-quoted YAML scalar, so any title is safe.
    return STARTER.format(title=title, title_yaml=json.dumps(title, ensure_ascii=False),
                          deck_id=deck_id, file=file)


def run(args: argparse.Namespace) -> int:
    """Write the starter deck; refuse to overwrite."""
    from quiz.cli import UserError
    from quiz.deck import ID_RE
    from quiz.files import write_text_atomic
    from quiz.extract.draft import slug

    path = target(args.name, getattr(args, "decks", None))
    deck_id = path.stem if ID_RE.match(path.stem) else (slug(path.stem) or "my-deck")
    title = args.title or " ".join(w.capitalize() for w in re.split(r"[-_.\s]+", path.stem) if w)
    if "\n" in title or "\r" in title:
        raise UserError("a title is one line")
    if path.exists():
        raise UserError(f"{path} already exists; quiz new never overwrites a deck (choose another NAME)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Exclusive: even a file appearing meanwhile is never overwritten.
        write_text_atomic(path, starter(title or deck_id, deck_id, str(path)), exclusive=True)
    except FileExistsError:
        raise UserError(f"{path} already exists; quiz new never overwrites a deck") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot be written: {exc.strerror or exc}") from None
    print(f"wrote {path}: a starter deck `{deck_id}` with five example facts")
    print(f"edit it, then check it with `quiz validate --strict {path}`")
    return 0
