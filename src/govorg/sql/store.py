"""Compile validated records into a database, and read them back without parsing YAML.

`build` writes every table in one transaction, and is a no-op when the database already holds
the same data version (the content hash of the YAML). `load_records` rebuilds the records from
the rows; the registry then goes through the same validation and compilation as from YAML, so
both sources answer identically by construction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, delete, insert, inspect, select

from govorg.dates import DateWindow, Precision
from govorg.loader import Loaded
from govorg.names import name_key
from govorg.problems import Location
from govorg.records import (
    RELATIONS,
    Appointment,
    AppointmentForm,
    Attestation,
    Document,
    FileRecords,
    Holders,
    LeaderEntry,
    LeadershipVersion,
    Office,
    Organisation,
    Person,
    PostRef,
    Rank,
    Ref,
    Removal,
    RemovalReason,
    Rename,
    RosterVersion,
    Seat,
    TitleRule,
    parse_rank,
)
from govorg.registry import git_commit
from govorg.sql import schema as t
from govorg.tenures import Tenure
from govorg.validate import Validated

SCHEMA_VERSION = "1"
_BATCH = 5000


@dataclass(frozen=True, slots=True)
class BuildResult:
    data_version: str
    changed: bool  # False: the database already held this data version
    rows: int


def engine_for(url: str) -> Engine:
    """An engine for a database URL: sqlite:///govorg.db, postgresql+psycopg://user@host/db."""
    return create_engine(url, future=True)


def stored_version(engine: Engine) -> str | None:
    """The data version the database holds, or None when it holds no registry."""
    if not inspect(engine).has_table("meta"):
        return None
    with engine.connect() as conn:
        row = conn.execute(select(t.meta.c.value).where(t.meta.c.key == "data_version")).first()
    return row[0] if row else None


def build(validated: Validated, engine: Engine) -> BuildResult:
    """Write the registry in one transaction; skip when the same data version is stored."""
    version = validated.loaded.content_hash
    if stored_version(engine) == version:
        return BuildResult(version, False, 0)
    rows = 0
    with engine.begin() as conn:
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
        }
        conn.execute(insert(t.meta), [{"key": k, "value": v} for k, v in meta.items()])
    return BuildResult(version, True, rows)


# -- records -> rows -------------------------------------------------------------------------------


def _loc(location: Location) -> dict[str, Any]:
    return {"path": location.path, "line": location.line, "col": location.col}


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


def _posts(record_id: str, posts: Sequence[PostRef]) -> list[dict[str, Any]]:
    return [
        {"record_id": record_id, "position": n, "organisation": p.organisation.text, "title": p.title}
        for n, p in enumerate(posts)
    ]


