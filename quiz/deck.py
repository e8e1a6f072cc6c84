"""Loading deck files: YAML text → `Deck`, with every problem reported at its line and column.

The file is composed into a YAML node tree (libyaml's C parser when PyYAML ships it) and
the tree is read by hand rather than constructed, for three reasons: every node keeps its
position, so a problem points at the key or value at fault; duplicate keys are seen (PyYAML
silently keeps the last); and scalars keep the text the author wrote (``answer: 1778`` stays
``"1778"``, ``answer: no`` is caught instead of becoming ``False``). Problems are collected,
not raised one at a time, so an author sees all of them in one run.
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import yaml

from quiz import values
from quiz.facts import BLANK_RE, KINDS, Answer, Deck, DeckError, Fact, Kind, Problem, Tolerance

try:  # libyaml's parser is several times faster; fall back quietly when it is absent
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

DECK_SUFFIXES = (".yaml", ".yml")

TOP_KEYS = ("title", "id", "description", "tags", "sources", "facts")
ANSWER_OPTION_KEYS = ("kind", "accept", "distractors", "tolerance", "category", "ordered")
QUESTION_KEYS = ("id", "question", "answer", "source", "explain", "tags", *ANSWER_OPTION_KEYS)
STATEMENT_KEYS = ("id", "text", "blanks", "source", "explain", "tags", *ANSWER_OPTION_KEYS)
FACT_KEYS = tuple(dict.fromkeys(QUESTION_KEYS + STATEMENT_KEYS))

STR = "tag:yaml.org,2002:str"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TEXT_TAGS = {STR, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"}

ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
TOLERANCE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?|\.\d+)\s*(%?)\s*$")


def load_deck(path: str | os.PathLike[str]) -> Deck:
    """Load and check one deck file.

    Args:
        path: the YAML file.

    Returns:
        The deck, exactly as written.

    Raises:
        DeckError: with every problem found, each at ``path:line:col``.
    """
    name = os.fspath(path)
    data = _read(name)
    return _DeckReader(name, data).read()


def iter_deck_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Every deck file named by ``paths``: files as given, folders searched for *.yaml/*.yml."""
    for item in paths:
        path = Path(item)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix in DECK_SUFFIXES and p.is_file())
        else:
            yield path


def problem_at(path: str, message: str, line: int = 1, column: int = 1) -> Problem:
    """A problem with the file as a whole (it is missing, unreadable, empty…)."""
    return Problem(path, line, column, message)


def _read(path: str) -> str:
    """The file's text, or a DeckError saying why it cannot be read."""
    p = Path(path)
    if p.is_dir():
        raise DeckError([problem_at(path, "is a folder, not a deck file; name a .yaml file "
                                          "(`quiz validate` also takes folders)")])
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise DeckError([problem_at(path, "no such file")]) from None
    except PermissionError:
        raise DeckError([problem_at(path, "permission denied: the file cannot be read")]) from None
    except OSError as exc:
        raise DeckError([problem_at(path, f"cannot be read: {exc.strerror or exc}")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DeckError([Problem(path, line, column,
                                 f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} here); "
                                 "save the file as UTF-8")]) from None
    if "\x00" in text:
        at = text.index("\x00")
        line = text.count("\n", 0, at) + 1
        raise DeckError([Problem(path, line, at - text.rfind("\n", 0, at),
                                 "contains a NUL character; is this a binary file?")])
    return text


def _suggest(word: str, choices: Iterable[str]) -> str:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean `{match[0]}`?" if match else ""


def _slug(text: str, limit: int = 48) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", folded.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or "fact"


