"""The registry: the domain questions, answered from the compiled indexes.

Every answer is made of records (`Tenure`, `Document`, `Organisation`, `Person`) plus its
certainty; nothing here returns graph views. Point-in-time questions go through the interval
indexes of `graph`, never a scan of all tenures.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from govorg.catalog import Catalog
from govorg.committees import ResolvedSeat, Roster, TenureSource, memberships
from govorg.dates import DateWindow
from govorg.graph import Compiled, build_graph
from govorg.history import Chain, Event, History, RosterDiff, chains, derive_events, roster_diff, vacancy_links
from govorg.intervals import IntervalIndex
from govorg.leadership import InCharge, Version
from govorg.loader import Loaded, ParseCache, load, paused_gc
from govorg.names import name_key
from govorg.network import (
    BodyInterlock,
    Central,
    Connection,
    Flow,
    Measure,
    Network,
    PersonInterlock,
    body_ties,
    cadre_flows,
    unit_ties,
)
from govorg.problems import Problem
from govorg.records import Document, FileRecords, Level, Organisation, OrganisationKind, Person, has_roster
from govorg.tenures import Certainty, Tenure
from govorg.validate import Validated, validate


class RegistryError(Exception):
    """The data did not validate; `problems` holds every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        errors = [p for p in problems if p.severity.value == "error"]
        super().__init__(f"{len(errors)} error(s) in the data; run `govorg validate` for the full report")
        self.problems = problems


class AmbiguousName(LookupError):
    """A name that bodies of several governments answer to: the question must say which."""

    def __init__(self, name: str, candidates: list[tuple[str, str]]) -> None:
        listed = "; ".join(f"{org} in {government}" for org, government in candidates)
        super().__init__(
            f"{name!r} names organisations in {len(candidates)} governments ({listed}); say which government: "
            "--government on the command line, the `government` argument in GraphQL, government= in Python"
        )
        self.name = name
        self.candidates = candidates


class GovernmentRequired(LookupError):
    """A question about "the" government, asked of a registry that holds several."""

    def __init__(self, what: str, governments: list[str]) -> None:
        shown = "、".join(governments[:8]) + (" …" if len(governments) > 8 else "")
        super().__init__(
            f"{len(governments)} governments have {what} ({shown}); say which government: "
            "--government on the command line, the `government` argument in GraphQL, government= in Python"
        )
        self.governments = governments


class UnknownGovernment(LookupError):
    """A question named a government that no government of the registry answers to."""

    def __init__(self, name: str, known: list[str]) -> None:
        shown = "、".join(known[:8]) + (" …" if len(known) > 8 else "")
        super().__init__(f"no government answers to {name!r}; governments: {shown or 'none recorded'}")


class Holding(NamedTuple):
    """A tenure as seen on one day: held certainly or possibly. (A NamedTuple: every query
    builds these, and a frozen dataclass costs three times as much to create.)"""

    tenure: Tenure
    certainty: Certainty
    on: date


@dataclass(slots=True)
class SeatSpan:
    """A committee seat a person held, from a roster version or by succession."""

    committee_id: str
    role: str
    since: DateWindow
    until: date | None  # the next roster version, when there is one
    source: str
    by_succession: bool
    left: DateWindow | None = None  # when succession moved the seat away from the person


@dataclass(frozen=True, slots=True)
class Info:
    data_version: str
    git_commit: str | None
    files: int
    counts: dict[str, int]
    earliest: date | None
    latest: date | None
    warnings: int


class StartFailed(RuntimeError):
    """An early start (govorg.sql.early) cannot have its whole registry: the database could not
    be read, or was rebuilt since the start; the message says which."""


