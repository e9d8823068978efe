"""GraphQL did-you-mean for titles: `holders` with a title its organisation never recorded is an
error with the closest recorded titles in `extensions`, like `govorg who` on the command line;
a recorded title nobody holds on the day, or an unknown organisation, answers an empty list."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import ROOT
from govorg.api.app import run_query
from govorg.registry import Registry

RENMIAN = ROOT / "tests" / "fixtures" / "renmian"


@pytest.fixture(scope="module")
def renmian() -> Registry:
    return Registry.load(RENMIAN)


def holders(registry: Registry, organisation: str, title: str, on: str) -> dict[str, Any]:
    return run_query(
        registry,
        "query($o: String!, $t: String!, $on: Date) { holders(organisation: $o, title: $t, on: $on) { person { id } } }",
        {"o": organisation, "t": title, "on": on},
    )


@pytest.mark.parametrize(
    ("organisation", "title", "suggested"),
    [
        pytest.param("东川省交通运输厅", "厅常", "厅长", id="one-character-off"),
        pytest.param("青石县财政局", "付局长", "副局长", id="homophone"),
        pytest.param("青石县水利局", "二级调研员", "一级调研员", id="close-rank"),
    ],
)
def test_a_misspelled_title_is_an_error_with_suggestions(
    renmian: Registry, organisation: str, title: str, suggested: str
) -> None:
    answer = holders(renmian, organisation, title, "2022-06-01")
    assert answer["data"] is None
    (error,) = answer["errors"]
    extensions = error["extensions"]
    assert extensions["code"] == "UNKNOWN_TITLE" and extensions["title"] == title
    assert suggested in extensions["suggestions"] and suggested in error["message"]


def test_a_recorded_title_nobody_holds_is_an_empty_answer(renmian: Registry) -> None:
    answer = holders(renmian, "东川省交通运输厅", "厅长", "2000-01-01")
    assert answer == {"data": {"holders": []}}
    held = holders(renmian, "东川省交通运输厅", "厅长", "2022-02-01")
    assert held["data"]["holders"] == [{"person": {"id": "zhou-ming"}}]


def test_an_unknown_organisation_still_answers_nobody(renmian: Registry) -> None:
    assert holders(renmian, "东川省交通厅厅", "厅长", "2022-02-01") == {"data": {"holders": []}}
