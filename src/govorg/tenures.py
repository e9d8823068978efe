"""Tenures: appointments, confirmations, removals and attestations folded into spans of office.

docs/format.md, "Holding a post on a day": a tenure runs from its start to its end; each end can
be exact, a span, or unknown. On D a person holds the post *certainly* when D is on or after the
latest possible start and before the earliest possible end, *possibly* when D lies inside the
widest reading, and *not* otherwise. Ends are exclusive: a removal dated D ends the holding on D.

- 任命 starts a tenure; 试用期满 confirms the tenure already running and starts nothing new
  (a confirmation with no recorded appointment shows a tenure that began at an unknown date
  on or before the confirmation).
- 免去 ends the running tenure; with no recorded appointment, the tenure's start is unknown.
- An attestation (a dated listing) makes the holding certain on its day, and so narrows the
  window in which the tenure can have started or ended: a listing inside a removal's imprecise
  window moves the earliest possible end past the listing's day.
- 代理 starts an acting tenure; a later 任命 of the same person to the same post (or any
  re-appointment to a post already held) extends the running tenure with a note instead of
  starting a second one, so the holding has no gap.
- Whether a post has one holder or many comes from the title rules (govorg.titles).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum

from govorg.catalog import Catalog
from govorg.dates import DateWindow, Precision
from govorg.names import name_key
from govorg.problems import Problem, Text, problem
from govorg.records import Appointment, AppointmentForm, Attestation, FileRecords, PostRef, Removal, RemovalReason
from govorg.titles import TitleRules, build_title_rules, single_holder

__all__ = ["Certainty", "Fold", "Key", "Post", "Tenure", "build_tenures", "fold_tenures", "single_holder"]


class Certainty(Enum):
    CERTAIN = "CERTAIN"
    POSSIBLE = "POSSIBLE"


@dataclass(frozen=True, slots=True)
class Post:
    organisation_id: str
    title: str
    # From the title rules when the post was built with them; the package defaults otherwise.
    single: bool | None = field(default=None, compare=False)

    @property
    def key(self) -> tuple[str, str]:
        return (self.organisation_id, name_key(self.title))

    @property
    def single_holder(self) -> bool:
        return self.single if self.single is not None else single_holder(self.title)


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
    # Tuples, empty by default: most tenures have none of these, and four empty lists per tenure
    # cost ~220 B (an empty tuple is one shared object).
    confirmations: tuple[Appointment, ...] = ()
    attestations: tuple[Attestation, ...] = ()
    printed: str | None = None
    possible_from: date = date.min
    possible_until: date = date.max
    certain_from: date = date.max
    certain_until: date = date.max
    extensions: tuple[Appointment, ...] = ()  # later 任命 folded into this tenure
    notes: tuple[str, ...] = ()

    @property
    def acting(self) -> bool:
        """Started by a 代理 appointment (whether or not a later 任命 ended the acting)."""
        return self.appointment is not None and self.appointment.form is AppointmentForm.ACTING

    @property
    def acting_ended(self) -> Appointment | None:
        """The 任命 that ended the acting status, when recorded."""
        if not self.acting:
            return None
        return next((a for a in self.extensions if a.form is not AppointmentForm.ACTING), None)

    def is_acting(self, day: date) -> Certainty | None:
        """Holding the post as acting (代理) on `day`: CERTAIN, POSSIBLE, or None when not."""
        holding = self.certainty(day)
        if not self.acting or holding is None:
            return None
        ended = self.acting_ended
        if ended is None or day < (ended.date.earliest or date.min):
            return holding
        if day < (ended.date.latest or date.max):
            return Certainty.POSSIBLE
        return None

    def probation_record(self) -> Appointment | None:
        """The latest appointment in the tenure that sets a probation (a 任命 after 代理 may)."""
        for record in (*reversed(self.extensions), self.appointment):
            if record is not None and record.probation_months is not None:
                return record
        return None

    @property
    def probation_months(self) -> int | None:
        record = self.probation_record()
        return record.probation_months if record else None

    @property
    def sources(self) -> list[str]:
        docs: list[str] = []
        for record in (self.appointment, *self.extensions, *self.confirmations, self.removal, *self.attestations):
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
            if att.date.exact:  # a dated listing: certain that day, and (one continuous holding) up to it
                self.certain_from = min(self.certain_from, first)
                if self.end is not None:  # the end, imprecise or unknown, falls after the listing
                    self.certain_until = min(max(self.certain_until, last + timedelta(days=1)), self.possible_until)

    def certainty(self, day: date) -> Certainty | None:
        if self.certain_from <= day < self.certain_until:
            return Certainty.CERTAIN
        if self.possible_from <= day < self.possible_until:
            return Certainty.POSSIBLE
        return None

    def probation_until(self) -> DateWindow | None:
        """When the probation (试用期) ends: the start plus its months, as imprecise as the start."""
        record = self.probation_record()
        months = record.probation_months if record else None
        start = self.start if record is None or record is self.appointment else record.date
        if months is None or start.earliest is None or start.latest is None:
            return None
        lo, hi = _add_months(start.earliest, months), _add_months(start.latest, months)
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


Key = tuple[str, str, str]  # (person, organisation, title as name_key): one post of one person


@dataclass(slots=True)
class Fold:
    """What `build_tenures` made, kept by what each part depends on: the rows' events and the
    attestations by key, the tenures and their problems by key, and the problems found while
    resolving by file. govorg.incremental redoes only the files and keys a change touches."""

    catalog: Catalog
    rules: TitleRules
    events: dict[Key, list[_Event]] = field(default_factory=dict)
    attestations: dict[Key, list[Attestation]] = field(default_factory=dict)
    by_key: dict[Key, list[Tenure]] = field(default_factory=dict)
    key_problems: dict[Key, list[Problem]] = field(default_factory=dict)
    file_problems: dict[str, list[Problem]] = field(default_factory=dict)
    file_keys: dict[str, set[Key]] = field(default_factory=dict)

    def make_post(self, org: str, title: str) -> Post:
        catalog = self.catalog
        kind = catalog.organisations[org].kind if org in catalog.organisations else None
        return Post(org, title, self.rules.single_holder(title, organisation_id=org, kind=kind))

    def tenures(self) -> list[Tenure]:
        """Every tenure, key by key. A loop, not one `list(chain(…))` call: at 100k tenures that
        call held the interpreter's lock ~15 ms during a served reload, while a loop lets a
        waiting request in between keys."""
        out: list[Tenure] = []
        for items in self.by_key.values():
            out += items
        return out

    def problems(self) -> list[Problem]:
        return [
            *(p for found in self.file_problems.values() for p in found),
            *(p for found in self.key_problems.values() for p in found),
        ]

    def resolve(self, records: FileRecords) -> None:
        """Resolve the people and organisations of the rows: each row's events and each
        attestation go to their key; problems go to the file they were found in."""
        catalog = self.catalog
        before = catalog.report_to([])
        # names repeat across rows: resolve each once per file (a file's government is its context)
        resolved: dict[tuple[str, DateWindow, str], str] = {}

        def use(path: str) -> None:
            found = self.file_problems.get(path)
            if found is None:
                found = self.file_problems[path] = []
            catalog.report_to(found)

        def add(record: Appointment | Removal, kind: int) -> None:
            path = record.location.path
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
                self.events.setdefault(key, []).append(_Event(record.date.earliest or date.min, kind, record, post_ref))
                self.file_keys.setdefault(path, set()).add(key)

        try:
            for appt in records.appointments:
                use(appt.location.path)
                add(appt, 1 if appt.confirmation else 0)
                if appt.predecessor is not None:
                    catalog.resolve_person(appt.predecessor)
                for body in (appt.appointed_by, appt.approved_by):
                    if body is not None:
                        catalog.resolve_reference(body, appt.date)
            for removal in records.removals:
                use(removal.location.path)
                add(removal, 2)
                if removal.accepted_by is not None:
                    catalog.resolve_reference(removal.accepted_by, removal.date)
                if removal.transfer_to is not None:
                    catalog.resolve_reference(removal.transfer_to.organisation, removal.date)
            for att in records.attestations:
                use(att.location.path)
                person = catalog.resolve_person(att.person)
                org = catalog.resolve_reference(att.post.organisation, att.date)
                if person is None or org is None:
                    continue
                key = (person, org, name_key(att.post.title))
                self.attestations.setdefault(key, []).append(att)
                self.file_keys.setdefault(att.location.path, set()).add(key)
        finally:
            catalog.report_to(before)
        for path in [p for p, found in self.file_problems.items() if not found]:
            del self.file_problems[path]

    def fold(self, key: Key, *, post: Post | None = None) -> None:
        """(Re)make the tenures of one key from its events (in date order) and attestations."""
        items = self.events.get(key, [])
        problems: list[Problem] = []
        made: list[Tenure] = []
        if items:
            first = post or self.make_post(key[1], items[0].post_ref.title)
            made = _fold(key, first, items, problems)
        for att in self.attestations.get(key, ()):
            _attach_attestation(att, key, made, problems, self.make_post)
        for tenure in made:
            tenure.compute_bounds()
        if made:
            self.by_key[key] = made
        else:
            self.by_key.pop(key, None)
        if problems:
            self.key_problems[key] = problems
        else:
            self.key_problems.pop(key, None)


def fold_tenures(records: FileRecords, catalog: Catalog, rules: TitleRules) -> Fold:
    """Every tenure of the records, kept as a `Fold`."""
    fold = Fold(catalog, rules)
    fold.resolve(records)
    posts = {key: fold.make_post(key[1], items[0].post_ref.title) for key, items in fold.events.items()}
    for items in fold.events.values():
        items.sort(key=lambda e: (e.order, e.kind))
    for key in fold.events:
        fold.fold(key, post=posts[key])
    for key in fold.attestations:
        if key not in fold.events:
            fold.fold(key)
    return fold


def build_tenures(
    records: FileRecords, catalog: Catalog, problems: list[Problem], *, titles: TitleRules | None = None
) -> list[Tenure]:
    """Fold the person-and-post events into tenures, in date order per person and post."""
    rules = titles if titles is not None else build_title_rules(records.titles, catalog, problems)
    fold = fold_tenures(records, catalog, rules)
    problems.extend(fold.problems())
    return fold.tenures()


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
        if isinstance(record, Appointment) and not record.confirmation and running is not None:
            # Re-appointed to a post already held, or 代理 made 任命: one holding, no gap.
            running.extensions += (record,)
            if running.acting and record.form is not AppointmentForm.ACTING and running.acting_ended is record:
                running.notes += (f"acting (代理) until {record.date} ({record.source})",)
            else:
                running.notes += (f"re-appointed {record.date} ({record.source}); the tenure continues",)
        elif isinstance(record, Appointment) and not record.confirmation:
            running = Tenure(
                _tenure_id(record.id, post), person, post, record.date, None, appointment=record, printed=record.printed
            )
            made.append(running)
        elif isinstance(record, Appointment):  # 试用期满: confirms the running tenure
            if running is None:
                start = _started_by(record.date)
                running = Tenure(_tenure_id(record.id, post), person, post, start, None, printed=record.printed)
                made.append(running)
            running.confirmations += (record,)
        else:
            if running is None:
                _report_unheld_removal(record, post, person, items, problems)
                running = Tenure(
                    _tenure_id(record.id, post), person, post, _started_by(record.date), None, printed=record.printed
                )
                made.append(running)
            elif record.reason is RemovalReason.PROBATION_TERMINATED and running.probation_months is None:
                _report_no_probation(record, running, problems)
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
                Text(
                    "removal dated {date} comes before the appointment to the same post dated {date2}",
                    date=record.date,
                    date2=later.date,
                ),
                hint="check the two dates; if this removal ends an earlier, unrecorded tenure, add `appointment: unrecorded`",
            )
        )
        return
    problems.append(
        problem(
            "GO302",
            record.location,
            Text(
                "{person} is removed from {title} of {organisation_id} but no record shows them holding it",
                person=person,
                title=post.title,
                organisation_id=post.organisation_id,
            ),
            hint="check the person and post; if the appointment predates the records, add `appointment: unrecorded`",
        )
    )


def _report_no_probation(record: Removal, tenure: Tenure, problems: list[Problem]) -> None:
    """GO308: 终止试用期 ends a probation, but the tenure's records set none."""
    if tenure.appointment is None:  # started before the records: its probation may be unrecorded
        return
    problems.append(
        problem(
            "GO308",
            record.location,
            Text(
                "the probation of {person_id} as {title} is terminated, but the appointment ({id}) sets no probation",
                person_id=tenure.person_id,
                title=tenure.post.title,
                id=tenure.appointment.id,
            ),
            hint="add `probation_months` to the appointment, or check the removal's `reason`",
        )
    )


