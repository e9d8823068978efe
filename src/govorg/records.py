"""Records: frozen dataclasses parsed from located YAML mappings. Pure; no I/O.

The format is documented, with a worked example per kind, in docs/format.md. References
between records (`Ref`) keep the text the clerk wrote and its location; `validate` and `graph`
resolve them, so a dangling reference is reported where it was written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govorg.dates import DateWindow
from govorg.docnumbers import DocumentNumberError, parse_document_number
from govorg.fields import Fields, each_mapping
from govorg.problems import Location, Problem, problem
from govorg.yamlio import YMap, YNode, YScalar, YSeq, type_name

FORMAT_VERSION = 1

ORGANISATION_KINDS = (
    "government",
    "department",
    "street_office",
    "town",
    "party",
    "mass_organisation",
    "court",
    "procuratorate",
    "military",
    "sub_unit",
    "school",
    "hospital",
    "company",
    "committee",
    "office",
    "group",
    "other",
)


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


@dataclass(frozen=True, slots=True)
class Rename:
    on: DateWindow
    former_name: str
    source: Ref | None
    location: Location


@dataclass(frozen=True, slots=True)
class Organisation:
    id: str
    name: str
    short_names: tuple[str, ...]
    brand_names: tuple[str, ...]
    kind: str
    parent: Ref | None
    renames: tuple[Rename, ...]
    members: tuple[Ref, ...]  # for kind `group`: the units a collective name such as 街道（镇） stands for
    note: str | None
    location: Location


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


@dataclass(frozen=True, slots=True)
class Removal:
    """A 免去…职务 row: ends the person's tenure of each post."""

    id: str
    person: Ref
    posts: tuple[PostRef, ...]
    printed: str | None
    date: DateWindow
    appointment_unrecorded: bool
    source: str
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


RELATIONS = ("leads", "in_charge", "assists", "liaises")  # 领导全面工作, 分管, 协助分管, 联系


@dataclass(frozen=True, slots=True)
class LeaderEntry:
    """One leader's paragraph of a 分工 notice: units by relation, as printed, and work items."""

    person: Ref
    printed: str | None
    units: dict[str, tuple[Ref, ...]]  # relation -> units as printed (brand names in brackets kept)
    work: tuple[str, ...]  # 负责…工作: work items, not units
    location: Location


@dataclass(frozen=True, slots=True)
class LeadershipVersion:
    """A 分工 notice: who is in charge of what, from its date, and the stand-in pairs (代为负责)."""

    id: str
    source: str
    date: DateWindow
    government: Ref | None
    leaders: tuple[LeaderEntry, ...]
    stand_ins: tuple[tuple[Ref, Ref], ...]  # in printed order
    location: Location


@dataclass(frozen=True, slots=True)
class Seat:
    """A seat on a committee roster: role, member (when printed), and the posts by which they sit."""

    order: int  # printed position, from 1
    role: str
    member: Ref | None
    posts: tuple[PostRef, ...]
    printed: str | None
    location: Location


@dataclass(frozen=True, slots=True)
class Office:
    """办公室设在…: the committee's office, its host unit, and its director (who may hold a seat too)."""

    host: Ref
    director: Ref | None
    director_posts: tuple[PostRef, ...]
    printed: str | None
    location: Location


SUCCESSION_RULES = ("natural", "none")  # 自然替补, or seats held personally


@dataclass(frozen=True, slots=True)
class RosterVersion:
    """A roster notice: the committee's members (组成人员) from its date."""

    id: str
    source: str
    date: DateWindow
    committee: Ref
    seats: tuple[Seat, ...]
    office: Office | None
    succession: str
    succession_printed: str | None
    takes_over: tuple[Ref, ...]  # bodies whose duties move to this committee
    location: Location


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


def parse_document(node: YMap, path: str, problems: list[Problem]) -> Document | None:
    f = Fields(node, path, problems, what="document")
    doc_id = f.text("id", required=True)
    number = f.text("number")
    title = f.text("title", required=True)
    issuer = f.text("issuer")
    date = f.date("date", required=True)
    kind = f.choice("kind", ("notice", "report", "regulation", "table", "gazette", "other"), default="notice")
    published_in = _ref(f, "published_in")
    page = f.integer("page")
    f.finish()
    canonical = None
    if number is not None:
        try:
            canonical = parse_document_number(number).canonical
        except DocumentNumberError as exc:
            f.error("GO113", node.values["number"], str(exc))
    if doc_id is None or title is None or date is None:
        return None
    return Document(doc_id, number, canonical, title, issuer, date, kind or "notice", published_in, page, f.at())


def parse_organisation(node: YMap, path: str, problems: list[Problem]) -> Organisation | None:
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
    note = f.text("note")
    f.finish()
    if org_id is None or name is None or kind is None:
        return None
    return Organisation(org_id, name, short, brands, kind, parent, tuple(renames), members, note, f.at())


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


def parse_appointment(
    node: YMap, path: str, problems: list[Problem], *, source: Document, index: int
) -> Appointment | None:
    f = Fields(node, path, problems, what="appointment")
    row = f.integer("row")
    person = _ref(f, "person", required=True)
    printed = f.text("printed")
    posts = _posts(f)
    confirmation = f.flag("confirmation")
    date = f.date("date") or source.date
    probation = f.integer("probation_months")
    rank_text = f.text("rank")
    predecessor = _ref(f, "predecessor")
    f.finish()
    if confirmation and probation is not None:
        f.error("GO305", node.values.get("probation_months"), "a confirmation (试用期满) cannot start a probation")
    if person is None or not posts:
        return None
    record_id = f"{source.id}/appointment/{row if row is not None else index + 1}"
    rank = parse_rank(rank_text) if rank_text else None
    return Appointment(
        record_id, person, posts, printed, confirmation, date, probation, rank, predecessor, source.id, f.at()
    )


