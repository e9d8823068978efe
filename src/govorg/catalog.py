"""The catalog: documents, organisations and people by id, and every name that resolves to them.

docs/concepts.md principle 5, "one thing, one id": an organisation known by several names (official,
short 简称, other 牌子, former names until a 更名), a person printed "王 峰", a document number
printed with other brackets — each resolves to one id. Names are valid over time: a former name
resolves only before its rename, unless asked for without a date.
"""

from __future__ import annotations

import copy
import difflib
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import TYPE_CHECKING

from govorg.dates import DateWindow
from govorg.docnumbers import canonical_number
from govorg.names import name_key
from govorg.problems import Location, Problem, Text, problem
from govorg.records import Document, FileRecords, Organisation, OrganisationKind, Person, Ref

if TYPE_CHECKING:
    from govorg.graph import OrgTree

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


def _same_jurisdiction(a: str | None, b: str | None) -> bool:
    """Two bodies can clash by name when they share a government, or when either has none
    (nothing then says which one a record means)."""
    return a is None or b is None or a == b


class Catalog:
    """Lookup tables built once from the records; pure and read-only afterwards."""

    def __init__(
        self, records: FileRecords, problems: list[Problem], *, document_problems: list[Problem] | None = None
    ) -> None:
        """Problems with documents (and the files' contexts, which come from them) go to
        `document_problems` when given, so that `with_documents` can redo that part alone."""
        self.documents: dict[str, Document] = {}
        self.document_numbers: dict[str, str] = {}
        self.organisations: dict[str, Organisation] = {}
        self.people: dict[str, Person] = {}
        self.names: dict[str, list[NameSpan]] = {}
        self.children: dict[str, list[str]] = {}
        self.government_of: dict[str, str | None] = {}
        self._problems = problems
        self._add_organisations(records.organisations)
        self._add_people(records.people)
        self._problems = document_problems if document_problems is not None else problems
        self._add_documents(records.documents)
        self._contexts = self._file_contexts()
        self._problems = problems

    def with_documents(
        self, documents: list[Document], problems: list[Problem], *, document_problems: list[Problem]
    ) -> Catalog:
        """A catalog with the same organisations and people (shared, never copied: nothing
        changes them after the build) and these documents; later resolving reports to `problems`."""
        new = copy.copy(self)
        new.documents = {}
        new.document_numbers = {}
        new._problems = document_problems
        new._add_documents(documents)
        new._contexts = new._file_contexts()
        new._problems = problems
        return new

    def complete(self, people: list[Person], documents: list[Document]) -> None:
        """Add people and documents to a catalog made without them (a start from a trusted
        build reads them just after its first answers, govorg.sql.early). Each map is put in
        place whole: a reader meanwhile sees the map it had, or the complete one."""
        filled = copy.copy(self)
        filled.people, filled.documents, filled.document_numbers = {}, {}, {}
        filled._add_people(people)
        filled._add_documents(documents)
        contexts = filled._file_contexts()
        self.people, self.documents, self.document_numbers = filled.people, filled.documents, filled.document_numbers
        self._contexts = contexts

    # -- building ----------------------------------------------------------------------------
    def _duplicate(self, kind: str, record_id: str, location: Location, first: Location) -> None:
        self._problems.append(
            problem(
                "GO205",
                location,
                Text("{kind} id {record_id!r} is already used at {first}", kind=kind, record_id=record_id, first=first),
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
                            Text(
                                "document number {number} is {canonical_number}, already defined as {first!r}",
                                number=doc.number,
                                canonical_number=doc.canonical_number,
                                first=first,
                            ),
                            hint="keep one definition",
                        )
                    )
                    continue
                self.document_numbers[doc.canonical_number] = doc.id
        for doc in self.documents.values():
            if doc.published_in is not None and self.resolve_document(doc.published_in.text) is None:
                self._unknown_document(doc.published_in)

    def _add_organisations(self, organisations: list[Organisation]) -> None:
        pending: list[tuple[Organisation, NameSpan]] = []
        for org in organisations:
            if org.id in self.organisations:
                self._duplicate("organisation", org.id, org.location, self.organisations[org.id].location)
                continue
            self.organisations[org.id] = org
            pending.extend((org, span) for span in self._name_spans(org))
            spans = self.names.setdefault(name_key(org.id), [])
            spans.append(NameSpan(org.id, org.id, "id", date.min, date.max))
        # Governments first: a name need only be unique within its government (principle 4),
        # so whose each body is must be known before the names are checked.
        self._plain: dict[str, set[str]] = {}
        for org, span in pending:
            self._plain.setdefault(name_key(span.name), set()).add(org.id)
        self.government_of = {org_id: self._government(org_id) for org_id in self.organisations}
        for org, span in pending:
            key = name_key(span.name)
            government = self.government_of[org.id]
            clash = next(
                (
                    other
                    for other in self.names.get(key, ())
                    if other.org_id != org.id
                    and _same_jurisdiction(self.government_of.get(other.org_id), government)
                    and other.overlaps(span.valid_from, span.valid_until - timedelta(days=1))
                ),
                None,
            )
            if clash is not None:
                self._problems.append(
                    problem(
                        "GO204",
                        org.location,
                        Text(
                            "name {name!r} of {id!r} is also a name of {org_id!r} at the same time",
                            name=span.name,
                            id=org.id,
                            org_id=clash.org_id,
                        ),
                        hint="a name must resolve to one organisation within a government: drop it from one of them",
                    )
                )
                continue
            spans = self.names.setdefault(key, [])
            if not any(s.org_id == org.id and s.valid_from == span.valid_from for s in spans):
                spans.append(span)
        for org in self.organisations.values():
            if org.parent is not None:
                parent = self.resolve_organisation(org.parent.text, government=self.government_of[org.id])
                if parent is None:
                    self._problems.append(
                        problem(
                            "GO207",
                            org.parent.location,
                            Text(
                                "parent {text!r} of {id!r} is not a recorded organisation",
                                text=org.parent.text,
                                id=org.id,
                            ),
                            hint=self._org_hint(org.parent.text),
                        )
                    )
                else:
                    self.children.setdefault(parent, []).append(org.id)
                    if (
                        org.kind is OrganisationKind.GOVERNMENT
                        and self.organisations[parent].kind is not OrganisationKind.GOVERNMENT
                    ):
                        self._problems.append(
                            problem(
                                "GO211",
                                org.parent.location,
                                Text(
                                    "government {id!r} has {parent!r}, a {kind}, as parent",
                                    id=org.id,
                                    parent=parent,
                                    kind=self.organisations[parent].kind,
                                ),
                                hint="a government's parent is the government above it (市 above 区, 省 above 市)",
                            )
                        )
            for member in org.members:
                if self.resolve_organisation(member.text, government=self.government_of[org.id]) is None:
                    self.unknown_organisation(member)

    def _government(self, org_id: str) -> str | None:
        """The government a body belongs to: itself for a government, the one its record names,
        else its parent's (walked with a guard: a parent cycle is reported elsewhere)."""
        seen: set[str] = set()
        current: str | None = org_id
        while current is not None and current not in seen:
            seen.add(current)
            org = self.organisations[current]
            if org.kind is OrganisationKind.GOVERNMENT:
                return current
            if org.government is not None:
                found = self._plain_lookup(org.government.text)
                if found is None:
                    if current == org_id:
                        self.unknown_organisation(org.government)
                    return None
                if self.organisations[found].kind != "government":
                    if current != org_id:
                        return None
                    self._problems.append(
                        problem(
                            "GO208",
                            org.government.location,
                            Text(
                                "`government: {text}` is a {kind}, not a government",
                                text=org.government.text,
                                kind=self.organisations[found].kind,
                            ),
                            hint="name the government the body belongs to (its 人民政府)",
                        )
                    )
                    return None
                return found
            current = self._plain_lookup(org.parent.text) if org.parent is not None else None
        return None

    def _plain_lookup(self, text: str) -> str | None:
        """An id, or a name only one body has: what `government:` and `parent:` may use before
        names are checked."""
        if text in self.organisations:
            return text
        found = self._plain.get(name_key(text), set())
        return next(iter(found)) if len(found) == 1 else None

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
        return spans

    def _add_people(self, people: list[Person]) -> None:
        for person in people:
            if person.id in self.people:
                self._duplicate("person", person.id, person.location, self.people[person.id].location)
                continue
            self.people[person.id] = person

    @cached_property
    def person_names(self) -> dict[str, list[str]]:
        """Matching key of every name and printed form -> the ids of the people so named. Made
        on first use (a few µs a person): a start from a trusted build answers its first
        questions without it."""
        found: dict[str, list[str]] = {}
        for person in self.people.values():
            for name in {name_key(person.name), *(name_key(p) for p in person.printed)}:
                found.setdefault(name, []).append(person.id)
        return found

    def report_to(self, problems: list[Problem]) -> list[Problem]:
        """Send the problems found while resolving to `problems` from now on; returns the list
        they went to until now. (Validation keeps each file's problems apart this way, so that
        a reload redoes one file's.)"""
        before, self._problems = self._problems, problems
        return before

    # -- resolving ---------------------------------------------------------------------------
    def organisations_named(
        self, name: str, window: DateWindow | None = None, *, government: str | None = None
    ) -> list[str]:
        """Ids of the organisations that answer to `name` during `window` (any time when None),
        those of `government` first: when it has one, the others are not candidates."""
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
        found = list(dict.fromkeys(s.org_id for s in spans))
        return self.within(found, government)

    def within(self, found: list[str], government: str | None) -> list[str]:
        """Narrow candidates to one government's bodies, when that leaves any."""
        if government is None or len(found) < 2:
            return found
        mine = [o for o in found if self.government_of.get(o) == government]
        return mine or found

    def organisations_on(self, name: str, day: date | None, *, government: str | None = None) -> list[str]:
        """`organisations_named` for one day (or any time): the hot path of every query."""
        spans = self.names.get(name_key(name))
        if spans is None:
            return self.organisations_named(name, government=government)
        if len(spans) == 1:
            return [spans[0].org_id]
        found = list(dict.fromkeys(s.org_id for s in spans))
        if day is not None:
            dated = [s.org_id for s in spans if s.valid_from <= day < s.valid_until]
            if dated:
                found = list(dict.fromkeys(dated))
        return self.within(found, government)

    def dateless(self, name: str) -> bool:
        """Whether `name` names one body on every date (no rename makes it mean another)."""
        spans = self.names.get(name_key(name))
        if not spans:
            return False
        bodies = {s.org_id for s in spans}
        return len(bodies) == 1

    def resolve_organisation(
        self, name: str, window: DateWindow | None = None, *, government: str | None = None
    ) -> str | None:
        found = self.organisations_named(name, window, government=government)
        return found[0] if len(found) == 1 else None

    def _file_contexts(self) -> dict[str, str | None]:
        contexts: dict[str, str | None] = {}
        for doc in self.documents.values():
            government = None
            if doc.government is not None:
                government = self._plain_lookup(doc.government.text)
                if government is None:
                    self.unknown_organisation(doc.government)
            elif doc.issuer is not None:
                issuer = self._plain_lookup(doc.issuer)
                government = self.government_of.get(issuer) if issuer else None
            if government is not None or doc.location.path not in contexts:
                contexts[doc.location.path] = government
        return contexts

    def context(self, path: str) -> str | None:
        """The government a file's references resolve in: its document's (or, failing that, its
        issuer's) government."""
        return self._contexts.get(path)

    def resolve_reference(
        self, ref: Ref, window: DateWindow | None = None, *, government: str | None = None
    ) -> str | None:
        """Resolve a written organisation reference in the government of the file it was
        written in, reporting unknown or ambiguous names."""
        found = self.organisations_named(ref.text, window, government=government or self.context(ref.location.path))
        if len(found) == 1:
            return found[0]
        if not found:
            self.unknown_organisation(ref)
        else:
            message, hint = self.ambiguity(ref.text, found)
            self._problems.append(problem("GO204", ref.location, message, hint=hint))
        return None

    def ambiguity(self, name: str, found: list[str]) -> tuple[Text, Text]:
        """The message and the hint for a name that several bodies answer to."""
        governments = list(dict.fromkeys(self.government_of.get(o) for o in found))
        if len(governments) > 1:
            listed = ", ".join(f"{o} ({self._government_label(self.government_of.get(o))})" for o in found)
            return (
                Text(
                    "{name!r} names organisations in {count} governments: {list}",
                    name=name,
                    count=len(governments),
                    list=listed,
                ),
                Text("write the organisation's id, or say whose records these are with `government:` on the document"),
            )
        return (
            Text(
                "{name!r} resolves to {count} organisations: {list}", name=name, count=len(found), list=", ".join(found)
            ),
            Text("use the official name or the id"),
        )

    def _government_label(self, government: str | None) -> str:
        return self.organisations[government].name if government else "no government"

    def unknown_organisation(self, ref: Ref) -> None:
        self._problems.append(
            problem(
                "GO202",
                ref.location,
                Text("unknown organisation {text!r}", text=ref.text),
                hint=self._org_hint(ref.text),
            )
        )

    def _org_hint(self, text: str) -> Text:
        names = {span.name: span.org_id for spans in self.names.values() for span in spans}
        close = difflib.get_close_matches(text, list(names), n=1, cutoff=0.6)
        if close:
            return Text("did you mean {name!r} ({id})?", name=close[0], id=names[close[0]])
        return Text("add it to data/organisations/")

    def resolve_person(self, ref: Ref) -> str | None:
        if ref.text in self.people:
            return ref.text
        by_name = self.person_names.get(name_key(ref.text), [])
        if len(by_name) == 1:
            hint = Text("people are referenced by id: write {id!r} ({name})", id=by_name[0], name=ref.text)
        else:
            close = difflib.get_close_matches(ref.text, list(self.people), n=1, cutoff=0.6)
            hint = (
                Text("did you mean {id!r} ({name})?", id=close[0], name=self.people[close[0]].name)
                if close
                else Text("add the person to data/people/")
            )
        self._problems.append(problem("GO201", ref.location, Text("unknown person {text!r}", text=ref.text), hint=hint))
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
                Text("unknown document {text!r}", text=ref.text),
                hint=Text("did you mean {close!r}?", close=close[0]) if close else "define it in data/documents/",
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

    @cached_property
    def tree(self) -> OrgTree:
        """The organisation tree, a networkx graph built on first use (after the catalog is)."""
        from govorg.graph import OrgTree  # graph builds on this module, so it is imported late

        return OrgTree(self.children)

    def ancestors(self, org_id: str) -> list[str]:
        """The organisation and every body above it, nearest first (from the tree)."""
        return self.tree.ancestors(org_id)

    def descendants(self, org_id: str) -> list[str]:
        """The organisation and every unit below it, breadth first (from the tree)."""
        return self.tree.descendants(org_id)
