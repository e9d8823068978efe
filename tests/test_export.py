"""Exports (docs/exports.md): Popolo JSON valid against the vendored Popolo schemas, CSV tables,
GEXF and GraphML; windows kept in extension fields; the same data gives the same bytes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft3Validator
from referencing import Registry as SchemaRegistry
from referencing import Resource
from referencing.jsonschema import DRAFT3

from conftest import DATA, ROOT
from govorg.dates import parse_date
from govorg.export import TABLES, Scope, export_popolo, export_tables, network, popolo_date, popolo_json, select
from govorg.graph import network_bytes
from govorg.registry import Registry, UnknownGovernment

SCHEMAS = Path(__file__).resolve().parent / "popolo-schemas"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FOLDERS = {
    "sample": DATA,
    "governments": FIXTURES / "governments",
    "bodies": FIXTURES / "bodies",
    "renmian": FIXTURES / "renmian",
    "tiny": FIXTURES / "tiny",
}
SCOPES = {
    "everything": Scope(),
    "on": Scope.on(date(2021, 5, 15)),
    "on-2022": Scope.on(date(2022, 6, 1)),
    "on-2023": Scope.on(date(2023, 8, 15)),
    "range": Scope(date(2021, 4, 1), date(2023, 12, 31)),
}


def _validators() -> dict[str, Draft3Validator]:
    resources = []
    for path in sorted(SCHEMAS.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        # contact_detail.json names itself without "www."; the others refer to it with it
        for uri in {schema["id"], f"http://www.popoloproject.com/schemas/{path.name}#"}:
            resources.append((uri.rstrip("#"), Resource.from_contents(schema, default_specification=DRAFT3)))
            resources.append((uri, Resource.from_contents(schema, default_specification=DRAFT3)))
    registry: SchemaRegistry[Any] = SchemaRegistry().with_resources(resources)
    out = {}
    for kind, name in (("persons", "person"), ("organizations", "organization"), ("posts", "post")):
        out[kind] = Draft3Validator(json.loads((SCHEMAS / f"{name}.json").read_text("utf-8")), registry=registry)
    out["memberships"] = Draft3Validator(
        json.loads((SCHEMAS / "membership.json").read_text("utf-8")), registry=registry
    )
    return out


VALIDATORS = _validators()
_REGISTRIES: dict[str, Registry] = {}


def registry(name: str) -> Registry:
    if name not in _REGISTRIES:
        _REGISTRIES[name] = Registry.load(FOLDERS[name])
    return _REGISTRIES[name]


def errors(data: dict[str, Any]) -> list[str]:
    found = []
    for kind, validator in VALIDATORS.items():
        for entity in data[kind]:
            found.extend(f"{kind} {entity.get('id')}: {e.message}" for e in validator.iter_errors(entity))
    return found


def govorg(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["govorg", *args], capture_output=True, cwd=ROOT, timeout=120, check=False)


# -- Popolo -------------------------------------------------------------------------------------


@pytest.mark.parametrize("scope", SCOPES, ids=str)
@pytest.mark.parametrize("folder", FOLDERS, ids=str)
def test_popolo_export_is_valid_popolo(folder: str, scope: str) -> None:
    data = export_popolo(registry(folder), scope=SCOPES[scope])
    assert errors(data) == []
    ids = {kind: [e["id"] for e in data[kind]] for kind in ("persons", "organizations", "posts", "memberships")}
    for kind, found in ids.items():
        assert len(found) == len(set(found)), f"duplicate {kind} ids"
    known = {"persons": set(ids["persons"]), "organizations": set(ids["organizations"]), "posts": set(ids["posts"])}
    for m in data["memberships"]:
        assert m["person_id"] in known["persons"]
        assert m["organization_id"] in known["organizations"]
        assert m.get("post_id") is None or m["post_id"] in known["posts"]
        assert m["sources"], f"membership {m['id']} has no source"


def test_the_validator_rejects_what_popolo_does_not_allow() -> None:
    bad = {
        "persons": [{"id": "x", "other_names": [{"note": "no name"}]}],
        "organizations": [{"id": "o", "founding_date": "2021-Q2"}],
        "posts": [],
        "memberships": [{"id": "m", "start_date": "2021-04..2021-06"}],
    }
    assert len(errors(bad)) == 3


@pytest.mark.parametrize(
    ("printed", "side", "expected"),
    [
        pytest.param("2021-04-13", "start", "2021-04-13", id="day"),
        pytest.param("2021-04", "start", "2021-04", id="month-reduced-form"),
        pytest.param("2021", "end", "2021", id="year-reduced-form"),
        pytest.param("2021-Q2", "start", "2021-06-30", id="quarter-start-latest-possible"),
        pytest.param("2021-Q2", "end", "2021-04-01", id="quarter-end-earliest-possible"),
        pytest.param("2021-04..2021-06", "start", "2021-06-30", id="span-start"),
        pytest.param("2021-04..2021-06", "end", "2021-04-01", id="span-end"),
        pytest.param("二〇二一年四月~六月份", "start", "2021-06-30", id="printed-span"),
    ],
)
def test_a_window_maps_to_one_popolo_date(printed: str, side: str, expected: str) -> None:
    assert popolo_date(parse_date(printed), side=side) == expected


def membership(data: dict[str, Any], person: str, organisation: str, kind: str) -> dict[str, Any]:
    found = [
        m
        for m in data["memberships"]
        if m["person_id"] == person and m["organization_id"] == organisation and m["govorg:kind"] == kind
    ]
    assert len(found) == 1, found
    return found[0]


def test_a_quarter_dated_appointment_keeps_its_window() -> None:
    # 李强 省水利厅厅长 from 2023-Q3 (bodies fixture): Popolo's one date is the latest possible
    # start; the window stays in govorg:start_window; mid-window the holding is only POSSIBLE.
    on = export_popolo(registry("bodies"), scope=Scope.on(date(2023, 8, 15)))
    m = membership(on, "li-qiang", "dl-water", "post")
    assert m["start_date"] == "2023-09-30"
    assert m["govorg:start_window"] == {"earliest": "2023-07-01", "latest": "2023-09-30", "text": "2023-Q3"}
    assert m["govorg:certainty"] == "POSSIBLE"
    assert "end_date" not in m
    later = export_popolo(registry("bodies"), scope=Scope.on(date(2023, 10, 1)))
    assert membership(later, "li-qiang", "dl-water", "post")["govorg:certainty"] == "CERTAIN"
    before = export_popolo(registry("bodies"), scope=Scope.on(date(2023, 6, 1)))
    assert not [m for m in before["memberships"] if m["organization_id"] == "dl-water"]


def test_a_quarter_dated_removal_ends_at_the_earliest_possible_day() -> None:
    # 宋伟 leaves 白沙镇镇长 in 2022-Q2, but a listing of 2022-05-10 shows him in post: the
    # holding is continuous, so the earliest possible end (Popolo's end_date) is 2022-05-11.
    data = export_popolo(registry("renmian"))
    m = membership(data, "song-wei", "qs-baisha", "post")
    assert m["end_date"] == "2022-05-11"
    assert m["govorg:end_window"] == {"earliest": "2022-05-11", "latest": "2022-06-30", "text": "2022-Q2"}
    assert m["start_date"] == "2022-05-10"  # the appointment is unrecorded: the listing is the latest start
    assert m["govorg:start_window"]["earliest"] is None
    assert any("qs-baisha-2022-q2" in s["url"] for s in m["sources"])


def test_a_holding_with_no_certain_day_gives_the_widest_reading() -> None:
    # removed in 2021-04..2021-06, appointment unrecorded: no day is certain
    data = export_popolo(registry("sample"))
    m = next(m for m in data["memberships"] if m["id"].startswith("changning-renmian-2021-q2/appointment/8@"))
    assert "start_date" not in m and m["end_date"] == "2021-06-30"
    assert m["govorg:end_window"] == {"earliest": "2021-04-01", "latest": "2021-06-30", "text": "2021-04..2021-06"}


def test_governments_carry_level_division_code_and_parent() -> None:
    data = export_popolo(registry("governments"))
    orgs = {o["id"]: o for o in data["organizations"]}
    jia = orgs["jia"]
    assert jia["classification"] == "government"
    assert jia["identifiers"] == [{"identifier": "990100", "scheme": "GB/T 2260"}]
    assert jia["parent_id"] == "prov" and jia["govorg:level"] == "city"
    assert {"name": "甲市政府", "note": "short name (简称)"} in jia["other_names"]


def test_a_former_name_ends_on_its_rename() -> None:
    data = export_popolo(registry("tiny"))
    committee = next(o for o in data["organizations"] if o["id"] == "committee")
    former = [n for n in committee["other_names"] if n["name"] == "示例区督导委员会"]
    assert former == [{"name": "示例区督导委员会", "note": "former name (更名 2021-04-13)", "end_date": "2021-04-13"}]
    assert [s["url"] for s in committee["sources"]] == ["urn:govorg:document:sfb-2021-1"]
    before = export_popolo(registry("tiny"), scope=Scope.on(date(2021, 1, 1)))
    assert next(o for o in before["organizations"] if o["id"] == "committee")["name"] == "示例区督导委员会"


def test_portfolios_are_memberships_dated_by_their_notice() -> None:
    # 示例省's 分工 is dated 2022-05: the reduced form, with the month kept as the window.
    data = export_popolo(registry("governments"), scope=Scope.on(date(2022, 5, 15)))
    m = membership(data, "chen-yu", registry("governments").organisation("省交通运输厅").id, "leadership")  # type: ignore[union-attr]
    assert (m["role"], m["govorg:relation"], m["on_behalf_of_id"]) == ("分管", "in_charge", "prov")
    assert m["start_date"] == "2022-05"
    assert m["govorg:start_window"]["text"] == "2022-05"
    assert m["govorg:certainty"] == "POSSIBLE"
    assert [s["url"] for s in m["sources"]] == ["urn:govorg:document:prov-fg-2022"]


def test_committee_rosters_are_memberships_with_roles_and_succession() -> None:
    # 孙伟 left 省财政厅厅长 on 2023-08-01; his 副组长 seat passed to 周欣 (自然替补).
    data = export_popolo(registry("bodies"), scope=Scope.on(date(2023, 8, 15)))
    seats = [m for m in data["memberships"] if m["govorg:kind"] == "seat" and m["role"] == "副组长"]
    passed = [m for m in seats if m["person_id"] == "zhou-xin"]
    assert len(passed) == 1 and passed[0]["govorg:listed_person_id"] == "sun-wei"
    assert passed[0]["govorg:resolution"] == "SUCCEEDED"
    assert not [m for m in seats if m["person_id"] == "sun-wei"]
    printed = export_popolo(registry("bodies"), scope=Scope(date(2023, 5, 10), date(2023, 5, 10)))
    assert [m["role"] for m in printed["memberships"] if m["person_id"] == "sun-wei" and m["govorg:kind"] == "seat"]


def test_one_government_only() -> None:
    data = export_popolo(registry("governments"), government="乙市人民政府")
    govs = {o.get("govorg:government_id") for o in data["organizations"]}
    assert govs == {"yi"}
    assert {m.get("on_behalf_of_id") for m in data["memberships"]} <= {"yi"}
    with pytest.raises(UnknownGovernment):
        export_popolo(registry("governments"), government="丙市人民政府")


# -- CSV ----------------------------------------------------------------------------------------


def test_csv_tables_have_chinese_or_english_headers_and_a_bom(tmp_path: Path) -> None:
    for headers in ("zh", "en"):
        result = govorg("export", "--sample", "--format", "csv", "--out", str(tmp_path / headers), "--headers", headers)
        assert result.returncode == 0, result.stderr.decode()
    for name, columns in TABLES.items():
        zh = (tmp_path / "zh" / f"{name}.csv").read_bytes()
        en = (tmp_path / "en" / f"{name}.csv").read_bytes()
        assert zh.startswith(b"\xef\xbb\xbf") and en.startswith(b"\xef\xbb\xbf")
        zh_rows = list(csv.reader(io.StringIO(zh.decode("utf-8-sig"))))
        en_rows = list(csv.reader(io.StringIO(en.decode("utf-8-sig"))))
        assert zh_rows[0] == [c[1] for c in columns] and en_rows[0] == [c[2] for c in columns]
        assert zh_rows[1:] == en_rows[1:]
    tenures = list(csv.DictReader(io.StringIO((tmp_path / "en" / "tenures.csv").read_text("utf-8-sig"))))
    pan = next(t for t in tenures if t["person_name"] == "潘敬芳")
    assert (pan["start"], pan["start_earliest"], pan["start_latest"]) == (
        "2021-04..2021-06",
        "2021-04-01",
        "2021-06-30",
    )
    assert len(tenures) == len(registry("sample").compiled.tenures)


def test_csv_rows_follow_the_scope() -> None:
    tables = export_tables(registry("bodies"), scope=Scope.on(date(2023, 8, 15)))
    water = [t for t in tables["tenures"] if t["organisation_id"] == "dl-water"]
    assert [(t["person_id"], t["certainty"]) for t in water] == [("li-qiang", "POSSIBLE")]
    assert {m["resolution"] for m in tables["memberships"]} >= {"LISTED", "SUCCEEDED"}


# -- the network --------------------------------------------------------------------------------


def test_the_network_has_people_bodies_and_three_kinds_of_edge() -> None:
    nodes, edges = network(select(registry("bodies"), scope=Scope.on(date(2023, 8, 15))))
    types = {attrs["type"] for _, attrs in nodes}
    assert types == {"person", "organisation", "body"}
    kinds = {attrs["kind"] for _, _, _, attrs in edges}
    assert {"holds", "sits_on", "part_of"} <= kinds
    water = [e for e in edges if e[1] == "organisation:dl-water" and e[3]["kind"] == "holds"]
    assert [(e[0], e[3]["certainty"], e[3]["source"]) for e in water] == [
        ("person:li-qiang", "POSSIBLE", "dl-renmian-2023")
    ]
    nodes, edges = network(select(registry("governments"), scope=Scope.on(date(2022, 7, 1))))
    assert any(attrs["kind"] == "in_charge" and attrs["title"] == "分管" for *_, attrs in edges)


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_gexf_and_graphml_parse_and_carry_no_date(fmt: str) -> None:
    nodes, edges = network(select(registry("sample"), scope=Scope.on(date(2021, 7, 1))))
    data = network_bytes(nodes, edges, fmt=fmt)
    root = ET.fromstring(data)
    found_nodes = [e for e in root.iter() if e.tag.endswith("}node")]
    found_edges = [e for e in root.iter() if e.tag.endswith("}edge")]
    assert (len(found_nodes), len(found_edges)) == (len(nodes), len(edges))
    assert b"lastmodifieddate" not in data and date.today().isoformat().encode() not in data
    assert "潘敬芳".encode() in data


# -- determinism and the command ----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["popolo", "gexf", "graphml"])
def test_the_same_data_gives_the_same_bytes(fmt: str) -> None:
    args = ("export", "--sample", "--format", fmt, "--from", "2021-04-01", "--to", "2021-06-30")
    first, second = govorg(*args), govorg(*args)
    assert first.returncode == 0, first.stderr.decode()
    assert first.stdout == second.stdout and first.stdout
    fresh = Registry.load(DATA)  # a second load in this process: same bytes too
    if fmt == "popolo":
        again = popolo_json(export_popolo(fresh, scope=Scope(date(2021, 4, 1), date(2021, 6, 30))))
        assert again.encode("utf-8") == first.stdout


def test_csv_is_deterministic(tmp_path: Path) -> None:
    for n in (1, 2):
        assert govorg("export", "--sample", "--format", "csv", "--out", str(tmp_path / str(n))).returncode == 0
    for name in TABLES:
        assert (tmp_path / "1" / f"{name}.csv").read_bytes() == (tmp_path / "2" / f"{name}.csv").read_bytes()


def test_the_command_writes_valid_popolo_to_stdout_and_to_a_file(tmp_path: Path) -> None:
    result = govorg("export", "--data", str(FIXTURES / "bodies"), "--on", "2023-08-15")
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert errors(data) == [] and data["govorg:export"] == {
        "format": "popolo",
        "scope": "on",
        "on": "2023-08-15",
        "data_version": registry("bodies").loaded.content_hash,
    }
    out = tmp_path / "x.json"
    assert govorg("export", "--data", str(FIXTURES / "bodies"), "--on", "2023-08-15", "--out", str(out)).returncode == 0
    assert out.read_bytes() == result.stdout


def test_the_command_has_help_with_an_example() -> None:
    result = govorg("export", "--help", "--lang", "en")
    assert result.returncode == 0 and b"example:\n  govorg export" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(("--format", "csv"), "--out FOLDER", id="csv-needs-out"),
        pytest.param(("--on", "2021-05-01", "--from", "2021-01-01"), "not both", id="on-and-range"),
        pytest.param(("--from", "2021-06-01", "--to", "2021-01-01"), "is after", id="reversed-range"),
        pytest.param(("--government", "无此政府"), "no government answers", id="unknown-government"),
    ],
)
def test_bad_options_are_errors_without_tracebacks(args: tuple[str, ...], message: str) -> None:
    result = govorg("export", "--sample", "--lang", "en", *args)  # the English messages
    assert result.returncode in (1, 2)
    assert message in result.stderr.decode() and b"Traceback" not in result.stderr


def test_an_export_from_a_database_is_the_export_from_yaml(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'g.db'}"
    assert govorg("build", "--data", str(FIXTURES / "bodies"), "--db", url).returncode == 0
    for fmt in ("popolo", "graphml"):
        from_db = govorg("export", "--db", url, "--format", fmt, "--on", "2023-08-15")
        from_yaml = govorg("export", "--data", str(FIXTURES / "bodies"), "--format", fmt, "--on", "2023-08-15")
        assert from_db.returncode == 0, from_db.stderr.decode()
        assert from_db.stdout == from_yaml.stdout
