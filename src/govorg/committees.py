"""Bodies with rosters: committees, 领导小组, 联席会议, 工作小组, 指挥部 and 管委会 share one model.

docs/format.md, "Bodies and their rosters": a roster notice is a dated version of the body. Its
seats come in role groups (the role labels as printed, in printed order: 主任/副主任/委员,
组长/第一副组长/副组长/成员, 总召集人/召集人/成员, …). Each group has its own order (as printed,
or 按姓氏笔画为序 where the notice or the record says so) and its own succession rule:

- 自然替补 (`natural`): when a member leaves the post by which they sit, the seat passes to the
  post's next holder — certain where the post has one holder, or where the new holder's record
  says whom they replace; otherwise the seat is shown with its candidates, *successor unknown*;
- a change needs a new notice (`notice`, 报组长批准): once the member leaves, the seat waits for
  that notice and shows the post's next holders as candidates;
- `none`: the seat is personal.

A seat bound to several posts (区委宣传部常务副部长、区文明办主任) stays LISTED while its member
holds any of them; once they hold none, it passes through the first post printed. A seat naming a
post of a body not yet founded (暂定名) is PENDING until the body's founding. A notice dated only
by its month or year is in force from an unknown day of that window: answers inside it are POSSIBLE.
A name change keeps the same body; its abolition (撤销) ends its roster.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from enum import Enum

from govorg.catalog import Catalog
from govorg.dates import DateWindow, latest_before
from govorg.names import name_key
from govorg.notes import Note, joined
from govorg.problems import Problem, Text, problem
from govorg.records import (
    Milestone,
    Office,
    Organisation,
    OrganisationKind,
    PostRef,
    RoleGroup,
    RosterVersion,
    Seat,
    SeatOrder,
    Succession,
    has_roster,
)
from govorg.strokes import name_key as stroke_key
from govorg.tenures import Certainty, Post, Tenure
from govorg.titles import TitleRules

OFFICE_DIRECTOR_ROLE = "办公室主任"

BODY_LABELS = {  # how headers name each kind of body
    OrganisationKind.COMMITTEE: "委员会",
    OrganisationKind.LEADING_GROUP: "领导小组",
    OrganisationKind.JOINT_MEETING: "联席会议",
    OrganisationKind.WORKING_GROUP: "工作小组",
    OrganisationKind.HEADQUARTERS: "指挥部",
    OrganisationKind.MANAGEMENT_COMMITTEE: "管委会",
}


class Resolution(Enum):
    LISTED = "LISTED"  # as printed: the member still holds the post, or the seat names only a post
    SUCCEEDED = "SUCCEEDED"  # the member left; the post's next holder is certain or named
    SUCCESSOR_UNKNOWN = "SUCCESSOR_UNKNOWN"  # the member left a many-holder post; candidates shown
    VACANT = "VACANT"  # the member left and the post has no recorded holder
    AWAITING_NOTICE = "AWAITING_NOTICE"  # the member left; the group's change needs a new notice
    PENDING = "PENDING"  # the seat's post belongs to a body not yet founded (暂定名)


@dataclass(frozen=True, slots=True)
class ResolvedSeat:
    seat: Seat
    posts: tuple[Post, ...]
    listed_member: str | None  # as printed
    member: str | None  # on the day asked about
    resolution: Resolution
    certainty: Certainty
    candidates: tuple[str, ...]
    sources: tuple[str, ...]  # documents used: the roster notice, then the records of the change
    note: str | None
    rule: Succession = Succession.NATURAL  # the succession rule of the seat's group


@dataclass(frozen=True, slots=True)
class ResolvedOffice:
    office: Office
    host: str | None
    director: ResolvedSeat | None


@dataclass(frozen=True, slots=True)
class ResolvedGroup:
    """The seats of one role label on the day, in official order, with the group's options."""

    role: str
    order: SeatOrder
    rule: Succession
    printed: str | None
    seats: tuple[ResolvedSeat, ...]


