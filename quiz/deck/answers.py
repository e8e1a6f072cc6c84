"""An answer and its options (`kind`, `accept`, `distractors`, `tolerance`, …) read from YAML."""

from __future__ import annotations

import yaml

from quiz import values
from quiz.deck.nodes import BOOL, TEXT_TAGS, NodeReader, short, suggest
from quiz.facts import KINDS, Answer, Kind, Tolerance
from quiz.patterns import LazyPattern
from quiz.values.dates import DateValue, day_bounds

ANSWER_OPTION_KEYS = ("kind", "accept", "distractors", "tolerance", "category", "ordered", "between")
TOLERANCE_RE = LazyPattern(r"^\s*(\d+(?:\.\d+)?|\.\d+)\s*(%?)\s*$")


class AnswerReader(NodeReader):
    """Reads one answer (a question's, or a statement's blank) with its options."""

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
            self.at(node, f"answer `{short(shown)}` is not a valid {kind}: {short(str(exc), 160)}")
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
                      ordered=ordered, between=self.between(entries, kind, value))

    def between(self, entries: dict[str, tuple[yaml.Node, yaml.Node]], kind: Kind,
                value: object) -> tuple[DateValue, DateValue] | None:
        """``between: [2017, 2018]``: the first and last date a date's wrong options may take."""
        if "between" not in entries:
            return None
        node = entries["between"][1]
        if kind != "date":
            self.at(node, f"`between` applies to date answers; this answer is a {kind}")
            return None
        items = node.value if isinstance(node, yaml.SequenceNode) else []
        if len(items) != 2 or not all(isinstance(i, yaml.ScalarNode) for i in items):
            self.at(node, "`between` should be two dates, the earliest and the latest, such as [2017, 2018]")
            return None
        bounds = []
        for item in items:
            try:
                bounds.append(values.parse("date", item.value))
            except values.ValueParseError as exc:
                self.at(item, f"`between` date `{short(item.value)}` is not a valid date: {short(str(exc), 160)}")
                return None
        first, last = bounds
        if day_bounds(first)[0] > day_bounds(last)[1]:
            self.at(node, f"`between` runs backwards: `{items[0].value}` is after `{items[1].value}`")
            return None
        if isinstance(value, DateValue) and not (day_bounds(first)[0] <= day_bounds(value)[0]
                                                 and day_bounds(value)[1] <= day_bounds(last)[1]):
            self.at(node, f"the answer `{value.render()}` lies outside `between: "
                          f"[{items[0].value}, {items[1].value}]`; widen it")
            return None
        return first, last

    def kind(self, entries: dict[str, tuple[yaml.Node, yaml.Node]], written: str | tuple[str, ...],
             question: str | None) -> Kind | None:
        if "kind" not in entries:
            return values.infer_kind(written, question)
        node = entries["kind"][1]
        name = self.scalar_text(node, "kind")
        if name is None:
            return None
        if name not in KINDS:
            self.at(node, f"unknown kind `{short(name)}`; expected one of {', '.join(KINDS)}{suggest(name, KINDS)}")
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
                self.at(item, f"distractor `{short(item.value)}` is not a valid {kind}: {short(str(exc), 160)}")

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
            self.at(node, f"`tolerance: {short(text)}` should be a percentage such as 2% or an amount such as 0.5")
            return None
        return Tolerance(float(match.group(1)), relative=bool(match.group(2)))
