"""Committees: both gazette rosters, official stroke order, and 自然替补 on synthetic records."""

from __future__ import annotations

import json
import random
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from govorg.api.app import run_query
from govorg.committees import Resolution
from govorg.registry import Registry
from govorg.strokes import char_key, stroke_sorted, strokes, unknown_characters
from test_cli import govorg

WEIBAO = "长宁区未成年人保护委员会"
EDU_OLD, EDU_NEW = "长宁区教育督导委员会", "长宁区人民政府教育督导委员会"
EDU_MEMBERS = [
    "王卫中",
    "方玲姬",
    "孔令琦",
    "叶立生",
    "向可扬",
    "江萍",
    "苏立琼",
    "李双珑",
    "沈磊",
    "沈懿",
    "张友勤",
    "张晓钟",
    "陆良",
    "苗全胜",
    "金喆勋",
    "周薇",
    "周全民",
    "凌妍",
    "黄志远",
    "程万霆",
    "蔡志勇",
]
WEIBAO_MEMBERS = [
    "王岚",
    "方志斌",
    "孔令琦",
    "叶立生",
    "田慧",
    "田晓麦",
    "吕建华",
    "刘笑冰",
    "江萍",
    "孙家宏",
    "李双珑",
    "李书剑",
    "李立峰",
    "张军",
    "张友勤",
    "张志军",
    "张晓钟",
    "陆霓",
    "陈嵩",
    "苗全胜",
    "范层峰",
    "金喆勋",
    "周华",
    "周薇",
    "周全民",
    "鱼东彪",
    "赵厚曾",
    "贺志华",
    "黄冬生",
    "龚来国",
    "彭志娟",
    "詹茂福",
    "蔡伟奇",
    "魏国琳",
]


# -- official stroke order --------------------------------------------------------------------


@pytest.mark.parametrize("printed", [EDU_MEMBERS, WEIBAO_MEMBERS], ids=["教育督导委-21", "未保委-34"])
def test_shuffled_rosters_sort_back_to_the_printed_order(printed: list[str]) -> None:
    rng = random.Random(2021)
    for _ in range(20):
        shuffled = printed[:]
        rng.shuffle(shuffled)
        assert stroke_sorted(shuffled) == printed


def test_stroke_rules_from_domain() -> None:
    assert stroke_sorted(["孔令琦", "方玲姬", "王卫中"]) == ["王卫中", "方玲姬", "孔令琦"]  # ICU gets this wrong
    assert stroke_sorted(["张友勤", "张军"]) == ["张军", "张友勤"]  # one-character given name first
    assert strokes("王") == "1121" and strokes("方") == "4153" and strokes("孔") == "5515"
    assert char_key("一") < char_key("丁")  # fewer strokes first


def test_every_gb2312_hanzi_has_stroke_data() -> None:
    hanzi = [
        bytes([hi, lo]).decode("gb2312")
        for hi in range(0xB0, 0xF8)
        for lo in range(0xA1, 0xFF)
        if not (hi == 0xD7 and lo > 0xF9)
    ]
    assert len(hanzi) == 6763
    missing = [c for c in hanzi if strokes(c) is None]
    assert missing == []
    assert all(set(strokes(c) or "") <= set("12345") for c in hanzi)
    assert unknown_characters("王 峰") == []


# -- the gazette's rosters --------------------------------------------------------------------


def roster_names(registry: Registry, name: str, on: str) -> list[tuple[str, str | None, str]]:
    day = date.fromisoformat(on)
    org = registry.committee(name, on=day)
    assert org is not None
    return [
        (s.seat.role, registry.catalog.people[s.member].name if s.member else s.seat.printed, s.resolution.value)
        for s in registry.roster(org.id, on=day).seats
    ]


def test_weibao_on_2021_07_01(registry: Registry) -> None:
    seats = roster_names(registry, WEIBAO, "2021-07-01")
    assert seats[:2] == [("主任", "孟庆源", "LISTED"), ("副主任", "沈昕", "LISTED")]
    members = [name for role, name, _ in seats if role == "委员"]
    assert members == WEIBAO_MEMBERS
    assert {resolution for _, _, resolution in seats} == {"LISTED"}
    org = registry.committee(WEIBAO, on=date(2021, 7, 1))
    assert org is not None
    office = registry.roster(org.id, on=date(2021, 7, 1)).office
    assert office is not None and office.host == "cn-civil-affairs"
    assert office.director is not None and office.director.member == "shen-xin"


def test_education_committee_before_and_after_its_rename(registry: Registry) -> None:
    before = registry.committee(EDU_OLD, on=date(2021, 4, 1))
    after = registry.committee(EDU_NEW, on=date(2021, 4, 14))
    assert before is not None and after is not None and before.id == after.id
    assert registry.organisation_name(before.id, on=date(2021, 4, 1)) == EDU_OLD
    assert registry.roster(before.id, on=date(2021, 4, 1)).version is None
    seats = roster_names(registry, EDU_NEW, "2021-04-14")
    assert len(seats) == 26
    assert seats[:3] == [("主任", "陆浩", "LISTED"), ("副主任", "熊秋菊", "LISTED"), ("副主任", "陈丰", "LISTED")]
    members = [name for role, name, _ in seats if role == "委员"]
    assert members == [*EDU_MEMBERS, "区委编办主任", "区妇联副主席"]  # post-only seats follow the named members


