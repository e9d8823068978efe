"""Mixed load: legitimate clients while abusive queries and reloads happen. Reports the legitimate
requests' latency (p50/p99/max) and failures, /health's latency, and what each abusive query got.

    python bench/mixed_load.py                          # a synthetic registry of 5,000 tenures, 30 s
    python bench/mixed_load.py --seconds 60 --tenures 20000
    python bench/mixed_load.py --data data              # the sample data (a copy is edited, not data/)
    python bench/mixed_load.py --no-write               # print only; default: a section in RESULTS.md

`govorg serve` runs in a child process on a free 127.0.0.1 port (no other address is contacted),
with its address space capped (--server-memory-gb) so an unlimited query cannot take the machine
down with it. During the run, at once:

- legitimate clients (--clients, closed loop, one keep-alive connection each) ask varied questions
  taken from the data: holders of a post on a random day, an organisation with its children, a
  person's posts, the registry's summary. A legitimate request fails when it raises or times out
  (--timeout), answers other than 200, or answers with GraphQL errors;
- /health is asked every 0.25 s, noting each data version it reports (more versions than edits
  + 1 means a file caught mid-write was served; a 503 means a reload was refused);
- abusive clients (--abusers) send, in turn: a 10-level `children { parent { … } }` cycle, a
  depth-52 person → tenures → post → holders → person chain, 5,000 aliases, a 5 MB query of repeated
  fields, 10,000 nested brackets, and a 20 MB body of junk;
- a clerk edits a data file every --reload-every seconds: alternately a one-write append and a
  rewrite in two writes 0.3 s apart (so the watcher may see it half-written).

Everything is bounded: the run stops sending after --seconds, and every request has a timeout.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import random
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SECTION = re.compile(r"<!-- mixed-load -->.*<!-- /mixed-load -->\n?", re.DOTALL)
HOST = "127.0.0.1"


# -- data and queries -------------------------------------------------------------------------------


def prepare(data: Path | None, tenures: int, work: Path) -> Path:
    out = work / "data"
    if data is not None:
        shutil.copytree(data, out)
    else:
        subprocess.run(
            [sys.executable, "-m", "govorg.cli", "synth", str(out), "--tenures", str(tenures)],
            check=True,
            env=child_env(),
            stdout=subprocess.DEVNULL,
        )
    return out


def child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}


def load(data: Path) -> Any:
    sys.path.insert(0, str(ROOT / "src"))
    from govorg.registry import Registry

    return Registry.load(data)


def legit_queries(registry: Any, count: int, rng: random.Random) -> list[str]:
    """Questions a portal asks, about posts, organisations and people that exist in the data."""
    posts = list(registry.compiled.post_tenures.items())
    organisations = list(registry.catalog.organisations.values())
    people = list(registry.catalog.people)
    queries = []
    for _ in range(count):
        day = date(rng.randint(1995, 2024), rng.randint(1, 12), rng.randint(1, 28)).isoformat()
        kind = rng.random()
        if kind < 0.55:
            key, tenures = rng.choice(posts)
            org = registry.catalog.organisations[key[0]].name
            title = tenures[0].post.title
            queries.append(
                f"{{ holders(organisation: {json.dumps(org)}, title: {json.dumps(title)}, on: {json.dumps(day)})"
                " { person { name } certainty tenure { start { text } } } }"
            )
        elif kind < 0.75:
            org = rng.choice(organisations).name
            queries.append(
                f"{{ organisation(name: {json.dumps(org)}, on: {json.dumps(day)}) {{ id officialName kind"
                " parent { officialName } children { officialName } } }"
            )
        elif kind < 0.95:
            person = rng.choice(people)
            queries.append(
                f"{{ person(id: {json.dumps(person)}) {{ name posts(on: {json.dumps(day)})"
                " { post { title organisation { officialName } } certainty } } }"
            )
        else:
            queries.append("{ registry { dataVersion files earliest latest } }")
    return queries


def abusive_bodies(registry: Any) -> dict[str, bytes]:
    """The attacks of issue 10, as request bodies."""
    # The organisation with the most children makes the widest cycle.
    widest = Counter(org.parent.text for org in registry.catalog.organisations.values() if org.parent is not None)
    root = widest.most_common(1)[0][0] if widest else ""
    person = next(iter(registry.catalog.people), "")

    cycle = "officialName"
    for _ in range(10):
        cycle = f"children {{ parent {{ {cycle} }} }}"
    chain = "name"
    for _ in range(13):  # 13 x (tenures, post, holders, person) = depth 52
        chain = f"tenures {{ post {{ holders {{ person {{ {chain} }} }} }} }}"

    def body(query: str) -> bytes:
        return json.dumps({"query": query}, ensure_ascii=False).encode()

    aliases = " ".join(f"a{i}: registry {{ files }}" for i in range(5000))
    repeated = "files " * (5_000_000 // 6)
    return {
        "cycle 10 levels": body(f"{{ organisation(name: {json.dumps(root)}) {{ {cycle} }} }}"),
        "chain depth 52": body(f"{{ person(id: {json.dumps(person)}) {{ {chain} }} }}"),
        "5,000 aliases": body(f"{{ {aliases} }}"),
        "5 MB of fields": body(f"{{ registry {{ {repeated} }} }}"),
        "10,000 brackets": body("{ registry " + "{ files " * 10_000 + "}" * 10_001),
        "20 MB junk body": b'{"query": "' + b"x" * 20_000_000 + b'"}',
    }


# -- clients ---------------------------------------------------------------------------------------


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    failures: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, failure: str | None) -> None:
        with self.lock:
            self.latencies.append(seconds)
            if failure:
                self.failures[failure] += 1


def request(conn: http.client.HTTPConnection, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
    headers = {"content-type": "application/json", "accept": "application/json"} if body is not None else {}
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    return response.status, response.read()


def legit_client(port: int, queries: list[str], stop: float, timeout: float, tally: Tally, seed: int) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    while time.monotonic() < stop:
        body = json.dumps({"query": rng.choice(queries)}, ensure_ascii=False).encode()
        started = time.perf_counter()
        failure = None
        try:
            status, raw = request(conn, "POST", "/graphql", body)
            if status != 200:
                failure = f"HTTP {status}"
            elif "errors" in json.loads(raw):
                failure = "GraphQL errors"
        except (OSError, http.client.HTTPException) as error:
            failure = type(error).__name__
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
        tally.add(time.perf_counter() - started, failure)
    conn.close()


def health_prober(port: int, stop: float, tally: Tally, versions: list[str]) -> None:
    """Asks /health every 0.25 s; notes each data version served, in order."""
    conn = http.client.HTTPConnection(HOST, port, timeout=5)
    while time.monotonic() < stop:
        started = time.perf_counter()
        failure = None
        try:
            status, raw = request(conn, "GET", "/health")
            if status != 200:
                failure = f"HTTP {status}"
            version = json.loads(raw).get("dataVersion")
            if version and (not versions or versions[-1] != version):
                versions.append(version)
        except (OSError, http.client.HTTPException, ValueError) as error:
            failure = type(error).__name__
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
        tally.add(time.perf_counter() - started, failure)
        time.sleep(0.25)
    conn.close()


def abuser(
    port: int, bodies: dict[str, bytes], stop: float, timeout: float, outcomes: dict[str, Tally], offset: int
) -> None:
    names = list(bodies)
    i = offset
    while time.monotonic() < stop:
        name = names[i % len(names)]
        i += 1
        conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
        started = time.perf_counter()
        try:
            status, raw = request(conn, "POST", "/graphql", bodies[name])
            outcome = f"HTTP {status}"
            if status == 200:
                outcome += " with errors" if b'"errors"' in raw[:1_000_000] else " answered"
        except (OSError, http.client.HTTPException) as error:
            outcome = type(error).__name__
        finally:
            conn.close()
        outcomes[name].add(time.perf_counter() - started, outcome)
        time.sleep(0.5)


def clerk(data: Path, stop: float, every: float, edits: Counter[str]) -> None:
    """Edits real files the way people do: sometimes in one write, sometimes in two."""
    files = sorted(p for p in data.rglob("*.yaml") if p.is_file())[:20]
    n = 0
    while time.monotonic() + every < stop:
        time.sleep(every)
        path = files[n % len(files)]
        text = path.read_text(encoding="utf-8") + f"# edited by the mixed-load clerk, {n}\n"
        if n % 2 == 0:
            path.write_text(text, encoding="utf-8")
            edits["one write"] += 1
        else:
            raw = text.encode()
            with path.open("wb") as f:
                f.write(raw[: len(raw) // 2])
                f.flush()
                time.sleep(0.3)
                f.write(raw[len(raw) // 2 :])
            edits["two writes 0.3 s apart"] += 1
        n += 1


# -- server ----------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


def start_server(data: Path, port: int, memory_gb: float, log: Path) -> subprocess.Popen[bytes]:
    limit = int(memory_gb * 2**30)

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "govorg.cli", "serve", "--data", str(data), "--host", HOST, "--port", str(port)],
            env=child_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=cap,
        )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"govorg serve exited: {log.read_text(errors='replace')[-2000:]}")
        with contextlib.suppress(OSError, http.client.HTTPException):
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            if request(conn, "GET", "/health")[0] in (200, 503):
                conn.close()
                return process
        time.sleep(0.2)
    process.kill()
    raise SystemExit("govorg serve did not start in 300 s")


def stop_server(process: subprocess.Popen[bytes]) -> int | None:
    """The exit code if the server had already died during the run, else None (it is stopped here)."""
    died = process.poll()
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    return died


# -- report ----------------------------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}"


def machine() -> dict[str, str]:
    sys.path.insert(0, str(HERE))
    from run import machine as describe

    found: dict[str, str] = describe()
    return found


def report(args: argparse.Namespace, summary: dict[str, Any]) -> str:
    legit: Tally = summary["legit"]
    health: Tally = summary["health"]
    n = len(legit.latencies)
    failed = sum(legit.failures.values())
    host = machine()
    L = [
        "<!-- mixed-load -->",
        "## Mixed load: legitimate traffic during attacks and reloads",
        "",
        f"Written by `python bench/mixed_load.py` ({summary['data']}; {args.seconds} s; {args.clients} legitimate "
        f"clients, {args.abusers} abusive, an edit every {args.reload_every} s; server capped at "
        f"{args.server_memory_gb} GB of address space). See its docstring for what each client does.",
        "",
        f"Machine: {host['cpu']}, {host['cores']} cores, {host['memory']}, Python {host['python']}, "
        f"{host['platform']}; {host['date']}. Commit: {summary['commit']}.",
        "",
        *([args.note, ""] if args.note else []),
        "| traffic | requests | failed | p50 (ms) | p99 (ms) | max (ms) | req/s |",
        "|---|---:|---:|---:|---:|---:|---:|",
        f"| legitimate GraphQL | {n:,} | {failed:,} | {ms(pct(legit.latencies, 0.5))} | {ms(pct(legit.latencies, 0.99))} | "
        f"{ms(max(legit.latencies, default=0))} | {n / args.seconds:,.1f} |",
        f"| /health | {len(health.latencies):,} | {sum(health.failures.values()):,} | {ms(pct(health.latencies, 0.5))} | "
        f"{ms(pct(health.latencies, 0.99))} | {ms(max(health.latencies, default=0))} | |",
        "",
    ]
    if legit.failures:
        L += ["Legitimate failures: " + ", ".join(f"{k} ×{v}" for k, v in legit.failures.most_common()) + ".", ""]
    if health.failures:
        kinds = ", ".join(f"{k} ×{v}" for k, v in health.failures.most_common())
        L += [f"/health failures: {kinds} (503 is the server saying a reload was refused: degraded).", ""]
    L += ["| abusive request | sent | outcomes | median time (s) |", "|---|---:|---|---:|"]
    for name, tally in summary["abuse"].items():
        outcomes = ", ".join(f"{k} ×{v}" for k, v in tally.failures.most_common()) or "none finished"
        median = f"{statistics.median(tally.latencies):.2f}" if tally.latencies else "—"
        L.append(f"| {name} | {len(tally.latencies)} | {outcomes} | {median} |")
    edits = ", ".join(f"{k} ×{v}" for k, v in summary["edits"].items()) or "none"
    made = sum(summary["edits"].values())
    seen = len(summary["versions"])
    L += [
        "",
        f"Edits: {edits}. Data versions /health reported, in turn: {seen} for {made} edits"
        + (
            f" (more than {made + 1}: a file caught between its two writes was served)."
            if seen > made + 1
            else " (at most one per edit: no half-written state seen; /health asks every 0.25 s, so a brief one can be missed)."
        ),
        "",
        f"/health at the end: {summary['final_health']}."
        + (f" **The server died during the run (exit {summary['died']}).**" if summary["died"] is not None else ""),
        "<!-- /mixed-load -->",
    ]
    return "\n".join(L) + "\n"


def write_section(results: Path, section: str) -> None:
    text = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n"
    text = SECTION.sub(lambda _: section, text) if SECTION.search(text) else text.rstrip("\n") + "\n\n" + section
    results.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, help="a data folder to copy (default: a synthetic registry)")
    parser.add_argument("--tenures", type=int, default=5000, help="size of the synthetic registry")
    parser.add_argument("--seconds", type=float, default=30, help="how long traffic is sent")
    parser.add_argument("--clients", type=int, default=8, help="legitimate clients")
    parser.add_argument("--abusers", type=int, default=2, help="abusive clients")
    parser.add_argument("--reload-every", type=float, default=3, help="seconds between edits of a data file")
    parser.add_argument("--timeout", type=float, default=10, help="a legitimate request's timeout (s)")
    parser.add_argument("--abuse-timeout", type=float, default=15, help="an abusive request's timeout (s)")
    parser.add_argument("--server-memory-gb", type=float, default=4, help="the server's address-space cap")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--note", default="", help="a sentence added to the section (e.g. what was measured)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (edited data, server.log)")
    parser.add_argument("--no-write", action="store_true", help="print the section; leave RESULTS.md alone")
    args = parser.parse_args()

    rng = random.Random(10)
    work = Path(tempfile.mkdtemp(prefix="govorg-mixed-"))
    try:
        data = prepare(args.data, args.tenures, work)
        registry = load(data)
        queries = legit_queries(registry, 2000, rng)
        bodies = abusive_bodies(registry)
        del registry
        port = free_port()
        server = start_server(data, port, args.server_memory_gb, work / "server.log")
        legit, health = Tally(), Tally()
        abuse = {name: Tally() for name in bodies}
        edits: Counter[str] = Counter()
        versions: list[str] = []
        try:
            stop = time.monotonic() + args.seconds
            threads = [
                threading.Thread(target=legit_client, args=(port, queries, stop, args.timeout, legit, i))
                for i in range(args.clients)
            ]
            threads.append(threading.Thread(target=health_prober, args=(port, stop, health, versions)))
            threads += [
                threading.Thread(target=abuser, args=(port, bodies, stop, args.abuse_timeout, abuse, i * 3))
                for i in range(args.abusers)
            ]
            threads.append(threading.Thread(target=clerk, args=(data, stop, args.reload_every, edits)))
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            time.sleep(3)  # let the last edit be picked up before asking /health
            try:
                conn = http.client.HTTPConnection(HOST, port, timeout=10)
                status, raw = request(conn, "GET", "/health")
                conn.close()
                final_health = f"HTTP {status} {raw.decode(errors='replace')[:200]}"
            except (OSError, http.client.HTTPException) as error:
                final_health = type(error).__name__
        finally:
            died = stop_server(server)
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
        ).stdout.strip()
        summary = {
            "legit": legit,
            "health": health,
            "abuse": abuse,
            "edits": edits,
            "versions": versions,
            "final_health": final_health,
            "died": died,
            "commit": commit or "unknown",
            "data": f"the data in {args.data}" if args.data else f"a synthetic registry of {args.tenures:,} tenures",
        }
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    section = report(args, summary)
    print(section)
    if not args.no_write:
        write_section(args.results, section)
        print(f"wrote the section to {args.results}")


if __name__ == "__main__":
    main()
