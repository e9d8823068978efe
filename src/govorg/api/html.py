"""The HTML pages under /pages (see docs/pages.md): routes, dates, status codes and caching.

Each page runs its registry questions in the server's worker pool, within the request time
limit, like a GraphQL query; a page whose last builds were all quick is built on the event
loop instead (`QuickPages`), as quick GraphQL documents are. Answers: 200 with the page; 304
when `If-None-Match` has the page's ETag (the data version, today and the URL: the same URL
gives the same page until the data or the day changes); 400 for a bad date or a question that
needs a government; 404 for an unknown id; 503 past the time limit. Never a 500 page for bad
input.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Executor
from datetime import date
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from govorg.api.reload import RegistryHolder
from govorg.api.shapes import Quick
from govorg.dates import DateError, parse_day
from govorg.pages import views
from govorg.pages.render import render
from govorg.registry import AmbiguousName, GovernmentRequired, Registry, UnknownGovernment

log = logging.getLogger(__name__)

Build = Callable[[Registry, date], tuple[str, dict[str, Any]]]


class PageError(Exception):
    def __init__(self, status: int, title: str, message: str, links: list[dict[str, str]] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.title = title
        self.links = links or []


class QuickPages:
    """Which pages are built on the event loop instead of in a worker thread.

    A worker costs a hop each way (see govorg.api.shapes.Quick): a queue, a wake-up of the event
    loop and the interpreter's lock changing hands twice, for a leadership page of ~0.5 ms of
    CPU at 100k tenures. A page is known by its route and what it names (the id in the path, the `government`
    parameter), not by its day: the same page on another day shows the same kind and amount of
    things. Once its last `Quick.STREAK` builds each took under `Quick.QUICK` seconds of the
    thread's CPU time, it is built on the loop; a build there over that starts the streak again.
    A page cannot stop halfway as a GraphQL run can, so only routes whose questions answer from
    indexes take part (`QUICK_ROUTES`: not the document and person pages, which read the history,
    derived in full on its first use); the longest a quick page can hold the loop is one build
    that suddenly costs more than its last three. At most `MAX_PAGES` pages are remembered, the least recently built first to go."""

    MAX_PAGES = 4096

    def __init__(self) -> None:
        self._pages: OrderedDict[tuple[str, str | None], Quick] = OrderedDict()
        self._lock = threading.Lock()

    def of(self, key: tuple[str, str | None]) -> Quick:
        with self._lock:
            found = self._pages.get(key)
            if found is None:
                found = self._pages[key] = Quick()
                while len(self._pages) > self.MAX_PAGES:
                    self._pages.popitem(last=False)
            else:
                self._pages.move_to_end(key)
            return found


# routes whose pages may be built on the event loop (QuickPages)
QUICK_ROUTES = frozenset({"leaders", "body", "organisation"})  # a person's page lists the seats held,
# which derive the whole history on first use (Registry.seats_held), seconds at 100k tenures


def routes(
    holder: RegistryHolder,
    *,
    workers: Executor,
    timeout: float,
    etag: Callable[[str, str, bool, bytes], str],
    matches: Callable[[str | None, str], bool],
) -> list[BaseRoute]:
    """The /pages routes, sharing the app's registry holder, worker pool, time limit and ETag rule."""
    quick_pages = QuickPages()

    async def serve(request: Request, build: Build, route: str) -> Response:
        arrived = time.monotonic()
        fragment = request.query_params.get("fragment") == "1"
        registry = holder.registry  # read once: a reload mid-request does not change the page
        version = registry.loaded.content_hash
        try:
            on = _day(request.query_params.get("on"))
            url = request.url.path + "?" + urlencode(sorted(request.query_params.multi_items()))
            tag = etag(version, date.today().isoformat(), False, b"pages " + url.encode())
            headers = {"etag": tag, "cache-control": "no-cache"}
            if matches(request.headers.get("if-none-match"), tag):
                return Response(status_code=304, headers=headers)
            query = "?" + urlencode({"on": on.isoformat()}) if "on" in request.query_params else ""

            # only routes that may become quick are timed (QuickPages)
            quick = (
                quick_pages.of((request.url.path, request.query_params.get("government")))
                if route in QUICK_ROUTES
                else None
            )

            def built() -> str:  # in a worker thread, unless the page is quick: see QuickPages
                cpu = time.thread_time()
                template, page = build(registry, on)
                html = render(template, page, fragment=fragment, data_version=version[:12], query=query)
                if quick is not None:
                    quick.took(time.thread_time() - cpu)
                return html

            # never on the event loop while starting: a question may wait for the rest of the registry
            if quick is not None and not registry.starting and quick.ready():
                return HTMLResponse(built(), headers=headers)
            work = asyncio.get_running_loop().run_in_executor(workers, built)
            try:
                html = await asyncio.wait_for(work, timeout=max(0.0, arrived + timeout - time.monotonic()))
            except TimeoutError:
                raise PageError(503, "超时", "页面未能在时限内生成，请稍后再试。") from None
            return HTMLResponse(html, headers=headers)
        except PageError as err:
            return _error(err, fragment=fragment, version=version)

    def page(build: Callable[[Request, Registry, date], tuple[str, dict[str, Any]]]) -> Callable[[Request], Any]:
        async def endpoint(request: Request) -> Response:
            return await serve(request, lambda registry, on: _guarded(build, request, registry, on), build.__name__)

        return endpoint

    def leaders(request: Request, registry: Registry, on: date) -> tuple[str, dict[str, Any]]:
        return "leaders.html", views.leaders(registry, on=on, government=request.query_params.get("government"))

    def body(request: Request, registry: Registry, on: date) -> tuple[str, dict[str, Any]]:
        return "body.html", views.body(registry, request.path_params["id"], on=on)

    def organisation(request: Request, registry: Registry, on: date) -> tuple[str, dict[str, Any]]:
        return "organisation.html", views.organisation(registry, request.path_params["id"], on=on)

    def person(request: Request, registry: Registry, on: date) -> tuple[str, dict[str, Any]]:
        return "person.html", views.person(registry, request.path_params["id"], on=on)

    def document(request: Request, registry: Registry, on: date) -> tuple[str, dict[str, Any]]:
        return "document.html", views.document(registry, request.path_params["id"], on=on)

    return [
        Route("/pages/leaders", page(leaders)),
        Route("/pages/bodies/{id:path}", page(body)),
        Route("/pages/organisations/{id:path}", page(organisation)),
        Route("/pages/people/{id:path}", page(person)),
        Route("/pages/documents/{id:path}", page(document)),
    ]


