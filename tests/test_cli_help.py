"""`--help` follows `--lang`: Chinese by default (the commands' texts and argparse's own words),
English with `--lang en`, and every help text is written in both languages."""

from __future__ import annotations

import argparse
import re
import subprocess
from collections.abc import Iterator

import pytest

from conftest import ROOT
from govorg.cli.argwords import argparse_words
from govorg.cli.main import build_parser
from govorg.cli.text import lang, set_lang

CJK = re.compile(r"[\u4e00-\u9fff]")

# Help texts that are only technical tokens (option names, YAML keys, URLs) and so are the same in
# both languages. None today: every text says something in words.
TECHNICAL: frozenset[str] = frozenset()


def govorg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["govorg", *args], capture_output=True, text=True, timeout=120, check=False, cwd=ROOT)


@pytest.mark.parametrize(
    ("args", "chinese", "english"),
    [
        pytest.param(
            ("--help",),
            ["用法：govorg", "位置参数", "选项", "显示本帮助并退出", "示例：", "退出码：", "某日谁担任某职务"],
            ["usage:", "positional arguments", "show this help message and exit", "examples:", "exit codes:"],
            id="top",
        ),
        pytest.param(
            ("who", "--help"),
            ["用法：govorg who", "所查询的日期，YYYY-MM-DD", "输出 JSON", "示例：\n  govorg who"],
            ["usage:", "the day asked about", "print JSON", "example:", "Who holds a post on a day"],
            id="who",
        ),
    ],
)
def test_help_is_chinese_by_default_and_english_with_lang_en(
    args: tuple[str, ...], chinese: list[str], english: list[str]
) -> None:
    zh = govorg(*args)
    assert zh.returncode == 0, zh.stderr
    for text in chinese:
        assert text in zh.stdout, text
    for text in english:
        assert text not in zh.stdout, text
    en = govorg(*args, "--lang", "en")
    assert en.returncode == 0, en.stderr
    for text in english:
        assert text in en.stdout, text
    for text in ("用法：", "选项", "显示本帮助并退出", "示例：", "输出 JSON"):
        assert text not in en.stdout, text


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        pytest.param(
            ("who",), "错误：缺少以下必需参数：", "error: the following arguments are required:", id="required"
        ),
        pytest.param(("list", "bogus"), "无效的选项值：'bogus'", "invalid choice: 'bogus'", id="choice"),
        pytest.param(
            ("who", "a", "b", "--nope"), "无法识别的参数：--nope", "unrecognized arguments: --nope", id="unknown"
        ),
    ],
)
def test_argparse_errors_follow_lang(args: tuple[str, ...], zh: str, en: str) -> None:
    chinese = govorg(*args)
    assert chinese.returncode == 2 and zh in chinese.stderr and "用法：" in chinese.stderr
    english = govorg(*args, "--lang", "en")
    assert english.returncode == 2 and en in english.stderr and "usage:" in english.stderr


def texts(parser: argparse.ArgumentParser, where: str = "govorg") -> Iterator[tuple[str, str | None]]:
    """(place, text) for the parser's description, epilog and every action's help, depth first."""
    yield f"{where} description", parser.description
    yield f"{where} epilog", parser.epilog
    for action in parser._actions:
        name = "/".join(action.option_strings) or action.dest
        if action.help != argparse.SUPPRESS:
            yield f"{where} {name}", action.help
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                yield f"{where} {choice.dest} (summary)", choice.help
            for command, sub in action.choices.items():
                yield from texts(sub, f"{where} {command}")


def built(language: str) -> tuple[list[tuple[str, str | None]], argparse.ArgumentParser]:
    before = lang()
    set_lang(language)
    try:
        with argparse_words(language):
            parser = build_parser()
            return list(texts(parser)), parser
    finally:
        set_lang(before)


def test_every_help_text_is_written_in_both_languages() -> None:
    zh, _ = built("zh")
    en, _ = built("en")
    assert [place for place, _ in zh] == [place for place, _ in en]  # the same parser in both
    for (place, chinese), (_, english) in zip(zh, en, strict=True):
        if english is None:
            assert chinese is None, place
            continue
        assert chinese is not None, place
        if english in TECHNICAL:
            assert chinese == english, place
            continue
        assert chinese != english, f"{place}: only in English: {english!r}"
        assert CJK.search(chinese), f"{place}: no Chinese in {chinese!r}"


def every_parser(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from every_parser(sub)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_help_page_formats(language: str) -> None:
    """A `%` in a help text must be `%%` (argparse formats them): each page renders in both."""
    before = lang()
    set_lang(language)
    try:
        with argparse_words(language):
            for parser in every_parser(build_parser()):
                assert parser.format_help()
    finally:
        set_lang(before)
