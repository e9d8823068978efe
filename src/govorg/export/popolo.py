"""The selection as Popolo data: persons, organizations, posts and memberships, with sources."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date

from govorg.dates import DateWindow
from govorg.export.selection import (
    EVERYTHING,
    RELATION_LABELS,
    Json,
    PortfolioRow,
    Scope,
    SeatRow,
    Selection,
    org_sources,
    select,
)
from govorg.export.windows import popolo_date, tenure_dates, tenure_windows, window_json
from govorg.records import Document, Milestone, Organisation, OrganisationKind
from govorg.registry import Registry
from govorg.tenures import Tenure

EXTENSION = "govorg:"  # Popolo allows extra fields; ours carry this prefix


def _source(doc: Document) -> Json:
    """A Popolo link for a document: a URN naming its id, and a note with its 文号, title and date."""
    parts = [doc.canonical_number or doc.number, doc.title, doc.date.text]
    if doc.page:
        parts.append(f"p.{doc.page}")
    return {"url": f"urn:govorg:document:{doc.id}", "note": " ".join(p for p in parts if p)}


def _sources(registry: Registry, ids: Iterable[str]) -> list[Json]:
    docs = registry.catalog.documents
    return [_source(docs[d]) for d in sorted(set(ids)) if d in docs]


def post_id(org_id: str, title: str) -> str:
    return f"{org_id}/post/{title}"


def _milestone_date(m: Milestone | None, *, side: str) -> str | None:
    return popolo_date(m.on, side=side) if m is not None else None


def export_popolo(registry: Registry, *, scope: Scope = EVERYTHING, government: str | None = None) -> Json:
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
            "id": post_id(org_id, title),
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
    entry["sources"] = _sources(registry, org_sources(registry, org))
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
        "post_id": post_id(tenure.post.organisation_id, tenure.post.title),
        "role": tenure.post.title,
        "label": tenure.printed or tenure.post.title,
        EXTENSION + "kind": "post",
        EXTENSION + "certainty": certainty,
    }
    start, end = tenure_dates(tenure)
    if start is not None:
        entry["start_date"] = start
    if end is not None:
        entry["end_date"] = end
    start_window, end_window = tenure_windows(tenure)
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
        entry[EXTENSION + "seat_posts"] = [post_id(o, t) for o, t in seat.posts]
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
