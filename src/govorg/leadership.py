"""Leadership: the 分工 in force, who is in charge of a unit, and who stands in for whom.

docs/format.md, "Leadership". A full 分工 notice replaces, from its date, the previous one of
its government and every amendment since. Amendments change the 分工 in force without replacing
it: a stand-in notice (AB角, 互相补位, 代为负责) replaces the stand-in arrangements, an adjustment
(增加分管, 不再分管, 调整为) changes the named leaders only, and a temporary reassignment
(临时调整) hands an absent leader's work to others for a while. The 分工 in force on a day is
the latest full version plus the amendments in force that day; we compose each government's
states once, at build time, so a question is one bisect.

Stand-ins follow the rules as printed: one-way or two-way, for all of a leader's work or only
for named units (其余工作 going to another partner), with exempt work, leaders outside the
scheme and a fallback when every partner is away. The search goes past a leader's own
partners only where the record states a walk.

Units are written as printed. 区建设管理委（交通委、水务局）names one body by its 牌子; a name in
the brackets that belongs to another body (区城管执法局（城管大队）) brings that body in too; a
group (街道（镇）) stands for each of its members.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import lru_cache

from govorg.catalog import COMPOUND_NAME, Catalog
from govorg.dates import DateWindow, latest_before
from govorg.graph import RuleGraph
from govorg.names import name_key
from govorg.problems import Location, Problem, Text, problem
from govorg.records import (
    LeadershipKind,
    LeadershipVersion,
    OrganisationKind,
    PortfolioChange,
    Ref,
    Relation,
    StandInScheme,
)


class Certainty(StrEnum):
    CERTAIN = "CERTAIN"
    POSSIBLE = "POSSIBLE"  # the notice's date is a window and the day lies inside it


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit as printed in a 分工 notice and the organisations it covers (head body first)."""

    printed: str
    organisations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Portfolio:
    """One leader's portfolio in one state of the 分工, in printed order."""

    person_id: str
    order: int
    printed: str | None
    units: dict[str, tuple[Unit, ...]]
    work: tuple[str, ...]
    note: str | None = None  # why the leader has no portfolio (在中央党校学习)
    sources: tuple[str, ...] = ()  # the full notice, then each adjustment that changed it


@dataclass(frozen=True, slots=True)
class Assignment:
    """A leader's relation to a unit, and the unit or group it comes through."""

    person_id: str
    relation: str
    unit: Unit
    via: str | None  # the group (街道（镇）) or parent body the answer came through, if not the unit itself


@dataclass(frozen=True, slots=True)
class Rule:
    """A stand-in rule, resolved: when `leader` is away, `by` in order."""

    leader: str
    by: tuple[str, ...]
    units: frozenset[str]  # only these units (empty: not limited to units)
    work: tuple[str, ...]  # only these lines of work
    rest: bool  # 其余工作: whatever the leader's other rules do not cover
    printed: str | None

    @property
    def general(self) -> bool:
        return not self.units and not self.work


@dataclass(frozen=True, slots=True)
class Scheme:
    """The stand-in arrangements in force, from one notice."""

    source: str
    rules: tuple[Rule, ...]
    exemptions: tuple[tuple[frozenset[str], tuple[str, ...], str | None], ...]
    outside: frozenset[str]
    outside_printed: str | None
    fallback: str | None
    fallback_to: str | None
    walk: str | None

    def rules_for(self, leader: str, unit: frozenset[str] | None) -> list[Rule]:
        """The leader's rules that apply to the unit asked about: those naming it, else the
        general and 其余工作 ones (for no unit: every rule not limited to a part)."""
        mine = [r for r in self.rules if r.leader == leader]
        if unit is not None:
            specific = [r for r in mine if r.units & unit]
            if specific:
                return specific
        return [r for r in mine if r.general]

    def partners(self, leader: str) -> list[str]:
        """Everyone who stands in for the leader for some part of the work, in printed order."""
        return list(dict.fromkeys(p for r in self.rules if r.leader == leader for p in r.by))

    def exemption(self, unit: frozenset[str]) -> tuple[frozenset[str], tuple[str, ...], str | None] | None:
        return next((e for e in self.exemptions if e[0] & unit), None)


