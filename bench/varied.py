"""Varied GraphQL traffic over HTTP (issue 13): every request a different question.

    python bench/varied.py --tenures 10000 [--seconds 10] [--save]

`govorg serve` (uvicorn, one worker) under wrk (1 thread, 16 connections), every request distinct
unless noted (wrk's Lua `request()` builds each one from a counter, so the answer cache never
helps):

- holders with distinct literal values in the query text;
- the same questions with the values sent as GraphQL variables;
- one holders query repeated (the answer cache);
- the leadership page's GraphQL query (a government's leaders with their units, and who is in
  charge of each of 16 of its units) on distinct days, and `/pages/leaders` on distinct days;
- floor: a bare starlette endpoint (bench/bare.py) parsing the JSON body and returning a prepared
  answer;
- peer: datasette serving the same holders question as a canned SQL query over govorg's own SQLite
  build (`govorg build`), opened immutable, on distinct values.

Install with `pip install -e '.[bench]'` (datasette) and wrk (Debian's package).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import HERE as BENCH  # noqa: E402
from run import ensure_data, ensure_wrk, fmt, free_port, machine, ratio, wait_up  # noqa: E402

ROUNDS = 2  # each row is the best of this many wrk runs
POSTS = 400  # (organisation, title) pairs drawn from the data
HOLDERS = (
    '{ holders(organisation: "%s", title: "%s", on: "%s") '
    "{ person { name } certainty tenure { start { text } end { text } } } }"
)
HOLDERS_VARIABLES = (
    "query Holders($o: String!, $t: String!, $on: Date) { holders(organisation: $o, title: $t, on: $on) "
    "{ person { name } certainty tenure { start { text } end { text } } } }"
)
DATASETTE_SQL = (
    "SELECT p.name, t.certain_from <= :on AND :on < t.certain_until AS certain, t.start_text, t.end_text "
    "FROM tenures t JOIN organisations o ON o.id = t.organisation_id JOIN people p ON p.id = t.person_id "
    "WHERE o.name = :org AND t.title_key = :title AND t.possible_from <= :on AND :on < t.possible_until "
    "ORDER BY certain DESC, p.name"
)

# Each request from the counter i: post i % #posts on day (i * 7919) % #days after 1995-01-01 (distinct
# for lcm(#posts, 10,950) requests, 87,600 with 400 posts: 7919 is prime to the 10,950 days; the page
# modes, which name no post, for 10,950). Each wrk run starts its counter where the row's previous run stopped (GOVORG_FIRST), so a
# row's second run asks nothing its first did: the answer cache, which keeps every answer it has
# room for, would otherwise answer the second run's first requests (measured on 6 Dec: a round
# repeating the first's 16,712 `holders` questions answered them all from the cache, and the best of
# the two rounds was the cached one). Past one cycle of distinct questions a request carries the
# cycle's number where the server ignores it but the cache key sees it: an unused variable `cycle`
# for GraphQL, a `cycle` parameter for a page.
LUA = """
local posts = dofile(os.getenv("GOVORG_POSTS"))
local mode = os.getenv("GOVORG_MODE")
local template = os.getenv("GOVORG_TEMPLATE")
local first = os.time({year=1995, month=1, day=1, hour=12})
local i = tonumber(os.getenv("GOVORG_FIRST") or "0")
local json = {["Content-Type"] = "application/json"}
local threads = {}
bad = 0
setup = function(thread) table.insert(threads, thread) end
-- an answer that is not a 200 without GraphQL errors is counted, so a broken run cannot pass
response = function(status, headers, body)
  if status ~= 200 or body:find('"errors"', 1, true) then bad = bad + 1 end
