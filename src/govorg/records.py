"""Records: frozen dataclasses parsed from located YAML mappings. Pure; no I/O.

The format is documented, with a worked example per kind, in docs/format.md. References
between records (`Ref`) keep the text the clerk wrote and its location; `validate` and `graph`
resolve them, so a dangling reference is reported where it was written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum, StrEnum

from govorg.dates import DateWindow
from govorg.docnumbers import DocumentNumberError, parse_document_number
from govorg.fields import Fields, each_mapping
from govorg.printed import appointment_contradictions
from govorg.problems import Location, Problem, problem
from govorg.yamlio import YMap, YNode, YScalar, YSeq, type_name

FORMAT_VERSION = 1


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


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference as written: an id, a name or a document number, and where it was written."""

    text: str
    location: Location


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


@dataclass(frozen=True, slots=True)
class Rename:
    on: DateWindow
    former_name: str
    source: Ref | None
    location: Location


@dataclass(frozen=True, slots=True)
class Milestone:
    """成立 or 撤销: when (as precisely as printed), by which document, and the sentence as printed."""

    on: DateWindow
    source: Ref | None
    printed: str | None
    location: Location


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


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    printed: tuple[str, ...]
    location: Location


@dataclass(frozen=True, slots=True)
class PostRef:
    organisation: Ref
    title: str
    location: Location


@dataclass(frozen=True, slots=True)
class Rank:
    """管理岗位五级职员，相当于正处级: the grade of the post and its equivalent rank."""

    printed: str
    grade: str
    equivalent: str | None


class AppointmentForm(StrEnum):
    """How an appointment is worded; the YAML `form:` value."""

    APPOINTED = "appointed"  # 任命: starts a tenure
    CONFIRMED = "confirmed"  # 试用期满: confirms the running tenure (also `confirmation: true`)
    ACTING = "acting"  # 代理: starts an acting tenure; a later 任命 to the same post ends the acting
    APPROVED = "approved"  # 批准任命: this body approves another body's appointment


class RemovalReason(StrEnum):
    """Why a tenure ends; the YAML `reason:` value. Every reason ends the tenure on the row's date."""

    REMOVED = "removed"  # 免去…职务
    NO_LONGER = "no_longer"  # 不再担任…职务
    RESIGNED = "resigned"  # 接受…辞去…职务 (`accepted_by`: the body that accepted)
    TRANSFERRED = "transferred"  # 调任 (`to`: the new post, when printed)
    PROBATION_TERMINATED = "probation_terminated"  # 终止试用期


APPOINTMENT_LABELS = {
    AppointmentForm.APPOINTED: "任命",
    AppointmentForm.CONFIRMED: "试用期满",
    AppointmentForm.ACTING: "代理",
    AppointmentForm.APPROVED: "批准任命",
}
REMOVAL_LABELS = {
    RemovalReason.REMOVED: "免去",
    RemovalReason.NO_LONGER: "不再担任",
    RemovalReason.RESIGNED: "辞去",
    RemovalReason.TRANSFERRED: "调任",
    RemovalReason.PROBATION_TERMINATED: "终止试用期",
}


@dataclass(frozen=True, slots=True)
class Appointment:
    """A 任命 row: starts a tenure, or (confirmation, 试用期满) confirms the one running."""

    id: str
    person: Ref
    posts: tuple[PostRef, ...]
    printed: str | None
    confirmation: bool
    date: DateWindow
    probation_months: int | None
    rank: Rank | None
    predecessor: Ref | None
    source: str
    location: Location
    form: AppointmentForm = AppointmentForm.APPOINTED
    appointed_by: Ref | None = None  # 批准任命: the body whose appointment is approved
    approved_by: Ref | None = None  # 批准任命: the approving body (default: the document's issuer)


@dataclass(frozen=True, slots=True)
class Removal:
    """A 免去…职务 row (or 不再担任, 辞去, 调任, 终止试用期): ends the person's tenure of each post."""

    id: str
    person: Ref
    posts: tuple[PostRef, ...]
    printed: str | None
    date: DateWindow
    appointment_unrecorded: bool
    source: str
    location: Location
    reason: RemovalReason = RemovalReason.REMOVED
    accepted_by: Ref | None = None  # 辞去: the body that accepted the resignation
    transfer_to: PostRef | None = None  # 调任: the new post, as printed (starts no tenure by itself)


class Holders(StrEnum):
    """How many people may hold a title at once (a `titles:` rule's `one:` or `many:`)."""

    ONE = "one"
    MANY = "many"


@dataclass(frozen=True, slots=True)
class TitleRule:
    """A `titles:` entry: how many people may hold a title in one organisation or one kind."""

    title: str
    holders: Holders
    organisation: Ref | None
    kind: OrganisationKind | None
    location: Location


@dataclass(frozen=True, slots=True)
class Attestation:
    """A dated document printing a person with a title: certain holding on that day."""

    id: str
    person: Ref
    post: PostRef
    date: DateWindow
    printed: str | None
    source: str
    location: Location


class Relation(StrEnum):
    """How a leader relates to a unit in a 分工 notice."""

    LEADS = "leads"  # 领导…全面工作
    IN_CHARGE = "in_charge"  # 分管
    ASSISTS = "assists"  # 协助分管
    LIAISES = "liaises"  # 联系


RELATIONS = tuple(Relation)


