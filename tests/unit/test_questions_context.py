"""What a fact's own context demands of its questions: date windows, quantifiers, articles,
giveaways and related cards (quiz.questions.window, articles, reveal)."""

from __future__ import annotations

from pathlib import Path

import pytest

import quiz
from quiz.facts import Deck
from quiz.frozen import replace
from quiz.questions import formats_for, make_question
from quiz.questions.articles import in_place, takes_the
from quiz.questions.index import Card
from quiz.questions.reveal import KeepApart, reveals_itself
from quiz.questions.window import date_window, dates_in, quantifier_of
from quiz.values.dates import DateValue, parse

DECK = """\
title: Context
sources:
  dod: 'defense.gov article (Nov. 28, 2016)'
  wh: White House fact sheet (2018)
facts:
  - id: signing
    question: On what date did Ash Carter and Jean-Yves Le Drian sign two documents?
    answer: November 28, 2016
    source: dod
  - id: ministerial
    text: Carter and Le Drian looked forward to the next ministerial in {{December 2016}}.
    source: dod
  - id: october-trip
    text: Before November 28, 2016, Carter and Le Drian last met in {{October 2016}}.
  - id: nato
    text: In {{May 2017}}, President Trump hosted President Macron in Brussels.
    source: wh
  - id: amity
    question: In what year did the United States sign the Treaty of Amity and Commerce with France?
    answer: 1778
  - id: more-than
    text: Relations stretch back more than {{225 years}}.
    kind: number
  - id: nearly
    text: U.S. investment provides nearly {{600,000}} jobs.
    kind: number
  - id: over-answer
    question: How much do the two countries trade every day?
    answer: over $1 billion
    kind: number
  - id: voyager
    text: Voyager 2 was launched on {{August 20, 1977}}, sixteen days before Voyager 1, which followed on September 5, 1977.
  - id: lafayette
    question: Which general joined the American fight for independence?
    answer: Lafayette
    kind: name
    category: person
    explain: Lafayette sailed to America in 1777.
  - id: lafayette-quote
    text: '"Ever since General {{Lafayette}} joined the American fight for independence…"'
    kind: name
    category: person
  - id: yorktown-general
    question: Who commanded the French army at Yorktown, with Lafayette beside him?
    answer: Rochambeau
    kind: name
    category: person
"""


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> Deck:
    path: Path = tmp_path_factory.mktemp("context") / "context.yaml"
    path.write_text(DECK, encoding="utf-8")
    return quiz.load_deck(path)