@dataclass(slots=True)
class CommitteeVersion:
    id: str
    committee_id: str
    source: str
    in_force_from: date  # the first day it may be in force (the window's start for a month-dated notice)
    record: RosterVersion
    seat_posts: tuple[tuple[Post, ...], ...]  # per seat, resolved posts
    members: tuple[str | None, ...]  # per seat, resolved member ids
    office_host: str | None
    office_posts: tuple[Post, ...]
    office_director: str | None
    takes_over: tuple[str, ...]

    @property
    def in_force(self) -> DateWindow:
        """When the notice took effect, as precisely as it is dated (2021-06-28, or 2021-06)."""
        return self.record.date

    def group(self, role: str) -> RoleGroup | None:
        return next((g for g in self.record.groups if g.role == role), None)

    def rule_of(self, role: str) -> Succession:
        """The succession rule of a role group: its own, or the roster's."""
        group = self.group(role)
        if role == OFFICE_DIRECTOR_ROLE and self.record.office is not None and self.record.office.succession:
            return Succession(self.record.office.succession)
        return Succession(group.succession if group and group.succession else self.record.succession)

    def order_of(self, role: str) -> SeatOrder:
        group = self.group(role)
        return SeatOrder(group.order) if group else SeatOrder.PRINTED

    def office_seat(self) -> Seat | None:
        office = self.record.office
        if office is None or office.director is None:
            return None
        return Seat(0, OFFICE_DIRECTOR_ROLE, office.director, office.director_posts, office.printed, office.location)


@dataclass(frozen=True, slots=True)
class Roster:
    committee_id: str
    on: date
    version: CommitteeVersion | None
    seats: tuple[ResolvedSeat, ...]  # in official order
    office: ResolvedOffice | None
    groups: tuple[ResolvedGroup, ...] = ()  # the same seats, by role group in printed order
    certainty: Certainty = Certainty.CERTAIN  # POSSIBLE inside a notice's or an abolition's window
    note: str | None = None  # why the roster is POSSIBLE or empty (a dating window, 撤销)


class TenureSource:
    """What seat resolution needs from the compiled registry, and nothing more."""

    def __init__(
        self, person_tenures: dict[str, list[Tenure]], post_tenures: dict[tuple[str, str], list[Tenure]]
    ) -> None:
        self.person_tenures = person_tenures
        self.post_tenures = post_tenures

    def tenure_of(self, person: str, post: Post, on: date) -> Tenure | None:
        """The person's tenure of the post that covers `on` (the roster's day)."""
        for tenure in self.person_tenures.get(person, ()):
            if tenure.post.key == post.key and tenure.certainty(on) is not None:
                return tenure
        return None

    def holders(self, post: Post, on: date) -> list[tuple[Tenure, Certainty]]:
        out = []
        for tenure in self.post_tenures.get(post.key, ()):
            c = tenure.certainty(on)
            if c is not None:
                out.append((tenure, c))
        return out

    def moved_elsewhere(self, person: str, posts: tuple[Post, ...], *, since: date, on: date) -> Tenure | None:
        """An appointment of the person to another post that may have come on or after `since`
        (the listing) and by `on`: with no removal recorded, they may have left the seat's post."""
        keys = {p.key for p in posts}
        for tenure in self.person_tenures.get(person, ()):
            appointment = tenure.appointment
            if tenure.post.key in keys or appointment is None or appointment.confirmation:
                continue
            first, last = appointment.date.earliest, appointment.date.latest
            if first is not None and last is not None and last >= since and first <= on:
                return tenure
        return None


def milestone_state(milestone: Milestone | None, on: date) -> Certainty | None:
    """Whether a 成立 or 撤销 has happened by `on`: CERTAIN, POSSIBLE (inside its window), or None."""
    if milestone is None or milestone.on.earliest is None or on < milestone.on.earliest:
        return None
    if milestone.on.latest is not None and on < milestone.on.latest:
        return Certainty.POSSIBLE
    return Certainty.CERTAIN


def not_founded(org: Organisation, on: date) -> Certainty | None:
    """Whether a body does not yet exist on `on`: a provisional name (暂定名) with no founding
    recorded, or a day before its founding (POSSIBLE inside the founding's window)."""
    if org.founded is None:
        return Certainty.CERTAIN if org.provisional else None
    state = milestone_state(org.founded, on)
    if state is None:
        return Certainty.CERTAIN
    return Certainty.POSSIBLE if state is Certainty.POSSIBLE else None


