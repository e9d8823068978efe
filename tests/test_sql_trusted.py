"""Starting from a trusted build (govorg.sql.trusted): the registry read straight from the rows
answers exactly as the registry loaded from YAML, and a build this govorg cannot trust is
validated in full, saying why, never with a traceback."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from conftest import DATA, TINY
from govorg.loader import load
from govorg.registry import Registry
from govorg.sql import DatabaseError, build, load_registry, trusted
from govorg.validate import validate
from test_cli import govorg

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# the sample and every fixture that validates on its own (the others are parts read beside one)
SOURCES = [
    pytest.param(DATA, id="sample"),
    *(pytest.param(FIXTURES / name, id=name) for name in ("bodies", "governments", "network", "renmian", "tiny")),
]
KINDS = ["sqlite", "postgres"]


def _days(registry: Registry) -> list[date]:
    """Days worth asking about: the range of the data, sampled, plus every tenure's edges."""
    info = registry.info()
    first, last = info.earliest or date(2000, 1, 1), info.latest or date(2030, 1, 1)
    step = max((last - first) / 12, timedelta(days=1))
    days = {first + step * n for n in range(13)}
    for tenure in list(registry.compiled.tenures.values())[:200]:
        for day in (tenure.possible_from, tenure.certain_from, tenure.possible_until, tenure.certain_until):
            if date.min < day < date.max:
                days.add(day)
    return sorted(days)


def _answers(registry: Registry) -> Iterator[tuple[str, object]]:
    days = _days(registry)
    for org, title_key in sorted(registry.compiled.post_tenures):
        title = registry.compiled.post_tenures[(org, title_key)][0].post.title
        for day in days:
            yield f"holders {org} {title} {day}", registry.holders(org, title, on=day)
    for person in sorted(registry.compiled.person_tenures):
        yield f"timeline {person}", registry.timeline(person)
    for committee in registry.committees():
        for day in days:
            yield f"roster {committee.id} {day}", registry.roster(committee.id, on=day)
    for org in sorted(registry.catalog.organisations):
        for day in days[::3]:
            yield f"in_charge {org} {day}", registry.in_charge(org, on=day)
    for day in days[::3]:
        try:
            yield f"leaders {day}", registry.leaders(on=day)
        except LookupError as exc:  # several governments: the question must name one
            yield f"leaders {day}", str(exc)
    yield "history", registry.history.events
    yield "info", registry.info()


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("source", SOURCES)
def test_a_trusted_start_answers_as_the_yaml(source: Path, kind: str, new_database: Callable[[str], str]) -> None:
    validated = validate(load(source))
    assert validated.ok, validated.errors[:3]
    url = new_database(kind)
    build(validated, url)
    from_yaml = Registry(validated)
    started = load_registry(url)
    assert started.validated.tenures == from_yaml.validated.tenures  # the fold, stored, not redone
    assert started.loaded.records == from_yaml.loaded.records
    assert started.validated.problems == from_yaml.validated.problems  # the build's warnings, kept
    assert dict(_answers(started)) == dict(_answers(from_yaml))


def _set_meta(url: str, key: str, value: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE meta SET value = :v WHERE key = :k"), {"v": value, "k": key})
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("key", "value", "why"),
    [
        pytest.param(trusted.VALIDATED, "no", "not marked as validated", id="not-validated"),
        pytest.param(trusted.VERSION, "0.0.1", "built by govorg 0.0.1", id="other-version"),
        pytest.param(trusted.CODE, "0" * 16, "built by other govorg code", id="other-code"),
    ],
)
def test_an_untrusted_build_is_validated_in_full_and_says_why(
    key: str, value: str, why: str, new_database: Callable[[str], str], caplog: pytest.LogCaptureFixture
) -> None:
    url = new_database("sqlite")
    validated = validate(load(TINY))
    build(validated, url)
    _set_meta(url, key, value)
    with caplog.at_level(logging.WARNING, logger="govorg.sql"):
        registry = load_registry(url)
    assert why in caplog.text and "run `govorg build` again" in caplog.text
    assert registry.validated.tenures == validated.tenures
    result = govorg("who", "区房管局", "副局长", "--on", "2021-07-01", "--db", url)
    assert result.returncode == 0 and why in result.stderr and "Traceback" not in result.stderr
    again = build(validate(load(TINY)), url)  # the same data, but an untrusted build: redone
    assert again.changed
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="govorg.sql"):
        load_registry(url)
    assert caplog.text == ""


def test_asking_to_revalidate_a_trusted_build_validates_in_full(
    new_database: Callable[[str], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = new_database("sqlite")
    build(validate(load(TINY)), url)
    calls: list[str] = []
    monkeypatch.setattr("govorg.sql.read_trusted", lambda *a: calls.append("trusted"))
    load_registry(url, trust=False)
    assert calls == []
    load_registry(url)
    assert calls == ["trusted"] * 3  # a trusted read that finds the data changed is retried, then validated


def test_the_build_marks_what_a_reader_checks(new_database: Callable[[str], str]) -> None:
    url = new_database("sqlite")
    build(validate(load(TINY)), url)
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            meta = dict(conn.execute(text("SELECT key, value FROM meta")).all())
    finally:
        engine.dispose()
    assert meta[trusted.VALIDATED] == "yes"
    assert meta[trusted.VERSION] == trusted.govorg_version()
    assert meta[trusted.CODE] == trusted.code_fingerprint()
    assert int(meta[trusted.WARNINGS]) == len(validate(load(TINY)).problems)
    assert trusted.untrusted_because(meta) is None


def test_rows_no_build_wrote_are_refused_saying_what_to_do(new_database: Callable[[str], str]) -> None:
    url = new_database("sqlite")
    build(validate(load(TINY)), url)
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE tenures SET links = '[\"no-such-record\", null, [], [], [], null, null, []]'"))
    finally:
        engine.dispose()
    with pytest.raises(DatabaseError, match=r"not what `govorg build` writes .*run `govorg build` again"):
        load_registry(url)
    result = govorg("who", "区房管局", "副局长", "--db", url)
    assert result.returncode == 1 and "govorg build" in result.stderr and "Traceback" not in result.stderr
