"""An early start (govorg.sql.early): a server started from a trusted build answers per-post and
per-person questions before the whole registry is read, exactly as the registry loaded from
YAML; a question that needs every tenure waits for the whole registry and gets its answer; a
database rebuilt meanwhile fails the early reads with a message, never a wrong answer."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from conftest import DATA, TINY
from govorg.api.app import create_app, run_query
from govorg.loader import load
from govorg.registry import Registry
from govorg.sql import build, start_registry
from govorg.sql.early import EarlyRegistry, Rebuilt, StartFailed
from govorg.validate import validate
from test_cli import govorg
from test_sql_trusted import KINDS, SOURCES, _answers, _days

Ask = Callable[[Registry], object]


def _questions(known: Registry) -> Iterator[tuple[str, Ask]]:
    """Every per-key question about `known`'s data: each post on sampled days, each person,
    each committee, each unit's 分管, the 分工 versions, titles, counts."""
    days = _days(known)
    for org, title_key in sorted(known.compiled.post_tenures):
        title = known.compiled.post_tenures[(org, title_key)][0].post.title
        for day in days:
            yield f"holders {org} {title} {day}", lambda r, o=org, t=title, d=day: r.holders(o, t, on=d)
        yield f"titles {org}", lambda r, o=org: r.titles(o)
    yield "titles of an organisation with no posts", lambda r: r.titles("no-such-organisation")
    yield "a person who is not", lambda r: r.person("no-such-person")
    yield "a document that is not", lambda r: r.document("no-such-document")
    for document in sorted(known.catalog.documents.values(), key=lambda d: d.id):
        yield f"document {document.id}", lambda r, i=document.id: r.document(i)
        if document.number:
            yield f"document {document.number}", lambda r, n=document.number: r.document(n)
    for person in sorted(known.catalog.people):
        yield f"person {person}", lambda r, p=person: r.person(p)
        name = known.catalog.people[person].name
        yield f"people named {name}", lambda r, n=name: r.people(n)
        yield f"timeline {person}", lambda r, p=person: r.timeline(p)
        for day in days[::4]:
            yield f"posts {person} {day}", lambda r, p=person, d=day: r.posts(p, on=d)
            yield f"memberships {person} {day}", lambda r, p=person, d=day: r.memberships(p, on=d)
    for committee in known.committees():
        for day in days:
            yield f"roster {committee.id} {day}", lambda r, c=committee.id, d=day: r.roster(c, on=d)
    for org in sorted(known.catalog.organisations):
        for day in days[::3]:
            yield f"in_charge {org} {day}", lambda r, o=org, d=day: r.in_charge(o, on=d)
    for day in days[::3]:
        yield f"leaders {day}", lambda r, d=day: _or_message(lambda: r.leaders(on=d))
    yield "info", lambda r: r.info()


def _or_message(ask: Callable[[], object]) -> object:
    try:
        return ask()
    except LookupError as exc:  # several governments: the question must name one
        return str(exc)