class LeadershipKind(StrEnum):
    """What a leadership notice does to the 分工 in force (docs/format.md, "Leadership")."""

    FULL = "full"  # a whole 分工: replaces the previous one and every amendment since
    STAND_INS = "stand_ins"  # AB角, 互相补位, 代为负责: replaces the stand-in arrangements only
    ADJUSTMENT = "adjustment"  # 增加分管, 不再分管, 调整为: named leaders change, the rest stay
    TEMPORARY = "temporary"  # 临时调整: an absent leader's work goes to others for a while


@dataclass(frozen=True, slots=True)
class LeaderEntry:
    """One leader's paragraph of a 分工 notice: units by relation, as printed, and work items."""

    person: Ref
    printed: str | None
    units: dict[str, tuple[Ref, ...]]  # relation -> units as printed (brand names in brackets kept)
    work: tuple[str, ...]  # 负责…工作: work items, not units
    location: Location
    note: str | None = None  # why a leader has no portfolio (在中央党校学习)


@dataclass(frozen=True, slots=True)
class StandInRule:
    """When `leader` is away, `by` stand in, in order: for everything, or only for the named
    units and lines of work, or (`rest`) for whatever the leader's other rules do not cover."""

    leader: Ref
    by: tuple[Ref, ...]
    units: tuple[Ref, ...]
    work: tuple[str, ...]
    rest: bool
    printed: str | None
    location: Location


@dataclass(frozen=True, slots=True)
class Exemption:
    """Work nobody stands in for (公安工作不实行AB角): it stays with its own leader."""

    units: tuple[Ref, ...]
    work: tuple[str, ...]
    printed: str | None
    location: Location


@dataclass(frozen=True, slots=True)
class StandInScheme:
    """A notice's stand-in arrangements, as printed.

    `outside`: leaders the scheme leaves out (不纳入AB角范围). `fallback`: what the notice says
    when every stand-in is away too (由秘书长协调). `walk`: the record states that the search
    continues through the stand-ins' own rules; without it nobody further is ever asked.
    """

    rules: tuple[StandInRule, ...]
    exemptions: tuple[Exemption, ...]
    outside: tuple[Ref, ...]
    outside_printed: str | None
    fallback: str | None
    fallback_to: Ref | None
    walk: str | None  # the record's statement of the walk, when it walks
    location: Location


@dataclass(frozen=True, slots=True)
class PortfolioChange:
    """One leader's line of an adjustment notice: work added (增加分管), dropped (不再分管), or the
    whole portfolio replaced (调整为); or the leader leaves the 分工."""

    person: Ref
    printed: str | None
    add: dict[str, tuple[Ref, ...]]
    add_work: tuple[str, ...]
    remove: dict[str, tuple[Ref, ...]]
    remove_work: tuple[str, ...]
    replace: bool
    leaves: bool
    note: str | None
    location: Location


@dataclass(frozen=True, slots=True)
class TemporaryShare:
    """Who takes which part of the absent leader's work (all of it when no units or work are named)."""

    person: Ref
    units: tuple[Ref, ...]
    work: tuple[str, ...]
    location: Location


@dataclass(frozen=True, slots=True)
class TemporaryAssignment:
    """临时调整: while `absent` is away, the shares take their work, until `until` (None: not stated)."""

    absent: Ref
    reason: str | None
    until: DateWindow | None
    shares: tuple[TemporaryShare, ...]
    printed: str | None
    location: Location


@dataclass(frozen=True, slots=True)
class LeadershipVersion:
    """A leadership notice: a full 分工 or an amendment of the one in force (see `kind`)."""

    id: str
    source: str
    date: DateWindow
    government: Ref | None
    leaders: tuple[LeaderEntry, ...]
    stand_ins: StandInScheme | None
    location: Location
    kind: LeadershipKind = LeadershipKind.FULL
    changes: tuple[PortfolioChange, ...] = ()
    temporary: tuple[TemporaryAssignment, ...] = ()


@dataclass(frozen=True, slots=True)
class Seat:
    """A seat on a body's roster: role label, member (when printed), and the posts by which they sit."""

    order: int  # printed position, from 1 (each name of a line of several names is a seat)
    role: str  # the label as printed: 主任, 第一副组长, 总召集人, 成员, …
    member: Ref | None  # a person id; or, with `by_name`, the name as printed in a `line`
    posts: tuple[PostRef, ...]
    printed: str | None
    location: Location
    line: str | None = None  # the printed line the seat came from (副组长：王 伟、李  强)
    by_name: bool = False  # `member` is a printed name to match to one person, not an id


class Succession(Enum):
    """What happens to a seat when its member leaves the post by which they sit."""

    NATURAL = "natural"  # 自然替补: the post's next holder takes the seat
    NOTICE = "notice"  # a change needs a new notice (报组长批准): the seat waits for it
    NONE = "none"  # the seat is personal: it stays with the member


SUCCESSION_RULES = tuple(rule.value for rule in Succession)


class SeatOrder(Enum):
    PRINTED = "printed"  # as printed
    STROKES = "strokes"  # 按姓氏笔画为序: by the member's surname strokes


SEAT_ORDERS = tuple(order.value for order in SeatOrder)


@dataclass(frozen=True, slots=True)
class RoleGroup:
    """Options for the seats of one role label (a role group): their order and succession rule."""

    role: str
    order: str  # a SeatOrder value
    succession: str | None  # a Succession value; None: the roster's rule
    printed: str | None  # the group's heading or rule as printed (成员（按姓氏笔画为序）)
    location: Location


