"""Records every kind refers to: documents, organisations (with governments), people, posts; and how they are read."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from govorg.dates import DateWindow
from govorg.docnumbers import DocumentNumberError, parse_document_number
from govorg.fields import Fields, each_mapping
from govorg.pickling import compact_pickle
from govorg.problems import Location, Problem, Text, problem
from govorg.yamlio import YMap, YNode, YScalar, YSeq, type_name


class OrganisationKind(StrEnum):
    GOVERNMENT = "government"
    DEPARTMENT = "department"
    STREET_OFFICE = "street_office"
    TOWN = "town"
    PARTY = "party"
    MASS_ORGANISATION = "mass_organisation"
    COURT = "court"
    PROCURATORATE = "procuratorate"
    MILITARY = "military"
    SUB_UNIT = "sub_unit"
    SCHOOL = "school"
    HOSPITAL = "hospital"
    COMPANY = "company"
    COMMITTEE = "committee"  # 委员会 (议事协调机构): a roster of 主任, 副主任, 委员
    LEADING_GROUP = "leading_group"  # 领导小组: 组长, 副组长, 成员
    JOINT_MEETING = "joint_meeting"  # 联席会议: 召集人, 成员
    WORKING_GROUP = "working_group"  # 工作小组 / 工作专班
    HEADQUARTERS = "headquarters"  # 指挥部: 总指挥, 副总指挥, 成员
    MANAGEMENT_COMMITTEE = "management_committee"  # 管委会 (of a zone or park)
    OFFICE = "office"
    GROUP = "group"  # a class of units (街道（镇）), not a 工作小组
    OTHER = "other"


ORGANISATION_KINDS = tuple(k.value for k in OrganisationKind)

# Bodies that publish a roster (组成人员): they share one roster model (committees.py).
BODY_KINDS = frozenset(
    {
        OrganisationKind.COMMITTEE,
        OrganisationKind.LEADING_GROUP,
        OrganisationKind.JOINT_MEETING,
        OrganisationKind.WORKING_GROUP,
        OrganisationKind.HEADQUARTERS,
        OrganisationKind.MANAGEMENT_COMMITTEE,
    }
)


class Level(StrEnum):
    """The level of a government (行政级别 of the jurisdiction)."""

    PROVINCE = "province"  # 省、自治区、直辖市
    CITY = "city"  # 地级市、自治州
    DISTRICT = "district"  # 市辖区
    COUNTY = "county"  # 县、县级市、旗
    STREET = "street"  # 街道
    TOWNSHIP = "township"  # 乡、镇

    @property
    def label(self) -> str:
        return _LEVEL_LABELS[self]


_LEVEL_LABELS = {
    Level.PROVINCE: "省级",
    Level.CITY: "市级",
    Level.DISTRICT: "区级",
    Level.COUNTY: "县级",
    Level.STREET: "街道",
    Level.TOWNSHIP: "乡镇",
}


def has_roster(kind: OrganisationKind | str) -> bool:
    """Whether an organisation of this kind is a body with a roster (committee, 领导小组, …)."""
    return kind in ORGANISATION_KINDS and OrganisationKind(kind) in BODY_KINDS


@compact_pickle
@dataclass(frozen=True, slots=True)
class Ref:
    """A reference as written: an id, a name or a document number, and where it was written."""

    text: str
    location: Location


@compact_pickle
@dataclass(frozen=True, slots=True)
class Document:
    id: str
    number: str | None  # as printed
    canonical_number: str | None
    title: str
    issuer: str | None
    date: DateWindow
    kind: str
    published_in: Ref | None
    page: int | None
    location: Location
    government: Ref | None = None  # whose records these are: names in the file resolve there first


@compact_pickle
@dataclass(frozen=True, slots=True)
class Rename:
    on: DateWindow
    former_name: str
    source: Ref | None
    location: Location


@compact_pickle
@dataclass(frozen=True, slots=True)
class Milestone:
    """成立 or 撤销: when (as precisely as printed), by which document, and the sentence as printed."""

    on: DateWindow
    source: Ref | None
    printed: str | None
    location: Location


@compact_pickle
@dataclass(frozen=True, slots=True)
class Organisation:
    id: str
    name: str
    short_names: tuple[str, ...]
    brand_names: tuple[str, ...]
    kind: OrganisationKind
    parent: Ref | None
    renames: tuple[Rename, ...]
    members: tuple[Ref, ...]  # for kind `group`: the units a collective name such as 街道（镇） stands for
    note: str | None
    location: Location
    government: Ref | None = None  # the government it belongs to, when its parent does not say
    level: Level | None = None  # for a government: its level
    division_code: str | None = None  # for a government: its GB/T 2260 code (行政区划代码)
    founded: Milestone | None = None  # 成立
    abolished: Milestone | None = None  # 撤销
    provisional: bool = False  # 暂定名: the name is provisional and the body may not exist yet


@compact_pickle
@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    printed: tuple[str, ...]
    location: Location


@compact_pickle
@dataclass(frozen=True, slots=True)
class PostRef:
    organisation: Ref
    title: str
    location: Location


def _ref(fields: Fields, key: str, *, required: bool = False) -> Ref | None:
    text = fields.text(key, required=required)
    if text is None:
        return None
    node = fields.node.values[key]
    return Ref(text, Location(fields.path, node.line, node.col))


def parse_document(
    node: YMap, path: str, problems: list[Problem], *, default_government: Ref | None = None
) -> Document | None:
    f = Fields(node, path, problems, what="document")
    doc_id = f.text("id", required=True)
    number = f.text("number")
    title = f.text("title", required=True)
    issuer = f.text("issuer")
    date = f.date("date", required=True)
    kind = f.choice("kind", ("notice", "report", "regulation", "table", "gazette", "other"), default="notice")
    published_in = _ref(f, "published_in")
    page = f.integer("page")
    government = _ref(f, "government") or default_government
    f.finish()
    canonical = None
    if number is not None:
        try:
            canonical = parse_document_number(number).canonical
        except DocumentNumberError as exc:
            f.error("GO113", node.values["number"], exc.text)
    if doc_id is None or title is None or date is None:
        return None
    return Document(
        doc_id, number, canonical, title, issuer, date, kind or "notice", published_in, page, f.at(), government
    )


def parse_organisation(
    node: YMap, path: str, problems: list[Problem], *, default_government: Ref | None = None
) -> Organisation | None:
    f = Fields(node, path, problems, what="organisation")
    org_id = f.text("id", required=True)
    name = f.text("name", required=True)
    short = f.texts("short")
    brands = f.texts("brands")
    kind = f.choice("kind", ORGANISATION_KINDS)
    parent = _ref(f, "parent")
    renames: list[Rename] = []
    for item in each_mapping(f.sequence("renamed"), path, problems, what="rename"):
        rf = Fields(item, path, problems, what="rename")
        on = rf.date("on", required=True)
        former = rf.text("from", required=True)
        source = _ref(rf, "source")
        rf.finish()
        if on is not None and former is not None:
            renames.append(Rename(on, former, source, rf.at()))
    members = tuple(Ref(text, f.key_at("members")) for text in f.texts("members"))
    founded, abolished = _milestone(f, "founded"), _milestone(f, "abolished")  # 成立, 撤销
    provisional = f.flag("provisional")  # 暂定名
    note = f.text("note")
    government = _ref(f, "government")
    level_text = f.choice("level", tuple(Level), default="")
    code = f.text("division_code")
    f.finish()
    if org_id is None or name is None or kind is None:
        return None
    is_government = kind == OrganisationKind.GOVERNMENT
    for key in ("level", "division_code"):
        if f.has(key) and not is_government:
            f.problems.append(
                problem(
                    "GO209",
                    f.key_at(key),
                    Text(
                        "`{key}` belongs to a government, and {org_id!r} is a {kind}", key=key, org_id=org_id, kind=kind
                    ),
                    hint="remove it, or set `kind: government`",
                )
            )
    if code is not None and not _DIVISION_CODE.match(code):
        f.error(
            "GO210",
            f.node.values["division_code"],
            Text("division code {code!r} is not six digits (GB/T 2260)", code=code),
        )
    if government is None and not is_government:
        government = default_government
    level = Level(level_text) if level_text and is_government else None
    return Organisation(
        org_id,
        name,
        short,
        brands,
        OrganisationKind(kind),
        parent,
        tuple(renames),
        members,
        note,
        f.at(),
        government,
        level,
        code if is_government else None,
        founded=founded,
        abolished=abolished,
        provisional=provisional,
    )


_DIVISION_CODE = re.compile(r"^\d{6}$")


def _milestone(f: Fields, key: str) -> Milestone | None:
    node = f.mapping(key)
    if node is None:
        return None
    mf = Fields(node, f.path, f.problems, what=key)
    on = mf.date("on", required=True)
    source = _ref(mf, "source")
    printed = mf.text("printed")
    mf.finish()
    return Milestone(on, source, printed, mf.at()) if on is not None else None


def parse_person(node: YMap, path: str, problems: list[Problem]) -> Person | None:
    f = Fields(node, path, problems, what="person")
    person_id = f.text("id", required=True)
    name = f.text("name", required=True)
    printed = f.texts("printed")
    f.finish()
    if person_id is None or name is None:
        return None
    return Person(person_id, name, printed, f.at())


def parse_post(node: YNode, path: str, problems: list[Problem]) -> PostRef | None:
    if not isinstance(node, YMap):
        problems.append(
            problem(
                "GO103",
                Location(path, node.line, node.col),
                Text("a post must be a mapping {{organisation: …, title: …}}, not {type}", type=type_name(node)),
            )
        )
        return None
    f = Fields(node, path, problems, what="post")
    org = _ref(f, "organisation", required=True)
    title = f.text("title", required=True)
    f.finish()
    if org is None or title is None:
        return None
    return PostRef(org, title, f.at())


def _refs(f: Fields, key: str) -> tuple[Ref, ...]:
    node = f.raw(key)
    if node is None:
        return ()
    items = node.items if isinstance(node, YSeq) else [node]
    out: list[Ref] = []
    for item in items:
        if isinstance(item, YScalar) and isinstance(item.value, str) and item.value.strip():
            out.append(Ref(item.value.strip(), Location(f.path, item.line, item.col)))
        else:
            f.error(
                "GO103", item, Text("each entry of `{key}` must be text, not {type}", key=key, type=type_name(item))
            )
    return tuple(out)


def _optional_posts(f: Fields, *, single: str = "post", many: str = "posts") -> tuple[PostRef, ...]:
    if f.has(single) and f.has(many):
        f.problems.append(
            problem(
                "GO114", f.key_at(many), Text("give either `{single}` or `{many}`, not both", single=single, many=many)
            )
        )
    one = f.raw(single)
    if one is not None:
        f.raw(many)  # a known key either way: GO114 above says what is wrong with giving both
        nodes = [one]
    else:
        nodes = f.sequence(many)
    posts = [parse_post(n, f.path, f.problems) for n in nodes]
    return tuple(p for p in posts if p is not None)
