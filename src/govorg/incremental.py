"""Incremental reloads: from changed files to a new registry, redoing only what they touch.

A `Build` keeps, beside the registry, what each part of validation and compilation depends on
(`validate.Parts`, the tenures' `Fold`, every file's records). `Build.update` re-reads only the
changed files and, when their old and new records are rows (任免 lists, attestations), documents
or rosters, redoes only:

- the catalog's documents (a copy of the catalog sharing organisations and people), the file
  contexts they give, and the checks that read documents (published_in cycles, sources);
- the changed files' name resolution, and the tenures of every (person, post) their old or new
  rows name, re-folded from all the rows of that post, with their problems;
- GO301 on the posts those tenures hold; GO250/GO251 on the ids the files hold; GO255 when
  a changed row names a predecessor;
- the rosters, when a changed file holds one (each roster record is resolved on its own);
- the people's and posts' time indexes that changed (`graph.patch_graph`).

A change to organisations, people, title rules or a 分工 (leadership) file is global: it is
rebuilt in full from the records in memory (no file is read again). So is a new or removed
folder. The answer is the same either way: tests/test_incremental.py checks an incremental
build against a full load after random edits.

Nothing a served registry holds is changed in place: every dict or list it reads is copied
before it is patched. What only the build holds (the fold, the id table) is updated in place,
so a build is used once: `update` returns the next one and the old one must not be updated again.
"""

from __future__ import annotations

import bisect
import gc
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from govorg.committees import Committees, RosterPart, assemble_rosters, roster_part
from govorg.graph import Compiled, build_graph, patch_graph, predecessor_cycles
from govorg.loader import Loaded, ParseCache, data_files, display_path, hash_entry, load, load_one, paused_gc
from govorg.problems import Location, Problem
from govorg.records import FileRecords
from govorg.registry import Registry, RegistryError
from govorg.tenures import Key, Tenure, _Event
from govorg.validate import (
    KIND_ORDER,
    Parts,
    RecordIds,
    Validated,
    _id_problem,
    by_path,
    document_checks,
    kind_lists,
    record_ids,
    single_holder_problems,
    validate_parts,
)

RECORD_KINDS = tuple(f.name for f in fields(FileRecords))
# Records whose change reaches every other record (names, people, title rules, a 分工's
# amendments in date order): a change to one rebuilds everything from memory.
GLOBAL_KINDS = ("organisations", "people", "titles", "leadership")


@dataclass(slots=True)
class DataFile:
    display: str  # as problems show it
    inside: str  # the path inside the data folder (for the content hash)
    digest: bytes | None  # None: unreadable, so not a data file (its problem is kept)
    records: FileRecords
    problems: list[Problem]
    entry: bytes = b""  # its part of the content hash

    def __post_init__(self) -> None:
        if self.digest is not None:
            self.entry = hash_entry(self.inside, self.digest)


