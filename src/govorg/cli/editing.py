"""The clerk's commands: validate (several paths, in context, --strict), fmt, new person, schema;
and the parser's shared pieces: --lang, --version and the top-level examples."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from govorg.cli.common import Handler, loading, print_problems
from govorg.cli.text import DEFAULT_LANG, LANGS, say
from govorg.loader import load
from govorg.problems import Problem, Severity
from govorg.validate import validate

EXAMPLES = """\
examples:
  govorg validate data/                          check every file (exit 1 on errors)
  govorg validate data/appointments/new.yaml     check one file in the context of its data folder
  govorg fmt --check data/                       would fmt change anything? (exit 1 if so)
  govorg new person 王峰 --data data/             suggest an id and write the record
  govorg who 区房管局 副局长 --on 2021-05-01       who holds a post on a day
  govorg leaders --on 2021-06-10                 the 分工 in force on a day
  govorg diff --git HEAD~1..HEAD                 what a commit changes, in plain words
  govorg --lang en who 区房管局 副局长             the same answers in English

exit codes: 0 an answer (or valid data); 1 not found, or invalid data; 2 usage error.
"""

# A folder holding one of these is a data folder's root (`.govorg` is an empty marker file for
# registries that have no organisations/ folder yet).
ROOT_MARKERS = (".govorg", "organisations")

Command = Callable[[str, Handler, str, str], argparse.ArgumentParser]


def package_version() -> str:
    try:
        return version("govorg")
    except PackageNotFoundError:  # pragma: no cover - run from a source tree that was never installed
        return "unknown"


def lang_option(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """`--lang` before or after the command; the command's own wins when both are given."""
    parser.add_argument(
        "--lang",
        choices=LANGS,
        default=DEFAULT_LANG if top else argparse.SUPPRESS,
        help="language of the text printed for people: zh (default; or $GOVORG_LANG) or en; JSON is the same in both",
    )


def data_root(path: Path) -> Path | None:
    """The data folder a file or folder belongs to: the nearest folder at or above it that holds
    `organisations/` or a `.govorg` marker."""
    here = path.resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        if any((folder / marker).exists() for marker in ROOT_MARKERS):
            return folder
    return None


def cmd_validate(args: argparse.Namespace) -> int:
    roots: list[Path] = []
    for path in args.paths:
        root = args.root or data_root(path)
        # no data folder around it: check the file or folder on its own
        target = root if root is not None else path
        if target not in roots:
            roots.append(target)
    problems: list[Problem] = []
    for target in roots:
        with loading():
            loaded = load(target)
            validated = validate(loaded)
        problems.extend(validated.problems)
        r = loaded.records
        print_problems(validated.problems, sys.stdout)
        print(
            say(
                "validate.counts",
                files=len(loaded.files),
                documents=len(r.documents),
                organisations=len(r.organisations),
                people=len(r.people),
                appointments=len(r.appointments),
                removals=len(r.removals),
                attestations=len(r.attestations),
                tenures=len(validated.tenures),
            )
        )
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    print(say("validate.summary", errors=errors, warnings=warnings))
    if args.strict and warnings and not errors:
        print(say("validate.strict"))
    return 1 if errors or (args.strict and warnings) else 0


def editing_commands(command: Command) -> None:
    p = command(
        "validate",
        cmd_validate,
        "Check data files and report every problem with file:line:col. A file or sub-folder is checked "
        "in the context of its whole data folder (found by walking up to organisations/ or .govorg).",
        "govorg validate data/appointments/new.yaml data/people/",
    )
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="data folders or files (default: ./data)")
    p.add_argument(
        "--data", dest="root", type=Path, default=None, help="the data folder the paths belong to (default: found)"
    )
    p.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")
    p.add_argument("--sample", action="store_true", help="use the bundled sample data")
