"""Walk a data folder, read every YAML file, and collect records and problems.

Nothing stops at the first problem: every file is read, every problem is kept (openstates
lint: "report every problem, then exit non-zero").
"""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from govorg.problems import Location, Problem, problem
from govorg.records import FileRecords, parse_file
from govorg.yamlio import parse_text

DEFAULT_DATA = Path(__file__).resolve().parent / "sample_data"


@dataclass(slots=True)
class Loaded:
    """All records of a data folder, the problems found while reading them, and a content hash."""

    root: Path
    records: FileRecords = field(default_factory=FileRecords)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    content_hash: str = ""


def display_path(path: Path) -> str:
    """A path as a clerk would type it: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


def data_files(root: Path) -> list[Path]:
    """The YAML files under `root`, in a stable order; hidden folders are skipped."""
    found = [
        p
        for p in root.rglob("*")
        if p.suffix in (".yaml", ".yml")
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    ]
    return sorted(found)


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


def merge(into: FileRecords, part: FileRecords) -> None:
    into.documents.extend(part.documents)
    into.organisations.extend(part.organisations)
    into.people.extend(part.people)
    into.appointments.extend(part.appointments)
    into.removals.extend(part.removals)
    into.attestations.extend(part.attestations)
    into.leadership.extend(part.leadership)
    into.rosters.extend(part.rosters)


def parse_one(path: Path, text: str) -> tuple[FileRecords, list[Problem]]:
    """Parse the text of one file into its records and problems."""
    problems: list[Problem] = []
    display = display_path(path)
    root, syntax = parse_text(text, display)
    problems.extend(syntax)
    if syntax and root is None:
        return FileRecords(), problems
    return parse_file(root, display, problems), problems


def load(root: Path) -> Loaded:
    """Read every file under `root` (a folder, or a single file)."""
    root = root.resolve()
    loaded = Loaded(root)
    if not root.exists():
        loaded.problems.append(
            problem(
                "GO100", Location(display_path(root)), "no such file or folder", hint="pass the data folder, e.g. data/"
            )
        )
        return loaded
    paths = [root] if root.is_file() else data_files(root)
    digest = hashlib.sha256()
    with paused_gc():
        for path in paths:
            display = display_path(path)
            try:
                raw = path.read_bytes()
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                line = raw[: exc.start].count(b"\n") + 1
                col = exc.start - raw.rfind(b"\n", 0, exc.start)
                loaded.problems.append(
                    problem(
                        "GO100",
                        Location(display, line, col),
                        f"file is not UTF-8 text ({exc.reason})",
                        hint="save it as UTF-8",
                    )
                )
                continue
            except OSError as exc:
                loaded.problems.append(problem("GO100", Location(display), f"cannot read file: {exc.strerror}"))
                continue
            digest.update(str(path.relative_to(root) if path != root else path.name).encode())
            digest.update(b"\0")
            digest.update(raw)
            loaded.files.append(display)
            records, problems = parse_one(path, text)
            merge(loaded.records, records)
            loaded.problems.extend(problems)
    loaded.content_hash = digest.hexdigest()
    return loaded
