"""The graph work (docs/network.md): the organisation tree, stand-in walks and vacancy chains
walked with networkx give the answers the hand-written loops gave (the loops are kept here as
references), and the network questions (interlocks, connection, cadre flows, centrality) on a
composed fixture of an invented county (tests/fixtures/network) through the library, GraphQL
and the `govorg` command."""

from __future__ import annotations

import json
import random
from collections import deque
from datetime import date

import pytest

from conftest import ROOT
from govorg.api.app import run_query
from govorg.dates import DateWindow, Precision
from govorg.graph import OrgTree
from govorg.history import Chain, Link, LinkKind, chains
from govorg.leadership import Rule, Scheme, _walk
from govorg.network import Measure
from govorg.registry import Registry
from govorg.tenures import Certainty, Post
from test_cli import govorg

NETWORK = ROOT / "tests" / "fixtures" / "network"
GOVERNMENTS = ROOT / "tests" / "fixtures" / "governments"
C, P = Certainty.CERTAIN, Certainty.POSSIBLE


@pytest.fixture(scope="module")
def county() -> Registry:
    return Registry.load(NETWORK)


# -- the organisation tree -----------------------------------------------------------------------


def descendants_by_hand(children: dict[str, list[str]], org_id: str) -> list[str]:
    out, seen, i = [org_id], {org_id}, 0
    while i < len(out):
        for child in children.get(out[i], ()):
            if child not in seen:
                seen.add(child)
                out.append(child)
        i += 1
    return out


@pytest.mark.parametrize("folder", [ROOT / "data", GOVERNMENTS, NETWORK], ids=["sample", "governments", "county"])
def test_the_tree_answers_as_the_hand_walk_did(folder: object) -> None:
    registry = Registry.load(folder)  # type: ignore[arg-type]
    catalog = registry.catalog
    parent_of = {child: parent for parent, kids in catalog.children.items() for child in kids}
    assert catalog.tree.acyclic
    for org_id in catalog.organisations:
        assert catalog.descendants(org_id) == descendants_by_hand(catalog.children, org_id)
        up = [org_id]
        while up[-1] in parent_of:
            up.append(parent_of[up[-1]])
        assert catalog.ancestors(org_id) == up


def test_a_tree_with_a_cycle_still_ends() -> None:
    tree = OrgTree({"a": ["b"], "b": ["c"], "c": ["a", "d"]})
    assert not tree.acyclic
    assert tree.descendants("a") == ["a", "b", "c", "d"]
    assert tree.ancestors("a") == ["a", "c", "b"]
    assert tree.descendants("zz") == ["zz"]


# -- stand-in walks --------------------------------------------------------------------------------


def walk_by_hand(
    scheme: Scheme, leader: str, absent: frozenset[str], unit: frozenset[str] | None
) -> tuple[str, ...] | None:
    """The breadth-first walk as it was written before networkx did it."""
    queue: deque[tuple[str, ...]] = deque([(leader,)])
    seen = {leader}
    while queue:
        path = queue.popleft()
        for rule in scheme.rules_for(path[-1], unit):
            for partner in rule.by:
                if partner in seen:
                    continue
                seen.add(partner)
                if partner not in absent:
                    return (*path, partner)
                queue.append((*path, partner))
    return None


def random_scheme(rng: random.Random) -> Scheme:
    people = [f"p{n}" for n in range(7)]
    units = ["u1", "u2", "u3"]
    rules = []
    for _ in range(rng.randint(1, 10)):
        leader = rng.choice(people)
        by = tuple(rng.sample(people, rng.randint(1, 3)))
        limited = frozenset(rng.sample(units, rng.randint(1, 2))) if rng.random() < 0.3 else frozenset()
        rules.append(Rule(leader, by, limited, (), False, None))
    return Scheme("doc", tuple(rules), (), frozenset(), None, None, None, "walk")


@pytest.mark.parametrize("seed", range(40), ids=lambda s: f"seed{s}")
def test_the_walk_finds_whom_the_hand_walk_found(seed: int) -> None:
    rng = random.Random(seed)
    scheme = random_scheme(rng)
    for _ in range(30):
        leader = f"p{rng.randint(0, 6)}"
        absent = frozenset(f"p{n}" for n in range(7) if rng.random() < 0.6) | {leader}
        unit = rng.choice([None, frozenset({"u1"}), frozenset({"u2", "u3"})])
        assert _walk(scheme, leader, absent, unit) == walk_by_hand(scheme, leader, absent, unit)


