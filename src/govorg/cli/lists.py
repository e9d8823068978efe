"""`govorg list organisations|people|bodies|documents`: the registry's lists for portals, with
filters and pages (`--first N --after CURSOR`, or `--limit N --offset N`). They only format
`Registry.list_*` answers; the order is the library's, so pages are stable."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any

from govorg.cli.common import data_option, day_arg, open_registry
from govorg.cli.text import say, tr
from govorg.records import ORGANISATION_KINDS, OrganisationKind
from govorg.registry import Registry

WHAT = ("organisations", "people", "bodies", "documents")


def add_list_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("what", choices=WHAT, help=tr("要列出什么", "what to list"))
    parser.add_argument(
        "--government",
        help=tr(
            "organisations、bodies：只列此政府的（其名称或 id）",
            "organisations, bodies: only this government's (its name or id)",
        ),
    )
    parser.add_argument(
        "--kind",
        action="append",
        choices=ORGANISATION_KINDS,
        metavar="KIND",
        help=tr("organisations、bodies：只列此类别（可重复）", "organisations, bodies: only this kind (repeatable)"),
    )
    parser.add_argument("--prefix", help=tr("people：只列以此开头的姓名", "people: only names starting with this"))
    parser.add_argument(
        "--issuer", help=tr("documents：只列此机构发的（其任一名称）", "documents: only this body's (any of its names)")
    )
    parser.add_argument(
        "--from",
        dest="start",
        type=day_arg,
        help=tr("documents：日期不早于，YYYY-MM-DD", "documents: dated on or after, YYYY-MM-DD"),
    )
    parser.add_argument(
        "--to",
        dest="end",
        type=day_arg,
        help=tr("documents：日期不晚于，YYYY-MM-DD", "documents: dated on or before, YYYY-MM-DD"),
    )
    parser.add_argument(
        "--on", type=day_arg, help=tr("显示哪一日的名称（默认：今天）", "the day whose names to show (default: today)")
    )
    parser.add_argument(
        "--first", "--limit", dest="limit", type=int, default=None, help=tr("至多 N 项", "at most N items")
    )
    parser.add_argument(
        "--after",
        help=tr(
            "GraphQL `cursor(received: N)` 给出的游标：跳过 N 项",
            "a cursor from GraphQL `cursor(received: N)`: skip N items",
        ),
    )
    parser.add_argument("--offset", type=int, default=0, help=tr("跳过 N 项", "skip N items"))
    parser.add_argument("--json", action="store_true", help=tr("输出 JSON", "print JSON"))
    data_option(parser)


def cmd_list(args: argparse.Namespace) -> int:
    if (args.limit is not None and args.limit < 0) or args.offset < 0:
        print(f"govorg: {say('list.negative')}", file=sys.stderr)
        return 2
    start = args.offset
    if args.after:
        from graphql import GraphQLError

        from govorg.api.pages import offset

        try:
            start += offset(args.after)
        except GraphQLError as exc:
            print(f"govorg: {exc.message}", file=sys.stderr)
            return 2
    registry = open_registry(args)
    if registry is None:
        return 1
    on: date = args.on or date.today()
    rows = _rows(registry, args, on)
    shown = rows[start : None if args.limit is None else start + args.limit]
    if args.json:
        print(json.dumps({"total": len(rows), "offset": start, "items": shown}, ensure_ascii=False, indent=2))
    else:
        _print_table(shown)
        print(say("list.count", shown=len(shown), total=len(rows), start=start))
    return 0


def _rows(registry: Registry, args: argparse.Namespace, on: date) -> list[dict[str, Any]]:
    kinds = [OrganisationKind(k) for k in args.kind or []]
    catalog = registry.catalog
    if args.what in ("organisations", "bodies"):
        if args.what == "organisations":
            orgs = registry.list_organisations(government=args.government, kinds=kinds)
        else:
            orgs = registry.list_bodies(government=args.government, kinds=kinds)
        out = []
        for o in orgs:
            gov = catalog.government_of.get(o.id)
            out.append(
                {
                    "id": o.id,
                    "name": registry.organisation_name(o.id, on=on),
                    "kind": o.kind.value,
                    "government": registry.organisation_name(gov, on=on) if gov else None,
                }
            )
        return out
    if args.what == "people":
        return [{"id": p.id, "name": p.name} for p in registry.list_people(prefix=args.prefix)]
    return [
        {"id": d.id, "number": d.number, "date": d.date.text, "issuer": d.issuer, "title": d.title}
        for d in registry.list_documents(issuer=args.issuer, start=args.start, end=args.end)
    ]


def _print_table(rows: Sequence[dict[str, Any]]) -> None:
    for row in rows:
        print("  ".join("-" if v is None else str(v) for v in row.values()))
