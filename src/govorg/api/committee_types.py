"""GraphQL types for bodies with rosters (committees, 领导小组, 联席会议, 工作小组, 指挥部, 管委会):
rosters on a day, role groups, seats with their resolution, the office, founding and abolition."""

from __future__ import annotations

from datetime import date
from enum import Enum

import strawberry
from strawberry.types import Info

from govorg import committees as _committees
from govorg.api.pages import After, First, page
from govorg.api.types import Certainty, DateWindow, Document, Organisation, Person, Post, certainty, registry_of
from govorg.records import Milestone as MilestoneRecord
from govorg.records import Organisation as OrganisationRecord
from govorg.records import OrganisationKind
from govorg.records import RoleGroup as RoleGroupRecord


@strawberry.enum(description="How a seat on the day asked about follows from the roster notice (自然替补).")
class SeatResolution(Enum):
    LISTED = strawberry.enum_value(
        "LISTED", description="As printed: the member still holds the post, or the seat names only a post."
    )
    SUCCEEDED = strawberry.enum_value(
        "SUCCEEDED",
        description="The member left the post; its next holder is certain (one-holder post) or named by the record.",
    )
    SUCCESSOR_UNKNOWN = strawberry.enum_value(
        "SUCCESSOR_UNKNOWN",
        description="The member left a many-holder post and no record says who replaced them; see candidates.",
    )
    VACANT = strawberry.enum_value("VACANT", description="The member left and the post has no recorded holder.")
    AWAITING_NOTICE = strawberry.enum_value(
        "AWAITING_NOTICE",
        description="The member left; the group's change needs a new notice (报组长批准), none recorded; see candidates.",
    )
    PENDING = strawberry.enum_value(
        "PENDING", description="The seat's post belongs to a body not yet founded (暂定名); see note."
    )


@strawberry.enum(description="What happens to a seat when its member leaves the post by which they sit.")
class SuccessionRule(Enum):
    NATURAL = strawberry.enum_value("natural", description="自然替补: the post's next holder takes the seat.")
    NOTICE = strawberry.enum_value(
        "notice", description="A change needs a new notice (报组长批准): the seat waits for it."
    )
    NONE = strawberry.enum_value("none", description="The seat is personal: it stays with the member.")


@strawberry.enum(description="The kinds of body that publish a roster (组成人员).")
class BodyKind(Enum):
    COMMITTEE = strawberry.enum_value("committee", description="委员会 (议事协调机构).")
    LEADING_GROUP = strawberry.enum_value("leading_group", description="领导小组.")
    JOINT_MEETING = strawberry.enum_value("joint_meeting", description="联席会议.")
    WORKING_GROUP = strawberry.enum_value("working_group", description="工作小组, 工作专班.")
    HEADQUARTERS = strawberry.enum_value("headquarters", description="指挥部.")
    MANAGEMENT_COMMITTEE = strawberry.enum_value("management_committee", description="管委会 (of a zone or park).")

    def matches(self, kind: str) -> bool:
        return OrganisationKind(self.name.lower()) is OrganisationKind(kind)


@strawberry.enum(description="How a role group's seats are ordered.")
class SeatOrder(Enum):
    PRINTED = strawberry.enum_value("printed", description="As printed.")
    STROKES = strawberry.enum_value("strokes", description="按姓氏笔画为序: by the member's surname strokes.")


@strawberry.type(description="A founding (成立) or abolition (撤销): when, by which document, as printed.")
class Milestone:
    _record: strawberry.Private[MilestoneRecord]

    @strawberry.field(description="When, as precisely as the source dates it.")
    def on(self) -> DateWindow:
        window = DateWindow.of(self._record.on)
        assert window is not None
        return window

    @strawberry.field(description="The document that says so, when recorded.")
    def source(self, info: Info) -> Document | None:
        if self._record.source is None:
            return None
        found = registry_of(info).document(self._record.source.text)
        return Document(_record=found) if found else None

    @strawberry.field(description="The sentence as printed.")
    def printed(self) -> str | None:
        return self._record.printed


def _milestone(record: MilestoneRecord | None) -> Milestone | None:
    return Milestone(_record=record) if record else None


