"""The networkx graphs and the time indexes: the only module that touches networkx.

Point-in-time questions never walk a graph: they go through `IntervalIndex`es, one per post and
one per person, each built from its sorted tenure list the first time it is asked for
(`Indexes`). The graphs do the graph work (docs/network.md): the
organisation tree (`OrgTree`: descendants, ancestors), the stand-in rules of a 分工 state per
unit (`RuleGraph`: the walk), the succession graph of vacancy links (`maximal_paths`: chains),
the network of people, bodies and units on a day (`Affiliations`: interlocks, connections,
centrality) and cadre flows between units (`flow_edges`); and the cycle checks of validation.

`Compiled.graph` is the whole registry as one graph (people, organisations, posts, tenures,
documents) for analysis with networkx's algorithms; it is built on first use: at 100k tenures
it takes ~3 s and most of the registry's memory, and no query needs it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from govorg.catalog import Catalog
from govorg.intervals import IntervalIndex
from govorg.problems import Location, Problem, Text, problem
from govorg.records import Appointment, FileRecords
from govorg.tenures import Certainty, Tenure

if TYPE_CHECKING:  # validate calls `cycle_problems` from here
    import networkx as nx

    from govorg.validate import Validated
else:

    class _NetworkX:
        """networkx, imported on first use (a tenth of a second): a start from a trusted build
        (govorg.sql.early) answers its first per-post questions before any graph is made. The
        first use puts the module itself in `nx`'s place."""

        def __getattr__(self, name: str) -> Any:
            import networkx

            globals()["nx"] = networkx
            return getattr(networkx, name)

    nx = _NetworkX()

PostKey = tuple[str, str]
Node = tuple[str, ...]
K = TypeVar("K")


class Indexes(Generic[K]):
    """The time index of each key's tenures (a post's, a person's), built from `lists` the first
    time the key is asked for, then kept.

    A registry holds one list per post and per person, and most posts of a large registry are
    rarely asked about: building every index at load was ~1.6 s of a 14 s start from a database
    at 100k tenures. An index is a few microseconds to build for a post's handful of tenures. Two threads asking for the same new key may both
    build it; both results are equal and one is kept. `lists` is never changed once the
    registry is served (an edit makes new lists and a new `Indexes`, `carried` over the old
    one's built entries that the edit did not touch)."""

    __slots__ = ("_built", "lists")

    def __init__(self, lists: Mapping[K, list[Tenure]], built: dict[K, IntervalIndex[Tenure]] | None = None) -> None:
        self.lists = lists
        self._built: dict[K, IntervalIndex[Tenure]] = built if built is not None else {}

    def get(self, key: K) -> IntervalIndex[Tenure] | None:
        found = self._built.get(key)
        if found is None:
            items = self.lists.get(key)
            if items is None:
                return None
            found = self._built[key] = _index(items)
        return found

    def __getitem__(self, key: K) -> IntervalIndex[Tenure]:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return key in self.lists

    def __len__(self) -> int:
        return len(self.lists)

    def __iter__(self) -> Iterator[K]:
        return iter(self.lists)

    def items(self) -> Iterator[tuple[K, IntervalIndex[Tenure]]]:
        """Every key with its index (building those not built yet)."""
        for key in self.lists:
            yield key, self[key]

    def built(self) -> int:
        """How many indexes have been built so far."""
        return len(self._built)

    def carried(self, lists: Mapping[K, list[Tenure]], changed: Iterable[K]) -> Indexes[K]:
        """Indexes over new `lists`, keeping the indexes built here for every key not `changed`."""
        built = dict(self._built)
        for key in changed:
            built.pop(key, None)
        return Indexes(lists, built)