@dataclass(frozen=True, slots=True)
class Office:
    """办公室设在…: the body's office, its host unit, and its director (who may hold a seat too)."""

    host: Ref
    director: Ref | None
    director_posts: tuple[PostRef, ...]
    printed: str | None
    location: Location
    name: str | None = None  # as printed when not 办公室 (指挥部办公室, 联席会议办公室)
    succession: str | None = None  # a Succession value for the director; None: the roster's rule


@dataclass(frozen=True, slots=True)
class RosterVersion:
    """A roster notice: the body's members (组成人员) from its date."""

    id: str
    source: str
    date: DateWindow
    committee: Ref  # the body: a committee, 领导小组, 联席会议, 工作小组, 指挥部 or 管委会
    seats: tuple[Seat, ...]
    office: Office | None
    succession: str  # a Succession value: the rule for every group that sets none
    succession_printed: str | None
    takes_over: tuple[Ref, ...]  # bodies whose duties move to this one
    location: Location
    groups: tuple[RoleGroup, ...] = ()  # per role label: order and succession


@dataclass(slots=True)
class FileRecords:
    """Everything one file contributed."""

    documents: list[Document] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    appointments: list[Appointment] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)
    attestations: list[Attestation] = field(default_factory=list)
    leadership: list[LeadershipVersion] = field(default_factory=list)
    rosters: list[RosterVersion] = field(default_factory=list)
    titles: list[TitleRule] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Parsing


_RANK = re.compile(r"^(?P<grade>.+?)\s*[，,]\s*相当(?:于)?\s*(?P<equivalent>.+)$")


def parse_rank(text: str) -> Rank:
    """Split the rank note; 相当 and 相当于 are both printed (李东, 潘敬芳).

    >>> parse_rank("管理岗位六级职员，相当副处级").equivalent
    '副处级'
    """
    m = _RANK.match(text)
    if not m:
        return Rank(text, text, None)
    return Rank(text, m.group("grade"), m.group("equivalent"))


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
            f.error("GO113", node.values["number"], str(exc))
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
                    f"`{key}` belongs to a government, and {org_id!r} is a {kind}",
                    hint="remove it, or set `kind: government`",
                )
            )
    if code is not None and not _DIVISION_CODE.match(code):
        f.error("GO210", f.node.values["division_code"], f"division code {code!r} is not six digits (GB/T 2260)")
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
                f"a post must be a mapping {{organisation: …, title: …}}, not {type_name(node)}",
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


def _posts(f: Fields) -> tuple[PostRef, ...]:
    """`post:` for one post, `posts:` for a printed line naming several (副局长、执法大队副大队长)."""
    if f.has("post") and f.has("posts"):
        f.problems.append(problem("GO114", f.key_at("posts"), "give either `post` or `posts`, not both"))
    one = f.raw("post")
    many = f.sequence("posts")
    nodes = [one] if one is not None else many
    if not nodes:
        f.error("GO102", None, f"{f.what} is missing `post`", hint="add `post: {organisation: …, title: …}`")
    posts = [parse_post(n, f.path, f.problems) for n in nodes]
    return tuple(p for p in posts if p is not None)


def _people(f: Fields) -> list[Ref]:
    """`person:` for one person, `people:` for a clause naming several (任命张三、李四为…委员)."""
    if f.has("person") and f.has("people"):
        f.problems.append(problem("GO307", f.key_at("people"), "give either `person` or `people`, not both"))
    one = _ref(f, "person")
    many = _refs(f, "people")
    if one is not None:
        return [one]
    if not many:
        f.error("GO102", None, f"{f.what} is missing `person`", hint="add `person: <id>` (or `people: [a, b]`)")
    seen: set[str] = set()
    out: list[Ref] = []
    for ref in many:
        if ref.text in seen:
            f.problems.append(
                problem("GO307", ref.location, f"{ref.text} is listed twice in `people`", hint="list each person once")
            )
            continue
        seen.add(ref.text)
        out.append(ref)
    return out


def _row_id(source: Document, kind: str, row: int | None, index: int, person: Ref, several: bool) -> str:
    """Stable and unique: the row number in print, and the person when the clause names several."""
    base = f"{source.id}/{kind}/{row if row is not None else index + 1}"
    return f"{base}/{person.text}" if several else base


def _misplaced(f: Fields, key: str, wanted: str) -> None:
    if f.has(key):
        f.error("GO306", f.node.values[key], f"`{key}` belongs to {wanted} only", hint=f"remove `{key}` or {wanted}")


