"""GraphiQL is served from the package: the page and everything it loads come from the server itself."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from starlette.testclient import TestClient

from conftest import ROOT
from govorg.api.app import create_app
from govorg.registry import Registry

STATIC = ROOT / "src" / "govorg" / "api" / "static"
ORIGIN = "http://testserver"
PAGE_URL = ORIGIN + "/graphql"


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.inline_css: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [value for name, value in attrs if name in ("src", "href", "action", "srcset") and value]
        self.inline_css += [value for name, value in attrs if name == "style" and value]
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.inline_css.append(data)


CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.DOTALL)


def css_references(css: str) -> list[str]:
    return [m.group(2) if m.group(2) is not None else m.group(4) for m in CSS_URL.finditer(css)]


def html_references(html: str) -> list[str]:
    parser = _References()
    parser.feed(html)
    return parser.found + [ref for css in parser.inline_css for ref in css_references(css)]


def foreign(references: list[str], base: str) -> list[str]:
    """The references that leave the base URL's origin (data: URIs load nothing, so they pass)."""
    origin = urlsplit(base)[:2]
    return [ref for ref in references if not ref.startswith("data:") and urlsplit(urljoin(base, ref))[:2] != origin]


@pytest.mark.parametrize(
    ("html", "bad"),
    [
        ('<script src="https://unpkg.com/react.js"></script>', ["https://unpkg.com/react.js"]),
        ('<link rel="stylesheet" href="//cdn.example/x.css">', ["//cdn.example/x.css"]),
        ('<img src="http://testserver:8080/a.png">', ["http://testserver:8080/a.png"]),
        ("<style>body { background: url('https://fonts.example/f.woff') }</style>", ["https://fonts.example/f.woff"]),
        ('<style>@import "https://fonts.example/css";</style>', ["https://fonts.example/css"]),
        ('<script src="graphiql/a.js"></script><link href="/x.css"><img src="data:,">', []),
        ('<div style="background: url(http://evil.example/p.png)"></div>', ["http://evil.example/p.png"]),
    ],
    ids=["absolute", "scheme-relative", "other-port", "css-url", "css-import", "relative-ok", "style-attribute"],
)
def test_the_checker_finds_foreign_references(html: str, bad: list[str]) -> None:
    assert foreign(html_references(html), PAGE_URL) == bad


@pytest.fixture(scope="module")
def client(tiny_registry: Registry) -> Iterator[TestClient]:
    with TestClient(create_app(tiny_registry), base_url=ORIGIN) as client:
        yield client


@pytest.mark.parametrize("accept", ["text/html,application/xhtml+xml,*/*;q=0.8", "*/*"], ids=["browser", "any"])
def test_a_browser_get_of_graphql_is_the_packaged_page(client: TestClient, accept: str) -> None:
    page = client.get("/graphql", headers={"accept": accept})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "graphiql/graphiql.min.js" in page.text and "unpkg" not in page.text


def test_graphql_requests_are_not_the_page(client: TestClient) -> None:
    by_get = client.get("/graphql", params={"query": "{ registry { files } }"}, headers={"accept": "text/html"})
    assert by_get.json()["data"]["registry"]["files"] > 0
    by_post = client.post("/graphql", json={"query": "{ registry { files } }"}, headers={"accept": "text/html"})
    assert by_post.json()["data"]["registry"]["files"] > 0


def test_the_page_and_its_assets_reference_only_the_server(client: TestClient) -> None:
    page = client.get("/graphql", headers={"accept": "text/html"}).text
    references = html_references(page)
    assert foreign(references, PAGE_URL) == []
    loaded = [urljoin(PAGE_URL, ref) for ref in references if not ref.startswith("data:")]
    assert {urlsplit(url).path for url in loaded} >= {
        "/graphiql/graphiql.min.js",
        "/graphiql/graphiql.min.css",
        "/graphiql/react.production.min.js",
        "/graphiql/react-dom.production.min.js",
    }
    for url in loaded:
        answer = client.get(url)
        assert answer.status_code == 200, url
        if url.endswith(".css"):
            assert foreign(css_references(answer.text), url) == [], url
        if url.endswith(".js"):
            # Scripts hold many URLs as text (links in docs and error messages); what would make the
            # browser load one is a source map, a module import or a worker script.
            assert "sourceMappingURL" not in answer.text, url
            assert not re.search(r"""(importScripts|import)\(\s*['"](https?:)?//""", answer.text), url


def test_vendored_files_are_those_recorded_with_a_licence_per_package(client: TestClient) -> None:
    manifest = json.loads((STATIC / "graphiql" / "VENDORED.json").read_text(encoding="utf-8"))
    assert set(manifest["packages"]) == {"graphiql", "react", "react-dom"}
    for name, entry in manifest["files"].items():
        served = client.get(f"/graphiql/{name}", headers={"accept-encoding": "identity"})
        assert served.status_code == 200
        assert hashlib.sha256(served.content).hexdigest() == entry["sha256"], name
    for package in manifest["packages"]:
        assert f"LICENSE.{package}" in manifest["files"]
        assert "MIT License" in client.get(f"/graphiql/LICENSE.{package}").text


@pytest.mark.parametrize("name", ["graphiql.html", "..%2Fapp.py", "nope.js", "VENDORED.json.bak"])
def test_only_vendored_files_are_served(client: TestClient, name: str) -> None:
    assert client.get(f"/graphiql/{name}").status_code == 404


def test_assets_are_cached_revalidated_and_gzipped(client: TestClient) -> None:
    first = client.get("/graphiql/graphiql.min.css", headers={"accept-encoding": "identity"})
    assert "max-age" in first.headers["cache-control"] and "content-encoding" not in first.headers
    again = client.get("/graphiql/graphiql.min.css", headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    raw = client.stream("GET", "/graphiql/graphiql.min.css", headers={"accept-encoding": "gzip"})
    with raw as response:
        assert response.headers["content-encoding"] == "gzip"
        assert gzip.decompress(b"".join(response.iter_raw())) == first.content
