"""The SQL mapping of the records, derived from their dataclass annotations.

Nothing here names a record kind or a field: one table per list field of the records class
(`FileRecords`), one row per record in load order (`record_order`), and for each field

- one column when its type is a scalar: str, int, bool, float, datetime.date (ISO text, which
  sorts and compares as a date in every dialect), an Enum (its value) or a Literal; `X | None`
  makes the column nullable;
- the columns of its fields, named `field_subfield`, when it is a dataclass (DateWindow, Ref,
  Location, …), recursively. An optional dataclass is flattened when one of its columns is never
  NULL for a present value (its witness), and stored as JSON otherwise;
- one JSON column (text) for everything else: tuples, lists, dicts. The JSON is read back by
  walking the annotation, so it carries no type tags: a dataclass is the list of its fields in
  declared order, and a Location in the row's own file is `[line, col]` (the path is the row's).

So adding a field or a record kind to the records needs no change here. The mapping's
`fingerprint` is stored in the database, so a database built before such a change is rebuilt
by `govorg build` and refused by readers, never misread. An annotation this module cannot store
raises `UnsupportedAnnotation` when the mapping is made (importing govorg.sql), so a new field
type fails loudly in the tests instead of being lost.
"""

from __future__ import annotations

import dataclasses
import hashlib
import types
import typing
from collections.abc import Callable, Sequence
from datetime import date
from enum import Enum
from typing import Any

import orjson
from sqlalchemy import BigInteger, Boolean, Column, Float, Index, MetaData, Table, Text
from sqlalchemy.types import TypeEngine

from govorg.problems import Location

ORDER = "record_order"  # the row's position in the records' list: rows are read back in this order

Row = Sequence[Any]
Encode = Callable[[Any, str | None], Any]  # a value and its row's path -> JSON-ready value
Decode = Callable[[Any, str | None], Any]  # the reverse


class UnsupportedAnnotation(TypeError):
    """A record field whose type the SQL mapping cannot store; the message says which and why."""


def _identity(value: Any) -> Any:
    return value


@dataclasses.dataclass(frozen=True, slots=True)
class _Scalar:
    """A type stored as one column value (and as itself in JSON)."""

    sql: Callable[[], TypeEngine[Any]]
    to_db: Callable[[Any], Any]
    from_db: Callable[[Any], Any]
    describe: str


def _scalar(tp: Any, where: str) -> _Scalar | None:
    if tp is bool:  # bool() on reading: SQLite's driver, read without SQLAlchemy, returns 0 and 1
        return _Scalar(Boolean, _identity, bool, "bool")
    if tp is int:
        return _Scalar(BigInteger, _identity, _identity, "int")
    if tp is float:
        return _Scalar(Float, _identity, _identity, "float")
    if tp is str:
        return _Scalar(Text, _identity, _identity, "str")
    if tp is date:
        return _Scalar(Text, date.isoformat, date.fromisoformat, "date")
    if isinstance(tp, type) and issubclass(tp, Enum):
        values = [member.value for member in tp]
        sql = _values_type(values, f"{where}: enum {tp.__name__}")
        # a dict lookup, not `tp(value)`: Enum's __call__ is Python code, and the hot path of a
        # start from the database calls it for every date window (KeyError for a stray value)
        members = {member.value: member for member in tp}
        return _Scalar(sql, _enum_value, members.__getitem__, f"enum {tp.__name__}{sorted(map(str, values))}")
    if typing.get_origin(tp) is typing.Literal:
        values = list(typing.get_args(tp))
        return _Scalar(_values_type(values, f"{where}: {tp!r}"), _identity, _identity, f"literal{values!r}")
    return None


def _enum_value(member: Enum) -> Any:
    return member.value


def _values_type(values: list[Any], where: str) -> Callable[[], TypeEngine[Any]]:
    if values and all(type(v) is str for v in values):
        return Text
    if values and all(type(v) is int for v in values):
        return BigInteger
    raise UnsupportedAnnotation(f"{where}: values must be all text or all integers to be stored, not {values!r}")


