"""Lists for portals: `Registry.list_*`, the GraphQL list fields with pages, and `govorg list`;
on the composed fixtures of invented governments and bodies."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from govorg.api.app import run_query
from govorg.cli.main import main
from govorg.records import OrganisationKind
from govorg.registry import Registry, UnknownGovernment

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOVERNMENTS = FIXTURES / "governments"
BODIES = FIXTURES / "bodies"


@pytest.fixture(scope="module")
def governments() -> Registry:
    return Registry.load(GOVERNMENTS)


@pytest.fixture(scope="module")
def bodies() -> Registry:
    return Registry.load(BODIES)


def test_organisations_by_government_and_kind(governments: Registry) -> None:
    jia = governments.list_organisations(government="甲市人民政府")
    assert jia and all(governments.catalog.government_of[o.id] == "jia" for o in jia)
    assert "jia" in [o.id for o in jia] and "yi-police" not in [o.id for o in jia]
    govs = governments.list_organisations(kinds=[OrganisationKind.GOVERNMENT])
    assert {o.id for o in govs} == {g.id for g in governments.governments()}
    everything = governments.list_organisations()
    assert len(everything) == len(governments.catalog.organisations)
    assert everything == governments.list_organisations()  # the same order every time
    with pytest.raises(UnknownGovernment):
        governments.list_organisations(government="无此政府")


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        pytest.param("李", {"li-ming", "li-ming-yi"}, id="surname"),
        pytest.param("李明", {"li-ming", "li-ming-yi"}, id="full-name-twice"),
        pytest.param("王", {"wang-hong"}, id="one"),
        pytest.param("无", set(), id="none"),
    ],
)
def test_people_by_prefix(governments: Registry, prefix: str, expected: set[str]) -> None:
    found = {p.id for p in governments.list_people(prefix=prefix)}
    assert expected <= found if expected else found == set()
    assert all(p.name.startswith(prefix) for p in governments.list_people(prefix=prefix))


def test_people_are_sorted_by_name_then_id(governments: Registry) -> None:
    people = governments.list_people()
    assert len(people) == len(governments.catalog.people)
    assert [(p.name, p.id) for p in people] == sorted((p.name, p.id) for p in people)


def test_bodies_by_kind(bodies: Registry) -> None:
    groups = bodies.list_bodies(kinds=[OrganisationKind.LEADING_GROUP])
    assert groups and all(o.kind is OrganisationKind.LEADING_GROUP for o in groups)
    assert {o.id for o in bodies.list_bodies()} == {o.id for o in bodies.committees()}


def test_documents_by_issuer_and_dates(bodies: Registry) -> None:
    docs = bodies.list_documents()
    assert len(docs) == len(bodies.catalog.documents)
    days = [d.date.earliest or date.max for d in docs]
    assert days == sorted(days)
    in_2023 = bodies.list_documents(start=date(2023, 1, 1), end=date(2023, 12, 31))
    assert in_2023 and all(d.date.overlaps(date(2023, 1, 1), date(2023, 12, 31)) for d in in_2023)
    assert len(in_2023) < len(docs)
    issuer = next(d.issuer for d in docs if d.issuer)
    issued = bodies.list_documents(issuer=issuer)
    assert issued and all(d.issuer for d in issued)
    assert len(bodies.list_documents(issuer="无此机关")) == 0


def test_graphql_lists_page_with_first_and_after(bodies: Registry) -> None:
    query = """query($after: String) {
      organisations(kind: ["department"], first: 2, after: $after) { id kind }
    }"""
    everything = [o.id for o in bodies.list_organisations(kinds=[OrganisationKind.DEPARTMENT])]
    first = run_query(bodies, query)["data"]["organisations"]
    cursor = run_query(bodies, "{ cursor(received: 2) }")["data"]["cursor"]
    second = run_query(bodies, query, {"after": cursor})["data"]["organisations"]
    assert [o["id"] for o in first + second] == everything[:4]
    assert all(o["kind"] == "department" for o in first)


def test_graphql_documents_people_and_bad_kind(bodies: Registry) -> None:
    answer = run_query(
        bodies, '{ documents(from: "2023-01-01", to: "2023-12-31") { id } people(prefix: "李") { name } }'
    )
    assert [d["id"] for d in answer["data"]["documents"]] == [
        d.id for d in bodies.list_documents(start=date(2023, 1, 1), end=date(2023, 12, 31))
    ]
    assert all(p["name"].startswith("李") for p in answer["data"]["people"])
    refused = run_query(bodies, '{ organisations(kind: ["nonsense"]) { id } }')
    assert "not an organisation kind" in refused["errors"][0]["message"]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        pytest.param(["organisations", "--kind", "government"], {"dl-gov", "qc-gov", "bs-gov"}, id="organisations"),
        pytest.param(["bodies", "--kind", "leading_group"], None, id="bodies"),
        pytest.param(["documents", "--from", "2023-01-01", "--to", "2023-12-31"], None, id="documents"),
        pytest.param(["people", "--prefix", "李"], None, id="people"),
    ],
)
def test_cli_list(
    bodies: Registry, capsys: pytest.CaptureFixture[str], argv: list[str], expected: set[str] | None
) -> None:
    assert main(["list", *argv, "--data", str(BODIES), "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    ids = {item["id"] for item in answer["items"]}
    assert answer["total"] == len(answer["items"]) > 0
    if expected is not None:
        assert ids == expected


def test_cli_list_pages(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "organisations", "--data", str(BODIES), "--json"]) == 0
    everything = [i["id"] for i in json.loads(capsys.readouterr().out)["items"]]
    assert main(["list", "organisations", "--data", str(BODIES), "--json", "--limit", "3", "--offset", "2"]) == 0
    assert [i["id"] for i in json.loads(capsys.readouterr().out)["items"]] == everything[2:5]
    from govorg.api.pages import cursor

    assert main(["list", "organisations", "--data", str(BODIES), "--first", "2", "--after", cursor(4)]) == 0
    text = capsys.readouterr().out
    assert everything[4] in text and everything[6] not in text and "显示 2 条" in text
    assert main(["list", "organisations", "--data", str(BODIES), "--after", "junk"]) == 2
