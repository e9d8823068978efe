"""Fixtures, from cheap to expensive (datasette's habit). Each says when to use it."""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Callable, Iterator
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


POSTGRES = os.environ.get("GOVORG_TEST_POSTGRES")  # set by scripts/with-postgres (and so by .ci/run)
REQUIRE_POSTGRES = os.environ.get("GOVORG_REQUIRE_POSTGRES") == "1"
SOURCES = ["yaml", "sqlite", "postgres"]


def _postgres_or_skip() -> str:
    if POSTGRES:
        return POSTGRES
    if REQUIRE_POSTGRES:
        pytest.fail("GOVORG_REQUIRE_POSTGRES=1 but GOVORG_TEST_POSTGRES is not set: run under scripts/with-postgres")
    pytest.skip("no PostgreSQL: run under `bash scripts/with-postgres` (CI does)")


_counter = itertools.count()


@pytest.fixture(scope="session")
def new_database(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], str]:
    """Make an empty database of a kind ("sqlite" or "postgres") and return its URL."""

    def make(kind: str) -> str:
        n = next(_counter)
        if kind == "sqlite":
            return f"sqlite:///{tmp_path_factory.mktemp('db') / f'govorg-{n}.db'}"
        base = _postgres_or_skip()
        from sqlalchemy import create_engine, text

        name = f"govorg_test_{os.getpid()}_{n}"
        engine = create_engine(base, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        return base.rsplit("/", 1)[0] + f"/{name}"

    return make


@pytest.fixture(scope="session", params=SOURCES)
def registry(request: pytest.FixtureRequest, new_database: Callable[[str], str]) -> Iterator[Registry]:
    """The gazette's registry, once per source: from YAML, and started from SQLite and from
    PostgreSQL after `govorg build` (answers must not depend on the source). Read-only."""
    source: str = request.param
    if source == "yaml":
        yield Registry.load(DATA)
        return
    from govorg.loader import load
    from govorg.sql import build, load_registry
    from govorg.validate import validate

    url = new_database(source)
    build(validate(load(DATA)), url)
    yield load_registry(url)


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
