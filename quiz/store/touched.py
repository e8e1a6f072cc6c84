"""Which decks the store's own writes touched, so a deck's kept counts outlive writes to
other decks (`quiz.store.queries.Queries.deck_counts`).

Changes are counted by the connection's ``total_changes`` (rows this connection changed,
never going down). Each write transaction of `quiz.store.db.Store` says which decks it
touched: their cards, their answers (today's limits, siblings, retention) or anything else
their counts read; a write that does not say touches every deck, and so does any change no
write accounts for (a statement run outside a write transaction, or one rolled back).
Another process's commits are not seen here: the store's stamp holds ``PRAGMA
data_version`` for those.
"""

from __future__ import annotations

from collections.abc import Collection

ALL = None
"""A write whose decks are not known: it touches every deck."""


class Touched:
    """For each deck, the change count after the last write that touched it."""

    def __init__(self, total: int) -> None:
        """``total``: the connection's change count now (nothing since is accounted for)."""
        self._known = total
        """The change count after the last change accounted for."""
        self._all = total
        """The change count after the last change that touched every deck."""
        self._decks: dict[str, int] = {}

    def _account(self, total: int) -> None:
        if total != self._known:  # changed by something that did not say its decks
            self._all = self._known = total

    def wrote(self, before: int, after: int, decks: Collection[str] | None) -> None:
        """One write transaction took the change count from ``before`` to ``after`` and
        touched ``decks`` (`ALL`: every deck)."""
        self._account(before)
        if after == before:
            return
        if decks is ALL:
            self._all = after
        else:
            for deck_id in decks:
                self._decks[deck_id] = after
        self._known = after

    def untouched(self, deck_id: str, since: int, total: int) -> bool:
        """Whether no change between counts ``since`` and ``total`` (now) touched the deck."""
        self._account(total)
        return self._all <= since and self._decks.get(deck_id, since) <= since


__all__ = ["ALL", "Touched"]
