"""Records: frozen dataclasses parsed from located YAML mappings. Pure; no I/O.

The format is documented, with a worked example per kind, in docs/format.md. References
between records (`Ref`) keep the text the clerk wrote and its location; `validate` and `graph`
resolve them, so a dangling reference is reported where it was written. One module per kind of
record: `common` (documents, organisations, people, posts), `renmian` (任免), `leadership`
(分工 notices), `bodies` (rosters); this module gathers them into `FileRecords`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from govorg.fields import Fields, each_mapping
from govorg.pickling import compact_pickle
from govorg.problems import Location, Problem, Text, problem
from govorg.records.bodies import (
    SEAT_ORDERS,
    SUCCESSION_RULES,
    Office,
    RoleGroup,
    RosterVersion,
    Seat,
    SeatOrder,
    Succession,
    parse_roster,
    role_of_label,
    split_line,
)
from govorg.records.common import (
    BODY_KINDS,
    ORGANISATION_KINDS,
    Document,
    Level,
    Milestone,
    Organisation,
    OrganisationKind,
    Person,
    PostRef,
    Ref,
    Rename,
    _ref,
    has_roster,
    parse_document,
    parse_organisation,
    parse_person,
    parse_post,
)
from govorg.records.leadership import (
    RELATIONS,
    Exemption,
    LeaderEntry,
    LeadershipKind,
    LeadershipVersion,
    PortfolioChange,
    Relation,
    StandInRule,
    StandInScheme,
    TemporaryAssignment,
    TemporaryShare,
    parse_leadership,
)
from govorg.records.renmian import (
    APPOINTMENT_LABELS,
    REMOVAL_LABELS,
    Appointment,
    AppointmentForm,
    Attestation,
    Holders,
    Rank,
    Removal,
    RemovalReason,
    TitleRule,
    parse_appointment,
    parse_appointments,
    parse_attestation,
    parse_rank,
    parse_removal,
    parse_removals,
    parse_title_rules,
)
from govorg.yamlio import YMap, YNode, YScalar, type_name

FORMAT_VERSION = 1


@compact_pickle
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
                Text("the file's top level must be a mapping, not {type}", type=type_name(root)),
            )
        )
        return out
    f = Fields(root, path, problems, what="file")
    version_node = f.raw("format", required=False)
    if version_node is None:
        problems.append(problem("GO104", f.at(), "the file does not say its format", hint="start it with `format: 1`"))
    elif not (isinstance(version_node, YScalar) and version_node.value == FORMAT_VERSION):
        value = version_node.value if isinstance(version_node, YScalar) else type_name(version_node)
        f.error(
            "GO104",
            version_node,
            Text(
                "format {value!r} is not supported; this govorg reads format {FORMAT_VERSION}",
                value=value,
                FORMAT_VERSION=FORMAT_VERSION,
            ),
        )

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


__all__ = [
    "APPOINTMENT_LABELS",
    "BODY_KINDS",
    "FORMAT_VERSION",
    "ORGANISATION_KINDS",
    "RELATIONS",
    "REMOVAL_LABELS",
    "SEAT_ORDERS",
    "SUCCESSION_RULES",
    "Appointment",
    "AppointmentForm",
    "Attestation",
    "Document",
    "Exemption",
    "FileRecords",
    "Holders",
    "LeaderEntry",
    "LeadershipKind",
    "LeadershipVersion",
    "Level",
    "Milestone",
    "Office",
    "Organisation",
    "OrganisationKind",
    "Person",
    "PortfolioChange",
    "PostRef",
    "Rank",
    "Ref",
    "Relation",
    "Removal",
    "RemovalReason",
    "Rename",
    "RoleGroup",
    "RosterVersion",
    "Seat",
    "SeatOrder",
    "StandInRule",
    "StandInScheme",
    "Succession",
    "TemporaryAssignment",
    "TemporaryShare",
    "TitleRule",
    "has_roster",
    "parse_appointment",
    "parse_appointments",
    "parse_attestation",
    "parse_document",
    "parse_file",
    "parse_leadership",
    "parse_organisation",
    "parse_person",
    "parse_post",
    "parse_rank",
    "parse_removal",
    "parse_removals",
    "parse_roster",
    "parse_title_rules",
    "role_of_label",
    "split_line",
]