class Build:
    """A registry and what it was made from. `registry` is None when the data has errors
    (`validated.problems` says which); the next update starts from this build all the same."""

    def __init__(
        self,
        root: Path,
        files: dict[str, DataFile],
        loaded: Loaded,
        validated: Validated,
        parts: Parts,
        compiled: Compiled,
        *,
        incremental: bool,
    ) -> None:
        self.root = root
        self.files = files  # by absolute path, in the loader's order
        self.loaded = loaded
        self.validated = validated
        self.parts = parts
        self.compiled = compiled
        self.incremental = incremental  # how this build was made (for tests and logs)
        self._rank: dict[str, int] | None = None
        self._entries: tuple[list[bytes], dict[str, int]] | None = None
        self.registry = Registry(validated, compiled=compiled) if validated.ok else None

    def rank(self) -> dict[str, int]:
        """Each file's place in the load order, by display path (made once per set of files)."""
        if self._rank is None:
            self._rank = {f.display: n for n, f in enumerate(self.files.values())}
        return self._rank

    def entries(self) -> tuple[list[bytes], dict[str, int]]:
        """The content hash's entries, in order, and where each file's is (made once)."""
        if self._entries is None:
            self._entries = (
                [hash_entry(i, d) for i, d in self.loaded.digests],
                {inside: n for n, (inside, _) in enumerate(self.loaded.digests)},
            )
        return self._entries

    # -- full builds -------------------------------------------------------------------------
    @classmethod
    def load(cls, root: Path | str, *, cache: ParseCache | None = None) -> Build:
        """Read, validate and compile a data folder in full."""
        root = Path(root).resolve()
        with paused_gc():
            loaded = load(root, cache=cache)
            return cls._from_loaded(root, loaded, _files_of(root, loaded))

    @classmethod
    def _from_loaded(cls, root: Path, loaded: Loaded, files: dict[str, DataFile]) -> Build:
        validated, parts = validate_parts(loaded)
        return cls(root, files, loaded, validated, parts, build_graph(validated), incremental=False)

    def registry_or_raise(self) -> Registry:
        if self.registry is None:
            raise RegistryError(self.validated.problems)
        return self.registry

    # -- updates -----------------------------------------------------------------------------
    def update(self, changed: Iterable[Path | str], *, cache: ParseCache | None = None) -> Build:
        """The build after `changed` files were written, added or removed (any other path
        under the data folder is ignored; a folder makes a full build)."""
        with paused_gc():
            return self._update(changed, cache)

    def _update(self, changed: Iterable[Path | str], cache: ParseCache | None) -> Build:
        if not self.root.is_dir():
            return Build.load(self.root, cache=cache)
        # the folder part resolved like the root (a symlink in the working folder's path), the
        # file itself not (a symlinked data file is known by its own name)
        paths = {
            os.path.join(os.path.realpath(os.path.dirname(os.path.abspath(p))), os.path.basename(p)) for p in changed
        }
        files = dict(self.files)
        touched: dict[str, DataFile | None] = {}  # display -> the new file, None when removed
        old: dict[str, DataFile] = {}
        added = False
        for path in sorted(paths):
            if not self._watched(path):
                continue
            if os.path.isdir(path) and not os.path.islink(path):
                return self.rebuild(cache=cache)  # a folder came: walk it all again
            if not path.endswith((".yaml", ".yml")):
                if not os.path.lexists(path) and any(p.startswith(path + os.sep) for p in files):
                    return self.rebuild(cache=cache)  # a folder went
                continue  # not a data file (an editor's backup, a README)
            before = files.get(path)
            if before is not None:
                old[before.display] = before
            if not os.path.lexists(path):
                if before is not None:
                    del files[path]
                    touched[before.display] = None
                continue
            display = self._display(path)
            one = load_one(Path(path), display, root=self.root, cache=cache)
            new = DataFile(display, path[len(str(self.root)) + 1 :], one.digest, one.records, one.problems)
            files[path] = new
            touched[display] = new
            added = added or before is None
        if not touched:
            return self
        # The parser leaves a few reference cycles per file. Collected now, while the young
        # objects are the few the parse made: after the build, the young objects include the new
        # registry's big tables, and a young collection walks every entry of them with the GIL
        # held (~25 ms at 100k tenures; govorg.api.reload.settle only freezes).
        gc.collect(0)
        if added:
            files = {p: files[p] for p in sorted(files, key=Path)}
        news = [f for f in touched.values() if f is not None]
        if any(getattr(f.records, kind) for f in (*old.values(), *news) for kind in GLOBAL_KINDS):
            return self._rebuild_from(files)
        try:
            return self._incremental(files, old, touched)
        except Exception:  # pragma: no cover - a bug here must not keep the data from being served
            import logging

            logging.getLogger("govorg.reload").exception("incremental build failed; building in full")
            return self._rebuild_from(files)

    def rebuild(self, *, cache: ParseCache | None = None) -> Build:
        """A full build from the files on disk."""
        return Build.load(self.root, cache=cache)

    def _rebuild_from(self, files: dict[str, DataFile]) -> Build:
        """A full validation and compilation of the records in memory (no file read again)."""
        return Build._from_loaded(self.root, _loaded_of(self.root, files), files)

    def _watched(self, path: str) -> bool:
        root = str(self.root)
        if not path.startswith(root + os.sep):
            return False
        inside = path[len(root) + 1 :].split(os.sep)
        return not any(part.startswith(".") for part in inside)

    def _display(self, path: str) -> str:
        base = display_path(self.root)
        inside = path[len(str(self.root)) + 1 :]
        return os.path.join(base, inside) if base != "." else inside

    def _incremental(
        self, files: dict[str, DataFile], old: dict[str, DataFile], touched: dict[str, DataFile | None]
    ) -> Build:
        parts = self.parts
        changed = set(touched)
        news = [f for f in touched.values() if f is not None]
        olds = list(old.values())
        kinds = {k for f in (*olds, *news) for k in RECORD_KINDS if getattr(f.records, k)}

        same_files = (
            len(old) == len(touched)
            and all(f is not None for f in touched.values())
            and not any(f.digest is None for f in (*olds, *news))
        )
        rank = self.rank() if same_files else {f.display: n for n, f in enumerate(files.values())}
        entries: tuple[list[bytes], dict[str, int]] | None = None
        if same_files:
            entries = (list(self.entries()[0]), self.entries()[1])
        loaded = _loaded_of(
            self.root,
            files,
            previous=self.loaded,
            old=old if same_files else None,
            kinds=kinds,
            rank=rank,
            entries=entries,
        )
        records = loaded.records
        parse = {k: v for k, v in parts.parse.items() if k not in changed}
        for f in news:
            if f.problems:
                parse[f.display] = f.problems

        ids = _update_ids(parts.ids, records, olds, news, rank)

        catalog_problems = parts.catalog
        if same_files and all(o.records.documents == touched[d].records.documents for d, o in old.items()):  # type: ignore[union-attr]
            # the documents read the same (an edit of rows, not of the header): so do the catalog,
            # the files' contexts and every check of documents
            catalog = self.validated.catalog
            document_problems, checks = parts.documents, parts.document_checks
        else:
            document_problems = []
            catalog = self.validated.catalog.with_documents(
                records.documents, catalog_problems, document_problems=document_problems
            )
            checks = document_checks(catalog, records)
        predecessors = parts.predecessors
        if any(a.predecessor is not None for f in (*olds, *news) for a in f.records.appointments):
            predecessors = predecessor_cycles(catalog, records.appointments)

        # tenures: forget what the old files said, resolve what the new ones say, refold the keys
        fold = parts.fold
        fold.catalog = catalog
        affected: set[Key] = set()
        for display in changed:
            affected |= fold.file_keys.pop(display, set())
            fold.file_problems.pop(display, None)
        for key in affected:
            if key in fold.events:
                fold.events[key] = [e for e in fold.events[key] if e.record.location.path not in changed]
            if key in fold.attestations:
                fold.attestations[key] = [a for a in fold.attestations[key] if a.location.path not in changed]
        new_records = FileRecords()
        for f in news:
            for kind in ("appointments", "removals", "attestations"):
                getattr(new_records, kind).extend(getattr(f.records, kind))
        fold.resolve(new_records)
        for f in news:
            affected |= fold.file_keys.get(f.display, set())
        removed: list[Tenure] = []
        for key in affected:
            removed.extend(fold.by_key.get(key, ()))
            events = fold.events.get(key)
            if events is not None and not events:
                del fold.events[key]
                events = None
            atts = fold.attestations.get(key)
            if atts is not None:
                if not atts:
                    del fold.attestations[key]
                else:
                    atts.sort(key=lambda a: (rank[a.location.path], a.location.line, a.location.col))
            post = None
            if events:
                first = min(events, key=lambda e: (e.kind == 2, *_place(e, rank)))
                post = fold.make_post(key[1], first.post_ref.title)
                events.sort(key=lambda e: (e.order, e.kind, *_place(e, rank)))
            fold.fold(key, post=post)
        added = [t for key in affected for t in fold.by_key.get(key, ())]
        tenures = fold.tenures()
        compiled = patch_graph(self.compiled, catalog, removed, added, tenures)

        single = dict(parts.single)
        posts = {(key[1], key[2]) for key in affected}
        for post_key in posts:
            single.pop(post_key, None)
        single.update(single_holder_problems(t for post_key in posts for t in compiled.post_tenures.get(post_key, ())))

        committees = self.validated.committees
        rosters, roster_problems = parts.rosters, parts.roster_problems
        if "rosters" in kinds:
            rosters = {k: v for k, v in rosters.items() if k not in changed}
            for f in news:
                if f.records.rosters:
                    rosters[f.display] = [roster_part(r, catalog, parts.titles) for r in f.records.rosters]
            ordered: list[RosterPart] = [p for f in files.values() for p in rosters.get(f.display, ())]
            versions, roster_problems = assemble_rosters(ordered)
            committees = Committees(versions, catalog)

        new_parts = Parts(
            parse=parse,
            ids=ids,
            catalog=catalog_problems,
            documents=document_problems,
            organisation_cycles=parts.organisation_cycles,
            document_checks=checks,
            predecessors=predecessors,
            titles=parts.titles,
            title_problems=parts.title_problems,
            fold=fold,
            single=single,
            leadership=parts.leadership,
            rosters=rosters,
            roster_problems=roster_problems,
        )
        loaded.problems = [p for f in files.values() for p in parse.get(f.display, ())] if parse else []
        validated = Validated(
            loaded,
            catalog,
            tenures,
            self.validated.leadership,
            committees,
            new_parts.problems(),
        )
        build = Build(self.root, files, loaded, validated, new_parts, compiled, incremental=True)
        build._rank = rank
        build._entries = entries
        return build


