"""Page data: registry answers turned into plain dictionaries the templates print. Every
question is the library's (`Registry.leaders`, `roster`, `holders`, `timeline`, `seats_held`,
`history`); this module only picks, names and links. A missing id raises `NotFound`."""

from __future__ import annotations

from datetime import date
from typing import Any

from govorg.committees import BODY_LABELS, Resolution, ResolvedSeat
from govorg.history import label
from govorg.leadership import Certainty as LeadershipCertainty
from govorg.pages.timeline import Span, svg
from govorg.records import RELATIONS, OrganisationKind, Relation, has_roster
from govorg.registry import Registry
from govorg.tenures import Certainty, Tenure

Page = dict[str, Any]

RESOLUTION_LABELS = {
    Resolution.LISTED: "",
    Resolution.SUCCEEDED: "自然替补",
    Resolution.SUCCESSOR_UNKNOWN: "继任未定",
    Resolution.VACANT: "空缺",
    Resolution.AWAITING_NOTICE: "待发文调整",
    Resolution.PENDING: "待成立",
}


# As the notices word them (the CLI prints the same words).
RELATION_LABELS = {
    Relation.LEADS: "领导全面工作",
    Relation.IN_CHARGE: "分管",
    Relation.ASSISTS: "协助分管",
    Relation.LIAISES: "联系",
}


class NotFound(LookupError):
    """No record has the id asked about."""


def _doc(registry: Registry, doc_id: str) -> Page:
    doc = registry.catalog.documents[doc_id]
    return {"id": doc.id, "label": doc.canonical_number or doc.number or doc.title, "title": doc.title}


def _person(registry: Registry, person_id: str | None) -> Page | None:
    if person_id is None or person_id not in registry.catalog.people:
        return None
    return {"id": person_id, "name": registry.catalog.people[person_id].name}


def _org(registry: Registry, org_id: str, on: date) -> Page:
    return {"id": org_id, "name": registry.organisation_name(org_id, on=on)}


def _window(start: date, end: date) -> str:
    a = "?" if start == date.min else start.isoformat()
    b = "" if end == date.max else end.isoformat()
    return f"{a} – {b}"


def _tenure(registry: Registry, tenure: Tenure, on: date) -> Page:
    return {
        "id": tenure.id,
        "person": _person(registry, tenure.person_id),
        "post": _org(registry, tenure.post.organisation_id, on) | {"title": tenure.post.title},
        "start": tenure.start.text,
        "end": tenure.end.text if tenure.end else None,
        "printed": tenure.printed,
        "acting": tenure.acting,
        "sources": [_doc(registry, s) for s in tenure.sources],
    }


def leaders(registry: Registry, *, on: date, government: str | None) -> Page:
    version = registry.leaders(on=on, government=government)
    gov_id = version.government if version else (registry.government_id(government) if government else None)
    page: Page = {
        "title": "领导之窗",
        "on": on.isoformat(),
        "government": _org(registry, gov_id, on) if gov_id else None,
        "leaders": [],
        "possible": False,
        "sources": [],
        "temporaries": [],
    }
    if version is None:
        return page
    page["possible"] = version.certainty(on) is LeadershipCertainty.POSSIBLE
    page["sources"] = [_doc(registry, s) for s in version.sources]
    for p in version.portfolios:
        units = [
            {
                "relation": RELATION_LABELS.get(Relation(relation), relation) if relation in RELATIONS else relation,
                "printed": unit.printed,
                "organisations": [_org(registry, o, on) for o in unit.organisations],
            }
            for relation, found in p.units.items()
            for unit in found
        ]
        posts = registry.posts(p.person_id, on=on)
        page["leaders"].append(
            {
                "person": _person(registry, p.person_id),
                "posts": [{"title": h.tenure.post.title, "possible": h.certainty is Certainty.POSSIBLE} for h in posts],
                "printed": p.printed,
                "units": units,
                "work": list(p.work),
                "note": p.note,
                "stand_ins": [_person(registry, s) for s in version.stand_ins(p.person_id)],
                "sources": [_doc(registry, s) for s in p.sources],
            }
        )
    page["temporaries"] = [
        {
            "absent": _person(registry, t.absent),
            "reason": t.reason,
            "start": t.start.text,
            "until": t.until.text if t.until else None,
            "printed": t.printed,
            "shares": [_person(registry, person) for person, _, _ in t.shares],
            "source": _doc(registry, t.source),
        }
        for t in version.temporaries_on(on)
    ]
    return page


def _seat(registry: Registry, seat: ResolvedSeat, on: date) -> Page:
    return {
        "role": seat.seat.role,
        "member": _person(registry, seat.member),
        "listed": _person(registry, seat.listed_member),
        "posts": [_org(registry, p.organisation_id, on) | {"title": p.title} for p in seat.posts],
        "printed": seat.seat.printed,
        "state": RESOLUTION_LABELS[seat.resolution],
        "vacant": seat.resolution is Resolution.VACANT,
        "pending": seat.resolution is Resolution.PENDING,
        "possible": seat.certainty is Certainty.POSSIBLE,
        "candidates": [_person(registry, c) for c in seat.candidates],
        "note": seat.note,
        "sources": [_doc(registry, s) for s in seat.sources],
    }


