"""Fixtures, from cheap to expensive (datasette's habit). Each says when to use it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govorg.registry import Registry

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
TINY = Path(__file__).resolve().parent / "fixtures" / "tiny"
SEED = ROOT.parent / "shared" / "seed" / "000_c9c6d1ae0fa30f7b.txt"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The sample data folder (the gazette); use when a test only reads paths."""
    return DATA


@pytest.fixture(scope="session")
def registry() -> Registry:
    """The gazette's registry, loaded once per session; use for read-only questions."""
    return Registry.load(DATA)


@pytest.fixture(scope="session")
def tiny_registry() -> Registry:
    """The tiny hand-made registry in tests/fixtures/tiny; use for unit-sized behaviour."""
    return Registry.load(TINY)


@pytest.fixture
def tiny_copy(tmp_path: Path) -> Path:
    """A writable copy of the tiny registry; use when a test adds or edits files."""
    target = tmp_path / "data"
    shutil.copytree(TINY, target)
    return target


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the gazette data; use when a test adds synthetic records to it."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target
