"""The HTML pages through starlette's test client: status codes, caching, fragments,
accessibility markers, certainty marks and no external hosts; on the sample data and on the
composed fixtures of invented governments and bodies."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from conftest import DATA
from govorg.api.app import create_app
from govorg.registry import Registry

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def sample() -> Registry:
    return Registry.load(DATA)


@pytest.fixture(scope="module")
def governments() -> Registry:
    return Registry.load(FIXTURES / "governments")


@pytest.fixture(scope="module")
def bodies() -> Registry:
    return Registry.load(FIXTURES / "bodies")


def client(registry: Registry) -> TestClient:
    return TestClient(create_app(registry))


SAMPLE_PAGES = [
    pytest.param("/pages/leaders?on=2021-07-01", id="leaders"),
    pytest.param("/pages/bodies/cn-minors-protection-committee?on=2021-07-01", id="body"),
    pytest.param("/pages/organisations/cn-gov?on=2021-07-01", id="government"),
    pytest.param("/pages/people/wang-feng?on=2021-07-01", id="person"),
    pytest.param("/pages/documents/cfu-2021-23", id="document"),
]


@pytest.mark.parametrize("url", SAMPLE_PAGES)
def test_a_page_is_whole_accessible_and_local(sample: Registry, url: str) -> None:
    answer = client(sample).get(url)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    html = answer.text
    assert html.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in html
    assert "<h1>" in html and "@media print" in html
    assert ("<caption>" in html and 'scope="col"' in html) or 'scope="row"' in html
    # Nothing is fetched from elsewhere: no URL but the SVG namespace, no script.
    assert [u for u in re.findall(r"https?://[^\s\"'<>]+", html) if u != "http://www.w3.org/2000/svg"] == []
    assert "<script" not in html


@pytest.mark.parametrize("url", SAMPLE_PAGES)
def test_a_fragment_has_no_shell(sample: Registry, url: str) -> None:
    html = client(sample).get(url + ("&" if "?" in url else "?") + "fragment=1").text
    assert html.startswith('<section class="govorg-fragment" lang="zh-CN">')
    assert "<html" not in html and "<style>" not in html and "<h1>" in html


def test_etag_gives_304_and_the_tag_depends_on_the_url(sample: Registry) -> None:
    app = client(sample)
    first = app.get("/pages/people/wang-feng?on=2021-07-01")
    tag = first.headers["etag"]
    assert first.headers["cache-control"] == "no-cache"
    again = app.get("/pages/people/wang-feng?on=2021-07-01", headers={"if-none-match": tag})
    assert again.status_code == 304 and again.content == b""
    other = app.get("/pages/people/wang-feng?on=2021-06-01", headers={"if-none-match": tag})
    assert other.status_code == 200 and other.headers["etag"] != tag


@pytest.mark.parametrize(
    ("url", "status"),
    [
        pytest.param("/pages/people/nobody", 404, id="person"),
        pytest.param("/pages/organisations/nowhere", 404, id="organisation"),
        pytest.param("/pages/bodies/cn-gov", 404, id="not-a-body"),
        pytest.param("/pages/documents/无此文号", 404, id="document"),
        pytest.param("/pages/leaders?government=无此政府", 404, id="government"),
        pytest.param("/pages/people/wang-feng?on=2021-13-45", 400, id="bad-date"),
        pytest.param("/pages/leaders?on=yesterday", 400, id="not-a-date"),
        pytest.param("/pages/organisations/%00?on=%ff", 400, id="junk"),
    ],
)
def test_bad_input_gets_an_error_page_not_a_crash(sample: Registry, url: str, status: int) -> None:
    answer = client(sample).get(url)
    assert answer.status_code == status
    assert '<html lang="zh-CN">' in answer.text and "<h1>" in answer.text
    assert answer.headers["cache-control"] == "no-store"


def test_possible_holders_are_marked(sample: Registry) -> None:
    # A tenure whose start is known only to a window: inside the window it is only possible.
    tenure = next(t for t in sample.compiled.tenures.values() if date.min < t.possible_from < t.certain_from < date.max)
    day = tenure.possible_from
    html = client(sample).get(f"/pages/organisations/{tenure.post.organisation_id}?on={day}").text
    name = sample.catalog.people[tenure.person_id].name
    row = next(r for r in html.split("<tr>") if name in r and tenure.post.title in r)
    assert "可能" in row
    person = client(sample).get(f"/pages/people/{tenure.person_id}?on={day}").text
    assert '<pattern id="hatch-person"' in person and 'class="possible"' in person


def test_sources_link_to_document_pages(sample: Registry) -> None:
    html = client(sample).get("/pages/people/wang-feng?on=2021-07-01").text
    links = set(re.findall(r'href="/pages/documents/([^"]+)"', html))
    assert links
    app = client(sample)
    for link in links:
        assert app.get(f"/pages/documents/{link}").status_code == 200


def test_a_document_page_lists_what_it_changed(sample: Registry) -> None:
    doc = "changning-renmian-2021-q2"
    expected = [e for e in sample.history.events if doc in e.sources]
    html = client(sample).get(f"/pages/documents/{doc}").text
    assert expected and html.count('<tr><th scope="row">') >= len(expected)


# -- composed fixtures ---------------------------------------------------------------------------


def test_leaders_show_portfolios_and_stand_ins(governments: Registry) -> None:
    day = date(2022, 6, 1)
    version = governments.leaders(on=day, government="jia")
    assert version is not None
    html = client(governments).get(f"/pages/leaders?government=jia&on={day}").text
    assert "甲市人民政府" in html
    people = governments.catalog.people
    sections = [s.split("</section>", 1)[0] for s in html.split('<section class="leader">')[1:]]
    assert len(sections) == len(version.portfolios)
    for portfolio, section in zip(version.portfolios, sections, strict=True):
        assert f'/pages/people/{portfolio.person_id}?on={day}"' in section.split("</h2>", 1)[0]
        stand_ins = version.stand_ins(portfolio.person_id)
        for other in stand_ins:
            assert people[other].name in section.split("AB角", 1)[1]
        if portfolio.printed:
            assert portfolio.printed in section
        for relation, units in portfolio.units.items():
            if units:
                label = {"leads": "领导全面工作", "in_charge": "分管", "assists": "协助分管", "liaises": "联系"}[
                    relation
                ]
                assert f'<th scope="row">{label}</th>' in section


def test_temporary_reassignments_are_shown_while_in_force(governments: Registry) -> None:
    app = client(governments)
    during = app.get("/pages/leaders?government=jia&on=2022-07-15").text
    after = app.get("/pages/leaders?government=jia&on=2022-10-01").text
    assert "临时调整" in during and "临时调整" not in after


def test_several_governments_give_a_choice(governments: Registry) -> None:
    answer = client(governments).get("/pages/leaders")
    assert answer.status_code == 200
    for gov in governments.governments():
        assert f'href="/pages/leaders?government={gov.id}"' in answer.text


def test_pending_seats_are_marked(bodies: Registry) -> None:
    html = client(bodies).get("/pages/bodies/dl-digital-group?on=2023-10-01").text
    assert 'class="badge pending"' in html
    roster = bodies.roster("dl-digital-group", on=date(2023, 10, 1))
    roles = re.findall(r'<tr><th scope="row">([^<]+)</th>', html)
    assert roles == [s.seat.role for s in roster.seats]  # printed order


def test_an_organisation_page_has_its_timeline(bodies: Registry) -> None:
    org = next(iter(bodies.compiled.post_tenures))[0]
    html = client(bodies).get(f"/pages/organisations/{org}?on=2023-10-01").text
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img"' in html
    assert 'class="certain"' in html or 'class="possible"' in html


@pytest.mark.parametrize("which", ["sample", "governments", "bodies"])
def test_every_record_has_a_page(request: pytest.FixtureRequest, which: str) -> None:
    """Every id of the data answers 200 (ids with slashes included), on days before, in and after the data."""
    registry: Registry = request.getfixturevalue(which)
    app = TestClient(create_app(registry), raise_server_exceptions=False)
    urls = (
        [f"/pages/organisations/{o}" for o in registry.catalog.organisations]
        + [f"/pages/people/{p}" for p in registry.catalog.people]
        + [f"/pages/documents/{d}" for d in registry.catalog.documents]
        + [f"/pages/bodies/{b.id}" for b in registry.list_bodies()]
        + [f"/pages/leaders?government={g.id}" for g in registry.governments()]
    )
    bad = []
    for url in urls:
        for on in ("1990-01-01", "2022-07-15", "2030-01-01"):
            answer = app.get(url + ("&" if "?" in url else "?") + f"on={on}")
            if answer.status_code != 200:
                bad.append((url, on, answer.status_code))
    assert bad == []


def test_templates_are_package_data() -> None:
    from importlib.resources import files

    templates = files("govorg.pages") / "templates"
    for name in ("shell.html", "fragment.html", "leaders.html", "body.html", "organisation.html", "person.html"):
        assert (templates / name).is_file()


# The template macros govorg.pages.links replaced: its helpers must give their HTML byte for byte.
MACROS = """{% macro person(p) %}{% if p %}<a href="/pages/people/{{ p.id | urlencode }}{{ q }}">{{ p.name }}</a>{% else %}—{% endif %}{% endmacro %}
{% macro org(o) %}{% if o %}<a href="/pages/organisations/{{ o.id | urlencode }}{{ q }}">{{ o.name }}</a>{% else %}—{% endif %}{% endmacro %}
{% macro docs(list) %}<span class="sources">{% for d in list %}<a href="/pages/documents/{{ d.id | urlencode }}" title="{{ d.title }}">{{ d.label }}</a>{% if not loop.last %}；{% endif %}{% endfor %}</span>{% endmacro %}
{% macro possible(flag) %}{% if flag %}<span class="badge possible" title="来源未能确定，仅为可能">可能</span>{% endif %}{% endmacro %}
"""
ODD = [
    {"id": "li-si", "name": "李四", "title": "关于任免的通知", "label": "长府〔2021〕1号"},
    {"id": "a b/c?d&e'f\"g", "name": '<王> & "伍"', "title": "'引号' <b>", "label": "x & y"},
    {"id": "区政府/办公室", "name": "区府办", "title": "", "label": ""},
]


@pytest.mark.parametrize("q", ["", "?on=2021-07-01", '?on=<x>&y="z"'])
def test_page_links_are_the_macros_html(q: str) -> None:
    from jinja2 import DictLoader

    from govorg.pages.render import environment

    env = environment().overlay(loader=DictLoader({"m.html": MACROS}))
    both = (
        "{% import 'm.html' as m with context %}"
        "{% for i in items %}{{ m.person(i) }}|{{ links.person(i) }}|{{ m.org(i) }}|{{ links.org(i) }}|{% endfor %}"
        "{{ m.person(none) }}|{{ links.person(none) }}|{{ m.org(none) }}|{{ links.org(none) }}|"
        "{{ m.docs(items) }}|{{ links.docs(items) }}|{{ m.docs([]) }}|{{ links.docs([]) }}|"
        "{{ m.possible(true) }}|{{ links.possible(true) }}|{{ m.possible(false) }}|{{ links.possible(false) }}"
    )
    parts = env.from_string(both).render(items=ODD, q=q).split("|")
    assert parts[0::2] == parts[1::2]
    assert "&lt;王&gt; &amp; &#34;伍&#34;" in "".join(parts)  # escaped, not dropped


def _threads_building(monkeypatch: pytest.MonkeyPatch, view: str) -> list[str]:
    """The names of the threads that build `view`'s pages from now on."""
    import threading

    from govorg.pages import views

    names: list[str] = []
    real = getattr(views, view)

    def recorded(*args: object, **kwargs: object) -> object:
        names.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(views, view, recorded)
    return names


