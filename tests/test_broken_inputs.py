"""The corpus of broken inputs: one file per problem under tests/broken/, its expected code and
location written in its first line (`# expect: GO101 at 9:5`). Each is validated beside the
tiny registry; it must give that code there, nothing else, and never a traceback."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from govorg.loader import load
from govorg.problems import CODES
from govorg.validate import validate

BROKEN = Path(__file__).resolve().parent / "broken"
CASES = sorted(BROKEN.glob("*.yaml"))
_EXPECT = re.compile(rb"^# expect: (GO\d{3})(?: at (\d+):(\d+))?")


def expectation(path: Path) -> tuple[str, tuple[int, int] | None]:
    m = _EXPECT.match(path.read_bytes())
    assert m, f"{path.name} must start with '# expect: CODE [at LINE:COL]'"
    where = (int(m.group(2)), int(m.group(3))) if m.group(2) else None
    return m.group(1).decode(), where


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_broken_input_gives_its_code_and_location(case: Path, tiny_copy: Path) -> None:
    code, where = expectation(case)
    target = tiny_copy / "broken" / case.name
    target.parent.mkdir()
    shutil.copy(case, target)
    validated = validate(load(tiny_copy))
    found = [(p.code, p.location.line, p.location.col) for p in validated.problems]
    assert {c for c, _, _ in found} == {code}, validated.problems
    mine = [
        p
        for p in validated.problems
        if p.location.path.endswith(case.name) or code in ("GO205", "GO206", "GO204", "GO404", "GO503")
    ]  # reported at the second of the two
    assert mine, validated.problems
    if where is not None:
        assert any((p.location.line, p.location.col) == where for p in mine), [p.format() for p in mine]
    for p in validated.problems:
        assert p.message and p.format().startswith(p.location.path)


def test_corpus_covers_every_code() -> None:
    covered = {expectation(c)[0] for c in CASES}
    assert set(CODES) - covered == set()


def test_cli_reports_a_broken_file_without_traceback(tiny_copy: Path) -> None:
    shutil.copy(BROKEN / "GO201-unknown-person.yaml", tiny_copy / "appointments" / "bad.yaml")
    result = subprocess.run(["govorg", "validate", str(tiny_copy)], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    line = next(ln for ln in result.stdout.splitlines() if "GO201" in ln)
    assert re.search(
        r"bad\.yaml:5:13: error GO201: unknown person 'wang-fen'; did you mean 'wang-feng' \(王峰\)\?", line
    )
    assert result.stdout.rstrip().endswith("1 error(s), 0 warning(s)")