def parse_removal(node: YMap, path: str, problems: list[Problem], *, source: Document, index: int) -> Removal | None:
    f = Fields(node, path, problems, what="removal")
    row = f.integer("row")
    person = _ref(f, "person", required=True)
    printed = f.text("printed")
    posts = _posts(f)
    date = f.date("date") or source.date
    unrecorded = f.choice("appointment", ("unrecorded",), default="") == "unrecorded"
    f.finish()
    if person is None or not posts:
        return None
    record_id = f"{source.id}/removal/{row if row is not None else index + 1}"
    return Removal(record_id, person, posts, printed, date, unrecorded, source.id, f.at())


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


def parse_leadership(node: YMap, path: str, problems: list[Problem], *, source: Document) -> LeadershipVersion:
    f = Fields(node, path, problems, what="leadership")
    government = _ref(f, "government")
    leaders: list[LeaderEntry] = []
    for item in each_mapping(f.sequence("leaders", required=True), path, problems, what="leader"):
        lf = Fields(item, path, problems, what="leader")
        person = _ref(lf, "person", required=True)
        printed = lf.text("printed")
        units = {relation: _refs(lf, relation) for relation in RELATIONS}
        work = lf.texts("work")
        lf.finish()
        if person is not None:
            leaders.append(LeaderEntry(person, printed, units, work, lf.at()))
    pairs: list[tuple[Ref, Ref]] = []
    for pair in f.sequence("stand_ins"):
        if isinstance(pair, YSeq) and len(pair.items) == 2 and all(isinstance(i, YScalar) for i in pair.items):
            a, b = (Ref(str(i.value), Location(path, i.line, i.col)) for i in pair.items if isinstance(i, YScalar))
            pairs.append((a, b))
        else:
            f.error("GO103", pair, "each stand-in pair must be a list of two person ids, e.g. [zhang-wei, cen-fukang]")
    f.finish()
    return LeadershipVersion(
        f"{source.id}/leadership", source.id, source.date, government, tuple(leaders), tuple(pairs), f.at()
    )


def parse_roster(
    node: YMap, path: str, problems: list[Problem], *, source: Document
) -> tuple[RosterVersion | None, list[Attestation]]:
    """A roster and the attestations it makes: each member printed with a post held it that day."""
    f = Fields(node, path, problems, what="roster")
    committee = _ref(f, "committee", required=True)
    succession = f.choice("succession", SUCCESSION_RULES, default="none") or "none"
    succession_printed = f.text("succession_printed")
    takes_over = _refs(f, "takes_over")
    seats: list[Seat] = []
    for order, item in enumerate(each_mapping(f.sequence("seats", required=True), path, problems, what="seat"), 1):
        sf = Fields(item, path, problems, what="seat")
        role = sf.text("role", required=True)
        member = _ref(sf, "member")
        printed = sf.text("printed")
        posts = _optional_posts(sf)
        sf.finish()
        if member is None and not posts:
            problems.append(
                problem(
                    "GO501",
                    sf.at(),
                    "this seat names neither a member nor a post",
                    hint="add `member`, `post`, or both",
                )
            )
            continue
        if role is not None:
            seats.append(Seat(order, role, member, posts, printed, sf.at()))
    office: Office | None = None
    office_node = f.mapping("office")
    if office_node is not None:
        of = Fields(office_node, path, problems, what="office")
        host = _ref(of, "host", required=True)
        director = _ref(of, "director")
        director_posts = _optional_posts(of, single="director_post", many="director_posts")
        office_printed = of.text("printed")
        of.finish()
        if host is not None:
            office = Office(host, director, director_posts, office_printed, of.at())
    f.finish()
    if committee is None:
        return None, []
    attestations: list[Attestation] = []
    listed = [(seat.member, seat.posts, seat.printed, seat.location) for seat in seats]
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
    )
    return version, attestations


def _optional_posts(f: Fields, *, single: str = "post", many: str = "posts") -> tuple[PostRef, ...]:
    if f.has(single) and f.has(many):
        f.problems.append(problem("GO114", f.key_at(many), f"give either `{single}` or `{many}`, not both"))
    one = f.raw(single)
    nodes = [one] if one is not None else f.sequence(many)
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

    source: Document | None = None
    doc_node = f.mapping("document")
    if doc_node is not None:
        source = parse_document(doc_node, path, problems)
        if source is not None:
            out.documents.append(source)
    for item in each_mapping(f.sequence("documents"), path, problems, what="document"):
        if (doc := parse_document(item, path, problems)) is not None:
            out.documents.append(doc)
    for item in each_mapping(f.sequence("organisations"), path, problems, what="organisation"):
        if (org := parse_organisation(item, path, problems)) is not None:
            out.organisations.append(org)
    for item in each_mapping(f.sequence("people"), path, problems, what="person"):
        if (person := parse_person(item, path, problems)) is not None:
            out.people.append(person)

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
            if (appt := parse_appointment(item, path, problems, source=source, index=i)) is not None:
                out.appointments.append(appt)
        for i, item in enumerate(each_mapping(rows["removals"], path, problems, what="removal")):
            if (rem := parse_removal(item, path, problems, source=source, index=i)) is not None:
                out.removals.append(rem)
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