@dataclass(frozen=True, slots=True)
class Temporary:
    """A 临时调整 in force: the absent leader's work and who takes it, from `start` to `until`."""

    source: str
    absent: str
    reason: str | None
    start: DateWindow
    until: DateWindow | None  # None: the notice states no end
    shares: tuple[tuple[str, frozenset[str], tuple[str, ...]], ...]  # (person, units, work); empty: all
    printed: str | None

    def active(self, day: date) -> bool:
        if self.start.earliest is not None and day < self.start.earliest:
            return False
        return self.until is None or self.until.latest is None or day <= self.until.latest

    def share_for(self, unit: frozenset[str]) -> str | None:
        """Who takes the unit: the share naming it, else a share naming no units."""
        named = next((p for p, units, _ in self.shares if units & unit), None)
        return named or next((p for p, units, work in self.shares if not units and not work), None)


@dataclass(slots=True)
class Version:
    """The 分工 in force from one notice until the next of its government: the latest full
    version with every amendment since applied."""

    id: str  # the notice that made this state
    source: str  # the full 分工 notice it rests on
    in_force_from: date  # the earliest day the state can be in force
    window: DateWindow  # the date of the notice that made it, as printed
    government: str | None
    portfolios: tuple[Portfolio, ...]
    scheme: Scheme | None
    temporaries: tuple[Temporary, ...]
    sources: tuple[str, ...]  # every notice this state is made of, in date order
    coverage: dict[str, list[tuple[str, str, Unit]]] = field(default_factory=dict)  # org -> (person, relation, unit)

    @property
    def certain_from(self) -> date:
        return self.window.latest or self.in_force_from

    def certainty(self, day: date) -> Certainty:
        return Certainty.CERTAIN if day >= self.certain_from else Certainty.POSSIBLE

    def portfolio(self, person_id: str) -> Portfolio | None:
        return next((p for p in self.portfolios if p.person_id == person_id), None)

    def stand_ins(self, person_id: str) -> list[str]:
        """The person's stand-ins under the scheme in force, in printed order."""
        return self.scheme.partners(person_id) if self.scheme else []

    def temporaries_on(self, day: date) -> list[Temporary]:
        return [t for t in self.temporaries if t.active(day)]


class Basis(StrEnum):
    """Why a stand-in answer is what it is."""

    RULE = "RULE"  # a rule names this partner for the work
    WALK = "WALK"  # the record states that the search continues through the partners' rules
    TEMPORARY = "TEMPORARY"  # a 临时调整 gives the work to this leader
    EXEMPT = "EXEMPT"  # the notice exempts this work from standing-in
    OUTSIDE = "OUTSIDE"  # the leader is outside the scheme
    FALLBACK = "FALLBACK"  # every partner is away: the notice's fallback applies
    NONE_PRESENT = "NONE_PRESENT"  # every partner is away and the notice names no fallback
    NO_RULE = "NO_RULE"  # no rule in force names this leader


@dataclass(frozen=True, slots=True)
class StandIn:
    """Who stands in for an absent leader, and the rule that says so."""

    absent_leader: str
    person_id: str | None  # None: nobody, for the reason `basis` gives
    path: tuple[str, ...]  # from the absent leader to the stand-in, through absent ones
    basis: Basis = Basis.RULE
    printed: str | None = None  # the rule as printed
    source: str | None = None  # the notice the rule comes from


@dataclass(frozen=True, slots=True)
class InCharge:
    organisation_id: str
    version: Version | None
    assignments: tuple[Assignment, ...]
    stand_ins: tuple[StandIn, ...]
    certainty: Certainty = Certainty.CERTAIN
    sources: tuple[str, ...] = ()  # every notice the answer used

    def by_relation(self, relation: str) -> list[Assignment]:
        return [a for a in self.assignments if a.relation == relation]


