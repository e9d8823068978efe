"""任免 beyond one table: the forms clerks print (代理, 批准任命, 辞去, 不再担任, 调任, 终止试用期),
clauses naming several people, title rules as data, re-appointments, and attestations inside a
removal's window. On tests/fixtures/renmian: an invented province, city, county and township."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from conftest import SOURCES
from govorg.api.app import run_query
from govorg.loader import load
from govorg.records import AppointmentForm, RemovalReason
from govorg.registry import Registry
from govorg.tenures import Certainty
from govorg.titles import MANY, ONE, Rule, TitleRules, single_holder
from govorg.validate import validate
from test_cli import govorg

RENMIAN = Path(__file__).resolve().parent / "fixtures" / "renmian"
C, P = Certainty.CERTAIN, Certainty.POSSIBLE


@pytest.fixture(scope="module", params=SOURCES)
def renmian(request: pytest.FixtureRequest, new_database: Callable[[str], str]) -> Iterator[Registry]:
    """The invented governments, from YAML and from SQLite and PostgreSQL after a build."""
    source: str = request.param
    if source == "yaml":
        yield Registry.load(RENMIAN)
        return
    from govorg.sql import build, load_registry

    url = new_database(source)
    build(validate(load(RENMIAN)), url)
    yield load_registry(url)


def test_the_fixture_validates_without_problems() -> None:
    assert [p.format() for p in validate(load(RENMIAN)).problems] == []


HOLDERS = [
    ("acting", "东川省交通运输厅", "厅长", date(2022, 2, 1), {("zhou-ming", C)}),
    ("acting-made-full", "东川省交通运输厅", "厅长", date(2022, 4, 1), {("zhou-ming", C)}),
    ("before-acting", "东川省交通运输厅", "厅长", date(2022, 1, 19), set()),
    ("approved", "青石县人民检察院", "检察长", date(2022, 3, 1), {("wu-qing", C)}),
    ("two-executive-deputies", "青石县政府", "常务副县长", date(2022, 5, 1), {("zheng-hai", C), ("chen-yu", C)}),
    ("after-transfer", "青石县政府", "常务副县长", date(2022, 10, 1), {("zheng-hai", C)}),
    ("after-resignation", "青石县政府", "常务副县长", date(2022, 11, 3), set()),
    ("standing-committee", "青州市委", "常委", date(2022, 3, 1), {("he-jing", C), ("xu-lan", C)}),
    ("inspectors", "青石县水利局", "二级巡视员", date(2022, 5, 1), {("tang-li", C), ("ma-jun", C)}),
    ("two-posts-one-line", "青石县财政局", "局长", date(2022, 10, 1), {("lin-tao", C)}),
    ("probation-terminated", "青石县水利局", "局长", date(2022, 9, 15), set()),
    ("before-termination", "青石县水利局", "局长", date(2022, 9, 14), {("lin-tao", C)}),
    ("attested-inside-removal-window", "白沙镇政府", "镇长", date(2022, 5, 10), {("song-wei", C)}),
    ("before-the-listing", "白沙镇政府", "镇长", date(2022, 5, 1), {("song-wei", P)}),
    ("after-the-listing", "白沙镇政府", "镇长", date(2022, 6, 1), {("song-wei", P)}),
    ("after-no-longer", "白沙镇政府", "镇长", date(2022, 7, 1), set()),
]


@pytest.mark.parametrize(("org", "title", "on", "want"), [c[1:] for c in HOLDERS], ids=[c[0] for c in HOLDERS])
def test_who_holds_the_post(
    renmian: Registry, org: str, title: str, on: date, want: set[tuple[str, Certainty]]
) -> None:
    assert {(h.tenure.person_id, h.certainty) for h in renmian.holders(org, title, on=on)} == want


def test_acting_then_appointed_is_one_tenure_without_a_gap(renmian: Registry) -> None:
    (tenure,) = renmian.timeline("zhou-ming")
    assert tenure.acting and tenure.appointment is not None
    assert tenure.appointment.form is AppointmentForm.ACTING
    ended = tenure.acting_ended
    assert ended is not None and ended.date.text == "2022-03-25"
    assert [tenure.is_acting(d) for d in (date(2022, 1, 20), date(2022, 3, 24), date(2022, 3, 25))] == [C, C, None]
    assert tenure.sources == ["dc-congress-2022-1", "dc-congress-2022-3"]
    assert tenure.notes == ("acting (代理) until 2022-03-25 (dc-congress-2022-3)",)


def test_a_reappointment_extends_the_tenure_with_a_note(renmian: Registry) -> None:
    (tenure,) = renmian.timeline("gao-feng")
    assert tenure.start.text == "2022-04-08" and tenure.end is None
    assert [a.date.text for a in tenure.extensions] == ["2022-09-15"]
    assert tenure.notes == ("re-appointed 2022-09-15 (qs-gov-2022-9); the tenure continues",)
    assert not tenure.acting and tenure.is_acting(date(2022, 5, 1)) is None


def test_a_clause_naming_several_people_gives_each_a_stable_record() -> None:
    records = load(RENMIAN).records
    ids = [a.id for a in records.appointments if a.source == "qs-gov-2022-4"]
    assert ids[:2] == ["qs-gov-2022-4/appointment/1/zheng-hai", "qs-gov-2022-4/appointment/1/chen-yu"]
    assert len(set(ids)) == len(ids) == 6
    assert ids == [a.id for a in load(RENMIAN).records.appointments if a.source == "qs-gov-2022-4"]


REMOVALS = [
    ("transfer", "chen-yu", RemovalReason.TRANSFERRED),
    ("resignation", "zheng-hai", RemovalReason.RESIGNED),
    ("no-longer", "song-wei", RemovalReason.NO_LONGER),
    ("probation-terminated", "lin-tao", RemovalReason.PROBATION_TERMINATED),
]


@pytest.mark.parametrize(("person", "reason"), [c[1:] for c in REMOVALS], ids=[c[0] for c in REMOVALS])
def test_removal_reasons_are_enums(renmian: Registry, person: str, reason: RemovalReason) -> None:
    ended = [t for t in renmian.timeline(person) if t.removal is not None]
    assert [t.removal.reason for t in ended if t.removal] == [reason]


def test_approval_and_resignation_name_the_bodies(renmian: Registry) -> None:
    (wu,) = renmian.timeline("wu-qing")
    assert wu.appointment is not None and wu.appointment.form is AppointmentForm.APPROVED
    assert wu.appointment.appointed_by and wu.appointment.appointed_by.text == "青石县人大常委会"
    assert wu.appointment.approved_by and wu.appointment.approved_by.text == "青州市人大常委会"
    (zheng,) = renmian.timeline("zheng-hai")
    assert zheng.removal and zheng.removal.accepted_by and zheng.removal.accepted_by.text == "青石县人大常委会"
    (chen,) = renmian.timeline("chen-yu")
    assert chen.removal and chen.removal.transfer_to and chen.removal.transfer_to.title == "主任"


def test_changes_label_each_form(renmian: Registry) -> None:
    from govorg.history import label

    labels = {(e.record_id, label(e)) for e, _ in renmian.changes(date(2022, 1, 1), date(2022, 12, 31))}
    assert {
        ("dc-congress-2022-1/appointment/1", "代理"),
        ("dc-congress-2022-3/appointment/1", "任命"),
        ("qz-congress-2022-2/appointment/1", "批准任命"),
        ("qs-congress-2022-11/removal/1", "辞去"),
        ("qs-gov-2022-9/removal/2", "调任"),
        ("qs-gov-2022-9/removal/1", "终止试用期"),
        ("qs-baisha-2022-q2/removal/1", "不再担任"),
    } <= labels


def test_changes_of_a_unit_include_the_appointment_folded_into_a_tenure(renmian: Registry) -> None:
    found = renmian.changes(date(2022, 9, 1), date(2022, 9, 30), organisation="青石县财政局")
    assert [(e.record_id, e.kind.value) for e, _ in found] == [("qs-gov-2022-9/appointment/1", "APPOINTED")]


def test_a_terminated_probation_has_no_later_probation_end(renmian: Registry) -> None:
    ends = [e.record_id for e in renmian.history.events if e.kind.value == "PROBATION_ENDS"]
    assert [e for e in ends if "lin-tao" in e or "qs-gov-2022-4/appointment/2" in e] == [
        "qs-gov-2022-4/appointment/2@qs-finance/局长/probation"
    ]


def test_without_the_title_rule_two_executive_deputies_are_go301(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(RENMIAN, data)
    (data / "titles.yaml").unlink()
    codes = [(p.code, Path(p.location.path).name) for p in validate(load(data)).problems]
    assert codes == [("GO301", "county-2022-renmian.yaml")]


def test_a_title_rule_per_kind(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(RENMIAN, data)
    (data / "titles.yaml").write_text("format: 1\ntitles:\n  - kind: government\n    many: [常务副县长]\n")
    assert validate(load(data)).problems == []


RULES = [
    ("package-default-one", "局长", None, None, ONE),
    ("deputy-many", "副局长", None, None, MANY),
    ("executive-deputy-one", "常务副县长", "gov-b", "government", ONE),
    ("organisation-rule", "常务副县长", "gov-a", "government", MANY),
    ("kind-rule", "常务副市长", "gov-b", "government", MANY),
    ("organisation-beats-kind", "常务副市长", "gov-a", "government", ONE),
    ("standing-committee", "区委常委", None, "party", MANY),
    ("inspector-suffix", "一级巡视员", None, None, MANY),
    ("researcher-suffix", "四级调研员", None, None, MANY),
    ("committee-chair-beats-member", "主任委员", None, "committee", ONE),
    ("member", "委员", None, "committee", MANY),
    ("deputy-secretary-general", "副秘书长", None, None, MANY),
    ("court-judges", "审判员", None, "court", MANY),
]


@pytest.mark.parametrize(("title", "org", "kind", "want"), [c[1:] for c in RULES], ids=[c[0] for c in RULES])
def test_title_rules_from_the_most_specific(title: str, org: str | None, kind: str | None, want: object) -> None:
    rules = TitleRules(
        [
            Rule("常务副县长", MANY, "gov-a", None),
            Rule("常务副市长", MANY, None, "government"),
            Rule("常务副市长", ONE, "gov-a", None),
        ]
    )
    assert rules.holders(title, organisation_id=org, kind=kind) is want


def test_package_defaults_cover_standing_committees_and_inspectors() -> None:
    assert not single_holder("常委") and not single_holder("二级巡视员") and single_holder("常务副部长")


def test_graphql_answers(renmian: Registry) -> None:
    data = run_query(
        renmian,
        """{
          zhou: person(id: "zhou-ming") { tenures { acting actingEnded { text } appointmentForm notes
                                                      actingOn(on: "2022-02-01") reappointed { text } } }
          wu: person(id: "wu-qing") { tenures { appointmentForm appointedBy { id } approvedBy { id } } }
          zheng: person(id: "zheng-hai") { tenures { endReason resignationAcceptedBy { id } } }
          chen: person(id: "chen-yu") { tenures { endReason transferredTo { organisation title } } }
          post: organisation(name: "东川省交通运输厅") { id }
        }""",
    )
    assert "errors" not in data, data
    d = data["data"]
    assert d["zhou"]["tenures"] == [
        {
            "acting": True,
            "actingEnded": {"text": "2022-03-25"},
            "appointmentForm": "ACTING",
            "notes": ["acting (代理) until 2022-03-25 (dc-congress-2022-3)"],
            "actingOn": "CERTAIN",
            "reappointed": [{"text": "2022-03-25"}],
        }
    ]
    assert d["wu"]["tenures"] == [
        {"appointmentForm": "APPROVED", "appointedBy": {"id": "qs-congress"}, "approvedBy": {"id": "qz-congress"}}
    ]
    assert d["zheng"]["tenures"] == [{"endReason": "RESIGNED", "resignationAcceptedBy": {"id": "qs-congress"}}]
    assert d["chen"]["tenures"] == [
        {"endReason": "TRANSFERRED", "transferredTo": {"organisation": "青州市发展改革委", "title": "主任"}}
    ]


def test_graphql_changes_carry_the_form(renmian: Registry) -> None:
    data = run_query(
        renmian,
        """{ changes(from: "2022-11-01", to: "2022-11-30") { kind label removalReason appointmentForm } }""",
    )
    assert data.get("data") and data["data"]["changes"] == [
        {"kind": "REMOVED", "label": "辞去", "removalReason": "RESIGNED", "appointmentForm": None}
    ], data


def test_cli_who_and_timeline() -> None:
    who = govorg("who", "东川省交通运输厅", "厅长", "--on", "2022-02-01", "--data", str(RENMIAN))
    assert who.returncode == 0, who.stderr
    assert "周明  确定  任职 2022-01-20 起，代理（确定）" in who.stdout
    rows = json.loads(
        govorg("who", "青石县政府", "常务副县长", "--on", "2022-05-01", "--json", "--data", str(RENMIAN)).stdout
    )
    assert sorted(r["person"]["id"] for r in rows) == ["chen-yu", "zheng-hai"]
    timeline = govorg("timeline", "zheng-hai", "--data", str(RENMIAN))
    assert "（2022-11-03辞去）" in timeline.stdout, timeline.stdout
    acting = govorg("timeline", "zhou-ming", "--data", str(RENMIAN))
    assert "（代理至2022-03-25）" in acting.stdout, acting.stdout
    english = govorg("--lang", "en", "timeline", "zhou-ming", "--data", str(RENMIAN)).stdout
    assert "(acting (代理) until 2022-03-25)" in english
    again = json.loads(govorg("timeline", "gao-feng", "--json", "--data", str(RENMIAN)).stdout)
    assert again["tenures"][0]["reappointed"] == ["2022-09-15"]


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_sql_holds_forms_and_acting(kind: str, new_database: Callable[[str], str]) -> None:
    from govorg.sql import build

    url = new_database(kind)
    build(validate(load(RENMIAN)), url)
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            acting = conn.execute(text("SELECT acting, acting_until FROM tenures WHERE person_id = 'zhou-ming'")).one()
            reasons = dict(conn.execute(text("SELECT person_text, reason FROM removals ORDER BY person_text")).all())
            rules = conn.execute(text("SELECT organisation_text, title, holders FROM titles")).all()
            approved = conn.execute(
                text("SELECT form, appointed_by_text FROM appointments WHERE id = 'qz-congress-2022-2/appointment/1'")
            ).one()
    finally:
        engine.dispose()
    assert bool(acting[0]) and acting[1] == "2022-03-25"
    assert reasons == {
        "chen-yu": "transferred",
        "lin-tao": "probation_terminated",
        "song-wei": "no_longer",
        "zheng-hai": "resigned",
    }
    assert [tuple(r) for r in rules] == [("青石县人民政府", "常务副县长", "many")]
    assert tuple(approved) == ("approved", "青石县人大常委会")
