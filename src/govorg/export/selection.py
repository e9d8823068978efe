"""What an export covers: a scope (one day, a range, or everything) and the records in it, each
with its certainty over the scope."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from govorg.committees import CommitteeVersion
from govorg.dates import DateWindow
from govorg.export.windows import iso
from govorg.leadership import Portfolio, Version
from govorg.records import Document, Organisation
from govorg.registry import Registry, UnknownGovernment
from govorg.tenures import Tenure

Json = dict[str, Any]

FORMATS = ("popolo", "csv", "gexf", "graphml")
RELATION_LABELS = {"leads": "领导全面工作", "in_charge": "分管", "assists": "协助分管", "liaises": "联系"}


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
        return {"scope": "range", "from": iso(self.start), "to": iso(self.end)}


EVERYTHING = Scope()


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


def select(registry: Registry, *, scope: Scope = EVERYTHING, government: str | None = None) -> Selection:
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
    cited.update(d for o in out.organisations for d in org_sources(registry, o))
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


def org_sources(registry: Registry, org: Organisation) -> list[str]:
    refs = [r.source for r in org.renames] + [m.source for m in (org.founded, org.abolished) if m is not None]
    found = (registry.catalog.resolve_document(ref.text) for ref in refs if ref is not None)
    return sorted({d for d in found if d is not None})