def body(registry: Registry, body_id: str, *, on: date) -> Page:
    org = registry.catalog.organisations.get(body_id)
    if org is None or not has_roster(org.kind):
        raise NotFound(f"no body with a roster has the id {body_id!r}")
    roster = registry.roster(org.id, on=on)
    office = None
    if roster.office is not None:
        o = roster.office
        office = {
            "name": o.office.name or "办公室",
            "host": _org(registry, o.host, on) if o.host else None,
            "director": _seat(registry, o.director, on) if o.director else None,
        }
    gov = registry.government_of(org.id)
    return {
        "title": registry.organisation_name(org.id, on=on),
        "id": org.id,
        "on": on.isoformat(),
        "kind": BODY_LABELS[OrganisationKind(org.kind)],
        "government": _org(registry, gov.id, on) if gov else None,
        "possible": roster.certainty is Certainty.POSSIBLE,
        "note": roster.note,
        "source": _doc(registry, roster.version.source) if roster.version else None,
        "seats": [_seat(registry, s, on) for s in roster.seats],
        "office": office,
    }


def organisation(registry: Registry, org_id: str, *, on: date) -> Page:
    org = registry.catalog.organisations.get(org_id)
    if org is None:
        raise NotFound(f"no organisation has the id {org_id!r}")
    compiled = registry.compiled
    posts = []
    spans: list[Span] = []
    for (post_org, _), tenures in sorted(compiled.post_tenures.items(), key=lambda kv: kv[0]):
        if post_org != org.id or not tenures:
            continue
        title = tenures[0].post.title
        holders = registry.holders(org.id, title, on=on)
        posts.append(
            {
                "title": title,
                "holders": [
                    _tenure(registry, h.tenure, on) | {"possible": h.certainty is Certainty.POSSIBLE} for h in holders
                ],
            }
        )
        for t in tenures:
            name = registry.catalog.people[t.person_id].name
            spans.append(
                Span(
                    f"{title} {name}",
                    f"/pages/people/{t.person_id}",
                    t.possible_from,
                    t.possible_until,
                    t.certain_from,
                    t.certain_until,
                )
            )
    names = [{"name": org.name, "since": None, "kind": "现名"}]
    for r in org.renames:
        names.append({"name": r.former_name, "since": r.on.text, "kind": "曾用名（至此日更名）"})
    chain = registry.catalog.ancestors(org.id)
    parent = chain[1] if len(chain) > 1 else None
    gov = registry.government_of(org.id)
    return {
        "title": registry.organisation_name(org.id, on=on),
        "id": org.id,
        "on": on.isoformat(),
        "kind": org.kind.value,
        "is_body": has_roster(org.kind),
        "government": _org(registry, gov.id, on) if gov and gov.id != org.id else None,
        "parent": _org(registry, parent, on) if parent else None,
        "short_names": list(org.short_names),
        "brand_names": list(org.brand_names),
        "names": names,
        "posts": posts,
        "children": [_org(registry, c, on) for c in sorted(registry.catalog.children.get(org.id, []))],
        "svg": svg(spans, title=f"{org.name} 任职时间线", on=on, ident="org") if spans else None,
    }


def person(registry: Registry, person_id: str, *, on: date) -> Page:
    found = registry.person(person_id)
    if found is None:
        raise NotFound(f"no person has the id {person_id!r}")
    tenures = registry.timeline(person_id)
    current = {h.tenure.id: h.certainty for h in registry.posts(person_id, on=on)}
    career = []
    spans = []
    for t in tenures:
        row = _tenure(registry, t, on)
        row["now"] = current.get(t.id) is not None
        row["possible"] = current.get(t.id) is Certainty.POSSIBLE
        career.append(row)
        spans.append(
            Span(
                f"{registry.organisation_name(t.post.organisation_id, on=on)} {t.post.title}",
                f"/pages/organisations/{t.post.organisation_id}",
                t.possible_from,
                t.possible_until,
                t.certain_from,
                t.certain_until,
            )
        )
    seats = [
        {
            "body": _org(registry, s.committee_id, on),
            "role": s.role,
            "since": s.since.text,
            "until": s.until.isoformat() if s.until else (s.left.text if s.left else None),
            "by_succession": s.by_succession,
            "source": _doc(registry, s.source),
        }
        for s in registry.seats_held(person_id)
    ]
    return {
        "title": found.name,
        "id": found.id,
        "on": on.isoformat(),
        "printed": [p for p in found.printed if p != found.name],
        "career": career,
        "seats": seats,
        "svg": svg(spans, title=f"{found.name} 履历时间线", on=on, ident="person") if spans else None,
    }


def document(registry: Registry, doc_id: str, *, on: date) -> Page:
    found = registry.document(doc_id)
    if found is None:
        raise NotFound(f"no document has the id or number {doc_id!r}")
    events = []
    for event in registry.history.from_source(found.id):
        day = event.latest if event.latest != date.max else event.earliest
        unit = event.committee or (event.organisations[0] if event.organisations else None)
        events.append(
            {
                "date": event.date.text,
                "label": label(event),
                "unit": _org(registry, unit, day) if unit else None,
                "people": [p for p in (_person(registry, x) for x in event.people) if p],
                "posts": [registry.organisation_name(p.organisation_id, on=day) + p.title for p in event.posts],
                "detail": event.detail,
            }
        )
    published = registry.catalog.resolve_document(found.published_in.text) if found.published_in else None
    return {
        "title": found.title,
        "id": found.id,
        "on": on.isoformat(),
        "number": found.number,
        "issuer": found.issuer,
        "date": found.date.text,
        "kind": found.kind,
        "page": found.page,
        "published_in": _doc(registry, published) if published else None,
        "events": events,
    }
