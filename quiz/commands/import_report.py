"""What ``quiz import`` hands the store and tells the learner, kept apart from the command."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from quiz.facts import Deck
from quiz.interop.model import ImportedDeck, ImportedFact, ImportedReview


def suspended_keys(deck: Deck, kept: Sequence[ImportedFact], cards: set[int]) -> list[Any]:
    """The quiz card keys of the source's suspended cards."""
    return [deck.fact(fact.id).card_key(blank) for fact in kept
            for blank, ids in enumerate(fact.cards) if cards.intersection(ids)]


def history_answers(deck: Deck, kept: Sequence[ImportedFact],
                    reviews: Sequence[ImportedReview]) -> list[Any]:
    """The store's `ImportedAnswer` for each review of a card that became a fact's blank."""
    from quiz.store.imports import ImportedAnswer

    where: dict[int, tuple[tuple[str, str, int], str]] = {}
    for kept_fact in kept:
        fact = deck.fact(kept_fact.id)
        for blank, cards in enumerate(kept_fact.cards):
            for card in cards:
                where[card] = (fact.card_key(blank), fact.prompt(blank))
    answers = []
    for review in reviews:
        found = where.get(review.card)
        if found is not None:
            answers.append(ImportedAnswer(key=found[0], at=review.at, rating=review.rating,
                                          duration_ms=review.duration_ms, prompt=found[1],
                                          cram=review.cram))
    return answers


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def report_lines(path: Path, deck: Deck, source: ImportedDeck, imported: Any,
                 history: bool) -> Iterator[str]:
    """The lines ``quiz import`` prints: deck, kinds, history, and what was left out."""
    from quiz.deck import describe

    yield f"{path}: imported {describe(deck)}"
    if imported is not None:
        line = (f"history: {_plural(imported.reviews, 'answer')} in "
                f"{_plural(imported.sessions, 'session')}; {_plural(imported.cards, 'card')} "
                "scheduled from them")
        if imported.already:
            line += f" ({imported.already:,} already in your scores, left out)"
        yield line
        if imported.suspended:
            yield f"suspended: {_plural(imported.suspended, 'card')}, as in Anki"
    elif not history:
        yield "history: not imported (--no-history)"
    elif source.reviews:
        yield "history: none of its answers belong to an imported card"
    if source.media:
        yield f"media: {_plural(source.media, 'image or sound')} dropped (quiz shows text only)"
    for reason, count in sorted(source.skipped.items(), key=lambda item: -item[1]):
        yield f"skipped: {count:,} {reason}"
