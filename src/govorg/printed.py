"""Printed text that contradicts the fields beside it (GO311–GO314).

A row keeps the notice's words in `printed` and the facts a clerk read from them in fields.
When the words say something the fields do not (（试用期一年） with no `probation_months`), one
of the two is a slip: the clerk must look. These are warnings, since the printed text may be
quoted loosely; `govorg validate --strict` makes them fail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govorg.problems import Text

# 试用期 not followed by 满 (试用期满 is a confirmation) nor preceded by 终止 (a removal's reason).
_PROBATION = re.compile(r"(?<!终止)试用期(?!满)(?:为|是)?(?P<length>[一二三四五六七八九十两半\d]+)?(?P<unit>个月|年)?")
_CONFIRMED = re.compile(r"试用期满")
# 代理 and what it governs: up to the next separator (代理局长；… or 代理区房管局副局长，…)
_ACTING = re.compile(r"代理(?P<span>[^、，,；;。\s]*)")
CONFIRMED, ACTING = "confirmed", "acting"  # AppointmentForm values (records imports this module)


@dataclass(frozen=True, slots=True)
class Contradiction:
    code: str
    message: Text
    hint: Text


_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}


def _count(text: str) -> int | None:
    """一 .. 九十九 or Arabic digits (a probation is months or a few years)."""
    if text.isdigit():
        return int(text)
    tens, ten, units = text.partition("十")
    if not ten:
        return _DIGITS.get(text) if len(text) == 1 else None
    high = _DIGITS.get(tens, -1) if tens else 1
    low = _DIGITS.get(units, -1) if units else 0
    return None if high < 0 or low < 0 else 10 * high + low


def printed_months(printed: str) -> int | None:
    """The probation length printed (试用期一年 -> 12, 试用期六个月 -> 6), or None.

    >>> printed_months("副院长（试用期一年）"), printed_months("副局长（试用期六个月）"), printed_months("副局长")
    (12, 6, None)
    """
    m = _PROBATION.search(printed)
    if m is None or not m["length"] or not m["unit"]:
        return None
    length = m["length"]
    if length == "半" and m["unit"] == "年":
        return 6
    count = _count(length)
    if count is None:
        return None
    return count * 12 if m["unit"] == "年" else count


def _doc_example() -> None:
    """
    >>> [c.code for c in appointment_contradictions("任命林涛为副局长、代理局长", form="appointed", probation_months=None, titles=("副局长",))]
    []
    >>> [c.code for c in appointment_contradictions("代理区房管局副局长", form="appointed", probation_months=None, titles=("副局长",))]
    ['GO313']
    """


def appointment_contradictions(
    printed: str | None, *, form: str, probation_months: int | None, titles: tuple[str, ...] = ()
) -> list[Contradiction]:
    """What an appointment's printed text says that its fields do not. `form` is the row's
    AppointmentForm value (appointed, confirmed, acting, approved); `titles` are the row's post
    titles: one sentence may cover several rows (任命林涛为副局长、代理局长), so 代理 contradicts a
    row only when what it governs names the row's own title."""
    if not printed:
        return []
    found: list[Contradiction] = []
    if form != CONFIRMED and _PROBATION.search(printed) and probation_months is None:
        months = printed_months(printed)
        value = str(months) if months else "N"
        found.append(
            Contradiction(
                "GO311",
                Text("the printed text says 试用期 but the row has no probation: {printed}", printed=printed),
                Text("add `probation_months: {value}`", value=value),
            )
        )
    elif probation_months is not None and (months := printed_months(printed)) and months != probation_months:
        found.append(
            Contradiction(
                "GO314",
                Text(
                    "the printed text gives a probation of {months} months, the row `probation_months: {probation_months}`",
                    months=months,
                    probation_months=probation_months,
                ),
                Text("write `probation_months: {months}`, or correct the printed text", months=months),
            )
        )
    if _CONFIRMED.search(printed) and form != CONFIRMED:
        found.append(
            Contradiction(
                "GO312",
                Text("the printed text says 试用期满 but the row is not a confirmation: {printed}", printed=printed),
                Text("add `confirmation: true` (a 试用期满 row confirms the tenure running)"),
            )
        )
    acting_spans = [m["span"] for m in _ACTING.finditer(printed)]
    governs = any(not titles or any(t in span for t in titles) for span in acting_spans)
    if governs and form != ACTING:
        found.append(
            Contradiction(
                "GO313",
                Text("the printed text says 代理 but the row's form is {form}: {printed}", form=form, printed=printed),
                Text("add `form: acting` (代理)"),
            )
        )
    return found
