"""Questions: a card of a deck turned into a `Question` of one format, with its distractors.

    q = make_question(deck, "le-drian", "choice", seed=7)
    q.prompt, q.options, q.check(2)

Modules: `model` (the `Question` value and its grading), `build` (`make_question`,
`formats_for` and one builder per format), `distractors` with `dated` and `figures`
(wrong answers by kind), `pools` (built-in common names), `phrasing` (questions turned
into sentences for ``cloze`` and ``truefalse``) and `index` (per-deck lookups, built once).
"""

from __future__ import annotations

from quiz.questions.build import formats_for, make_question
from quiz.questions.index import DeckIndex, index_for
from quiz.questions.model import FORMATS, Format, Question, QuestionError

__all__ = [
    "FORMATS",
    "DeckIndex",
    "Format",
    "Question",
    "QuestionError",
    "formats_for",
    "index_for",
    "make_question",
]
