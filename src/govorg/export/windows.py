"""Dates known to a window, as Popolo's single dates (docs/exports.md) and as extension fields."""

from __future__ import annotations

from datetime import date
from typing import Any

from govorg.dates import DateWindow, Precision
from govorg.tenures import Tenure

Json = dict[str, Any]


def iso(day: date) -> str | None:
    """A day as ISO text; None for the sentinels of an unknown start or an open end."""
    return None if day in (date.min, date.max) else day.isoformat()


def popolo_date(window: DateWindow | None, *, side: str) -> str | None:
    """A window as Popolo's one date (docs/exports.md): a day as itself; a month or a year in
    Popolo's reduced form (2021-04, 2021), which says exactly "some day of it"; any other window
    (a quarter, a span) by its certain bound: the latest possible start, the earliest possible end."""
    if window is None or window.earliest is None or window.latest is None:
        return None
    if window.exact:
        return window.earliest.isoformat()
    if window.precision is Precision.MONTH:
        return window.earliest.isoformat()[:7]
    if window.precision is Precision.YEAR:
        return window.earliest.isoformat()[:4]
    return (window.latest if side == "start" else window.earliest).isoformat()


def window_json(window: DateWindow | None) -> Json | None:
    """The window kept whole, for the extension fields (None for an exact day or nothing)."""
    if window is None or window.exact:
        return None
    return {
        "earliest": iso(window.earliest) if window.earliest else None,
        "latest": iso(window.latest) if window.latest else None,
        "text": window.text,
    }


def tenure_dates(tenure: Tenure) -> tuple[str | None, str | None]:
    """Popolo start_date and end_date of a tenure, over its own bounds (an attestation narrows
    them): a day as itself; a month or year the bounds did not narrow in Popolo's reduced form;
    otherwise the certain span's bounds (the latest possible start, the earliest possible end).
    An end the sources leave open (no removal, or one with no latest day) gives no end_date.
    With no certain span at all, the widest reading instead, so start_date never follows end_date."""
    start = _bounded(tenure.start, tenure.possible_from, tenure.certain_from, side="start")
    end = None
    if tenure.end is not None and tenure.possible_until != date.max:
        end = _bounded(tenure.end, tenure.certain_until, tenure.possible_until, side="end")
    if tenure.certain_from >= tenure.certain_until and tenure.end is not None:
        # no day is certain: the certain bounds would cross, so give the widest reading
        return iso(tenure.possible_from), iso(tenure.possible_until)
    return start, end


def _bounded(window: DateWindow, earliest: date, latest: date, *, side: str) -> str | None:
    if window.earliest == earliest and window.latest == latest:
        return popolo_date(window, side=side)
    return iso(latest if side == "start" else earliest)


def tenure_windows(tenure: Tenure) -> tuple[Json | None, Json | None]:
    """The start and end windows as the tenure's bounds give them (narrowed by attestations)."""
    start = None
    if tenure.possible_from != tenure.certain_from:
        start = {"earliest": iso(tenure.possible_from), "latest": iso(tenure.certain_from), "text": tenure.start.text}
    end = None
    if tenure.end is not None and tenure.certain_until != tenure.possible_until:
        end = {"earliest": iso(tenure.certain_until), "latest": iso(tenure.possible_until), "text": tenure.end.text}
    return start, end
