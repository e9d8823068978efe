"""`govorg export`: the registry as Popolo JSON, CSV tables, GEXF or GraphML (govorg.export)."""

from __future__ import annotations

import argparse
import sys

from govorg.cli.common import open_registry
from govorg.cli.text import say
from govorg.export import Scope, network, popolo, popolo_json, select, tables, write_csv
from govorg.graph import network_bytes


def scope_of(args: argparse.Namespace) -> Scope | str:
    """The scope the options ask for, or what is wrong with them."""
    if args.on is not None and (args.start is not None or args.end is not None):
        return "give either --on DATE or --from A --to B, not both"
    if args.on is not None:
        return Scope.on(args.on)
    if args.start is not None or args.end is not None:
        start, end = args.start or Scope().start, args.end or Scope().end
        if start > end:
            return say("scope.order", start=start, end=end)
        return Scope(start, end)
    return Scope()


def cmd_export(args: argparse.Namespace) -> int:
    scope = scope_of(args)
    if isinstance(scope, str):
        print(f"govorg: {scope}", file=sys.stderr)
        return 2
    if args.format == "csv" and args.out is None:
        print(f"govorg: {say('export.csv_needs_out')}", file=sys.stderr)
        return 2
    registry = open_registry(args)
    if registry is None:
        return 1
    selection = select(registry, scope=scope, government=args.government)
    if args.format == "csv":
        for path in write_csv(args.out, tables(selection), headers=args.headers):
            print(path, file=sys.stderr)
        return 0
    if args.format == "popolo":
        data = popolo_json(popolo(selection)).encode("utf-8")
    else:
        nodes, edges = network(selection)
        data = network_bytes(nodes, edges, fmt=args.format)
    if args.out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        args.out.write_bytes(data)
    return 0
