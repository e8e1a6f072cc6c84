"""Reading a composed YAML node tree by hand: positions, keys, texts and lists.

`NodeReader` holds the problems found so far and the helpers every part of a deck uses:
a problem at a node, a mapping's entries with duplicate and unknown keys reported, and
scalars kept as the text the author wrote.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

import yaml

from quiz.deck.source import problem_at
from quiz.facts import Problem
from quiz.patterns import LazyPattern
from quiz.printable import printable

try:  # libyaml's parser is several times faster; fall back quietly when it is absent
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

STR = "tag:yaml.org,2002:str"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TEXT_TAGS = {STR, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"}
PLAIN_TAGS = TEXT_TAGS | {BOOL, NULL, "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map",
                          "tag:yaml.org,2002:merge"}
"""Tags YAML gives plain values by itself; any other was written by hand and is refused."""

ID_RE = LazyPattern(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
"""What a deck, fact or blank ``id`` may look like."""

MAX_VALUE_CHARS = 10_000
"""The longest text a deck value (a question, a statement, an explanation…) may hold."""

MAX_ANSWER_CHARS = 1_000
"""The longest answer (or accepted answer, distractor, list member): answers are short,
and each is parsed and compared as a date, a number or a name."""

ANSWER_FIELDS = frozenset({"answer", "answer item", "accept", "accept item", "distractors",
                           "distractors item"})


def short(text: str, limit: int = 60) -> str:
    """``text`` for a message: control characters escaped, cut to ``limit`` characters."""
    shown = printable(text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def suggest(word: str, choices: Iterable[str]) -> str:
    """A "did you mean" hint for a misspelt word, or an empty string."""
    if len(word) > 100:
        return ""  # nothing it could be a misspelling of; and too long to compare quickly
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean `{match[0]}`?" if match else ""


class NodeReader:
    """Reads nodes of one file's YAML tree, collecting problems as it goes."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.problems: list[Problem] = []
        self.tagged: set[int] = set()
        """Nodes already reported for an unknown tag (by id), so they are reported once."""

    def at(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, message))

    def at_index(self, index: int, message: str) -> None:
        line = self.text.count("\n", 0, index) + 1
        column = index - (self.text.rfind("\n", 0, index) + 1) + 1
        self.problems.append(Problem(self.path, line, column, message))

    # -- YAML ----------------------------------------------------------------------------
    def compose(self) -> yaml.Node | None:
        loader = None
        try:
            loader = _Loader(self.text)  # the pure-Python reader checks characters here
            root = loader.get_single_node()
        except yaml.reader.ReaderError as exc:
            self.unreadable_character(exc)
            return None
        except yaml.MarkedYAMLError as exc:
            self.syntax_error(exc)
            return None
        except yaml.YAMLError as exc:
            self.problems.append(problem_at(self.path, "is not valid YAML: " + " ".join(str(exc).split())))
            return None
        finally:
            if loader is not None:
                loader.dispose()
        if root is not None:
            self.check_tags(root)
        return root

    def unreadable_character(self, exc: yaml.reader.ReaderError) -> None:
        """A character YAML does not allow in a file (a control character), at its place."""
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        index = self.text.find(char)
        if index < 0:  # libyaml counts bytes, the pure-Python reader characters
            index = len(self.text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
        name = f"U+{ord(char):04X}" if len(char) == 1 else "a character"
        self.at_index(index, f"the control character {printable(char)} ({name}) is not allowed in "
                             "a YAML file; delete it (an invisible character pasted with the text?)")

    def check_tags(self, root: yaml.Node) -> None:
        """Report every node with a tag a deck does not use (``!!python/…``, ``!foo``)."""
        seen: set[int] = set()
        stack = [root]
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue  # an alias to a node already checked
            seen.add(id(node))
            if node.tag not in PLAIN_TAGS:
                self.tagged.add(id(node))
                tag = node.tag.replace("tag:yaml.org,2002:", "!!")
                self.at(node, f"unknown YAML tag `{short(tag)}`: a deck holds plain text, lists and "
                              "mappings only; remove the tag")
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    stack.extend((value, key))
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(reversed(node.value))

    def syntax_error(self, exc: yaml.MarkedYAMLError) -> None:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "invalid YAML"
        if exc.context and "expected a single document" in exc.context:
            what = "holds more than one YAML document (`---`); a deck file is one document"
        message = f"YAML syntax error: {what}"
        source_line = self.text.splitlines()[line - 1] if 0 < line <= len(self.text.splitlines()) else ""
        if re.search(r":\s*\{\{", source_line):
            message += ("; a value that begins with `{{` is read as a YAML mapping: "
                        "put the whole text in quotes")
        elif "\t" in source_line[: max(column, 1)]:
            message += "; YAML does not allow tabs for indentation, use spaces"
        self.problems.append(Problem(self.path, line, column, message))

    def mapping(self, node: yaml.Node, allowed: tuple[str, ...], where: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """A mapping's entries by key, reporting duplicate, unknown and non-text keys."""
        entries: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                self.at(key, f"{where}: a key must be a plain word, not a {self.shape(key)}")
                continue
            name = key.value
            if name in entries:
                first = entries[name][0].start_mark.line + 1
                self.at(key, f"duplicate key `{short(name)}` in {where} (first given on line {first}); "
                             "YAML would silently keep only the last")
                continue
            entries[name] = (key, value)
            if name not in allowed:
                self.at(key, f"unknown key `{short(name)}` in {where}{suggest(name, allowed)}")
        return entries

    @staticmethod
    def shape(node: yaml.Node) -> str:
        if isinstance(node, yaml.MappingNode):
            return "mapping"
        if isinstance(node, yaml.SequenceNode):
            return "list"
        if node.tag == BOOL:
            return "boolean"
        if node.tag == NULL:
            return "empty value"
        return "text"

    def scalar_text(self, node: yaml.Node, field: str, *, answer: bool = False) -> str | None:
        """A scalar written as text (numbers and dates keep their written form)."""
        if isinstance(node, yaml.ScalarNode) and node.tag in TEXT_TAGS:
            text = node.value
            if not text.strip():
                self.at(node, f"`{field}` is empty; expected text")
                return None
            limit = MAX_ANSWER_CHARS if answer or field in ANSWER_FIELDS else MAX_VALUE_CHARS
            if len(text) > limit:
                self.at(node, f"`{field}` is {len(text):,} characters long; a"
                              f"{'n answer' if limit == MAX_ANSWER_CHARS else ' value'} may hold "
                              f"at most {limit:,}")
                return None
            return text
        if isinstance(node, yaml.ScalarNode) and node.tag == BOOL:
            what = "an answer" if answer else "text"
            self.at(node, f"`{field}`: YAML reads `{node.value}` as a boolean, not {what}; "
                          f'quote it: {field}: "{node.value}"')
        elif isinstance(node, yaml.ScalarNode) and node.tag == NULL:
            if node.value in ("", "~"):
                self.at(node, f"`{field}` is empty; expected text")
            else:
                self.at(node, f"`{field}`: YAML reads `{node.value}` as null (no value); "
                              f'quote it: {field}: "{node.value}"')
        elif isinstance(node, yaml.MappingNode) and field in ("text", "question", "answer"):
            self.at(node, f"`{field}` was read as a YAML mapping; a value that begins with `{{{{` or "
                          "contains `: ` must be quoted")
        elif id(node) in self.tagged:
            pass  # reported once already, by check_tags
        elif isinstance(node, yaml.ScalarNode):
            self.at(node, f"`{field}` has an unsupported YAML tag `{short(node.tag)}`; expected plain text")
        else:
            self.at(node, f"`{field}` should be text, not a {self.shape(node)}")
        return None

    def text_list(self, node: yaml.Node, field: str) -> tuple[str, ...] | None:
        """A list of texts; a single text is taken as a list of one."""
        if isinstance(node, yaml.ScalarNode) and node.tag in TEXT_TAGS:
            text = self.scalar_text(node, field)
            return None if text is None else (text,)
        if not isinstance(node, yaml.SequenceNode):
            self.scalar_text(node, field)
            return None
        items: list[str] = []
        ok = True
        for item in node.value:
            text = self.scalar_text(item, f"{field} item", answer=field == "answer")
            if text is None:
                ok = False
            else:
                items.append(text)
        return tuple(items) if ok else None

    def required_text(self, entries: dict[str, tuple[yaml.Node, yaml.Node]], field: str,
                      owner: yaml.Node, where: str) -> str | None:
        if field not in entries:
            self.at(owner, f"{where} has no `{field}:`; it is required")
            return None
        return self.scalar_text(entries[field][1], field)

    def optional_text(self, entries: dict[str, tuple[yaml.Node, yaml.Node]], field: str) -> str | None:
        if field not in entries:
            return None
        return self.scalar_text(entries[field][1], field)

    def optional_list(self, entries: dict[str, tuple[yaml.Node, yaml.Node]], field: str) -> tuple[str, ...]:
        if field not in entries:
            return ()
        return self.text_list(entries[field][1], field) or ()
