"""An early start from a trusted build: answering while the rest of the registry is read.

A trusted start (govorg.sql.trusted) builds every record and tenure before its first answer:
~10 s at 100,000 tenures, nearly all of it the 任免 rows (appointments, removals, attestations)
and the tenures folded from them. Most questions need a handful of them: `holders` needs one
post's tenures, `posts` and `timeline` one person's. So `serve --db` starts with an
`EarlyRegistry`, in three steps:

1. At the start: the files, the organisations, the build's warnings, and the counts and dates
   the build stored (0.14 s at 100k). From then on each post's or person's tenures are read
   from the build's indexed `tenures` table the first time they are asked for, with the
   records they were folded from, and each person or document by id (`ByKey`).
2. Just after (`read_later`, a thread's first work in a server): the people and documents
   whole, the title rules, 分工 and the rosters (~0.8 s at 100k). Until then 分工 and the
   rosters are `Later` stand-ins, and walking the people or documents waits.
3. The full registry, read in the same thread onto the same frame and swapped in when ready
   (`govorg.api.app`).

What an early registry does not hold yet (every tenure, every 任免 record: the history, the
network, exports; until step 2, every person) is a stand-in (`Pending`, `PendingMap`, `Later`,
`ByKey`'s walks): using it waits for the read that holds it and reads that copy, so an answer
never comes from part of the data. The answers are the full registry's, field for field
(tests/test_sql_early.py).

Every read checks, in the same transaction, that the database still holds the build this
registry started from: a build committed meanwhile makes the read fail with `StartFailed`
(the server then serves the new build once it is read).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any, Generic, TypeVar, cast, overload

import orjson
from sqlalchemy import ColumnElement, Connection, Engine, select

from govorg.committees import Committees
from govorg.graph import Compiled, Indexes, PostKey, tenure_order
from govorg.leadership import Leadership
from govorg.loader import paused_gc
from govorg.records import Appointment, Attestation, Document, Person, Removal
from govorg.registry import Registry, RegistryError, StartFailed
from govorg.sql import schema as t
from govorg.sql.store import engine_for, readable_meta
from govorg.sql.trusted import (
    COUNTS,
    DAYS,
    LATER_KINDS,
    RENMIAN_KINDS,
    TENURE_COLUMNS,
    Frame,
    driver_rows,
    not_ours,
    read_frame,
    read_later,
    read_rest,
    tenures_of,
    untrusted_because,
)
from govorg.tenures import Tenure
from govorg.validate import Validated

__all__ = ["EarlyRegistry", "StartFailed", "open_early"]

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")
Record = Appointment | Removal | Attestation


_REBUILT = "the database was rebuilt after this registry began reading it; ask again for the new build's answer"


class Once(Generic[T]):
    """A part of an early registry read once, by whoever needs it first; everyone else asking
    waits for that read, and meets its failure as StartFailed."""

    def __init__(self, read: Callable[[], T]) -> None:
        self._read = read
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._started = False
        self._result: T | None = None
        self._error: BaseException | None = None

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def get(self) -> T:
        with self._lock:
            reading, self._started = not self._started, True
        if reading:
            try:
                self._result = self._read()
            except BaseException as exc:
                self._error = exc
                raise
            finally:
                self._done.set()
        self._done.wait()
        if self._result is None:
            error = self._error
            if isinstance(error, Rebuilt):
                raise Rebuilt()
            raise StartFailed(
                str(error) if isinstance(error, StartFailed) else f"the registry could not be read: {error}"
            )
        return self._result


class Completion:
    """The whole registry an early registry stands for: read once, by whoever needs it first. A
    server reads it at once, beside its answers (`EarlyRegistry.finish` in a thread); a command
    reads it when a question needs it. Everyone else asking waits for that read."""

    def __init__(self, read: Callable[[], Registry], data_version: str) -> None:
        self._read = read
        self._data_version = data_version
        self._once = Once(self._read_checked)
        self._why = ""
        self.usable = False  # read, and of the same build: every question can go to it

    @property
    def done(self) -> bool:
        return self._once.done

    def _read_checked(self) -> Registry:
        found = self._read()
        self.usable = found.info().data_version == self._data_version
        self._why = "" if self.usable else _REBUILT
        return found

    def run(self) -> Registry:
        """The whole registry the database holds: read here, or waited for. It is another build's
        when the database was rebuilt meanwhile (`full` refuses it)."""
        return self._once.get()

    def full(self) -> Registry:
        """The whole registry of the build the early registry started from; StartFailed when
        it cannot be had."""
        found = self.run()
        if not self.usable:
            raise StartFailed(self._why)
        return found


class Later:
    """分工 or the rosters of an early registry, read just after it starts answering (`Once`):
    any use waits for them. Stands for the object `pick` takes from the read frame, attribute
    for attribute (Leadership and Committees are used through their attributes only)."""

    __slots__ = ("_once", "_pick")

    def __init__(self, once: Once[Frame], pick: Callable[[Frame], object]) -> None:
        self._once = once
        self._pick = pick

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pick(self._once.get()), name)

    def __repr__(self) -> str:
        return f"<read just after the start: {'read' if self._once.done else 'reading'}>"


class Pending(Sequence[T]):
    """A list an early registry does not hold yet (every tenure, every 任免 record; the people
    and documents until read): any use waits for the read that holds it, and reads its copy."""

    __slots__ = ("_done", "_whole")

    def __init__(self, whole: Callable[[], Sequence[T]], done: Callable[[], bool]) -> None:
        self._whole = whole
        self._done = done

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...
    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        return self._whole()[index]

    def __len__(self) -> int:
        return len(self._whole())

    def __iter__(self) -> Iterator[T]:
        return iter(self._whole())

    def __eq__(self, other: object) -> bool:
        whole = self._whole()
        return whole == (other._whole() if isinstance(other, Pending) else other)

    __hash__ = None  # type: ignore[assignment]  # compared by value, like the list it stands for

    def __repr__(self) -> str:
        return f"<pending until read: {'read' if self._done() else 'reading'}>"


class PendingMap(Mapping[K, V]):
    """A map an early registry does not hold yet: any use waits for the read that holds it, and
    reads its map."""

    __slots__ = ("_whole",)

    def __init__(self, whole: Callable[[], Mapping[K, V]]) -> None:
        self._whole = whole

    def __getitem__(self, key: K) -> V:
        return self._whole()[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())


class ByKey(Mapping[K, V]):
    """Values read from the database by key, the first time each key is asked for (`get`, `[]`,
    `in`): each post's or person's tenures, and each person or document until all are read.
    Walking or counting the keys waits for the read that holds them all, and walks its map;
    once that read is done (`ready`), so does every key not read yet. Two threads asking for
    the same new key may both read it; one result is kept."""

    __slots__ = ("_load", "_read", "_ready", "_whole")

    def __init__(
        self, load: Callable[[K], V | None], ready: Callable[[], bool], whole: Callable[[], Mapping[K, V]]
    ) -> None:
        self._load = load
        self._ready = ready
        self._whole = whole
        self._read: dict[K, V | None] = {}

    def get(self, key: K, default: Any = None) -> Any:
        try:
            found = self._read[key]
        except KeyError:
            if self._ready():  # all are read: no more reading by key
                return self._whole().get(key, default)
            found = self._read.setdefault(key, self._load(key))
        return default if found is None else found

    def __getitem__(self, key: K) -> V:
        found: V | None = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return self.get(cast(K, key)) is not None

    def __iter__(self) -> Iterator[K]:
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())

    def keys(self) -> Any:
        return self._whole().keys()

    def items(self) -> Any:
        return self._whole().items()

    def values(self) -> Any:
        return self._whole().values()


class EarlyRegistry(Registry):
    """A registry answering from a trusted build before all of it is read (see the module)."""

    starting = True

    def __init__(
        self,
        url: str,
        engine: Engine,
        data_version: str,
        frame: Frame,
        counts: dict[str, int],
        days: tuple[date | None, date | None],
    ) -> None:
        self.url = url
        self.engine = engine
        self.completion = Completion(self._read_whole, data_version)
        self._frame = frame  # what it lacks is `Pending` below until read onto it
        self._later = later = Once(self._read_later)  # people, documents, 分工, rosters
        self._data_version = data_version
        self._counts = counts
        self._days = days
        self._records: dict[str, Record] = {}
        self._tenures: dict[str, Tenure] = {}
        done = self.completion

        def full() -> Registry:
            return done.full()

        def after_start() -> Frame:
            return later.get()

        for name in LATER_KINDS:  # `read_later` puts the lists read in their place
            setattr(frame.loaded.records, name, Pending(_records_of(name, after_start), lambda: later.done))
        for name in RENMIAN_KINDS:  # `read_rest` makes new records with them
            setattr(frame.loaded.records, name, Pending(_records_of(name, lambda: full().validated), lambda: done.done))
        catalog = frame.catalog  # until `read_later` puts the whole maps in their place:
        catalog.people = cast(
            dict[str, Person], ByKey(self._by_id("people"), lambda: later.done, lambda: after_start().catalog.people)
        )
        catalog.documents = cast(
            dict[str, Document],
            ByKey(self._by_id("documents"), lambda: later.done, lambda: after_start().catalog.documents),
        )
        catalog.document_numbers = cast(dict[str, str], PendingMap(lambda: after_start().catalog.document_numbers))
        every: Pending[Tenure] = Pending(lambda: full().compiled.tenure_list, lambda: done.done)

        def usable() -> bool:
            return done.usable

        posts: ByKey[PostKey, list[Tenure]] = ByKey(self._post_tenures, usable, lambda: full().compiled.post_tenures)
        people: ByKey[str, list[Tenure]] = ByKey(self._person_tenures, usable, lambda: full().compiled.person_tenures)
        validated = Validated(
            loaded=frame.loaded,
            catalog=catalog,
            tenures=cast(list[Tenure], every),
            leadership=cast(Leadership, Later(later, lambda frame: frame.leadership)),
            committees=cast(Committees, Later(later, lambda frame: frame.committees)),
            problems=frame.problems,
        )
        compiled = Compiled(
            catalog=catalog,
            tenure_list=every,
            post_index=Indexes(posts),
            person_index=Indexes(people),
            person_tenures=cast(dict[str, list[Tenure]], people),
            post_tenures=cast(dict[PostKey, list[Tenure]], posts),
            posts_of=PendingMap(lambda: full().compiled.posts_of),  # `titles` asks SQL
        )
        super().__init__(validated, compiled=compiled)

    # -- reading by key ------------------------------------------------------------------------
    def _post_tenures(self, key: PostKey) -> list[Tenure] | None:
        organisation_id, title_key = key
        return self._tenures_where(
            (t.tenures.c.organisation_id == organisation_id) & (t.tenures.c.title_key == title_key)
        )

    def _person_tenures(self, person_id: str) -> list[Tenure] | None:
        return self._tenures_where(t.tenures.c.person_id == person_id)

    def _by_id(self, kind_name: str) -> Callable[[str], Any]:
        """A reader of one person or document by id (None when there is none)."""
        kind = next(k for k in t.records.kinds if k.name == kind_name)

        def read(record_id: str) -> Any:
            with self._reading() as conn:
                try:
                    row = conn.execute(select(kind.table).where(kind.table.c.id == record_id)).first()
                    return None if row is None else kind.read(row)
                except (KeyError, ValueError, TypeError, AssertionError) as exc:  # rows no build of ours wrote
                    raise LookupError(not_ours(exc)) from exc

        return read

    def _tenures_where(self, where: ColumnElement[bool]) -> list[Tenure] | None:
        with self._reading() as conn:
            try:
                found = conn.execute(select(*TENURE_COLUMNS).where(where)).all()
                self._read_records(conn, found)
                read = tenures_of(found, self._records)
            except (KeyError, ValueError, TypeError, AssertionError) as exc:  # rows no build of ours wrote
                raise LookupError(not_ours(exc)) from exc
        seen = self._tenures
        tenures = [seen.setdefault(tenure.id, tenure) for tenure in read]
        tenures.sort(key=tenure_order)
        return tenures or None

    def _read_records(self, conn: Connection, tenure_rows: Sequence[Any]) -> None:
        """Read the records the tenures were folded from, those not read yet."""
        wanted: dict[str, set[str]] = {name: set() for name in RENMIAN_KINDS}
        for row in tenure_rows:
            appointment, removal, confirmations, attestations, extensions, *_ = orjson.loads(row[-1])
            wanted["appointments"].update(i for i in (appointment, *confirmations, *extensions) if i is not None)
            if removal is not None:
                wanted["removals"].add(removal)
            wanted["attestations"].update(attestations)
        known = self._records
        for kind in t.records.kinds:
            ids = sorted(i for i in wanted.get(kind.name, ()) if i not in known)
            if ids:
                for row in conn.execute(select(kind.table).where(kind.table.c.id.in_(ids))):
                    record = kind.read(row)
                    known.setdefault(record.id, record)

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        """A read transaction on this registry's build; any trouble as StartFailed."""
        with _as_start_failure(self.url), _reading(self.engine, self._data_version) as conn:
            yield conn

    def _read_later(self) -> Frame:
        """The people and documents, 分工 and the rosters, read and built onto the frame (a
        server does so first thing after its start, in `finish`; a command when a question
        needs them)."""
        with self._reading() as conn:
            try:
                frame = read_later(driver_rows(conn), self._frame)
            except (KeyError, ValueError, TypeError, AssertionError) as exc:  # rows no build of ours wrote
                raise LookupError(not_ours(exc)) from exc
        len(frame.catalog.person_names)  # made here too, not by the first question naming a person
        return frame

    # -- what an early registry answers without every tenure ------------------------------------
    def titles(self, organisation_id: str) -> list[str]:
        """Every title recorded for the organisation's posts (one indexed query)."""
        if self.completion.usable:
            return self.completion.full().titles(organisation_id)
        with self._reading() as conn:
            found = conn.execute(
                select(t.tenures.c.title).where(t.tenures.c.organisation_id == organisation_id).distinct()
            )
        return sorted(title for (title,) in found)

    def _counted(self) -> dict[str, int]:
        return self._counts

    def _document_days(self) -> tuple[date | None, date | None]:
        return self._days

    # -- finishing -------------------------------------------------------------------------------
    def finish(self) -> Registry:
        """The whole registry (read here unless a question already started reading it): from
        then on every question goes to it. A database rebuilt since this start is read whole too,
        and returned; the questions waiting on this registry then fail (`StartFailed`)."""
        try:
            return self.completion.run()
        finally:
            self.engine.dispose()  # no more reading by key

    def _read_whole(self) -> Registry:
        """The 任免 records and the tenures, read onto the frame this registry answers from (its
        catalog, 分工 and rosters are shared); another build's, read whole, when the database was
        rebuilt meanwhile."""
        from govorg.sql import load_registry

        with paused_gc(), _as_start_failure(self.url):
            try:
                self._later.get()
                with _reading(self.engine, self._data_version) as conn:
                    try:
                        validated = read_rest(driver_rows(conn), self._frame)
                    except (KeyError, ValueError, TypeError, AssertionError) as exc:  # rows no build of ours wrote
                        raise LookupError(not_ours(exc)) from exc
            except Rebuilt:  # the new build, whole
                return load_registry(self.url)
            return Registry.trusted(validated)


