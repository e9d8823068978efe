"""Bodies of every kind on composed fixtures (tests/fixtures/bodies: an invented province, city
and county): role groups and their options, printed lines, 暂定名 seats, founding and abolition,
succession per group, month- and year-dated notices, and a seat whose member may have left."""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT
from govorg.api.app import run_query
from govorg.committees import Resolution, Roster
from govorg.loader import load
from govorg.problems import Location
from govorg.records import SeatOrder, Succession, has_roster, role_of_label, split_line
from govorg.registry import Registry
from govorg.sql.store import build, engine_for, load_records
from govorg.tenures import Certainty
from govorg.validate import validate
from test_cli import govorg

BODIES = ROOT / "tests" / "fixtures" / "bodies"
GROUP = "东岭省数字经济发展领导小组"
MEETING = "青川市困境儿童保障工作联席会议"
MINORS = "青川市未成年人保护委员会"
ETHICS = "青川市科技伦理委员会"
HQ = "县防指"
ZONE = "县开发区管委会"


@pytest.fixture(scope="module")
def bodies() -> Registry:
    """The composed fixture of invented governments, loaded from YAML."""
    return Registry.load(BODIES)


def roster(registry: Registry, name: str, on: str) -> Roster:
    day = date.fromisoformat(on)
    org = registry.committee(name, on=day)
    assert org is not None, name
    return registry.roster(org.id, on=day)


def names(registry: Registry, r: Roster) -> list[tuple[str, str | None]]:
    people = registry.catalog.people
    return [(s.seat.role, people[s.member].name if s.member else s.seat.printed) for s in r.seats]


def test_the_fixture_validates_cleanly() -> None:
    validated = validate(load(BODIES))
    assert [p.format() for p in validated.problems] == []


# -- printed lines ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "label", "names"),
    [
        pytest.param("副组长：王 伟、李  强", "副组长", ["王 伟", "李  强"], id="label-and-padded-names"),
        pytest.param("吴刚、王芳", None, ["吴刚", "王芳"], id="continuation"),
        pytest.param("成员:张三", "成员", ["张三"], id="ascii-colon"),
        pytest.param(
            "委员（按姓氏笔画为序）：韩梅，许静", "委员（按姓氏笔画为序）", ["韩梅", "许静"], id="strokes-label"
        ),
    ],
)
def test_split_line(line: str, label: str | None, names: list[str]) -> None:
    assert split_line(line) == (label, names)


def test_a_label_saying_strokes_orders_its_group() -> None:
    assert role_of_label("委员（按姓氏笔画为序）") == ("委员", True)
    assert role_of_label("成员") == ("成员", False)


@pytest.mark.parametrize(
    "kind",
    ["committee", "leading_group", "joint_meeting", "working_group", "headquarters", "management_committee"],
)
def test_every_body_kind_has_a_roster(kind: str) -> None:
    assert has_roster(kind)


@pytest.mark.parametrize("kind", ["department", "group", "government", "no-such-kind"])
def test_other_kinds_have_none(kind: str) -> None:
    assert not has_roster(kind)


# -- role groups, order, lines ------------------------------------------------------------------


def test_leading_group_roles_as_printed_and_members_by_strokes(bodies: Registry) -> None:
    r = roster(bodies, GROUP, "2023-06-01")
    assert [g.role for g in r.groups] == ["组长", "第一副组长", "副组长", "成员"]
    assert names(bodies, r) == [
        ("组长", "赵立新"),
        ("第一副组长", "钱江"),
        ("副组长", "孙伟"),
        ("副组长", "李强"),
        # printed 郑丽、周 敏 / 吴刚、王芳: 按姓氏笔画为序 → 王(4) 吴(7) 周 郑 (8: 丿 before 丶)
        ("成员", "王芳"),
        ("成员", "吴刚"),
        ("成员", "周敏"),
        ("成员", "郑丽"),
        ("成员", "省数据局（暂定名）局长"),  # no member shown: after the named members
    ]
    by_role = {g.role: g for g in r.groups}
    assert by_role["成员"].order is SeatOrder.STROKES and by_role["副组长"].order is SeatOrder.PRINTED
    assert by_role["组长"].rule is Succession.NOTICE and by_role["副组长"].rule is Succession.NATURAL