def _window_years(deck: Deck, fact_id: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    window = date_window(deck, deck.fact(fact_id))
    assert window is not None
    return window


def test_dates_in_text_are_read_in_every_common_form() -> None:
    found = dates_in("From 1778 to Nov. 28, 2016, and in September 2015, 35% of 2,000 km")
    assert found == [DateValue(1778), parse("November 28, 2016"), parse("September 2015")]


def test_a_source_fixes_the_latest_date_of_what_it_tells(deck: Deck) -> None:
    low, high = _window_years(deck, "signing")
    assert high == (2016, 11, 28) and low[0] >= 2012
    for seed in range(30):
        q = make_question(deck, "signing", "choice", seed=seed)
        assert all(parse(o).year < 2016 or o == q.answer for o in q.options), q.options


def test_the_next_meeting_lies_after_the_source_date(deck: Deck) -> None:
    low, _high = _window_years(deck, "ministerial")
    assert low == (2016, 11, 28)
    for seed in range(30):
        q = make_question(deck, "ministerial", "choice", seed=seed)
        assert all(parse(o).year >= 2016 for o in q.options), q.options


def test_before_a_date_in_the_text_bounds_the_options(deck: Deck) -> None:
    _low, high = _window_years(deck, "october-trip")
    assert high == (2016, 11, 28)


def test_an_authors_between_bounds_the_options(deck: Deck) -> None:
    fact = deck.fact("nato")
    bounded = replace(fact, answers=(replace(fact.answer, between=(DateValue(2017), DateValue(2018))),))
    other = Deck("bounded", "Bounded", (bounded,) + tuple(f for f in deck.facts if f.id != "nato"),
                 sources=deck.sources)
    assert date_window(other, bounded) == ((2017, 1, 1), (2018, 12, 31))
    for seed in range(30):
        q = make_question(other, "nato", "choice", seed=seed)
        assert all(o.endswith(("2017", "2018")) for o in q.options), q.options


def test_a_lone_year_gets_options_of_its_own_era(deck: Deck) -> None:
    low, high = _window_years(deck, "amity")
    assert 1755 <= low[0] < 1778 < high[0] <= 1800  # not 2016, the deck's other dates


@pytest.mark.parametrize(("fact_id", "side"), [("more-than", 1), ("nearly", -1), ("over-answer", 1),
                                               ("amity", 0), ("signing", 0)])
def test_quantifiers_are_read_from_the_answer_or_before_the_blank(deck: Deck, fact_id: str, side: int) -> None:
    assert quantifier_of(deck.fact(fact_id)) == side


@pytest.mark.parametrize(("fact_id", "above"), [("more-than", True), ("nearly", False), ("over-answer", True)])
def test_quantified_figures_get_options_that_make_the_statement_false(deck: Deck, fact_id: str, above: bool) -> None:
    answer = deck.fact(fact_id).answer
    for seed in range(40):
        for option in make_question(deck, fact_id, "choice", seed=seed).options:
            got = quiz.values.parse("number", option).amount
            assert got == answer.value.amount or (got > answer.value.amount) == above, option


@pytest.mark.parametrize(("name", "category", "expected"), [
    ("Yangtze", "river", True), ("Korean War", "event", True), ("World War II", "event", False),
    ("Netherlands", "country", True), ("Belgium", "country", False), ("Treaty of Alliance", "document", True),
    ("OECD", "organization", True), ("NATO", "organization", False), ("the Moon", "moon", False),
    ("Hubble Space Telescope", "spacecraft", True), ("Lake Baikal", "lake", False),
    ("joint statement of intent", "document", False), ("Jay Treaty", "document", True),
    ("Marshall Plan", "program", True), ("Louisiana Purchase", "event", True),
    ("Hadrian's Wall", "place", False), ("Berlin Wall", "place", True),
])
def test_which_names_take_the(name: str, category: str, expected: bool) -> None:
    assert takes_the(name, category) is expected


@pytest.mark.parametrize(("before", "option", "expected"), [
    ("the allied landings in Normandy during ", "Korean War", ("the allied landings in Normandy during ", "the Korean War")),
    ("the U.S. Ambassador to ", "Netherlands", ("the U.S. Ambassador to ", "the Netherlands")),
    ("common goals in the ", "World Trade Organization", ("common goals in the ", "World Trade Organization")),
    ("landed on the ", "the Moon", ("landed on the ", "Moon")),
    ("They signed a ", "arrangement", ("They signed an ", "arrangement")),
    ("", "joint statement", ("", "Joint statement")),
    ("", "Caspian Sea", ("", "The Caspian Sea")),
    ("after the Declaration of Independence was ", "Jay Treaty",
     ("after the Declaration of Independence was ", "the Jay Treaty")),
])
def test_a_name_agrees_with_the_words_before_it(before: str, option: str, expected: tuple[str, str]) -> None:
    assert in_place(option, before) == expected


def test_a_statement_opening_with_a_name_is_capitalised() -> None:
    from quiz.questions.build import claim
    deck = quiz.load_deck(Path(__file__).resolve().parents[2] / "decks" / "world.yaml")
    statement = claim(Card(deck.fact("baikal"), 0), "Caspian Sea")
    assert statement.startswith("The Caspian Sea, in Siberia")


def test_a_card_that_fixes_its_own_date_is_not_asked(deck: Deck) -> None:
    assert reveals_itself(Card(deck.fact("voyager"), 0))
    assert formats_for(deck, "voyager") == ()


def test_related_cards_share_an_answer_or_show_it(deck: Deck) -> None:
    def apart(first: str, second: str) -> bool:
        day = KeepApart([deck])
        day.admit((deck.id, first, 0))
        return day.fits((deck.id, second, 0))

    assert not apart("yorktown-general", "lafayette")  # its words show Lafayette
    assert not apart("lafayette", "yorktown-general")  # and the other way round
    assert not apart("lafayette", "lafayette-quote")  # the same answer
    assert apart("signing", "yorktown-general") and apart("amity", "more-than")


def test_a_card_never_asked_joins_no_day_and_holds_none_back(deck: Deck) -> None:
    day = KeepApart([deck])
    assert not day.fits((deck.id, "voyager", 0))  # it reveals itself: no format is offered
    day.admit((deck.id, "voyager", 0))
    assert day.fits((deck.id, "amity", 0))
    assert day.fits((deck.id, "gone", 0))  # a fact no longer in the deck is not its business


BUNDLED = Path(__file__).resolve().parents[2] / "decks" / "us-france.yaml"


def test_an_order_question_keeps_the_dates_it_shows_off_its_day() -> None:
    deck = quiz.load_deck(BUNDLED)
    unga, amity = (deck.id, "unga-2017", 0), (deck.id, "amity-treaty-year", 0)
    assert "order" in formats_for(deck, "unga-2017")
    for recall, together in ((True, False), (False, True), (None, True)):
        day = KeepApart([deck])  # amity is among the dates unga's order questions show
        day.admit(amity)
        assert day.fits(unga, recall) is together
        day = KeepApart([deck])  # and the other way round
        day.admit(unga, recall)
        assert day.fits(amity) is together


def _rank(options: tuple[str, ...], right: int) -> int:
    keys = [(d.year, d.month or 0, d.day or 0) for d in map(parse, options)]
    return sorted(keys).index(keys[right])


def test_a_day_sits_at_any_rank_its_window_allows() -> None:
    # The window ends with 2018, the answer's own year: later options are other months of
    # 2018, so the answer is not always the latest (a learner could pick the extreme).
    deck = quiz.load_deck(BUNDLED)
    ranks = set()
    for seed in range(12):
        q = make_question(deck, "syria-strikes-date", "choice", seed=seed)
        assert all(parse(o).year <= 2018 for o in q.options), q.options
        ranks.add(_rank(q.options, q.correct_index or 0))
    assert ranks - {0, 3}, ranks


def test_a_match_item_never_names_another_of_its_names() -> None:
    deck = quiz.load_deck(BUNDLED)
    for seed in range(6):
        q = make_question(deck, "lafayette-quote", "match", seed=seed)
        names = {name: q.items[q.solution[i]] for i, name in enumerate(q.options)}
        for name in q.options:
            others = [item for item in q.items if item != names[name]]
            last = name.split()[-1]
            assert not any(last in item for item in others), (name, others)


def test_blanks_are_known_by_their_store_key(tmp_path: Path) -> None:
    path = tmp_path / "ids.yaml"
    path.write_text("title: Ids\nfacts:\n"
                    "  - id: alliance\n"
                    "    text: In {{1778}} {{Benjamin Franklin}} signed the alliance.\n"
                    "    blanks: [{id: year, kind: date}, {id: signer, kind: name}]\n"
                    "  - id: envoy\n"
                    "    question: Who was the first American envoy to France?\n"
                    "    answer: Benjamin Franklin\n"
                    "    kind: name\n", encoding="utf-8")
    deck = quiz.load_deck(path)
    fact = deck.fact("alliance")
    day = KeepApart([deck])
    day.admit(fact.card_key(1))  # the signer: the envoy's answer
    assert not day.fits((deck.id, "envoy", 0))


# --- the author's `between:` ---------------------------------------------------------------

BETWEEN = """\
title: Between
facts:
  - id: nato
    text: In {{May 2017}}, President Trump hosted President Macron in Brussels.
    between: [May 2017, 2018]
"""


def test_between_is_read_and_bounds_the_window(tmp_path: Path) -> None:
    path = tmp_path / "between.yaml"
    path.write_text(BETWEEN, encoding="utf-8")
    deck = quiz.load_deck(path)
    assert deck.fact("nato").answer.between == (parse("May 2017"), DateValue(2018))
    assert date_window(deck, deck.fact("nato")) == ((2017, 5, 1), (2018, 12, 31))


def test_between_survives_the_compiled_cache(tmp_path: Path) -> None:
    from quiz.compiled import dumps, loads
    path = tmp_path / "between.yaml"
    path.write_text(BETWEEN, encoding="utf-8")
    deck = quiz.load_deck(path)
    again = loads(dumps(deck), str(path), lambda: deck)
    assert again.fact("nato").answer.between == (parse("May 2017"), DateValue(2018))


@pytest.mark.parametrize(("line", "message"), [
    ("between: [2019, 2020]", "the answer `May 2017` lies outside `between: [2019, 2020]`; widen it"),
    ("between: [2018, 2017]", "`between` runs backwards: `2018` is after `2017`"),
    ("between: [2017]", "`between` should be two dates, the earliest and the latest, such as [2017, 2018]"),
    ("between: [2017, soon]", "`between` date `soon` is not a valid date"),
    ("between: 2017", "`between` should be two dates"),
])
def test_a_bad_between_is_reported_where_it_is(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BETWEEN.replace("between: [May 2017, 2018]", line), encoding="utf-8")
    with pytest.raises(quiz.DeckError) as error:
        quiz.load_deck(path)
    problem = error.value.problems[0]
    assert message in problem.message and problem.line == 5


def test_between_is_for_dates_only(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("title: T\nfacts:\n  - id: a\n    question: How many?\n    answer: '12'\n"
                    "    kind: number\n    between: [2017, 2018]\n", encoding="utf-8")
    with pytest.raises(quiz.DeckError, match="`between` applies to date answers; this answer is a number"):
        quiz.load_deck(path)
