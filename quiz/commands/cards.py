"""``quiz cards``: list a deck's cards with their schedule, or suspend, unsuspend, unbury or
forget some of them — what the deck browser does, for scripts."""

from __future__ import annotations

import argparse

ACTIONS = ("suspend", "unsuspend", "unbury", "forget")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``cards`` subcommand."""
    parser = sub.add_parser(
        "cards", parents=[common], help="list a deck's cards, or suspend/unsuspend/unbury/forget some",
        description="Without an action, list every card of DECK: its state, when it is due, "
        "retention, lapses and flags. With an action, apply it to the CARDs named: a fact id "
        "(every blank of a statement), or FACT:N for a statement's N-th blank. `forget` resets "
        "a card to new and keeps its answers in the history.")
    parser.add_argument("deck", metavar="DECK", help="the deck's id or file name")
    parser.add_argument("action", nargs="?", metavar="ACTION",
                        help="suspend, unsuspend, unbury or forget")
    parser.add_argument("cards", nargs="*", metavar="CARD", help="fact ids, or FACT:N")
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
    """List the cards, or change them and say what changed."""
    from quiz import locations
    from quiz.cli import UserError
    from quiz.commands.output import clock, print_json
    from quiz.store import StoreError
    from quiz.study import Study
    from quiz.study.cards import DONE, find_cards

    if args.action and args.action not in ACTIONS:  # ``quiz cards DECK fact`` names a card
        args.cards = [args.action, *args.cards]
        args.action = None
    if args.action and not args.cards:
        raise UserError(f"quiz cards {args.deck} {args.action}: name the cards (fact ids, or FACT:N)")
    if args.cards and not args.action:
        raise UserError(f"quiz cards: say what to do with {' '.join(args.cards)}: "
                        f"one of {', '.join(ACTIONS)}")
    decks = locations.decks_dir(args.decks).path
    scores = locations.scores_dir(args.scores).path
    try:
        study = Study.open(decks, scores, clock(), first=args.deck)
    except StoreError as exc:
        raise UserError(str(exc)) from None
    zone = study.clock.zone
    try:
        deck = study.library.find(args.deck)
        if deck is None:
            names = ", ".join(d.id for d in study.library.decks) or "none"
            raise UserError(f"no deck {args.deck} in {decks} (decks there: {names})")
        if args.action:
            try:
                keys = find_cards(deck, args.cards)
            except KeyError as exc:
                raise UserError(exc.args[0]) from None
            count = study.change_cards(args.action, keys)
            if args.json:
                print_json({"deck": deck.id, "action": args.action, "changed": count,
                            "cards": [c.to_dict() for c in study.deck_cards(deck.id, lint=False).cards
                                      if c.key in set(keys)]})
            else:
                print(f"{count} card{'s' if count != 1 else ''} of {deck.id} {DONE[args.action]}")
            return 0
        listing = study.deck_cards(deck.id, lint=False)
    except StoreError as exc:
        raise UserError(str(exc)) from None
    finally:
        study.close()
    if args.json:
        print_json({"deck": deck.id, "title": deck.title, "cards": [c.to_dict() for c in listing.cards]})
        return 0
    width = max((len(c.name) for c in listing.cards), default=4)
    print(f"{'Card':<{width}}  {'State':<10}  {'Due':<16}  {'Retention':>9}  {'Lapses':>6}  Flags")
    for c in listing.cards:
        due = c.due.astimezone(zone).strftime("%Y-%m-%d %H:%M") if c.due else "–"
        kept = f"{round(c.retention * 100)}%" if c.retention is not None else "–"
        flags = " ".join(f for f, on in (("suspended", c.suspended), ("buried", c.buried)) if on)
        print(f"{c.name:<{width}}  {c.state:<10}  {due:<16}  {kept:>9}  {c.lapses:>6}  {flags}".rstrip())
    return 0
