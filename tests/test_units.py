"""Small pure pieces: dates, document numbers, name keys, the interval index, title holders."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from govorg.dates import DateError, Precision, parse_date
from govorg.docnumbers import DocumentNumberError, parse_document_number
from govorg.intervals import IntervalIndex
from govorg.names import name_key
from govorg.tenures import single_holder


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision"),
    [
        pytest.param("2021-04-13", date(2021, 4, 13), date(2021, 4, 13), Precision.DAY, id="day"),
        pytest.param("2021-02", date(2021, 2, 1), date(2021, 2, 28), Precision.MONTH, id="month"),
        pytest.param("2020-02", date(2020, 2, 1), date(2020, 2, 29), Precision.MONTH, id="leap-month"),
        pytest.param("2021-Q2", date(2021, 4, 1), date(2021, 6, 30), Precision.QUARTER, id="quarter"),
        pytest.param("2021", date(2021, 1, 1), date(2021, 12, 31), Precision.YEAR, id="year"),
        pytest.param("2021-04..2021-06", date(2021, 4, 1), date(2021, 6, 30), Precision.SPAN, id="span-of-months"),
        pytest.param("2021-04-13..2021-Q3", date(2021, 4, 13), date(2021, 9, 30), Precision.SPAN, id="mixed-span"),
    ],
)
def test_parse_date(text: str, earliest: date, latest: date, precision: Precision) -> None:
    window = parse_date(text)
    assert (window.earliest, window.latest, window.precision, window.text) == (earliest, latest, precision, text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        pytest.param("2021-02-30", "GO110", id="no-such-day"),
        pytest.param("2021-13", "GO110", id="no-such-month"),
        pytest.param("April 2021", "GO110", id="words"),
        pytest.param("2021-06..2021-04", "GO111", id="reversed-span"),
    ],
)
def test_parse_date_errors(text: str, code: str) -> None:
    with pytest.raises(DateError) as exc:
        parse_date(text)
    assert exc.value.code == code


@pytest.mark.parametrize(
    "text",
    [
        "长府办〔2021〕15号",
        "长府办(2021)15号",
        "长府办（2021）15号",
        "长府办[2021]15号",
        "长府办〔2021〕15 号",
        "长府办 〔2021〕 15号",
    ],
)
def test_document_number_forms(text: str) -> None:
    assert parse_document_number(text).canonical == "长府办〔2021〕15号"


@pytest.mark.parametrize("text", ["长府办2021年15号", "〔2021〕15号", "长府办〔21〕15号", "长府办〔2021〕号"])
def test_document_number_errors(text: str) -> None:
    with pytest.raises(DocumentNumberError):
        parse_document_number(text)


def test_name_key_folds_print_variants() -> None:
    assert name_key("王 峰") == name_key("王峰")
    assert name_key("上海新长宁（集团）有限公司") == name_key("上海新长宁(集团)有限公司")
    assert name_key("区房管局") != name_key("区房官局")


@pytest.mark.parametrize(
    ("title", "one"),
    [
        ("局长", True),
        ("校长", True),
        ("办公室主任", True),
        ("常务副部长", True),
        ("副局长", False),
        ("副大队长", False),
        ("四级调研员", False),
        ("委员", False),
        ("监事长", True),
    ],
)
def test_single_holder(title: str, one: bool) -> None:
    assert single_holder(title) is one


def test_interval_index_matches_a_scan() -> None:
    spans = [(date(2020, 1, 1 + i % 28), date(2021, 1 + i % 12, 1), i) for i in range(200)]
    spans.append((date.min, date.max, 999))
    index = IntervalIndex(spans)
    for day in (
        date(2019, 1, 1),
        date(2020, 1, 5),
        date(2020, 6, 1),
        date(2021, 3, 1),
        date(2021, 12, 31),
        date(2030, 1, 1),
    ):
        expected = sorted(item for lo, hi, item in spans if lo <= day < hi)
        assert sorted(index.at(day)) == expected


def test_time_indexes_are_built_when_first_asked_and_equal_eager_ones(tmp_path: Path) -> None:
    """`graph.Indexes` builds a post's or person's index on first use; an edit keeps the built
    indexes of every key it did not touch and drops the touched ones (rebuilt from the new lists)."""
    from govorg.graph import Indexes, _index
    from govorg.incremental import Reloader
    from govorg.synth import synthesize

    root = tmp_path / "synth"
    synthesize(root, tenures=300)
    reloader = Reloader(root)
    registry = reloader.registry()
    compiled = registry.compiled
    assert compiled.post_index.built() == 0 and compiled.person_index.built() == 0
    key = next(iter(compiled.post_tenures))
    day = compiled.post_tenures[key][0].possible_from
    assert compiled.post_index[key].at(day) == _index(compiled.post_tenures[key]).at(day)
    assert compiled.post_index.built() == 1 and compiled.post_index.get(("no-such", "unit")) is None
    for index, lists in (
        (compiled.post_index, compiled.post_tenures),
        (compiled.person_index, compiled.person_tenures),
    ):
        assert len(index) == len(lists) and list(index) == list(lists)
        for k, built in index.items():
            eager = _index(lists[k])
            assert [built.at(t.possible_from) for t in lists[k]] == [eager.at(t.possible_from) for t in lists[k]]
    assert compiled.post_index.built() == len(compiled.post_tenures)

    touched = Indexes(compiled.post_tenures).carried(dict(compiled.post_tenures), [key])
    assert touched.built() == 0
    carried = compiled.post_index.carried(dict(compiled.post_tenures), [key])
    assert carried.built() == len(compiled.post_tenures) - 1 and carried[key] is not compiled.post_index[key]
