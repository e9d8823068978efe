"""The graph work, measured: each networkx-backed answer against a plain-dict floor measured in
the same run on the same data (the ratio is the number to read; the machines are shared).

    python bench/network.py --tenures 10000          # writes its section of bench/RESULTS.md

Rows:
- network on a day: gathering the ties (rosters re-resolved, posts held) is shared; the floor
  puts them in a dict of sets, govorg builds the bipartite networkx graph.
- interlocks: people on several bodies and pairs of bodies sharing members, vs counting with the
  dict of sets.
- connection: 50 shortest connections between random people (networkx, certain ties first) vs
  a breadth-first search over the dict.
- central: degree and betweenness centrality vs counting each node's ties in the dict (betweenness
  is estimated from 100 sources beyond 500 nodes; the exact value is measured too).
- cadre flows over a year vs grouping the same period's removals and appointments by person.
- vacancy chains over a year (networkx maximal paths) vs the hand-written depth-first walk.
- descendants of every organisation (the networkx tree) vs the hand-written walk.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import machine  # noqa: E402  (bench/ is not a package)

from govorg.history import Chain, Link, chains, vacancy_links  # noqa: E402
from govorg.network import Measure, body_ties, unit_ties  # noqa: E402
from govorg.registry import Registry  # noqa: E402

SECTION = re.compile(r"<!-- network -->.*<!-- /network -->\n?", re.DOTALL)


def best(fn: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def hand_chains(links: list[Link]) -> list[Chain]:
    outgoing: dict[str, list[Link]] = {}
    filled_by = {link.filled for link in links}
    for link in links:
        outgoing.setdefault(link.left, []).append(link)
    starts = [p for p in outgoing if p not in filled_by] or list(outgoing)
    out: list[Chain] = []
    for head in sorted(starts):
        stack: list[tuple[tuple[str, ...], tuple[Link, ...]]] = [((head,), ())]
        while stack and len(out) < 10_000:
            people, path = stack.pop()
            nexts = [link for link in outgoing.get(people[-1], []) if link.filled not in people]
            if not nexts:
                out.append(Chain(people, path))
                continue
            for link in sorted(nexts, key=lambda link: link.filled, reverse=True):
                stack.append(((*people, link.filled), (*path, link)))
    out.sort(key=lambda c: (-len(c.people), c.people))
    return out


def hand_descendants(children: dict[str, list[str]], org_id: str) -> list[str]:
    out, seen, i = [org_id], {org_id}, 0
    while i < len(out):
        for child in children.get(out[i], ()):
            if child not in seen:
                seen.add(child)
                out.append(child)
        i += 1
    return out


def measure(registry: Registry, on: date, start: date, end: date) -> list[tuple[str, float, float, str]]:
    rows: list[tuple[str, float, float, str]] = []
    rng = random.Random(1)

    t0 = time.perf_counter()
    ties = [
        *body_ties(registry.validated.committees, on=on, tenures=registry._tenure_source),
        *unit_ties(registry.compiled.person_index, on=on),
    ]
    gather = time.perf_counter() - t0

    def as_dict() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        people: dict[str, set[str]] = {}
        groups: dict[str, set[str]] = {}
        for t in ties:
            people.setdefault(t.person, set()).add(t.group)
            groups.setdefault(t.group, set()).add(t.person)
        return people, groups

    from govorg.network import Network

    floor = best(as_dict)
    graph = best(lambda: Network(on, ties))
    rows.append((f"network on a day ({len(ties):,} ties; gathering them: {gather:.2f} s)", floor, graph, "build"))
    people, groups = as_dict()
    network = Network(on, ties)
    bodies = {t.group for t in ties if t.kind == "body"}

    def dict_interlocks() -> object:
        several = [p for p, gs in people.items() if len(gs & bodies) >= 2]
        pairs: dict[tuple[str, str], list[str]] = {}
        for p in several:
            mine = sorted(people[p] & bodies)
            for i, a in enumerate(mine):
                for b in mine[i + 1 :]:
                    pairs.setdefault((a, b), []).append(p)
        return several, pairs

    found = len(network.interlocking_people())
    rows.append(
        (
            f"interlocks ({found:,} people)",
            best(dict_interlocks),
            best(lambda: (network.interlocking_people(), network.interlocking_bodies())),
            "query",
        )
    )

    ids = sorted(people)
    pairs = [(rng.choice(ids), rng.choice(ids)) for _ in range(50)]

    def dict_bfs(a: str, b: str) -> list[str] | None:
        came: dict[str, str | None] = {"p:" + a: None}
        queue = deque(["p:" + a])
        while queue:
            node = queue.popleft()
            if node == "p:" + b:
                return [node]
            nexts = (
                ("g:" + g for g in people.get(node[2:], ())) if node[0] == "p" else ("p:" + p for p in groups[node[2:]])
            )
            for n in nexts:
                if n not in came:
                    came[n] = node
                    queue.append(n)
        return None

    rows.append(
        (
            "connection × 50 random pairs",
            best(lambda: [dict_bfs(a, b) for a, b in pairs]),
            best(lambda: [network.connection(a, b) for a, b in pairs]),
            "query",
        )
    )

    def dict_degree() -> object:
        return sorted([len(v) for v in people.values()] + [len(v) for v in groups.values()])

    degree_floor = best(dict_degree)
    rows.append(("central, degree", degree_floor, best(lambda: network.central(Measure.DEGREE)), "query"))
    rows.append(
        ("central, betweenness", degree_floor, best(lambda: network.central(Measure.BETWEENNESS), repeat=1), "query")
    )
    import networkx as nx  # the exact measure, for comparison

    exact = best(lambda: nx.betweenness_centrality(network.affiliations.graph), repeat=1)
    rows.append(("betweenness, exact (networkx directly)", degree_floor, exact, "query"))

    tenures = registry.compiled.person_tenures

    def dict_flows() -> object:
        moves: dict[str, tuple[list[str], list[str]]] = {}
        for person, items in tenures.items():
            for t in items:
                if t.removal is not None and t.end is not None and t.end.overlaps(start, end):
                    moves.setdefault(person, ([], []))[0].append(t.post.organisation_id)
                if t.appointment is not None and t.start.overlaps(start, end):
                    moves.setdefault(person, ([], []))[1].append(t.post.organisation_id)
        return moves

    flows = registry.cadre_flows(start, end)
    rows.append(
        (
            f"cadre flows over a year ({sum(len(f.moves) for f in flows):,} moves)",
            best(dict_flows),
            best(lambda: registry.cadre_flows(start, end)),
            "query",
        )
    )

    links = vacancy_links(registry.validated.tenures, start, end)
    rows.append(
        (
            f"vacancy chains over a year ({len(links):,} links)",
            best(lambda: hand_chains(links)),
            best(lambda: chains(links)),
            "query",
        )
    )

    catalog = registry.catalog
    orgs = list(catalog.organisations)
    _ = catalog.tree  # built once per registry; measured below
    rows.append(
        (
            f"descendants of all {len(orgs):,} organisations",
            best(lambda: [hand_descendants(catalog.children, o) for o in orgs]),
            best(lambda: [catalog.descendants(o) for o in orgs]),
            "query",
        )
    )
    from govorg.graph import OrgTree

    rows.append(("organisation tree, built once", 0.0, best(lambda: OrgTree(catalog.children)), "build"))
    return rows


def report(size: int, load_s: float, rows: list[tuple[str, float, float, str]]) -> str:
    host = machine()
    L = [
        "<!-- network -->",
        "## The graph work (networkx)",
        "",
        f"Written by `python bench/network.py --tenures {size:,}` on {host['date']} ({host['cpu']}, {host['cores']} cores, "
        f"Python {host['python']}); a synthetic registry of {size:,} tenures loaded in {load_s:.1f} s. Floors are "
        "plain-dict versions of the same work on the same data in the same run; see the script's docstring.",
        "",
        "| what | floor (ms) | networkx (ms) | networkx/floor |",
        "|---|---:|---:|---:|",
    ]
    for label, floor, graph, _ in rows:
        ratio = f"{graph / floor:.1f}×" if floor > 0 else "—"
        floor_text = f"{floor * 1000:,.2f}" if floor > 0 else "—"
        L.append(f"| {label} | {floor_text} | {graph * 1000:,.2f} | {ratio} |")
    L.append("<!-- /network -->")
    return "\n".join(L) + "\n"


def write_section(results: Path, section: str) -> None:
    text = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n"
    text = SECTION.sub(lambda _: section, text) if SECTION.search(text) else text.rstrip("\n") + "\n\n" + section
    results.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tenures", type=int, default=10_000, help="size of the synthetic registry (default 10000)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "govorg-bench")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    target = args.work / f"synth-{args.tenures}"
    if not (target / "leadership").is_dir():
        shutil.rmtree(target, ignore_errors=True)
        subprocess.run(["govorg", "synth", str(target), "--tenures", str(args.tenures)], check=True)
    start = time.perf_counter()
    registry = Registry.load(target)
    load_s = time.perf_counter() - start
    info = registry.info()
    first, last = info.earliest or date(2000, 1, 1), info.latest or date.today()
    year = (first + (last - first) / 2).year  # the middle of the data
    rows = measure(registry, date(year, 7, 2), date(year, 1, 1), date(year, 12, 31))
    section = report(args.tenures, load_s, rows)
    print(section)
    write_section(args.out, section)
    print(f"written to {args.out} ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)")


if __name__ == "__main__":
    main()
