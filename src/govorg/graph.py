"""The networkx graph and the time indexes: the only module that touches networkx.

Nodes are people, organisations, posts, tenures and documents; edges say who held which post,
which post belongs to which organisation, which unit sits under which, and which document a
tenure cites. Point-in-time questions never walk the graph: they go through `IntervalIndex`es
built here once per load, one per post and one per person. The graph itself is for analysis
(networkx's algorithms over the whole registry) and is built on first use: at 100k tenures it
takes ~3 s and most of the registry's memory, and no query needs it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import networkx as nx

from govorg.catalog import Catalog
from govorg.intervals import IntervalIndex
from govorg.problems import Location, Problem, problem
from govorg.records import Appointment, FileRecords
from govorg.tenures import Tenure

if TYPE_CHECKING:  # validate calls `cycle_problems` from here
    from govorg.validate import Validated

PostKey = tuple[str, str]
Node = tuple[str, ...]


@dataclass(slots=True)
class Compiled:
    catalog: Catalog
    tenures: dict[str, Tenure]
    post_index: dict[PostKey, IntervalIndex[Tenure]]
    person_index: dict[str, IntervalIndex[Tenure]]
    person_tenures: dict[str, list[Tenure]]
    post_tenures: dict[PostKey, list[Tenure]]
    _graph: nx.MultiDiGraph[Node] | None = None

    @property
    def graph(self) -> nx.MultiDiGraph[Node]:
        """The networkx graph of the registry, built on first use."""
        if self._graph is None:
            self._graph = _build_nx(self.catalog, self.tenures.values())
        return self._graph


def node(kind: str, *key: str) -> Node:
    return (kind, *key)


def build_graph(validated: Validated) -> Compiled:
    """The time indexes (now) and the networkx graph (on first use)."""
    person_tenures: dict[str, list[Tenure]] = defaultdict(list)
    post_tenures: dict[PostKey, list[Tenure]] = defaultdict(list)
    for tenure in validated.tenures:
        person_tenures[tenure.person_id].append(tenure)
        post_tenures[tenure.post.key].append(tenure)

    def order(t: Tenure) -> tuple[date, date, str]:
        return (t.possible_from, t.certain_from, t.id)

    for items in (*person_tenures.values(), *post_tenures.values()):
        items.sort(key=order)
    return Compiled(
        catalog=validated.catalog,
        tenures={t.id: t for t in validated.tenures},
        post_index={k: _index(v) for k, v in post_tenures.items()},
        person_index={k: _index(v) for k, v in person_tenures.items()},
        person_tenures=dict(person_tenures),
        post_tenures=dict(post_tenures),
    )


def _build_nx(catalog: Catalog, tenures: Iterable[Tenure]) -> nx.MultiDiGraph[Node]:
    graph: nx.MultiDiGraph[Node] = nx.MultiDiGraph()
    for doc in catalog.documents.values():
        graph.add_node(node("document", doc.id), kind="document")
    for org_id, org in catalog.organisations.items():
        graph.add_node(node("organisation", org_id), kind="organisation", name=org.name)
    for parent, children in catalog.children.items():
        for child in children:
            graph.add_edge(node("organisation", child), node("organisation", parent), relation="part_of")
    for person_id, person in catalog.people.items():
        graph.add_node(node("person", person_id), kind="person", name=person.name)
    for tenure in tenures:
        t = node("tenure", tenure.id)
        post = node("post", *tenure.post.key)
        graph.add_node(t, kind="tenure")
        if post not in graph:
            graph.add_node(post, kind="post", title=tenure.post.title)
            graph.add_edge(post, node("organisation", tenure.post.organisation_id), relation="post_of")
        graph.add_edge(node("person", tenure.person_id), t, relation="held")
        graph.add_edge(t, post, relation="of_post")
        for source in tenure.sources:
            graph.add_edge(t, node("document", source), relation="cites")
    return graph


def _index(tenures: list[Tenure]) -> IntervalIndex[Tenure]:
    return IntervalIndex((t.possible_from, t.possible_until, t) for t in tenures)


# -- cycles ------------------------------------------------------------------------------------


def cycle_problems(catalog: Catalog, records: FileRecords) -> list[Problem]:
    """Every cycle a walk up the records could run around forever, each reported once naming
    all its members: parents (GO252), group members (GO253), `published_in` (GO254) and
    `predecessor` (GO255). (A stand-in rule naming its own leader is leadership's GO409.)"""
    problems: list[Problem] = []
    parents: nx.DiGraph[str] = nx.DiGraph()
    groups: nx.DiGraph[str] = nx.DiGraph()
    where: dict[tuple[str, str], Location] = {}
    for org in catalog.organisations.values():
        if org.parent is not None and (parent := catalog.resolve_organisation(org.parent.text)) is not None:
            parents.add_edge(org.id, parent)
            where["parent", org.id] = org.parent.location
        for member in org.members:
            if (found := catalog.resolve_organisation(member.text)) is not None:
                groups.add_edge(org.id, found)
                where.setdefault(("members", org.id), member.location)
    _report(parents, "GO252", "organisations are parents of each other", where, "parent", problems)
    _report(groups, "GO253", "groups are members of each other", where, "members", problems)

    published: nx.DiGraph[str] = nx.DiGraph()
    for doc in catalog.documents.values():
        if doc.published_in is not None and (into := catalog.resolve_document(doc.published_in.text)) is not None:
            published.add_edge(doc.id, into)
            where["published_in", doc.id] = doc.published_in.location
    _report(published, "GO254", "documents are published in each other", where, "published_in", problems)

    predecessors: nx.DiGraph[str] = nx.DiGraph()
    by_holder: dict[tuple[str, str, str], list[Appointment]] = defaultdict(list)
    named = {appt.predecessor.text for appt in records.appointments if appt.predecessor is not None}
    for appt in records.appointments:
        if appt.person.text in named:  # only predecessors' appointments can close a cycle
            for post in appt.posts:
                by_holder[appt.person.text, _org_key(catalog, post.organisation.text), post.title].append(appt)
    for appt in records.appointments:
        if appt.predecessor is None:
            continue
        where["predecessor", appt.id] = appt.predecessor.location
        for post in appt.posts:
            key = (appt.predecessor.text, _org_key(catalog, post.organisation.text), post.title)
            for earlier in by_holder.get(key, ()):
                # the predecessor's appointment to the post, if it can come before this one
                if (earlier.date.earliest or date.min) <= (appt.date.latest or date.max):
                    predecessors.add_edge(appt.id, earlier.id)
    _report(predecessors, "GO255", "appointments name each other as predecessor", where, "predecessor", problems)

    return problems


def _org_key(catalog: Catalog, text: str) -> str:
    return catalog.resolve_organisation(text) or text


def _report(
    graph: nx.DiGraph[str],
    code: str,
    what: str,
    where: dict[tuple[str, str], Location],
    key: str,
    problems: list[Problem],
) -> None:
    for component in nx.strongly_connected_components(graph):
        members = sorted(component)
        if len(members) == 1 and not graph.has_edge(members[0], members[0]):
            continue
        cycle = [u for u, _ in nx.find_cycle(graph.subgraph(members), members[0])]
        path = " → ".join([*cycle, cycle[0]])
        others = f" (all of {', '.join(members)} take part)" if len(members) > len(cycle) else ""
        problems.append(
            problem(
                code,
                where[key, members[0]],
                f"{what}: {path}{others}" if len(cycle) > 1 else f"{what}: {members[0]} names itself",
                hint=f"a cycle of {len(members)}: correct one `{key}`",
            )
        )


# -- exports: the network for Gephi (govorg.export builds the rows; this writes them) ------------


def network_bytes(
    nodes: Iterable[tuple[str, dict[str, str]]],
    edges: Iterable[tuple[str, str, str, dict[str, str]]],
    *,
    fmt: str,
) -> bytes:
    """GEXF or GraphML of the network, from node and edge rows given in a stable order.

    networkx stamps GEXF with today's date (`lastmodifieddate`); it is removed so that the same
    data gives the same bytes. Edge ids are the rows' own ids."""
    import io
    import re

    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node_id, attributes in nodes:
        graph.add_node(node_id, **attributes)
    for source, target, edge_id, attributes in edges:
        if fmt == "gexf":
            graph.add_edge(source, target, key=edge_id, id=edge_id, **attributes)
        else:
            graph.add_edge(source, target, key=edge_id, **attributes)
    buffer = io.BytesIO()
    if fmt == "gexf":
        nx.write_gexf(graph, buffer, encoding="utf-8", prettyprint=True)
        return re.sub(rb' lastmodifieddate="[^"]*"', b"", buffer.getvalue())
    if fmt == "graphml":
        nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True)
        return buffer.getvalue()
    raise ValueError(f"unknown network format {fmt!r}: gexf or graphml")
