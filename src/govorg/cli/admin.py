"""Commands that check, build, serve, query and synthesise registries."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from govorg.cli.common import (
    loading,
    open_db,
    open_registry,
    print_problems,
)
from govorg.cli.text import say, tr
from govorg.loader import data_files, load
from govorg.registry import Registry, RegistryError
from govorg.validate import validate


def cmd_query(args: argparse.Namespace) -> int:
    import logging

    from govorg.api.app import dumps, run_query

    logging.getLogger("strawberry.execution").setLevel(logging.CRITICAL)  # errors go in the JSON

    try:
        variables = json.loads(args.variables) if args.variables else None
    except json.JSONDecodeError as exc:
        print(f"govorg: {say('query.variables_not_json', error=exc)}", file=sys.stderr)
        return 2
    if variables is not None and not isinstance(variables, dict):
        print(f"govorg: {say('query.variables_not_object')}", file=sys.stderr)
        return 2
    query = Path(args.query[1:]).read_text(encoding="utf-8") if args.query.startswith("@") else args.query
    registry = open_registry(args)
    if registry is None:
        return 1
    response = run_query(registry, query, variables)
    print(dumps(response))
    return 1 if response.get("errors") else 0


def serve_options(p: argparse.ArgumentParser) -> None:
    """`govorg serve`'s limits and exposure (docs/security.md explains each)."""
    from govorg.api.limits import Limits

    d = Limits()
    p.add_argument(
        "--max-depth",
        type=int,
        default=d.max_depth,
        help=tr(f"字段嵌套的最大深度（默认 {d.max_depth}）", f"deepest field nesting (default {d.max_depth})"),
    )
    p.add_argument(
        "--max-aliases",
        type=int,
        default=d.max_aliases,
        help=tr(f"每个请求的别名数（默认 {d.max_aliases}）", f"aliases per request (default {d.max_aliases})"),
    )
    p.add_argument(
        "--max-tokens",
        type=int,
        default=d.max_tokens,
        help=tr(f"每个查询的词元数（默认 {d.max_tokens}）", f"tokens per query (default {d.max_tokens})"),
    )
    p.add_argument(
        "--max-cost",
        type=int,
        default=d.max_cost,
        help=tr(
            f"一个回答可含的字段数，列表按页大小计（默认 {d.max_cost}）",
            f"fields an answer may hold, lists counted by page size (default {d.max_cost})",
        ),
    )
    p.add_argument(
        "--max-body-bytes",
        type=int,
        default=d.max_body_bytes,
        help=tr(
            f"请求体或查询字符串的大小（默认 {d.max_body_bytes}）",
            f"request body or query string size (default {d.max_body_bytes})",
        ),
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=d.timeout,
        help=tr(f"一个请求可用的秒数（默认 {d.timeout:g}）", f"seconds a request may take (default {d.timeout:g})"),
    )
    p.add_argument(
        "--workers",
        type=int,
        default=d.workers,
        help=tr(f"执行查询的线程数（默认 {d.workers}）", f"threads running queries (default {d.workers})"),
    )
    p.add_argument(
        "--cache-bytes",
        type=int,
        default=d.cache_bytes,
        help=tr(
            f"回答缓存的字节预算（默认 {d.cache_bytes}）", f"answer cache budget in bytes (default {d.cache_bytes})"
        ),
    )
    p.add_argument(
        "--cors-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help=tr(
            "允许来自此源的浏览器页面（可重复），如 https://portal.example.org",
            "allow browser pages from this origin (repeatable), e.g. https://portal.example.org",
        ),
    )
    p.add_argument(
        "--show-problems",
        action="store_true",
        help=tr(
            "向所有客户端显示重新加载时的问题（文件路径、消息）",
            "show reload problems (file paths, messages) to every client",
        ),
    )
    p.add_argument(
        "--admin-token",
        default=os.environ.get("GOVORG_ADMIN_TOKEN"),
        help=tr(
            "向带 `Authorization: Bearer TOKEN` 的请求显示重新加载时的问题（默认：$GOVORG_ADMIN_TOKEN）",
            "show reload problems to requests with `Authorization: Bearer TOKEN` (default: $GOVORG_ADMIN_TOKEN)",
        ),
    )


