"""A teacher's mechanical review of generated questions: every offered format of every card.

Used by `test_question_audit.py` (which asserts that every count is zero) and runnable by
hand to see the counts and examples::

    python tests/unit/question_audit.py [--seeds 3] [--examples 3] [DECK.yaml ...]

The checks only use the public question API (`formats_for`, `make_question`, the deck's
facts), so the same file measures any version of the generator. Each check is one class of
flaw a reviewer would mark:

- ``glued_truefalse``: a true/false statement that is a question with an option stuck on;
- ``presolved_order``: an ``order`` question whose items start in time order;
- ``presolved_match``: a ``match`` question where some name starts opposite its own fact;
- ``self_revealing``: a prompt (or an order/match item) that shows its own answer, or a
  date prompt that fixes its answer by a stated offset from a given date;
- ``quantifier_trap``: a wrong option that still makes a "more than / under …" fact true;
- ``duplicate_options``: two options (or items) that are the same after normalising;
- ``date_window``: a date option outside the fact's window or of another precision;
- ``match_overlap``: a match name sharing a word with its own fact and no other name;
- ``match_category``: a match whose names are not all of one category;
- ``odd_one_out``: a choice (not of people) whose wrong options all end in the same word
  and the answer does not ("G7 summit", "NATO summit", "G20 summit" against a General Assembly);
- ``match_quotes``: a match item naming another of its names ("…General Lafayette
  joined…" beside the name Lafayette, which then cannot be that item's);
- ``related_same_day``: two cards that share an answer or reveal one another (by their
  text, ``explain:`` or an order/match question's feedback) queued on the same study day.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import quiz  # noqa: E402
from quiz import values  # noqa: E402
from quiz.facts import BLANK_SHOWN, Answer, Deck, Fact  # noqa: E402
from quiz.questions import formats_for, make_question  # noqa: E402
from quiz.questions.index import category_of  # noqa: E402
from quiz.questions.window import date_window, quantifier_of  # noqa: E402
from quiz.scheduler import candidates  # noqa: E402
from quiz.values.common import fold  # noqa: E402
from quiz.values.dates import DateValue  # noqa: E402
from quiz.values.numbers import Quantity  # noqa: E402

CHECKS = ("glued_truefalse", "presolved_order", "presolved_match", "self_revealing",
          "quantifier_trap", "duplicate_options", "date_window", "match_overlap",
          "match_category", "odd_one_out", "related_same_day", "match_quotes")

Finding = tuple[str, str]
"""(check, description)."""

_STOP = frozenset("""the a an of in on at to for from with by and or which what who whom
    whose when where did does do was were is are its his her their this that these those
    first second third last one two three four five six seven new into over under after
    before during than more less most least about""".split())
_OFFSET = re.compile(
    r"\b(?:\w+|\d+) (?:days?|weeks?|months?|years?|decades?) (?:before|after|earlier|later)\b"
    r"|\bto the day (?:before|after)\b|\ba (?:day|week|month|year|decade) (?:before|after|earlier|later)\b",
    re.IGNORECASE)


# --- helpers ------------------------------------------------------------------------------


def _cards(deck: Deck) -> Iterator[tuple[Fact, int]]:
    for fact in deck.facts:
        for blank in range(len(fact.answers)):
            yield fact, blank


def shown_forms(answer: Answer) -> list[str]:
    """What a learner would recognise as the answer: the answer, accepted forms, members."""
    forms = [answer.display, *answer.accept]
    if isinstance(answer.text, tuple):
        forms += list(answer.text)
    value = answer.value
    surname = getattr(value, "surname", None)
    if surname and category_of(answer) == "person":
        forms.append(surname)
    return [f for f in forms if f.strip()]


def contains(haystack: str, needle: str) -> bool:
    """``needle`` as whole words in ``haystack``, both folded; short non-digits never count."""
    hay, pin = fold(haystack), fold(needle)
    if len(pin) < 3 and not pin.isdigit():
        return False
    return re.search(rf"(?<![\w]){re.escape(pin)}(?![\w])", hay) is not None


def reveals(text: str, answer: Answer) -> bool:
    """Whether ``text`` shows ``answer`` (or, for a date, an offset from a stated date)."""
    text = text.replace(BLANK_SHOWN, " ")
    if any(contains(text, form) for form in shown_forms(answer)):
        return True
    if isinstance(answer.value, DateValue) and _OFFSET.search(text):
        from quiz.questions.window import dates_in
        return any(d.precision in ("day", "month") or answer.value.precision == "year"
                   for d in dates_in(text))
    return False


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", fold(text)) if len(w) >= 4 and w not in _STOP}


def _diff(true: str, other: str) -> str:
    """The part of ``other`` that differs from ``true`` (the option in a false statement)."""
    start = 0
    while start < min(len(true), len(other)) and true[start] == other[start]:
        start += 1
    end = 0
    while end < min(len(true), len(other)) - start and true[-1 - end] == other[-1 - end]:
        end += 1
    while start > 0 and (other[start - 1].isalnum() or other[start - 1] in "$€£"):
        start -= 1  # whole words: "1783" against "1778" differs from its first digit
    stop = len(other) - end
    while stop < len(other) and other[stop].isalnum():
        stop += 1
    return other[start:stop]


def _option_in(answer: Answer, core: str, statement: str, words: int) -> str:
    """The whole option around the differing span ``core``, as many words long as the answer."""
    if not core:
        return core
    at = statement.find(core)
    before, after = statement[:at].split(), statement[at + len(core):].split()
    size = len(core.split())
    for extra in range(max(0, words - size) + 1):
        for left in range(extra + 1):
            right = extra - left
            if left > len(before) or right > len(after):
                continue
            text = " ".join([*before[len(before) - left:], core, *after[:right]]).strip(" ,.;")
            if len(text.split()) == max(words, size) and _option_value(answer, text) is not None:
                return text
    return core


def _option_value(answer: Answer, text: str) -> object | None:
    try:
        return values.parse(answer.kind, text)
    except values.ValueParseError:
        return None


def _trap(answer: Answer, option: str, side: int) -> bool:
    """Whether ``option`` keeps a quantified statement true (``side`` +1: "more than")."""
    got = _option_value(answer, option)
    value = answer.value
    if not isinstance(got, Quantity) or not isinstance(value, Quantity):
        return False
    return (got.amount < value.amount) if side > 0 else (got.amount > value.amount)


def _outside(window: tuple[tuple[int, int, int], tuple[int, int, int]] | None,
             answer: Answer, option: str) -> bool:
    from quiz.questions.index import date_bounds
    value = answer.value
    got = _option_value(answer, option)
    if not isinstance(got, DateValue) or not isinstance(value, DateValue):
        return False
    if got.precision != value.precision:
        return True
    if window is None:
        return False
    first, last = date_bounds(got)
    return first < window[0] or last > window[1]


# --- per question -------------------------------------------------------------------------


def check_question(deck: Deck, fact: Fact, blank: int, fmt: str, seed: int) -> list[Finding]:
    """Every flaw of one generated question."""
    q = make_question(deck, fact.id, fmt, seed=seed, blank=blank)
    answer = fact.answers[blank]
    where = f"{deck.id}/{fact.id}#{blank} {fmt} seed {seed}"
    found: list[Finding] = []
    side = quantifier_of(fact, blank)
    window = date_window(deck, fact, blank) if answer.kind == "date" else None
    wrong_options: list[str] = []
    if fmt == "truefalse":
        statement = q.statement or q.prompt
        bare = re.sub(r"\"[^\"]*\"|“[^”]*”", "", statement)
        if "?" in bare or " — " in statement or not statement.rstrip().endswith((".", '"', "”", "!")):
            found.append(("glued_truefalse", f"{where}: {statement}"))
        if q.correct_index == 1:
            from quiz.questions.build import claim, option_text
            from quiz.questions.index import Card
            right = option_text(answer)
            true = claim(Card(fact, blank), right)
            wrong_options.append(_option_in(answer, _diff(true, statement).strip(), statement, len(right.split())))
    elif fmt == "choice":
        wrong_options = [o for i, o in enumerate(q.options) if i != q.correct_index]
        keys = [fold(o) for o in q.options]
        same = len(set(keys)) < len(keys) or any(
            values.equivalent(answer.kind, a, b) for i, a in enumerate(wrong_options)  # type: ignore[arg-type]
            for b in wrong_options[i + 1:])
        if same:
            found.append(("duplicate_options", f"{where}: {q.options}"))
        if reveals(q.prompt, answer):
            found.append(("self_revealing", f"{where}: {q.prompt}"))
        lasts = {fold(o).split()[-1] for o in wrong_options if o.split()}
        right = fold(q.options[q.correct_index]).split()
        if answer.kind == "name" and category_of(answer) != "person" and len(lasts) == 1 and right and right[-1] not in lasts \
                and not next(iter(lasts)).isdigit() and len(wrong_options) == 3:
            found.append(("odd_one_out", f"{where}: {q.options}"))
    elif fmt in ("recall", "cloze"):
        if reveals(q.prompt, answer):
            found.append(("self_revealing", f"{where}: {q.prompt}"))
    elif fmt == "order":
        if list(q.solution) == sorted(q.solution):
            found.append(("presolved_order", f"{where}: {q.items}"))
        if len({fold(i) for i in q.items}) < len(q.items):
            found.append(("duplicate_options", f"{where}: {q.items}"))
        for item, date in zip(q.items, q.dates):
            if contains(item, date) or (_OFFSET.search(item) and _dates_other(item)):
                found.append(("self_revealing", f"{where}: {item} ({date})"))
    elif fmt == "match":
        if any(q.solution[i] == i for i in range(len(q.solution))):
            found.append(("presolved_match", f"{where}: {q.options} / {q.items}"))
        if len({fold(o) for o in q.options}) < len(q.options) or len({fold(i) for i in q.items}) < len(q.items):
            found.append(("duplicate_options", f"{where}: {q.options}"))
        names = [_words(o) for o in q.options]
        for i, name in enumerate(q.options):
            item = q.items[q.solution[i]]
            others = set().union(*(names[:i] + names[i + 1:]))
            shared = (names[i] & _words(item)) - others
            if contains(item, name) or shared:
                found.append(("match_overlap", f"{where}: {name} ↔ {item} ({sorted(shared)})"))
        for i, name in enumerate(q.options):
            forms = shown_forms(_answer_of_name(deck, name) or Answer(text=name, kind="text", value=None))
            for n, item in enumerate(q.items):
                if n != q.solution[i] and any(contains(item, form) for form in forms):
                    found.append(("match_quotes", f"{where}: {name} named in {item}"))
        groups = {_category_of_name(deck, o) for o in q.options}
        if len(groups) > 1:
            found.append(("match_category", f"{where}: {q.options} {sorted(groups)}"))
    for option in wrong_options:
        if side and _trap(answer, option, side):
            found.append(("quantifier_trap", f"{where}: {option!r} vs {answer.display!r}"))
        if answer.kind == "date" and _outside(window, answer, option):
            found.append(("date_window", f"{where}: {option!r} outside {window} for {answer.display!r}"))
    return found


def _dates_other(text: str) -> bool:
    from quiz.questions.window import dates_in
    return bool(dates_in(text))


_NAME_GROUPS: dict[int, dict[str, str]] = {}
_NAME_ANSWERS: dict[int, dict[str, Answer]] = {}


def _answer_of_name(deck: Deck, name: str) -> Answer | None:
    answers = _NAME_ANSWERS.get(id(deck))
    if answers is None:
        answers = {fold(f.answers[b].display): f.answers[b] for f, b in _cards(deck)
                   if f.answers[b].kind == "name"}
        _NAME_ANSWERS[id(deck)] = answers
    return answers.get(fold(name))


def _category_of_name(deck: Deck, name: str) -> str:
    groups = _NAME_GROUPS.get(id(deck))
    if groups is None:
        groups = {}
        for fact, blank in _cards(deck):
            answer = fact.answers[blank]
            if answer.kind == "name":
                groups[fold(answer.display)] = category_of(answer)
        _NAME_GROUPS[id(deck)] = groups
    return groups.get(fold(name), "?")


# --- related cards on one day ---------------------------------------------------------------


def related_pairs(deck: Deck, companions: dict[tuple[str, int], set[tuple[str, int]]]) -> set[frozenset]:
    """Pairs of cards that share an answer or where one shows the other's answer."""
    cards = list(_cards(deck))
    by_answer: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    for fact, blank in cards:
        answer = fact.answers[blank]
        by_answer[(answer.kind, fold(answer.display))].append((fact.id, blank))
    pairs: set[frozenset] = set()
    for group in by_answer.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a[0] != b[0]:
                    pairs.add(frozenset((a, b)))
    for fact, blank in cards:
        text = " ".join(filter(None, [fact.prompt(blank), fact.explain or ""]))
        for other, other_blank in cards:
            if other.id == fact.id:
                continue
            if any(contains(text, form) for form in shown_forms(other.answers[other_blank])):
                pairs.add(frozenset(((fact.id, blank), (other.id, other_blank))))
    for card, seen in companions.items():
        for other in seen:
            if other[0] != card[0]:
                pairs.add(frozenset((card, other)))
    return pairs


