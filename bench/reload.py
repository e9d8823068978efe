"""From an edit to the answer: how long `govorg serve` takes to serve a one-file edit, and how long
requests wait while it reloads.

    python bench/reload.py --tenures 10000            # a synthetic registry (made when missing)
    python bench/reload.py --data /tmp/govorg-bench/synth-100000 --edits 5

A copy of the data is served by `govorg serve` (file events, incremental reloads). Each edit adds
an appointment row with a title no post has yet to one 任免 list; the time runs from the write
to the first GraphQL answer naming the new holder (polled every 2 ms on its own connection).

Floors, measured on the same server: the latency of the same question when nothing changes
(`answer_ms`, the median; edit-to-answer can never beat it), and the server's start (a full
load, `full_load_s`), which is what every edit cost before reloads were incremental.

While the edits are served, `clients` threads ask a fixed question in a loop; `worst_ms` is the
longest any of them waited (target ≤ 50 ms) and `p99_ms` their 99th percentile. The same clients
run as long before the first edit (`calm_worst_ms`, `calm_p99_ms`): what the machine gives with
nothing reloading.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Client:
    """One keep-alive connection asking GraphQL questions."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def ask(self, query: str) -> dict[str, Any]:
        body = json.dumps({"query": query})
        self.conn.request("POST", "/graphql", body=body, headers={"content-type": "application/json"})
        response = self.conn.getresponse()
        answer: dict[str, Any] = json.loads(response.read())
        return answer


def holders_query(organisation: str, title: str) -> str:
    return f'{{ holders(organisation: "{organisation}", title: "{title}", on: "2030-01-01") {{ person {{ id }} }} }}'


def _target(data: Path) -> tuple[Path, str, str]:
    """A 任免 list to edit, one organisation it names, and a person it names."""
    import re

    lists = sorted(data.glob("appointments/*/*.yaml"))
    path = lists[len(lists) // 2]
    text = path.read_text(encoding="utf-8")
    found = re.search(r"person: (\S+), post: \{organisation: ([^,]+),", text)
    if found is None:
        raise SystemExit(f"no appointment row in {path}")
    return path, found.group(2), found.group(1)


def measure(data: Path, work: Path, *, edits: int = 5, clients: int = 2) -> dict[str, Any]:
    copy = work / f"reload-{data.name}"
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(data, copy)
    target, organisation, person = _target(copy)
    original = target.read_text(encoding="utf-8")
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    started = time.monotonic()
    server = subprocess.Popen(
        [sys.executable, "-m", "govorg.cli", "serve", "--data", str(copy), "--port", str(port), "--workers", "4"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 900
        while True:
            try:
                Client(port).ask("{ __typename }")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("govorg serve did not start") from None
                time.sleep(0.2)
        full_load = time.monotonic() - started
        time.sleep(1.0)  # let the file watch settle in

        fixed = holders_query(organisation, "局长")
        probe = Client(port)
        quiet = []
        for _ in range(50):
            t = time.perf_counter()
            probe.ask(fixed)
            quiet.append((time.perf_counter() - t) * 1000)

        latencies: list[float] = []
        stop = threading.Event()

        def client() -> None:
            mine = Client(port)
            while not stop.is_set():
                t = time.perf_counter()
                mine.ask(fixed)
                latencies.append((time.perf_counter() - t) * 1000)
                time.sleep(0.002)

        threads = [threading.Thread(target=client) for _ in range(clients)]
        for thread in threads:
            thread.start()
        time.sleep(edits * 0.8)  # the same clients with nothing reloading: the latency floor
        calm = sorted(latencies)
        latencies.clear()
        times: list[float] = []
        try:
            for n in range(edits):
                title = f"调研员{n + 1}号"
                question = holders_query(organisation, title)
                row = f"  - {{row: {9000 + n}, person: {person}, post: {{organisation: {organisation}, title: {title}}}}}\n"
                text = target.read_text(encoding="utf-8").replace("appointments:\n", "appointments:\n" + row, 1)
                t0 = time.perf_counter()
                target.write_text(text, encoding="utf-8")
                while True:
                    answer = probe.ask(question)
                    if (answer.get("data") or {}).get("holders"):  # before the edit: UNKNOWN_TITLE, no data
                        break
                    if time.perf_counter() - t0 > 120:
                        raise SystemExit(f"edit {n} was not served within 120 s")
                    time.sleep(0.002)
                times.append(time.perf_counter() - t0)
                time.sleep(0.5)
        finally:
            stop.set()
            for thread in threads:
                thread.join()
            target.write_text(original, encoding="utf-8")
        latencies.sort()
        return {
            "edit_to_answer_s": statistics.median(times),
            "edit_to_answer_max_s": max(times),
            "edits": edits,
            "answer_ms": statistics.median(quiet),
            "full_load_s": full_load,
            "worst_ms": latencies[-1] if latencies else None,
            "calm_worst_ms": calm[-1] if calm else None,
            "calm_p99_ms": calm[int(len(calm) * 0.99)] if calm else None,
            "p99_ms": latencies[int(len(latencies) * 0.99)] if latencies else None,
            "requests_during": len(latencies),
        }
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(copy, ignore_errors=True)


def table(rows: list[dict[str, Any]]) -> list[str]:
    """The section bench/run.py writes into RESULTS.md."""
    out = [
        "",
        "## Edits: from a one-file edit to the new answer (bench/reload.py)",
        "",
        "`govorg serve` with file events and incremental reloads; one appointment row added to one 任免 list",
        "per edit. Floors from the same server: the same kind of question answered with nothing to reload, and",
        "a full load (the server's start: what each edit cost before). Worst and p99: requests of clients",
        "asking all through the edits (target: none waits more than 50 ms).",
        "",
        "| tenures | edit → answer (s, median / max) | answer, no reload (ms) | edit/answer floor | full load (s) | full/edit | requests during | p99 / worst (ms) | no reload: p99 / worst (ms) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        e = r.get("reload")
        if not e:
            continue
        out.append(
            f"| {r['tenures']:,} | {e['edit_to_answer_s']:.3f} / {e['edit_to_answer_max_s']:.3f} | {e['answer_ms']:.2f} | "
            f"{e['edit_to_answer_s'] * 1000 / e['answer_ms']:.0f}× | {e['full_load_s']:.1f} | "
            f"{e['full_load_s'] / e['edit_to_answer_s']:.0f}× | {e['requests_during']:,} | {e['p99_ms']:.1f} / {e['worst_ms']:.1f} | "
            f"{e['calm_p99_ms']:.1f} / {e['calm_worst_ms']:.1f} |"
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, help="a data folder (copied; never edited)")
    parser.add_argument("--tenures", type=int, default=10_000, help="synthesize this many when --data is not given")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "govorg-bench")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--clients", type=int, default=2)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    data = args.data
    if data is None:
        sys.path.insert(0, str(ROOT / "src"))
        from govorg.synth import synthesize

        data = args.work / f"synth-{args.tenures}"
        if not data.exists():
            synthesize(data, tenures=args.tenures)
    print(json.dumps(measure(data, args.work, edits=args.edits, clients=args.clients), indent=2))


if __name__ == "__main__":
    main()
