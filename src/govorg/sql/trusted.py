"""Starting from a trusted build: the registry straight from the rows, without validating again.

`govorg build` writes only records that passed validation, and marks its build so (`trust_marks`:
the govorg version, a fingerprint of govorg's own code, the schema, "validated", the warnings).
A reader running the same govorg trusts such a build (`untrusted_because` is None) and skips
what only validation needs: the cross-record checks, and folding 任免 rows into tenures, which
the build stored in `tenures` with the ids of the records each tenure was folded from. Any
other build (another govorg, changed code, not marked validated) is read the slow way, through
the full validation, because its stored tenures may not be what this code would fold.

Rows are read with the driver's own cursor, one query per table inside one read transaction
(a build running at the same time is seen whole or not at all), and turned into records by
the mapping's compiled readers. Nothing read here is unpickled or evaluated: rows are plain
values and JSON, so a writer to a shared database cannot run code in the servers reading it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, select

from govorg.catalog import Catalog
from govorg.committees import Committees, build_committees
from govorg.dates import DateWindow, Precision
from govorg.leadership import Leadership, build_leadership
from govorg.loader import Loaded
from govorg.problems import Location, Problem, Severity
from govorg.records import Appointment, Attestation, Removal
from govorg.registry import document_days, record_counts
from govorg.sql import schema as t
from govorg.sql.mapping import ORDER, Kind
from govorg.tenures import Post, Tenure
from govorg.titles import build_title_rules
from govorg.validate import Validated

# The meta keys a trusted build carries, besides data_version and schema_version.
VERSION, CODE, VALIDATED, WARNINGS, PROBLEMS = "govorg_version", "code", "validated", "warnings", "problems"
# ... and the counts `Registry.info` gives and its documents' first and last days, as JSON, so
# that an early start (govorg.sql.early) has them without reading every record.
COUNTS, DAYS = "counts", "document_days"


def govorg_version() -> str:
    try:
        return metadata.version("govorg")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


# Packages that read the compiled model but never shape what a build stores.
_SERVING_ONLY = frozenset({"api", "cli", "export", "importer", "pages"})


@cache
def code_fingerprint() -> str:
    """A hash of govorg's own source and data files: a build made by other code (another
    release, or a working tree edited since) is not trusted, since what it stored (the folded
    tenures) is what that code computed. The serving-only packages are left out, so a change to
    the API or the command line keeps builds trusted. A few ms, once per process."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(
        p
        for p in root.rglob("*")
        if p.suffix in (".py", ".txt") and p.is_file() and p.relative_to(root).parts[0] not in _SERVING_ONLY
    ):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def trust_marks(validated: Validated) -> dict[str, str]:
    """What a build records about itself so that a reader can trust it."""
    problems = [
        [p.location.path, p.location.line, p.location.col, p.code, p.message, p.hint, p.severity.value]
        for p in validated.problems
    ]
    return {
        VERSION: govorg_version(),
        CODE: code_fingerprint(),
        VALIDATED: "yes" if validated.ok else "no",
        WARNINGS: str(len(validated.problems)),
        PROBLEMS: orjson.dumps(problems).decode(),
        COUNTS: orjson.dumps(
            record_counts(validated.loaded.records, validated.catalog, len(validated.tenures))
        ).decode(),
        DAYS: orjson.dumps([d and d.isoformat() for d in document_days(validated.catalog)]).decode(),
    }


def untrusted_because(meta: dict[str, str]) -> str | None:
    """Why a build cannot be trusted by this govorg (None: it can)."""
    if meta.get(VALIDATED) != "yes":
        return "it is not marked as validated (built by an older govorg)"
    if meta.get(VERSION) != govorg_version():
        return f"it was built by govorg {meta.get(VERSION)}, this is {govorg_version()}"
    if meta.get(CODE) != code_fingerprint():
        return "it was built by other govorg code (another release or an edited checkout)"
    return None


def tenure_links(tenure: Tenure) -> str:
    """The `tenures.links` JSON: what the fold made the tenure from, by record id, and what the
    windows do not say (printed title, one-holder rule, notes)."""
    return orjson.dumps(
        [
            tenure.appointment.id if tenure.appointment else None,
            tenure.removal.id if tenure.removal else None,
            [r.id for r in tenure.confirmations],
            [r.id for r in tenure.attestations],
            [r.id for r in tenure.extensions],
            tenure.printed,
            tenure.post.single,
            tenure.notes,
        ]
    ).decode()


