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


def _info_parameters(function: ast.FunctionDef) -> list[str]:
    every = function.args.posonlyargs + function.args.args + function.args.kwonlyargs
    return [a.arg for a in every if isinstance(a.annotation, ast.Name) and a.annotation.id == "Info"]


def test_api_resolvers_read_only_the_context_of_their_info() -> None:
    """A direct run gives govorg's own resolvers a stand-in for their `info` that holds only the
    request's context (govorg.api.lean.CONTEXT, govorg.api.direct.ContextInfo). That is exact only
    while every function of govorg.api taking an `Info` reads `info.context` and nothing else of
    it, or hands it on to another such function."""
    functions: dict[str, list[ast.FunctionDef]] = {}
    for path in sorted((SRC / "api").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and _info_parameters(node):
                functions.setdefault(node.name, []).append(node)
    assert {"registry_of", "person_of", "holders", "in_charge"} <= set(functions)  # the scan sees them
    takers = set(functions)
    wrong: list[str] = []
    for name, defined in functions.items():
        for function in defined:
            names = set(_info_parameters(function))
            parents = {id(child): parent for parent in ast.walk(function) for child in ast.iter_child_nodes(parent)}
            for node in ast.walk(function):
                if not (isinstance(node, ast.Name) and node.id in names):
                    continue
                parent = parents.get(id(node))
                if isinstance(parent, ast.Attribute) and parent.attr == "context":
                    continue
                if (
                    isinstance(parent, ast.Call)
                    and node in parent.args
                    and isinstance(parent.func, ast.Name)
                    and parent.func.id in takers
                ):
                    continue
                wrong.append(f"{name} (line {node.lineno})")
    assert not wrong, f"these use their info beyond info.context: {wrong}"