@dataclass(slots=True)
class Compiled:
    catalog: Catalog
    tenure_list: Sequence[Tenure]  # every tenure, in the validated model's order
    post_index: Indexes[PostKey]
    person_index: Indexes[str]
    person_tenures: dict[str, list[Tenure]]
    post_tenures: dict[PostKey, list[Tenure]]
    # organisation id -> the title keys of its posts: an organisation's titles without walking
    # every post (`Registry.titles`, asked on the server's event loop for an unknown title)
    posts_of: Mapping[str, frozenset[str]]
    _graph: nx.MultiDiGraph[Node] | None = None
    _by_id: dict[str, Tenure] | None = None

    @property
    def tenures(self) -> dict[str, Tenure]:
        """Every tenure by id, made on first use: no query path reads it (exports and the graph
        do), and an incremental reload that copied a 100,000-entry map held the interpreter's
        lock ~20 ms at 100k tenures while requests waited."""
        if self._by_id is None:
            self._by_id = {t.id: t for t in self.tenure_list}
        return self._by_id

    @property
    def graph(self) -> nx.MultiDiGraph[Node]:
        """The networkx graph of the registry, built on first use."""
        if self._graph is None:
            self._graph = _build_nx(self.catalog, self.tenure_list)
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

    for items in (*person_tenures.values(), *post_tenures.values()):
        items.sort(key=tenure_order)
    people, posts = dict(person_tenures), dict(post_tenures)
    posts_of: dict[str, set[str]] = defaultdict(set)
    for org, title_key in posts:
        posts_of[org].add(title_key)
    return Compiled(
        catalog=validated.catalog,
        tenure_list=validated.tenures,
        post_index=Indexes(posts),
        person_index=Indexes(people),
        person_tenures=people,
        post_tenures=posts,
        posts_of={org: frozenset(keys) for org, keys in posts_of.items()},
    )


def tenure_order(t: Tenure) -> tuple[date, date, str]:
    """How each post's and person's tenures are ordered: by the earliest start, then id."""
    return (t.possible_from, t.certain_from, t.id)


def patch_graph(
    old: Compiled, catalog: Catalog, removed: Sequence[Tenure], added: Sequence[Tenure], tenures: Sequence[Tenure]
) -> Compiled:
    """`old` with `removed` tenures taken out and `added` put in (`tenures`: all of them now):
    the lists and time indexes of the people and posts they touch are rebuilt, every other entry
    is shared with `old` (which is never changed: a request may still be reading it)."""
    gone = {id(t) for t in removed}
    person_tenures, post_tenures = dict(old.person_tenures), dict(old.post_tenures)
    by_person: dict[str, list[Tenure]] = defaultdict(list)
    by_post: dict[PostKey, list[Tenure]] = defaultdict(list)
    for t in removed:
        by_person.setdefault(t.person_id, [])
        by_post.setdefault(t.post.key, [])
    for t in added:
        by_person[t.person_id].append(t)
        by_post[t.post.key].append(t)
    _patch(person_tenures, by_person, gone)
    _patch(post_tenures, by_post, gone)
    posts_of = dict(old.posts_of)
    for org, title_key in by_post:
        keys = posts_of.get(org, frozenset())
        keys = keys | {title_key} if (org, title_key) in post_tenures else keys - {title_key}
        if keys:
            posts_of[org] = keys
        else:
            posts_of.pop(org, None)
    return Compiled(
        catalog,
        tenures,
        old.post_index.carried(post_tenures, by_post),
        old.person_index.carried(person_tenures, by_person),
        person_tenures,
        post_tenures,
        posts_of,
    )


def _patch(lists: dict[K, list[Tenure]], changes: dict[K, list[Tenure]], gone: set[int]) -> None:
    """The changed keys' lists, remade (their indexes are built again when next asked for)."""
    for key, new in changes.items():
        items = [t for t in lists.get(key, ()) if id(t) not in gone] + new
        if not items:
            lists.pop(key, None)
            continue
        items.sort(key=tenure_order)
        lists[key] = items


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
    return [
        *organisation_cycles(catalog),
        *document_cycles(catalog),
        *predecessor_cycles(catalog, records.appointments),
    ]


def organisation_cycles(catalog: Catalog) -> list[Problem]:
    """GO252 (parents) and GO253 (group members): these depend on organisations alone."""
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
    return problems


