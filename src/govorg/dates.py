"""Dates as precise as the source: a day, a month, a quarter, a year, or a span of those.

A 人事任免 table dated only 二〇二一年四月~六月份 means each of its rows took effect somewhere
in 2021-04-01..2021-06-30. We store what the source says and never invent a day. A `DateWindow`
keeps the printed text and the first and last day it can mean. Dates are written either in the
ISO forms (ASCII digits) or as the notice prints them, in Arabic or Chinese numerals; see
docs/format.md, "Dates".
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import lru_cache

from govorg.pickling import compact_pickle
from govorg.problems import Text, as_text


class Precision(Enum):
    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    SPAN = "span"
    UNKNOWN = "unknown"


def latest_before(starts: list[date], day: date) -> int:
    """Versions by date: the index of the last of the sorted `starts` on or before `day` (-1 when
    none is). One bisect; every "version in force on D" question uses it."""
    return bisect_right(starts, day) - 1


class DateError(ValueError):
    """A date text that names no real date, or a span that runs backwards."""

    def __init__(self, message: str | Text, *, code: str, hint: str | Text = "") -> None:
        super().__init__(str(message))
        self.code = code
        self.hint = str(hint)
        self.text, self.hint_text = as_text(message), as_text(hint)  # to say it in Chinese as well


@compact_pickle
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

    def overlaps(self, start: date | None, end: date | None) -> bool:
        """Whether some day of the window can fall in [start, end] (both inclusive; None: open).
        The one overlap rule every question about windows uses."""
        return (self.earliest or date.min) <= (end or date.max) and (start or date.min) <= (self.latest or date.max)

    def meets(self, other: DateWindow) -> bool:
        """Whether the two windows can share a day."""
        return self.overlaps(other.earliest, other.latest)

    def __str__(self) -> str:
        return self.text


# The ISO forms take ASCII digits only ([0-9], not \d, which also matches ２０２１): a full-width
# ISO date is a typing slip worth reporting. The printed Chinese forms below accept them.
_DAY = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
_MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")
_QUARTER = re.compile(r"^([0-9]{4})-Q([1-4])$")
_YEAR = re.compile(r"^([0-9]{4})$")
_LEADING_YEAR = re.compile(r"^([0-9]{4})(?:-|$)")

# Records speak of the 20th and 21st centuries. Bounding years keeps every date arithmetic
# (a tenure's end + 1 day, a start + 120 months of probation) far from date.min and date.max,
# where it would overflow; year 0000 is not a date at all.
MIN_YEAR = 1900
MAX_YEAR = 2200


def _point(text: str) -> tuple[date, date, Precision]:
    """Parse one of the four point forms into its first and last day."""
    text = text.strip()
    if (lead := _LEADING_YEAR.match(text)) and not MIN_YEAR <= int(lead.group(1)) <= MAX_YEAR:
        raise DateError(
            Text(
                "{text!r}: year {year} is outside {MIN_YEAR}..{MAX_YEAR}",
                text=text,
                year=int(lead.group(1)),
                MIN_YEAR=MIN_YEAR,
                MAX_YEAR=MAX_YEAR,
            ),
            code="GO110",
            hint="check the year against the source",
        )
    if m := _DAY.match(text):
        y, mo, d = (int(g) for g in m.groups())
        try:
            day = date(y, mo, d)
        except ValueError as exc:
            raise DateError(
                Text("{text!r} is not a date on the calendar ({exc})", text=text, exc=exc), code="GO110"
            ) from None
        return day, day, Precision.DAY
    if m := _MONTH.match(text):
        y, mo = int(m.group(1)), int(m.group(2))
        if not 1 <= mo <= 12:
            raise DateError(Text("{text!r}: month {mo} does not exist", text=text, mo=mo), code="GO110")
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
    if unicodedata.normalize("NFKC", text) != text and _ISO_ANY.match(unicodedata.normalize("NFKC", text)):
        raise DateError(
            Text("{text!r} has full-width digits or dashes in an ISO date", text=text),
            code="GO110",
            hint=Text("write it in ASCII: {normalize}", normalize=unicodedata.normalize("NFKC", text)),
        )
    raise DateError(Text("{text!r} is not a date", text=text), code="GO110", hint=_FORMS)


_FORMS = (
    "write 2021-04-13, 2021-04, 2021-Q2, 2021 or a span 2021-04..2021-06, "
    "or as printed: 2021年4月13日, 二〇二一年四月十三日, 2021年4月, 2021年第二季度, 2021年, 2021年4月至6月"
)
_ISO_ANY = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?|-Q[1-4])?(\.\.[0-9]{4}(-[0-9]{2}(-[0-9]{2})?|-Q[1-4])?)?$")

# -- dates as printed in notices: 2021年4月13日, 二〇二一年四月十三日, 二〇二一年四月~六月份 --------
_CHINESE = re.compile("[年月日号季]")
# Zero is printed 〇 (U+3007), ○ (U+25CB, the shape clerks type), 零, and sometimes a letter O
# (Latin, Cyrillic, or full-width Ｏ, which NFKC makes Latin) or ◯.
_DIGITS = {**dict.fromkeys("〇○零OoОо◯0", 0), **{c: i for i, c in enumerate("一二三四五六七八九", 1)}}
_DIGITS.update({str(i): i for i in range(10)})
_NUMBER = "[0-9〇○零OoОо◯一二三四五六七八九十]+"
# One side of a printed date: 2021年4月13日, 2021年第二季度, 4月份, 15日; a bare number (the 4 of
# 2021年4至6月) takes the unit of the other side's first field.
_SIDE = re.compile(
    rf"^(?:(?P<y>{_NUMBER})年)?(?:第?(?P<q>{_NUMBER})季度)?(?:(?P<m>{_NUMBER})月)?"
    rf"(?:(?P<d>{_NUMBER})[日号])?(?P<bare>{_NUMBER})?份?$"
)
# Between the two sides of a span: ~ (and ～, 〜), dashes of every width, 至, 到, or the ISO "..".
_SEPARATOR = re.compile(r"~|〜|[-‐‑‒–—―]+|至|到|\.\.")
_FIELDS = ("y", "q", "m", "d")


def _small_number(printed: str, what: str, whole: str) -> int:
    """A month, day or quarter: 4, 04, 四, 十, 十三, 二十, 三十一."""
    if printed.isascii() and printed.isdigit():
        return int(printed)
    tens, ten, units = printed.partition("十")
    try:
        if not ten:  # one Chinese digit, 一 to 九
            if len(printed) != 1 or _DIGITS[printed] == 0:
                raise KeyError(printed)
            return _DIGITS[printed]
        if len(tens) > 1 or len(units) > 1 or (tens and _DIGITS[tens] == 0) or (units and _DIGITS[units] == 0):
            raise KeyError(printed)
        return 10 * (_DIGITS[tens] if tens else 1) + (_DIGITS[units] if units else 0)
    except KeyError:
        raise DateError(
            Text("{whole!r}: {what} {printed!r} is not a number", whole=whole, what=what, printed=printed),
            code="GO110",
            hint="write it in Arabic digits (4, 13) or Chinese numerals (四, 十三, 三十一)",
        ) from None


def _year(printed: str, whole: str) -> int:
    """A year digit by digit: 2021, 二〇二一, 二○一一, 二零二一."""
    if len(printed) != 4 or any(c not in _DIGITS for c in printed):
        raise DateError(
            Text("{whole!r}: year {printed!r} is not four digits", whole=whole, printed=printed),
            code="GO110",
            hint="write the year digit by digit, as printed: 2021 or 二〇二一",
        )
    return int("".join(str(_DIGITS[c]) for c in printed))


def _side(text: str, whole: str) -> dict[str, str]:
    m = _SIDE.match(text)
    fields = {k: v for k, v in m.groupdict().items() if v is not None} if m else {}
    if not fields or ("q" in fields and ("m" in fields or "d" in fields)):
        raise DateError(Text("{whole!r} is not a date", whole=whole), code="GO110", hint=_FORMS)
    return fields


def _bounds(fields: dict[str, str], whole: str) -> tuple[date, date, Precision]:
    """The first and last day of one side, once its year is known."""
    if "y" not in fields:
        raise DateError(Text("{whole!r} has no year", whole=whole), code="GO110", hint="print the year: 2021年4月13日")
    y = _year(fields["y"], whole)
    if "q" in fields:
        q = _small_number(fields["q"], "quarter", whole)
        if not 1 <= q <= 4:
            raise DateError(
                Text("{whole!r}: quarter {q} does not exist", whole=whole, q=q),
                code="GO110",
                hint="a year has 第一 to 第四季度",
            )
        return _point(f"{y:04d}-Q{q}")
    if "m" not in fields:
        if "d" in fields:
            raise DateError(
                Text("{whole!r} has a day but no month", whole=whole),
                code="GO110",
                hint="print the month: 2021年4月13日",
            )
        return _point(f"{y:04d}")
    mo = _small_number(fields["m"], "month", whole)
    if not 1 <= mo <= 12:
        raise DateError(
            Text("{whole!r}: month {mo} does not exist", whole=whole, mo=mo),
            code="GO110",
            hint="a month is 1 to 12 (一月 to 十二月)",
        )
    if "d" not in fields:
        return _point(f"{y:04d}-{mo:02d}")
    d = _small_number(fields["d"], "day", whole)
    last = calendar.monthrange(y, mo)[1]
    if not 1 <= d <= last:
        raise DateError(
            Text(
                "{whole!r} is {y:04d}-{mo:02d}-{d:02d}, which is not on the calendar ({y}年{mo}月 has {last} days)",
                whole=whole,
                y=y,
                mo=mo,
                d=d,
                last=last,
            ),
            code="GO110",
            hint="check the day against the notice",
        )
    return _point(f"{y:04d}-{mo:02d}-{d:02d}")


def _parse_chinese(text: str) -> DateWindow:
    """A date as a notice prints it; `text` is kept as printed, the parse reads its NFKC form."""
    plain = "".join(unicodedata.normalize("NFKC", text).split())  # ２０２１年４月 is 2021年4月
    parts = _SEPARATOR.split(plain)
    if len(parts) == 1:
        fields = _side(plain, text)
        if "bare" in fields:  # 2021年4: a number with no unit
            raise DateError(Text("{text!r} is not a date", text=text), code="GO110", hint=_FORMS)
        lo, hi, precision = _bounds(fields, text)
        return DateWindow(lo, hi, text, precision)
    if len(parts) != 2:
        raise DateError(Text("{text!r} is not a date", text=text), code="GO110", hint=_FORMS)
    left, right = _side(parts[0], text), _side(parts[1], text)
    if "bare" in right:
        raise DateError(Text("{text!r} is not a date", text=text), code="GO110", hint=_FORMS)
    first = next(k for k in _FIELDS if k in right)  # the right side's largest unit
    if "bare" in left:  # 2021年4至6月: the 4 is a month
        if first in left:
            raise DateError(Text("{text!r} is not a date", text=text), code="GO110", hint=_FORMS)
        left[first] = left.pop("bare")
    # The right side leaves out what it shares with the left: 2021年4月至6月, 4月13日至15日.
    order = ("y", "m", "d") if first != "q" else ("y", "q")
    inherited = {k: left[k] for k in order[: order.index(first)] if k in left} if first in order else {}
    lo, _, _ = _bounds(left, text)
    _, hi, _ = _bounds({**inherited, **right}, text)
    if hi < lo:
        raise DateError(
            Text("span {text!r} ends before it starts", text=text), code="GO111", hint="write the earlier date first"
        )
    return DateWindow(lo, hi, text, Precision.SPAN)


_CN_DIGITS = "〇一二三四五六七八九"


def chinese_number(n: int) -> str:
    """A month or day in Chinese numerals, as notices print it.

    >>> chinese_number(4), chinese_number(10), chinese_number(13), chinese_number(30)
    ('四', '十', '十三', '三十')
    """
    if n < 10:
        return _CN_DIGITS[n]
    tens, units = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[units] if units else "")


def chinese_date(day: date, *, zero: str = "〇") -> str:
    """A day as a notice prints it in Chinese numerals (the inverse of `parse_date`).

    >>> chinese_date(date(2011, 12, 15), zero="○")
    '二○一一年十二月十五日'
    """
    year = "".join(_CN_DIGITS[int(c)] for c in f"{day.year:04d}").replace("〇", zero)
    return f"{year}年{chinese_number(day.month)}月{chinese_number(day.day)}日"


@lru_cache(maxsize=8192)  # records repeat a few date texts: share one frozen window per text
def parse_date(text: str) -> DateWindow:
    """Parse a date as a clerk writes it: an ISO form, or as the notice prints it.

    >>> parse_date("2021-04..2021-06").earliest, parse_date("2021-04..2021-06").latest
    (datetime.date(2021, 4, 1), datetime.date(2021, 6, 30))
    >>> parse_date("二〇二一年四月~六月份") == DateWindow(date(2021, 4, 1), date(2021, 6, 30), "二〇二一年四月~六月份", Precision.SPAN)
    True
    >>> parse_date("二○一一年十二月十五日").earliest
    datetime.date(2011, 12, 15)
    """
    text = text.strip()
    if _CHINESE.search(text):
        return _parse_chinese(text)
    if ".." in text:
        left, _, right = text.partition("..")
        lo, _, _ = _point(left)
        _, hi, _ = _point(right)
        if hi < lo:
            raise DateError(Text("span {text!r} ends before it starts", text=text), code="GO111")
        return DateWindow(lo, hi, text, Precision.SPAN)
    lo, hi, precision = _point(text)
    return DateWindow(lo, hi, text, precision)


def exact(day: date) -> DateWindow:
    return DateWindow(day, day, day.isoformat(), Precision.DAY)


def parse_day(text: str) -> date:
    """Parse an exact ISO day (for query arguments); raises DateError otherwise."""
    window = parse_date(text)
    if not window.exact or window.earliest is None:
        raise DateError(Text("{text!r} is not a single day; write YYYY-MM-DD", text=text), code="GO110")
    return window.earliest
