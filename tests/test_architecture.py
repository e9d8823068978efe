"""The pipeline's boundaries (STYLE.md): the core never imports api, cli or sql; one module
touches ruamel.yaml, one networkx; strawberry and starlette live in api/, SQLAlchemy in sql/;
every problem code is documented."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import ROOT
from govorg.problems import CODES

SRC = ROOT / "src" / "govorg"


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def rel(path: Path) -> str:
    return path.relative_to(SRC).as_posix()


CORE_FORBIDDEN = ("govorg.api", "govorg.cli", "govorg.sql", "strawberry", "starlette", "uvicorn", "sqlalchemy")
ONLY_IN = {
    "ruamel": lambda r: r in ("yamlio.py", "yamlfmt.py"),  # reading records; fmt writing them
    "networkx": lambda r: r == "graph.py",
    "strawberry": lambda r: r.startswith("api/"),
    "starlette": lambda r: r.startswith("api/"),
    "sqlalchemy": lambda r: r.startswith("sql/"),
}


@pytest.mark.parametrize("path", modules(), ids=rel)
def test_module_boundaries(path: Path) -> None:
    r = rel(path)
    found = imports(path)
    core = not (r.startswith(("api/", "sql/", "cli/")) or r == "synth.py")
    for name in found:
        top = name.split(".")[0]
        if core:
            assert not name.startswith(CORE_FORBIDDEN), f"core module {r} imports {name}"
        if top in ONLY_IN:
            assert ONLY_IN[top](r), f"{r} imports {top}"


def test_every_problem_code_is_documented() -> None:
    doc = (ROOT / "docs" / "problems.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^## (GO\d{3})", doc, re.MULTILINE))
    assert documented == set(CODES)


def test_every_code_used_in_src_is_in_the_catalogue() -> None:
    used = {code for path in modules() for code in re.findall(r'"(GO\d{3})"', path.read_text(encoding="utf-8"))}
    assert used <= set(CODES), used - set(CODES)
