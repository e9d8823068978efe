"""SQL: the compiled registry in SQLite or PostgreSQL (the only package that touches SQLAlchemy)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from govorg.loader import paused_gc
from govorg.registry import Registry
from govorg.sql.store import NOTIFY_CHANNEL, BuildResult, engine_for, load_records, readable_meta, stored_version
from govorg.sql.store import build as _build
from govorg.sql.trusted import read_trusted, untrusted_because
from govorg.validate import Validated, validate

log = logging.getLogger("govorg.sql")

__all__ = [
    "NOTIFY_CHANNEL",
    "BuildResult",
    "DatabaseError",
    "build",
    "engine_for",
    "libpq_conninfo",
    "load_registry",
    "start_registry",
    "stored_version",
    "version_of",
]


class DatabaseError(Exception):
    """The database could not be reached, read or written; the message says how."""


@contextmanager
def database_errors(url: str, doing: str) -> Iterator[None]:
    """Turn the database's own errors (and rows no build of ours wrote) into a DatabaseError
    that says which database and what was being done."""
    try:
        yield
    except LookupError as exc:
        raise DatabaseError(f"{url}: {exc}") from exc
    except (SQLAlchemyError, ImportError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else ""
        raise DatabaseError(f"cannot {doing} {url}: {exc.__class__.__name__}: {first}") from exc


def load_registry(url: str, *, trust: bool = True) -> Registry:
    """A registry started from a database built by `govorg build`, without parsing YAML.

    A build this govorg made and marked validated is trusted: the registry is built straight
    from its rows (govorg.sql.trusted). Any other build is validated in full, as from YAML, with
    a warning saying how to get the fast start back; so is every build with `trust=False`."""
    with database_errors(url, "read"):
        engine = engine_for(url)
        try:
            with paused_gc():
                for _ in range(3):  # a build committed between reading meta and the rows: again
                    meta = readable_meta(engine)
                    why = untrusted_because(meta) if trust else "asked to validate"
                    if why is not None:
                        break
                    validated = read_trusted(engine, meta["data_version"])
                    if validated is not None:
                        return Registry.trusted(validated)
                if why is not None and trust:
                    shown = engine.url.render_as_string(hide_password=True)
                    log.warning(
                        "%s: %s; validating every record instead (slow: run `govorg build` again with this govorg "
                        "for a fast start)",
                        shown,
                        why,
                    )
                return Registry(validate(load_records(engine)))
        finally:
            engine.dispose()


def start_registry(url: str) -> Registry:
    """A registry that answers before all of a trusted build is read (govorg.sql.early): call
    its `finish()` in a thread for the whole registry. A build this govorg does not trust is
    loaded (and validated) in full, as by `load_registry`."""
    from govorg.sql.early import open_early

    with database_errors(url, "read"):
        early = open_early(url)
    return early if early is not None else load_registry(url)


def build(validated: Validated, url: str) -> BuildResult:
    """Compile validated records into the database at `url` in one transaction."""
    with database_errors(url, "write"):
        engine = engine_for(url)
        try:
            return _build(validated, engine)
        finally:
            engine.dispose()


def version_of(url: str) -> str | None:
    """The data version a database holds (for watching it), or None."""
    with database_errors(url, "read"):
        engine = engine_for(url)
        try:
            return stored_version(engine)
        finally:
            engine.dispose()


def libpq_conninfo(url: str) -> str | None:
    """The libpq connection string for a PostgreSQL database URL (what psycopg's own connections
    take, for LISTEN), or None when the URL names another kind of database."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "postgresql":
        return None
    return parsed.set(drivername="postgresql").render_as_string(hide_password=False)
