"""Compile validated records into a database, and read them back without parsing YAML.

`build` writes every table in one transaction, and is a no-op when the database already holds
the same data version (the content hash of the YAML) under the same mapping and govorg code.
A start from a build this govorg made reads the registry straight from the rows
(govorg.sql.trusted); from any other build, `load_records` rebuilds the records and the
registry goes through the same validation and compilation as from YAML. The record rows come
from govorg.sql.mapping, derived from the record dataclasses.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, MetaData, Table, create_engine, delete, event, insert, inspect, select, text

from govorg.dates import DateWindow
from govorg.loader import Loaded
from govorg.names import name_key
from govorg.records import FileRecords
from govorg.registry import git_commit
from govorg.sql import schema as t
from govorg.sql.mapping import ORDER
from govorg.sql.trusted import tenure_links, trust_marks, untrusted_because
from govorg.tenures import Tenure
from govorg.validate import Validated

# Changes with the record dataclasses: a database built under another mapping is rebuilt.
SCHEMA_VERSION = f"3-{t.records.fingerprint}"  # 3: tenures.tenure_order and tenures.links
_BATCH = 5000
# The PostgreSQL channel a build NOTIFYs with the new data version; replicas LISTEN on it (govorg.api.notify).
NOTIFY_CHANNEL = "govorg_data"
# The tables of schema version 1 (hand-written), dropped when a database built then is rebuilt.
_LEGACY_TABLES = (
    "organisation_names",
    "renames",
    "group_members",
    "person_names",
    "personnel",
    "record_posts",
    "leadership_versions",
    "leaders",
    "leader_items",
    "stand_in_pairs",
    "roster_takes_over",
    "seats",
)


@dataclass(frozen=True, slots=True)
class BuildResult:
    data_version: str
    changed: bool  # False: the database already held this data version
    rows: int


def engine_for(url: str) -> Engine:
    """An engine for a database URL: sqlite:///govorg.db, postgresql+psycopg://user@host/db."""
    engine = create_engine(url, future=True)
    if engine.url.get_backend_name() == "sqlite":
        _transactional_ddl(engine)
    return engine