def _rows(validated: Validated) -> Iterator[tuple[Any, list[dict[str, Any]]]]:
    r = validated.loaded.records
    out: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    out[t.files] = [{"path": p} for p in validated.loaded.files]
    for doc in r.documents:
        out[t.documents].append(
            {
                "id": doc.id,
                "number": doc.number,
                "canonical_number": doc.canonical_number,
                "title": doc.title,
                "issuer": doc.issuer,
                **_win("date", doc.date),
                "kind": doc.kind,
                "published_in": doc.published_in.text if doc.published_in else None,
                "page": doc.page,
                **_loc(doc.location),
            }
        )
    for org in r.organisations:
        out[t.organisations].append(
            {
                "id": org.id,
                "name": org.name,
                "kind": org.kind,
                "parent": org.parent.text if org.parent else None,
                "note": org.note,
                **_loc(org.location),
            }
        )
        aliases = [("short", n) for n in org.short_names] + [("brand", n) for n in org.brand_names]
        out[t.organisation_names].extend(
            {"organisation_id": org.id, "position": n, "kind": kind, "name": name, "name_key": name_key(name)}
            for n, (kind, name) in enumerate(aliases)
        )
        out[t.renames].extend(
            {
                "organisation_id": org.id,
                "position": n,
                **_win("on", rn.on),
                "former_name": rn.former_name,
                "source": rn.source.text if rn.source else None,
                **_loc(rn.location),
            }
            for n, rn in enumerate(org.renames)
        )
        out[t.group_members].extend(
            {"group_id": org.id, "position": n, "member": m.text} for n, m in enumerate(org.members)
        )
    for person in r.people:
        out[t.people].append({"id": person.id, "name": person.name, **_loc(person.location)})
        out[t.person_names].extend(
            {"person_id": person.id, "position": n, "printed": p} for n, p in enumerate(person.printed)
        )
    personnel: list[tuple[str, Appointment | Removal | Attestation, dict[str, Any]]] = [
        *(
            (
                "appointment",
                a,
                {
                    "confirmation": a.confirmation,
                    "probation_months": a.probation_months,
                    "rank": a.rank.printed if a.rank else None,
                    "predecessor": a.predecessor.text if a.predecessor else None,
                    "form": a.form.value,
                    "appointed_by": a.appointed_by.text if a.appointed_by else None,
                    "approved_by": a.approved_by.text if a.approved_by else None,
                },
            )
            for a in r.appointments
        ),
        *(
            (
                "removal",
                m,
                {
                    "unrecorded": m.appointment_unrecorded,
                    "reason": m.reason.value,
                    "accepted_by": m.accepted_by.text if m.accepted_by else None,
                },
            )
            for m in r.removals
        ),
        *(("attestation", a, {}) for a in r.attestations),
    ]
    for position, (kind, record, extra) in enumerate(personnel, 1):
        out[t.personnel].append(
            {
                "id": record.id,
                "position": position,
                "kind": kind,
                "person": record.person.text,
                "printed": record.printed,
                "confirmation": False,
                "probation_months": None,
                "rank": None,
                "predecessor": None,
                "unrecorded": False,
                "form": None,
                "reason": None,
                "appointed_by": None,
                "approved_by": None,
                "accepted_by": None,
                **extra,
                **_win("date", record.date),
                "source": record.source,
                **_loc(record.location),
            }
        )
        posts = [record.post] if isinstance(record, Attestation) else record.posts
        out[t.record_posts].extend(_posts(record.id, posts))
        if isinstance(record, Removal) and record.transfer_to is not None:
            out[t.record_posts].extend(_posts(f"{record.id}/to", [record.transfer_to]))
    out[t.title_rules].extend(
        {
            "position": n,
            "title": rule.title,
            "holders": rule.holders.value,
            "organisation": rule.organisation.text if rule.organisation else None,
            "kind": rule.kind,
            **_loc(rule.location),
        }
        for n, rule in enumerate(r.titles)
    )
    for lv in r.leadership:
        out[t.leadership_versions].append(
            {
                "id": lv.id,
                "source": lv.source,
                **_win("date", lv.date),
                "government": lv.government.text if lv.government else None,
                **_loc(lv.location),
            }
        )
        for n, leader in enumerate(lv.leaders):
            out[t.leaders].append(
                {
                    "version_id": lv.id,
                    "position": n,
                    "person": leader.person.text,
                    "printed": leader.printed,
                    **_loc(leader.location),
                }
            )
            items = [(rel, ref.text) for rel in RELATIONS for ref in leader.units[rel]] + [
                ("work", w) for w in leader.work
            ]
            out[t.leader_items].extend(
                {"version_id": lv.id, "leader_position": n, "relation": rel, "position": m, "text": text}
                for m, (rel, text) in enumerate(items)
            )
        out[t.stand_in_pairs].extend(
            {"version_id": lv.id, "position": n, "first": a.text, "second": b.text}
            for n, (a, b) in enumerate(lv.stand_ins)
        )
    for roster in r.rosters:
        office = roster.office
        out[t.rosters].append(
            {
                "id": roster.id,
                "source": roster.source,
                **_win("date", roster.date),
                "committee": roster.committee.text,
                "succession": roster.succession,
                "succession_printed": roster.succession_printed,
                "office_host": office.host.text if office else None,
                "office_director": office.director.text if office and office.director else None,
                "office_printed": office.printed if office else None,
                "office_line": office.location.line if office else None,
                "office_col": office.location.col if office else None,
                **_loc(roster.location),
            }
        )
        if office is not None:
            out[t.record_posts].extend(_posts(f"{roster.id}/office", office.director_posts))
        out[t.roster_takes_over].extend(
            {"roster_id": roster.id, "position": n, "body": b.text} for n, b in enumerate(roster.takes_over)
        )
        for seat in roster.seats:
            out[t.seats].append(
                {
                    "roster_id": roster.id,
                    "position": seat.order,
                    "role": seat.role,
                    "member": seat.member.text if seat.member else None,
                    "printed": seat.printed,
                    **_loc(seat.location),
                }
            )
            out[t.record_posts].extend(_posts(f"{roster.id}/seat/{seat.order}", seat.posts))
    for tenure in validated.tenures:
        out[t.tenures].append(
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
            }
        )
    for table, rows in out.items():
        for start in range(0, len(rows), _BATCH):
            yield table, rows[start : start + _BATCH]


