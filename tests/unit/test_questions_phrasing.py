"""Questions rewritten as sentences for cloze and true/false: the shapes read, the rest refused."""

from __future__ import annotations

import pytest

from quiz.questions.phrasing import past, sentence, third_person


@pytest.mark.parametrize(
    ("question", "kind", "options", "expected"),
    [
        ("In what year did the United States sign the Treaty of Amity and Commerce with France?", "date",
         {"precision": "year"}, "The United States signed the Treaty of Amity and Commerce with France in X."),
        ("On what date did Apollo 11 land on the Moon?", "date", {"precision": "day"},
         "Apollo 11 landed on the Moon on X."),
        ("When did the Soviet Union launch Sputnik 1?", "date", {"precision": "month"},
         "The Soviet Union launched Sputnik 1 in X."),
        ("Since when has France carried out air operations against ISIS in Iraq?", "date", {},
         "France has carried out air operations against ISIS in Iraq since X."),
        ("Which French defense minister signed two documents with Ash Carter?", "name", {},
         "The French defense minister who signed two documents with Ash Carter was X."),
        ("Who led the first expedition?", "name", {}, "X led the first expedition."),
        ("What is the capital of France?", "name", {}, "The capital of France is X."),
        ("Who were the three astronauts of Apollo 11?", "list", {"plural": True},
         "The three astronauts of Apollo 11 were X."),
        ("In 2017, how much did the United States export in services to France?", "number", {},
         "In 2017, the United States exported X in services to France."),
        ("How many jobs did French investment support in 2015?", "number", {},
         "French investment supported X jobs in 2015."),
        ("How many jobs did French investment support in 2015?", "number", {"unit_given": True},
         "French investment supported X in 2015."),
        ("How many posts does the United States have in France?", "number", {},
         "The United States has X posts in France."),
        ("In which city is the U.S. Embassy in France?", "name", {}, "The U.S. Embassy in France is in X."),
        ("Which Syrian city did ISIL call its capital?", "name", {}, "The Syrian city ISIL called its capital was X."),
        ("In 2016, what did total U.S. investment in France stand at?", "number", {},
         "In 2016, total U.S. investment in France stood at X."),
        ("How large was the services surplus in 2017?", "number", {}, "The services surplus in 2017 was X."),
    ],
)
def test_shapes_that_read(question: str, kind: str, options: dict[str, object], expected: str) -> None:
    assert sentence(question, "X", kind=kind, **options) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Whose idea, according to the memo, was the plan?", "name"),
        ("In what year did the frobnicator zorble?", "date"),  # no known verb
        ("What does ISIL stand for?", "text"),
        ("Where did the meeting take place?", "text"),
        ("In what year did X happen? And why?", "date"),
        ("Name the capital of France.", "name"),
        ("In what year did the U.S. sign the treaty?", "name"),  # a date shape with a name answer
    ],
)
def test_shapes_refused(question: str, kind: str) -> None:
    assert sentence(question, "X", kind=kind) is None


@pytest.mark.parametrize(
    ("verb", "tense", "third"),
    [("sign", "signed", "signs"), ("stop", "stopped", "stops"), ("carry", "carried", "carries"),
     ("lead", "led", "leads"), ("have", "had", "has"), ("launch", "launched", "launches"),
     ("frobnicate", None, None)],
)
def test_verbs(verb: str, tense: str | None, third: str | None) -> None:
    assert past(verb) == tense
    assert third_person(verb) == third


@pytest.mark.parametrize(
    ("question", "kind", "expected"),
    [
        ("On what date did the Soviet Union launch Sputnik 1, the first artificial satellite?", "date",
         "The Soviet Union launched Sputnik 1, the first artificial satellite, on X."),
        ("What is the largest island in the world (not counting Australia, a continent)?", "name",
         "The largest island in the world (not counting Australia, a continent) is X."),
        ("On what date was the U.S. Declaration of Independence adopted?", "date",
         "The U.S. Declaration of Independence was adopted on X."),
        ('Which president said "we have, at last, met"?', "name", 'The president who said "we have, at last, met" was X.'),
    ],
)
def test_asides_are_closed_before_the_answer(question: str, kind: str, expected: str) -> None:
    assert sentence(question, "X", kind=kind, precision="day") == expected


@pytest.mark.parametrize(
    "question",
    [
        "On what date did the first crew arrive at the station, which has been occupied ever since?",
        "Which country's rover landed first?",
        "Which strait separates Spain from Morocco and joins the Atlantic to the Mediterranean?",
    ],
)
def test_misleading_shapes_are_refused(question: str) -> None:
    result = sentence(question, "X", kind="name", precision="day")
    assert result is None or ("that joins" not in result and "The country's" not in result
                              and "the has been" not in result)
