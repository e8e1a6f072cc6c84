"""Which decks the store's own writes touched, so a deck's kept counts outlive writes to
other decks (`quiz.store.queries.Queries.deck_counts`).

Changes are counted by the connection's ``total_changes`` (rows this connection changed,
never going down). Each write transaction of `quiz.store.db.Store` says which cards it
changed (their rows or their answers: today's limits, siblings, retention), so their decks'
kept counts and read cards can be brought up to date card by card; a write that does not
say touches every deck, and so does any change no write accounts for (a statement run
outside a write transaction, or one rolled back). Another process's commits are not seen
here: the store's stamp holds ``PRAGMA data_version`` for those.
"""

from __future__ import annotations

from collections.abc import Collection

from quiz.scheduler import CardKey

ALL = None
"""A write whose cards are not known: it touches every deck."""

LOG_LENGTH = 2048
"""Writes remembered card by card; past these, older changes read as unknown."""


class Touched:
    """For each deck, the change count after the last write that touched it, and the
    cards the latest writes changed."""

    def __init__(self, total: int) -> None:
        """``total``: the connection's change count now (nothing since is accounted for)."""
        self._known = total
        """The change count after the last change accounted for."""
        self._all = total
        """The change count after the last change that touched every deck."""
        self._decks: dict[str, int] = {}
        self._log: list[tuple[int, str, frozenset[tuple[str, int]]]] = []
        """Each write's change count after it, deck and cards (fact, blank), oldest first."""
        self._log_from = total
        """The log holds every write that ended after this change count."""
        self._rewrote = total
        """The change count after the last change that may have changed answers already
        logged (anything but appending answers, or changing no card)."""

    def _account(self, total: int) -> None:
        if total != self._known:  # changed by something that did not say its cards
            self._touch_all(total)

    def _touch_all(self, total: int) -> None:
        self._all = self._known = self._log_from = self._rewrote = total
        self._log.clear()

    def wrote(self, before: int, after: int, cards: Collection[CardKey] | None,
              appends: bool = False) -> None:
        """One write transaction took the change count from ``before`` to ``after`` and
        changed ``cards`` (their rows or their answers; `ALL`: anything). ``appends``: it
        only added answers to the log (it changed none logged before)."""
        self._account(before)
        if after == before:
            return
        if not appends and (cards is ALL or cards):
            self._rewrote = after
        if cards is ALL:
            self._touch_all(after)
            return
        by_deck: dict[str, set[tuple[str, int]]] = {}
        for deck_id, fact_id, blank in cards:
            by_deck.setdefault(deck_id, set()).add((fact_id, blank))
        for deck_id, pairs in by_deck.items():
            self._decks[deck_id] = after
            self._log.append((after, deck_id, frozenset(pairs)))
        if len(self._log) > LOG_LENGTH:
            half = len(self._log) // 2
            self._log_from = self._log[half - 1][0]
            del self._log[:half]
        self._known = after

    def untouched(self, deck_id: str, since: int, total: int) -> bool:
        """Whether no change between counts ``since`` and ``total`` (now) touched the deck."""
        self._account(total)
        return self._all <= since and self._decks.get(deck_id, since) <= since

    def appended(self, since: int, total: int) -> bool:
        """Whether every change between counts ``since`` and ``total`` (now) left the answers
        logged before as they were (it appended answers, or changed no card)."""
        self._account(total)
        return self._rewrote <= since

    def changed(self, deck_id: str, since: int, total: int) -> set[tuple[str, int]] | None:
        """The deck's cards (fact, blank) changed between counts ``since`` and ``total``
        (now); None when that is not known (then anything may have changed)."""
        if self.untouched(deck_id, since, total):
            return set()
        if self._all > since or since < self._log_from:
            return None
        found: set[tuple[str, int]] = set()
        for after, deck, pairs in reversed(self._log):
            if after <= since:
                break
            if deck == deck_id:
                found |= pairs
        return found


__all__ = ["ALL", "LOG_LENGTH", "Touched"]
