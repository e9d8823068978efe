"""An incremental reload equals a full load: after random edits to a composed registry of two
invented governments (rows added, dropped or broken and fixed, roster seats dropped, files
added and deleted, a person added), the compiled answers of `Build.update` are those of a
fresh `Build.load` of the same files."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govorg.incremental import Build
from govorg.synth import synthesize

DAYS = (date(1999, 6, 1), date(2012, 1, 1), date(2018, 3, 15), date(2021, 7, 1), date(2024, 12, 31))


def second_government(text: str) -> str:
    """The same synthetic district renumbered: other ids, names and people."""
    text = text.replace("第1区", "第2区").replace("d1-", "d2-").replace("一区府", "二区府")
    return re.sub(r"\bp(\d+)\b", r"q\1", text)


@pytest.fixture(scope="module")
def composed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two invented governments (synthetic districts 1 and 2, drawn with different seeds)."""
    work = tmp_path_factory.mktemp("composed")
    synthesize(work / "one", tenures=300, seed=1)
    synthesize(work / "two", tenures=300, seed=2)
    out = work / "data"
    shutil.copytree(work / "one", out)
    for path in sorted((work / "two").rglob("*.yaml")):
        inside = path.relative_to(work / "two")
        if inside.parts[0] == "documents":
            continue  # the gazette both districts cite
        target = out / str(inside).replace("d0001", "d0002")
        if inside.parts[0] in ("people", "organisations"):
            target = out / inside.parts[0] / f"two-{inside.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(second_government(path.read_text(encoding="utf-8")), encoding="utf-8")
    build = Build.load(out)
    assert build.registry is not None, [p.format() for p in build.validated.problems[:5]]
    assert len(build.registry.governments()) == 2
    return out


def answers(build: Build) -> dict[str, Any]:
    """What a reader can ask, on sample days: holders of every post, rosters, in_charge, the
    problems and the data version."""
    out: dict[str, Any] = {
        "version": build.loaded.content_hash,
        "files": build.loaded.files,
        "problems": [p.format() for p in build.validated.problems],
    }
    registry = build.registry
    if registry is None:
        return out
    out["counts"] = registry.info().counts
    compiled = registry.compiled
    out["posts"] = {
        key: [
            (t.id, t.person_id, t.possible_from, t.possible_until, t.certain_from, t.certain_until, t.sources)
            for t in items
        ]
        for key, items in sorted(compiled.post_tenures.items())
    }
    out["people"] = {person: [t.id for t in items] for person, items in sorted(compiled.person_tenures.items())}
    out["titles"] = {org: registry.titles(org) for org in sorted(registry.catalog.organisations)}
    out["posts of"] = dict(sorted(compiled.posts_of.items()))
    catalog = registry.catalog
    for day in DAYS:
        out[f"holders {day}"] = {
            key: [(h.tenure.id, h.certainty) for h in registry.holders(key[0], title, on=day)]
            for key, items in sorted(compiled.post_tenures.items())
            for title in {items[0].post.title}
        }
        out[f"rosters {day}"] = [registry.roster(c.id, on=day) for c in registry.committees()]
        out[f"in charge {day}"] = {
            org: registry.in_charge(org, on=day) for org in sorted(catalog.organisations) if org.endswith("-u1")
        }
    return out


ROW = re.compile(r"^  - \{row: ")


def rows(text: str) -> list[int]:
    return [n for n, line in enumerate(text.splitlines()) if ROW.match(line)]


@st.composite
def edits(draw: st.DrawFn) -> list[tuple[str, int, int]]:
    kinds = st.sampled_from(
        [
            "drop-row",
            "add-appointment",
            "new-title",
            "add-removal",
            "change-date",
            "break",
            "restore",
            "drop-seat",
            "new-file",
            "delete-file",
            "person",
        ]
    )
    return draw(st.lists(st.tuples(kinds, st.integers(0, 10_000), st.integers(0, 10_000)), min_size=1, max_size=5))


