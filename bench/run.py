"""Benchmarks: one command, results in bench/RESULTS.md with the machine they ran on.

    pip install -e '.[bench]'                         # what the bench imports (wrk: see below)
    python bench/run.py                               # 10k and 100k tenures
    python bench/run.py --tenures 100000              # one size (--sizes 10000,100000: several)
    bash scripts/with-postgres python bench/run.py    # adds the start-from-PostgreSQL rows

Every measurement is reported against a floor measured in the same run on the same data,
because the machines are shared and noisy: the ratio is the number to read. Each size runs in
a fresh process, so memory is measured from a clean start.

- cold load: `Registry.load` (read, parse, validate, compile indexes) vs ruamel's C composer
  (`CBaseLoader.get_single_node`, the composer govorg's own parser sits on) only composing the
  same files; both with the garbage collector paused. The cold load is one process; beside it,
  `Registry.load(..., workers=cores)` parses the files in one process per core.
- warm start (disk parse cache, nothing changed) and one-file reload (in-memory cache, one file
  edited), and starts from SQLite and PostgreSQL, vs orjson loading a JSON dump of the same rows.
- holders: µs per `Registry.holders(organisation, title, on=day)` (name resolution included)
  and per interval-index lookup, vs a dict + bisect over a prepared list, and vs the indexed
  SQLite query on the `tenures` table; for the synthetic posts and for one post with 1,000 tenures.
- history: `changes` over a quarter and `rosterDiff`, vs a scan of a pre-sorted event list.
- memory: resident memory added by the cold load, per tenure, with every time index built (they
  are built when first asked for; `memory_lazy_bytes` in RESULTS.json is before any is).
- replicas (bench/replicas.py): `govorg serve --processes 1` vs `2` on one port under varied
  questions, vs a bare endpoint with 1 and 2 processes; CPU per request and memory (PSS).
- starts (bench/starts.py): process start to the first answer of `govorg serve --db`, trusting
  the build and revalidating it, vs datasette's first answer on the same SQLite file, with RSS.
- HTTP: `govorg serve` vs a bare starlette endpoint returning the same JSON, both under uvicorn,
  loaded by wrk on loopback (installed from Debian's packages when missing and running as root;
  otherwise `apt-get install wrk` first, or the HTTP rows say they were skipped).
- varied traffic (bench/varied.py): distinct holders questions as literals and as variables, the
  leadership page, vs the bare endpoint and vs datasette on govorg's own SQLite build.
- edits (bench/reload.py): from writing a one-file edit to the first HTTP answer showing it, vs
  the same server answering with nothing to reload and vs its full load; and the worst latency
  of clients asking meanwhile.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from bisect import bisect_left, bisect_right
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
LIGHT_FROM = 500_000  # from this size, rows needing a second registry in memory are skipped
ROOT = HERE.parent


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": mem,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def rss_bytes() -> int:
    """Resident memory after a full collection and after glibc returns freed arenas (parsing
    frees gigabytes of YAML nodes that would otherwise still count)."""
    gc.collect()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def timed(fn: Any, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def per_call_us(fn: Any, calls: int) -> float:
    return timed(fn, 3) / calls * 1e6


# -- one size, in a child process ----------------------------------------------------------------


def measure(data: Path, repeat: int, work: Path) -> dict[str, Any]:
    import orjson
    from ruamel.yaml.cyaml import CBaseLoader

    from govorg.loader import ParseCache, data_files, load
    from govorg.registry import Registry
    from govorg.sql import build, load_registry
    from govorg.sql.store import _rows
    from govorg.validate import validate

    out: dict[str, Any] = {}
    files = data_files(data)
    texts = [f.read_text(encoding="utf-8") for f in files]

    def parse_floor() -> None:
        gc.disable()
        try:
            for text in texts:
                loader = CBaseLoader(text)
                try:
                    loader.get_single_node()
                finally:
                    loader.dispose()
        finally:
            gc.enable()

    out["floor_compose_s"] = timed(parse_floor, repeat)
    before = rss_bytes()
    start = time.perf_counter()
    registry = Registry.load(data)
    out["cold_load_s"] = time.perf_counter() - start
    out["memory_lazy_bytes"] = rss_bytes() - before  # time indexes are built when first asked for
    for key in registry.compiled.post_tenures:  # every one, as a server asked about every post has
        registry.compiled.post_index.get(key)
    for person in registry.compiled.person_tenures:
        registry.compiled.person_index.get(person)
    out["memory_bytes"] = rss_bytes() - before
    if repeat > 1:
        out["cold_load_s"] = min(out["cold_load_s"], timed(lambda: Registry.load(data), repeat - 1))
    cores = os.cpu_count() or 1
    if cores > 1:  # the same load with the files parsed in one process per core
        out["parallel_load_s"] = timed(lambda: Registry.load(data, workers=cores), repeat)
        out["parallel_workers"] = out["parallel_cores"] = cores
    info = registry.info()
    out["files"] = len(files)
    out["tenures"] = info.counts["tenures"]
    out["records"] = sum(info.counts[k] for k in ("appointments", "confirmations", "removals", "attestations"))

    sqlite_path = work / "bench.db"
    sqlite_path.unlink(missing_ok=True)
    url = f"sqlite:///{sqlite_path}"
    if out["tenures"] >= LIGHT_FROM:
        # A second registry, a JSON dump and its parse would not fit in memory beside this one.
        out["light"] = True
        del registry
        validated = validate(load(data))
        out["sqlite_build_s"] = timed(lambda: build(validated, url), 1)
        del validated
        registry = Registry.load(data)
        out.update(holders_rows(registry, sqlite_path))
        out.update(history_rows(registry))
        return out

    # warm start from the disk cache, and a one-file reload from the memory cache
    cache_dir = work / "parse-cache"
    shutil.rmtree(cache_dir, ignore_errors=True)
    Registry.load(data, cache=ParseCache(cache_dir))
    out["warm_start_s"] = timed(lambda: Registry.load(data, cache=ParseCache(cache_dir)), repeat)
    memory_cache = ParseCache()
    Registry.load(data, cache=memory_cache)
    edited = files[len(files) // 2]
    original = edited.read_bytes()
    try:
        edited.write_bytes(original + b"\n# edited by the benchmark\n")
        out["reload_one_file_s"] = timed(lambda: Registry.load(data, cache=memory_cache), 1)
    finally:
        edited.write_bytes(original)

    # the JSON floor: the same rows the database holds, as one JSON document
    validated = validate(load(data))
    dump: dict[str, list[dict[str, Any]]] = {}
    for table, rows in _rows(validated):
        dump.setdefault(str(table.name), []).extend(rows)  # a quoted_name, which orjson refuses
    blob = orjson.dumps(dump)
    out["json_mb"] = len(blob) / 1e6
    out["orjson_floor_s"] = timed(lambda: orjson.loads(blob), 3)

    out["sqlite_build_s"] = timed(lambda: build(validated, url), 1)
    out["sqlite_start_s"] = timed(lambda: load_registry(url), repeat)
    pg = os.environ.get("GOVORG_TEST_POSTGRES")
    if pg:
        build(validated, pg)
        out["postgres_start_s"] = timed(lambda: load_registry(pg), repeat)

    out.update(holders_rows(registry, sqlite_path))
    out.update(history_rows(registry))
    return out


def holders_rows(registry: Any, sqlite_path: Path, prefix: str = "") -> dict[str, float]:
    from govorg.names import name_key

    rng = random.Random(7)
    keys = list(registry.compiled.post_tenures)
    queries = []
    for _ in range(5000):
        key = rng.choice(keys)
        day = date(rng.randint(1995, 2024), rng.randint(1, 12), rng.randint(1, 28))
        org = registry.catalog.organisations[key[0]]
        title = registry.compiled.post_tenures[key][0].post.title
        queries.append((org.name, title, key, day))
    n = len(queries)
    index = registry.compiled.post_index

    # floor: a dict of posts, each a prepared list of segment starts with the (person, certain
    # from, certain until, possible until) rows live in each segment; bisect, then the same
    # certainty test per row. It returns the same answer as `holders`.
    prepared: dict[tuple[str, str], tuple[list[date], list[list[tuple[str, date, date, date, date]]]]] = {}
    for key, items in registry.compiled.post_tenures.items():
        bounds = sorted({t.possible_from for t in items} | {t.possible_until for t in items})
        live = [
            [
                (t.person_id, t.certain_from, t.certain_until, t.possible_from, t.possible_until)
                for t in items
                if t.possible_from <= b < t.possible_until
            ]
            for b in bounds
        ]
        prepared[key] = (bounds, live)
    by_name = {(registry.catalog.organisations[k[0]].name, k[1]): k for k in prepared}

    def floor() -> None:
        for org_name, title, _, day in queries:
            bounds, live = prepared[by_name[(org_name, name_key(title))]]
            i = bisect_right(bounds, day) - 1
            if i >= 0:
                [(p, cf <= day < cu) for p, cf, cu, pf, pu in live[i] if pf <= day < pu]

    conn = sqlite3.connect(sqlite_path)
    sql = (
        "SELECT person_id, certain_from <= ?1 AND ?1 < certain_until FROM tenures "
        "WHERE organisation_id = ?2 AND title_key = ?3 AND possible_from <= ?1 AND ?1 < possible_until"
    )
    iso = [(day.isoformat(), key[0], key[1]) for _, _, key, day in queries]

    def sqlite_query() -> None:
        for day, org, title in iso:
            conn.execute(sql, (day, org, title)).fetchall()

    out = {
        f"{prefix}holders_us": per_call_us(lambda: [registry.holders(o, t, on=d) for o, t, _, d in queries], n),
        f"{prefix}index_us": per_call_us(lambda: [index[k].at(d) for _, _, k, d in queries], n),
        f"{prefix}bisect_floor_us": per_call_us(floor, n),
        f"{prefix}sqlite_us": per_call_us(sqlite_query, n),
    }
    conn.close()
    return out


def history_rows(registry: Any) -> dict[str, float]:
    start = time.perf_counter()
    history = registry.history  # derived once, on first use
    derive = time.perf_counter() - start
    events = sorted((e.earliest, e.latest) for e in history.events)
    starts = [e[0] for e in events]
    quarters = [(date(y, m, 1), date(y, m + 2, 28)) for y in range(1996, 2024, 3) for m in (1, 4, 7, 10)]

    def floor() -> None:
        for lo, hi in quarters:
            [e for e in events[bisect_left(starts, lo) : bisect_right(starts, hi)] if e[1] >= lo]

    committees = list(registry.validated.committees.by_committee)[:10] or [None]
    diffs = [(c, date(y, 1, 1), date(y + 2, 12, 31)) for c in committees if c for y in range(1998, 2022, 4)]
    out = {
        "events": float(len(history.events)),
        "history_derive_s": derive,
        "changes_quarter_us": per_call_us(lambda: [registry.changes(lo, hi) for lo, hi in quarters], len(quarters)),
        "changes_floor_us": per_call_us(floor, len(quarters)),
    }
    if diffs:
        out["roster_diff_us"] = per_call_us(lambda: [registry.roster_diff(c, a, b) for c, a, b in diffs], len(diffs))
    return out


def hot_post(work: Path) -> dict[str, float]:
    """One post with 1,000 sequential tenures (a many-decade 副局长 post of a big unit)."""
    from govorg.registry import Registry
    from govorg.sql import build
    from govorg.validate import validate

    data = work / "hot-post"
    shutil.rmtree(data, ignore_errors=True)
    (data / "x").mkdir(parents=True)
    lines = [
        "format: 1",
        "document: {id: hot, title: 热门岗位, date: 1990}",
        "organisations: [{id: hot-unit, name: 热门局, kind: department}]",
        "people:",
        *[f"  - {{id: h{i}, name: 人{i}}}" for i in range(1000)],
        "appointments:",
    ]
    for i in range(1000):
        y, m = 1900 + i // 10, i % 10 + 1
        lines.append(f"  - {{person: h{i}, post: {{organisation: 热门局, title: 副局长}}, date: {y}-{m:02d}}}")
    lines.append("removals:")
    for i in range(1000):
        y, m = 1900 + (i + 2) // 10, (i + 2) % 10 + 1
        lines.append(f"  - {{person: h{i}, post: {{organisation: 热门局, title: 副局长}}, date: {y}-{m:02d}}}")
    (data / "x" / "hot.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    registry = Registry.load(data)
    path = work / "hot.db"
    path.unlink(missing_ok=True)
    build(validate(registry.loaded), f"sqlite:///{path}")
    return holders_rows(registry, path, prefix="hot_")


# -- HTTP -----------------------------------------------------------------------------------------

HTTP_QUERIES = {
    "holders": '{ holders(organisation: "第1区财政局", title: "副局长", on: "2010-06-01") { person { name } certainty tenure { start { text } end { text } } } }',
    "leaders": '{ leaders(on: "2010-06-01", government: "第1区人民政府") { order person { name } inCharge { printed } standIns { name } } }',
    "committee": '{ committee(name: "第1区未成年人保护委员会", on: "2010-06-01") { name seats { role member { name } resolution } } }',
}
WRK_LUA = """wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = os.getenv("GOVORG_BODY")
"""


def ensure_wrk() -> str | None:
    """wrk from Debian's packages: installed when missing and running as root (refreshing the
    package lists once if the first try fails); else None, and the HTTP rows say it was skipped."""
    found = shutil.which("wrk")
    if found or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-qq", "wrk"]
    if subprocess.run(install, capture_output=True, check=False, env=env).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], capture_output=True, check=False, env=env)
        subprocess.run(install, capture_output=True, check=False, env=env)
    return shutil.which("wrk")


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_up(base: str, process: subprocess.Popen[Any] | None = None) -> None:
    """Wait for `base` to answer /health; stop at once if the `process` serving it has exited
    (an install that cannot import govorg, a port taken) instead of waiting out the deadline."""
    import httpx2 as httpx

    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server for {base} exited with status {process.returncode} before answering")
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError(f"{base} did not start")


def wrk(wrk_bin: str, base: str, body: str, lua: Path, seconds: int) -> dict[str, float]:
    result = subprocess.run(
        [wrk_bin, "-t1", "-c16", f"-d{seconds}s", "--latency", "-s", str(lua), f"{base}/graphql"],
        capture_output=True,
        text=True,
        env={**os.environ, "GOVORG_BODY": body},
        check=True,
    )
    text = result.stdout

    def latency(label: str) -> float:
        m = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)", text, re.MULTILINE)
        if not m:
            return float("nan")
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return {
        "rps": float(rps.group(1)) if rps else float("nan"),
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "errors": float(errors.group(1)) if errors else 0.0,
    }


def http_rows(data: Path, work: Path, seconds: int) -> dict[str, Any]:
    import httpx2 as httpx

    wrk_bin = ensure_wrk()
    if wrk_bin is None:
        return {"http_skipped": "wrk is not installed (apt-get install wrk)"}
    lua = work / "post.lua"
    lua.write_text(WRK_LUA, encoding="utf-8")
    port = free_port()
    server = subprocess.Popen(
        ["govorg", "serve", "--data", str(data), "--port", str(port), "--no-watch"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    out: dict[str, Any] = {}
    try:
        wait_up(base, server)
        answers = {q: httpx.post(f"{base}/graphql", json={"query": q}, timeout=60).text for q in HTTP_QUERIES.values()}
        for name, query in HTTP_QUERIES.items():
            assert '"errors"' not in answers[query], answers[query]
            out[f"http_{name}"] = wrk(wrk_bin, base, json.dumps({"query": query}), lua, seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)
    answers_file = work / "answers.json"
    answers_file.write_text(json.dumps(answers), encoding="utf-8")
    bare_port = free_port()
    bare = subprocess.Popen([sys.executable, str(HERE / "bare.py"), str(answers_file), str(bare_port)])
    bare_base = f"http://127.0.0.1:{bare_port}"
    try:
        wait_up(bare_base, bare)
        for name, query in HTTP_QUERIES.items():
            out[f"bare_{name}"] = wrk(wrk_bin, bare_base, json.dumps({"query": query}), lua, seconds)
    finally:
        bare.terminate()
        bare.wait(timeout=30)
    return out


# -- orchestration and the report ----------------------------------------------------------------


def ensure_data(work: Path, size: int) -> Path:
    target = work / f"synth-{size}"
    if not (target / "leadership").is_dir():
        shutil.rmtree(target, ignore_errors=True)
        subprocess.run(["govorg", "synth", str(target), "--tenures", str(size)], check=True, capture_output=True)
    return target


def fmt(x: float | None, digits: int = 2) -> str:
    return "—" if x is None else f"{x:,.{digits}f}"


def ratio(a: float | None, b: float | None) -> str:
    return "—" if a is None or b is None or b == 0 else f"{a / b:.2f}×"


def write_results(out: Path, host: dict[str, str], rows: list[dict[str, Any]]) -> None:
    L = [
        "# Benchmark results",
        "",
        "Written by `python bench/run.py` (see its docstring for what each row measures). Ratios compare",
        "with a floor measured in the same run on the same data; the machines are shared and noisy.",
        "",
        "## Machine",
        "",
        *[f"- {k}: {v}" for k, v in host.items()],
        "",
        "## Loading",
        "",
        "Floor: ruamel's C composer only composing the same files (older rows: PyYAML's C loader, marked *).",
        "Cold load is one process; the parallel column parses the files in worker processes (how many, on how many cores).",
        "Memory: resident memory added by the cold load, per tenure.",
        "",
        "| tenures | measured | files | records | floor (s) | cold load (s) | cold/floor | parallel cold load (s) | parallel/floor | records/s | memory/tenure |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        floor = r.get("floor_compose_s")
        mark = ""
        if floor is None:  # rows measured before the floor became the C composer
            floor, mark = r.get("floor_parse_s"), "*"
        par = r.get("parallel_load_s")
        par_text = f"{fmt(par)} ({r['parallel_workers']} on {r['parallel_cores']} cores)" if par is not None else "—"
        L.append(
            f"| {r['tenures']:,} | {r.get('measured', host['date'])} | {r['files']:,} | {r['records']:,} | {fmt(floor)}{mark} | "
            f"{fmt(r['cold_load_s'])} | {ratio(r['cold_load_s'], floor)} | {par_text} | {ratio(par, floor)} | "
            f"{r['records'] / r['cold_load_s']:,.0f} | {r['memory_bytes'] / r['tenures']:,.0f} B |"
        )
    L += [
        "",
        "## Starting warm, reloading, starting from a database",
        "",
        "Floor: orjson parsing a JSON dump of the same rows the database holds.",
        "",
        "| tenures | JSON (MB) | orjson floor (s) | warm start (s) | warm/floor | one-file reload (s) | SQLite start (s) | SQLite/floor | PostgreSQL start (s) | PostgreSQL/floor | SQLite build (s) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        if r.get("light"):
            L.append(
                f"| {r['tenures']:,} | skipped: a second registry and the JSON dump do not fit beside the first | | | | | | | | | {fmt(r.get('sqlite_build_s'))} |"
            )
            continue
        pg = r.get("postgres_start_s")
        L.append(
            f"| {r['tenures']:,} | {fmt(r['json_mb'], 1)} | {fmt(r['orjson_floor_s'], 3)} | {fmt(r['warm_start_s'])} | "
            f"{ratio(r['warm_start_s'], r['orjson_floor_s'])} | {fmt(r['reload_one_file_s'])} | {fmt(r['sqlite_start_s'])} | "
            f"{ratio(r['sqlite_start_s'], r['orjson_floor_s'])} | {fmt(pg)} | {ratio(pg, r['orjson_floor_s'])} | {fmt(r['sqlite_build_s'])} |"
        )
    L += [
        "",
        "## holders(post, on)",
        "",
        "5,000 random (post, day) queries. `holders` includes resolving the organisation's name; `index` is",
        "the interval index alone; the SQLite query uses the `tenures_by_post_and_day` index.",
        "",
        "| data | bisect floor (µs) | index (µs) | index/floor | holders (µs) | holders/floor | SQLite query (µs) | holders/SQLite |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        for prefix, label in (("", f"{r['tenures']:,} tenures"), ("hot_", "one post, 1,000 tenures")):
            if f"{prefix}holders_us" not in r:
                continue

            def g(k: str, r: dict[str, Any] = r, prefix: str = prefix) -> float:
                return float(r[f"{prefix}{k}"])

            L.append(
                f"| {label} | {fmt(g('bisect_floor_us'))} | {fmt(g('index_us'))} | {ratio(g('index_us'), g('bisect_floor_us'))} | "
                f"{fmt(g('holders_us'))} | {ratio(g('holders_us'), g('bisect_floor_us'))} | {fmt(g('sqlite_us'))} | "
                f"{ratio(g('holders_us'), g('sqlite_us'))} |"
            )
    L += [
        "",
        "## History",
        "",
        "Floor: a scan of a pre-sorted (earliest, latest) event list for the range.",
        "",
        "| tenures | events | derive once (s) | floor (µs) | changes over a quarter (µs) | changes/floor | rosterDiff (µs) | rosterDiff/floor |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        L.append(
            f"| {r['tenures']:,} | {r['events']:,.0f} | {fmt(r['history_derive_s'])} | {fmt(r['changes_floor_us'])} | "
            f"{fmt(r['changes_quarter_us'])} | {ratio(r['changes_quarter_us'], r['changes_floor_us'])} | "
            f"{fmt(r.get('roster_diff_us'))} | {ratio(r.get('roster_diff_us'), r['changes_floor_us'])} |"
        )
    L += [
        "",
        "## GraphQL over HTTP",
        "",
        "uvicorn, one worker; wrk on loopback (1 thread, 16 connections). Floor: a bare starlette endpoint",
        "returning the same JSON bytes.",
        "",
        "| tenures | query | govorg req/s | bare req/s | govorg/bare | govorg p50 / p99 (ms) | bare p50 / p99 (ms) |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        if "http_skipped" in r:
            L.append(f"| {r['tenures']:,} | skipped: {r['http_skipped']} | | | | | |")
            continue
        for name in HTTP_QUERIES:
            g, b = r.get(f"http_{name}"), r.get(f"bare_{name}")
            if not g or not b:
                continue
            L.append(
                f"| {r['tenures']:,} | {name} | {fmt(g['rps'], 0)} | {fmt(b['rps'], 0)} | {ratio(g['rps'], b['rps'])} | "
                f"{fmt(g['p50_ms'])} / {fmt(g['p99_ms'])} | {fmt(b['p50_ms'])} / {fmt(b['p99_ms'])} |"
            )
    from varied import section as varied_section  # bench/varied.py: varied traffic, datasette, the leadership page

    L += varied_section(rows)
    started = [r["starts"] for r in rows if r.get("starts")]
    if started:  # bench/starts.py: process start to the first answer of `serve --db`
        from starts import table

        L += ["", *table(started)]
    L += _reload_bench().table(rows)  # bench/reload.py's rows
    from replicas import table as replicas_table  # bench/replicas.py's section

    replicas = replicas_table(rows)
    if replicas:
        L += ["", "<!-- replicas -->", *replicas, "<!-- /replicas -->"]
    notes = HERE / "NOTES.md"
    if notes.exists():
        L += ["", notes.read_text(encoding="utf-8").rstrip()]
    # bench/mixed_load.py's and bench/network.py's sections are measured separately: keep them
    # (and bench/replicas.py's, when it ran on its own: `python bench/replicas.py --write`).
    for name in ("mixed-load", "network", *(() if replicas else ("replicas",))):
        kept = (
            re.search(rf"<!-- {name} -->.*<!-- /{name} -->", out.read_text(encoding="utf-8"), re.DOTALL)
            if out.exists()
            else None
        )
        if kept:
            L += ["", kept.group(0)]
    out.write_text("\n".join(L) + "\n", encoding="utf-8")
    out.with_suffix(".json").write_text(
        json.dumps({"machine": host, "rows": rows}, indent=2, default=str), encoding="utf-8"
    )


def _reload_bench() -> Any:
    """bench/reload.py: from a one-file edit to the new answer, and request latency meanwhile."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("govorg_bench_reload", HERE / "reload.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--tenures",
        "--sizes",
        dest="sizes",
        default="10000,100000",
        help="the registry size(s) to measure: one tenure count, or several separated by commas (default 10000,100000)",
    )
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "govorg-bench")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--repeat", type=int, default=2, help="best of N for the load rows (1 at 1M tenures)")
    parser.add_argument("--http-seconds", type=int, default=5)
    parser.add_argument("--no-http", action="store_true")
    parser.add_argument("--no-replicas", action="store_true", help="skip bench/replicas.py's 1 vs 2 processes rows")
    parser.add_argument("--no-starts", action="store_true", help="skip bench/starts.py's `serve --db` starts")
    parser.add_argument("--fresh", action="store_true", help="drop rows of other sizes kept from the last results")
    parser.add_argument(
        "--render", action="store_true", help="only rewrite RESULTS.md from RESULTS.json (after editing NOTES.md)"
    )
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # internal: one size, in a child process
    args = parser.parse_args()
    if args.render:
        saved = json.loads(args.out.with_suffix(".json").read_text(encoding="utf-8"))
        write_results(args.out, saved["machine"], saved["rows"])
        return
    args.work.mkdir(parents=True, exist_ok=True)
    if args.measure:
        row = measure(args.measure, args.repeat, args.work)
        if args.measure.name == "synth-10000":
            row.update(hot_post(args.work))
        print(json.dumps(row, default=str))
        return
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        data = ensure_data(args.work, size)
        repeat = 1 if size >= 500_000 else args.repeat
        child = subprocess.run(
            [sys.executable, __file__, "--measure", str(data), "--repeat", str(repeat), "--work", str(args.work)],
            capture_output=True,
            text=True,
            check=False,
        )
        if child.returncode != 0:
            print(child.stderr, file=sys.stderr)
            raise SystemExit(f"measuring {size} failed")
        row = json.loads(child.stdout)
        row["measured"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        if not args.no_http:
            row.update(http_rows(data, args.work, args.http_seconds))
            from varied import varied_rows

            row.update(varied_rows(data, args.work, args.http_seconds))
            row["reload"] = _reload_bench().measure(data, args.work)
        if not args.no_starts:  # bench/starts.py: `serve --db` to its first answer, vs datasette
            from starts import measure as measure_starts

            row["starts"] = measure_starts(data, size, args.work)
        wrk_bin = None if args.no_http or args.no_replicas else ensure_wrk()
        if wrk_bin is not None:  # bench/replicas.py: 1 vs 2 server processes behind one port
            from replicas import notify_rows, replicas_rows

            row.update(replicas_rows(data, args.work, args.http_seconds, wrk_bin))
            if os.environ.get("GOVORG_TEST_POSTGRES") and size < LIGHT_FROM:
                row.update(notify_rows(data, args.work, os.environ["GOVORG_TEST_POSTGRES"]))
        print(f"{size}: done", file=sys.stderr)
        rows.append(row)
    previous = args.out.with_suffix(".json")
    if previous.exists() and not args.fresh:  # keep the other sizes of the last run
        measured = {r["tenures"] for r in rows}
        rows += [r for r in json.loads(previous.read_text(encoding="utf-8"))["rows"] if r["tenures"] not in measured]
    rows.sort(key=lambda r: r["tenures"])
    write_results(args.out, machine(), rows)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
