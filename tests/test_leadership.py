"""Leadership (长府办〔2021〕12号): portfolios, who is in charge, stand-ins, versions over time."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from govorg.api.app import run_query
from govorg.registry import Registry
from test_cli import govorg

ON = date(2021, 6, 10)
LEADERS = ["张伟", "岑福康", "杨元飞", "翁华建", "祝新军", "孟庆源", "陆浩"]


def in_charge(registry: Registry, org: str, *, on: date = ON, absent: tuple[str, ...] = ()) -> dict[str, Any]:
    answer = registry.in_charge(org, on=on, absent=absent)
    assert answer is not None, org
    names = registry.catalog.people
    out: dict[str, Any] = {
        relation: [names[a.person_id].name for a in answer.by_relation(relation)]
        for relation in ("in_charge", "assists", "liaises")
    }
    out["stand_ins"] = [(names[s.person_id].name if s.person_id else None) for s in answer.stand_ins]
    return out


@pytest.mark.parametrize(
    ("org", "relation", "names"),
    [
        pytest.param("区教育局", "in_charge", ["陆浩"], id="区教育局"),
        pytest.param("区审计局", "in_charge", ["张伟"], id="区审计局-分管"),
        pytest.param("区审计局", "assists", ["岑福康"], id="区审计局-协助分管"),
        pytest.param("区应急管理局", "in_charge", ["岑福康"], id="区应急管理局-分管"),
        pytest.param("区应急管理局", "assists", ["祝新军"], id="区应急管理局-协助分管"),
        pytest.param("天山路街道办事处", "in_charge", ["孟庆源"], id="街道（镇）"),
        pytest.param("新泾镇", "in_charge", ["孟庆源"], id="街道（镇）-town"),
        pytest.param("区交通委", "in_charge", ["岑福康"], id="brand-交通委"),
        pytest.param("区水务局", "in_charge", ["岑福康"], id="brand-水务局"),
        pytest.param("区人防办", "in_charge", ["岑福康"], id="brand-人防办"),
        pytest.param("区知识产权局", "in_charge", ["杨元飞"], id="brand-half-width-brackets"),
        pytest.param("城管大队", "in_charge", ["岑福康"], id="other-body-in-brackets"),
        pytest.param("区总工会", "liaises", ["陆浩"], id="联系"),
        pytest.param("区政府研究室", "assists", ["翁华建"], id="翁华建-协助分管"),
        pytest.param("区公安分局治安支队", "in_charge", ["祝新军"], id="sub-unit-through-parent"),
    ],
)
def test_in_charge(registry: Registry, org: str, relation: str, names: list[str]) -> None:
    assert in_charge(registry, org)[relation] == names


@pytest.mark.parametrize(
    ("org", "absent", "stand_in"),
    [
        pytest.param("区教育局", ("lu-hao",), "岑福康", id="陆浩-absent"),
        pytest.param("区规划资源局", ("cen-fukang",), "张伟", id="岑福康-first-pair-first"),
        pytest.param("区规划资源局", ("cen-fukang", "zhang-wei"), "陆浩", id="岑福康-second-pair"),
        pytest.param("区财政局", ("weng-huajian",), "杨元飞", id="翁华建"),
        pytest.param("区审计局", ("zhang-wei", "cen-fukang"), "陆浩", id="breadth-first-through-absent"),
        pytest.param("区审计局", ("zhang-wei", "cen-fukang", "lu-hao"), None, id="nobody-present"),
    ],
)
def test_stand_ins(registry: Registry, org: str, absent: tuple[str, ...], stand_in: str | None) -> None:
    assert in_charge(registry, org, absent=absent)["stand_ins"] == [stand_in]


def test_deputies(registry: Registry) -> None:
    assert registry.deputies("cen-fukang", on=ON) == ["zhang-wei", "lu-hao"]
    assert registry.deputies("cen-fukang", on=date(2021, 5, 1)) == []


def test_leaders_in_printed_order_with_complete_portfolios(registry: Registry) -> None:
    version = registry.leaders(on=ON)
    assert version is not None
    assert [registry.catalog.people[p.person_id].name for p in version.portfolios] == LEADERS
    counts = {
        registry.catalog.people[p.person_id].name: {r: len(u) for r, u in p.units.items()} for p in version.portfolios
    }
    assert counts["岑福康"] == {"leads": 0, "in_charge": 11, "assists": 2, "liaises": 0}
    assert counts["孟庆源"] == {"leads": 0, "in_charge": 7, "assists": 0, "liaises": 4}
    assert counts["陆浩"] == {"leads": 0, "in_charge": 7, "assists": 0, "liaises": 8}
    assert counts["张伟"]["leads"] == 1
    cen = version.portfolio("cen-fukang")
    assert cen is not None and cen.work == ("虹桥机场东片区建设", "建议提案办理")
    assert version.scheme is not None and len(version.scheme.rules) == 8  # four pairs, both ways
    assert registry.leaders(on=date(2021, 5, 1)) is None


def test_leaders_over_graphql(registry: Registry) -> None:
    data = run_query(
        registry,
        """{ now: leaders(on: "2021-06-10") { order person { name } inCharge { printed name organisations { id } }
               liaises { printed } work standIns { name } source { canonicalNumber } inForceFrom }
             before: leaders(on: "2021-05-01") { order } }""",
    )["data"]
    assert [leader["person"]["name"] for leader in data["now"]] == LEADERS
    assert data["before"] == []
    cen = data["now"][1]
    construction = next(u for u in cen["inCharge"] if u["printed"].startswith("区建设管理委"))
    assert construction == {
        "printed": "区建设管理委（交通委、水务局）",
        "name": "长宁区建设和管理委员会",
        "organisations": [{"id": "cn-construction"}],
    }
    assert [s["name"] for s in cen["standIns"]] == ["张伟", "陆浩"]
    assert cen["source"]["canonicalNumber"] == "长府办〔2021〕12号" and cen["inForceFrom"] == "2021-06-02"


def test_in_charge_over_graphql(registry: Registry) -> None:
    data = run_query(
        registry,
        """{ a: inCharge(organisation: "区教育局", on: "2021-06-10", absent: ["lu-hao"]) {
               inCharge { person { name } relation } standIns { standIn { name } path { name } } noneAvailable message }
             b: inCharge(organisation: "天山路街道办事处", on: "2021-06-10") { inCharge { person { name } via { name } } }
             c: inCharge(organisation: "区教育局", on: "2021-05-01") { inCharge { person { name } } message }
             d: deputies(person: "cen-fukang", on: "2021-06-10") { name }
             e: inCharge(organisation: "没有这个单位") { message } }""",
    )["data"]
    assert data["a"] == {
        "inCharge": [{"person": {"name": "陆浩"}, "relation": "IN_CHARGE"}],
        "standIns": [{"standIn": {"name": "岑福康"}, "path": [{"name": "陆浩"}, {"name": "岑福康"}]}],
        "noneAvailable": False,
        "message": None,
    }
    assert data["b"]["inCharge"] == [{"person": {"name": "孟庆源"}, "via": {"name": "街道（镇）"}}]
    assert data["c"] == {"inCharge": [], "message": "no 分工 recorded before 2021-06-02"}
    assert [p["name"] for p in data["d"]] == ["张伟", "陆浩"]
    assert data["e"] is None


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory: pytest.TempPathFactory) -> Registry:
    """The gazette plus a synthetic 2022 分工 notice from tests/fixtures/leadership-2022."""
    data = tmp_path_factory.mktemp("two") / "data"
    shutil.copytree(ROOT / "data", data)
    shutil.copytree(ROOT / "tests" / "fixtures" / "leadership-2022", data / "leadership" / "2022")
    return Registry.load(data)


def test_a_newer_version_replaces_the_older_from_its_date(two_versions: Registry) -> None:
    before, after = date(2022, 2, 28), date(2022, 3, 1)
    assert in_charge(two_versions, "区教育局", on=before)["in_charge"] == ["陆浩"]
    assert in_charge(two_versions, "区教育局", on=after)["in_charge"] == ["孟庆源"]
    assert in_charge(two_versions, "区规划资源局", on=after)["in_charge"] == []  # not in the new notice
    assert two_versions.deputies("lu-hao", on=before) == ["cen-fukang"]
    assert two_versions.deputies("lu-hao", on=after) == ["zhang-wei", "meng-qingyuan"]
    later = two_versions.leaders(on=after)
    assert later is not None and [p.person_id for p in later.portfolios] == ["zhang-wei", "meng-qingyuan", "lu-hao"]


def test_cli_leaders_and_in_charge(tmp_path: Path) -> None:
    text = govorg("leaders", "--on", "2021-06-10").stdout
    assert text.index("1. 张伟") < text.index("2. 岑福康") < text.index("7. 陆浩")
    assert "分管：区规划资源局、区生态环境局、区建设管理委（交通委、水务局）" in text
    assert "代为负责：张伟、陆浩" in text
    early = govorg("leaders", "--on", "2021-05-01")
    assert early.returncode == 0 and "2021-06-02 之前无分工记录" in early.stdout
    as_json = json.loads(govorg("leaders", "--on", "2021-06-10", "--json").stdout)
    assert [leader["person"]["name"] for leader in as_json["leaders"]] == LEADERS

    stand_in = govorg("in-charge", "区教育局", "--on", "2021-06-10", "--absent", "lu-hao")
    assert "分管：陆浩" in stand_in.stdout and "陆浩不在岗：由岑福康代为负责（陆浩 → 岑福康）" in stand_in.stdout
    street = json.loads(govorg("in-charge", "天山路街道办事处", "--on", "2021-06-10", "--json").stdout)
    assert street["in_charge"][0]["name"] == "孟庆源" and street["in_charge"][0]["via"] == "街道（镇）"
    bad = govorg("in-charge", "区教育局", "--absent", "nobody")
    assert bad.returncode == 2 and "未知：nobody" in bad.stderr


@pytest.mark.parametrize("folder", ["data", "tests/fixtures/governments", "synthetic"])
def test_kept_in_charge_answers_are_the_fresh_ones(folder: str, tmp_path: Path) -> None:
    """`Leadership.in_charge` keeps a unit's answer in the state in force and gives it again on
    other days with the same temporary arrangements and certainty: on every unit and on days
    around every boundary the data has (states, their windows, temporary arrangements), each
    answer given is the one a registry that kept nothing works out for that day."""
    from datetime import timedelta

    from govorg.synth import synthesize

    source = ROOT / folder
    if folder == "synthetic":  # three districts, many states each
        source = tmp_path / "synth"
        synthesize(source, tenures=1500)
    kept = Registry.load(source).validated.leadership
    fresh = Registry.load(source)
    assert kept.versions, folder
    edges: set[date] = set()
    for version in kept.versions:
        edges.update(d for d in (version.in_force_from, version.window.earliest, version.window.latest) if d)
        for temporary in version.temporaries:
            edges.update(d for d in (temporary.start.earliest, temporary.start.latest) if d)
            if temporary.until is not None:
                edges.update(d for d in (temporary.until.earliest, temporary.until.latest) if d)
    days = sorted({edge + timedelta(days=step) for edge in edges for step in (-1, 0, 1, 17)})
    units = sorted(fresh.catalog.organisations)
    asked = 0
    for day in days:
        for unit in units:
            given = kept.in_charge(unit, on=day)
            fresh.validated.leadership._answers.clear()  # the other registry keeps nothing
            assert given == fresh.validated.leadership.in_charge(unit, on=day), (unit, day)
            asked += 1
    assert 0 < len(kept._answers) < asked  # answers were kept, and given again
