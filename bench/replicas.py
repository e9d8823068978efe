"""Several server processes behind one port: does throughput scale with processes?

    python bench/replicas.py --data /tmp/govorg-bench/synth-10000    # prints the figures as JSON
    python bench/replicas.py --data DIR10K --data DIR100K --write    # and writes RESULTS.md's section
    python bench/run.py --tenures 10000                               # the section, with the rest
    bash scripts/with-postgres python bench/replicas.py --data DIR   # adds build-to-replicas-serving

`govorg serve --processes P` (P = 1, then 2) on the same data, loaded by wrk with varied
`holders` questions (a distinct organisation and day per request, the answer cache off, so each
request is real work); the peer is a bare starlette endpoint returning one prepared answer, run
by the same forking code (govorg.api.processes) with 1 and 2 processes. The ratio to read is
govorg's 2-process/1-process throughput, beside the bare endpoint's: wrk runs on the same
machine, so neither reaches the core count, and the bare ratio is what this machine allows.

Memory: the proportional set size (PSS: shared pages split between the processes sharing them)
summed over the server's processes, and each child's resident size; the children are forked
after the registry is loaded, so they share its pages until they write to them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PROCESSES = (1, 2)
BODIES = 20_000  # distinct requests in the wrk script, more than a run sends

# Each wrk thread walks its own slice of the bodies, so no request repeats within a run.
WRK_LUA = """local bodies = {}
local counter = 0
local offset = 0
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("offset", threads * 7919)
end
function init(args)
  offset = tonumber(wrk.thread:get("offset")) or 0
  for line in io.lines(os.getenv("GOVORG_BODIES")) do bodies[#bodies + 1] = line end
end
function request()
  counter = counter + 1
  local body = bodies[(offset + counter) % #bodies + 1]
  return wrk.format("POST", "/graphql", {["Content-Type"] = "application/json"}, body)
end
"""


def bodies(districts: int, count: int = BODIES, seed: int = 13) -> list[str]:
    """Distinct `holders` questions: a synthetic district's finance bureau's deputies on a day."""
    rng = random.Random(seed)
    seen: set[str] = set()
    while len(seen) < count:
        d = rng.randint(1, districts)
        day = f"{rng.randint(1995, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        query = f'{{ holders(organisation: "第{d}区财政局", title: "副局长", on: "{day}") {{ person {{ name }} certainty }} }}'
        seen.add(json.dumps({"query": query}, ensure_ascii=False))
    return sorted(seen)


def districts_in(data: Path) -> int:
    return len([p for p in (data / "appointments").iterdir() if p.is_dir()]) or 1


def process_tree(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    kids = [int(p) for p in path.read_text().split()] if path.exists() else []
    return [pid, *[k for kid in kids for k in process_tree(kid)]]


def memory(pid: int) -> dict[str, float]:
    """PSS summed over the process and its descendants, and the largest single RSS (MB)."""
    pss = rss = 0.0
    for p in process_tree(pid):
        try:
            text = Path(f"/proc/{p}/smaps_rollup").read_text()
        except OSError:
            continue
        fields = {m.group(1): float(m.group(2)) for m in re.finditer(r"^(\w+):\s+(\d+) kB", text, re.MULTILINE)}
        pss += fields.get("Pss", 0.0)
        rss = max(rss, fields.get("Rss", 0.0))
    return {"pss_mb": pss / 1024, "max_rss_mb": rss / 1024}


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the process and its descendants so far."""
    total = 0
    for p in process_tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / os.sysconf("SC_CLK_TCK")


def wait_health(base: str, process: subprocess.Popen[bytes], bound: float = 900) -> float:
    import urllib.request

    start = time.monotonic()
    while True:
        try:
            with urllib.request.urlopen(base + "/health", timeout=2):
                return time.monotonic() - start
        except OSError:
            if process.poll() is not None or time.monotonic() - start > bound:
                raise RuntimeError(f"{base} did not start") from None
            time.sleep(0.1)


def run_wrk(wrk_bin: str, base: str, bodies_file: Path, lua: Path, seconds: int) -> dict[str, float]:
    result = subprocess.run(
        [wrk_bin, "-t2", "-c16", f"-d{seconds}s", "--latency", "-s", str(lua), f"{base}/graphql"],
        capture_output=True,
        text=True,
        env={**os.environ, "GOVORG_BODIES": str(bodies_file)},
        check=True,
    )
    text = result.stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    done = re.search(r"(\d+) requests in", text)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)

    def latency(label: str) -> float:
        m = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)", text, re.MULTILINE)
        if not m:
            return float("nan")
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    return {
        "rps": float(rps.group(1)) if rps else float("nan"),
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "errors": float(errors.group(1)) if errors else 0.0,
        "requests": float(done.group(1)) if done else float("nan"),
    }


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def serve(command: list[str], base: str) -> tuple[subprocess.Popen[bytes], float]:
    # A session of its own: with autogroup scheduling CPU is shared between sessions, and the
    # server must not share the bench's (and wrk's) share (govorg.api.processes explains).
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        started = wait_health(base, process)
    except BaseException:
        stop(process)
        raise
    return process, started


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def replicas_rows(data: Path, work: Path, seconds: int, wrk_bin: str, rounds: int = 3) -> dict[str, Any]:
    """govorg and the bare endpoint at 1 and 2 processes; one row's keys (`replicas_…`).

    The 1- and 2-process servers run side by side and wrk alternates between them for `rounds`
    rounds, keeping each one's best: the machine is shared, and a neighbour's burst then costs
    both sides alike instead of whichever happened to run during it."""
    import urllib.request

    work.mkdir(parents=True, exist_ok=True)
    bodies_file = work / "replica-bodies.txt"
    bodies_file.write_text("\n".join(bodies(min(districts_in(data), 17))) + "\n", encoding="utf-8")
    lua = work / "replica-bodies.lua"
    lua.write_text(WRK_LUA, encoding="utf-8")
    out: dict[str, Any] = {"replicas_cores": os.cpu_count(), "replicas_rounds": rounds}
    first = bodies_file.read_text(encoding="utf-8").splitlines()[0].encode()

    def govorg(processes: int) -> list[str]:
        command = ["govorg", "serve", "--data", str(data), "--no-watch"]
        return [*command, "--cache-bytes", "0", "--processes", str(processes), "--port"]

    answer_file = work / "replica-answer.json"

    def peer(processes: int) -> list[str]:
        return [sys.executable, __file__, "--bare", str(answer_file), str(processes)]

    for name, command in (("govorg", govorg), ("bare", peer)):
        servers: dict[int, tuple[subprocess.Popen[bytes], str, float]] = {}
        try:
            for processes in PROCESSES:
                port = free_port()
                base = f"http://127.0.0.1:{port}"
                process, started = serve([*command(processes), str(port)], base)
                servers[processes] = (process, base, started)
                if name == "govorg":
                    request = urllib.request.Request(
                        f"{base}/graphql", data=first, headers={"Content-Type": "application/json"}
                    )
                    with urllib.request.urlopen(request, timeout=60) as response:
                        answer = response.read().decode()
                    assert '"errors"' not in answer, answer
                    answer_file.write_text(answer, encoding="utf-8")
            best: dict[int, dict[str, float]] = {}
            for _ in range(rounds):
                for processes, (process, base, _) in servers.items():
                    cpu = cpu_seconds(process.pid)
                    result = run_wrk(wrk_bin, base, bodies_file, lua, seconds)
                    cpu = cpu_seconds(process.pid) - cpu
                    # contention-proof figures: CPU per request, and the cores the server got
                    result["cpu_ms_per_request"] = cpu / result["requests"] * 1000
                    result["cores_used"] = cpu / seconds
                    if processes not in best or result["rps"] > best[processes]["rps"]:
                        best[processes] = result
            for processes, (process, _, started) in servers.items():
                out[f"replicas_{name}_{processes}"] = {**best[processes], "start_s": started, **memory(process.pid)}
        finally:
            for process, _, _ in servers.values():
                stop(process)
    return out


