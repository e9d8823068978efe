"""The sample data encodes the gazette faithfully: rows counted against the source text, and a
sample of rows checked field by field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import DATA, SEED
from govorg.loader import load
from govorg.records import Appointment, Removal
from govorg.registry import Registry

needs_seed = pytest.mark.skipif(not SEED.exists(), reason="the shared seed text is not beside this checkout")


def _table_rows() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    text = SEED.read_text(encoding="utf-8")
    start = text.index("姓名\t任命职务")
    section = text[start : text.index("【", start)]
    appointed, removed = section.split("免 去 职 务")

    def rows(block: str) -> list[tuple[str, str]]:
        return [tuple(line.split("\t")) for line in block.splitlines() if "\t" in line and "任命职务" not in line]  # type: ignore[misc]

    return rows(appointed), rows(removed)


@pytest.fixture(scope="module")
def table() -> tuple[list[Appointment], list[Removal]]:
    records = load(DATA / "appointments" / "changning-renmian-2021-q2.yaml").records
    return records.appointments, records.removals


@needs_seed
def test_row_counts_match_the_source_text(table: tuple[list[Appointment], list[Removal]]) -> None:
    appointed, removed = _table_rows()
    assert (len(appointed), len(removed)) == (31, 9)
    appointments, removals = table
    assert len(appointments) == len(appointed)
    assert len(removals) == len(removed)
    assert sum(a.confirmation for a in appointments) == sum("试用期满" in text for _, text in appointed) == 12


@needs_seed
def test_every_row_keeps_its_printed_line_in_order(
    table: tuple[list[Appointment], list[Removal]], registry: Registry
) -> None:
    appointed, removed = _table_rows()
    appointments, removals = table
    for (name, printed), record in [*zip(appointed, appointments, strict=True), *zip(removed, removals, strict=True)]:
        assert record.printed == printed
        person = registry.person(record.person.text)
        assert person is not None
        assert re.sub(r"\s", "", name) == person.name


@pytest.mark.parametrize(
    ("row", "person", "posts", "confirmation", "probation", "rank"),
    [
        pytest.param(1, "shen-lei", [("cn-finance", "副局长")], True, None, None, id="沈磊-试用期满"),
        pytest.param(
            9,
            "li-dong",
            [("sh-tongren-hospital", "副院长")],
            False,
            12,
            ("管理岗位六级职员", "副处级"),
            id="李东-rank-相当",
        ),
        pytest.param(
            16,
            "pan-jingfang",
            [("sh-third-girls-school", "校长")],
            False,
            None,
            ("管理岗位五级职员", "正处级"),
            id="潘敬芳-rank-相当于",
        ),
        pytest.param(
            18,
            "fang-lingji",
            [("cn-city-enforcement", "副局长"), ("cn-city-enforcement-brigade", "副大队长")],
            False,
            12,
            None,
            id="方玲姬-two-posts",
        ),
        pytest.param(
            25, "zhan-dihuo", [("cn-city-operations", "副主任")], False, None, None, id="詹迪火-brand-in-brackets"
        ),
        pytest.param(
            24, "hong-feifei", [("sh-airport-zone-company", "副总经理")], False, 12, None, id="洪飞飞-second-row"
        ),
    ],
)
def test_appointment_rows_field_by_field(
    registry: Registry,
    table: tuple[list[Appointment], list[Removal]],
    row: int,
    person: str,
    posts: list[tuple[str, str]],
    confirmation: bool,
    probation: int | None,
    rank: tuple[str, str] | None,
) -> None:
    record = table[0][row - 1]
    assert record.person.text == person
    resolved = [
        (registry.catalog.resolve_organisation(p.organisation.text, record.date), p.title) for p in record.posts
    ]
    assert resolved == posts
    assert record.confirmation is confirmation
    assert record.probation_months == probation
    assert (record.rank.grade, record.rank.equivalent) == rank if rank else record.rank is None
    assert (record.date.earliest.isoformat(), record.date.latest.isoformat()) == ("2021-04-01", "2021-06-30")  # type: ignore[union-attr]
    assert record.source == "changning-renmian-2021-q2"


@pytest.mark.parametrize(
    ("row", "person", "posts"),
    [
        pytest.param(1, "xu-yongchu", [("sh-third-girls-school", "校长")], id="徐永初"),
        pytest.param(5, "wang-feng", [("cn-housing", "副局长")], id="王峰-printed-with-space"),
        pytest.param(
            8,
            "wang-yuping",
            [("cn-city-enforcement", "副局长"), ("cn-city-enforcement-brigade", "副大队长")],
            id="汪玉萍-two-posts",
        ),
    ],
)
def test_removal_rows_field_by_field(
    registry: Registry,
    table: tuple[list[Appointment], list[Removal]],
    row: int,
    person: str,
    posts: list[tuple[str, str]],
) -> None:
    record = table[1][row - 1]
    assert record.person.text == person
    assert [(registry.catalog.resolve_organisation(p.organisation.text), p.title) for p in record.posts] == posts


def test_every_fact_cites_a_document(registry: Registry) -> None:
    for tenure in registry.compiled.tenures.values():
        assert tenure.sources, tenure.id
        for source in tenure.sources:
            doc = registry.catalog.documents[source]
            assert doc.published_in is not None and doc.page is not None


@pytest.mark.parametrize(
    "name",
    [
        "区建设管理委",
        "区交通委",
        "区水务局",
        "区商务委",
        "区经委",
        "区粮食和物资储备局",
        "区民防办",
        "区人防办",
        "区房管局",
        "长宁区住房保障和房屋管理局",
        "区城管执法局",
        "长宁区城市管理行政执法局",
        "区民政局",
        "区社会组织管理局",
        "区公安分局",
        "区人口办",
        "区委宣传部",
        "区委政法委",
        "区委编办",
        "区委网信办",
        "团区委",
        "区总工会",
        "区妇联",
        "区科协",
        "区残联",
        "区工商联",
        "区关工委",
        "区红十字会",
        "区法院",
        "区检察院",
        "区公安分局治安支队",
        "区文化旅游局执法大队",
        "新泾镇",
        "华阳路街道办事处",
        "江苏路街道办事处",
        "新华路街道办事处",
        "周家桥街道办事处",
        "天山路街道办事处",
        "仙霞新村街道办事处",
        "虹桥街道办事处",
        "程家桥街道办事处",
        "北新泾街道办事处",
        "上海市第三女子中学",
        "上海市同仁医院",
        "上海新长宁（集团）有限公司",
        "上海新长宁(集团)有限公司",
        "长宁区教育督导委员会",
        "长宁区人民政府教育督导委员会",
        "长宁区未成年人保护委员会",
        "长宁区困境儿童保障工作联席会议",
    ],
)
def test_names_the_gazette_prints_resolve_to_one_organisation(registry: Registry, name: str) -> None:
    assert len(registry.catalog.organisations_named(name)) == 1


def test_data_folder_layout() -> None:
    for folder in ("appointments", "committees"):
        assert any((DATA / folder).glob("*.yaml")), folder
    assert not list(Path(DATA).glob("*.yaml")), "data files live in their folders"
