"""Leadership: 分工 versions, who is in charge of a unit, and who stands in (代为负责).

DOMAIN.md, "Leadership": a 分工 notice is a dated version of who is in charge of what; it
replaces the previous version from its date. Asking who is in charge of unit U on D if leaders
L… are absent walks the stand-in pairs in the order printed: 岑福康 sits in two pairs, so his
stand-ins are 张伟, then 陆浩. When nobody present remains, the answer says so.

Units are written as printed. 区建设管理委（交通委、水务局）names one body by its 牌子; a name in
the brackets that belongs to another body (区城管执法局（城管大队）) brings that body in too; a
group (街道（镇）) stands for each of its members.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import deque
from dataclasses import dataclass, field
from datetime import date

from govorg.catalog import COMPOUND_NAME, Catalog
from govorg.names import name_key
from govorg.problems import Problem, problem
from govorg.records import RELATIONS, LeadershipVersion, Ref


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit as printed in a 分工 notice and the organisations it covers (head body first)."""

    printed: str
    organisations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Portfolio:
    """One leader's portfolio in one version, in printed order."""

    person_id: str
    order: int
    printed: str | None
    units: dict[str, tuple[Unit, ...]]
    work: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Assignment:
    """A leader's relation to a unit, and the unit or group it comes through."""

    person_id: str
    relation: str
    unit: Unit
    via: str | None  # the group (街道（镇）) or parent body the answer came through, if not the unit itself


@dataclass(slots=True)
class Version:
    id: str
    source: str
    in_force_from: date
    government: str | None
    portfolios: tuple[Portfolio, ...]
    pairs: tuple[tuple[str, str], ...]
    coverage: dict[str, list[tuple[str, str, Unit]]] = field(default_factory=dict)  # org -> (person, relation, unit)

    def portfolio(self, person_id: str) -> Portfolio | None:
        return next((p for p in self.portfolios if p.person_id == person_id), None)

    def stand_ins(self, person_id: str) -> list[str]:
        """The person's partners in the printed pairs, in printed order."""
        out: list[str] = []
        for a, b in self.pairs:
            other = b if a == person_id else a if b == person_id else None
            if other is not None and other not in out:
                out.append(other)
        return out


@dataclass(frozen=True, slots=True)
class StandIn:
    """Who stands in for an absent leader: the first present leader found breadth-first."""

    absent_leader: str
    person_id: str | None  # None: nobody present remains
    path: tuple[str, ...]  # from the absent leader to the stand-in, through absent ones


@dataclass(frozen=True, slots=True)
class InCharge:
    organisation_id: str
    version: Version | None
    assignments: tuple[Assignment, ...]
    stand_ins: tuple[StandIn, ...]

    def by_relation(self, relation: str) -> list[Assignment]:
        return [a for a in self.assignments if a.relation == relation]


class Leadership:
    """All 分工 versions, per government, ordered by the day each comes into force."""

    def __init__(self, versions: list[Version], catalog: Catalog) -> None:
        self.versions = sorted(versions, key=lambda v: v.in_force_from)
        self._catalog = catalog
        self._by_government: dict[str | None, list[Version]] = {}
        for version in self.versions:
            self._by_government.setdefault(version.government, []).append(version)
        self._starts = {g: [v.in_force_from for v in vs] for g, vs in self._by_government.items()}

    @property
    def governments(self) -> list[str | None]:
        return list(self._by_government)

    def version_on(self, day: date, *, government: str | None = None) -> Version | None:
        """The version in force on `day` for `government` (when there is only one, it need not
        be named)."""
        if government is None and len(self._by_government) == 1:
            government = next(iter(self._by_government))
        versions = self._by_government.get(government, [])
        i = bisect_right(self._starts.get(government, []), day)
        return versions[i - 1] if i else None

    def in_force(self, day: date) -> list[Version]:
        """Every government's version in force on `day`."""
        found = (self.version_on(day, government=g) for g in self._by_government)
        return [v for v in found if v is not None]

    def first_day(self) -> date | None:
        return self.versions[0].in_force_from if self.versions else None

    def in_charge(self, org_id: str, *, on: date, absent: frozenset[str] = frozenset()) -> InCharge:
        versions = self.in_force(on)
        if not versions:
            return InCharge(org_id, None, (), ())
        assignments: list[Assignment] = []
        version = versions[0]
        current: str | None = org_id
        seen: set[str] = set()
        while current is not None and current not in seen and not assignments:
            seen.add(current)
            for candidate in versions:
                for person, relation, unit in candidate.coverage.get(current, ()):
                    via = None if unit.organisations[0] == org_id else unit.organisations[0]
                    if current != org_id:
                        via = current
                    assignments.append(Assignment(person, relation, unit, via))
                    version = candidate
            current = self._parent(current)
        responsible = _responsible(assignments)
        stand_ins = tuple(walk_stand_ins(version, leader, absent) for leader in responsible if leader in absent)
        return InCharge(org_id, version, tuple(assignments), stand_ins)

    def leader_version(self, person_id: str, *, on: date) -> Version | None:
        """The version in force on `on` in which the person has a portfolio."""
        return next((v for v in self.in_force(on) if v.portfolio(person_id) is not None), None)

    def _parent(self, org_id: str) -> str | None:
        org = self._catalog.organisations.get(org_id)
        if org is None or org.parent is None:
            return None
        return self._catalog.resolve_organisation(org.parent.text)


def none_recorded(first: date | None) -> str:
    """What to say when no 分工 is in force: before the first one, or none at all."""
    return f"no 分工 recorded before {first.isoformat()}" if first else "no 分工 recorded"


