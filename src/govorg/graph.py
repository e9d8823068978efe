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

import networkx as nx

from govorg.catalog import Catalog
from govorg.intervals import IntervalIndex
from govorg.tenures import Tenure
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
