"""Rules across records: references, identities, overlaps and dates, each with its code.

`validate` resolves every reference through the catalog, folds tenures, and checks the rules
that need more than one record. It returns the resolved model along with every problem, so
that `graph` never has to resolve a name again.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from govorg.catalog import Catalog
from govorg.committees import Committees, RosterPart, assemble_rosters, check_milestones, roster_part
from govorg.graph import document_cycles, organisation_cycles, predecessor_cycles
from govorg.leadership import Leadership, build_leadership
from govorg.loader import Loaded
from govorg.problems import Location, Problem, Severity, Text, problem
from govorg.records import FileRecords
from govorg.tenures import Fold, Tenure, fold_tenures
from govorg.titles import TitleRules, build_title_rules


@dataclass(slots=True)
class Validated:
    loaded: Loaded
    catalog: Catalog
    tenures: list[Tenure]
    leadership: Leadership
    committees: Committees
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def ok(self) -> bool:
        return not self.errors


def validate(loaded: Loaded) -> Validated:
    return validate_parts(loaded)[0]


def problem_order(p: Problem) -> tuple[str, int, int, str, str, str]:
    """Problems by place, then code and text: the same problems in any order sort the same."""
    return (p.location.path, p.location.line, p.location.col, p.code, p.message, p.hint)


PostKey = tuple[str, str]


@dataclass(slots=True)
class Parts:
    """What `validate` made, kept by what each part depends on, so that a reload redoes only
    what a change touches (govorg.incremental). Each list holds the problems of one step."""

    parse: dict[str, list[Problem]]  # the loader's, by file
    ids: RecordIds
    catalog: list[Problem]  # organisations and people
    documents: list[Problem]  # the catalog's documents, and the files' contexts they give
    organisation_cycles: list[Problem]
    document_checks: list[Problem]  # published_in cycles, renames' and milestones' sources
    predecessors: list[Problem]
    titles: TitleRules
    title_problems: list[Problem]
    fold: Fold
    single: dict[PostKey, list[Problem]]
    leadership: list[Problem]
    rosters: dict[str, list[RosterPart]]  # by file
    roster_problems: list[Problem]

    def problems(self) -> list[Problem]:
        found = [
            *(p for items in self.parse.values() for p in items),
            *(p for items in self.ids.problems.values() for p in items),
            *self.catalog,
            *self.documents,
            *self.organisation_cycles,
            *self.document_checks,
            *self.predecessors,
            *self.title_problems,
            *self.fold.problems(),
            *(p for items in self.single.values() for p in items),
            *self.leadership,
            *self.roster_problems,
        ]
        found.sort(key=problem_order)
        return found


def by_path(problems: list[Problem]) -> dict[str, list[Problem]]:
    out: dict[str, list[Problem]] = {}
    for p in problems:
        out.setdefault(p.location.path, []).append(p)
    return out


def document_checks(catalog: Catalog, records: FileRecords) -> list[Problem]:
    """The checks that read documents beside organisations: `published_in` cycles, the sources
    of renames and of 成立/撤销 (and GO510, which comes with the latter)."""
    problems = document_cycles(catalog)
    before = catalog.report_to(problems)
    try:
        for org in records.organisations:
            for rename in org.renames:
                if rename.source is not None:
                    catalog.require_document(rename.source)
        check_milestones(catalog, problems)
    finally:
        catalog.report_to(before)
    return problems


def validate_parts(loaded: Loaded) -> tuple[Validated, Parts]:
    records = loaded.records
    catalog_problems: list[Problem] = []
    document_problems: list[Problem] = []
    catalog = Catalog(records, catalog_problems, document_problems=document_problems)
    title_problems: list[Problem] = []
    catalog.report_to(title_problems)
    titles = build_title_rules(records.titles, catalog, title_problems)
    catalog.report_to(catalog_problems)
    fold = fold_tenures(records, catalog, titles)
    tenures = fold.tenures()
    leadership_problems: list[Problem] = []
    catalog.report_to(leadership_problems)
    leadership = build_leadership(records.leadership, catalog, leadership_problems)
    catalog.report_to(catalog_problems)
    rosters: dict[str, list[RosterPart]] = {}
    for record in records.rosters:
        rosters.setdefault(record.location.path, []).append(roster_part(record, catalog, titles))
    versions, roster_problems = assemble_rosters(part for parts in rosters.values() for part in parts)
    parts = Parts(
        parse=by_path(loaded.problems),
        ids=record_ids(records),
        catalog=catalog_problems,
        documents=document_problems,
        organisation_cycles=organisation_cycles(catalog),
        document_checks=document_checks(catalog, records),
        predecessors=predecessor_cycles(catalog, records.appointments),
        titles=titles,
        title_problems=title_problems,
        fold=fold,
        single=single_holder_problems(tenures),
        leadership=leadership_problems,
        rosters=rosters,
        roster_problems=roster_problems,
    )
    committees = Committees(versions, catalog)
    validated = Validated(loaded, catalog, tenures, leadership, committees, parts.problems())
    return validated, parts


def check_single_holders(tenures: list[Tenure], problems: list[Problem]) -> None:
    """GO301: a one-holder post (局长, 校长) cannot have two certain holders on one day."""
    for found in single_holder_problems(tenures).values():
        problems.extend(found)


def single_holder_problems(tenures: Iterable[Tenure]) -> dict[PostKey, list[Problem]]:
    """GO301 by post."""
    by_post: dict[tuple[str, str], list[Tenure]] = defaultdict(list)
    for tenure in tenures:
        if tenure.post.single_holder and tenure.certain_from < tenure.certain_until:
            by_post[tenure.post.key].append(tenure)
    out: dict[PostKey, list[Problem]] = {}
    for key, items in by_post.items():
        items.sort(key=lambda t: (t.certain_from, t.id))
        for before, after in itertools.pairwise(items):
            if after.certain_from < before.certain_until and before.person_id != after.person_id:
                record = after.appointment or after.removal or (after.attestations[0] if after.attestations else None)
                if record is None:  # pragma: no cover - every tenure comes from a record
                    continue
                out.setdefault(key, []).append(
                    problem(
                        "GO301",
                        record.location,
                        Text(
                            "{title} of {organisation_id} is a one-holder post, but {person_id} and {person_id2} both certainly hold it on {certain_from}",
                            title=after.post.title,
                            organisation_id=after.post.organisation_id,
                            person_id=before.person_id,
                            person_id2=after.person_id,
                            certain_from=after.certain_from,
                        ),
                        hint=Text("record the removal of {person_id}, or correct a date", person_id=before.person_id),
                    )
                )
    return out


KINDS = ("document", "organisation", "person", "appointment", "removal", "attestation", "leadership", "roster")
KIND_ORDER = {kind: n for n, kind in enumerate(KINDS)}


def kind_lists(records: FileRecords) -> list[tuple[str, list[Any]]]:
    return [
        ("document", records.documents),
        ("organisation", records.organisations),
        ("person", records.people),
        ("appointment", records.appointments),
        ("removal", records.removals),
        ("attestation", records.attestations),
        ("leadership", records.leadership),
        ("roster", records.rosters),
    ]


@dataclass(slots=True)
class RecordIds:
    """Every record id with its first record (kind, place), the ids on several records, and
    the problems of those, by id."""

    first: dict[str, tuple[str, Location]] = field(default_factory=dict)
    repeated: set[str] = field(default_factory=set)
    problems: dict[str, list[Problem]] = field(default_factory=dict)

    def see(self, kind: str, record_id: str, location: Location) -> None:
        first = self.first.get(record_id)
        if first is None:
            self.first[record_id] = (kind, location)
            return
        self.repeated.add(record_id)
        found = _id_problem(kind, record_id, location, first)
        if found is not None:
            self.problems.setdefault(record_id, []).append(found)


def _id_problem(kind: str, record_id: str, location: Location, first: tuple[str, Location]) -> Problem | None:
    if first[0] != kind:
        return problem(
            "GO251",
            location,
            Text(
                "{kind} id {record_id!r} is also the id of the {other_kind} at {first}",
                kind=kind,
                record_id=record_id,
                other_kind=first[0],
                first=first[1],
            ),
            hint="ids are shared by every kind of record: choose another",
        )
    if kind in ("appointment", "removal", "attestation"):
        return problem(
            "GO250",
            location,
            Text(
                "this {kind} has the id {record_id!r} of the {kind} at {first}",
                kind=kind,
                record_id=record_id,
                first=first[1],
            ),
            hint="give each row its own `row:` number (rows without one are numbered by position)",
        )
    return None


def record_ids(records: FileRecords) -> RecordIds:
    """Every record id names one record. Two rows of one table with one id (`row: 3` twice, or
    a row numbered by position meeting a `row:`) are GO250; one id on records of two kinds is
    GO251. Duplicates within documents, organisations or people are the catalog's GO205."""
    ids = RecordIds()
    for kind, items in kind_lists(records):
        for record in items:
            ids.see(kind, record.id, record.location)
    return ids


def check_record_ids(records: FileRecords, problems: list[Problem]) -> None:
    for found in record_ids(records).problems.values():
        problems.extend(found)
