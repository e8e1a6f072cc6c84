"""`quiz.extract` reading documents: plain text with wrapped lines, Markdown and HTML, and
the choice of what a statement asks (values kept whole, at most N blanks, best first)."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz import load_deck
from quiz.extract import clean_document, detect_format, draft_deck, read_pieces, to_yaml
from quiz.extract.spot import NameBook, spot_values

# --- formats ------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("notes.md", "# Title", "markdown"),
    ("NOTES.MARKDOWN", "text", "markdown"),
    ("page.html", "<p>x</p>", "html"),
    ("page.htm", "", "html"),
    ("saved", "<!DOCTYPE html>\n<html><body>x</body></html>", "html"),
    ("saved.txt", "  <!-- saved -->\n<html lang='en'>", "html"),
    ("notes.txt", "In 1778 <b>France</b> signed.", "plain"),
    ("README", "plain words", "plain"),
])
def test_the_format_is_told_by_the_name_or_a_web_page_start(name: str, text: str, expected: str) -> None:
    assert detect_format(name, text) == expected


# --- plain text -----------------------------------------------------------------------------

WRAPPED = """\
The Louisiana Purchase

In 1803 the United States bought the vast territory of Louisiana from
France for about $15 million. The treaty was signed in Paris on April
30, 1803, by Robert R. Livingston and James Monroe, and the Senate
ratified it that October.

What the country got:

- about 828,000 square miles of land west of the Mississippi River,
  which doubled its size; and
- the port of New Orleans.

A short closing line.
"""


def test_wrapped_plain_text_is_joined_into_paragraphs_and_items() -> None:
    pieces = read_pieces(WRAPPED, "plain")
    assert [(p.role, p.line) for p in pieces] == [
        ("prose", 1), ("prose", 3), ("prose", 8), ("item", 10), ("item", 12), ("prose", 14)]
    assert pieces[1].text == (
        "In 1803 the United States bought the vast territory of Louisiana from France for "
        "about $15 million. The treaty was signed in Paris on April 30, 1803, by Robert R. "
        "Livingston and James Monroe, and the Senate ratified it that October.")
    assert pieces[3].text == ("about 828,000 square miles of land west of the Mississippi "
                              "River, which doubled its size; and")


def test_a_date_wrapped_across_lines_is_one_blank() -> None:
    draft = draft_deck(WRAPPED, document="louisiana.txt", deck_id="l")
    blanks = [v.text for f in draft.facts for v in f.blanks]
    assert "April 30, 1803" in blanks and "30" not in blanks
    assert draft.title == "The Louisiana Purchase"
    # The list item without a lead-in that reads on is a statement of its own.
    assert any(f.text.startswith("About {{828,000 square miles}} of land") for f in draft.facts)


def test_an_unwrapped_document_keeps_one_paragraph_per_line() -> None:
    long = "In 1778 France signed the Treaty of Alliance with the United States, " * 3
    pieces = read_pieces(f"{long.strip()}\n{long.strip()}\n", "plain")
    assert len(pieces) == 2


def test_a_word_hyphenated_across_a_break_is_kept_whole() -> None:
    text = ("De Lesseps planned a canal at sea level like the one he had cut through Egypt, a sea-\n"
            "level canal that the rain forest and the landslides of the Culebra Cut defeated.\n") * 3
    assert "a sea-level canal" in read_pieces(text, "plain")[0].text


# --- Markdown -------------------------------------------------------------------------------

MARKDOWN = """\
---
title: front matter is not prose
---
# The Louisiana Purchase

*Study guide.* ![A map](map.png)