def parse_appointments(
    node: YMap, path: str, problems: list[Problem], *, source: Document, index: int
) -> list[Appointment]:
    """One row: one appointment per person named (a clause may name several)."""
    f = Fields(node, path, problems, what="appointment")
    row = f.integer("row")
    people = _people(f)
    printed = f.text("printed")
    posts = _posts(f)
    confirmation = f.flag("confirmation")
    form_text = f.choice("form", tuple(m.value for m in AppointmentForm), default="")
    date = f.date("date") or source.date
    probation = f.integer("probation_months")
    rank_text = f.text("rank")
    predecessor = _ref(f, "predecessor")
    form = AppointmentForm(form_text) if form_text else AppointmentForm.APPOINTED
    if confirmation and form_text and form is not AppointmentForm.CONFIRMED:
        f.error("GO306", node.values.get("confirmation"), f"`confirmation: true` contradicts `form: {form.value}`")
    if confirmation:
        form = AppointmentForm.CONFIRMED
    approved = form is AppointmentForm.APPROVED
    appointed_by = _ref(f, "appointed_by", required=approved)
    approved_by = _ref(f, "approved_by")
    if not approved:
        _misplaced(f, "appointed_by", "`form: approved` (批准任命)")
        _misplaced(f, "approved_by", "`form: approved` (批准任命)")
    f.finish()
    if form is AppointmentForm.CONFIRMED and probation is not None:
        f.error("GO305", node.values.get("probation_months"), "a confirmation (试用期满) cannot start a probation")
    titles = tuple(p.title for p in posts)
    for slip in appointment_contradictions(printed, form=form.value, probation_months=probation, titles=titles):
        f.error(slip.code, node.values.get("printed"), slip.message, hint=slip.hint)
    if not people or not posts:
        return []
    rank = parse_rank(rank_text) if rank_text else None
    return [
        Appointment(
            _row_id(source, "appointment", row, index, person, len(people) > 1),
            person,
            posts,
            printed,
            form is AppointmentForm.CONFIRMED,
            date,
            probation,
            rank,
            predecessor,
            source.id,
            f.at(),
            form,
            appointed_by,
            approved_by,
        )
        for person in people
    ]


def parse_appointment(
    node: YMap, path: str, problems: list[Problem], *, source: Document, index: int
) -> Appointment | None:
    """One row naming one person (see `parse_appointments` for clauses naming several)."""
    found = parse_appointments(node, path, problems, source=source, index=index)
    return found[0] if found else None


def parse_removals(node: YMap, path: str, problems: list[Problem], *, source: Document, index: int) -> list[Removal]:
    """One row: one removal per person named."""
    f = Fields(node, path, problems, what="removal")
    row = f.integer("row")
    people = _people(f)
    printed = f.text("printed")
    posts = _posts(f)
    date = f.date("date") or source.date
    unrecorded = f.choice("appointment", ("unrecorded",), default="") == "unrecorded"
    reason_text = f.choice("reason", tuple(m.value for m in RemovalReason), default="")
    reason = RemovalReason(reason_text) if reason_text else RemovalReason.REMOVED
    accepted_by = _ref(f, "accepted_by")
    to_node = f.raw("to")
    transfer_to = parse_post(to_node, path, problems) if to_node is not None else None
    if reason is not RemovalReason.RESIGNED:
        _misplaced(f, "accepted_by", "`reason: resigned` (辞去)")
    if reason is not RemovalReason.TRANSFERRED:
        _misplaced(f, "to", "`reason: transferred` (调任)")
    f.finish()
    if not people or not posts:
        return []
    return [
        Removal(
            _row_id(source, "removal", row, index, person, len(people) > 1),
            person,
            posts,
            printed,
            date,
            unrecorded,
            source.id,
            f.at(),
            reason,
            accepted_by,
            transfer_to,
        )
        for person in people
    ]


def parse_removal(node: YMap, path: str, problems: list[Problem], *, source: Document, index: int) -> Removal | None:
    """One row naming one person (see `parse_removals` for clauses naming several)."""
    found = parse_removals(node, path, problems, source=source, index=index)
    return found[0] if found else None


def parse_title_rules(node: YMap, path: str, problems: list[Problem]) -> list[TitleRule]:
    """A `titles:` entry: `kind:` or `organisation:`, then `one: [titles]` and/or `many: [titles]`."""
    f = Fields(node, path, problems, what="title rule")
    kind_text = f.choice("kind", ORGANISATION_KINDS, default="")
    kind = OrganisationKind(kind_text) if kind_text else None
    organisation = _ref(f, "organisation")
    one = f.texts("one")
    many = f.texts("many")
    f.finish()
    if f.has("kind") == f.has("organisation"):
        f.error(
            "GO309",
            None,
            "a title rule names exactly one of `kind` and `organisation`",
            hint="write `kind: government` for every government, or `organisation: <id or name>` for one body",
        )
        return []
    if kind is None and organisation is None:
        return []
    return [
        *(TitleRule(t, Holders.ONE, organisation, kind, f.key_at("one")) for t in one),
        *(TitleRule(t, Holders.MANY, organisation, kind, f.key_at("many")) for t in many),
    ]


def parse_attestation(
    node: YMap, path: str, problems: list[Problem], *, source: Document, index: int
) -> Attestation | None:
    f = Fields(node, path, problems, what="attestation")
    person = _ref(f, "person", required=True)
    post_node = f.raw("post", required=True)
    post = parse_post(post_node, path, problems) if post_node is not None else None
    printed = f.text("printed")
    date = f.date("date") or source.date
    f.finish()
    if person is None or post is None:
        return None
    return Attestation(f"{source.id}/attestation/{index + 1}", person, post, date, printed, source.id, f.at())


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
            f.error("GO103", item, f"each entry of `{key}` must be text, not {type_name(item)}")
    return tuple(out)


def _relation_refs(f: Fields) -> dict[str, tuple[Ref, ...]]:
    return {relation.value: _refs(f, relation.value) for relation in Relation}


_KIND_KEYS = {  # the sections each kind of leadership notice may carry
    LeadershipKind.FULL: ("leaders", "stand_ins"),
    LeadershipKind.STAND_INS: ("stand_ins",),
    LeadershipKind.ADJUSTMENT: ("changes", "stand_ins"),
    LeadershipKind.TEMPORARY: ("temporary",),
}
_KIND_REQUIRES = {
    LeadershipKind.FULL: "leaders",
    LeadershipKind.STAND_INS: "stand_ins",
    LeadershipKind.ADJUSTMENT: "changes",
    LeadershipKind.TEMPORARY: "temporary",
}


