"""Deck files on disk: which files are decks, and reading one as text."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from quiz.facts import DeckError, Problem

DECK_SUFFIXES = (".yaml", ".yml")


def iter_deck_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Every deck file named by ``paths``: files as given, folders searched for *.yaml/*.yml."""
    for item in paths:
        path = Path(item)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix in DECK_SUFFIXES and p.is_file())
        else:
            yield path


def problem_at(path: str, message: str, line: int = 1, column: int = 1) -> Problem:
    """A problem with the file as a whole (it is missing, unreadable, empty…)."""
    return Problem(path, line, column, message)


def read_text(path: str) -> str:
    """The file's text, or a DeckError saying why it cannot be read."""
    p = Path(path)
    if p.is_dir():
        raise DeckError([problem_at(path, "is a folder, not a deck file; name a .yaml file "
                                          "(`quiz validate` also takes folders)")])
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise DeckError([problem_at(path, "no such file")]) from None
    except PermissionError:
        raise DeckError([problem_at(path, "permission denied: the file cannot be read")]) from None
    except OSError as exc:
        raise DeckError([problem_at(path, f"cannot be read: {exc.strerror or exc}")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DeckError([Problem(path, line, column,
                                 f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} here); "
                                 "save the file as UTF-8")]) from None
    if "\x00" in text:
        at = text.index("\x00")
        line = text.count("\n", 0, at) + 1
        raise DeckError([Problem(path, line, at - text.rfind("\n", 0, at),
                                 "contains a NUL character; is this a binary file?")])
    return text
