"""Exports: the registry as Popolo JSON, as CSV tables, and as a network for Gephi.

`select` gathers what a scope (a day, a range, or everything) covers: tenures, committee seats,
leadership portfolios, and the people, organisations, posts and documents they name, each with
its certainty over the scope. `popolo`, `tables` and `network` turn that one selection into
plain data; the writers (`popolo_json`, `write_csv`, `graph.network_bytes`) only serialise it.
Everything is sorted and nothing depends on the clock, so the same data gives the same bytes.

docs/exports.md explains how a date known only to a window maps to Popolo's single dates.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from govorg.committees import CommitteeVersion
from govorg.dates import DateWindow, Precision
from govorg.leadership import Portfolio, Version
from govorg.records import Document, Milestone, Organisation, OrganisationKind, has_roster
from govorg.registry import Registry, UnknownGovernment
from govorg.tenures import Tenure

Json = dict[str, Any]

FORMATS = ("popolo", "csv", "gexf", "graphml")
RELATION_LABELS = {"leads": "领导全面工作", "in_charge": "分管", "assists": "协助分管", "liaises": "联系"}
LIST_SEPARATOR = "|"  # between the items of one CSV cell: never part of a name, title or 文号
EXTENSION = "govorg:"  # Popolo allows extra fields; ours carry this prefix


# -- the scope ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Scope:
    """The days an export covers, both ends inclusive: one day, a range, or every day."""

    start: date = date.min
    end: date = date.max

    @classmethod
    def on(cls, day: date) -> Scope:
        return cls(day, day)

    @property
    def everything(self) -> bool:
        return self.start == date.min and self.end == date.max

    @property
    def day(self) -> date | None:
        return self.start if self.start == self.end else None

    def certainty(self, possible: tuple[date, date], certain: tuple[date, date]) -> str | None:
        """For a span held possibly over [possible) and certainly over [certain) (half-open):
        CERTAIN when the certain span meets the scope, POSSIBLE when only the widest reading
        does, None when neither does."""
        if certain[0] < certain[1] and certain[0] <= self.end and self.start < certain[1]:
            return "CERTAIN"
        if possible[0] <= self.end and self.start < possible[1]:
            return "POSSIBLE"
        return None

    def describe(self) -> Json:
        if self.everything:
            return {"scope": "everything"}
        if self.day is not None:
            return {"scope": "on", "on": self.day.isoformat()}
        return {"scope": "range", "from": _iso(self.start), "to": _iso(self.end)}


# -- the selection ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SeatRow:
    """A seat on a body (or its office's directorship) over the scope."""

    id: str
    body_id: str
    role: str
    person_id: str | None
    listed_person_id: str | None
    posts: tuple[tuple[str, str], ...]  # (organisation id, title)
    since: DateWindow
    until: DateWindow | None  # the next roster version
    resolution: str  # LISTED (as printed) or how succession resolved it on the day
    certainty: str
    sources: tuple[str, ...]
    order: int


@dataclass(frozen=True, slots=True)
class PortfolioRow:
    """One leader's relation to one unit (or their lines of work) in one state of a 分工."""

    id: str
    government_id: str | None
    person_id: str
    order: int
    relation: str  # leads, in_charge, assists, liaises, or "work" for 负责…工作
    unit_printed: str
    unit_id: str | None
    covers: tuple[str, ...]
    since: DateWindow
    until: DateWindow | None
    certainty: str
    sources: tuple[str, ...]


@dataclass(slots=True)
class Selection:
    scope: Scope
    registry: Registry
    organisations: list[Organisation] = field(default_factory=list)
    tenures: list[tuple[Tenure, str]] = field(default_factory=list)
    seats: list[SeatRow] = field(default_factory=list)
    portfolios: list[PortfolioRow] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    posts: list[tuple[str, str]] = field(default_factory=list)  # (organisation id, title)
    documents: list[Document] = field(default_factory=list)


def select(registry: Registry, *, scope: Scope = Scope(), government: str | None = None) -> Selection:
    """What the scope covers, optionally only one government's bodies (any of its names)."""
    catalog = registry.catalog
    allowed: set[str] | None = None
    if government is not None:
        gov = registry.government_id(government)
        if gov is None:
            raise UnknownGovernment(government, [g.name for g in registry.governments()])
        allowed = {o for o, g in catalog.government_of.items() if g == gov}
    out = Selection(scope, registry)
    out.organisations = sorted(
        (o for o in catalog.organisations.values() if (allowed is None or o.id in allowed) and _exists(o, scope)),
        key=lambda o: o.id,
    )
    kept = {o.id for o in out.organisations}

    for tenure in sorted(registry.compiled.tenures.values(), key=lambda t: t.id):
        if tenure.post.organisation_id not in kept:
            continue
        found = scope.certainty(
            (tenure.possible_from, tenure.possible_until), (tenure.certain_from, tenure.certain_until)
        )
        if found is not None:
            out.tenures.append((tenure, found))

    committees = registry.validated.committees
    for body_id in sorted(committees.by_committee):
        if body_id in kept:
            out.seats.extend(_seats(registry, body_id, committees.versions(body_id), scope))

    leadership = registry.validated.leadership
    by_government: dict[str | None, list[Version]] = {}
    for version in leadership.versions:
        by_government.setdefault(version.government, []).append(version)
    for gov_id in sorted(by_government, key=lambda g: g or ""):
        if allowed is not None and gov_id not in allowed:
            continue
        versions = by_government[gov_id]
        for n, version in enumerate(versions):
            after = versions[n + 1] if n + 1 < len(versions) else None
            out.portfolios.extend(_portfolio_rows(version, after, scope))

    people: set[str] = {t.person_id for t, _ in out.tenures}
    people.update(p.person_id for p in out.portfolios)
    people.update(s.person_id for s in out.seats if s.person_id)
    people.update(s.listed_person_id for s in out.seats if s.listed_person_id)
    if scope.everything and allowed is None:
        people.update(catalog.people)
    out.people = sorted(people)

    posts = {(t.post.organisation_id, t.post.title) for t, _ in out.tenures}
    posts.update(p for s in out.seats for p in s.posts)
    out.posts = sorted(posts)

    cited: set[str] = {d for t, _ in out.tenures for d in t.sources}
    cited.update(d for s in out.seats for d in s.sources)
    cited.update(d for p in out.portfolios for d in p.sources)
    cited.update(d for o in out.organisations for d in _org_sources(registry, o))
    if scope.everything and allowed is None:
        cited.update(catalog.documents)
    out.documents = [catalog.documents[d] for d in sorted(cited) if d in catalog.documents]
    return out


def _exists(org: Organisation, scope: Scope) -> bool:
    """Whether the body may exist somewhere in the scope (founded by its end, not abolished
    before its start)."""
    if org.founded is not None and (org.founded.on.earliest or date.min) > scope.end:
        return False
    return not (org.abolished is not None and (org.abolished.on.latest or date.max) < scope.start)


def _seats(registry: Registry, body_id: str, versions: list[CommitteeVersion], scope: Scope) -> list[SeatRow]:
    """On one day: the roster as resolved that day (自然替补 applied). Over a range or
    everything: each roster version that may be in force, its seats as printed."""
    rows: list[SeatRow] = []
    day = scope.day
    if day is not None:
        roster = registry.roster(body_id, on=day)
        version = roster.version
        if version is None:
            return rows
        until = _next_window(versions, version)
        resolved = list(roster.seats)
        if roster.office is not None and roster.office.director is not None:
            resolved.append(roster.office.director)
        for seat in resolved:
            office = seat.seat.order == 0
            rows.append(
                SeatRow(
                    id=f"{version.id}/office" if office else f"{version.id}/seat/{seat.seat.order}",
                    body_id=body_id,
                    role=seat.seat.role,
                    person_id=seat.member,
                    listed_person_id=seat.listed_member,
                    posts=tuple((p.organisation_id, p.title) for p in seat.posts),
                    since=version.in_force,
                    until=until,
                    resolution=seat.resolution.value,
                    certainty=seat.certainty.value,
                    sources=tuple(seat.sources),
                    order=seat.seat.order,
                )
            )
        return rows
    for n, version in enumerate(versions):
        after = versions[n + 1] if n + 1 < len(versions) else None
        possible_until = (after.in_force.latest or after.in_force_from) if after else date.max
        certain_until = after.in_force_from if after else date.max
        certain_from = version.in_force.latest or version.in_force_from
        found = scope.certainty((version.in_force_from, possible_until), (certain_from, certain_until))
        if found is None:
            continue
        until = after.in_force if after else None
        listed = [
            (seat.order, seat.role, version.members[i], version.seat_posts[i], f"{version.id}/seat/{seat.order}")
            for i, seat in enumerate(version.record.seats)
        ]
        director = version.office_seat()
        if director is not None:
            listed.append((0, director.role, version.office_director, version.office_posts, f"{version.id}/office"))
        for order, role, member, posts, row_id in listed:
            rows.append(
                SeatRow(
                    id=row_id,
                    body_id=body_id,
                    role=role,
                    person_id=member,
                    listed_person_id=member,
                    posts=tuple((p.organisation_id, p.title) for p in posts),
                    since=version.in_force,
                    until=until,
                    resolution="LISTED",
                    certainty=found,
                    sources=(version.source,),
                    order=order,
                )
            )
    return rows


def _next_window(versions: list[CommitteeVersion], version: CommitteeVersion) -> DateWindow | None:
    n = versions.index(version)
    return versions[n + 1].in_force if n + 1 < len(versions) else None


def _portfolio_rows(version: Version, after: Version | None, scope: Scope) -> list[PortfolioRow]:
    # The state is in force from its notice's date until the next state of its government:
    # possibly until that one is certainly in force, certainly until it may be.
    possible_until = after.certain_from if after else date.max
    certain_until = after.in_force_from if after else date.max
    found = scope.certainty((version.in_force_from, possible_until), (version.certain_from, certain_until))
    if found is None:
        return []
    until = after.window if after else None
    rows: list[PortfolioRow] = []
    for portfolio in version.portfolios:
        rows.extend(_portfolio(version, portfolio, until, found))
    return rows


def _portfolio(version: Version, portfolio: Portfolio, until: DateWindow | None, found: str) -> list[PortfolioRow]:
    rows: list[PortfolioRow] = []
    base = f"{version.id}/{portfolio.person_id}"
    sources = portfolio.sources or (version.source,)
    for relation in RELATION_LABELS:
        for n, unit in enumerate(portfolio.units.get(relation, ()), start=1):
            rows.append(
                PortfolioRow(
                    id=f"{base}/{relation}/{n}",
                    government_id=version.government,
                    person_id=portfolio.person_id,
                    order=portfolio.order,
                    relation=relation,
                    unit_printed=unit.printed,
                    unit_id=unit.organisations[0] if unit.organisations else None,
                    covers=unit.organisations,
                    since=version.window,
                    until=until,
                    certainty=found,
                    sources=sources,
                )
            )
    for n, work in enumerate(portfolio.work, start=1):
        rows.append(
            PortfolioRow(
                id=f"{base}/work/{n}",
                government_id=version.government,
                person_id=portfolio.person_id,
                order=portfolio.order,
                relation="work",
                unit_printed=work,
                unit_id=None,
                covers=(),
                since=version.window,
                until=until,
                certainty=found,
                sources=sources,
            )
        )
    return rows


def _org_sources(registry: Registry, org: Organisation) -> list[str]:
    refs = [r.source for r in org.renames] + [m.source for m in (org.founded, org.abolished) if m is not None]
    found = (registry.catalog.resolve_document(ref.text) for ref in refs if ref is not None)
    return sorted({d for d in found if d is not None})


# -- dates --------------------------------------------------------------------------------------


def _iso(day: date) -> str | None:
    return None if day in (date.min, date.max) else day.isoformat()


def popolo_date(window: DateWindow | None, *, side: str) -> str | None:
    """A window as Popolo's one date (docs/exports.md): a day as itself; a month or a year in
    Popolo's reduced form (2021-04, 2021), which says exactly "some day of it"; any other window
    (a quarter, a span) by its certain bound: the latest possible start, the earliest possible end."""
    if window is None or window.earliest is None or window.latest is None:
        return None
    if window.exact:
        return window.earliest.isoformat()
    if window.precision is Precision.MONTH:
        return window.earliest.isoformat()[:7]
    if window.precision is Precision.YEAR:
        return window.earliest.isoformat()[:4]
    return (window.latest if side == "start" else window.earliest).isoformat()


def window_json(window: DateWindow | None) -> Json | None:
    """The window kept whole, for the extension fields (None for an exact day or nothing)."""
    if window is None or window.exact:
        return None
    return {
        "earliest": _iso(window.earliest) if window.earliest else None,
        "latest": _iso(window.latest) if window.latest else None,
        "text": window.text,
    }


def _tenure_dates(tenure: Tenure) -> tuple[str | None, str | None]:
    """Popolo start_date and end_date of a tenure, over its own bounds (an attestation narrows
    them): a day as itself; a month or year the bounds did not narrow in Popolo's reduced form;
    otherwise the certain span's bounds (the latest possible start, the earliest possible end).
    An end the sources leave open (no removal, or one with no latest day) gives no end_date.
    With no certain span at all, the widest reading instead, so start_date never follows end_date."""
    start = _bounded(tenure.start, tenure.possible_from, tenure.certain_from, side="start")
    end = None
    if tenure.end is not None and tenure.possible_until != date.max:
        end = _bounded(tenure.end, tenure.certain_until, tenure.possible_until, side="end")
    if start is not None and end is not None and start > end[: len(start)]:
        return _iso(tenure.possible_from), _iso(tenure.possible_until)
    return start, end


def _bounded(window: DateWindow, earliest: date, latest: date, *, side: str) -> str | None:
    if window.earliest == earliest and window.latest == latest:
        return popolo_date(window, side=side)
    return _iso(latest if side == "start" else earliest)


def _tenure_windows(tenure: Tenure) -> tuple[Json | None, Json | None]:
    """The start and end windows as the tenure's bounds give them (narrowed by attestations)."""
    start = None
    if tenure.possible_from != tenure.certain_from:
        start = {"earliest": _iso(tenure.possible_from), "latest": _iso(tenure.certain_from), "text": tenure.start.text}
    end = None
    if tenure.end is not None and tenure.certain_until != tenure.possible_until:
        end = {"earliest": _iso(tenure.certain_until), "latest": _iso(tenure.possible_until), "text": tenure.end.text}
    return start, end


# -- Popolo -------------------------------------------------------------------------------------


def _source(doc: Document) -> Json:
    """A Popolo link for a document: a URN naming its id, and a note with its 文号, title and date."""
    parts = [doc.canonical_number or doc.number, doc.title, doc.date.text]
    if doc.page:
        parts.append(f"p.{doc.page}")
    return {"url": f"urn:govorg:document:{doc.id}", "note": " ".join(p for p in parts if p)}


def _sources(registry: Registry, ids: Iterable[str]) -> list[Json]:
    docs = registry.catalog.documents
    return [_source(docs[d]) for d in sorted(set(ids)) if d in docs]


def _post_id(org_id: str, title: str) -> str:
    return f"{org_id}/post/{title}"


def _milestone_date(m: Milestone | None, *, side: str) -> str | None:
    return popolo_date(m.on, side=side) if m is not None else None


def export_popolo(registry: Registry, *, scope: Scope = Scope(), government: str | None = None) -> Json:
    """The scope as Popolo data: persons, organizations, posts and memberships, with sources."""
    return popolo(select(registry, scope=scope, government=government))


def popolo(sel: Selection) -> Json:
    registry, catalog = sel.registry, sel.registry.catalog
    name_day = sel.scope.day or (sel.scope.end if not sel.scope.everything else None)
    kept = {o.id for o in sel.organisations}

    person_sources: dict[str, set[str]] = {p: set() for p in sel.people}
    for tenure, _ in sel.tenures:
        person_sources[tenure.person_id].update(tenure.sources)
    persons = []
    for person_id in sel.people:
        person = catalog.people[person_id]
        entry: Json = {"id": person.id, "name": person.name, "sources": _sources(registry, person_sources[person_id])}
        if person.printed:
            entry["other_names"] = [{"name": n, "note": "as printed (印刷写法)"} for n in person.printed]
        persons.append(entry)

    organizations = []
    for org in sel.organisations:
        organizations.append(_organization(registry, org, name_day, kept))

    post_single = {(t.post.organisation_id, t.post.title): t.post.single_holder for t, _ in sel.tenures}
    posts = []
    for org_id, title in sel.posts:
        post: Json = {
            "id": _post_id(org_id, title),
            "label": title,
            "role": title,
            "organization_id": org_id,
        }
        if (org_id, title) in post_single:
            post[EXTENSION + "holders"] = "one" if post_single[org_id, title] else "many"
        posts.append(post)

    memberships = [_tenure_membership(registry, t, c) for t, c in sel.tenures]
    memberships.extend(_seat_membership(registry, s) for s in sel.seats if s.person_id is not None)
    memberships.extend(_portfolio_membership(registry, p) for p in sel.portfolios)
    memberships.sort(key=lambda m: str(m["id"]))

    return {
        EXTENSION + "export": {
            "format": "popolo",
            "data_version": registry.loaded.content_hash,
            **sel.scope.describe(),
        },
        "persons": persons,
        "organizations": organizations,
        "posts": posts,
        "memberships": memberships,
        EXTENSION + "documents": [_document_json(d) for d in sel.documents],
    }


def _organization(registry: Registry, org: Organisation, day: date | None, kept: set[str]) -> Json:
    catalog = registry.catalog
    entry: Json = {
        "id": org.id,
        "name": catalog.name_on(org.id, day) if day is not None else org.name,
        "classification": org.kind.value,
    }
    parent = catalog.ancestors(org.id)[1:2]
    if parent and parent[0] in kept:
        entry["parent_id"] = parent[0]
    other: list[Json] = [{"name": n, "note": "short name (简称)"} for n in org.short_names]
    other.extend({"name": n, "note": "other name of the body (牌子)"} for n in org.brand_names)
    previous: DateWindow | None = None
    for rename in sorted(org.renames, key=lambda r: (r.on.earliest or date.min, r.former_name)):
        former: Json = {"name": rename.former_name, "note": f"former name (更名 {rename.on.text})"}
        if (start := popolo_date(previous, side="start")) is not None:
            former["start_date"] = start
        if (end := popolo_date(rename.on, side="end")) is not None:
            former["end_date"] = end
        if (window := window_json(rename.on)) is not None:
            former[EXTENSION + "end_window"] = window
        other.append(former)
        previous = rename.on
    if day is not None and entry["name"] != org.name:
        other.append({"name": org.name, "note": "name after the export's day (later name)"})
    if other:
        entry["other_names"] = other
    if org.division_code:
        entry["identifiers"] = [{"identifier": org.division_code, "scheme": "GB/T 2260"}]
    if (founded := _milestone_date(org.founded, side="start")) is not None:
        entry["founding_date"] = founded
    if (dissolved := _milestone_date(org.abolished, side="end")) is not None:
        entry["dissolution_date"] = dissolved
    for key, milestone in (("founding_window", org.founded), ("dissolution_window", org.abolished)):
        if milestone is not None and (window := window_json(milestone.on)) is not None:
            entry[EXTENSION + key] = window
    government = catalog.government_of.get(org.id)
    if government is not None:
        entry[EXTENSION + "government_id"] = government
    if org.level is not None:
        entry[EXTENSION + "level"] = org.level.value
        entry[EXTENSION + "level_label"] = org.level.label
    if org.provisional:
        entry[EXTENSION + "provisional"] = True
    if org.kind is OrganisationKind.GROUP:
        members = (catalog.resolve_organisation(m.text) for m in org.members)
        entry[EXTENSION + "members"] = sorted({m for m in members if m})
    if org.note:
        entry[EXTENSION + "note"] = org.note
    entry["sources"] = _sources(registry, _org_sources(registry, org))
    return entry


def _dates(entry: Json, since: DateWindow | None, until: DateWindow | None) -> None:
    if (start := popolo_date(since, side="start")) is not None:
        entry["start_date"] = start
    if (end := popolo_date(until, side="end")) is not None:
        entry["end_date"] = end
    if (window := window_json(since)) is not None:
        entry[EXTENSION + "start_window"] = window
    if (window := window_json(until)) is not None:
        entry[EXTENSION + "end_window"] = window


def _tenure_membership(registry: Registry, tenure: Tenure, certainty: str) -> Json:
    entry: Json = {
        "id": tenure.id,
        "person_id": tenure.person_id,
        "organization_id": tenure.post.organisation_id,
        "post_id": _post_id(tenure.post.organisation_id, tenure.post.title),
        "role": tenure.post.title,
        "label": tenure.printed or tenure.post.title,
        EXTENSION + "kind": "post",
        EXTENSION + "certainty": certainty,
    }
    start, end = _tenure_dates(tenure)
    if start is not None:
        entry["start_date"] = start
    if end is not None:
        entry["end_date"] = end
    start_window, end_window = _tenure_windows(tenure)
    if start_window is not None:
        entry[EXTENSION + "start_window"] = start_window
    if end_window is not None:
        entry[EXTENSION + "end_window"] = end_window
    if tenure.acting:
        entry[EXTENSION + "acting"] = True
    if tenure.probation_months is not None:
        entry[EXTENSION + "probation_months"] = tenure.probation_months
    entry["sources"] = _sources(registry, tenure.sources)
    return entry


def _seat_membership(registry: Registry, seat: SeatRow) -> Json:
    entry: Json = {
        "id": seat.id,
        "person_id": seat.person_id,
        "organization_id": seat.body_id,
        "role": seat.role,
        "label": seat.role,
        EXTENSION + "kind": "seat",
        EXTENSION + "certainty": seat.certainty,
        EXTENSION + "resolution": seat.resolution,
        EXTENSION + "order": seat.order,
    }
    if seat.listed_person_id != seat.person_id:
        entry[EXTENSION + "listed_person_id"] = seat.listed_person_id
    if seat.posts:
        entry[EXTENSION + "seat_posts"] = [_post_id(o, t) for o, t in seat.posts]
    _dates(entry, seat.since, seat.until)
    entry["sources"] = _sources(registry, seat.sources)
    return entry


def _portfolio_membership(registry: Registry, row: PortfolioRow) -> Json:
    label = RELATION_LABELS.get(row.relation, "负责")
    entry: Json = {
        "id": row.id,
        "person_id": row.person_id,
        "organization_id": row.unit_id or row.government_id,
        "role": label,
        "label": f"{label}{row.unit_printed}" if row.relation != "work" else f"负责{row.unit_printed}工作",
        EXTENSION + "kind": "leadership",
        EXTENSION + "relation": row.relation,
        EXTENSION + "certainty": row.certainty,
        EXTENSION + "order": row.order,
    }
    if row.government_id is not None:
        entry["on_behalf_of_id"] = row.government_id
    if len(row.covers) > 1:
        entry[EXTENSION + "covers"] = list(row.covers)
    _dates(entry, row.since, row.until)
    entry["sources"] = _sources(registry, row.sources)
    return entry


def _document_json(doc: Document) -> Json:
    return {
        "id": doc.id,
        "number": doc.number,
        "canonical_number": doc.canonical_number,
        "title": doc.title,
        "issuer": doc.issuer,
        "date": doc.date.text,
        "kind": doc.kind,
        "published_in": doc.published_in.text if doc.published_in else None,
        "page": doc.page,
    }


def popolo_json(data: Json) -> str:
    """Popolo data as text: keys sorted, two-space indent, Chinese as is, a final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# -- tables (CSV) -------------------------------------------------------------------------------

# (key, Chinese header, English header), per table, in column order.
Columns = tuple[tuple[str, str, str], ...]
TABLES: dict[str, Columns] = {
    "people": (("id", "编号", "id"), ("name", "姓名", "name"), ("printed", "其他写法", "printed_names")),
    "organisations": (
        ("id", "编号", "id"),
        ("name", "名称", "name"),
        ("kind", "类别", "kind"),
        ("level", "级别", "level"),
        ("division_code", "行政区划代码", "division_code"),
        ("parent_id", "上级", "parent_id"),
        ("government_id", "所属政府", "government_id"),
        ("short_names", "简称", "short_names"),
        ("brand_names", "牌子", "brand_names"),
        ("former_names", "曾用名", "former_names"),
        ("founded", "成立", "founded"),
        ("abolished", "撤销", "abolished"),
    ),
    "posts": (
        ("id", "编号", "id"),
        ("organisation_id", "单位", "organisation_id"),
        ("title", "职务", "title"),
    ),
    "tenures": (
        ("id", "编号", "id"),
        ("person_id", "人员", "person_id"),
        ("person_name", "姓名", "person_name"),
        ("organisation_id", "单位", "organisation_id"),
        ("organisation_name", "单位名称", "organisation_name"),
        ("title", "职务", "title"),
        ("start", "任职", "start"),
        ("start_earliest", "任职最早", "start_earliest"),
        ("start_latest", "任职最晚", "start_latest"),
        ("end", "免职", "end"),
        ("end_earliest", "免职最早", "end_earliest"),
        ("end_latest", "免职最晚", "end_latest"),
        ("certainty", "确定性", "certainty"),
        ("acting", "代理", "acting"),
        ("probation_months", "试用期（月）", "probation_months"),
        ("sources", "文号", "sources"),
    ),
    "memberships": (
        ("id", "编号", "id"),
        ("body_id", "机构", "body_id"),
        ("body_name", "机构名称", "body_name"),
        ("order", "排序", "order"),
        ("role", "职务", "role"),
        ("person_id", "人员", "person_id"),
        ("person_name", "姓名", "person_name"),
        ("listed_person_id", "发文所列人员", "listed_person_id"),
        ("posts", "所在职务", "posts"),
        ("resolution", "状态", "resolution"),
        ("certainty", "确定性", "certainty"),
        ("since", "起", "since"),
        ("until", "止", "until"),
        ("sources", "文号", "sources"),
    ),
    "leadership": (
        ("id", "编号", "id"),
        ("government_id", "政府", "government_id"),
        ("person_id", "人员", "person_id"),
        ("person_name", "姓名", "person_name"),
        ("order", "排序", "order"),
        ("relation", "关系", "relation"),
        ("unit", "单位或工作（原文）", "unit_printed"),
        ("unit_id", "单位", "unit_id"),
        ("since", "起", "since"),
        ("until", "止", "until"),
        ("certainty", "确定性", "certainty"),
        ("sources", "文号", "sources"),
    ),
    "documents": (
        ("id", "编号", "id"),
        ("number", "文号", "number"),
        ("title", "标题", "title"),
        ("issuer", "发文机关", "issuer"),
        ("date", "日期", "date"),
        ("kind", "类型", "kind"),
        ("published_in", "刊载于", "published_in"),
        ("page", "页码", "page"),
    ),
}
Row = dict[str, str]


def _join(items: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(items)


def _window_text(window: DateWindow | None) -> str:
    return window.text if window is not None else ""


def _bound(day: date | None) -> str:
    return "" if day is None else (_iso(day) or "")


def export_tables(registry: Registry, *, scope: Scope = Scope(), government: str | None = None) -> dict[str, list[Row]]:
    """The scope as one table of rows per kind (keys of `TABLES`), every cell text."""
    return tables(select(registry, scope=scope, government=government))


def tables(sel: Selection) -> dict[str, list[Row]]:
    registry, catalog = sel.registry, sel.registry.catalog

    def labels(ids: Iterable[str]) -> str:
        docs = catalog.documents
        return _join(docs[d].canonical_number or d for d in ids if d in docs)

    def person(person_id: str | None) -> str:
        return catalog.people[person_id].name if person_id in catalog.people else ""

    out: dict[str, list[Row]] = {name: [] for name in TABLES}
    for person_id in sel.people:
        p = catalog.people[person_id]
        out["people"].append({"id": p.id, "name": p.name, "printed": _join(p.printed)})
    for org in sel.organisations:
        entry = _organization(registry, org, None, {o.id for o in sel.organisations})
        formers = [o["name"] for o in entry.get("other_names", []) if str(o["note"]).startswith("former")]
        out["organisations"].append(
            {
                "id": org.id,
                "name": org.name,
                "kind": org.kind.value,
                "level": org.level.value if org.level else "",
                "division_code": org.division_code or "",
                "parent_id": str(entry.get("parent_id", "")),
                "government_id": catalog.government_of.get(org.id) or "",
                "short_names": _join(org.short_names),
                "brand_names": _join(org.brand_names),
                "former_names": _join(formers),
                "founded": org.founded.on.text if org.founded else "",
                "abolished": org.abolished.on.text if org.abolished else "",
            }
        )
    for org_id, title in sel.posts:
        out["posts"].append({"id": _post_id(org_id, title), "organisation_id": org_id, "title": title})
    for tenure, certainty in sel.tenures:
        org_id = tenure.post.organisation_id
        out["tenures"].append(
            {
                "id": tenure.id,
                "person_id": tenure.person_id,
                "person_name": person(tenure.person_id),
                "organisation_id": org_id,
                "organisation_name": catalog.organisations[org_id].name,
                "title": tenure.post.title,
                "start": tenure.start.text,
                "start_earliest": _bound(tenure.possible_from),
                "start_latest": _bound(tenure.certain_from),
                "end": _window_text(tenure.end),
                "end_earliest": _bound(tenure.certain_until) if tenure.end else "",
                "end_latest": _bound(tenure.possible_until) if tenure.end else "",
                "certainty": certainty,
                "acting": "true" if tenure.acting else "",
                "probation_months": str(tenure.probation_months or ""),
                "sources": labels(tenure.sources),
            }
        )
    for seat in sorted(sel.seats, key=_seat_order):
        out["memberships"].append(
            {
                "id": seat.id,
                "body_id": seat.body_id,
                "body_name": catalog.organisations[seat.body_id].name,
                "order": str(seat.order),
                "role": seat.role,
                "person_id": seat.person_id or "",
                "person_name": person(seat.person_id),
                "listed_person_id": seat.listed_person_id or "",
                "posts": _join(f"{o}/{t}" for o, t in seat.posts),
                "resolution": seat.resolution,
                "certainty": seat.certainty,
                "since": _window_text(seat.since),
                "until": _window_text(seat.until),
                "sources": labels(seat.sources),
            }
        )
    for row in sorted(sel.portfolios, key=lambda r: r.id):
        out["leadership"].append(
            {
                "id": row.id,
                "government_id": row.government_id or "",
                "person_id": row.person_id,
                "person_name": person(row.person_id),
                "order": str(row.order),
                "relation": row.relation,
                "unit": row.unit_printed,
                "unit_id": row.unit_id or "",
                "since": _window_text(row.since),
                "until": _window_text(row.until),
                "certainty": row.certainty,
                "sources": labels(row.sources),
            }
        )
    for doc in sel.documents:
        out["documents"].append(
            {
                "id": doc.id,
                "number": doc.canonical_number or doc.number or "",
                "title": doc.title,
                "issuer": doc.issuer or "",
                "date": doc.date.text,
                "kind": doc.kind,
                "published_in": doc.published_in.text if doc.published_in else "",
                "page": str(doc.page or ""),
            }
        )
    return out


def csv_text(name: str, rows: list[Row], *, headers: str = "zh") -> str:
    """One table as CSV text with a BOM (spreadsheets then read the Chinese correctly)."""
    columns = TABLES[name]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([zh if headers == "zh" else en for _, zh, en in columns])
    for row in rows:
        writer.writerow([row[key] for key, _, _ in columns])
    return "\ufeff" + buffer.getvalue()


def write_csv(folder: Path, data: dict[str, list[Row]], *, headers: str = "zh") -> list[Path]:
    """Write one `NAME.csv` per table into `folder` (made if missing); returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TABLES:
        path = folder / f"{name}.csv"
        path.write_bytes(csv_text(name, data.get(name, []), headers=headers).encode("utf-8"))
        written.append(path)
    return written


# -- the network --------------------------------------------------------------------------------

NodeRow = tuple[str, dict[str, str]]
EdgeRow = tuple[str, str, str, dict[str, str]]  # source, target, edge id, attributes


def network(sel: Selection) -> tuple[list[NodeRow], list[EdgeRow]]:
    """Nodes for people, organisations and bodies; edges for holding a post (person to
    organisation), sitting on a body (person to body), being in charge of a unit (person to
    unit) and belonging to a parent (unit to parent). Every attribute is text."""
    catalog = sel.registry.catalog
    day = sel.scope.day

    def doc_labels(ids: Iterable[str]) -> str:
        return _join(catalog.documents[d].canonical_number or d for d in ids if d in catalog.documents)

    nodes: dict[str, dict[str, str]] = {}
    kept = {o.id for o in sel.organisations}
    for org in sel.organisations:
        nodes[f"organisation:{org.id}"] = {
            "label": catalog.name_on(org.id, day) if day else org.name,
            "type": "body" if has_roster(org.kind) else "organisation",
            "kind": org.kind.value,
            "level": org.level.value if org.level else "",
            "government": catalog.government_of.get(org.id) or "",
        }
    for person_id in sel.people:
        nodes[f"person:{person_id}"] = {
            "label": catalog.people[person_id].name,
            "type": "person",
            "kind": "person",
            "level": "",
            "government": "",
        }
    edges: list[EdgeRow] = []
    for org in sel.organisations:
        parent = catalog.ancestors(org.id)[1:2]
        if parent and parent[0] in kept:
            edges.append(
                (
                    f"organisation:{org.id}",
                    f"organisation:{parent[0]}",
                    f"{org.id}/part_of",
                    _edge("part_of", "part of", "CERTAIN", "", "", ""),
                )
            )
    for tenure, certainty in sel.tenures:
        start, end = _tenure_dates(tenure)
        edges.append(
            (
                f"person:{tenure.person_id}",
                f"organisation:{tenure.post.organisation_id}",
                tenure.id,
                _edge("holds", tenure.post.title, certainty, start or "", end or "", doc_labels(tenure.sources)),
            )
        )
    for seat in sel.seats:
        if seat.person_id is None:
            continue
        edges.append(
            (
                f"person:{seat.person_id}",
                f"organisation:{seat.body_id}",
                seat.id,
                _edge(
                    "sits_on",
                    seat.role,
                    seat.certainty,
                    popolo_date(seat.since, side="start") or "",
                    popolo_date(seat.until, side="end") or "",
                    doc_labels(seat.sources),
                ),
            )
        )
    for row in sel.portfolios:
        if row.unit_id is None or row.unit_id not in kept:
            continue
        edges.append(
            (
                f"person:{row.person_id}",
                f"organisation:{row.unit_id}",
                row.id,
                _edge(
                    "in_charge",
                    RELATION_LABELS[row.relation],
                    row.certainty,
                    popolo_date(row.since, side="start") or "",
                    popolo_date(row.until, side="end") or "",
                    doc_labels(row.sources),
                ),
            )
        )
    edges = [e for e in edges if e[0] in nodes and e[1] in nodes]
    return sorted(nodes.items()), sorted(edges, key=lambda e: (e[0], e[1], e[2]))


def _seat_order(seat: SeatRow) -> tuple[str, date, str, int]:
    """Body by body, roster version by version, seats in printed order (the office last)."""
    return (seat.body_id, seat.since.earliest or date.min, seat.id.rsplit("/", 2)[0], seat.order or 10**6)


def _edge(kind: str, label: str, certainty: str, since: str, until: str, sources: str) -> dict[str, str]:
    # Not `start`/`end`: networkx's GEXF writer reads those as spells and makes the graph dynamic.
    return {"kind": kind, "title": label, "certainty": certainty, "since": since, "until": until, "source": sources}
