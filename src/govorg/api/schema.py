"""The GraphQL schema: the Query type and the schema object. `schema.graphql` at the project
root is this schema printed; a test keeps the two equal."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from govorg.api.committee_types import BodyKind, Committee, Membership, committee_on
from govorg.api.history_types import Change, RosterDiff, Timeline, VacancyChain
from govorg.api.leadership_types import InCharge, Leader, Leadership, leaders_of
from govorg.api.lean import lean
from govorg.api.limits import Limits, LimitsExtension
from govorg.api.network_types import NetworkQuery
from govorg.api.pages import After, First, cursor, page
from govorg.api.suggest import unknown_title
from govorg.api.types import (
    Certainty,
    Document,
    Holding,
    Organisation,
    Person,
    RegistryInfo,
    day_or_today,
    registry_of,
)
from govorg.records import ORGANISATION_KINDS, OrganisationKind

From = Annotated[date, strawberry.argument(name="from", description="The first day (inclusive).")]
To = Annotated[date, strawberry.argument(description="The last day (inclusive).")]
Government = Annotated[
    str | None,
    strawberry.argument(
        description="The government whose names to use (any of its names or its id), when a name is in several."
    ),
]


@strawberry.type(description="Questions to the registry. Dates default to today.")
class Query(NetworkQuery):
    @strawberry.field(
        description="Who holds the post (organisation by any of its names, title) on a day; certain holders first. A title the organisation never recorded is an error whose `extensions` give `code: UNKNOWN_TITLE` and the closest recorded `suggestions`."
    )
    def holders(
        self,
        info: Info,
        organisation: str,
        title: str,
        on: date | None = None,
        government: Government = None,
        first: First = None,
        after: After = None,
    ) -> list[Holding]:
        registry = registry_of(info)
        day = day_or_today(on)
        found = registry.holders(organisation, title, on=day, government=government)
        if not found:
            unknown_title(registry, organisation, title, on=day, government=government)
        return [Holding.of(h) for h in page(found, first, after)]

    @strawberry.field(description="A person by id.")
    def person(self, info: Info, id: strawberry.ID) -> Person | None:
        found = registry_of(info).person(str(id))
        return Person(_record=found) if found else None

    @strawberry.field(
        description="People whose name, or a printed variant of it, matches (王 峰 finds 王峰); without `name`, every person (sorted by name, then id), or those whose name starts with `prefix`."
    )
    def people(
        self,
        info: Info,
        name: str | None = None,
        first: First = None,
        after: After = None,
        prefix: Annotated[
            str | None, strawberry.argument(description="Without `name`: only names starting with this.")
        ] = None,
    ) -> list[Person]:
        registry = registry_of(info)
        found = registry.people(name) if name is not None else registry.list_people(prefix=prefix)
        return [Person(_record=p) for p in page(found, first, after)]

    @strawberry.field(
        description="An organisation by any of its names (official, short, brand, former) or id, as of a day."
    )
    def organisation(
        self, info: Info, name: str, on: date | None = None, government: Government = None
    ) -> Organisation | None:
        found = registry_of(info).organisation(name, on=day_or_today(on), government=government)
        return Organisation(_record=found) if found else None

    @strawberry.field(description="Every government in the registry, from the highest level down, then by name.")
    def governments(self, info: Info) -> list[Organisation]:
        return [Organisation(_record=g) for g in registry_of(info).governments()]

    @strawberry.field(
        description="A document by id or by 文号 in any bracket style: 〔2021〕, （2021）, (2021), [2021]."
    )
    def document(self, info: Info, number: str) -> Document | None:
        found = registry_of(info).document(number)
        return Document(_record=found) if found else None

    @strawberry.field(
        description="The leaders of the 分工 version in force on the day, in printed order; empty before the first."
    )
    def leaders(
        self,
        info: Info,
        on: date | None = None,
        government: str | None = None,
        first: First = None,
        after: After = None,
    ) -> list[Leader]:
        day = day_or_today(on)
        return page(leaders_of(registry_of(info).leaders(on=day, government=government), day), first, after)

    @strawberry.field(
        description="The 分工 in force on the day for a government (any of its names; optional when the data has one): the latest full notice with the amendments in force, and every notice it is made of."
    )
    def leadership(self, info: Info, on: date | None = None, government: str | None = None) -> Leadership | None:
        day = day_or_today(on)
        version = registry_of(info).leaders(on=day, government=government)
        return Leadership(_version=version, _on=day) if version else None

    @strawberry.field(
        description="Who 分管, 协助分管 and 联系 the unit on the day; with `absent`, who stands in under the stand-in rules in force, each answer with its rule and source."
    )
    def in_charge(
        self,
        info: Info,
        organisation: str,
        on: date | None = None,
        absent: list[strawberry.ID] | None = None,
        government: Government = None,
    ) -> InCharge | None:
        registry = registry_of(info)
        day = day_or_today(on)
        answer = registry.in_charge(organisation, on=day, absent=[str(a) for a in absent or []], government=government)
        if answer is None:
            return None
        return InCharge(_answer=answer, _on=day, _first=registry.first_leadership_day())

    @strawberry.field(description="A leader's stand-ins (代为负责) in the 分工 version in force, in printed order.")
    def deputies(
        self, info: Info, person: strawberry.ID, on: date | None = None, first: First = None, after: After = None
    ) -> list[Person]:
        registry = registry_of(info)
        found = page(registry.deputies(str(person), on=day_or_today(on)), first, after)
        return [Person(_record=registry.catalog.people[p]) for p in found]

    @strawberry.field(
        description="A body with a roster (committee, 领导小组, 联席会议, 工作小组, 指挥部, 管委会) by any of its names (including a former one) on a day, with its roster then."
    )
    def committee(
        self, info: Info, name: str, on: date | None = None, government: Government = None
    ) -> Committee | None:
        day = day_or_today(on)
        found = registry_of(info).committee(name, on=day, government=government)
        return committee_on(info, found, day) if found else None

    @strawberry.field(
        description="Every body with a roster, as on the day (name and roster then); `kind` keeps one kind (leading_group, …), `government` one government's."
    )
    def committees(
        self,
        info: Info,
        on: date | None = None,
        kind: BodyKind | None = None,
        government: Government = None,
        first: First = None,
        after: After = None,
    ) -> list[Committee]:
        day = day_or_today(on)
        found = (o for o in registry_of(info).committees(government=government) if kind is None or kind.matches(o.kind))
        return [committee_on(info, org, day) for org in page(found, first, after)]

    # -- lists for portals (issue 12) ------------------------------------------------------
    @strawberry.field(
        description="Organisations, sorted by government, then official name, then id; `government` keeps one government's (the government included), `kind` one or more kinds (government, department, leading_group, …)."
    )
    def organisations(
        self,
        info: Info,
        government: Annotated[
            str | None, strawberry.argument(description="Only this government's (any of its names or its id).")
        ] = None,
        kind: Annotated[
            list[str] | None, strawberry.argument(description="Only these kinds, as in the data: department, …")
        ] = None,
        first: First = None,
        after: After = None,
    ) -> list[Organisation]:
        kinds = _kinds(kind)
        found = registry_of(info).list_organisations(government=government, kinds=kinds)
        return [Organisation(_record=o) for o in page(found, first, after)]

    @strawberry.field(
        description="Documents, oldest first (then by 文号, then id); `issuer` keeps one issuer's (any name of the body), `from`/`to` those whose date can fall in the range (inclusive)."
    )
    def documents(
        self,
        info: Info,
        issuer: Annotated[str | None, strawberry.argument(description="Only documents this body issued.")] = None,
        from_: Annotated[
            date | None, strawberry.argument(name="from", description="The first day (inclusive).")
        ] = None,
        to: Annotated[date | None, strawberry.argument(description="The last day (inclusive).")] = None,
        first: First = None,
        after: After = None,
    ) -> list[Document]:
        found = registry_of(info).list_documents(issuer=issuer, start=from_, end=to)
        return [Document(_record=d) for d in page(found, first, after)]

    @strawberry.field(description="The committee seats and office directorships a person holds on a day.")
    def memberships(
        self, info: Info, person: strawberry.ID, on: date | None = None, first: First = None, after: After = None
    ) -> list[Membership]:
        registry = registry_of(info)
        day = day_or_today(on)
        out = []
        for committee_id, seat in page(registry.memberships(str(person), on=day), first, after):
            committee = committee_on(info, registry.catalog.organisations[committee_id], day)
            out.append(Membership(_committee=committee, _seat=seat))
        return out

    @strawberry.field(
        description="Changes derived from the records between two dates (inclusive), oldest first; narrowed by unit (with its sub-units), committee or person."
    )
    def changes(
        self,
        info: Info,
        from_: From,
        to: To,
        organisation: str | None = None,
        committee: str | None = None,
        person: strawberry.ID | None = None,
        government: Government = None,
        first: First = None,
        after: After = None,
    ) -> list[Change]:
        found = registry_of(info).changes(
            from_,
            to,
            organisation=organisation,
            committee=committee,
            person=str(person) if person else None,
            government=government,
        )
        return [Change(_event=e, _in_range=Certainty(w.value)) for e, w in page(found, first, after)]

    @strawberry.field(description="How a committee's roster moved between two dates (any of its names).")
    def roster_diff(
        self,
        info: Info,
        committee: str,
        from_: From,
        to: To,
    ) -> RosterDiff | None:
        diff = registry_of(info).roster_diff(committee, from_, to)
        return RosterDiff(_diff=diff) if diff else None

    @strawberry.field(
        description="Chains of moves between two dates: A leaves P, B fills P leaving Q, C fills Q …, longest first."
    )
    def vacancy_chains(
        self,
        info: Info,
        from_: From,
        to: To,
        first: First = None,
        after: After = None,
    ) -> list[VacancyChain]:
        return [VacancyChain(_chain=c) for c in page(registry_of(info).vacancy_chains(from_, to), first, after)]

    @strawberry.field(description="A person's career: tenures and committee seats, oldest first.")
    def timeline(self, info: Info, person: strawberry.ID) -> Timeline | None:
        return Timeline(_person=str(person)) if registry_of(info).person(str(person)) else None

    @strawberry.field(description="About the loaded data: version, record counts, earliest and latest dates.")
    def registry(self, info: Info) -> RegistryInfo:
        return RegistryInfo(_info=registry_of(info).info())

    @strawberry.field(
        description="The cursor to pass as `after` to any list to skip the `received` items already received."
    )
    def cursor(self, received: int) -> str:
        if received < 0:
            raise ValueError("received: must not be negative")
        return cursor(received)


def _kinds(kind: list[str] | None) -> list[OrganisationKind]:
    out = []
    for k in kind or []:
        if k not in ORGANISATION_KINDS:
            raise GraphQLError(f"kind: {k!r} is not an organisation kind; one of {', '.join(ORGANISATION_KINDS)}")
        out.append(OrganisationKind(k))
    return out


def make_schema(limits: Limits | None = None, *, query: type = Query) -> strawberry.Schema:
    """The schema with its request limits (see govorg.api.limits); `query` lets a test serve extra fields."""
    chosen = limits or Limits()
    served = strawberry.Schema(query=query, extensions=[lambda: LimitsExtension(chosen)])
    lean(served)  # plain method fields skip strawberry's per-field wrapper (govorg.api.lean)
    return served


schema = make_schema()

# Root fields answered from indexes (made at load, or a post's in microseconds when first asked
# for), never from a big structure derived on first asking (the network on a day, the history):
# govorg.api.shapes.Quick. Not `timeline`: its `seats` derive the whole history on first use
# (seconds at 100k tenures), inside one resolver where no budget check reaches.
INDEXED_FIELDS = frozenset(
    {
        "holders",
        "person",
        "people",
        "organisation",
        "organisations",
        "governments",
        "document",
        "documents",
        "leaders",
        "leadership",
        "inCharge",
        "deputies",
        "committee",
        "committees",
        "memberships",
        "registry",
        "cursor",
    }
)


def printed_schema() -> str:
    return schema.as_str() + "\n"
