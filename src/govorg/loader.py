"""Walk a data folder, read every YAML file, and collect records and problems.

Nothing stops at the first problem: every file is read, every problem is kept (openstates
lint: "report every problem, then exit non-zero").
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from functools import partial
from pathlib import Path

from govorg.problems import Location, Problem, Text, problem
from govorg.records import FileRecords, parse_file
from govorg.yamlio import MAX_FILE_BYTES, parse_text


@dataclass(slots=True)
class Loaded:
    """All records of a data folder, the problems found while reading them, and a content hash."""

    root: Path
    records: FileRecords = field(default_factory=FileRecords)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    content_hash: str = ""
    git_commit: str | None = None  # known up front when the records come from a database
    # each read file's path inside the root and the sha256 of its bytes, in `files` order: the
    # content hash is made of these, so an incremental reload can recompute it from one new file
    digests: list[tuple[str, bytes]] = field(default_factory=list)


def display_path(path: Path) -> str:
    """A path as a clerk would type it: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


def data_files(root: Path, *, errors: list[OSError] | None = None) -> list[Path]:
    """The YAML files under `root`, in a stable order; hidden folders are skipped. Folders that
    cannot be listed go to `errors` (they must fail the load, never shrink it silently)."""
    found: list[Path] = []
    for folder, dirs, names in os.walk(root, onerror=errors.append if errors is not None else None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(folder, n) for n in names if n.endswith((".yaml", ".yml")) and not n.startswith("."))
        # os.walk lists a symlinked folder but does not enter it; one leading out of the data
        # folder is listed so that `read_data_file` reports it (its files are not read)
        found.extend(
            Path(folder, d) for d in dirs if os.path.islink(Path(folder, d)) and not _inside(Path(folder, d), root)
        )
    return sorted(found)


def _inside(path: Path, root: Path) -> bool:
    return os.path.commonpath([os.path.realpath(path), os.path.realpath(root)]) == os.path.realpath(root)


_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


class Unreadable(Exception):
    """A data file refused before or while reading, with its problem."""

    def __init__(self, found: Problem) -> None:
        super().__init__(found.message)
        self.problem = found


def read_data_file(path: Path, display: str, *, root: Path | None) -> bytes:
    """The bytes of a data file, refusing what is not a regular file inside `root` (a FIFO would
    block the reader forever, /dev/zero never ends) and what is over the size limit — all
    checked before the file is opened. Raises `Unreadable`."""
    where = Location(display)
    try:
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode) and root is not None:
            if not _inside(path, root):
                target = os.path.realpath(path)
                raise Unreadable(
                    problem("GO124", where, Text("symbolic link to {target}, outside the data folder", target=target))
                )
            st = os.stat(path)
        kind = stat.S_IFMT(st.st_mode)
        if kind != stat.S_IFREG:
            raise Unreadable(
                problem("GO123", where, Text("this is {kind}, not a file", kind=_KINDS.get(kind, "not a regular file")))
            )
        if st.st_size > MAX_FILE_BYTES:
            raise Unreadable(_too_large(where, st.st_size))
        # O_NONBLOCK: should the file be swapped for a FIFO after the check, opening it does not block
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise Unreadable(problem("GO123", where, "this is not a regular file"))
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise Unreadable(
            problem(
                "GO125",
                where,
                Text("cannot read file: {reason}", reason=exc.strerror or exc),
                hint="check its permissions",
            )
        ) from None
    if len(raw) > MAX_FILE_BYTES:
        raise Unreadable(_too_large(where, len(raw)))
    return raw


def _too_large(where: Location, size: int) -> Problem:
    return problem(
        "GO120",
        where,
        Text(
            "the file has {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}",
            size=size,
            MAX_FILE_BYTES=MAX_FILE_BYTES,
        ),
        hint="split it into several files",
    )


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector during bulk parsing: the load allocates millions of
    small objects and no cycles, and each full collection would walk all of them (~3x faster)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# Every record kind: the list fields of FileRecords, so a new kind is merged without a change here.
RECORD_KINDS = tuple(f.name for f in fields(FileRecords))


def merge(into: FileRecords, part: FileRecords) -> None:
    """Append each kind of record of `part` to `into`'s, in order."""
    for kind in RECORD_KINDS:
        getattr(into, kind).extend(getattr(part, kind))