def _transactional_ddl(engine: Engine) -> None:
    """pysqlite opens a transaction only before DML, so a build's CREATE and DROP would commit
    on their own; begin explicitly so a failed build leaves the database as it was (SQLAlchemy's
    documented recipe)."""

    @event.listens_for(engine, "connect")
    def _no_implicit_transactions(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN")


def _stored_meta(engine: Engine) -> dict[str, str] | None:
    if not inspect(engine).has_table("meta"):
        return None
    with engine.connect() as conn:
        return {row.key: row.value for row in conn.execute(select(t.meta))}


def stored_version(engine: Engine) -> str | None:
    """The data version the database holds, or None when it holds no registry."""
    meta = _stored_meta(engine)
    return meta.get("data_version") if meta else None


def build(validated: Validated, engine: Engine) -> BuildResult:
    """Write the registry in one transaction; skip when the same data version is stored."""
    version = validated.loaded.content_hash
    stored = _stored_meta(engine)
    if (
        stored
        and stored.get("data_version") == version
        and stored.get("schema_version") == SCHEMA_VERSION
        and untrusted_because(stored) is None  # a build by other govorg code is redone, to be trusted
    ):
        return BuildResult(version, False, 0)
    rows = 0
    with engine.begin() as conn:
        if stored is not None and stored.get("schema_version") != SCHEMA_VERSION:
            _drop_old_tables(conn, stored)
        t.metadata.create_all(conn)
        for table in reversed(t.metadata.sorted_tables):
            conn.execute(delete(table))
        for table, batch in _rows(validated):
            conn.execute(insert(table), batch)
            rows += len(batch)
        meta = {
            "schema_version": SCHEMA_VERSION,
            "data_version": version,
            "git_commit": git_commit(validated.loaded.root) or "",
            "source": str(validated.loaded.root),
            "tables": " ".join(sorted(t.metadata.tables)),
            **trust_marks(validated),
        }
        conn.execute(insert(t.meta), [{"key": k, "value": v} for k, v in meta.items()])
        if conn.dialect.name == "postgresql":
            # The planner's statistics of the new rows, committed with them: without them the first
            # reads by id of every new connection plan for a table of unknown size (~80 ms at 100k
            # tenures instead of ~20 ms for an early start's first answer, govorg.sql.early).
            quote = conn.dialect.identifier_preparer.quote
            conn.execute(text("ANALYZE " + ", ".join(quote(name) for name in sorted(t.metadata.tables))))
            # PostgreSQL delivers it when this transaction commits, so no replica reloads half a build.
            conn.execute(text("SELECT pg_notify(:channel, :version)"), {"channel": NOTIFY_CHANNEL, "version": version})
    return BuildResult(version, True, rows)


def _drop_old_tables(conn: Connection, stored: dict[str, str]) -> None:
    """A database built under another mapping: drop the tables that build made (their columns
    differ), never any other table that shares the database."""
    names = set(stored.get("tables", "").split()) | set(t.metadata.tables)
    if stored.get("schema_version") == "1":
        names |= set(_LEGACY_TABLES)
    existing = set(inspect(conn).get_table_names())
    old = MetaData()
    for name in sorted(names & existing):
        Table(name, old)
    old.drop_all(conn)


# -- records -> rows -------------------------------------------------------------------------------


def _win(prefix: str, window: DateWindow | None) -> dict[str, Any]:
    if window is None:
        return {
            f"{prefix}_text": None,
            f"{prefix}_earliest": None,
            f"{prefix}_latest": None,
            f"{prefix}_precision": None,
        }
    return {
        f"{prefix}_text": window.text,
        f"{prefix}_earliest": window.earliest.isoformat() if window.earliest else None,
        f"{prefix}_latest": window.latest.isoformat() if window.latest else None,
        f"{prefix}_precision": window.precision.value,
    }


def write_records(conn: Connection, records: FileRecords) -> int:
    """Insert every record into its kind's table (the tables exist and are empty); the row count."""
    rows = 0
    for table, batch in _record_rows(records):
        conn.execute(insert(table), batch)
        rows += len(batch)
    return rows


def _record_rows(records: FileRecords) -> Iterator[tuple[Table, list[dict[str, Any]]]]:
    for table, rows in t.records.rows(records):
        for start in range(0, len(rows), _BATCH):
            yield table, rows[start : start + _BATCH]


def _rows(validated: Validated) -> Iterator[tuple[Table, list[dict[str, Any]]]]:
    yield t.files, [{"path": p} for p in validated.loaded.files]
    yield from _record_rows(validated.loaded.records)
    tenures = [
        {
            "id": tenure.id,
            "person_id": tenure.person_id,
            "organisation_id": tenure.post.organisation_id,
            "title": tenure.post.title,
            "title_key": name_key(tenure.post.title),
            **_win("start", tenure.start),
            **_win("end", tenure.end),
            "possible_from": tenure.possible_from.isoformat(),
            "possible_until": tenure.possible_until.isoformat(),
            "certain_from": tenure.certain_from.isoformat(),
            "certain_until": tenure.certain_until.isoformat(),
            "probation_months": tenure.probation_months,
            "sources": " ".join(tenure.sources),
            "acting": tenure.acting,
            "acting_until": _acting_until(tenure),
            "notes": "\n".join(tenure.notes) or None,
            "tenure_order": order,
            "links": tenure_links(tenure),
        }
        for order, tenure in enumerate(validated.tenures)
    ]
    for start in range(0, len(tenures), _BATCH):
        yield t.tenures, tenures[start : start + _BATCH]


def _acting_until(tenure: Tenure) -> str | None:
    """The earliest day the 代理 may have ended: the later 任命, or the tenure's end."""
    if not tenure.acting:
        return None
    ended = tenure.acting_ended
    day = ended.date.earliest if ended is not None else None
    return (day or tenure.possible_until).isoformat()


# -- rows -> records -------------------------------------------------------------------------------


def read_records(conn: Connection) -> FileRecords:
    """Every record the database holds, in the order they were written."""
    records: FileRecords = t.records.records(
        lambda kind: conn.execute(select(kind.table).order_by(kind.table.c[ORDER]))
    )
    return records


def readable_meta(engine: Engine) -> dict[str, str]:
    """The meta of a database this govorg can read; LookupError saying what to do otherwise."""
    database = engine.url.database
    if (
        engine.url.get_backend_name() == "sqlite"
        and database
        and database != ":memory:"
        and not Path(database).exists()
    ):
        raise LookupError("no such database file; run `govorg build` first")
    meta = _stored_meta(engine)
    if not meta or "data_version" not in meta:
        raise LookupError("the database holds no govorg registry; run `govorg build` first")
    if meta.get("schema_version") != SCHEMA_VERSION:
        raise LookupError(
            "the database was built by another version of govorg (its tables do not match these records); "
            "run `govorg build` again"
        )
    return meta


def load_records(engine: Engine) -> Loaded:
    """Rebuild the records a database holds; `Loaded` as if the YAML had just been read."""
    meta = readable_meta(engine)
    with engine.connect() as conn:
        records = read_records(conn)
        files = [row.path for row in conn.execute(select(t.files))]
    loaded = Loaded(Path(meta.get("source", ".")), records, [], files, meta["data_version"])
    loaded.git_commit = meta.get("git_commit") or None
    return loaded
