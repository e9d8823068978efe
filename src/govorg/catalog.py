"""The catalog: documents, organisations and people by id, and every name that resolves to them.

DOMAIN.md principle 4, "one thing, one id": an organisation known by several names (official,
short 简称, other 牌子, former names until a 更名), a person printed "王 峰", a document number
printed with other brackets — each resolves to one id. Names are valid over time: a former name
resolves only before its rename, unless asked for without a date.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, timedelta

from govorg.dates import DateWindow
from govorg.docnumbers import canonical_number
from govorg.names import name_key
from govorg.problems import Location, Problem, problem
from govorg.records import Document, FileRecords, Organisation, Person, Ref

COMPOUND_NAME = re.compile(r"^(.+?)\((.+)\)$")  # "body（牌子、…）" after name_key (brackets ASCII)

NameKind = str  # "official", "short", "brand", "former"


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A name an organisation answers to, and when: [valid_from, valid_until)."""

    org_id: str
    name: str
    kind: NameKind
    valid_from: date
    valid_until: date

    def overlaps(self, lo: date, hi: date) -> bool:
        """Whether the name is valid somewhere in [lo, hi] (both inclusive)."""
        return self.valid_from <= hi and lo < self.valid_until


class Catalog:
    """Lookup tables built once from the records; pure and read-only afterwards."""

    def __init__(self, records: FileRecords, problems: list[Problem]) -> None:
        self.documents: dict[str, Document] = {}
        self.document_numbers: dict[str, str] = {}
        self.organisations: dict[str, Organisation] = {}
        self.people: dict[str, Person] = {}
        self.names: dict[str, list[NameSpan]] = {}
        self.person_names: dict[str, list[str]] = {}
        self.children: dict[str, list[str]] = {}
        self._problems = problems
        self._add_documents(records.documents)
        self._add_organisations(records.organisations)
        self._add_people(records.people)

    # -- building ----------------------------------------------------------------------------
    def _duplicate(self, kind: str, record_id: str, location: Location, first: Location) -> None:
        self._problems.append(
            problem(
                "GO205",
                location,
                f"{kind} id {record_id!r} is already used at {first}",
                hint="give each record its own id",
            )
        )

    def _add_documents(self, documents: list[Document]) -> None:
        for doc in documents:
            if doc.id in self.documents:
                self._duplicate("document", doc.id, doc.location, self.documents[doc.id].location)
                continue
            self.documents[doc.id] = doc
            if doc.canonical_number:
                first = self.document_numbers.get(doc.canonical_number)
                if first is not None:
                    self._problems.append(
                        problem(
                            "GO206",
                            doc.location,
                            f"document number {doc.number} is {doc.canonical_number}, already defined as {first!r}",
                            hint="keep one definition",
                        )
                    )
                    continue
                self.document_numbers[doc.canonical_number] = doc.id
        for doc in self.documents.values():
            if doc.published_in is not None and self.resolve_document(doc.published_in.text) is None:
                self._unknown_document(doc.published_in)

    def _add_organisations(self, organisations: list[Organisation]) -> None:
        for org in organisations:
            if org.id in self.organisations:
                self._duplicate("organisation", org.id, org.location, self.organisations[org.id].location)
                continue
            self.organisations[org.id] = org
            for span in self._name_spans(org):
                key = name_key(span.name)
                clash = next(
                    (
                        other
                        for other in self.names.get(key, ())
                        if other.org_id != org.id
                        and other.overlaps(span.valid_from, span.valid_until - timedelta(days=1))
                    ),
                    None,
                )
                if clash is not None:
                    self._problems.append(
                        problem(
                            "GO204",
                            org.location,
                            f"name {span.name!r} of {org.id!r} is also a name of {clash.org_id!r} at the same time",
                            hint="a name must resolve to one organisation: drop it from one of them",
                        )
                    )
                    continue
                spans = self.names.setdefault(key, [])
                if not any(s.org_id == org.id and s.valid_from == span.valid_from for s in spans):
                    spans.append(span)
        for org in self.organisations.values():
            if org.parent is not None:
                parent = self.resolve_organisation(org.parent.text)
                if parent is None:
                    self._problems.append(
                        problem(
                            "GO207",
                            org.parent.location,
                            f"parent {org.parent.text!r} of {org.id!r} is not a recorded organisation",
                            hint=self._org_hint(org.parent.text),
                        )
                    )
                else:
                    self.children.setdefault(parent, []).append(org.id)
            for member in org.members:
                if self.resolve_organisation(member.text) is None:
                    self.unknown_organisation(member)

    @staticmethod
    def _name_spans(org: Organisation) -> list[NameSpan]:
        """Official, short and brand names for the body's whole life; former names until their rename."""
        renames = sorted(org.renames, key=lambda r: r.on.earliest or date.min)
        official_from = date.min
        spans: list[NameSpan] = []
        previous_until = date.min
        for rename in renames:
            switch = rename.on.earliest or date.min
            spans.append(NameSpan(org.id, rename.former_name, "former", previous_until, switch))
            previous_until = switch
            official_from = switch
        spans.append(NameSpan(org.id, org.name, "official", official_from, date.max))
        spans.extend(NameSpan(org.id, n, "short", date.min, date.max) for n in org.short_names)
        spans.extend(NameSpan(org.id, n, "brand", date.min, date.max) for n in org.brand_names)
        spans.append(NameSpan(org.id, org.id, "id", date.min, date.max))
        return spans

    def _add_people(self, people: list[Person]) -> None:
        for person in people:
            if person.id in self.people:
                self._duplicate("person", person.id, person.location, self.people[person.id].location)
                continue
            self.people[person.id] = person
            for name in {name_key(person.name), *(name_key(p) for p in person.printed)}:
                self.person_names.setdefault(name, []).append(person.id)

    # -- resolving ---------------------------------------------------------------------------
    def organisations_named(self, name: str, window: DateWindow | None = None) -> list[str]:
        """Ids of the organisations that answer to `name` during `window` (any time when None)."""
        spans = self.names.get(name_key(name), [])
        if not spans and (m := COMPOUND_NAME.match(name_key(name))):
            # 长宁区城市运行综合管理指挥中心（区城市网格化综合管理中心）: a name with the body's
            # other 牌子 in parentheses names the body of the name outside them.
            spans = self.names.get(m.group(1), [])
        if window is not None:
            lo = window.earliest or date.min
            hi = window.latest or date.max
            dated = [s for s in spans if s.overlaps(lo, hi)]
            if dated:
                spans = dated
        return list(dict.fromkeys(s.org_id for s in spans))

    def organisations_on(self, name: str, day: date | None) -> list[str]:
        """`organisations_named` for one day (or any time): the hot path of every query."""
        spans = self.names.get(name_key(name))
        if spans is None:
            return self.organisations_named(name)
        if len(spans) == 1:
            return [spans[0].org_id]
        if day is not None:
            dated = [s.org_id for s in spans if s.valid_from <= day < s.valid_until]
            if dated:
                return list(dict.fromkeys(dated))
        return list(dict.fromkeys(s.org_id for s in spans))

    def dateless(self, name: str) -> bool:
        """Whether `name` names one body on every date (no rename makes it mean another)."""
        spans = self.names.get(name_key(name))
        if not spans:
            return False
        bodies = {s.org_id for s in spans}
        return len(bodies) == 1

    def resolve_organisation(self, name: str, window: DateWindow | None = None) -> str | None:
        found = self.organisations_named(name, window)
        return found[0] if len(found) == 1 else None

    def resolve_reference(self, ref: Ref, window: DateWindow | None = None) -> str | None:
        """Resolve a written organisation reference, reporting unknown or ambiguous names."""
        found = self.organisations_named(ref.text, window)
        if len(found) == 1:
            return found[0]
        if not found:
            self.unknown_organisation(ref)
        else:
            self._problems.append(
                problem(
                    "GO204",
                    ref.location,
                    f"{ref.text!r} resolves to {len(found)} organisations: {', '.join(found)}",
                    hint="use the official name or the id",
                )
            )
        return None

    def unknown_organisation(self, ref: Ref) -> None:
        self._problems.append(
            problem("GO202", ref.location, f"unknown organisation {ref.text!r}", hint=self._org_hint(ref.text))
        )

    def _org_hint(self, text: str) -> str:
        names = {span.name: span.org_id for spans in self.names.values() for span in spans}
        close = difflib.get_close_matches(text, list(names), n=1, cutoff=0.6)
        if close:
            return f"did you mean {close[0]!r} ({names[close[0]]})?"
        return "add it to data/organisations/"

    def resolve_person(self, ref: Ref) -> str | None:
        if ref.text in self.people:
            return ref.text
        by_name = self.person_names.get(name_key(ref.text), [])
        if len(by_name) == 1:
            hint = f"people are referenced by id: write {by_name[0]!r} ({ref.text})"
        else:
            close = difflib.get_close_matches(ref.text, list(self.people), n=1, cutoff=0.6)
            hint = (
                f"did you mean {close[0]!r} ({self.people[close[0]].name})?"
                if close
                else "add the person to data/people/"
            )
        self._problems.append(problem("GO201", ref.location, f"unknown person {ref.text!r}", hint=hint))
        return None

    def resolve_document(self, text: str) -> str | None:
        """A document id, or a 文号 in any bracket style."""
        if text in self.documents:
            return text
        canonical = canonical_number(text)
        if canonical is not None:
            return self.document_numbers.get(canonical)
        return None

    def _unknown_document(self, ref: Ref) -> None:
        close = difflib.get_close_matches(ref.text, list(self.documents), n=1, cutoff=0.6)
        self._problems.append(
            problem(
                "GO203",
                ref.location,
                f"unknown document {ref.text!r}",
                hint=f"did you mean {close[0]!r}?" if close else "define it in data/documents/",
            )
        )

    def require_document(self, ref: Ref) -> str | None:
        found = self.resolve_document(ref.text)
        if found is None:
            self._unknown_document(ref)
        return found

    def name_on(self, org_id: str, day: date) -> str:
        """The official name of an organisation on a day (its former name before a rename)."""
        org = self.organisations[org_id]
        for rename in sorted(org.renames, key=lambda r: r.on.earliest or date.min):
            if rename.on.earliest is not None and day < rename.on.earliest:
                return rename.former_name
        return org.name

    def descendants(self, org_id: str) -> list[str]:
        """The organisation and every unit below it."""
        out = [org_id]
        seen = {org_id}  # a parent cycle (GO252) must not make this endless
        i = 0
        while i < len(out):
            for child in self.children.get(out[i], ()):
                if child not in seen:
                    seen.add(child)
                    out.append(child)
            i += 1
        return out
