"""GraphQL types for leadership (分工): leaders, portfolios, who is in charge, stand-ins."""

from __future__ import annotations

from datetime import date
from enum import Enum

import strawberry
from strawberry.types import Info

from govorg import leadership as _leadership
from govorg.api.types import Certainty, Document, Organisation, Person, person_of, registry_of


@strawberry.enum(description="A leader's relation to a unit in a 分工 notice.")
class Relation(Enum):
    LEADS = strawberry.enum_value("leads", description="领导…全面工作: leads the government as a whole.")
    IN_CHARGE = strawberry.enum_value("in_charge", description="分管: the leader in charge of the unit.")
    ASSISTS = strawberry.enum_value("assists", description="协助分管: assists the leader in charge.")
    LIAISES = strawberry.enum_value("liaises", description="联系: liaises with a body outside the government's line.")


# the member by value, without an enum call (strawberry has made each value its string)
_RELATIONS: dict[str, Relation] = {str(r.value): r for r in Relation}
_CERTAINTIES: dict[_leadership.Certainty, Certainty] = {c: Certainty(c.value) for c in _leadership.Certainty}


def _certainty(value: _leadership.Certainty) -> Certainty:
    return _CERTAINTIES.get(value) or Certainty(value.value)


def _source(info: Info, version: _leadership.Version) -> Document:
    return Document(_record=registry_of(info).catalog.documents[version.source])


def _documents(info: Info, ids: tuple[str, ...]) -> list[Document]:
    documents = registry_of(info).catalog.documents
    return [Document(_record=documents[d]) for d in ids]


@strawberry.enum(description="Why a stand-in answer is what it is.")
class StandInBasis(Enum):
    RULE = strawberry.enum_value("RULE", description="A stand-in rule names this partner for the work.")
    WALK = strawberry.enum_value(
        "WALK", description="The record states that the search continues through the partners' own rules."
    )
    TEMPORARY = strawberry.enum_value(
        "TEMPORARY", description="A 临时调整 gives the absent leader's work to this leader."
    )
    EXEMPT = strawberry.enum_value(
        "EXEMPT", description="The notice exempts this work from standing-in; nobody is named."
    )
    OUTSIDE = strawberry.enum_value(
        "OUTSIDE", description="The leader is outside the stand-in scheme (不纳入AB角范围)."
    )
    FALLBACK = strawberry.enum_value(
        "FALLBACK", description="Every stand-in is away: the notice's fallback applies (由秘书长协调)."
    )
    NONE_PRESENT = strawberry.enum_value(
        "NONE_PRESENT", description="Every stand-in is away and the notice names no fallback."
    )
    NO_RULE = strawberry.enum_value("NO_RULE", description="No stand-in rule in force names this leader.")


@strawberry.type(description="A unit as a 分工 notice prints it, and the organisations it covers.")
class PortfolioUnit:
    _unit: strawberry.Private[_leadership.Unit]
    _on: strawberry.Private[date]

    @strawberry.field(
        description="As printed, brand names (牌子) in brackets included: 区建设管理委（交通委、水务局）."
    )
    def printed(self) -> str:
        return self._unit.printed

    @strawberry.field(description="The unit's name on the given day (defaults to the day the portfolio was asked for).")
    def name(self, info: Info, on: date | None = None) -> str:
        return registry_of(info).organisation_name(self._unit.organisations[0], on=on or self._on)

    @strawberry.field(
        description="The organisations the unit covers: the body, any other body named in its brackets, or a group's members."
    )
    def organisations(self, info: Info) -> list[Organisation]:
        catalog = registry_of(info).catalog
        return [Organisation(_record=catalog.organisations[o]) for o in self._unit.organisations]


def _units(units: tuple[_leadership.Unit, ...], on: date) -> list[PortfolioUnit]:
    return [PortfolioUnit(_unit=u, _on=on) for u in units]


