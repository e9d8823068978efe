"""`govorg synth`: deterministic, valid, and realistic enough to exercise every part."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from govorg.committees import Resolution
from govorg.registry import GovernmentRequired, Registry, UnknownGovernment
from test_cli import govorg


@pytest.fixture(scope="module")
def synth_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small synthetic registry of three districts (1,500 tenures)."""
    out = tmp_path_factory.mktemp("synth") / "data"
    result = govorg("synth", str(out), "--tenures", "1500")
    assert result.returncode == 0, result.stderr
    return out


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*.yaml")):
        h.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    return h.hexdigest()


def test_synth_is_valid_and_deterministic(synth_dir: Path, tmp_path: Path) -> None:
    check = govorg("validate", str(synth_dir))
    assert check.returncode == 0 and check.stdout.rstrip().endswith("0 个错误，0 个警告")
    again = tmp_path / "again"
    govorg("synth", str(again), "--tenures", "1500")
    assert _digest(again) == _digest(synth_dir)
    assert govorg("synth", str(synth_dir)).returncode == 1  # refuses a folder that is not empty


def test_synth_has_every_kind_of_record(synth_dir: Path) -> None:
    registry = Registry.load(synth_dir)
    counts = registry.info().counts
    assert counts["tenures"] == 1500
    assert counts["confirmations"] > 0 and counts["removals"] > 0 and counts["attestations"] > 0
    assert counts["rosterVersions"] > 0 and counts["leadershipVersions"] > 0
    assert {t.start.precision.value for t in registry.compiled.tenures.values()} >= {"quarter", "day"}


def test_each_unit_answers_from_its_own_governments_division_of_work(synth_dir: Path) -> None:
    registry = Registry.load(synth_dir)
    for d in (1, 2, 3):
        answer = registry.in_charge(f"第{d}区财政局", on=date(2010, 1, 1))
        assert answer is not None and answer.version is not None
        assert answer.version.government == f"d{d}-gov"
        assert all(a.person_id.startswith(f"d{d}-leader") for a in answer.assignments)
    assert len(registry.validated.leadership.governments) == 3


def test_synthetic_committees_pass_seats_on_between_rosters(synth_dir: Path) -> None:
    registry = Registry.load(synth_dir)
    resolutions = set()
    for year in range(1998, 2024):
        roster = registry.roster("d1-committee", on=date(year, 12, 31))
        resolutions |= {s.resolution for s in roster.seats}
    assert Resolution.SUCCEEDED in resolutions and Resolution.LISTED in resolutions


def test_leaders_of_a_named_government(synth_dir: Path) -> None:
    text = govorg("leaders", "--data", str(synth_dir), "--on", "2010-01-01", "--government", "第2区人民政府").stdout
    assert "领导全面工作：d2-gov" in text and "第2区财政局" in text and "第1区" not in text
    unnamed = govorg("leaders", "--data", str(synth_dir), "--on", "2010-01-01")
    assert unnamed.returncode == 2
    assert "3 governments have a 分工 (第1区人民政府、第2区人民政府、第3区人民政府)" in unnamed.stderr
    assert "--government" in unnamed.stderr
    registry = Registry.load(synth_dir)
    with pytest.raises(GovernmentRequired):  # several governments: name one
        registry.leaders(on=date(2010, 1, 1))
    with pytest.raises(UnknownGovernment):
        registry.leaders(on=date(2010, 1, 1), government="没有这个政府")


def test_large_lists_are_split_into_files_the_loader_accepts(
    synth_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At a million tenures one people file would be ~22 MB, over the loader's limit (GO120):
    people and organisations go in files of at most PER_FILE records, with the same registry."""
    from govorg import synth

    monkeypatch.setattr(synth, "PER_FILE", 40)
    split = tmp_path / "split"
    synth.synthesize(split, tenures=1500)
    for folder in ("people", "organisations"):
        files = sorted((split / folder).glob("*.yaml"))
        assert len(files) >= 2 and (split / folder / "synthetic.yaml") in files, files
        assert all(path.read_text(encoding="utf-8").count("\n  - ") <= 40 for path in files)
    whole, parts = Registry.load(synth_dir), Registry.load(split)
    assert parts.validated.problems == []
    assert parts.info().counts == whole.info().counts
    names = {p.id: p.name for p in whole.catalog.people.values()}
    assert {p.id: p.name for p in parts.catalog.people.values()} == names