def parse_one(path: Path, text: str, *, display: str | None = None) -> tuple[FileRecords, list[Problem]]:
    """Parse the text of one file into its records and problems; `display` is the path the
    problems and records name (default: `display_path(path)`, which costs a `relpath`)."""
    problems: list[Problem] = []
    display = display_path(path) if display is None else display
    root, syntax = parse_text(text, display)
    problems.extend(syntax)
    if syntax and root is None:
        return FileRecords(), problems
    return parse_file(root, display, problems), problems


class ParseCache:
    """Parsed files by content: a clerk's edit re-parses one file, not the whole folder.

    The key is the hash of the file's display path and bytes (records carry their path, so a
    moved file is parsed again). In memory by default; with `folder`, also on disk (pickles),
    so a new process starts warm. A cache file that cannot be read is ignored and rewritten.
    """

    VERSION = b"govorg-parse-4"  # 4: problems keep their Text (message_text, hint_text)

    def __init__(self, folder: Path | None = None) -> None:
        self.memory: dict[str, tuple[FileRecords, list[Problem]]] = {}
        self.folder = folder
        self.hits = 0
        self.misses = 0
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)

    def key(self, display: str, raw: bytes) -> str:
        return hashlib.sha256(self.VERSION + display.encode() + b"\0" + raw).hexdigest()

    def get(self, key: str) -> tuple[FileRecords, list[Problem]] | None:
        found = self.memory.get(key)
        if found is None and self.folder is not None:
            try:
                found = pickle.loads((self.folder / f"{key}.pickle").read_bytes())
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
                found = None
            if found is not None:
                self.memory[key] = found
        if found is None:
            self.misses += 1
        else:
            self.hits += 1
        return found

    def put(self, key: str, value: tuple[FileRecords, list[Problem]]) -> None:
        self.memory[key] = value
        if self.folder is not None:
            tmp = self.folder / f"{key}.tmp"
            tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            tmp.replace(self.folder / f"{key}.pickle")

    def keep_only(self, keys: set[str]) -> None:
        """Forget what is no longer in the data (memory only; disk entries are content-addressed)."""
        for key in list(self.memory):
            if key not in keys:
                del self.memory[key]


def _parse_files(
    root: Path | None, files: list[tuple[str, str]]
) -> list[tuple[bytes, FileRecords, list[Problem]] | None]:
    """In a worker process: read and parse each file, with the digest of the bytes read (the
    caller parses again itself whatever it reads differently, or whatever was refused here)."""
    out: list[tuple[bytes, FileRecords, list[Problem]] | None] = []
    with paused_gc():
        for name, display in files:
            path = Path(name)
            try:
                raw = read_data_file(path, display, root=root)
                text = raw.decode("utf-8")
            except (Unreadable, UnicodeDecodeError):
                out.append(None)  # the caller reports it, in its place
                continue
            out.append((hashlib.sha1(raw).digest(), *parse_one(path, text, display=display)))
    return out