def apply(root: Path, edit: tuple[str, int, int], originals: dict[Path, str | None], serial: Iterator[int]) -> Path:
    """Make one edit; returns the path it wrote (the original text is kept in `originals`)."""
    kind, a, b = edit
    lists = sorted(root.glob("appointments/*/*.yaml"))
    target = lists[a % len(lists)]

    def keep(path: Path) -> None:
        if path not in originals:
            originals[path] = path.read_text(encoding="utf-8") if path.exists() else None

    n = next(serial)
    government = "第1区" if a % 2 == 0 else "第2区"
    person = f"p{b % 200 + 1}" if a % 2 == 0 else f"q{b % 200 + 1}"
    unit = ["财政局", "教育局", "民政局", "司法局"][b % 4]
    title = ["局长", "副局长"][(a // 2) % 2] if kind != "new-title" else ["调研员", "一级主任科员"][b % 2]  # a new post
    row = f"  - {{row: {900 + n}, person: {person}, post: {{organisation: {government}{unit}, title: {title}}}}}\n"
    if kind in ("drop-row", "add-appointment", "new-title", "add-removal", "change-date", "break"):
        keep(target)
        text = target.read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        if kind == "drop-row" and rows(text):
            del lines[rows(text)[b % len(rows(text))]]
        elif kind == "change-date" and rows(text):
            at = rows(text)[b % len(rows(text))]
            day = f"20{10 + b % 15}-0{1 + a % 9}-15"  # a row with a date already gets two: a problem, compared too
            lines[at] = lines[at].rstrip().removesuffix("}") + f", date: {day}}}\n"
        elif kind == "break":
            lines.append(
                "removals:\n  - {row: 990, person: nobody-at-all, post: {organisation: 无此单位, title: 局长}}\n"
            )
        else:
            section = "removals:\n" if kind == "add-removal" else "appointments:\n"
            if section in lines:
                lines.insert(lines.index(section) + 1, row)
            else:
                lines += [section, row]
        target.write_text("".join(lines), encoding="utf-8")
        return target
    if kind == "restore" and originals:
        path = sorted(originals)[a % len(originals)]
        before = originals.pop(path)
        if before is None:
            path.unlink(missing_ok=True)
        else:
            path.write_text(before, encoding="utf-8")
        return path
    if kind == "drop-seat":
        rosters = sorted(root.glob("committees/*/*.yaml"))
        path = rosters[a % len(rosters)]
        keep(path)
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        seats = [i for i, line in enumerate(lines) if line.startswith("    - {role: 委员")]
        if seats:
            del lines[seats[b % len(seats)]]
        path.write_text("".join(lines), encoding="utf-8")
        return path
    if kind == "new-file":
        path = root / "appointments" / f"new-{n}.yaml"
        keep(path)
        path.write_text(
            f"format: 1\ndocument: {{id: new-{n}, title: 新任免{n}, date: 20{10 + b % 15}-0{1 + a % 9}-01}}\n"
            f"appointments:\n{row}",
            encoding="utf-8",
        )
        return path
    if kind == "delete-file":
        keep(target)
        target.unlink()
        return target
    people = root / "people" / "two-synthetic.yaml"  # a global change: the build falls back to full
    keep(people)
    people.write_text(people.read_text(encoding="utf-8") + f"  - {{id: extra-{n}, name: 新人{n}}}\n", encoding="utf-8")
    return people


@settings(
    max_examples=int(os.environ.get("GOVORG_INCREMENTAL_EXAMPLES", "10")),  # more when hunting
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=edits())
def test_an_incremental_reload_equals_a_full_load(
    composed: Path, tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[str, int, int]]
) -> None:
    root = tmp_path_factory.mktemp("edit") / "data"
    shutil.copytree(composed, root)
    build = Build.load(root)
    originals: dict[Path, str | None] = {}
    serial = iter(range(1000))
    for step in steps:
        written = apply(root, step, originals, serial)
        build = build.update([written])
        assert answers(build) == answers(Build.load(root)), step
    shutil.rmtree(root)


def test_a_post_added_and_taken_away_again_changes_the_titles_as_a_full_load(composed: Path, tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(composed, root)
    build = Build.load(root)
    originals: dict[Path, str | None] = {}
    serial = iter(range(1000))
    written = apply(root, ("new-title", 0, 1), originals, serial)
    added = build.update([written])
    assert added.incremental and added.registry is not None
    assert "一级主任科员" in added.registry.titles("d1-u1") and answers(added) == answers(Build.load(root))
    written = apply(root, ("restore", 0, 0), originals, serial)
    restored = added.update([written])
    assert restored.incremental and restored.registry is not None
    assert "一级主任科员" not in restored.registry.titles("d1-u1")
    assert answers(restored) == answers(build)


def test_a_row_edit_is_incremental_and_a_person_edit_is_not(composed: Path, tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(composed, root)
    build = Build.load(root)
    target = sorted(root.glob("appointments/d0001/*.yaml"))[-1]
    text = target.read_text(encoding="utf-8")
    target.write_text(
        text.replace((rows(text) and text.splitlines(keepends=True)[rows(text)[0]]) or "", ""), encoding="utf-8"
    )
    after = build.update([target])
    assert after.incremental and after.registry is not None
    assert after.loaded.content_hash != build.loaded.content_hash
    people = root / "people" / "two-synthetic.yaml"
    people.write_text(people.read_text(encoding="utf-8") + "  - {id: extra-1, name: 新人}\n", encoding="utf-8")
    assert not after.update([people]).incremental


def test_an_unrelated_path_changes_nothing(composed: Path, tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(composed, root)
    build = Build.load(root)
    (root / "README.md").write_text("notes", encoding="utf-8")
    (root / "appointments" / ".draft.yaml").write_text("format: 1\n", encoding="utf-8")
    assert build.update([root / "README.md", root / "appointments" / ".draft.yaml", "/elsewhere/x.yaml"]) is build


def test_records_spliced_in_small_steps_equal_a_full_load(
    composed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two files edited at once, spliced in steps of 3 records: every kind's records, in order,
    and the tenures by id are what a full load makes."""
    import govorg.incremental

    monkeypatch.setattr(govorg.incremental, "_STEP", 3)
    root = tmp_path / "data"
    shutil.copytree(composed, root)
    build = Build.load(root)
    lists = sorted(root.glob("appointments/*/*.yaml"))
    changed = [lists[1], lists[-2]]
    for path in changed:
        text = path.read_text(encoding="utf-8")
        first = text.splitlines(keepends=True)[rows(text)[0]]
        path.write_text(text.replace(first, ""), encoding="utf-8")
    after = build.update(changed)
    full = Build.load(root)
    assert after.incremental
    for kind in ("appointments", "removals", "attestations"):
        spliced = [r.id for r in getattr(after.loaded.records, kind)]
        assert spliced == [r.id for r in getattr(full.loaded.records, kind)], kind
    assert after.registry is not None and full.registry is not None
    assert sorted(after.registry.compiled.tenures) == sorted(full.registry.compiled.tenures)
    assert len(after.registry.compiled.tenures) == len(after.validated.tenures)