def document_cycles(catalog: Catalog) -> list[Problem]:
    """GO254: documents published in each other."""
    problems: list[Problem] = []
    if not _published_in_cycle(catalog):  # each document names one place: a walk finds cycles fast
        return problems
    where: dict[tuple[str, str], Location] = {}
    published: nx.DiGraph[str] = nx.DiGraph()
    for doc in catalog.documents.values():
        if doc.published_in is not None and (into := catalog.resolve_document(doc.published_in.text)) is not None:
            published.add_edge(doc.id, into)
            where["published_in", doc.id] = doc.published_in.location
    _report(published, "GO254", "documents are published in each other", where, "published_in", problems)
    return problems


def _published_in_cycle(catalog: Catalog) -> bool:
    """Whether some `published_in` chain comes back to where it started. Each document has at
    most one `published_in`, so following it from each document, marking the walk, is enough
    (and, unlike building the graph, quick enough to run at every reload)."""
    memo: dict[str, str | None] = {}
    into: dict[str, str] = {}
    for doc in catalog.documents.values():
        if doc.published_in is None:
            continue
        text = doc.published_in.text
        if text not in memo:
            memo[text] = catalog.resolve_document(text)
        found = memo[text]
        if found is not None:
            into[doc.id] = found
    done: set[str] = set()
    for start in into:
        walk: set[str] = set()
        current: str | None = start
        while current is not None and current not in done:
            if current in walk:
                return True
            walk.add(current)
            current = into.get(current)
        done |= walk
    return False


def predecessor_cycles(catalog: Catalog, appointments: Sequence[Appointment]) -> list[Problem]:
    """GO255: appointments naming each other as predecessor. Only appointments with a
    `predecessor` have an edge out, so only they can be on a cycle."""
    problems: list[Problem] = []
    where: dict[tuple[str, str], Location] = {}
    predecessors: nx.DiGraph[str] = nx.DiGraph()
    by_holder: dict[tuple[str, str, str], list[Appointment]] = defaultdict(list)
    named = {appt.predecessor.text for appt in appointments if appt.predecessor is not None}
    if not named:
        return problems
    for appt in appointments:
        if appt.person.text in named:  # only predecessors' appointments can close a cycle
            for post in appt.posts:
                by_holder[appt.person.text, _org_key(catalog, post.organisation.text), post.title].append(appt)
    for appt in appointments:
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
        others = Text(" (all of {list} take part)", list=", ".join(members)) if len(members) > len(cycle) else ""
        problems.append(
            problem(
                code,
                where[key, members[0]],
                Text("{what}: {path}{others}", what=what, path=path, others=others)
                if len(cycle) > 1
                else Text("{what}: {members} names itself", what=what, members=members[0]),
                hint=Text("a cycle of {n_members}: correct one `{key}`", n_members=len(members), key=key),
            )
        )


# == the graph work (issue 12, part 2) =========================================================
# The organisation tree, stand-in rules, vacancy chains and the network of people, bodies and
# units on a day are networkx graphs, walked with networkx's algorithms. The modules that ask
# (catalog, leadership, history, network) hand over plain ids and get plain answers back: this
# block is where networkx lives (STYLE: one module touches it). Exports keep their own block.


class OrgTree:
    """The organisation tree: an edge parent → child for each recorded `parent`, children in
    the catalog's order. Validation reports a parent cycle (GO252) and no registry is built
    from data that has one; the walks here mark what they visited all the same (networkx's
    traversals do), so a tree built from bad data still answers and ends."""

    def __init__(self, children: Mapping[str, Sequence[str]]) -> None:
        self._graph: nx.DiGraph[str] = nx.DiGraph()
        for parent, kids in children.items():
            for child in kids:
                self._graph.add_edge(parent, child)
        self.acyclic: bool = nx.is_directed_acyclic_graph(self._graph)
        self._ancestors: dict[str, tuple[str, ...]] = {}  # `ancestors`, once asked

    def descendants(self, org_id: str) -> list[str]:
        """The organisation and every unit below it, breadth first, children in catalog order."""
        if org_id not in self._graph:
            return [org_id]
        return [org_id, *(child for _, child in nx.bfs_edges(self._graph, org_id))]

    def ancestors(self, org_id: str) -> list[str]:
        """The organisation and every body above it, nearest first. Kept once walked: every
        `inCharge` question asks it, and the tree does not change."""
        if org_id not in self._graph:
            return [org_id]  # not kept: only the tree's own units are, so any text asked costs nothing
        found = self._ancestors.get(org_id)
        if found is None:
            found = self._ancestors[org_id] = (
                org_id,
                *(parent for _, parent in nx.bfs_edges(self._graph, org_id, reverse=True)),
            )
        return list(found)


