"""The SQL mapping is derived from the record dataclasses, so every record comes back equal.

- any values the annotations allow, for every kind of record (the kinds are read from
  FileRecords, so a new kind is covered without a change here), in SQLite and PostgreSQL;
- the sample data and every fixture folder: YAML -> SQL -> records equal to the YAML's records;
- a records class with kinds and field types FileRecords does not have yet;
- an annotation the mapping cannot store fails when the mapping is made, naming the field.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any, Literal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, MetaData, create_engine, insert, select

from conftest import DATA, ROOT
from govorg.dates import DateWindow, Precision
from govorg.loader import load
from govorg.problems import Location
from govorg.records import FileRecords
from govorg.registry import Registry
from govorg.sql import build, load_registry
from govorg.sql import schema as t
from govorg.sql.mapping import ORDER, Mapping, UnsupportedAnnotation
from govorg.sql.store import engine_for, load_records, read_records, write_records
from govorg.validate import validate

# -- values from annotations --------------------------------------------------------------------

# Text as YAML can carry it: no NUL (PostgreSQL text refuses it) and no lone surrogates.
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=8)
PATHS = st.sampled_from(["data/a.yaml", "data/b/c.yaml"]) | TEXT  # often the row's own file


def _window() -> st.SearchStrategy[DateWindow]:
    def make(bounds: tuple[date | None, date | None], text: str, precision: Precision) -> DateWindow:
        lo, hi = bounds
        if lo is not None and hi is not None and hi < lo:
            lo, hi = hi, lo
        return DateWindow(lo, hi, text, precision)

    day = st.none() | st.dates()
    return st.builds(make, st.tuples(day, day), TEXT, st.sampled_from(Precision))


SPECIAL: dict[Any, st.SearchStrategy[Any]] = {
    str: TEXT,
    int: st.integers(-(2**63), 2**63 - 1),
    float: st.floats(allow_nan=False),
    bool: st.booleans(),
    date: st.dates(),
    Location: st.builds(Location, PATHS, st.integers(0, 10**6), st.integers(0, 10**4)),
    DateWindow: _window(),
}


def values(tp: Any) -> st.SearchStrategy[Any]:
    """Any value of annotation `tp`, walking it as the mapping does (an unknown type fails)."""
    if tp in SPECIAL:
        return SPECIAL[tp]
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*(st.none() if a is type(None) else values(a) for a in args))
    if isinstance(tp, type) and issubclass(tp, Enum):
        return st.sampled_from(tp)
    if origin is Literal:
        return st.sampled_from(args)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        return st.builds(tp, *(values(hints[f.name]) for f in dataclasses.fields(tp)))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return st.lists(values(args[0]), max_size=3).map(tuple)
    if origin is tuple:
        return st.tuples(*(values(a) for a in args))
    if origin is list:
        return st.lists(values(args[0]), max_size=3)
    if origin is frozenset:
        return st.frozensets(values(args[0]), max_size=3)
    if origin is dict:
        return st.dictionaries(values(args[0]), values(args[1]), max_size=3)
    raise TypeError(f"no strategy for {tp!r}: teach tests/test_sql_roundtrip.py:values the new type")


def kinds(records_class: type) -> list[tuple[str, type]]:
    hints = typing.get_type_hints(records_class)
    return [(f.name, typing.get_args(hints[f.name])[0]) for f in dataclasses.fields(records_class)]


KINDS = kinds(FileRecords)


def records_of(records_class: type, only: str | None = None) -> st.SearchStrategy[Any]:
    return st.builds(
        records_class,
        **{
            name: st.lists(
                values(record), min_size=1 if name == only else 0, max_size=0 if only not in (None, name) else 3
            )
            for name, record in kinds(records_class)
        },
    )


# -- the round trip -----------------------------------------------------------------------------


def round_trip(engine: Engine, records: Any, *, mapping: Mapping | None = None) -> Any:
    """Write the records into the (empty) tables and read them back, in a transaction rolled back after."""
    with engine.connect() as conn:
        transaction = conn.begin()
        try:
            if mapping is None:
                write_records(conn, records)
                return read_records(conn)
            for table, rows in mapping.rows(records):
                if rows:
                    conn.execute(insert(table), rows)
            return mapping.records(lambda kind: conn.execute(select(kind.table).order_by(kind.table.c[ORDER])))
        finally:
            transaction.rollback()


def with_tables(url: str, *metadatas: MetaData) -> Engine:
    engine = engine_for(url)
    with engine.begin() as conn:
        for metadata in metadatas:
            metadata.create_all(conn)
    return engine


FUTURE = MetaData()  # tables for FutureRecords, below


@pytest.fixture(scope="module")
def sqlite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = with_tables(f"sqlite:///{tmp_path_factory.mktemp('roundtrip') / 'r.db'}", t.metadata, FUTURE)
    yield engine
    engine.dispose()


ROUND_TRIP = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("kind", [name for name, _ in KINDS])
def test_every_kind_of_record_comes_back_equal_from_sqlite(kind: str, sqlite: Engine) -> None:
    @ROUND_TRIP
    @given(records_of(FileRecords, only=kind))
    def check(records: FileRecords) -> None:
        assert round_trip(sqlite, records) == records

    check()


@pytest.mark.parametrize("database", ["sqlite", "postgres"])
def test_all_kinds_together_come_back_equal(database: str, new_database: Callable[[str], str]) -> None:
    engine = with_tables(new_database(database), t.metadata)
    try:

        @ROUND_TRIP
        @given(records_of(FileRecords))
        def check(records: FileRecords) -> None:
            assert round_trip(engine, records) == records

        check()
    finally:
        engine.dispose()


FOLDERS = [DATA, *sorted(p for p in (ROOT / "tests" / "fixtures").iterdir() if p.is_dir()), ROOT / "tests" / "broken"]


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_yaml_records_come_back_equal(folder: Path, sqlite: Engine) -> None:
    records = load(folder).records
    assert sum(len(getattr(records, name)) for name, _ in KINDS) > 0
    assert round_trip(sqlite, records) == records


def test_a_built_database_holds_the_records_the_yaml_does(new_database: Callable[[str], str]) -> None:
    url = new_database("sqlite")
    loaded = load(DATA)
    build(validate(loaded), url)
    engine = engine_for(url)
    try:
        from_db = load_records(engine)
    finally:
        engine.dispose()
    assert from_db.records == loaded.records
    assert from_db.files == loaded.files and from_db.content_hash == loaded.content_hash
    assert load_registry(url).info().counts == Registry.load(DATA).info().counts


# -- kinds and field types FileRecords does not have (yet) --------------------------------------


class Role(Enum):
    CHAIR = "主任"
    MEMBER = "成员"


class Level(Enum):
    PROVINCE = 1
    CITY = 2


@dataclass(frozen=True, slots=True)
class Note:  # all fields optional: stored as JSON when the note itself is optional
    text: str | None
    on: date | None


@dataclass(frozen=True, slots=True)
class Group:
    role: Role
    sorted_by_strokes: bool
    labels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Government:
    id: str
    level: Level
    founded: date | None
    kind: Literal["省", "市", "区"]
    share: float
    note: Note | None
    required_note: Note
    groups: tuple[Group, ...]
    by_role: dict[Role, tuple[Location, ...]]
    by_level: dict[Level, str]
    pair: tuple[str, date]
    names: list[str]
    tags: frozenset[str]
    window: DateWindow
    location: Location


@dataclass(frozen=True, slots=True)
class Stamp:  # a kind with no location of its own
    text: str
    at: Location


@dataclass(slots=True)
class FutureRecords:
    governments: list[Government] = field(default_factory=list)
    stamps: list[Stamp] = field(default_factory=list)


FUTURE_MAPPING = Mapping(FutureRecords, FUTURE)


def test_a_new_kind_with_new_field_types_needs_no_change_in_sql(sqlite: Engine) -> None:
    columns = {c.name: c for c in FUTURE.tables["governments"].columns}
    assert columns["level"].type.python_type is int and columns["founded"].nullable
    assert {"window_earliest", "required_note_text", "location_path"} <= set(columns)
    assert "note" in columns and "note_text" not in columns  # no column shows whether it is None

    @ROUND_TRIP
    @given(records_of(FutureRecords))
    def check(records: FutureRecords) -> None:
        assert round_trip(sqlite, records, mapping=FUTURE_MAPPING) == records

    check()


def test_the_fingerprint_follows_the_records() -> None:
    a = FUTURE_MAPPING.fingerprint
    assert Mapping(FutureRecords, MetaData()).fingerprint == a
    assert Mapping(FileRecords, MetaData()).fingerprint != a


# -- what the mapping refuses -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Part:
    b: str


UNSUPPORTED = [
    ("set", set[str], "Bad.x: the annotation"),
    ("any", Any, "Bad.x: the annotation"),
    ("union", int | str, "Bad.x: the union"),
    ("tuple-key", dict[tuple[int, int], str], "Bad.x: dict keys must be"),
    ("mixed-literal", Literal["a", 1], "Bad.x"),
    ("nested", tuple[set[int], ...], "Bad.x[]"),
]


@pytest.mark.parametrize(
    ("annotation", "where"), [(a, w) for _, a, w in UNSUPPORTED], ids=[i for i, _, _ in UNSUPPORTED]
)
def test_an_annotation_sql_cannot_store_fails_when_the_mapping_is_made(annotation: Any, where: str) -> None:
    bad = dataclasses.make_dataclass("Bad", [("x", annotation)])
    holder = dataclasses.make_dataclass("Holder", [("bads", list[bad], field(default_factory=list))])
    with pytest.raises(UnsupportedAnnotation, match=re.escape(where)):
        Mapping(holder, MetaData())


@dataclass(frozen=True, slots=True)
class Node:
    name: str
    parent: Node | None


def test_a_dataclass_that_contains_itself_is_refused() -> None:
    holder = dataclasses.make_dataclass("Holder", [("nodes", list[Node])])
    with pytest.raises(UnsupportedAnnotation, match="Node contains itself"):
        Mapping(holder, MetaData())


def test_two_fields_sharing_a_column_and_a_kind_that_is_not_a_list_are_refused() -> None:
    clash = dataclasses.make_dataclass("Clash", [("a", Part), ("a_b", str)])
    holder = dataclasses.make_dataclass("Holder", [("clashes", list[clash])])
    with pytest.raises(UnsupportedAnnotation, match=r"Clash.a_b and Part.b would both be stored in column clashes.a_b"):
        Mapping(holder, MetaData())
    single = dataclasses.make_dataclass("Single", [("one", Part)])
    with pytest.raises(UnsupportedAnnotation, match=r"Single.one: a record kind must be `list\[SomeRecord\]`"):
        Mapping(single, MetaData())
    ordered = dataclasses.make_dataclass("Ordered", [(ORDER, int)])
    holder = dataclasses.make_dataclass("Holder", [("rows", list[ordered])])
    with pytest.raises(UnsupportedAnnotation, match=f"Ordered.{ORDER} and the mapping's own row order"):
        Mapping(holder, MetaData())


# -- the loader's per-kind code is derived too --------------------------------------------------


def test_merging_files_keeps_every_kind_in_order() -> None:
    from govorg.loader import merge

    @settings(max_examples=20, deadline=None)
    @given(records_of(FileRecords), records_of(FileRecords))
    def check(a: FileRecords, b: FileRecords) -> None:
        into = FileRecords()
        merge(into, a)
        merge(into, b)
        for name, _ in KINDS:
            assert getattr(into, name) == getattr(a, name) + getattr(b, name)

    check()


def test_an_old_database_is_rebuilt_not_misread(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    with engine.begin() as conn:  # what schema version 1 left: its own tables and meta
        t.meta.create(conn)
        conn.exec_driver_sql("CREATE TABLE personnel (id TEXT)")
        conn.exec_driver_sql("CREATE TABLE documents (id TEXT, date_text TEXT)")
        conn.exec_driver_sql("CREATE TABLE kept (id TEXT)")  # someone else's table
        conn.execute(insert(t.meta), [{"key": "schema_version", "value": "1"}, {"key": "data_version", "value": "x"}])
    engine.dispose()
    with pytest.raises(Exception, match="built by another version of govorg"):
        load_records(engine_for(url))
    loaded = load(DATA)
    assert build(validate(loaded), url).changed
    engine = engine_for(url)
    try:
        assert load_records(engine).records == loaded.records
        with engine.connect() as conn:
            names = {row[0] for row in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        engine.dispose()
    assert "personnel" not in names and "kept" in names