def notify_rows(data: Path, work: Path, postgres: str, edits: int = 3) -> dict[str, Any]:
    """`serve --db postgresql… --watch` replicas, one and then two: seconds from a build's commit
    until they serve the new data version (they learn of it by NOTIFY; the safety poll is set
    far beyond the wait), against the floor of one `load_registry` from the same database, which
    a reload cannot avoid. The median of `edits` builds; keys `notify_…`."""
    import shutil
    import statistics
    import urllib.request

    import psycopg

    from govorg.loader import load
    from govorg.sql import build, libpq_conninfo, load_registry
    from govorg.validate import validate

    copy = work / f"notify-{data.name}"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(data, copy)
    admin = libpq_conninfo(postgres)
    assert admin is not None
    name = "govorg_bench_notify"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    url = postgres.rsplit("/", 1)[0] + f"/{name}"
    build(validate(load(copy)), url)
    floor = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        load_registry(url)
        floor = min(floor, time.perf_counter() - start)
    edited = sorted((copy / "people").glob("*.yaml"))[0]
    edit = iter(range(1_000_000))

    def version(base: str) -> str:
        try:
            with urllib.request.urlopen(base + "/health", timeout=5) as response:
                served: str = json.loads(response.read())["dataVersion"]
                return served
        except OSError:  # a server busy swapping a large registry in may not answer within 5 s
            return ""

    def measure(replicas: int) -> tuple[list[float], list[float]]:
        """(seconds until the first replica served, until all did) for each build."""
        servers: list[tuple[subprocess.Popen[bytes], str]] = []
        firsts: list[float] = []
        lasts: list[float] = []
        try:
            for _ in range(replicas):
                port = free_port()
                base = f"http://127.0.0.1:{port}"
                command = ["govorg", "serve", "--db", url, "--watch", "--safety-poll", "3600", "--port", str(port)]
                servers.append((serve(command, base)[0], base))
            for _ in range(edits):
                edited.write_text(edited.read_text(encoding="utf-8") + f"# bench edit {next(edit)}\n", encoding="utf-8")
                validated = validate(load(copy))
                build(validated, url)
                committed = time.perf_counter()
                waiting = {base for _, base in servers}
                first = None
                while waiting:
                    if time.perf_counter() - committed > 600:
                        raise RuntimeError("the replicas did not reload within 600 s")
                    waiting = {base for base in waiting if version(base) != validated.loaded.content_hash}
                    if first is None and len(waiting) < len(servers):
                        first = time.perf_counter() - committed
                    time.sleep(0.05)
                lasts.append(time.perf_counter() - committed)
                firsts.append(first if first is not None else lasts[-1])
        finally:
            for process, _ in servers:
                stop(process)
        return firsts, lasts

    try:
        one, _ = measure(1)
        firsts, latencies = measure(2)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")
        shutil.rmtree(copy, ignore_errors=True)
    return {
        "notify_one_s": statistics.median(one),
        "notify_latency_s": statistics.median(latencies),
        "notify_first_s": statistics.median(firsts),
        "notify_floor_s": floor,
        "notify_edits": edits,
    }


