"""The deck as a whole: top-level keys, sources, and the list of facts with their ids."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from quiz.deck.answers import ANSWER_OPTION_KEYS
from quiz.deck.nodes import ID_RE, TEXT_TAGS, short, suggest
from quiz.deck.source import problem_at
from quiz.deck.statements import StatementReader
from quiz.facts import Answer, Deck, DeckError, Fact
from quiz.frozen import replace

TOP_KEYS = ("title", "id", "description", "tags", "sources", "facts")
QUESTION_KEYS = ("id", "question", "answer", "source", "explain", "tags", *ANSWER_OPTION_KEYS)
STATEMENT_KEYS = ("id", "text", "blanks", "source", "explain", "tags", *ANSWER_OPTION_KEYS)
FACT_KEYS = tuple(dict.fromkeys(QUESTION_KEYS + STATEMENT_KEYS))



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


class DeckReader(StatementReader):
    """Reads one composed YAML document into a Deck, collecting problems as it goes."""

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

    def deck_id(self, top: dict[str, tuple[yaml.Node, yaml.Node]]) -> str:
        if "id" in top:
            node = top["id"][1]
            text = self.scalar_text(node, "id")
            if text is not None and not ID_RE.match(text):
                self.at(node, f"deck `id` `{short(text)}` may hold only letters, digits, `-`, `_` and `.`")
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
                self.at(key, f"duplicate source `{short(key.value)}` in `sources`")
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
                self.at(written_id, f"duplicate fact id `{short(written_id.value)}` (first used on line "
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
        # The next number to try per wording: starting from 2 each time made a deck of
        # many facts worded alike quadratic (30,000 took minutes).
        next_number: dict[str, int] = {}
        for position, fact in unnamed:
            base = fact.id
            candidate, n = base, next_number.get(base, 2)
            if base in next_number:
                candidate = f"{base}-{n}"
            while candidate in ids:
                candidate, n = f"{base}-{n}", n + 1
            next_number[base] = n
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
                self.at(id_node, f"fact `id` `{short(fact_id)}` may hold only letters, digits, `-`, `_` and `.`")
            where = f"fact `{short(fact_id)}`" if fact_id else where
        source = self.optional_text(entries, "source")
        if source is not None and source not in sources:
            known = f"; known sources: {', '.join(sorted(sources))}" if sources else \
                "; the deck has no `sources:` mapping"
            self.at(entries["source"][1], f"`source: {short(source)}` names no entry of `sources`"
                                          f"{suggest(source, sources) or known}")
        explain = self.optional_text(entries, "explain")
        tags = self.optional_list(entries, "tags")

        if "question" in entries and "text" in entries:
            self.at(entries["text"][0], f"{where} has both `question:` and `text:`; a fact is either a "
                                        "question with an answer or a statement with {{blanks}}")
            return None
        if "text" in entries:
            question, (text, answers, blank_ids) = None, self.statement(entries, node, where)
        elif "question" in entries:
            question = self.scalar_text(entries["question"][1], "question")
            text, blank_ids = None, ()
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
                    id_given=fact_id is not None, blank_ids=blank_ids)

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


def _replace_id(fact: Fact, new_id: str) -> Fact:
    return replace(fact, id=new_id)