class Committees:
    def __init__(self, versions: list[CommitteeVersion], catalog: Catalog) -> None:
        self._catalog = catalog
        self.by_committee: dict[str, list[CommitteeVersion]] = defaultdict(list)
        self.taken_over_by: dict[str, list[CommitteeVersion]] = defaultdict(list)
        for version in sorted(versions, key=lambda v: v.in_force_from):
            self.by_committee[version.committee_id].append(version)
            for body in version.takes_over:
                self.taken_over_by[body].append(version)

    def versions(self, committee_id: str) -> list[CommitteeVersion]:
        return list(self.by_committee.get(committee_id, ()))

    def version_on(self, committee_id: str, day: date) -> CommitteeVersion | None:
        """The latest version that may be in force on `day` (see `roster` for its certainty)."""
        versions = self.by_committee.get(committee_id, [])
        i = latest_before([v.in_force_from for v in versions], day)
        return versions[i] if i >= 0 else None

    def roster(self, committee_id: str, *, on: date, tenures: TenureSource) -> Roster:
        version = self.version_on(committee_id, on)
        if version is None:
            return Roster(committee_id, on, None, (), None)
        body = self._catalog.organisations[committee_id]
        certainty, notes = Certainty.CERTAIN, []
        latest = version.in_force.latest
        if latest is not None and on < latest:  # dated only by month or year: in force from a day unknown
            certainty = Certainty.POSSIBLE
            notes.append(
                Note(
                    "the notice is dated {in_force}: in force from an unknown day of it", in_force=version.in_force.text
                )
            )
        abolished = milestone_state(body.abolished, on)
        if abolished is Certainty.CERTAIN and body.abolished is not None:
            note = Note("abolished (撤销) {on}", on=body.abolished.on.text)
            return Roster(committee_id, on, version, (), None, (), Certainty.CERTAIN, note)
        if abolished is Certainty.POSSIBLE and body.abolished is not None:
            certainty = Certainty.POSSIBLE
            notes.append(Note("may have been abolished (撤销 {on})", on=body.abolished.on.text))
        seats = [
            resolve_seat(version, seat, version.seat_posts[n], version.members[n], on, tenures, self._catalog)
            for n, seat in enumerate(version.record.seats)
        ]
        office = None
        if version.record.office is not None:
            director = None
            as_seat = version.office_seat()
            if version.office_director is not None and as_seat is not None:
                director = _resolve(
                    version, as_seat, version.office_posts, version.office_director, on, tenures, self._catalog
                )
            office = ResolvedOffice(version.record.office, version.office_host, director)
        if certainty is Certainty.POSSIBLE:
            seats = [replace(s, certainty=Certainty.POSSIBLE) for s in seats]
            if office is not None and office.director is not None:
                office = replace(office, director=replace(office.director, certainty=Certainty.POSSIBLE))
        groups = official_groups(version, seats, self._catalog)
        ordered = tuple(s for g in groups for s in g.seats)
        return Roster(committee_id, on, version, ordered, office, groups, certainty, joined(notes))


def official_groups(
    version: CommitteeVersion, seats: list[ResolvedSeat], catalog: Catalog
) -> tuple[ResolvedGroup, ...]:
    """Role groups in printed order. A group ordered by strokes (按姓氏笔画为序) sorts the members
    shown by their surname strokes, then the seats with no member shown (post only, successor
    unknown, vacant, pending) in printed order; any other group keeps printed order."""
    by_role: dict[str, list[ResolvedSeat]] = {}
    for seat in seats:
        by_role.setdefault(seat.seat.role, []).append(seat)
    out: list[ResolvedGroup] = []
    for role, members in by_role.items():
        order = version.order_of(role)
        if order is SeatOrder.STROKES:
            named = [s for s in members if s.member is not None]
            unnamed = [s for s in members if s.member is None]
            named.sort(
                key=lambda s: (
                    stroke_key(catalog.people[s.member].name) if s.member else ((0, ""), 0, ()),
                    s.seat.order,
                )
            )
            members = named + unnamed
        group = version.group(role)
        out.append(ResolvedGroup(role, order, version.rule_of(role), group.printed if group else None, tuple(members)))
    return tuple(out)


def official_order(seats: list[ResolvedSeat], catalog: Catalog, version: CommitteeVersion) -> list[ResolvedSeat]:
    """The seats in official order: group by group, each as its options say."""
    return [s for g in official_groups(version, seats, catalog) for s in g.seats]