def _never_finished(early: EarlyRegistry, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any wait for the whole registry fail the test instead of hanging it."""

    def waited() -> Registry:
        raise AssertionError("waited for the whole registry")

    monkeypatch.setattr(early.completion, "full", waited)


Start = Callable[[Path, str], tuple[EarlyRegistry, Registry]]


@pytest.fixture
def start(new_database: Callable[[str], str]) -> Iterator[Start]:
    """Build `source` into a new database of `kind`; its early registry and the YAML's."""
    started: list[EarlyRegistry] = []

    def make(source: Path, kind: str) -> tuple[EarlyRegistry, Registry]:
        validated = validate(load(source))
        assert validated.ok, validated.errors[:3]
        url = new_database(kind)
        build(validated, url)
        early = start_registry(url)
        assert isinstance(early, EarlyRegistry)
        started.append(early)
        return early, Registry(validated)

    yield make
    for early in started:  # an early registry never finished keeps its connections
        early.engine.dispose()


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("source", SOURCES)
def test_an_early_start_answers_per_key_questions_as_the_yaml_before_the_rest_is_read(
    source: Path, kind: str, start: Start, monkeypatch: pytest.MonkeyPatch
) -> None:
    early, from_yaml = start(source, kind)
    _never_finished(early, monkeypatch)
    questions = list(_questions(from_yaml))
    assert len(questions) > 20
    for label, ask in questions:
        assert ask(early) == ask(from_yaml), label
    assert not early.completion.done


@pytest.mark.parametrize("source", SOURCES)
def test_per_post_and_per_person_questions_need_neither_the_arrangements_nor_the_rest(
    source: Path, start: Start, monkeypatch: pytest.MonkeyPatch
) -> None:
    """分工 and rosters are read just after the start (a server reads them first thing); the
    questions that need neither are answered before, counts included."""
    early, from_yaml = start(source, "sqlite")
    _never_finished(early, monkeypatch)

    def unread() -> object:
        raise AssertionError("read 分工 and rosters")

    monkeypatch.setattr(early._later, "_read", unread)
    asked = 0
    for label, ask in _questions(from_yaml):
        if label.split()[0] in ("holders", "titles", "timeline", "posts", "person", "info"):
            assert ask(early) == ask(from_yaml), label
            asked += 1
    assert asked > 10 and not early._later.done


@pytest.mark.parametrize("source", SOURCES)
def test_finished_an_early_registry_answers_everything_as_the_yaml(source: Path, start: Start) -> None:
    early, from_yaml = start(source, "sqlite")
    early.holders("no such unit", "局长", on=date(2021, 7, 1))  # some keys read early, the rest later
    full = early.finish()
    assert early.completion.full() is full
    assert full.info() == early.info() == from_yaml.info()
    assert dict(_answers(early)) == dict(_answers(from_yaml))
    assert early.validated.tenures == from_yaml.validated.tenures
    assert early.loaded.records.appointments == from_yaml.loaded.records.appointments


def test_a_question_needing_every_tenure_reads_the_whole_registry_or_waits_for_its_reading(
    start: Start,
) -> None:
    early, from_yaml = start(DATA, "sqlite")
    reads: list[int] = []
    may_read = threading.Event()
    read = early.completion._read

    def slow_read() -> Registry:
        reads.append(1)
        assert may_read.wait(30)
        return read()

    early.completion._read = slow_read
    finishing = threading.Thread(target=early.finish)  # as a server does, beside its answers
    finishing.start()
    got: list[Any] = []
    asking = threading.Thread(target=lambda: got.append(early.history.events))
    asking.start()
    asking.join(0.3)
    assert asking.is_alive() and not got  # waiting, not answering from part of the data
    may_read.set()
    asking.join(30)
    finishing.join(30)
    assert got == [from_yaml.history.events] and reads == [1]  # one read, shared


def test_with_nobody_reading_it_a_question_reads_the_whole_registry_itself(start: Start) -> None:
    early, from_yaml = start(TINY, "sqlite")  # as a command asking with --db does
    assert early.history.events == from_yaml.history.events
    assert early.completion.usable and early.finish() is early.completion.full()


def test_a_database_rebuilt_while_starting_fails_early_reads_with_a_message(
    tmp_path: Path, new_database: Callable[[str], str]
) -> None:
    data = tmp_path / "data"
    shutil.copytree(TINY, data)
    url = new_database("sqlite")
    build(validate(load(data)), url)
    early = start_registry(url)
    assert isinstance(early, EarlyRegistry)
    (data / "appointments" / "extra.yaml").write_text(
        "format: 1\ndocument: {id: extra-2021-06, title: 补充任命, date: 2021-06-20}\n"
        "appointments:\n  - {person: li-si, post: {organisation: 区房管局, title: 副局长}}\n",
        encoding="utf-8",
    )
    rebuilt = validate(load(data))
    assert rebuilt.ok, rebuilt.errors
    build(rebuilt, url)
    with pytest.raises(StartFailed, match="rebuilt after this registry began reading it"):
        early.in_charge("区房管局", on=date(2021, 7, 1))  # 分工 are read after the start: too late
    with pytest.raises(StartFailed, match="rebuilt after this registry began reading it"):
        early.timeline("li-si")
    full = early.finish()  # the new build, whole: the server serves it as a reload
    assert full.info().data_version == rebuilt.loaded.content_hash != early.info().data_version
    with pytest.raises(StartFailed, match="rebuilt"):
        early.history  # noqa: B018 - what waited for the whole registry fails too


def test_a_build_this_govorg_does_not_trust_is_loaded_whole(
    new_database: Callable[[str], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from govorg.sql import trusted

    url = new_database("sqlite")
    build(validate(load(TINY)), url)
    monkeypatch.setattr(trusted, "code_fingerprint", lambda: "other code")
    started = start_registry(url)
    assert type(started) is Registry and not started.starting


HOLDERS = '{ holders(organisation: "区房管局", title: "副局长", on: "2021-07-01") { person { name } certainty } }'


def test_a_server_answers_early_then_serves_the_whole_registry(new_database: Callable[[str], str]) -> None:
    url = new_database("sqlite")
    build(validate(load(DATA)), url)
    early = start_registry(url)
    assert isinstance(early, EarlyRegistry)
    expected = run_query(Registry.load(DATA), HOLDERS)
    app = create_app(early)
    assert TestClient(app).get("/health").json()["starting"] is True  # no lifespan: nothing reads the rest
    with TestClient(app) as client:  # the lifespan reads the rest beside the answers
        assert client.post("/graphql", json={"query": HOLDERS}).json() == expected
        deadline = time.monotonic() + 60
        while app.state.holder.registry is early and time.monotonic() < deadline:
            time.sleep(0.05)
        assert early.completion.done
        history = '{ changes(from: "2021-04-01", to: "2021-07-01") { date { text } } }'
        answer = client.post("/graphql", json={"query": history}).json()
        assert "errors" not in answer and answer["data"]["changes"]
        status = client.post("/graphql", json={"query": "{ registry { reload { reloads ok } } }"}).json()
        assert status["data"]["registry"]["reload"] == {"reloads": 0, "ok": True}  # finishing is not a reload
        assert client.post("/graphql", json={"query": HOLDERS}).json() == expected
        assert client.get("/health").json()["starting"] is False and app.state.holder.registry is not early


def test_commands_asking_with_db_answer_as_with_data(new_database: Callable[[str], str]) -> None:
    url = new_database("sqlite")
    assert govorg("build", "--data", str(DATA), "--db", url).returncode == 0
    for question in (
        ["who", "区房管局", "副局长", "--on", "2021-07-01", "--json"],  # one post: read by key
        ["chains", "2021-04-01", "2021-07-31", "--json"],  # every tenure: the whole registry, read for it
    ):
        from_db = govorg(*question, "--db", url)
        from_data = govorg(*question, "--data", str(DATA))
        assert from_db.returncode == 0 and from_db.stderr == "", from_db.stderr
        assert from_db.stdout == from_data.stdout and from_db.stdout.strip(), question


def test_a_command_whose_whole_registry_cannot_be_read_says_why(
    new_database: Callable[[str], str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from govorg.cli.main import main
    from govorg.sql import DatabaseError

    url = new_database("sqlite")
    build(validate(load(DATA)), url)

    def unreadable(url: str, *, trust: bool = True) -> Registry:
        raise DatabaseError(f"cannot read {url}: OperationalError: disk I/O error")

    monkeypatch.setattr("govorg.sql.load_registry", unreadable)
    monkeypatch.setattr("govorg.sql.early.read_rest", lambda *_: (_ for _ in ()).throw(Rebuilt()))
    assert main(["chains", "2021-04-01", "2021-07-31", "--db", url]) == 1
    err = capsys.readouterr().err
    assert err.startswith("govorg: the registry could not be read: cannot read") and "Traceback" not in err
