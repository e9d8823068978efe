"""The HTTP floor: a bare starlette endpoint that returns prepared GraphQL answers.

    python bench/bare.py ANSWERS.json PORT

ANSWERS.json maps each query text to the exact JSON body `govorg serve` returns for it, so the
two servers send the same bytes and differ only in the work done per request. A query not in the
map gets the answer stored under "" (bench/varied.py sends every request distinct).
"""

from __future__ import annotations

import json
import sys

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as f:
        answers: dict[str, str] = json.load(f)
    port = int(sys.argv[2])

    async def graphql(request: Request) -> Response:
        body = json.loads(await request.body())
        found = answers.get(body["query"])
        return Response(found if found is not None else answers[""], media_type="application/json")

    async def health(request: Request) -> Response:
        return Response("{}", media_type="application/json")

    app = Starlette(routes=[Route("/graphql", graphql, methods=["POST"]), Route("/health", health)])
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    main()
