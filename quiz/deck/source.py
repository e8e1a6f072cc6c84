"""Deck files on disk: which files are decks, and reading one as text."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from quiz.facts import DeckError, Problem

DECK_SUFFIXES = (".yaml", ".yml")

DEFAULT_MAX_DECK_MB = 5.0
"""The largest deck file read, in megabytes (about 30,000 facts); ``QUIZ_MAX_DECK_MB``
changes it. Loading takes a second or two per megabyte the first time, and the app reads
every deck of the folder when it opens, so one runaway file must not hold it up."""

MAX_DECK_ENV = "QUIZ_MAX_DECK_MB"


def max_deck_bytes() -> int:
    """The deck file size limit in bytes: ``$QUIZ_MAX_DECK_MB`` if it is a positive number."""
    try:
        megabytes = float(os.environ.get(MAX_DECK_ENV, DEFAULT_MAX_DECK_MB))
    except ValueError:
        megabytes = DEFAULT_MAX_DECK_MB
    if not megabytes > 0 or megabytes == float("inf"):
        megabytes = DEFAULT_MAX_DECK_MB
    return int(megabytes * 1_000_000)


def check_size(path: str, size: int) -> None:
    """Refuse a deck file over the size limit, with how to get past it.

    Raises:
        DeckError: the file is too large.
    """
    limit = max_deck_bytes()
    if size > limit:
        raise DeckError([problem_at(
            path, f"is {size / 1e6:.1f} MB, over the {limit / 1e6:g} MB limit for a deck file; "
                  f"split it into several decks, or raise the limit with {MAX_DECK_ENV}="
                  f"{max(1, int(size / 1e6) + 1)}")])


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
        check_size(path, p.stat().st_size)  # before reading a byte of a runaway file
        with p.open("rb") as fh:
            raw = fh.read(max_deck_bytes() + 1)
    except FileNotFoundError:
        raise DeckError([problem_at(path, "no such file")]) from None
    except PermissionError:
        raise DeckError([problem_at(path, "permission denied: the file cannot be read")]) from None
    except OSError as exc:
        raise DeckError([problem_at(path, f"cannot be read: {exc.strerror or exc}")]) from None
    check_size(path, len(raw))  # it grew after the first look
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