@strawberry.type(description="The options a roster notice gives one role label: seat order and succession rule.")
class RoleGroupRule:
    _record: strawberry.Private[RoleGroupRecord]

    @strawberry.field(description="The role label as printed (组长, 成员, 委员, …).")
    def role(self) -> str:
        return self._record.role

    @strawberry.field(description="How the group's seats are ordered.")
    def order(self) -> SeatOrder:
        return SeatOrder(self._record.order)

    @strawberry.field(description="The group's succession rule; null when it follows the roster's.")
    def succession(self) -> SuccessionRule | None:
        return SuccessionRule(self._record.succession) if self._record.succession else None

    @strawberry.field(description="The group's heading or rule as printed (成员（按姓氏笔画为序）, 组长调整另行发文).")
    def printed(self) -> str | None:
        return self._record.printed


def _people(info: Info, ids: tuple[str, ...] | list[str]) -> list[Person]:
    catalog = registry_of(info).catalog
    return [Person(_record=catalog.people[i]) for i in ids]


@strawberry.type(description="A seat on a committee on the day asked about.")
class Seat:
    _seat: strawberry.Private[_committees.ResolvedSeat]
    _position: strawberry.Private[int]

    @strawberry.field(description="Position in official order (主任, 副主任 as printed; 委员 by 姓氏笔画), from 1.")
    def position(self) -> int:
        return self._position

    @strawberry.field(description="Position in the notice as printed, from 1 (0 for the office director).")
    def printed_order(self) -> int:
        return self._seat.seat.order

    @strawberry.field(description="主任, 副主任, 委员, 办公室主任, or as printed.")
    def role(self) -> str:
        return self._seat.seat.role

    @strawberry.field(
        description="Who sits on the day asked about; null when the seat names only a post, or its successor is unknown."
    )
    def member(self, info: Info) -> Person | None:
        return _people(info, [self._seat.member])[0] if self._seat.member else None

    @strawberry.field(description="The member the notice prints; null for a seat naming only a post.")
    def listed_member(self, info: Info) -> Person | None:
        return _people(info, [self._seat.listed_member])[0] if self._seat.listed_member else None

    @strawberry.field(description="The posts by which the seat is held, as printed (one line can name several).")
    def posts(self) -> list[Post]:
        return [Post(_post=p) for p in self._seat.posts]

    @strawberry.field(description="The seat's line as printed.")
    def printed(self) -> str | None:
        return self._seat.seat.printed

    @strawberry.field(description="How the seat was resolved on the day.")
    def resolution(self) -> SeatResolution:
        return SeatResolution(self._seat.resolution.value)

    @strawberry.field(description="How sure the resolution is, given how precisely the records are dated.")
    def certainty(self) -> Certainty:
        return certainty(self._seat.certainty)

    @strawberry.field(description="SUCCESSOR_UNKNOWN: the post's other holders; a post-only seat: the post's holders.")
    def candidates(self, info: Info) -> list[Person]:
        return _people(info, self._seat.candidates)

    @strawberry.field(description="The documents used: the roster notice, then the records of any change.")
    def sources(self, info: Info) -> list[Document]:
        catalog = registry_of(info).catalog
        return [Document(_record=catalog.documents[s]) for s in self._seat.sources]

    @strawberry.field(description="How the resolution was reached, in words.")
    def note(self) -> str | None:
        return self._seat.note

    @strawberry.field(description="The succession rule of the seat's role group.")
    def succession(self) -> SuccessionRule:
        return SuccessionRule(self._seat.rule.value)

    @strawberry.field(
        description="The printed line of several names this seat came from (副组长：王 伟、李  强), if any."
    )
    def printed_line(self) -> str | None:
        return self._seat.seat.line

    @strawberry.field(description="Whether the seat waits for a body not yet founded (暂定名) on the day asked about.")
    def pending(self) -> bool:
        return self._seat.resolution is _committees.Resolution.PENDING


