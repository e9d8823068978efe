"""任免 records: appointments, confirmations, removals, attestations and title rules; and how they are read."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from govorg.dates import DateWindow
from govorg.fields import Fields
from govorg.pickling import compact_pickle
from govorg.printed import appointment_contradictions
from govorg.problems import Location, Problem, Text, problem
from govorg.records.common import ORGANISATION_KINDS, Document, OrganisationKind, PostRef, Ref, _ref, _refs, parse_post
from govorg.yamlio import YMap


@compact_pickle
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


@compact_pickle
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


@compact_pickle
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


@compact_pickle
@dataclass(frozen=True, slots=True)
class TitleRule:
    """A `titles:` entry: how many people may hold a title in one organisation or one kind."""

    title: str
    holders: Holders
    organisation: Ref | None
    kind: OrganisationKind | None
    location: Location


@compact_pickle
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


def _posts(f: Fields) -> tuple[PostRef, ...]:
    """`post:` for one post, `posts:` for a printed line naming several (副局长、执法大队副大队长)."""
    if f.has("post") and f.has("posts"):
        f.problems.append(problem("GO114", f.key_at("posts"), "give either `post` or `posts`, not both"))
    one = f.raw("post")
    many = f.sequence("posts")
    nodes = [one] if one is not None else many
    if not nodes:
        f.error(
            "GO102", None, Text("{what} is missing `post`", what=f.what), hint="add `post: {organisation: …, title: …}`"
        )
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
        f.error(
            "GO102",
            None,
            Text("{what} is missing `person`", what=f.what),
            hint="add `person: <id>` (or `people: [a, b]`)",
        )
    seen: set[str] = set()
    out: list[Ref] = []
    for ref in many:
        if ref.text in seen:
            f.problems.append(
                problem(
                    "GO307",
                    ref.location,
                    Text("{text} is listed twice in `people`", text=ref.text),
                    hint="list each person once",
                )
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
        f.error(
            "GO306",
            f.node.values[key],
            Text("`{key}` belongs to {wanted} only", key=key, wanted=wanted),
            hint=Text("remove `{key}` or {wanted}", key=key, wanted=wanted),
        )


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
        f.error(
            "GO306",
            node.values.get("confirmation"),
            Text("`confirmation: true` contradicts `form: {value}`", value=form.value),
        )
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
