"""Properties of strict grading (issue 20), one or more per class, on generated answers.

The "never correct" properties are the heart: whatever the answer, a response that
negates it, hedges between it and another value, bounds it, or names a different person
whose name contains it is never graded correct.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from quiz.facts import Answer, Kind
from quiz.grading import grade_answer
from quiz.values import infer_kind, parse, render
from quiz.values.names import TITLES

FAST = settings(deadline=None, max_examples=80)

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen " \
        "fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def say(n: int) -> str:
    """0-99 in English words, hyphenated as written: "seventy-eight"."""
    if n < 20:
        return _ONES[n]
    return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])


def say_year(year: int) -> str:
    """A year said in pairs: 1778 -> "seventeen seventy-eight", 1905 -> "nineteen oh five"."""
    head, tail = divmod(year, 100)
    if tail == 0:
        return f"{say(head)} hundred"
    return f"{say(head)} {'oh ' + say(tail) if tail < 10 else say(tail)}"


def roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def answer_of(kind: Kind, text: str | tuple[str, ...], category: str | None = None) -> Answer:
    return Answer(text=text, kind=kind, value=parse(kind, text), category=category)


def verdict(answer: Answer, response: str) -> str:
    return grade_answer(answer, response).verdict


# --- strategies --------------------------------------------------------------------

_LETTERS = st.sampled_from("bcdfghjklmnprstvwz")
_VOWELS = st.sampled_from("aeiou")


@st.composite
def words(draw: st.DrawFn) -> str:
    """A capitalised made-up word of 4-8 letters, such as "Tavoren"."""
    n = draw(st.integers(2, 4))
    word = "".join(draw(_LETTERS) + draw(_VOWELS) for _ in range(n))
    # A made-up word may spell a real title ("Pope", "Dame"), which is rightly read as one
    # ("Pope Baba Babe" is Baba Babe), not as another given name.
    assume(word.casefold() not in TITLES)
    return word.capitalize()


@st.composite
def persons(draw: st.DrawFn) -> tuple[list[str], str]:
    """A person's given names (1-2) and surname, all different."""
    parts = draw(st.lists(words(), min_size=2, max_size=3, unique_by=str.casefold))
    return parts[:-1], parts[-1]


years = st.integers(1100, 2099)
amounts = st.integers(1, 999_999)


@st.composite
def answers(draw: st.DrawFn) -> tuple[Answer, str, str]:
    """An answer of any kind, its text, and another value of the same kind."""
    kind = draw(st.sampled_from(["date", "number", "name", "text", "list"]))
    if kind == "date":
        year, other = draw(years), draw(years)
        assume(year != other)
        return answer_of("date", str(year)), str(year), str(other)
    if kind == "number":
        amount, other = draw(amounts), draw(amounts)
        assume(amount != other)
        unit = draw(st.sampled_from(["", " km", "%", " troops"]))
        return answer_of("number", f"{amount:,}{unit}"), f"{amount:,}{unit}", f"{other:,}{unit}"
    if kind == "name":
        given_names, surname = draw(persons())
        name = " ".join([*given_names, surname])
        other = draw(words().filter(lambda w: w.casefold() not in name.casefold()))
        return answer_of("name", name, "person"), name, f"{given_names[0]} {other}"
    if kind == "text":
        text = " ".join(draw(st.lists(words(), min_size=1, max_size=3))).lower()
        other = draw(words().filter(lambda w: w.casefold() not in text)).lower()
        return answer_of("text", text), text, other
    members = draw(st.lists(words(), min_size=2, max_size=3, unique_by=str.casefold))
    other = draw(words().filter(lambda w: w.casefold() not in {m.casefold() for m in members}))
    return answer_of("list", tuple(members), "city"), ", ".join(members), other


# --- 1. never correct ----------------------------------------------------------------

NEGATIONS = ["not {}", "definitely not {}", "it was not {}", "never {}", "{}? no, it isn't", "it wasn't {}"]
HEDGES = ["{} or {}", "{} or maybe {}", "either {} or {}", "{}, or {}"]
QUALIFIERS = ["before {}", "after {}", "by {}", "until {}", "more than {}", "less than {}", "over {}",
              "at least {}", "at most {}", "no later than {}", "up to {}"]