def parse_leadership(node: YMap, path: str, problems: list[Problem], *, source: Document) -> LeadershipVersion:
    f = Fields(node, path, problems, what="leadership")
    government = _ref(f, "government")
    kind = LeadershipKind(f.choice("kind", tuple(LeadershipKind), default=LeadershipKind.FULL.value) or "full")
    for key in ("leaders", "stand_ins", "changes", "temporary"):
        if f.has(key) and key not in _KIND_KEYS[kind]:
            f.problems.append(
                problem(
                    "GO405",
                    f.key_at(key),
                    f"a `kind: {kind.value}` leadership notice has no `{key}`",
                    hint=f"it carries {' and '.join(f'`{k}`' for k in _KIND_KEYS[kind])}; "
                    "record the other part as its own notice, or fix `kind`",
                )
            )
    required = _KIND_REQUIRES[kind]
    leaders: list[LeaderEntry] = []
    for item in each_mapping(f.sequence("leaders", required=required == "leaders"), path, problems, what="leader"):
        lf = Fields(item, path, problems, what="leader")
        person = _ref(lf, "person", required=True)
        printed = lf.text("printed")
        units = _relation_refs(lf)
        work = lf.texts("work")
        note = lf.text("note")
        lf.finish()
        if person is not None:
            leaders.append(LeaderEntry(person, printed, units, work, lf.at(), note))
    scheme = _stand_in_scheme(f, required=required == "stand_ins")
    changes: list[PortfolioChange] = []
    for item in each_mapping(f.sequence("changes", required=required == "changes"), path, problems, what="change"):
        changes.extend(_portfolio_change(item, path, problems))
    temporary: list[TemporaryAssignment] = []
    for item in each_mapping(
        f.sequence("temporary", required=required == "temporary"), path, problems, what="temporary assignment"
    ):
        if (assignment := _temporary(item, path, problems)) is not None:
            temporary.append(assignment)
    f.finish()
    return LeadershipVersion(
        f"{source.id}/leadership",
        source.id,
        source.date,
        government,
        tuple(leaders),
        scheme,
        f.at(),
        kind,
        tuple(changes),
        tuple(temporary),
    )


_LABEL = re.compile(r"^(?P<label>[^：:、]+?)\s*[：:]\s*(?P<names>.*)$")
_NAME_SEPARATORS = re.compile(r"[、，,；;]")
_STROKES_NOTE = re.compile(r"\s*[（(]\s*按姓氏笔画(?:为序|排序|排列)\s*[）)]\s*$")


def role_of_label(label: str) -> tuple[str, bool]:
    """A printed role label and whether it says 按姓氏笔画为序.

    >>> role_of_label("成员（按姓氏笔画为序）")
    ('成员', True)
    """
    m = _STROKES_NOTE.search(label)
    return (label[: m.start()].strip(), True) if m else (label, False)


def split_line(line: str) -> tuple[str | None, list[str]]:
    """A printed roster line: its role label (None for a continuation line) and its names.

    >>> split_line("副组长：王 伟、李  强")
    ('副组长', ['王 伟', '李  强'])
    >>> split_line("赵 六、钱七")
    (None, ['赵 六', '钱七'])
    """
    m = _LABEL.match(line.strip())
    label, names = (m.group("label").strip(), m.group("names")) if m else (None, line)
    return label, [n.strip() for n in _NAME_SEPARATORS.split(names)]


def _stand_in_scheme(f: Fields, *, required: bool) -> StandInScheme | None:
    """`stand_ins:` is a list of rules, or a mapping with `rules` and the notice's other terms."""
    node = f.raw("stand_ins", required=required)
    if node is None:
        return None
    path, problems = f.path, f.problems
    if isinstance(node, YSeq):
        return StandInScheme(_stand_in_rules(node.items, path, problems), (), (), None, None, None, None, f.at(node))
    if not isinstance(node, YMap):
        f.error("GO103", node, f"`stand_ins` must be a list of rules or a mapping, not {type_name(node)}")
        return None
    sf = Fields(node, path, problems, what="stand-in arrangements")
    rules = _stand_in_rules(sf.sequence("rules"), path, problems)
    exemptions: list[Exemption] = []
    for item in each_mapping(sf.sequence("exempt"), path, problems, what="exemption"):
        ef = Fields(item, path, problems, what="exemption")
        units, work, printed = _refs(ef, "units"), ef.texts("work"), ef.text("printed")
        ef.finish()
        if not units and not work:
            ef.error("GO102", None, "an exemption names no `units` and no `work`", hint="add the exempt units or work")
        exemptions.append(Exemption(units, work, printed, ef.at()))
    outside: tuple[Ref, ...] = ()
    outside_printed = None
    if (outside_node := sf.mapping("outside")) is not None:
        of = Fields(outside_node, path, problems, what="leaders outside the scheme")
        outside = _refs(of, "people")
        outside_printed = of.text("printed")
        if not outside:
            of.error("GO102", None, "`outside` names no `people`", hint="list the leaders the notice leaves out")
        of.finish()
    fallback: str | None = None
    fallback_to: Ref | None = None
    if (fallback_node := sf.mapping("fallback")) is not None:
        ff = Fields(fallback_node, path, problems, what="fallback")
        fallback = ff.text("printed", required=True)
        fallback_to = _ref(ff, "to")
        ff.finish()
    walk: str | None = None
    if (walk_node := sf.mapping("walk")) is not None:
        wf = Fields(walk_node, path, problems, what="walk")
        walk = wf.text("note", required=True)
        wf.finish()
    sf.finish()
    return StandInScheme(rules, tuple(exemptions), outside, outside_printed, fallback, fallback_to, walk, sf.at())