class Registry:
    """A validated, compiled registry. Build it with `Registry.load(path)`."""

    def __init__(self, validated: Validated, *, compiled: Compiled | None = None) -> None:
        """`compiled`: the indexes, when already made from `validated` (an incremental reload
        patches the previous registry's, govorg.incremental)."""
        if not validated.ok:
            raise RegistryError(validated.problems)
        self.validated = validated
        self.compiled: Compiled = compiled if compiled is not None else build_graph(validated)
        self.catalog: Catalog = validated.catalog
        self._tenure_source = TenureSource(self.compiled.person_tenures, self.compiled.post_tenures)
        # (organisation as asked, title as asked) -> the post's index, for names whose meaning
        # does not depend on the date: the hot path of `holders` skips name resolution.
        self._post_lookup: dict[tuple[str, str, str | None], IntervalIndex[Tenure] | None] = {}
        self._networks: dict[date, Network] = {}
        self._networks_lock = threading.Lock()

    @classmethod
    def load(cls, path: Path | str, *, cache: ParseCache | None = None, workers: int = 1) -> Registry:
        """Load, validate and compile a data folder; raises RegistryError with every problem.
        `workers` > 1 parses the files of a cold load in that many processes."""
        with paused_gc():  # millions of new objects and no cycles: collections would only rescan them
            return cls(validate(load(Path(path), cache=cache, workers=workers)))

    @classmethod
    def trusted(cls, validated: Validated) -> Registry:
        """A registry from a model that `govorg build` validated before storing it (read back by
        govorg.sql.trusted): its problems are the build's warnings, and nothing is checked again."""
        return cls(validated)

    @property
    def loaded(self) -> Loaded:
        return self.validated.loaded

    # -- identities --------------------------------------------------------------------------
    def organisation(self, name: str, *, on: date | None = None, government: str | None = None) -> Organisation | None:
        """The organisation answering to `name` (any official, short, brand or former name, or
        its id) on `on`; a name no longer valid on that day still finds its body. A short name
        resolves within `government` (any of its names); a name that bodies of several
        governments answer to raises AmbiguousName."""
        scope = self.government_id(government, on=on) if government is not None else None
        if government is not None and scope is None:
            raise UnknownGovernment(government, [g.name for g in self.governments()])
        found = self.catalog.organisations_on(name, on, government=scope)
        if len(found) == 1:
            return self.catalog.organisations[found[0]]
        if found:
            self._ambiguous(name, found)
        return None

    def government_id(self, name: str, *, on: date | None = None) -> str | None:
        """The government answering to `name` (its id, official or short name)."""
        found = [
            g
            for g in self.catalog.organisations_on(name, on)
            if self.catalog.organisations[g].kind is OrganisationKind.GOVERNMENT
        ]
        if len(found) > 1:
            self._ambiguous(name, found)
        return found[0] if found else None

    def government_of(self, org_id: str) -> Organisation | None:
        """The government a body belongs to (itself, for a government)."""
        found = self.catalog.government_of.get(org_id)
        return self.catalog.organisations[found] if found else None

    def governments(self) -> list[Organisation]:
        """Every government in the registry, from the highest level down, then by name."""
        order = {level: n for n, level in enumerate(Level)}
        found = [o for o in self.catalog.organisations.values() if o.kind is OrganisationKind.GOVERNMENT]
        return sorted(found, key=lambda o: (order.get(o.level, len(order)) if o.level else len(order), o.name))

    def _ambiguous(self, name: str, found: list[str]) -> None:
        governments = {self.catalog.government_of.get(o) for o in found}
        if len(governments) < 2:
            return  # two bodies of one government: validation reports it; the question gets no answer
        catalog = self.catalog
        raise AmbiguousName(
            name,
            [
                (
                    catalog.organisations[o].name,
                    catalog.organisations[g].name if (g := catalog.government_of.get(o)) else "-",
                )
                for o in found
            ],
        )

    def organisation_name(self, org_id: str, *, on: date) -> str:
        return self.catalog.name_on(org_id, on)

    def document(self, number: str) -> Document | None:
        """A document by id or by 文号 in any bracket style."""
        found = self.catalog.resolve_document(number)
        return self.catalog.documents[found] if found else None

    def person(self, person_id: str) -> Person | None:
        return self.catalog.people.get(person_id)

    def people(self, name: str) -> list[Person]:
        """People whose name or printed variant matches `name` ("王 峰" finds 王峰)."""
        ids = self.catalog.person_names.get(name_key(name), [])
        return [self.catalog.people[i] for i in ids]

    # -- lists for portals --------------------------------------------------------------------
    def list_organisations(
        self, *, government: str | None = None, kinds: Iterable[OrganisationKind] = ()
    ) -> list[Organisation]:
        """Organisations, narrowed to one government's (its name or id; the government itself
        included) and to some kinds; sorted by government, then official name, then id, so
        pages of the list are stable."""
        wanted = frozenset(kinds)
        found = [o for o in self.catalog.organisations.values() if not wanted or o.kind in wanted]
        if government is not None:
            gov = self.government_id(government)
            if gov is None:
                raise UnknownGovernment(government, [g.name for g in self.governments()])
            found = [o for o in found if self.catalog.government_of.get(o.id) == gov]
        return sorted(found, key=lambda o: (self.catalog.government_of.get(o.id) or "", o.name, o.id))

    def list_people(self, *, prefix: str | None = None) -> list[Person]:
        """People, sorted by name then id; with `prefix`, those whose name (or a printed variant,
        spaces and Traditional script ignored) starts with it."""
        people = list(self.catalog.people.values())
        if prefix:
            key = name_key(prefix)
            people = [p for p in people if any(name_key(n).startswith(key) for n in (p.name, *p.printed))]
        return sorted(people, key=lambda p: (p.name, p.id))

    def list_bodies(
        self, *, government: str | None = None, kinds: Iterable[OrganisationKind] = ()
    ) -> list[Organisation]:
        """Bodies with a roster (`committees`), narrowed to kinds, sorted like `list_organisations`."""
        wanted = frozenset(kinds)
        found = [o for o in self.committees(government=government) if not wanted or o.kind in wanted]
        return sorted(found, key=lambda o: (self.catalog.government_of.get(o.id) or "", o.name, o.id))

    def list_documents(
        self, *, issuer: str | None = None, start: date | None = None, end: date | None = None
    ) -> list[Document]:
        """Documents, oldest first (then by 文号 and id); `issuer` keeps those whose printed
        issuer is that name or names the same body; `start`/`end` keep those whose date can
        fall in the range (both inclusive). Undated documents sort last and never match a range."""
        docs = list(self.catalog.documents.values())
        if issuer is not None:
            bodies = set(self.catalog.organisations_on(issuer, None))
            docs = [
                d
                for d in docs
                if d.issuer is not None
                and (d.issuer == issuer or bool(bodies.intersection(self.catalog.organisations_on(d.issuer, None))))
            ]
        if start is not None or end is not None:
            docs = [d for d in docs if d.date.earliest is not None and d.date.overlaps(start, end)]
        return sorted(
            docs, key=lambda d: (d.date.earliest or date.max, d.date.latest or date.max, d.canonical_number or "", d.id)
        )

    # -- point in time -----------------------------------------------------------------------
    def holders(self, organisation: str, title: str, *, on: date, government: str | None = None) -> list[Holding]:
        """Who holds the post (organisation, title) on `on`, certain holders first."""
        key = (organisation, title, government)
        if key in self._post_lookup:
            index = self._post_lookup[key]
        else:
            org = self.organisation(organisation, on=on, government=government)
            if org is None:
                return []
            index = self.compiled.post_index.get((org.id, name_key(title)))
            if self.catalog.dateless(organisation):  # the name means the same body on every date
                self._post_lookup[key] = index
        if index is None:
            return []
        return _holdings(index.at(on), on)

    def titles(self, organisation_id: str) -> list[str]:
        """Every title recorded for the organisation's posts, as written (for a did-you-mean
        when a question names a title it never had): its own posts' tenures only, never a walk
        of every post (an empty `holders` answer asks it, on the server's event loop)."""
        post_tenures = self.compiled.post_tenures
        keys = self.compiled.posts_of.get(organisation_id, ())
        return sorted({t.post.title for key in keys for t in post_tenures.get((organisation_id, key), ())})

    def posts(self, person_id: str, *, on: date) -> list[Holding]:
        """The posts a person holds on `on`."""
        index = self.compiled.person_index.get(person_id)
        if index is None:
            return []
        return _holdings(index.at(on), on)

    def timeline(self, person_id: str) -> list[Tenure]:
        """Every tenure of a person, ordered by the earliest it can have started."""
        return list(self.compiled.person_tenures.get(person_id, ()))

    def leaders(self, *, on: date, government: str | None = None) -> Version | None:
        """The 分工 version in force on `on` (None before the first recorded one). With several
        governments in the data, name one (any of its names); with one, it need not be named."""
        leadership = self.validated.leadership
        if government is None:
            named = [g for g in leadership.governments if g is not None]
            if len(leadership.governments) > 1 and named:
                raise GovernmentRequired("a 分工", [self.catalog.name_on(g, on) for g in named])
            return leadership.version_on(on)
        found = self.government_id(government, on=on)
        if found is None:
            raise UnknownGovernment(government, [g.name for g in self.governments()])
        return leadership.version_on(on, government=found)

    def first_leadership_day(self) -> date | None:
        return self.validated.leadership.first_day()

    def in_charge(
        self, organisation: str, *, on: date, absent: Iterable[str] = (), government: str | None = None
    ) -> InCharge | None:
        """Who 分管, 协助分管 and 联系 the unit on `on`; with `absent`, who stands in for them."""
        org = self.organisation(organisation, on=on, government=government)
        if org is None:
            return None
        return self.validated.leadership.in_charge(org.id, on=on, absent=frozenset(absent))

    def deputies(self, person_id: str, *, on: date) -> list[str]:
        """A leader's stand-ins (代为负责) in the version in force, in printed order."""
        version = self.validated.leadership.leader_version(person_id, on=on)
        return version.stand_ins(person_id) if version else []

    # -- committees --------------------------------------------------------------------------
    def committee(self, name: str, *, on: date, government: str | None = None) -> Organisation | None:
        """A body with a roster (committee, 领导小组, 联席会议, 工作小组, 指挥部, 管委会) by any of its
        names (a former name finds it on any date)."""
        org = self.organisation(name, on=on, government=government)
        return org if org is not None and has_roster(org.kind) else None

    def roster(self, committee_id: str, *, on: date) -> Roster:
        """The committee's roster on `on`: the version in force, every seat re-resolved through
        its posts (自然替补), in official order."""
        return self.validated.committees.roster(committee_id, on=on, tenures=self._tenure_source)

    def committees(self, *, government: str | None = None) -> list[Organisation]:
        """Every body with a roster the registry knows (any kind), with or without a recorded
        roster; only those of one government (its name or id) when asked."""
        bodies = [o for o in self.catalog.organisations.values() if has_roster(o.kind)]
        if government is None:
            return bodies
        gov = self.government_id(government)
        if gov is None:
            raise UnknownGovernment(government, [g.name for g in self.governments()])
        return [o for o in bodies if self.catalog.government_of.get(o.id) == gov]

    def memberships(self, person_id: str, *, on: date) -> list[tuple[str, ResolvedSeat]]:
        """(committee id, seat) for each seat or office directorship the person holds on `on`."""
        return memberships(self.validated.committees, person_id, on=on, tenures=self._tenure_source)

    # -- history -----------------------------------------------------------------------------
    @cached_property
    def history(self) -> History:
        """Every event the records imply, derived once per registry on first use."""
        v = self.validated
        with paused_gc():  # hundreds of thousands of new events, no cycles
            return derive_events(
                v.loaded.records, self.catalog, v.tenures, v.leadership, v.committees, self._tenure_source
            )

    def changes(
        self,
        start: date,
        end: date,
        *,
        organisation: str | None = None,
        committee: str | None = None,
        person: str | None = None,
        government: str | None = None,
    ) -> list[tuple[Event, Certainty]]:
        """Events between `start` and `end` (inclusive), each CERTAIN or POSSIBLE to fall there;
        narrowed to a unit and its sub-units, a committee, or a person."""
        units: set[str] | None = None
        if organisation is not None:
            org = self.organisation(organisation, on=end, government=government)
            units = set(self.catalog.descendants(org.id)) if org else set()
        committee_id: str | None = None
        if committee is not None:
            found = self.committee(committee, on=end, government=government)
            committee_id = found.id if found else "\0"
        out = []
        for event, where in self.history.between(start, end):
            if units is not None and not units.intersection(event.organisations):
                continue
            if committee_id is not None and event.committee != committee_id:
                continue
            if person is not None and person not in event.people:
                continue
            out.append((event, where))
        return out

    def roster_diff(self, committee: str, start: date, end: date) -> RosterDiff | None:
        """How a committee's roster moved between two days: joined, left, changed; by new
        version or by succession; "first recorded" when there was no roster at `start`."""
        org = self.committee(committee, on=end)
        if org is None:
            return None
        return roster_diff(
            org.id, start, end, committees=self.validated.committees, catalog=self.catalog, source=self._tenure_source
        )

    def vacancy_chains(self, start: date, end: date) -> list[Chain]:
        """Chains of moves (A leaves P, B fills P leaving Q, C fills Q …) possibly within the range."""
        return chains(vacancy_links(self.validated.tenures, start, end))

    def seats_held(self, person_id: str) -> list[SeatSpan]:
        """Committee seats a person held: listed in a roster version, or taken by succession.
        Through two indexes made on first use (the person's roster seats, and the history's seat
        events by person), not a walk of every roster and event (~20 ms a person at 100k)."""
        spans = [SeatSpan(*seat, False) for seat in self._roster_seats.get(person_id, ())]
        for event in self.history.seat_events(person_id):
            assert event.committee is not None and event.role is not None  # seat_events has only these
            seat_role = event.role
            if event.people[0] == person_id:
                for span in spans:
                    if (
                        span.committee_id == event.committee
                        and span.role == seat_role
                        and span.since.earliest
                        and span.since.earliest <= event.earliest
                    ):
                        span.left = event.date
            else:  # a succession that gives the person the seat
                spans.append(SeatSpan(event.committee, seat_role, event.date, None, event.sources[-1], True))
        spans.sort(key=lambda s: (s.since.earliest or date.min, s.committee_id))
        return spans

    @cached_property
    def _roster_seats(self) -> dict[str, list[tuple[str, str, DateWindow, date | None, str]]]:
        """Each person's seats in roster versions, in roster order: (committee id, role, in force
        from, the next version's day, source)."""
        index: dict[str, list[tuple[str, str, DateWindow, date | None, str]]] = {}
        for committee_id, versions in self.validated.committees.by_committee.items():
            for n, version in enumerate(versions):
                until = versions[n + 1].in_force_from if n + 1 < len(versions) else None
                for seat, member in zip(version.record.seats, version.members, strict=True):
                    if member is not None:
                        index.setdefault(member, []).append(
                            (committee_id, seat.role, version.in_force, until, version.source)
                        )
                if version.office_director is not None:
                    index.setdefault(version.office_director, []).append(
                        (committee_id, "办公室主任", version.in_force, until, version.source)
                    )
        return index

    # -- the network (docs/network.md) -------------------------------------------------------
    def network(self, *, on: date) -> Network:
        """People, bodies and units on a day as a graph (the last few days asked are kept)."""
        with self._networks_lock:  # the server answers from several threads
            found = self._networks.pop(on, None)
        if found is None:
            ties = [
                *body_ties(self.validated.committees, on=on, tenures=self._tenure_source),
                *unit_ties(self.compiled.person_index, on=on),
            ]
            found = Network(on, ties)
        with self._networks_lock:
            self._networks[on] = found
            while len(self._networks) > 4:
                del self._networks[next(iter(self._networks))]
        return found

    def interlocking_people(self, *, on: date) -> list[PersonInterlock]:
        """People on several bodies on `on`, most bodies first."""
        return self.network(on=on).interlocking_people()

    def interlocking_bodies(self, *, on: date) -> list[BodyInterlock]:
        """Pairs of bodies sharing members on `on`, most shared first."""
        return self.network(on=on).interlocking_bodies()

    def connection(self, person_a: str, person_b: str, *, on: date) -> Connection | None:
        """The shortest chain of people linking two people on `on`, through shared bodies and
        units (certain ties preferred); None when they are not linked."""
        return self.network(on=on).connection(person_a, person_b)

    def cadre_flows(self, start: date, end: date) -> list[Flow]:
        """Moves from unit to unit over [start, end], aggregated per pair of units, heaviest first."""
        return cadre_flows(self.compiled.person_tenures, start, end)

    def central(self, *, on: date, measure: Measure = Measure.DEGREE, kind: str | None = None) -> list[Central]:
        """People, bodies and units of the network on `on` by centrality, highest first;
        `kind` keeps "person", "body" or "unit"."""
        return self.network(on=on).central(measure, kind=kind)

    # -- about the registry ------------------------------------------------------------------
    def info(self) -> Info:
        """About the data: version, counts, dates. Computed once (it asks git for the commit)."""
        return self._info

    @cached_property
    def _info(self) -> Info:
        counted = self._counted()
        earliest, latest = self._document_days()
        return Info(
            data_version=self.loaded.content_hash,
            git_commit=self.loaded.git_commit or git_commit(self.loaded.root),
            files=len(self.loaded.files),
            counts={
                "documents": counted["documents"],
                "organisations": len(self.catalog.organisations),
                "people": counted["people"],
                "appointments": counted["appointments"],
                "confirmations": counted["confirmations"],
                "removals": counted["removals"],
                "attestations": counted["attestations"],
                "rosterVersions": counted["rosters"],
                "leadershipVersions": counted["leadership"],
                "tenures": counted["tenures"],
            },
            earliest=earliest,
            latest=latest,
            warnings=len(self.validated.problems),
        )

    def _counted(self) -> dict[str, int]:
        """The counts of the records an early start does not hold when it starts answering (it
        takes them from its build, govorg.sql.early)."""
        return record_counts(self.loaded.records, self.catalog, len(self.compiled.tenure_list))

    def _document_days(self) -> tuple[date | None, date | None]:
        """The first and last day any document may bear (an early start: from its build)."""
        return document_days(self.catalog)

    # -- starting ----------------------------------------------------------------------------
    starting = False  # True for a registry answering before all of it is read (govorg.sql.early)

    def finish(self) -> Registry:
        """The whole registry this one stands for: itself (an early start reads the rest)."""
        return self