def same_day_pairs(deck: Deck, pairs: set[frozenset], keep_apart: bool = True) -> list[Finding]:
    """Study the deck day after day from scratch, as the app's queue does (its `KeepApart`;
    without it when not ``keep_apart``); report related cards queued together."""
    from quiz.questions.reveal import KeepApart
    from quiz.scheduler import NOT_DUE_TODAY, Settings, Today, build_queue
    settings = Settings()
    now = datetime(2026, 1, 5, 12, tzinfo=timezone.utc)
    seen: dict[tuple[str, str, int], object] = {}
    found: list[Finding] = []
    total = deck.card_count
    for day in range(200):
        if len(seen) >= total:
            break
        queue = build_queue([deck], seen, Today(), settings, now, now + timedelta(hours=12),  # type: ignore[arg-type]
                            apart=KeepApart([deck]) if keep_apart else None)
        items = []
        while (item := queue.next(now)) is not None:
            items.append(item)
        keys = [(i.key[1], i.blank) for i in items]
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                if frozenset((a, b)) in pairs:
                    found.append(("related_same_day", f"{deck.id} day {day}: {a} and {b}"))
        for item in items:
            seen[item.key] = NOT_DUE_TODAY
        if not items:
            break
    return found


# --- whole decks ----------------------------------------------------------------------------


