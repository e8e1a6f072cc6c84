"""Statements with {{blanks}}: finding the blanks in `text:` and their options in `blanks:`."""

from __future__ import annotations

import re

import yaml

from quiz.deck.answers import ANSWER_OPTION_KEYS, AnswerReader
from quiz.deck.nodes import ID_RE, NULL, STR, short
from quiz.facts import BLANK_RE, Answer, blank_key_of

BLANK_KEYS = ("id", *ANSWER_OPTION_KEYS)
"""What a `blanks:` entry may hold: an ``id:`` that keeps the blank's card, and its options."""


class StatementReader(AnswerReader):
    """Reads a statement fact's text into one answer per blank."""

    def statement(self, entries: dict[str, tuple[yaml.Node, yaml.Node]], node: yaml.Node,
                  where: str) -> tuple[str | None, tuple[Answer, ...] | None, tuple[str | None, ...]]:
        """The statement's text, its answers (one per blank) and its blanks' ids, if any."""
        text_node = entries["text"][1]
        if "answer" in entries:
            self.at(entries["answer"][0], "a statement's answers are its {{blanks}}; remove `answer:` "
                                          "or write the fact as `question:` and `answer:`")
        text = self.scalar_text(text_node, "text")
        if text is None:
            return None, None, ()
        blanks = self.blanks(text, text_node)
        if blanks is None:
            return text, None, ()
        options = [entries] if len(blanks) == 1 else [{} for _ in blanks]
        if len(blanks) > 1:
            for key in ANSWER_OPTION_KEYS:
                if key in entries:
                    self.at(entries[key][0], f"`{key}` at the fact level is ambiguous with "
                                             f"{len(blanks)} blanks; give it per blank under `blanks:`")
        blank_ids: tuple[str | None, ...] = ()
        if "blanks" in entries:
            options = self.blank_options(entries["blanks"][1], len(blanks), options)
            blank_ids = self.blank_ids(options)
        answers: list[Answer] = []
        for (written, start), blank_entries in zip(blanks, options):
            where_node = self.node_at(text_node, start)
            answer = self.answer(written, where_node, blank_entries, text)
            if answer is not None:
                answers.append(answer)
        return text, tuple(answers) if len(answers) == len(blanks) else None, blank_ids

    def blank_ids(self, options: list[dict[str, tuple[yaml.Node, yaml.Node]]]) -> tuple[str | None, ...]:
        """The ``id:`` of each blank under ``blanks:`` (None where none), checked; () if none."""
        ids: list[str | None] = []
        seen: dict[int, str] = {}
        for entries in options:
            if "id" not in entries:
                ids.append(None)
                continue
            node = entries["id"][1]
            blank_id = self.scalar_text(node, "id")
            if blank_id is not None and not ID_RE.match(blank_id):
                self.at(node, f"blank `id` `{short(blank_id)}` may hold only letters, digits, "
                              "`-`, `_` and `.`")
                blank_id = None
            elif blank_id is not None:
                key = blank_key_of(blank_id)
                if key in seen:
                    same = seen[key] == blank_id
                    self.at(node, f"blank id `{short(blank_id)}` is used twice in this statement"
                            if same else f"blank ids `{short(seen[key])}` and `{short(blank_id)}` "
                                         "would share one card; rename one of them")
                seen[key] = blank_id
            ids.append(blank_id)
        return tuple(ids) if any(i is not None for i in ids) else ()

    def node_at(self, node: yaml.Node, index: int) -> yaml.Node:
        """A stand-in node whose mark is at ``index`` of the file (for a blank inside a text)."""
        # Count lines from the node's own start: counting from the top of the file for
        # every blank made large decks quadratic.
        start = node.start_mark
        line = start.line + self.text.count("\n", start.index, index)
        column = index - (self.text.rfind("\n", start.index, index) + 1) if line > start.line \
            else start.column + index - start.index
        mark = yaml.Mark(self.path, index, line, column, None, None)
        return yaml.ScalarNode(STR, "", start_mark=mark, end_mark=mark)

    def blanks(self, text: str, node: yaml.Node) -> list[tuple[str, int]] | None:
        """The blanks of a statement with their positions in the file, or None on a problem."""
        raw = self.text[node.start_mark.index:node.end_mark.index]
        raw_blanks = [m.start() + node.start_mark.index for m in re.finditer(r"\{\{", raw)]
        found = [(m.group(1), m.start()) for m in BLANK_RE.finditer(text)]
        ok = True

        def index_of(n: int) -> int:
            return raw_blanks[n] if n < len(raw_blanks) else node.start_mark.index

        if not found and "{{" not in text:
            self.at(node, "`text` has no {{blank}}; mark what the learner must supply, e.g. "
                          "signed in {{1778}}")
            return None
        for n, (inner, _) in enumerate(found):
            if not inner.strip():
                self.at_index(index_of(n), "empty blank `{{}}` in `text`; put the answer between the braces")
                ok = False
            elif "{" in inner or "}" in inner:
                self.at_index(index_of(n), "a blank may not hold `{` or `}`; blanks cannot be nested")
                ok = False
        rest = BLANK_RE.sub("", text)
        if "{{" in rest or "}}" in rest:
            self.at_index(index_of(len(found)) if "{{" in rest else node.start_mark.index,
                          "unbalanced braces in `text`: every `{{` needs a closing `}}`")
            ok = False
        return [(inner.strip(), index_of(n)) for n, (inner, _) in enumerate(found)] if ok else None

    def blank_options(self, node: yaml.Node, count: int,
                      default: list[dict[str, tuple[yaml.Node, yaml.Node]]]) -> list[dict[str, tuple[yaml.Node, yaml.Node]]]:
        if not isinstance(node, yaml.SequenceNode):
            self.at(node, f"`blanks` should be a list with one mapping per blank, not a {self.shape(node)}")
            return default
        if len(node.value) != count:
            self.at(node, f"`blanks` has {len(node.value)} entries but `text` has {count} blanks; "
                          "give one entry per blank, in order")
            return default
        result = []
        for n, item in enumerate(node.value, start=1):
            if isinstance(item, yaml.ScalarNode) and item.tag == NULL:
                result.append({})
            elif not isinstance(item, yaml.MappingNode):
                self.at(item, f"`blanks` entry {n} should be a mapping such as {{kind: date}}")
                result.append({})
            else:
                result.append(self.mapping(item, BLANK_KEYS, f"`blanks` entry {n}"))
        return result
