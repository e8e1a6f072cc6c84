"""Cutting a sentence with many values into clauses that stand alone, each a statement.

A teacher writes one card per fact, not one per sentence: "The treaty was signed in Paris
on April 30, 1803, and announced in the United States on July 4, 1803" is two facts. Where
a sentence holds more values than one statement's blanks, it is cut where the grammar
allows, and each clause keeps its own values:

- at a semicolon;
- at ", and", ", but", ", while" (and the like) before a clause with its own subject and
  verb ("…, and Russia followed in 2021"), or before a verb that shares the first clause's
  subject, which is then written again ("The treaty was announced in …");
- at ", which" or ", who" after a name, the name written in place of the pronoun ("…the
  Hubble Space Telescope, which went into orbit…" → "The Hubble Space Telescope went into
  orbit…");
- before a phrase naming a date at the end ("…on March 10, 1804, a day remembered as Three
  Flags Day" → "March 10, 1804 was a day remembered as Three Flags Day.");
- after a clause led by "When", "After", "Before" (and the like), which loses it ("When the
  Soviet Union dissolved in December 1991, its obligations…" → "The Soviet Union dissolved
  in December 1991." and "The Soviet Union's obligations…").

A clause that opens with "he", "she", "it" or "they" (or "its", "his", "her", "their") gets
the subject of the clause before when it has a plain one ("But Napoleon had lost an army…,
and he was preparing…" → "Napoleon was preparing…"); otherwise that cut is not made. A cut that leaves a clause with no value to
ask is not made either: the other clauses would lose its words for nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from quiz.extract.figures import Value

__all__ = ["Clause", "split_clauses"]

_AUXILIARIES = frozenset("was were is are had has have did does will would could can may "
                         "might should".split())
_IRREGULAR_PAST = frozenset("""arose ate awoke became began bent bit blew bore bought bound broke
    brought built burned burnt caught chose clung came cost crept dealt did drank drew drove dug
    dwelt fed fell felt fled flew fought found forbade forgave forgot froze gave got grew hung
    heard held hid kept knelt knew laid led lent left lost made meant met overcame overthrew paid
    ran rang rode rose said sang sank sat saw sent shook shot shut slept slid sold sought spent
    spoke spread sprang stood stole struck swam swept swore swung taught thought threw told took
    tore undertook understood went withdrew woke won wore wrote""".split())
_PRONOUNS = frozenset("he she it they".split())
_POSSESSIVES = frozenset("its his her their".split())
_SUBJECT_STARTS = frozenset("""he she it they we i there this these those the a an its his her
    their our some many most all both each no about nearly almost over more fewer only roughly
    around""".split())
_CONNECTIVES = frozenset("but and so yet however then".split())
_NOT_VERBS = frozenset("""need seed speed feed breed bed red shed deed weed aged hundred kindred
    naked sacred
    wicked united limited""".split())
_JOINS = re.compile(r",\s+(?:and|but|while|whereas|yet|so|although|though)\s+|;\s+")
_VP_JOIN = re.compile(r",?\s+and\s+(?=[a-z])")
_RELATIVE = re.compile(r",\s+(?:which|who)\s+")
_LEAD = re.compile(r"(?:When|After|Before|Although|Though|While|Once)\s+")
_APPOSITIVE = re.compile(r",\s+(?=(?:a|an|the)\s+[a-z])")
_WORD = re.compile(r"[A-Za-z][\w'’-]*|\d[\d,.]*")


@dataclass(frozen=True, slots=True)
class Clause:
    """A clause as a statement's text, with the values it holds re-placed in it."""

    text: str
    values: tuple[Value, ...]


def _finite(word: str) -> bool:
    """Whether a word reads as a finite verb in the past (or an auxiliary)."""
    low = word.lower()
    if low in _AUXILIARIES or low in _IRREGULAR_PAST:
        return True
    return low.endswith("ed") and len(low) >= 4 and low not in _NOT_VERBS and word.islower()


def _words_until_comma(text: str) -> list[str]:
    return _WORD.findall(re.split(r",\s", text, maxsplit=1)[0])


