"""Strawberry types: thin wrappers over the registry's records (strawberry's examples keep
storage models and GraphQL types apart). Every time-dependent field takes the date it is asked
about; when omitted, it means today."""

from __future__ import annotations

import time
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Annotated, overload

import strawberry
from strawberry.types import Info

from govorg import dates as _dates
from govorg import records as _records
from govorg import tenures as _tenures
from govorg.api.pages import After, First, page
from govorg.records import Document as DocumentRecord
from govorg.records import Organisation as OrganisationRecord
from govorg.records import Person as PersonRecord
from govorg.registry import Holding as HoldingRecord
from govorg.registry import Info as InfoRecord

if TYPE_CHECKING:
    from govorg.api.committee_types import Milestone
    from govorg.registry import Registry


class QueryTimeout(Exception):
    """The request's time limit passed while its query ran; resolvers stop at the next registry read."""


def registry_of(info: Info) -> Registry:
    """The registry the request reads; past the request's deadline (`deadline` in the context, a
    `time.monotonic()` value) it raises instead, so a query that outlives its time limit stops."""
    context = info.context
    deadline = context.get("deadline")
    if deadline is not None and time.monotonic() > deadline:
        raise QueryTimeout("the request's time limit passed; the query was stopped")
    registry: Registry = context["registry"]
    return registry


def day_or_today(on: date | None) -> date:
    return on if on is not None else today()


_today: tuple[int, date] = (0, date.min)  # (the second it was read in, the local date then)


def today() -> date:
    """The local date, read again once a second: `date.today()` converts the clock to local time
    on each call (~0.6 µs), and a leadership page asks it for every name it shows."""
    global _today
    second = int(time.time())
    if _today[0] != second:
        _today = (second, date.today())
    return _today[1]


@strawberry.enum(description="How sure an answer is, given how precisely the sources date it.")
class Certainty(Enum):
    CERTAIN = strawberry.enum_value("CERTAIN", description="Every reading of the sources agrees.")
    POSSIBLE = strawberry.enum_value("POSSIBLE", description="Some readings of the sources agree, others do not.")


@strawberry.enum(description="How precisely the source dates something.")
class Precision(Enum):
    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    SPAN = "span"
    UNKNOWN = "unknown"


@strawberry.enum(description="How an appointment (任命) row is worded.")
class AppointmentForm(Enum):
    APPOINTED = strawberry.enum_value("appointed", description="任命: starts a tenure.")
    CONFIRMED = strawberry.enum_value("confirmed", description="试用期满: confirms the running tenure.")
    ACTING = strawberry.enum_value("acting", description="代理: an acting appointment.")
    APPROVED = strawberry.enum_value("approved", description="批准任命: approves another body's appointment.")


@strawberry.enum(description="Why a tenure ended: how the removal row is worded.")
class RemovalReason(Enum):
    REMOVED = strawberry.enum_value("removed", description="免去…职务.")
    NO_LONGER = strawberry.enum_value("no_longer", description="不再担任…职务.")
    RESIGNED = strawberry.enum_value("resigned", description="接受…辞去…职务: a resignation, accepted.")
    TRANSFERRED = strawberry.enum_value("transferred", description="调任: a transfer to another post.")
    PROBATION_TERMINATED = strawberry.enum_value("probation_terminated", description="终止试用期.")


@strawberry.type(description="A post as a record writes it, not necessarily one the registry tracks (调任 to …).")
class PrintedPost:
    organisation: str = strawberry.field(description="The organisation as written.")
    title: str = strawberry.field(description="The title as written.")


# The API's member for each of the core's (an enum call by value is ~1 µs; answers make many).
_CERTAINTIES: dict[_tenures.Certainty, Certainty] = {c: Certainty(c.value) for c in _tenures.Certainty}
_PRECISIONS: dict[_dates.Precision, Precision] = {p: Precision(p.value) for p in _dates.Precision}


@overload
def certainty(value: _tenures.Certainty) -> Certainty: ...
@overload
def certainty(value: _tenures.Certainty | None) -> Certainty | None: ...
def certainty(value: _tenures.Certainty | None) -> Certainty | None:
    if value is None:
        return None
    found = _CERTAINTIES.get(value)
    return found if found is not None else Certainty(value.value)