def read_trusted(engine: Engine, data_version: str) -> Validated | None:
    """The validated model of a trusted build, or None when the database changed to another
    data version since its meta was read (the caller reads it again)."""
    backend = engine.url.get_backend_name()
    with engine.connect() as conn:
        if backend == "postgresql":  # one snapshot for every table
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            try:
                return _read(conn, data_version)
            except (KeyError, ValueError, TypeError, AssertionError) as exc:  # rows no build of ours wrote
                raise LookupError(not_ours(exc)) from exc


def not_ours(exc: Exception) -> str:
    return f"its rows are not what `govorg build` writes ({exc.__class__.__name__}: {exc}); run `govorg build` again"


def _read(conn: Connection, data_version: str) -> Validated | None:
    rows = driver_rows(conn)
    meta = {key: value for key, value in rows(select(t.meta.c.key, t.meta.c.value))}
    if meta.get("data_version") != data_version:
        return None
    return read_rest(rows, read_frame(rows, meta))


def read_rest(rows: Rows, frame: Frame) -> Validated:
    """The validated model: `frame` (read without the 任免 records) with the 任免 records and the
    tenures. An early start (govorg.sql.early) reads the rest onto the frame it answers from."""
    renmian = {
        kind.name: [kind.read(row) for row in rows(_ordered(kind))]
        for kind in t.records.kinds
        if kind.name in RENMIAN_KINDS
    }
    assert frame.leadership is not None and frame.committees is not None, "an early frame: read_later first"
    loaded = replace(frame.loaded, records=replace(frame.loaded.records, **renmian))
    by_id: dict[str, Appointment | Removal | Attestation] = {}
    for kind in renmian.values():
        for record in kind:
            by_id[record.id] = record
    tenure_rows = rows(select(*TENURE_COLUMNS).order_by(t.tenures.c.tenure_order))
    return Validated(
        loaded=loaded,
        catalog=frame.catalog,
        tenures=tenures_of(tenure_rows, by_id),
        leadership=frame.leadership,
        committees=frame.committees,
        problems=frame.problems,
    )


def _ordered(kind: Kind) -> Any:
    return select(kind.table).order_by(kind.table.c[ORDER])


Rows = Callable[[Any], list[Any]]


def driver_rows(conn: Connection) -> Rows:
    """Run a statement on the driver's own cursor (no SQLAlchemy row objects): its rows."""
    dialect = conn.dialect
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]

    def rows(statement: Any) -> list[Any]:
        cursor.execute(str(statement.compile(dialect=dialect)))
        found: list[Any] = cursor.fetchall()
        return found

    return rows


# The 任免 rows: one per tenure or more, read whole by a trusted start, by post or person by an
# early one (govorg.sql.early). Every other kind is small beside them.
RENMIAN_KINDS = ("appointments", "removals", "attestations")
# What an early start (govorg.sql.early) reads just after it starts answering (`read_later`):
# the people and documents (read by id until then), the title rules, 分工 and rosters.
LATER_KINDS = ("documents", "people", "titles", "leadership", "rosters")


@dataclass(slots=True)
class Frame:
    """Everything of a trusted build but its tenures: the files, the catalog, 分工 and rosters,
    the build's warnings, and the records but the 任免 ones (left empty: `read_rest` reads
    them). An early frame (`read_frame(..., early=True)`) lacks the `LATER_KINDS` as well: its
    catalog holds the organisations only, and `leadership` and `committees` are None, until
    `read_later`."""

    loaded: Loaded
    catalog: Catalog
    leadership: Leadership | None
    committees: Committees | None
    problems: list[Problem]