def _own_clause(rest: str) -> bool:
    """Whether ``rest`` opens with a subject and, within a few words, its verb."""
    words = _words_until_comma(rest)
    if len(words) < 2 or _finite(words[0]):
        return False
    first = words[0]
    if not (first.lower() in _SUBJECT_STARTS or first[0].isupper() or first[0].isdigit()):
        return False
    return any(_finite(w) for w in words[1:8])


def _shared_verb(rest: str) -> bool:
    """Whether ``rest`` opens with a verb in the past: a second predicate of one subject."""
    words = _WORD.findall(rest[:40])
    return bool(words) and words[0].islower() and _finite(words[0]) and \
        words[0].lower() not in _AUXILIARIES


def _inside(at: int, values: list[Value]) -> bool:
    return any(v.start <= at < v.end for v in values)


def _subject(text: str, values: list[Value]) -> tuple[str, str] | None:
    """The plain subject of a clause and the auxiliary after it ("The treaty", "was"), or None.

    Plain: a name the clause opens with (after "But" and the like, "the" kept), or up to
    six words without a comma before the first verb, opening with a capital.
    """
    lead = re.match(r"(?:(?:But|And|So|Yet|Then|However),?\s+)?", text)
    at = lead.end() if lead else 0
    for value in values:
        start = value.start - 4 if text[max(0, value.start - 4):value.start] in ("The ", "the ") \
            else value.start
        after = _words_until_comma(text[value.end:])
        # The name, then its verb or a phrase in commas ("The Corps of Discovery, led by…,
        # left"); not "Spain's army" or "Panama Canal Zone".
        if start == at and value.kind == "name" and (text[value.end:value.end + 1] == "," or
                                                     (after and _finite(after[0]))):
            aux = after[0] if after and after[0].lower() in _AUXILIARIES else ""
            return text[start:value.end], aux
    words = _words_until_comma(text[at:])
    for n, word in enumerate(words[:7]):
        if _finite(word):
            if n == 0 or not words[0][0].isupper() or words[0].lower() in _CONNECTIVES:
                return None
            verb = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text[at:])
            head = text[at:at + verb.start()].strip() if verb else ","
            if "," in head or re.match(r"(?:In|On|At|By|When|After|Before|During|From)\b", head):
                return None
            return head, word if word.lower() in _AUXILIARIES else ""
    return None


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _cuts(text: str, values: list[Value]) -> list[tuple[int, int, str]]:
    """Where a sentence may be cut: (end of the first part, start of the next, how)."""
    cuts: list[tuple[int, int, str]] = []
    for match in _JOINS.finditer(text):
        if _inside(match.start(), values):
            continue
        rest = text[match.end():]
        how = "own" if match.group().startswith(";") or _own_clause(rest) else \
            "shared" if _shared_verb(rest) else ""
        if how:
            cuts.append((match.start(), match.end(), how))
    for match in _VP_JOIN.finditer(text):
        if not _inside(match.start(), values) and _shared_verb(text[match.end():]) and \
                not any(c[0] <= match.start() < c[1] for c in cuts):
            cuts.append((match.start(), match.end(), "shared"))
    for match in _RELATIVE.finditer(text):
        before = next((v for v in values if v.end == match.start() and v.kind == "name"), None)
        if before is not None and not _commas_after(text, match.end(), values):
            cuts.append((match.start(), match.end(), f"name:{values.index(before)}"))
    for match in _APPOSITIVE.finditer(text):
        before = next((v for v in values if v.end == match.start() and v.kind == "date"), None)
        if before is not None and not _commas_after(text, match.end(), values):
            cuts.append((match.start(), match.end(), f"date:{values.index(before)}"))
    lead = _LEAD.match(text)
    if lead and _own_clause(text[lead.end():]):
        for match in re.finditer(r",\s+", text):
            if not _inside(match.start(), values) and _own_clause(text[match.end():]):
                cuts.append((match.start(), match.end(), f"lead:{lead.end()}"))
                break
    return sorted(cuts)