def test_a_quick_page_is_built_on_the_event_loop(sample: Registry, monkeypatch: pytest.MonkeyPatch) -> None:
    """After a few cheap builds in the workers, the same page (on any day) is built without the
    hop to a worker thread, and it is the same page."""
    from govorg.api.shapes import Quick

    monkeypatch.setattr(Quick, "QUICK", 1.0)  # every build counts as quick, however loaded the machine
    names = _threads_building(monkeypatch, "leaders")
    app = client(sample)
    days = ["2021-07-01", "2021-06-01", "2021-05-01", "2021-04-01"]
    by_worker = [app.get(f"/pages/leaders?on={day}").text for day in days[: Quick.STREAK]]
    assert all(n.startswith("govorg-query") for n in names)
    names.clear()
    on_loop = app.get(f"/pages/leaders?on={days[0]}")
    assert on_loop.status_code == 200 and on_loop.text == by_worker[0]
    assert names and not names[0].startswith("govorg-query")
    # another page is its own: the organisation page starts in the workers
    organisation = _threads_building(monkeypatch, "organisation")
    app.get("/pages/organisations/cn-gov?on=2021-07-01")
    assert organisation[0].startswith("govorg-query")


def test_slow_pages_and_document_pages_stay_in_the_workers(sample: Registry, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page is quick only while its builds are; the document and person pages, which walk the
    derived history, never run on the event loop."""
    from govorg.api.shapes import Quick

    monkeypatch.setattr(Quick, "QUICK", 1.0)
    documents = _threads_building(monkeypatch, "document")
    app = client(sample)
    for _ in range(Quick.STREAK + 2):
        assert app.get("/pages/documents/cfu-2021-23").status_code == 200
    assert all(n.startswith("govorg-query") for n in documents)
    people = _threads_building(monkeypatch, "person")
    for _ in range(Quick.STREAK + 2):
        assert app.get("/pages/people/wang-feng?on=2021-07-01").status_code == 200
    assert all(n.startswith("govorg-query") for n in people)
    monkeypatch.setattr(Quick, "QUICK", -1.0)  # every build is slow
    organisations = _threads_building(monkeypatch, "organisation")
    for _ in range(Quick.STREAK + 2):
        assert app.get("/pages/organisations/cn-gov?on=2021-07-01").status_code == 200
    assert all(n.startswith("govorg-query") for n in organisations)


@pytest.mark.parametrize("which", ["sample", "governments", "bodies"])
def test_dotted_names_read_dict_keys_as_jinja_does(
    request: pytest.FixtureRequest, which: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """govorg.pages.render.PageEnvironment reads `page.title` on a dict as its key at once; every
    page comes out byte for byte as Jinja's own rule (the attribute first) renders it."""
    from jinja2 import Environment

    from govorg.pages import render

    registry: Registry = request.getfixturevalue(which)
    urls = (
        [f"/pages/organisations/{o}?on=2021-07-01" for o in list(registry.catalog.organisations)[:40]]
        + [f"/pages/people/{p}?on=2021-07-01" for p in list(registry.catalog.people)[:40]]
        + [f"/pages/documents/{d}" for d in list(registry.catalog.documents)[:20]]
        + [f"/pages/bodies/{b.id}?on=2021-07-01" for b in registry.list_bodies()]
        + [f"/pages/leaders?government={g.id}&on=2021-07-01" for g in registry.governments()]
    )
    app = TestClient(create_app(registry))
    monkeypatch.setattr(render, "KEPT", render.KeptPages(budget=0))  # every page rendered, none kept
    ours = [app.get(url).text for url in urls]
    keyed = {"items": 1, "title": "t"}
    assert render.environment().getattr(keyed, "items") == keyed.items  # methods stay methods
    assert render.environment().getattr(keyed, "title") == "t"
    render.environment.cache_clear()
    monkeypatch.setattr(render.PageEnvironment, "getattr", Environment.getattr)
    try:
        theirs = [app.get(url).text for url in urls]
    finally:
        render.environment.cache_clear()
    assert ours == theirs


def _quarters(first: int, last: int) -> list[str]:
    return [f"{y}-{m:02d}-{d:02d}" for y in range(first, last + 1) for m in (1, 4, 7, 10) for d in (1, 15)]


@pytest.mark.parametrize("which", ["sample", "governments", "bodies"])
def test_kept_pages_equal_fresh_ones(
    request: pytest.FixtureRequest, which: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page shown before with the same data on another day (govorg.pages.render.KeptPages)
    is byte for byte the page rendered afresh: every government's leaders and every body twice a
    quarter over the data's years, with and without the day kept on links, whole and as a
    fragment; organisations and people on fewer days."""
    from govorg.pages import render

    registry: Registry = request.getfixturevalue(which)
    often = [f"/pages/leaders?government={g.id}" for g in registry.governments()] + [
        f"/pages/bodies/{b.id}" for b in registry.list_bodies()
    ]
    seldom = [f"/pages/organisations/{o}" for o in list(registry.catalog.organisations)[:30]] + [
        f"/pages/people/{p}" for p in list(registry.catalog.people)[:30]
    ]
    urls = [u + ("&" if "?" in u else "?") + f"on={on}" for u in often for on in _quarters(2014, 2024)]
    urls += [
        u + ("&" if "?" in u else "?") + f"on={on}" for u in seldom for on in ("2016-01-01", "2019-07-01", "2022-07-15")
    ]
    urls += [u + ("&" if "?" in u else "?") + "fragment=1&on=2020-01-01" for u in often]
    urls += [u for u in often]  # today, and no day on the links
    app = TestClient(create_app(registry))

    kept = render.KeptPages()
    monkeypatch.setattr(render, "KEPT", kept)
    ours = [app.get(url) for url in urls]
    monkeypatch.setattr(render, "KEPT", render.KeptPages(budget=0))  # keeps nothing
    theirs = [app.get(url) for url in urls]
    assert [a.status_code for a in ours] == [200] * len(urls)
    assert [a.text for a in ours] == [a.text for a in theirs]
    assert 0 < len(kept) < len(urls) / 2  # most pages came from the kept ones


def test_kept_pages_tell_markup_from_text_and_skip_the_marker() -> None:
    from markupsafe import Markup

    from govorg.pages import render

    kept = render.KeptPages()

    def both(message: object, on: str = "2021-07-01", version: str = "v1") -> str:
        page = {"title": "t", "message": message, "links": [], "on": on}
        fresh = render._fill("error.html", page, False, version, "")
        assert kept.render("error.html", page, False, version, "") == fresh
        return fresh

    escaped = both("<b>x</b>")
    assert "&lt;b&gt;x&lt;/b&gt;" in escaped
    raw = both(Markup("<b>x</b>"))
    assert "<p><b>x</b></p>" in raw  # not the escaped page kept for the same letters
    assert len(kept) == 2
    both("<b>x</b>", on="2022-01-01")  # the same page on another day
    assert len(kept) == 2
    assert "v2" in both("<b>x</b>", version="v2")  # another data version: its own page
    assert len(kept) == 3
    assert render.DAY in both(f"a {render.DAY} b")  # the marker itself in the data: rendered, not kept
    assert len(kept) == 3
    both(object())  # not JSON: rendered every time
    assert len(kept) == 3


def test_kept_pages_stay_within_their_budget() -> None:
    from govorg.pages import render

    kept = render.KeptPages(budget=60_000)
    for i in range(40):
        page = {"title": "t", "message": f"第{i}条", "links": [], "on": "2021-07-01"}
        assert kept.render("error.html", page, False, "v1", "") == render._fill("error.html", page, False, "v1", "")
        assert kept._size <= kept.budget
    assert 0 < len(kept) < 40
