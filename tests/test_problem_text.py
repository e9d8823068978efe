"""Problems said in Chinese (the CLI's default) and in English (`--lang en`, and the API).

Messages and hints are `Text` templates with their fields; `govorg.problems_zh` holds the
Chinese of every code and every template. These tests read every template written in
src/govorg, so a message added in English only fails here, and they run every broken input
of the corpus through the Chinese rendering with no fallback allowed."""

from __future__ import annotations

import ast
import pickle
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from govorg.loader import load
from govorg.problems import CODES, Location, Text, problem
from govorg.problems_zh import CODES_ZH, MESSAGES, TERMS, format_zh, say_zh, template_fields
from govorg.validate import validate

BROKEN = Path(__file__).resolve().parent / "broken"
SRC = ROOT / "src" / "govorg"

# Calls whose message (positional from the index) and `hint=` are words for people.
_CALLS = {"problem": 2, "error": 2, "Contradiction": 1, "DateError": 0, "DocumentNumberError": 0}


def _templates() -> dict[str, str]:
    """Every message and hint template in src/govorg -> where it is written; f-strings as
    "<f-string>" (they cannot be translated, so they must not be there)."""
    found: dict[str, str] = {}
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            exprs: list[ast.expr] = []
            if name == "Text" and node.args:
                exprs.append(node.args[0])
            elif name in _CALLS:
                exprs += node.args[_CALLS[name] :]
                exprs += [k.value for k in node.keywords if k.arg == "hint"]
            for expr in exprs:
                for one in [expr.body, expr.orelse] if isinstance(expr, ast.IfExp) else [expr]:
                    where = f"{path.relative_to(ROOT)}:{one.lineno}"
                    if isinstance(one, ast.JoinedStr):
                        found[f"<f-string at {where}>"] = where
                    elif isinstance(one, ast.Constant) and isinstance(one.value, str) and one.value:
                        found.setdefault(one.value, where)
    return found


TEMPLATES = _templates()


def test_the_scan_finds_the_messages() -> None:
    assert "unknown organisation {text!r}" in TEMPLATES and len(TEMPLATES) > 150


def test_no_message_is_an_f_string() -> None:
    assert [t for t in TEMPLATES if t.startswith("<f-string")] == []


def test_every_template_has_chinese_with_the_same_fields() -> None:
    missing = {t: w for t, w in TEMPLATES.items() if t not in MESSAGES}
    assert missing == {}
    for english, chinese in MESSAGES.items():
        assert template_fields(english) == template_fields(chinese), english


def test_every_code_has_a_chinese_title_and_fix() -> None:
    assert set(CODES_ZH) == set(CODES)
    for code, (title, fix) in CODES_ZH.items():
        assert title and fix and title != CODES[code].title, code


@pytest.mark.parametrize(
    ("text", "en", "zh"),
    [
        pytest.param(
            Text("unknown person {text!r}", text="wang-feng"),
            "unknown person 'wang-feng'",
            "未知人员 'wang-feng'",
            id="field",
        ),
        pytest.param(
            Text("unknown key `{key}` in {what}", key="psot", what="appointment"),
            "unknown key `psot` in appointment",
            "任命中有未知的键 `psot`",
            id="term-field",
        ),
        pytest.param(
            Text("{what} is missing `{key}`", what=Text("`{key}` of a change", key="set"), key="units"),
            "`set` of a change is missing `units`",
            "调整的 `set`缺少 `units`",
            id="nested-text",
        ),
        pytest.param(
            Text("the file has {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}", size=12345678, MAX_FILE_BYTES=10),
            "the file has 12,345,678 bytes, over the limit of 10",
            "文件有 12,345,678 字节，超过上限 10",
            id="format-spec",
        ),
        pytest.param(
            Text("add `post: {organisation: …, title: …}`"),
            "add `post: {organisation: …, title: …}`",
            "加上 `post: {organisation: …, title: …}`",
            id="literal-braces",
        ),
        pytest.param(
            Text("an English line nobody translated"),
            "an English line nobody translated",
            "an English line nobody translated",
            id="fallback",
        ),
    ],
)
def test_text_in_both_languages(text: Text, en: str, zh: str) -> None:
    assert str(text) == en and f"{text}" == en
    assert say_zh(text) == zh


def test_problems_keep_their_english_and_say_chinese() -> None:
    p = problem(
        "GO201",
        Location("a.yaml", 3, 5),
        Text("unknown person {text!r}", text="wang-fen"),
        hint=Text("did you mean {id!r} ({name})?", id="wang-feng", name="王峰"),
    )
    assert p.message == "unknown person 'wang-fen'" and p.hint == "did you mean 'wang-feng' (王峰)?"
    assert p.format() == "a.yaml:3:5: error GO201: unknown person 'wang-fen'; did you mean 'wang-feng' (王峰)?"
    assert p.format("zh") == "a.yaml:3:5: 错误 GO201：未知人员 'wang-fen'；是否要写 'wang-feng'（王峰）？"
    again = pickle.loads(pickle.dumps(p))  # the parse cache pickles problems
    assert again == p and again.format("zh") == p.format("zh")


def test_a_problem_built_by_hand_falls_back_to_its_english() -> None:
    from govorg.problems import Problem

    p = Problem(Location("a.yaml"), "GO100", "something odd")
    assert p.format("zh") == "a.yaml: 错误 GO100：something odd"


CASES = sorted(BROKEN.glob("*.yaml"))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_every_broken_input_is_said_in_chinese(case: Path, tiny_copy: Path) -> None:
    target = tiny_copy / "broken" / case.name
    target.parent.mkdir()
    shutil.copy(case, target)
    problems = validate(load(tiny_copy)).problems
    assert problems
    for p in problems:
        line = format_zh(p, strict=True)  # raises on any English template or term left untranslated
        assert f"{p.code}：" in line and (" 错误 " in line or " 警告 " in line)
        if p.code == "GO100":  # the YAML parser's own words are said in Chinese too
            assert not re.search(r"\b(while|did not|found|could not|allowed)\b", line), line


def test_terms_are_chinese() -> None:
    assert all((value and key != value) or key == "true/false" for key, value in TERMS.items())


def _govorg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["govorg", *args], capture_output=True, text=True, timeout=120, check=False, cwd=ROOT)


@pytest.mark.parametrize(
    ("name", "zh", "en"),
    [
        pytest.param(
            "GO202-unknown-organisation.yaml", "错误 GO202：未知机构", "error GO202: unknown organisation", id="GO202"
        ),
        pytest.param("GO101-unknown-key.yaml", "错误 GO101：", "error GO101: unknown key", id="GO101"),
        pytest.param("GO110-bad-date.yaml", "错误 GO110：", "error GO110: ", id="GO110"),
    ],
)
def test_validate_prints_chinese_by_default_and_english_with_lang_en(
    name: str, zh: str, en: str, tiny_copy: Path
) -> None:
    case = BROKEN / name
    if not case.exists():  # the corpus names its cases; pick the first of that code
        case = sorted(BROKEN.glob(f"{name.split('-')[0]}-*.yaml"))[0]
    target = tiny_copy / "broken" / case.name
    target.parent.mkdir()
    shutil.copy(case, target)
    chinese = _govorg("validate", str(tiny_copy))
    english = _govorg("--lang", "en", "validate", str(tiny_copy))
    assert chinese.returncode == english.returncode == 1
    assert zh in chinese.stdout + chinese.stderr, chinese
    assert en in english.stdout + english.stderr, english
    said = [line for line in (chinese.stdout + chinese.stderr).splitlines() if case.name in line]
    assert said and all(" error " not in line for line in said)