def parse_in_parallel(
    files: list[tuple[str, str]], *, root: Path | None, workers: int
) -> dict[str, tuple[bytes, FileRecords, list[Problem]]]:
    """Parse (path, display path) files in `workers` processes: path -> (sha1 of the bytes
    parsed, records, problems).

    Records come back pickled. Each worker gets a few large contiguous chunks, so the strings it
    interned are pickled once per chunk (pickle's memo), not once per use."""
    import multiprocessing
    import threading
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    parts = max(1, workers * 2)
    size = -(-len(files) // parts) or 1
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    # Workers are forked: cheap, and they start warm. Forking a process with other threads
    # running can deadlock the child on a lock one of them held, and a spawned worker would
    # re-run the caller's script; so then, or when a worker dies, the caller parses every file
    # itself (an empty answer), as with one worker.
    if threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return {}
    found: dict[str, tuple[bytes, FileRecords, list[Problem]]] = {}
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            for chunk, results in zip(chunks, pool.map(partial(_parse_files, root), chunks), strict=True):
                for (name, _), result in zip(chunk, results, strict=True):
                    if result is not None:
                        found[name] = result
    except (BrokenProcessPool, OSError):
        return {}
    return found


def load(root: Path, *, cache: ParseCache | None = None, workers: int = 1) -> Loaded:
    """Read every file under `root` (a folder, or a single file), reusing `cache` where a
    file's content has not changed. With `workers` > 1 and nothing cached, the files are
    parsed in that many processes first (a cold start); the result is the same."""
    root = root.resolve()
    loaded = Loaded(root)
    if not root.exists():
        loaded.problems.append(
            problem(
                "GO100", Location(display_path(root)), "no such file or folder", hint="pass the data folder, e.g. data/"
            )
        )
        return loaded
    single = not root.is_dir()
    walk_errors: list[OSError] = []
    paths = [root] if single else data_files(root, errors=walk_errors)
    # display paths relative to the working folder, computed once for the root (relpath per file
    # costs ~1 s at 20,000 files)
    base = display_path(root.parent if single else root)
    prefix_len = len(str(root.parent if single else root)) + 1

    def shown(path: str) -> str:
        return os.path.join(base, path[prefix_len:]) if base != "." else path[prefix_len:]

    for error in walk_errors:
        folder = str(error.filename or root)
        loaded.problems.append(
            problem(
                "GO125",
                Location(shown(folder) if folder != str(root) else display_path(root)),
                Text("cannot read folder: {reason}", reason=error.strerror or error),
                hint="check its permissions; its files were not read",
            )
        )
    seen: set[str] = set()
    cold = cache is None or not cache.memory
    with paused_gc():
        parsed = (
            parse_in_parallel([(str(p), shown(str(p))) for p in paths], root=None if single else root, workers=workers)
            if workers > 1 and cold and len(paths) > 1
            else {}
        )
        for path in paths:
            display = shown(str(path))
            try:
                raw = read_data_file(path, display, root=None if single else root)
                text = raw.decode("utf-8")
            except Unreadable as exc:
                loaded.problems.append(exc.problem)
                continue
            except UnicodeDecodeError as exc:
                line = raw[: exc.start].count(b"\n") + 1
                col = exc.start - raw.rfind(b"\n", 0, exc.start)
                loaded.problems.append(
                    problem(
                        "GO100",
                        Location(display, line, col),
                        Text("file is not UTF-8 text ({reason})", reason=exc.reason),
                        hint="save it as UTF-8",
                    )
                )
                continue
            inside = str(path)[prefix_len:]
            file_digest = hashlib.sha256(raw).digest()
            loaded.digests.append((inside, file_digest))
            loaded.files.append(display)
            early = parsed.pop(str(path), None)
            if early is not None and early[0] == hashlib.sha1(raw).digest():
                records, problems = early[1], early[2]
                if cache is not None:
                    key = cache.key(display, raw)
                    seen.add(key)
                    cache.put(key, (records, problems))
            elif cache is None:
                records, problems = parse_one(path, text, display=display)
            else:
                key = cache.key(display, raw)
                seen.add(key)
                cached = cache.get(key)
                if cached is None:
                    cached = parse_one(path, text, display=display)
                    cache.put(key, cached)
                records, problems = cached
            merge(loaded.records, records)
            loaded.problems.extend(problems)
    if cache is not None:
        cache.keep_only(seen)
    loaded.content_hash = content_hash(loaded.digests)
    return loaded


def content_hash(digests: list[tuple[str, bytes]]) -> str:
    """The data version: a hash of every file's path and the hash of its bytes, in file order."""
    return hashlib.sha256(b"".join(hash_entry(inside, file_digest) for inside, file_digest in digests)).hexdigest()


def hash_entry(inside: str, file_digest: bytes) -> bytes:
    """One file's part of the content hash (an incremental reload keeps these per file)."""
    return b"%s\0%s" % (inside.encode(), file_digest)


@dataclass(slots=True)
class OneFile:
    """One data file read on its own (for an incremental reload): its records and problems, and
    the hash of its bytes (None when it could not be read: it then counts as no file)."""

    digest: bytes | None
    records: FileRecords
    problems: list[Problem]


def load_one(path: Path, display: str, *, root: Path, cache: ParseCache | None = None) -> OneFile:
    """Read and parse one file of the data folder `root` as `load` does."""
    try:
        raw = read_data_file(path, display, root=root)
        text = raw.decode("utf-8")
    except Unreadable as exc:
        return OneFile(None, FileRecords(), [exc.problem])
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - raw.rfind(b"\n", 0, exc.start)
        found = problem(
            "GO100",
            Location(display, line, col),
            Text("file is not UTF-8 text ({reason})", reason=exc.reason),
            hint="save it as UTF-8",
        )
        return OneFile(None, FileRecords(), [found])
    if cache is None:
        records, problems = parse_one(path, text)
    else:
        key = cache.key(display, raw)
        cached = cache.get(key)
        if cached is None:
            cached = parse_one(path, text)
            cache.put(key, cached)
        records, problems = cached
    return OneFile(hashlib.sha256(raw).digest(), records, list(problems))
