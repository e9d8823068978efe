"""Server-side SVG timelines: one row per post (an organisation's holders) or per tenure (a
career). Certain spans are solid; spans the sources leave possible are hatched (an SVG
pattern), so the picture never claims more than the records do. No script, no external asset."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

LABEL_WIDTH = 220
BAR_WIDTH = 560
ROW = 24
TOP = 26


@dataclass(frozen=True, slots=True)
class Span:
    label: str
    href: str | None
    possible_from: date
    possible_until: date
    certain_from: date
    certain_until: date


def _x(day: date, lo: date, hi: date) -> float:
    total = max((hi - lo).days, 1)
    return LABEL_WIDTH + BAR_WIDTH * (min(max(day, lo), hi) - lo).days / total


def svg(spans: list[Span], *, title: str, on: date, ident: str) -> str:
    """The timeline as an inline <svg>; `ident` keeps ids unique on a page."""
    finite = [d for s in spans for d in (s.possible_from, s.possible_until, s.certain_from, s.certain_until)]
    finite = [d for d in finite if d not in (date.min, date.max)] + [on]
    lo = date(min(finite).year, 1, 1)
    hi = date(max(finite).year + 1, 1, 1)
    height = TOP + ROW * len(spans) + 8
    width = LABEL_WIDTH + BAR_WIDTH + 10
    hatch = f"hatch-{ident}"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img" aria-labelledby="t-{ident}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        f'<title id="t-{ident}">{escape(title)}</title>',
        f'<defs><pattern id="{hatch}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#2b5c8a" stroke-width="3"/>'
        "</pattern></defs>",
    ]
    for year in range(lo.year, hi.year + 1):
        x = _x(date(year, 1, 1), lo, hi)
        out.append(f'<line x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{height}" stroke="#ddd"/>')
        if year < hi.year:
            out.append(f'<text x="{x + 2:.1f}" y="{TOP - 10}" font-size="11" fill="#555">{year}</text>')
    x_on = _x(on, lo, hi)
    for n, span in enumerate(spans):
        y = TOP + n * ROW
        label = escape(span.label)
        text = f'<text x="4" y="{y + 16}" font-size="12">{label}</text>'
        out.append(f'<a href="{escape(span.href)}">{text}</a>' if span.href else text)
        px0, px1 = _x(span.possible_from, lo, hi), _x(span.possible_until, lo, hi)
        out.append(
            f'<rect class="possible" x="{px0:.1f}" y="{y + 5}" width="{max(px1 - px0, 1):.1f}" height="14" '
            f'fill="url(#{hatch})" stroke="#2b5c8a"><title>可能 {label}</title></rect>'
        )
        if span.certain_from < span.certain_until:
            cx0, cx1 = _x(span.certain_from, lo, hi), _x(span.certain_until, lo, hi)
            out.append(
                f'<rect class="certain" x="{cx0:.1f}" y="{y + 5}" width="{max(cx1 - cx0, 1):.1f}" height="14" '
                f'fill="#2b5c8a"><title>确定 {label}</title></rect>'
            )
    out.append(
        f'<line x1="{x_on:.1f}" y1="{TOP - 6}" x2="{x_on:.1f}" y2="{height}" stroke="#c00" stroke-dasharray="3 2"/>'
    )
    out.append("</svg>")
    return "".join(out)
