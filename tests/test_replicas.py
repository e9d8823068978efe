"""Several servers on one database: builds NOTIFY, replicas LISTEN and reload (PostgreSQL under
scripts/with-postgres), and several server processes behind one port."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from conftest import TINY
from govorg.api.app import create_app
from govorg.api.notify import ListenWatcher
from govorg.api.reload import RegistryHolder
from govorg.loader import load
from govorg.sql import NOTIFY_CHANNEL, build, libpq_conninfo, load_registry, version_of
from govorg.validate import validate
from serving import free_port, running_server

BOUND = 15.0  # seconds a replica may take to serve a new build of the tiny registry (well under SAFETY)
SAFETY = 600.0  # the replicas' safety poll in these tests: a reload within BOUND came from a notification


@pytest.mark.parametrize(
    ("url", "want"),
    [
        ("sqlite:///govorg.db", None),
        ("postgresql+psycopg://user:secret@db.example:5433/govorg", "postgresql://user:secret@db.example:5433/govorg"),
        ("postgresql://localhost/govorg", "postgresql://localhost/govorg"),
        ("not a url", None),
    ],
    ids=["sqlite", "psycopg", "plain-postgresql", "garbage"],
)
def test_only_postgresql_urls_are_listened_to(url: str, want: str | None) -> None:
    assert libpq_conninfo(url) == want


def edit(data: Path, n: int) -> str:
    """Change the data (a comment is enough: the version is the content's hash) and build nothing; the new version."""
    people = data / "people" / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8") + f"# edit {n}\n", encoding="utf-8")
    return validate(load(data)).loaded.content_hash


def build_from(data: Path, url: str) -> str:
    result = build(validate(load(data)), url)
    assert result.changed
    return result.data_version


def notifications(conninfo: str, action: Callable[[], object]) -> list[str]:
    """The payloads sent on the channel while `action` runs."""
    import psycopg

    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'LISTEN "{NOTIFY_CHANNEL}"')
        action()
        return [n.payload for n in conn.notifies(timeout=1.0)]


def test_a_postgresql_build_notifies_its_version_only_when_the_data_changed(
    tiny_copy: Path, new_database: Callable[[str], str]
) -> None:
    url = new_database("postgres")
    conninfo = libpq_conninfo(url)
    assert conninfo is not None
    first = validate(load(tiny_copy)).loaded.content_hash
    assert notifications(conninfo, lambda: build_from(tiny_copy, url)) == [first]
    assert notifications(conninfo, lambda: build(validate(load(tiny_copy)), url)) == []  # same data: no-op
    second = edit(tiny_copy, 1)
    assert notifications(conninfo, lambda: build_from(tiny_copy, url)) == [second]


def replica(url: str, watchers: list[ListenWatcher]) -> TestClient:
    conninfo = libpq_conninfo(url)
    assert conninfo is not None

    def watch(holder: RegistryHolder) -> ListenWatcher:
        watcher = ListenWatcher(
            holder,
            conninfo,
            NOTIFY_CHANNEL,
            lambda: version_of(url),
            lambda: load_registry(url),
            safety_interval=SAFETY,
            retry_interval=0.2,
        )
        watchers.append(watcher)
        return watcher

    return TestClient(create_app(load_registry(url), watch=watch))


def served(client: TestClient) -> str:
    version: str = client.get("/health").json()["dataVersion"]
    return version