def _place(event: _Event, rank: dict[str, int]) -> tuple[int, int, int]:
    where = event.record.location
    return (rank[where.path], where.line, where.col)


def _files_of(root: Path, loaded: Loaded) -> dict[str, DataFile]:
    """The loaded records and problems, file by file (every record carries its file's path)."""
    if not root.is_dir():
        return {}
    by_display: dict[str, FileRecords] = {}
    for kind in RECORD_KINDS:
        for record in getattr(loaded.records, kind):
            found = by_display.get(record.location.path)
            if found is None:
                found = by_display[record.location.path] = FileRecords()
            getattr(found, kind).append(record)
    problems = by_path(loaded.problems)
    files: dict[str, DataFile] = {}
    digests = dict(zip(loaded.files, loaded.digests, strict=True))
    base = display_path(root)
    for path in _paths(root, loaded):
        display = os.path.join(base, path) if base != "." else path
        digest = digests.get(display)
        files[str(root / path)] = DataFile(
            display,
            path,
            digest[1] if digest else None,
            by_display.get(display, FileRecords()),
            problems.get(display, []),
        )
    return files


def _paths(root: Path, loaded: Loaded) -> list[str]:
    """Every file the loader looked at (read or refused), inside `root`, in its order."""
    inside = len(str(root)) + 1
    return [str(p)[inside:] for p in data_files(root)]