def _optional(tp: Any, where: str) -> tuple[Any, bool]:
    """`X | None` -> (X, True); X -> (X, False). Other unions are refused."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) != 1:
            raise UnsupportedAnnotation(
                f"{where}: the union {tp!r} cannot be stored; only `X | None` is supported "
                "(give each alternative its own field, or teach govorg.sql.mapping a tagged encoding)"
            )
        return args[0], True
    return tp, False


def _is_dataclass(tp: Any) -> bool:
    return isinstance(tp, type) and dataclasses.is_dataclass(tp)


_HINTS: dict[type, dict[str, Any]] = {}
_WITHIN: list[type] = []  # the dataclasses being mapped, outermost first


def _enter(cls: type, where: str) -> None:
    if cls in _WITHIN:
        raise UnsupportedAnnotation(
            f"{where}: {cls.__qualname__} contains itself, which cannot be stored; refer to the other record by a Ref"
        )
    _WITHIN.append(cls)


def _fields(cls: type) -> list[tuple[str, Any]]:
    """The dataclass's init fields and their resolved annotations, in declared order."""
    if cls not in _HINTS:
        try:
            _HINTS[cls] = typing.get_type_hints(cls)
        except NameError as exc:
            raise UnsupportedAnnotation(f"{cls.__qualname__}: cannot resolve an annotation ({exc})") from exc
    hints = _HINTS[cls]
    out: list[tuple[str, Any]] = []
    for f in dataclasses.fields(cls):
        if not f.init:
            raise UnsupportedAnnotation(
                f"{cls.__qualname__}.{f.name}: a field set outside __init__ cannot be read back from SQL"
            )
        out.append((f.name, hints[f.name]))
    return out


def _is_location(tp: Any) -> bool:
    return tp is Location and [n for n, _ in _fields(Location)] == ["path", "line", "col"]


# -- JSON: any annotation, read back by walking it --------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class JsonCodec:
    encode: Encode
    decode: Decode
    describe: str
    plain: bool = False  # the JSON value is the value itself (text, numbers, booleans)


def json_codec(tp: Any, where: str) -> JsonCodec:
    """How a value of annotation `tp` is written to JSON and read back (errors name `where`)."""
    inner, optional = _optional(tp, where)
    if optional:
        codec = json_codec(inner, where)
        enc, dec = codec.encode, codec.decode
        return JsonCodec(
            lambda v, p: None if v is None else enc(v, p),
            lambda j, p: None if j is None else dec(j, p),
            f"{codec.describe}?",
        )
    scalar = _scalar(tp, where)
    if scalar is not None:
        to_db, from_db = scalar.to_db, scalar.from_db
        if to_db is _identity and from_db is _identity:
            return JsonCodec(lambda v, p: v, lambda j, p: j, scalar.describe, plain=True)
        return JsonCodec(lambda v, p: to_db(v), lambda j, p: from_db(j), scalar.describe)
    if _is_location(tp):
        return JsonCodec(_encode_location, _decode_location, "location")
    if _is_dataclass(tp):
        return _dataclass_codec(tp, where)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (tuple, list, frozenset) and (origin is not tuple or (len(args) == 2 and args[1] is Ellipsis)):
        item = json_codec(args[0], f"{where}[]")
        ienc, idec = item.encode, item.decode
        container: Callable[[Any], Any] = origin
        return JsonCodec(
            lambda v, p: [ienc(x, p) for x in v],
            lambda j, p: container([idec(x, p) for x in j]),  # a list, not a generator: 2x faster
            f"{origin.__name__}[{item.describe}]",
        )
    if origin is tuple and args and Ellipsis not in args:
        items = [json_codec(a, f"{where}[{n}]") for n, a in enumerate(args)]
        encs, decs = [c.encode for c in items], [c.decode for c in items]
        return JsonCodec(
            lambda v, p: [e(x, p) for e, x in zip(encs, v, strict=True)],
            lambda j, p: tuple([d(x, p) for d, x in zip(decs, j, strict=True)]),
            f"tuple[{', '.join(c.describe for c in items)}]",
        )
    if origin is dict and len(args) == 2:
        key = _scalar(args[0], f"{where} key")
        if key is None or key.describe in ("bool", "float"):
            raise UnsupportedAnnotation(
                f"{where}: dict keys must be text, an integer, a date or an enum, not {args[0]!r}"
            )
        kenc, kdec = _key_codec(key)
        value = json_codec(args[1], f"{where}{{}}")
        venc, vdec = value.encode, value.decode
        return JsonCodec(
            lambda v, p: {kenc(k): venc(x, p) for k, x in v.items()},
            lambda j, p: {kdec(k): vdec(x, p) for k, x in j.items()},
            f"dict[{key.describe}, {value.describe}]",
        )
    raise UnsupportedAnnotation(
        f"{where}: the annotation {tp!r} cannot be stored in SQL; use str, int, bool, float, date, an Enum, "
        "a Literal, a dataclass, tuple[...], list[...], dict[str, ...] or `X | None` of those "
        "(or teach govorg.sql.mapping the new type)"
    )


