"""Fuzzing the loader: mutated sample files (data/ and tests/fixtures) must give the project's
own problems, never an exception or a hang. Each example replaces one file of a sample folder
with a mutant — bytes flipped, lines deleted, duplicated or re-indented, the file cut short,
YAML tokens inserted, values replaced by weird ones — then loads, validates and, when the
data is valid, compiles it and asks it about every unit. Derandomized and bounded, so CI runs
the same examples every time in well under a minute."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA, TINY
from govorg.loader import load
from govorg.problems import CODES
from govorg.registry import Registry, RegistryError
from govorg.validate import validate

FIXTURES = TINY.parent
FOLDERS = [DATA, TINY, FIXTURES / "leadership-2022", FIXTURES / "committee-succession"]
SAMPLES = [(folder, path.relative_to(folder)) for folder in FOLDERS for path in sorted(folder.rglob("*.yaml"))]

TOKENS = ["[", "]", "{", "}", ",", "&a ", "*a", "- ", ": ", "? ", "!!str ", "|\n", ">-\n", "---\n", "...\n",
          "# ", "'", '"', "\t", "%YAML 1.2\n", "\x00", "\ufeff", "<<: *a\n", "~", "\n  ", "？", "：", "　"]  # fmt: skip
WEIRD = ["1" * 30, "-5", "0", "0000", "0000-01", "9999-12-31", "２０２１-０５-０１", "[" * 300 + "]" * 300,
         "'0000-Q1'", "1e400", ".nan", "true", "~", "''", "*a", "&a [*a]", "../x", "a b", '"a\\nb"',
         "2021-02-29", "2021-04..2021-01", "{a: 1}", "[x, x]", "-", "长府办〔〕号"]  # fmt: skip
DATES = ["0000", "0000-01", "0000-Q2", "9999-12-31", "9999-12", "9999", "２０２１-０５-０１", "2021-13-01",
         "1899-12-31", "2021-0²-01", "2201-01-01", "2021-04..0000", "99999-01-01"]  # fmt: skip
DATE = re.compile(rb"\b\d{4}(?:-\d{2}){0,2}\b")
SCALAR = re.compile(rb"(?<=: )[^\n{}\[\],]+|(?<=- )[^\n{}\[\],:]+")


@st.composite
def mutant(draw: st.DrawFn) -> tuple[int, bytes]:
    index = draw(st.integers(0, len(SAMPLES) - 1))
    folder, rel = SAMPLES[index]
    raw = (folder / rel).read_bytes()
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(
            st.sampled_from(["flip", "delete", "duplicate", "truncate", "indent", "token", "scalar", "date", "deep"])
        )
        lines = raw.split(b"\n")
        if kind == "flip" and raw:
            at = draw(st.integers(0, len(raw) - 1))
            raw = raw[:at] + bytes([raw[at] ^ (1 << draw(st.integers(0, 7)))]) + raw[at + 1 :]
        elif kind == "delete":
            del lines[draw(st.integers(0, len(lines) - 1))]
            raw = b"\n".join(lines)
        elif kind == "duplicate":
            at = draw(st.integers(0, len(lines) - 1))
            lines.insert(at, lines[at])
            raw = b"\n".join(lines)
        elif kind == "truncate":
            raw = raw[: draw(st.integers(0, len(raw)))]
        elif kind == "indent":
            at = draw(st.integers(0, len(lines) - 1))
            shift = draw(st.integers(-4, 4))
            lines[at] = b" " * shift + lines[at] if shift > 0 else lines[at][-shift:]
            raw = b"\n".join(lines)
        elif kind == "token":
            at = draw(st.integers(0, len(raw)))
            raw = raw[:at] + draw(st.sampled_from(TOKENS)).encode() + raw[at:]
        elif kind == "scalar":
            spans = [m.span() for m in SCALAR.finditer(raw)]
            if spans:
                lo, hi = spans[draw(st.integers(0, len(spans) - 1))]
                raw = raw[:lo] + draw(st.sampled_from(WEIRD)).encode() + raw[hi:]
        elif kind == "date":
            spans = [m.span() for m in DATE.finditer(raw)]
            if spans:
                lo, hi = spans[draw(st.integers(0, len(spans) - 1))]
                raw = raw[:lo] + draw(st.sampled_from(DATES)).encode() + raw[hi:]
        elif kind == "deep":
            at = draw(st.integers(0, len(raw)))
            depth = draw(st.sampled_from([60, 1_000, 100_000]))
            raw = raw[:at] + draw(st.sampled_from([b"[", b"{a: ", b"- "])) * depth + raw[at:]
    return index, raw


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    """One writable copy of each sample folder; each example mutates one file and restores it."""
    base = tmp_path_factory.mktemp("fuzz")
    return {folder: Path(shutil.copytree(folder, base / folder.name)) for folder in FOLDERS}


@settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=mutant())
def test_mutated_sample_files_give_only_problems(copies: dict[Path, Path], case: tuple[int, bytes]) -> None:
    index, raw = case
    folder, rel = SAMPLES[index]
    target = copies[folder] / rel
    target.write_bytes(raw)
    try:
        validated = validate(load(copies[folder]))
        for found in validated.problems:
            assert found.code in CODES
            assert found.format().startswith(found.location.path)
        if validated.ok:
            registry = Registry(validated)
            day = date(2021, 7, 1)
            for org_id in registry.catalog.organisations:
                registry.changes(date(2000, 1, 1), day, organisation=org_id)
                registry.in_charge(org_id, on=day)
    except RegistryError:  # the project's own validation error
        pass
    finally:
        shutil.copy(folder / rel, target)