def resolve_seat(
    version: CommitteeVersion,
    seat: Seat,
    posts: tuple[Post, ...],
    member: str | None,
    on: date,
    tenures: TenureSource,
    catalog: Catalog | None = None,
) -> ResolvedSeat:
    if member is None:  # a seat that names only a post: shown as printed, with the post's holders
        rule = version.rule_of(seat.role)
        if catalog is not None:
            for post in posts:
                waiting = not_founded(catalog.organisations[post.organisation_id], on)
                if waiting is not None:
                    org = catalog.organisations[post.organisation_id]
                    when = Note("founded {on}", on=org.founded.on.text) if org.founded else Note("no founding recorded")
                    name = f"{org.name}{'（暂定名）' if org.provisional else ''}"
                    note = Note("waits for {name}: {when}", name=name, when=when)
                    return ResolvedSeat(
                        seat, posts, None, None, Resolution.PENDING, waiting, (), (version.source,), note, rule
                    )
        holders = tenures.holders(posts[0], on) if posts else []
        return ResolvedSeat(
            seat,
            posts,
            None,
            None,
            Resolution.LISTED,
            Certainty.CERTAIN,
            tuple(t.person_id for t, _ in holders),
            (version.source,),
            None,
            rule,
        )
    return _resolve(version, seat, posts, member, on, tenures, catalog)


def _resolve(
    version: CommitteeVersion,
    record_seat: Seat,
    posts: tuple[Post, ...],
    member: str,
    on: date,
    tenures: TenureSource,
    catalog: Catalog | None = None,
) -> ResolvedSeat:
    rule = version.rule_of(record_seat.role)
    listed = ResolvedSeat(
        record_seat, posts, member, member, Resolution.LISTED, Certainty.CERTAIN, (), (version.source,), None, rule
    )
    if rule is Succession.NONE or not posts:
        return listed
    held = [
        (post, tenure, tenure.certainty(on))
        for post in posts
        if (tenure := tenures.tenure_of(member, post, version.in_force_from)) is not None
    ]
    if not held:  # no record of the listed holding (a member matched by a printed name only)
        return listed
    states = [c for _, _, c in held]
    # The notice stands until a record changes it: only a recorded removal can move a seat. A
    # holding known only from listings has an unknown end, which is no evidence of leaving —
    # unless the member was appointed elsewhere after the listing: then they may have left.
    if any(tenure.removal is None for _, tenure, _ in held):
        if Certainty.CERTAIN in states:
            return listed
        moved = tenures.moved_elsewhere(member, posts, since=version.in_force_from, on=on)
        if moved is None:
            return listed
        post = held[0][0]
        also = tuple(dict.fromkeys(t.person_id for t, _ in tenures.holders(post, on) if t.person_id != member))
        org = moved.post.organisation_id
        where = f"{catalog.organisations[org].name if catalog else org} {moved.post.title}"
        note = Note(
            "may have left {title}: appointed {where} ({start}) and no removal is recorded",
            title=post.title,
            where=where,
            start=moved.start.text,
        )
        sources = tuple(dict.fromkeys((version.source, *moved.sources)))
        return ResolvedSeat(
            record_seat, posts, member, member, Resolution.LISTED, Certainty.POSSIBLE, also, sources, note, rule
        )
    if Certainty.CERTAIN in states:
        return listed
    if Certainty.POSSIBLE in states:
        ending = next(t for _, t, c in held if c is Certainty.POSSIBLE)
        end = Note("{end}", end=ending.end.text) if ending.end else Note("end unknown")
        note = Note("may have left {title} ({end})", title=ending.post.title, end=end)
        return ResolvedSeat(
            record_seat,
            posts,
            member,
            member,
            Resolution.LISTED,
            Certainty.POSSIBLE,
            (),
            (version.source, *ending.sources),
            note,
            rule,
        )
    # The member holds none of the seat's posts on `on`: the seat passes through the first post.
    post, left, _ = held[0]
    sources = tuple(dict.fromkeys((version.source, *left.sources)))
    others = [(t, c) for t, c in tenures.holders(post, on) if t.person_id != member]
    if rule is Succession.NOTICE:
        candidates = tuple(dict.fromkeys(t.person_id for t, _ in others))
        printed = version.group(record_seat.role)
        how = Note(" ({printed})", printed=printed.printed) if printed and printed.printed else ""
        note = Note(
            "the member left {title}; a change of {role} needs a new notice{how}, none recorded",
            title=post.title,
            role=record_seat.role,
            how=how,
        )
        return ResolvedSeat(
            record_seat,
            posts,
            member,
            None,
            Resolution.AWAITING_NOTICE,
            Certainty.CERTAIN,
            candidates,
            (*sources, *(s for t, _ in others for s in t.sources if s not in sources)),
            note,
            rule,
        )

    def passed_to(t: Tenure, c: Certainty, note: str) -> ResolvedSeat:
        return ResolvedSeat(
            record_seat, posts, member, t.person_id, Resolution.SUCCEEDED, c, (), (*sources, *t.sources), note, rule
        )

    for t, c in others:
        if (
            t.appointment is not None
            and t.appointment.predecessor is not None
            and t.appointment.predecessor.text == member
        ):
            return passed_to(t, c, Note("the appointment names the predecessor"))
    if post.single_holder:
        certain = [(t, c) for t, c in others if c is Certainty.CERTAIN]
        if len(certain) == 1:
            return passed_to(*certain[0], Note("next holder of {title}", title=post.title))
        if len(others) == 1:
            return passed_to(*others[0], Note("possible next holder of {title}", title=post.title))
    if not others:
        note = Note("no recorded holder of {title}", title=post.title)
        return ResolvedSeat(
            record_seat, posts, member, None, Resolution.VACANT, Certainty.CERTAIN, (), sources, note, rule
        )
    candidates = tuple(dict.fromkeys(t.person_id for t, _ in others))
    certainty = Certainty.CERTAIN if all(c is Certainty.CERTAIN for _, c in others) else Certainty.POSSIBLE
    note = Note("{title} has several holders and no record names who replaced the member", title=post.title)
    return ResolvedSeat(
        record_seat, posts, member, None, Resolution.SUCCESSOR_UNKNOWN, certainty, candidates, sources, note, rule
    )


