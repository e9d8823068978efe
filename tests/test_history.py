"""History: changes between dates, roster diffs, vacancy chains, careers."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from govorg.api.app import run_query
from govorg.registry import Registry
from test_cli import govorg
from test_committees import succession, succession_data  # noqa: F401  (shared fixtures)

Q2 = (date(2021, 3, 31), date(2021, 7, 1))


def kinds(registry: Registry, start: date, end: date, **filters: str) -> Counter[str]:
    return Counter(e.kind.value for e, _ in registry.changes(start, end, **filters))


def test_the_quarter_none_missing_none_doubled(registry: Registry) -> None:
    found = registry.changes(*Q2)
    assert kinds(registry, *Q2) == Counter(
        {
            "APPOINTED": 19,
            "CONFIRMED": 12,
            "REMOVED": 9,
            "ROSTER_VERSION": 2,
            "RENAMED": 1,
            "PORTFOLIO_VERSION": 1,
            "DUTIES_TRANSFERRED": 1,
        }
    )
    assert len({e.record_id for e, _ in found}) == len(found)
    personnel = [e for e, _ in found if e.kind.value in ("APPOINTED", "CONFIRMED", "REMOVED")]
    assert {(e.date.text, e.date.earliest, e.date.latest) for e in personnel} == {
        ("2021-04..2021-06", date(2021, 4, 1), date(2021, 6, 30))
    }
    assert all(e.first_recorded for e, _ in found if e.kind.value == "ROSTER_VERSION")


def test_in_range_is_certain_or_possible(registry: Registry) -> None:
    may = {e.kind.value: w.value for e, w in registry.changes(date(2021, 5, 1), date(2021, 5, 31))}
    assert may["APPOINTED"] == "POSSIBLE" and "RENAMED" not in may
    assert all(w.value == "CERTAIN" for _, w in registry.changes(*Q2))
    assert registry.changes(date(2020, 1, 1), date(2020, 12, 31)) == []
    probation = kinds(registry, date(2022, 1, 1), date(2022, 12, 31))
    assert probation == Counter(
        {"PROBATION_ENDS": 9}
    )  # 7 rows of 试用期一年; 洪飞飞 twice, 方玲姬's row names two posts


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        pytest.param(
            {"organisation": "区城管执法局"},
            {"APPOINTED": 1, "REMOVED": 1, "PORTFOLIO_VERSION": 1},
            id="unit-with-sub-unit",
        ),
        pytest.param({"organisation": "上海市第三女子中学"}, {"APPOINTED": 1, "REMOVED": 1}, id="school"),
        pytest.param(
            {"committee": "长宁区教育督导委员会"}, {"RENAMED": 1, "ROSTER_VERSION": 1}, id="committee-by-old-name"
        ),
        pytest.param({"person": "wang-yefei"}, {"APPOINTED": 1, "CONFIRMED": 1, "REMOVED": 1}, id="person"),
    ],
)
def test_filters(registry: Registry, filters: dict[str, str], expected: dict[str, int]) -> None:
    assert kinds(registry, *Q2, **filters) == Counter(expected)


def test_roster_diff_first_recorded_and_rename(registry: Registry) -> None:
    diff = registry.roster_diff("长宁区人民政府教育督导委员会", date(2021, 4, 1), date(2021, 4, 14))
    assert diff is not None
    assert diff.first_recorded and diff.changes == ()
    assert diff.renamed == (("长宁区教育督导委员会", "长宁区人民政府教育督导委员会"),)
    assert diff.versions == ("cfb-2021-07",)


def test_vacancy_chains(registry: Registry) -> None:
    names = registry.catalog.people
    found = {
        tuple(names[p].name for p in chain.people): [link.kind.value for link in chain.links]
        for chain in registry.vacancy_chains(date(2021, 1, 1), date(2021, 7, 1))
    }
    assert found[("王晔菲", "蔡伟奇", "邵晓峰", "王峰", "马彬")] == ["INFERRED"] * 4
    assert found[("徐永初", "潘敬芳")] == ["CERTAIN"]
    assert found[("薛斌", "金恺")] == ["INFERRED"] and found[("汪玉萍", "方玲姬")] == ["INFERRED"]
    assert len(found) == 4
    assert registry.vacancy_chains(date(2020, 1, 1), date(2020, 12, 31)) == []


def test_explicit_link_and_seat_events_with_succession_data(succession: Registry) -> None:  # noqa: F811
    names = succession.catalog.people
    chains = {
        tuple(names[p].name for p in c.people): [link.kind.value for link in c.links]
        for c in succession.vacancy_chains(date(2021, 7, 1), date(2021, 12, 31))
    }
    assert chains[("周全民", "孙民政")] == ["EXPLICIT"]
    assert chains[("沈昕", "高新菊")] == ["CERTAIN"]
    events = succession.changes(date(2021, 7, 1), date(2021, 12, 31), committee="长宁区未成年人保护委员会")
    seat_events = Counter(e.kind.value for e, _ in events)
    assert seat_events == Counter({"SEAT_SUCCEEDED": 3, "SEAT_SUCCESSOR_UNKNOWN": 1})  # 副主任, office, 周全民; 叶立生
    (unknown,) = [e for e, _ in events if e.kind.value == "SEAT_SUCCESSOR_UNKNOWN"]
    assert unknown.people == ("ye-lisheng", "qian-tiyu") and unknown.date.text == "2021-09-01"


def test_roster_diff_across_succession_and_a_new_version(succession: Registry) -> None:  # noqa: F811
    diff = succession.roster_diff("长宁区未成年人保护委员会", date(2021, 7, 1), date(2021, 8, 15))
    assert diff is not None and not diff.first_recorded
    assert [(c.kind, c.cause, c.role, c.after.member if c.after else None) for c in diff.changes] == [
        ("MEMBER_CHANGED", "SUCCESSION", "副主任", "gao-xinju")
    ]
    later = succession.roster_diff("长宁区未成年人保护委员会", date(2021, 8, 15), date(2022, 2, 1))
    assert later is not None and later.versions == ("synthetic-cfb-2022-02",)
    by_kind = Counter(c.kind for c in later.changes)
    assert by_kind["JOINED"] == 1 and by_kind["LEFT"] == 33  # 钱体育 joins; most members leave
    assert all(c.cause == "NEW_VERSION" for c in later.changes)


def test_graphql_history(registry: Registry, succession: Registry) -> None:  # noqa: F811
    data = run_query(
        registry,
        """{ changes(from: "2021-03-31", to: "2021-07-01", organisation: "上海市第三女子中学") { kind label date { text } inRange people { name } sources { title } }
             rosterDiff(committee: "长宁区人民政府教育督导委员会", from: "2021-04-01", to: "2021-04-14") { firstRecorded renamed { former current } changes { kind } seatsAfter }
             vacancyChains(from: "2021-01-01", to: "2021-07-01") { people { name } links { kind } }
             timeline(person: "wang-yefei") { tenures { post { title organisation { name } } start { text } end { text } confirmed { text } } } }""",
    )["data"]
    assert [(c["kind"], c["label"], c["people"][0]["name"]) for c in data["changes"]] == [
        ("APPOINTED", "任命", "潘敬芳"),
        ("REMOVED", "免去", "徐永初"),
    ]
    assert data["rosterDiff"] == {
        "firstRecorded": True,
        "renamed": [{"former": "长宁区教育督导委员会", "current": "长宁区人民政府教育督导委员会"}],
        "changes": [],
        "seatsAfter": 26,
    }
    assert [p["name"] for p in data["vacancyChains"][0]["people"]] == ["王晔菲", "蔡伟奇", "邵晓峰", "王峰", "马彬"]
    (chengjiaqiao, greening) = data["timeline"]["tenures"]
    assert chengjiaqiao["post"]["organisation"]["name"] == "长宁区人民政府程家桥街道办事处"
    assert chengjiaqiao["confirmed"] == [{"text": "2021-04..2021-06"}] and chengjiaqiao["end"] == {
        "text": "2021-04..2021-06"
    }
    assert greening == {
        "post": {"title": "副局长", "organisation": {"name": "长宁区绿化和市容管理局"}},
        "start": {"text": "2021-04..2021-06"},
        "end": None,
        "confirmed": [],
    }

    diff = run_query(
        succession,
        """{ rosterDiff(committee: "长宁区未成年人保护委员会", from: "2021-07-01", to: "2021-08-15") { changes { kind cause role before { member { name } } after { member { name } resolution } } }
             timeline(person: "gao-xinju") { seats { committee { name } role since { text } bySuccession } } }""",
    )["data"]
    assert diff["rosterDiff"]["changes"] == [
        {
            "kind": "MEMBER_CHANGED",
            "cause": "SUCCESSION",
            "role": "副主任",
            "before": {"member": {"name": "沈昕"}},
            "after": {"member": {"name": "高新菊"}, "resolution": "SUCCEEDED"},
        }
    ]
    roles = {(s["role"], s["bySuccession"]) for s in diff["timeline"]["seats"]}
    assert {("副主任", True), ("办公室主任", True), ("副主任", False), ("办公室主任", False)} <= roles


def test_cli_diff_text_json_csv() -> None:
    text = govorg("diff", "2021-03-31", "2021-07-01").stdout
    assert text.startswith("2021-03-31~2021-07-01 的变动：45 条")
    assert "2021-04..2021-06（2021-04-01~2021-06-30 之间的某日）" in text
    assert "更名    长宁区教育督导委员会 → 长宁区人民政府教育督导委员会" in text
    assert text.count("组成人员调整（首次记录）") == 2 and "领导分工调整" in text
    rows = json.loads(govorg("diff", "2021-03-31", "2021-07-01", "--format", "json").stdout)
    assert Counter(r["kind"] for r in rows)["CONFIRMED"] == 12
    raw = govorg("diff", "2021-03-31", "2021-07-01", "--format", "csv").stdout
    assert raw.startswith("\ufeffdate,earliest,latest,inRange,kind")
    table = list(csv.DictReader(io.StringIO(raw.lstrip("\ufeff"))))
    assert len(table) == 45 and {r["label"] for r in table} >= {"任命", "免去", "试用期满", "更名"}
    possible = govorg("diff", "2021-05-01", "2021-05-31").stdout
    assert "［可能在范围内］" in possible
    assert govorg("diff", "2021-07-01", "2021-03-31").returncode == 2


def test_cli_chains_and_timeline(succession_data: Path) -> None:  # noqa: F811
    chains = govorg("chains", "2021-01-01", "2021-07-01").stdout
    assert "王晔菲 → 蔡伟奇 → 邵晓峰 → 王峰 → 马彬" in chains
    assert "潘敬芳 接任 徐永初 离任的 上海市第三女子中学校长  确定（一人职务），2021年4月至6月间" in chains
    english = govorg("--lang", "en", "chains", "2021-01-01", "2021-07-01").stdout
    assert "潘敬芳 fills 上海市第三女子中学校长 left by 徐永初  CERTAIN, between April and June 2021" in english
    timeline = govorg("timeline", "wang-yefei").stdout
    assert (
        "长宁区人民政府程家桥街道办事处副主任  起始日期未记录 – 2021年4月至6月间  （2021年4月至6月间试用期满）"
        in timeline
    )
    assert "长宁区绿化和市容管理局副局长  2021年4月至6月间 –" in timeline
    english = govorg("--lang", "en", "timeline", "wang-yefei").stdout
    assert "an unrecorded date – between April and June 2021  (confirmed after probation between April" in english
    by_name = json.loads(govorg("timeline", "王 峰", "--json").stdout)
    assert by_name["id"] == "wang-feng" and len(by_name["tenures"]) == 2
    shen = govorg("timeline", "shen-xin", "--data", str(succession_data)).stdout
    assert "长宁区未成年人保护委员会 副主任  2021-06-28 – 2022-01-10，2021-08-01自然替补" in shen
    assert govorg("timeline", "nobody").returncode == 1


def _seats_by_walking(registry: Registry, person_id: str) -> list[object]:
    """Registry.seats_held as it was: every roster version and every event walked."""
    from govorg.registry import SeatSpan

    spans: list[SeatSpan] = []
    for committee_id, versions in registry.validated.committees.by_committee.items():
        for n, version in enumerate(versions):
            until = versions[n + 1].in_force_from if n + 1 < len(versions) else None
            for seat, member in zip(version.record.seats, version.members, strict=True):
                if member == person_id:
                    spans.append(SeatSpan(committee_id, seat.role, version.in_force, until, version.source, False))
            if version.office_director == person_id:
                spans.append(SeatSpan(committee_id, "办公室主任", version.in_force, until, version.source, False))
    for event in registry.history.events:
        if event.committee is None or event.role is None:
            continue
        if event.people and event.people[0] == person_id:
            for span in spans:
                if (
                    span.committee_id == event.committee
                    and span.role == event.role
                    and span.since.earliest
                    and span.since.earliest <= event.earliest
                ):
                    span.left = event.date
        elif event.kind.value == "SEAT_SUCCEEDED" and person_id in event.people[1:]:
            spans.append(SeatSpan(event.committee, event.role, event.date, None, event.sources[-1], True))
    spans.sort(key=lambda s: (s.since.earliest or date.min, s.committee_id))
    return list(spans)


@pytest.mark.parametrize("data", ["sample", "bodies", "succession"])
def test_indexed_seats_and_sources_equal_walking_everything(data: str, request: pytest.FixtureRequest) -> None:
    """seats_held and the events of a document come from indexes; they give what walking every
    roster and event gave, for every person and document (the gazette, invented bodies, and
    seats passed on by succession)."""
    from conftest import DATA

    if data == "succession":
        registry: Registry = request.getfixturevalue("succession")
    else:
        registry = Registry.load(DATA if data == "sample" else Path(__file__).parent / "fixtures" / data)
    for person_id in registry.catalog.people:
        assert registry.seats_held(person_id) == _seats_by_walking(registry, person_id), person_id
    for doc_id in registry.catalog.documents:
        walked = [e for e in registry.history.events if doc_id in e.sources]
        assert registry.history.from_source(doc_id) == walked, doc_id
    assert registry.history.seat_events("nobody") == [] and registry.history.from_source("none") == []
