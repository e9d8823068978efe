"""argparse's own words ("usage:", "options", "invalid choice", ...) in the CLI's language.

argparse looks each of its strings up through `_` (gettext) and `ngettext`, names its module binds
at import and calls at run time, in about twenty places: the parser's constructor (headings, `-h`'s
help), the formatter ("usage: "), the actions and `parse_args`' errors. Rebinding those two names
for the length of building and parsing the parser keeps every one of argparse's code paths as it
is on 3.11, 3.12 and 3.13 (a formatter or parser subclass would have to copy private methods whose
bodies differ between those versions), and needs no compiled `.mo` catalogue. A string not in the
table (one a later Python adds) stays English rather than failing.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

# argparse's msgids (3.11-3.13) -> Chinese. Placeholders are kept as they are.
ZH: dict[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "%(heading)s:": "%(heading)s：",  # a section heading's colon, looked up from 3.13 on (3.11 prints ":")
    "optional arguments": "选项",  # before 3.10; kept for completeness
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示程序版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少以下必需参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项值：%(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "expected one argument": "需要一个值",
    "expected at most one argument": "至多需要一个值",
    "expected at least one argument": "至少需要一个值",
    "ambiguous option: %(option)s could match %(matches)s": "有歧义的选项：%(option)s 可匹配 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同用",
    "one of the arguments %s is required": "须给出参数 %s 之一",
    "ignored explicit argument %r": "忽略了显式给出的值 %r",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知的子命令 %(parser_name)r（可选：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开 '%(filename)s'：%(error)s",
}
# ngettext's (singular, plural) -> Chinese, which has one form
ZH_PLURAL: dict[tuple[str, str], str] = {
    ("expected %s argument", "expected %s arguments"): "需要 %s 个值",
}


def word(message: str) -> str:
    """argparse's `_` in Chinese."""
    return ZH.get(message, message)


def words(singular: str, plural: str, n: int) -> str:
    """argparse's `ngettext` in Chinese."""
    return ZH_PLURAL.get((singular, plural), singular if n == 1 else plural)


@contextmanager
def argparse_words(lang: str) -> Iterator[None]:
    """Inside, argparse speaks `lang` ("zh" or "en"); outside, it is as it was."""
    if lang != "zh":
        yield
        return
    names = vars(argparse)  # typeshed does not declare argparse's `_` and `ngettext`
    saved = names["_"], names["ngettext"]
    names["_"], names["ngettext"] = word, words
    try:
        yield
    finally:
        names["_"], names["ngettext"] = saved
