"""Drafting decks from documents (`quiz extract`): clean, split, spot values, write YAML.

Modules, in the order a document goes through them: `read` (plain text: paragraphs and
list items, wrapped lines joined) and `markup` (Markdown with markdown-it-py, HTML with
the standard library's parser) give headings, paragraphs and items; `clean` (mojibake,
page furniture, captions, bullet fragments joined to their lead-in) gives prose blocks
under their headings; `sentences` splits them (surviving "U.S.", "St." and initials);
`figures` and `names` find the values, which `spot` combines; `choose` picks the most
testable few of each sentence, a statement's worth at a time; `clauses` cuts a sentence
with more than one statement's worth into clauses that stand alone; `draft` writes the
deck. No network and no models: patterns, `quiz.values` to check every value reads as its
kind, and ftfy.
"""

from __future__ import annotations

from quiz.extract.choose import MAX_BLANKS, choose_blanks
from quiz.extract.clean import CleanDocument, clean_document, repair
from quiz.extract.draft import Draft, DraftFact, draft_deck, slug, to_yaml
from quiz.extract.sentences import split_sentences
from quiz.extract.read import Format, Piece, detect_format, read_pieces
from quiz.extract.spot import NameBook, Value, spot_values

__all__ = [
    "MAX_BLANKS",
    "CleanDocument",
    "Draft",
    "DraftFact",
    "Format",
    "NameBook",
    "Piece",
    "Value",
    "choose_blanks",
    "clean_document",
    "detect_format",
    "draft_deck",
    "read_pieces",
    "repair",
    "slug",
    "spot_values",
    "split_sentences",
    "to_yaml",
]
