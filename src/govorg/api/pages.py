"""Pagination: `first` and `after` on every list that can grow with the data.

A page holds at most `first` items (default `DEFAULT_PAGE`, at most `MAX_PAGE`); `after` is an
opaque cursor that skips the items a client has already received. The cost limit counts a
paginated list as `first` items, so the page size is what makes a query cheap or dear.
"""

from __future__ import annotations

import base64
import binascii
import itertools
from collections.abc import Iterable
from typing import Annotated, TypeVar

import strawberry
from graphql import GraphQLError

DEFAULT_PAGE = 100
MAX_PAGE = 500
_PREFIX = "o:"

T = TypeVar("T")

First = Annotated[
    int | None,
    strawberry.argument(description=f"At most this many items (default {DEFAULT_PAGE}, at most {MAX_PAGE})."),
]
After = Annotated[
    str | None,
    strawberry.argument(description="Only the items after this cursor; `cursor(received: N)` skips N items."),
]


def cursor(received: int) -> str:
    """The cursor that skips the first `received` items of a list."""
    return base64.urlsafe_b64encode(f"{_PREFIX}{received}".encode()).decode()


def offset(after: str | None) -> int:
    if after is None:
        return 0
    try:
        text = base64.urlsafe_b64decode(after.encode("ascii")).decode("ascii")
    except (binascii.Error, UnicodeError, ValueError):
        text = ""
    number = text.removeprefix(_PREFIX)
    if not text.startswith(_PREFIX) or not number.isdigit() or len(number) > 12:
        raise GraphQLError(f"after: {after!r} is not a cursor of this API; use one from `cursor(received: N)`.")
    return int(number)


def page_size(first: int | None) -> int:
    if first is None:
        return DEFAULT_PAGE
    if not 0 <= first <= MAX_PAGE:
        raise GraphQLError(f"first: {first} is outside 0..{MAX_PAGE} (the maximum page size); page with `after`.")
    return first


def page(items: Iterable[T], first: int | None, after: str | None) -> list[T]:
    """The page of `items` that `first` and `after` ask for."""
    start = offset(after)
    return list(itertools.islice(items, start, start + page_size(first)))