@FAST
@given(answers(), st.sampled_from(NEGATIONS))
def test_a_negated_answer_is_never_correct(case: tuple[Answer, str, str], form: str) -> None:
    answer, text, _ = case
    assert verdict(answer, text) == "correct"
    assert verdict(answer, form.format(text)) != "correct"


@FAST
@given(answers(), st.sampled_from(HEDGES), st.booleans())
def test_a_hedge_between_two_values_is_never_correct(case: tuple[Answer, str, str], form: str,
                                                     first: bool) -> None:
    answer, text, other = case
    pair = (text, other) if first else (other, text)
    assert verdict(answer, form.format(*pair)) != "correct"


@FAST
@given(answers(), st.sampled_from(QUALIFIERS))
def test_a_bound_on_a_date_or_figure_is_never_correct(case: tuple[Answer, str, str], form: str) -> None:
    answer, text, _ = case
    assume(answer.kind in ("date", "number"))
    assert verdict(answer, form.format(text)) != "correct"


@FAST
@given(persons(), words(), st.sampled_from(["name", "initial", "dotted"]), st.data())
def test_a_different_person_containing_the_name_is_never_correct(
    person: tuple[list[str], str], extra: str, style: str, data: st.DataObject
) -> None:
    given_names, surname = person
    assume(extra.casefold() not in {w.casefold() for w in [*given_names, surname]})
    name = " ".join([*given_names, surname])
    insert = {"name": extra, "initial": extra[0], "dotted": extra[0] + "."}[style]
    assume(insert.rstrip(".").casefold() not in {w[0].casefold() for w in given_names})
    at = data.draw(st.integers(0, len(given_names)))
    other = " ".join([*given_names[:at], insert, *given_names[at:], surname])
    answer = answer_of("name", name, "person")
    assert verdict(answer, other) != "correct", other
    assert verdict(answer, surname) == "correct"
    team = answer_of("list", (name, "Marie Curie"), "person")
    assert verdict(team, f"{other} and Marie Curie") != "correct"


# --- 2. numbers ----------------------------------------------------------------------

SPACES = ["\u00a0", "\u2009", "\u202f", "\u2007", " "]


@FAST
@given(st.integers(1000, 10**12), st.sampled_from(SPACES))
def test_any_unicode_space_separates_thousands(amount: int, space: str) -> None:
    answer = answer_of("number", f"{amount:,}")
    assert verdict(answer, f"{amount:,}".replace(",", space)) == "correct"


@FAST
@given(st.integers(1, 9999), st.integers(1, 9))
def test_a_decimal_comma_that_cannot_be_thousands_is_a_decimal(whole: int, tenth: int) -> None:
    answer = answer_of("number", f"${whole}.{tenth} billion")
    assert verdict(answer, f"{whole},{tenth} billion") == "correct"
    assert verdict(answer, f"{whole},{tenth} bn") == "correct"


@FAST
@given(st.integers(1, 99))
def test_a_fraction_is_read_as_the_percentage(percent: int) -> None:
    answer = answer_of("number", f"{percent}%")
    assert verdict(answer, f"0.{percent:02d}") == "correct"


@FAST
@given(st.integers(1, 999), st.sampled_from(["mil", "mln", "m", "M", "million"]))
def test_million_abbreviations_read_as_millions(amount: int, scale: str) -> None:
    answer = answer_of("number", f"${amount} million")
    assert verdict(answer, f"{amount}{scale}") == "correct"
    assert verdict(answer, f"{amount} {scale}") == "correct"


@FAST
@given(st.integers(1, 9999))
def test_a_glued_m_is_metres_for_a_length(amount: int) -> None:
    assert verdict(answer_of("number", f"{amount} m"), f"{amount}m") == "correct"
    assert verdict(answer_of("number", f"{amount} km"), f"{amount}m") != "correct"


# --- 3. units -------------------------------------------------------------------------