def _attach_attestation(
    att: Attestation,
    key: Key,
    made: list[Tenure],
    problems: list[Problem],
    make_post: Callable[[str, str], Post],
) -> None:
    person, org = key[0], key[1]
    day = att.date.earliest or date.min
    candidates = list(made)
    for tenure in candidates:
        lo = tenure.start.earliest or date.min
        hi = (tenure.end.latest or date.max) if tenure.end is not None else date.max
        if lo <= day < hi:
            tenure.attestations += (att,)
            return
    if candidates:
        problems.append(
            problem(
                "GO303",
                att.location,
                Text(
                    "{person} is printed as {title} of {org} on {date}, outside every recorded tenure of that post",
                    person=person,
                    title=att.post.title,
                    org=org,
                    date=att.date,
                ),
                hint="check the listing's date and the appointment and removal records",
            )
        )
    # A listing with no other record: held on that day; start and end unknown either side.
    start = _started_by(att.date)
    end = DateWindow(
        att.date.latest + timedelta(days=1) if att.date.latest else None, None, "unknown", Precision.UNKNOWN
    )
    post = make_post(org, att.post.title)
    tenure = Tenure(
        _tenure_id(att.id, post),
        person,
        post,
        start,
        end,
        attestations=(att,),
        printed=att.printed,
    )
    made.append(tenure)
