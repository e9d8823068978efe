"""Big copies made in steps, for builds that run beside a server's requests.

A server reloads its registry in a thread while it goes on answering (govorg.api.reload), and an
incremental reload copies the registry's big tables (every tenure by id, every post's and
person's index) so that the old registry stays whole for the requests still reading it. CPython
hands the GIL from one thread to another only between bytecodes, so one C call that copies a
100,000-entry dict or joins 100,000 items into a list holds every other thread for its whole
length: measured at 100k tenures, 15–25 ms for each such call, several per reload, on a slow
shared machine. Made in steps of `STEP` items, each step is one short C call, and the interpreter
may hand the GIL over between them. The result is the same as the one-call copy's; the whole copy
costs a few percent more.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import chain, islice
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")

STEP = 8192  # items per C call: well under a millisecond on the slowest machine measured


def copy_dict(source: Mapping[K, V]) -> dict[K, V]:
    """`dict(source)`, in steps: the same keys and values in the same order."""
    if len(source) <= STEP:
        return dict(source)
    out: dict[K, V] = {}
    items = iter(source.items())
    for _ in range(0, len(source), STEP):
        out.update(islice(items, STEP))
    return out


def joined(parts: Iterable[Iterable[T]]) -> list[T]:
    """`list(chain.from_iterable(parts))`, in steps."""
    out: list[T] = []
    items = chain.from_iterable(parts)
    while True:
        size = len(out)
        out.extend(islice(items, STEP))
        if len(out) - size < STEP:
            return out


def spliced(source: Sequence[T], at: int, gone: int, new: Iterable[T]) -> list[T]:
    """A copy of `source` with its `gone` items from index `at` replaced by `new`, in steps (the
    replacement itself moves pointers, no reference counts, and takes microseconds)."""
    out = joined(source[i : i + STEP] for i in range(0, len(source), STEP))
    out[at : at + gone] = new
    return out
