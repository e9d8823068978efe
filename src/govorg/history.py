"""History: changes between two dates, roster diffs, and vacancy chains.

docs/concepts.md, "Changes between two dates": events are derived from the records — appointments,
removals, confirmations, renames, roster versions, 分工 versions, and seat changes by
succession (marked as such). A committee's first recorded roster is "first recorded", not
"everyone joined". Events are derived once per registry and kept sorted, so a range query is
a bisect, not a scan of every record.

"Vacancy chains": when B fills the post that A left, and B left another post to do so, the
moves form a chain. A link is EXPLICIT when a record names the predecessor, CERTAIN when the
post has one holder, INFERRED when the post has many (same post, overlapping windows).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum

from govorg.catalog import Catalog
from govorg.committees import (
    Committees,
    CommitteeVersion,
    Resolution,
    ResolvedSeat,
    Roster,
    TenureSource,
    resolve_seat,
)
from govorg.dates import DateWindow
from govorg.graph import maximal_paths
from govorg.leadership import Leadership, Version
from govorg.records import (
    APPOINTMENT_LABELS,
    REMOVAL_LABELS,
    Appointment,
    AppointmentForm,
    FileRecords,
    Removal,
    RemovalReason,
    Succession,
    has_roster,
)
from govorg.tenures import Certainty, Post, Tenure


class EventKind(Enum):
    APPOINTED = "APPOINTED"
    REMOVED = "REMOVED"
    CONFIRMED = "CONFIRMED"
    PROBATION_ENDS = "PROBATION_ENDS"
    RENAMED = "RENAMED"
    ROSTER_VERSION = "ROSTER_VERSION"
    SEAT_SUCCEEDED = "SEAT_SUCCEEDED"
    SEAT_SUCCESSOR_UNKNOWN = "SEAT_SUCCESSOR_UNKNOWN"
    SEAT_VACANT = "SEAT_VACANT"
    SEAT_AWAITING_NOTICE = "SEAT_AWAITING_NOTICE"
    PORTFOLIO_VERSION = "PORTFOLIO_VERSION"
    PORTFOLIO_AMENDED = "PORTFOLIO_AMENDED"
    TEMPORARY_REASSIGNMENT = "TEMPORARY_REASSIGNMENT"
    DUTIES_TRANSFERRED = "DUTIES_TRANSFERRED"
    FOUNDED = "FOUNDED"
    ABOLISHED = "ABOLISHED"


LABELS = {
    EventKind.APPOINTED: "任命",
    EventKind.REMOVED: "免去",
    EventKind.CONFIRMED: "试用期满",
    EventKind.PROBATION_ENDS: "试用期结束",
    EventKind.RENAMED: "更名",
    EventKind.ROSTER_VERSION: "组成人员调整",
    EventKind.SEAT_SUCCEEDED: "自然替补",
    EventKind.SEAT_SUCCESSOR_UNKNOWN: "自然替补（继任未定）",
    EventKind.SEAT_VACANT: "席位空缺",
    EventKind.SEAT_AWAITING_NOTICE: "席位待发文调整",
    EventKind.PORTFOLIO_VERSION: "领导分工调整",
    EventKind.PORTFOLIO_AMENDED: "领导分工局部调整",
    EventKind.TEMPORARY_REASSIGNMENT: "临时调整",
    EventKind.DUTIES_TRANSFERRED: "职责划转",
    EventKind.FOUNDED: "成立",
    EventKind.ABOLISHED: "撤销",
}


def label(event: Event) -> str:
    """The change log's label: the kind's, or the wording of a 任免 row (代理, 辞去, 调任 …)."""
    if isinstance(event.form, AppointmentForm) and event.form is not AppointmentForm.CONFIRMED:
        return APPOINTMENT_LABELS[event.form]
    if isinstance(event.form, RemovalReason):
        return REMOVAL_LABELS[event.form]
    return LABELS[event.kind]


Day = date  # the type, under a name that Event's `date` field does not shadow


@dataclass(frozen=True, slots=True)
class Event:
    kind: EventKind
    date: DateWindow
    people: tuple[str, ...]
    posts: tuple[Post, ...]
    organisations: tuple[str, ...]  # units the event concerns (for filtering); a committee's id too
    committee: str | None
    sources: tuple[str, ...]
    record_id: str
    detail: str  # what changed, in words (a former name, a seat's role, a successor)
    first_recorded: bool = False  # ROSTER_VERSION: the committee's first recorded roster
    role: str | None = None  # seat events: the seat's role
    form: AppointmentForm | RemovalReason | None = None  # APPOINTED / REMOVED: how the row is worded

    @property
    def earliest(self) -> Day:
        return self.date.earliest or Day.min

    @property
    def latest(self) -> Day:
        return self.date.latest or Day.max

    def in_range(self, start: Day, end: Day) -> Certainty | None:
        """CERTAIN when every reading of the date falls in [start, end]; POSSIBLE when some do."""
        if start <= self.earliest and self.latest <= end:
            return Certainty.CERTAIN
        if self.earliest <= end and start <= self.latest:
            return Certainty.POSSIBLE
        return None


class LinkKind(Enum):
    EXPLICIT = "EXPLICIT"
    CERTAIN = "CERTAIN"
    INFERRED = "INFERRED"


@dataclass(frozen=True, slots=True)
class Link:
    """`left` left `posts`; `filled` filled them."""

    left: str
    filled: str
    posts: tuple[Post, ...]
    kind: LinkKind
    date: DateWindow
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Chain:
    people: tuple[str, ...]  # A, B, C … in the order of the vacancies
    links: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class SeatChange:
    kind: str  # JOINED, LEFT, MEMBER_CHANGED, POST_CHANGED, ROLE_CHANGED
    cause: str  # NEW_VERSION or SUCCESSION
    role: str
    before: ResolvedSeat | None
    after: ResolvedSeat | None


@dataclass(frozen=True, slots=True)
class RosterDiff:
    committee_id: str
    start: date
    end: date
    first_recorded: bool  # no roster at `start`: the roster at `end` is the first recorded one
    renamed: tuple[tuple[str, str], ...]  # (former name, new name) of renames in (start, end]
    versions: tuple[str, ...]  # roster notices in force from a day in (start, end]
    changes: tuple[SeatChange, ...]
    before: Roster
    after: Roster


@dataclass(slots=True)
class History:
    events: list[Event]
    _starts: list[date] = field(default_factory=list)
    _widest: timedelta = timedelta(0)
    # made on first use (a race between threads only builds one twice): see from_source, seat_events
    _by_source: dict[str, list[Event]] | None = None
    _seats: dict[str, list[Event]] | None = None

    def __post_init__(self) -> None:
        self.events.sort(key=lambda e: (e.earliest, e.latest, e.kind.value, e.record_id))
        self._starts = [e.earliest for e in self.events]
        spans = [e.latest - e.earliest for e in self.events if e.date.earliest and e.date.latest]
        self._widest = max(spans, default=timedelta(0))

    def from_source(self, document_id: str) -> list[Event]:
        """The events a document is a source of, in date order (an index made on first use)."""
        if self._by_source is None:
            index: dict[str, list[Event]] = {}
            for event in self.events:
                for source in dict.fromkeys(event.sources):
                    index.setdefault(source, []).append(event)
            self._by_source = index
        return self._by_source.get(document_id, [])

    def seat_events(self, person_id: str) -> list[Event]:
        """Events about a committee seat that name the person, in date order: as the person the
        event is about (first of `people`), or as one who takes the seat by succession (an index
        made on first use)."""
        if self._seats is None:
            index: dict[str, list[Event]] = {}
            for event in self.events:
                if event.committee is None or event.role is None or not event.people:
                    continue
                first = event.people[0]
                index.setdefault(first, []).append(event)
                if event.kind.value == "SEAT_SUCCEEDED":
                    for taker in dict.fromkeys(event.people[1:]):
                        if taker != first:
                            index.setdefault(taker, []).append(event)
            self._seats = index
        return self._seats.get(person_id, [])

    def between(self, start: date, end: date) -> list[tuple[Event, Certainty]]:
        """Events that certainly or possibly fall in [start, end], in date order."""
        lo = bisect_left(self._starts, start - self._widest) if start - date.min > self._widest else 0
        hi = bisect_right(self._starts, end)
        out = []
        for event in self.events[lo:hi]:
            where = event.in_range(start, end)
            if where is not None:
                out.append((event, where))
        return out


# -- deriving events ---------------------------------------------------------------------------


def derive_events(
    records: FileRecords,
    catalog: Catalog,
    tenures: list[Tenure],
    leadership: Leadership,
    committees: Committees,
    source: TenureSource,
) -> History:
    events: list[Event] = []
    posts_of = _record_posts(tenures)
    for appt in records.appointments:
        posts = posts_of.get(appt.id, ())
        person = appt.person.text
        orgs = tuple(dict.fromkeys(p.organisation_id for p in posts))
        kind = EventKind.CONFIRMED if appt.confirmation else EventKind.APPOINTED
        events.append(
            Event(
                kind,
                appt.date,
                (person,),
                posts,
                orgs,
                None,
                (appt.source,),
                appt.id,
                appt.printed or "",
                form=appt.form,
            )
        )
    for removal in records.removals:
        posts = posts_of.get(removal.id, ())
        orgs = tuple(dict.fromkeys(p.organisation_id for p in posts))
        person = removal.person.text
        events.append(
            Event(
                EventKind.REMOVED,
                removal.date,
                (person,),
                posts,
                orgs,
                None,
                (removal.source,),
                removal.id,
                removal.printed or "",
                form=removal.reason,
            )
        )
    for tenure in tenures:
        until = tenure.probation_until()
        started = tenure.probation_record()
        terminated = tenure.removal is not None and tenure.removal.reason is RemovalReason.PROBATION_TERMINATED
        if until is not None and started is not None and not terminated:  # 终止试用期 is its own event
            events.append(
                Event(
                    EventKind.PROBATION_ENDS,
                    until,
                    (tenure.person_id,),
                    (tenure.post,),
                    (tenure.post.organisation_id,),
                    None,
                    (started.source,),
                    f"{tenure.id}/probation",
                    f"试用期{tenure.probation_months}个月",
                )
            )
    for org in catalog.organisations.values():
        for rename in org.renames:
            doc = catalog.resolve_document(rename.source.text) if rename.source else None
            committee = org.id if has_roster(org.kind) else None
            events.append(
                Event(
                    EventKind.RENAMED,
                    rename.on,
                    (),
                    (),
                    (org.id,),
                    committee,
                    (doc,) if doc else (),
                    f"{org.id}/rename/{rename.on.text}",
                    f"{rename.former_name} → {catalog.name_on(org.id, rename.on.latest or date.max)}",
                )
            )
        for kind, milestone in ((EventKind.FOUNDED, org.founded), (EventKind.ABOLISHED, org.abolished)):
            if milestone is None:
                continue
            doc = catalog.resolve_document(milestone.source.text) if milestone.source else None
            events.append(
                Event(
                    kind,
                    milestone.on,
                    (),
                    (),
                    (org.id,),
                    org.id if has_roster(org.kind) else None,
                    (doc,) if doc else (),
                    f"{org.id}/{kind.value.lower()}",
                    milestone.printed or org.name,
                )
            )
    for division in leadership.versions:
        events.extend(_leadership_events(division))
    for committee_id, versions in committees.by_committee.items():
        for n, version in enumerate(versions):
            day = version.in_force
            members = tuple(m for m in version.members if m)
            events.append(
                Event(
                    EventKind.ROSTER_VERSION,
                    day,
                    members,
                    (),
                    (committee_id,),
                    committee_id,
                    (version.source,),
                    version.id,
                    f"{len(version.record.seats)} 个席位",
                    first_recorded=n == 0,
                )
            )
            for body in version.takes_over:
                events.append(
                    Event(
                        EventKind.DUTIES_TRANSFERRED,
                        day,
                        (),
                        (),
                        (committee_id, body),
                        committee_id,
                        (version.source,),
                        f"{version.id}/duties/{body}",
                        f"{catalog.organisations[body].name} → {catalog.organisations[committee_id].name}",
                    )
                )
            following = versions[n + 1].in_force_from if n + 1 < len(versions) else None
            events.extend(_seat_events(version, following, source))
    return History(events)


def _record_posts(tenures: list[Tenure]) -> dict[str, tuple[Post, ...]]:
    """The resolved posts of each appointment and removal record, from the tenures they shaped."""
    out: dict[str, list[Post]] = {}
    for tenure in tenures:
        records: list[Appointment | Removal] = [*tenure.confirmations, *tenure.extensions]
        if tenure.appointment is not None:
            records.append(tenure.appointment)
        if tenure.removal is not None:
            records.append(tenure.removal)
        for record in records:
            posts = out.setdefault(record.id, [])
            if tenure.post not in posts:
                posts.append(tenure.post)
    return {k: tuple(v) for k, v in out.items()}


def _leadership_events(division: Version) -> list[Event]:
    """A full 分工 lists every leader; an amendment names the leaders it changed; a 临时调整
    names whose work goes to whom, and until when."""
    latest = division.sources[-1]
    government = (division.government,) if division.government else ()
    events: list[Event] = []
    for t in division.temporaries:
        if t.source != latest:
            continue
        until = f", until {t.until}" if t.until else ", end not stated"
        people = (t.absent, *dict.fromkeys(p for p, _, _ in t.shares))
        absent = division.portfolio(t.absent)
        units = [o for units in absent.units.values() for u in units for o in u.organisations] if absent else []
        events.append(
            Event(
                EventKind.TEMPORARY_REASSIGNMENT,
                t.start,
                people,
                (),
                (*government, *dict.fromkeys(units)),
                None,
                (t.source,),
                f"{t.source}/temporary/{t.absent}",
                f"{t.reason or ''}{until}".lstrip(", "),
            )
        )
    full = latest == division.source
    portfolios = [p for p in division.portfolios if full or latest in p.sources]
    if not full and not portfolios and events:
        return events
    orgs = tuple(
        dict.fromkeys(o for p in portfolios for units in p.units.values() for u in units for o in u.organisations)
    )
    events.append(
        Event(
            EventKind.PORTFOLIO_VERSION if full else EventKind.PORTFOLIO_AMENDED,
            division.window,
            tuple(p.person_id for p in portfolios),
            (),
            (*government, *orgs),
            None,
            (latest,),
            division.id,
            f"{len(portfolios)} 位领导",
        )
    )
    return events


def _seat_events(version: CommitteeVersion, following: date | None, source: TenureSource) -> list[Event]:
    """Seat changes by succession while `version` is in force: when a member's recorded removal
    ends the tenure by which they sit, the seat resolves anew from the day they are gone."""
    out: list[Event] = []
    seats = [(seat, version.seat_posts[n], version.members[n]) for n, seat in enumerate(version.record.seats)]
    as_seat = version.office_seat()
    if as_seat is not None:  # 办公室主任: succeeds like a seat
        seats.append((as_seat, version.office_posts, version.office_director))
    for seat, posts, member in seats:
        if member is None or not posts or version.rule_of(seat.role) is Succession.NONE:
            continue
        tenure = source.tenure_of(member, posts[0], version.in_force_from)
        if tenure is None or tenure.removal is None or tenure.end is None:
            continue
        gone = tenure.end.latest or tenure.end.earliest
        if gone is None or gone < version.in_force_from or (following is not None and gone >= following):
            continue
        resolved = resolve_seat(version, seat, posts, member, gone, source)
        when = tenure.end
        if resolved.resolution is Resolution.VACANT:  # a successor may come later, before the next version
            later = [
                t
                for t, _ in source.holders(
                    posts[0], following - timedelta(days=1) if following else date.max - timedelta(days=1)
                )
                if t.person_id != member and t.certain_from > gone
            ]
            if later:
                t = min(later, key=lambda t: t.certain_from)
                resolved = resolve_seat(version, seat, posts, member, t.certain_from, source)
                when = t.start
        kind = {
            Resolution.SUCCEEDED: EventKind.SEAT_SUCCEEDED,
            Resolution.SUCCESSOR_UNKNOWN: EventKind.SEAT_SUCCESSOR_UNKNOWN,
            Resolution.VACANT: EventKind.SEAT_VACANT,
            Resolution.AWAITING_NOTICE: EventKind.SEAT_AWAITING_NOTICE,
        }.get(resolved.resolution)
        if kind is None:
            continue
        people = (member, *((resolved.member,) if resolved.member else resolved.candidates))
        out.append(
            Event(
                kind,
                when,
                people,
                posts,
                (version.committee_id, *(p.organisation_id for p in posts)),
                version.committee_id,
                resolved.sources,
                f"{version.id}/seat/{seat.order}",
                f"{seat.role}: {resolved.note or ''}",
                role=seat.role,
            )
        )
    return out


# -- roster diffs ------------------------------------------------------------------------------


def roster_diff(
    committee_id: str, start: date, end: date, *, committees: Committees, catalog: Catalog, source: TenureSource
) -> RosterDiff:
    before = committees.roster(committee_id, on=start, tenures=source)
    after = committees.roster(committee_id, on=end, tenures=source)
    org = catalog.organisations[committee_id]
    renamed = tuple(
        (r.former_name, catalog.name_on(committee_id, r.on.latest or end))
        for r in org.renames
        if r.on.earliest is not None and start < r.on.earliest <= end
    )
    versions = tuple(v.source for v in committees.versions(committee_id) if start < v.in_force_from <= end)
    if before.version is None:
        return RosterDiff(committee_id, start, end, after.version is not None, renamed, versions, (), before, after)
    cause = "SUCCESSION" if before.version is after.version else "NEW_VERSION"
    changes: list[SeatChange] = []
    if cause == "SUCCESSION":
        by_seat = {s.seat.order: s for s in before.seats}
        for seat in after.seats:
            old = by_seat.get(seat.seat.order)
            if old is not None and (old.member, old.resolution) != (seat.member, seat.resolution):
                changes.append(SeatChange("MEMBER_CHANGED", cause, seat.seat.role, old, seat))
    else:
        old_by_person = {s.member: s for s in before.seats if s.member}
        new_by_person = {s.member: s for s in after.seats if s.member}
        for person, seat in new_by_person.items():
            old = old_by_person.get(person)
            if old is None:
                changes.append(SeatChange("JOINED", cause, seat.seat.role, None, seat))
                continue
            if old.seat.role != seat.seat.role:
                changes.append(SeatChange("ROLE_CHANGED", cause, seat.seat.role, old, seat))
            if {p.key for p in old.posts} != {p.key for p in seat.posts}:
                changes.append(SeatChange("POST_CHANGED", cause, seat.seat.role, old, seat))
        for person, seat in old_by_person.items():
            if person not in new_by_person:
                changes.append(SeatChange("LEFT", cause, seat.seat.role, seat, None))
    return RosterDiff(committee_id, start, end, False, renamed, versions, tuple(changes), before, after)


# -- vacancy chains ----------------------------------------------------------------------------


def vacancy_links(tenures: list[Tenure], start: date, end: date) -> list[Link]:
    """Who filled whose post, among moves that possibly fall in [start, end]."""
    by_post: dict[tuple[str, str], list[Tenure]] = {}
    for tenure in tenures:
        by_post.setdefault(tenure.post.key, []).append(tenure)
    links: dict[tuple[str, str, LinkKind], Link] = {}
    for items in by_post.values():
        leavers = [t for t in items if t.removal is not None and t.end is not None and t.end.overlaps(start, end)]
        fillers = [t for t in items if t.appointment is not None and t.start.overlaps(start, end)]
        for filler in fillers:
            appointment = filler.appointment
            assert appointment is not None
            explicit = appointment.predecessor.text if appointment.predecessor else None
            for leaver in leavers:
                if leaver.person_id == filler.person_id or leaver.end is None:
                    continue
                if explicit is not None:
                    if explicit != leaver.person_id:
                        continue
                    kind = LinkKind.EXPLICIT
                elif not leaver.end.meets(filler.start):
                    continue
                else:
                    kind = LinkKind.CERTAIN if filler.post.single_holder else LinkKind.INFERRED
                key = (leaver.person_id, filler.person_id, kind)
                sources = tuple(dict.fromkeys((*leaver.sources, *filler.sources)))
                old = links.get(key)
                posts = (*old.posts, filler.post) if old else (filler.post,)
                links[key] = Link(leaver.person_id, filler.person_id, posts, kind, filler.start, sources)
    return list(links.values())


def chains(links: list[Link]) -> list[Chain]:
    """Maximal chains A → B → C … in the succession graph (an edge leaver → filler per link),
    each starting at someone who filled nothing (or, when every leaver filled something, at
    each leaver); longest first. Paths are simple: a chain never returns to a person."""
    filled_by = {link.filled for link in links}
    starts = [p for p in dict.fromkeys(link.left for link in links) if p not in filled_by] or list(
        dict.fromkeys(link.left for link in links)
    )
    # neighbours by the filler's id, parallel links (kinds, posts) newest first: the order the
    # chains were always listed in
    order = sorted(range(len(links)), key=lambda n: (links[n].filled, -n))
    edges = [(links[n].left, links[n].filled, links[n]) for n in order]
    out = [Chain(people, path) for people, path in maximal_paths(edges, sorted(starts), limit=10_000)]
    out.sort(key=lambda c: (-len(c.people), c.people))
    return out