class _DeckReader:
    """Reads one composed YAML document into a Deck, collecting problems as it goes."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.problems: list[Problem] = []

    # -- reporting -----------------------------------------------------------------------
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
                self.at(key, f"unknown key `{name}` in {where}{_suggest(name, allowed)}")
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

    # -- the deck ------------------------------------------------------------------------
    def read(self) -> Deck:
        if not self.text.strip() or self.only_comments():
            raise DeckError([problem_at(self.path, "the file is empty; a deck needs at least "
                                                   "`title:` and `facts:`")])
        root = self.compose()
        if root is None:
            raise DeckError(self.problems)
        if not isinstance(root, yaml.MappingNode):
            self.at(root, f"a deck is a mapping with `title:` and `facts:`, not a {self.shape(root)}")
            raise DeckError(self.problems)
        top = self.mapping(root, TOP_KEYS, "the deck")
        title = self.required_text(top, "title", root, "the deck")
        deck_id = self.deck_id(top)
        description = self.optional_text(top, "description") or ""
        tags = self.optional_list(top, "tags")
        sources = self.sources(top)
        facts: tuple[Fact, ...] = ()
        if "facts" not in top:
            self.at(root, "the deck has no `facts:`; expected a list of facts")
        else:
            facts = self.facts(top["facts"][1], deck_id, sources)
        if self.problems:
            raise DeckError(self.problems)
        return Deck(id=deck_id, title=title or "", facts=facts, path=self.path,
                    description=description, tags=tags, sources=sources)

    def only_comments(self) -> bool:
        return all(not line.strip() or line.lstrip().startswith("#") or line.strip() in ("---", "...")
                   for line in self.text.splitlines())

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

    def deck_id(self, top: dict[str, tuple[yaml.Node, yaml.Node]]) -> str:
        if "id" in top:
            node = top["id"][1]
            text = self.scalar_text(node, "id")
            if text is not None and not ID_RE.match(text):
                self.at(node, f"deck `id` `{text}` may hold only letters, digits, `-`, `_` and `.`")
            return text or Path(self.path).stem
        return Path(self.path).stem

    def sources(self, top: dict[str, tuple[yaml.Node, yaml.Node]]) -> dict[str, str]:
        if "sources" not in top:
            return {}
        node = top["sources"][1]
        if not isinstance(node, yaml.MappingNode):
            self.at(node, f"`sources` should be a mapping of key: description, not a {self.shape(node)}")
            return {}
        result: dict[str, str] = {}
        seen: set[str] = set()
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                self.at(key, "`sources`: a key must be a plain word")
                continue
            if key.value in seen:
                self.at(key, f"duplicate source `{key.value}` in `sources`")
                continue
            seen.add(key.value)
            text = self.scalar_text(value, f"sources.{key.value}")
            if text is not None:
                result[key.value] = text
        return result

    # -- facts ---------------------------------------------------------------------------
    def facts(self, node: yaml.Node, deck_id: str, sources: dict[str, str]) -> tuple[Fact, ...]:
        if not isinstance(node, yaml.SequenceNode):
            self.at(node, f"`facts` should be a list of facts (each item starting with `- `), "
                          f"not a {self.shape(node)}")
            return ()
        if not node.value:
            self.at(node, "`facts` is empty; a deck needs at least one fact")
            return ()
        facts: list[Fact] = []
        ids: dict[str, int] = {}
        unnamed: list[tuple[int, Fact]] = []
        for number, item in enumerate(node.value, start=1):
            written_id = self.written_id(item)
            duplicate = written_id is not None and written_id.value in ids
            if duplicate:
                self.at(written_id, f"duplicate fact id `{written_id.value}` (first used on line "
                                    f"{ids[written_id.value]}); ids must be unique in a deck")
            elif written_id is not None:
                ids[written_id.value] = item.start_mark.line + 1
            fact = self.fact(item, number, deck_id, sources)
            if fact is None or duplicate:
                continue
            if not fact.id_given:
                unnamed.append((len(facts), fact))
            facts.append(fact)
        # Facts without an id get one from their wording, after every written id is known,
        # so a derived id never takes a written one.
        for position, fact in unnamed:
            base = fact.id
            candidate, n = base, 2
            while candidate in ids:
                candidate, n = f"{base}-{n}", n + 1
            ids[candidate] = fact.line
            facts[position] = _replace_id(fact, candidate)
        return tuple(facts)

    @staticmethod
    def written_id(item: yaml.Node) -> yaml.ScalarNode | None:
        """The node of a fact's written `id`, when it is plain text."""
        if not isinstance(item, yaml.MappingNode):
            return None
        for key, value in item.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "id":
                ok = isinstance(value, yaml.ScalarNode) and value.tag in TEXT_TAGS and value.value
                return value if ok else None
        return None

    def fact(self, node: yaml.Node, number: int, deck_id: str, sources: dict[str, str]) -> Fact | None:
        where = f"fact {number}"
        if not isinstance(node, yaml.MappingNode):
            self.at(node, f"{where} should be a mapping with `question:` and `answer:` or `text:`, "
                          f"not a {self.shape(node)}")
            return None
        before = len(self.problems)
        entries = self.mapping(node, FACT_KEYS, where)
        fact_id = None
        if "id" in entries:
            id_node = entries["id"][1]
            fact_id = self.scalar_text(id_node, "id")
            if fact_id is not None and not ID_RE.match(fact_id):
                self.at(id_node, f"fact `id` `{fact_id}` may hold only letters, digits, `-`, `_` and `.`")
            where = f"fact `{fact_id}`" if fact_id else where
        source = self.optional_text(entries, "source")
        if source is not None and source not in sources:
            known = f"; known sources: {', '.join(sorted(sources))}" if sources else \
                "; the deck has no `sources:` mapping"
            self.at(entries["source"][1], f"`source: {source}` names no entry of `sources`"
                                          f"{_suggest(source, sources) or known}")
        explain = self.optional_text(entries, "explain")
        tags = self.optional_list(entries, "tags")

        if "question" in entries and "text" in entries:
            self.at(entries["text"][0], f"{where} has both `question:` and `text:`; a fact is either a "
                                        "question with an answer or a statement with {{blanks}}")
            return None
        if "text" in entries:
            question, text, answers = None, *self.statement(entries, node, where)
        elif "question" in entries:
            question = self.scalar_text(entries["question"][1], "question")
            text = None
            answers = self.question_answers(entries, node, where, question)
        else:
            missing = "`question:` and `answer:`" if "answer" not in entries else "`question:`"
            self.at(node, f"{where} has no {missing}; a fact needs `question:` and `answer:`, "
                          "or `text:` with {{blanks}}")
            return None
        if len(self.problems) > before or answers is None:
            return None
        wording = question if question is not None else text or ""
        return Fact(id=fact_id or _slug(wording), deck_id=deck_id, answers=answers, question=question,
                    text=text, source=source, explain=explain, tags=tags, path=self.path,
                    line=node.start_mark.line + 1, column=node.start_mark.column + 1,
                    id_given=fact_id is not None)

    def question_answers(self, entries: dict[str, tuple[yaml.Node, yaml.Node]], node: yaml.Node,
                         where: str, question: str | None) -> tuple[Answer, ...] | None:
        if "blanks" in entries:
            self.at(entries["blanks"][0], "`blanks:` belongs to statements (`text:`); a question has "
                                          "one `answer:`")
        if "answer" not in entries:
            self.at(node, f"{where} has a `question:` but no `answer:`")
            return None
        answer_node = entries["answer"][1]
        if isinstance(answer_node, yaml.SequenceNode):
            if not answer_node.value:
                self.at(answer_node, "`answer` is an empty list; give the members, e.g. [Marseille, Strasbourg]")
                return None
            written, member_accept = self.members(answer_node)
        else:
            written, member_accept = self.scalar_text(answer_node, "answer", answer=True), ()
        if written is None:
            return None
        answer = self.answer(written, answer_node, entries, question, member_accept)
        return None if answer is None else (answer,)

    def members(self, node: yaml.SequenceNode) -> tuple[tuple[str, ...] | None, tuple[tuple[str, ...], ...]]:
        """A list answer's members, and per member the other answers counted as it: a member
        written ``{United States: [US, USA]}`` is "United States" accepting "US" and "USA"."""
        texts: list[str] = []
        accepts: list[tuple[str, ...]] = []
        ok = True
        for item in node.value:
            if isinstance(item, yaml.MappingNode):
                if len(item.value) != 1:
                    self.at(item, "a list member with its own answers is one mapping, such as "
                                  "{United States: [US, USA]}")
                    ok = False
                    continue
                key, others = item.value[0]
                text, accept = self.scalar_text(key, "answer item", answer=True), self.text_list(others, "accept")
                if text is None or accept is None:
                    ok = False
                    continue
                texts.append(text)
                accepts.append(accept)
            else:
                text = self.scalar_text(item, "answer item", answer=True)
                ok = ok and text is not None
                texts.append(text or "")
                accepts.append(())
        while accepts and not accepts[-1]:
            accepts.pop()
        return (tuple(texts) if ok else None), tuple(accepts)

    def statement(self, entries: dict[str, tuple[yaml.Node, yaml.Node]], node: yaml.Node,
                  where: str) -> tuple[str | None, tuple[Answer, ...] | None]:
        text_node = entries["text"][1]
        if "answer" in entries:
            self.at(entries["answer"][0], "a statement's answers are its {{blanks}}; remove `answer:` "
                                          "or write the fact as `question:` and `answer:`")
        text = self.scalar_text(text_node, "text")
        if text is None:
            return None, None
        blanks = self.blanks(text, text_node)
        if blanks is None:
            return text, None
        options = [entries] if len(blanks) == 1 else [{} for _ in blanks]
        if len(blanks) > 1:
            for key in ANSWER_OPTION_KEYS:
                if key in entries:
                    self.at(entries[key][0], f"`{key}` at the fact level is ambiguous with "
                                             f"{len(blanks)} blanks; give it per blank under `blanks:`")
        if "blanks" in entries:
            options = self.blank_options(entries["blanks"][1], len(blanks), options)
        answers: list[Answer] = []
        for (written, start), blank_entries in zip(blanks, options):
            where_node = self.node_at(text_node, start)
            answer = self.answer(written, where_node, blank_entries, text)
            if answer is not None:
                answers.append(answer)
        return text, tuple(answers) if len(answers) == len(blanks) else None

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
                result.append(self.mapping(item, ANSWER_OPTION_KEYS, f"`blanks` entry {n}"))
        return result

    def answer(self, written: str | tuple[str, ...], node: yaml.Node,
               entries: dict[str, tuple[yaml.Node, yaml.Node]], question: str | None,
               member_accept: tuple[tuple[str, ...], ...] = ()) -> Answer | None:
        """Check one answer against its options and parse it as its kind."""
        kind = self.kind(entries, written, question)
        if kind is None:
            return None
        if isinstance(written, tuple) and kind != "list":
            self.at(node, f"`answer` is a list but `kind` is {kind}; use `kind: list` or give one answer")
            return None
        if kind == "list" and not isinstance(written, tuple):
            self.at(node, "`kind: list` needs a YAML list answer, such as [Marseille, Strasbourg]")
            return None
        try:
            value = values.parse(kind, written, member_accept)
        except values.ValueParseError as exc:
            shown = ", ".join(written) if isinstance(written, tuple) else written
            self.at(node, f"answer `{shown}` is not a valid {kind}: {exc}")
            return None
        accept = self.optional_list(entries, "accept")
        distractors = self.optional_list(entries, "distractors")
        self.check_alternatives(entries, kind, written)
        tolerance = self.tolerance(entries, kind)
        category = None
        if "category" in entries:
            category_node = entries["category"][1]
            category = self.scalar_text(category_node, "category")
            if category is not None and kind not in ("name", "list"):
                self.at(category_node, f"`category` applies to name answers; this answer is a {kind}")
        ordered = False
        if "ordered" in entries:
            ordered_node = entries["ordered"][1]
            if not (isinstance(ordered_node, yaml.ScalarNode) and ordered_node.tag == BOOL):
                self.at(ordered_node, "`ordered` should be true or false")
            elif kind != "list":
                self.at(ordered_node, f"`ordered` applies to list answers; this answer is a {kind}")
            else:
                ordered = ordered_node.value.lower() in ("true", "yes", "on", "y")
        return Answer(text=written, kind=kind, value=value, accept=accept, distractors=distractors,
                      tolerance=tolerance, category=category.strip().lower() if category else None,
                      ordered=ordered)

    def kind(self, entries: dict[str, tuple[yaml.Node, yaml.Node]], written: str | tuple[str, ...],
             question: str | None) -> Kind | None:
        if "kind" not in entries:
            return values.infer_kind(written, question)
        node = entries["kind"][1]
        name = self.scalar_text(node, "kind")
        if name is None:
            return None
        if name not in KINDS:
            self.at(node, f"unknown kind `{name}`; expected one of {', '.join(KINDS)}{_suggest(name, KINDS)}")
            return None
        return name  # type: ignore[return-value]

    def check_alternatives(self, entries: dict[str, tuple[yaml.Node, yaml.Node]], kind: Kind,
                           written: str | tuple[str, ...]) -> None:
        """Author distractors must read as the answer's kind, or options would be nonsense."""
        if "distractors" not in entries or kind in ("name", "text"):
            return
        node = entries["distractors"][1]
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        for item in items:
            if not (isinstance(item, yaml.ScalarNode) and item.tag in TEXT_TAGS) or kind == "list":
                continue
            try:
                values.parse(kind, item.value)
            except values.ValueParseError as exc:
                self.at(item, f"distractor `{item.value}` is not a valid {kind}: {exc}")

    def tolerance(self, entries: dict[str, tuple[yaml.Node, yaml.Node]], kind: Kind) -> Tolerance | None:
        if "tolerance" not in entries:
            return None
        node = entries["tolerance"][1]
        if kind != "number":
            self.at(node, f"`tolerance` applies to number answers; this answer is a {kind}")
            return None
        text = self.scalar_text(node, "tolerance")
        if text is None:
            return None
        match = TOLERANCE_RE.match(text)
        if not match:
            self.at(node, f"`tolerance: {text}` should be a percentage such as 2% or an amount such as 0.5")
            return None
        return Tolerance(float(match.group(1)), relative=bool(match.group(2)))


def _replace_id(fact: Fact, new_id: str) -> Fact:
    return replace(fact, id=new_id)


def describe(deck: Deck) -> str:
    """One line for a clean deck: its id, title and facts by kind."""
    counts: dict[str, int] = {}
    for fact in deck.facts:
        for answer in fact.answers:
            counts[answer.kind] = counts.get(answer.kind, 0) + 1
    by_kind = ", ".join(f"{counts[k]} {k}" for k in KINDS if k in counts)
    facts = f"{len(deck.facts)} fact{'s' if len(deck.facts) != 1 else ''}"
    cards = deck.card_count
    return f"{deck.title} [{deck.id}]: {facts}, {cards} cards ({by_kind})"