def test_the_walk_goes_breadth_first_in_printed_order() -> None:
    rules = (
        Rule("a", ("b", "c"), frozenset(), (), False, None),
        Rule("b", ("d",), frozenset(), (), False, None),
        Rule("c", ("e",), frozenset(), (), False, None),
        Rule("d", ("a",), frozenset(), (), False, None),  # leads back: the walk must end
    )
    scheme = Scheme("doc", rules, (), frozenset(), None, None, None, "walk")
    assert _walk(scheme, "a", frozenset({"a", "b", "c"}), None) == ("a", "b", "d")
    assert _walk(scheme, "a", frozenset({"a", "b", "c", "d"}), None) == ("a", "c", "e")
    assert _walk(scheme, "a", frozenset({"a", "b", "c", "d", "e"}), None) is None


# -- vacancy chains --------------------------------------------------------------------------------


def chains_by_hand(links: list[Link]) -> list[Chain]:
    """The depth-first chain walk as it was written before networkx did it."""
    outgoing: dict[str, list[Link]] = {}
    filled_by: set[str] = set()
    for link in links:
        outgoing.setdefault(link.left, []).append(link)
        filled_by.add(link.filled)
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


@pytest.mark.parametrize("seed", range(40), ids=lambda s: f"seed{s}")
def test_chains_are_the_maximal_paths_the_hand_walk_found(seed: int) -> None:
    rng = random.Random(seed)
    people = [f"p{n}" for n in range(rng.randint(2, 8))]
    when = DateWindow(date(2021, 1, 1), date(2021, 1, 1), "2021-01-01", Precision.DAY)
    links = [
        Link(a, b, (Post("org", f"t{n}"),), rng.choice(list(LinkKind)), when, ())
        for n in range(rng.randint(1, 12))
        for a, b in [rng.sample(people, 2)]
    ]
    assert chains(links) == chains_by_hand(links)


def test_the_gazette_chain_is_unchanged() -> None:
    registry = Registry.load(ROOT / "data")
    found = registry.vacancy_chains(date(2000, 1, 1), date(2030, 1, 1))
    assert [len(c.people) for c in found][:1] == [5]
    from govorg.history import vacancy_links

    assert found == chains_by_hand(vacancy_links(registry.validated.tenures, date(2000, 1, 1), date(2030, 1, 1)))


# -- interlocks ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        ("2023-02-01", []),  # only the archives group has a roster
        ("2023-04-10", [("an-bo", C, ["nq-flood", "nq-safety"]), ("bai-lu", P, ["nq-flood", "nq-rural"])]),
        ("2023-05-10", [("an-bo", C, ["nq-flood", "nq-safety"]), ("bai-lu", C, ["nq-flood", "nq-rural"])]),
    ],
    ids=["before-rosters", "month-dated-roster-possible", "after-the-month"],
)
def test_people_on_several_bodies(county: Registry, on: str, expected: list[object]) -> None:
    found = county.interlocking_people(on=date.fromisoformat(on))
    assert [(i.person, i.certainty, [t.group for t in i.ties]) for i in found] == expected


def test_bodies_that_share_members(county: Registry) -> None:
    found = county.interlocking_bodies(on=date(2023, 4, 10))
    shown = [(b.bodies, [(m.person, m.certainty) for m in b.members], b.certainty) for b in found]
    assert shown == [
        (("nq-flood", "nq-rural"), [("bai-lu", P)], P),
        (("nq-flood", "nq-safety"), [("an-bo", C)], C),
    ]


def test_the_sample_has_interlocks() -> None:
    registry = Registry.load(ROOT / "data")
    people = registry.interlocking_people(on=date(2021, 7, 1))
    bodies = registry.interlocking_bodies(on=date(2021, 7, 1))
    assert len(people) >= 2 and all(len(i.ties) >= 2 for i in people)
    assert bodies and {p.person for p in people} >= {m.person for m in bodies[0].members}


# -- connection ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "on", "people", "vias", "certainty"),
    [
        ("cao-yun", "du-juan", "2023-04-10", ["cao-yun", "bai-lu", "du-juan"], ["nq-flood", "nq-rural"], P),
        ("cao-yun", "du-juan", "2023-05-10", ["cao-yun", "bai-lu", "du-juan"], ["nq-flood", "nq-rural"], C),
        ("cao-yun", "kong-yi", "2023-05-10", ["cao-yun", "an-bo", "kong-yi"], ["nq-flood", "nq-safety"], C),
        # 富海's post has no recorded start: he possibly held it beside 孔怡
        ("kong-yi", "fu-hai", "2023-04-10", ["kong-yi", "fu-hai"], ["nq-finance"], P),
    ],
    ids=["through-a-possible-seat", "certain-later", "through-two-bodies", "through-a-unit"],
)
def test_the_shortest_connection(
    county: Registry, a: str, b: str, on: str, people: list[str], vias: list[str], certainty: Certainty
) -> None:
    found = county.connection(a, b, on=date.fromisoformat(on))
    assert found is not None
    assert list(found.people) == people
    assert [s.via for s in found.steps] == vias
    assert found.certainty is certainty


