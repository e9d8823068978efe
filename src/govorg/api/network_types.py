"""GraphQL for the network (docs/network.md): interlocks, connections, cadre flows and
centrality. The answers come from `Registry`'s network methods; these types only wrap them.
`NetworkQuery` holds the Query fields, which `schema.Query` inherits."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from govorg import network as _network
from govorg.api.pages import After, First, page
from govorg.api.types import Certainty, Document, Organisation, Person, Tenure, day_or_today, person_of, registry_of
from govorg.graph import Tie as _Tie
from govorg.registry import Registry


def _certainty(value: object) -> Certainty:
    return Certainty(getattr(value, "value", value))


def _organisation(registry: Registry, org_id: str) -> Organisation:
    return Organisation(_record=registry.catalog.organisations[org_id])


@strawberry.enum(description="What a person is tied to in the network.")
class TieKind(Enum):
    BODY = strawberry.enum_value("body", description="A roster seat (or office directorship) on a body.")
    UNIT = strawberry.enum_value("unit", description="A post held in an organisation.")


@strawberry.enum(description="What a node of the network is.")
class NodeKind(Enum):
    PERSON = strawberry.enum_value("person", description="A person.")
    BODY = strawberry.enum_value("body", description="A body with a roster (committee, 领导小组 …).")
    UNIT = strawberry.enum_value("unit", description="An organisation tied to people by the posts they hold.")


@strawberry.enum(description="How centrality is measured.")
class CentralityMeasure(Enum):
    DEGREE = strawberry.enum_value("degree", description="The share of the network a node touches directly.")
    BETWEENNESS = strawberry.enum_value(
        "betweenness",
        description="The share of shortest connections that pass through a node: its brokerage (estimated from 100 sources beyond 500 nodes).",
    )


@strawberry.type(description="A person's tie to a body (a seat) or a unit (a post) on the day asked about.")
class NetworkTie:
    _tie: strawberry.Private[_Tie]

    @strawberry.field(description="The person.")
    def person(self, info: Info) -> Person:
        return person_of(info, self._tie.person)

    @strawberry.field(description="The body or unit.")
    def organisation(self, info: Info) -> Organisation:
        return _organisation(registry_of(info), self._tie.group)

    @strawberry.field(description="A seat on a body, or a post in a unit.")
    def kind(self) -> TieKind:
        return TieKind[self._tie.kind.upper()]

    @strawberry.field(description="The seat's role (主任, 成员 …) or the post's title.")
    def role(self) -> str:
        return self._tie.role

    @strawberry.field(description="Whether the tie certainly or only possibly holds on the day.")
    def certainty(self) -> Certainty:
        return _certainty(self._tie.certainty)

    @strawberry.field(description="The documents the tie rests on.")
    def sources(self, info: Info) -> list[Document]:
        documents = registry_of(info).catalog.documents
        return [Document(_record=documents[d]) for d in self._tie.sources if d in documents]


@strawberry.type(description="A person on several bodies on the day; CERTAIN when two of the seats certainly hold.")
class PersonInterlock:
    _interlock: strawberry.Private[_network.PersonInterlock]

    @strawberry.field(description="The person.")
    def person(self, info: Info) -> Person:
        return person_of(info, self._interlock.person)

    @strawberry.field(description="One seat per body, by body id.")
    def seats(self) -> list[NetworkTie]:
        return [NetworkTie(_tie=t) for t in self._interlock.ties]

    @strawberry.field(description="CERTAIN when at least two of the seats certainly hold on the day.")
    def certainty(self) -> Certainty:
        return _certainty(self._interlock.certainty)


@strawberry.type(description="A member two bodies share.")
class SharedMember:
    _member: strawberry.Private[_network.SharedMember]

    @strawberry.field(description="The person.")
    def person(self, info: Info) -> Person:
        return person_of(info, self._member.person)

    @strawberry.field(description="The weaker certainty of the person's two seats.")
    def certainty(self) -> Certainty:
        return _certainty(self._member.certainty)


@strawberry.type(description="Two bodies that share members on the day.")
class BodyInterlock:
    _interlock: strawberry.Private[_network.BodyInterlock]

    @strawberry.field(description="The two bodies, by id.")
    def bodies(self, info: Info) -> list[Organisation]:
        registry = registry_of(info)
        return [_organisation(registry, b) for b in self._interlock.bodies]

    @strawberry.field(description="The members they share, by id.")
    def members(self) -> list[SharedMember]:
        return [SharedMember(_member=m) for m in self._interlock.members]

    @strawberry.field(description="How many members they share.")
    def count(self) -> int:
        return len(self._interlock.members)

    @strawberry.field(description="CERTAIN when at least one shared member certainly sits on both.")
    def certainty(self) -> Certainty:
        return _certainty(self._interlock.certainty)


@strawberry.type(description="One step of a connection: two people who sit in the same body or unit.")
class ConnectionStep:
    _step: strawberry.Private[_network.Step]

    @strawberry.field(description="The person the step starts from.")
    def person(self, info: Info) -> Person:
        return person_of(info, self._step.person)

    @strawberry.field(description="The body or unit both sit in.")
    def via(self, info: Info) -> Organisation:
        return _organisation(registry_of(info), self._step.via)

    @strawberry.field(name="next", description="The person the step leads to.")
    def next_person(self, info: Info) -> Person:
        return person_of(info, self._step.next)

    @strawberry.field(description="Both people's ties to it: seats and posts.")
    def ties(self) -> list[NetworkTie]:
        return [NetworkTie(_tie=t) for t in self._step.ties]

    @strawberry.field(description="CERTAIN when both people certainly sit in it on the day.")
    def certainty(self) -> Certainty:
        return _certainty(self._step.certainty)


@strawberry.type(description="The shortest chain of people linking two people on a day.")
class Connection:
    _connection: strawberry.Private[_network.Connection]

    @strawberry.field(description="The day asked about.")
    def on(self) -> date:
        return self._connection.on

    @strawberry.field(description="The people in order, from the first asked about to the second.")
    def people(self, info: Info) -> list[Person]:
        return [person_of(info, p) for p in self._connection.people]

    @strawberry.field(description="The steps, in order.")
    def steps(self) -> list[ConnectionStep]:
        return [ConnectionStep(_step=s) for s in self._connection.steps]

    @strawberry.field(description="How many steps.")
    def length(self) -> int:
        return len(self._connection.steps)

    @strawberry.field(
        description="CERTAIN when every tie certainly holds; a certain chain is preferred to a shorter possible one."
    )
    def certainty(self) -> Certainty:
        return _certainty(self._connection.certainty)


@strawberry.type(description="A person leaving a post in one unit and taking a post in another.")
class CadreMove:
    _move: strawberry.Private[_network.Move]

    @strawberry.field(description="Who moved.")
    def person(self, info: Info) -> Person:
        return person_of(info, self._move.person)

    @strawberry.field(description="The tenure that ended (the removal).")
    def left(self) -> Tenure:
        return Tenure(_tenure=self._move.left)

    @strawberry.field(description="The tenure that began (the appointment).")
    def joined(self) -> Tenure:
        return Tenure(_tenure=self._move.joined)

    @strawberry.field(
        description="CERTAIN when both fall in the period for sure and the leaving does not come after the joining."
    )
    def certainty(self) -> Certainty:
        return _certainty(self._move.certainty)

    @strawberry.field(description="The documents of the removal and the appointment.")
    def sources(self, info: Info) -> list[Document]:
        documents = registry_of(info).catalog.documents
        return [Document(_record=documents[d]) for d in self._move.sources if d in documents]


@strawberry.type(description="Every move from one unit to another over a period.")
class CadreFlow:
    _flow: strawberry.Private[_network.Flow]

    @strawberry.field(name="from", description="The unit people left.")
    def source(self, info: Info) -> Organisation:
        return _organisation(registry_of(info), self._flow.source)

    @strawberry.field(name="to", description="The unit they joined.")
    def target(self, info: Info) -> Organisation:
        return _organisation(registry_of(info), self._flow.target)

    @strawberry.field(description="How many moves.")
    def count(self) -> int:
        return len(self._flow.moves)

    @strawberry.field(description="How many of the moves are CERTAIN.")
    def certain_count(self) -> int:
        return self._flow.certain

    @strawberry.field(description="The moves, by person.")
    def moves(self, first: First = None, after: After = None) -> list[CadreMove]:
        return [CadreMove(_move=m) for m in page(self._flow.moves, first, after)]


@strawberry.type(description="A node of the day's network and how central it is.")
class CentralNode:
    _node: strawberry.Private[_network.Central]
    _measure: strawberry.Private[_network.Measure]

    @strawberry.field(description="A person, a body or a unit.")
    def kind(self) -> NodeKind:
        return NodeKind[self._node.kind.upper()]

    @strawberry.field(description="The person, when the node is one.")
    def person(self, info: Info) -> Person | None:
        return person_of(info, self._node.id) if self._node.kind == "person" else None

    @strawberry.field(description="The body or unit, when the node is one.")
    def organisation(self, info: Info) -> Organisation | None:
        return None if self._node.kind == "person" else _organisation(registry_of(info), self._node.id)

    @strawberry.field(description="The measure the score is by.")
    def measure(self) -> CentralityMeasure:
        return CentralityMeasure[self._measure.name]

    @strawberry.field(description="The score, 0..1 (networkx's normalised centrality).")
    def score(self) -> float:
        return self._node.score

    @strawberry.field(description="Its ties on the day: a person's bodies and units, a body's or unit's people.")
    def degree(self) -> int:
        return self._node.degree


On = Annotated[date | None, strawberry.argument(description="The day asked about (default: today).")]


@strawberry.type
class NetworkQuery:
    """The network's Query fields; `schema.Query` inherits them."""

    @strawberry.field(
        description="People on several bodies on a day (interlocking directorates), most bodies first; each seat CERTAIN or POSSIBLE."
    )
    def interlocking_people(
        self, info: Info, on: On = None, first: First = None, after: After = None
    ) -> list[PersonInterlock]:
        found = registry_of(info).interlocking_people(on=day_or_today(on))
        return [PersonInterlock(_interlock=i) for i in page(found, first, after)]

    @strawberry.field(description="Pairs of bodies that share members on a day, most shared first.")
    def interlocking_bodies(
        self, info: Info, on: On = None, first: First = None, after: After = None
    ) -> list[BodyInterlock]:
        found = registry_of(info).interlocking_bodies(on=day_or_today(on))
        return [BodyInterlock(_interlock=i) for i in page(found, first, after)]

    @strawberry.field(
        description="The shortest connection between two people on a day, through bodies and units they share (certain ties preferred); null when none."
    )
    def connection(
        self,
        info: Info,
        person: Annotated[strawberry.ID, strawberry.argument(description="The first person's id.")],
        other: Annotated[strawberry.ID, strawberry.argument(description="The second person's id.")],
        on: On = None,
    ) -> Connection | None:
        found = registry_of(info).connection(str(person), str(other), on=day_or_today(on))
        return Connection(_connection=found) if found else None

    @strawberry.field(
        description="Cadre flows between two dates (inclusive): who left a post in one unit and took one in another, per pair of units, most moves first."
    )
    def cadre_flows(
        self,
        info: Info,
        from_: Annotated[date, strawberry.argument(name="from", description="The first day (inclusive).")],
        to: Annotated[date, strawberry.argument(description="The last day (inclusive).")],
        first: First = None,
        after: After = None,
    ) -> list[CadreFlow]:
        found = registry_of(info).cadre_flows(from_, to)
        return [CadreFlow(_flow=f) for f in page(found, first, after)]

    @strawberry.field(
        description="The most central people, bodies and units of the network on a day, highest first (default measure: degree; betweenness finds brokers)."
    )
    def central(
        self,
        info: Info,
        on: On = None,
        measure: Annotated[
            CentralityMeasure, strawberry.argument(description="The measure (default degree).")
        ] = CentralityMeasure.DEGREE,
        kind: Annotated[NodeKind | None, strawberry.argument(description="Only people, bodies or units.")] = None,
        first: First = None,
        after: After = None,
    ) -> list[CentralNode]:
        chosen = _network.Measure[measure.name]
        found = registry_of(info).central(on=day_or_today(on), measure=chosen, kind=kind.name.lower() if kind else None)
        return [CentralNode(_node=n, _measure=chosen) for n in page(found, first, after)]
