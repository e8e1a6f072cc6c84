"""The cards studied today admitted to a `KeepApart`, kept between the home screen's counts.

Every count of a deck's queue (`quiz.scheduler.count_queue`) admits the cards studied today
first, then walks its own; after a session that was hundreds of admissions per count. The
day of those cards is kept per decks and only the cards studied since are admitted to it;
each count's own cards go to a day over it (`KeepApart(decks, under)`), thrown away with
the count. What a card relates to depends on the deck's content alone, and what a day holds
apart not on the order its cards were admitted in, so the kept day is the one a count would
make. It is made again when a card studied before is no longer (an answer taken back, a new
day) or the decks changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from quiz.questions.reveal import KeepApart
from quiz.store.memos import keep

if TYPE_CHECKING:
    from quiz.facts import Deck
    from quiz.scheduler import Today
    from quiz.store.memos import Memos


def studied_apart(memos: Memos, decks: Sequence[Deck], today: Today) -> KeepApart:
    """The cards studied ``today`` admitted to a `KeepApart` of ``decks`` (with either
    recall, as a queue admits them), kept in ``memos`` (see the module)."""
    studied = frozenset((deck_id, fact_id, blank) for (deck_id, fact_id), blanks
                        in today.blanks_by_fact.items() for blank in blanks)
    ids = tuple(d.id for d in decks)
    known = memos.studied.get(ids)
    if known is None or not known[1] <= studied or \
            any(a is not b for a, b in zip(known[0], decks)):
        known = ([], frozenset(), KeepApart(decks))
    apart = known[2]
    for key in studied - known[1]:
        apart.admit(key, True)
        apart.admit(key, False)
    keep(memos.studied, ids, (list(decks), studied, apart))
    return apart


__all__ = ["studied_apart"]