@strawberry.type(description="One leader's portfolio in the 分工 version in force.")
class Leader:
    _portfolio: strawberry.Private[_leadership.Portfolio]
    _version: strawberry.Private[_leadership.Version]
    _on: strawberry.Private[date]

    @strawberry.field(description="The leader.")
    def person(self, info: Info) -> Person:
        return person_of(info, self._portfolio.person_id)

    @strawberry.field(description="Position in the notice's printed order, from 1.")
    def order(self) -> int:
        return self._portfolio.order

    @strawberry.field(description="The leader's paragraph as printed.")
    def printed(self) -> str | None:
        return self._portfolio.printed

    @strawberry.field(description="领导全面工作: what the leader leads as a whole.")
    def leads(self) -> list[PortfolioUnit]:
        return _units(self._portfolio.units["leads"], self._on)

    @strawberry.field(description="分管: the units the leader is in charge of.")
    def in_charge(self) -> list[PortfolioUnit]:
        return _units(self._portfolio.units["in_charge"], self._on)

    @strawberry.field(description="协助分管: the units the leader assists with.")
    def assists(self) -> list[PortfolioUnit]:
        return _units(self._portfolio.units["assists"], self._on)

    @strawberry.field(description="联系: the bodies the leader liaises with.")
    def liaises(self) -> list[PortfolioUnit]:
        return _units(self._portfolio.units["liaises"], self._on)

    @strawberry.field(description="负责…工作: work items (not units), as printed.")
    def work(self) -> list[str]:
        return list(self._portfolio.work)

    @strawberry.field(description="Why the leader has no portfolio, as printed (在中央党校学习); null otherwise.")
    def note(self) -> str | None:
        return self._portfolio.note

    @strawberry.field(description="The notices this portfolio comes from: the full 分工, then each adjustment of it.")
    def sources(self, info: Info) -> list[Document]:
        return _documents(info, self._portfolio.sources)

    @strawberry.field(description="代为负责: who stands in when this leader is absent, in printed order.")
    def stand_ins(self, info: Info) -> list[Person]:
        return [person_of(info, p) for p in self._version.stand_ins(self._portfolio.person_id)]

    @strawberry.field(description="The 分工 notice this portfolio comes from.")
    def source(self, info: Info) -> Document:
        return _source(info, self._version)

    @strawberry.field(description="The day the notice's version came into force.")
    def in_force_from(self) -> date:
        return self._version.in_force_from


def leaders_of(version: _leadership.Version | None, on: date) -> list[Leader]:
    if version is None:
        return []
    return [Leader(_portfolio=p, _version=version, _on=on) for p in version.portfolios]


@strawberry.type(description="A leader's relation to the unit asked about.")
class Assignment:
    _assignment: strawberry.Private[_leadership.Assignment]
    _on: strawberry.Private[date]

    @strawberry.field(description="The leader.")
    def person(self, info: Info) -> Person:
        return person_of(info, self._assignment.person_id)

    @strawberry.field(description="分管, 协助分管, 联系 or 领导全面工作.")
    def relation(self) -> Relation:
        return _RELATIONS.get(self._assignment.relation) or Relation(self._assignment.relation)

    @strawberry.field(description="The unit as the notice prints it.")
    def unit(self) -> PortfolioUnit:
        return PortfolioUnit(_unit=self._assignment.unit, _on=self._on)

    @strawberry.field(description="When the answer comes through a group (街道（镇）) or a parent body: that body.")
    def via(self, info: Info) -> Organisation | None:
        if self._assignment.via is None:
            return None
        return Organisation(_record=registry_of(info).catalog.organisations[self._assignment.via])


@strawberry.type(description="Who stands in for an absent leader, under the stand-in rules in force, and why.")
class StandIn:
    _stand_in: strawberry.Private[_leadership.StandIn]

    @strawberry.field(description="The absent leader.")
    def absent(self, info: Info) -> Person:
        return person_of(info, self._stand_in.absent_leader)

    @strawberry.field(description="The first present leader found; null when nobody present remains.")
    def stand_in(self, info: Info) -> Person | None:
        return person_of(info, self._stand_in.person_id) if self._stand_in.person_id else None

    @strawberry.field(description="The rules walked: the absent leader, any absent stand-ins, then the stand-in.")
    def path(self, info: Info) -> list[Person]:
        return [person_of(info, p) for p in self._stand_in.path]

    @strawberry.field(description="Why: the kind of rule the answer comes from.")
    def basis(self) -> StandInBasis:
        return StandInBasis(self._stand_in.basis.value)

    @strawberry.field(description="The rule as printed (or the record's statement of a walk); null when none applies.")
    def rule(self) -> str | None:
        return self._stand_in.printed

    @strawberry.field(description="The notice the rule comes from.")
    def source(self, info: Info) -> Document | None:
        return _documents(info, (self._stand_in.source,))[0] if self._stand_in.source else None