def _loaded_of(
    root: Path,
    files: dict[str, DataFile],
    *,
    previous: Loaded | None = None,
    old: dict[str, DataFile] | None = None,
    kinds: set[str] | None = None,
    rank: dict[str, int] | None = None,
    entries: tuple[list[bytes], dict[str, int]] | None = None,
) -> Loaded:
    """A `Loaded` made of the files' records, as `loader.load` would make it. With `previous`
    (the last build's), its lists of kinds not in `kinds` are shared (nothing changes them after
    a load); with `old` too (the changed files as they were, none added or removed) and `rank`
    (the files' order), the others are spliced: the changed files' records replace the old."""
    records = FileRecords()
    for kind in RECORD_KINDS:
        if previous is not None and kinds is not None and kind not in kinds:
            setattr(records, kind, getattr(previous.records, kind))
        elif previous is not None and old is not None and rank is not None:
            setattr(records, kind, _splice(getattr(previous.records, kind), old, files, kind, rank, root))
        else:
            setattr(records, kind, [r for f in files.values() for r in getattr(f.records, kind)])
    if previous is not None and old is not None and entries is not None:
        # the same files in the same order: only the changed files' hash entries move (in place
        # in `entries`, a copy the caller keeps for the next build)
        chunks, where = entries
        digests = list(previous.digests)
        for was in old.values():
            now = _by_inside(files, root, was.inside)
            if now.digest is not None:
                digests[where[was.inside]] = (now.inside, now.digest)
                chunks[where[was.inside]] = now.entry
        return Loaded(
            root,
            records=records,
            files=previous.files,
            content_hash=hashlib.sha256(b"".join(chunks)).hexdigest(),
            digests=digests,
        )
    read = [f for f in files.values() if f.digest is not None]
    return Loaded(
        root,
        records=records,
        problems=[p for f in files.values() for p in f.problems],
        files=[f.display for f in read],
        content_hash=hashlib.sha256(b"".join(f.entry for f in read)).hexdigest(),
        digests=[(f.inside, f.digest) for f in read if f.digest is not None],
    )