@contextmanager
def _as_start_failure(url: str) -> Iterator[None]:
    """The database's errors as StartFailed: a question meeting one gets its message, never a
    traceback (a command prints it; a server answers it as the question's error)."""
    from govorg.sql import DatabaseError, database_errors

    try:
        with database_errors(url, "read"):
            yield
    except (DatabaseError, RegistryError) as exc:
        raise StartFailed(f"the registry could not be read: {exc}") from exc


def _records_of(kind: str, holder: Callable[[], Frame | Validated]) -> Callable[[], Sequence[Any]]:
    """The records of `kind` of what `holder` reads (waiting for it)."""

    def whole() -> Sequence[Any]:
        found: Sequence[Any] = getattr(holder().loaded.records, kind)
        return found

    return whole


class Rebuilt(StartFailed):
    """The database holds another build than the one an early registry started from."""

    def __init__(self) -> None:
        super().__init__(_REBUILT)


@contextmanager
def _reading(engine: Engine, data_version: str) -> Iterator[Connection]:
    """One read transaction on the build `data_version` (else Rebuilt)."""
    with engine.connect() as conn:
        if engine.url.get_backend_name() == "postgresql":  # one snapshot for every table
            conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            version = conn.execute(select(t.meta.c.value).where(t.meta.c.key == "data_version")).scalar()
            if version != data_version:
                raise Rebuilt()
            yield conn


