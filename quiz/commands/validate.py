"""``quiz validate PATH...``: check deck files and report every problem, compiler style."""

from __future__ import annotations

import argparse

MAX_SHOWN = 50
"""Problems printed per file; a file with thousands gets the first ones and a count."""


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``validate`` subcommand."""
    parser = sub.add_parser(
        "validate", parents=[common], help="check deck files and report every problem",
        description="Check deck files (or every .yaml/.yml file in the folders given) and print "
        "each problem as path:line:col: message. A clean deck gets a one-line summary. "
        "Exits 1 when any deck has a problem. With --strict, decks that load are also "
        "linted (near-duplicate facts, questions that give their answer away, numbers "
        "without the unit their question implies, …) and any warning exits 1 too.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="deck files or folders of decks")
    parser.add_argument("--strict", action="store_true",
                        help="also print the linter's warnings, and exit 1 when there are any")


def run(args: argparse.Namespace) -> int:
    """Validate the decks named on the command line; 1 when any has a problem."""
    from quiz.cli import UserError
    from quiz.deck import describe, iter_deck_files, load_deck
    from quiz.facts import DeckError
    from quiz.lint import lint_deck

    files = list(iter_deck_files(args.paths))
    if not files:
        raise UserError(f"no deck files (.yaml, .yml) in {', '.join(args.paths)}")
    problems = 0
    broken = 0
    warned = 0
    warnings = 0
    strict = getattr(args, "strict", False)
    owners: dict[str, str] = {}
    for file in files:
        try:
            deck = load_deck(file)
        except DeckError as exc:
            broken += 1
            problems += len(exc.problems)
            for problem in exc.problems[:MAX_SHOWN]:
                print(problem)
            if len(exc.problems) > MAX_SHOWN:
                more = len(exc.problems) - MAX_SHOWN
                print(f"{file}: … and {more:,} more problem{'s' if more != 1 else ''} "
                      f"(the first {MAX_SHOWN} are shown; fix them and run again)")
            continue
        if deck.id in owners:
            broken += 1
            problems += 1
            print(f"{file}:1:1: deck id `{deck.id}` is also the id of {owners[deck.id]}; "
                  "give one of them another `id:`")
            continue
        owners[deck.id] = str(file)
        found = lint_deck(deck) if strict else []
        for warning in found[:MAX_SHOWN]:
            print(warning)
        if len(found) > MAX_SHOWN:
            print(f"{file}: … and {len(found) - MAX_SHOWN:,} more warnings")
        if found:
            warned += 1
            warnings += len(found)
        note = f" ({len(found)} warning{'s' if len(found) != 1 else ''})" if found else ""
        print(f"{file}: ok: {describe(deck)}{note}")
    total = len(files)
    decks = f"{total} deck{'s' if total != 1 else ''}"
    linted = f"; {warnings} warning{'s' if warnings != 1 else ''} in {warned} deck{'s' if warned != 1 else ''}" \
        if warnings else ""
    if broken:
        print(f"{decks} checked: {broken} with problems ({problems} in all), {total - broken} clean{linted}")
        return 1
    print(f"{decks} checked: all clean{linted}")
    return 1 if warnings else 0