def _responsible(assignments: list[Assignment]) -> list[str]:
    """The leaders whose absence needs a stand-in: those 分管 the unit, else those who 联系 it,
    else the one who leads the whole government."""
    for relation in ("in_charge", "liaises", "leads"):
        people = list(dict.fromkeys(a.person_id for a in assignments if a.relation == relation))
        if people:
            return people
    return []


def walk_stand_ins(version: Version, leader: str, absent: frozenset[str]) -> StandIn:
    """Breadth-first through the printed pairs, each leader's partners in printed order."""
    queue: deque[tuple[str, ...]] = deque([(leader,)])
    seen = {leader}
    while queue:
        path = queue.popleft()
        for partner in version.stand_ins(path[-1]):
            if partner in seen:
                continue
            seen.add(partner)
            if partner not in absent:
                return StandIn(leader, partner, (*path, partner))
            queue.append((*path, partner))
    return StandIn(leader, None, (leader,))


# -- building and checking ---------------------------------------------------------------------


def build_leadership(records: list[LeadershipVersion], catalog: Catalog, problems: list[Problem]) -> Leadership:
    versions: list[Version] = []
    seen_dates: dict[tuple[str | None, date], LeadershipVersion] = {}
    for record in records:
        day = record.date.latest or record.date.earliest or date.min
        government = catalog.resolve_reference(record.government, record.date) if record.government else None
        key = (government, day)
        if key in seen_dates:
            problems.append(
                problem(
                    "GO404",
                    record.location,
                    f"{record.source} and {seen_dates[key].source} are both 分工 versions in force from {day}",
                    hint="a later notice replaces an earlier one from its own date; check the dates",
                )
            )
            continue
        seen_dates[key] = record
        versions.append(_build_version(record, day, government, catalog, problems))
    return Leadership(versions, catalog)


def _build_version(
    record: LeadershipVersion, day: date, government: str | None, catalog: Catalog, problems: list[Problem]
) -> Version:
    portfolios: list[Portfolio] = []
    leaders: dict[str, Ref] = {}
    for order, entry in enumerate(record.leaders, 1):
        person = catalog.resolve_person(entry.person)
        if person is None:
            continue
        if person in leaders:
            problems.append(
                problem(
                    "GO401",
                    entry.person.location,
                    f"{person} is listed twice in this 分工 version (first at {leaders[person].location})",
                )
            )
            continue
        leaders[person] = entry.person
        units = {
            relation: tuple(u for u in (resolve_unit(ref, record, catalog, problems) for ref in refs) if u is not None)
            for relation, refs in entry.units.items()
        }
        portfolios.append(Portfolio(person, order, entry.printed, units, entry.work))

    pairs: list[tuple[str, str]] = []
    for a_ref, b_ref in record.stand_ins:
        a, b = catalog.resolve_person(a_ref), catalog.resolve_person(b_ref)
        for ref, person in ((a_ref, a), (b_ref, b)):
            if person is not None and person not in leaders:
                problems.append(
                    problem(
                        "GO403",
                        ref.location,
                        f"stand-in pair names {person}, who has no portfolio in this notice",
                        hint=f"leaders of this notice: {', '.join(leaders)}",
                    )
                )
        if a is not None and b is not None and a in leaders and b in leaders:
            pairs.append((a, b))

    version = Version(record.id, record.source, day, government, tuple(portfolios), tuple(pairs))
    in_charge_of: dict[str, tuple[str, Ref | None]] = {}
    for portfolio in version.portfolios:
        entry = record.leaders[portfolio.order - 1]
        for relation in RELATIONS:
            for n, unit in enumerate(portfolio.units[relation]):
                for org in unit.organisations:
                    version.coverage.setdefault(org, []).append((portfolio.person_id, relation, unit))
                    if relation != "in_charge":
                        continue
                    other = in_charge_of.get(org)
                    if other is not None and other[0] != portfolio.person_id:
                        refs = entry.units[relation]
                        where = refs[n].location if n < len(refs) else entry.location
                        problems.append(
                            problem(
                                "GO402",
                                where,
                                f"{catalog.organisations[org].name} is 分管 by both {other[0]} and {portfolio.person_id}",
                                hint="a unit has one leader in charge; list the other under `assists`",
                            )
                        )
                    in_charge_of[org] = (portfolio.person_id, None)
    return version


def resolve_unit(ref: Ref, record: LeadershipVersion, catalog: Catalog, problems: list[Problem]) -> Unit | None:
    """Resolve a unit as printed: a name, a name with 牌子 in brackets, or a group."""
    found = catalog.organisations_named(ref.text, record.date)
    if len(found) == 1:
        return Unit(ref.text, _expand(found[0], catalog))
    m = COMPOUND_NAME.match(name_key(ref.text))
    if not found and m:
        head = catalog.resolve_reference(Ref(m.group(1), ref.location), record.date)
        if head is None:
            return None
        organisations = list(_expand(head, catalog))
        for brand in m.group(2).split("、"):
            # Inside the brackets the district prefix is left out: 交通委 is 区交通委.
            org = catalog.resolve_organisation(brand, record.date) or catalog.resolve_organisation(
                "区" + brand, record.date
            )
            if org is None:
                catalog.unknown_organisation(Ref(brand, ref.location))
            elif org not in organisations:
                organisations.append(org)
        return Unit(ref.text, tuple(organisations))
    catalog.resolve_reference(ref, record.date)  # reports unknown or ambiguous
    return None


def _expand(org_id: str, catalog: Catalog) -> tuple[str, ...]:
    """A group stands for its members (街道（镇）: every street office and the town)."""
    org = catalog.organisations[org_id]
    if org.kind != "group":
        return (org_id,)
    members = (catalog.resolve_organisation(m.text) for m in org.members)
    return (org_id, *(m for m in members if m is not None))
