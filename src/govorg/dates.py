"""Dates as precise as the source: a day, a month, a quarter, a year, or a span of those.

DOMAIN.md, "Dates": the 人事任免 table is dated only 二〇二一年四月~六月份, so each of its rows
took effect somewhere in 2021-04-01..2021-06-30. We store what the source says and never
invent a day. A `DateWindow` keeps the printed text and the first and last day it can mean.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import lru_cache


class Precision(Enum):
    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    SPAN = "span"
    UNKNOWN = "unknown"


class DateError(ValueError):
    """A date text that names no real date, or a span that runs backwards."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class DateWindow:
    """The days a printed date can mean: `earliest`..`latest`, both inclusive.

    Either bound may be None when the source leaves that side open (an appointment that a
    removal implies, with no recorded start, is only known to begin *before* the removal).
    """

    earliest: date | None
    latest: date | None
    text: str
    precision: Precision

    @property
    def exact(self) -> bool:
        return self.earliest is not None and self.earliest == self.latest

    def contains(self, day: date) -> bool:
        return (self.earliest is None or self.earliest <= day) and (self.latest is None or day <= self.latest)

    def __str__(self) -> str:
        return self.text


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
_LEADING_YEAR = re.compile(r"^(\d{4})(?:-|$)")

# Records speak of the 20th and 21st centuries. Bounding years keeps every date arithmetic
# (a tenure's end + 1 day, a start + 120 months of probation) far from date.min and date.max,
# where it would overflow; year 0000 is not a date at all.
MIN_YEAR = 1900
MAX_YEAR = 2200


def _point(text: str) -> tuple[date, date, Precision]:
    """Parse one of the four point forms into its first and last day."""
    text = text.strip()
    if (lead := _LEADING_YEAR.match(text)) and not MIN_YEAR <= int(lead.group(1)) <= MAX_YEAR:
        raise DateError(f"{text!r}: year {int(lead.group(1))} is outside {MIN_YEAR}..{MAX_YEAR}", code="GO110")
    if m := _DAY.match(text):
        y, mo, d = (int(g) for g in m.groups())
        try:
            day = date(y, mo, d)
        except ValueError as exc:
            raise DateError(f"{text!r} is not a date on the calendar ({exc})", code="GO110") from None
        return day, day, Precision.DAY
    if m := _MONTH.match(text):
        y, mo = int(m.group(1)), int(m.group(2))
        if not 1 <= mo <= 12:
            raise DateError(f"{text!r}: month {mo} does not exist", code="GO110")
        last = calendar.monthrange(y, mo)[1]
        return date(y, mo, 1), date(y, mo, last), Precision.MONTH
    if m := _QUARTER.match(text):
        y, q = int(m.group(1)), int(m.group(2))
        first_month = 3 * (q - 1) + 1
        last_month = first_month + 2
        last = calendar.monthrange(y, last_month)[1]
        return date(y, first_month, 1), date(y, last_month, last), Precision.QUARTER
    if m := _YEAR.match(text):
        y = int(m.group(1))
        return date(y, 1, 1), date(y, 12, 31), Precision.YEAR
    raise DateError(
        f"{text!r} is not a date; write 2021-04-13, 2021-04, 2021-Q2, 2021, or a span 2021-04..2021-06",
        code="GO110",
    )


@lru_cache(maxsize=8192)  # records repeat a few date texts: share one frozen window per text
def parse_date(text: str) -> DateWindow:
    """Parse a date as a clerk writes it.

    >>> parse_date("2021-04..2021-06").earliest, parse_date("2021-04..2021-06").latest
    (datetime.date(2021, 4, 1), datetime.date(2021, 6, 30))
    """
    text = text.strip()
    if ".." in text:
        left, _, right = text.partition("..")
        lo, _, _ = _point(left)
        _, hi, _ = _point(right)
        if hi < lo:
            raise DateError(f"span {text!r} ends before it starts", code="GO111")
        return DateWindow(lo, hi, text, Precision.SPAN)
    lo, hi, precision = _point(text)
    return DateWindow(lo, hi, text, precision)


def exact(day: date) -> DateWindow:
    return DateWindow(day, day, day.isoformat(), Precision.DAY)


def parse_day(text: str) -> date:
    """Parse an exact ISO day (for query arguments); raises DateError otherwise."""
    window = parse_date(text)
    if not window.exact or window.earliest is None:
        raise DateError(f"{text!r} is not a single day; write YYYY-MM-DD", code="GO110")
    return window.earliest
