"""Read YAML files into located nodes: the only module that touches ruamel.yaml.

Every node keeps its 1-based line and column so that a problem anywhere in a record can point
at the exact place a clerk must edit. We read events from ruamel's C parser
(`CBaseLoader.get_event`) and build three small classes from them with an explicit stack: the
C composer recurses and crashes the process on deep nesting, and it composes an alias bomb
before anyone can count it. Limits (file size, depth, alias expansion) are documented in
docs/format.md, "Limits". The base resolver tags every scalar as text; we
resolve the three types records use ourselves: plain ints, bools and nulls. Everything else
stays as the text the clerk wrote (dates are parsed by `dates`, not by YAML).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from sys import intern
from typing import Any

from ruamel.yaml.cyaml import CBaseLoader
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from govorg.problems import Location, Problem, Text, problem

Scalar = str | int | float | bool | None

_INT = re.compile(r"^[-+]?[0-9]+$")
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULLS = {"", "~", "null", "Null", "NULL"}
_SPECIAL: dict[str, bool | None] = {**dict.fromkeys(_NULLS), **_BOOLS}
_INT_START = frozenset("+-0123456789")


@dataclass(slots=True)
class YScalar:
    value: Scalar
    line: int
    col: int


@dataclass(slots=True)
class YSeq:
    items: list[YNode]
    line: int
    col: int


@dataclass(slots=True)
class YMap:
    """A mapping whose keys are text; `keys` keeps where each key was written."""

    values: dict[str, YNode]
    keys: dict[str, YScalar]
    line: int
    col: int


YNode = YScalar | YSeq | YMap


def type_name(node: YNode) -> str:
    if isinstance(node, YMap):
        return "a mapping"
    if isinstance(node, YSeq):
        return "a list"
    if node.value is None:
        return "empty"
    return {bool: "true/false", int: "a number", float: "a number"}.get(type(node.value), "text")


# Limits: no file may cost more than its size in time and memory, or crash the process.
MAX_FILE_BYTES = 10 * 1024 * 1024  # a record file is a few KB; checked before reading (loader)
MAX_DEPTH = 50  # records nest 6 deep; ruamel's C composer recurses and overflows the C stack
MAX_ALIAS_NODES = 100_000  # nodes reached through aliases (`*a`): an alias bomb expands exponentially


class _Refused(Exception):
    """A limit was hit: the file is refused with one problem."""

    def __init__(self, found: Problem) -> None:
        super().__init__(found.message)
        self.problem = found


class _Frame:
    """A collection being built from events: its node, size (nodes below it, aliases expanded),
    anchor, and for a mapping the key waiting for its value."""

    __slots__ = ("anchor", "key", "node", "size", "skip")

    def __init__(self, node: YSeq | YMap, anchor: str | None) -> None:
        self.node = node
        self.anchor = anchor
        self.size = 1
        self.key: YScalar | None = None
        self.skip = False  # the waiting key was refused: drop its value


class _Builder:
    """Build located nodes from the C parser's events with an explicit stack (no recursion, so
    no depth can overflow a stack), checking depth and alias expansion as it goes. Aliases share
    the anchored node (never copied); their expanded size still counts against the limit."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.anchors: dict[str, tuple[YNode, int]] = {}
        self.open: set[str] = set()  # anchors of collections not yet closed (an alias to one is a cycle)
        self.stack: list[_Frame] = []
        self.aliased = 0
        self.root: YNode | None = None

    def at(self, mark: Any) -> Location:
        return Location(self.path, mark.line + 1, mark.column + 1)

    def build(self, loader: CBaseLoader) -> YNode | None:
        root: YNode | None = None
        documents = 0
        stack = self.stack
        check, get = loader.check_event, loader.get_event
        while check():
            event = get()
            kind = type(event)
            if kind is ScalarEvent:
                mark = event.start_mark
                text = event.value
                if event.style or not (text in _SPECIAL or text[0] in _INT_START):  # text, as in `_scalar`
                    value: Scalar = intern(text) if len(text) <= _INTERN_UP_TO else text
                else:
                    value = _scalar(text, None)
                leaf = YScalar(value, mark.line + 1, mark.column + 1)
                # the common case inline (a value into a list, or a new key or its value into a
                # mapping, no anchor): one call per scalar less is ~10% of the parse
                if stack and event.anchor is None:
                    frame = stack[-1]
                    parent = frame.node
                    if isinstance(parent, YSeq):
                        frame.size += 1
                        parent.items.append(leaf)
                        continue
                    key = frame.key
                    if key is not None and not frame.skip:
                        frame.size += 1
                        name = str(key.value)
                        parent.keys[name] = key
                        parent.values[name] = leaf
                        frame.key = None
                        continue
                    if key is None and not frame.skip and type(value) is str and value not in parent.keys:
                        frame.size += 1
                        frame.key = leaf  # a new text key; `_add` reports the others
                        continue
                self._add(leaf, 1, event.anchor)
            elif kind is SequenceStartEvent or kind is MappingStartEvent:
                if len(self.stack) >= MAX_DEPTH:
                    raise _Refused(
                        problem(
                            "GO121",
                            self.at(event.start_mark),
                            Text("the file nests deeper than {MAX_DEPTH} levels", MAX_DEPTH=MAX_DEPTH),
                            hint="records nest a few levels; check for runaway brackets",
                        )
                    )
                line, col = self._where(event)
                coll: YSeq | YMap = YSeq([], line, col) if kind is SequenceStartEvent else YMap({}, {}, line, col)
                if event.anchor:
                    self.open.add(event.anchor)
                self.stack.append(_Frame(coll, event.anchor))
            elif kind is SequenceEndEvent or kind is MappingEndEvent:
                frame = self.stack.pop()
                if frame.anchor:
                    self.open.discard(frame.anchor)
                self._add(frame.node, frame.size, frame.anchor)
            elif kind is AliasEvent:
                name = event.anchor
                if name in self.open:
                    raise _Refused(
                        problem(
                            "GO122",
                            self.at(event.start_mark),
                            Text("alias *{name} refers to the collection it stands in (a cycle)", name=name),
                            hint="write the values out instead of using an alias",
                        )
                    )
                if name not in self.anchors:
                    raise _Refused(
                        problem(
                            "GO100",
                            self.at(event.start_mark),
                            Text("YAML syntax: found undefined alias *{name}", name=name),
                            hint=Text("define the anchor &{name} before using it", name=name),
                        )
                    )
                target, size = self.anchors[name]
                self.aliased += size
                if self.aliased > MAX_ALIAS_NODES:
                    raise _Refused(
                        problem(
                            "GO122",
                            self.at(event.start_mark),
                            Text(
                                "aliases expand to more than {MAX_ALIAS_NODES:,} nodes", MAX_ALIAS_NODES=MAX_ALIAS_NODES
                            ),
                            hint="write the values out instead of using aliases",
                        )
                    )
                self._add(target, size, None)
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Refused(
                        problem(
                            "GO100",
                            self.at(event.start_mark),
                            "YAML syntax: a record file holds one document, but here a second one starts",
                            hint="remove the `---` line or split the file",
                        )
                    )
            elif kind is DocumentEndEvent:
                root = self.root
        return root

    @staticmethod
    def _where(event: Any) -> tuple[int, int]:
        return event.start_mark.line + 1, event.start_mark.column + 1

    def _add(self, node: YNode, size: int, anchor: str | None) -> None:
        if anchor:
            self.anchors[anchor] = (node, size)
        if not self.stack:
            self.root = node
            return
        frame = self.stack[-1]
        frame.size += size
        parent = frame.node
        if isinstance(parent, YSeq):
            parent.items.append(node)
            return
        if frame.key is None and not frame.skip:
            if not isinstance(node, YScalar) or node.value is None:
                self.problems.append(
                    problem("GO103", Location(self.path, node.line, node.col), "a key must be plain text")
                )
                frame.skip = True
                return
            name = str(node.value)
            if name in parent.keys:
                first = parent.keys[name]
                self.problems.append(
                    problem(
                        "GO106",
                        Location(self.path, node.line, node.col),
                        Text(
                            "key {name!r} appears twice in this mapping (first at line {line})",
                            name=name,
                            line=first.line,
                        ),
                        hint="keep one of the two",
                    )
                )
                frame.skip = True
                return
            frame.key = node
            return
        if frame.skip:
            frame.skip = False
            return
        key = frame.key
        assert isinstance(key, YScalar)
        name = str(key.value)
        parent.keys[name] = key
        parent.values[name] = node
        frame.key = None