def _stand_in_rules(items: list[YNode], path: str, problems: list[Problem]) -> tuple[StandInRule, ...]:
    """`[a, b]` or `{pair: [a, b]}`: each stands in for the other (AB角, 互相补位); a mapping with
    `leader` and `by`: one way, for all the leader's work or only the named part."""
    rules: list[StandInRule] = []
    for item in items:
        if isinstance(item, YSeq):
            rules.extend(_pair(item, None, path, problems))
            continue
        if not isinstance(item, YMap):
            problems.append(
                problem(
                    "GO103",
                    Location(path, item.line, item.col),
                    f"a stand-in rule is a pair [a, b] or a mapping with `leader` and `by`, not {type_name(item)}",
                )
            )
            continue
        rf = Fields(item, path, problems, what="stand-in rule")
        printed = rf.text("printed")
        if rf.has("pair"):
            pair = rf.raw("pair")
            rf.finish()
            if isinstance(pair, YSeq):
                rules.extend(_pair(pair, printed, path, problems))
            elif pair is not None:
                rf.error("GO103", pair, "`pair` must be a list of two person ids, e.g. [li-ming, wang-hong]")
            continue
        leader = _ref(rf, "leader", required=True)
        by = _refs(rf, "by")
        units = _refs(rf, "units")
        work = rf.texts("work")
        rest = rf.flag("rest")
        rf.finish()
        if not by:
            rf.error("GO102", None, "a stand-in rule names nobody in `by`", hint="add `by: person-id`")
        if rest and (units or work):
            rf.error(
                "GO406",
                item,
                "a `rest: true` rule covers whatever the leader's other rules do not; it names no units or work",
                hint="remove `units`/`work`, or `rest`",
            )
        if leader is not None and by:
            rules.append(StandInRule(leader, by, units, work, rest, printed, rf.at()))
    return tuple(rules)


def _pair(node: YSeq, printed: str | None, path: str, problems: list[Problem]) -> list[StandInRule]:
    people = [i for i in node.items if isinstance(i, YScalar) and isinstance(i.value, str)]
    if len(node.items) != 2 or len(people) != 2:
        problems.append(
            problem(
                "GO103",
                Location(path, node.line, node.col),
                "a stand-in pair must be a list of two person ids, e.g. [li-ming, wang-hong]",
            )
        )
        return []
    a, b = (Ref(str(i.value), Location(path, i.line, i.col)) for i in people)
    at = Location(path, node.line, node.col)
    return [StandInRule(a, (b,), (), (), False, printed, at), StandInRule(b, (a,), (), (), False, printed, at)]


def _portfolio_change(node: YMap, path: str, problems: list[Problem]) -> list[PortfolioChange]:
    cf = Fields(node, path, problems, what="change")
    person = _ref(cf, "person", required=True)
    printed = cf.text("printed")
    parts: dict[str, tuple[dict[str, tuple[Ref, ...]], tuple[str, ...]]] = {}
    for key in ("add", "remove", "set"):
        part = cf.mapping(key)
        if part is None:
            parts[key] = ({r.value: () for r in Relation}, ())
            continue
        pf = Fields(part, path, problems, what=f"`{key}` of a change")
        parts[key] = (_relation_refs(pf), pf.texts("work"))
        pf.finish()
    leaves = cf.flag("leaves")
    note = cf.text("note")
    cf.finish()
    replace = cf.has("set")
    if replace and (cf.has("add") or cf.has("remove")):
        cf.error("GO406", node, "`set` replaces the whole portfolio; it cannot be combined with `add` or `remove`")
    if leaves and (replace or cf.has("add") or cf.has("remove")):
        cf.error("GO406", node, "a leader who `leaves` the 分工 keeps no portfolio to `add`, `remove` or `set`")
    if not (leaves or replace or cf.has("add") or cf.has("remove") or note):
        cf.error("GO102", None, "a change needs `add`, `remove`, `set` or `leaves: true`")
    if person is None:
        return []
    add_units, add_work = parts["set"] if replace else parts["add"]
    remove_units, remove_work = parts["remove"]
    return [
        PortfolioChange(person, printed, add_units, add_work, remove_units, remove_work, replace, leaves, note, cf.at())
    ]


def _temporary(node: YMap, path: str, problems: list[Problem]) -> TemporaryAssignment | None:
    tf = Fields(node, path, problems, what="temporary assignment")
    absent = _ref(tf, "absent", required=True)
    reason = tf.text("reason")
    until = tf.date("until")
    printed = tf.text("printed")
    shares: list[TemporaryShare] = []
    for item in each_mapping(tf.sequence("to", required=True), path, problems, what="share"):
        sf = Fields(item, path, problems, what="share")
        person = _ref(sf, "person", required=True)
        units = _refs(sf, "units")
        work = sf.texts("work")
        sf.finish()
        if person is not None:
            shares.append(TemporaryShare(person, units, work, sf.at()))
    tf.finish()
    if absent is None or not shares:
        return None
    return TemporaryAssignment(absent, reason, until, tuple(shares), printed, tf.at())