end
done = function(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("bad") end
  io.write("Bad answers: " .. total .. "\\n")
end
local function cycle(period)
  return math.floor(i / period)
end
request = function()
  i = i + 1
  local post = posts[(i % #posts) + 1]
  local day = os.date("!%Y-%m-%d", first + 86400 * ((i * 7919) % 10950))
  local n = cycle(tonumber(os.getenv("GOVORG_PERIOD")))  -- lcm(#posts, 10950)
  if mode == "literals" then
    local query = string.format(template, post[1], post[2], day)
    local extra = ""
    if n > 0 then extra = string.format(', "variables": {"cycle": %d}', n) end
    return wrk.format("POST", "/graphql", json, '{"query": "' .. query:gsub('"', '\\\\"') .. '"' .. extra .. '}')
  elseif mode == "variables" then
    local extra = ""
    if n > 0 then extra = string.format(', "cycle": %d', n) end
    local body = string.format('{"query": "%s", "variables": {"o": "%s", "t": "%s", "on": "%s"%s}}', template, post[1], post[2], day, extra)
    return wrk.format("POST", "/graphql", json, body)
  elseif mode == "repeat" then
    return wrk.format("POST", "/graphql", json, template)
  elseif mode == "page-query" then
    local body = template:gsub("DAY", day)
    if cycle(10950) > 0 then body = body:sub(1, -2) .. string.format(', "variables": {"cycle": %d}}', cycle(10950)) end
    return wrk.format("POST", "/graphql", json, body)
  elseif mode == "page" then
    local path = template:gsub("DAY", day)
    if cycle(10950) > 0 then path = path .. "&cycle=" .. cycle(10950) end
    return wrk.format("GET", path)
  elseif mode == "datasette" then
    return wrk.format("GET", string.format(template, post[3], post[4], day))
  end
end
"""


def _lua_string(text: str) -> str:
    assert "]==]" not in text
    return f"[==[{text}]==]"


def _posts(db: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT DISTINCT o.name, t.title FROM tenures t JOIN organisations o ON o.id = t.organisation_id"
    ).fetchall()
    conn.close()
    random.Random(13).shuffle(rows)
    found = [(str(o), str(t)) for o, t in rows[:POSTS]]
    for o, t in found:
        assert '"' not in o + t and "\\" not in o + t and "%" not in o + t
    return found


def _cpu_seconds(pid: int | None) -> float:
    """CPU time (user + system) the process has used so far; 0 where /proc cannot tell."""
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wrk(
    wrk_bin: str, url: str, lua: Path, seconds: int, env: dict[str, str], pid: int | None = None
) -> dict[str, float]:
    import re

    cpu = _cpu_seconds(pid)
    result = subprocess.run(
        [wrk_bin, "-t1", "-c16", f"-d{seconds}s", "--latency", "-s", str(lua), url],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
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
    errors = re.search(r"Bad answers: (\d+)", text)
    if errors is None:  # the script did not run: wrk fell back to plain GETs of the URL
        raise RuntimeError(f"wrk's script failed: {result.stderr}")
    total = re.search(r"(\d+) requests in", text)
    answered = float(total.group(1)) if total else 0.0
    used = _cpu_seconds(pid) - cpu
    return {
        "cpu_ms": 1000 * used / answered if pid is not None and answered else float("nan"),
        "rps": float(rps.group(1)) if rps else float("nan"),
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "errors": float(errors.group(1)),
        "requests": float(total.group(1)) if total else 0.0,
    }


def _server(args: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def varied_rows(data: Path, work: Path, seconds: int) -> dict[str, Any]:
    """The varied-traffic rows for one data folder (keys start with `varied_`)."""
    import httpx2 as httpx

    wrk_bin = ensure_wrk()
    if wrk_bin is None:
        return {"varied_skipped": "wrk is not installed (apt-get install wrk)"}
    db = work / f"{data.name}.db"
    if not db.exists():
        subprocess.run(["govorg", "build", "--data", str(data), "--db", f"sqlite:///{db}"], check=True)
    posts = _posts(db)
    posts_file = work / "varied-posts.lua"
    posts_file.write_text(
        "return {\n"
        + "".join(
            f"{{{_lua_string(o)}, {_lua_string(t)}, {_lua_string(quote(o))}, {_lua_string(quote(t))}}},\n"
            for o, t in posts
        )
        + "}\n",
        encoding="utf-8",
    )
    lua = work / "varied.lua"
    lua.write_text(LUA, encoding="utf-8")
    out: dict[str, Any] = {}

    serving: dict[str, int | None] = {"pid": None}  # the server wrk loads: its CPU time per request

    def run(name: str, url: str, mode: str, template: str) -> None:
        env = {
            "GOVORG_POSTS": str(posts_file),
            "GOVORG_MODE": mode,
            "GOVORG_TEMPLATE": template,
            "GOVORG_PERIOD": str(math.lcm(len(posts), 10950)),
        }
        # best of ROUNDS: the machines are shared, and a neighbour's burst only ever slows a round
        # down; each round goes on from the last one's counter, so no round repeats a question
        rounds: list[dict[str, float]] = []
        first = 0
        for _ in range(ROUNDS):
            rounds.append(_wrk(wrk_bin, url, lua, seconds, env | {"GOVORG_FIRST": str(first)}, serving["pid"]))
            first += int(rounds[-1]["requests"]) + 1000  # and the requests in flight when wrk stopped
        out[f"varied_{name}"] = max(rounds, key=lambda m: m["rps"]) | {
            "errors": sum(m["errors"] for m in rounds),
            "cpu_ms": min(m["cpu_ms"] for m in rounds),
        }

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = _server(["govorg", "serve", "--data", str(data), "--port", str(port), "--no-watch", "--no-access-log"])
    serving["pid"] = server.pid
    try:
        wait_up(base, server)
        o, t = posts[0]
        day = "2010-06-01"
        sample = httpx.post(f"{base}/graphql", json={"query": HOLDERS % (o, t, day)}, timeout=60).text
        assert '"errors"' not in sample, sample
        same = httpx.post(
            f"{base}/graphql", json={"query": HOLDERS_VARIABLES, "variables": {"o": o, "t": t, "on": day}}, timeout=60
        ).text
        assert same == sample, (same, sample)
        page_query, page_path = _leadership(base)
        page_answer = httpx.post(
            f"{base}/graphql",
            content=page_query.replace("DAY", day),
            headers={"content-type": "application/json"},
            timeout=60,
        )
        assert '"errors"' not in page_answer.text, page_answer.text
        assert httpx.get(f"{base}{page_path.replace('DAY', day)}", timeout=60).status_code == 200
        for _ in range(2):  # warm: the first of each shape parses, validates and lifts
            httpx.post(f"{base}/graphql", json={"query": HOLDERS % (o, t, "2011-01-01")}, timeout=60)
        run("literals", f"{base}/", "literals", HOLDERS)
        run("variables", f"{base}/", "variables", HOLDERS_VARIABLES)
        run("repeat", f"{base}/", "repeat", json.dumps({"query": HOLDERS % (o, t, day)}))
        run("page_query", f"{base}/", "page-query", page_query)
        run("page", f"{base}/", "page", page_path)
    finally:
        _stop(server)

    answers = work / "varied-answers.json"
    answers.write_text(json.dumps({"": sample}), encoding="utf-8")
    bare_port = free_port()
    bare = _server([sys.executable, str(BENCH / "bare.py"), str(answers), str(bare_port)])
    serving["pid"] = bare.pid
    try:
        wait_up(f"http://127.0.0.1:{bare_port}", bare)
        run("bare", f"http://127.0.0.1:{bare_port}/", "literals", HOLDERS)
    finally:
        _stop(bare)

    out.update(_datasette(db, posts, run, serving))
    load = os.getloadavg()[0]
    out["varied_measured"] = (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {machine()['cpu']}, load average {load:.1f} on {os.cpu_count()} cores"
    )
    return out


def _leadership(base: str) -> tuple[str, str]:
    """The leadership page's GraphQL query for the first government (a JSON body) and the path of
    its /pages/leaders page, both with DAY where the day goes."""
    import httpx2 as httpx

    governments = httpx.post(f"{base}/graphql", json={"query": "{ governments { id name } }"}, timeout=60).json()
    government = governments["data"]["governments"][0]
    units = httpx.post(
        f"{base}/graphql",
        json={
            "query": 'query U($g: String) { organisations(government: $g, kind: ["department"], first: 16) { name } }',
            "variables": {"g": government["id"]},
        },
        timeout=60,
    ).json()["data"]["organisations"]
    assignment = "{ person { name } relation unit { printed } }"
    parts = [
        f'leaders(on: "DAY", government: "{government["name"]}") '
        "{ order person { name } printed inCharge { printed organisations { name } } assists { printed } "
        "liaises { printed } standIns { name } }"
    ]
    for i, unit in enumerate(units):
        parts.append(
            f'u{i}: inCharge(organisation: "{unit["name"]}", on: "DAY", government: "{government["id"]}") '
            f"{{ inCharge {assignment} assists {assignment} liaises {assignment} certainty }}"
        )
    query = "{ " + " ".join(parts) + " }"
    return json.dumps(
        {"query": query}, ensure_ascii=False
    ), f"/pages/leaders?government={quote(government['id'])}&on=DAY"


def _datasette(db: Path, posts: list[tuple[str, str]], run: Any, serving: dict[str, int | None]) -> dict[str, Any]:
    try:
        import datasette  # noqa: F401
    except ImportError:
        return {"varied_datasette_skipped": "datasette is not installed (pip install -e '.[bench]')"}
    import httpx2 as httpx

    metadata = db.with_suffix(".datasette.json")
    metadata.write_text(
        json.dumps({"databases": {db.stem: {"queries": {"holders": {"sql": DATASETTE_SQL}}}}}), encoding="utf-8"
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = _server(
        [sys.executable, "-m", "datasette", "serve", "-i", str(db), "--port", str(port), "--metadata", str(metadata)]
    )
    serving["pid"] = server.pid
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{base}/-/versions.json", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("datasette did not start")
            time.sleep(0.2)
        o, t = posts[0]
        path = f"/{quote(db.stem)}/holders.json?org=%s&title=%s&on=%s&_shape=array"
        sample = httpx.get(base + path % (quote(o), quote(t), "2010-06-01"), timeout=60)
        assert sample.status_code == 200, sample.text
        out: dict[str, Any] = {}
        run("datasette", f"{base}/", "datasette", path)
        return out
    finally:
        _stop(server)


ROWS = [
    ("literals", "holders, distinct literal values"),
    ("variables", "holders, the same values as variables"),
    ("repeat", "holders, one query repeated (answer cache)"),
    ("page_query", "leadership page, GraphQL query (distinct days)"),
    ("page", "`/pages/leaders` (distinct days)"),
    ("datasette", "datasette, the holders question as SQL"),
    ("bare", "bare starlette endpoint (floor)"),
]


def section(rows: list[dict[str, Any]]) -> list[str]:
    """The markdown section for bench/RESULTS.md."""
    L = [
        "",
        "## Varied GraphQL traffic (bench/varied.py)",
        "",
        "uvicorn, one worker; wrk (1 thread, 16 connections), every request distinct except the repeated",
        "one; each row the best of two runs, the second going on from the first's questions (no run",
        "repeats a question, so the answer cache answers none but the repeated row's). Ratios against the",
        "bare endpoint and datasette measured in the",
        "same run; `bad answers` counts non-200 answers and answers with GraphQL errors over all runs.",
        "CPU/request: the server's CPU time over the requests it answered (the lower of the runs); its",
        "ratio to the bare endpoint's (bare CPU ÷ this CPU, higher is better, like req/s) holds however",
        "busy the machine's neighbours are, while req/s ratios move with them between runs.",
        "",
        "| tenures | traffic | req/s | p50 / p99 (ms) | /bare | /datasette | CPU/request (ms) | bare/this CPU | bad answers |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        if "varied_skipped" in r:
            L.append(f"| {r['tenures']:,} | skipped: {r['varied_skipped']} | | | | | | | |")
            continue
        bare = r.get("varied_bare", {}).get("rps")
        peer = r.get("varied_datasette", {}).get("rps")
        bare_cpu = r.get("varied_bare", {}).get("cpu_ms")
        for key, label in ROWS:
            m = r.get(f"varied_{key}")
            if not m:
                continue
            cpu = m.get("cpu_ms")
            L.append(
                f"| {r['tenures']:,} | {label} | {fmt(m['rps'], 0)} | {fmt(m['p50_ms'])} / {fmt(m['p99_ms'])} | "
                f"{ratio(m['rps'], bare)} | {ratio(m['rps'], peer)} | {fmt(cpu, 3)} | {ratio(bare_cpu, cpu)} | "
                f"{m['errors']:.0f} |"
            )
    L += ["", "Issue 13's targets, from the rows above:", ""]
    for r in rows:
        if "varied_literals" not in r or "varied_bare" not in r:
            continue
        L.append(
            f"- {r['tenures']:,} tenures ({r.get('varied_measured', 'date not recorded')}): " + "; ".join(_targets(r))
        )
    return L


def _targets(r: dict[str, Any]) -> list[str]:
    def met(ok: bool) -> str:
        return "met" if ok else "NOT met"

    bare, peer = r["varied_bare"]["rps"], r.get("varied_datasette", {}).get("rps")
    lit, var = r["varied_literals"], r["varied_variables"]
    bare_cpu = r["varied_bare"].get("cpu_ms")

    def by_cpu(m: dict[str, Any]) -> str:
        cpu = m.get("cpu_ms")
        return f" (by CPU per request: {bare_cpu / cpu:.2f}×)" if bare_cpu and cpu and cpu == cpu else ""

    out = [
        f"literals ≥ 0.3× bare: {lit['rps'] / bare:.2f}×{by_cpu(lit)}, {met(lit['rps'] >= 0.3 * bare)}",
        f"variables ≥ 0.5× bare: {var['rps'] / bare:.2f}×{by_cpu(var)}, {met(var['rps'] >= 0.5 * bare)}",
    ]
    if peer:
        both = min(lit["rps"], var["rps"]) / peer
        out.append(f"both ≥ 2× datasette: {both:.2f}×, {met(both >= 2)}")
    worst = max(lit["p99_ms"], var["p99_ms"])
    out.append(f"p99 ≤ 20 ms: {worst:.0f} ms, {met(worst <= 20)}")
    pages = [r[k]["p99_ms"] for k in ("varied_page_query", "varied_page") if k in r]
    if pages:
        out.append(f"leadership page p99 ≤ 20 ms: {max(pages):.0f} ms, {met(max(pages) <= 20)}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tenures", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--work", type=Path, default=Path("/tmp/govorg-bench"))
    parser.add_argument("--data", type=Path, help="a synthetic data folder (default: made in --work by `govorg synth`)")
    parser.add_argument("--save", action="store_true", help="put the figures into bench/RESULTS.json and .md")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    data = args.data or ensure_data(args.work, args.tenures)
    row: dict[str, Any] = {"tenures": args.tenures, **varied_rows(data, args.work, args.seconds)}
    print("\n".join(section([row])))
    print(json.dumps(row, default=str))
    if args.save:
        save(row)


def save(row: dict[str, Any]) -> None:
    """Puts the row's figures into bench/RESULTS.json (beside that size's other figures) and
    rewrites bench/RESULTS.md, as `python bench/run.py` would."""
    from run import write_results

    results = BENCH / "RESULTS.json"
    saved = json.loads(results.read_text(encoding="utf-8"))
    found = [r for r in saved["rows"] if r["tenures"] == row["tenures"]]
    if not found:
        raise SystemExit(f"bench/RESULTS.json has no row for {row['tenures']} tenures: run bench/run.py first")
    found[0].update(row)
    write_results(BENCH / "RESULTS.md", saved["machine"], saved["rows"])


if __name__ == "__main__":
    main()
