"""`quiz.extract`: cleaning real documents, splitting sentences, spotting values, drafting
YAML that loads back to the same text — on excerpts of the seed documents in
``tests/data/extract`` and on made-up sentences."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz import load_deck
from quiz.deck import ID_RE
from quiz.extract import clean_document, draft_deck, repair, split_sentences, to_yaml
from quiz.extract.spot import NameBook, spot_values
from quiz.facts import BLANK_RE
from quiz.lint import lint_deck

DATA = Path(__file__).resolve().parents[1] / "data" / "extract"


def read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


# --- cleaning ---------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "fixed"), [
    ("together.\" â€“ President", "together.\" – President"),
    ("Franceâ€™s defense minister", "France's defense minister"),
    ("Ã‰lysÃ©e Palace", "Élysée Palace"),
    ("a\u00a0non-breaking\u2009space", "a non-breaking space"),
    ("plain text stays", "plain text stays"),
])
def test_repair_undoes_mojibake_and_odd_spaces(raw: str, fixed: str) -> None:
    assert repair(raw) == fixed


def test_the_article_loses_its_furniture_and_keeps_one_caption() -> None:
    cleaned = clean_document(read("article.txt"))
    text = "\n".join(b.text for b in cleaned.blocks)
    for furniture in ("official website", "Here's how you know", ".gov website", "lock",
                      "historical collection", "Photo By", "VIRIN", "Related Stories",
                      "Bilateral Meeting", "DoD photo by"):
        assert furniture not in text, furniture
    assert text.count("signs the guestbook") == 1
    assert "Jean-Yves Le Drian, Nov. 28, 2016." in text  # the credit cut off the caption
    assert cleaned.title == "U.S., France Sign Bilateral Cooperation Agreements"


def test_the_fact_sheet_is_repaired_relabelled_and_its_bullets_joined() -> None:
    cleaned = clean_document(read("factsheet.txt"))
    texts = [b.text for b in cleaned.blocks]
    assert texts[0] == ('"Ever since General Lafayette joined the American fight for independence, '
                        'our fates and fortunes have been tied unequivocally together," said '
                        'President Donald J. Trump.')
    assert texts[1].startswith("President Trump is continuing")  # the capitals label is gone
    joined = [b for b in cleaned.blocks if b.lead]
    assert [b.text[b.lead:] for b in joined] == [
        "carrying out air operations against the terrorist group in Iraq since September 2014 "
        "and in Syria since September 2015.",
        "committing tens of millions of dollars in humanitarian assistance to help rebuild Iraq "
        "and Syria after the defeat of ISIS.",
    ]
    assert all(b.text.startswith("France has been a key partner") for b in joined)
    # The list ended with its last item: the next paragraph stands on its own.
    assert any(t.startswith("Following the President's calls") for t in texts)


@pytest.mark.parametrize(("text", "expected"), [
    ("The U.S. exported goods. Then it stopped.", ["The U.S. exported goods.", "Then it stopped."]),
    ("President Donald J. Trump spoke. He left.", ["President Donald J. Trump spoke.", "He left."]),
    ("It was signed on Nov. 28, 2016 in Washington. Sgt. Amber I. Smith took the photo.",
     ["It was signed on Nov. 28, 2016 in Washington.", "Sgt. Amber I. Smith took the photo."]),
    ('"We agree." Cook said so.', ['"We agree."', "Cook said so."]),
    ("Costs rose 2.5 percent in 2017! Why? Nobody knows",
     ["Costs rose 2.5 percent in 2017!", "Why?", "Nobody knows"]),
])
def test_sentences_split_at_ends_not_at_abbreviations(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


# --- spotting ---------------------------------------------------------------------------

SPOTTED = [
    ("In 1778, the United States signed the Treaty of Amity and Commerce.",
     [("1778", "date", None), ("United States", "name", "country"),
      ("Treaty of Amity and Commerce", "name", "document")]),
    ("On April 13, 2018, United Kingdom Prime Minister Theresa May joined the strikes.",
     [("April 13, 2018", "date", None), ("United Kingdom", "name", "country"),
      ("Theresa May", "name", "person")]),
    ("In 2017, the U.S. exported $19.3 billion in services, a 35 percent rise over eight years.",
     [("2017", "date", None), ("U.S.", "name", "country"), ("$19.3 billion", "number", None),
      ("35 percent", "number", None),
      ("eight years", "number", None)]),
    ("There are two consulates, in Marseille and Strasbourg, and the 11th largest market.",
     [("two", "number", None), ("Marseille", "name", "city"), ("Strasbourg", "name", "city"),
      ("11th", "number", None)]),
    ("Presidents Trump and Macron met at the United Nations General Assembly in September 2017.",
     [("Trump", "name", "person"), ("Macron", "name", "person"),
      ("United Nations General Assembly", "name", "event"), ("September 2017", "date", None)]),
    ("French investment supported 677,500 jobs, said Defense Secretary Ash Carter.",
     [("677,500", "number", None), ("Ash Carter", "name", "person")]),
    ("Our histories have been intertwined with our Republic and the Embassy staff.", []),
    ("Carrying out air operations against the terrorist group, the two countries agreed.", []),
    ("Iraqi forces expelled ISIL from Mosul, the capital Raqqah next.",
     [("ISIL", "name", "organization"), ("Mosul", "name", "place"), ("Raqqah", "name", "city")]),
]


@pytest.mark.parametrize(("sentence", "expected"), SPOTTED)
def test_dates_figures_and_names_are_spotted_with_a_category(
        sentence: str, expected: list[tuple[str, str, str | None]]) -> None:
    book = NameBook.read([sentence, "President Macron spoke.", "President Trump spoke."])
    found = spot_values(sentence, book)
    assert [(v.text, v.kind, v.category) for v in found] == expected
    assert all(sentence[v.start:v.end] == v.text for v in found)


# --- drafting ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["factsheet.txt", "article.txt"])
def test_a_draft_loads_cleanly_lints_cleanly_and_reads_back_the_same(name: str, tmp_path: Path) -> None:
    draft = draft_deck(read(name), document=name, deck_id="draft")
    text = to_yaml(draft)
    path = tmp_path / "draft.yaml"
    path.write_text(text, encoding="utf-8")
    deck = load_deck(path)
    assert lint_deck(deck) == []
    assert len(deck.facts) == len(draft.facts) >= 3
    data = yaml.safe_load(text)
    assert [f["text"] for f in data["facts"]] == [f.text for f in draft.facts]
    for fact, drafted in zip(deck.facts, draft.facts):
        assert fact.id == drafted.id and ID_RE.match(fact.id)
        assert fact.source == draft.source_key
        assert [a.display for a in fact.answers] == [v.text for v in drafted.blanks]
        assert [a.kind for a in fact.answers] == [v.kind for v in drafted.blanks]
        assert fact.statement() is not None and fact.statement()[-1] in '.!"'
    assert all(f.id_given for f in deck.facts)


def test_ids_are_readable_unique_and_stable() -> None:
    first = draft_deck(read("factsheet.txt"), document="factsheet.txt", deck_id="d")
    again = draft_deck(read("factsheet.txt"), document="factsheet.txt", deck_id="d")
    ids = [f.id for f in first.facts]
    assert ids == [f.id for f in again.facts]
    assert len(set(ids)) == len(ids)
    assert "ever-general-joined-lafayette" in ids
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", i) and len(i) <= 70 for i in ids)


def test_a_topic_name_is_blanked_once_in_a_statement_with_room_for_it() -> None:
    draft = draft_deck(read("factsheet.txt"), document="factsheet.txt", deck_id="d")
    blanks = [v.text for f in draft.facts for v in f.blanks]
    assert blanks.count("Donald J. Trump") == 1 and "Trump" not in blanks
    # Where Macron is written in full, a figure and a duration fill the statement's two blanks.
    assert blanks.count("Emmanuel Macron") + blanks.count("Macron") == 1
    assert all(len(f.blanks) <= 2 for f in draft.facts)
    assert {"Lafayette", "September 2014", "September 2015", "35 percent", "eight years"} <= set(blanks)


def test_yaml_quoting_survives_awkward_sentences(tmp_path: Path) -> None:
    document = ("$19.3 billion was exported to France in 2017, a record: the #1 year.\n"
                "'Quotes' and \"double quotes\" met Emmanuel Macron in 2018 {here}.\n"
                "- In 1999, a bullet item: with a colon, said President Jacques Chirac.\n")
    draft = draft_deck(document, document="odd.txt", deck_id="odd")
    path = tmp_path / "odd.yaml"
    path.write_text(to_yaml(draft), encoding="utf-8")
    deck = load_deck(path)
    texts = [f.text for f in deck.facts]
    assert texts[0].startswith("{{$19.3 billion}} was exported")
    assert texts == [f.text for f in draft.facts]
    assert not any("{here}" in t for t in texts)  # braces would be read as blanks


WORDS = st.sampled_from([
    "France", "the", "United States", "signed", "in", "1778", "$19.3 billion", "two", "days",
    "President", "Macron", "said", ":", "#", "'", '"', "{", "}", "{{", "-", "U.S.", "35%",
    "Nov. 28, 2016", "September 2017", "of", "Treaty", "Amity", "and", "—", "â€“", "é", ",",
    "11th", "General", "Lafayette", "Ã©", "\t", "ISIS", "Mosul", "capital", "Raqqah",
])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(WORDS, min_size=1, max_size=18).map(lambda w: " ".join(w) + "."),
                min_size=1, max_size=6))
def test_any_draft_validates(tmp_path: Path, lines: list[str]) -> None:
    draft = draft_deck("\n".join(lines), document="random.txt", deck_id="random")
    if not draft.facts:
        return
    path = tmp_path / "random.yaml"
    path.write_text(to_yaml(draft), encoding="utf-8")
    deck = load_deck(path)
    assert [f.text for f in deck.facts] == [f.text for f in draft.facts]
    assert all(len(BLANK_RE.findall(f.text or "")) == f.blank_count for f in deck.facts)


# --- the command ------------------------------------------------------------------------


def test_quiz_extract_writes_a_deck_that_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from quiz.cli import main

    out = tmp_path / "decks" / "dod.yaml"
    assert main(["extract", str(DATA / "article.txt"), "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert f"{out}: drafted U.S., France Sign Bilateral Cooperation Agreements [dod]" in said
    assert load_deck(out).id == "dod"
    assert main(["validate", "--strict", str(out)]) == 0
    capsys.readouterr()
    # Never overwritten without --force.
    assert main(["extract", str(DATA / "article.txt"), "-o", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["extract", str(DATA / "article.txt"), "-o", str(out), "--force",
                 "--title", "Carter and Le Drian"]) == 0
    assert load_deck(out).title == "Carter and Le Drian"


def test_quiz_extract_prints_yaml_without_output(capsys: pytest.CaptureFixture[str]) -> None:
    from quiz.cli import main

    assert main(["extract", str(DATA / "factsheet.txt"), "--id", "sheet"]) == 0
    data = yaml.safe_load(capsys.readouterr().out)
    assert data["id"] == "sheet" and data["facts"]


@pytest.mark.parametrize(("content", "args", "message"), [
    (None, [], "no such file"),
    (b"caf\xe9 in 1778.", [], "is not UTF-8 text (byte 0xe9"),
    (b"no values here at all, none.", [], "found no sentence with a date, a figure or a name"),
    (b"In 1778, France signed.", ["-o", "out.txt"], "a deck file ends in .yaml"),
    (b"In 1778, France signed.", ["--id", "bad id"], "may hold only letters"),
])
def test_quiz_extract_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          content: bytes | None, args: list[str], message: str) -> None:
    from quiz.cli import main

    document = tmp_path / "doc.txt"
    if content is not None:
        document.write_bytes(content)
    assert main(["extract", str(document), *[str(tmp_path / a) if a == "out.txt" else a for a in args]]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