class RuleGraph:
    """Stand-in rules for one unit scope: an edge leader → partner for each partner a rule that
    applies names, with `order` its printed position (a partner named twice keeps the first)."""

    def __init__(self, edges: Iterable[tuple[str, str]]) -> None:
        self._graph: nx.DiGraph[str] = nx.DiGraph()
        for n, (leader, partner) in enumerate(edges):
            if not self._graph.has_edge(leader, partner):
                self._graph.add_edge(leader, partner, order=n)

    def nearest(self, start: str, absent: frozenset[str]) -> tuple[str, ...] | None:
        """The path to the nearest present person, breadth first, each leader's partners in
        printed order (insertion order is printed order, so networkx's BFS visits them so).
        The search only passes through absent people: it stops at the first present one it
        reaches, before any present person's own partners are looked at."""
        if start not in self._graph:
            return None
        came_from: dict[str, str] = {}
        for leader, partner in nx.bfs_edges(self._graph, start):
            came_from[partner] = leader
            if partner not in absent:
                path = [partner]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return tuple(reversed(path))
        return None


E = TypeVar("E")


def maximal_paths(
    edges: Sequence[tuple[str, str, E]], heads: Iterable[str], *, limit: int
) -> list[tuple[tuple[str, ...], tuple[E, ...]]]:
    """Every maximal simple path from each head (in the order given), depth first, neighbours
    in the order the edges are given (a MultiDiGraph keeps parallel edges and their order).
    A path is maximal when every successor of its last node is already on it. At most `limit`."""
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for n, (u, v, _) in enumerate(edges):
        graph.add_edge(u, v, key=n)
    out: list[tuple[tuple[str, ...], tuple[E, ...]]] = []
    for head in heads:
        if head not in graph or len(out) >= limit:
            continue
        reach = nx.descendants(graph, head) | {head}  # the targets: every node the head reaches
        for found in nx.all_simple_edge_paths(graph, head, reach):
            path = cast("list[tuple[str, str, int]]", found)  # a MultiDiGraph's edges carry keys
            if not path:  # the head alone
                continue
            nodes = (head, *(v for _, v, _ in path))
            if all(v in nodes for v in graph.successors(nodes[-1])):
                out.append((nodes, tuple(edges[k][2] for _, _, k in path)))
                if len(out) >= limit:
                    break
    return out


@dataclass(frozen=True, slots=True)
class Tie:
    """A person's place in a body (a roster seat) or a unit (a post) on one day."""

    person: str
    group: str  # organisation id
    kind: str  # "body" (a roster) or "unit" (a post in it)
    role: str  # the seat's role, or the post's title
    certainty: Certainty
    sources: tuple[str, ...]


PERSON = "person"
GROUP = "group"
BETWEENNESS_EXACT = 500
BETWEENNESS_PIVOTS = 100


