"""The `govorg` command, run through its installed entry point as a user would."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest

from conftest import DATA, ROOT
from serving import running_server

COMMANDS = [
    "validate",
    "who",
    "query",
    "serve",
    "synth",
    "leaders",
    "in-charge",
    "committee",
    "diff",
    "chains",
    "timeline",
]


def govorg(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["govorg", *args], capture_output=True, text=True, cwd=cwd, timeout=120, check=False)


def test_validate_the_sample_data() -> None:
    result = govorg("validate", "data/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "31 条任命、9 条免职" in result.stdout
    assert result.stdout.rstrip().endswith("0 个错误，0 个警告")


def test_validate_with_no_data_is_an_error_that_says_where_it_looked(tmp_path: Path) -> None:
    result = govorg("validate", cwd=tmp_path)
    assert result.returncode == 2
    assert "./data" in result.stderr and str(tmp_path) in result.stderr and "--sample" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("who", "区房管局", "副局长"), id="who"),
        pytest.param(("leaders",), id="leaders"),
        pytest.param(("in-charge", "区教育局"), id="in-charge"),
        pytest.param(("committee", "督导委"), id="committee"),
        pytest.param(("diff", "2021-01-01", "2021-07-01"), id="diff"),
        pytest.param(("timeline", "wang-yefei"), id="timeline"),
        pytest.param(("build", "--db", "sqlite:///x.db"), id="build"),
    ],
)
def test_no_command_reads_the_sample_silently(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = govorg(*args, cwd=tmp_path)
    assert result.returncode == 2 and "no data" in result.stderr, result.stdout + result.stderr


def test_the_sample_when_asked_for(tmp_path: Path) -> None:
    result = govorg("validate", "--sample", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "92 段任职" in result.stdout
    who = govorg("who", "区房管局", "副局长", "--on", "2021-07-01", "--sample", cwd=tmp_path)
    assert who.returncode == 0 and "马彬" in who.stdout


def test_who_certain_and_possible() -> None:
    after = govorg("who", "上海市第三女子中学", "校长", "--on", "2021-07-01")
    assert after.returncode == 0
    assert "潘敬芳  确定" in after.stdout and "徐永初" not in after.stdout
    during = govorg("who", "上海市第三女子中学", "校长", "--on", "2021-05-15", "--json")
    assert {(h["person"]["name"], h["certainty"]) for h in json.loads(during.stdout)} == {
        ("潘敬芳", "POSSIBLE"),
        ("徐永初", "POSSIBLE"),
    }


@pytest.mark.parametrize("org", ["区房管局", "长宁区住房保障和房屋管理局"])
def test_who_by_short_or_official_name(org: str) -> None:
    result = govorg("who", org, "副局长", "--on", "2021-07-01", "--json")
    names = {h["person"]["name"] for h in json.loads(result.stdout)}
    assert names == {"陆良", "马彬"}


def test_who_reports_bad_input_without_traceback() -> None:
    bad_date = govorg("who", "区房管局", "副局长", "--on", "2021-02-30")
    assert bad_date.returncode == 2 and "'2021-02-30' 不是日历上的日期（该月没有这一天）" in bad_date.stderr
    english = govorg("--lang", "en", "who", "区房管局", "副局长", "--on", "2021-02-30")
    assert english.returncode == 2 and "not a date on the calendar (day is out of range for month)" in english.stderr
    unknown = govorg("who", "区房官局", "副局长")
    assert unknown.returncode == 1 and "没有名为 区房官局 的机构" in unknown.stderr
    for result in (bad_date, unknown):
        assert "Traceback" not in result.stderr


def test_query_with_variables_and_errors(tmp_path: Path) -> None:
    ok = govorg(
        "query", "query($n: String!) { document(number: $n) { id } }", "--variables", '{"n": "长府办(2021)9号"}'
    )
    assert ok.returncode == 0 and json.loads(ok.stdout) == {"data": {"document": {"id": "cfb-2021-09"}}}
    bad = govorg("query", "{ nope }")
    assert bad.returncode == 1 and json.loads(bad.stdout)["errors"][0]["message"].startswith("Cannot query field")
    query_file = tmp_path / "q.graphql"
    query_file.write_text('{ people(name: "王 峰") { id } }', encoding="utf-8")
    from_file = govorg("query", f"@{query_file}")
    assert json.loads(from_file.stdout)["data"]["people"] == [{"id": "wang-feng"}]
    assert govorg("query", "{ registry { files } }", "--variables", "[1]").returncode == 2


def test_commands_refuse_invalid_data(tiny_copy: Path) -> None:
    (tiny_copy / "people" / "more.yaml").write_text(
        "format: 1\npeople:\n  - {id: li-si, name: 李肆}\n", encoding="utf-8"
    )
    result = govorg("who", "区房管局", "副局长", "--data", str(tiny_copy))
    assert result.returncode == 1
    assert "错误 GO205：" in result.stderr and "未作答" in result.stderr
    english = govorg("--lang", "en", "who", "区房管局", "副局长", "--data", str(tiny_copy))
    assert "error GO205:" in english.stderr and "nothing served" in english.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = govorg(command, "--help")
    assert result.returncode == 0
    assert "示例：\n  govorg " + command in result.stdout
    english = govorg(command, "--help", "--lang", "en")
    assert english.returncode == 0
    assert "example:\n  govorg " + command in english.stdout


@pytest.fixture
def server() -> Iterator[str]:
    """`govorg serve` on the sample data, on a free loopback port; yields its base URL."""
    with running_server(DATA) as base:
        yield base


def test_serve_answers_graphql_over_http(server: str) -> None:
    response = httpx.post(
        f"{server}/graphql",
        json={
            "query": '{ holders(organisation: "区房管局", title: "副局长", on: "2021-07-01") { person { name } certainty } }'
        },
        timeout=10,
    )
    assert response.status_code == 200
    holders = {h["person"]["name"]: h["certainty"] for h in response.json()["data"]["holders"]}
    assert holders == {"陆良": "CERTAIN", "马彬": "CERTAIN"}