# Texts repeat across a registry (titles, organisation names, person ids, date texts): one
# shared copy each, instead of one per occurrence, saves ~0.7 KB per tenure. Long texts (printed
# sentences) are mostly unique; interning them would only grow the interned table.
_INTERN_UP_TO = 64


def _scalar(text: str, style: str | None) -> Scalar:
    if style:  # quoted or block text is always text
        return intern(text) if len(text) <= _INTERN_UP_TO else text
    if text in _SPECIAL:  # null and bool spellings
        return _SPECIAL[text]
    if text[0] in _INT_START and _INT.match(text):
        return int(text)
    return intern(text) if len(text) <= _INTERN_UP_TO else text


def parse_text(text: str, path: str) -> tuple[YNode | None, list[Problem]]:
    """Parse YAML text into located nodes; syntax errors and limits become problems, never exceptions."""
    builder = _Builder(path)
    try:
        loader = CBaseLoader(text)
        try:
            node = builder.build(loader)
        finally:
            loader.dispose()
    except _Refused as exc:
        return None, [*builder.problems, exc.problem]
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        return None, [
            problem(
                "GO100",
                Location(path, line, col),
                Text("YAML syntax: {detail}", detail=what),
                hint="check indentation and that every `key: value` has its colon and space",
            )
        ]
    except YAMLError as exc:
        return None, [problem("GO100", Location(path), Text("YAML syntax: {detail}", detail=exc))]
    return node, builder.problems
