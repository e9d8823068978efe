"""A static interval index: which items are live on a day, without scanning them all.

The registry is read-only between loads, so each post's (and each person's) tenures are
compiled once into elementary segments: the sorted boundaries of every interval, and for each
segment the tuple of items live in it. A point query is one `bisect` and a tuple lookup —
the same cost as the "dict + bisect over a prepared list" floor in bench/.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from datetime import date
from typing import Generic, TypeVar

T = TypeVar("T")
_SMALL = 16  # up to this many intervals, the quadratic direct build is faster than the sweep


class IntervalIndex(Generic[T]):
    """Half-open intervals [lo, hi) of dates; `at(day)` gives the items whose interval holds it."""

    __slots__ = ("_bounds", "_live")

    def __init__(self, intervals: Iterable[tuple[date, date, T]]) -> None:
        items = [(lo, hi, item) for lo, hi, item in intervals if lo < hi]
        bounds = sorted({lo for lo, _, _ in items} | {hi for _, hi, _ in items})
        if len(items) <= _SMALL:  # most posts: build each segment directly, no sweep bookkeeping
            self._bounds = bounds
            self._live = [tuple(item for lo, hi, item in items if lo <= b < hi) for b in bounds]
            return
        starts: dict[date, list[int]] = {}
        ends: dict[date, list[int]] = {}
        for n, (lo, hi, _) in enumerate(items):
            starts.setdefault(lo, []).append(n)
            ends.setdefault(hi, []).append(n)
        live: list[tuple[T, ...]] = []
        current: dict[int, None] = {}  # insertion-ordered set: items keep their input order
        previous: tuple[T, ...] = ()
        for bound in bounds:
            for n in ends.get(bound, ()):
                current.pop(n, None)
            for n in starts.get(bound, ()):
                current[n] = None
            segment = tuple(items[n][2] for n in sorted(current))
            # consecutive equal segments share one tuple, which keeps memory near O(n)
            # (compared by identity: equal tenures are the same objects, and a field-by-field
            # comparison of two different ones costs far more)
            same = len(segment) == len(previous) and all(a is b for a, b in zip(segment, previous, strict=True))
            previous = previous if same else segment
            live.append(previous)
        self._bounds = bounds
        self._live = live

    def at(self, day: date) -> tuple[T, ...]:
        i = bisect_right(self._bounds, day) - 1
        if i < 0:
            return ()
        return self._live[i]

    def __len__(self) -> int:
        return len(self._bounds)
