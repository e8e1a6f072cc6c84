"""Lists of answers ("Which two cities…?"): members in any order, each of its own kind.

A learner separates members with commas, semicolons, "and", "&" or new lines
("Marseille, Strasbourg", "Strasbourg and Marseille"). A comma between digits that is
followed by three digits is a thousands separator, and a member that itself holds a
separator ("Bosnia and Herzegovina", "April 13, 2018") is put back together when its
pieces alone match nothing.

This module knows nothing of the member kinds: `quiz.values` hands it functions that parse
and compare one member, so the kinds stay in their own modules.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from quiz.facts import Kind
from quiz.frozen import Frozen, replace
from quiz.patterns import LazyPattern
from quiz.values.common import Judgement, ValueParseError, fold, quote


class Member(Frozen, fields=("text", "kind", "value", "accept")):
    """One member of a list answer.

    Attributes:
        text: The member as the author wrote it.
        kind: The member's kind, inferred from its text.
        value: The parsed value of that kind (`DateValue`, `Quantity`, `NameValue`, …).
    """

    text: str
    kind: Kind
    value: Any
    accept: tuple[Member, ...]
    """Other answers counted as this member (the deck's per-member ``accept:``)."""

    def __init__(self, text: str, kind: Kind, value: Any, accept: tuple[Member, ...] = ()) -> None:
        object.__setattr__(self, "__dict__", {"text": text, "kind": kind, "value": value,
                                              "accept": accept})


class ListValue(Frozen, fields=("members",)):
    """A list answer: its members in the author's order."""

    members: tuple[Member, ...]

    def __init__(self, members: tuple[Member, ...]) -> None:
        object.__setattr__(self, "__dict__", {"members": members})

    @property
    def values(self) -> tuple[Any, ...]:
        """The members' parsed values, in order."""
        return tuple(m.value for m in self.members)

    def render(self, render_member: Callable[[Member], str] | None = None) -> str:
        """The members joined with commas: "Marseille, Strasbourg"."""
        return ", ".join(render_member(m) if render_member else m.text for m in self.members)

    def __len__(self) -> int:
        return len(self.members)


_SEPARATOR = LazyPattern(
    # The look-ahead changes nothing a separator matches (each starts with a space or with
    # one of these characters) but lets the search pass every other character at once.
    r"((?=[\s;,&ap])(?:\s*(?:;|\n|,(?!\d{3}(?!\d))|&|\band\b|\bplus\b)\s*)+)", re.IGNORECASE
)


def split(text: str) -> list[tuple[str, str]]:
    """Split a written list into (member, separator before it) pairs, empty members dropped."""
    parts = _SEPARATOR.split(text)
    pieces: list[tuple[str, str]] = []
    separator = ""
    for i, part in enumerate(parts):
        if i % 2:
            separator = part
        elif part.strip():
            pieces.append((part.strip(), separator))
    return pieces


def parse(
    texts: tuple[str, ...] | str,
    parse_member: Callable[[str], Member],
    member_accept: tuple[tuple[str, ...], ...] = (),
) -> ListValue:
    """Parse an author's list; a string is split like a learner's response.

    Args:
        texts: The members as written, or one string to split.
        parse_member: Parses one member's text.
        member_accept: Per member, in order, the other answers counted as that member
            (shorter than ``texts`` when the last members have none).

    Raises:
        ValueParseError: When the list is empty or a member cannot be parsed.
    """
    items = tuple(m for m, _ in split(texts)) if isinstance(texts, str) else texts
    if not items:
        raise ValueParseError("expected a list of one or more answers, such as [Marseille, Strasbourg]")
    if len(member_accept) > len(items):
        raise ValueParseError("more per-member `accept:` entries than members")
    members = []
    for n, item in enumerate(items):
        member = parse_member(str(item))
        others = member_accept[n] if n < len(member_accept) else ()
        if others:
            member = replace(member, accept=tuple(parse_member(str(o)) for o in others))
        members.append(member)
    return ListValue(tuple(members))


def _rejoin(
    pieces: list[tuple[str, str]], is_member: Callable[[str], bool]
) -> list[str]:
    """Join neighbouring pieces when together, but not apart, they are a member."""
    out: list[str] = []
    i = 0
    while i < len(pieces):
        text = pieces[i][0]
        while i + 1 < len(pieces) and not is_member(text):
            joined = text + pieces[i + 1][1] + pieces[i + 1][0]
            if not is_member(joined):
                break
            text = joined
            i += 1
        out.append(text)
        i += 1
    return out


def judge(
    expected: ListValue,
    response: str,
    shown: str,
    judge_member: Callable[[Member, str], Judgement],
    ordered: bool = False,
    same: Callable[[Member, str], bool] | None = None,
) -> Judgement:
    """Compare a learner's list with the answer.

    Rules: every member and nothing else is correct (in the author's order when
    ``ordered``; the right members in another order are then close); some members, or
    all with a typo, and no wrong one is close; any member that matches nothing is wrong.

    ``same`` is a cheap test that a piece is exactly a member ("France" for France); it
    is tried on every member before the full comparison, which most pieces then skip.
    """
    members = expected.members
    judged: dict[tuple[int, str], str] = {}

    def verdict(n: int, text: str) -> str:
        """A member's verdict on a piece, judged once however often it is asked."""
        if (n, text) not in judged:
            exact = same is not None and same(members[n], text)
            judged[n, text] = "correct" if exact else judge_member(members[n], text).verdict
        return judged[n, text]

    exact: dict[str, int | None] = {}

    def exactly(text: str) -> int | None:
        """The member a piece is exactly, by the cheap test, or None (tested once a piece)."""
        if text in exact:
            return exact[text]
        found = None
        if same is not None:
            for n, m in enumerate(members):
                if same(m, text):
                    judged[n, text] = "correct"
                    found = n
                    break
        exact[text] = found
        return found

    def is_member(text: str) -> bool:
        return exactly(text) is not None or any(verdict(n, text) == "correct" for n in range(len(members)))

    pieces = split(response)
    settled = None if same is None else _exact_set(pieces, exactly, len(members), ordered, response, shown)
    if settled is not None:
        return settled
    seen: set[str] = set()
    fragments: list[str] = []
    for text in _rejoin(pieces, is_member):
        if text.casefold() not in seen:
            seen.add(text.casefold())
            fragments.append(text)
    you = quote(response)
    if not fragments:
        return Judgement("wrong", f"You wrote {you}; the answer is {shown}.")
    taken: dict[int, int] = {}  # member index -> fragment index
    close: set[int] = set()
    for f, text in enumerate(fragments):
        n = exactly(text)
        if n is not None and n not in taken:
            taken[n] = f
    for wanted in ("correct", "close"):
        for f, text in enumerate(fragments):
            if f in taken.values():
                continue
            for m in range(len(members)):
                if m not in taken and verdict(m, text) == wanted:
                    taken[m] = f
                    if wanted == "close":
                        close.add(m)
                    break
    # A member given again in other words ("Bush" beside "George W. Bush") is dropped, as
    # the same words written twice are.
    extras = [text for f, text in enumerate(fragments) if f not in taken.values()
              and not any(verdict(m, text) == "correct" for m in taken)]
    if extras:
        why = _why_wrong(extras, members, set(taken))
        return Judgement("wrong", f"You wrote {you}: {why}; the answer is {shown}.")
    if len(taken) < len(members):
        return Judgement("close", f"Close: you wrote {you}, {len(taken)} of {len(members)}; the answer is {shown}.")
    if close:
        return Judgement("close", f"Close: you wrote {you}; check the spelling: {shown}.")
    if ordered and [taken[m] for m in range(len(members))] != sorted(taken.values()):
        return Judgement("close", f"Close: you wrote {you}, the right members; the order is {shown}.")
    return Judgement("correct", f"Correct: {shown}.")


SMALL_WORDS = frozenset({"the", "and", "for"})
"""Words too common to tell which member a piece was meant to be."""


def _why_wrong(extras: list[str], members: tuple[Member, ...], taken: set[int]) -> str:
    """What is wrong with the pieces that matched no member, the plainly wrong first: none
    of them ("Lyon is not one of them"), another name than the member it resembles
    ("George H.W. Bush is not George W. Bush"), or only part of a member ("Clinton is only
    part of Bill Clinton": a surname alone counts only for a member known to be a person)."""
    member_words = [frozenset(fold(m.text).split()) for m in members]
    none: list[str] = []
    reasons: list[str] = []
    partial: list[str] = []
    for text in extras:
        words = frozenset(fold(text).split())
        telling = {w for w in words if len(w) > 2 and w not in SMALL_WORDS}
        near = [(-len(telling & mine), n in taken, n) for n, mine in enumerate(member_words)
                if telling & mine]
        if not near:
            none.append(quote(text))
            continue
        n = min(near)[2]  # the member sharing most words, one not yet given first
        if words <= member_words[n]:
            partial.append(f"{quote(text)} is only part of {members[n].text}")
        else:
            reasons.append(f"{quote(text)} is not {members[n].text}")
    if len(none) == 1:
        reasons.insert(0, f"{none[0]} is not one of them")
    elif none:
        named = (", ".join(none[:-1]) + " and " + none[-1] if len(none) <= 3
                 else f"{none[0]}, {none[1]} and {len(none) - 2} more")
        reasons.insert(0, f"{named} are not among them")
    reasons += partial
    return reasons[0] if len(reasons) == 1 else ", ".join(reasons[:-1]) + ", and " + reasons[-1]


def _exact_set(
    pieces: list[tuple[str, str]], exactly: Callable[[str], int | None], count: int,
    ordered: bool, response: str, shown: str,
) -> Judgement | None:
    """`judge`'s verdict when every piece is exactly a different member (the usual right
    answer, or part of it), reached without judging any piece further; None when some
    piece needs the full comparison."""
    if not pieces:
        return None
    found: list[int] = []
    seen: set[str] = set()
    for text, _ in pieces:
        n = exactly(text)
        if n is None or n in found or text.casefold() in seen:
            return None  # (`judge` also drops a piece written twice)
        found.append(n)
        seen.add(text.casefold())
    if len(found) < count:
        return Judgement("close", f"Close: you wrote {quote(response)}, {len(found)} of {count}; "
                                  f"the answer is {shown}.")
    if ordered and found != sorted(found):
        return Judgement("close", f"Close: you wrote {quote(response)}, the right members; "
                                  f"the order is {shown}.")
    return Judgement("correct", f"Correct: {shown}.")