class Leadership:
    """Every government's states of the 分工, ordered by the day each can come into force."""

    def __init__(self, versions: list[Version], catalog: Catalog, notices: list[LeadershipVersion]) -> None:
        self.versions = sorted(versions, key=lambda v: v.in_force_from)
        self.notices = notices
        self._catalog = catalog
        self._by_government: dict[str | None, list[Version]] = {}
        for version in self.versions:
            self._by_government.setdefault(version.government, []).append(version)
        self._starts = {g: [v.in_force_from for v in vs] for g, vs in self._by_government.items()}
        # in_charge's answers by (state, unit, certainty, temporaries in force): the state by its
        # id() (each stays alive with this object), as an answer holds its state and a state
        # holding its answers would make a reference cycle, which frees only by collection
        self._answers: dict[tuple[int, str, Certainty, tuple[int, ...]], InCharge] = {}

    @property
    def governments(self) -> list[str | None]:
        return list(self._by_government)

    def version_on(self, day: date, *, government: str | None = None) -> Version | None:
        """The state in force on `day` for `government` (when there is only one, it need not
        be named)."""
        if government is None and len(self._by_government) == 1:
            government = next(iter(self._by_government))
        versions = self._by_government.get(government, [])
        i = latest_before(self._starts.get(government, []), day)
        return versions[i] if i >= 0 else None

    def previous(self, version: Version) -> Version | None:
        """The state before `version` in its government (in force while a windowed notice may
        not yet be)."""
        versions = self._by_government.get(version.government, [])
        i = versions.index(version)
        return versions[i - 1] if i > 0 else None

    def in_force(self, day: date) -> list[Version]:
        """Every government's state in force on `day`."""
        found = (self.version_on(day, government=g) for g in self._by_government)
        return [v for v in found if v is not None]

    def first_day(self) -> date | None:
        return self.versions[0].in_force_from if self.versions else None

    def in_charge(self, org_id: str, *, on: date, absent: frozenset[str] = frozenset()) -> InCharge:
        """Who 分管, 协助分管 and 联系 the unit, from its own government's 分工 (a unit of no
        government: from whichever 分工 names it), and who stands in for those absent.

        A unit's answer in its government's state depends on the day only through the
        temporary arrangements in force and the state's certainty, so with nobody named absent
        it is kept (at most `KEPT_ANSWERS`) and given again on any day where those are the same:
        a leadership page asks ~16 units on every day it is asked for. A test compares every
        kept answer with one worked out afresh."""
        government = self._catalog.government_of.get(org_id)
        if government not in self._by_government:
            candidates = self.in_force(on)
            return self._in_charge(org_id, candidates, on, absent) if candidates else InCharge(org_id, None, (), ())
        version = self.version_on(on, government=government)
        if version is None:
            return InCharge(org_id, None, (), ())
        if absent:
            return self._in_charge(org_id, [version], on, absent)
        active = tuple(i for i, t in enumerate(version.temporaries) if t.active(on))
        key = (id(version), org_id, version.certainty(on), active)
        found = self._answers.get(key)
        if found is None:
            found = self._in_charge(org_id, [version], on, absent)
            if len(self._answers) < KEPT_ANSWERS:
                self._answers[key] = found
        return found

    def _in_charge(self, org_id: str, candidates: list[Version], on: date, absent: frozenset[str]) -> InCharge:
        assignments: list[Assignment] = []
        version = candidates[0]
        above = self._catalog.ancestors(org_id)  # the unit, then each body above it (the tree)
        for current in above:
            if assignments:
                break
            for candidate in candidates:
                for person, relation, unit in candidate.coverage.get(current, ()):
                    via = None if unit.organisations[0] == org_id else unit.organisations[0]
                    if current != org_id:
                        via = current
                    assignments.append(Assignment(person, relation, unit, via))
                    version = candidate
        scope = frozenset(above)
        stand_ins: list[StandIn] = []
        temporaries = version.temporaries_on(on)
        for leader in _responsible(assignments):
            away = next((t for t in temporaries if t.absent == leader and t.share_for(scope)), None)
            if away is not None:
                stand_ins.append(_temporary_stand_in(version, away, scope, absent))
            elif leader in absent:
                stand_ins.append(walk_stand_ins(version.scheme, leader, absent, unit=scope))
        sources: list[str] = []
        for a in assignments:
            portfolio = version.portfolio(a.person_id)
            sources.extend(portfolio.sources if portfolio else (version.source,))
        sources.extend(s.source for s in stand_ins if s.source)
        return InCharge(
            org_id,
            version,
            tuple(assignments),
            tuple(stand_ins),
            version.certainty(on),
            tuple(dict.fromkeys(sources or [version.source])),
        )

    def leader_version(self, person_id: str, *, on: date) -> Version | None:
        """The state in force on `on` in which the person has a portfolio."""
        return next((v for v in self.in_force(on) if v.portfolio(person_id) is not None), None)


