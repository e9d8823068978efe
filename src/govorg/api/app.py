"""The starlette application: GraphQL at /graphql, over a registry that can be swapped whole.

`RegistryHolder` keeps the current registry; each request reads it once at its start, so a
reload that swaps in a new registry never changes the answer to a request already running.
With a `Watcher`, the app polls its source and reloads in the background.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from govorg.api.reload import RegistryHolder, Watcher
from govorg.api.schema import schema
from govorg.registry import Registry


class _GraphQL(GraphQL[dict[str, Any], None]):
    def __init__(self, holder: RegistryHolder) -> None:
        super().__init__(schema)
        self.holder = holder

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> dict[str, Any]:
        return {"registry": self.holder.registry, "holder": self.holder, "request": request}


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

    app = Starlette(
        lifespan=lifespan,
        routes=[
            Route("/", index),
            Route("/health", health),
            Route("/graphql", graphql),
            WebSocketRoute("/graphql", graphql),
        ],
    )
    app.state.holder = holder
    return app


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)
