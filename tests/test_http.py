"""HTTP behaviour of the server: CORS, ETag and Cache-Control, gzip, UTF-8 answers, malformed
requests, the byte-bounded answer cache, /health after a failed reload, and who sees problems."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from govorg.api.app import AnswerCache, create_app
from govorg.cli.main import build_parser
from govorg.registry import Registry

QUERY = '{ people(name: "王峰") { id name } }'
ORIGIN = "https://portal.example.org"


@pytest.fixture(scope="module")
def client(tiny_registry: Registry) -> TestClient:
    return TestClient(create_app(tiny_registry, cors_origins=[ORIGIN]))


def test_cors_preflight_allows_only_the_listed_origins(client: TestClient) -> None:
    asked = {"access-control-request-method": "POST", "access-control-request-headers": "content-type"}
    allowed = client.options("/graphql", headers={"origin": ORIGIN, **asked})
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == ORIGIN
    other = client.options("/graphql", headers={"origin": "https://elsewhere.example", **asked})
    assert other.status_code == 400 and "access-control-allow-origin" not in other.headers
    simple = client.post("/graphql", json={"query": QUERY}, headers={"origin": ORIGIN})
    assert simple.headers["access-control-allow-origin"] == ORIGIN


def test_etag_is_the_same_for_get_and_post_and_answers_304(client: TestClient) -> None:
    posted = client.post("/graphql", json={"query": QUERY})
    got = client.get("/graphql", params={"query": QUERY})
    tag = posted.headers["etag"]
    assert got.headers["etag"] == tag and posted.headers["cache-control"] == "no-cache"
    for again in (
        client.post("/graphql", json={"query": QUERY}, headers={"if-none-match": tag}),
        client.get("/graphql", params={"query": QUERY}, headers={"if-none-match": f'"other", {tag}'}),
    ):
        assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
    other = client.post("/graphql", json={"query": '{ people(name: "李四") { id } }'}, headers={"if-none-match": tag})
    assert other.status_code == 200 and other.headers["etag"] != tag


def test_etag_changes_with_the_data(tiny_registry: Registry, tiny_copy: Path) -> None:
    app = create_app(tiny_registry)
    client = TestClient(app)
    tag = client.post("/graphql", json={"query": QUERY}).headers["etag"]
    roster = tiny_copy / "roster.yaml"
    roster.write_text(roster.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    app.state.holder.swap(Registry.load(tiny_copy))
    after = client.post("/graphql", json={"query": QUERY}, headers={"if-none-match": tag})
    assert after.status_code == 200 and after.headers["etag"] != tag


@pytest.mark.parametrize(
    ("options", "headers", "cache_control", "vary"),
    [
        ({}, {}, "no-cache", None),
        ({"admin_token": "s3cret"}, {}, "no-cache", "Authorization"),
        ({"admin_token": "s3cret"}, {"authorization": "Bearer s3cret"}, "private, no-cache", "Authorization"),
        ({"show_problems": True}, {}, "private, no-cache", None),
    ],
    ids=["public", "token-not-sent", "admin", "show-problems"],
)
def test_answer_headers_the_same_on_every_path(
    tiny_registry: Registry, options: dict[str, Any], headers: dict[str, str], cache_control: str, vary: str | None
) -> None:
    """An answer's headers (govorg.api.app.JSONAnswer) are the same whether it is run, taken from
    the answer cache or answered 304: the ETag, who may cache it and on what it varies, and a
    content length and type that are the body's."""
    client = TestClient(create_app(tiny_registry, **options))
    first = client.post("/graphql", json={"query": QUERY}, headers=headers)
    cached = client.post("/graphql", json={"query": QUERY}, headers=headers)
    unchanged = client.post(
        "/graphql", json={"query": QUERY}, headers={**headers, "if-none-match": first.headers["etag"]}
    )
    for answer in (first, cached):
        assert answer.status_code == 200 and answer.content == first.content
        assert answer.headers["content-type"] == "application/json"
        assert answer.headers["content-length"] == str(len(answer.content))
    assert unchanged.status_code == 304 and unchanged.content == b""
    for answer in (first, cached, unchanged):
        assert answer.headers["etag"] == first.headers["etag"]
        assert answer.headers["cache-control"] == cache_control
        assert answer.headers.get("vary") == vary


