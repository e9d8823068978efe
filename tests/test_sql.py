"""The SQL store (SQLite always, PostgreSQL under scripts/with-postgres), serving from it, and
reloading a served registry when its data or database changes."""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
from sqlalchemy import create_engine, inspect, text

from conftest import DATA, TINY
from govorg.loader import ParseCache, load
from govorg.records import FileRecords
from govorg.registry import Registry
from govorg.sql import DatabaseError, build, load_registry, store, version_of
from govorg.validate import Validated, validate
from serving import free_port
from test_cli import govorg

KINDS = ["sqlite", "postgres"]


@pytest.mark.parametrize("kind", KINDS)
def test_build_is_one_version_and_a_rebuild_is_a_no_op(kind: str, new_database: Callable[[str], str]) -> None:
    url = new_database(kind)
    validated = validate(load(DATA))
    first = build(validated, url)
    records = validated.loaded.records
    want_rows = sum(len(getattr(records, f.name)) for f in fields(records))
    want_rows += len(validated.loaded.files) + len(validated.tenures)
    assert first.changed and first.rows == want_rows > 300 and version_of(url) == validated.loaded.content_hash
    again = build(validate(load(DATA)), url)
    assert not again.changed and again.rows == 0
    engine = create_engine(url)
    try:
        tables = set(inspect(engine).get_table_names())
        indexes = {i["name"] for i in inspect(engine).get_indexes("tenures")}
    finally:
        engine.dispose()
    kinds = {f.name for f in fields(FileRecords)}  # one table per record kind, whatever the kinds are
    assert kinds | {"tenures", "files", "meta"} <= tables
    assert {"documents", "organisations", "people", "appointments", "rosters", "leadership"} <= kinds
    assert {"tenures_by_post_and_day", "tenures_by_person_and_day"} <= indexes


def test_a_postgresql_build_commits_the_planners_statistics_with_its_rows(new_database: Callable[[str], str]) -> None:
    """Without them, every new connection's first reads by id plan for tables of unknown size
    (reltuples -1): a started server's first answers read slowly."""
    url = new_database("postgres")
    build(validate(load(TINY)), url)
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            unknown = conn.execute(
                text(
                    "SELECT relname FROM pg_class WHERE relname IN ('tenures', 'appointments', 'people') AND reltuples < 0"
                )
            ).all()
            sizes = dict(
                conn.execute(
                    text("SELECT relname, reltuples FROM pg_class WHERE relname IN ('tenures', 'people')")
                ).all()
            )
    finally:
        engine.dispose()
    assert unknown == [] and sizes["tenures"] > 0 and sizes["people"] > 0


@pytest.mark.parametrize("kind", KINDS)
def test_the_tenures_table_answers_point_in_time_questions_in_sql(
    kind: str, new_database: Callable[[str], str]
) -> None:
    url = new_database(kind)
    build(validate(load(DATA)), url)
    registry = Registry.load(DATA)
    query = text(
        "SELECT person_id, certain_from <= :d AND :d < certain_until AS certain FROM tenures "
        "WHERE organisation_id = :org AND title_key = :title AND possible_from <= :d AND :d < possible_until"
    )
    engine = create_engine(url)
    with engine.connect() as conn:
        for (org, title), _ in list(registry.compiled.post_tenures.items()):
            for day in (date(2021, 3, 1), date(2021, 5, 15), date(2021, 6, 28), date(2021, 7, 1)):
                rows = conn.execute(query, {"d": day.isoformat(), "org": org, "title": title}).all()
                got = {(r.person_id, bool(r.certain)) for r in rows}
                want = {
                    (h.tenure.person_id, h.certainty.value == "CERTAIN") for h in registry.holders(org, title, on=day)
                }
                assert got == want, (org, title, day)
    engine.dispose()


def test_build_refuses_invalid_data_and_leaves_the_database_alone(
    tiny_copy: Path, new_database: Callable[[str], str]
) -> None:
    url = new_database("sqlite")
    assert govorg("build", "--data", str(tiny_copy), "--db", url).returncode == 0
    before = version_of(url)
    (tiny_copy / "people" / "bad.yaml").write_text(
        "format: 1\npeople:\n  - {id: li-si, name: 李肆}\n", encoding="utf-8"
    )
    result = govorg("build", "--data", str(tiny_copy), "--db", url)
    assert result.returncode == 1 and "GO205" in result.stderr and "数据库未改动" in result.stderr
    assert version_of(url) == before