KEPT_ANSWERS = 32_768  # in_charge answers a registry keeps (~0.5 KB each)


def none_recorded(first: date | None) -> str:
    """What to say when no 分工 is in force: before the first one, or none at all."""
    return f"no 分工 recorded before {first.isoformat()}" if first else "no 分工 recorded"


def _responsible(assignments: list[Assignment]) -> list[str]:
    """The leaders whose absence needs a stand-in: those 分管 the unit, else those who 联系 it,
    else the one who leads the whole government."""
    for relation in (Relation.IN_CHARGE, Relation.LIAISES, Relation.LEADS):
        people = list(dict.fromkeys(a.person_id for a in assignments if a.relation == relation))
        if people:
            return people
    return []


def _temporary_stand_in(version: Version, away: Temporary, unit: frozenset[str], absent: frozenset[str]) -> StandIn:
    """The work is with the leader a 临时调整 names; if they are away too, their own stand-ins."""
    person = away.share_for(unit)
    if person is not None and person not in absent:
        return StandIn(away.absent, person, (away.absent, person), Basis.TEMPORARY, away.printed, away.source)
    return walk_stand_ins(version.scheme, away.absent, absent | {away.absent}, unit=unit)


def walk_stand_ins(
    scheme: Scheme | None, leader: str, absent: frozenset[str], *, unit: frozenset[str] | None = None
) -> StandIn:
    """Who stands in for `leader` for the unit: exemptions and the scheme's limits first, then
    the leader's rules in printed order; further only along a walk the record states."""
    if scheme is None:
        return StandIn(leader, None, (leader,), Basis.NO_RULE)
    if unit is not None and (exempt := scheme.exemption(unit)) is not None:
        return StandIn(leader, None, (leader,), Basis.EXEMPT, exempt[2], scheme.source)
    if leader in scheme.outside:
        return StandIn(leader, None, (leader,), Basis.OUTSIDE, scheme.outside_printed, scheme.source)
    rules = scheme.rules_for(leader, unit)
    if not rules:
        return StandIn(leader, None, (leader,), Basis.NO_RULE, None, scheme.source)
    for rule in rules:
        for partner in rule.by:
            if partner not in absent and partner != leader:
                return StandIn(leader, partner, (leader, partner), Basis.RULE, rule.printed, scheme.source)
    if scheme.walk is not None:
        found = _walk(scheme, leader, absent, unit)
        if found is not None:
            return StandIn(leader, found[-1], found, Basis.WALK, scheme.walk, scheme.source)
    if scheme.fallback is not None:
        to = scheme.fallback_to if scheme.fallback_to not in absent else None
        return StandIn(leader, to, (leader,), Basis.FALLBACK, scheme.fallback, scheme.source)
    return StandIn(leader, None, (leader,), Basis.NONE_PRESENT, None, scheme.source)


def _walk(scheme: Scheme, leader: str, absent: frozenset[str], unit: frozenset[str] | None) -> tuple[str, ...] | None:
    """Breadth-first through the rules that apply to the unit, each leader's partners in
    printed order, to the nearest present partner (networkx's BFS marks whom it visited, so
    pairs that lead back end the walk)."""
    return rule_graph(scheme, unit).nearest(leader, absent)


@lru_cache(maxsize=1024)
def rule_graph(scheme: Scheme, unit: frozenset[str] | None) -> RuleGraph:
    """The stand-in rules of one 分工 state that apply to one unit scope, as a graph: an edge
    leader → partner in printed order. Built once per (state, unit) and kept (a state's
    scheme is frozen, so it can key the cache)."""
    leaders = dict.fromkeys(rule.leader for rule in scheme.rules)
    return RuleGraph(
        (leader, partner) for leader in leaders for rule in scheme.rules_for(leader, unit) for partner in rule.by
    )


