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

try:  # libyaml's parser is several times faster; fall back quietly when it is absent
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

STR = "tag:yaml.org,2002:str"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TEXT_TAGS = {STR, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"}


def suggest(word: str, choices: Iterable[str]) -> str:
    """A "did you mean" hint for a misspelt word, or an empty string."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean `{match[0]}`?" if match else ""


class NodeReader:
    """Reads nodes of one file's YAML tree, collecting problems as it goes."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.problems: list[Problem] = []

    def at(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, message))

    def at_index(self, index: int, message: str) -> None:
        line = self.text.count("\n", 0, index) + 1
        column = index - (self.text.rfind("\n", 0, index) + 1) + 1
        self.problems.append(Problem(self.path, line, column, message))

    # -- YAML ----------------------------------------------------------------------------
    def compose(self) -> yaml.Node | None:
        loader = _Loader(self.text)
        try:
            return loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            self.syntax_error(exc)
        except yaml.YAMLError as exc:
            self.problems.append(problem_at(self.path, f"is not valid YAML: {exc}"))
        finally:
            loader.dispose()
        return None

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
                self.at(key, f"duplicate key `{name}` in {where} (first given on line {first}); "
                             "YAML would silently keep only the last")
                continue
            entries[name] = (key, value)
            if name not in allowed:
                self.at(key, f"unknown key `{name}` in {where}{suggest(name, allowed)}")
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
        elif isinstance(node, yaml.ScalarNode):
            self.at(node, f"`{field}` has an unsupported YAML tag `{node.tag}`; expected plain text")
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
