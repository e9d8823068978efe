"""Tenures: appointments, confirmations, removals and attestations folded into spans of office.

DOMAIN.md, "Holding a post on a day D": a tenure runs from its start to its end; each end can
be exact, a span, or unknown. On D a person holds the post *certainly* when D is on or after the
latest possible start and before the earliest possible end, *possibly* when D lies inside the
widest reading, and *not* otherwise. Ends are exclusive: a removal dated D ends the holding on D.

- 任命 starts a tenure; 试用期满 confirms the tenure already running and starts nothing new
  (a confirmation with no recorded appointment shows a tenure that began at an unknown date
  on or before the confirmation).
- 免去 ends the running tenure; with no recorded appointment, the tenure's start is unknown.
- An attestation (a dated listing) makes the holding certain on its day, and so narrows the
  window in which the tenure can have started or ended.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum

from govorg.catalog import Catalog
from govorg.dates import DateWindow, Precision
from govorg.names import name_key
from govorg.problems import Problem, problem
from govorg.records import Appointment, Attestation, FileRecords, PostRef, Removal

_ONE_HOLDER_EXCEPTIONS = ("调研员", "委员", "成员", "职员", "干部")


def single_holder(title: str) -> bool:
    """Whether a title has one holder at a time (局长, 校长, 主任) or many (副局长, 委员).

    A deputy title (副…) has many holders, except 常务副… (the one executive deputy); so do
    ranks and memberships (四级调研员, 委员). Everything else is a head of a unit: one holder.
    """
    key = name_key(title)
    if key.startswith("常务副"):
        return True
    if "副" in key:
        return False
    return not any(word in key for word in _ONE_HOLDER_EXCEPTIONS)


class Certainty(Enum):
    CERTAIN = "CERTAIN"
    POSSIBLE = "POSSIBLE"


@dataclass(frozen=True, slots=True)
class Post:
    organisation_id: str
    title: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.organisation_id, name_key(self.title))

    @property
    def single_holder(self) -> bool:
        return single_holder(self.title)


@dataclass(slots=True)
class Tenure:
    """One person's continuous holding of one post.

    `possible_from`/`possible_until` bound the widest reading; `certain_from`/`certain_until`
    the narrowest (empty when `certain_from >= certain_until`). Sentinels: `date.min` for an
    unknown start, `date.max` for an open end.
    """

    id: str
    person_id: str
    post: Post
    start: DateWindow
    end: DateWindow | None  # None: no removal recorded (the tenure runs on)
    appointment: Appointment | None = None
    removal: Removal | None = None
    confirmations: list[Appointment] = field(default_factory=list)
    attestations: list[Attestation] = field(default_factory=list)
    printed: str | None = None
    possible_from: date = date.min
    possible_until: date = date.max
    certain_from: date = date.max
    certain_until: date = date.max

    @property
    def probation_months(self) -> int | None:
        return self.appointment.probation_months if self.appointment else None

    @property
    def sources(self) -> list[str]:
        docs: list[str] = []
        for record in (self.appointment, *self.confirmations, self.removal, *self.attestations):
            if record is not None and record.source not in docs:
                docs.append(record.source)
        return docs

    def compute_bounds(self) -> None:
        self.possible_from = self.start.earliest or date.min
        self.certain_from = self.start.latest or date.max
        if self.end is None:
            self.possible_until = date.max
            self.certain_until = date.max
        else:
            self.possible_until = self.end.latest or date.max
            self.certain_until = self.end.earliest or date.max
        for att in self.attestations:
            first, last = att.date.earliest, att.date.latest
            if first is None or last is None:
                continue
            if att.date.exact:  # a dated listing: certain that day
                self.certain_from = min(self.certain_from, first)
                if self.end is not None and self.end.latest is None:  # end unknown: at least past the listing
                    self.certain_until = max(self.certain_until, last + timedelta(days=1))

    def certainty(self, day: date) -> Certainty | None:
        if self.certain_from <= day < self.certain_until:
            return Certainty.CERTAIN
        if self.possible_from <= day < self.possible_until:
            return Certainty.POSSIBLE
        return None

    def probation_until(self) -> DateWindow | None:
        """When the probation (试用期) ends: the start plus its months, as imprecise as the start."""
        months = self.probation_months
        if months is None or self.start.earliest is None or self.start.latest is None:
            return None
        lo, hi = _add_months(self.start.earliest, months), _add_months(self.start.latest, months)
        text = f"{lo.isoformat()}..{hi.isoformat()}" if lo != hi else lo.isoformat()
        return DateWindow(lo, hi, text, Precision.DAY if lo == hi else Precision.SPAN)

    def on_probation(self, day: date) -> Certainty | None:
        """On probation on `day`: holding the post, within the probation, not yet confirmed."""
        until = self.probation_until()
        holding = self.certainty(day)
        if until is None or holding is None or until.earliest is None or until.latest is None:
            return None
        for conf in self.confirmations:
            if conf.date.latest is not None and conf.date.latest <= day:
                return None
        if day < until.earliest and holding is Certainty.CERTAIN:
            return Certainty.CERTAIN
        if day < until.latest:
            return Certainty.POSSIBLE
        return None


def _add_months(day: date, months: int) -> date:
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


@dataclass(slots=True)
class _Event:
    order: date
    kind: int  # 0 appointment, 1 confirmation, 2 removal: the order within one day
    record: Appointment | Removal
    post_ref: PostRef


def build_tenures(records: FileRecords, catalog: Catalog, problems: list[Problem]) -> list[Tenure]:
    """Fold the person-and-post events into tenures, in date order per person and post."""
    events: dict[tuple[str, str, str], list[_Event]] = {}
    posts: dict[tuple[str, str, str], Post] = {}

    # names repeat across rows: resolve each once per file (a file's government is its context)
    resolved: dict[tuple[str, DateWindow, str], str] = {}

    def add(record: Appointment | Removal, kind: int) -> None:
        person = catalog.resolve_person(record.person)
        for post_ref in record.posts:
            name = (post_ref.organisation.text, record.date, post_ref.organisation.location.path)
            org = resolved.get(name)
            if org is None:
                org = catalog.resolve_reference(post_ref.organisation, record.date)  # reports each bad one
                if org is not None:
                    resolved[name] = org
            if person is None or org is None:
                continue
            key = (person, org, name_key(post_ref.title))
            posts.setdefault(key, Post(org, post_ref.title))
            events.setdefault(key, []).append(_Event(record.date.earliest or date.min, kind, record, post_ref))

    for appt in records.appointments:
        add(appt, 1 if appt.confirmation else 0)
        if appt.predecessor is not None:
            catalog.resolve_person(appt.predecessor)
    for removal in records.removals:
        add(removal, 2)

    tenures: list[Tenure] = []
    by_key: dict[tuple[str, str, str], list[Tenure]] = {}
    for key, items in events.items():
        items.sort(key=lambda e: (e.order, e.kind))
        made = _fold(key, posts[key], items, problems)
        by_key[key] = made
        tenures.extend(made)

    for att in records.attestations:
        _attach_attestation(att, catalog, by_key, tenures, problems)

    for tenure in tenures:
        tenure.compute_bounds()
    return tenures


def _started_by(window: DateWindow) -> DateWindow:
    """A start that no record dates: only known to fall on or before the end of `window`."""
    latest = window.latest
    return DateWindow(None, latest, f"on or before {latest.isoformat()}" if latest else "unknown", Precision.UNKNOWN)


def _tenure_id(record_id: str, post: Post) -> str:
    """Stable and unique: one record can name two posts (副局长、执法大队副大队长)."""
    return f"{record_id}@{post.organisation_id}/{post.title}"


def _fold(key: tuple[str, str, str], post: Post, items: list[_Event], problems: list[Problem]) -> list[Tenure]:
    person = key[0]
    made: list[Tenure] = []
    running: Tenure | None = None
    for event in items:
        record = event.record
        if isinstance(record, Appointment) and not record.confirmation:
            running = Tenure(
                _tenure_id(record.id, post), person, post, record.date, None, appointment=record, printed=record.printed
            )
            made.append(running)
        elif isinstance(record, Appointment):  # 试用期满: confirms the running tenure
            if running is None:
                start = _started_by(record.date)
                running = Tenure(_tenure_id(record.id, post), person, post, start, None, printed=record.printed)
                made.append(running)
            running.confirmations.append(record)
        else:
            if running is None:
                _report_unheld_removal(record, post, person, items, problems)
                running = Tenure(
                    _tenure_id(record.id, post), person, post, _started_by(record.date), None, printed=record.printed
                )
                made.append(running)
            running.end = record.date
            running.removal = record
            running = None
    return made


def _report_unheld_removal(
    record: Removal, post: Post, person: str, items: list[_Event], problems: list[Problem]
) -> None:
    """A removal with no running tenure: GO112 when it is dated before an appointment to the same
    post that it would have ended (a date is wrong), else GO302 unless acknowledged."""
    if record.appointment_unrecorded:
        return
    later = next(
        (
            e.record
            for e in items
            if isinstance(e.record, Appointment)
            and not e.record.confirmation
            and (e.record.date.earliest or date.min) > (record.date.latest or date.max)
        ),
        None,
    )
    if later is not None:
        problems.append(
            problem(
                "GO112",
                record.location,
                f"removal dated {record.date} comes before the appointment to the same post dated {later.date}",
                hint="check the two dates; if this removal ends an earlier, unrecorded tenure, add `appointment: unrecorded`",
            )
        )
        return
    problems.append(
        problem(
            "GO302",
            record.location,
            f"{person} is removed from {post.title} of {post.organisation_id} but no record shows them holding it",
            hint="check the person and post; if the appointment predates the records, add `appointment: unrecorded`",
        )
    )


def _attach_attestation(
    att: Attestation,
    catalog: Catalog,
    by_key: dict[tuple[str, str, str], list[Tenure]],
    tenures: list[Tenure],
    problems: list[Problem],
) -> None:
    person = catalog.resolve_person(att.person)
    org = catalog.resolve_reference(att.post.organisation, att.date)
    if person is None or org is None:
        return
    key = (person, org, name_key(att.post.title))
    day = att.date.earliest or date.min
    candidates = by_key.get(key, [])
    for tenure in candidates:
        lo = tenure.start.earliest or date.min
        hi = (tenure.end.latest or date.max) if tenure.end is not None else date.max
        if lo <= day < hi:
            tenure.attestations.append(att)
            return
    if candidates:
        problems.append(
            problem(
                "GO303",
                att.location,
                f"{person} is printed as {att.post.title} of {org} on {att.date}, outside every recorded tenure of that post",
                hint="check the listing's date and the appointment and removal records",
            )
        )
    # A listing with no other record: held on that day; start and end unknown either side.
    start = _started_by(att.date)
    end = DateWindow(
        att.date.latest + timedelta(days=1) if att.date.latest else None, None, "unknown", Precision.UNKNOWN
    )
    tenure = Tenure(
        _tenure_id(att.id, Post(org, att.post.title)),
        person,
        Post(org, att.post.title),
        start,
        end,
        attestations=[att],
        printed=att.printed,
    )
    by_key.setdefault(key, []).append(tenure)
    tenures.append(tenure)