def _stored_counts(meta: dict[str, str]) -> tuple[dict[str, int], tuple[date | None, date | None]]:
    """The counts and the documents' first and last days the build stored (`trusted.COUNTS`)."""
    counts = {key: int(value) for key, value in orjson.loads(meta[COUNTS]).items()}
    earliest, latest = (None if day is None else date.fromisoformat(day) for day in orjson.loads(meta[DAYS]))
    return counts, (earliest, latest)


def open_early(url: str) -> EarlyRegistry | None:
    """An early registry of the trusted build at `url`; None when the database holds no build
    this govorg trusts (the caller loads it the usual way, validating it)."""
    engine = engine_for(url)
    try:
        for _ in range(3):  # a build committed between reading meta and the rows: again
            meta = readable_meta(engine)
            if untrusted_because(meta) is not None:
                engine.dispose()
                return None
            try:
                with _reading(engine, meta["data_version"]) as conn:
                    rows = driver_rows(conn)
                    frame = read_frame(rows, meta, early=True)
                    counts, days = _stored_counts(meta)
            except Rebuilt:
                continue
            except (KeyError, ValueError, TypeError, AssertionError) as exc:  # rows no build of ours wrote
                raise LookupError(not_ours(exc)) from exc
            return EarlyRegistry(url, engine, meta["data_version"], frame, counts, days)
    except BaseException:
        engine.dispose()
        raise
    engine.dispose()
    return None
