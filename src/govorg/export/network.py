"""The selection as a network for Gephi: node and edge rows that `graph.network_bytes` writes
as GEXF or GraphML (networkx stays in graph.py)."""

from __future__ import annotations

from collections.abc import Iterable

from govorg.export.selection import RELATION_LABELS, Selection
from govorg.export.tables import join
from govorg.export.windows import popolo_date, tenure_dates
from govorg.records import has_roster

NodeRow = tuple[str, dict[str, str]]
EdgeRow = tuple[str, str, str, dict[str, str]]  # source, target, edge id, attributes


def network(sel: Selection) -> tuple[list[NodeRow], list[EdgeRow]]:
    """Nodes for people, organisations and bodies; edges for holding a post (person to
    organisation), sitting on a body (person to body), being in charge of a unit (person to
    unit) and belonging to a parent (unit to parent). Every attribute is text."""
    catalog = sel.registry.catalog
    day = sel.scope.day

    def doc_labels(ids: Iterable[str]) -> str:
        return join(catalog.documents[d].canonical_number or d for d in ids if d in catalog.documents)

    nodes: dict[str, dict[str, str]] = {}
    kept = {o.id for o in sel.organisations}
    for org in sel.organisations:
        nodes[f"organisation:{org.id}"] = {
            "label": catalog.name_on(org.id, day) if day else org.name,
            "type": "body" if has_roster(org.kind) else "organisation",
            "kind": org.kind.value,
            "level": org.level.value if org.level else "",
            "government": catalog.government_of.get(org.id) or "",
        }
    for person_id in sel.people:
        nodes[f"person:{person_id}"] = {
            "label": catalog.people[person_id].name,
            "type": "person",
            "kind": "person",
            "level": "",
            "government": "",
        }
    edges: list[EdgeRow] = []
    for org in sel.organisations:
        parent = catalog.ancestors(org.id)[1:2]
        if parent and parent[0] in kept:
            edges.append(
                (
                    f"organisation:{org.id}",
                    f"organisation:{parent[0]}",
                    f"{org.id}/part_of",
                    _edge("part_of", "part of", "CERTAIN", "", "", ""),
                )
            )
    for tenure, certainty in sel.tenures:
        start, end = tenure_dates(tenure)
        edges.append(
            (
                f"person:{tenure.person_id}",
                f"organisation:{tenure.post.organisation_id}",
                tenure.id,
                _edge("holds", tenure.post.title, certainty, start or "", end or "", doc_labels(tenure.sources)),
            )
        )
    for seat in sel.seats:
        if seat.person_id is None:
            continue
        edges.append(
            (
                f"person:{seat.person_id}",
                f"organisation:{seat.body_id}",
                seat.id,
                _edge(
                    "sits_on",
                    seat.role,
                    seat.certainty,
                    popolo_date(seat.since, side="start") or "",
                    popolo_date(seat.until, side="end") or "",
                    doc_labels(seat.sources),
                ),
            )
        )
    for row in sel.portfolios:
        if row.unit_id is None or row.unit_id not in kept:
            continue
        edges.append(
            (
                f"person:{row.person_id}",
                f"organisation:{row.unit_id}",
                row.id,
                _edge(
                    "in_charge",
                    RELATION_LABELS[row.relation],
                    row.certainty,
                    popolo_date(row.since, side="start") or "",
                    popolo_date(row.until, side="end") or "",
                    doc_labels(row.sources),
                ),
            )
        )
    edges = [e for e in edges if e[0] in nodes and e[1] in nodes]
    return sorted(nodes.items()), sorted(edges, key=lambda e: (e[0], e[1], e[2]))


def _edge(kind: str, label: str, certainty: str, since: str, until: str, sources: str) -> dict[str, str]:
    # Not `start`/`end`: networkx's GEXF writer reads those as spells and makes the graph dynamic.
    return {"kind": kind, "title": label, "certainty": certainty, "since": since, "until": until, "source": sources}