@FAST
@given(st.integers(50, 20000))  # from 50 km on, whole miles are within 2%
def test_the_same_length_in_miles_or_feet_is_not_wrong(km: int) -> None:
    answer = answer_of("number", f"{km} km")
    miles = Decimal(km) / Decimal("1.609344")
    assert verdict(answer, f"{round(miles, 2)} miles") == "correct"
    assert verdict(answer, f"{round(miles)} miles") != "wrong"
    assert verdict(answer, f"{round(Decimal(km) * 1000 / Decimal('0.3048')):,} feet") == "correct"


@FAST
@given(st.integers(1, 20000), st.sampled_from(["kg", "hours", "litres", "°C", "acres"]))
def test_a_unit_of_another_dimension_is_wrong(km: int, unit: str) -> None:
    assert verdict(answer_of("number", f"{km} km"), f"{km} {unit}") == "wrong"


# --- 4. written forms -----------------------------------------------------------------


@FAST
@given(years)
def test_a_year_in_roman_numerals_or_words_is_the_year(year: int) -> None:
    answer = answer_of("date", str(year))
    assert verdict(answer, roman(year)) == "correct"
    assert verdict(answer, say_year(year)) == "correct", say_year(year)
    assert verdict(answer, roman(year + 1)) == "wrong"


@FAST
@given(st.integers(1, 21))
def test_a_century_in_roman_numerals_or_short_is_the_century(century: int) -> None:
    answer = answer_of("date", render("date", parse("date", f"the {century}th century"
                                                              if century > 3 else
                                                              ["the 1st century", "the 2nd century",
                                                               "the 3rd century"][century - 1])))
    assert verdict(answer, f"{roman(century)} century") == "correct"
    assert verdict(answer, f"{century}th c.") == "correct"


@FAST
@given(st.integers(1931, 2030), st.integers(1, 12))  # '31 to '30: a two-digit year's reading
def test_short_month_forms_are_the_month(year: int, month: int) -> None:
    names = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    answer = answer_of("date", render("date", parse("date", f"{names[month - 1]} {year}")))
    assert verdict(answer, f"{names[month - 1]} '{year % 100:02d}") == "correct"
    assert verdict(answer, f"{month}/{year}") == "correct"


@FAST
@given(st.integers(101, 209))
def test_a_decade_in_words_is_the_decade(tens: int) -> None:
    decade = tens * 10
    assume(decade % 100)
    answer = answer_of("date", f"the {decade}s")
    head, tail = divmod(decade, 100)
    plural = {20: "twenties", 30: "thirties", 40: "forties", 50: "fifties", 60: "sixties",
              70: "seventies", 80: "eighties", 90: "nineties"}.get(tail)
    assume(plural is not None)
    assert verdict(answer, f"the {say(head)}-{plural}") == "correct"


# --- 5. names ---------------------------------------------------------------------------

CYRILLIC = {"a": "а", "o": "о", "e": "е", "i": "і", "p": "р", "c": "с"}


@FAST
@given(persons())
@example((["Faba", "Tabababa"], "Baba"))  # "F.T. Baba": initials, not "Ft." for Fort
def test_a_name_written_surname_first_is_the_name(person: tuple[list[str], str]) -> None:
    given_names, surname = person
    answer = answer_of("name", " ".join([*given_names, surname]), "person")
    assert verdict(answer, f"{surname}, {' '.join(given_names)}") == "correct"
    assert verdict(answer, f"{surname} {' '.join(given_names)}") == "correct"
    initials = "".join(g[0] for g in given_names)
    assert verdict(answer, f"{'.'.join(initials)}. {surname}") == "correct"


@FAST
@given(persons(), st.data())
def test_look_alike_letters_fold_to_the_latin_ones(person: tuple[list[str], str], data: st.DataObject) -> None:
    given_names, surname = person
    name = " ".join([*given_names, surname])
    spots = [i for i, c in enumerate(name) if c in CYRILLIC]
    assume(spots)
    at = data.draw(st.sampled_from(spots))
    spoofed = name[:at] + CYRILLIC[name[at]] + name[at + 1:]
    assert verdict(answer_of("name", name, "person"), spoofed) == "correct"