# -- building and checking ---------------------------------------------------------------------


def build_leadership(records: list[LeadershipVersion], catalog: Catalog, problems: list[Problem]) -> Leadership:
    """Compose each government's states: every full notice starts one, every amendment after it
    makes another (applied in date order, then file order)."""
    by_government: dict[str | None, list[LeadershipVersion]] = {}
    for record in records:
        government = catalog.resolve_reference(record.government, record.date) if record.government else None
        if government is None and record.government is None:
            government = catalog.context(record.location.path)
        by_government.setdefault(government, []).append(record)
    versions: list[Version] = []
    for government, notices in by_government.items():
        notices.sort(key=lambda r: r.date.earliest or date.min)
        versions.extend(_compose(government, notices, catalog, problems))
    return Leadership(versions, catalog, records)


def _compose(
    government: str | None, notices: list[LeadershipVersion], catalog: Catalog, problems: list[Problem]
) -> list[Version]:
    states: list[Version] = []
    full_days: dict[date, LeadershipVersion] = {}
    state: Version | None = None
    for record in notices:
        day = record.date.earliest or date.min
        if record.kind is LeadershipKind.FULL:
            if day in full_days:
                problems.append(
                    problem(
                        "GO404",
                        record.location,
                        Text(
                            "{source} and {source2} are both full 分工 notices from {day}",
                            source=record.source,
                            source2=full_days[day].source,
                            day=day,
                        ),
                        hint="a later notice replaces an earlier one from its own date; check the dates",
                    )
                )
                continue
            full_days[day] = record
            state = _full(record, day, government, catalog, problems)
        else:
            if state is None:
                problems.append(
                    problem(
                        "GO407",
                        record.location,
                        Text(
                            "{source} amends the 分工, but no full 分工 of this government is recorded before it",
                            source=record.source,
                        ),
                        hint="record the full 分工 it amends; until then answers show only what the amendment says",
                    )
                )
                state = Version(record.id, record.source, day, record.date, government, (), None, (), ())
            state = _amend(state, record, day, catalog, problems)
        _cover(state, catalog, problems, record)
        if states and states[-1].in_force_from == day:
            states[-1] = state  # several notices from one day make one state
        else:
            states.append(state)
    return states


def _full(
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
                    Text(
                        "{person} is listed twice in this 分工 version (first at {location})",
                        person=person,
                        location=leaders[person].location,
                    ),
                )
            )
            continue
        leaders[person] = entry.person
        units = _units(entry.units, record, catalog, problems)
        portfolios.append(Portfolio(person, order, entry.printed, units, entry.work, entry.note, (record.source,)))
    version = Version(
        record.id, record.source, day, record.date, government, tuple(portfolios), None, (), (record.source,)
    )
    if record.stand_ins is not None:
        version.scheme = _scheme(record.stand_ins, record, version, catalog, problems)
    return version


def _units(
    refs: dict[str, tuple[Ref, ...]], record: LeadershipVersion, catalog: Catalog, problems: list[Problem]
) -> dict[str, tuple[Unit, ...]]:
    return {
        relation.value: tuple(
            u for u in (resolve_unit(ref, record, catalog, problems) for ref in refs.get(relation.value, ())) if u
        )
        for relation in Relation
    }


def _amend(state: Version, record: LeadershipVersion, day: date, catalog: Catalog, problems: list[Problem]) -> Version:
    """A new state: the one in force with the notice's changes, stand-ins or reassignments."""
    portfolios = list(state.portfolios)
    for change in record.changes:
        portfolios = _change(portfolios, change, record, catalog, problems)
    new = Version(
        record.id,
        state.source,
        day,
        record.date,
        state.government,
        tuple(portfolios),
        state.scheme,
        state.temporaries,
        (*state.sources, record.source),
    )
    if record.stand_ins is not None:
        new.scheme = _scheme(record.stand_ins, record, new, catalog, problems)
    for assignment in record.temporary:
        absent = catalog.resolve_person(assignment.absent)
        shares: list[tuple[str, frozenset[str], tuple[str, ...]]] = []
        for share in assignment.shares:
            person = catalog.resolve_person(share.person)
            units = _unit_ids(share.units, record, catalog, problems)
            if person is not None:
                shares.append((person, units, share.work))
        if assignment.until is not None and (assignment.until.latest or date.max) < day:
            problems.append(
                problem(
                    "GO410",
                    assignment.location,
                    Text(
                        "the reassignment ends ({until}) before the notice takes effect ({date})",
                        until=assignment.until,
                        date=record.date,
                    ),
                    hint="check `until` against the document's date",
                )
            )
        if absent is not None:
            _require_leader(absent, assignment.absent, new, problems)
            temporary = Temporary(
                record.source,
                absent,
                assignment.reason,
                record.date,
                assignment.until,
                tuple(shares),
                assignment.printed,
            )
            new.temporaries = (*new.temporaries, temporary)
    return new