@pytest.mark.parametrize(
    ("a", "b"),
    [("cao-yun", "jin-ling"), ("cao-yun", "cao-yun"), ("cao-yun", "nobody")],
    ids=["not-linked", "same-person", "unknown"],
)
def test_no_connection(county: Registry, a: str, b: str) -> None:
    assert county.connection(a, b, on=date(2023, 5, 10)) is None


# -- cadre flows -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (
            "2023-01-01",
            "2023-12-31",
            [
                ("nq-finance", "nq-water", [("fu-hai", C), ("he-shan", C)]),
                ("nq-water", "nq-education", [("gu-qing", C), ("he-shan", C)]),
            ],
        ),
        # 顾青's appointment is dated July: possibly after the period's end
        (
            "2023-01-01",
            "2023-07-15",
            [
                ("nq-finance", "nq-water", [("fu-hai", C), ("he-shan", C)]),
                ("nq-water", "nq-education", [("gu-qing", P), ("he-shan", C)]),
            ],
        ),
        ("2023-04-01", "2023-05-31", [("nq-finance", "nq-water", [("fu-hai", C)])]),
        ("2024-01-01", "2024-12-31", []),
    ],
    ids=["the-year", "arrival-possibly-after", "one-notice", "nothing"],
)
def test_cadre_flows(county: Registry, start: str, end: str, expected: list[object]) -> None:
    found = county.cadre_flows(date.fromisoformat(start), date.fromisoformat(end))
    assert [(f.source, f.target, [(m.person, m.certainty) for m in f.moves]) for f in found] == expected


def test_a_person_moving_twice_makes_two_moves_not_three(county: Registry) -> None:
    found = county.cadre_flows(date(2023, 1, 1), date(2023, 12, 31))
    pairs = {(f.source, f.target) for f in found for m in f.moves if m.person == "he-shan"}
    assert pairs == {("nq-finance", "nq-water"), ("nq-water", "nq-education")}


# -- centrality ------------------------------------------------------------------------------------


def test_betweenness_finds_the_brokers(county: Registry) -> None:
    people = county.central(on=date(2023, 5, 10), measure=Measure.BETWEENNESS, kind="person")
    assert {c.id for c in people[:2]} == {"an-bo", "bai-lu"}
    assert people[0].score > 0 and people[-1].score == 0
    bodies = county.central(on=date(2023, 5, 10), measure=Measure.BETWEENNESS, kind="body")
    assert bodies[0].id == "nq-flood"
    assert {c.kind for c in county.central(on=date(2023, 5, 10))} == {"person", "body", "unit"}


def test_degree_counts_ties(county: Registry) -> None:
    found = county.central(on=date(2023, 5, 10), measure=Measure.DEGREE, kind="body")
    assert [(c.id, c.degree) for c in found][:2] == [("nq-flood", 3), ("nq-rural", 2)]


# -- GraphQL ---------------------------------------------------------------------------------------