def audit(deck: Deck, seeds: int = 3, queue: bool = True) -> list[Finding]:
    """Every finding over every offered format of every card of ``deck``, ``seeds`` seeds each."""
    found: list[Finding] = []
    companions: dict[tuple[str, int], set[tuple[str, int]]] = defaultdict(set)
    prompts = {fact.prompt(blank): (fact.id, blank) for fact, blank in _cards(deck)}
    described = {" ".join(k.split()): v for k, v in prompts.items()}
    for fact, blank in _cards(deck):
        offered = formats_for(deck, fact, blank)
        for fmt in offered:
            for seed in range(seeds):
                found += check_question(deck, fact, blank, fmt, seed)
                # The queue below studies new cards, asked in the formats a card that wants
                # recognition may get (a mature card's order questions: test_scheduler).
                if fmt in ("order", "match") and fmt in candidates(False, offered):
                    q = make_question(deck, fact.id, fmt, seed=seed, blank=blank)
                    for item in q.items:
                        other = described.get(item)
                        if other is not None and other != (fact.id, blank):
                            companions[(fact.id, blank)].add(other)
    if queue:
        found += same_day_pairs(deck, related_pairs(deck, companions))
    return found


def synthetic_deck(tmp: Path, facts: int = 300, seed: int = 3) -> Deck:
    """A small deck from the benchmark's generator (bench/synth.py)."""
    from bench.synth import make_deck_text
    path = tmp / "synthetic.yaml"
    path.write_text(make_deck_text(facts, seed=seed), encoding="utf-8")
    return quiz.load_deck(path)


