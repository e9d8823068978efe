"""A JSON Schema for record files, derived from the record parsers themselves.

The parsers (`records.parse_*`) read every key through a `Fields` accessor (`text`, `integer`,
`flag`, `choice`, `date`, `texts`, `mapping`, `sequence`, `raw`) and every accessor asks for its
key whether or not the file has it. So parsing example files while the accessors are watched
lists, for each kind of mapping (`Fields.what`: file, document, appointment, post, …), every key
the parser knows, its type (the accessor), its allowed values (`choice`) and which keys hold
which nested kinds. No key list is written by hand: a new key in a parser appears in the schema
when it is regenerated (`python scripts/record_schema.py`), and a test keeps the committed
schema equal to the generator's output.

The schema helps editors (completion, unknown keys, enums); `govorg validate` stays the judge
of everything else (references, dates, rules across records).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govorg.fields import Fields
from govorg.loader import data_files, parse_one
from govorg.yamlio import YMap, YNode, YScalar, YSeq

SCHEMA_ID = "https://govorg.invalid/schemas/govorg-record.schema.json"

# When one key goes through several accessors (choice calls raw and text), the most specific wins.
_PRIORITY = ("choice", "date", "integer", "flag", "texts", "text", "mapping", "sequence", "raw")
_WATCHED = ("raw", "text", "integer", "flag", "choice", "date", "mapping", "sequence", "texts")


@dataclass(slots=True)
class _Key:
    accessors: set[str] = field(default_factory=set)
    calls: int = 0
    required_calls: int = 0
    present: int = 0  # in how many of the kind's examples the key is written
    choices: set[str] = field(default_factory=set)
    children: set[str] = field(default_factory=set)  # kinds of the mappings found under it
    shapes: set[str] = field(default_factory=set)  # map, seq or scalar, as the examples write it


@dataclass(slots=True)
class _Trace:
    kinds: dict[str, dict[str, _Key]] = field(default_factory=lambda: defaultdict(dict))
    instances: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    kind_at: dict[tuple[int, int], str] = field(default_factory=dict)  # (line, col) of a mapping -> its kind
    # id(node) -> (kind, key) of the accessor that returned it, for the current file only
    parents: dict[int, tuple[str, str]] = field(default_factory=dict)
    depth: int = 0


@contextmanager
def _watching(trace: _Trace) -> Iterator[None]:
    originals: dict[str, Callable[..., Any]] = {name: getattr(Fields, name) for name in (*_WATCHED, "__init__")}

    def wrap(name: str) -> Callable[..., Any]:
        original = originals[name]

        def watched(self: Fields, key: str, *args: Any, **kwargs: Any) -> Any:
            entry = trace.kinds[str(self.what)].setdefault(key, _Key())
            if trace.depth == 0:  # the outermost accessor names the type
                entry.accessors.add(name)
                entry.calls += 1
                entry.required_calls += bool(kwargs.get("required"))
                if name == "choice":
                    entry.choices.update(args[0] if args else kwargs["allowed"])
            trace.depth += 1
            try:
                result = original(self, key, *args, **kwargs)
            finally:
                trace.depth -= 1
            node = self.node.values.get(key)
            seen: set[str] = self.__dict__.setdefault("_schema_seen", set())
            if node is not None and key not in seen:
                seen.add(key)
                entry.present += 1
            if node is not None:
                entry.shapes.add("map" if isinstance(node, YMap) else "seq" if isinstance(node, YSeq) else "scalar")
                trace.parents[id(node)] = (str(self.what), key)
                if isinstance(node, YSeq):
                    for item in node.items:
                        trace.parents[id(item)] = (str(self.what), key)
            return result

        return watched

    def init(self: Fields, node: YMap, *args: Any, **kwargs: Any) -> None:
        originals["__init__"](self, node, *args, **kwargs)
        parent = trace.parents.get(id(node))
        trace.kinds.setdefault(str(self.what), {})
        trace.instances[str(self.what)] += 1
        trace.kind_at.setdefault((node.line, node.col), str(self.what))
        if parent is not None:
            kind, key = parent
            trace.kinds[kind].setdefault(key, _Key()).children.add(str(self.what))

    try:
        for name in _WATCHED:
            setattr(Fields, name, wrap(name))
        Fields.__init__ = init  # type: ignore[method-assign]
        yield
    finally:
        for name, original in originals.items():
            setattr(Fields, name, original)


def _kind_ref(kind: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{_def_name(kind)}"}


def _def_name(kind: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", kind).strip("_")


def _key_schema(entry: _Key) -> dict[str, Any]:
    accessor = min(entry.accessors, key=_PRIORITY.index) if entry.accessors else "raw"
    children = [_kind_ref(k) for k in sorted(entry.children)]
    one: dict[str, Any] = children[0] if len(children) == 1 else {"anyOf": children}
    if accessor == "choice":
        return {"enum": sorted(entry.choices)}
    if accessor == "date":
        return {
            "type": ["string", "integer"],
            "description": "a date as precise as the source: 2021-04-13, 2021-04, 2021-Q2, 2021, a span, or as printed",
        }
    if accessor == "integer":
        return {"type": "integer"}
    if accessor == "flag":
        return {"type": "boolean"}
    if accessor == "text":
        return {"type": "string"}
    if accessor == "texts":
        return {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
    if accessor == "mapping":
        return one if children else {"type": "object"}
    if accessor == "sequence":
        return {"type": "array", "items": one} if children else {"type": "array"}
    # raw: the parser reads the node itself; allow what the examples write (a name or a mapping,
    # one or a list of them)
    if not children:
        if entry.shapes and "map" not in entry.shapes:  # references: a name or id, or a list of them
            scalar = {"type": ["string", "integer"]}
            return {"anyOf": [scalar, {"type": "array", "items": scalar}]}
        return {}
    item = {"anyOf": [one, {"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
    options: list[dict[str, Any]] = [one, {"type": "array", "items": item}]
    options.append({"type": ["string", "integer"]})
    return {"anyOf": options}


def _kind_schema(keys: dict[str, _Key], *, kind: str, instances: int) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "object",
        "description": f"one {kind}",
        "properties": {key: _key_schema(keys[key]) for key in sorted(keys)},
        "additionalProperties": False,
    }
    # required when every read asks for it (`required=approved` is a rule across keys) and every
    # example writes it (`leader` or `pair`: the parser asks for one only when the other is absent)
    required = sorted(k for k, e in keys.items() if e.calls and e.required_calls == e.calls and e.present == instances)
    if required:
        out["required"] = required
    return out


def example_files(folders: Iterable[Path]) -> list[Path]:
    return [path for folder in folders for path in (data_files(folder) if folder.is_dir() else [folder])]


def record_schema(examples: Iterable[Path]) -> dict[str, Any]:
    """The JSON Schema of a record file, from the parsers as they read the example files."""
    trace = _Trace()
    with _watching(trace):
        for path in sorted(example_files(examples)):
            trace.parents.clear()
            parse_one(path, path.read_text(encoding="utf-8"))
    kinds = {kind: keys for kind, keys in trace.kinds.items() if kind != "file"}
    top = _kind_schema(trace.kinds["file"], kind="record file", instances=trace.instances["file"])
    top["properties"]["format"] = {"const": 1, "description": "the record format: 1"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "govorg record file (format 1)",
        "description": "Generated by scripts/record_schema.py from govorg's record parsers; do not edit.",
        **{k: v for k, v in top.items() if k != "description"},
        "$defs": {
            _def_name(kind): _kind_schema(kinds[kind], kind=kind, instances=trace.instances[kind])
            for kind in sorted(kinds)
        },
    }


def plain(node: YNode | None) -> Any:
    """A parsed file as plain JSON-like values (for checking it against the schema)."""
    if node is None or isinstance(node, YScalar):
        return None if node is None else node.value
    if isinstance(node, YSeq):
        return [plain(item) for item in node.items]
    return {key: plain(value) for key, value in node.values.items()}


@dataclass(frozen=True, slots=True)
class ParserView:
    """How the parsers read one file: the kind of each mapping (by its line and column) and,
    for each kind, its keys in the order the parser asks for them."""

    kind_at: dict[tuple[int, int], str]
    order: dict[str, list[str]]


def parser_view(text: str, display: str) -> ParserView:
    trace = _Trace()
    with _watching(trace):
        parse_one(Path(display), text)
    return ParserView(dict(trace.kind_at), {kind: list(keys) for kind, keys in trace.kinds.items()})
