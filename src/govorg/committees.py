"""Committees: roster versions, seats bound to posts, and automatic succession (自然替补).

DOMAIN.md, "Committees": a roster notice is a dated version of the committee. Between
versions, 自然替补 applies: when a member leaves the post by which they sit, the seat passes to
the post's next holder — certain where the post has one holder, or where the new holder's record
says whom they replace; otherwise the seat is shown with its candidates and marked *successor
unknown*. A name change keeps the same committee.

A seat bound to several posts (区委宣传部常务副部长、区文明办主任) stays LISTED while its member
holds any of them; once they hold none, it passes through the first post printed.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from enum import Enum

from govorg.catalog import Catalog
from govorg.problems import Problem, problem
from govorg.records import Office, PostRef, RosterVersion, Seat
from govorg.strokes import name_key as stroke_key
from govorg.tenures import Certainty, Post, Tenure
from govorg.titles import TitleRules

MEMBER_ROLE = "委员"


class Resolution(Enum):
    LISTED = "LISTED"  # as printed: the member still holds the post, or the seat names only a post
    SUCCEEDED = "SUCCEEDED"  # the member left; the post's next holder is certain or named
    SUCCESSOR_UNKNOWN = "SUCCESSOR_UNKNOWN"  # the member left a many-holder post; candidates shown
    VACANT = "VACANT"  # the member left and the post has no recorded holder


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


@dataclass(frozen=True, slots=True)
class ResolvedOffice:
    office: Office
    host: str | None
    director: ResolvedSeat | None


@dataclass(slots=True)
class CommitteeVersion:
    id: str
    committee_id: str
    source: str
    in_force_from: date
    record: RosterVersion
    seat_posts: tuple[tuple[Post, ...], ...]  # per seat, resolved posts
    members: tuple[str | None, ...]  # per seat, resolved member ids
    office_host: str | None
    office_posts: tuple[Post, ...]
    office_director: str | None
    takes_over: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Roster:
    committee_id: str
    on: date
    version: CommitteeVersion | None
    seats: tuple[ResolvedSeat, ...]  # in official order
    office: ResolvedOffice | None


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


class Committees:
    def __init__(self, versions: list[CommitteeVersion], catalog: Catalog) -> None:
        self._catalog = catalog
        self.by_committee: dict[str, list[CommitteeVersion]] = defaultdict(list)
        for version in sorted(versions, key=lambda v: v.in_force_from):
            self.by_committee[version.committee_id].append(version)

    def versions(self, committee_id: str) -> list[CommitteeVersion]:
        return list(self.by_committee.get(committee_id, ()))

    def version_on(self, committee_id: str, day: date) -> CommitteeVersion | None:
        versions = self.by_committee.get(committee_id, [])
        i = bisect_right([v.in_force_from for v in versions], day)
        return versions[i - 1] if i else None

    def roster(self, committee_id: str, *, on: date, tenures: TenureSource) -> Roster:
        version = self.version_on(committee_id, on)
        if version is None:
            return Roster(committee_id, on, None, (), None)
        seats = [
            resolve_seat(version, seat, version.seat_posts[n], version.members[n], on, tenures)
            for n, seat in enumerate(version.record.seats)
        ]
        office = None
        if version.record.office is not None:
            director = None
            if version.office_director is not None:
                record = version.record.office
                as_seat = Seat(0, "办公室主任", record.director, record.director_posts, record.printed, record.location)
                director = _resolve(version, as_seat, version.office_posts, version.office_director, on, tenures)
            office = ResolvedOffice(version.record.office, version.office_host, director)
        return Roster(committee_id, on, version, tuple(official_order(seats, self._catalog)), office)


def official_order(seats: list[ResolvedSeat], catalog: Catalog) -> list[ResolvedSeat]:
    """主任 and 副主任 keep printed order; 委员 in stroke order of the member shown; seats with
    no member shown (post only, successor unknown, vacant) follow the named members, in printed order."""
    groups: dict[str, list[ResolvedSeat]] = {}
    for seat in seats:
        groups.setdefault(seat.seat.role, []).append(seat)
    out: list[ResolvedSeat] = []
    for role, members in groups.items():
        if role != MEMBER_ROLE:
            out.extend(members)
            continue
        named = [s for s in members if s.member is not None]
        unnamed = [s for s in members if s.member is None]
        named.sort(
            key=lambda s: (stroke_key(catalog.people[s.member].name) if s.member else ((0, ""), 0, ()), s.seat.order)
        )
        out.extend(named + unnamed)
    return out


def resolve_seat(
    version: CommitteeVersion, seat: Seat, posts: tuple[Post, ...], member: str | None, on: date, tenures: TenureSource
) -> ResolvedSeat:
    if member is None:  # a seat that names only a post: shown as printed, with the post's holders
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
        )
    return _resolve(version, seat, posts, member, on, tenures)


def _resolve(
    version: CommitteeVersion, record_seat: Seat, posts: tuple[Post, ...], member: str, on: date, tenures: TenureSource
) -> ResolvedSeat:
    listed = ResolvedSeat(
        record_seat, posts, member, member, Resolution.LISTED, Certainty.CERTAIN, (), (version.source,), None
    )
    if version.record.succession != "natural" or not posts:
        return listed
    held = [
        (post, tenure, tenure.certainty(on))
        for post in posts
        if (tenure := tenures.tenure_of(member, post, version.in_force_from)) is not None
    ]
    if not held:  # no record of the listed holding (cannot happen: the listing is an attestation)
        return listed
    # The notice stands until a record changes it: only a recorded removal can move a seat. A
    # holding known only from listings has an unknown end, which is no evidence of leaving.
    if any(tenure.removal is None for _, tenure, _ in held):
        return listed
    states = [c for _, _, c in held]
    if Certainty.CERTAIN in states:
        return listed
    if Certainty.POSSIBLE in states:
        ending = next(t for _, t, c in held if c is Certainty.POSSIBLE)
        note = f"may have left {ending.post.title} ({ending.end.text if ending.end else 'end unknown'})"
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
        )
    # The member holds none of the seat's posts on `on`: the seat passes through the first post.
    post, left, _ = held[0]
    sources = tuple(dict.fromkeys((version.source, *left.sources)))
    others = [(t, c) for t, c in tenures.holders(post, on) if t.person_id != member]

    def passed_to(t: Tenure, c: Certainty, note: str) -> ResolvedSeat:
        return ResolvedSeat(
            record_seat, posts, member, t.person_id, Resolution.SUCCEEDED, c, (), (*sources, *t.sources), note
        )

    for t, c in others:
        if (
            t.appointment is not None
            and t.appointment.predecessor is not None
            and t.appointment.predecessor.text == member
        ):
            return passed_to(t, c, "the appointment names the predecessor")
    if post.single_holder:
        certain = [(t, c) for t, c in others if c is Certainty.CERTAIN]
        if len(certain) == 1:
            return passed_to(*certain[0], f"next holder of {post.title}")
        if len(others) == 1:
            return passed_to(*others[0], f"possible next holder of {post.title}")
    if not others:
        note = f"no recorded holder of {post.title}"
        return ResolvedSeat(record_seat, posts, member, None, Resolution.VACANT, Certainty.CERTAIN, (), sources, note)
    candidates = tuple(dict.fromkeys(t.person_id for t, _ in others))
    certainty = Certainty.CERTAIN if all(c is Certainty.CERTAIN for _, c in others) else Certainty.POSSIBLE
    note = f"{post.title} has several holders and no record names who replaced the member"
    return ResolvedSeat(
        record_seat, posts, member, None, Resolution.SUCCESSOR_UNKNOWN, certainty, candidates, sources, note
    )


# -- building and checking ---------------------------------------------------------------------


def build_committees(
    records: list[RosterVersion], catalog: Catalog, problems: list[Problem], *, titles: TitleRules | None = None
) -> Committees:
    rules = titles if titles is not None else TitleRules()
    versions: list[CommitteeVersion] = []
    seen: dict[tuple[str, date], RosterVersion] = {}
    for record in records:
        committee = catalog.resolve_reference(record.committee, record.date)
        if committee is None:
            continue
        if catalog.organisations[committee].kind != "committee":
            problems.append(
                problem(
                    "GO502",
                    record.committee.location,
                    f"{record.committee.text!r} is a {catalog.organisations[committee].kind}, not a committee",
                    hint="set `kind: committee` on the organisation, or name the committee",
                )
            )
            continue
        day = record.date.latest or record.date.earliest or date.min
        if (committee, day) in seen:
            problems.append(
                problem(
                    "GO503",
                    record.location,
                    f"{committee} already has a roster version from {day} ({seen[(committee, day)].source})",
                    hint="keep one roster version per date",
                )
            )
            continue
        seen[(committee, day)] = record
        seat_posts = tuple(_posts(seat.posts, record, catalog, rules) for seat in record.seats)
        members = tuple(catalog.resolve_person(seat.member) if seat.member else None for seat in record.seats)
        office = record.office
        host = catalog.resolve_reference(office.host, record.date) if office else None
        director = catalog.resolve_person(office.director) if office and office.director else None
        office_posts = _posts(office.director_posts, record, catalog, rules) if office else ()
        takes_over = tuple(
            t for t in (catalog.resolve_reference(r, record.date) for r in record.takes_over) if t is not None
        )
        versions.append(
            CommitteeVersion(
                record.id,
                committee,
                record.source,
                day,
                record,
                seat_posts,
                members,
                host,
                office_posts,
                director,
                takes_over,
            )
        )
    return Committees(versions, catalog)


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
