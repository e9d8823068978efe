"""Benchmarks: one command, results in bench/RESULTS.md with the machine they ran on.

    python bench/run.py                     # 10k and 100k tenures
    python bench/run.py --sizes 10000       # quicker

Every measurement is reported against a floor measured in the same run on the same data,
because the machines are shared and noisy: the ratio is the number to read.

- load: `Registry.load` (read, parse, validate, build the graph and indexes) against the C
  YAML loader (PyYAML's CSafeLoader) only parsing the same files; both with the garbage
  collector paused, as our loader pauses it.
- holders: µs per `Registry.holders(organisation, title, on=day)` (name resolution included)
  and per index lookup, against a dict + bisect over a prepared, sorted list of starts.
- memory: resident memory added by loading the registry, per tenure (a fresh process per size).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import subprocess
import sys
import time
from bisect import bisect_right
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


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
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def best(fn: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(data: Path, repeat: int) -> dict[str, Any]:
    """Run in a fresh process: every number for one data folder."""
    import yaml

    from govorg.loader import data_files
    from govorg.names import name_key
    from govorg.registry import Registry

    files = data_files(data)
    texts = [f.read_text(encoding="utf-8") for f in files]

    def parse_floor() -> None:
        gc.disable()
        try:
            for text in texts:
                yaml.load(text, Loader=yaml.CSafeLoader)
        finally:
            gc.enable()

    floor_parse = best(parse_floor, repeat)
    before = rss_bytes()
    start = time.perf_counter()
    registry = Registry.load(data)
    first_load = time.perf_counter() - start
    memory = rss_bytes() - before
    load = min(first_load, best(lambda: Registry.load(data), repeat - 1)) if repeat > 1 else first_load
    info = registry.info()
    tenures = info.counts["tenures"]
    records = sum(info.counts[k] for k in ("appointments", "confirmations", "removals", "attestations"))

    # holders: queries drawn from real posts and days in their range
    rng = random.Random(7)
    keys = list(registry.compiled.post_tenures)
    queries = []
    for _ in range(5000):
        key = rng.choice(keys)
        day = date(rng.randint(1995, 2024), rng.randint(1, 12), rng.randint(1, 28))
        org = registry.catalog.organisations[key[0]]
        title = registry.compiled.post_tenures[key][0].post.title
        queries.append((org.name, title, key, day))

    def run_holders() -> None:
        for org_name, title, _, day in queries:
            registry.holders(org_name, title, on=day)

    index = registry.compiled.post_index

    def run_index() -> None:
        for _, _, key, day in queries:
            index[key].at(day)

    # floor: dict + bisect over a prepared list of (start, end, person) sorted by start
    prepared: dict[tuple[str, str], tuple[list[date], list[tuple[date, date, str]]]] = {}
    for key, items in registry.compiled.post_tenures.items():
        rows = sorted((t.possible_from, t.possible_until, t.person_id) for t in items)
        prepared[key] = ([r[0] for r in rows], rows)
    by_name = {(registry.catalog.organisations[k[0]].name, k[1]): k for k in prepared}

    def run_floor() -> None:
        for org_name, title, _, day in queries:
            starts, rows = prepared[by_name[(org_name, name_key(title))]]
            i = bisect_right(starts, day)
            [r for r in rows[max(0, i - 2) : i] if day < r[1]]

    n = len(queries)
    return {
        "files": len(files),
        "tenures": tenures,
        "records": records,
        "floor_parse_s": floor_parse,
        "load_s": load,
        "memory_bytes": memory,
        "holders_us": best(run_holders, 3) / n * 1e6,
        "index_us": best(run_index, 3) / n * 1e6,
        "bisect_floor_us": best(run_floor, 3) / n * 1e6,
    }


def ensure_data(work: Path, size: int) -> Path:
    target = work / f"synth-{size}"
    if not (target / "people").is_dir():
        subprocess.run(["govorg", "synth", str(target), "--tenures", str(size)], check=True)
    return target


def write_results(out: Path, host: dict[str, str], rows: list[dict[str, Any]]) -> None:
    lines = [
        "# Benchmark results",
        "",
        "Written by `python bench/run.py`; every ratio compares with a floor measured in the same run.",
        "",
        "## Machine",
        "",
        *[f"- {k}: {v}" for k, v in host.items()],
        "",
        "## YAML → registry load",
        "",
        "Floor: PyYAML's C loader (CSafeLoader) parsing the same files, GC paused. govorg: read, parse,"
        " validate, fold tenures, build the networkx graph and interval indexes.",
        "",
        "| tenures | files | records | floor (s) | govorg (s) | ratio | records/s | memory/tenure |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['tenures']:,} | {r['files']:,} | {r['records']:,} | {r['floor_parse_s']:.2f} | {r['load_s']:.2f} | "
            f"{r['load_s'] / r['floor_parse_s']:.2f}× | {r['records'] / r['load_s']:,.0f} | "
            f"{r['memory_bytes'] / r['tenures']:,.0f} B |"
        )
    lines += [
        "",
        "## holders(post, on)",
        "",
        "5,000 random (post, day) queries over posts that exist. Floor: dict + bisect over a prepared",
        " list of starts. `holders` includes resolving the organisation's name; `index` is the interval index alone.",
        "",
        "| tenures | floor (µs) | index (µs) | index/floor | holders (µs) | holders/floor |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['tenures']:,} | {r['bisect_floor_us']:.2f} | {r['index_us']:.2f} | {r['index_us'] / r['bisect_floor_us']:.2f}× | "
            f"{r['holders_us']:.2f} | {r['holders_us'] / r['bisect_floor_us']:.2f}× |"
        )
    notes = HERE / "NOTES.md"
    if notes.exists():
        lines += ["", notes.read_text(encoding="utf-8").rstrip()]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out.with_suffix(".json")).write_text(json.dumps({"machine": host, "rows": rows}, indent=2), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated tenure counts")
    parser.add_argument("--work", type=Path, default=Path("/tmp/govorg-bench"), help="where synthetic data is kept")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # internal: one size, in a child process
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.repeat)))
        return
    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        data = ensure_data(args.work, size)
        child = subprocess.run(
            [sys.executable, __file__, "--measure", str(data), "--repeat", str(args.repeat)],
            capture_output=True,
            text=True,
            check=True,
        )
        row = json.loads(child.stdout)
        print(f"{size}: {row}", file=sys.stderr)
        rows.append(row)
    write_results(args.out, machine(), rows)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