class Affiliations:
    """The network on one day: a bipartite graph of people and the bodies and units they sit
    in. An edge person — group carries every tie between the two; it is CERTAIN when one of
    them is."""

    def __init__(self, ties: Iterable[Tie]) -> None:
        self.graph: nx.Graph[Node] = nx.Graph()
        for tie in sorted(ties, key=lambda t: (t.person, t.group, t.kind, t.role)):
            p, g = (PERSON, tie.person), (GROUP, tie.group)
            if not self.graph.has_node(g):
                self.graph.add_node(g, kinds=set())
            self.graph.nodes[g]["kinds"].add(tie.kind)
            if self.graph.has_edge(p, g):
                data = self.graph.edges[p, g]
                data["ties"].append(tie)
                if tie.certainty is Certainty.CERTAIN:
                    data["certain"] = True
            else:
                self.graph.add_edge(p, g, ties=[tie], certain=tie.certainty is Certainty.CERTAIN)

    def ties(self, person: str, group: str) -> list[Tie]:
        edge = self.graph.get_edge_data((PERSON, person), (GROUP, group))
        return list(edge["ties"]) if edge else []

    def groups_of(self, person: str, *, kind: str | None = None) -> list[str]:
        """The groups a person sits in (only bodies, or only units, when `kind` says)."""
        node = (PERSON, person)
        if node not in self.graph:
            return []
        return sorted(
            g[1] for g in self.graph[node] if kind is None or any(t.kind == kind for t in self.graph[node][g]["ties"])
        )

    def people(self) -> list[str]:
        return sorted(n[1] for n in self.graph if n[0] == PERSON)

    def shared(self, *, kind: str) -> list[tuple[str, str, list[str]]]:
        """Pairs of groups of the kind that share members, with the members (the projection of
        the bipartite graph onto the groups, keeping who makes each edge)."""
        groups = {n for n in self.graph if n[0] == GROUP and kind in self.graph.nodes[n]["kinds"]}
        projected: nx.Graph[Node] = nx.Graph()
        for person in sorted(n for n in self.graph if n[0] == PERSON):
            mine = sorted(g for g in self.graph[person] if g in groups and self._has_kind(person, g, kind))
            for i, a in enumerate(mine):
                for b in mine[i + 1 :]:
                    if projected.has_edge(a, b):
                        projected.edges[a, b]["people"].append(person[1])
                    else:
                        projected.add_edge(a, b, people=[person[1]])
        return sorted((a[1], b[1], list(d["people"])) for a, b, d in projected.edges(data=True))

    def _has_kind(self, person: Node, group: Node, kind: str) -> bool:
        return any(t.kind == kind for t in self.graph[person][group]["ties"])

    def shortest(self, a: str, b: str, *, certain_only: bool) -> list[str] | None:
        """The shortest chain person, group, person, … from `a` to `b` (ids, alternating), or
        None. With `certain_only`, only ties CERTAIN on the day count."""
        graph: nx.Graph[Node] = self.graph
        if certain_only:
            graph = nx.subgraph_view(self.graph, filter_edge=lambda u, v: bool(self.graph.edges[u, v]["certain"]))
        source, target = (PERSON, a), (PERSON, b)
        if source not in graph or target not in graph:
            return None
        try:
            path = nx.shortest_path(graph, source, target)
        except nx.NetworkXNoPath:
            return None
        return [n[1] for n in path]

    def centrality(self, measure: str) -> list[tuple[str, str, float, int]]:
        """(node kind, id, score, degree) for every node, by `measure`: "degree" (the share of
        the other side a node touches) or "betweenness" (the share of shortest paths through
        it: who brokers between otherwise separate bodies)."""
        if measure == "betweenness":
            # exact up to BETWEENNESS_EXACT nodes; beyond, estimated from BETWEENNESS_PIVOTS
            # sources drawn with a fixed seed (the same data gives the same answer): exact
            # betweenness costs nodes × edges, ~3 s at 1,700 nodes here.
            n = self.graph.number_of_nodes()
            k = None if n <= BETWEENNESS_EXACT else BETWEENNESS_PIVOTS
            scores = nx.betweenness_centrality(self.graph, k=k, seed=0 if k else None)
        else:
            scores = nx.degree_centrality(self.graph)
        return [(n[0], n[1], float(scores[n]), int(self.graph.degree[n])) for n in self.graph]


def flow_edges(moves: Iterable[tuple[str, str, E]]) -> list[tuple[str, str, list[E]]]:
    """Moves from unit to unit aggregated as a DiGraph: one edge A → B holding its moves,
    heaviest first, then by ids."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    for a, b, move in moves:
        if graph.has_edge(a, b):
            graph.edges[a, b]["moves"].append(move)
        else:
            graph.add_edge(a, b, moves=[move])
    edges = [(a, b, list(d["moves"])) for a, b, d in graph.edges(data=True)]
    return sorted(edges, key=lambda e: (-len(e[2]), e[0], e[1]))


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
