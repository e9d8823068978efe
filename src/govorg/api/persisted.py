"""Automatic persisted queries (Apollo's protocol): a client sends a query's SHA-256 instead of
its text once the server has seen the text.

    {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "<hex>"}}, "variables": …}

The server answers `PersistedQueryNotFound` (code PERSISTED_QUERY_NOT_FOUND, HTTP 200, as Apollo's
clients expect) for a hash it does not hold; the client then sends the text with the hash, the
server checks that the hash is the text's and keeps it. GET works the same, with `extensions` as a
JSON query parameter, so a CDN can cache short GET URLs. Texts are kept within a budget of
characters, least recently used first out; they hold no data, so reloads keep them.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Any


class PersistedQueryError(Exception):
    """A persisted-query request the server cannot serve: `code` for `extensions.code`, `status` for HTTP."""

    def __init__(self, message: str, code: str, status: int) -> None:
        super().__init__(message)
        self.code = code
        self.status = status


class PersistedQueries:
    def __init__(self, *, max_chars: int = 4_000_000) -> None:
        self.max_chars = max_chars
        self.chars = 0
        self._texts: OrderedDict[str, str] = OrderedDict()

    def __len__(self) -> int:
        return len(self._texts)

    def query(self, body: dict[str, Any]) -> object:
        """The request's query: its own `query` (kept under its hash when it names one), or the
        text kept under the hash it names; the body's `query` unchanged for a request without
        `extensions.persistedQuery`. Raises PersistedQueryError."""
        query = body.get("query")
        extensions = body.get("extensions")
        persisted = extensions.get("persistedQuery") if isinstance(extensions, dict) else None
        if persisted is None:
            return query
        if not isinstance(persisted, dict) or persisted.get("version") != 1:
            raise PersistedQueryError(
                "Unsupported persisted query version: only version 1 is served", "BAD_REQUEST", 400
            )
        wanted = persisted.get("sha256Hash")
        if not isinstance(wanted, str):
            raise PersistedQueryError("persistedQuery.sha256Hash must be a string", "BAD_REQUEST", 400)
        wanted = wanted.lower()
        if isinstance(query, str):
            if hashlib.sha256(query.encode()).hexdigest() != wanted:
                raise PersistedQueryError("provided sha does not match query", "BAD_REQUEST", 400)
            self._keep(wanted, query)
            return query
        found = self._texts.get(wanted)
        if found is None:
            raise PersistedQueryError("PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND", 200)
        self._texts.move_to_end(wanted)
        return found

    def _keep(self, digest: str, query: str) -> None:
        if digest in self._texts or len(query) * 4 > self.max_chars:
            return
        self._texts[digest] = query
        self.chars += len(query)
        while self.chars > self.max_chars:
            self.chars -= len(self._texts.popitem(last=False)[1])