def test_a_padded_name_in_a_line_matches_the_person_and_keeps_its_print(bodies: Registry) -> None:
    r = roster(bodies, GROUP, "2023-06-01")
    zhou = next(s for s in r.seats if s.member == "zhou-min")
    assert zhou.seat.printed == "周 敏" and zhou.seat.line == "成员：郑丽、周 敏"
    continued = next(s for s in r.seats if s.member == "wang-fang")
    assert continued.seat.role == "成员" and continued.seat.line == "吴刚、王芳"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            ETHICS,
            [("主任委员", "何平"), ("副主任委员", "林涛"), ("委员", "许静"), ("委员", "韩梅")],
            id="主任委员-printed-order-not-sorted",
        ),
        pytest.param(
            MINORS,
            [
                ("主任", "何平"),
                ("常务副主任", "马兰"),
                ("副主任", "林涛"),
                ("委员", "许静"),
                ("委员", "高飞"),
                ("委员", "韩梅"),
            ],
            id="committee-label-says-strokes",
        ),
        pytest.param(ZONE, [("主任", "杨山"), ("副主任", "刘河"), ("副主任", "石磊")], id="管委会"),
    ],
)
def test_roles_in_printed_order(bodies: Registry, body: str, expected: list[tuple[str, str]]) -> None:
    assert names(bodies, roster(bodies, body, "2023-10-01")) == expected


def test_members_pins_a_namesake(bodies: Registry) -> None:
    meeting = roster(bodies, MEETING, "2022-05-01")
    assert [s.member for s in meeting.seats if s.seat.role == "副召集人"] == ["lin-tao", "gao-fei"]
    minors = roster(bodies, MINORS, "2023-10-01")
    assert "gao-fei-2" in {s.member for s in minors.seats}


# -- succession per group -----------------------------------------------------------------------


def test_natural_succession_for_副组长_but_a_new_notice_for_组长(bodies: Registry) -> None:
    r = roster(bodies, GROUP, "2023-10-01")
    deputy = next(s for s in r.seats if s.listed_member == "sun-wei")
    assert (deputy.member, deputy.resolution, deputy.certainty) == ("zhou-xin", Resolution.SUCCEEDED, Certainty.CERTAIN)
    head = next(s for s in r.seats if s.listed_member == "zhao-lixin")
    assert (head.member, head.resolution) == (None, Resolution.AWAITING_NOTICE)
    assert head.candidates == ("feng-yu",) and "组长调整另行发文" in (head.note or "")
    before = next(s for s in roster(bodies, GROUP, "2023-08-31").seats if s.listed_member == "zhao-lixin")
    assert before.resolution is Resolution.LISTED and before.member == "zhao-lixin"


def test_personal_seats_stay_with_the_member(bodies: Registry) -> None:
    r = roster(bodies, ZONE, "2030-01-01")
    assert {s.resolution for s in r.seats} == {Resolution.LISTED}
    assert {g.rule for g in r.groups} == {Succession.NONE}


# -- part 9: a member appointed elsewhere, no removal recorded ------------------------------------


def test_seat_agrees_with_the_members_own_tenure(bodies: Registry) -> None:
    on = date(2023, 10, 1)
    seat = next(s for s in roster(bodies, GROUP, "2023-10-01").seats if s.listed_member == "li-qiang")
    assert (seat.resolution, seat.certainty) == (Resolution.LISTED, Certainty.POSSIBLE)
    assert seat.candidates == ("chu-hang",)
    assert "appointed 东岭省水利厅 厅长" in (seat.note or "") and "dl-renmian-2023" in seat.sources
    (holding,) = [h for h in bodies.posts("li-qiang", on=on) if h.tenure.post.organisation_id == "dl-emergency"]
    assert holding.certainty is seat.certainty
    still = next(s for s in roster(bodies, GROUP, "2023-06-01").seats if s.listed_member == "li-qiang")
    assert (still.resolution, still.certainty) == (Resolution.LISTED, Certainty.CERTAIN)  # before the window