@strawberry.type(description="A date as precise as its source: a day, month, quarter, year, span, or unknown.")
class DateWindow:
    text: str = strawberry.field(description="The date as the record writes it, e.g. 2021-04..2021-06.")
    earliest: date | None = strawberry.field(description="The first day it can mean; null when open.")
    latest: date | None = strawberry.field(description="The last day it can mean; null when open.")
    precision: Precision = strawberry.field(description="How precise the source is.")

    @classmethod
    def of(cls, window: _dates.DateWindow | None) -> DateWindow | None:
        if window is None:
            return None
        return cls(
            text=window.text,
            earliest=window.earliest,
            latest=window.latest,
            precision=_PRECISIONS.get(window.precision) or Precision(window.precision.value),
        )


@strawberry.type(description="A source document: a notice, report, table or gazette issue.")
class Document:
    _record: strawberry.Private[DocumentRecord]

    @strawberry.field(description="Stable id of the document in the registry.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(self._record.id)

    @strawberry.field(description="The document number (文号) exactly as printed; null when it has none.")
    def number(self) -> str | None:
        return self._record.number

    @strawberry.field(description="The 文号 in canonical form, e.g. 甲府办〔2021〕9号.")
    def canonical_number(self) -> str | None:
        return self._record.canonical_number

    @strawberry.field(description="The document's title as printed.")
    def title(self) -> str:
        return self._record.title

    @strawberry.field(description="Who issued it.")
    def issuer(self) -> str | None:
        return self._record.issuer

    @strawberry.field(description="When it is dated, as precisely as printed.")
    def date(self) -> DateWindow:
        window = DateWindow.of(self._record.date)
        assert window is not None
        return window

    @strawberry.field(description="notice, report, regulation, table, gazette or other.")
    def kind(self) -> str:
        return self._record.kind

    @strawberry.field(description="The gazette issue that published it.")
    def published_in(self, info: Info) -> Document | None:
        ref = self._record.published_in
        if ref is None:
            return None
        found = registry_of(info).document(ref.text)
        return Document(_record=found) if found else None

    @strawberry.field(description="The page of the gazette issue it starts on.")
    def page(self) -> int | None:
        return self._record.page


@strawberry.type(description="A name an organisation carried before a rename (更名).")
class FormerName:
    name: str = strawberry.field(description="The former name.")
    until: DateWindow = strawberry.field(description="When the rename took effect.")
    source: Document | None = strawberry.field(description="The document that made the rename.")


@strawberry.type(
    description="A government body, party body, mass organisation, company, school, committee, or a group of units."
)
class Organisation:
    _record: strawberry.Private[OrganisationRecord]

    @strawberry.field(description="Stable id.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(self._record.id)

    @strawberry.field(description="Its name on the given day (before a rename, the former name). Defaults to today.")
    def name(self, info: Info, on: date | None = None) -> str:
        return registry_of(info).organisation_name(self._record.id, on=day_or_today(on))

    @strawberry.field(description="Its current official name (the fullest form the sources print).")
    def official_name(self) -> str:
        return self._record.name

    @strawberry.field(description="Short names (简称) the sources use.")
    def short_names(self) -> list[str]:
        return list(self._record.short_names)

    @strawberry.field(description="The other names (牌子) of the same body: 一个机构多块牌子.")
    def brand_names(self) -> list[str]:
        return list(self._record.brand_names)

    @strawberry.field(description="Names carried before a rename, oldest first.")
    def former_names(self, info: Info) -> list[FormerName]:
        registry = registry_of(info)
        out = []
        for rename in self._record.renames:
            source = registry.document(rename.source.text) if rename.source else None
            window = DateWindow.of(rename.on)
            assert window is not None
            out.append(
                FormerName(name=rename.former_name, until=window, source=Document(_record=source) if source else None)
            )
        return out

    @strawberry.field(
        description="government, department, street_office, town, party, mass_organisation, court, committee, …"
    )
    def kind(self) -> str:
        return self._record.kind

    @strawberry.field(description="Where the sources leave something about this body open, the note that says so.")
    def note(self) -> str | None:
        return self._record.note

    @strawberry.field(description="Its founding (成立), when recorded.")
    def founded(self) -> Annotated[Milestone, strawberry.lazy("govorg.api.committee_types")] | None:
        from govorg.api.committee_types import Milestone  # committee_types builds on this module

        return Milestone(_record=self._record.founded) if self._record.founded else None

    @strawberry.field(description="Its abolition (撤销), when recorded.")
    def abolished(self) -> Annotated[Milestone, strawberry.lazy("govorg.api.committee_types")] | None:
        from govorg.api.committee_types import Milestone

        return Milestone(_record=self._record.abolished) if self._record.abolished else None

    @strawberry.field(
        description="Whether its name is provisional (暂定名): a body not founded until `founded` says so."
    )
    def provisional_name(self) -> bool:
        return self._record.provisional

    @strawberry.field(description="The body it belongs to.")
    def parent(self, info: Info) -> Organisation | None:
        if self._record.parent is None:
            return None
        found = registry_of(info).organisation(self._record.parent.text)
        return Organisation(_record=found) if found else None

    @strawberry.field(description="Units directly under it.")
    def children(self, info: Info, first: First = None, after: After = None) -> list[Organisation]:
        registry = registry_of(info)
        ids = registry.catalog.children.get(self._record.id, [])
        return [Organisation(_record=registry.catalog.organisations[i]) for i in page(ids, first, after)]

    @strawberry.field(description="The government it belongs to (itself, for a government); null when no record says.")
    def government(self, info: Info) -> Organisation | None:
        found = registry_of(info).government_of(self._record.id)
        return Organisation(_record=found) if found else None

    @strawberry.field(description="For a government: its level (province, city, district, county, street, township).")
    def level(self) -> str | None:
        return self._record.level.value if self._record.level else None

    @strawberry.field(
        description="For a government: its level as printed in headers (省级, 市级, 区级, 县级, 街道, 乡镇)."
    )
    def level_label(self) -> str | None:
        return self._record.level.label if self._record.level else None

    @strawberry.field(description="For a government: its administrative division code (GB/T 2260 行政区划代码).")
    def division_code(self) -> str | None:
        return self._record.division_code

    @strawberry.field(description="For a group such as 街道（镇）: the units it stands for.")
    def members(self, info: Info, first: First = None, after: After = None) -> list[Organisation]:
        registry = registry_of(info)
        found = (registry.organisation(ref.text) for ref in self._record.members)
        return [Organisation(_record=o) for o in page((o for o in found if o is not None), first, after)]


@strawberry.type(description="A post: a title in an organisation (区房管局 副局长).")
class Post:
    _post: strawberry.Private[_tenures.Post]

    @strawberry.field(description="The organisation.")
    def organisation(self, info: Info) -> Organisation:
        return Organisation(_record=registry_of(info).catalog.organisations[self._post.organisation_id])

    @strawberry.field(description="The title, e.g. 副局长.")
    def title(self) -> str:
        return self._post.title

    @strawberry.field(description="Whether the title has one holder at a time (局长, 校长) rather than many (副局长).")
    def single_holder(self) -> bool:
        return self._post.single_holder

    @strawberry.field(description="Who holds the post on the given day (defaults to today).")
    def holders(self, info: Info, on: date | None = None, first: First = None, after: After = None) -> list[Holding]:
        registry = registry_of(info)
        day = day_or_today(on)
        found = registry.holders(self._post.organisation_id, self._post.title, on=day)
        return [Holding.of(h) for h in page(found, first, after)]


@strawberry.type(description="A rank note printed with an appointment: 管理岗位五级职员，相当于正处级.")
class Rank:
    printed: str = strawberry.field(description="As printed.")
    grade: str = strawberry.field(description="The grade of the post, e.g. 管理岗位五级职员.")
    equivalent: str | None = strawberry.field(description="The rank it is equivalent to (相当/相当于), e.g. 正处级.")


@strawberry.type(description="A probation period (试用期) that starts with an appointment.")
class Probation:
    _tenure: strawberry.Private[_tenures.Tenure]

    @strawberry.field(description="Length in months (试用期一年 is 12).")
    def months(self) -> int:
        return self._tenure.probation_months or 0

    @strawberry.field(description="When it ends, as precisely as the appointment is dated.")
    def until(self) -> DateWindow | None:
        return DateWindow.of(self._tenure.probation_until())

    @strawberry.field(description="When it was confirmed (试用期满), if recorded.")
    def confirmed(self) -> DateWindow | None:
        confirmations = self._tenure.confirmations
        return DateWindow.of(confirmations[0].date) if confirmations else None

    @strawberry.field(
        description="Whether the holder is on probation on the given day (defaults to today); null when not."
    )
    def on_probation(self, on: date | None = None) -> Certainty | None:
        return certainty(self._tenure.on_probation(day_or_today(on)))


@strawberry.type(description="A person's continuous holding of one post, as precise as its sources.")
class Tenure:
    _tenure: strawberry.Private[_tenures.Tenure]

    @strawberry.field(description="Stable id: the record that started it and the post.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(self._tenure.id)

    @strawberry.field(description="Who held it.")
    def person(self, info: Info) -> Person:
        return person_of(info, self._tenure.person_id)

    @strawberry.field(description="The post held.")
    def post(self) -> Post:
        return Post(_post=self._tenure.post)

    @strawberry.field(
        description="When it started, as precise as the source; precision UNKNOWN when no appointment is recorded."
    )
    def start(self) -> DateWindow:
        window = DateWindow.of(self._tenure.start)
        assert window is not None
        return window

    @strawberry.field(description="When it ended; null while no removal is recorded.")
    def end(self) -> DateWindow | None:
        return DateWindow.of(self._tenure.end)

    @strawberry.field(
        description="Whether the person holds the post on the given day (defaults to today); null when not."
    )
    def certainty(self, on: date | None = None) -> Certainty | None:
        return certainty(self._tenure.certainty(day_or_today(on)))

    @strawberry.field(description="The probation, when the appointment set one (试用期一年).")
    def probation(self) -> Probation | None:
        return Probation(_tenure=self._tenure) if self._tenure.probation_months else None

    @strawberry.field(
        description="When the appointment was confirmed at the end of probation (试用期满); confirmations start nothing new."
    )
    def confirmed(self) -> list[DateWindow]:
        return [w for w in (DateWindow.of(c.date) for c in self._tenure.confirmations) if w is not None]

    @strawberry.field(description="The rank note printed with the appointment.")
    def rank(self) -> Rank | None:
        appointment = self._tenure.appointment
        if appointment is None or appointment.rank is None:
            return None
        r = appointment.rank
        return Rank(printed=r.printed, grade=r.grade, equivalent=r.equivalent)

    @strawberry.field(description="The line as the source prints it.")
    def printed(self) -> str | None:
        return self._tenure.printed

    @strawberry.field(description="Days on which a dated document prints the person with this post (attestations).")
    def attested_on(self, first: First = None, after: After = None) -> list[DateWindow]:
        found = (w for w in (DateWindow.of(a.date) for a in self._tenure.attestations) if w is not None)
        return page(found, first, after)

    @strawberry.field(description="How the appointment that started it is worded; null when none is recorded.")
    def appointment_form(self) -> AppointmentForm | None:
        appointment = self._tenure.appointment
        return AppointmentForm(appointment.form.value) if appointment is not None else None

    @strawberry.field(description="Whether the tenure started as acting (代理).")
    def acting(self) -> bool:
        return self._tenure.acting

    @strawberry.field(
        description="When a later 任命 ended the acting (代理) status; null when not acting or still acting."
    )
    def acting_ended(self) -> DateWindow | None:
        ended = self._tenure.acting_ended
        return DateWindow.of(ended.date) if ended is not None else None

    @strawberry.field(
        description="Whether the holder is acting (代理) on the given day (defaults to today); null when not."
    )
    def acting_on(self, on: date | None = None) -> Certainty | None:
        return certainty(self._tenure.is_acting(day_or_today(on)))

    @strawberry.field(
        description="Later appointments to the same post folded into this tenure (re-appointment, 代理 to 任命)."
    )
    def reappointed(self) -> list[DateWindow]:
        return [w for w in (DateWindow.of(a.date) for a in self._tenure.extensions) if w is not None]

    @strawberry.field(description="Notes on how the tenure was put together, e.g. a re-appointment that extends it.")
    def notes(self) -> list[str]:
        return list(self._tenure.notes)

    @strawberry.field(description="批准任命: the body whose appointment was approved.")
    def appointed_by(self, info: Info) -> Organisation | None:
        appointment = self._tenure.appointment
        return _body(info, appointment.appointed_by if appointment else None, self._tenure.start)

    @strawberry.field(description="批准任命: the approving body; null when the row leaves it to the document's issuer.")
    def approved_by(self, info: Info) -> Organisation | None:
        appointment = self._tenure.appointment
        return _body(info, appointment.approved_by if appointment else None, self._tenure.start)

    @strawberry.field(description="Why it ended; null while no removal is recorded.")
    def end_reason(self) -> RemovalReason | None:
        removal = self._tenure.removal
        return RemovalReason(removal.reason.value) if removal is not None else None

    @strawberry.field(description="辞去: the body that accepted the resignation.")
    def resignation_accepted_by(self, info: Info) -> Organisation | None:
        removal = self._tenure.removal
        return _body(info, removal.accepted_by if removal else None, removal.date if removal else self._tenure.start)

    @strawberry.field(description="调任: the post the person moved to, as the removal names it.")
    def transferred_to(self) -> PrintedPost | None:
        removal = self._tenure.removal
        if removal is None or removal.transfer_to is None:
            return None
        return PrintedPost(organisation=removal.transfer_to.organisation.text, title=removal.transfer_to.title)

    @strawberry.field(
        description="The documents this tenure rests on: appointment, confirmations, removal, attestations."
    )
    def sources(self, info: Info, first: First = None, after: After = None) -> list[Document]:
        registry = registry_of(info)
        return [Document(_record=registry.catalog.documents[s]) for s in page(self._tenure.sources, first, after)]


def _body(info: Info, ref: _records.Ref | None, when: _dates.DateWindow) -> Organisation | None:
    if ref is None:
        return None
    catalog = registry_of(info).catalog
    found = catalog.resolve_organisation(ref.text, when, government=catalog.context(ref.location.path))
    return Organisation(_record=catalog.organisations[found]) if found else None


@strawberry.type(description="A tenure as seen on one day.")
class Holding:
    _holding: strawberry.Private[HoldingRecord]

    @classmethod
    def of(cls, holding: HoldingRecord) -> Holding:
        return cls(_holding=holding)

    @strawberry.field(description="Who holds the post.")
    def person(self, info: Info) -> Person:
        return person_of(info, self._holding.tenure.person_id)

    @strawberry.field(description="The post held.")
    def post(self) -> Post:
        return Post(_post=self._holding.tenure.post)

    @strawberry.field(description="CERTAIN or POSSIBLE on that day.")
    def certainty(self) -> Certainty:
        result = certainty(self._holding.certainty)
        assert result is not None
        return result

    @strawberry.field(description="The day asked about.")
    def on(self) -> date:
        return self._holding.on

    @strawberry.field(description="Whether the holder is on probation that day; null when not.")
    def on_probation(self) -> Certainty | None:
        return certainty(self._holding.tenure.on_probation(self._holding.on))

    @strawberry.field(description="Whether the holder is acting (代理) that day; null when not.")
    def acting(self) -> Certainty | None:
        return certainty(self._holding.tenure.is_acting(self._holding.on))

    @strawberry.field(description="The tenure, with its dates and sources.")
    def tenure(self) -> Tenure:
        return Tenure(_tenure=self._holding.tenure)

    @strawberry.field(description="The documents the answer rests on.")
    def sources(self, info: Info, first: First = None, after: After = None) -> list[Document]:
        registry = registry_of(info)
        found = page(self._holding.tenure.sources, first, after)
        return [Document(_record=registry.catalog.documents[s]) for s in found]


@strawberry.type(description="A person in the registry.")
class Person:
    _record: strawberry.Private[PersonRecord]

    @strawberry.field(description="Stable id (pinyin of the name).")
    def id(self) -> strawberry.ID:
        return strawberry.ID(self._record.id)

    @strawberry.field(description="The name.")
    def name(self) -> str:
        return self._record.name

    @strawberry.field(description="Other ways the sources print the name, e.g. 王 峰.")
    def printed_names(self) -> list[str]:
        return list(self._record.printed)

    @strawberry.field(description="The posts held on the given day (defaults to today).")
    def posts(self, info: Info, on: date | None = None, first: First = None, after: After = None) -> list[Holding]:
        found = registry_of(info).posts(self._record.id, on=day_or_today(on))
        return [Holding.of(h) for h in page(found, first, after)]

    @strawberry.field(description="Every tenure, ordered by the earliest it can have started.")
    def tenures(self, info: Info, first: First = None, after: After = None) -> list[Tenure]:
        return [Tenure(_tenure=t) for t in page(registry_of(info).timeline(self._record.id), first, after)]


@strawberry.type(description="How many records of each kind the registry holds.")
class RecordCounts:
    documents: int = strawberry.field(description="Source documents.")
    organisations: int = strawberry.field(description="Organisations, committees and groups.")
    people: int = strawberry.field(description="People.")
    appointments: int = strawberry.field(description="任命 rows that start a tenure.")
    confirmations: int = strawberry.field(description="任命 rows that confirm one (试用期满).")
    removals: int = strawberry.field(description="免去 rows.")
    attestations: int = strawberry.field(description="Dated listings of a person with a post (roster seats included).")
    roster_versions: int = strawberry.field(description="Committee roster notices.")
    leadership_versions: int = strawberry.field(description="分工 notices.")
    tenures: int = strawberry.field(description="Tenures derived from all of the above.")


HIDDEN_ERROR = (
    "the new data was refused; details are hidden (the server shows them with --show-problems or to its admin token)"
)


@strawberry.type(description="The last reload of a served registry.")
class ReloadInfo:
    ok: bool = strawberry.field(
        description="False when the last reload was refused: the previous data is still served."
    )
    at: str | None = strawberry.field(
        description="When the last reload was attempted (UTC, ISO 8601); null before any."
    )
    error: str | None = strawberry.field(
        description="Why the last reload was refused; a generic sentence unless the server shows problems (see problems)."
    )
    problems: list[str] = strawberry.field(
        description="The validator's errors for the refused data, as `govorg validate` prints them; empty unless the server runs with --show-problems or the request carries its admin token."
    )
    reloads: int = strawberry.field(description="Reloads applied since the server started.")
    problem_count: int = strawberry.field(description="How many errors the refused data had (always shown).")
    failing_since: str | None = strawberry.field(
        description="When reloads started failing (UTC, ISO 8601); null while the last reload succeeded."
    )


@strawberry.type(description="About the loaded registry.")
class RegistryInfo:
    _info: strawberry.Private[InfoRecord]

    @strawberry.field(description="Content hash of the YAML data: changes whenever any data file changes.")
    def data_version(self) -> str:
        return self._info.data_version

    @strawberry.field(description="The git commit of the data folder, when it is a git checkout.")
    def git_commit(self) -> str | None:
        return self._info.git_commit

    @strawberry.field(description="Number of data files read.")
    def files(self) -> int:
        return self._info.files

    @strawberry.field(description="Record counts.")
    def counts(self) -> RecordCounts:
        c = self._info.counts
        return RecordCounts(
            documents=c["documents"],
            organisations=c["organisations"],
            people=c["people"],
            appointments=c["appointments"],
            confirmations=c["confirmations"],
            removals=c["removals"],
            attestations=c["attestations"],
            roster_versions=c["rosterVersions"],
            leadership_versions=c["leadershipVersions"],
            tenures=c["tenures"],
        )

    @strawberry.field(description="The earliest day any source document can be dated to.")
    def earliest(self) -> date | None:
        return self._info.earliest

    @strawberry.field(description="The latest day any source document can be dated to.")
    def latest(self) -> date | None:
        return self._info.latest

    @strawberry.field(
        description="The last reload, when served by `govorg serve` (which watches its data); null in-process."
    )
    def reload(self, info: Info) -> ReloadInfo | None:
        holder = info.context.get("holder")
        if holder is None:
            return None
        s = holder.status
        shown = bool(info.context.get("show_problems", True))
        error = s.error if shown or s.error is None else HIDDEN_ERROR
        return ReloadInfo(
            ok=s.ok,
            at=s.at.isoformat() if s.at else None,
            error=error,
            problems=list(s.problems) if shown else [],
            reloads=s.reloads,
            problem_count=len(s.problems),
            failing_since=s.failing_since.isoformat() if s.failing_since else None,
        )

    @strawberry.field(description="Warnings the validator reported for this data (it loads only without errors).")
    def warnings(self) -> int:
        return self._info.warnings


def person_of(info: Info, person_id: str) -> Person:
    """The GraphQL Person for a person id of the registry the request reads."""
    return Person(_record=registry_of(info).catalog.people[person_id])