@strawberry.type(description="The seats of one role label on the day, in official order, with the group's options.")
class RoleGroup:
    _group: strawberry.Private[_committees.ResolvedGroup]
    _first: strawberry.Private[int]

    @strawberry.field(description="The role label as printed (主任, 第一副组长, 总召集人, 成员, 主任委员, …).")
    def role(self) -> str:
        return self._group.role

    @strawberry.field(description="How its seats are ordered: as printed, or 按姓氏笔画为序.")
    def order(self) -> SeatOrder:
        return SeatOrder(self._group.order.value)

    @strawberry.field(description="Its succession rule (its own, or the roster's).")
    def succession(self) -> SuccessionRule:
        return SuccessionRule(self._group.rule.value)

    @strawberry.field(description="Its heading or rule as printed, when the record gives it.")
    def printed(self) -> str | None:
        return self._group.printed

    @strawberry.field(description="Its seats in official order (positions as in Committee.seats).")
    def seats(self) -> list[Seat]:
        return [Seat(_seat=s, _position=self._first + n) for n, s in enumerate(self._group.seats)]


@strawberry.type(description="A committee's office (办公室设在…) and its director.")
class CommitteeOffice:
    _office: strawberry.Private[_committees.ResolvedOffice]

    @strawberry.field(description="The unit that hosts the office.")
    def host(self, info: Info) -> Organisation | None:
        if self._office.host is None:
            return None
        return Organisation(_record=registry_of(info).catalog.organisations[self._office.host])

    @strawberry.field(
        description="The director, resolved like a seat (自然替补 applies to it too); null when none is named."
    )
    def director(self) -> Seat | None:
        return Seat(_seat=self._office.director, _position=0) if self._office.director else None

    @strawberry.field(description="The office's sentence as printed.")
    def printed(self) -> str | None:
        return self._office.office.printed

    @strawberry.field(
        description="The office's name as printed (办公室 unless the notice names it, e.g. 指挥部办公室)."
    )
    def name(self) -> str:
        return self._office.office.name or "办公室"


@strawberry.type(description="A roster notice: a dated version of the committee.")
class RosterVersion:
    _version: strawberry.Private[_committees.CommitteeVersion]

    @strawberry.field(description="The notice.")
    def source(self, info: Info) -> Document:
        return Document(_record=registry_of(info).catalog.documents[self._version.source])

    @strawberry.field(
        description="The first day it may be in force (a notice dated only by month or year: the window's first day; see inForce)."
    )
    def in_force_from(self) -> date:
        return self._version.in_force_from

    @strawberry.field(description="When it came into force, as precisely as the notice is dated (2021-06-28, 2022-03).")
    def in_force(self) -> DateWindow:
        window = DateWindow.of(self._version.in_force)
        assert window is not None
        return window

    @strawberry.field(description="The options the notice gives role groups (order, succession), in printed order.")
    def role_groups(self) -> list[RoleGroupRule]:
        return [RoleGroupRule(_record=g) for g in self._version.record.groups]

    @strawberry.field(
        description="The roster's rule for groups that set none: natural (自然替补), notice (a change needs a new notice) or none."
    )
    def succession(self) -> str:
        return self._version.record.succession

    @strawberry.field(description="The succession rule as printed.")
    def succession_printed(self) -> str | None:
        return self._version.record.succession_printed

    @strawberry.field(description="Bodies whose duties the notice moves to this committee.")
    def takes_over(self, info: Info) -> list[Organisation]:
        catalog = registry_of(info).catalog
        return [Organisation(_record=catalog.organisations[o]) for o in self._version.takes_over]

    @strawberry.field(description="Number of seats the notice prints.")
    def seat_count(self) -> int:
        return len(self._version.record.seats)