def _key_codec(key: _Scalar) -> tuple[Callable[[Any], str], Callable[[str], Any]]:
    """JSON object keys are text: ints and int-valued enums go through str()."""
    if key.sql is BigInteger:
        to_db, from_db = key.to_db, key.from_db
        return (lambda k: str(to_db(k))), (lambda s: from_db(int(s)))
    return key.to_db, key.from_db


def _encode_location(loc: Location, path: str | None) -> Any:
    return [loc.line, loc.col] if loc.path == path else [loc.path, loc.line, loc.col]


def _decode_location(j: Any, path: str | None) -> Location:
    if len(j) == 2:
        assert path is not None, "a short location outside a row with a path"
        return Location(path, j[0], j[1])
    return Location(j[0], j[1], j[2])


def _dataclass_codec(cls: type, where: str) -> JsonCodec:
    _enter(cls, where)
    try:
        parts = [(name, json_codec(tp, f"{cls.__qualname__}.{name}")) for name, tp in _fields(cls)]
    finally:
        _WITHIN.pop()
    names = [name for name, _ in parts]
    encs = [c.encode for _, c in parts]

    def encode(v: Any, p: str | None) -> Any:
        return [e(getattr(v, n), p) for e, n in zip(encs, names, strict=True)]

    # compiled, as the row readers are: `cls(j[0], _d1(j[1], p), …)`
    namespace: dict[str, Any] = {"cls": cls}
    args: list[str] = []
    for n, (_, codec) in enumerate(parts):
        if codec.plain:
            args.append(f"j[{n}]")
        else:
            namespace[f"_d{n}"] = codec.decode
            args.append(f"_d{n}(j[{n}], p)")
    exec(f"def decode(j, p):\n    return cls({', '.join(args)})\n", namespace)  # our own expression
    decode: Decode = namespace["decode"]
    return JsonCodec(encode, decode, f"{cls.__qualname__}({', '.join(f'{n}: {c.describe}' for n, c in parts)})")


# -- rows: a dataclass flattened into columns ------------------------------------------------------

Put = Callable[[Any, str | None, dict[str, Any]], None]  # value, row path, row being filled


@dataclasses.dataclass(slots=True)
class _Flat:
    """A dataclass spread over columns: how to fill them, and a Python expression over `row`
    (the row's values in table order) that reads it back. Reading is the hot path of a start
    from the database, so it is compiled once per table into one expression, as dataclasses
    does for __init__, instead of a call per field."""

    put: Put
    expr: str
    names: list[str]  # its columns
    witness: int | None  # a column never NULL when the value is present (None: there is none)
    describe: str


class _Columns:
    """The columns of one table, in order, refusing two fields that would share a name; and the
    names the read expressions use."""

    def __init__(self, table: str) -> None:
        self.table = table
        self.columns: list[Column[Any]] = [Column(ORDER, BigInteger, primary_key=True, autoincrement=False)]
        self.where: dict[str, str] = {ORDER: "the mapping's own row order"}
        self.namespace: dict[str, Any] = {}

    def add(self, name: str, sql: TypeEngine[Any], *, nullable: bool, where: str) -> int:
        if name in self.where:
            raise UnsupportedAnnotation(
                f"{where} and {self.where[name]} would both be stored in column {self.table}.{name}; rename one"
            )
        self.where[name] = where
        self.columns.append(Column(name, sql, nullable=nullable))
        return len(self.columns) - 1

    def bind(self, value: Any) -> str:
        """A name for `value` in the read expressions."""
        name = f"_v{len(self.namespace)}"
        self.namespace[name] = value
        return name


