"""Text normalisation for pasted notices: one `Line` per printed line, with its number.

A notice copied from a gazette, a web page or a PDF prints the same thing many ways. The
parsers read `Line.text`, where those differences are folded:

- Traditional script becomes Simplified (OpenCC, through `govorg.names.to_simplified`);
- full-width letters, digits and punctuation become half-width (Unicode NFKC: ：→:, （→();
- zero-width characters and the BOM are dropped, and runs of spaces inside a line kept (tables
  are flattened to space- or tab-separated columns, so the spaces carry meaning);
- web page furniture (字号: 大 中 小, 分享到, 【打印】, 【关闭】 …) is recognised as junk.

`Line.raw` keeps the line as printed: every record's `printed` text comes from it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from govorg.names import to_simplified

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))

# Web page and PDF furniture that copy-and-paste brings along. Matched on the folded text.
_JUNK = re.compile(
    r"^(?:字号|字体|分享|【?打印|【?关闭|【?收藏|扫一扫|浏览次数|阅读次数|访问次数|点击数|来源:|发布时间|发布日期|"
    r"信息来源|责任编辑|当前位置|首页\s*>|上一篇|下一篇|相关链接|附件下载|【字号|\[打印\]|\[关闭\]|第\s*\d+\s*页|-\s*\d+\s*-$|\d+$)"
)
_BRACKET_JUNK = re.compile(r"【[^】]{1,6}】|\[(?:打印|关闭|收藏|大|中|小)\]")


@dataclass(frozen=True, slots=True)
class Line:
    no: int  # 1-based line number in the notice file
    raw: str  # as printed, stripped of surrounding spaces
    text: str  # folded for parsing (Simplified, half-width), stripped


def fold(text: str) -> str:
    """The parsing form of printed text.

    >>> fold("任命 張 三 為 樣板市財政局局長（試用期一年）")
    '任命 张 三 为 样板市财政局局长(试用期一年)'
    """
    text = unicodedata.normalize("NFKC", text.translate(_ZERO_WIDTH)).replace("\u3000", " ")
    return to_simplified(text).strip()


def is_junk(text: str) -> bool:
    """Web page furniture: 字号: 大 中 小, 分享到:, 【打印】【关闭】, a page number alone."""
    if _JUNK.match(text):
        return True
    rest = _BRACKET_JUNK.sub("", text).strip()
    return rest != text and not rest


def lines_of(notice: str) -> list[Line]:
    """Every non-empty line with its number; junk is kept (the review list reports it)."""
    found: list[Line] = []
    for no, raw in enumerate(notice.splitlines(), start=1):
        raw = raw.translate(_ZERO_WIDTH).strip().strip("\u3000")
        if raw:
            found.append(Line(no, raw, fold(raw)))
    return found


def squeeze(text: str) -> str:
    """Text with every space removed (names padded to three characters: 王  伟)."""
    return "".join(text.split())
