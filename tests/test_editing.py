"""The clerk's editing help: the JSON Schema of record files, fmt, new person, validate in context."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

from conftest import DATA, ROOT
from govorg.ids import suggest_person_id
from govorg.loader import data_files, load
from govorg.recordschema import plain, record_schema
from govorg.validate import validate
from govorg.yamlfmt import format_text
from govorg.yamlio import parse_text

SCHEMA_PATH = ROOT / "schemas" / "govorg-record.schema.json"
EXAMPLES = [DATA, ROOT / "tests" / "fixtures", ROOT / "tests" / "record_kinds"]
EXAMPLE_FILES = sorted(path for folder in EXAMPLES for path in data_files(folder))


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def file_value(path: Path) -> object:
    root, problems = parse_text(path.read_text(encoding="utf-8"), str(path))
    assert not problems
    return plain(root)


def test_the_committed_schema_is_the_generators_output() -> None:
    generated = json.dumps(record_schema(EXAMPLES), ensure_ascii=False, indent=2) + "\n"
    assert SCHEMA_PATH.read_text(encoding="utf-8") == generated, (
        "run: python scripts/record_schema.py > schemas/govorg-record.schema.json"
    )


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=rel)
def test_the_sample_data_validates_against_the_schema(validator: jsonschema.Draft202012Validator, path: Path) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(file_value(path))]
    assert errors == []


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        pytest.param("format: 1\npeople:\n  - {id: li-si, name: 李四, nmae: 李四}\n", "nmae", id="unknown-key"),
        pytest.param(
            "format: 1\norganisations:\n  - {id: x, name: 某局, kind: departmnet}\n", "departmnet", id="bad-enum"
        ),
        pytest.param("format: 2\n", "1 was expected", id="format"),
        pytest.param("format: 1\npeople:\n  - {id: li-si}\n", "'name' is a required property", id="required"),
        pytest.param(
            "format: 1\ndocument: {id: d, title: t, date: 2021-05-01}\nappointments:\n  - {person: li-si, post: {organisation: x, title: y}, probation_months: 十二}\n",
            "is not of type 'integer'",
            id="integer",
        ),
    ],
)
def test_the_schema_rejects_what_validate_rejects(
    validator: jsonschema.Draft202012Validator, text: str, complaint: str
) -> None:
    root, _ = parse_text(text, "x.yaml")
    messages = " ".join(e.message for e in validator.iter_errors(plain(root)))
    assert complaint in messages


# -- govorg fmt -------------------------------------------------------------------------------

COMMENT = re.compile(r"#.*$")


def comments(text: str) -> list[str]:
    return sorted(m.group(0).strip() for line in text.splitlines() if (m := COMMENT.search(line)))


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=rel)
def test_fmt_keeps_every_value_and_comment_and_is_idempotent(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    once = format_text(text, str(path))
    assert plain(parse_text(once, "x")[0]) == plain(parse_text(text, "x")[0])
    assert comments(once) == comments(text)
    assert format_text(once, str(path)) == once


@pytest.mark.parametrize(
    "folder", [DATA, *sorted(p for p in (ROOT / "tests" / "fixtures").iterdir() if p.is_dir())], ids=rel
)
def test_fmt_then_validate_gives_the_same_records(folder: Path, tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(folder, copy)
    assert govorg("fmt", str(copy)).returncode == 0
    assert govorg("fmt", "--check", str(copy)).returncode == 0
    before, after = validate(load(folder)), validate(load(copy))
    assert [(p.code, p.severity) for p in after.problems] == [(p.code, p.severity) for p in before.problems]
    assert len(after.tenures) == len(before.tenures)
    for name in ("documents", "organisations", "people", "appointments", "removals", "attestations", "rosters"):
        assert sorted(map(_without_location, getattr(after.loaded.records, name))) == sorted(
            map(_without_location, getattr(before.loaded.records, name))
        ), name


def _without_location(record: object) -> str:
    return re.sub(r"Location\([^)]*\)", "", repr(record))


def test_fmt_check_reports_a_file_that_would_change(tmp_path: Path) -> None:
    path = tmp_path / "people.yaml"
    path.write_text("format: 1\npeople:\n- name: 李四   # a comment\n  id: li-si\n", encoding="utf-8")
    check = govorg("fmt", "--check", str(path))
    assert check.returncode == 1 and "people.yaml" in check.stdout
    assert govorg("fmt", str(path)).returncode == 0
    assert path.read_text(encoding="utf-8") == "format: 1\npeople:\n  - id: li-si\n    name: 李四 # a comment\n"
    assert govorg("fmt", "--check", str(path)).returncode == 0


def test_fmt_leaves_a_broken_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("format: 1\npeople: [\n", encoding="utf-8")
    result = govorg("fmt", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert path.read_text(encoding="utf-8") == "format: 1\npeople: [\n"


# -- govorg new person ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "existing", "expected"),
    [
        pytest.param("王峰", set(), "wang-feng", id="plain"),
        pytest.param("王 峰", set(), "wang-feng", id="padded"),
        pytest.param("王峰", {"wang-feng"}, "wang-feng-2", id="homonym"),
        pytest.param("王峰", {"wang-feng", "wang-feng-2"}, "wang-feng-3", id="third"),
        pytest.param("欧阳娜娜", set(), "ouyang-nana", id="compound-surname"),
        pytest.param("单雄", set(), "shan-xiong", id="surname-reading"),
        pytest.param("吕明", set(), "lv-ming", id="u-umlaut"),
        pytest.param("艾力更・依明巴海", set(), "ailigeng-yimingbahai", id="transliterated"),
    ],
)
def test_suggest_person_id(name: str, existing: set[str], expected: str) -> None:
    assert suggest_person_id(name, existing) == expected


def test_new_person_appends_and_warns_about_homonyms(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "tiny", data)
    people = data / "people" / "people.yaml"
    before = people.read_text(encoding="utf-8")
    new = govorg("new", "person", "李四", "--data", str(data))
    assert new.returncode == 0 and new.stdout.strip() == "li-si-2"
    assert "li-si（李四）" in new.stderr
    after = people.read_text(encoding="utf-8")
    assert after.startswith(before) and after[len(before) :] == "  - {id: li-si-2, name: 李四}\n"
    fresh = govorg("new", "person", "钱 七", "--data", str(data))
    assert fresh.stdout.strip() == "qian-qi" and fresh.stderr.count("\n") == 1  # no homonym warning
    assert '{id: qian-qi, name: 钱七, printed: ["钱 七"]}' in people.read_text(encoding="utf-8")
    assert govorg("validate", str(data)).returncode == 0


def test_new_person_starts_an_empty_folder(tmp_path: Path) -> None:
    result = govorg("new", "person", "周明", "--data", str(tmp_path / "fresh"))
    assert result.returncode == 0
    written = tmp_path / "fresh" / "people" / "people.yaml"
    assert written.read_text(encoding="utf-8") == "format: 1\npeople:\n  - {id: zhou-ming, name: 周明}\n"


# -- govorg validate --------------------------------------------------------------------------


def test_validate_a_file_in_the_context_of_its_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "tiny", data)
    new = data / "appointments" / "new.yaml"
    new.write_text(
        "format: 1\ndocument: {id: new-doc, title: 测试, date: 2021-08-01}\nappointments:\n"
        "  - person: li-si\n    post: {organisation: 区房管局, title: 副局长}\n",
        encoding="utf-8",
    )
    alone = govorg("validate", str(new), "--data", str(tmp_path / "nowhere-else"))
    assert alone.returncode == 1  # outside its folder, li-si and 区房管局 are unknown
    found = govorg("validate", str(new))  # walks up to the folder holding organisations/
    assert found.returncode == 0, found.stdout
    missing = govorg("validate", str(data / "appointments" / "typo.yaml"))
    assert missing.returncode == 1 and "GO100" in missing.stdout
    both = govorg("validate", str(new), str(data / "people"))
    assert both.returncode == 0 and both.stdout.count("个数据文件") == 1  # one data folder, checked once


def test_validate_strict_fails_on_warnings(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "tiny", data)
    shutil.copy(ROOT / "tests" / "broken" / "GO311-probation-printed-not-recorded.yaml", data / "warn.yaml")
    lenient = govorg("validate", str(data))
    assert lenient.returncode == 0 and "GO311" in lenient.stdout
    strict = govorg("validate", "--strict", str(data))
    assert strict.returncode == 1 and "--strict" in strict.stdout


def test_validate_several_folders(tmp_path: Path) -> None:
    result = govorg("validate", str(ROOT / "tests" / "fixtures" / "tiny"), str(ROOT / "tests" / "fixtures" / "renmian"))
    assert result.returncode == 0, result.stdout
    assert result.stdout.count("个数据文件") == 2


def govorg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["govorg", *args], capture_output=True, text=True, timeout=120, check=False, cwd=ROOT)


# -- govorg diff --git ------------------------------------------------------------------------


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.email=clerk@example.org", "-c", "user.name=clerk", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def test_diff_git_says_what_a_commit_changes(tmp_path: Path) -> None:
    repo = tmp_path / "registry"
    shutil.copytree(ROOT / "tests" / "fixtures" / "tiny", repo / "data")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "start")
    (repo / "data" / "appointments" / "new.yaml").write_text(
        "format: 1\ndocument: {id: new-doc, title: 测试, date: 2021-08-01}\nappointments:\n"
        "  - person: li-si\n    post: {organisation: 区房管局, title: 副局长}\n    probation_months: 12\n"
        "  - person: zhang-san\n    post: {organisation: 区房管局, title: 局长}\n    confirmation: true\n"
        "removals:\n  - person: zhao-liu\n    post: {organisation: 区房管局, title: 副局长}\n",
        encoding="utf-8",
    )
    roster = repo / "data" / "roster.yaml"
    roster.write_text(roster.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")  # a comment: no change
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "notice")
    result = subprocess.run(
        ["govorg", "diff", "--git", "HEAD~1..HEAD", "--data", str(repo / "data")],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "HEAD~1..HEAD 的记录变动：4 项"
    assert "  任命 李四 为 区房管局副局长（2021-08-01），试用期 12 个月" in lines
    assert "  张三 区房管局局长 试用期满（2021-08-01）" in lines
    assert "  免去 赵六 的 区房管局副局长（2021-08-01）" in lines
    assert not any("名单" in line for line in lines)

    text = roster.read_text(encoding="utf-8")
    roster.write_text(text.replace("format: 1", "format: 1  # edited", 1) + "", encoding="utf-8")
    (repo / "data" / "appointments" / "new.yaml").unlink()
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "undo")
    undo = subprocess.run(
        ["govorg", "diff", "--git", "HEAD~1..HEAD", "--data", str(repo / "data"), "--lang", "en"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    ).stdout
    assert "deleted the appointment of 李四 区房管局副局长 (2021-08-01)" in undo
    bad = subprocess.run(
        ["govorg", "diff", "--git", "no-such-rev..HEAD", "--data", str(repo / "data")],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
