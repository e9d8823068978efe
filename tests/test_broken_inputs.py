"""The corpus of broken inputs: one file per problem under tests/broken/, its expected code and
location written in its first line (`# expect: GO101 at 9:5`). Each is validated beside the
tiny registry; it must give that code there, nothing else, and never a traceback.

What cannot be a file in git (a FIFO, a socket, a link out of the folder, an unreadable file,
a file over the size limit) is built in a temporary copy by `SPECIAL` below and checked through
`govorg validate`; these count as cases of the corpus too."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from govorg.cli import main
from govorg.loader import load
from govorg.problems import CODES
from govorg.validate import validate
from govorg.yamlio import MAX_FILE_BYTES

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


def make_fifo(data: Path) -> None:
    os.mkfifo(data / "people" / "pipe.yaml")


def make_socket(data: Path) -> None:
    here = os.getcwd()
    os.chdir(data / "people")  # a short relative path: socket paths are limited to ~100 bytes
    try:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind("s.yaml")
    finally:
        os.chdir(here)


def make_device(data: Path) -> None:
    try:
        os.mknod(data / "people" / "zero.yaml", 0o600 | 0o020000, os.makedev(1, 5))  # S_IFCHR, as /dev/zero
    except PermissionError:
        pytest.skip("creating a device needs root")


def link_dev_zero(data: Path) -> None:
    (data / "people" / "zero.yaml").symlink_to("/dev/zero")


def link_file_outside(data: Path) -> None:
    outside = data.parent / "outside.yaml"
    outside.write_text("format: 1\npeople:\n  - {id: sun-qi, name: 孙七}\n", encoding="utf-8")
    (data / "people" / "linked.yaml").symlink_to(outside)


def link_folder_outside(data: Path) -> None:
    outside = data.parent / "elsewhere"
    outside.mkdir()
    (outside / "more.yaml").write_text("format: 1\npeople:\n  - {id: sun-qi, name: 孙七}\n", encoding="utf-8")
    (data / "more").symlink_to(outside, target_is_directory=True)


def link_dangling(data: Path) -> None:
    (data / "people" / "gone.yaml").symlink_to(data / "people" / "no-such-file")


def oversized(data: Path) -> None:
    with (data / "people" / "huge.yaml").open("wb") as handle:  # sparse: costs no disk
        handle.truncate(MAX_FILE_BYTES + 1)


SPECIAL: dict[str, tuple[str, str, Callable[[Path], None]]] = {
    # case: (code, the path the problem names, how to build it)
    "fifo": ("GO123", "people/pipe.yaml", make_fifo),
    "socket": ("GO123", "people/s.yaml", make_socket),
    "device": ("GO123", "people/zero.yaml", make_device),
    "symlink-to-dev-zero": ("GO124", "people/zero.yaml", link_dev_zero),
    "symlink-to-a-file-outside": ("GO124", "people/linked.yaml", link_file_outside),
    "symlink-to-a-folder-outside": ("GO124", "more", link_folder_outside),
    "dangling-symlink": ("GO125", "people/gone.yaml", link_dangling),
    "oversized": ("GO120", "people/huge.yaml", oversized),
}


def validate_cli(data: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["govorg", "--lang", "en", "validate", str(data)], capture_output=True, text=True, check=False, timeout=60
    )


@pytest.mark.parametrize("case", list(SPECIAL), ids=list(SPECIAL))
def test_special_files_give_their_code_without_opening_them(case: str, tiny_copy: Path) -> None:
    code, where, build = SPECIAL[case]
    build(tiny_copy)
    result = validate_cli(tiny_copy)  # a FIFO opened for reading would block here until the timeout
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    errors = [line for line in result.stdout.splitlines() if " error GO" in line]
    assert len(errors) == 1 and f"error {code}:" in errors[0], result.stdout
    assert errors[0].split(":")[0].endswith(where), errors[0]


def deny(monkeypatch: pytest.MonkeyPatch, denied: Path, *, folder: bool) -> None:
    """Make `denied` unreadable: chmod 000, or (root reads everything) refuse it in os."""
    if os.geteuid() != 0:
        denied.chmod(0)
        return
    if folder:
        real_scandir = os.scandir

        def scandir(path: str | os.PathLike[str] = ".") -> os.ScandirIterator[str]:
            if Path(path) == denied:
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "scandir", scandir)
    else:
        real_open = os.open

        def open_(path: str | os.PathLike[str], flags: int, *args: int, **kwargs: int) -> int:
            if Path(path) == denied:
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", open_)


UNREADABLE = {"unreadable-file": ("people/people.yaml", False), "unreadable-folder": ("organisations", True)}


@pytest.mark.parametrize("case", list(UNREADABLE), ids=list(UNREADABLE))
def test_unreadable_files_and_folders_are_errors(
    case: str, tiny_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    name, folder = UNREADABLE[case]
    denied = tiny_copy / name
    deny(monkeypatch, denied, folder=folder)
    try:
        status = main(["--lang", "en", "validate", str(tiny_copy)])  # in-process, so that the monkeypatch holds
    finally:
        if os.geteuid() != 0:
            denied.chmod(0o755)
    out = capsys.readouterr().out
    assert status == 1
    gone = [line for line in out.splitlines() if "error GO125:" in line]
    assert len(gone) == 1 and gone[0].split(":")[0].endswith(name), out
    # nothing from the unreadable part was read: the references to it fail as well
    assert "GO201" in out or "GO202" in out


def test_corpus_has_enough_distinct_cases() -> None:
    assert len(CASES) + len(SPECIAL) + len(UNREADABLE) >= 120
    bodies = [case.read_bytes().split(b"\n", 1)[1] for case in CASES]
    assert len(set(bodies)) == len(bodies), "two cases with the same body"


def test_corpus_covers_every_code() -> None:
    covered = {expectation(c)[0] for c in CASES} | {code for code, _, _ in SPECIAL.values()} | {"GO125"}
    assert set(CODES) - covered == set()


def test_a_cycle_is_reported_once_naming_every_member(tiny_copy: Path) -> None:
    shutil.copy(BROKEN / "GO252-parent-cycle-of-three.yaml", tiny_copy / "cycle.yaml")
    (tiny_copy / "more.yaml").write_text(
        "format: 1\norganisations:\n  - {id: o-d, name: 示例丁, kind: other, parent: o-a}\n", encoding="utf-8"
    )
    cycles = [p for p in validate(load(tiny_copy)).problems if p.code == "GO252"]
    assert len(cycles) == 1
    assert all(member in cycles[0].message for member in ("o-a", "o-b", "o-c"))
    assert "o-d" not in cycles[0].message  # below the cycle, not in it


def test_cli_reports_a_broken_file_without_traceback(tiny_copy: Path) -> None:
    shutil.copy(BROKEN / "GO201-unknown-person.yaml", tiny_copy / "appointments" / "bad.yaml")
    result = subprocess.run(
        ["govorg", "--lang", "en", "validate", str(tiny_copy)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    line = next(ln for ln in result.stdout.splitlines() if "GO201" in ln)
    assert re.search(
        r"bad\.yaml:5:13: error GO201: unknown person 'wang-fen'; did you mean 'wang-feng' \(王峰\)\?", line
    )
    assert result.stdout.rstrip().endswith("1 error(s), 0 warning(s)")
    chinese = subprocess.run(["govorg", "validate", str(tiny_copy)], capture_output=True, text=True, check=False)
    line = next(ln for ln in chinese.stdout.splitlines() if "GO201" in ln)
    assert line.endswith("bad.yaml:5:13: 错误 GO201：未知人员 'wang-fen'；是否要写 'wang-feng'（王峰）？")
    assert chinese.stdout.rstrip().endswith("1 个错误，0 个警告")


def test_walks_up_a_cycle_end(tiny_copy: Path) -> None:
    shutil.copy(BROKEN / "GO252-parent-cycle-of-three.yaml", tiny_copy / "cycle.yaml")
    validated = validate(load(tiny_copy))
    assert sorted(validated.catalog.descendants("o-a")) == ["o-a", "o-b", "o-c"]
    assert validated.leadership.in_charge("o-a", on=date(2022, 1, 1)).assignments == ()


def test_a_post_handed_back_and_forth_over_time_is_no_predecessor_cycle(tiny_copy: Path) -> None:
    (tiny_copy / "rotation.yaml").write_text(
        "format: 1\n"
        "document: {id: rotation, title: 轮换, date: 2021-05-01}\n"
        "appointments:\n"
        "  - {row: 1, person: wang-feng, date: 2019-01-01, post: {organisation: 区房管局, title: 调研员}}\n"
        "  - {row: 2, person: li-si, date: 2020-01-01, predecessor: wang-feng,"
        " post: {organisation: 区房管局, title: 调研员}}\n"
        "  - {row: 3, person: wang-feng, date: 2021-01-01, predecessor: li-si,"
        " post: {organisation: 区房管局, title: 调研员}}\n",
        encoding="utf-8",
    )
    assert not [p for p in validate(load(tiny_copy)).problems if p.code == "GO255"]