def _commas_after(text: str, at: int, values: list[Value]) -> bool:
    """Whether a comma outside the values follows ``at``: the phrase may not run to the end."""
    return any(text[n] == "," and not _inside(n, values) for n in range(at, len(text)))


def split_clauses(text: str, ranked: list[Value]) -> list[Clause] | None:
    """The clauses of a sentence, each holding some of ``ranked`` (its values, best first,
    in that order in each clause); None where no cut leaves every clause a value to ask.
    """
    by_start = sorted(ranked, key=lambda v: v.start)
    cuts = _cuts(text, by_start)
    if not cuts:
        return None
    ends = re.search(r"[.!?][\"'”’)\]]*$", text)
    stop = ends.start() if ends else len(text)
    # Parts: [start, end) of the sentence, and what to write before each part.
    parts: list[tuple[int, int, str]] = []
    at, prefix = 0, ""
    subject = _subject(text, by_start)  # of the part being written
    for end, start, how in cuts:
        if end < at:
            continue
        if how.startswith("lead:"):  # "When X, Y": X without its "When", then Y
            if at:
                continue
            at, how = int(how[5:]), "own"
            subject = _subject(_capital(text[at:]), [
                replace(v, start=v.start - at, end=v.end - at) for v in by_start])
        rest_prefix, rest_subject = "", subject
        first_word = (_WORD.findall(text[start:start + 12]) or [""])[0]
        if how == "own" and first_word.lower() in _PRONOUNS | _POSSESSIVES:
            if subject is None:
                continue  # "…, and he was preparing": no plain subject to write for "he"
            owner = "'" if subject[0].endswith("s") else "'s"
            rest_prefix = subject[0] + (owner if first_word.lower() in _POSSESSIVES else "") + " "
            start += len(first_word) + 1
        elif how == "own":  # a clause of its own: its subject, if plain, is its own
            rest_subject = _subject(_capital(text[start:]), [
                replace(v, start=v.start - start, end=v.end - start)
                for v in by_start if v.start >= start])
        elif how == "shared":
            # An odd comma before the cut opens a phrase the verb belongs to ("…, founded
            # in 1948 and reorganized in 1961"): the subject is not its subject.
            if subject is None or sum(text[n] == "," and not _inside(n, by_start)
                                      for n in range(at, end)) % 2:
                continue
            rest_prefix = " ".join(filter(None, subject)) + " "
        else:  # "name:N" or "date:N", the value the phrase is about
            value = by_start[int(how.split(":")[1])]
            the = text[max(0, value.start - 4):value.start]
            name = ("the " if the.lower() == "the " else "") + value.text
            rest_prefix = name + (" was " if how.startswith("date:") else " ")
            rest_subject = (_capital(name), "") if how.startswith("name:") else None
        parts.append((at, end, prefix))
        at, prefix, subject = start, rest_prefix, rest_subject
    parts.append((at, stop, prefix))
    # A part with no value to ask is joined back to the one before it (the first, to the
    # one after it), as the sentence wrote them.
    merged: list[tuple[int, int, str]] = []
    for part in parts:
        if merged and not any(merged[-1][0] <= v.start < merged[-1][1] for v in ranked):
            merged[-1] = (merged[-1][0], part[1], merged[-1][2])
        elif merged and not any(part[0] <= v.start < part[1] for v in ranked):
            merged[-1] = (merged[-1][0], part[1], merged[-1][2])
        else:
            merged.append(part)
    if len(merged) < 2 or not any(merged[-1][0] <= v.start < merged[-1][1] for v in ranked):
        return None
    clauses = []
    for start, end, prefix in merged:
        body = text[start:end].rstrip(" ,;")
        written = _capital(prefix + body) + (text[stop:] if end == stop else ".")
        shift = len(prefix) - start
        held = tuple(replace(v, start=v.start + shift, end=v.end + shift)
                     for v in ranked if start <= v.start < end)
        held = tuple(replace(v, text=written[v.start:v.end]) for v in held)
        clauses.append(Clause(written, held))
    return clauses

