"""The network: people, the bodies they sit on and the units whose posts they hold.

docs/network.md. On a day, each roster seat (and office directorship) ties its member to the
body, and each post held ties its holder to the post's organisation (the unit). A tie is
CERTAIN or POSSIBLE on the day, as the seat or the holding is. The questions here (interlocks,
the shortest connection, cadre flows over a period, the most central) are answered by graphs
built in `graph` and walked with networkx; this module gathers the ties and shapes the answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from govorg.committees import Committees, Resolution, TenureSource
from govorg.dates import DateWindow
from govorg.graph import GROUP, PERSON, Affiliations, Indexes, Tie, flow_edges
from govorg.tenures import Certainty, Tenure

BODY = "body"
UNIT = "unit"


class Measure(StrEnum):
    """How central a node is. DEGREE (the default): how many others it touches (a person's
    seats and posts, a body's members), exact and cheap at any size. BETWEENNESS: the share of
    shortest connections that pass through it, which finds the brokers between otherwise
    separate bodies (the people historians look for); it costs nodes × ties, so beyond 500
    nodes it is estimated from 100 sources drawn with a fixed seed (docs/network.md)."""

    DEGREE = "degree"
    BETWEENNESS = "betweenness"


def _weakest(*certainties: Certainty) -> Certainty:
    return Certainty.POSSIBLE if Certainty.POSSIBLE in certainties else Certainty.CERTAIN


@dataclass(frozen=True, slots=True)
class PersonInterlock:
    """A person on several bodies on the day; CERTAIN when two of the seats are."""

    person: str
    ties: tuple[Tie, ...]  # one per body, by body id
    certainty: Certainty


@dataclass(frozen=True, slots=True)
class SharedMember:
    person: str
    certainty: Certainty  # the weaker of the person's two seats


@dataclass(frozen=True, slots=True)
class BodyInterlock:
    """Two bodies that share members on the day; CERTAIN when one shared member certainly is."""

    bodies: tuple[str, str]
    members: tuple[SharedMember, ...]
    certainty: Certainty


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a connection: `person` and `next` both sit in `via` (a body or a unit)."""

    person: str
    via: str
    next: str
    ties: tuple[Tie, ...]  # `person`'s ties to `via`, then `next`'s
    certainty: Certainty


@dataclass(frozen=True, slots=True)
class Connection:
    """The shortest chain of people from one to another on a day, through shared bodies and
    units. CERTAIN when every tie is; a certain chain is preferred to a shorter possible one."""

    on: date
    people: tuple[str, ...]
    steps: tuple[Step, ...]
    certainty: Certainty


@dataclass(frozen=True, slots=True)
class Move:
    """A person leaving a post in one unit and taking one in another."""

    person: str
    left: Tenure
    joined: Tenure
    certainty: Certainty  # CERTAIN: both fall in the period for sure, and the leaving comes first

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.left.sources, *self.joined.sources)))


@dataclass(frozen=True, slots=True)
class Flow:
    """Every move from one unit to another over a period."""

    source: str
    target: str
    moves: tuple[Move, ...]

    @property
    def certain(self) -> int:
        return sum(1 for m in self.moves if m.certainty is Certainty.CERTAIN)


@dataclass(frozen=True, slots=True)
class Central:
    """A node of the day's network and its score by the measure asked for."""

    kind: str  # "person", or "body"/"unit" for an organisation (a body when it has a roster)
    id: str
    score: float
    degree: int  # its ties: a person's bodies and units, a group's people


class Network:
    """The network on one day, built from the rosters and the post holders."""

    def __init__(self, on: date, ties: Iterable[Tie]) -> None:
        self.on = on
        self.affiliations = Affiliations(ties)

    def interlocking_people(self) -> list[PersonInterlock]:
        """People on two or more bodies, most bodies first, then by id."""
        out: list[PersonInterlock] = []
        for person in self.affiliations.people():
            bodies = self.affiliations.groups_of(person, kind=BODY)
            if len(bodies) < 2:
                continue
            ties = tuple(self._best(person, body, BODY) for body in bodies)
            certain = sum(1 for t in ties if t.certainty is Certainty.CERTAIN)
            out.append(PersonInterlock(person, ties, Certainty.CERTAIN if certain >= 2 else Certainty.POSSIBLE))
        out.sort(key=lambda i: (-len(i.ties), i.person))
        return out

    def interlocking_bodies(self) -> list[BodyInterlock]:
        """Pairs of bodies with members in common, most shared first."""
        out: list[BodyInterlock] = []
        for a, b, people in self.affiliations.shared(kind=BODY):
            members = tuple(
                SharedMember(p, _weakest(self._best(p, a, BODY).certainty, self._best(p, b, BODY).certainty))
                for p in people
            )
            certain = any(m.certainty is Certainty.CERTAIN for m in members)
            out.append(BodyInterlock((a, b), members, Certainty.CERTAIN if certain else Certainty.POSSIBLE))
        out.sort(key=lambda i: (-len(i.members), i.bodies))
        return out

    def connection(self, a: str, b: str) -> Connection | None:
        """The shortest connection from `a` to `b`: through certain ties when there is one,
        else through possible ones too; None when they are not connected on the day."""
        if a == b:
            return None
        path = self.affiliations.shortest(a, b, certain_only=True) or self.affiliations.shortest(
            a, b, certain_only=False
        )
        if path is None:
            return None
        steps: list[Step] = []
        for n in range(0, len(path) - 2, 2):
            person, via, nxt = path[n], path[n + 1], path[n + 2]
            mine, theirs = self.affiliations.ties(person, via), self.affiliations.ties(nxt, via)
            certainty = _weakest(_strongest(mine), _strongest(theirs))
            steps.append(Step(person, via, nxt, (*mine, *theirs), certainty))
        overall = _weakest(*(s.certainty for s in steps))
        return Connection(self.on, tuple(path[::2]), tuple(steps), overall)

    def central(self, measure: Measure, *, kind: str | None = None) -> list[Central]:
        """Every node by `measure`, highest first, then by kind and id; only people, bodies or
        units when `kind` says."""
        out: list[Central] = []
        for node_kind, node_id, score, degree in self.affiliations.centrality(measure.value):
            shown = PERSON if node_kind == PERSON else self._group_kind(node_id)
            if kind is None or kind == shown:
                out.append(Central(shown, node_id, score, degree))
        out.sort(key=lambda c: (-c.score, -c.degree, c.kind, c.id))
        return out

    def _group_kind(self, group: str) -> str:
        kinds = self.affiliations.graph.nodes[(GROUP, group)]["kinds"]
        return BODY if BODY in kinds else UNIT

    def _best(self, person: str, group: str, kind: str) -> Tie:
        ties = [t for t in self.affiliations.ties(person, group) if t.kind == kind]
        return next((t for t in ties if t.certainty is Certainty.CERTAIN), ties[0])


