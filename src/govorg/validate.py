"""Rules across records: references, identities, overlaps and dates, each with its code.

`validate` resolves every reference through the catalog, folds tenures, and checks the rules
that need more than one record. It returns the resolved model along with every problem, so
that `graph` never has to resolve a name again.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from govorg.catalog import Catalog
from govorg.committees import Committees, build_committees
from govorg.graph import cycle_problems
from govorg.leadership import Leadership, build_leadership
from govorg.loader import Loaded
from govorg.problems import Location, Problem, Severity, Text, problem
from govorg.records import FileRecords
from govorg.tenures import Tenure, build_tenures
from govorg.titles import build_title_rules


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
    problems = list(loaded.problems)
    check_record_ids(loaded.records, problems)
    catalog = Catalog(loaded.records, problems)
    problems.extend(cycle_problems(catalog, loaded.records))
    for org in loaded.records.organisations:
        for rename in org.renames:
            if rename.source is not None:
                catalog.require_document(rename.source)
    titles = build_title_rules(loaded.records.titles, catalog, problems)
    tenures = build_tenures(loaded.records, catalog, problems, titles=titles)
    check_single_holders(tenures, problems)
    leadership = build_leadership(loaded.records.leadership, catalog, problems)
    committees = build_committees(loaded.records.rosters, catalog, problems, titles=titles)
    problems.sort(key=lambda p: (p.location.path, p.location.line, p.location.col, p.code))
    return Validated(loaded, catalog, tenures, leadership, committees, problems)


def check_single_holders(tenures: list[Tenure], problems: list[Problem]) -> None:
    """GO301: a one-holder post (局长, 校长) cannot have two certain holders on one day."""
    by_post: dict[tuple[str, str], list[Tenure]] = defaultdict(list)
    for tenure in tenures:
        if tenure.post.single_holder and tenure.certain_from < tenure.certain_until:
            by_post[tenure.post.key].append(tenure)
    for items in by_post.values():
        items.sort(key=lambda t: t.certain_from)
        for before, after in itertools.pairwise(items):
            if after.certain_from < before.certain_until and before.person_id != after.person_id:
                record = after.appointment or after.removal or (after.attestations[0] if after.attestations else None)
                if record is None:  # pragma: no cover - every tenure comes from a record
                    continue
                problems.append(
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


def check_record_ids(records: FileRecords, problems: list[Problem]) -> None:
    """Every record id names one record. Two rows of one table with one id (`row: 3` twice, or
    a row numbered by position meeting a `row:`) are GO250; one id on records of two kinds is
    GO251. Duplicates within documents, organisations or people are the catalog's GO205."""
    seen: dict[str, tuple[str, Location]] = {}
    kinds: list[tuple[str, list[Any]]] = [
        ("document", records.documents),
        ("organisation", records.organisations),
        ("person", records.people),
        ("appointment", records.appointments),
        ("removal", records.removals),
        ("attestation", records.attestations),
        ("leadership", records.leadership),
        ("roster", records.rosters),
    ]
    for kind, items in kinds:
        for record in items:
            record_id, location = record.id, record.location
            first = seen.get(record_id)
            if first is None:
                seen[record_id] = (kind, location)
            elif first[0] != kind:
                problems.append(
                    problem(
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
                )
            elif kind in ("appointment", "removal", "attestation"):
                problems.append(
                    problem(
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
                )
