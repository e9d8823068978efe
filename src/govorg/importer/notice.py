"""One notice, end to end: lines, heading, kind, government, then the kind's parser."""

from __future__ import annotations

import re
from pathlib import Path

from govorg.dates import DateError, DateWindow, parse_date
from govorg.docnumbers import parse_document_number
from govorg.importer import ids
from govorg.importer.appointments import AppointmentParser
from govorg.importer.context import Context, government_name
from govorg.importer.division import DivisionParser, PairsParser
from govorg.importer.header import Header, read_header
from govorg.importer.model import Draft, ImportError_, NoticeKind, Record
from govorg.importer.roster import ROLE_LABEL, RosterParser
from govorg.importer.text import Line, is_junk, lines_of, squeeze
from govorg.notes import Note

_BOILERPLATE = re.compile(
    r"^(?:特此通知|特此决定|现将.*(?:如下|通知如下)|经.*(?:研究|决定|会议).*[:：]?$|各.*[:：]$|附件|此件|\(此件|抄送|"
    r"联系人|联系电话|.*印发$|.*如下[:：]?$)"
)


def detect(lines: list[Line], header: Header) -> NoticeKind | None:
    """The notice's kind from its title, else from what its lines say."""
    title = header.title or ""
    body = "\n".join(line.text for line in lines)
    if re.search(r"AB角|补位|代为负责", title):
        return NoticeKind.PAIRS
    if "分工" in title:
        return NoticeKind.DIVISION
    if re.search(r"组成人员|领导小组|委员会|联席会议|指挥部|工作专班|工作小组", title) and any(
        ROLE_LABEL.match(squeeze(line.text)) for line in lines
    ):
        return NoticeKind.ROSTER
    if re.search(r"任免|任命|免去|任职|免职|辞去", title + body):
        return NoticeKind.APPOINTMENTS
    if len(re.findall(r"分管", body)) >= 2:
        return NoticeKind.DIVISION
    if re.search(r"互为AB角|AB角", body):
        return NoticeKind.PAIRS
    return None


def _doc_id(header: Header, gov_name: str, day: DateWindow, taken: set[str]) -> str:
    if header.number:
        number = parse_document_number(header.number)
        return ids.unique(f"{ids.initials(number.issuer)}-{number.year}-{number.serial}", taken)
    place = gov_name.removesuffix("人民政府")
    return ids.unique(f"{ids.place_id(place)}-{day.text if not day.exact else day.earliest}", taken)


def import_notice(
    text: str,
    *,
    data: Path,
    source: str = "notice",
    kind: NoticeKind | None = None,
    government: str | None = None,
    date: str | None = None,
) -> Draft:
    """Read one notice into a draft; raises ImportError_ when the notice cannot say its kind,
    date or government and the options do not either."""
    lines = lines_of(text)
    header = read_header(lines)
    kind = kind or detect(lines, header)
    if kind is None:
        raise ImportError_(
            f"{source}: cannot tell what kind of notice this is; pass --kind appointments|roster|division|pairs"
        )
    day = header.date
    if day is None:
        if date is None:
            raise ImportError_(f"{source}: the notice prints no date (落款); pass --date YYYY-MM-DD")
        try:
            day = parse_date(date)
        except DateError as exc:
            raise ImportError_(f"{source}: --date {date}: {exc}") from None
    gov_name = government or government_name(header.issuer or "") or government_name(header.title or "")
    if gov_name is None:
        raise ImportError_(f"{source}: cannot tell whose notice this is; pass --government NAME")
    draft = Draft(kind=kind, source=source, document={}, government="")
    ctx = Context(data, draft)
    if header.number and (known := ctx.catalog.resolve_document(header.number)) is not None:
        raise ImportError_(
            f"{source}: {header.number} is recorded already (document {known}): the notice was imported already"
        )
    draft.government = ctx.set_government(gov_name, header.title_line)
    gov_label = ctx._government_ref(draft.government)
    if government is None:
        draft.guess(0, Note("government: {gov_label} (from the issuer or title)", gov_label=gov_label))
    issuer = header.issuer
    if issuer is None:
        issuer = gov_label
        draft.guess(0, Note("issuer: the notice prints none; took {issuer}", issuer=issuer))
    document: Record = {"id": _doc_id(header, gov_label, day, ctx.taken)}
    if header.number:
        document["number"] = header.number
    document["title"] = header.title or ""
    document["issuer"] = issuer
    document["date"] = day.earliest.isoformat() if day.exact and day.earliest else day.text
    if header.date is None:
        draft.guess(0, Note("date: the notice prints none; took --date {date}", date=date))
    draft.document = document
    ctx.organisation(issuer, header.title_line) if issuer != gov_label else None
    body: list[Line] = []
    for line in lines:
        if line.no in header.used:
            continue
        if is_junk(line.text):
            draft.skipped(line.no, Note("page furniture"), line.raw)
        elif _BOILERPLATE.match(squeeze(line.text)) and not ROLE_LABEL.match(squeeze(line.text)):
            draft.skipped(line.no, Note("not a personnel line"), line.raw)
        else:
            body.append(line)
    if kind is NoticeKind.APPOINTMENTS:
        AppointmentParser(ctx, draft, issuer=issuer).parse(body)
    elif kind is NoticeKind.ROSTER:
        RosterParser(ctx, draft, title=header.title or "").parse(body)
    elif kind is NoticeKind.DIVISION:
        DivisionParser(ctx, draft).parse(body)
    else:
        PairsParser(ctx, draft).parse(body)
    return draft