def _acting_until(tenure: Tenure) -> str | None:
    if not tenure.acting:
        return None
    ended = tenure.acting_ended
    day = ended.date.earliest if ended is not None else None
    return (day or tenure.possible_until).isoformat()


# -- rows -> records -------------------------------------------------------------------------------


def _window(row: Any, prefix: str) -> DateWindow | None:
    text = getattr(row, f"{prefix}_text")
    if text is None:
        return None
    earliest, latest = getattr(row, f"{prefix}_earliest"), getattr(row, f"{prefix}_latest")
    return DateWindow(
        date.fromisoformat(earliest) if earliest else None,
        date.fromisoformat(latest) if latest else None,
        text,
        Precision(getattr(row, f"{prefix}_precision")),
    )


def _required_window(row: Any, prefix: str) -> DateWindow:
    window = _window(row, prefix)
    assert window is not None, f"{prefix} is required"
    return window


def _at(row: Any) -> Location:
    return Location(row.path, row.line or 0, row.col or 0)


def _ref(text: str | None, at: Location) -> Ref | None:
    return Ref(text, at) if text is not None else None


def _grouped(conn: Connection, table: Any, key: str) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = defaultdict(list)
    for row in conn.execute(select(table).order_by(table.c[key], table.c.position)):
        out[getattr(row, key)].append(row)
    return out


def load_records(engine: Engine) -> Loaded:
    """Rebuild the records a database holds; `Loaded` as if the YAML had just been read."""
    database = engine.url.database
    if (
        engine.url.get_backend_name() == "sqlite"
        and database
        and database != ":memory:"
        and not Path(database).exists()
    ):
        raise LookupError("no such database file; run `govorg build` first")
    if stored_version(engine) is None:
        raise LookupError("the database holds no govorg registry; run `govorg build` first")
    with engine.connect() as conn:
        meta = {row.key: row.value for row in conn.execute(select(t.meta))}
        records = FileRecords()
        records.documents = [_document(row) for row in conn.execute(select(t.documents))]
        names = _grouped(conn, t.organisation_names, "organisation_id")
        renames = _grouped(conn, t.renames, "organisation_id")
        members = _grouped(conn, t.group_members, "group_id")
        records.organisations = [
            _organisation(row, names, renames, members) for row in conn.execute(select(t.organisations))
        ]
        printed = _grouped(conn, t.person_names, "person_id")
        records.people = [
            Person(row.id, row.name, tuple(p.printed for p in printed.get(row.id, ())), _at(row))
            for row in conn.execute(select(t.people))
        ]
        posts = _grouped(conn, t.record_posts, "record_id")
        for row in conn.execute(select(t.personnel).order_by(t.personnel.c.position)):
            _personnel(row, posts, records)
        records.titles = [
            TitleRule(row.title, Holders(row.holders), _ref(row.organisation, _at(row)), row.kind, _at(row))
            for row in conn.execute(select(t.title_rules).order_by(t.title_rules.c.position))
        ]
        records.leadership = list(_leadership(conn))
        records.rosters = list(_rosters(conn, posts))
        files = [row.path for row in conn.execute(select(t.files))]
    loaded = Loaded(Path(meta.get("source", ".")), records, [], files, meta["data_version"])
    loaded.git_commit = meta.get("git_commit") or None
    return loaded


def _document(row: Any) -> Document:
    at = _at(row)
    return Document(
        row.id,
        row.number,
        row.canonical_number,
        row.title,
        row.issuer,
        _required_window(row, "date"),
        row.kind,
        _ref(row.published_in, at),
        row.page,
        at,
    )


