"""Starts: from process start to the first HTTP answer of `govorg serve --db`, with its memory.

    python bench/starts.py --sizes 10000,100000           # SQLite
    bash scripts/with-postgres python bench/starts.py     # adds PostgreSQL

For each size: build the synthetic registry into SQLite (and PostgreSQL when
$GOVORG_TEST_POSTGRES names one), then start `govorg serve --db` and time, from spawning the
process, the first 200 answer to the `holders` question (polled every 10 ms) — trusting the
build (the default) and with `--revalidate` (the full validation, as before builds were
trusted). The peer: datasette serving the same SQLite file, timed to its first answer to the
same question in SQL. RSS is the server's resident memory right after its first answer.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
QUESTION = '{ holders(organisation: "第1区财政局", title: "副局长", on: "2010-06-01") { person { name } certainty tenure { start { text } end { text } } } }'
# Needs 分工: answered once the people, documents, 分工 and rosters are read (just after an early start).
LATER = '{ inCharge(organisation: "第1区财政局", on: "2010-06-01") { inCharge { person { name } } } }'
SQL = (
    "SELECT p.name, t.start_text, t.end_text FROM tenures t JOIN people p ON p.id = t.person_id "
    "WHERE t.organisation_id = (SELECT id FROM organisations WHERE name = '第1区财政局') "
    "AND t.title_key = '副局长' AND t.possible_from <= '2010-06-01' AND '2010-06-01' < t.possible_until"
)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def first_answer(
    command: list[str], ask: Any, *, timeout: float = 600, later: Any = None, whole: Any = None
) -> dict[str, Any]:
    """Seconds from spawning `command` to the first good answer `ask()` gets, and the RSS then;
    with `later` and `whole`, also the seconds until `later()` (a 分工 question) gets its
    answer and `whole()` sees the whole registry read, and the RSS then (`serve --db` answers
    before it has read everything)."""
    import httpx2 as httpx

    start = time.perf_counter()
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while time.perf_counter() - start < timeout:
            if server.poll() is not None:
                raise RuntimeError(
                    f"{command[:4]} exited: {server.stderr.read().decode()[-2000:] if server.stderr else ''}"
                )
            try:
                answer = ask()
            except httpx.TransportError:
                time.sleep(0.01)
                continue
            seconds = time.perf_counter() - start
            found: dict[str, Any] = {"s": seconds, "rss_mb": _rss(server.pid) / 1e6, "answer": answer}
            if later is not None:
                later()
                found["later_s"] = time.perf_counter() - start
            if whole is not None:
                whole()
                found["whole_s"] = time.perf_counter() - start
                found["whole_rss_mb"] = _rss(server.pid) / 1e6
            return found
        raise RuntimeError(f"{command[:4]} gave no answer in {timeout} s")
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # pragma: no cover
            server.kill()
            server.wait()


def govorg_start(url: str, *, revalidate: bool) -> dict[str, Any]:
    import httpx2 as httpx

    port = _free_port()
    command = [sys.executable, "-m", "govorg.cli", "serve", "--db", url, "--port", str(port), "--no-watch"]
    if revalidate:
        command.append("--revalidate")

    def ask(question: str = QUESTION) -> Any:
        response = httpx.post(f"http://127.0.0.1:{port}/graphql", json={"query": question}, timeout=600)
        body = response.json()
        assert response.status_code == 200 and "errors" not in body, body
        found = next(iter(body["data"].values()))
        assert found, body
        return len(found)

    def waited(question: str) -> Any:
        while True:  # a request waits at most its time limit (10 s): past it, ask again
            try:
                return ask(question)
            except AssertionError as exc:
                if "still reading the registry" not in str(exc):
                    raise

    def whole() -> None:
        """Until /health says the server no longer starts: the whole registry is read and serving
        (a question needing every tenure, such as `changes`, would time its first history too:
        over the 10 s limit at a million tenures)."""
        while httpx.get(f"http://127.0.0.1:{port}/health", timeout=600).json()["starting"]:
            time.sleep(0.05)

    return first_answer(command, ask, later=lambda: waited(LATER), whole=whole)


def datasette_start(path: Path) -> dict[str, Any] | None:
    import httpx2 as httpx

    if shutil.which("datasette") is None:
        return None
    port = _free_port()
    command = ["datasette", "serve", str(path), "--port", str(port)]

    def ask() -> Any:
        response = httpx.get(f"http://127.0.0.1:{port}/{path.stem}.json?_shape=array&sql={quote(SQL)}", timeout=600)
        assert response.status_code == 200, response.text[:500]
        rows = response.json()
        assert rows, rows
        return len(rows)

    return first_answer(command, ask)


def build(data: Path, url: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "govorg.cli", "build", "--data", str(data), "--db", url], check=True, capture_output=True
    )


def measure(data: Path, size: int, work: Path, *, revalidate: bool = True) -> dict[str, Any]:
    """One size: the rows of the starts table (seconds and MB), each the best of two starts."""
    path = work / f"starts-{size}.db"
    url = f"sqlite:///{path}"
    build(data, url)
    row: dict[str, Any] = {"tenures": size, "load_before": os.getloadavg()[0]}

    def best(fn: Any) -> dict[str, Any]:
        runs = [fn(), fn()]
        return min(runs, key=lambda r: r["s"])

    row["sqlite_trusted"] = best(lambda: govorg_start(url, revalidate=False))
    if revalidate:  # minutes at a million tenures: --no-revalidate leaves them out
        row["sqlite_full"] = best(lambda: govorg_start(url, revalidate=True))
    peer = best(lambda: datasette_start(path)) if shutil.which("datasette") else None
    if peer is not None:
        row["datasette"] = peer
        assert peer["answer"] == row["sqlite_trusted"]["answer"], (peer, row["sqlite_trusted"])
    pg = os.environ.get("GOVORG_TEST_POSTGRES")
    if pg:
        build(data, pg)
        row["postgres_trusted"] = best(lambda: govorg_start(pg, revalidate=False))
        if revalidate:
            row["postgres_full"] = govorg_start(pg, revalidate=True)
    row["measured"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    row["load_after"] = os.getloadavg()[0]
    return row


def ensure_data(work: Path, size: int) -> Path:
    target = work / f"synth-{size}"
    if not (target / "leadership").is_dir():
        shutil.rmtree(target, ignore_errors=True)
        subprocess.run(
            [sys.executable, "-m", "govorg.cli", "synth", str(target), "--tenures", str(size)],
            check=True,
            capture_output=True,
        )
    return target


def run(sizes: list[int], work: Path, *, revalidate: bool = True) -> list[dict[str, Any]]:
    """bench/run.py's section: one row per size."""
    work.mkdir(parents=True, exist_ok=True)
    return [measure(ensure_data(work, size), size, work, revalidate=revalidate) for size in sizes]