def _by_inside(files: dict[str, DataFile], root: Path, inside: str) -> DataFile:
    return files[os.path.join(str(root), inside)]


def _splice(
    before: list[Any], old: dict[str, DataFile], files: dict[str, DataFile], kind: str, rank: dict[str, int], root: Path
) -> list[Any]:
    """`before` (every file's records of one kind, in file order) with the changed files' old
    records replaced by their new ones (the files are the same, in the same order). A file's
    records are found by bisecting on the files' order: no walk over every file."""
    out: list[Any] = []
    kept = 0  # `before[kept:]` is still to be copied
    for display, was in sorted(old.items(), key=lambda item: rank[item[0]]):
        at = bisect.bisect_left(before, rank[display], key=lambda r: rank[r.location.path])
        _extend_stepwise(out, before, kept, at)
        out.extend(getattr(_by_inside(files, root, was.inside).records, kind))
        kept = at + len(getattr(was.records, kind))
    _extend_stepwise(out, before, kept, len(before))
    return out


# Items copied in one step of a long copy. One C call copying a 100,000-item list touches every
# item (a reference count each, cache misses on a large heap: ~10 ms at 100k tenures) with the
# interpreter's lock held; between steps a request waiting for the lock gets it.
_STEP = 8192


def _extend_stepwise(out: list[Any], items: list[Any], start: int, stop: int) -> None:
    """`out.extend(items[start:stop])`, in steps of `_STEP` items."""
    for i in range(start, stop, _STEP):
        out += items[i : min(i + _STEP, stop)]


def _update_ids(
    ids: RecordIds, records: FileRecords, olds: list[DataFile], news: list[DataFile], rank: dict[str, int]
) -> RecordIds:
    """GO250/GO251 after a change: only the ids the changed files held or hold can change."""
    touched = {r.id for f in (*olds, *news) for _, items in kind_lists(f.records) for r in items}
    if touched & ids.repeated:
        return record_ids(records)  # an id on several records was touched: check them all again
    changed = {f.display for f in olds} | {f.display for f in news}
    found: dict[str, list[tuple[int, int, int, int, str, Location]]] = {}
    for f in news:
        for kind, items in kind_lists(f.records):
            for r in items:
                if r.id in touched:
                    found.setdefault(r.id, []).append(
                        (KIND_ORDER[kind], rank[r.location.path], r.location.line, r.location.col, kind, r.location)
                    )
    for record_id in touched:
        first = ids.first.pop(record_id, None)
        places = found.get(record_id, [])
        if first is not None and first[1].path not in changed:
            kind, where = first
            places.append((KIND_ORDER[kind], rank.get(where.path, -1), where.line, where.col, kind, where))
        if not places:
            continue
        places.sort(key=lambda p: p[:4])
        head = places[0]
        ids.first[record_id] = (head[4], head[5])
        if len(places) > 1:
            ids.repeated.add(record_id)
            for _, _, _, _, kind, where in places[1:]:
                problem = _id_problem(kind, record_id, where, (head[4], head[5]))
                if problem is not None:
                    ids.problems.setdefault(record_id, []).append(problem)
    return ids


class Reloader:
    """A data folder's current build, for a server that reloads it: each call returns the new
    registry or raises RegistryError (the build moves on either way: the next change is
    applied to the data as it now is, served or refused)."""

    def __init__(self, root: Path | str, *, cache: ParseCache | None = None) -> None:
        self.cache = cache
        self.build = Build.load(root, cache=cache)

    def registry(self) -> Registry:
        return self.build.registry_or_raise()

    def changed(self, paths: Iterable[Path | str]) -> Registry:
        """After the files at `paths` changed (written, added or removed)."""
        self.build = self.build.update(paths, cache=self.cache)
        return self.registry()

    def between(self, before: object, after: object) -> Registry:
        """After the data's signature moved from `before` to `after` (`data_signature`'s
        tuples of path, size and mtime): the paths whose entry differs changed."""
        if not isinstance(before, tuple) or not isinstance(after, tuple):
            return self.reload()
        old, new = set(before), set(after)
        return self.changed({entry[0] for entry in old ^ new})

    def reload(self) -> Registry:
        """Read everything again."""
        self.build = self.build.rebuild(cache=self.cache)
        return self.registry()
