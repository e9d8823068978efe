"""GraphiQL served from the package: the page at GET /graphql (for a browser) and its assets under
/graphiql/, vendored from the npm registry by scripts/vendor_graphiql.py.

Nothing is loaded from a CDN, so the IDE works on a network without internet access, and the page
references only same-origin relative URLs (tests/test_graphiql.py holds it to that).
VENDORED.json records the packages' versions and npm integrity and each file's SHA-256.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Awaitable, Callable
from functools import cache
from importlib.resources import files

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response

ASSET_PATH = "/graphiql/{name}"
STATIC = files("govorg.api") / "static"
MEDIA_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
}
# The vendored files change only with the package, so a day of caching is safe; the ETag lets a
# browser revalidate cheaply after that.
CACHE_CONTROL = "public, max-age=86400"
GZIP_FROM = 1024  # bytes; smaller files are not worth compressing

Endpoint = Callable[[Request], Awaitable[Response]]


def wants_page(request: Request) -> bool:
    """A browser asking for the IDE: a GET without `query` (nor a persisted query's `extensions`)
    that accepts HTML (strawberry's own rule, so clients that got its GraphiQL before get this page now)."""
    if request.method != "GET":  # a POST, the usual query: no headers or parameters parsed here
        return False
    accept = request.headers.get("accept", "")
    params = request.query_params
    return "query" not in params and "extensions" not in params and ("text/html" in accept or "*/*" in accept)


def with_page(endpoint: Endpoint) -> Endpoint:
    """The GraphQL endpoint, answering a browser's GET with the GraphiQL page instead."""

    async def serve(request: Request) -> Response:
        if wants_page(request):
            return HTMLResponse(page(), headers={"Cache-Control": "no-cache"})
        return await endpoint(request)

    return serve


@cache
def page() -> str:
    return (STATIC / "graphiql.html").read_text(encoding="utf-8")


@cache
def vendored() -> dict[str, str]:
    """Served name -> SHA-256, from VENDORED.json; only these names (and the manifest) are served."""
    manifest = json.loads((STATIC / "graphiql" / "VENDORED.json").read_text(encoding="utf-8"))
    return {name: entry["sha256"] for name, entry in manifest["files"].items()}


@cache
def _content(name: str) -> tuple[bytes, bytes, str]:
    """(bytes, gzipped bytes, ETag), read and compressed once per process."""
    data = (STATIC / "graphiql" / name).read_bytes()
    etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
    return data, gzip.compress(data, compresslevel=6, mtime=0), etag


async def asset(request: Request) -> Response:
    """One vendored file by name, with an ETag (If-None-Match answers 304), caching and gzip."""
    name = request.path_params["name"]
    if name not in vendored() and name != "VENDORED.json":
        return PlainTextResponse("Not Found", status_code=404)
    data, zipped, etag = _content(name)
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL, "Vary": "Accept-Encoding"}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    suffix = name[name.rfind(".") :] if "." in name else ""
    media_type = MEDIA_TYPES.get(suffix, "text/plain; charset=utf-8")  # the LICENSE.* files
    if len(data) >= GZIP_FROM and "gzip" in request.headers.get("accept-encoding", ""):
        return Response(zipped, media_type=media_type, headers={**headers, "Content-Encoding": "gzip"})
    return Response(data, media_type=media_type, headers=headers)
