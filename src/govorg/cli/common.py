"""Shared by the commands: where the data is, reading a registry, printing problems and sources."""

from __future__ import annotations

import argparse
import gc
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from govorg.cli.text import tr
from govorg.dates import DateError, parse_day
from govorg.problems import Problem, Severity
from govorg.registry import Registry, RegistryError

Handler = Callable[[argparse.Namespace], int]


class NoData(Exception):
    """No data folder was given and none was found where one is looked for."""


def sample_data_dir() -> Path:
    """The bundled sample data: in a wheel beside the package, in a checkout at its root."""
    package = Path(__file__).resolve().parents[1]  # src/govorg, or site-packages/govorg
    packaged = package / "sample_data"  # a wheel carries the sample data here
    if packaged.is_dir():
        return packaged
    return package.parents[1] / "data"  # an editable install: the checkout's data/


def default_data_dir(*, sample: bool = False, serving: bool = False) -> Path:
    """Where the data is when --data is not given: the sample when asked for (--sample), else
    $GOVORG_DATA, else ./data. Only `serve` (the quick start) falls back to the sample, and says
    so on stderr; any other command without data is an error that says where it looked."""
    if sample:
        return sample_data_dir()
    if env := os.environ.get("GOVORG_DATA"):
        return Path(env)
    here = Path("data")
    if here.is_dir():
        return here
    if serving:
        path = sample_data_dir()
        print(f"govorg: no ./data here and no --data given: serving the bundled sample data ({path})", file=sys.stderr)
        return path
    raise NoData(
        f"no data: looked for $GOVORG_DATA (unset) and ./data (not in {Path.cwd()}); "
        "pass --data DIR (or a path), or --sample for the bundled sample data"
    )


def day_arg(text: str) -> date:
    try:
        return parse_day(text)
    except DateError as exc:
        from govorg.cli.text import lang
        from govorg.problems_zh import say_zh

        raise argparse.ArgumentTypeError(say_zh(exc.text) if lang() == "zh" else str(exc)) from None


def print_problems(problems: Sequence[Problem], out: Any = sys.stderr) -> None:
    """Each problem on its line, file by file, in the CLI's language (Chinese unless --lang en)."""
    from govorg.cli.text import lang

    by_file: dict[str, list[Problem]] = {}
    for p in problems:
        by_file.setdefault(p.location.path, []).append(p)
    for path in sorted(by_file):
        for p in by_file[path]:
            print(p.format(lang()), file=out)


# A load longer than this shows progress on a terminal's stderr (a 100k-tenure load takes ~25 s).
PROGRESS_AFTER = 2.0


@contextmanager
def loading(*, after: float = PROGRESS_AFTER) -> Iterator[None]:
    """Show the seconds a long load has taken on stderr, once it has taken `after` seconds, and
    only when stderr is a terminal (never in pipes, logs or tests)."""
    if not sys.stderr.isatty():
        yield
        return
    from tqdm import tqdm

    from govorg.cli.text import say

    done = threading.Event()

    def tick() -> None:
        if done.wait(after):
            return
        with tqdm(desc=say("loading"), unit="s", file=sys.stderr, leave=False, bar_format="{desc} {elapsed}") as bar:
            while not done.wait(0.5):
                bar.update(0)
                bar.refresh()

    thread = threading.Thread(target=tick, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


def open_registry(source: Path | argparse.Namespace) -> Registry | None:
    """Load a registry for a command, from --db or --data; print the validator's report (or
    the database's trouble) and return None when it cannot be served."""
    db = getattr(source, "db", None) if isinstance(source, argparse.Namespace) else None
    data = source.data if isinstance(source, argparse.Namespace) else source
    if db:
        return open_db(db)
    try:
        with loading():
            return Registry.load(data)
    except RegistryError as exc:
        print_problems(exc.problems)
        errors = sum(1 for p in exc.problems if p.severity is Severity.ERROR)
        from govorg.cli.text import say

        print(f"govorg: {say('load.refused', errors=errors, data=data)}", file=sys.stderr)
        return None


def open_db(url: str, *, trust: bool = True) -> Registry | None:
    """The registry a database holds, for a command or a server (it lives as long as the
    process): loaded with the collector off and frozen before the collector is back on, or the
    first collections (re-enabling it, then the server's own freeze) each walk millions of new
    objects, most of a trusted start at 100k tenures. Only cycles the load left behind are kept.
    A trusted build answers before all of it is read (govorg.sql.early): a server reads the rest
    beside its answers, a command when a question needs it."""
    from govorg.sql import DatabaseError, load_registry, start_registry

    collecting = gc.isenabled()
    gc.disable()
    try:
        return start_registry(url) if trust else load_registry(url, trust=False)
    except DatabaseError as exc:
        print(f"govorg: {exc}", file=sys.stderr)
    except RegistryError as exc:
        print_problems(exc.problems)
        print(f"govorg: the records in {url} do not validate; rebuild it with `govorg build`", file=sys.stderr)
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
    return None


# -- commands ------------------------------------------------------------------------------------


def source_label(registry: Registry, doc_id: str) -> str:
    doc = registry.catalog.documents[doc_id]
    label = doc.canonical_number or doc.title
    return f"{label} p.{doc.page}" if doc.page else label


def person_name(registry: Registry, person_id: str) -> str:
    return registry.catalog.people[person_id].name


def sample_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sample", action="store_true", help=tr("使用随附的示例数据", "use the bundled sample data"))


def government_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--government",
        help=tr(
            "名称在多个政府中出现时，使用哪个政府的名称（其名称或 id）",
            "the government whose names to use (its name or id), when a name is in several",
        ),
    )


def on_json_data(parser: argparse.ArgumentParser) -> None:
    """The options every question takes: the day asked about, JSON output, the data source."""
    parser.add_argument(
        "--on",
        type=day_arg,
        help=tr("所查询的日期，YYYY-MM-DD（默认：今天）", "the day asked about, YYYY-MM-DD (default: today)"),
    )
    parser.add_argument("--json", action="store_true", help=tr("输出 JSON", "print JSON"))
    data_option(parser)


def data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help=tr(
            "数据文件夹（默认：$GOVORG_DATA，否则 ./data）", "the data folder (default: $GOVORG_DATA, else ./data)"
        ),
    )
    sample_option(parser)
    parser.add_argument(
        "--db",
        help=tr(
            "改为读取 `govorg build` 构建的数据库，如 sqlite:///govorg.db",
            "read a database built by `govorg build` instead, e.g. sqlite:///govorg.db",
        ),
    )