def _organisation(
    row: Any, names: dict[str, list[Any]], renames: dict[str, list[Any]], members: dict[str, list[Any]]
) -> Organisation:
    at = _at(row)
    own = names.get(row.id, [])
    return Organisation(
        row.id,
        row.name,
        tuple(n.name for n in own if n.kind == "short"),
        tuple(n.name for n in own if n.kind == "brand"),
        row.kind,
        _ref(row.parent, at),
        tuple(
            Rename(_required_window(rn, "on"), rn.former_name, _ref(rn.source, _at(rn)), _at(rn))
            for rn in renames.get(row.id, ())
        ),
        tuple(Ref(m.member, at) for m in members.get(row.id, ())),
        row.note,
        at,
    )


def _post_refs(rows: Iterable[Any], at: Location) -> tuple[PostRef, ...]:
    return tuple(PostRef(Ref(p.organisation, at), p.title, at) for p in rows)


def _personnel(row: Any, posts: dict[str, list[Any]], records: FileRecords) -> None:
    at = _at(row)
    person = Ref(row.person, at)
    window = _required_window(row, "date")
    post_refs = _post_refs(posts.get(row.id, ()), at)
    if row.kind == "appointment":
        rank: Rank | None = parse_rank(row.rank) if row.rank else None
        records.appointments.append(
            Appointment(
                row.id,
                person,
                post_refs,
                row.printed,
                row.confirmation,
                window,
                row.probation_months,
                rank,
                _ref(row.predecessor, at),
                row.source,
                at,
                AppointmentForm(row.form or "appointed"),
                _ref(row.appointed_by, at),
                _ref(row.approved_by, at),
            )
        )
    elif row.kind == "removal":
        to = _post_refs(posts.get(f"{row.id}/to", ()), at)
        records.removals.append(
            Removal(
                row.id,
                person,
                post_refs,
                row.printed,
                window,
                row.unrecorded,
                row.source,
                at,
                RemovalReason(row.reason or "removed"),
                _ref(row.accepted_by, at),
                to[0] if to else None,
            )
        )
    else:
        records.attestations.append(Attestation(row.id, person, post_refs[0], window, row.printed, row.source, at))


def _leadership(conn: Connection) -> Iterator[LeadershipVersion]:
    leaders = _grouped(conn, t.leaders, "version_id")
    pairs = _grouped(conn, t.stand_in_pairs, "version_id")
    items: dict[tuple[str, int], list[Any]] = defaultdict(list)
    for row in conn.execute(
        select(t.leader_items).order_by(
            t.leader_items.c.version_id, t.leader_items.c.leader_position, t.leader_items.c.position
        )
    ):
        items[(row.version_id, row.leader_position)].append(row)
    for row in conn.execute(select(t.leadership_versions)):
        at = _at(row)
        entries = []
        for leader in leaders.get(row.id, ()):
            mine = items.get((row.id, leader.position), [])
            lat = _at(leader)
            units = {rel: tuple(Ref(i.text, lat) for i in mine if i.relation == rel) for rel in RELATIONS}
            work = tuple(i.text for i in mine if i.relation == "work")
            entries.append(LeaderEntry(Ref(leader.person, lat), leader.printed, units, work, lat))
        stand_ins = tuple((Ref(p.first, at), Ref(p.second, at)) for p in pairs.get(row.id, ()))
        yield LeadershipVersion(
            row.id, row.source, _required_window(row, "date"), _ref(row.government, at), tuple(entries), stand_ins, at
        )


def _rosters(conn: Connection, posts: dict[str, list[Any]]) -> Iterator[RosterVersion]:
    seats = _grouped(conn, t.seats, "roster_id")
    takes = _grouped(conn, t.roster_takes_over, "roster_id")
    for row in conn.execute(select(t.rosters)):
        at = _at(row)
        built = tuple(
            Seat(
                s.position,
                s.role,
                _ref(s.member, _at(s)),
                _post_refs(posts.get(f"{row.id}/seat/{s.position}", ()), _at(s)),
                s.printed,
                _at(s),
            )
            for s in seats.get(row.id, ())
        )
        office = None
        if row.office_host is not None:
            oat = Location(row.path, row.office_line or 0, row.office_col or 0)
            office = Office(
                Ref(row.office_host, oat),
                _ref(row.office_director, oat),
                _post_refs(posts.get(f"{row.id}/office", ()), oat),
                row.office_printed,
                oat,
            )
        yield RosterVersion(
            row.id,
            row.source,
            _required_window(row, "date"),
            Ref(row.committee, at),
            built,
            office,
            row.succession,
            row.succession_printed,
            tuple(Ref(b.body, at) for b in takes.get(row.id, ())),
            at,
        )
