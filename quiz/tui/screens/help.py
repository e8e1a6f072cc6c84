"""`HelpScreen`: every key of the app, screen by screen, the screen it was asked from first
(the study screen's help starts with the keys of the question on screen, or of its feedback)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import HorizontalGroup, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from quiz.tui.widgets.keybar import KeyBar

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Home", (
        ("↑ ↓", "highlight a deck"),
        ("Enter", "study the highlighted deck (due cards, then new ones)"),
        ("a", "study every deck in one session (the decks marked with Space, if any)"),
        ("t", "study by tag: facts with these tags, from every deck"),
        ("c", "cram: every card of the deck, schedule untouched"),
        ("x", "exam: a set number of questions, schedule untouched"),
        ("h", "history: sessions, calendar, progress, retention, forecast, bests, hardest facts"),
        ("d", "browse the highlighted deck: every fact, its formats, due date and lapses"),
        ("p", "show the problems of decks that could not be loaded"),
        ("s", "settings: retention, cards per day, when the day ends"),
    )),
    ("History", (
        ("← →", "switch tabs"),
        ("s r", "sort the sessions; reverse the order"),
        ("Enter", "a session's answers"),
        ("c v", "cram the hardest facts; cram the most-confused ones"),
    )),
    ("Deck browser", (
        ("/", "search the facts"),
        ("Space", "mark a card; the keys below act on the marked cards, else the highlighted one"),
        ("s u", "suspend; unsuspend"),
        ("b", "unbury (ask it again today)"),
        ("f", "forget: reset to new (the answers stay in your history)"),
        ("e", "edit the fact in $VISUAL or $EDITOR, at its line"),
        ("p", "show or hide the preview of each format"),
        ("Ctrl+R", "reload the deck now (it also reloads by itself when the file changes)"),
    )),
    ("Answering", (
        ("1–4 or ↑ ↓ Enter", "multiple choice"),
        ("t f (or y n)", "true or false"),
        ("type, Enter", "typed answers; an empty answer means “I don't know”"),
        ("Ctrl+N", "typed answers: “I don't know” (the answer is shown)"),
        ("Ctrl+Z Ctrl+S Ctrl+B Ctrl+O", "while typing an answer: undo, suspend, bury, edit "
         "(the letters go into the answer; no undo, suspend or bury in an exam)"),
        ("↑ ↓, Shift+↑ ↓ (or k j)", "put items in order; Space grabs an item, Enter submits"),
        ("1–4 then a–d", "match: pick an item, then the letter it goes with; Enter submits"),
    )),
    ("After an answer", (
        ("Enter or Space", "next question"),
        ("1 2 3 4", "change the rating: Again, Hard, Good, Easy (next interval shown)"),
        ("u", "undo the last answer (it is asked again; not in an exam)"),
        ("s", "suspend this card (not asked again until unsuspended; not in an exam)"),
        ("b", "bury this card until tomorrow (not in an exam)"),
        ("e", "edit the fact in $VISUAL or $EDITOR at its line; the deck is read again"),
    )),
    ("Anywhere", (
        ("Esc", "end the session and see the summary; close a dialog"),
        ("? or F1", "this help (F1 while typing an answer)"),
        ("Ctrl+P", "command palette: every action by name"),
        ("q, Ctrl+Q or Ctrl+C", "quit (answers already given are saved)"),
    )),
)

FORMAT_KEYS = {"choice": "1–4 or ↑ ↓ Enter", "truefalse": "t f (or y n)", "recall": "type, Enter",
               "cloze": "type, Enter", "order": "↑ ↓, Shift+↑ ↓ (or k j)", "match": "1–4 then a–d"}
"""The line of "Answering" for each question format."""


class HelpScreen(ModalScreen[None]):
    """All keys; Esc, Enter or ? closes it. ``place``, the section of the screen it was asked
    from, comes first, with its key line ``line`` (a question's format) picked out."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,question_mark,f1,q", "close", "Close"),
    ]

    def __init__(self, place: str = "Home", line: str | None = None) -> None:
        super().__init__()
        self._place = place
        self._line = line

    def compose(self) -> ComposeResult:
        """One section per place in the app."""
        with Vertical(classes="dialog wide-dialog"):
            yield Static("Keys", classes="dialog-title")
            with VerticalScroll(id="help-keys"):
                # The place's own section first, in view without a scroll.
                for section, keys in sorted(KEYS, key=lambda entry: entry[0] != self._place):
                    yield Static(section, classes="help-section")
                    for key, what in keys:
                        here = section == self._place and key == self._line
                        with HorizontalGroup(classes="help-line -here" if here else "help-line"):
                            yield Static(Content(key), classes="help-key")
                            yield Static(Content(what), classes="help-what")
        yield KeyBar()  # Esc closes: the bar says so

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
