"""Drafting decks from documents (`quiz extract`): clean, split, spot values, write YAML.

Modules: `clean` (mojibake, page furniture, repeated captions, bullet fragments),
`sentences` (sentence splitting that survives "U.S." and initials), `spot` (dates,
figures and names with a category guess) and `draft` (the deck and its YAML). No network
and no models: patterns, `quiz.values` to check every value reads as its kind, and ftfy.
"""

from __future__ import annotations

from quiz.extract.clean import CleanDocument, clean_document, repair
from quiz.extract.draft import Draft, DraftFact, draft_deck, slug, to_yaml
from quiz.extract.sentences import split_sentences
from quiz.extract.spot import NameBook, Value, spot_values

__all__ = [
    "CleanDocument",
    "Draft",
    "DraftFact",
    "NameBook",
    "Value",
    "clean_document",
    "draft_deck",
    "repair",
    "slug",
    "spot_values",
    "split_sentences",
    "to_yaml",
]