def wait_for(condition: Callable[[], bool], bound: float = BOUND) -> float:
    """Seconds until `condition` held; fails after `bound`."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > bound:
            pytest.fail(f"not within {bound} s")
        time.sleep(0.05)
    return time.monotonic() - start


@pytest.fixture
def replicas(
    tiny_copy: Path, new_database: Callable[[str], str]
) -> Iterator[tuple[str, list[TestClient], list[ListenWatcher]]]:
    """Two app instances serving one PostgreSQL database, each LISTENing (its lifespan running)."""
    url = new_database("postgres")
    build_from(tiny_copy, url)
    watchers: list[ListenWatcher] = []
    with ExitStack() as stack:
        clients = [stack.enter_context(replica(url, watchers)) for _ in range(2)]
        wait_for(lambda: all(w.listening for w in watchers))
        yield url, clients, watchers


def test_two_replicas_serve_a_new_build_within_the_bound_without_polling(
    tiny_copy: Path, replicas: tuple[str, list[TestClient], list[ListenWatcher]]
) -> None:
    url, clients, watchers = replicas
    checks_before = [w.checks for w in watchers]
    for n in (1, 2):  # twice: a replica keeps listening after a reload
        new = edit(tiny_copy, n)
        assert all(served(c) != new for c in clients)
        build_from(tiny_copy, url)
        wait_for(lambda new=new: all(served(c) == new for c in clients))
    # one look at the stored version per notification (a build sends one), none from polling
    assert all(w.checks - before <= 2 for w, before in zip(watchers, checks_before, strict=True))


def test_a_replica_that_lost_its_connection_catches_up_on_reconnecting(
    tiny_copy: Path, replicas: tuple[str, list[TestClient], list[ListenWatcher]]
) -> None:
    """A build made while a replica's listening connection is down sends a notification nobody
    hears; reconnecting compares the stored version, so the replica still serves the build."""
    import psycopg

    url, clients, watchers = replicas
    conninfo = libpq_conninfo(url)
    assert conninfo is not None
    with psycopg.connect(conninfo, autocommit=True) as conn:
        killed = conn.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()"
        ).fetchone()
    assert killed == (2,)
    new = edit(tiny_copy, 1)
    build_from(tiny_copy, url)
    wait_for(lambda: all(served(c) == new for c in clients))
    wait_for(lambda: all(w.listening for w in watchers))


def test_a_replica_started_on_an_older_registry_loads_the_stored_one_at_once(
    tiny_copy: Path, new_database: Callable[[str], str]
) -> None:
    """The first connection counts as a reconnection: a build made before the replica listened is served."""
    url = new_database("postgres")
    build_from(tiny_copy, url)
    old = load_registry(url)
    edit(tiny_copy, 1)
    new = build_from(tiny_copy, url)
    conninfo = libpq_conninfo(url)
    assert conninfo is not None
    app = create_app(
        old,
        watch=lambda holder: ListenWatcher(
            holder,
            conninfo,
            NOTIFY_CHANNEL,
            lambda: version_of(url),
            lambda: load_registry(url),
            safety_interval=SAFETY,
        ),
    )
    with TestClient(app) as client:
        assert served(client) != new
        wait_for(lambda: served(client) == new)


def test_serve_db_watch_listens_from_the_command_line(tiny_copy: Path, new_database: Callable[[str], str]) -> None:
    url = new_database("postgres")
    build_from(tiny_copy, url)
    with running_server(tiny_copy, "--db", url, "--watch", "--safety-poll", str(SAFETY)) as base:
        new = edit(tiny_copy, 1)
        build_from(tiny_copy, url)

        def health() -> str:
            with urllib.request.urlopen(base + "/health", timeout=5) as response:
                return response.read().decode()

        wait_for(lambda: new in health())


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads child processes from /proc")
def test_serve_processes_forks_that_many_servers_on_one_port_and_stops_them_all(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    command = [sys.executable, "-m", "govorg.cli", "serve", "--data", str(TINY), "--port", str(port), "--no-watch"]
    process = subprocess.Popen(
        [*command, "--processes", "2"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        # each child leads a session of its own: a scheduling unit under autogroup (govorg.api.processes);
        # a child just forked may not have called setsid yet, so wait for both to have
        wait_for(
            lambda: len(children(process.pid)) == 2 and all(_session(p) == p for p in children(process.pid)), bound=60
        )
        forked = children(process.pid)
        assert all(_session(pid) == pid != _session(process.pid) for pid in forked)
        query = b'{"query": "{ registry { dataVersion } }"}'
        for _ in range(20):  # several connections: each answered, by one child or the other
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/graphql", data=query, headers={"Content-Type": "application/json"}
            )
            wait_for(lambda request=request: _answers(request), bound=30)
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert process.returncode == 0
    assert not any(Path(f"/proc/{pid}").exists() and _alive(pid) for pid in forked)
    refused = subprocess.run([*command, "--processes", "0"], env=env, capture_output=True, text=True, check=False)
    assert refused.returncode == 2 and "--processes" in refused.stderr


def _answers(request: urllib.request.Request) -> bool:
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return b"dataVersion" in response.read()
    except OSError:
        return False


def _alive(pid: int) -> bool:
    """A process that has not ended (a zombie waiting to be reaped by its parent counts as ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def _session(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[3])