def _change(
    portfolios: list[Portfolio],
    change: PortfolioChange,
    record: LeadershipVersion,
    catalog: Catalog,
    problems: list[Problem],
) -> list[Portfolio]:
    person = catalog.resolve_person(change.person)
    if person is None:
        return portfolios
    current = next((p for p in portfolios if p.person_id == person), None)
    if change.leaves:
        if current is None:
            _not_a_leader(change.person, person, problems)
        return [p for p in portfolios if p.person_id != person]
    added = _units(change.add, record, catalog, problems)
    if current is None or change.replace:
        units = added
        work = change.add_work
    else:
        removed = _units(change.remove, record, catalog, problems)
        units = {}
        for relation, held in current.units.items():
            drop = {u.organisations[0] for u in removed.get(relation, ())}
            for unit in removed.get(relation, ()):
                if unit.organisations[0] not in {u.organisations[0] for u in held}:
                    problems.append(
                        problem(
                            "GO408",
                            change.location,
                            Text(
                                "{person} is to stop ({relation}) {printed}, which is not in their portfolio",
                                person=person,
                                relation=relation,
                                printed=unit.printed,
                            ),
                            hint="check the unit and the relation against the 分工 in force",
                        )
                    )
            kept = tuple(u for u in held if u.organisations[0] not in drop)
            units[relation] = kept + tuple(u for u in added.get(relation, ()) if u not in kept)
        work = tuple(w for w in current.work if w not in change.remove_work) + tuple(
            w for w in change.add_work if w not in current.work
        )
    order = current.order if current else max((p.order for p in portfolios), default=0) + 1
    sources = (*(current.sources if current else ()), record.source)
    updated = Portfolio(
        person, order, change.printed or (current.printed if current else None), units, work, change.note, sources
    )
    if current is None:
        return [*portfolios, updated]
    return [updated if p.person_id == person else p for p in portfolios]


def _scheme(
    scheme: StandInScheme, record: LeadershipVersion, version: Version, catalog: Catalog, problems: list[Problem]
) -> Scheme:
    rules: list[Rule] = []
    for rule in scheme.rules:
        leader = catalog.resolve_person(rule.leader)
        by = [catalog.resolve_person(p) for p in rule.by]
        if leader is None or any(b is None for b in by):
            continue
        for ref, person in ((rule.leader, leader), *zip(rule.by, by, strict=True)):
            if person is not None:
                _require_leader(person, ref, version, problems)
        if leader in by:
            problems.append(
                problem(
                    "GO409",
                    rule.location,
                    Text("{leader} is named to stand in for themselves", leader=leader),
                    hint="a stand-in rule pairs two different leaders",
                )
            )
            continue
        units = _unit_ids(rule.units, record, catalog, problems)
        rules.append(Rule(leader, tuple(b for b in by if b is not None), units, rule.work, rule.rest, rule.printed))
    exemptions = tuple((_unit_ids(e.units, record, catalog, problems), e.work, e.printed) for e in scheme.exemptions)
    outside = frozenset(p for p in (catalog.resolve_person(r) for r in scheme.outside) if p is not None)
    fallback_to = catalog.resolve_person(scheme.fallback_to) if scheme.fallback_to else None
    return Scheme(
        record.source,
        tuple(rules),
        exemptions,
        outside,
        scheme.outside_printed,
        scheme.fallback,
        fallback_to,
        scheme.walk,
    )