def test_gazette_方玲姬_seat_is_possible_as_her_post_is(registry: Registry) -> None:
    on = date(2021, 7, 1)
    org = registry.committee("长宁区人民政府教育督导委员会", on=on)
    assert org is not None
    seat = next(s for s in registry.roster(org.id, on=on).seats if s.listed_member == "fang-lingji")
    (holding,) = [h for h in registry.posts("fang-lingji", on=on) if h.tenure.post.organisation_id == "cn-trade-union"]
    assert holding.certainty is Certainty.POSSIBLE
    assert (seat.resolution, seat.certainty) == (Resolution.LISTED, Certainty.POSSIBLE)
    assert seat.candidates == ("li-shujian",)  # the other 区总工会副主席 the records know
    text = govorg("committee", "长宁区人民政府教育督导委员会", "--on", "2021-07-01", "--sample").stdout
    line = next(line for line in text.splitlines() if "方玲姬" in line)
    assert line.startswith(
        "  方玲姬 区总工会副主席  ［可能：或已不任副主席：已任长宁区城市管理行政执法局执法大队 副大队长"
    )
    assert line.endswith("（2021年4月至6月间），未见免职记录；候选：李书剑］")
    english = govorg(
        "--lang", "en", "committee", "长宁区人民政府教育督导委员会", "--on", "2021-07-01", "--sample"
    ).stdout
    line = next(line for line in english.splitlines() if "方玲姬" in line)
    assert line.startswith("  方玲姬 区总工会副主席  [possible: may have left 副主席: appointed ")
    assert line.endswith("(between April and June 2021) and no removal is recorded; candidates: 李书剑]")


# -- 暂定名, founding, abolition, duties ------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "resolution", "certainty"),
    [
        pytest.param("2023-06-01", Resolution.PENDING, Certainty.CERTAIN, id="before-founding"),
        pytest.param("2024-03-10", Resolution.PENDING, Certainty.POSSIBLE, id="inside-founding-month"),
        pytest.param("2024-04-01", Resolution.LISTED, Certainty.CERTAIN, id="founded"),
    ],
)
def test_a_seat_waits_for_a_body_not_yet_founded(
    bodies: Registry, on: str, resolution: Resolution, certainty: Certainty
) -> None:
    seat = next(s for s in roster(bodies, GROUP, on).seats if s.seat.printed == "省数据局（暂定名）局长")
    assert (seat.resolution, seat.certainty) == (resolution, certainty)


@pytest.mark.parametrize(
    ("on", "seats", "certainty"),
    [
        pytest.param("2023-08-31", 7, Certainty.CERTAIN, id="before"),
        pytest.param("2023-09-20", 7, Certainty.POSSIBLE, id="inside-abolition-month"),
        pytest.param("2023-10-01", 0, Certainty.CERTAIN, id="abolished"),
    ],
)
def test_abolition_ends_the_roster(bodies: Registry, on: str, seats: int, certainty: Certainty) -> None:
    r = roster(bodies, MEETING, on)
    assert (len(r.seats), r.certainty) == (seats, certainty)
    if not seats:
        assert r.note == "abolished (撤销) 2023-09"


def test_duties_taken_over_by_another_kind_of_body(bodies: Registry) -> None:
    data = run_query(
        bodies,
        f"""{{ m: committee(name: "{MEETING}", on: "2023-10-01") {{ kind kindLabel abolished {{ on {{ text }} source {{ canonicalNumber }} printed }} dutiesTakenOverBy {{ name }} seats {{ role }} note }}
               c: committee(name: "{MINORS}", on: "2023-10-01") {{ kind rosterVersion {{ takesOver {{ name }} }} }} }}""",
    )["data"]
    assert data["m"] == {
        "kind": "joint_meeting",
        "kindLabel": "联席会议",
        "abolished": {
            "on": {"text": "2023-09"},
            "source": {"canonicalNumber": "青政办〔2023〕30号"},
            "printed": "撤销青川市困境儿童保障工作联席会议",
        },
        "dutiesTakenOverBy": [{"name": MINORS}],
        "seats": [],
        "note": "abolished (撤销) 2023-09",
    }
    assert data["c"] == {"kind": "committee", "rosterVersion": {"takesOver": [{"name": MEETING}]}}


# -- dates as printed ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "on", "certainty"),
    [
        pytest.param(MEETING, "2022-02-28", None, id="month-before"),
        pytest.param(MEETING, "2022-03-10", Certainty.POSSIBLE, id="month-inside"),
        pytest.param(MEETING, "2022-03-31", Certainty.CERTAIN, id="month-last-day"),
        pytest.param(HQ, "2022-06-01", Certainty.POSSIBLE, id="year-inside"),
        pytest.param(HQ, "2023-01-01", Certainty.CERTAIN, id="year-after"),
    ],
)
def test_a_notice_dated_by_month_or_year_is_possible_inside_its_window(
    bodies: Registry, body: str, on: str, certainty: Certainty | None
) -> None:
    r = roster(bodies, body, on)
    if certainty is None:
        assert r.version is None
        return
    assert r.certainty is certainty
    if certainty is Certainty.POSSIBLE:
        assert {s.certainty for s in r.seats} == {Certainty.POSSIBLE}
        assert r.office is None or r.office.director is None or r.office.director.certainty is Certainty.POSSIBLE


