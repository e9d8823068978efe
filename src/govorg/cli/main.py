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
from govorg.cli.argwords import argparse_words
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
from govorg.cli.editing import editing_commands, examples, lang_option, package_version
from govorg.cli.export import cmd_export
from govorg.cli.history import cmd_chains, cmd_diff, cmd_timeline
from govorg.cli.importing import add_import_options, cmd_import
from govorg.cli.lists import add_list_options, cmd_list
from govorg.cli.network import add_network
from govorg.cli.questions import cmd_in_charge, cmd_leaders, cmd_who
from govorg.cli.text import LANGS, lang, set_lang, tr
from govorg.export import FORMATS
from govorg.registry import AmbiguousName, GovernmentRequired, StartFailed, UnknownGovernment


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govorg",
        description=tr(
            "机构人事登记册：任免、分工和议事协调机构，附确定程度和来源。",
            "An organisational registry of appointments, portfolios and committees, with certainty and sources.",
        ),
        epilog=examples(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"govorg {package_version()}",
        help=tr("显示程序版本号并退出", "show program's version number and exit"),  # 3.11 does not translate it
    )
    lang_option(parser, top=True)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler: Handler, help_text: str, example: str) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=tr(f"示例：\n  {example}", f"example:\n  {example}"),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.set_defaults(handler=handler)
        lang_option(p, top=False)
        return p

    editing_commands(command)

    p = command(
        "who",
        cmd_who,
        tr("某日谁担任某职务，附确定程度和来源。", "Who holds a post on a day, with certainty and sources."),
        "govorg who 上海市第三女子中学 校长 --on 2021-07-01",
    )
    p.add_argument(
        "organisation",
        help=tr(
            "机构的任一名称（正式名称、简称、牌子、曾用名）或其 id",
            "any name of the organisation (official, short, brand, former) or its id",
        ),
    )
    p.add_argument("title", help=tr("职务名称，如 副局长", "the title, e.g. 副局长"))
    government_option(p)
    on_json_data(p)

    p = command(
        "query",
        cmd_query,
        tr(
            "在本进程内执行 GraphQL 查询并输出 JSON 响应；出错时退出码为 1。",
            "Run a GraphQL query in-process and print the JSON response; exit 1 on errors.",
        ),
        "govorg query '{ registry { counts { tenures } } }'",
    )
    p.add_argument(
        "query", help=tr("查询文本，或用 @FILE 从文件读取", "the query text, or @FILE to read it from a file")
    )
    p.add_argument("--variables", help=tr("变量，为一个 JSON 对象", "variables as a JSON object"))
    data_option(p)

    p = command(
        "serve",
        cmd_serve,
        tr(
            "在 /graphql 提供 GraphQL 服务（starlette + uvicorn）；数据或数据库变化时重新加载。",
            "Serve GraphQL at /graphql (starlette + uvicorn); reloads when the data or database changes.",
        ),
        "govorg serve --port 8000",
    )
    data_option(p)
    p.add_argument(
        "--host", default="127.0.0.1", help=tr("监听地址（默认 127.0.0.1）", "address to listen on (default 127.0.0.1)")
    )
    p.add_argument("--port", type=int, default=8000, help=tr("端口（默认 8000）", "port (default 8000)"))
    p.add_argument(
        "--no-watch", dest="watch", action="store_false", help=tr("不监视数据变化", "do not watch the data for changes")
    )
    p.add_argument(
        "--watch",
        dest="watch",
        action="store_true",
        help=tr(
            "监视数据变化（默认）；使用 PostgreSQL --db 时，LISTEN 构建发出的通知",
            "watch the data for changes (the default); with a PostgreSQL --db, LISTEN for builds' notifications",
        ),
    )
    p.add_argument(
        "--safety-poll",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help=tr(
            "使用 PostgreSQL --db 时：除 LISTEN/NOTIFY 外，检查所存数据版本的间隔秒数（默认 60）",
            "with a PostgreSQL --db: seconds between checks of the stored data version besides LISTEN/NOTIFY (default 60)",
        ),
    )
    p.add_argument(
        "--processes",
        type=int,
        default=1,
        help=tr(
            "共用端口的服务进程数，在加载登记册后派生（默认 1；至多为 CPU 核数）",
            "server processes sharing the port, forked after the registry is loaded (default 1; at most the cores)",
        ),
    )
    p.add_argument(
        "--interval",
        type=float,
        default=1.0,
        help=tr(
            "配合 --poll：检查变化的间隔秒数（默认 1）", "with --poll: seconds between checks for changes (default 1)"
        ),
    )
    p.add_argument(
        "--poll",
        action="store_true",
        help=tr(
            "每隔 --interval 秒列出数据来发现变化，而非依靠文件系统事件",
            "look for changes by listing the data every --interval seconds, not by file-system events",
        ),
    )
    p.add_argument(
        "--quiet",
        type=float,
        default=0.05,
        help=tr(
            "数据须保持不变多少秒后才重新加载读取（默认 0.05）",
            "seconds the data must stay unchanged before a reload reads it (default 0.05)",
        ),
    )
    p.add_argument(
        "--cache",
        type=Path,
        help=tr(
            "存放已解析文件的文件夹，以后启动时跳过未改动的文件",
            "a folder for parsed files, so later starts skip unchanged files",
        ),
    )
    p.add_argument(
        "--no-access-log",
        dest="access_log",
        action="store_false",
        help=tr(
            "不逐条记录请求（每个请求一行日志约占小查询耗时的 20%%）",
            "do not log each request (a line per request costs ~20%% of a small query's time)",
        ),
    )
    p.add_argument(
        "--revalidate",
        action="store_true",
        help=tr(
            "配合 --db：重新校验每条记录，即使该构建由本 govorg 生成并已标记为校验通过",
            "with --db: validate every record again, even from a build this govorg made and marked validated",
        ),
    )
    serve_options(p)

    p = command(
        "build",
        cmd_build,
        tr(
            "在一个事务中把校验通过的 YAML 编译进数据库（数据库已含这份数据时不做任何事）。",
            "Compile validated YAML into a database in one transaction (a no-op when it already holds this data).",
        ),
        "govorg build --data data/ --db sqlite:///govorg.db",
    )
    p.add_argument(
        "--data",
        type=Path,
        default=None,
        help=tr(
            "数据文件夹（默认：$GOVORG_DATA，否则 ./data）", "the data folder (default: $GOVORG_DATA, else ./data)"
        ),
    )
    sample_option(p)
    p.add_argument(
        "--db",
        default="sqlite:///govorg.db",
        help=tr("数据库 URL（默认 sqlite:///govorg.db）", "database URL (default sqlite:///govorg.db)"),
    )

    p = command(
        "leaders",
        cmd_leaders,
        tr(
            "某日政府领导及其分工，按原文排列顺序。",
            "The government's leaders and their portfolios (分工) on a day, in printed order.",
        ),
        "govorg leaders --on 2021-06-10",
    )
    p.add_argument(
        "--government",
        help=tr(
            "数据含多个政府时，查哪个政府的领导（其名称或 id）",
            "whose leaders (its name or id), when the data holds several governments",
        ),
    )
    on_json_data(p)

    p = command(
        "in-charge",
        cmd_in_charge,
        tr(
            "某日谁分管某单位，以及领导缺席时由谁代为负责。",
            "Who is in charge of a unit on a day, and who stands in for absent leaders.",
        ),
        "govorg in-charge 区教育局 --on 2021-06-10 --absent lu-hao",
    )
    p.add_argument("organisation", help=tr("单位的任一名称", "any name of the unit"))
    p.add_argument(
        "--absent", nargs="*", default=[], metavar="ID", help=tr("缺席领导的 id", "ids of leaders who are absent")
    )
    government_option(p)
    on_json_data(p)

    p = command(
        "committee",
        cmd_committee,
        tr(
            "某日议事协调机构（委员会、领导小组、联席会议、工作小组、指挥部、管委会）的组成人员，按正式顺序。",
            "A body's roster on a day (committee, 领导小组, 联席会议, 工作小组, 指挥部, 管委会), in official order.",
        ),
        "govorg committee 长宁区未成年人保护委员会 --on 2021-07-01",
    )
    p.add_argument("name", help=tr("机构的任一名称，含曾用名", "any name of the body, including a former one"))
    government_option(p)
    on_json_data(p)

    p = command(
        "committees",
        cmd_committees,
        tr(
            "某日所有有组成人员的机构：类别、现行名单、设立、撤销和职责。",
            "Every body with a roster on a day: its kind, roster in force, founding, abolition and duties.",
        ),
        "govorg committees --on 2021-07-01",
    )
    government_option(p)
    on_json_data(p)

    p = command(
        "diff",
        cmd_diff,
        tr(
            "两个日期之间的变动：按日期和单位分组的变动记录（text、json 或 csv）；"
            "或配合 --git A..B，一段提交对记录的改动。",
            "What changed between two dates: a change log grouped by date and unit (text, json or csv); "
            "or, with --git A..B, what a commit range changes in the records.",
        ),
        "govorg diff 2021-03-31 2021-07-01 --format text\n  govorg diff --git HEAD~1..HEAD",
    )
    p.add_argument(
        "start", metavar="FROM", type=day_arg, nargs="?", help=tr("起始日，YYYY-MM-DD", "first day, YYYY-MM-DD")
    )
    p.add_argument("end", metavar="TO", type=day_arg, nargs="?", help=tr("截止日，YYYY-MM-DD", "last day, YYYY-MM-DD"))
    p.add_argument(
        "--git",
        metavar="A..B",
        help=tr(
            "代替日期：提交 A..B 对数据文件夹的改动，供审阅",
            "instead of dates: what the commits A..B change in the data folder, for review",
        ),
    )
    p.add_argument("--organisation", help=tr("只看此单位及其下属单位", "only this unit and its sub-units"))
    p.add_argument("--committee", help=tr("只看此委员会", "only this committee"))
    p.add_argument("--person", help=tr("只看此人（id）", "only this person (id)"))
    government_option(p)
    p.add_argument(
        "--format",
        choices=("text", "json", "csv"),
        default="text",
        help=tr("csv 为带 BOM 的 UTF-8", "csv is UTF-8 with a BOM"),
    )
    data_option(p)

    p = command(
        "chains",
        cmd_chains,
        tr(
            "两个日期之间的空缺链：谁接替了谁的职务，以及这一关联从何得知。",
            "Vacancy chains between two dates: who filled whose post, and how the link is known.",
        ),
        "govorg chains 2021-01-01 2021-07-01",
    )
    p.add_argument("start", metavar="FROM", type=day_arg, help=tr("起始日，YYYY-MM-DD", "first day, YYYY-MM-DD"))
    p.add_argument("end", metavar="TO", type=day_arg, help=tr("截止日，YYYY-MM-DD", "last day, YYYY-MM-DD"))
    p.add_argument("--json", action="store_true", help=tr("输出 JSON", "print JSON"))
    data_option(p)

    p = command(
        "timeline",
        cmd_timeline,
        tr(
            "某人的履历：每段任职及其日期、试用期和来源，以及在各机构的席位。",
            "A person's career: every tenure with dates, probation and sources, and committee seats.",
        ),
        "govorg timeline wang-yefei",
    )
    p.add_argument(
        "person", help=tr("人员 id（或能唯一找到一人的姓名）", "a person id (or a name that finds one person)")
    )
    p.add_argument("--json", action="store_true", help=tr("输出 JSON", "print JSON"))
    data_option(p)

    add_network(command)  # `govorg network interlocks|path|flows|central` (cli/network.py)

    # -- export (issue 12, part 3) ----------------------------------------------------------
    p = command(
        "export",
        cmd_export,
        tr(
            "将登记册（或其某日的状态，或某段时间）导出为 Popolo JSON、CSV 表、GEXF 或 GraphML。",
            "Export the registry (or its state on a day, or a range) as Popolo JSON, CSV tables, GEXF or GraphML.",
        ),
        "govorg export --format popolo --on 2021-07-01 > changning.json",
    )
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="popolo",
        help=tr("popolo（JSON）、csv（一个文件夹）、gexf 或 graphml", "popolo (JSON), csv (a folder), gexf or graphml"),
    )
    p.add_argument(
        "--on",
        type=day_arg,
        help=tr("此日的状态（默认：全部记录）", "the state on this day (default: everything recorded)"),
    )
    p.add_argument(
        "--from",
        dest="start",
        type=day_arg,
        help=tr("配合 --to：可能与该时段重叠的全部内容", "with --to: everything that may overlap the range"),
    )
    p.add_argument("--to", dest="end", type=day_arg, help=tr("时段的最后一天", "the range's last day"))
    p.add_argument(
        "--out",
        type=Path,
        help=tr(
            "写到此处而非标准输出（csv：一个文件夹，必须给出）",
            "write here instead of stdout (csv: a folder, required)",
        ),
    )
    p.add_argument(
        "--headers",
        choices=("zh", "en"),
        default="zh",
        help=tr("csv 列标题：中文或英文", "csv column headers: Chinese or English"),
    )
    government_option(p)
    data_option(p)
    # -- end export ----------------------------------------------------------------------------

    p = command(
        "list",
        cmd_list,
        tr(
            "列出机构、人员、议事协调机构或文件，可筛选、分页（供门户网站使用）。",
            "List organisations, people, bodies or documents, with filters and pages (for portals).",
        ),
        "govorg list documents --issuer 区政府 --from 2021-01-01 --to 2021-06-30 --first 20",
    )
    add_list_options(p)

    p = command(
        "synth",
        cmd_synth,
        tr(
            "写出一个指定规模、结果确定的合成登记册（供基准测试）。",
            "Write a deterministic synthetic registry of a chosen size (for benchmarks).",
        ),
        "govorg synth /tmp/synth-10k --tenures 10000",
    )
    p.add_argument("out", type=Path, help=tr("要写入的空文件夹或新文件夹", "an empty or new folder to write into"))
    p.add_argument(
        "--tenures",
        type=int,
        default=10_000,
        help=tr("大约多少条任职（默认 10000）", "about how many tenures (default 10000)"),
    )
    p.add_argument("--seed", type=int, default=1, help=tr("随机种子（默认 1）", "random seed (default 1)"))
    p = command(
        "import",
        cmd_import,
        tr(
            "把已公布的通知（任免、组成人员、分工、AB角）读成记录草稿，并列出需审核之处。",
            "Read published notices (任免, 组成人员, 分工, AB角) into draft records and list what to review.",
        ),
        "govorg import notice.txt --data data/ --government 青石县人民政府",
    )
    add_import_options(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # --lang first, so that the help and errors met while parsing the rest (a bad --on date) are said
    # in it: the parser's texts are chosen when it is built, so it is built after
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang")
    if (chosen := early.parse_known_args(argv)[0].lang) in LANGS:  # a wrong one: the full parse says so
        set_lang(chosen)
    with argparse_words(lang()):
        parser = build_parser()
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
    except StartFailed as exc:  # --db: the rest of the registry, read for a question, could not be
        print(f"govorg: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # pragma: no cover
        return 130
    except BrokenPipeError:  # pragma: no cover - `govorg … | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
