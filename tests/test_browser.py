"""GraphiQL in a real browser: headless Chromium (the distribution's package, driven by Playwright)
loads the page from `govorg serve` on loopback, runs a query and shows the answer, and asks nothing
of any host but the server.

Skips when Chromium is missing, unless GOVORG_REQUIRE_BROWSER=1 (as in CI, where .ci/run installs it).
The screenshot is kept in tests/artifacts/ (ignored by git).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from conftest import TINY
from serving import running_server

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
QUERY = '{ holders(organisation: "区房管局", title: "副局长", on: "2021-07-01") { person { name } } }'


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        message = "Chromium is not installed (apt-get install chromium)"
        if os.environ.get("GOVORG_REQUIRE_BROWSER") == "1":
            pytest.fail(message + " and GOVORG_REQUIRE_BROWSER=1")
        pytest.skip(message)
    return found


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """`govorg serve` on the tiny registry, on a free loopback port; its base URL."""
    with running_server(TINY) as base:
        yield base


def test_graphiql_runs_a_query_in_chromium_without_leaving_loopback(server: str) -> None:
    chromium = _chromium()
    from playwright.sync_api import sync_playwright

    requested: list[str] = []
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=[
                "--disable-background-networking",
                "--disable-component-update",
                # As on an intranet: no name but the loopback address resolves, so a CDN reference
                # fails here (and is recorded below) rather than quietly working.
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            ],
        )
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            context.on("request", lambda request: requested.append(request.url))
            page = context.new_page()
            page.on("websocket", lambda ws: requested.append(ws.url))
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.set_default_timeout(60_000)
            page.goto(f"{server}/graphql?q={quote(QUERY)}", wait_until="load")
            page.wait_for_selector(".graphiql-execute-button")
            page.click(".graphiql-execute-button")
            result = page.locator(".result-window")
            result.filter(has_text="赵六").wait_for()
            answer = result.inner_text()
            # And as a person would: replace the query in the editor and run it with Ctrl-Enter.
            page.click(".graphiql-query-editor .CodeMirror")
            page.keyboard.press("Control+A")
            page.keyboard.insert_text("{ registry { files earliest } }")
            page.keyboard.press("Control+Enter")
            result.filter(has_text="earliest").wait_for()
            typed = result.inner_text()
            ARTIFACTS.mkdir(exist_ok=True)
            shot = ARTIFACTS / "graphiql.png"
            page.screenshot(path=str(shot))
            print(f"screenshot: {shot}")
        finally:
            browser.close()

    assert "赵六" in answer and "王峰" in answer
    assert re.search(r'"files": [1-9]', typed) and re.search(r'"earliest": "\d{4}-\d\d-\d\d"', typed), typed
    assert errors == []
    origin = urlsplit(server)[:2]
    paths = {urlsplit(url).path for url in requested}
    assert {"/graphql", "/graphiql/graphiql.min.js", "/graphiql/react.production.min.js"} <= paths
    assert [url for url in requested if urlsplit(url)[:2] != origin and not url.startswith("data:")] == []
