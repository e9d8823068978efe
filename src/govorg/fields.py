"""Reading one YAML mapping into typed values, with a problem for every wrong or unknown key.

`Fields` is how `records` reads a mapping: each accessor marks its key as known, checks the
type, and records a problem instead of raising. `finish()` then reports every key nobody asked
for (openstates' "unknown keys are errors": a clerk's typo must never pass silently).
"""

from __future__ import annotations

import difflib
import re

from govorg.dates import DateError, DateWindow, parse_date
from govorg.problems import Location, Problem, Text, problem
from govorg.yamlio import YMap, YNode, YScalar, YSeq, type_name

# Whole numbers records use, and the values that make sense for them: a probation of -5 or
# 10^20 months would break every date computed from it.
INTEGER_BOUNDS: dict[str, tuple[int, int]] = {
    "probation_months": (1, 120),
    "page": (1, 100_000),
    "row": (1, 100_000),
}

# An id is ASCII: letters, digits, `-`, `_`, `.`, in parts separated by `/` (document
# ids such as changning-gazette-2021-2/jiedu-1). No part starts with `.` (no `..`), none is empty.
ID_SYNTAX = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(?:/[A-Za-z0-9][A-Za-z0-9._-]*)*$")
MAX_ID_LENGTH = 200

# Sections of a file: written but empty (`people:` with nothing below) is a mistake, not nothing.
SECTIONS = (
    "document",
    "documents",
    "organisations",
    "people",
    "appointments",
    "removals",
    "attestations",
    "leadership",
    "roster",
)


def id_problem(text: str) -> Text | None:
    """What is wrong with an id, or None."""
    if len(text) > MAX_ID_LENGTH:
        return Text("id is {length} characters long; at most {most}", length=len(text), most=MAX_ID_LENGTH)
    if ID_SYNTAX.match(text) is None:
        return Text("id {id!r} is not ASCII letters, digits, `-`, `_`, `.` in parts separated by `/`", id=text)
    return None


