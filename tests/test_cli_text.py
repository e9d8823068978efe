"""Text for people: Chinese by default, English with --lang en, columns by display width,
windows that cannot read backwards, --version, examples in --help, consistent exit codes."""

from __future__ import annotations

import string
import subprocess

import pytest

from conftest import ROOT
from govorg.cli.text import MESSAGES, NOTES, pad, set_lang, table, tenure_span, when, width


def govorg(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["govorg", *args], capture_output=True, text=True, timeout=120, check=False, cwd=ROOT, env=env
    )


def test_every_message_has_the_same_fields_in_both_languages() -> None:
    import string

    for key, (zh, en) in MESSAGES.items():
        fields = [{f for _, f, _, _ in string.Formatter().parse(text) if f} for text in (zh, en)]
        assert fields[0] == fields[1], key


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        pytest.param("zh", "2021-04..2021-06", "2021年4月至6月间", id="zh-span"),
        pytest.param("zh", "2021年4月至6月", "2021年4月至6月间", id="zh-printed-span"),
        pytest.param("zh", "2020-11..2021-02", "2020年11月至2021年2月间", id="zh-span-over-a-year"),
        pytest.param("zh", "2021-Q2", "2021年4月至6月", id="zh-quarter"),
        pytest.param("zh", "2021-04", "2021年4月", id="zh-month"),
        pytest.param("zh", "2021", "2021年", id="zh-year"),
        pytest.param("zh", "2021-04-13..2021-05-02", "2021-04-13至2021-05-02间", id="zh-days"),
        pytest.param("zh", "on or before 2021-06-30", "不晚于 2021-06-30", id="zh-open-start"),
        pytest.param("en", "2021-04..2021-06", "between April and June 2021", id="en-span"),
        pytest.param("en", "2020-11..2021-02", "between November 2020 and February 2021", id="en-span-over-a-year"),
        pytest.param("en", "2021-Q2", "April to June 2021", id="en-quarter"),
        pytest.param("en", "2021-04", "April 2021", id="en-month"),
        pytest.param("en", "on or before 2021-06-30", "no later than 2021-06-30", id="en-open-start"),
        pytest.param("zh", "2021-04-13", "2021-04-13", id="day"),
        pytest.param("en", None, "date unknown", id="unknown"),
    ],
)
def test_windows_read_clearly(lang: str, text: str | None, expected: str) -> None:
    set_lang(lang)
    try:
        assert when(text) == expected
    finally:
        set_lang("zh")


def test_columns_line_up_by_display_width() -> None:
    assert width("王峰") == 4 and width("张徐勇") == 6 and width("ab") == 2
    lines = table([["王峰", "确定", "x"], ["张徐勇", "可能", "y"]])
    assert lines == ["  王峰    确定  x", "  张徐勇  可能  y"]
    assert pad("王峰", 6) == "王峰  "


def test_who_lines_up_names_of_two_and_three_characters() -> None:
    result = govorg("who", "区房管局", "副局长", "--on", "2021-05-01")
    rows = [line for line in result.stdout.splitlines() if line.startswith("  ")]
    certainty_columns = {width(line[: line.index(word)]) for line in rows for word in ("确定", "可能") if word in line}
    assert len(rows) == 3 and len(certainty_columns) == 1


def test_who_in_chinese_and_english() -> None:
    zh = govorg("who", "区房管局", "副局长", "--on", "2021-05-01").stdout
    assert "长宁区住房保障和房屋管理局 副局长（2021-05-01）：" in zh
    assert "王峰  可能  任职起始日期未记录，2021年4月至6月间 止" in zh
    assert "试用期（可能）" in zh
    assert not any(word in zh for word in ("POSSIBLE", "CERTAIN", "from", "probation"))
    en = govorg("who", "区房管局", "副局长", "--on", "2021-05-01", "--lang", "en").stdout
    assert "from an unrecorded date to between April and June 2021" in en and "on probation" in en
    assert govorg("--lang", "en", "who", "区房管局", "副局长", "--on", "2021-05-01").stdout == en


def test_json_is_the_same_in_both_languages() -> None:
    args = ("who", "区房管局", "副局长", "--on", "2021-05-01", "--json")
    assert govorg(*args).stdout == govorg(*args, "--lang", "en").stdout


def test_in_charge_stand_in_in_chinese() -> None:
    text = govorg("in-charge", "区教育局", "--on", "2021-06-10", "--absent", "lu-hao").stdout
    assert "陆浩不在岗：由岑福康代为负责（陆浩 → 岑福康）" in text
    assert "absent" not in text and "stands in" not in text


