"""The GraphQL contract: schema.graphql equals the served schema, every field is described,
every time-dependent field takes a date, and the example queries answer over HTTP."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import GraphQLObjectType
from starlette.testclient import TestClient

from conftest import ROOT
from govorg.api.app import create_app, run_query
from govorg.api.schema import printed_schema, schema
from govorg.registry import Registry

TIME_DEPENDENT = {
    ("Query", "holders"),
    ("Query", "organisation"),
    ("Organisation", "name"),
    ("Post", "holders"),
    ("Person", "posts"),
    ("Tenure", "certainty"),
    ("Probation", "onProbation"),
    ("Query", "leaders"),
    ("Query", "inCharge"),
    ("Query", "deputies"),
    ("PortfolioUnit", "name"),
    ("Query", "committee"),
    ("Query", "committees"),
    ("Query", "memberships"),
    ("Committee", "name"),
}


def test_schema_file_equals_the_served_schema() -> None:
    on_disk = (ROOT / "schema.graphql").read_text(encoding="utf-8")
    assert on_disk == printed_schema(), "run: python -m govorg.api.export > schema.graphql"


def _object_types() -> list[GraphQLObjectType]:
    types = schema._schema.type_map.values()
    return [t for t in types if isinstance(t, GraphQLObjectType) and not t.name.startswith("__")]


def test_every_type_and_field_is_described() -> None:
    for gtype in _object_types():
        assert gtype.description, gtype.name
        for name, field in gtype.fields.items():
            assert field.description, f"{gtype.name}.{name}"


def test_time_dependent_fields_take_the_date() -> None:
    for gtype in _object_types():
        for name, field in gtype.fields.items():
            if (gtype.name, name) in TIME_DEPENDENT:
                assert "on" in field.args, f"{gtype.name}.{name} must take `on`"


@pytest.fixture(scope="module")
def client(registry: Registry) -> TestClient:
    return TestClient(create_app(registry))


def post(client: TestClient, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    response = client.post("/graphql", json={"query": query, "variables": variables or {}})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    return body["data"]  # type: ignore[no-any-return]


def test_holders_over_http_with_certainty_dates_and_sources(client: TestClient) -> None:
    data = post(
        client,
        """query($on: Date) { holders(organisation: "上海市第三女子中学", title: "校长", on: $on) {
            person { name } certainty
            tenure { start { text earliest latest precision } end { text } rank { grade equivalent }
                     sources { title page publishedIn { title } } } } }""",
        {"on": "2021-05-15"},
    )
    by_name = {h["person"]["name"]: h for h in data["holders"]}
    assert {n: h["certainty"] for n, h in by_name.items()} == {"潘敬芳": "POSSIBLE", "徐永初": "POSSIBLE"}
    pan = by_name["潘敬芳"]["tenure"]
    assert pan["start"] == {
        "text": "2021-04..2021-06",
        "earliest": "2021-04-01",
        "latest": "2021-06-30",
        "precision": "SPAN",
    }
    assert pan["rank"] == {"grade": "管理岗位五级职员", "equivalent": "正处级"}
    assert pan["sources"][0]["page"] == 25
    assert by_name["徐永初"]["tenure"]["start"]["precision"] == "UNKNOWN"


def test_people_posts_documents_and_registry(client: TestClient) -> None:
    data = post(
        client,
        """{ people(name: "王 峰") { id name printedNames posts(on: "2021-07-01") { post { title organisation { name(on: "2021-07-01") } } } }
             a: document(number: "长府办(2021)9号") { id canonicalNumber }
             b: document(number: "长府办（2021）9号") { id canonicalNumber }
             registry { dataVersion counts { appointments confirmations removals tenures } earliest latest } }""",
    )
    (wang,) = data["people"]
    assert wang["printedNames"] == ["王 峰"]
    assert wang["posts"] == [
        {"post": {"title": "副主任", "organisation": {"name": "长宁区人民政府仙霞新村街道办事处"}}}
    ]
    assert data["a"] == data["b"] == {"id": "cfb-2021-09", "canonicalNumber": "长府办〔2021〕9号"}
    assert data["registry"]["counts"] == {"appointments": 19, "confirmations": 12, "removals": 9, "tenures": 92}
    assert (data["registry"]["earliest"], data["registry"]["latest"]) == ("2021-04-01", "2021-07-22")


def test_probation_and_confirmation_over_graphql(registry: Registry) -> None:
    data = run_query(
        registry,
        """{ zhu: person(id: "zhu-hong") { tenures { probation { months until { text } onProbation(on: "2021-07-01") } } }
             shen: person(id: "shen-lei") { tenures { confirmed { text } probation { months } } } }""",
    )["data"]
    assert data["zhu"]["tenures"] == [
        {"probation": {"months": 12, "until": {"text": "2022-04-01..2022-06-30"}, "onProbation": "CERTAIN"}}
    ]
    assert data["shen"]["tenures"] == [{"confirmed": [{"text": "2021-04..2021-06"}], "probation": None}]


def test_organisation_by_old_and_new_name(registry: Registry) -> None:
    data = run_query(
        registry,
        """{ old: organisation(name: "长宁区教育督导委员会", on: "2021-04-01") { id name(on: "2021-04-01") formerNames { name until { text } source { canonicalNumber } } }
             new: organisation(name: "长宁区人民政府教育督导委员会", on: "2021-04-14") { id name(on: "2021-04-14") } }""",
    )["data"]
    assert data["old"]["id"] == data["new"]["id"]
    assert data["old"]["name"] == "长宁区教育督导委员会" and data["new"]["name"] == "长宁区人民政府教育督导委员会"
    assert data["old"]["formerNames"] == [
        {
            "name": "长宁区教育督导委员会",
            "until": {"text": "2021-04-13"},
            "source": {"canonicalNumber": "长府办〔2021〕7号"},
        }
    ]


def test_errors_come_back_in_the_standard_shape(registry: Registry) -> None:
    response = run_query(registry, "{ nope }")
    assert response["data"] is None and response["errors"][0]["message"].startswith("Cannot query field")


def test_health_and_index(client: TestClient) -> None:
    assert client.get("/health").json()["status"] == "ok"
    assert client.get("/", follow_redirects=False).headers["location"] == "/graphql"


def test_answers_are_cached_per_data_version_and_dropped_on_swap(registry: Registry, tiny_registry: Registry) -> None:
    app = create_app(registry)
    query = {"query": '{ holders(organisation: "区房管局", title: "副局长", on: "2021-07-01") { person { name } } }'}
    with TestClient(app) as client:
        first = client.post("/graphql", json=query).json()
        assert client.post("/graphql", json=query).json() == first
        assert {h["person"]["name"] for h in first["data"]["holders"]} == {"陆良", "马彬"}
        app.state.holder.swap(tiny_registry)  # what a reload does
        swapped = client.post("/graphql", json=query).json()
        assert {h["person"]["name"] for h in swapped["data"]["holders"]} == {"赵六", "王峰"}


def test_other_requests_go_to_strawberrys_view(client: TestClient) -> None:
    bad = client.post("/graphql", content=b"{not json", headers={"content-type": "application/json"})
    assert bad.status_code == 400
    ide = client.get("/graphql", headers={"accept": "text/html"})
    assert ide.status_code == 200 and "graphiql" in ide.text.lower()
    via_get = client.get("/graphql", params={"query": "{ registry { files } }"})
    assert via_get.status_code == 200 and via_get.json()["data"]["registry"]["files"] > 0
    with_errors = client.post("/graphql", json={"query": "{ nope }"})
    assert with_errors.status_code == 200 and with_errors.json()["errors"][0]["message"].startswith(
        "Cannot query field"
    )