def parse_roster(
    node: YMap, path: str, problems: list[Problem], *, source: Document
) -> tuple[RosterVersion | None, list[Attestation]]:
    """A roster and the attestations it makes: each member printed with a post held it that day."""
    f = Fields(node, path, problems, what="roster")
    if f.has("body") and f.has("committee"):
        f.raw("committee")  # known, but one too many
        problems.append(
            problem("GO513", f.key_at("committee"), "give either `body` or `committee`, not both", hint="keep `body`")
        )
    committee = _ref(f, "body") if f.has("body") else _ref(f, "committee", required=True)
    succession = f.choice("succession", SUCCESSION_RULES, default="none") or "none"
    succession_printed = f.text("succession_printed")
    takes_over = _refs(f, "takes_over")
    groups = _role_groups(f)
    seats: list[Seat] = []
    for item in each_mapping(f.sequence("seats", required=True), path, problems, what="seat"):
        seats.extend(_seats(item, path, problems, first=len(seats) + 1, previous=seats[-1].role if seats else None))
    roles = {seat.role for seat in seats}
    groups = _printed_stroke_groups(seats, groups)
    for group in groups:
        if group.role not in roles:
            problems.append(
                problem(
                    "GO504",
                    group.location,
                    f"options for role {group.role!r}, which no seat has",
                    hint=f"use one of the roles as printed: {', '.join(dict.fromkeys(s.role for s in seats))}",
                )
            )
    office: Office | None = None
    office_node = f.mapping("office")
    if office_node is not None:
        of = Fields(office_node, path, problems, what="office")
        name = of.text("name")
        host = _ref(of, "host", required=True)
        director = _ref(of, "director")
        director_posts = _optional_posts(of, single="director_post", many="director_posts")
        office_succession = of.choice("succession", SUCCESSION_RULES, default="") or None
        office_printed = of.text("printed")
        of.finish()
        if host is not None:
            office = Office(
                host, director, director_posts, office_printed, of.at(), name=name, succession=office_succession
            )
    f.finish()
    if committee is None:
        return None, []
    attestations: list[Attestation] = []
    # a name matched only at validation makes no attestation here: `members:` ids do
    listed = [(seat.member, seat.posts, seat.printed, seat.location) for seat in seats if not seat.by_name]
    if office is not None and office.director is not None:
        listed.append((office.director, office.director_posts, office.printed, office.location))
    seen: set[tuple[str, str, str]] = set()
    for member, posts, printed, location in listed:
        if member is None:
            continue
        for post in posts:
            key = (member.text, post.organisation.text, post.title)
            if key in seen:
                continue
            seen.add(key)
            attestations.append(
                Attestation(
                    f"{source.id}/roster/attestation/{len(attestations) + 1}",  # apart from `attestations:`
                    member,
                    post,
                    source.date,
                    printed,
                    source.id,
                    location,
                )
            )
    version = RosterVersion(
        f"{source.id}/roster",
        source.id,
        source.date,
        committee,
        tuple(seats),
        office,
        succession,
        succession_printed,
        takes_over,
        f.at(),
        groups=groups,
    )
    return version, attestations


def _printed_stroke_groups(seats: list[Seat], groups: tuple[RoleGroup, ...]) -> tuple[RoleGroup, ...]:
    """A pasted line whose label says 按姓氏笔画为序 orders its group by strokes, unless `groups`
    already gives that role's options."""
    given = {g.role for g in groups}
    added: list[RoleGroup] = []
    for seat in seats:
        label = split_line(seat.line)[0] if seat.line else None
        if label is None or seat.role in given or not role_of_label(label)[1]:
            continue
        given.add(seat.role)
        added.append(RoleGroup(seat.role, SeatOrder.STROKES.value, None, label, seat.location))
    return (*groups, *added)


def _role_groups(f: Fields) -> tuple[RoleGroup, ...]:
    groups: dict[str, RoleGroup] = {}
    for item in each_mapping(f.sequence("groups"), f.path, f.problems, what="role group"):
        gf = Fields(item, f.path, f.problems, what="role group")
        role = gf.text("role", required=True)
        order = gf.choice("order", SEAT_ORDERS, default=SeatOrder.PRINTED.value) or SeatOrder.PRINTED.value
        succession = gf.choice("succession", SUCCESSION_RULES, default="") or None
        printed = gf.text("printed")
        gf.finish()
        if role is None:
            continue
        if role in groups:
            f.problems.append(
                problem(
                    "GO505",
                    gf.at(),
                    f"options for role {role!r} are given twice",
                    hint="merge the two entries of `groups` into one",
                )
            )
            continue
        groups[role] = RoleGroup(role, order, succession, printed, gf.at())
    return tuple(groups.values())