# -- the office ------------------------------------------------------------------------------------


def test_the_office_has_its_printed_name_and_its_director_also_sits(bodies: Registry) -> None:
    r = roster(bodies, HQ, "2023-01-01")
    assert r.office is not None and r.office.office.name == "指挥部办公室" and r.office.host == "bs-water"
    assert r.office.director is not None and r.office.director.member == "liu-he"
    assert "liu-he" in {s.member for s in r.seats}
    roles = {(c, s.seat.role) for c, s in bodies.memberships("liu-he", on=date(2023, 4, 1))}
    assert roles == {("bs-flood-hq", "副总指挥"), ("bs-flood-hq", "办公室主任"), ("bs-zone", "副主任")}


# -- answers through the CLI, GraphQL and SQL -----------------------------------------------------


def test_cli_prints_every_kind_with_its_labels() -> None:
    text = govorg("committee", GROUP, "--on", "2023-10-01", "--data", str(BODIES)).stdout.splitlines()
    assert text[0] == f"{GROUP}（2023-10-01）（2023-05-10 名单，东政办〔2023〕12号）"
    assert text[1:3] == ["组长：", "  （待发文）东岭省人民政府 副省长  候选：冯宇; 名单所列：赵立新"]
    assert "成员（按姓氏笔画为序）：" in text
    assert any(line.startswith("  李强 省应急厅厅长  ［可能：或已不任厅长：已任东岭省水利厅 厅长") for line in text)
    assert "  （待成立）省数据局（暂定名）局长  待东岭省数据局（暂定名）：2024年3月成立" in text
    ethics = govorg("committee", ETHICS, "--on", "2023-10-01", "--data", str(BODIES)).stdout
    assert "委员：\n  许静\n  韩梅" in ethics  # no 按姓氏笔画为序: printed order, plain heading
    month = govorg("committee", MEETING, "--on", "2022-03-10", "--data", str(BODIES)).stdout.splitlines()
    assert month[0] == f"{MEETING}（2022-03-10）（2022年3月 名单，青政办〔2022〕8号）"
    assert month[1] == "  可能：通知日期为2022年3月：施行日期不详"
    english = govorg("--lang", "en", "committee", GROUP, "--on", "2023-10-01", "--data", str(BODIES)).stdout
    assert "  （待成立）省数据局（暂定名）局长  waits for 东岭省数据局（暂定名）: founded March 2024" in english
    assert "[possible: may have left 厅长: appointed 东岭省水利厅 厅长 (July to September 2023)" in english
    month = govorg("--lang", "en", "committee", MEETING, "--on", "2022-03-10", "--data", str(BODIES)).stdout
    assert "  possible: the notice is dated March 2022: in force from an unknown day of it" in month
    hq = govorg("committee", HQ, "--on", "2023-01-01", "--data", str(BODIES)).stdout.splitlines()
    assert hq[-1] == "指挥部办公室设在白石县水利局；办公室主任 刘河 白石县水利局 局长"


def test_cli_committees_lists_every_body() -> None:
    text = govorg("committees", "--on", "2023-10-01", "--data", str(BODIES)).stdout
    city = govorg("committees", "--on", "2023-10-01", "--government", "青川市人民政府", "--data", str(BODIES)).stdout
    assert [line.split("  ")[1] for line in city.splitlines()] == [MEETING, ETHICS, MINORS]
    assert "(青川市人民政府，市级)" in city
    unknown = govorg("committees", "--government", "没有这个政府", "--data", str(BODIES))
    assert unknown.returncode == 1 and "no government answers to '没有这个政府'" in unknown.stderr
    for label in ("委员会", "领导小组", "联席会议", "工作小组", "指挥部", "管委会"):
        assert f"\n{label}  " in f"\n{text}"
    assert "撤销 2023-09  职责由 青川市未成年人保护委员会 承担" in text
    listed = json.loads(govorg("committees", "--on", "2023-10-01", "--json", "--data", str(BODIES)).stdout)
    assert {b["kind"] for b in listed} == {
        "committee",
        "leading_group",
        "joint_meeting",
        "working_group",
        "headquarters",
        "management_committee",
    }
    as_json = json.loads(govorg("committee", GROUP, "--on", "2023-10-01", "--json", "--data", str(BODIES)).stdout)
    assert [(g["role"], g["order"], g["succession"]) for g in as_json["groups"]] == [
        ("组长", "printed", "notice"),
        ("第一副组长", "printed", "natural"),
        ("副组长", "printed", "natural"),
        ("成员", "strokes", "natural"),
    ]