# -- building and checking ---------------------------------------------------------------------


def build_committees(
    records: list[RosterVersion], catalog: Catalog, problems: list[Problem], *, titles: TitleRules | None = None
) -> Committees:
    rules = titles if titles is not None else TitleRules()
    check_milestones(catalog, problems)
    versions, found = assemble_rosters([roster_part(record, catalog, rules) for record in records])
    problems.extend(found)
    return Committees(versions, catalog)


@dataclass(slots=True)
class RosterPart:
    """One roster record resolved on its own: what `assemble_rosters` needs to keep or drop it."""

    record: RosterVersion
    committee: str | None  # None: not a body with a roster (reported in `head`)
    day: date
    head: list[Problem]  # problems reported whether or not the version is kept
    version: CommitteeVersion | None
    body: list[Problem]  # problems of its seats and office, reported when it is kept


def roster_part(record: RosterVersion, catalog: Catalog, rules: TitleRules) -> RosterPart:
    head: list[Problem] = []
    body: list[Problem] = []
    day = record.date.earliest or record.date.latest or date.min
    before = catalog.report_to(head)
    try:
        committee = catalog.resolve_reference(record.committee, record.date)
        if committee is None:
            return RosterPart(record, None, day, head, None, body)
        found = catalog.organisations[committee]
        if not has_roster(found.kind):
            head.append(
                problem(
                    "GO502",
                    record.committee.location,
                    Text("{text!r} is a {kind}, not a body with a roster", text=record.committee.text, kind=found.kind),
                    hint="set its `kind` to committee, leading_group, joint_meeting, working_group, headquarters "
                    "or management_committee, or name the body",
                )
            )
            return RosterPart(record, None, day, head, None, body)
        _check_life(record, found, head)
        catalog.report_to(body)
        seat_posts = tuple(_posts(seat.posts, record, catalog, rules) for seat in record.seats)
        members = tuple(_member(seat, catalog, body) for seat in record.seats)
        office = record.office
        host = catalog.resolve_reference(office.host, record.date) if office else None
        director = catalog.resolve_person(office.director) if office and office.director else None
        office_posts = _posts(office.director_posts, record, catalog, rules) if office else ()
        takes_over = tuple(
            t for t in (catalog.resolve_reference(r, record.date) for r in record.takes_over) if t is not None
        )
    finally:
        catalog.report_to(before)
    version = CommitteeVersion(
        record.id, committee, record.source, day, record, seat_posts, members, host, office_posts, director, takes_over
    )
    return RosterPart(record, committee, day, head, version, body)


def assemble_rosters(parts: Iterable[RosterPart]) -> tuple[list[CommitteeVersion], list[Problem]]:
    """The versions kept, in record order, and every problem: one version per body and date
    (GO503 for the others, whose seats are then not looked at)."""
    versions: list[CommitteeVersion] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, date], RosterVersion] = {}
    for part in parts:
        problems.extend(part.head)
        if part.committee is None or part.version is None:
            continue
        if (part.committee, part.day) in seen:
            problems.append(
                problem(
                    "GO503",
                    part.record.location,
                    Text(
                        "{committee} already has a roster version from {day} ({source})",
                        committee=part.committee,
                        day=part.day,
                        source=seen[(part.committee, part.day)].source,
                    ),
                    hint="keep one roster version per date",
                )
            )
            continue
        seen[(part.committee, part.day)] = part.record
        problems.extend(part.body)
        versions.append(part.version)
    return versions, problems


