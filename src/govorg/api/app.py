"""The starlette application: GraphQL at /graphql, over a registry that can be swapped whole.

`RegistryHolder` keeps the current registry; each request reads it once at its start, so a
reload that swaps in a new registry never changes the answer to a request already running.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from govorg.api.schema import schema
from govorg.registry import Registry


class RegistryHolder:
    """The registry being served; `swap` replaces it atomically (one reference assignment)."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    def swap(self, registry: Registry) -> None:
        self.registry = registry


class _GraphQL(GraphQL[dict[str, Any], None]):
    def __init__(self, holder: RegistryHolder) -> None:
        super().__init__(schema)
        self.holder = holder

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> dict[str, Any]:
        return {"registry": self.holder.registry, "request": request}


def run_query(registry: Registry, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """Run a GraphQL query in-process; the standard response shape: `data` and, if any, `errors`."""
    result = schema.execute_sync(query, variable_values=variables, context_value={"registry": registry})
    response: dict[str, Any] = {"data": result.data}
    if result.errors:
        response["errors"] = [error.formatted for error in result.errors]
    return response


def create_app(registry: Registry) -> Starlette:
    holder = RegistryHolder(registry)
    graphql = _GraphQL(holder)

    async def health(request: Request) -> JSONResponse:
        info = holder.registry.info()
        return JSONResponse({"status": "ok", "dataVersion": info.data_version})

    async def index(request: Request) -> RedirectResponse:
        return RedirectResponse("/graphql")

    app = Starlette(
        routes=[
            Route("/", index),
            Route("/health", health),
            Route("/graphql", graphql),
            WebSocketRoute("/graphql", graphql),
        ]
    )
    app.state.holder = holder
    return app


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)
