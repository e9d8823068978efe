"""Every kind of record mapping has its definition in the JSON Schema, whether or not the sample
data uses it: tests/record_kinds/ holds a tiny example of each kind (named after its
definition), each validates against the committed schema, and the same example with a wrong
key in that kind's mapping, or a wrong type for one of its keys, is rejected."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import ROOT
from govorg.recordschema import parser_view
from govorg.yamlio import YMap, YNode, YScalar, YSeq, parse_text

SCHEMA = json.loads((ROOT / "schemas" / "govorg-record.schema.json").read_text(encoding="utf-8"))
KINDS = ROOT / "tests" / "record_kinds"
EXAMPLES = sorted(KINDS.glob("*.yaml"))


def def_name(kind: str) -> str:
    """The definition's name for a kind (as recordschema names them)."""
    return re.sub(r"[^A-Za-z0-9]+", "_", kind).strip("_")


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    return jsonschema.Draft202012Validator(SCHEMA)


def test_every_definition_has_an_example_and_every_example_a_definition() -> None:
    assert {p.stem for p in EXAMPLES} == set(SCHEMA["$defs"])


def _kinds_in_the_parsers() -> set[str]:
    """Every literal `what=` the record parsers give a mapping (the kinds they read)."""
    found: set[str] = set()
    for path in (ROOT / "src" / "govorg" / "records").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Fields":
                for keyword in node.keywords:
                    if keyword.arg == "what" and isinstance(keyword.value, ast.Constant):
                        found.add(keyword.value.value)
    return found - {"file"}  # the file is the schema's top level


def test_every_kind_the_parsers_read_has_a_definition() -> None:
    kinds = _kinds_in_the_parsers()
    assert {"appointment", "stand-in rule", "walk", "role group"} <= kinds
    assert {def_name(k) for k in kinds} - set(SCHEMA["$defs"]) == set()


def _plain(node: YNode | None, kind_at: dict[tuple[int, int], str], target: str, wrong: dict[str, Any]) -> Any:
    """The file as JSON values, with `wrong` merged into every mapping of the `target` kind."""
    if node is None or isinstance(node, YScalar):
        return None if node is None else node.value
    if isinstance(node, YSeq):
        return [_plain(item, kind_at, target, wrong) for item in node.items]
    assert isinstance(node, YMap)
    out = {key: _plain(value, kind_at, target, wrong) for key, value in node.values.items()}
    if kind_at.get((node.line, node.col)) == target:
        out.update(wrong(out) if callable(wrong) else wrong)
    return out


def example(path: Path, wrong: Any = None) -> tuple[Any, str]:
    text = path.read_text(encoding="utf-8")
    root, problems = parse_text(text, path.name)
    assert not problems
    view = parser_view(text, path.name)
    kinds = {def_name(k): k for k in view.kind_at.values()}
    assert path.stem in kinds, f"{path.name} has no {path.stem} mapping"
    return _plain(root, view.kind_at, kinds[path.stem], wrong or {}), kinds[path.stem]


def errors(validator: jsonschema.Draft202012Validator, value: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(value)]


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_each_kind_validates(validator: jsonschema.Draft202012Validator, path: Path) -> None:
    value, _ = example(path)
    assert errors(validator, value) == []


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_each_kind_rejects_an_unknown_key(validator: jsonschema.Draft202012Validator, path: Path) -> None:
    value, _ = example(path, {"no_such_key": "x"})
    found = errors(validator, value)
    assert found and any("no_such_key" in e for e in found), found


def _wrong_type(mapping: dict[str, Any]) -> dict[str, Any]:
    """The mapping's first key given a value of a type no key takes: a mapping where text or a
    list is due, a list of lists where a mapping is due."""
    key, value = next(iter(mapping.items()))
    return {key: [[1]] if isinstance(value, dict) else {"nested": {"deeper": [1]}}}


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_each_kind_rejects_a_wrong_type(validator: jsonschema.Draft202012Validator, path: Path) -> None:
    value, _ = example(path, _wrong_type)
    assert errors(validator, value)
