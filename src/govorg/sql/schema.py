"""SQLAlchemy tables: the registry's records, and the compiled tenures for SQL users.

The record tables mirror the YAML records closely enough to rebuild them without parsing YAML
(`govorg serve --db`). `tenures` is the compiled answer for analysts and portals who speak SQL:
each tenure's possible and certain windows, indexed for "who holds this post on this day":

    SELECT person_id, certain_from <= :d AND :d < certain_until AS certain
    FROM tenures
    WHERE organisation_id = :org AND title_key = :title
      AND possible_from <= :d AND :d < possible_until;

Dates are ISO text (YYYY-MM-DD) in every dialect: they sort and compare as dates, and the
open ends are 0001-01-01 and 9999-12-31.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()


def _located(*columns: Column[object]) -> list[Column[object]]:
    """Columns plus where the record was written, so answers can cite file:line."""
    return [*columns, Column("path", Text, nullable=False), Column("line", Integer), Column("col", Integer)]


def _window(prefix: str) -> list[Column[object]]:
    return [
        Column(f"{prefix}_text", Text),
        Column(f"{prefix}_earliest", String(10)),
        Column(f"{prefix}_latest", String(10)),
        Column(f"{prefix}_precision", String(10)),
    ]


meta = Table("meta", metadata, Column("key", String(64), primary_key=True), Column("value", Text))

files = Table("files", metadata, Column("path", Text, primary_key=True))

documents = Table(
    "documents",
    metadata,
    *_located(
        Column("id", Text, primary_key=True),
        Column("number", Text),
        Column("canonical_number", Text, index=True),
        Column("title", Text, nullable=False),
        Column("issuer", Text),
        *_window("date"),
        Column("kind", String(20), nullable=False),
        Column("published_in", Text),
        Column("page", Integer),
    ),
)

organisations = Table(
    "organisations",
    metadata,
    *_located(
        Column("id", Text, primary_key=True),
        Column("name", Text, nullable=False),
        Column("kind", String(20), nullable=False),
        Column("parent", Text),
        Column("note", Text),
    ),
)

organisation_names = Table(
    "organisation_names",
    metadata,
    Column("organisation_id", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("kind", String(10), nullable=False),  # short or brand
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False, index=True),
)

renames = Table(
    "renames",
    metadata,
    *_located(
        Column("organisation_id", Text, nullable=False),
        Column("position", Integer, nullable=False),
        *_window("on"),
        Column("former_name", Text, nullable=False),
        Column("source", Text),
    ),
)

group_members = Table(
    "group_members",
    metadata,
    Column("group_id", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("member", Text, nullable=False),
)

people = Table(
    "people", metadata, *_located(Column("id", Text, primary_key=True), Column("name", Text, nullable=False))
)

person_names = Table(
    "person_names",
    metadata,
    Column("person_id", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("printed", Text, nullable=False),
)

# Appointments, removals and attestations share one table: `kind` says which.
personnel = Table(
    "personnel",
    metadata,
    *_located(
        Column("id", Text, primary_key=True),
        Column("position", Integer, nullable=False),  # file order
        Column("kind", String(12), nullable=False),  # appointment, removal, attestation
        Column("person", Text, nullable=False),
        Column("printed", Text),
        Column("confirmation", Boolean, nullable=False, default=False),
        *_window("date"),
        Column("probation_months", Integer),
        Column("rank", Text),
        Column("predecessor", Text),
        Column("unrecorded", Boolean, nullable=False, default=False),
        Column("source", Text, nullable=False),
        Column("form", String(20)),  # appointments: appointed, confirmed, acting, approved
        Column("reason", String(24)),  # removals: removed, no_longer, resigned, transferred, probation_terminated
        Column("appointed_by", Text),  # 批准任命
        Column("approved_by", Text),
        Column("accepted_by", Text),  # 辞去
    ),
)

# `titles:` rules: how many people may hold a title in one organisation or one kind.
title_rules = Table(
    "title_rules",
    metadata,
    *_located(
        Column("position", Integer, nullable=False),
        Column("title", Text, nullable=False),
        Column("holders", String(4), nullable=False),  # one, many
        Column("organisation", Text),  # as written
        Column("kind", String(20)),
    ),
)

record_posts = Table(
    "record_posts",
    metadata,
    Column("record_id", Text, nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("organisation", Text, nullable=False),  # as written
    Column("title", Text, nullable=False),
)

leadership_versions = Table(
    "leadership_versions",
    metadata,
    *_located(
        Column("id", Text, primary_key=True),
        Column("source", Text, nullable=False),
        *_window("date"),
        Column("government", Text),
    ),
)

leaders = Table(
    "leaders",
    metadata,
    *_located(
        Column("version_id", Text, nullable=False),
        Column("position", Integer, nullable=False),
        Column("person", Text, nullable=False),
        Column("printed", Text),
    ),
)

leader_items = Table(
    "leader_items",
    metadata,
    Column("version_id", Text, nullable=False),
    Column("leader_position", Integer, nullable=False),
    Column("relation", String(12), nullable=False),  # leads, in_charge, assists, liaises, work
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
)

stand_in_pairs = Table(
    "stand_in_pairs",
    metadata,
    Column("version_id", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("first", Text, nullable=False),
    Column("second", Text, nullable=False),
)

rosters = Table(
    "rosters",
    metadata,
    *_located(
        Column("id", Text, primary_key=True),
        Column("source", Text, nullable=False),
        *_window("date"),
        Column("committee", Text, nullable=False),
        Column("succession", String(10), nullable=False),
        Column("succession_printed", Text),
        Column("office_host", Text),
        Column("office_director", Text),
        Column("office_printed", Text),
        Column("office_line", Integer),
        Column("office_col", Integer),
    ),
)

roster_takes_over = Table(
    "roster_takes_over",
    metadata,
    Column("roster_id", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("body", Text, nullable=False),
)

seats = Table(
    "seats",
    metadata,
    *_located(
        Column("roster_id", Text, nullable=False),
        Column("position", Integer, nullable=False),
        Column("role", Text, nullable=False),
        Column("member", Text),
        Column("printed", Text),
    ),
)

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
    Column("notes", Text),  # re-appointments folded in, one per line
    Index("tenures_by_post_and_day", "organisation_id", "title_key", "possible_from", "possible_until"),
    Index("tenures_by_person_and_day", "person_id", "possible_from", "possible_until"),
)