def _require_leader(person: str, ref: Ref, version: Version, problems: list[Problem]) -> None:
    if version.portfolio(person) is None:
        problems.append(
            problem(
                "GO403",
                ref.location,
                Text("{person} has no portfolio in the 分工 in force", person=person),
                hint=Text(
                    "leaders in force: {list}", list=", ".join(p.person_id for p in version.portfolios) or "none"
                ),
            )
        )


def _not_a_leader(ref: Ref, person: str, problems: list[Problem]) -> None:
    problems.append(
        problem(
            "GO408",
            ref.location,
            Text("{person} leaves the 分工, but has no portfolio in the 分工 in force", person=person),
            hint="check the person against the 分工 in force",
        )
    )


def _unit_ids(
    refs: Iterable[Ref], record: LeadershipVersion, catalog: Catalog, problems: list[Problem]
) -> frozenset[str]:
    out: set[str] = set()
    for ref in refs:
        unit = resolve_unit(ref, record, catalog, problems)
        if unit is not None:
            out.update(unit.organisations)
    return frozenset(out)


def _cover(version: Version, catalog: Catalog, problems: list[Problem], record: LeadershipVersion) -> None:
    """Index the state by organisation, and check that each unit has one 分管 leader."""
    version.coverage = {}
    in_charge_of: dict[str, str] = {}
    for portfolio in version.portfolios:
        for relation in Relation:
            for unit in portfolio.units[relation.value]:
                for org in unit.organisations:
                    version.coverage.setdefault(org, []).append((portfolio.person_id, relation.value, unit))
                    if relation is not Relation.IN_CHARGE:
                        continue
                    other = in_charge_of.get(org)
                    if other is not None and other != portfolio.person_id:
                        problems.append(
                            problem(
                                "GO402",
                                _where(record, portfolio.person_id, unit, catalog) or record.location,
                                Text(
                                    "{name} is 分管 by both {other} and {person_id}",
                                    name=catalog.organisations[org].name,
                                    other=other,
                                    person_id=portfolio.person_id,
                                ),
                                hint="a unit has one leader in charge; list the other under `assists`",
                            )
                        )
                    in_charge_of[org] = portfolio.person_id


def _where(record: LeadershipVersion, person: str, unit: Unit, catalog: Catalog) -> Location | None:
    """Where the notice wrote the unit for this leader, to point the clerk at the line."""
    entries = [(e.person, e.units) for e in record.leaders] + [(c.person, c.add) for c in record.changes]
    for ref, units in entries:
        if catalog.people.get(ref.text) is None or ref.text != person:
            continue
        for written in units.get(Relation.IN_CHARGE.value, ()):
            if written.text == unit.printed:
                return written.location
    return None


def resolve_unit(ref: Ref, record: LeadershipVersion, catalog: Catalog, problems: list[Problem]) -> Unit | None:
    """Resolve a unit as printed: a name, a name with 牌子 in brackets, or a group. Every name in
    the brackets resolves on its own in the notice's government, or is reported."""
    government = catalog.context(ref.location.path)
    found = catalog.organisations_named(ref.text, record.date, government=government)
    if len(found) == 1:
        return Unit(ref.text, _expand(found[0], catalog))
    m = COMPOUND_NAME.match(name_key(ref.text))
    if not found and m:
        head = catalog.resolve_reference(Ref(m.group(1), ref.location), record.date)
        if head is None:
            return None
        organisations = list(_expand(head, catalog))
        for brand in m.group(2).split("、"):
            org = catalog.resolve_reference(Ref(brand, ref.location), record.date)
            if org is not None and org not in organisations:
                organisations.append(org)
        return Unit(ref.text, tuple(organisations))
    catalog.resolve_reference(ref, record.date)  # reports unknown or ambiguous
    return None


def _expand(org_id: str, catalog: Catalog) -> tuple[str, ...]:
    """A group stands for its members (街道（镇）: every street office and the town)."""
    org = catalog.organisations[org_id]
    if org.kind is not OrganisationKind.GROUP:
        return (org_id,)
    members = (catalog.resolve_organisation(m.text, government=catalog.government_of.get(org_id)) for m in org.members)
    return (org_id, *(m for m in members if m is not None))