@pytest.mark.parametrize(
    ("args", "code", "stderr"),
    [
        pytest.param(("who", "区房管局", "付局长"), 1, "是否要找：副局长", id="misspelled-title"),
        pytest.param(("who", "区房官局", "副局长"), 1, "没有名为 区房官局 的机构", id="unknown-organisation"),
        pytest.param(("who", "区房管局", "副局长", "--on", "2021-02-30"), 2, "不是日历上的日期", id="bad-date"),
        pytest.param(("who", "区房管局"), 2, "用法：", id="missing-argument"),
        pytest.param(("nonsense",), 2, "用法：", id="unknown-command"),
    ],
)
def test_exit_codes(args: tuple[str, ...], code: int, stderr: str) -> None:
    result = govorg(*args)
    assert result.returncode == code and stderr in result.stderr
    assert "Traceback" not in result.stderr


def test_misspelled_title_in_english() -> None:
    result = govorg("who", "区房管局", "付局长", "--lang", "en")
    assert result.returncode == 1 and "did you mean: 副局长" in result.stderr


def test_version_and_examples() -> None:
    from importlib.metadata import version

    result = govorg("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"govorg {version('govorg')}"
    help_text = govorg("--help").stdout
    assert "示例：" in help_text and "govorg validate data/" in help_text and "退出码：" in help_text
    help_text = govorg("--help", "--lang", "en").stdout
    assert "examples:" in help_text and "govorg validate data/" in help_text and "exit codes:" in help_text


def test_lang_from_the_environment() -> None:
    import os

    env = {**os.environ, "GOVORG_LANG": "en"}
    assert govorg("validate", "data/", env=env).stdout.rstrip().endswith("0 error(s), 0 warning(s)")


class _Terminal:
    """A stand-in for a terminal's stderr."""

    def __init__(self) -> None:
        self.text = ""

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass


@pytest.mark.parametrize(("terminal", "shown"), [(True, True), (False, False)], ids=["terminal", "pipe"])
def test_a_long_load_shows_progress_only_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, terminal: bool, shown: bool
) -> None:
    import io
    import sys
    import time

    from govorg.cli.common import loading

    err: object = _Terminal() if terminal else io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    with loading(after=0.05):
        time.sleep(0.8)
    text = err.text if isinstance(err, _Terminal) else err.getvalue()  # type: ignore[union-attr]
    assert ("读取数据" in text) is shown
    with loading(after=5):  # a quick load says nothing
        pass
    assert (err.text if isinstance(err, _Terminal) else err.getvalue()) == text  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        pytest.param(
            "on or before 2021-06-30",
            "2021-04..2021-06",
            ("起始日期未记录", "2021年4月至6月间"),
            id="start-from-the-end",
        ),
        pytest.param(
            "on or before 2021-03-31",
            "2021-04..2021-06",
            ("不晚于 2021-03-31", "2021年4月至6月间"),
            id="start-before-the-end",
        ),
        pytest.param("2021-04-13", None, ("2021-04-13", None), id="open-end"),
    ],
)
def test_a_tenure_never_reads_as_ending_before_it_starts(
    start: str, end: str | None, expected: tuple[str, str | None]
) -> None:
    assert tenure_span(start, end) == expected


def test_the_timeline_in_words() -> None:
    zh = govorg("timeline", "徐永初").stdout
    assert "上海市第三女子中学校长  起始日期未记录 – 2021年4月至6月间" in zh
    en = govorg("--lang", "en", "timeline", "徐永初").stdout
    assert "上海市第三女子中学校长  an unrecorded date – between April and June 2021" in en


def _note_templates() -> set[str]:
    import ast

    found = set()
    for path in (ROOT / "src" / "govorg").rglob("*.py"):
        if path.name == "notes.py":  # the class itself
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Note" and node.args:
                first = node.args[0]
                assert isinstance(first, ast.Constant), f"{path}:{node.lineno}: a Note's template must be a literal"
                found.add(first.value)
    return found


def test_every_library_note_has_chinese() -> None:
    templates = _note_templates()
    assert "may have left {title} ({end})" in templates
    assert templates - set(NOTES) == set()
    for template in templates:
        assert {f for _, f, _, _ in string.Formatter().parse(template) if f} == {
            f for _, f, _, _ in string.Formatter().parse(NOTES[template]) if f
        }, template
