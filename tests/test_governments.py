"""Many governments and every kind of leadership notice, on invented governments at four levels
(tests/fixtures/governments): a province, two cities with the same short names, two districts of
one city that both call themselves 区政府. The city prints a full 分工, an AB角 notice with split
delegation, an exemption, a leader outside the scheme and a fallback, an adjustment, a temporary
reassignment and a second full 分工."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest
from strawberry.types import ExecutionResult

from govorg.api.schema import schema
from govorg.leadership import Basis, Certainty
from govorg.registry import AmbiguousName, Registry, UnknownGovernment

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "governments"


@pytest.fixture(scope="module")
def registry() -> Registry:
    """The invented governments, loaded once (read-only)."""
    return Registry.load(FIXTURE)


def stand_in(registry: Registry, unit: str, on: str, *absent: str) -> tuple[str | None, Basis, str | None]:
    answer = registry.in_charge(unit, on=date.fromisoformat(on), absent=absent, government="甲市人民政府")
    assert answer is not None
    (found,) = answer.stand_ins
    return found.person_id, found.basis, found.printed


def test_the_fixture_is_valid() -> None:
    registry = Registry.load(FIXTURE)
    assert registry.validated.problems == []


# -- jurisdictions -------------------------------------------------------------------------------


def test_a_short_name_in_two_governments_must_say_which(registry: Registry) -> None:
    with pytest.raises(AmbiguousName) as raised:
        registry.organisation("市公安局", on=date(2022, 4, 1))
    message = str(raised.value)
    assert "甲市人民政府" in message and "乙市人民政府" in message
    assert "--government" in message and "government=" in message
    jia = registry.organisation("市公安局", on=date(2022, 4, 1), government="甲市人民政府")
    yi = registry.organisation("市公安局", on=date(2022, 4, 1), government="yi")
    assert (jia and jia.id, yi and yi.id) == ("jia-police", "yi-police")


def test_an_unknown_government_is_an_error(registry: Registry) -> None:
    with pytest.raises(UnknownGovernment, match="甲市"):
        registry.organisation("市公安局", on=date(2022, 4, 1), government="甲市")


def test_records_resolve_short_names_in_their_own_government(registry: Registry) -> None:
    """东区 and 西区 both print 区政府 and 区房管局: each notice means its own."""
    dong = registry.leaders(on=date(2022, 4, 1), government="东区政府")
    xi = registry.leaders(on=date(2022, 4, 1), government="西区政府")
    assert dong is not None and xi is not None
    assert dong.portfolios[0].units["in_charge"][0].organisations == ("dong-housing",)
    assert xi.portfolios[0].units["in_charge"][0].organisations == ("xi-housing",)
    answer = registry.in_charge("区房管局", on=date(2022, 4, 1), government="西区政府")
    assert answer is not None and [a.person_id for a in answer.by_relation("in_charge")] == ["ma-lin"]


def test_governments_have_levels_parents_and_codes(registry: Registry) -> None:
    governments = registry.governments()
    assert [g.id for g in governments][:3] == ["prov", "yi", "jia"]  # province first, then by name
    police = registry.organisation("甲市公安局交通警察支队", on=date(2022, 4, 1))
    assert police is not None
    gov = registry.government_of(police.id)
    assert gov is not None and gov.id == "jia"
    assert registry.catalog.organisations["dong"].level is not None
    assert registry.catalog.organisations["prov"].division_code == "990000"


def test_the_same_name_in_two_governments_is_two_people(registry: Registry) -> None:
    assert sorted(p.id for p in registry.people("李明")) == ["li-ming", "li-ming-yi"]


# -- leadership by replacement and by amendment ----------------------------------------------------


def test_a_stand_in_notice_keeps_the_portfolios(registry: Registry) -> None:
    before = registry.leaders(on=date(2022, 3, 15), government="jia")
    after = registry.leaders(on=date(2022, 4, 15), government="jia")
    assert before is not None and after is not None
    assert [p.units for p in before.portfolios] == [p.units for p in after.portfolios]
    assert before.scheme is None and after.scheme is not None
    assert after.sources == ("jia-fg-2022-08", "jia-ab-2022-12")


def test_an_adjustment_changes_only_the_named_leaders(registry: Registry) -> None:
    version = registry.leaders(on=date(2022, 6, 10), government="jia")
    assert version is not None
    units = {p.person_id: [u.printed for u in p.units["in_charge"]] for p in version.portfolios}
    assert units == {
        "li-ming": ["市审计局"],
        "wang-hong": ["市财政局", "市金融局（市金融办）", "市发展改革委"],
        "zhao-gang": ["市公安局"],
        "sun-li": ["市教育局", "市卫生健康委", "市体育局"],
        "zhou-qiang": ["市司法局"],
    }
    sun = version.portfolio("sun-li")
    assert sun is not None and sun.sources == ("jia-fg-2022-08", "jia-tz-2022-20")
    assert version.scheme is not None  # the AB角 notice is still in force
    answer = registry.in_charge("市司法局", on=date(2022, 6, 10), government="jia")
    assert answer is not None and answer.sources == ("jia-fg-2022-08", "jia-tz-2022-20")


def test_a_leader_without_portfolio_keeps_the_printed_reason(registry: Registry) -> None:
    version = registry.leaders(on=date(2022, 3, 15), government="jia")
    assert version is not None
    zhou = version.portfolio("zhou-qiang")
    assert zhou is not None and zhou.note == "在中央党校学习" and not any(zhou.units.values())


def test_a_leader_who_leaves(registry: Registry) -> None:
    """周强 (one id in two governments' records: the same person) leaves 乙市's 分工."""
    before = registry.in_charge("市财政局", on=date(2022, 8, 1), government="乙市人民政府")
    after = registry.in_charge("市财政局", on=date(2022, 9, 2), government="乙市人民政府")
    assert before is not None and after is not None
    assert [a.person_id for a in before.by_relation("assists")] == ["zhou-qiang"]
    assert after.by_relation("assists") == [] and after.sources == ("yi-fg-2022-3",)
    version = registry.leaders(on=date(2022, 9, 2), government="yi")
    assert version is not None and [p.person_id for p in version.portfolios] == ["li-ming-yi"]


def test_a_full_notice_replaces_the_amendments(registry: Registry) -> None:
    version = registry.leaders(on=date(2022, 10, 10), government="jia")
    assert version is not None
    assert [p.person_id for p in version.portfolios] == ["li-ming", "wang-hong"]
    assert version.scheme is None and version.temporaries_on(date(2022, 10, 10)) == []
    assert stand_in(registry, "市财政局", "2022-10-10", "wang-hong")[1] is Basis.NO_RULE


# -- stand-in rules as printed ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "absent", "expected", "basis"),
    [
        pytest.param("市财政局", ("wang-hong",), "li-ming", Basis.RULE, id="split-财政-to-李明"),
        pytest.param("市金融办", ("wang-hong",), "li-ming", Basis.RULE, id="split-by-牌子"),
        pytest.param("市发展改革委", ("wang-hong",), "sun-li", Basis.RULE, id="其余工作-to-孙丽"),
        pytest.param("市教育局", ("sun-li",), "zhao-gang", Basis.RULE, id="互为AB角-one-way"),
        pytest.param("市卫生健康委", ("sun-li",), "zhao-gang", Basis.RULE, id="互为AB角-other-unit"),
        pytest.param("市公安局", ("zhao-gang",), None, Basis.EXEMPT, id="公安-exempt"),
        pytest.param("市交警支队", ("zhao-gang",), None, Basis.EXEMPT, id="公安-sub-unit-exempt"),
        pytest.param("市审计局", ("li-ming",), None, Basis.OUTSIDE, id="市长-outside"),
        pytest.param("市教育局", ("sun-li", "zhao-gang"), None, Basis.FALLBACK, id="both-away-fallback"),
        pytest.param("市发展改革委", ("wang-hong", "sun-li"), None, Basis.FALLBACK, id="no-invented-chain"),
    ],
)
def test_stand_ins_follow_the_notice(
    registry: Registry, unit: str, absent: tuple[str, ...], expected: str | None, basis: Basis
) -> None:
    person, found_basis, printed = stand_in(registry, unit, "2022-04-15", *absent)
    assert (person, found_basis) == (expected, basis)
    if basis is Basis.FALLBACK:
        assert printed == "AB角均不在岗时，由市政府秘书长协调"


def test_before_any_stand_in_notice_nobody_is_invented(registry: Registry) -> None:
    assert stand_in(registry, "市财政局", "2022-03-15", "wang-hong") == (None, Basis.NO_RULE, None)


def test_a_temporary_reassignment_shows_whose_work_it_was(registry: Registry) -> None:
    assert stand_in(registry, "市教育局", "2022-07-15")[:2] == ("zhao-gang", Basis.TEMPORARY)
    assert stand_in(registry, "市卫生健康委", "2022-07-15")[:2] == ("wang-hong", Basis.TEMPORARY)
    answer = registry.in_charge("市教育局", on=date(2022, 9, 5), government="jia")
    assert answer is not None and answer.stand_ins == ()  # the stated end has passed
    changes = registry.changes(date(2022, 7, 1), date(2022, 7, 1), person="sun-li")
    assert any(e.kind.value == "TEMPORARY_REASSIGNMENT" for e, _ in changes)
    by_unit = registry.changes(date(2022, 7, 1), date(2022, 7, 1), organisation="市教育局", government="jia")
    assert [e.kind.value for e, _ in by_unit] == ["TEMPORARY_REASSIGNMENT"]


def test_a_month_dated_notice_is_possible_inside_its_month(registry: Registry) -> None:
    inside = registry.in_charge("省交通运输厅", on=date(2022, 5, 15))
    after = registry.in_charge("省交通运输厅", on=date(2022, 6, 1))
    assert inside is not None and after is not None
    assert (inside.certainty, after.certainty) == (Certainty.POSSIBLE, Certainty.CERTAIN)
    version = registry.leaders(on=date(2022, 5, 15), government="省政府")
    assert version is not None and version.window.text == "2022-05"


# -- the same answers through the CLI, GraphQL and SQL ------------------------------------------------


def govorg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["govorg", *args], capture_output=True, text=True, timeout=120, check=False, cwd=cwd)


@pytest.mark.parametrize(
    ("government", "header"),
    [
        pytest.param("示例省人民政府", "示例省人民政府领导分工（省级）", id="province"),
        pytest.param("甲市政府", "甲市人民政府领导分工（市级）", id="city"),
        pytest.param("东区政府", "甲市东区人民政府领导分工（区级）", id="district"),
    ],
)
def test_headers_name_the_government_and_its_level(government: str, header: str) -> None:
    result = govorg("leaders", "--data", str(FIXTURE), "--government", government, "--on", "2022-06-15")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(header)


def test_cli_in_charge_shows_the_rule_and_its_document() -> None:
    args = ("in-charge", "市公安局", "--data", str(FIXTURE), "--on", "2022-04-15", "--absent", "zhao-gang")
    ambiguous = govorg(*args)
    assert ambiguous.returncode == 2 and "--government" in ambiguous.stderr and "Traceback" not in ambiguous.stderr
    result = govorg(*args, "--government", "甲市人民政府")
    assert result.returncode == 0, result.stderr
    assert "依据：公安工作不实行AB角，由分管副市长负责 ［甲政办发〔2022〕12号］" in result.stdout
    assert "赵刚不在岗：无人代为负责：通知规定该项工作不设代理" in result.stdout
    as_json = json.loads(govorg(*args, "--government", "jia", "--json").stdout)
    assert as_json["standIns"][0]["basis"] == "EXEMPT" and as_json["standIns"][0]["standIn"] is None


def run(registry: Registry, query: str) -> ExecutionResult:
    return schema.execute_sync(query, context_value={"registry": registry})


def test_graphql_takes_the_government_and_explains_stand_ins(registry: Registry) -> None:
    query = """{ inCharge(organisation: "市发展改革委", on: "2022-04-15", absent: ["wang-hong"], government: "jia") {
        certainty sources { number } standIns { standIn { name } basis rule source { number } } } }"""
    result = run(registry, query)
    assert result.errors is None, result.errors
    assert result.data is not None
    answer = result.data["inCharge"]
    assert answer["standIns"] == [
        {
            "standIn": {"name": "孙丽"},
            "basis": "RULE",
            "rule": "其余工作由孙丽同志负责",
            "source": {"number": "甲政办发〔2022〕12号"},
        }
    ]
    ambiguous = run(registry, '{ organisation(name: "市公安局", on: "2022-04-15") { id } }')
    assert ambiguous.errors and "`government` argument" in ambiguous.errors[0].message
    leadership = run(
        registry,
        '{ leadership(on: "2022-07-15", government: "甲市政府") { government { levelLabel } inForceFrom '
        "sources { number } temporary { absent { name } to { name } until } } }",
    )
    assert leadership.errors is None and leadership.data is not None
    assert leadership.data["leadership"]["government"] == {"levelLabel": "市级"}
    assert leadership.data["leadership"]["temporary"] == [
        {"absent": {"name": "孙丽"}, "to": [{"name": "赵刚"}, {"name": "王红"}], "until": "2022-08-31"}
    ]


def test_sql_gives_the_same_answers(tmp_path: Path, registry: Registry) -> None:
    from govorg.sql import build, load_registry

    url = f"sqlite:///{tmp_path / 'g.db'}"
    build(registry.validated, url)
    stored = load_registry(url)
    for unit, absent in (("市发展改革委", ("wang-hong", "sun-li")), ("市公安局", ("zhao-gang",))):
        a = registry.in_charge(unit, on=date(2022, 4, 15), absent=absent, government="jia")
        b = stored.in_charge(unit, on=date(2022, 4, 15), absent=absent, government="jia")
        assert a is not None and b is not None and a.stand_ins == b.stand_ins and a.sources == b.sources


def test_serve_without_data_says_what_it_serves(tmp_path: Path) -> None:
    """The quick start's `govorg serve` with no data folder serves the sample and says so."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        ["govorg", "serve", "--port", str(port), "--no-watch"],
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stderr is not None
        deadline = time.monotonic() + 60
        line = ""
        while time.monotonic() < deadline and "sample" not in line:
            line = proc.stderr.readline()
        assert "serving the bundled sample data" in line
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        if proc.stderr is not None:
            proc.stderr.close()
    shutil.rmtree(tmp_path, ignore_errors=True)
