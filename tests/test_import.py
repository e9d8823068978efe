"""`govorg import`: published notices to draft records, through the installed entry point, and
the corpus accuracy (tests/import_corpus/, scripts/import_accuracy.py)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from conftest import ROOT
from govorg.importer import ImportError_, NoticeKind, ReviewKind, import_notice
from govorg.importer.posts import read_posts

CORPUS = ROOT / "tests" / "import_corpus"


def govorg(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["govorg", *map(str, args)], capture_output=True, text=True, timeout=120, check=False)


def imported(tmp_path: Path, *notices: str, options: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    return govorg("import", *(CORPUS / f"{n}.txt" for n in notices), "--data", tmp_path, *options)


def test_a_renmian_notice_starts_a_registry(tmp_path: Path) -> None:
    result = imported(tmp_path, "01-county-renmian")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "imported" / "qf-2022-9.yaml").is_file()
    assert (tmp_path / "people" / "imported-qf-2022-9.yaml").is_file()
    assert "请核对：新机构青石县财政局（部门）：草稿，请核对" in result.stdout
    assert "01-county-renmian.txt：任免，读懂人事行" in result.stdout
    checked = govorg("validate", tmp_path)
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.rstrip().endswith("0 个错误，0 个警告")
    who = govorg("who", "青石县财政局", "局长", "--data", tmp_path, "--on", "2022-10-01")
    assert "郑海" in who.stdout and "王建国" not in who.stdout, who.stdout
    acting = govorg("who", "青石县教育局", "局长", "--data", tmp_path, "--on", "2022-10-01")
    assert "林涛" in acting.stdout and "代理" in acting.stdout, acting.stdout


def test_a_roster_notice_in_printed_order(tmp_path: Path) -> None:
    assert imported(tmp_path, "04-leading-group").returncode == 0
    assert govorg("validate", tmp_path).returncode == 0
    out = govorg("committee", "青川市数字经济发展领导小组", "--data", tmp_path, "--on", "2023-06-01").stdout
    order = ["赵立新", "钱  江", "孙  丽", "郑丽", "周敏", "吴刚", "王  芳", "林  涛", "市公安局分管副局长"]
    positions = [out.index(name) for name in order]
    assert positions == sorted(positions), out
    assert out.index("成员") < out.index("郑丽")  # the label alone on its line labels the names after it
    assert "办公室设在市发展改革委" in out and "钱江" in out


def test_division_and_stand_ins_answer_in_charge(tmp_path: Path) -> None:
    result = imported(tmp_path, "05-division", "06-ab-pairs")
    assert result.returncode == 0, result.stdout + result.stderr
    assert govorg("validate", tmp_path).returncode == 0
    leaders = govorg("leaders", "--data", tmp_path, "--on", "2022-05-01").stdout
    assert [line for line in leaders.splitlines() if line[:1].isdigit()] == ["1. 王红", "2. 孙丽", "3. 赵刚", "4. 李明"]
    audit = govorg("in-charge", "市审计局", "--absent", "wang-hong", "--data", tmp_path, "--on", "2022-05-01").stdout
    assert "分管：王红" in audit and "由李明代为负责" in audit, audit
    education = govorg(
        "in-charge", "市教育局", "--absent", "zhao-gang", "--data", tmp_path, "--on", "2022-05-01"
    ).stdout
    assert "由孙丽代为负责" in education, education
    before = govorg("in-charge", "市教育局", "--absent", "zhao-gang", "--data", tmp_path, "--on", "2022-03-15").stdout
    assert "由孙丽代为负责" not in before  # the AB角 notice is dated 2022-04-01


@pytest.mark.parametrize(
    ("notice", "options", "code"),
    [
        pytest.param("02-city-table", (), 0, id="every-line-read"),
        pytest.param("10-township-paragraphs", ("--government", "红岩乡人民政府"), 1, id="a-line-for-review"),
        pytest.param("02-city-table", ("--kind", "nonsense"), 2, id="usage"),
    ],
)
def test_exit_codes(tmp_path: Path, notice: str, options: tuple[str, ...], code: int) -> None:
    result = imported(tmp_path, notice, options=options)
    assert result.returncode == code, result.stdout + result.stderr


def test_lines_for_review_carry_their_line_numbers(tmp_path: Path) -> None:
    result = imported(tmp_path, "10-township-paragraphs")
    assert "10-township-paragraphs.txt:12: 未读懂：" in result.stdout  # 另，曾凡同志另有任用。
    elsewhere = tmp_path.with_name(tmp_path.name + "-en")
    english = govorg("--lang", "en", "import", CORPUS / "10-township-paragraphs.txt", "--data", elsewhere)
    assert "10-township-paragraphs.txt:12: NOT READ: " in english.stdout
    assert govorg("validate", tmp_path).returncode == 0  # the drafts are still written, and valid


def test_web_junk_is_skipped_and_listed(tmp_path: Path) -> None:
    result = imported(tmp_path, "08-web-junk")
    assert result.returncode == 0, result.stdout
    assert "08-web-junk.txt:2: 已跳过：页面杂项" in result.stdout
    assert "【打印】" in result.stdout


def test_a_second_import_never_rewrites_a_file(tmp_path: Path) -> None:
    assert imported(tmp_path, "01-county-renmian").returncode == 0
    draft = tmp_path / "imported" / "qf-2022-9.yaml"
    draft.write_text(draft.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    again = imported(tmp_path, "01-county-renmian")
    assert again.returncode == 2 and "imported already" in again.stderr
    assert draft.read_text(encoding="utf-8").endswith("# reviewed\n")


def test_people_are_matched_to_recorded_ids(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "tests" / "fixtures" / "renmian", tmp_path / "data")
    text = "青石县人民政府关于人事任免的通知\n免去林涛的青石县水利局局长职务。\n青石县人民政府\n2022年12月1日\n"
    draft = import_notice(text, data=tmp_path / "data")
    assert draft.body["removals"][0]["person"] == "lin-tao"
    assert "appointment" not in draft.body["removals"][0]  # the tenure is recorded
    assert draft.people == []
    assert any("matched to the recorded lin-tao" in item.message for item in draft.review)


def test_homonyms_get_a_new_id_and_a_flag(tmp_path: Path) -> None:
    text = "甲县人民政府关于人事任免的通知\n任命王伟为甲县财政局局长。\n任命王 炜为甲县审计局局长。\n甲县人民政府\n2022年1月5日\n"
    draft = import_notice(text, data=tmp_path)
    assert [p["id"] for p in draft.people] == ["wang-wei", "wang-wei-2"]
    assert any(item.kind is ReviewKind.GUESS and "homonym" in item.message for item in draft.review)


def test_date_and_government_from_the_options(tmp_path: Path) -> None:
    text = "人事任免\n任命周明为东川省交通运输厅副厅长。\n"
    with pytest.raises(ImportError_, match="--date"):
        import_notice(text, data=tmp_path, government="东川省人民政府")
    draft = import_notice(text, data=tmp_path, government="东川省人民政府", date="二〇二三年五月")
    assert draft.document["date"] == "二〇二三年五月"
    assert draft.kind is NoticeKind.APPOINTMENTS


@pytest.mark.parametrize(
    ("printed", "posts", "extra"),
    [
        pytest.param("甲市财政局局长（试用期一年）", [("甲市财政局", "局长")], {"probation": 12}, id="probation"),
        pytest.param("甲市财政局副局长(试用期满)", [("甲市财政局", "副局长")], {"confirmation": True}, id="confirmed"),
        pytest.param(
            "东川省交通运输厅副厅长、代理厅长",
            [("东川省交通运输厅", "副厅长"), ("东川省交通运输厅", "厅长")],
            {},
            id="acting",
        ),
        pytest.param("甲中学校长（管理岗位五级职员，相当于正处级）", [("甲中学", "校长")], {"rank": True}, id="rank"),
    ],
)
def test_printed_posts(printed: str, posts: list[tuple[str, str]], extra: dict[str, object]) -> None:
    read = read_posts(printed)
    assert [(p.organisation, p.title) for p in read.posts] == posts
    assert read.probation_months == extra.get("probation")
    assert read.confirmation is bool(extra.get("confirmation"))
    assert (read.rank is not None) is bool(extra.get("rank"))


def _accuracy() -> ModuleType:
    spec = importlib.util.spec_from_file_location("import_accuracy", ROOT / "scripts" / "import_accuracy.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_corpus_accuracy() -> None:
    accuracy = _accuracy()
    scores = [accuracy.score(n) for n in accuracy.corpus()]
    assert len(scores) >= 8
    right, fields = sum(s.right for s in scores), sum(s.fields for s in scores)
    assert right / fields >= 0.95, [w for s in scores for w in s.wrong]
    assert all(s.accounted == s.personnel_lines for s in scores)


def test_the_whole_corpus_validates_in_one_folder(tmp_path: Path) -> None:
    accuracy = _accuracy()
    for notice in accuracy.corpus():
        spec = accuracy.expected_of(notice)
        options = [f"--{k}={v}" for k, v in spec.get("options", {}).items()]
        assert govorg("import", notice, "--data", tmp_path, *options).returncode in (0, 1)
    result = govorg("validate", tmp_path)
    assert result.stdout.splitlines()[-1].startswith("0 个错误"), result.stdout