def _flatten(cls: type, prefix: str, cols: _Columns, *, nullable: bool) -> _Flat:
    """Columns for the fields of `cls`, named `prefix` + field name."""
    _enter(cls, f"{cols.table}.{prefix.rstrip('_') or cls.__qualname__}")
    try:
        return _flatten_fields(cls, prefix, cols, nullable=nullable)
    finally:
        _WITHIN.pop()


def _flatten_fields(cls: type, prefix: str, cols: _Columns, *, nullable: bool) -> _Flat:
    puts: list[Put] = []
    exprs: list[str] = []
    names: list[str] = []
    descs: list[str] = []
    witness: int | None = None
    for name, tp in _fields(cls):
        where = f"{cls.__qualname__}.{name}"
        column = f"{prefix}{name}"
        inner, optional = _optional(tp, where)
        scalar = _scalar(inner, where)
        sub = None
        if scalar is None and _is_dataclass(inner):
            sub = _try_flatten(inner, f"{column}_", cols, nullable=nullable, optional=optional)
        if scalar is not None:
            index = cols.add(column, scalar.sql(), nullable=nullable or optional, where=where)
            put, expr = _scalar_field(name, column, index, scalar, cols)
            names.append(column)
            desc = f"{column}: {scalar.describe}"
            if not optional and witness is None:
                witness = index
        elif sub is not None:
            put = _flat_put(name, sub)
            expr = f"(None if row[{sub.witness}] is None else {sub.expr})" if optional else sub.expr
            names.extend(sub.names)
            desc = f"{column}: {sub.describe}"
            if not optional and witness is None:
                witness = sub.witness
        else:
            codec = json_codec(tp, where)
            index = cols.add(column, Text(), nullable=nullable or optional, where=where)
            put, expr = _json_field(name, column, index, codec, cols)
            names.append(column)
            desc = f"{column}: json {codec.describe}"
            if not optional and witness is None:
                witness = index
        puts.append(put)
        exprs.append(expr)
        descs.append(desc)

    def put_all(value: Any, path: str | None, out: dict[str, Any]) -> None:
        for p in puts:
            p(value, path, out)

    expr = f"{cols.bind(cls)}({', '.join(exprs)})"
    return _Flat(put_all, expr, names, witness, f"{cls.__qualname__}({', '.join(descs)})")


def _try_flatten(cls: type, prefix: str, cols: _Columns, *, nullable: bool, optional: bool) -> _Flat | None:
    """Flatten when it can be read back; a dataclass with no required field under `X | None`
    cannot (NULL everywhere would mean both None and a value): the caller stores JSON instead."""
    mark = len(cols.columns), dict(cols.where)
    flat = _flatten(cls, prefix, cols, nullable=nullable or optional)
    if flat.witness is None and optional:
        del cols.columns[mark[0] :]
        cols.where = mark[1]
        return None
    return flat


def _scalar_field(name: str, column: str, index: int, scalar: _Scalar, cols: _Columns) -> tuple[Put, str]:
    to_db, from_db = scalar.to_db, scalar.from_db
    if to_db is _identity:

        def put(value: Any, path: str | None, out: dict[str, Any]) -> None:
            out[column] = getattr(value, name)

    else:

        def put(value: Any, path: str | None, out: dict[str, Any]) -> None:
            v = getattr(value, name)
            out[column] = None if v is None else to_db(v)

    if from_db is _identity:
        return put, f"row[{index}]"
    return put, f"(None if row[{index}] is None else {cols.bind(from_db)}(row[{index}]))"


