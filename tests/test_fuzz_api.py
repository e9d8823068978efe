"""Fuzzing the GraphQL API with schemathesis: queries generated from the served schema (every root
field, valid and invalid argument values) sent to the app in-process, by POST and by GET. Whatever the query, the
server answers it or refuses it; it never fails with a 5xx.

Bounded (MAX_EXAMPLES per root field) to stay well under a minute on two cores.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.graphql import nodes
from starlette.applications import Starlette
from starlette.testclient import TestClient

from govorg.api.app import create_app
from govorg.registry import Registry

MAX_EXAMPLES = 30

# The schema's one custom scalar: real ISO dates mostly, and some text that is no date at all.
schemathesis.graphql.scalar(
    "Date",
    st.one_of(
        st.dates().map(lambda day: nodes.String(day.isoformat())),
        st.text(max_size=12).map(nodes.String),
    ),
)


@pytest.fixture(scope="module")
def app(tiny_registry: Registry) -> Starlette:
    return create_app(tiny_registry)


@pytest.fixture(scope="module")
def api_schema(app: Starlette) -> Any:
    return schemathesis.graphql.from_asgi("/graphql", app)


@pytest.fixture(scope="module")
def client(app: Starlette) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI is reproducible, and a failure replays
    suppress_health_check=list(HealthCheck),
)
def test_no_query_makes_the_server_fail(case: Any, client: TestClient) -> None:
    response = case.call()  # POST, JSON body
    assert response.status_code < 500, (case.body, response.status_code, response.text[:500])
    # The same query by GET, which takes another path through the app.
    by_get = client.get("/graphql", params={"query": case.body}, headers={"accept": "application/json"})
    assert by_get.status_code < 500, (case.body, by_get.status_code, by_get.text[:500])
