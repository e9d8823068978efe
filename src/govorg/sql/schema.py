"""SQLAlchemy tables: the registry's records, and the compiled tenures for SQL users.

The record tables are derived from the record dataclasses (govorg.sql.mapping): one table per
kind of record (`documents`, `organisations`, `people`, `appointments`, …, one per list field
of `FileRecords`), one row per record, closely enough to rebuild the records without parsing
YAML (`govorg serve --db`). Scalar fields are columns, nested dataclasses are flattened into
`field_subfield` columns (a date window `date` is `date_text`, `date_earliest`, `date_latest`,
`date_precision`), and tuples and mappings are JSON text, which PostgreSQL reads with `::jsonb`
and SQLite with `json_each`.

`tenures` is the compiled answer for analysts and portals who speak SQL: each tenure's possible
and certain windows, indexed for "who holds this post on this day":

    SELECT person_id, certain_from <= :d AND :d < certain_until AS certain
    FROM tenures
    WHERE organisation_id = :org AND title_key = :title
      AND possible_from <= :d AND :d < possible_until;

Dates are ISO text (YYYY-MM-DD) in every dialect: they sort and compare as dates, and the
open ends are 0001-01-01 and 9999-12-31.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Index, Integer, MetaData, String, Table, Text

from govorg.records import FileRecords
from govorg.sql.mapping import Mapping

metadata = MetaData()


def _window(prefix: str) -> list[Column[object]]:
    return [
        Column(f"{prefix}_text", Text),
        Column(f"{prefix}_earliest", String(10)),
        Column(f"{prefix}_latest", String(10)),
        Column(f"{prefix}_precision", String(10)),
    ]


meta = Table("meta", metadata, Column("key", String(64), primary_key=True), Column("value", Text))

files = Table("files", metadata, Column("path", Text, primary_key=True))

# One table per record kind, derived: a field or kind added to govorg.records needs no change here.
records = Mapping(FileRecords, metadata)

# Compiled: one row per tenure, for SQL users. Rebuilt from the records on every build.
tenures = Table(
    "tenures",
    metadata,
    Column("id", Text, primary_key=True),
    Column("person_id", Text, nullable=False),
    Column("organisation_id", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("title_key", Text, nullable=False),
    *_window("start"),
    *_window("end"),
    Column("possible_from", String(10), nullable=False),
    Column("possible_until", String(10), nullable=False),
    Column("certain_from", String(10), nullable=False),
    Column("certain_until", String(10), nullable=False),
    Column("probation_months", Integer),
    Column("sources", Text, nullable=False),  # document ids, space-separated
    Column("acting", Boolean, nullable=False, default=False),  # started by 代理
    Column("acting_until", String(10)),  # the earliest day the 代理 may have ended (a later 任命)
    Column("notes", Text),  # re-appointments folded into the tenure, one per line
    # For a trusted start (govorg.sql.trusted): the fold's order, and the records it folded, by id.
    Column("tenure_order", Integer, nullable=False),
    Column("links", Text, nullable=False),
    Index("tenures_by_post_and_day", "organisation_id", "title_key", "possible_from", "possible_until"),
    Index("tenures_by_person_and_day", "person_id", "possible_from", "possible_until"),
)