@strawberry.type(
    description="A committee on a day: its name then, the roster version in force and its seats in official order."
)
class Committee:
    _org: strawberry.Private[OrganisationRecord]
    _roster: strawberry.Private[_committees.Roster]

    @strawberry.field(description="Stable id.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(self._org.id)

    @strawberry.field(description="The committee's name on the given day (defaults to the day asked about).")
    def name(self, info: Info, on: date | None = None) -> str:
        return registry_of(info).organisation_name(self._org.id, on=on or self._roster.on)

    @strawberry.field(description="The day asked about.")
    def on(self) -> date:
        return self._roster.on

    @strawberry.field(description="The committee as an organisation (names, former names, parent).")
    def organisation(self) -> Organisation:
        return Organisation(_record=self._org)

    @strawberry.field(description="The roster version in force; null when no roster is recorded by that day.")
    def roster_version(self) -> RosterVersion | None:
        return RosterVersion(_version=self._roster.version) if self._roster.version else None

    @strawberry.field(description="The day of the first recorded roster, if any.")
    def first_recorded(self, info: Info) -> date | None:
        versions = registry_of(info).validated.committees.versions(self._org.id)
        return versions[0].in_force_from if versions else None

    @strawberry.field(
        description="Seats in official order: 主任 and 副主任 as printed, 委员 按姓氏笔画为序, post-only seats last."
    )
    def seats(self, first: First = None, after: After = None) -> list[Seat]:
        return [Seat(_seat=s, _position=n) for n, s in page(enumerate(self._roster.seats, 1), first, after)]

    @strawberry.field(description="The committee's office, when the notice sets one up.")
    def office(self) -> CommitteeOffice | None:
        return CommitteeOffice(_office=self._roster.office) if self._roster.office else None

    @strawberry.field(
        description="The kind of body: committee, leading_group, joint_meeting, working_group, headquarters, management_committee."
    )
    def kind(self) -> str:
        return self._org.kind

    @strawberry.field(description="The kind as headers print it: 委员会, 领导小组, 联席会议, 工作小组, 指挥部, 管委会.")
    def kind_label(self) -> str:
        return _committees.BODY_LABELS[OrganisationKind(self._org.kind)]

    @strawberry.field(description="Role groups on the day asked about, in printed order, each with its seats.")
    def role_groups(self) -> list[RoleGroup]:
        out, first = [], 1
        for group in self._roster.groups:
            out.append(RoleGroup(_group=group, _first=first))
            first += len(group.seats)
        return out

    @strawberry.field(description="Seats that wait for a body not yet founded (暂定名) on the day asked about.")
    def pending_seats(self) -> list[Seat]:
        return [
            Seat(_seat=s, _position=n)
            for n, s in enumerate(self._roster.seats, 1)
            if s.resolution is _committees.Resolution.PENDING
        ]

    @strawberry.field(
        description="How sure the roster is on the day: POSSIBLE inside the window of a notice dated only by month or year, or of an abolition."
    )
    def certainty(self) -> Certainty:
        return certainty(self._roster.certainty)

    @strawberry.field(description="Why the roster is POSSIBLE or empty on the day (a dating window, 撤销), in words.")
    def note(self) -> str | None:
        return self._roster.note

    @strawberry.field(description="The body's founding (成立), when recorded.")
    def founded(self) -> Milestone | None:
        return _milestone(self._org.founded)

    @strawberry.field(description="The body's abolition (撤销), when recorded; its roster is empty from then on.")
    def abolished(self) -> Milestone | None:
        return _milestone(self._org.abolished)

    @strawberry.field(description="Whether its name is provisional (暂定名).")
    def provisional_name(self) -> bool:
        return self._org.provisional

    @strawberry.field(description="Bodies whose roster notices, in force by the day asked about, took over its duties.")
    def duties_taken_over_by(self, info: Info) -> list[Organisation]:
        registry = registry_of(info)
        versions = registry.validated.committees.taken_over_by.get(self._org.id, [])
        ids = dict.fromkeys(v.committee_id for v in versions if v.in_force_from <= self._roster.on)
        return [Organisation(_record=registry.catalog.organisations[i]) for i in ids]


@strawberry.type(description="A seat or office directorship a person holds on a day.")
class Membership:
    _committee: strawberry.Private[Committee]
    _seat: strawberry.Private[_committees.ResolvedSeat]

    @strawberry.field(description="The committee.")
    def committee(self) -> Committee:
        return self._committee

    @strawberry.field(description="The seat (role 办公室主任 for an office directorship).")
    def seat(self) -> Seat:
        return Seat(_seat=self._seat, _position=0)


def committee_on(info: Info, org: OrganisationRecord, on: date) -> Committee:
    return Committee(_org=org, _roster=registry_of(info).roster(org.id, on=on))