def test_errors_are_not_cached_by_anyone(client: TestClient) -> None:
    response = client.post("/graphql", json={"query": "{ nope }"})
    assert response.status_code == 200 and response.headers["cache-control"] == "no-store"
    assert "etag" not in response.headers


def test_large_answers_are_gzipped(client: TestClient) -> None:
    query = "{ __schema { types { name description } } }"
    response = client.post("/graphql", json={"query": query}, headers={"accept-encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert "accept-encoding" in response.headers["vary"].lower()  # caches keep the forms apart
    assert response.json()["data"]["__schema"]["types"]


@pytest.mark.parametrize("accepted", ["", "identity", "br, deflate"])
def test_clients_that_take_no_gzip_get_the_answer_as_it_is(client: TestClient, accepted: str) -> None:
    """A client that does not take gzip gets the same bytes, uncompressed (govorg.api.app.Compress
    passes its request straight through)."""
    query = "{ __schema { types { name description } } }"
    plain = client.post("/graphql", json={"query": query}, headers={"accept-encoding": accepted})
    gzipped = client.post("/graphql", json={"query": query}, headers={"accept-encoding": "gzip"})
    assert "content-encoding" not in plain.headers
    assert int(plain.headers["content-length"]) == len(plain.content) > 1000
    assert plain.content == gzipped.content  # httpx decompressed the second


def test_get_answers_in_utf8_like_post(client: TestClient) -> None:
    got = client.get("/graphql", params={"query": QUERY})
    posted = client.post("/graphql", json={"query": QUERY})
    assert got.content == posted.content
    assert "王".encode() in got.content and b"\\u" not in got.content


@pytest.mark.parametrize(
    ("body", "content_type", "status", "message"),
    [
        (b'"x"', "application/json", 400, "must be a JSON object"),
        (b"{not json", "application/json", 400, "not JSON"),
        (b"", "application/json", 400, "not JSON"),
        (b"{}", "application/json", 400, "no query"),
        (b'{"query": 5}', "application/json", 400, "no query"),
        (b'{"query": "  "}', "application/json", 400, "no query"),
        (b'{"query": "{ registry { files } }", "variables": "x"}', "application/json", 400, "variables"),
        (b'{"query": "{ registry { files } }", "operationName": 3}', "application/json", 400, "operationName"),
        (b'{"query": "query A { registry { files } }", "operationName": "B"}', "application/json", 400, "'B'"),
        (b'[{"query": "{ registry { files } }"}]', "application/json", 400, "batched"),
        (b"{ registry { files } }", "text/plain", 415, "application/json"),
    ],
    ids=[
        "json-string",
        "invalid-json",
        "empty",
        "no-query",
        "query-not-text",
        "blank-query",
        "variables-not-object",
        "operation-name-not-text",
        "unknown-operation",
        "batch",
        "not-json",
    ],
)
def test_malformed_requests_get_4xx_with_a_message(
    client: TestClient, body: bytes, content_type: str, status: int, message: str
) -> None:
    response = client.post("/graphql", content=body, headers={"content-type": content_type})
    assert response.status_code == status, response.text
    assert message in response.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    ("params", "message"),
    [({}, "needs a `query`"), ({"query": "{ registry { files } }", "variables": "{x"}, "variables is not JSON")],
    ids=["no-query", "variables-not-json"],
)
def test_malformed_get_requests_get_400(client: TestClient, params: dict[str, str], message: str) -> None:
    response = client.get("/graphql", params=params, headers={"accept": "application/json"})
    assert response.status_code == 400 and message in response.json()["errors"][0]["message"]


def test_body_and_query_string_size_limits(tiny_registry: Registry) -> None:
    client = TestClient(create_app(tiny_registry, max_body_bytes=200))
    big = {"query": "{ registry { files } }" + " " * 300}
    posted = client.post("/graphql", json=big)
    assert posted.status_code == 413
    assert posted.json()["errors"][0]["extensions"] == {"code": "LIMIT_EXCEEDED", "limit": "maxBodyBytes", "value": 200}
    assert client.get("/graphql", params=big).status_code == 414
    assert client.post("/graphql", json={"query": "{ registry { files } }"}).status_code == 200


def test_the_answer_cache_is_bounded_in_bytes() -> None:
    cache = AnswerCache(max_bytes=1000)
    for n in range(20):
        cache.put((0, f"tag{n:02}"), b"x" * 95)
    assert cache.bytes <= 1000 and len(cache) == 10
    assert cache.get((0, "tag00")) is None and cache.get((0, "tag19")) == b"x" * 95
    cache.put((0, "huge"), b"x" * 300)  # over a quarter of the budget: not kept
    assert cache.get((0, "huge")) is None


def test_the_app_cache_budget_is_configurable(tiny_registry: Registry) -> None:
    app = create_app(tiny_registry, cache_bytes=10)
    client = TestClient(app)
    assert client.post("/graphql", json={"query": QUERY}).status_code == 200
    assert len(app.state.cache) == 0  # every answer is over a quarter of 10 bytes


# -- /health and problem details -------------------------------------------------------------------

PROBLEM = "data/people/x.yaml:3:5: GO101 unknown key `nmae`: did you mean `name`?"
RELOAD = "{ registry { reload { ok error problems problemCount failingSince } } }"


def _refused_twice(app: Any) -> None:
    app.state.holder.refuse("1 error in data/people/x.yaml", [PROBLEM])
    app.state.holder.refuse("1 error in data/people/x.yaml", [PROBLEM])


def test_health_is_ok_then_degraded_with_since_then_ok_again(tiny_registry: Registry) -> None:
    app = create_app(tiny_registry)
    client = TestClient(app)
    ok = client.get("/health")
    assert ok.status_code == 200 and ok.json()["status"] == "ok" and ok.json()["since"] is None
    app.state.holder.refuse("1 error in data/people/x.yaml", [PROBLEM])
    first = client.get("/health").json()
    app.state.holder.refuse("1 error in data/people/x.yaml", [PROBLEM])
    degraded = client.get("/health")
    assert degraded.status_code == 503
    assert degraded.json()["status"] == "degraded" and degraded.json()["since"] == first["since"] is not None
    assert degraded.json()["problems"] == 1
    app.state.holder.swap(tiny_registry)
    assert client.get("/health").json() == ok.json()


@pytest.mark.parametrize(
    ("options", "headers", "shown"),
    [
        ({}, {}, False),
        ({"admin_token": "s3cret"}, {}, False),
        ({"admin_token": "s3cret"}, {"authorization": "Bearer wrong"}, False),
        ({"admin_token": "s3cret"}, {"authorization": "Bearer s3cret"}, True),
        ({"show_problems": True}, {}, True),
    ],
    ids=["default", "token-not-sent", "wrong-token", "admin-token", "show-problems"],
)
def test_problem_details_only_when_configured(
    tiny_registry: Registry, options: dict[str, Any], headers: dict[str, str], shown: bool
) -> None:
    app = create_app(tiny_registry, **options)
    client = TestClient(app)
    _refused_twice(app)
    health = client.get("/health", headers=headers).json()
    reload = client.post("/graphql", json={"query": RELOAD}, headers=headers).json()["data"]["registry"]["reload"]
    assert health["problems"] == reload["problemCount"] == 1
    assert reload["failingSince"] == health["since"] and reload["ok"] is False
    if shown:
        assert health["problemDetails"] == reload["problems"] == [PROBLEM]
        assert "x.yaml" in health["reloadError"] and "x.yaml" in reload["error"]
    else:
        assert "problemDetails" not in health and reload["problems"] == []
        assert "x.yaml" not in str(health) and "x.yaml" not in str(reload)


def test_serve_options_parse() -> None:
    args = build_parser().parse_args(
        [
            "serve",
            "--cors-origin",
            ORIGIN,
            "--cors-origin",
            "http://localhost:3000",
            "--max-depth",
            "8",
            "--timeout",
            "2.5",
        ]
    )
    assert args.cors_origin == [ORIGIN, "http://localhost:3000"]
    assert (args.max_depth, args.timeout, args.show_problems) == (8, 2.5, False)


def test_without_origins_there_is_no_cors(tiny_registry: Registry) -> None:
    plain = TestClient(create_app(tiny_registry))
    asked = {"origin": ORIGIN, "access-control-request-method": "POST"}
    assert plain.options("/graphql", headers=asked).status_code == 405
    answer = plain.post("/graphql", json={"query": QUERY}, headers={"origin": ORIGIN})
    assert answer.status_code == 200 and "access-control-allow-origin" not in answer.headers