def test_graphql_role_groups_and_pending_seats(bodies: Registry) -> None:
    data = run_query(
        bodies,
        """{ committees(on: "2023-06-01", kind: LEADING_GROUP) { name kindLabel certainty
               founded { on { text } source { canonicalNumber } }
               rosterVersion { inForce { text } roleGroups { role order succession printed } }
               roleGroups { role order succession seats { position member { name } printedLine } }
               pendingSeats { printed resolution pending note }
               office { name host { name } director { member { name } succession } } } }""",
    )["data"]["committees"]
    (group,) = data
    assert group["founded"] == {"on": {"text": "2023-05-10"}, "source": {"canonicalNumber": "东政办〔2023〕12号"}}
    assert group["rosterVersion"]["roleGroups"] == [
        {"role": "组长", "order": "PRINTED", "succession": "NOTICE", "printed": "组长调整另行发文"},
        {"role": "成员", "order": "STROKES", "succession": None, "printed": "成员（按姓氏笔画为序）"},
    ]
    members = group["roleGroups"][3]
    assert [s["position"] for s in members["seats"]] == [5, 6, 7, 8, 9]
    assert members["seats"][0] == {"position": 5, "member": {"name": "王芳"}, "printedLine": "吴刚、王芳"}
    assert group["pendingSeats"] == [
        {
            "printed": "省数据局（暂定名）局长",
            "resolution": "PENDING",
            "pending": True,
            "note": "waits for 东岭省数据局（暂定名）: founded 2024-03",
        }
    ]
    assert group["office"]["director"] == {"member": {"name": "钱江"}, "succession": "NATURAL"}


def _content(value: object) -> object:
    """A record without where it was written (the store keeps locations per row, not per field)."""
    if isinstance(value, Location):
        return None
    if is_dataclass(value) and not isinstance(value, type):
        return tuple(_content(getattr(value, f.name)) for f in fields(value))
    if isinstance(value, (tuple, list)):
        return tuple(_content(v) for v in value)
    return value


def test_sql_round_trips_the_new_roster_fields(bodies: Registry, tmp_path: Path) -> None:
    validated = validate(load(BODIES))
    engine = engine_for(f"sqlite:///{tmp_path / 'bodies.db'}")
    build(validated, engine)
    back = load_records(engine)
    for kind in ("rosters", "organisations"):
        stored = sorted((_content(r) for r in getattr(back.records, kind)), key=repr)
        original = sorted((_content(r) for r in getattr(validated.loaded.records, kind)), key=repr)
        assert stored == original, kind
    from_db = Registry(validate(back))
    for body, on in ((GROUP, "2023-10-01"), (MEETING, "2022-03-10"), (MINORS, "2023-10-01")):
        assert names(from_db, roster(from_db, body, on)) == names(bodies, roster(bodies, body, on))
        assert roster(from_db, body, on).certainty is roster(bodies, body, on).certainty


# -- history ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "kind", "day", "certainty"),
    [
        pytest.param(GROUP, "FOUNDED", "2023-05-10", Certainty.CERTAIN, id="成立"),
        pytest.param(MEETING, "ABOLISHED", "2023-09-15", Certainty.POSSIBLE, id="撤销-dated-by-month"),
        pytest.param(GROUP, "SEAT_AWAITING_NOTICE", "2023-09-01", Certainty.CERTAIN, id="组长-awaits-a-notice"),
        pytest.param(MINORS, "DUTIES_TRANSFERRED", "2023-09-15", Certainty.CERTAIN, id="duties-from-a-joint-meeting"),
    ],
)
def test_body_events_in_the_change_log(bodies: Registry, body: str, kind: str, day: str, certainty: Certainty) -> None:
    on = date.fromisoformat(day)
    found = [(e, c) for e, c in bodies.changes(on, on, committee=body) if e.kind.value == kind]
    assert [c for _, c in found] == [certainty]


def test_any_unit_answers_its_founding_in_graphql(bodies: Registry) -> None:
    data = run_query(
        bodies,
        """{ organisation(name: "省数据局") { name provisionalName founded { on { text earliest latest } printed } abolished { printed } } }""",
    )["data"]["organisation"]
    assert data == {
        "name": "东岭省数据局",
        "provisionalName": True,
        "founded": {
            "on": {"text": "2024-03", "earliest": "2024-03-01", "latest": "2024-03-31"},
            "printed": "组建东岭省数据局",
        },
        "abolished": None,
    }
