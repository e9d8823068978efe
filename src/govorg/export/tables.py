"""The selection as one table per kind, and the tables as CSV files (UTF-8 with a BOM)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from govorg.dates import DateWindow
from govorg.export.popolo import post_id
from govorg.export.selection import EVERYTHING, Scope, SeatRow, Selection, select
from govorg.export.windows import iso
from govorg.registry import Registry

LIST_SEPARATOR = "|"  # between the items of one CSV cell: never part of a name, title or 文号


# (key, Chinese header, English header), per table, in column order.
Columns = tuple[tuple[str, str, str], ...]
TABLES: dict[str, Columns] = {
    "people": (("id", "编号", "id"), ("name", "姓名", "name"), ("printed", "其他写法", "printed_names")),
    "organisations": (
        ("id", "编号", "id"),
        ("name", "名称", "name"),
        ("kind", "类别", "kind"),
        ("level", "级别", "level"),
        ("division_code", "行政区划代码", "division_code"),
        ("parent_id", "上级", "parent_id"),
        ("government_id", "所属政府", "government_id"),
        ("short_names", "简称", "short_names"),
        ("brand_names", "牌子", "brand_names"),
        ("former_names", "曾用名", "former_names"),
        ("founded", "成立", "founded"),
        ("abolished", "撤销", "abolished"),
    ),
    "posts": (
        ("id", "编号", "id"),
        ("organisation_id", "单位", "organisation_id"),
        ("title", "职务", "title"),
    ),
    "tenures": (
        ("id", "编号", "id"),
        ("person_id", "人员", "person_id"),
        ("person_name", "姓名", "person_name"),
        ("organisation_id", "单位", "organisation_id"),
        ("organisation_name", "单位名称", "organisation_name"),
        ("title", "职务", "title"),
        ("start", "任职", "start"),
        ("start_earliest", "任职最早", "start_earliest"),
        ("start_latest", "任职最晚", "start_latest"),
        ("end", "免职", "end"),
        ("end_earliest", "免职最早", "end_earliest"),
        ("end_latest", "免职最晚", "end_latest"),
        ("certainty", "确定性", "certainty"),
        ("acting", "代理", "acting"),
        ("probation_months", "试用期（月）", "probation_months"),
        ("sources", "文号", "sources"),
    ),
    "memberships": (
        ("id", "编号", "id"),
        ("body_id", "机构", "body_id"),
        ("body_name", "机构名称", "body_name"),
        ("order", "排序", "order"),
        ("role", "职务", "role"),
        ("person_id", "人员", "person_id"),
        ("person_name", "姓名", "person_name"),
        ("listed_person_id", "发文所列人员", "listed_person_id"),
        ("posts", "所在职务", "posts"),
        ("resolution", "状态", "resolution"),
        ("certainty", "确定性", "certainty"),
        ("since", "起", "since"),
        ("until", "止", "until"),
        ("sources", "文号", "sources"),
    ),
    "leadership": (
        ("id", "编号", "id"),
        ("government_id", "政府", "government_id"),
        ("person_id", "人员", "person_id"),
        ("person_name", "姓名", "person_name"),
        ("order", "排序", "order"),
        ("relation", "关系", "relation"),
        ("unit", "单位或工作（原文）", "unit_printed"),
        ("unit_id", "单位", "unit_id"),
        ("since", "起", "since"),
        ("until", "止", "until"),
        ("certainty", "确定性", "certainty"),
        ("sources", "文号", "sources"),
    ),
    "documents": (
        ("id", "编号", "id"),
        ("number", "文号", "number"),
        ("title", "标题", "title"),
        ("issuer", "发文机关", "issuer"),
        ("date", "日期", "date"),
        ("kind", "类型", "kind"),
        ("published_in", "刊载于", "published_in"),
        ("page", "页码", "page"),
    ),
}
Row = dict[str, str]


def join(items: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(items)


def _window_text(window: DateWindow | None) -> str:
    return window.text if window is not None else ""


def _bound(day: date | None) -> str:
    return "" if day is None else (iso(day) or "")


def export_tables(
    registry: Registry, *, scope: Scope = EVERYTHING, government: str | None = None
) -> dict[str, list[Row]]:
    """The scope as one table of rows per kind (keys of `TABLES`), every cell text."""
    return tables(select(registry, scope=scope, government=government))


def tables(sel: Selection) -> dict[str, list[Row]]:
    catalog = sel.registry.catalog

    def labels(ids: Iterable[str]) -> str:
        docs = catalog.documents
        return join(docs[d].canonical_number or d for d in ids if d in docs)

    def person(person_id: str | None) -> str:
        return catalog.people[person_id].name if person_id in catalog.people else ""

    out: dict[str, list[Row]] = {name: [] for name in TABLES}
    for person_id in sel.people:
        p = catalog.people[person_id]
        out["people"].append({"id": p.id, "name": p.name, "printed": join(p.printed)})
    kept = {o.id for o in sel.organisations}
    for org in sel.organisations:
        parent = catalog.ancestors(org.id)[1:2]
        formers = [r.former_name for r in sorted(org.renames, key=lambda r: (r.on.earliest or date.min, r.former_name))]
        out["organisations"].append(
            {
                "id": org.id,
                "name": org.name,
                "kind": org.kind.value,
                "level": org.level.value if org.level else "",
                "division_code": org.division_code or "",
                "parent_id": parent[0] if parent and parent[0] in kept else "",
                "government_id": catalog.government_of.get(org.id) or "",
                "short_names": join(org.short_names),
                "brand_names": join(org.brand_names),
                "former_names": join(formers),
                "founded": org.founded.on.text if org.founded else "",
                "abolished": org.abolished.on.text if org.abolished else "",
            }
        )
    for org_id, title in sel.posts:
        out["posts"].append({"id": post_id(org_id, title), "organisation_id": org_id, "title": title})
    for tenure, certainty in sel.tenures:
        org_id = tenure.post.organisation_id
        out["tenures"].append(
            {
                "id": tenure.id,
                "person_id": tenure.person_id,
                "person_name": person(tenure.person_id),
                "organisation_id": org_id,
                "organisation_name": catalog.organisations[org_id].name,
                "title": tenure.post.title,
                "start": tenure.start.text,
                "start_earliest": _bound(tenure.possible_from),
                "start_latest": _bound(tenure.certain_from),
                "end": _window_text(tenure.end),
                "end_earliest": _bound(tenure.certain_until) if tenure.end else "",
                "end_latest": _bound(tenure.possible_until) if tenure.end else "",
                "certainty": certainty,
                "acting": "true" if tenure.acting else "",
                "probation_months": str(tenure.probation_months or ""),
                "sources": labels(tenure.sources),
            }
        )
    for seat in sorted(sel.seats, key=_seat_order):
        out["memberships"].append(
            {
                "id": seat.id,
                "body_id": seat.body_id,
                "body_name": catalog.organisations[seat.body_id].name,
                "order": str(seat.order),
                "role": seat.role,
                "person_id": seat.person_id or "",
                "person_name": person(seat.person_id),
                "listed_person_id": seat.listed_person_id or "",
                "posts": join(f"{o}/{t}" for o, t in seat.posts),
                "resolution": seat.resolution,
                "certainty": seat.certainty,
                "since": _window_text(seat.since),
                "until": _window_text(seat.until),
                "sources": labels(seat.sources),
            }
        )
    for row in sorted(sel.portfolios, key=lambda r: r.id):
        out["leadership"].append(
            {
                "id": row.id,
                "government_id": row.government_id or "",
                "person_id": row.person_id,
                "person_name": person(row.person_id),
                "order": str(row.order),
                "relation": row.relation,
                "unit": row.unit_printed,
                "unit_id": row.unit_id or "",
                "since": _window_text(row.since),
                "until": _window_text(row.until),
                "certainty": row.certainty,
                "sources": labels(row.sources),
            }
        )
    for doc in sel.documents:
        out["documents"].append(
            {
                "id": doc.id,
                "number": doc.canonical_number or doc.number or "",
                "title": doc.title,
                "issuer": doc.issuer or "",
                "date": doc.date.text,
                "kind": doc.kind,
                "published_in": doc.published_in.text if doc.published_in else "",
                "page": str(doc.page or ""),
            }
        )
    return out


def csv_text(name: str, rows: list[Row], *, headers: str = "zh") -> str:
    """One table as CSV text with a BOM (spreadsheets then read the Chinese correctly)."""
    columns = TABLES[name]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([zh if headers == "zh" else en for _, zh, en in columns])
    for row in rows:
        writer.writerow([row[key] for key, _, _ in columns])
    return "\ufeff" + buffer.getvalue()


def write_csv(folder: Path, data: dict[str, list[Row]], *, headers: str = "zh") -> list[Path]:
    """Write one `NAME.csv` per table into `folder` (made if missing); returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TABLES:
        path = folder / f"{name}.csv"
        path.write_bytes(csv_text(name, data.get(name, []), headers=headers).encode("utf-8"))
        written.append(path)
    return written


def _seat_order(seat: SeatRow) -> tuple[str, date, str, int]:
    """Body by body, roster version by version, seats in printed order (the office last)."""
    return (seat.body_id, seat.since.earliest or date.min, seat.id.rsplit("/", 2)[0], seat.order or 10**6)