def _flat_put(name: str, sub: _Flat) -> Put:
    sub_put, sub_names = sub.put, sub.names

    def put(value: Any, path: str | None, out: dict[str, Any]) -> None:
        v = getattr(value, name)
        if v is None:
            for column in sub_names:
                out[column] = None
        else:
            sub_put(v, path, out)

    return put


def _json_field(name: str, column: str, index: int, codec: JsonCodec, cols: _Columns) -> tuple[Put, str]:
    enc, dec = codec.encode, codec.decode
    dumps, loads = orjson.dumps, orjson.loads

    def put(value: Any, path: str | None, out: dict[str, Any]) -> None:
        v = getattr(value, name)
        out[column] = None if v is None else dumps(enc(v, path)).decode()

    def get(text: str | None, path: str | None) -> Any:
        return None if text is None else dec(loads(text), path)

    # `path` is bound by the compiled reader: the row's own location path, when it has one
    return put, f"{cols.bind(get)}(row[{index}], path)"


# -- kinds: one table each --------------------------------------------------------------------------


@dataclasses.dataclass(slots=True)
class Kind:
    """One record kind: its list field on the records class, its table, and its row codec."""

    name: str
    record: type
    table: Table
    flat: _Flat
    location_field: str | None  # the record's own Location field: its path shortens nested ones
    read: Callable[[Row], Any]  # a row (all its table's columns, in order) -> its record

    def rows(self, records: Sequence[Any]) -> list[dict[str, Any]]:
        put, field = self.flat.put, self.location_field
        out: list[dict[str, Any]] = []
        for order, record in enumerate(records):
            row: dict[str, Any] = {ORDER: order}
            put(record, getattr(record, field).path if field else None, row)
            out.append(row)
        return out

    def record_of(self, row: Row) -> Any:
        """The record a row (all its table's columns, in order) holds."""
        return self.read(row)


def kinds_of(records_class: type) -> list[tuple[str, type]]:
    """The record kinds: each list field of the records class and the dataclass it holds."""
    out: list[tuple[str, type]] = []
    for name, tp in _fields(records_class):
        args = typing.get_args(tp)
        if typing.get_origin(tp) is not list or len(args) != 1 or not _is_dataclass(args[0]):
            raise UnsupportedAnnotation(
                f"{records_class.__qualname__}.{name}: a record kind must be `list[SomeRecord]` of a dataclass, not {tp!r}"
            )
        out.append((name, args[0]))
    return out


def make_kind(name: str, record: type, metadata: MetaData) -> Kind:
    cols = _Columns(name)
    flat = _flatten(record, "", cols, nullable=False)
    location_field = next((n for n, tp in _fields(record) if _is_location(tp)), None)
    path = f"row[{[c.name for c in cols.columns].index(f'{location_field}_path')}]" if location_field else "None"
    exec(f"def read(row):\n    path = {path}\n    return {flat.expr}\n", cols.namespace)  # our own expression
    read = cols.namespace["read"]
    indexes = [Index(f"{name}_by_id", "id")] if "id" in cols.where else []
    table = Table(name, metadata, *cols.columns, *indexes)
    return Kind(name, record, table, flat, location_field, read)


class Mapping:
    """Every record kind of a records class (FileRecords), as tables in `metadata`."""

    def __init__(self, records_class: type, metadata: MetaData) -> None:
        self.records_class = records_class
        self.kinds = [make_kind(name, record, metadata) for name, record in kinds_of(records_class)]
        described = "\n".join(f"{k.name}: {k.flat.describe}" for k in self.kinds)
        self.fingerprint = hashlib.sha256(described.encode()).hexdigest()[:16]

    def rows(self, records: Any) -> list[tuple[Table, list[dict[str, Any]]]]:
        return [(k.table, k.rows(getattr(records, k.name))) for k in self.kinds]

    def records(self, rows_of: Callable[[Kind], typing.Iterable[Row]]) -> Any:
        """A records object from each kind's rows (all its table's columns, in `record_order`)."""
        out = self.records_class()
        for kind in self.kinds:
            read = kind.read
            setattr(out, kind.name, [read(row) for row in rows_of(kind)])
        return out