class Fields:
    def __init__(self, node: YMap, path: str, problems: list[Problem], *, what: str | Text) -> None:
        self.node = node
        self.path = path
        self.problems = problems
        self.what = what
        self.known: list[str] = []

    # -- locations -------------------------------------------------------------------------
    def at(self, node: YNode | None = None) -> Location:
        target = node or self.node
        return Location(self.path, target.line, target.col)

    def key_at(self, key: str) -> Location:
        mark = self.node.keys.get(key)
        return Location(self.path, mark.line, mark.col) if mark else self.at()

    def error(self, code: str, node: YNode | None, message: str | Text, *, hint: str | Text = "") -> None:
        self.problems.append(problem(code, self.at(node), message, hint=hint))

    # -- raw access ------------------------------------------------------------------------
    def raw(self, key: str, *, required: bool = False) -> YNode | None:
        self.known.append(key)
        node = self.node.values.get(key)
        if node is None or (isinstance(node, YScalar) and node.value is None):
            if required:
                self.error(
                    "GO102",
                    None,
                    Text("{what} is missing `{key}`", what=self.what, key=key),
                    hint=Text("add `{key}:`", key=key),
                )
            return None
        return node

    def has(self, key: str) -> bool:
        return key in self.node.values

    # -- typed accessors -------------------------------------------------------------------
    def text(self, key: str, *, required: bool = False) -> str | None:
        node = self.node.values.get(key)
        # the common case first (plain text that is not an id): the checks below cannot object
        if type(node) is YScalar and type(node.value) is str and key != "id":
            text = node.value.strip()
            if text:
                self.known.append(key)
                return text
        node = self.raw(key, required=required)
        if node is None:
            return None
        if isinstance(node, YScalar) and isinstance(node.value, str):
            text = node.value.strip()
            if text and key == "id" and (wrong := id_problem(text)) is not None:
                self.error("GO128", node, wrong, hint="e.g. wang-feng, cfb-2021-09")
                return None
            if text:
                return text
            if required:
                self.error("GO102", node, Text("`{key}` of {what} is empty", key=key, what=self.what))
            return None
        hint = (
            Text('write it in quotes if it is text: {key}: "{value}"', key=key, value=node.value)
            if isinstance(node, YScalar)
            else Text("")
        )
        self.error("GO103", node, Text("`{key}` must be text, not {type}", key=key, type=type_name(node)), hint=hint)
        return None

    def integer(self, key: str, *, required: bool = False) -> int | None:
        node = self.raw(key, required=required)
        if node is None:
            return None
        if isinstance(node, YScalar) and isinstance(node.value, int) and not isinstance(node.value, bool):
            low, high = INTEGER_BOUNDS.get(key, (-(2**31), 2**31 - 1))
            if not low <= node.value <= high:
                self.error(
                    "GO126",
                    node,
                    Text("`{key}: {value}` is outside {low}..{high}", key=key, value=node.value, low=low, high=high),
                )
                return None
            return node.value
        self.error("GO103", node, Text("`{key}` must be a whole number, not {type}", key=key, type=type_name(node)))
        return None

    def flag(self, key: str) -> bool:
        node = self.raw(key)
        if node is None:
            return False
        if isinstance(node, YScalar) and isinstance(node.value, bool):
            return node.value
        self.error("GO103", node, Text("`{key}` must be true or false, not {type}", key=key, type=type_name(node)))
        return False

    def choice(self, key: str, allowed: tuple[str, ...], *, default: str | None = None) -> str | None:
        node = self.raw(key, required=default is None)
        if node is None:
            return default
        value = self.text(key)
        if value is None:
            return default
        if value not in allowed:
            close = difflib.get_close_matches(value, allowed, n=1)
            self.error(
                "GO107",
                node,
                Text("`{key}: {value}` is not one of: {list}", key=key, value=value, list=", ".join(allowed)),
                hint=Text("did you mean {close!r}?", close=close[0]) if close else "",
            )
            return default
        return value

    def date(self, key: str, *, required: bool = False) -> DateWindow | None:
        node = self.raw(key, required=required)
        if node is None:
            return None
        if not isinstance(node, YScalar) or isinstance(node.value, (bool, float)):
            self.error("GO103", node, Text("`{key}` must be a date, not {type}", key=key, type=type_name(node)))
            return None
        return self.parse_date_node(node)

    def parse_date_node(self, node: YScalar) -> DateWindow | None:
        try:
            return parse_date(str(node.value))
        except DateError as exc:
            self.error(exc.code, node, exc.text, hint=exc.hint_text)
            return None

    def mapping(self, key: str, *, required: bool = False) -> YMap | None:
        node = self.raw(key, required=required)
        if node is None or (isinstance(node, YMap) and not node.values):
            self._empty_section(key)
            return None
        if isinstance(node, YMap):
            return node
        self.error(
            "GO103",
            node,
            Text("`{key}` must be a mapping (key: value lines), not {type}", key=key, type=type_name(node)),
        )
        return None

    def sequence(self, key: str, *, required: bool = False) -> list[YNode]:
        node = self.raw(key, required=required)
        if node is None or (isinstance(node, YSeq) and not node.items):
            if self.what == "file" and key in SECTIONS and self.has(key):
                self.error(
                    "GO127",
                    self.node.keys[key],
                    Text("section `{key}` is empty", key=key),
                    hint="list its entries, or remove it",
                )
            return []
        if isinstance(node, YSeq):
            return node.items
        self.error(
            "GO103",
            node,
            Text("`{key}` must be a list (lines starting with `- `), not {type}", key=key, type=type_name(node)),
        )
        return []

    def _empty_section(self, key: str) -> None:
        if self.what == "file" and key in SECTIONS and self.has(key):
            mark = self.node.keys[key]
            self.error(
                "GO127", mark, Text("section `{key}` is empty", key=key), hint="list its entries, or remove the section"
            )

    def texts(self, key: str) -> tuple[str, ...]:
        """A list of texts; a single text is accepted as a list of one."""
        node = self.raw(key)
        if node is None:
            return ()
        items = node.items if isinstance(node, YSeq) else [node]
        out: list[str] = []
        for item in items:
            if isinstance(item, YScalar) and isinstance(item.value, str):
                out.append(item.value.strip())
            else:
                self.error(
                    "GO103", item, Text("each entry of `{key}` must be text, not {type}", key=key, type=type_name(item))
                )
        return tuple(out)

    def finish(self) -> None:
        """Report every key of the mapping that no accessor asked for."""
        if self.node.keys.keys() <= set(self.known):  # the common case, checked in C
            return
        self.known = list(dict.fromkeys(self.known))
        known = set(self.known)
        for key, mark in self.node.keys.items():
            if key in known:
                continue
            close = difflib.get_close_matches(key, self.known, n=1, cutoff=0.6)
            hint = (
                Text("did you mean `{key}`?", key=close[0])
                if close
                else Text("known keys: {list}", list=", ".join(self.known))
            )
            self.problems.append(
                problem(
                    "GO101",
                    Location(self.path, mark.line, mark.col),
                    Text("unknown key `{key}` in {what}", key=key, what=self.what),
                    hint=hint,
                )
            )


def each_mapping(items: list[YNode], path: str, problems: list[Problem], *, what: str) -> list[YMap]:
    """The mappings of a list; any other entry is a GO103 problem."""
    out: list[YMap] = []
    for item in items:
        if isinstance(item, YMap):
            out.append(item)
        else:
            problems.append(
                problem(
                    "GO103",
                    Location(path, item.line, item.col),
                    Text("each {what} must be a mapping, not {type}", what=what, type=type_name(item)),
                )
            )
    return out