def test_graphql_network_fields(county: Registry) -> None:
    query = """{
      interlockingPeople(on: "2023-04-10") { person { id } certainty seats { organisation { id } role certainty } }
      interlockingBodies(on: "2023-04-10", first: 1) { bodies { id } count certainty members { person { id } certainty } }
      connection(person: "cao-yun", other: "du-juan", on: "2023-05-10") {
        people { id } length certainty steps { via { id } next { id } certainty ties { kind role } }
      }
      none: connection(person: "cao-yun", other: "jin-ling", on: "2023-05-10") { length }
      cadreFlows(from: "2023-01-01", to: "2023-07-15") {
        from { id } to { id } count certainCount moves(first: 5) { person { id } certainty left { id } joined { id } }
      }
      central(on: "2023-05-10", measure: BETWEENNESS, kind: PERSON, first: 2) { kind person { id } organisation { id } measure degree }
    }"""
    data = run_query(county, query)
    assert "errors" not in data, data
    d = data["data"]
    assert [(i["person"]["id"], i["certainty"]) for i in d["interlockingPeople"]] == [
        ("an-bo", "CERTAIN"),
        ("bai-lu", "POSSIBLE"),
    ]
    assert d["interlockingPeople"][1]["seats"][1] == {
        "organisation": {"id": "nq-rural"},
        "role": "组长",
        "certainty": "POSSIBLE",
    }
    assert d["interlockingBodies"] == [
        {
            "bodies": [{"id": "nq-flood"}, {"id": "nq-rural"}],
            "count": 1,
            "certainty": "POSSIBLE",
            "members": [{"person": {"id": "bai-lu"}, "certainty": "POSSIBLE"}],
        }
    ]
    conn = d["connection"]
    assert [p["id"] for p in conn["people"]] == ["cao-yun", "bai-lu", "du-juan"]
    assert conn["length"] == 2 and conn["certainty"] == "CERTAIN"
    assert conn["steps"][0]["ties"] == [{"kind": "BODY", "role": "成员"}, {"kind": "BODY", "role": "副总指挥"}]
    assert d["none"] is None
    flows = d["cadreFlows"]
    assert [(f["from"]["id"], f["to"]["id"], f["count"], f["certainCount"]) for f in flows] == [
        ("nq-finance", "nq-water", 2, 2),
        ("nq-water", "nq-education", 2, 1),
    ]
    assert {n["person"]["id"] for n in d["central"]} == {"an-bo", "bai-lu"}
    assert all(n["organisation"] is None and n["measure"] == "BETWEENNESS" for n in d["central"])


def test_graphql_network_lists_page(county: Registry) -> None:
    second = run_query(county, "{ cursor(received: 1) }")["data"]["cursor"]
    data = run_query(
        county,
        'query($after: String) { interlockingPeople(on: "2023-05-10", first: 1, after: $after) { person { id } } }',
        {"after": second},
    )
    assert data["data"]["interlockingPeople"] == [{"person": {"id": "bai-lu"}}]
    refused = run_query(county, '{ central(on: "2023-05-10", first: 100000) { score } }')
    assert "errors" in refused


# -- the command -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "check"),
    [
        (["interlocks", "--on", "2023-04-10"], lambda d: [p["person"] for p in d["people"]] == ["an-bo", "bai-lu"]),
        (
            ["path", "曹云", "du-juan", "--on", "2023-05-10"],
            lambda d: (
                [p["person"] for p in d["people"]] == ["cao-yun", "bai-lu", "du-juan"] and d["certainty"] == "CERTAIN"
            ),
        ),
        (
            ["flows", "--from", "2023-01-01", "--to", "2023-12-31"],
            lambda d: (
                [(f["from"], f["to"], f["count"]) for f in d["flows"]]
                == [("nq-finance", "nq-water", 2), ("nq-water", "nq-education", 2)]
            ),
        ),
        (
            ["central", "--on", "2023-05-10", "--measure", "degree", "--kind", "body", "--top", "1"],
            lambda d: [n["id"] for n in d["nodes"]] == ["nq-flood"] and d["measure"] == "degree",
        ),
    ],
    ids=["interlocks", "path", "flows", "central"],
)
def test_the_network_command(args: list[str], check: object) -> None:
    result = govorg("network", *args, "--json", "--data", str(NETWORK))
    assert result.returncode == 0, result.stderr
    assert check(json.loads(result.stdout))  # type: ignore[operator]


def test_the_network_command_in_text() -> None:
    result = govorg("network", "interlocks", "--on", "2023-04-10", "--data", str(NETWORK))
    assert result.returncode == 0, result.stderr
    assert "白露（bai-lu）：2 个机构［可能］" in result.stdout
    assert "南桥县乡村振兴领导小组 组长［可能］" in result.stdout
    english = govorg("--lang", "en", "network", "interlocks", "--on", "2023-04-10", "--data", str(NETWORK))
    assert "白露 (bai-lu): 2 bodies [POSSIBLE]" in english.stdout
    assert "南桥县乡村振兴领导小组 组长 [POSSIBLE]" in english.stdout
    missing = govorg("network", "path", "cao-yun", "jin-ling", "--on", "2023-05-10", "--data", str(NETWORK))
    assert missing.returncode == 1 and "曹云 与 金玲 之间没有联系" in missing.stderr
    backwards = govorg("network", "flows", "--from", "2023-12-31", "--to", "2023-01-01", "--data", str(NETWORK))
    assert backwards.returncode == 2


def test_the_network_command_on_the_sample() -> None:
    result = govorg("network", "central", "--on", "2021-07-01", "--top", "3", "--sample")
    assert result.returncode == 0, result.stderr
    assert "2021-07-01 按 degree 排列的中心节点" in result.stdout
    assert "长宁区未成年人保护委员会" in result.stdout
