"""The notice's document: title, number (文号), issuer and date, from its heading and its
signature (落款) at the end."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govorg.dates import DateError, DateWindow, parse_date
from govorg.docnumbers import parse_document_number
from govorg.importer.text import Line, is_junk, squeeze

_NUMBER = re.compile(
    r"^[\[(【〔]?\s*(?P<number>[^\s\d\[\](){}【】〔〕:]{1,12}\s*[〔\[(［]\s*\d{4}\s*[〕\])］]\s*\d+\s*号)\s*[\])】〕]?$"
)
_TITLE_END = re.compile(r"(通知|决定|批复|通报|公告|名单|事项|函|意见)$")
_SALUTATION = re.compile(r"^[^:]{2,60}:$")  # 各乡镇人民政府，县政府各部门：
_ISSUER = re.compile(r"(政府|办公室|办公厅|委员会|常委会|人大常委会|局|厅|部)$")


@dataclass(slots=True)
class Header:
    title: str | None = None
    number: str | None = None  # as printed
    issuer: str | None = None
    date: DateWindow | None = None
    date_printed: str | None = None
    used: set[int] = field(default_factory=set)  # line numbers the header took
    title_line: int = 0


def _date(text: str) -> DateWindow | None:
    text = squeeze(text)
    if not re.fullmatch(
        r"[\d〇○零O一二三四五六七八九十]{4}年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日", text
    ):
        return None
    try:
        return parse_date(text)
    except DateError:
        return None


def read_header(lines: list[Line]) -> Header:
    header = Header()
    content = [line for line in lines if not is_junk(line.text)]
    for i, line in enumerate(content[:8]):
        if header.number is None and (m := _NUMBER.match(line.text)):
            try:
                parse_document_number(m.group("number"))
            except ValueError:
                continue
            header.number = m.group("number").replace(" ", "")  # folded: 號 is 号, （ is (
            header.used.add(line.no)
            continue
        if header.title is None and "关于" in line.text:
            title, used = line.raw, [line.no]
            for follower in content[i + 1 : i + 3]:  # a title wrapped over two lines in a PDF
                if (
                    _TITLE_END.search(squeeze(title))
                    or _NUMBER.match(follower.text)
                    or _SALUTATION.match(follower.text)
                ):
                    break
                title += follower.raw
                used.append(follower.no)
            if line.text.startswith("关于") and i > 0 and _ISSUER.search(content[i - 1].text):
                title = content[i - 1].raw + title  # the issuer printed on its own line above
                used.append(content[i - 1].no)
            header.title = squeeze(title)
            header.title_line = line.no
            header.used.update(used)
    if header.title is None and content:
        header.title = squeeze(content[0].raw)
        header.title_line = content[0].no
        header.used.add(content[0].no)
    # The signature: the last date alone on its line, and the issuer just above it.
    for i in range(len(content) - 1, max(len(content) - 6, -1), -1):
        line = content[i]
        if (window := _date(line.text)) is not None:
            header.date, header.date_printed = window, squeeze(line.raw)
            header.used.add(line.no)
            if i > 0 and _ISSUER.search(content[i - 1].text) and len(content[i - 1].text) <= 30:
                header.issuer = squeeze(content[i - 1].text)
                header.used.add(content[i - 1].no)
            break
    if header.issuer is None and header.title and "关于" in header.title:
        prefix = header.title.split("关于", 1)[0]
        if prefix and _ISSUER.search(prefix):
            header.issuer = prefix
    return header
