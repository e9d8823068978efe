"""`govorg diff --git A..B`: what a commit range changes in the records, in plain words, for review.

The data folder is read at both revisions (`git archive` into temporary folders) and the records
compared by content, ignoring where in the files they stand: a row moved or reformatted is no
change; a row added is an appointment, removal or confirmation to review; a roster or 分工 notice
added, changed or dropped is named with its document.
"""

from __future__ import annotations

import argparse
import io
import re
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path
from typing import Any

from govorg.cli.text import say
from govorg.loader import load
from govorg.records import Appointment, AppointmentForm, FileRecords, LeadershipVersion, Removal, RosterVersion


class GitError(Exception):
    """git failed, or the range names no revision."""


def _git(args: Sequence[str], *, cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=120)
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return done.stdout


def _checkout(repo: Path, rev: str, folder: str, into: Path) -> None:
    """The data folder as it was at `rev` (empty when it did not exist then)."""
    if not _git(["ls-tree", "-d", "--name-only", rev, "--", folder or "."], cwd=repo).strip() and folder:
        return
    archive = _git(["archive", "--format=tar", rev, "--", folder or "."], cwd=repo)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")


def _key(value: Any) -> Any:
    """A record's content without its locations, comparable and hashable."""
    if is_dataclass(value) and not isinstance(value, type):
        if type(value).__name__ == "Location":
            return None
        return (type(value).__name__, *(_key(getattr(value, f.name)) for f in fields(value) if f.name != "location"))
    if isinstance(value, (list, tuple)):
        return tuple(_key(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _key(v)) for k, v in value.items()))
    return value


@dataclass(frozen=True, slots=True)
class Change:
    kind: str  # a message key of `govorg.cli.text`
    text: str


def _post(post: Any) -> str:
    return f"{post.organisation.text}{post.title}"


def _names(records: FileRecords) -> dict[str, str]:
    return {p.id: p.name for p in records.people}


def _person(row: Appointment | Removal, names: dict[str, str]) -> str:
    return names.get(row.person.text, row.person.text)


def compare(before: FileRecords, after: FileRecords) -> list[Change]:
    names = _names(before) | _names(after)
    changes: list[Change] = []

    def rows(items: Sequence[Any]) -> dict[Any, Any]:
        return {_key(item): item for item in items}

    for section, added_key, dropped_key in (
        ("appointments", "git.appointed", "git.appointment_dropped"),
        ("removals", "git.removed", "git.removal_dropped"),
    ):
        old, new = rows(getattr(before, section)), rows(getattr(after, section))
        for key, row in new.items():
            if key not in old:
                changes.append(_row_change(row, names, added_key))
        for key, row in old.items():
            if key not in new:
                changes.append(_row_change(row, names, dropped_key))
    for section, what in (("rosters", "roster"), ("leadership", "division")):
        old_by_id: dict[str, Any] = {r.id: r for r in getattr(before, section)}
        new_by_id: dict[str, Any] = {r.id: r for r in getattr(after, section)}
        for rid, record in new_by_id.items():
            if rid not in old_by_id:
                changes.append(Change(f"git.{what}_added", say(f"git.{what}_added", text=_notice(record))))
            elif _key(old_by_id[rid]) != _key(record):
                changes.append(Change(f"git.{what}_changed", say(f"git.{what}_changed", text=_notice(record))))
        for rid, record in old_by_id.items():
            if rid not in new_by_id:
                changes.append(Change(f"git.{what}_dropped", say(f"git.{what}_dropped", text=_notice(record))))
    for section in ("people", "organisations", "documents"):
        old_ids = {r.id for r in getattr(before, section)}
        added = [r for r in getattr(after, section) if r.id not in old_ids]
        if added:
            listed = "、".join(f"{r.id}（{getattr(r, 'name', None) or r.title}）" for r in added)
            changes.append(Change(f"git.{section}_added", say(f"git.{section}_added", text=listed)))
    return changes


def _row_change(row: Appointment | Removal, names: dict[str, str], key: str) -> Change:
    posts = "、".join(_post(p) for p in row.posts)
    when = row.date.text
    if isinstance(row, Appointment):
        if row.form is AppointmentForm.CONFIRMED:
            key = key.replace("appointed", "confirmed").replace("appointment", "confirmation")
        elif row.form is AppointmentForm.ACTING:
            key = key.replace("appointed", "acting")
    text = say(key, person=_person(row, names), posts=posts, date=when)
    if isinstance(row, Appointment) and row.probation_months:
        text += say("git.probation", months=row.probation_months)
    return Change(key, text)


def _notice(record: RosterVersion | LeadershipVersion) -> str:
    subject = (
        record.committee.text
        if isinstance(record, RosterVersion)
        else (record.government.text if record.government else "")
    )
    return f"{subject}（{record.source}，{record.date.text}）".lstrip()


_RANGE = re.compile(r"^(?P<a>[^.]+)\.\.(?P<b>[^.]*)$")


def cmd_git_diff(args: argparse.Namespace) -> int:
    m = _RANGE.match(args.git)
    if m is None:
        print(f"govorg: {say('git.bad_range', range=args.git)}", file=sys.stderr)
        return 2
    a, b = m["a"], m["b"] or "HEAD"
    data = Path(args.data).resolve()
    try:
        repo = Path(_git(["rev-parse", "--show-toplevel"], cwd=data if data.is_dir() else data.parent).decode().strip())
        folder = data.relative_to(repo).as_posix() if data != repo else ""
        with tempfile.TemporaryDirectory(prefix="govorg-diff-") as tmp:
            loaded = []
            for rev, name in ((a, "a"), (b, "b")):
                into = Path(tmp) / name
                into.mkdir()
                _checkout(repo, rev, folder, into)
                loaded.append(load(into / folder if folder else into).records)
    except (GitError, ValueError) as exc:
        print(f"govorg: {exc}", file=sys.stderr)
        return 2
    changes = compare(loaded[0], loaded[1])
    print(say("git.header", a=a, b=b, count=len(changes)))
    for change in changes:
        print(f"  {change.text}")
    return 0