@FAST
@given(words(), st.sampled_from(["France", "Germany", "Texas", "TX", "Ontario", "USA", "the U.K."]))
def test_a_place_qualified_by_its_country_or_state_is_the_place(place: str, where: str) -> None:
    answer = answer_of("name", place, "city")
    assert verdict(answer, f"{place}, {where}") == "correct"
    assert verdict(answer, f"{place} ({where})") == "correct"


@FAST
@given(st.sampled_from([("defense", "defence"), ("organization", "organisation"), ("center", "centre"),
                        ("program", "programme"), ("labor", "labour"), ("license", "licence")]),
       words())
def test_british_and_american_spellings_are_the_same_name(pair: tuple[str, str], word: str) -> None:
    american, british = pair
    answer = answer_of("name", f"{word} {american.capitalize()} Office", "organization")
    assert verdict(answer, f"{word} {british.capitalize()} Office") == "correct"


# --- 6. lists -------------------------------------------------------------------------

COUNTRIES = {"United States": ["US", "USA", "the U.S.", "America", "United States of America"],
             "United Kingdom": ["UK", "Britain", "Great Britain"], "Netherlands": ["Holland"],
             "Germany": ["Deutschland"], "France": ["France"]}


@FAST
@given(st.lists(st.sampled_from(sorted(COUNTRIES)), min_size=2, max_size=4, unique=True), st.data())
def test_country_aliases_count_as_list_members(members: list[str], data: st.DataObject) -> None:
    answer = answer_of("list", tuple(members), "country")
    said = [data.draw(st.sampled_from(COUNTRIES[m])) for m in members]
    order = data.draw(st.permutations(said))
    assert verdict(answer, ", ".join(order)) == "correct"


@FAST
@given(st.lists(words(), min_size=2, max_size=3, unique_by=str.casefold), st.data())
def test_a_per_member_accept_counts_as_that_member(members: list[str], data: st.DataObject) -> None:
    synonyms = tuple((f"{m} Alias",) for m in members)
    value = parse("list", tuple(members), synonyms)
    answer = Answer(text=tuple(members), kind="list", value=value, category="organization")
    said = [data.draw(st.sampled_from([m, f"{m} Alias"])) for m in members]
    assert verdict(answer, " and ".join(said)) == "correct"
    assert verdict(answer, f"{members[0]} Alias") == "close"


# --- 7. text, "I don't know" and feedback -----------------------------------------------


@FAST
@given(st.lists(words(), min_size=4, max_size=6, unique_by=str.casefold), st.data())
def test_a_shorter_text_keeping_key_words_is_close(text_words: list[str], data: st.DataObject) -> None:
    text = " ".join(text_words).lower()
    kept = data.draw(st.lists(st.sampled_from(text_words), min_size=2, max_size=len(text_words) - 1,
                              unique=True))
    assert verdict(answer_of("text", text), " ".join(kept).lower()) == "close"


@FAST
@given(answers(), st.sampled_from(["no idea", "don't know", "I don't know", "idk", "?", "dunno", "IDK!"]))
def test_i_dont_know_grades_like_an_empty_answer(case: tuple[Answer, str, str], said: str) -> None:
    answer = case[0]
    assert grade_answer(answer, said) == grade_answer(answer, "").__class__(
        "wrong", grade_answer(answer, "").feedback, answer.display, said)


@FAST
@given(answers())
def test_feedback_on_a_wrong_answer_repeats_the_response(case: tuple[Answer, str, str]) -> None:
    answer, _, other = case
    result = grade_answer(answer, other)
    assume(result.verdict != "correct")
    assert f"ou wrote {other}" in result.feedback


@settings(deadline=None, max_examples=60)
@given(st.text(min_size=1, max_size=30))
def test_infer_kind_of_words_never_becomes_a_date_from_numerals(text: str) -> None:
    """Authors write digits: the readings of responses (XIII, "thirty-five") never change
    what kind an author's answer is inferred to be."""
    kind = infer_kind(text)
    if kind == "date":
        assert any(c.isdigit() for c in text)