def _strongest(ties: list[Tie]) -> Certainty:
    return Certainty.CERTAIN if any(t.certainty is Certainty.CERTAIN for t in ties) else Certainty.POSSIBLE


# -- gathering ---------------------------------------------------------------------------------


def body_ties(committees: Committees, *, on: date, tenures: TenureSource) -> Iterator[Tie]:
    """A tie per roster seat and office directorship on the day; a seat whose successor is
    unknown ties each candidate, POSSIBLE."""
    for committee_id in committees.by_committee:
        roster = committees.roster(committee_id, on=on, tenures=tenures)
        seats = list(roster.seats)
        if roster.office and roster.office.director:
            seats.append(roster.office.director)
        for seat in seats:
            if seat.member is not None:
                yield Tie(seat.member, committee_id, BODY, seat.seat.role, seat.certainty, seat.sources)
            elif seat.resolution is Resolution.SUCCESSOR_UNKNOWN:
                for candidate in seat.candidates:
                    yield Tie(candidate, committee_id, BODY, seat.seat.role, Certainty.POSSIBLE, seat.sources)


def unit_ties(person_index: Indexes[str], *, on: date) -> Iterator[Tie]:
    """A tie per post held on the day, to the post's organisation."""
    for person, index in person_index.items():
        for tenure in index.at(on):
            if tenure.certain_from <= on < tenure.certain_until:
                certainty = Certainty.CERTAIN
            elif tenure.possible_from <= on < tenure.possible_until:
                certainty = Certainty.POSSIBLE
            else:
                continue
            yield Tie(person, tenure.post.organisation_id, UNIT, tenure.post.title, certainty, tuple(tenure.sources))


# -- cadre flows -------------------------------------------------------------------------------


def cadre_flows(person_tenures: dict[str, list[Tenure]], start: date, end: date) -> list[Flow]:
    """Who moved from which unit to which over [start, end]: a removal from a post in unit A
    and an appointment to a post in unit B (≠ A) of the same person, both possibly in the
    period, the removal possibly first. Each leaving pairs with the person's next arrival
    elsewhere (the earliest that can follow it; ties all count), so A → B → C is two moves,
    not three. CERTAIN when both dates are certainly in the period and certainly in order (or
    printed in one notice)."""
    moves: list[tuple[str, str, Move]] = []
    for person in sorted(person_tenures):
        tenures = person_tenures[person]
        leavings = [t for t in tenures if t.removal is not None and t.end is not None and t.end.overlaps(start, end)]
        if not leavings:
            continue
        arrivals = [t for t in tenures if t.appointment is not None and t.start.overlaps(start, end)]
        for left in leavings:
            assert left.end is not None
            after = [
                t
                for t in arrivals
                if t.post.organisation_id != left.post.organisation_id
                and (left.end.earliest or date.min) <= (t.start.latest or date.max)
            ]
            if not after:
                continue
            first = min(t.start.earliest or date.min for t in after)
            for joined in after:
                if (joined.start.earliest or date.min) == first:
                    same_notice = (
                        left.removal is not None
                        and joined.appointment is not None
                        and left.removal.source == joined.appointment.source
                    )
                    certainty = _move_certainty(left.end, joined.start, start, end, same_notice=same_notice)
                    move = Move(person, left, joined, certainty)
                    moves.append((left.post.organisation_id, joined.post.organisation_id, move))
    return [Flow(a, b, tuple(found)) for a, b, found in flow_edges(moves)]


def _move_certainty(left: DateWindow, joined: DateWindow, start: date, end: date, *, same_notice: bool) -> Certainty:
    """CERTAIN when both dates lie in the period for sure and the leaving certainly does not
    come after the joining: by the dates, or because one notice printed both (one act, even
    when the notice is dated only to a month)."""
    inside = all(
        w.earliest is not None and w.latest is not None and start <= w.earliest and w.latest <= end
        for w in (left, joined)
    )
    ordered = same_notice or (
        left.latest is not None and joined.earliest is not None and left.latest <= joined.earliest
    )
    return Certainty.CERTAIN if inside and ordered else Certainty.POSSIBLE