@pytest.mark.parametrize("name", [WEIBAO, EDU_NEW])
def test_the_gazette_rosters_say_their_委员_are_stroke_sorted(registry: Registry, name: str) -> None:
    """Both notices print 按姓氏笔画为序; the records say so, and only for 委员."""
    org = registry.committee(name, on=date(2021, 7, 1))
    assert org is not None
    groups = registry.roster(org.id, on=date(2021, 7, 1)).groups
    assert [(g.role, g.order.value) for g in groups] == [
        ("主任", "printed"),
        ("副主任", "printed"),
        ("委员", "strokes"),
    ]


def test_memberships(registry: Registry) -> None:
    found = registry.memberships("kong-lingqi", on=date(2021, 7, 1))
    assert sorted(c for c, _ in found) == ["cn-education-inspection-committee", "cn-minors-protection-committee"]
    shen = registry.memberships("shen-xin", on=date(2021, 7, 1))
    assert sorted(s.seat.role for _, s in shen) == ["副主任", "办公室主任"]


def test_roster_listings_are_attestations(registry: Registry) -> None:
    (tenure,) = [t for t in registry.timeline("fang-lingji") if t.post.organisation_id == "cn-trade-union"]
    assert [a.date.text for a in tenure.attestations] == ["2021-04-13"]
    assert tenure.certainty(date(2021, 4, 13)) is not None and tenure.certainty(date(2021, 4, 13)).value == "CERTAIN"  # type: ignore[union-attr]
    (cai,) = [t for t in registry.timeline("cai-weiqi") if t.post.organisation_id == "cn-chengjiaqiao"]
    assert cai.certain_from == date(2021, 6, 28)  # appointed in Q2, listed on 2021-06-28


def test_committee_graphql_shape(registry: Registry) -> None:
    data = run_query(
        registry,
        f"""{{ c: committee(name: "{WEIBAO}", on: "2021-07-01") {{ name rosterVersion {{ source {{ canonicalNumber }} takesOver {{ name }} seatCount }}
                 seats {{ position role member {{ name }} resolution certainty posts {{ title }} sources {{ canonicalNumber }} }}
                 office {{ host {{ name }} director {{ member {{ name }} role }} }} }}
             old: committee(name: "{EDU_OLD}", on: "2021-04-01") {{ name rosterVersion {{ seatCount }} seats {{ role }} firstRecorded }}
             all: committees(on: "2021-07-01") {{ name }}
             m: memberships(person: "kong-lingqi", on: "2021-07-01") {{ committee {{ name }} seat {{ role }} }} }}""",
    )["data"]
    c = data["c"]
    assert c["rosterVersion"] == {
        "source": {"canonicalNumber": "长府办〔2021〕15号"},
        "takesOver": [{"name": "长宁区困境儿童保障工作联席会议"}],
        "seatCount": 36,
    }
    assert [s["position"] for s in c["seats"]] == list(range(1, 37))
    assert c["seats"][1]["sources"] == [{"canonicalNumber": "长府办〔2021〕15号"}]
    assert c["office"] == {"host": {"name": "区民政局"}, "director": {"member": {"name": "沈昕"}, "role": "办公室主任"}}
    assert data["old"] == {"name": EDU_OLD, "rosterVersion": None, "seats": [], "firstRecorded": "2021-04-13"}
    assert {x["name"] for x in data["all"]} >= {WEIBAO, EDU_NEW, "长宁区困境儿童保障工作联席会议"}
    assert sorted(m["committee"]["name"] for m in data["m"]) == sorted([WEIBAO, EDU_NEW])


# -- 自然替补 on synthetic records ----------------------------------------------------------------


