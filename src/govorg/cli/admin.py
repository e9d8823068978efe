"""Commands that check, build, serve, query and synthesise registries."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from govorg.cli.common import (
    open_db,
    open_registry,
    print_problems,
)
from govorg.loader import data_files, load
from govorg.problems import Severity
from govorg.registry import Registry, RegistryError
from govorg.validate import validate


def cmd_validate(args: argparse.Namespace) -> int:
    data: Path = args.data_dir
    loaded = load(data)
    validated = validate(loaded)
    print_problems(validated.problems, sys.stdout)
    errors = sum(1 for p in validated.problems if p.severity is Severity.ERROR)
    warnings = len(validated.problems) - errors
    r = loaded.records
    print(
        f"{len(loaded.files)} files: {len(r.documents)} documents, {len(r.organisations)} organisations, "
        f"{len(r.people)} people, {len(r.appointments)} appointments, {len(r.removals)} removals, "
        f"{len(r.attestations)} attestations, {len(validated.tenures)} tenures"
    )
    print(f"{errors} error(s), {warnings} warning(s)")
    return 1 if errors else 0


def cmd_query(args: argparse.Namespace) -> int:
    import logging

    from govorg.api.app import dumps, run_query

    logging.getLogger("strawberry.execution").setLevel(logging.CRITICAL)  # errors go in the JSON

    try:
        variables = json.loads(args.variables) if args.variables else None
    except json.JSONDecodeError as exc:
        print(f"govorg: --variables is not JSON: {exc}", file=sys.stderr)
        return 2
    if variables is not None and not isinstance(variables, dict):
        print("govorg: --variables must be a JSON object", file=sys.stderr)
        return 2
    query = Path(args.query[1:]).read_text(encoding="utf-8") if args.query.startswith("@") else args.query
    registry = open_registry(args)
    if registry is None:
        return 1
    response = run_query(registry, query, variables)
    print(dumps(response))
    return 1 if response.get("errors") else 0


def cmd_serve(args: argparse.Namespace) -> int:
    import logging

    import uvicorn

    from govorg.api.app import create_app
    from govorg.api.reload import RegistryHolder, Watcher
    from govorg.loader import ParseCache

    logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(name)s: %(message)s")
    cache = ParseCache(args.cache)
    if args.db:
        registry = open_db(args.db)
    else:
        try:
            registry = Registry.load(args.data, cache=cache)
        except RegistryError as exc:
            print_problems(exc.problems)
            print(
                f"govorg: errors in {args.data}; nothing served. Fix them (see `govorg validate {args.data}`).",
                file=sys.stderr,
            )
            return 1
    if registry is None:
        return 1

    def watcher(holder: RegistryHolder) -> Watcher:
        if args.db:
            from govorg.sql import load_registry, version_of

            url: str = args.db
            return Watcher(holder, lambda: version_of(url), lambda: load_registry(url), args.interval)
        data: Path = args.data
        return Watcher(holder, lambda: data_signature(data), lambda: Registry.load(data, cache=cache), args.interval)

    info = registry.info()
    source = args.db or args.data
    print(
        f"govorg: serving {source} ({info.counts['tenures']} tenures, version {info.data_version[:12]}) at http://{args.host}:{args.port}/graphql"
    )
    app = create_app(registry, watch=watcher if args.watch else None)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0


def data_signature(data: Path) -> tuple[tuple[str, int, int], ...]:
    """What changes when a clerk edits, adds or removes a data file: names, sizes, mtimes."""
    paths = [data] if data.is_file() else data_files(data)
    out = []
    for path in paths:
        try:
            st = path.stat()
        except FileNotFoundError:  # removed between listing and stat
            continue
        out.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(out)


def cmd_build(args: argparse.Namespace) -> int:
    from govorg.sql import DatabaseError, build

    validated = validate(load(args.data))
    if not validated.ok:
        print_problems(validated.problems)
        print(
            f"govorg: {len(validated.errors)} error(s) in {args.data}; the database was not changed.", file=sys.stderr
        )
        return 1
    try:
        result = build(validated, args.db)
    except DatabaseError as exc:
        print(f"govorg: {exc}", file=sys.stderr)
        return 1
    if result.changed:
        print(f"built {args.db}: {result.rows} rows, data version {result.data_version[:12]}")
    else:
        print(f"{args.db} is up to date (data version {result.data_version[:12]}); nothing to do")
    return 0


def cmd_synth(args: argparse.Namespace) -> int:
    from govorg.synth import synthesize

    out: Path = args.out
    if out.exists() and any(out.iterdir()):
        print(f"govorg: {out} is not empty; choose a new folder", file=sys.stderr)
        return 1
    result = synthesize(out, tenures=args.tenures, seed=args.seed)
    print(
        f"wrote {result.files} files to {out}: {result.tenures} tenures, {result.people} people, "
        f"{result.organisations} organisations"
    )
    return 0


# -- parser --------------------------------------------------------------------------------------