@pytest.mark.parametrize("kind", KINDS)
def test_a_build_that_fails_midway_leaves_the_database_as_it_was(
    kind: str, new_database: Callable[[str], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = new_database(kind)
    loaded = load(DATA)
    build(validate(loaded), url)
    rows = store._rows

    def failing(validated: Validated) -> Iterator[tuple[Any, list[dict[str, Any]]]]:
        yield from itertools.islice(rows(validated), 3)
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(store, "SCHEMA_VERSION", "2-another-mapping")  # the build drops every table first
    monkeypatch.setattr(store, "_rows", failing)
    with pytest.raises(RuntimeError, match="the disk is full"):
        build(validate(load(TINY)), url)
    monkeypatch.undo()
    engine = store.engine_for(url)
    try:
        assert store.load_records(engine).records == loaded.records
    finally:
        engine.dispose()


def test_reading_a_database_that_holds_no_registry(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="run `govorg build` first"):
        load_registry(f"sqlite:///{tmp_path / 'missing.db'}")
    assert not (tmp_path / "missing.db").exists()
    result = govorg("who", "区房管局", "副局长", "--db", f"sqlite:///{tmp_path / 'missing.db'}")
    assert result.returncode == 1 and "run `govorg build` first" in result.stderr and "Traceback" not in result.stderr
    bad = govorg("who", "区房管局", "副局长", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert bad.returncode == 1 and "cannot read" in bad.stderr and "Traceback" not in bad.stderr


# -- serving and reloading ------------------------------------------------------------------------

HOLDERS = '{ holders(organisation: "区房管局", title: "副局长", on: "2021-07-01") { person { name } certainty } }'
EXAMPLES = [
    HOLDERS,
    '{ holders(organisation: "上海市第三女子中学", title: "校长", on: "2021-05-15") { person { name } certainty tenure { start { text } sources { title } } } }',
    '{ people(name: "王 峰") { id posts(on: "2021-07-01") { post { title organisation { name(on: "2021-07-01") } } } } }',
    '{ a: document(number: "长府办(2021)9号") { id } b: document(number: "长府办（2021）9号") { id } }',
    "{ registry { dataVersion counts { tenures attestations } earliest latest } }",
    '{ committee(name: "长宁区未成年人保护委员会", on: "2021-07-01") { seats { role member { name } resolution } } }',
    '{ inCharge(organisation: "区教育局", on: "2021-06-10", absent: ["lu-hao"]) { standIns { standIn { name } } } }',
]


class Server:
    def __init__(self, *args: str, log: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self._log = log.open("w")
        self.process = subprocess.Popen(
            ["govorg", "serve", "--port", str(self.port), "--interval", "0.2", *args],
            stdout=self._log,
            stderr=self._log,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.base}/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        self.stop()
        raise AssertionError(f"govorg serve did not start: {log.read_text()}")

    def query(self, query: str) -> dict[str, Any]:
        response = httpx.post(f"{self.base}/graphql", json={"query": query}, timeout=30)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=15)
        self._log.close()


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """Start `govorg serve` with the given arguments on a free port; stopped after the test."""
    started: list[Server] = []

    def start(*args: str) -> Server:
        server = Server(*args, log=tmp_path / f"serve-{len(started)}.log")
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.mark.parametrize("kind", KINDS)
def test_serve_from_a_database_answers_exactly_as_from_yaml(
    kind: str, serve: Callable[..., Server], new_database: Callable[[str], str]
) -> None:
    url = new_database(kind)
    assert govorg("build", "--data", str(DATA), "--db", url).returncode == 0
    from_yaml = serve("--data", str(DATA), "--no-watch")
    from_db = serve("--db", url, "--no-watch")
    for query in EXAMPLES:
        assert from_db.query(query) == from_yaml.query(query), query


def _wait_for(check: Callable[[], bool], seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError("timed out")


def _holders(server: Server) -> set[str]:
    return {h["person"]["name"] for h in server.query(HOLDERS)["data"]["holders"]}


def test_editing_a_file_while_serving_reloads_with_no_failed_request(
    tmp_path: Path, serve: Callable[..., Server]
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    server = serve("--data", str(data))
    assert _holders(server) == {"陆良", "马彬"}

    failures: list[str] = []
    stop = threading.Event()

    def hammer() -> None:  # requests all through the reload; every one must succeed
        with httpx.Client(timeout=30) as client:
            while not stop.is_set():
                response = client.post(f"{server.base}/graphql", json={"query": HOLDERS})
                if response.status_code != 200 or "errors" in response.json():
                    failures.append(response.text)

    thread = threading.Thread(target=hammer)
    thread.start()
    try:
        extra = data / "appointments" / "extra.yaml"
        extra.write_text(
            "format: 1\ndocument: {id: extra-2021-06, title: 补充任命, date: 2021-06-20}\n"
            "appointments:\n  - {person: wang-feng, post: {organisation: 区房管局, title: 副局长}}\n",
            encoding="utf-8",
        )
        _wait_for(lambda: "王峰" in _holders(server))
    finally:
        stop.set()
        thread.join()
    assert failures == []
    status = server.query("{ registry { reload { ok reloads error } } }")["data"]["registry"]["reload"]
    assert status["ok"] and status["reloads"] >= 1


def test_an_invalid_edit_keeps_the_old_answers_and_says_why(tmp_path: Path, serve: Callable[..., Server]) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    server = serve("--data", str(data), "--admin-token", "s3cret")
    version = server.query("{ registry { dataVersion } }")["data"]["registry"]["dataVersion"]
    (data / "people" / "typo.yaml").write_text(
        "format: 1\npeople:\n  - {id: wang-feng, nmae: 王峰}\n", encoding="utf-8"
    )

    def refused() -> bool:
        reload = server.query("{ registry { reload { ok } } }")["data"]["registry"]["reload"]
        return reload["ok"] is False

    _wait_for(refused)
    query = "{ registry { dataVersion reload { ok error problems problemCount } } }"
    public = server.query(query)["data"]["registry"]
    assert public["dataVersion"] == version
    assert public["reload"]["problems"] == [] and public["reload"]["problemCount"] >= 1  # details for the admin only
    admin = httpx.post(
        f"{server.base}/graphql", json={"query": query}, headers={"authorization": "Bearer s3cret"}, timeout=30
    ).json()["data"]["registry"]
    assert any("GO101" in p and "typo.yaml:3:" in p for p in admin["reload"]["problems"])
    assert _holders(server) == {"陆良", "马彬"}
    health = httpx.get(f"{server.base}/health", timeout=5)
    assert health.status_code == 503 and health.json()["lastReloadOk"] is False


def test_serve_from_a_database_reloads_when_it_is_rebuilt(
    tmp_path: Path, serve: Callable[..., Server], new_database: Callable[[str], str]
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    url = new_database("sqlite")
    assert govorg("build", "--data", str(data), "--db", url).returncode == 0
    server = serve("--db", url)
    (data / "committees" / "cfb-2021-15.yaml").unlink()
    shutil.copytree(TINY.parent / "leadership-2022", data / "leadership" / "2022")
    assert govorg("build", "--data", str(data), "--db", url).returncode == 0

    def changed() -> bool:
        counts = server.query("{ registry { counts { rosterVersions leadershipVersions } } }")["data"]["registry"][
            "counts"
        ]
        return bool(counts == {"rosterVersions": 1, "leadershipVersions": 2})

    _wait_for(changed)


def test_parse_cache_reparses_only_the_edited_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    cache = ParseCache(tmp_path / "cache")
    Registry.load(data, cache=cache)
    files = cache.misses
    assert files > 5 and cache.hits == 0
    path = data / "people" / "changning.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  - {id: new-person, name: 新人}\n", encoding="utf-8")
    registry = Registry.load(data, cache=cache)
    assert (cache.misses, cache.hits) == (files + 1, files - 1)
    assert registry.person("new-person") is not None
    warm = ParseCache(tmp_path / "cache")  # a new process: from disk
    Registry.load(data, cache=warm)
    assert (warm.hits, warm.misses) == (files, 0)


def test_cached_and_uncached_loads_give_the_same_registry(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path / "cache")
    a, b = Registry.load(DATA, cache=cache), Registry.load(DATA, cache=cache)
    c = Registry.load(DATA)
    assert a.info() == b.info() == c.info()
    assert json.dumps(sorted(a.compiled.tenures)) == json.dumps(sorted(c.compiled.tenures))
