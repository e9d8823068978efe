"""Read YAML files into located nodes: the only module that touches ruamel.yaml.

Every node keeps its 1-based line and column so that a problem anywhere in a record can point
at the exact place a clerk must edit. We compose with ruamel's C parser and C composer
(`CBaseLoader.get_single_node`: no Python per event, ~3x faster than `YAML.compose`) and turn
the composed nodes into three small classes. The base resolver tags every scalar as text; we
resolve the three types records use ourselves: plain ints, bools and nulls. Everything else
stays as the text the clerk wrote (dates are parsed by `dates`, not by YAML).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ruamel.yaml.cyaml import CBaseLoader
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from govorg.problems import Location, Problem, problem

Scalar = str | int | float | bool | None

_INT = re.compile(r"^[-+]?[0-9]+$")
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULLS = {"", "~", "null", "Null", "NULL"}


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


class _Converter:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def convert(self, node: Node) -> YNode:
        line = node.start_mark.line + 1
        col = node.start_mark.column + 1
        if isinstance(node, ScalarNode):
            return YScalar(self._scalar(node), line, col)
        if isinstance(node, SequenceNode):
            return YSeq([self.convert(child) for child in node.value], line, col)
        if isinstance(node, MappingNode):
            values: dict[str, YNode] = {}
            keys: dict[str, YScalar] = {}
            for key_node, value_node in node.value:
                key = self.convert(key_node)
                if not isinstance(key, YScalar) or key.value is None:
                    self.problems.append(
                        problem("GO103", Location(self.path, key.line, key.col), "a key must be plain text")
                    )
                    continue
                name = str(key.value)
                if name in keys:
                    first = keys[name]
                    self.problems.append(
                        problem(
                            "GO106",
                            Location(self.path, key.line, key.col),
                            f"key {name!r} appears twice in this mapping (first at line {first.line})",
                            hint="keep one of the two",
                        )
                    )
                    continue
                keys[name] = key
                values[name] = self.convert(value_node)
            return YMap(values, keys, line, col)
        raise TypeError(f"unexpected YAML node {node!r}")  # pragma: no cover - composer gives only these

    @staticmethod
    def _scalar(node: ScalarNode) -> Scalar:
        text: str = node.value
        if node.style:  # quoted or block text is always text
            return text
        if text in _NULLS:
            return None
        if text in _BOOLS:
            return _BOOLS[text]
        if _INT.match(text):
            return int(text)
        return text


def parse_text(text: str, path: str) -> tuple[YNode | None, list[Problem]]:
    """Parse YAML text into located nodes; syntax errors become GO100 problems, never exceptions."""
    try:
        loader = CBaseLoader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        return None, [
            problem(
                "GO100",
                Location(path, line, col),
                f"YAML syntax: {what}",
                hint="check indentation and that every `key: value` has its colon and space",
            )
        ]
    except YAMLError as exc:
        return None, [problem("GO100", Location(path), f"YAML syntax: {exc}")]
    if node is None:
        return None, []
    converter = _Converter(path)
    return converter.convert(node), converter.problems