def cmd_serve(args: argparse.Namespace) -> int:
    import logging

    import uvicorn

    from govorg.api.app import create_app
    from govorg.api.limits import Limits
    from govorg.api.reload import NotifyWatcher, RegistryHolder, Watcher, Watching
    from govorg.incremental import Reloader
    from govorg.loader import ParseCache

    logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(name)s: %(message)s")
    cache = ParseCache(args.cache)
    reloader: Reloader | None = None
    if args.db:
        registry = open_db(args.db, trust=not args.revalidate)
    else:
        try:
            if args.watch:  # keeps what each part was built from, so an edit redoes only its part
                reloader = Reloader(args.data, cache=cache)
                registry = reloader.registry()
            else:
                registry = Registry.load(args.data, cache=cache)
        except RegistryError as exc:
            print_problems(exc.problems)
            print(f"govorg: {say('serve.refused', data=args.data)}", file=sys.stderr)
            return 1
    if registry is None:
        return 1

    def watcher(holder: RegistryHolder) -> Watching:
        if args.db:
            from govorg.sql import NOTIFY_CHANNEL, libpq_conninfo, load_registry, version_of

            url: str = args.db
            conninfo = libpq_conninfo(url)
            trust = not args.revalidate
            if conninfo is not None:  # PostgreSQL: builds NOTIFY; poll only as a safety net
                from govorg.api.notify import ListenWatcher

                return ListenWatcher(
                    holder,
                    conninfo,
                    NOTIFY_CHANNEL,
                    lambda: version_of(url),
                    lambda: load_registry(url, trust=trust),
                    safety_interval=args.safety_poll,
                )
            return Watcher(holder, lambda: version_of(url), lambda: load_registry(url, trust=trust), args.interval)
        data: Path = args.data
        assert reloader is not None
        if not args.poll and data.is_dir():
            return NotifyWatcher(holder, data.resolve(), reloader.changed, quiet=args.quiet)
        return Watcher(
            holder, lambda: data_signature(data), reloader.reload, args.interval, load_changes=reloader.between
        )

    info = registry.info()
    source = args.db or args.data
    serving = say(
        "serve.serving",
        source=source,
        tenures=info.counts["tenures"],
        version=info.data_version[:12],
        host=args.host,
        port=args.port,
    )
    print(f"govorg: {serving}")
    if not 1 <= args.processes <= 64:
        print(f"govorg: {say('serve.processes')}", file=sys.stderr)
        return 2
    try:
        limits = Limits(
            max_depth=args.max_depth,
            max_aliases=args.max_aliases,
            max_tokens=args.max_tokens,
            max_cost=args.max_cost,
            max_body_bytes=args.max_body_bytes,
            timeout=args.timeout,
            workers=args.workers,
            cache_bytes=args.cache_bytes,
        )
    except ValueError as exc:
        print(f"govorg: {exc}", file=sys.stderr)
        return 2
    app = create_app(
        registry,
        watch=watcher if args.watch else None,
        limits=limits,
        cors_origins=args.cors_origin,
        show_problems=args.show_problems,
        admin_token=args.admin_token,
    )
    if args.processes > 1:
        from govorg.api.processes import serve_processes

        return serve_processes(
            app, host=args.host, port=args.port, processes=args.processes, access_log=args.access_log
        )
    uvicorn.run(app, host=args.host, port=args.port, log_level="info", access_log=args.access_log)
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

    with loading():
        validated = validate(load(args.data))
    if not validated.ok:
        print_problems(validated.problems)
        print(f"govorg: {say('build.refused', errors=len(validated.errors), data=args.data)}", file=sys.stderr)
        return 1
    try:
        result = build(validated, args.db)
    except DatabaseError as exc:
        print(f"govorg: {exc}", file=sys.stderr)
        return 1
    if result.changed:
        print(say("build.built", db=args.db, rows=result.rows, version=result.data_version[:12]))
    else:
        print(say("build.up_to_date", db=args.db, version=result.data_version[:12]))
    return 0


def cmd_synth(args: argparse.Namespace) -> int:
    from govorg.synth import synthesize

    out: Path = args.out
    if out.exists() and any(out.iterdir()):
        print(f"govorg: {say('synth.not_empty', out=out)}", file=sys.stderr)
        return 1
    result = synthesize(out, tenures=args.tenures, seed=args.seed)
    print(
        say(
            "synth.wrote",
            files=result.files,
            out=out,
            tenures=result.tenures,
            people=result.people,
            organisations=result.organisations,
        )
    )
    return 0


# -- parser --------------------------------------------------------------------------------------
