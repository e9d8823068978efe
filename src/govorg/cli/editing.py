"""The clerk's commands: validate (several paths, in context, --strict), fmt, new person, schema;
and the parser's shared pieces: --lang, --version and the top-level examples."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from govorg.cli.common import Handler, loading, print_problems
from govorg.cli.text import LANGS, lang, say, tr
from govorg.loader import data_files, display_path, load
from govorg.problems import Problem, Severity
from govorg.validate import validate

EXAMPLES_ZH = """\
示例：
  govorg validate data/                          检查每个文件（有错误时退出码为 1）
  govorg validate data/appointments/new.yaml     在所属数据文件夹的上下文中检查一个文件
  govorg fmt --check data/                       fmt 会改动什么吗？（会则退出码为 1）
  govorg new person 王峰 --data data/             给出 id 并写入记录
  govorg who 区房管局 副局长 --on 2021-05-01       某日谁担任某职务
  govorg leaders --on 2021-06-10                 某日现行的分工
  govorg diff --git HEAD~1..HEAD                 一次提交改动了什么，用平实的话说
  govorg --lang en who 区房管局 副局长             同样的回答，用英文

退出码：0 有回答（或数据有效）；1 未找到，或数据无效；2 用法错误。
"""

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


def examples() -> str:
    """The top-level help's closing examples, in the current language."""
    return tr(EXAMPLES_ZH, EXAMPLES)


def lang_option(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """`--lang` before or after the command; the command's own wins when both are given."""
    parser.add_argument(
        "--lang",
        choices=LANGS,
        default=lang() if top else argparse.SUPPRESS,  # $GOVORG_LANG, else zh
        help=tr(
            "给人看的文字所用语言：zh（默认；或 $GOVORG_LANG）或 en；JSON 输出两者相同",
            "language of the text printed for people: zh (default; or $GOVORG_LANG) or en; JSON is the same in both",
        ),
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
        # a path that does not exist is reported as such (GO100), never hidden by its folder
        root = (args.root or data_root(path)) if path.exists() else None
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


def cmd_fmt(args: argparse.Namespace) -> int:
    from govorg.yamlfmt import FormatError, format_text

    paths = [p for path in args.paths for p in (data_files(path) if path.is_dir() else [path])]
    changed = failed = 0
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
            formatted = format_text(text, display_path(path))
        except (OSError, UnicodeDecodeError, FormatError) as exc:
            print(f"govorg: {display_path(path)}: {say('fmt.skipped', reason=exc)}", file=sys.stderr)
            failed += 1
            continue
        if formatted == text:
            continue
        changed += 1
        if args.check:
            print(say("fmt.would_change", path=display_path(path)))
        else:
            path.write_text(formatted, encoding="utf-8")
            print(say("fmt.changed", path=display_path(path)))
    print(say("fmt.summary_check" if args.check else "fmt.summary", files=len(paths), changed=changed))
    return 1 if failed or (args.check and changed) else 0


def cmd_new_person(args: argparse.Namespace) -> int:
    from govorg.ids import suggest_person_id
    from govorg.names import name_key
    from govorg.yamlfmt import append_to_section

    data: Path = args.data
    printed = " ".join(args.name.split())
    name = "".join(printed.split()) if all(not part.isascii() for part in printed.split()) else printed
    loaded = load(data) if data.exists() else None
    people = loaded.records.people if loaded else []
    same = [p for p in people if name_key(p.name) == name_key(name) or name_key(name) in map(name_key, p.printed)]
    person_id = args.id or suggest_person_id(name, [p.id for p in people])
    if args.id and any(p.id == args.id for p in people):
        print(f"govorg: {say('new.id_taken', id=args.id)}", file=sys.stderr)
        return 1
    if same:
        listed = "、".join(f"{p.id}（{p.name}）" if lang() == "zh" else f"{p.id} ({p.name})" for p in same)
        print(f"govorg: {say('new.homonyms', name=name, people=listed, id=person_id)}", file=sys.stderr)
    entry = f"{{id: {person_id}, name: {name}" + (f', printed: ["{printed}"]' if printed != name else "") + "}"
    target: Path = args.file or data / "people" / "people.yaml"
    if target.exists():
        appended = append_to_section(target.read_text(encoding="utf-8"), "people", entry)
        if appended is None:  # not a file ending in a block list of people: never rewrite it
            target = data / "people" / f"{person_id}.yaml"
    if not target.exists():
        appended = f"format: 1\npeople:\n  - {entry}\n"
    assert appended is not None
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(appended, encoding="utf-8")
    print(person_id)
    print(say("new.written", path=display_path(target)), file=sys.stderr)
    return 0


def editing_commands(command: Command) -> None:
    p = command(
        "validate",
        cmd_validate,
        tr(
            "检查数据文件，逐个报告问题及其 file:line:col。单个文件或子文件夹在其整个数据文件夹"
            "（向上查找 organisations/ 或 .govorg 得到）的上下文中检查。",
            "Check data files and report every problem with file:line:col. A file or sub-folder is checked "
            "in the context of its whole data folder (found by walking up to organisations/ or .govorg).",
        ),
        "govorg validate data/appointments/new.yaml data/people/",
    )
    p.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help=tr("数据文件夹或文件（默认：./data）", "data folders or files (default: ./data)"),
    )
    p.add_argument(
        "--data",
        dest="root",
        type=Path,
        default=None,
        help=tr("这些路径所属的数据文件夹（默认：自动查找）", "the data folder the paths belong to (default: found)"),
    )
    p.add_argument("--strict", action="store_true", help=tr("有警告也算失败（退出码 1）", "warnings fail too (exit 1)"))
    p.add_argument("--sample", action="store_true", help=tr("使用随附的示例数据", "use the bundled sample data"))

    p = command(
        "fmt",
        cmd_fmt,
        tr(
            "按统一格式（键的顺序、引号、缩进）重写记录文件，保留全部注释。",
            "Rewrite record files in one layout (key order, quotes, indentation), keeping every comment.",
        ),
        "govorg fmt --check data/",
    )
    p.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help=tr("记录文件或其所在文件夹", "files or folders of record files"),
    )
    p.add_argument(
        "--check",
        action="store_true",
        help=tr("不做改动；若有文件会被改动则退出码为 1", "change nothing; exit 1 when a file would change"),
    )

    p = command(
        "new",
        cmd_new_person,
        tr(
            "新增记录：`new person NAME` 给出拼音 id（同名者加数字后缀）并写入。",
            "Add a record: `new person NAME` suggests a pinyin id (homonyms get a numbered suffix) and writes it.",
        ),
        "govorg new person 王峰 --data data/",
    )
    p.add_argument("kind", choices=("person",), help=tr("要新增什么（person）", "what to add (person)"))
    p.add_argument("name", help=tr("原文所印的姓名，如 王峰 或 王 峰", "the name as printed, e.g. 王峰 or 王 峰"))
    p.add_argument(
        "--data",
        type=Path,
        default=Path("data"),
        help=tr("数据文件夹（默认：./data）", "the data folder (default: ./data)"),
    )
    p.add_argument("--id", help=tr("使用此 id，而非建议的 id", "use this id instead of the suggestion"))
    p.add_argument(
        "--file",
        type=Path,
        help=tr(
            "追加到此文件的 `people:` 列表（默认：DATA/people/people.yaml，否则新建文件）",
            "append to this file's `people:` list (default: DATA/people/people.yaml, else a new file)",
        ),
    )