def read_frame(rows: Rows, meta: dict[str, str], *, early: bool = False) -> Frame:
    skipped = RENMIAN_KINDS + LATER_KINDS if early else RENMIAN_KINDS

    def kind_rows(kind: Kind) -> list[Any]:
        return [] if kind.name in skipped else rows(_ordered(kind))

    records: Any = t.records.records(kind_rows)
    files = [path for (path,) in rows(select(t.files.c.path))]
    problems = [
        Problem(Location(path, line, col), code, message, hint, Severity(severity))
        for path, line, col, code, message, hint, severity in orjson.loads(meta.get(PROBLEMS, "[]"))
    ]
    loaded = Loaded(Path(meta.get("source", ".")), records, [], files, meta["data_version"])
    loaded.git_commit = meta.get("git_commit") or None
    # the catalog, 分工 and rosters are the compiled model itself; only their checks are redundant
    frame = Frame(loaded, Catalog(records, []), None, None, problems)
    if not early:
        _arrange(frame)
    return frame


def read_later(rows: Rows, frame: Frame) -> Frame:
    """An early frame made whole but for the 任免 records: the `LATER_KINDS` read onto it, the
    people and documents added to its catalog, 分工 and rosters built."""
    for kind in t.records.kinds:
        if kind.name in LATER_KINDS:
            setattr(frame.loaded.records, kind.name, [kind.read(row) for row in rows(_ordered(kind))])
    frame.catalog.complete(frame.loaded.records.people, frame.loaded.records.documents)
    _arrange(frame)
    return frame


def _arrange(frame: Frame) -> None:
    records, scratch = frame.loaded.records, list[Problem]()
    titles = build_title_rules(records.titles, frame.catalog, scratch)
    frame.leadership = build_leadership(records.leadership, frame.catalog, scratch)
    frame.committees = build_committees(records.rosters, frame.catalog, scratch, titles=titles)


TENURE_COLUMNS = [
    t.tenures.c[name]
    for name in (
        "id",
        "person_id",
        "organisation_id",
        "title",
        "start_text",
        "start_earliest",
        "start_latest",
        "start_precision",
        "end_text",
        "end_earliest",
        "end_latest",
        "end_precision",
        "possible_from",
        "possible_until",
        "certain_from",
        "certain_until",
        "links",
    )
]


def tenures_of(rows: Sequence[Any], by_id: Mapping[str, Appointment | Removal | Attestation]) -> list[Tenure]:
    """Tenures from their rows (`TENURE_COLUMNS`), with the records they were folded from."""
    days: dict[str, date] = {}
    windows: dict[tuple[Any, ...], DateWindow] = {}
    posts: dict[tuple[str, str, bool | None], Post] = {}
    loads, fromiso = orjson.loads, date.fromisoformat

    def day(text: str) -> date:
        found = days.get(text)
        if found is None:
            found = days[text] = fromiso(text)
        return found

    def window(text: str | None, earliest: str | None, latest: str | None, precision: str | None) -> DateWindow | None:
        if precision is None:
            return None
        key = (text, earliest, latest, precision)
        found = windows.get(key)
        if found is None:
            found = windows[key] = DateWindow(
                day(earliest) if earliest else None, day(latest) if latest else None, text or "", Precision(precision)
            )
        return found

    out: list[Tenure] = []
    for (
        tenure_id,
        person_id,
        org,
        title,
        s_text,
        s_first,
        s_last,
        s_prec,
        e_text,
        e_first,
        e_last,
        e_prec,
        possible_from,
        possible_until,
        certain_from,
        certain_until,
        links,
    ) in rows:
        appointment, removal, confirmations, attestations, extensions, printed, single, notes = loads(links)
        post_key = (org, title, single)
        post = posts.get(post_key)
        if post is None:
            post = posts[post_key] = Post(org, title, single)
        start = window(s_text, s_first, s_last, s_prec)
        assert start is not None, f"tenure {tenure_id} has no start in the database"
        out.append(
            Tenure(
                id=tenure_id,
                person_id=person_id,
                post=post,
                start=start,
                end=window(e_text, e_first, e_last, e_prec),
                appointment=by_id[appointment] if appointment is not None else None,  # type: ignore[arg-type]
                removal=by_id[removal] if removal is not None else None,  # type: ignore[arg-type]
                confirmations=tuple(by_id[i] for i in confirmations),  # type: ignore[misc]
                attestations=tuple(by_id[i] for i in attestations),  # type: ignore[misc]
                printed=printed,
                possible_from=day(possible_from),
                possible_until=day(possible_until),
                certain_from=day(certain_from),
                certain_until=day(certain_until),
                extensions=tuple(by_id[i] for i in extensions),  # type: ignore[misc]
                notes=tuple(notes),
            )
        )
    return out
