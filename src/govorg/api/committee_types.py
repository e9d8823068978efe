"""GraphQL types for committees: rosters on a day, seats with their resolution, the office."""

from __future__ import annotations

from datetime import date
from enum import Enum

import strawberry
from strawberry.types import Info

from govorg import committees as _committees
from govorg.api.pages import After, First, page
from govorg.api.types import Certainty, Document, Organisation, Person, Post, registry_of
from govorg.records import Organisation as OrganisationRecord


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
        return Certainty(self._seat.certainty.value)

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


@strawberry.type(description="A roster notice: a dated version of the committee.")
class RosterVersion:
    _version: strawberry.Private[_committees.CommitteeVersion]

    @strawberry.field(description="The notice.")
    def source(self, info: Info) -> Document:
        return Document(_record=registry_of(info).catalog.documents[self._version.source])

    @strawberry.field(description="The day it came into force.")
    def in_force_from(self) -> date:
        return self._version.in_force_from

    @strawberry.field(description="natural (自然替补: seats pass to the post's next holder) or none.")
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