def bare(answer_file: Path, processes: int, port: int) -> None:
    """The peer: parse the JSON body as govorg does, return one prepared answer."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    from govorg.api.processes import serve_processes

    answer = answer_file.read_text(encoding="utf-8")

    async def graphql(request: Request) -> Response:
        json.loads(await request.body())
        return Response(answer, media_type="application/json")

    async def health(request: Request) -> Response:
        return Response("{}", media_type="application/json")

    app = Starlette(routes=[Route("/graphql", graphql, methods=["POST"]), Route("/health", health)])
    raise SystemExit(serve_processes(app, host="127.0.0.1", port=port, processes=processes, log_level="warning"))


def table(rows: list[dict[str, Any]]) -> list[str]:
    """The "Replicas" section of RESULTS.md."""

    def f(x: float, digits: int = 0) -> str:
        return f"{x:,.{digits}f}"

    lines = [
        "## Replicas: server processes behind one port",
        "",
        "`govorg serve --processes P` (forked after the load, a SO_REUSEPORT socket each) under wrk (2 threads, 16 connections)",
        "with distinct `holders` questions and the answer cache off; the peer is a bare starlette endpoint run",
        "by the same forking code. The 1- and 2-process servers run side by side and wrk alternates between",
        "them (best of the rounds). wrk shares the 2 cores, so the bare ratio is what this machine allows.",
        "Start: from launch to the first /health answer (a cold YAML load). Memory after the runs: PSS",
        "summed over the server's processes (shared pages split between them), and the largest single RSS.",
        "",
        "Cores used: the server's CPU seconds over wrk's seconds (how much of the machine it got); CPU per",
        "request: the same CPU over the requests answered. Both hold however busy the neighbours are.",
        "",
        "| tenures | govorg 1 proc (req/s) | 2 procs (req/s) | govorg 2/1 | cores used 1 / 2 | CPU ms/request 1 / 2 | "
        "bare 1 proc | bare 2 procs | bare 2/1 | govorg p99 1 / 2 (ms) | start 1 / 2 (s) | PSS 1 / 2 (MB) | largest RSS 1 / 2 (MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        g1, g2 = r.get("replicas_govorg_1"), r.get("replicas_govorg_2")
        b1, b2 = r.get("replicas_bare_1"), r.get("replicas_bare_2")
        if not (g1 and g2 and b1 and b2):
            continue
        lines.append(
            f"| {r['tenures']:,} | {f(g1['rps'])} | {f(g2['rps'])} | {g2['rps'] / g1['rps']:.2f}× | "
            f"{f(g1['cores_used'], 2)} / {f(g2['cores_used'], 2)} | "
            f"{f(g1['cpu_ms_per_request'], 2)} / {f(g2['cpu_ms_per_request'], 2)} | {f(b1['rps'])} | "
            f"{f(b2['rps'])} | {b2['rps'] / b1['rps']:.2f}× | {f(g1['p99_ms'], 1)} / {f(g2['p99_ms'], 1)} | "
            f"{f(g1['start_s'], 1)} / {f(g2['start_s'], 1)} | {f(g1['pss_mb'])} / {f(g2['pss_mb'])} | "
            f"{f(g1['max_rss_mb'])} / {f(g2['max_rss_mb'])} |"
        )
    notified = [r for r in rows if "notify_latency_s" in r]
    if notified:
        lines += [
            "",
            "`serve --db postgresql… --watch` replicas: seconds from a build's commit until the new data version",
            "is served (told by NOTIFY; the safety poll was an hour), median of 3 builds, with one replica and",
            "with two; floor: one `load_registry` from the same database, alone, which any reload must do. Two",
            "replicas reload at once on the same shared cores.",
            "",
            "| tenures | one replica (s) | one/floor | two: first serving (s) | two: both serving (s) | both/floor | load_registry floor (s) |",
            "|---:|---:|---:|---:|---:|---:|---:|",
            *[
                f"| {r['tenures']:,} | {f(r.get('notify_one_s', float('nan')), 2)} | "
                f"{r.get('notify_one_s', float('nan')) / r['notify_floor_s']:.2f}× | "
                f"{f(r.get('notify_first_s', float('nan')), 2)} | {f(r['notify_latency_s'], 2)} | "
                f"{r['notify_latency_s'] / r['notify_floor_s']:.2f}× | {f(r['notify_floor_s'], 2)} |"
                for r in notified
            ],
        ]
    return lines if any(r.get("replicas_govorg_2") for r in rows) else []


def write_section(out: Path, rows: list[dict[str, Any]]) -> None:
    """Replace (or add) the marked "Replicas" section of RESULTS.md; bench/run.py keeps it."""
    section = "\n".join(["<!-- replicas -->", *table(rows), "<!-- /replicas -->"])
    text = out.read_text(encoding="utf-8") if out.exists() else "# Benchmark results\n"
    if "<!-- replicas -->" in text:
        text = re.sub(r"<!-- replicas -->.*<!-- /replicas -->", lambda _: section, text, flags=re.DOTALL)
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    out.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--data", type=Path, action="append", help="a synthetic registry (govorg synth DIR --tenures N); repeatable"
    )
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "govorg-bench-replicas")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3, help="wrk runs per server, alternating; the best is kept")
    parser.add_argument("--write", action="store_true", help="write the section into bench/RESULTS.md")
    parser.add_argument("--no-notify", action="store_true", help="skip the LISTEN/NOTIFY rows under with-postgres")
    parser.add_argument("--bare", nargs=3, help=argparse.SUPPRESS)  # internal: ANSWER PROCESSES PORT
    args = parser.parse_args()
    if args.bare:
        bare(Path(args.bare[0]), int(args.bare[1]), int(args.bare[2]))
        return
    if not args.data:
        parser.error("--data is required")
    sys.path.insert(0, str(HERE))
    from run import ensure_wrk

    wrk_bin = ensure_wrk()
    if wrk_bin is None:
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    rows = []
    for data in args.data:
        row = replicas_rows(data, args.work, args.seconds, wrk_bin, args.rounds)
        print(json.dumps(row), file=sys.stderr)  # kept if the slower rows below fail
        postgres = os.environ.get("GOVORG_TEST_POSTGRES")  # under scripts/with-postgres
        if postgres and not args.no_notify:
            row.update(notify_rows(data, args.work, postgres))
        size = re.search(r"(\d+)$", data.name)  # synth-N; else the count is unknown
        row["tenures"] = int(size.group(1)) if size else 0
        print(json.dumps(row, indent=2))
        rows.append(row)
    if args.write:
        write_section(HERE / "RESULTS.md", rows)
        print(f"wrote the Replicas section of {HERE / 'RESULTS.md'}", file=sys.stderr)


if __name__ == "__main__":
    main()
