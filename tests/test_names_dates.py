"""Dates and names as notices print them.

Dates: 二〇二一年四月十三日, 二○一一年十二月十五日 (○ or 〇), 2021年4月, 二〇二一年四月~六月份,
2021年第二季度, full-width digits in the Chinese forms; the ISO forms stay ASCII.
Names: padded (龚 正, 龚\u3000正), Traditional script (龔正), variant characters (艶/艳) and
middle-dot names (艾力更·依明巴海) all match the one person; organisation names in Traditional
script resolve. The fixture is composed here: invented governments, not the sample gazette.
"""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

import opencc
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govorg.api.app import run_query
from govorg.dates import DateError, DateWindow, Precision, chinese_date, chinese_number, exact, parse_date
from govorg.names import CHANGED_IN_GB2312, KEPT, name_key, to_simplified
from govorg.registry import Registry

# -- dates -------------------------------------------------------------------------------------

D = date
ACCEPTED = [
    ("2021年4月13日", D(2021, 4, 13), D(2021, 4, 13), Precision.DAY),
    ("二〇二一年四月十三日", D(2021, 4, 13), D(2021, 4, 13), Precision.DAY),
    ("二○一一年十二月十五日", D(2011, 12, 15), D(2011, 12, 15), Precision.DAY),  # ○ U+25CB
    ("二零二一年二月二十八日", D(2021, 2, 28), D(2021, 2, 28), Precision.DAY),
    ("二ＯＯ二年一月三十一日", D(2002, 1, 31), D(2002, 1, 31), Precision.DAY),  # full-width letter O
    ("二ОО二年一月一日", D(2002, 1, 1), D(2002, 1, 1), Precision.DAY),  # Cyrillic О
    ("2021年04月03日", D(2021, 4, 3), D(2021, 4, 3), Precision.DAY),
    ("２０２１年４月１３日", D(2021, 4, 13), D(2021, 4, 13), Precision.DAY),
    ("2021 年 4 月 13 日", D(2021, 4, 13), D(2021, 4, 13), Precision.DAY),
    ("2021年4月", D(2021, 4, 1), D(2021, 4, 30), Precision.MONTH),
    ("二〇二一年四月", D(2021, 4, 1), D(2021, 4, 30), Precision.MONTH),
    ("２０２１年４月", D(2021, 4, 1), D(2021, 4, 30), Precision.MONTH),
    ("2021年4月份", D(2021, 4, 1), D(2021, 4, 30), Precision.MONTH),
    ("2021年", D(2021, 1, 1), D(2021, 12, 31), Precision.YEAR),
    ("二〇二一年", D(2021, 1, 1), D(2021, 12, 31), Precision.YEAR),
    ("2021年第二季度", D(2021, 4, 1), D(2021, 6, 30), Precision.QUARTER),
    ("二〇二一年四季度", D(2021, 10, 1), D(2021, 12, 31), Precision.QUARTER),
    ("二〇二一年四月~六月份", D(2021, 4, 1), D(2021, 6, 30), Precision.SPAN),
    ("二〇二一年四月～六月份", D(2021, 4, 1), D(2021, 6, 30), Precision.SPAN),
    ("2021年4月—6月", D(2021, 4, 1), D(2021, 6, 30), Precision.SPAN),
    ("2021年4月——6月", D(2021, 4, 1), D(2021, 6, 30), Precision.SPAN),
    ("2021年4月至6月", D(2021, 4, 1), D(2021, 6, 30), Precision.SPAN),
    ("2021年4至6月", D(2021, 4, 1), D(2021, 6, 30), Precision.SPAN),
    ("2021年4月13日至15日", D(2021, 4, 13), D(2021, 4, 15), Precision.SPAN),
    ("2021年11月至2022年2月", D(2021, 11, 1), D(2022, 2, 28), Precision.SPAN),
    ("2021年第一季度至第三季度", D(2021, 1, 1), D(2021, 9, 30), Precision.SPAN),
    ("2021年4月..2021年6月", D(2021, 4, 1), D(2021, 6, 30), Precision.SPAN),
    ("2021-04-13", D(2021, 4, 13), D(2021, 4, 13), Precision.DAY),
    ("2021-04..2021-06", D(2021, 4, 1), D(2021, 6, 30), Precision.SPAN),
]