def _fmt(cell: dict[str, Any] | None) -> str:
    return "—" if not cell else f"{cell['s']:.2f} s, {cell['rss_mb']:.0f} MB"


def _fmt_later(cell: dict[str, Any] | None) -> str:
    return "—" if not cell or "later_s" not in cell else f"{cell['later_s']:.2f} s"


def _fmt_whole(cell: dict[str, Any] | None) -> str:
    return "—" if not cell or "whole_s" not in cell else f"{cell['whole_s']:.2f} s, {cell['whole_rss_mb']:.0f} MB"


def _ratio(a: dict[str, Any] | None, b: dict[str, Any] | None, key: str = "s") -> str:
    return "—" if not a or not b or not b[key] else f"{a[key] / b[key]:.1f}×"


def table(rows: list[dict[str, Any]]) -> list[str]:
    """The markdown section for bench/RESULTS.md."""
    out = [
        "## Starting `serve --db`: process start to the first answer",
        "",
        "`govorg serve --db` trusting its build (the default) and with `--revalidate` (every record validated",
        "again, as every start did before builds were trusted), vs datasette serving the same SQLite file",
        "answering the same question in SQL; best of two starts; memory is the server's RSS after its first",
        "answer. A trusted start answers per-post and per-person questions before it has read the whole",
        "registry (govorg.sql.early): *分工* is when a question needing 分工 (`inCharge`; people, documents,",
        "分工 and rosters are read just after the start) was answered, *whole* when a question needing every",
        "tenure was (when `/health` stops saying `starting`), and the RSS then. Target: trusted start ≤ 1 s at 100k tenures. The machine's load average",
        "(2 cores) is shown: other work on the machine inflates every start, datasette's included.",
        "",
        "| tenures | measured (load avg) | SQLite trusted | SQLite trusted, 分工 | SQLite trusted, whole | SQLite revalidated | PostgreSQL trusted | PostgreSQL trusted, 分工 | PostgreSQL trusted, whole | PostgreSQL revalidated | datasette | trusted/datasette (time) | trusted/datasette (RSS) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        trusted, peer = r.get("sqlite_trusted"), r.get("datasette")
        out.append(
            f"| {r['tenures']:,} | {r.get('measured', '?')} ({r.get('load_before', 0):.1f}–{r.get('load_after', 0):.1f}) | {_fmt(trusted)} | {_fmt_later(trusted)} | {_fmt_whole(trusted)} | {_fmt(r.get('sqlite_full'))} | "
            f"{_fmt(r.get('postgres_trusted'))} | {_fmt_later(r.get('postgres_trusted'))} | {_fmt_whole(r.get('postgres_trusted'))} | {_fmt(r.get('postgres_full'))} | {_fmt(peer)} | {_ratio(trusted, peer)} | {_ratio(trusted, peer, 'rss_mb')} |"
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated tenure counts")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "govorg-bench")
    parser.add_argument(
        "--save", action="store_true", help="add the rows to bench/RESULTS.json and re-render bench/RESULTS.md"
    )
    parser.add_argument(
        "--no-revalidate", action="store_true", help="leave out the starts that validate again (minutes at 1M)"
    )
    args = parser.parse_args()
    rows = run([int(s) for s in args.sizes.split(",")], args.work, revalidate=not args.no_revalidate)
    print(json.dumps(rows, indent=2))
    print("\n".join(table(rows)))
    if args.save:
        save(rows)


def save(rows: list[dict[str, Any]]) -> None:
    """Keep the rows with bench/run.py's, by size, and re-render its report."""
    sys.path.insert(0, str(HERE))
    from run import write_results

    results = HERE / "RESULTS.json"
    saved = json.loads(results.read_text(encoding="utf-8"))
    by_size = {r["tenures"]: r for r in saved["rows"]}
    for row in rows:
        if row["tenures"] in by_size:
            by_size[row["tenures"]]["starts"] = row
    write_results(HERE / "RESULTS.md", saved["machine"], saved["rows"])


if __name__ == "__main__":
    main()