@strawberry.type(description="Who is in charge of a unit on a day, and who stands in for absent leaders.")
class InCharge:
    _answer: strawberry.Private[_leadership.InCharge]
    _on: strawberry.Private[date]
    _first: strawberry.Private[date | None]

    @strawberry.field(description="The unit asked about.")
    def organisation(self, info: Info) -> Organisation:
        return Organisation(_record=registry_of(info).catalog.organisations[self._answer.organisation_id])

    @strawberry.field(description="The 分工 notice in force; null before the first recorded one.")
    def source(self, info: Info) -> Document | None:
        return _source(info, self._answer.version) if self._answer.version else None

    def _of(self, relation: str) -> list[Assignment]:
        return [Assignment(_assignment=a, _on=self._on) for a in self._answer.by_relation(relation)]

    @strawberry.field(description="分管: the leader in charge.")
    def in_charge(self) -> list[Assignment]:
        return self._of("in_charge")

    @strawberry.field(description="协助分管: leaders who assist.")
    def assists(self) -> list[Assignment]:
        return self._of("assists")

    @strawberry.field(description="联系: leaders who liaise with the body.")
    def liaises(self) -> list[Assignment]:
        return self._of("liaises")

    @strawberry.field(
        description="领导全面工作: the leader of the whole government, when the unit is the government itself."
    )
    def leads(self) -> list[Assignment]:
        return self._of("leads")

    @strawberry.field(
        description="How sure: POSSIBLE when the latest notice is dated by a window (a month, a year) and the day lies inside it."
    )
    def certainty(self) -> Certainty:
        return _certainty(self._answer.certainty)

    @strawberry.field(
        description="Every notice the answer used: the 分工, adjustments of it, stand-in and reassignment notices."
    )
    def sources(self, info: Info) -> list[Document]:
        return _documents(info, self._answer.sources)

    @strawberry.field(description="For each absent responsible leader, who stands in and the path taken.")
    def stand_ins(self) -> list[StandIn]:
        return [StandIn(_stand_in=s) for s in self._answer.stand_ins]

    @strawberry.field(
        description="True when a responsible leader is absent and no present leader remains in the pairs."
    )
    def none_available(self) -> bool:
        return any(s.person_id is None for s in self._answer.stand_ins)

    @strawberry.field(
        description="A plain-language note when the answer is empty: no 分工 recorded yet, or no leader for the unit."
    )
    def message(self) -> str | None:
        if self._answer.version is None:
            return _leadership.none_recorded(self._first)
        if not self._answer.assignments:
            return "no leader of the 分工 in force is in charge of, assists with or liaises with this unit"
        if any(s.person_id is None for s in self._answer.stand_ins):
            return "a responsible leader is absent and the stand-in rules name nobody present (see standIns)"
        return None


@strawberry.type(description="临时调整: an absent leader's work handed to others for a while.")
class TemporaryReassignment:
    _temporary: strawberry.Private[_leadership.Temporary]

    @strawberry.field(description="Whose work it is: the absent leader.")
    def absent(self, info: Info) -> Person:
        return person_of(info, self._temporary.absent)

    @strawberry.field(description="Who takes it (each for the units the notice names, or all of it).")
    def to(self, info: Info) -> list[Person]:
        return [person_of(info, p) for p, _, _ in self._temporary.shares]

    @strawberry.field(description="Why, as printed (在中央党校学习, 休假).")
    def reason(self) -> str | None:
        return self._temporary.reason

    @strawberry.field(description="From, as the notice dates it.")
    def start(self) -> str:
        return self._temporary.start.text

    @strawberry.field(description="Until, as printed; null when the notice states no end.")
    def until(self) -> str | None:
        return self._temporary.until.text if self._temporary.until else None

    @strawberry.field(description="The notice.")
    def source(self, info: Info) -> Document:
        return _documents(info, (self._temporary.source,))[0]


@strawberry.type(description="The 分工 of one government in force on a day: a full notice and the amendments since.")
class Leadership:
    _version: strawberry.Private[_leadership.Version]
    _on: strawberry.Private[date]

    @strawberry.field(description="The government.")
    def government(self, info: Info) -> Organisation | None:
        gov = self._version.government
        return Organisation(_record=registry_of(info).catalog.organisations[gov]) if gov else None

    @strawberry.field(description="In force from, as the latest notice dates it (a day, or a window such as 2021-04).")
    def in_force_from(self) -> str:
        return self._version.window.text

    @strawberry.field(description="POSSIBLE when the latest notice's date is a window and the day lies inside it.")
    def certainty(self) -> Certainty:
        return _certainty(self._version.certainty(self._on))

    @strawberry.field(description="Every notice this 分工 is made of, in date order.")
    def sources(self, info: Info) -> list[Document]:
        return _documents(info, self._version.sources)

    @strawberry.field(description="The leaders in printed order, with their portfolios.")
    def leaders(self) -> list[Leader]:
        return leaders_of(self._version, self._on)

    @strawberry.field(description="临时调整 in force on the day.")
    def temporary(self) -> list[TemporaryReassignment]:
        return [TemporaryReassignment(_temporary=t) for t in self._version.temporaries_on(self._on)]
