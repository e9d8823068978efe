"""Leadership notices (分工): full notices and amendments, stand-in rules; and how they are read."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from govorg.dates import DateWindow
from govorg.fields import Fields, each_mapping
from govorg.pickling import compact_pickle
from govorg.problems import Location, Problem, Text, problem
from govorg.records.common import Document, Ref, _ref, _refs
from govorg.yamlio import YMap, YNode, YScalar, YSeq, type_name


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


@compact_pickle
@dataclass(frozen=True, slots=True)
class LeaderEntry:
    """One leader's paragraph of a 分工 notice: units by relation, as printed, and work items."""

    person: Ref
    printed: str | None
    units: dict[str, tuple[Ref, ...]]  # relation -> units as printed (brand names in brackets kept)
    work: tuple[str, ...]  # 负责…工作: work items, not units
    location: Location
    note: str | None = None  # why a leader has no portfolio (在中央党校学习)


@compact_pickle
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


@compact_pickle
@dataclass(frozen=True, slots=True)
class Exemption:
    """Work nobody stands in for (公安工作不实行AB角): it stays with its own leader."""

    units: tuple[Ref, ...]
    work: tuple[str, ...]
    printed: str | None
    location: Location


@compact_pickle
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


@compact_pickle
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


@compact_pickle
@dataclass(frozen=True, slots=True)
class TemporaryShare:
    """Who takes which part of the absent leader's work (all of it when no units or work are named)."""

    person: Ref
    units: tuple[Ref, ...]
    work: tuple[str, ...]
    location: Location


@compact_pickle
@dataclass(frozen=True, slots=True)
class TemporaryAssignment:
    """临时调整: while `absent` is away, the shares take their work, until `until` (None: not stated)."""

    absent: Ref
    reason: str | None
    until: DateWindow | None
    shares: tuple[TemporaryShare, ...]
    printed: str | None
    location: Location


@compact_pickle
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
                    Text("a `kind: {value}` leadership notice has no `{key}`", value=kind.value, key=key),
                    hint=Text(
                        "it carries {list}; record the other part as its own notice, or fix `kind`",
                        list=" and ".join(f"`{k}`" for k in _KIND_KEYS[kind]),
                    ),
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


def _stand_in_scheme(f: Fields, *, required: bool) -> StandInScheme | None:
    """`stand_ins:` is a list of rules, or a mapping with `rules` and the notice's other terms."""
    node = f.raw("stand_ins", required=required)
    if node is None:
        return None
    path, problems = f.path, f.problems
    if isinstance(node, YSeq):
        return StandInScheme(_stand_in_rules(node.items, path, problems), (), (), None, None, None, None, f.at(node))
    if not isinstance(node, YMap):
        f.error(
            "GO103", node, Text("`stand_ins` must be a list of rules or a mapping, not {type}", type=type_name(node))
        )
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
                    Text(
                        "a stand-in rule is a pair [a, b] or a mapping with `leader` and `by`, not {type}",
                        type=type_name(item),
                    ),
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
        pf = Fields(part, path, problems, what=Text("`{key}` of a change", key=key))
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
