"""The `govorg` command: thin commands over the library (sqlite-utils' "library first").

Every command calls a public function of the library and only formats its answer. The commands
live by concern: `questions` (who, leaders, in-charge), `bodies` (committee, committees), `history` (diff, chains,
timeline), `network` (interlocks, path, flows, central) and `admin` (validate, build, serve, query, synth); this module is the parser.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from govorg.cli.admin import cmd_build, cmd_query, cmd_serve, cmd_synth, serve_options
from govorg.cli.bodies import cmd_committee, cmd_committees
from govorg.cli.common import (
    Handler,
    NoData,
    data_option,
    day_arg,
    default_data_dir,
    government_option,
    on_json_data,
    sample_option,
)
from govorg.cli.editing import EXAMPLES, editing_commands, lang_option, package_version
from govorg.cli.export import cmd_export
from govorg.cli.history import cmd_chains, cmd_diff, cmd_timeline
from govorg.cli.importing import add_import_options, cmd_import
from govorg.cli.lists import add_list_options, cmd_list
from govorg.cli.network import add_network
from govorg.cli.questions import cmd_in_charge, cmd_leaders, cmd_who
from govorg.cli.text import LANGS, set_lang
from govorg.export import FORMATS
from govorg.registry import AmbiguousName, GovernmentRequired, UnknownGovernment


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govorg",
        description="An organisational registry of appointments, portfolios and committees, with certainty and sources.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"govorg {package_version()}")
    lang_option(parser, top=True)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler: Handler, help_text: str, example: str) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=f"example:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.set_defaults(handler=handler)
        lang_option(p, top=False)
        return p

    editing_commands(command)

    p = command(
        "who",
        cmd_who,
        "Who holds a post on a day, with certainty and sources.",
        "govorg who 上海市第三女子中学 校长 --on 2021-07-01",
    )
    p.add_argument("organisation", help="any name of the organisation (official, short, brand, former) or its id")
    p.add_argument("title", help="the title, e.g. 副局长")
    government_option(p)
    on_json_data(p)

    p = command(
        "query",
        cmd_query,
        "Run a GraphQL query in-process and print the JSON response; exit 1 on errors.",
        "govorg query '{ registry { counts { tenures } } }'",
    )
    p.add_argument("query", help="the query text, or @FILE to read it from a file")
    p.add_argument("--variables", help="variables as a JSON object")
    data_option(p)

    p = command(
        "serve",
        cmd_serve,
        "Serve GraphQL at /graphql (starlette + uvicorn); reloads when the data or database changes.",
        "govorg serve --port 8000",
    )
    data_option(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--no-watch", dest="watch", action="store_false", help="do not watch the data for changes")
    p.add_argument(
        "--interval", type=float, default=1.0, help="with --poll: seconds between checks for changes (default 1)"
    )
    p.add_argument(
        "--poll",
        action="store_true",
        help="look for changes by listing the data every --interval seconds, not by file-system events",
    )
    p.add_argument(
        "--quiet",
        type=float,
        default=0.05,
        help="seconds the data must stay unchanged before a reload reads it (default 0.05)",
    )
    p.add_argument("--cache", type=Path, help="a folder for parsed files, so later starts skip unchanged files")
    p.add_argument(
        "--revalidate",
        action="store_true",
        help="with --db: validate every record again, even from a build this govorg made and marked validated",
    )
    serve_options(p)

    p = command(
        "build",
        cmd_build,
        "Compile validated YAML into a database in one transaction (a no-op when it already holds this data).",
        "govorg build --data data/ --db sqlite:///govorg.db",
    )
    p.add_argument("--data", type=Path, default=None, help="the data folder (default: $GOVORG_DATA, else ./data)")
    sample_option(p)
    p.add_argument("--db", default="sqlite:///govorg.db", help="database URL (default sqlite:///govorg.db)")

    p = command(
        "leaders",
        cmd_leaders,
        "The government's leaders and their portfolios (分工) on a day, in printed order.",
        "govorg leaders --on 2021-06-10",
    )
    p.add_argument("--government", help="whose leaders (its name or id), when the data holds several governments")
    on_json_data(p)

    p = command(
        "in-charge",
        cmd_in_charge,
        "Who is in charge of a unit on a day, and who stands in for absent leaders.",
        "govorg in-charge 区教育局 --on 2021-06-10 --absent lu-hao",
    )
    p.add_argument("organisation", help="any name of the unit")
    p.add_argument("--absent", nargs="*", default=[], metavar="ID", help="ids of leaders who are absent")
    government_option(p)
    on_json_data(p)

    p = command(
        "committee",
        cmd_committee,
        "A body's roster on a day (committee, 领导小组, 联席会议, 工作小组, 指挥部, 管委会), in official order.",
        "govorg committee 长宁区未成年人保护委员会 --on 2021-07-01",
    )
    p.add_argument("name", help="any name of the body, including a former one")
    government_option(p)
    on_json_data(p)

    p = command(
        "committees",
        cmd_committees,
        "Every body with a roster on a day: its kind, roster in force, founding, abolition and duties.",
        "govorg committees --on 2021-07-01",
    )
    government_option(p)
    on_json_data(p)

    p = command(
        "diff",
        cmd_diff,
        "What changed between two dates: a change log grouped by date and unit (text, json or csv); "
        "or, with --git A..B, what a commit range changes in the records.",
        "govorg diff 2021-03-31 2021-07-01 --format text\n  govorg diff --git HEAD~1..HEAD",
    )
    p.add_argument("start", metavar="FROM", type=day_arg, nargs="?", help="first day, YYYY-MM-DD")
    p.add_argument("end", metavar="TO", type=day_arg, nargs="?", help="last day, YYYY-MM-DD")
    p.add_argument(
        "--git", metavar="A..B", help="instead of dates: what the commits A..B change in the data folder, for review"
    )
    p.add_argument("--organisation", help="only this unit and its sub-units")
    p.add_argument("--committee", help="only this committee")
    p.add_argument("--person", help="only this person (id)")
    government_option(p)
    p.add_argument("--format", choices=("text", "json", "csv"), default="text", help="csv is UTF-8 with a BOM")
    data_option(p)

    p = command(
        "chains",
        cmd_chains,
        "Vacancy chains between two dates: who filled whose post, and how the link is known.",
        "govorg chains 2021-01-01 2021-07-01",
    )
    p.add_argument("start", metavar="FROM", type=day_arg, help="first day, YYYY-MM-DD")
    p.add_argument("end", metavar="TO", type=day_arg, help="last day, YYYY-MM-DD")
    p.add_argument("--json", action="store_true", help="print JSON")
    data_option(p)

    p = command(
        "timeline",
        cmd_timeline,
        "A person's career: every tenure with dates, probation and sources, and committee seats.",
        "govorg timeline wang-yefei",
    )
    p.add_argument("person", help="a person id (or a name that finds one person)")
    p.add_argument("--json", action="store_true", help="print JSON")
    data_option(p)

    add_network(command)  # `govorg network interlocks|path|flows|central` (cli/network.py)

    # -- export (issue 12, part 3) ----------------------------------------------------------
    p = command(
        "export",
        cmd_export,
        "Export the registry (or its state on a day, or a range) as Popolo JSON, CSV tables, GEXF or GraphML.",
        "govorg export --format popolo --on 2021-07-01 > changning.json",
    )
    p.add_argument("--format", choices=FORMATS, default="popolo", help="popolo (JSON), csv (a folder), gexf or graphml")
    p.add_argument("--on", type=day_arg, help="the state on this day (default: everything recorded)")
    p.add_argument("--from", dest="start", type=day_arg, help="with --to: everything that may overlap the range")
    p.add_argument("--to", dest="end", type=day_arg, help="the range's last day")
    p.add_argument("--out", type=Path, help="write here instead of stdout (csv: a folder, required)")
    p.add_argument("--headers", choices=("zh", "en"), default="zh", help="csv column headers: Chinese or English")
    government_option(p)
    data_option(p)
    # -- end export ----------------------------------------------------------------------------

    p = command(
        "list",
        cmd_list,
        "List organisations, people, bodies or documents, with filters and pages (for portals).",
        "govorg list documents --issuer 区政府 --from 2021-01-01 --to 2021-06-30 --first 20",
    )
    add_list_options(p)

    p = command(
        "synth",
        cmd_synth,
        "Write a deterministic synthetic registry of a chosen size (for benchmarks).",
        "govorg synth /tmp/synth-10k --tenures 10000",
    )
    p.add_argument("out", type=Path, help="an empty or new folder to write into")
    p.add_argument("--tenures", type=int, default=10_000, help="about how many tenures (default 10000)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p = command(
        "import",
        cmd_import,
        "Read published notices (任免, 组成人员, 分工, AB角) into draft records and list what to review.",
        "govorg import notice.txt --data data/ --government 青石县人民政府",
    )
    add_import_options(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    # --lang first, so that errors met while parsing the rest (a bad --on date) are said in it
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang")
    if (chosen := early.parse_known_args(argv)[0].lang) in LANGS:  # a wrong one: the full parse says so
        set_lang(chosen)
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    set_lang(args.lang)
    try:
        if hasattr(args, "data") and args.data is None:
            reads_yaml = args.command == "build" or not getattr(args, "db", None)
            if reads_yaml or args.sample:
                args.data = default_data_dir(sample=args.sample, serving=args.command == "serve")
        if args.command == "validate" and not args.paths:
            args.paths = [default_data_dir(sample=args.sample)]
        return handler(args)
    except NoData as exc:
        print(f"govorg: {exc}", file=sys.stderr)
        return 2
    except (AmbiguousName, GovernmentRequired) as exc:
        print(f"govorg: {exc}", file=sys.stderr)
        return 2
    except UnknownGovernment as exc:
        print(f"govorg: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # pragma: no cover
        return 130
    except BrokenPipeError:  # pragma: no cover - `govorg … | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