def _seats(item: YMap, path: str, problems: list[Problem], *, first: int, previous: str | None) -> list[Seat]:
    """One entry of `seats`: a seat, or a printed `line` naming several (one seat per name)."""
    sf = Fields(item, path, problems, what="seat")
    line_ref = _ref(sf, "line")
    line = line_ref.text if line_ref else None
    role = sf.text("role")
    member = _ref(sf, "member")
    ids = _refs(sf, "members")
    printed = sf.text("printed")
    posts = _optional_posts(sf)
    sf.finish()
    if line is not None and (role is not None or member is not None):
        problems.append(
            problem(
                "GO512",
                sf.key_at("role" if role is not None else "member"),
                "a seat with a printed `line` takes its role and names from the line",
                hint="remove `role` and `member` (use `members:` to give the people's ids)",
            )
        )
        return []
    if line is not None:
        label, names = split_line(line)
        role = role_of_label(label)[0] if label else previous
    if role is None:
        problems.append(
            problem(
                "GO506",
                sf.at(),
                "this seat has no role and follows no seat whose role it could continue",
                hint="add `role:`, or print the label in the line (组长：…)",
            )
        )
        return []
    if line is None:
        if member is None and not posts:
            problems.append(
                problem(
                    "GO501",
                    sf.at(),
                    "this seat names neither a member nor a post",
                    hint="add `member`, `post`, or both",
                )
            )
            return []
        return [Seat(first, role, member, posts, printed, sf.at())]
    if any(not name for name in names):
        problems.append(
            problem(
                "GO507",
                line_ref.location if line_ref else sf.at(),
                f"the line {line!r} has an empty name between separators",
                hint="remove the extra 、 or write the missing name",
            )
        )
        return []
    if ids and len(ids) != len(names):
        problems.append(
            problem(
                "GO509",
                sf.key_at("members"),
                f"`members` gives {len(ids)} id(s) for the {len(names)} name(s) printed in the line",
                hint="give one id per printed name, in printed order",
            )
        )
        return []
    at = line_ref.location if line_ref else sf.at()
    return [
        Seat(
            first + n,
            role,
            ids[n] if ids else Ref(name, at),
            posts,
            printed or name,
            sf.at(),
            line=line,
            by_name=not ids,
        )
        for n, name in enumerate(names)
    ]


def _optional_posts(f: Fields, *, single: str = "post", many: str = "posts") -> tuple[PostRef, ...]:
    if f.has(single) and f.has(many):
        f.problems.append(problem("GO114", f.key_at(many), f"give either `{single}` or `{many}`, not both"))
    one = f.raw(single)
    if one is not None:
        f.raw(many)  # a known key either way: GO114 above says what is wrong with giving both
        nodes = [one]
    else:
        nodes = f.sequence(many)
    posts = [parse_post(n, f.path, f.problems) for n in nodes]
    return tuple(p for p in posts if p is not None)


def parse_file(root: YNode | None, path: str, problems: list[Problem]) -> FileRecords:
    """Parse one file's top level. Sections may appear in any file; `document` gives the source
    of the rows in `appointments`, `removals` and `attestations`."""
    out = FileRecords()
    if root is None:
        problems.append(problem("GO105", Location(path), "the file is empty", hint="start it with `format: 1`"))
        return out
    if not isinstance(root, YMap):
        problems.append(
            problem(
                "GO105",
                Location(path, root.line, root.col),
                f"the file's top level must be a mapping, not {type_name(root)}",
            )
        )
        return out
    f = Fields(root, path, problems, what="file")
    version_node = f.raw("format", required=False)
    if version_node is None:
        problems.append(problem("GO104", f.at(), "the file does not say its format", hint="start it with `format: 1`"))
    elif not (isinstance(version_node, YScalar) and version_node.value == FORMAT_VERSION):
        value = version_node.value if isinstance(version_node, YScalar) else type_name(version_node)
        f.error("GO104", version_node, f"format {value!r} is not supported; this govorg reads format {FORMAT_VERSION}")

    government = _ref(f, "government")  # the file's default: its documents' and organisations' government
    source: Document | None = None
    doc_node = f.mapping("document")
    if doc_node is not None:
        source = parse_document(doc_node, path, problems, default_government=government)
        if source is not None:
            out.documents.append(source)
    for item in each_mapping(f.sequence("documents"), path, problems, what="document"):
        if (doc := parse_document(item, path, problems, default_government=government)) is not None:
            out.documents.append(doc)
    for item in each_mapping(f.sequence("organisations"), path, problems, what="organisation"):
        if (org := parse_organisation(item, path, problems, default_government=government)) is not None:
            out.organisations.append(org)
    for item in each_mapping(f.sequence("people"), path, problems, what="person"):
        if (person := parse_person(item, path, problems)) is not None:
            out.people.append(person)
    for item in each_mapping(f.sequence("titles"), path, problems, what="title rule"):
        out.titles.extend(parse_title_rules(item, path, problems))

    rows = {
        "appointments": f.sequence("appointments"),
        "removals": f.sequence("removals"),
        "attestations": f.sequence("attestations"),
    }
    leadership = f.mapping("leadership")
    roster = f.mapping("roster")
    if (any(rows.values()) or leadership is not None or roster is not None) and source is None and doc_node is None:
        problems.append(
            problem(
                "GO102",
                f.at(),
                "rows need a source: this file has appointments, removals or attestations but no `document`",
                hint="add a `document:` block describing the source document",
            )
        )
    if source is not None:
        for i, item in enumerate(each_mapping(rows["appointments"], path, problems, what="appointment")):
            out.appointments.extend(parse_appointments(item, path, problems, source=source, index=i))
        for i, item in enumerate(each_mapping(rows["removals"], path, problems, what="removal")):
            out.removals.extend(parse_removals(item, path, problems, source=source, index=i))
        for i, item in enumerate(each_mapping(rows["attestations"], path, problems, what="attestation")):
            if (att := parse_attestation(item, path, problems, source=source, index=i)) is not None:
                out.attestations.append(att)
        if leadership is not None:
            out.leadership.append(parse_leadership(leadership, path, problems, source=source))
        if roster is not None:
            version, attestations = parse_roster(roster, path, problems, source=source)
            if version is not None:
                out.rosters.append(version)
            out.attestations.extend(attestations)
    f.finish()
    return out
