"""The clerk's editing help: the JSON Schema of record files, fmt, new person, validate in context."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from conftest import DATA, ROOT
from govorg.loader import data_files
from govorg.recordschema import plain, record_schema
from govorg.yamlio import parse_text

SCHEMA_PATH = ROOT / "schemas" / "govorg-record.schema.json"
EXAMPLES = [DATA, ROOT / "tests" / "fixtures"]
EXAMPLE_FILES = sorted(path for folder in EXAMPLES for path in data_files(folder))


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def file_value(path: Path) -> object:
    root, problems = parse_text(path.read_text(encoding="utf-8"), str(path))
    assert not problems
    return plain(root)


def test_the_committed_schema_is_the_generators_output() -> None:
    generated = json.dumps(record_schema(EXAMPLES), ensure_ascii=False, indent=2) + "\n"
    assert SCHEMA_PATH.read_text(encoding="utf-8") == generated, (
        "run: python scripts/record_schema.py > schemas/govorg-record.schema.json"
    )


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=rel)
def test_the_sample_data_validates_against_the_schema(validator: jsonschema.Draft202012Validator, path: Path) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(file_value(path))]
    assert errors == []


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        pytest.param("format: 1\npeople:\n  - {id: li-si, name: 李四, nmae: 李四}\n", "nmae", id="unknown-key"),
        pytest.param(
            "format: 1\norganisations:\n  - {id: x, name: 某局, kind: departmnet}\n", "departmnet", id="bad-enum"
        ),
        pytest.param("format: 2\n", "1 was expected", id="format"),
        pytest.param("format: 1\npeople:\n  - {id: li-si}\n", "'name' is a required property", id="required"),
        pytest.param(
            "format: 1\ndocument: {id: d, title: t, date: 2021-05-01}\nappointments:\n  - {person: li-si, post: {organisation: x, title: y}, probation_months: 十二}\n",
            "is not of type 'integer'",
            id="integer",
        ),
    ],
)
def test_the_schema_rejects_what_validate_rejects(
    validator: jsonschema.Draft202012Validator, text: str, complaint: str
) -> None:
    root, _ = parse_text(text, "x.yaml")
    messages = " ".join(e.message for e in validator.iter_errors(plain(root)))
    assert complaint in messages
