"""The HTML pages in a real browser: headless Chromium (the distribution's package, driven by
Playwright) loads each start page from `govorg serve`, follows every link it finds to another
page (each must answer 200), and asks nothing of any host but the server. Screenshots of the
start pages, on screen and as printed (PDF media), are kept in tests/artifacts/ (ignored by git).

Skips when Chromium is missing, unless GOVORG_REQUIRE_BROWSER=1 (as in CI).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import DATA
from serving import running_server
from test_browser import ARTIFACTS, _chromium

FIXTURES = Path(__file__).resolve().parent / "fixtures"

SITES = {
    "sample": (
        DATA,
        [
            "/pages/leaders?on=2021-07-01",
            "/pages/bodies/cn-minors-protection-committee?on=2021-07-01",
            "/pages/organisations/cn-gov?on=2021-07-01",
            "/pages/people/wang-feng?on=2021-07-01",
        ],
    ),
    "governments": (FIXTURES / "governments", ["/pages/leaders", "/pages/leaders?government=jia&on=2022-07-15"]),
    "bodies": (FIXTURES / "bodies", ["/pages/bodies/dl-digital-group?on=2023-10-01"]),
}
MAX_PAGES = 60  # per site: enough to reach every kind of page, few enough for a shared CI machine


@pytest.fixture(scope="module", params=list(SITES))
def site(request: pytest.FixtureRequest) -> Iterator[tuple[str, str, list[str]]]:
    """`govorg serve` on one data folder on a free loopback port: (name, base URL, start paths)."""
    name = request.param
    data, starts = SITES[name]
    with running_server(data, "--no-watch") as base:
        yield name, base, starts


def test_pages_load_links_work_and_nothing_leaves_loopback(site: tuple[str, str, list[str]]) -> None:
    chromium = _chromium()
    from playwright.sync_api import sync_playwright

    name, base, starts = site
    requested: list[str] = []
    errors: list[str] = []
    broken: list[tuple[str, int | None]] = []
    seen: set[str] = set()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=[
                "--disable-background-networking",
                "--disable-component-update",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            ],
        )
        try:
            context = browser.new_context(viewport={"width": 1100, "height": 900}, java_script_enabled=False)
            context.on("request", lambda request: requested.append(request.url))
            page = context.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.set_default_timeout(60_000)
            ARTIFACTS.mkdir(exist_ok=True)
            queue = list(starts)
            while queue and len(seen) < MAX_PAGES:
                path = queue.pop(0)
                if path in seen:
                    continue
                seen.add(path)
                response = page.goto(base + path, wait_until="load")
                status = response.status if response else None
                if status != 200:
                    broken.append((path, status))
                    continue
                assert page.locator("html").get_attribute("lang") == "zh-CN"
                assert page.locator("h1").count() == 1
                if path in starts:
                    shot = ARTIFACTS / f"pages-{name}-{starts.index(path)}.png"
                    page.screenshot(path=str(shot), full_page=True)
                    page.emulate_media(media="print")
                    page.screenshot(path=str(shot.with_suffix(".print.png")), full_page=True)
                    page.emulate_media(media="screen")
                for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
                    if href.startswith("/pages/") and href not in seen:
                        queue.append(href)
        finally:
            browser.close()

    assert broken == []
    assert errors == []
    assert len(seen) > len(starts)  # the pages link to each other
    kinds = {urlsplit(p).path.split("/")[2] for p in seen}
    assert {"people", "documents"} <= kinds
    origin = urlsplit(base)[:2]
    assert [url for url in requested if urlsplit(url)[:2] != origin and not url.startswith("data:")] == []