def _guarded(
    build: Callable[[Request, Registry, date], tuple[str, dict[str, Any]]],
    request: Request,
    registry: Registry,
    on: date,
) -> tuple[str, dict[str, Any]]:
    """The library's refusals become pages with their status."""
    try:
        return build(request, registry, on)
    except views.NotFound as exc:
        raise PageError(404, "未找到", str(exc)) from None
    except UnknownGovernment as exc:
        raise PageError(404, "未找到", str(exc)) from None
    except GovernmentRequired as exc:
        links = [
            {"href": "/pages/leaders?" + urlencode({"government": g.id}), "text": g.name}
            for g in registry.governments()
        ]
        raise PageError(200, "请选择政府", "数据中有多个政府，请选择：", links) from exc
    except AmbiguousName as exc:
        raise PageError(400, "名称不明确", str(exc)) from None


def _day(text: str | None) -> date:
    if text is None or text == "":
        return date.today()
    try:
        return parse_day(text)
    except DateError as exc:
        raise PageError(400, "日期无效", f"on={text!r}：{exc}；请写作 YYYY-MM-DD。") from None


def _error(err: PageError, *, fragment: bool, version: str) -> Response:
    page = {"title": err.title, "message": str(err), "links": err.links, "on": date.today().isoformat()}
    html = render("error.html", page, fragment=fragment, data_version=version[:12])
    cache = "no-cache" if err.status == 200 else "no-store"
    return HTMLResponse(html, status_code=err.status, headers={"cache-control": cache})
