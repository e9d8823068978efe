"""The starlette application: GraphQL at /graphql, over a registry that can be swapped whole.

`RegistryHolder` keeps the current registry; each request reads it once at its start, so a
reload that swaps in a new registry never changes the answer to a request already running.
With a `Watcher`, the app polls its source and reloads in the background.

Queries run in a bounded pool of worker threads, so a slow query does not hold up /health or other
clients; only a compiled document whose recent runs were all quick is answered on the event loop,
within a budget of milliseconds (govorg.api.shapes.Quick). Each request has a time limit (see
docs/security.md for every limit, its default and its `govorg serve` option).

Status codes: 200 for every GraphQL answer, errors and refused queries included (GraphQL over
HTTP, application/json); 400 for a request that is not a GraphQL request, 413/414 for a body or
query string over the size limit, 415 for a body that is not JSON, 304 when the client's ETag is
still the answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import hashlib
import hmac
import json
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import orjson
from graphql import GraphQLError
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import Receive, Scope, Send
from strawberry.exceptions import MissingQueryError
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError

from govorg.api import graphiql
from govorg.api.limits import Limits, refusal
from govorg.api.persisted import PersistedQueries, PersistedQueryError
from govorg.api.reload import RegistryHolder, Watching, finish_start
from govorg.api.schema import INDEXED_FIELDS, Query, make_schema, schema
from govorg.api.shapes import MAX_QUERY_CHARS, Scanned, Shapes, scan
from govorg.api.types import QueryTimeout, today
from govorg.registry import Registry

ADMIN_HEADER = "authorization"  # `Authorization: Bearer TOKEN`


class AnswerCache:
    """Answers by (reload generation, ETag). The ETag covers the data version, today and the request,
    so the same request gets the same answer until the data changes or the day does (a field asked
    without `on` means today). Only answers without errors are kept, within a budget of bytes: the
    least recently used go first, and an answer over a quarter of the budget is not kept at all."""

    def __init__(self, max_bytes: int = 32 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self._answers: OrderedDict[tuple[int, str], bytes] = OrderedDict()

    def __len__(self) -> int:
        return len(self._answers)

    def get(self, key: tuple[int, str]) -> bytes | None:
        found = self._answers.get(key)
        if found is not None:
            self._answers.move_to_end(key)
        return found

    def put(self, key: tuple[int, str], answer: bytes) -> None:
        size = len(answer) + len(key[1])
        if size * 4 > self.max_bytes or key in self._answers:
            return
        self._answers[key] = answer
        self.bytes += size
        while self.bytes > self.max_bytes:
            old_key, old = self._answers.popitem(last=False)
            self.bytes -= len(old) + len(old_key[1])


@dataclass(frozen=True, slots=True)
class GraphQLRequest:
    query: str
    variables: dict[str, Any] | None
    operation_name: str | None
    scanned: Scanned | None = field(default=None, compare=False)

    def key(self) -> bytes:
        """The request's key for the answer cache and the ETag: the query's tokens (so whitespace,
        commas and comments do not matter; the raw text when the scan does not read it), the
        variables and the operation."""
        if self.scanned is None:
            return orjson.dumps([self.query, self.variables, self.operation_name], option=orjson.OPT_SORT_KEYS)
        # numbers as their repr: JSON has no integers past 64 bits nor infinities (the shape's marks
        # tell a number's repr from a string)
        values = [v if isinstance(v, str) else repr(v) for v in self.scanned.values]
        asked = [self.scanned.shape, values, self.variables, self.operation_name]
        return orjson.dumps(asked, option=orjson.OPT_SORT_KEYS)


class BadRequest(Exception):
    """A request that is not a GraphQL request; `status` is the HTTP status to answer with."""

    def __init__(
        self, message: str, status: int = 400, *, limit: str | None = None, value: int = 0, code: str = "BAD_REQUEST"
    ) -> None:
        super().__init__(message)
        self.status = status
        self.limit = limit
        self.value = value
        self.code = code

    def response(self) -> Response:
        error: dict[str, Any] = {"message": str(self), "extensions": {"code": self.code}}
        if self.limit is not None:
            error["message"] = f"{self} (limit {self.limit} = {self.value})"
            error["extensions"] = {"code": "LIMIT_EXCEEDED", "limit": self.limit, "value": self.value}
        return Response(
            orjson.dumps({"errors": [error]}),
            status_code=self.status,
            media_type="application/json",
            headers={"cache-control": "no-store"},
        )


def graphql_request(body: object, persisted: PersistedQueries | None = None) -> GraphQLRequest:
    """The GraphQL request in a decoded JSON body or GET parameters, or BadRequest saying what is
    wrong; with `persisted`, a request may name its query by hash (govorg.api.persisted)."""
    if isinstance(body, list):
        raise BadRequest("batched requests (a JSON list) are not accepted: send one request per HTTP request")
    if not isinstance(body, dict):
        raise BadRequest('the body must be a JSON object: {"query": "…", "variables": {…}}')
    query = body.get("query")
    if persisted is not None:
        try:
            query = persisted.query(body)
        except PersistedQueryError as exc:
            raise BadRequest(str(exc), exc.status, code=exc.code) from None
    if not isinstance(query, str) or not query.strip():
        raise BadRequest('the request has no query: send {"query": "{ … }"}')
    variables = body.get("variables")
    if variables is not None and not isinstance(variables, dict):
        raise BadRequest("variables must be a JSON object")
    operation_name = body.get("operationName")
    if operation_name is not None and not isinstance(operation_name, str):
        raise BadRequest("operationName must be a string")
    return GraphQLRequest(query, variables, operation_name, scan(query) if len(query) <= MAX_QUERY_CHARS else None)


async def _read_body(request: Request, limit: int) -> bytes:
    too_large = BadRequest("the request body is too large", 413, limit="maxBodyBytes", value=limit)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large  # refused before reading a byte
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def _from_get(request: Request, limit: int, persisted: PersistedQueries | None = None) -> GraphQLRequest | None:
    if len(request.scope.get("query_string", b"")) > limit:
        raise BadRequest("the query string is too long", 414, limit="maxBodyBytes", value=limit)
    params = request.query_params
    if "query" not in params and "extensions" not in params:
        return None
    body: dict[str, Any] = {"query": params.get("query"), "operationName": params.get("operationName")}
    for name in ("variables", "extensions"):
        if params.get(name):
            try:
                body[name] = orjson.loads(params[name])
            except orjson.JSONDecodeError as exc:
                raise BadRequest(f"{name} is not JSON: {exc}") from None
    return graphql_request(body, persisted)


def _answer(result_errors: Sequence[GraphQLError] | None, data: object) -> dict[str, Any]:
    payload: dict[str, Any] = {"data": data}
    if result_errors:
        payload["errors"] = [error.formatted for error in result_errors]
    return payload


def run_query(registry: Registry, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """Run a GraphQL query in-process; the standard response shape: `data` and, if any, `errors`."""
    result = schema.execute_sync(query, variable_values=variables, context_value={"registry": registry})
    return _answer(result.errors, result.data)


def create_app(
    registry: Registry,
    *,
    watch: Callable[[RegistryHolder], Watching] | None = None,
    limits: Limits | None = None,
    cors_origins: Sequence[str] = (),
    show_problems: bool = False,
    admin_token: str | None = None,
    query: type = Query,
    **limit_overrides: Any,
) -> Starlette:
    """The app; with `watch`, a watcher built for its holder polls for changes while it runs.

    Limits come from `limits` and then any keyword named like a `Limits` field (`max_depth=8`).
    Reload problems (file paths and messages) are shown to every client with `show_problems`, else
    only to requests with `Authorization: Bearer <admin_token>`; others see counts. `query` lets a
    test serve extra fields."""
    chosen = replace(limits or Limits(), **limit_overrides)
    holder = RegistryHolder(registry)
    served = make_schema(chosen, query=query)
    cache = AnswerCache(chosen.cache_bytes)
    shapes = Shapes(served, chosen, quick_fields=INDEXED_FIELDS)
    persisted = PersistedQueries()
    workers = ThreadPoolExecutor(max_workers=chosen.workers, thread_name_prefix="govorg-query")

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        task = asyncio.create_task(watch(holder).run()) if watch else None
        # an early start (govorg.sql.early): the rest of the registry is read beside the answers
        finishing = asyncio.create_task(finish_start(holder)) if holder.registry.starting else None
        # The app's own long-lived containers (the answer cache, the shape caches, the schema),
        # made after the holder froze the registry, go out of the collector's reach too: a full
        # collection traverses every entry of a container it holds, and the answer cache alone
        # keeps up to ~100,000 (measured at 100k tenures: full collections of 11-18 ms, 24 in
        # 20,000 leadership pages). Only these, once: freezing what survives every collection
        # would also freeze requests in flight, and the cycles they leave were then never freed
        # (tried: 36,495 objects kept in 30 s of load, against 462 without).
        gc.freeze()
        try:
            yield
        finally:
            for running in (task, finishing):
                if running is not None:
                    running.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await running
            workers.shutdown(wait=False, cancel_futures=True)

    def is_admin(request: Request) -> bool:
        if show_problems:
            return True
        if not admin_token:
            return False
        given = request.headers.get(ADMIN_HEADER, "").removeprefix("Bearer ").strip()
        return hmac.compare_digest(given.encode(), admin_token.encode())

    async def health(request: Request) -> JSONResponse:
        status = holder.status
        body: dict[str, Any] = {
            "status": "ok" if status.ok else "degraded",
            "dataVersion": status.data_version,
            "lastReloadOk": status.ok,
            "since": status.failing_since.isoformat() if status.failing_since else None,
            "problems": len(status.problems),
            "starting": holder.registry.starting,  # answering while the rest is read (govorg.sql.early)
        }
        if is_admin(request):
            body["reloadError"] = status.error
            body["problemDetails"] = list(status.problems)
        elif status.error is not None:
            body["reloadError"] = "the new data was refused; details are hidden"
        return JSONResponse(body, status_code=200 if status.ok else 503, headers={"cache-control": "no-store"})

    async def index(request: Request) -> RedirectResponse:
        return RedirectResponse("/graphql")

    def execute(asked: GraphQLRequest, registry: Registry, admin: bool, deadline: float) -> tuple[bytes, bool]:
        """Runs in a worker thread: the answer's bytes, and whether it has errors."""
        context = _context(registry, admin, deadline)
        fast = shapes.run(asked.query, asked.variables, asked.operation_name, context, asked.scanned)
        if fast is not None:  # an answer without errors; anything else is the full path's (govorg.api.shapes)
            return orjson.dumps(_answer(None, fast.data)), False
        try:
            result = served.execute_sync(
                asked.query,
                variable_values=asked.variables,
                operation_name=asked.operation_name,
                context_value=context,
            )
        except MissingQueryError:
            raise BadRequest("the request has no query") from None
        except CannotGetOperationTypeError:
            raise BadRequest(f"the document has no operation named {asked.operation_name!r}") from None
        except InvalidOperationTypeError:
            raise BadRequest("only queries are served (no mutations or subscriptions)") from None
        errors = result.errors or []
        if any(isinstance(e.original_error, QueryTimeout) for e in errors):
            return _timed_out(registry), True
        return orjson.dumps(_answer(errors, result.data)), bool(errors)

    def _context(registry: Registry, admin: bool, deadline: float) -> dict[str, Any]:
        return {"registry": registry, "holder": holder, "deadline": deadline, "show_problems": admin}

    def _timed_out(registry: Registry | None = None) -> bytes:
        message = "Query stopped: it ran past the time limit in seconds"
        if registry is not None and registry.starting:  # it waited for the rest of the registry
            message += "; the server is still reading the registry: ask again in a few seconds"
        error = refusal("timeout", chosen.timeout, message)
        return orjson.dumps(_answer([error], None))

    async def graphql_endpoint(request: Request) -> Response:
        arrived = time.monotonic()
        try:
            if request.method == "GET":
                asked = _from_get(request, chosen.max_body_bytes, persisted)
                if asked is None:  # a browser's GET got the GraphiQL page (graphiql.with_page)
                    raise BadRequest("a GET request needs a `query` parameter")
            else:
                content_type = request.headers.get("content-type", "")
                if not content_type.startswith("application/json"):
                    raise BadRequest("send the request as JSON (content-type: application/json)", 415)
                raw = await _read_body(request, chosen.max_body_bytes)
                try:
                    decoded = orjson.loads(raw)
                except orjson.JSONDecodeError as exc:
                    raise BadRequest(f"the body is not JSON: {exc}") from None
                asked = graphql_request(decoded, persisted)
            admin = is_admin(request)
            registry = holder.registry  # read once: a reload mid-request does not change the answer
            tag = _etag(registry.loaded.content_hash, today().isoformat(), admin, asked.key())
            headers = [(b"etag", tag.encode()), _PRIVATE if admin else _NO_CACHE]
            if admin_token:
                headers.append(_VARY_AUTHORIZATION)
            if _matches(request.headers.get("if-none-match"), tag):
                return Response(status_code=304, headers={k.decode(): v.decode() for k, v in headers})
            key = (holder.generation, tag)
            cached = cache.get(key)
            if cached is not None:
                return JSONAnswer(cached, headers)
            deadline = arrived + chosen.timeout
            # never on the event loop while starting: a field may wait for the rest of the registry
            quick = None
            if not registry.starting:
                quick = shapes.run(
                    asked.query,
                    asked.variables,
                    asked.operation_name,
                    _context(registry, admin, deadline),
                    asked.scanned,
                    quick_only=True,
                )
            if quick is not None:  # a document whose direct runs are quick: on the event loop (Quick)
                answer = orjson.dumps(_answer(None, quick.data))
                cache.put(key, answer)
                return JSONAnswer(answer, headers)
            work = asyncio.get_running_loop().run_in_executor(workers, execute, asked, registry, admin, deadline)
            try:
                answer, failed = await asyncio.wait_for(work, timeout=max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                answer, failed = _timed_out(registry), True
            if failed:
                headers = [_NO_STORE]
            else:
                cache.put(key, answer)
            return JSONAnswer(answer, headers)
        except BadRequest as refused:
            return refused.response()

    # The route table: add a route here and it is served with the same middleware.
    # /graphql first: starlette tries the routes in order, a regular expression each.
    routes: list[BaseRoute] = [
        Route("/graphql", graphiql.with_page(graphql_endpoint), methods=["GET", "POST"]),
        Route("/", index),
        Route("/health", health),
        Route(graphiql.ASSET_PATH, graphiql.asset),
    ]
    # The HTML pages (docs/pages.md): same registry, worker pool, time limit and ETag rule as /graphql.
    from govorg.api import html

    routes += html.routes(holder, workers=workers, timeout=chosen.timeout, etag=_etag, matches=_matches)
    middleware = [Middleware(Compress, minimum_size=1000)]  # leaves the gzipped GraphiQL assets alone
    if cors_origins:  # without origins there is nothing to allow: no layer to pass through
        cors = Middleware(
            CORSMiddleware,
            allow_origins=list(cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["content-type", "authorization", "if-none-match"],
            expose_headers=["etag"],
            max_age=600,
        )
        middleware.insert(0, cors)
    app = Starlette(lifespan=lifespan, routes=routes, middleware=middleware)
    app.state.holder = holder
    app.state.cache = cache
    app.state.shapes = shapes
    app.state.persisted = persisted
    app.state.limits = chosen
    return app


_NO_CACHE = (b"cache-control", b"no-cache")
_PRIVATE = (b"cache-control", b"private, no-cache")
_NO_STORE = (b"cache-control", b"no-store")
_VARY_AUTHORIZATION = (b"vary", b"Authorization")
_JSON = (b"content-type", b"application/json")


class JSONAnswer(Response):
    """A GraphQL answer, already JSON bytes, with its headers given as bytes: the same response as
    `Response(answer, media_type="application/json", headers=…)` (the given headers, then
    content-length and content-type), without starlette encoding each header again (~4% of a
    small answer's time in process)."""

    media_type = "application/json"

    def __init__(self, body: bytes, headers: list[tuple[bytes, bytes]]) -> None:
        self.status_code = 200
        self.background = None
        self.body = body
        self.raw_headers = [*headers, (b"content-length", str(len(body)).encode()), _JSON]


class Compress(GZipMiddleware):
    """starlette's gzip layer, which a request whose client takes no gzip passes straight through.

    starlette's own layer wraps every response in a responder that parses its headers again (and
    sorts out its content types) to decide not to compress it, ~8% of a small GraphQL answer's
    time in process. Such an answer only loses starlette's `Vary: Accept-Encoding`, which matters
    to a cache only for the compressed form (a client that takes gzip given the plain form is
    still answered correctly); compressed answers keep it."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            for name, value in scope["headers"]:
                if name == b"accept-encoding":  # the first one, as starlette's `Headers.get` reads it
                    if b"gzip" in value:
                        await super().__call__(scope, receive, send)
                        return
                    break
        await self.app(scope, receive, send)


@lru_cache(maxsize=64)
def _etag_start(data_version: str, today: str, admin: bool) -> Any:
    """The hash of an ETag's parts every request of the day shares (copied for each request)."""
    digest = hashlib.blake2b(digest_size=16)
    for part in (data_version.encode(), today.encode(), b"admin" if admin else b"public"):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest


def _etag(data_version: str, today: str, admin: bool, request: bytes) -> str:
    digest = _etag_start(data_version, today, admin).copy()
    digest.update(len(request).to_bytes(8, "big"))
    digest.update(request)
    return f'W/"{digest.hexdigest()}"'


def _matches(if_none_match: str | None, tag: str) -> bool:
    if not if_none_match:
        return False
    wanted = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
    return "*" in wanted or tag.removeprefix("W/") in wanted


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)