def show(q: object) -> str:
    """A question as a reviewer reads it, the right option marked ``*``."""
    from quiz.questions import Question
    assert isinstance(q, Question)
    head = f"[{q.deck_id} · {q.fact_id} · {q.format}] {q.prompt}"
    if q.format == "truefalse":
        said = f"\n    {q.statement}" if q.statement and q.statement != q.prompt else ""
        return f"{head}{said}\n    " + "  ".join(
            ("*" if i == q.correct_index else " ") + o for i, o in enumerate(q.options))
    if q.format == "choice":
        return head + "".join(f"\n    {'*' if i == q.correct_index else ' '} {chr(97 + i)}) {o}"
                              for i, o in enumerate(q.options))
    if q.format == "order":
        rank = {item: n for n, item in enumerate(q.solution)}
        return head + "".join(f"\n    {chr(97 + i)}) {o}   *{rank[i] + 1}" for i, o in enumerate(q.items))
    if q.format == "match":
        items = "".join(f"\n    {n + 1}. {item}" for n, item in enumerate(q.items))
        names = "".join(f"\n    {chr(97 + i)}) {o}   *{q.solution[i] + 1}" for i, o in enumerate(q.options))
        return head + items + names
    return f"{head}\n    * {q.answer}"


def sample(decks: list[Deck], count: int = 40, seed: int = 13) -> list[str]:
    """``count`` questions drawn with ``seed``: the decks and the formats in turn, cards at random."""
    import random
    from quiz.questions import FORMATS
    rng = random.Random(seed)
    offered = {(d.id, fmt): [(f, b) for f, b in _cards(d) if fmt in formats_for(d, f, b)]
               for d in decks for fmt in FORMATS}
    shown: list[str] = []
    turn = 0
    while len(shown) < count and turn < 10 * count:
        deck, fmt = decks[turn % len(decks)], FORMATS[(turn // len(decks)) % len(FORMATS)]
        turn += 1
        cards = offered[(deck.id, fmt)]
        if cards:
            fact, blank = cards[rng.randrange(len(cards))]
            shown.append(show(make_question(deck, fact.id, fmt, seed=rng.randrange(2**32), blank=blank)))
    return shown


def main(argv: list[str] | None = None) -> int:
    """Print the count of each check per deck (and a few examples)."""
    import tempfile
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("decks", nargs="*", type=Path)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--examples", type=int, default=2)
    parser.add_argument("--synthetic", type=int, default=300, help="facts in the synthetic deck (0: none)")
    parser.add_argument("--sample", type=int, default=0, help="print this many questions instead")
    args = parser.parse_args(argv)
    paths = args.decks or sorted((ROOT / "decks").glob("*.yaml"))
    decks = [quiz.load_deck(p) for p in paths]
    if args.sample:
        print("\n\n".join(sample(decks, args.sample)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        if args.synthetic:
            decks.append(synthetic_deck(Path(tmp), args.synthetic))
        totals: Counter[str] = Counter()
        questions = 0
        for deck in decks:
            found = audit(deck, args.seeds)
            questions += sum(len(formats_for(deck, f, b)) for f, b in _cards(deck)) * args.seeds
            counts = Counter(check for check, _ in found)
            totals += counts
            print(f"{deck.id}: " + ", ".join(f"{c} {counts[c]}" for c in CHECKS))
            shown: Counter[str] = Counter()
            for check, text in found:
                if shown[check] < args.examples:
                    shown[check] += 1
                    print(f"    {check}: {text}")
    print(f"all ({questions} questions): " + ", ".join(f"{c} {totals[c]}" for c in CHECKS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