@pytest.mark.parametrize(("text", "earliest", "latest", "precision"), ACCEPTED, ids=[a[0] for a in ACCEPTED])
def test_printed_date_forms_parse_to_their_window(
    text: str, earliest: date, latest: date, precision: Precision
) -> None:
    window = parse_date(text)
    assert (window.earliest, window.latest, window.precision) == (earliest, latest, precision)
    assert window.text == text.strip()  # the printed text is kept as printed


REJECTED = [
    ("二〇二一年二月三十日", "GO110", "not on the calendar"),
    ("2021年2月29日", "GO110", "has 28 days"),
    ("2021年13月", "GO110", "month 13"),
    ("2021年〇月", "GO110", "not a number"),
    ("2021年第五季度", "GO110", "quarter 5"),
    ("二〇二年四月", "GO110", "four digits"),
    ("21年4月", "GO110", "four digits"),
    ("4月至6月", "GO110", "no year"),
    ("2021年13日", "GO110", "no month"),
    ("2021年4", "GO110", "not a date"),
    ("2021年4月至6月至7月", "GO110", "not a date"),
    ("2021年6月至4月", "GO111", "ends before"),
    ("２０２１-０４-１３", "GO110", "full-width"),  # the ISO form stays ASCII
    ("２０２１", "GO110", "full-width"),
    ("2021-4-13", "GO110", "not a date"),
]


@pytest.mark.parametrize(("text", "code", "words"), REJECTED, ids=[r[0] for r in REJECTED])
def test_impossible_or_unreadable_dates_are_reported_with_a_hint(text: str, code: str, words: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert caught.value.code == code
    assert words in str(caught.value)
    assert caught.value.hint


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2099, 12, 31)), st.sampled_from("〇○零"))
def test_a_day_in_chinese_numerals_parses_back_to_the_day(day: date, zero: str) -> None:
    printed = chinese_date(day, zero=zero)
    assert parse_date(printed) == DateWindow(day, day, printed, Precision.DAY)
    assert parse_date(f"{day.year}年{day.month}月{day.day}日").earliest == day


@given(st.integers(1900, 2099), st.integers(1, 12), st.integers(1, 12))
def test_a_span_of_months_in_chinese_numerals_parses_back(year: int, first: int, last: int) -> None:
    first, last = min(first, last), max(first, last)
    year_text = chinese_date(D(year, 1, 1))[:4]
    printed = f"{year_text}年{chinese_number(first)}月~{chinese_number(last)}月份"
    window = parse_date(printed)
    assert window.earliest == parse_date(f"{year}-{first:02d}").earliest
    assert window.latest == parse_date(f"{year}-{last:02d}").latest


def test_query_days_accept_the_printed_form() -> None:
    from govorg.dates import parse_day

    assert parse_day("二〇二一年四月十三日") == exact(D(2021, 4, 13)).earliest


# -- name keys ---------------------------------------------------------------------------------

SAME = [
    ("padded", "龚 正", "龚正"),
    ("padded-wide", "龚   正", "龚正"),
    ("ideographic-space", "龚\u3000正", "龚正"),
    ("nbsp", "龚\u00a0正", "龚正"),
    ("zero-width", "龚\u200b正", "龚正"),
    ("traditional", "龔正", "龚正"),
    ("traditional-padded", "龔\u3000正", "龚 正"),
    ("variant", "李艶", "李艳"),
    ("variant-traditional", "李艷", "李艳"),
    ("japanese-form", "方玲姫", "方玲姬"),
    ("dot-bullet", "艾力更•依明巴海", "艾力更·依明巴海"),
    ("dot-hyphenation-point", "艾力更‧依明巴海", "艾力更·依明巴海"),
    ("dot-katakana", "艾力更・依明巴海", "艾力更·依明巴海"),
    ("dot-halfwidth-katakana", "艾力更･依明巴海", "艾力更·依明巴海"),
    ("dot-fullwidth-stop", "艾力更．依明巴海", "艾力更·依明巴海"),
    ("dot-ascii-stop", "艾力更.依明巴海", "艾力更·依明巴海"),
    ("dot-padded", "艾力更 · 依明巴海", "艾力更·依明巴海"),
    ("organisation-traditional", "示例縣衛生健康委員會", "示例县卫生健康委员会"),
    ("organisation-hk-form", "示例縣衞生健康委員會", "示例县卫生健康委员会"),
    ("brackets", "区民防办（人防办）", "区民防办(人防办)"),
]


