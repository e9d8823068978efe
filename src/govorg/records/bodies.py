"""Bodies and their rosters: seats, role groups, offices, succession; and how they are read."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from govorg.dates import DateWindow
from govorg.fields import Fields, each_mapping
from govorg.pickling import compact_pickle
from govorg.problems import Location, Problem, Text, problem
from govorg.records.common import Document, PostRef, Ref, _optional_posts, _ref, _refs
from govorg.records.renmian import Attestation
from govorg.yamlio import YMap


@compact_pickle
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


@compact_pickle
@dataclass(frozen=True, slots=True)
class RoleGroup:
    """Options for the seats of one role label (a role group): their order and succession rule."""

    role: str
    order: str  # a SeatOrder value
    succession: str | None  # a Succession value; None: the roster's rule
    printed: str | None  # the group's heading or rule as printed (成员（按姓氏笔画为序）)
    location: Location


@compact_pickle
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


@compact_pickle
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
                    Text("options for role {role!r}, which no seat has", role=group.role),
                    hint=Text(
                        "use one of the roles as printed: {list}", list=", ".join(dict.fromkeys(s.role for s in seats))
                    ),
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
                    Text("options for role {role!r} are given twice", role=role),
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
                Text("the line {line!r} has an empty name between separators", line=line),
                hint="remove the extra 、 or write the missing name",
            )
        )
        return []
    if ids and len(ids) != len(names):
        problems.append(
            problem(
                "GO509",
                sf.key_at("members"),
                Text(
                    "`members` gives {n_ids} id(s) for the {n_names} name(s) printed in the line",
                    n_ids=len(ids),
                    n_names=len(names),
                ),
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
