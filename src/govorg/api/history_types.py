"""GraphQL types for history: changes, roster diffs, vacancy chains, careers."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from govorg import history as _history
from govorg.api.committee_types import Seat
from govorg.api.types import Certainty, DateWindow, Document, Organisation, Person, Post, Tenure, registry_of
from govorg.registry import SeatSpan

ChangeKind = strawberry.enum(
    _history.EventKind,
    description="What changed: APPOINTED 任命, REMOVED 免去, CONFIRMED 试用期满, PROBATION_ENDS, RENAMED 更名, "
    "ROSTER_VERSION, SEAT_SUCCEEDED / SEAT_SUCCESSOR_UNKNOWN / SEAT_VACANT (自然替补), SEAT_AWAITING_NOTICE (a change needs a new notice), PORTFOLIO_VERSION 分工, "
    "PORTFOLIO_AMENDED (增加分管, 不再分管, AB角 notices), TEMPORARY_REASSIGNMENT 临时调整, DUTIES_TRANSFERRED, FOUNDED 成立, ABOLISHED 撤销.",
)
LinkKind = strawberry.enum(
    _history.LinkKind,
    description="EXPLICIT: a record names the predecessor; CERTAIN: one-holder post; INFERRED: many-holder post, same window.",
)


def _people(info: Info, ids: tuple[str, ...] | list[str]) -> list[Person]:
    people = registry_of(info).catalog.people
    return [Person(_record=people[i]) for i in ids if i in people]


def _documents(info: Info, ids: tuple[str, ...]) -> list[Document]:
    documents = registry_of(info).catalog.documents
    return [Document(_record=documents[i]) for i in ids if i in documents]


def _window(window: object) -> DateWindow:
    found = DateWindow.of(window)  # type: ignore[arg-type]
    assert found is not None
    return found


@strawberry.type(description="One change derived from the records, with its date as precise as the source.")
class Change:
    _event: strawberry.Private[_history.Event]
    _in_range: strawberry.Private[Certainty]

    @strawberry.field(description="What kind of change.")
    def kind(self) -> ChangeKind:  # type: ignore[valid-type]
        return self._event.kind

    @strawberry.field(description="The Chinese label used in change logs: 任命, 免去, 试用期满, 更名, 自然替补 …")
    def label(self) -> str:
        return _history.LABELS[self._event.kind]

    @strawberry.field(description="When, as precisely as the source dates it.")
    def date(self) -> DateWindow:
        return _window(self._event.date)

    @strawberry.field(
        description="CERTAIN when every reading of the date falls in the range asked about; POSSIBLE when some do."
    )
    def in_range(self) -> Certainty:
        return self._in_range

    @strawberry.field(
        description="The people involved (for a seat change: the member who left, then the successor or candidates)."
    )
    def people(self, info: Info) -> list[Person]:
        return _people(info, self._event.people)

    @strawberry.field(description="The posts involved.")
    def posts(self) -> list[Post]:
        return [Post(_post=p) for p in self._event.posts]

    @strawberry.field(description="The units involved.")
    def organisations(self, info: Info) -> list[Organisation]:
        catalog = registry_of(info).catalog
        return [
            Organisation(_record=catalog.organisations[o])
            for o in self._event.organisations
            if o in catalog.organisations
        ]

    @strawberry.field(description="The committee, for roster, seat, rename-of-committee and duty events.")
    def committee(self, info: Info) -> Organisation | None:
        if self._event.committee is None:
            return None
        return Organisation(_record=registry_of(info).catalog.organisations[self._event.committee])

    @strawberry.field(
        description="What changed, in words: the printed line, a former name, a seat's role and successor."
    )
    def detail(self) -> str:
        return self._event.detail

    @strawberry.field(description="ROSTER_VERSION: the committee's first recorded roster (not everyone joining).")
    def first_recorded(self) -> bool:
        return self._event.first_recorded

    @strawberry.field(description="The documents the change rests on.")
    def sources(self, info: Info) -> list[Document]:
        return _documents(info, self._event.sources)


@strawberry.type(description="A rename between the two dates.")
class RenameChange:
    former: str = strawberry.field(description="The name before.")
    current: str = strawberry.field(description="The name after.")


@strawberry.type(description="A seat that changed between the two dates.")
class SeatChange:
    _change: strawberry.Private[_history.SeatChange]

    @strawberry.field(description="JOINED, LEFT, MEMBER_CHANGED, POST_CHANGED or ROLE_CHANGED.")
    def kind(self) -> str:
        return self._change.kind

    @strawberry.field(description="NEW_VERSION (a later roster notice) or SUCCESSION (自然替补 within one version).")
    def cause(self) -> str:
        return self._change.cause

    @strawberry.field(description="The seat's role.")
    def role(self) -> str:
        return self._change.role

    @strawberry.field(description="The seat at the first date.")
    def before(self) -> Seat | None:
        return Seat(_seat=self._change.before, _position=0) if self._change.before else None

    @strawberry.field(description="The seat at the second date.")
    def after(self) -> Seat | None:
        return Seat(_seat=self._change.after, _position=0) if self._change.after else None


@strawberry.type(description="How a committee's roster moved between two dates.")
class RosterDiff:
    _diff: strawberry.Private[_history.RosterDiff]

    @strawberry.field(description="The committee.")
    def committee(self, info: Info) -> Organisation:
        return Organisation(_record=registry_of(info).catalog.organisations[self._diff.committee_id])

    @strawberry.field(
        description="True when there was no roster at the first date: the roster at the second is the first recorded."
    )
    def first_recorded(self) -> bool:
        return self._diff.first_recorded

    @strawberry.field(description="Renames between the two dates (a rename keeps the same committee).")
    def renamed(self) -> list[RenameChange]:
        return [RenameChange(former=a, current=b) for a, b in self._diff.renamed]

    @strawberry.field(description="Roster notices that came into force between the two dates.")
    def versions(self, info: Info) -> list[Document]:
        return _documents(info, self._diff.versions)

    @strawberry.field(description="Seats joined, left or changed; empty for a first recorded roster.")
    def changes(self) -> list[SeatChange]:
        return [SeatChange(_change=c) for c in self._diff.changes]

    @strawberry.field(description="Number of seats at the first date.")
    def seats_before(self) -> int:
        return len(self._diff.before.seats)

    @strawberry.field(description="Number of seats at the second date.")
    def seats_after(self) -> int:
        return len(self._diff.after.seats)


@strawberry.type(description="One link of a vacancy chain: `filled` filled the posts `left` left.")
class VacancyLink:
    _link: strawberry.Private[_history.Link]

    @strawberry.field(description="Who left the posts.")
    def left(self, info: Info) -> Person:
        return _people(info, [self._link.left])[0]

    @strawberry.field(description="Who filled them.")
    def filled(self, info: Info) -> Person:
        return _people(info, [self._link.filled])[0]

    @strawberry.field(description="The posts.")
    def posts(self) -> list[Post]:
        return [Post(_post=p) for p in self._link.posts]

    @strawberry.field(description="How the link is known.")
    def kind(self) -> LinkKind:  # type: ignore[valid-type]
        return self._link.kind

    @strawberry.field(description="When the post was filled, as precise as the source.")
    def date(self) -> DateWindow:
        return _window(self._link.date)

    @strawberry.field(description="The removal and appointment records.")
    def sources(self, info: Info) -> list[Document]:
        return _documents(info, self._link.sources)


@strawberry.type(description="A chain of moves: A leaves P, B fills P leaving Q, C fills Q …")
class VacancyChain:
    _chain: strawberry.Private[_history.Chain]

    @strawberry.field(description="The people in order: who left first, then each who filled the post left before.")
    def people(self, info: Info) -> list[Person]:
        return _people(info, self._chain.people)

    @strawberry.field(description="The links, in order.")
    def links(self) -> list[VacancyLink]:
        return [VacancyLink(_link=link) for link in self._chain.links]


@strawberry.type(description="A committee seat a person held.")
class SeatHeld:
    _span: strawberry.Private[SeatSpan]

    @strawberry.field(description="The committee.")
    def committee(self, info: Info) -> Organisation:
        return Organisation(_record=registry_of(info).catalog.organisations[self._span.committee_id])

    @strawberry.field(description="The role.")
    def role(self) -> str:
        return self._span.role

    @strawberry.field(
        description="Since when: the roster notice's date, or when the seat passed to the person (自然替补)."
    )
    def since(self) -> DateWindow:
        return _window(self._span.since)

    @strawberry.field(description="The next roster version's date, when there is one.")
    def until(self) -> date | None:
        return self._span.until

    @strawberry.field(description="When succession moved the seat away from the person, if it did.")
    def left(self) -> DateWindow | None:
        return DateWindow.of(self._span.left)

    @strawberry.field(description="Whether the person took the seat by succession rather than by listing.")
    def by_succession(self) -> bool:
        return self._span.by_succession

    @strawberry.field(description="The document the seat rests on.")
    def source(self, info: Info) -> Document:
        return Document(_record=registry_of(info).catalog.documents[self._span.source])


@strawberry.type(description="A career: every tenure and committee seat, oldest first.")
class Timeline:
    _person: strawberry.Private[str]

    @strawberry.field(description="The person.")
    def person(self, info: Info) -> Person:
        return _people(info, [self._person])[0]

    @strawberry.field(description="Every tenure with its dates, probation, confirmations and sources.")
    def tenures(self, info: Info) -> list[Tenure]:
        return [Tenure(_tenure=t) for t in registry_of(info).timeline(self._person)]

    @strawberry.field(description="Committee seats held.")
    def seats(self, info: Info) -> list[SeatHeld]:
        return [SeatHeld(_span=s) for s in registry_of(info).seats_held(self._person)]