@pytest.mark.parametrize(("printed", "recorded"), [s[1:] for s in SAME], ids=[s[0] for s in SAME])
def test_printed_forms_share_the_key_of_the_recorded_name(printed: str, recorded: str) -> None:
    assert name_key(printed) == name_key(recorded)


DIFFERENT = [
    ("surnames-yu", "於丹", "于丹"),
    ("sheng", "张昇", "张升"),
    ("qian", "王乾", "王干"),
    ("zhe", "张喆", "张哲"),
    ("dot-is-not-nothing", "艾力更·依明巴海", "艾力更依明巴海"),
    ("radical-dot-kept", "艾力更丶依明巴海", "艾力更·依明巴海"),
]


@pytest.mark.parametrize(("a", "b"), [d[1:] for d in DIFFERENT], ids=[d[0] for d in DIFFERENT])
def test_distinct_names_keep_distinct_keys(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def _gb2312() -> list[str]:
    out = []
    for first in range(0xB0, 0xF8):
        for second in range(0xA1, 0xFF):
            try:
                out.append(bytes([first, second]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return out


def test_the_gb2312_fast_path_matches_opencc() -> None:
    """name_key skips OpenCC for GB 2312 text without these characters: recheck them against
    the installed OpenCC, so an upgrade that converts more of GB 2312 is noticed."""
    t2s = opencc.OpenCC("t2s")
    changed = {c for c in _gb2312() if t2s.convert(c) != c}
    assert changed == set(CHANGED_IN_GB2312) | (set(KEPT) & set(_gb2312()))


def test_the_variant_table_folds_only_non_standard_characters() -> None:
    table = Path(__file__).resolve().parents[1] / "src" / "govorg" / "variants.txt"
    pairs = [line.split()[:2] for line in table.read_text(encoding="utf-8").splitlines() if line and line[0] != "#"]
    assert len(pairs) > 30
    everyday = set(_gb2312())
    for variant, standard in pairs:
        assert variant not in everyday, variant
        assert to_simplified(standard) == standard, standard
        assert name_key(variant) == standard


# -- a composed registry: a county that prints a middle-dot name, a city whose notice is in
# Traditional script, a district whose clerk types variants ----------------------------------

FILES = {
    "organisations/orgs.yaml": """\
format: 1
organisations:
  - {id: county, name: 示例县人民政府, kind: government}
  - {id: county-health, name: 示例县卫生健康委员会, kind: department, parent: 示例縣人民政府}
  - {id: city, name: 样板市人民政府, kind: government}
  - {id: city-finance, name: 样板市财政局, kind: department, parent: city}
""",
    "people/people.yaml": """\
format: 1
people:
  - {id: ailigeng, name: 艾力更·依明巴海, printed: ["艾力更•依明巴海"]}
  - {id: gong-zheng, name: 龚正, printed: ["龚 正", "龔正"]}
  - {id: li-yan, name: 李艳, printed: ["李艶"]}
  - {id: yu-dan-a, name: 於丹}
  - {id: yu-dan-b, name: 于丹}
""",
    "appointments/county.yaml": """\
format: 1
document:
  id: county-2021-3
  title: 示例县人民政府关于艾力更·依明巴海等同志职务任免的通知
  date: 二〇二一年四月十三日
appointments:
  - row: 1
    person: ailigeng
    printed: 任命艾力更•依明巴海为示例县卫生健康委员会主任
    post: {organisation: 示例縣衛生健康委員會, title: 主任}
  - row: 2
    person: li-yan
    printed: 任命李艶为示例县卫生健康委员会副主任
    post: {organisation: 示例县卫生健康委员会, title: 副主任}
    date: 二〇二一年四月~六月份
""",
    "appointments/city.yaml": """\
format: 1
document:
  id: city-2011-9
  title: 樣板市人民政府關於龔正等同志職務任免的通知
  date: 二○一一年十二月十五日
appointments:
  - row: 1
    person: gong-zheng
    printed: 任命龔正為樣板市財政局局長
    post: {organisation: 樣板市財政局, title: 局長}
  - row: 2
    person: yu-dan-a
    post: {organisation: 样板市财政局, title: 副局长}
  - row: 3
    person: yu-dan-b
    post: {organisation: 样板市财政局, title: 副局长}
""",
}


@pytest.fixture(scope="module")
def composed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("names") / "data"
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def names_registry(composed: Path) -> Registry:
    return Registry.load(composed)  # raises with every problem if a printed form did not resolve


LOOKUPS = [
    ("padded", "龚 正", "gong-zheng"),
    ("padded-wide", "龚   正", "gong-zheng"),
    ("ideographic-space", "龚\u3000正", "gong-zheng"),
    ("traditional", "龔正", "gong-zheng"),
    ("traditional-unlisted-padding", "龔\u3000\u3000正", "gong-zheng"),
    ("variant", "李艶", "li-yan"),
    ("variant-traditional", "李艷", "li-yan"),
    ("dot", "艾力更·依明巴海", "ailigeng"),
    ("other-dot", "艾力更・依明巴海", "ailigeng"),
    ("fullwidth-stop", "艾力更．依明巴海", "ailigeng"),
]


@pytest.mark.parametrize(("printed", "person_id"), [x[1:] for x in LOOKUPS], ids=[x[0] for x in LOOKUPS])
def test_every_printed_form_finds_the_one_person(names_registry: Registry, printed: str, person_id: str) -> None:
    assert [p.id for p in names_registry.people(printed)] == [person_id]


def test_the_recorded_and_printed_forms_are_kept(names_registry: Registry) -> None:
    person = names_registry.person("gong-zheng")
    assert person is not None
    assert (person.name, person.printed) == ("龚正", ("龚 正", "龔正"))


def test_two_surnames_that_t2s_would_merge_stay_two_people(names_registry: Registry) -> None:
    assert [p.id for p in names_registry.people("於丹")] == ["yu-dan-a"]
    assert [p.id for p in names_registry.people("于丹")] == ["yu-dan-b"]


def test_traditional_organisation_and_title_resolve(names_registry: Registry) -> None:
    on = D(2021, 7, 1)
    for organisation, title in [("样板市财政局", "局长"), ("樣板市財政局", "局長")]:
        assert [h.tenure.person_id for h in names_registry.holders(organisation, title, on=on)] == ["gong-zheng"]
    health = names_registry.organisation("示例縣衛生健康委員會", on=on)
    assert health is not None and health.id == "county-health"


def test_chinese_dates_in_records_keep_the_printed_text(names_registry: Registry) -> None:
    (tenure,) = names_registry.timeline("li-yan")
    assert (tenure.start.text, tenure.start.earliest, tenure.start.latest) == (
        "二〇二一年四月~六月份",
        D(2021, 4, 1),
        D(2021, 6, 30),
    )
    (tenure,) = names_registry.timeline("gong-zheng")
    assert (tenure.start.text, tenure.start.earliest) == ("二○一一年十二月十五日", D(2011, 12, 15))


def test_graphql_people_by_a_traditional_form(names_registry: Registry) -> None:
    result = run_query(names_registry, '{ people(name: "龔\u3000正") { id name printedNames } }')
    assert result == {"data": {"people": [{"id": "gong-zheng", "name": "龚正", "printedNames": ["龚 正", "龔正"]}]}}


def test_cli_timeline_by_a_printed_form(composed: Path) -> None:
    result = subprocess.run(
        ["govorg", "timeline", "艾力更・依明巴海", "--data", str(composed), "--json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    answer = json.loads(result.stdout)
    assert (answer["id"], answer["name"]) == ("ailigeng", "艾力更·依明巴海")
    assert [(t["title"], t["start"]) for t in answer["tenures"]] == [("主任", "二〇二一年四月十三日")]
