"""The starlette application: GraphQL at /graphql, over a registry that can be swapped whole.

`RegistryHolder` keeps the current registry; each request reads it once at its start, so a
reload that swaps in a new registry never changes the answer to a request already running.
With a `Watcher`, the app polls its source and reloads in the background.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from govorg.api import graphiql
from govorg.api.reload import RegistryHolder, Watcher
from govorg.api.schema import schema
from govorg.registry import Registry


class _GraphQL(GraphQL[dict[str, Any], None]):
    def __init__(self, holder: RegistryHolder) -> None:
        super().__init__(schema, graphql_ide=None)  # GraphiQL is served from the package: api/graphiql.py
        self.holder = holder

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> dict[str, Any]:
        return {"registry": self.holder.registry, "holder": self.holder, "request": request}


class AnswerCache:
    """Answers by (reload generation, data version, today, request body). The registry is read-only between
    reloads, so the same request gets the same answer until the data changes or the day does
    (a field asked without `on` means today). Only answers without errors are kept."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._answers: OrderedDict[tuple[int, str, str, bytes], bytes] = OrderedDict()

    def get(self, key: tuple[int, str, str, bytes]) -> bytes | None:
        found = self._answers.get(key)
        if found is not None:
            self._answers.move_to_end(key)
        return found

    def put(self, key: tuple[int, str, str, bytes], answer: bytes) -> None:
        self._answers[key] = answer
        if len(self._answers) > self.size:
            self._answers.popitem(last=False)


def _json_query(raw: bytes) -> dict[str, Any] | None:
    """A plain JSON GraphQL request ({"query": …}); None for anything strawberry should handle."""
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(body, dict) or not isinstance(body.get("query"), str):
        return None
    variables = body.get("variables")
    if variables is not None and not isinstance(variables, dict):
        return None
    return body


def run_query(registry: Registry, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """Run a GraphQL query in-process; the standard response shape: `data` and, if any, `errors`."""
    result = schema.execute_sync(query, variable_values=variables, context_value={"registry": registry})
    response: dict[str, Any] = {"data": result.data}
    if result.errors:
        response["errors"] = [error.formatted for error in result.errors]
    return response


def create_app(
    registry: Registry,
    *,
    watch: Callable[[RegistryHolder], Watcher] | None = None,
) -> Starlette:
    """The app; with `watch`, a watcher built for its holder polls for changes while it runs."""
    holder = RegistryHolder(registry)
    graphql = _GraphQL(holder)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        task = asyncio.create_task(watch(holder).run()) if watch else None
        try:
            yield
        finally:
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    async def health(request: Request) -> JSONResponse:
        status = holder.status
        return JSONResponse(
            {"status": "ok", "dataVersion": status.data_version, "lastReloadOk": status.ok, "reloadError": status.error}
        )

    async def index(request: Request) -> RedirectResponse:
        return RedirectResponse("/graphql")

    cache = AnswerCache()

    async def graphql_endpoint(request: Request) -> Response:
        raw: bytes | None = None
        if request.method == "POST" and request.headers.get("content-type", "").startswith("application/json"):
            raw = await request.body()
            body = _json_query(raw)
            if body is not None:
                registry = holder.registry  # read once: a reload mid-request does not change the answer
                key = (holder.generation, registry.loaded.content_hash, date.today().isoformat(), raw)
                answer = cache.get(key)
                if answer is None:
                    result = await schema.execute(
                        body["query"],
                        variable_values=body.get("variables"),
                        operation_name=body.get("operationName"),
                        context_value={"registry": registry, "holder": holder, "request": request},
                    )
                    payload: dict[str, Any] = {"data": result.data}
                    if result.errors:
                        payload["errors"] = [error.formatted for error in result.errors]
                    answer = orjson.dumps(payload)
                    if not result.errors:
                        cache.put(key, answer)
                return Response(answer, media_type="application/json")
        return await _delegate(graphql, request, raw)

    app = Starlette(
        lifespan=lifespan,
        routes=[
            Route("/", index),
            Route("/health", health),
            Route("/graphql", graphiql.with_page(graphql_endpoint), methods=["GET", "POST"]),
            Route(graphiql.ASSET_PATH, graphiql.asset),
            WebSocketRoute("/graphql", graphql),
        ],
    )
    app.state.holder = holder
    return app


async def _delegate(app: _GraphQL, request: Request, body: bytes | None = None) -> Response:
    """Let strawberry's own view answer (GraphiQL, GET queries, malformed requests). A body we
    already read is replayed to it."""
    status: dict[str, Any] = {}
    chunks: list[bytes] = []
    replayed = body is None

    async def receive() -> dict[str, Any]:
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}
        return dict(await request.receive())

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status.update(message)
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(request.scope, receive, send)  # type: ignore[arg-type]
    headers = {k.decode(): v.decode() for k, v in status.get("headers", []) if k.lower() != b"content-length"}
    return Response(b"".join(chunks), status_code=status.get("status", 500), headers=headers)


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)
