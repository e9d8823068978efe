"""The library's answers on the gazette data: certainty, names, documents, probation."""

from __future__ import annotations

from datetime import date

import pytest

from govorg.registry import Registry
from govorg.tenures import Certainty


def holders(registry: Registry, org: str, title: str, on: str) -> dict[str, str]:
    return {
        registry.catalog.people[h.tenure.person_id].name: h.certainty.value
        for h in registry.holders(org, title, on=date.fromisoformat(on))
    }


@pytest.mark.parametrize(
    ("org", "title", "on", "expected"),
    [
        pytest.param("上海市第三女子中学", "校长", "2021-07-01", {"潘敬芳": "CERTAIN"}, id="new-head-certain-after-Q2"),
        pytest.param(
            "上海市第三女子中学",
            "校长",
            "2021-05-15",
            {"潘敬芳": "POSSIBLE", "徐永初": "POSSIBLE"},
            id="both-possible-in-Q2",
        ),
        pytest.param(
            "上海市第三女子中学", "校长", "2021-03-01", {"徐永初": "POSSIBLE"}, id="unknown-start-is-possible"
        ),
        pytest.param("区房管局", "副局长", "2021-07-01", {"陆良": "CERTAIN", "马彬": "CERTAIN"}, id="short-name"),
        pytest.param(
            "长宁区住房保障和房屋管理局",
            "副局长",
            "2021-07-01",
            {"陆良": "CERTAIN", "马彬": "CERTAIN"},
            id="official-name",
        ),
        pytest.param(
            "区城管执法局",
            "副局长",
            "2021-07-01",
            {"方玲姬": "CERTAIN", "程万霆": "POSSIBLE"},
            id="two-posts-one-line-and-a-listing",
        ),
        pytest.param(
            "区城管执法局执法大队", "副大队长", "2021-07-01", {"方玲姬": "CERTAIN"}, id="second-post-of-the-line"
        ),
        pytest.param("上海市第三女子中学", "校长", "2021-06-30", {"潘敬芳": "CERTAIN"}, id="end-is-exclusive"),
    ],
)
def test_holders(registry: Registry, org: str, title: str, on: str, expected: dict[str, str]) -> None:
    assert holders(registry, org, title, on) == expected


def test_removed_holder_is_gone_after_the_quarter(registry: Registry) -> None:
    assert "王峰" not in holders(registry, "区房管局", "副局长", "2021-07-01")
    assert holders(registry, "区房管局", "副局长", "2021-05-01")["王峰"] == "POSSIBLE"


def test_people_by_printed_variant(registry: Registry) -> None:
    (wang,) = registry.people("王 峰")
    assert wang.id == "wang-feng"
    posts = registry.posts("wang-feng", on=date(2021, 7, 1))
    assert [
        (registry.organisation_name(h.tenure.post.organisation_id, on=h.on), h.tenure.post.title) for h in posts
    ] == [("长宁区人民政府仙霞新村街道办事处", "副主任")]


@pytest.mark.parametrize(
    "number", ["长府办(2021)9号", "长府办（2021）9号", "长府办〔2021〕9号", "长府办[2021]9号", "长府办〔2021〕9 号"]
)
def test_document_numbers_in_any_brackets_are_one_document(registry: Registry, number: str) -> None:
    doc = registry.document(number)
    assert doc is not None and doc.id == "cfb-2021-09"
    assert doc.number == "长府办（2021）9号"


def test_probation_and_confirmation(registry: Registry) -> None:
    (zhu,) = registry.timeline("zhu-hong")
    assert zhu.on_probation(date(2021, 7, 1)) is Certainty.CERTAIN
    assert zhu.on_probation(date(2022, 5, 1)) is Certainty.POSSIBLE
    assert zhu.on_probation(date(2022, 7, 1)) is None
    (shen,) = registry.timeline("shen-lei")  # 试用期满 adds no second tenure
    assert len(shen.confirmations) == 1 and shen.appointment is None
    assert shen.certainty(date(2021, 7, 1)) is Certainty.CERTAIN


def test_confirmation_then_removal_is_one_tenure(registry: Registry) -> None:
    tenures = registry.timeline("wang-yefei")
    chengjiaqiao = next(t for t in tenures if t.post.organisation_id == "cn-chengjiaqiao")
    assert chengjiaqiao.confirmations and chengjiaqiao.removal is not None
    assert {t.post.organisation_id for t in tenures} == {"cn-chengjiaqiao", "cn-greening"}


def test_organisation_by_any_name_and_its_name_on_a_date(registry: Registry) -> None:
    old = registry.organisation("长宁区教育督导委员会", on=date(2021, 4, 1))
    new = registry.organisation("长宁区人民政府教育督导委员会", on=date(2021, 4, 14))
    assert old is not None and new is not None and old.id == new.id
    assert registry.organisation_name(old.id, on=date(2021, 4, 12)) == "长宁区教育督导委员会"
    assert registry.organisation_name(old.id, on=date(2021, 4, 13)) == "长宁区人民政府教育督导委员会"
    found = registry.organisation("区交通委")  # a 牌子 of 区建设管理委
    assert found is not None and found.id == "cn-construction"


def test_info(registry: Registry) -> None:
    info = registry.info()
    assert info.counts["appointments"] == 19 and info.counts["confirmations"] == 12 and info.counts["removals"] == 9
    assert info.earliest == date(2021, 4, 1) and info.latest == date(2021, 7, 22)
    assert len(info.data_version) == 64


def test_holders_go_through_the_index_not_a_scan(registry: Registry, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point-in-time questions read the post's own index: emptying the tenure table changes nothing."""
    monkeypatch.setattr(registry.compiled, "tenure_list", [])
    monkeypatch.setattr(registry.compiled, "_by_id", {})
    assert registry.compiled.tenures == {}
    assert holders(registry, "区房管局", "副局长", "2021-07-01") == {"陆良": "CERTAIN", "马彬": "CERTAIN"}


def test_tiny_registry_rank_and_unknown_answers(tiny_registry: Registry) -> None:
    (li,) = tiny_registry.timeline("li-si")
    assert li.appointment is not None and li.appointment.rank is not None
    assert li.appointment.rank.equivalent == "正处级"
    assert tiny_registry.holders("不存在的单位", "局长", on=date(2021, 7, 1)) == []
    assert tiny_registry.people("无名氏") == []
    assert tiny_registry.document("示府办〔2099〕1号") is None


def test_the_networkx_graph_links_people_posts_and_documents(registry: Registry) -> None:
    import networkx as nx

    graph = registry.compiled.graph
    assert graph is registry.compiled.graph  # built once
    wang = ("person", "wang-feng")
    posts = {n for n in nx.descendants(graph, wang) if n[0] == "post"}
    assert ("post", "cn-xianxiaxincun", "副主任") in posts and ("post", "cn-housing", "副局长") in posts
    assert ("document", "changning-renmian-2021-q2") in nx.descendants(graph, wang)
    assert graph.has_edge(("organisation", "cn-city-enforcement-brigade"), ("organisation", "cn-city-enforcement"))