def _member(seat: Seat, catalog: Catalog, problems: list[Problem]) -> str | None:
    """The seat's person: by id, or by the name printed in a `line` (spaces ignored)."""
    if seat.member is None:
        return None
    if not seat.by_name:
        return catalog.resolve_person(seat.member)
    found = catalog.person_names.get(name_key(seat.member.text), [])
    if len(found) == 1:
        return found[0]
    if not found:
        problems.append(
            problem(
                "GO508",
                seat.member.location,
                Text("{text!r} in the line {line!r} matches no recorded person", text=seat.member.text, line=seat.line),
                hint="add the person to data/people/ (with this form in `printed` if it differs), or give `members:` ids",
            )
        )
    else:
        problems.append(
            problem(
                "GO514",
                seat.member.location,
                Text(
                    "{text!r} in the line {line!r} matches {n_found} people: {list}",
                    text=seat.member.text,
                    line=seat.line,
                    n_found=len(found),
                    list=", ".join(found),
                ),
                hint="give `members:` with one id per printed name to say which",
            )
        )
    return None


def _check_life(record: RosterVersion, body: Organisation, problems: list[Problem]) -> None:
    """GO511: a roster dated certainly before the body's founding or from its abolition on."""
    lo, hi = record.date.earliest or date.min, record.date.latest or date.max
    founded = body.founded.on.earliest if body.founded else None
    abolished = body.abolished.on.latest if body.abolished else None
    if founded is not None and hi < founded:
        problems.append(
            problem(
                "GO511",
                record.location,
                Text(
                    "this roster of {name} is dated {date}, before the body was founded ({founded})",
                    name=body.name,
                    date=record.date,
                    founded=body.founded.on if body.founded else "",
                ),
                hint="check the roster's date and the body's `founded`",
            )
        )
    if abolished is not None and lo >= abolished:
        problems.append(
            problem(
                "GO511",
                record.location,
                Text(
                    "this roster of {name} is dated {date}, after the body was abolished ({abolished})",
                    name=body.name,
                    date=record.date,
                    abolished=body.abolished.on if body.abolished else "",
                ),
                hint="check the roster's date and the body's `abolished`",
            )
        )


def check_milestones(catalog: Catalog, problems: list[Problem]) -> None:
    """成立 and 撤销 of every organisation: their sources exist, and the abolition is not first."""
    for org in catalog.organisations.values():
        for milestone in (org.founded, org.abolished):
            if milestone is not None and milestone.source is not None:
                catalog.require_document(milestone.source)
        if org.founded is None or org.abolished is None:
            continue
        founded, abolished = org.founded.on.earliest, org.abolished.on.latest
        if founded is not None and abolished is not None and abolished < founded:
            problems.append(
                problem(
                    "GO510",
                    org.abolished.location,
                    Text(
                        "{name} is abolished ({on}) before it is founded ({on2})",
                        name=org.name,
                        on=org.abolished.on,
                        on2=org.founded.on,
                    ),
                    hint="check the two dates",
                )
            )


def _posts(refs: tuple[PostRef, ...], record: RosterVersion, catalog: Catalog, rules: TitleRules) -> tuple[Post, ...]:
    out: list[Post] = []
    for ref in refs:
        org = catalog.resolve_reference(ref.organisation, record.date)
        if org is not None:
            kind = catalog.organisations[org].kind
            out.append(Post(org, ref.title, rules.single_holder(ref.title, organisation_id=org, kind=kind)))
    return tuple(out)


def memberships(
    committees: Committees, person: str, *, on: date, tenures: TenureSource
) -> list[tuple[str, ResolvedSeat]]:
    """Seats (and office directorships) the person holds on `on`, committee by committee."""
    out: list[tuple[str, ResolvedSeat]] = []
    for committee_id in committees.by_committee:
        roster = committees.roster(committee_id, on=on, tenures=tenures)
        for seat in roster.seats:
            if seat.member == person:
                out.append((committee_id, seat))
        if roster.office and roster.office.director and roster.office.director.member == person:
            out.append((committee_id, roster.office.director))
    return out