def record_counts(records: FileRecords, catalog: Catalog, tenures: int) -> dict[str, int]:
    """The counts `Registry.info` gives but the organisations' (a build stores them, so that
    an early start has them without reading every record)."""
    return {
        "appointments": sum(1 for a in records.appointments if not a.confirmation),
        "confirmations": sum(1 for a in records.appointments if a.confirmation),
        "removals": len(records.removals),
        "attestations": len(records.attestations),
        "tenures": tenures,
        "leadership": len(records.leadership),
        "rosters": len(records.rosters),
        "documents": len(catalog.documents),
        "people": len(catalog.people),
    }


def document_days(catalog: Catalog) -> tuple[date | None, date | None]:
    """The first and last day any of the catalog's documents may bear."""
    days = [d for doc in catalog.documents.values() for d in (doc.date.earliest, doc.date.latest) if d is not None]
    return (min(days), max(days)) if days else (None, None)


def _holdings(tenures: tuple[Tenure, ...], on: date) -> list[Holding]:
    """The tenures live on `on` (the index gives the possible ones), certain holders first.
    The hot path of every `holders` query: comparisons inline, no sort."""
    certain: list[Holding] = []
    possible: list[Holding] = []
    for t in tenures:
        if t.certain_from <= on < t.certain_until:
            certain.append(Holding(t, Certainty.CERTAIN, on))
        elif t.possible_from <= on < t.possible_until:
            possible.append(Holding(t, Certainty.POSSIBLE, on))
    return certain + possible if possible else certain


def git_commit(path: Path) -> str | None:
    """The commit the data folder is at, when it is in a git checkout with git installed."""
    try:
        out = subprocess.run(
            ["git", "-C", str(path if path.is_dir() else path.parent), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None if out.returncode == 0 else None