In 1800 Spain handed the territory back to **France** in the [Treaty of San
Ildefonso](https://example.org/treaty), and `New Orleans` was the key.

## The negotiations

```
Code: 1803 is not a fact here.
```

| year | event |
|------|-------|
| 1803 | sale |

> The treaty was signed on April 30, 1803.

- the port of New Orleans; and
- about 828,000 square miles.
"""


def test_markdown_gives_headings_prose_and_items_without_markup() -> None:
    pieces = read_pieces(MARKDOWN, "markdown")
    assert [(p.role, p.level, p.text) for p in pieces] == [
        ("heading", 1, "The Louisiana Purchase"),
        ("prose", 0, "Study guide."),
        ("prose", 0, "In 1800 Spain handed the territory back to France in the Treaty of San "
                     "Ildefonso, and New Orleans was the key."),
        ("heading", 2, "The negotiations"),
        ("prose", 0, "The treaty was signed on April 30, 1803."),
        ("item", 0, "the port of New Orleans; and"),
        ("item", 0, "about 828,000 square miles."),
    ]
    assert [p.line for p in pieces][:3] == [4, 6, 8]  # the front matter keeps its lines


def test_markdown_headings_give_the_title_and_sections() -> None:
    draft = draft_deck(MARKDOWN, document="guide.md", deck_id="g")
    assert draft.title == "The Louisiana Purchase"
    sections = [f.section for f in draft.facts]
    # The first paragraph's statements (one sentence may give several) come before any heading.
    assert [f.section for f in draft.facts if f.line == 8] == [None] * sections.count(None)
    assert sections[0] is None and set(sections) == {None, "The negotiations"} and len(sections) >= 3
    text = to_yaml(draft)
    assert "  # --- The negotiations ---" in text
    assert "Treaty of San Ildefonso" in text and "**" not in text and "](" not in text


# --- HTML -----------------------------------------------------------------------------------

PAGE = """\
<!DOCTYPE html>
<html><head><title>Apollo 11 - Mr. Delgado's Class</title>
<style>p { color: red }</style><script>var year = 1969;</script></head>
<body>
<nav><a href="/">Home</a> The menu was updated in 2024.</nav>
<div class="sidebar">Related: the 1970 mission.</div>
<p>On <b>July 20, 1969</b>, Neil Armstrong and Buzz Aldrin landed the lunar module
<i>Eagle</i> in the Sea of Tranquility.<sup><a href="#n1">[1]</a></sup> About 650 million
people watched&nbsp;on television.</p>
<img src="flag.jpg"><br/>
<small>Aldrin and the flag in 1969. NASA photo.</small>
<figure><img src="x.jpg"><figcaption>The crew in 1969, three men.</figcaption></figure>
<ul><li>Collins stayed in orbit in <em>Columbia</em> for 21 hours;</li></ul>
<pre>1969 printout</pre>
<p id="n1">[1] Figures from the NASA history office.</p>
<footer>&copy; 2023 Example School. All rights reserved.</footer>
</body></html>
"""


def test_html_keeps_the_prose_and_drops_furniture_captions_code_and_notes() -> None:
    pieces = read_pieces(PAGE, "html")
    assert [(p.role, p.text) for p in pieces] == [
        ("heading", "Apollo 11"),
        ("prose", "On July 20, 1969, Neil Armstrong and Buzz Aldrin landed the lunar module "
                  "Eagle in the Sea of Tranquility. About 650 million people watched on "
                  "television."),
        ("caption", "Aldrin and the flag in 1969. NASA photo."),
        ("item", "Collins stayed in orbit in Columbia for 21 hours;"),
    ]
    assert pieces[1].line == 7


def test_an_html_draft_has_the_page_title_and_no_caption_facts() -> None:
    draft = draft_deck(PAGE, document="apollo.html", deck_id="a")
    assert draft.title == "Apollo 11"
    texts = [f.text for f in draft.facts]
    assert texts[0] == "On {{July 20, 1969}}, {{Neil Armstrong}} and Buzz Aldrin landed the lunar module Eagle in the Sea of Tranquility."
    assert not any("flag" in t or "NASA" in t or "2024" in t for t in texts)


def test_html_entities_and_curly_quotes_come_out_plain() -> None:
    cleaned = clean_document("<p>Kennedy said &ldquo;Ich bin ein Berliner.&rdquo; on June "
                             "26, 1963, in West Berlin.</p>", "html")
    assert cleaned.blocks[0].text == ('Kennedy said "Ich bin ein Berliner." on June 26, 1963, '
                                      "in West Berlin.")


# --- values kept whole --------------------------------------------------------------------

WHOLE = [
    ("ON APRIL 11, 1803, the French minister offered all of Louisiana.", "APRIL 11, 1803", "date"),
    ("Formal ceremonies were held in St. Louis on March 10, 1804.", "St. Louis", "name"),
    ("The Conventional Armed Forces in Europe Treaty was signed in 1990.",
     "Conventional Armed Forces in Europe Treaty", "name"),
    ("The Treaty on Open Skies was signed in Helsinki in 1992.", "Treaty on Open Skies", "name"),
    ("Livingston hoped to buy New Orleans and East and West Florida.", "East and West Florida", "name"),
    ("Envoy Extraordinary James Monroe sailed for France in March 1803.", "James Monroe", "name"),
    ("Sir Christopher Wren designed the new cathedral in 1675.", "Christopher Wren", "name"),
    ("In 1534 King Charles V of Spain ordered a survey of the isthmus.", "Charles V", "name"),
    ('Edwin "Buzz" Aldrin followed him down the ladder in 1969.', 'Edwin "Buzz" Aldrin', "name"),
    ("People called the canal Clinton's Ditch before it opened in 1825.", "Clinton's Ditch", "name"),
    ("The rocket lifted off from Launch Complex 39A in July 1969.", "Launch Complex 39A", "name"),
    ("The United States paid 60 million francs for the territory.", "60 million francs", "number"),
    ("The mirror was ground wrong by about 2.2 micrometres in 1988.", "2.2 micrometres", "number"),
    ("The winter of 1946–47 was one of the coldest on record.", "1946–47", "text"),
    ("The convention met on July 19-20, 1848, in upstate New York.", "July 19-20, 1848", "text"),
    ("The Senate ratified the treaty by a vote of 24 to 7 that week.", "24 to 7", "text"),
    ("France is the third largest trading partner of the United States.", "third", "number"),
]


@pytest.mark.parametrize(("sentence", "value", "kind"), WHOLE)
def test_values_are_kept_whole(sentence: str, value: str, kind: str) -> None:
    found = spot_values(sentence, NameBook.read([sentence]))
    assert (value, kind) in [(v.text, v.kind) for v in found], found


NOT_ASKED = [
    ("Study guide for Unit 4, to read before the quiz on Thursday.", ["Unit 4", "4", "Unit"]),
    ("The meeting is on Thursday at 7.30 pm in the library of the town.", ["7.30"]),
    ("Two years after the end of the war, much of the city was in ruins.", ["Two", "Two years"]),
    ("A third set of larger locks opened on June 26, 2016.", ["third"]),
    ("The two countries signed the treaty after a long war.", ["two"]),
    ("Much of Europe was in ruins and Germans were hungry in 1946.", ["Europe", "Germans"]),
    ("In 1961 East German soldiers began closing the border.", ["East German"]),
    ("The Lord Mayor was woken up in the night but went back to bed.", ["Lord Mayor"]),
]


@pytest.mark.parametrize(("sentence", "absent"), NOT_ASKED)
def test_generic_words_labels_times_and_ordinals_are_not_values(sentence: str, absent: list[str]) -> None:
    found = [v.text for v in spot_values(sentence, NameBook.read([sentence]))]
    assert not set(absent) & set(found), found


# --- choosing ------------------------------------------------------------------------------

CHOOSING = """\
Between 1948 and 1952 the United States gave about $13.3 billion in aid, roughly $150 billion in today's money.
The canal is about 82 kilometres (51 miles) long and was opened by the SS Ancon in 1914.
Secretary of State George C. Marshall spoke at Harvard University on June 5, 1947, for 12 minutes.
Marshall was awarded the Nobel Peace Prize in 1953 after the plan had worked.
"""


def test_at_most_two_blanks_the_most_testable_first_and_no_value_twice() -> None:
    draft = draft_deck(CHOOSING, document="c.txt", deck_id="c")
    assert all(len(f.blanks) <= 2 for f in draft.facts)
    asked = [[v.text for v in f.blanks] for f in draft.facts]
    # Figures with a unit before years; the years get a statement of their own.
    assert asked[:2] == [["$13.3 billion", "$150 billion"], ["1948", "1952"]]
    # "51 miles" restates "82 kilometres": not a second card on one length.
    assert asked[2] == ["82 kilometres", "1914"] and "51 miles" not in sum(asked, [])
    assert asked[4] == ["June 5, 1947", "12 minutes"]


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_the_limit_of_blanks_is_an_option(limit: int) -> None:
    draft = draft_deck(CHOOSING, document="c.txt", deck_id="c", blanks=limit)
    assert max(len(f.blanks) for f in draft.facts) == limit


def test_a_surname_is_not_asked_again_once_the_full_name_is() -> None:
    text = ("President Theodore Roosevelt made the canal a national priority in 1904.\n"
            "Chief engineer John Stevens persuaded Roosevelt to give up the sea-level plan.\n")
    draft = draft_deck(text, document="r.txt", deck_id="r")
    blanks = [v.text for f in draft.facts for v in f.blanks]
    assert "Theodore Roosevelt" in blanks and "Roosevelt" not in blanks


# --- the command ------------------------------------------------------------------------------


def test_quiz_extract_reads_markdown_with_a_blank_limit(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    from quiz.cli import main

    doc = tmp_path / "guide.md"
    doc.write_text(MARKDOWN, encoding="utf-8")
    out = tmp_path / "guide.yaml"
    assert main(["extract", str(doc), "-o", str(out), "--blanks", "1"]) == 0
    deck = load_deck(out)
    assert deck.title == "The Louisiana Purchase"
    assert all(f.blank_count == 1 for f in deck.facts)
    capsys.readouterr()
    assert main(["extract", str(doc), "--blanks", "0"]) == 1
    err = capsys.readouterr().err
    assert err == "quiz: error: --blanks 0: expected a whole number of blanks from 1 to 9\n"