@pytest.fixture(scope="module")
def succession_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The gazette plus tests/fixtures/committee-succession (new 局长, departures, a 2022 roster)."""
    data = tmp_path_factory.mktemp("succession") / "data"
    shutil.copytree(ROOT / "data", data)
    shutil.copytree(ROOT / "tests" / "fixtures" / "committee-succession", data / "committees" / "synthetic")
    return data


@pytest.fixture(scope="module")
def succession(succession_data: Path) -> Registry:
    """The succession data, loaded."""
    return Registry.load(succession_data)


def seat_by_listed(registry: Registry, on: date, listed: str) -> Any:
    org = registry.committee(WEIBAO, on=on)
    assert org is not None
    roster = registry.roster(org.id, on=on)
    return next(s for s in roster.seats if s.listed_member == listed), roster


def test_new_bureau_head_takes_the_seat_and_the_office(succession: Registry) -> None:
    on = date(2021, 8, 15)
    seat, roster = seat_by_listed(succession, on, "shen-xin")
    assert (seat.seat.role, seat.member, seat.resolution) == ("副主任", "gao-xinju", Resolution.SUCCEEDED)
    assert seat.certainty.value == "CERTAIN"
    assert "synthetic-renmian-2021-h2" in seat.sources and seat.sources[0] == "cfb-2021-15"
    assert roster.office is not None and roster.office.director is not None
    assert (roster.office.director.member, roster.office.director.resolution) == ("gao-xinju", Resolution.SUCCEEDED)
    before, _ = seat_by_listed(succession, date(2021, 7, 15), "shen-xin")
    assert before.resolution is Resolution.LISTED and before.member == "shen-xin"


def test_leaving_a_deputy_post_gives_successor_unknown_with_candidates(succession: Registry) -> None:
    seat, roster = seat_by_listed(succession, date(2021, 10, 1), "ye-lisheng")
    assert seat.resolution is Resolution.SUCCESSOR_UNKNOWN and seat.member is None
    assert seat.candidates == ("qian-tiyu",)
    members = [s for s in roster.seats if s.seat.role == "委员"]
    assert members[-1] is seat  # no member shown: after the named members


def test_a_named_predecessor_is_an_explicit_succession(succession: Registry) -> None:
    seat, roster = seat_by_listed(succession, date(2021, 10, 1), "zhou-quanmin")
    assert (seat.member, seat.resolution) == ("sun-minzheng", Resolution.SUCCEEDED)
    assert seat.note == "the appointment names the predecessor"
    names = [succession.catalog.people[s.member].name for s in roster.seats if s.seat.role == "委员" and s.member]
    assert names == stroke_sorted(names)  # re-sorted with the new member's name


def test_a_later_roster_version_replaces_the_derived_roster(succession: Registry) -> None:
    on = date(2022, 2, 1)
    org = succession.committee(WEIBAO, on=on)
    assert org is not None
    roster = succession.roster(org.id, on=on)
    assert roster.version is not None and roster.version.source == "synthetic-cfb-2022-02"
    assert [(s.seat.role, s.member, s.resolution.value) for s in roster.seats] == [
        ("主任", "meng-qingyuan", "LISTED"),
        ("副主任", "gao-xinju", "LISTED"),
        ("委员", "kong-lingqi", "LISTED"),
        ("委员", "qian-tiyu", "LISTED"),
    ]


def test_succession_through_graphql_and_cli(succession: Registry, succession_data: Path) -> None:
    data = run_query(
        succession,
        f"""{{ committee(name: "{WEIBAO}", on: "2021-10-01") {{
               seats {{ role member {{ name }} listedMember {{ name }} resolution candidates {{ name }} }}
               office {{ director {{ member {{ name }} resolution }} }} }} }}""",
    )["data"]["committee"]
    by_listed = {s["listedMember"]["name"]: s for s in data["seats"] if s["listedMember"]}
    assert by_listed["沈昕"]["member"] == {"name": "高新菊"} and by_listed["沈昕"]["resolution"] == "SUCCEEDED"
    assert by_listed["叶立生"]["resolution"] == "SUCCESSOR_UNKNOWN" and by_listed["叶立生"]["candidates"] == [
        {"name": "钱体育"}
    ]
    assert data["office"]["director"] == {"member": {"name": "高新菊"}, "resolution": "SUCCEEDED"}

    text = govorg("committee", WEIBAO, "--on", "2021-10-01", "--data", str(succession_data)).stdout
    assert "高新菊 区民政局 局长  （自然替补 沈昕）" in text
    assert "（继任未定）区体育局 副局长  候选：钱体育; 名单所列：叶立生" in text
    as_json = json.loads(
        govorg("committee", WEIBAO, "--on", "2021-10-01", "--json", "--data", str(succession_data)).stdout
    )
    assert as_json["office"]["director"]["member"] == "高新菊"


def test_cli_committee_prints_the_portal_listing() -> None:
    text = govorg("committee", WEIBAO, "--on", "2021-07-01").stdout.splitlines()
    assert text[0] == f"{WEIBAO}（2021-07-01）（2021-06-28 名单，长府办〔2021〕15号 p.23）"
    assert text[1:6] == ["主任：", "  孟庆源 副区长", "副主任：", "  沈昕 区民政局局长", "委员（按姓氏笔画为序）："]
    assert text[6] == "  王岚 新华路街道办事处副主任" and text[-2] == "  魏国琳 区妇联副主席、区妇儿办常务副主任"
    assert text[-1] == "办公室设在区民政局；办公室主任 沈昕 区民政局 局长"
    early = govorg("committee", EDU_OLD, "--on", "2021-04-01")
    assert early.returncode == 0 and "2021-04-13 之前无名单记录" in early.stdout
    assert govorg("committee", "区房管局").returncode == 1
