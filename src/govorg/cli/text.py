"""The words the CLI prints for people, in Chinese (the default) and English (`--lang en`).

Every command's text output takes its words from `MESSAGES` through `say`, so one term means
one thing everywhere (可能/确定, 代为负责, 试用期, 空缺). JSON output keeps its keys and values:
it is for programs, not people. Columns are padded by display width (`wcwidth`), so that names
of two and three characters line up.
"""

from __future__ import annotations

import calendar
import os
import re
from collections.abc import Sequence
from datetime import date

from wcwidth import wcswidth

from govorg.dates import DateError, Precision, parse_date

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

# key -> (Chinese, English). Placeholders are str.format fields.
MESSAGES: dict[str, tuple[str, str]] = {
    # commands that report on their own work (build, serve, query, list, export, synth, network)
    "scope.order": ("--from {start} 晚于 --to {end}", "--from {start} is after --to {end}"),
    "export.csv_needs_out": (
        "--format csv 每张表写一个文件：请用 --out 指定文件夹",
        "--format csv writes one file per table: give --out FOLDER",
    ),
    "list.negative": ("--first/--limit 和 --offset 不能为负数", "--first/--limit and --offset must not be negative"),
    "list.count": ("（共 {total} 条，从第 {start} 条起，显示 {shown} 条）", "({shown} of {total}, from {start})"),
    "query.variables_not_json": ("--variables 不是 JSON：{error}", "--variables is not JSON: {error}"),
    "query.variables_not_object": ("--variables 必须是一个 JSON 对象", "--variables must be a JSON object"),
    "serve.refused": (
        "{data} 中有错误，未提供服务。请先修正（见 `govorg validate {data}`）。",
        "errors in {data}; nothing served. Fix them (see `govorg validate {data}`).",
    ),
    "serve.serving": (
        "正在服务 {source}（{tenures} 条任职，数据版本 {version}），地址 http://{host}:{port}/graphql",
        "serving {source} ({tenures} tenures, version {version}) at http://{host}:{port}/graphql",
    ),
    "serve.processes": ("--processes 须在 1 到 64 之间", "--processes must be between 1 and 64"),
    "build.refused": (
        "{data} 中有 {errors} 个错误；数据库未改动。",
        "{errors} error(s) in {data}; the database was not changed.",
    ),
    "build.built": ("已构建 {db}：{rows} 行，数据版本 {version}", "built {db}: {rows} rows, data version {version}"),
    "build.up_to_date": (
        "{db} 已是最新（数据版本 {version}），无需重建",
        "{db} is up to date (data version {version}); nothing to do",
    ),
    "synth.not_empty": ("{out} 不是空文件夹；请换一个新文件夹", "{out} is not empty; choose a new folder"),
    "synth.wrote": (
        "已向 {out} 写入 {files} 个文件：{tenures} 条任职、{people} 人、{organisations} 个机构",
        "wrote {files} files to {out}: {tenures} tenures, {people} people, {organisations} organisations",
    ),
    "network.no_person": ("没有唯一的人员对应 {text}；请给出人员 id", "no single person answers to {text}; give an id"),
    "network.no_connection": (
        "{on}：在所记录的机构和单位中，{a} 与 {b} 之间没有联系",
        "no connection between {a} and {b} on {on} through the bodies and units recorded",
    ),
    "network.range": ("--to 早于 --from", "--to is before --from"),
    # govorg network, in text
    "network.possible": ("［可能］", " [POSSIBLE]"),
    "network.people": ("{on} 同时在多个机构任职的人员：{count} 人", "People on several bodies on {on}: {count}"),
    "network.person": ("  {name}（{id}）：{count} 个机构{mark}", "  {name} ({id}): {count} bodies{mark}"),
    "network.bodies": ("{on} 有共同成员的机构：{count} 对", "Bodies that share members on {on}: {count} pairs"),
    "network.pair": ("  {a} × {b}：共同成员 {count} 人{mark}：{shared}", "  {a} × {b}: {count} shared{mark}: {shared}"),
    "network.no_pairs": (
        "（当日没有机构的成员同时在另一机构任职）",
        "(no body has a member who sits on another on that day)",
    ),
    "network.path": ("{chain}（{on}）：{steps} 步，{certainty}", "{chain} on {on}: {steps} step(s), {certainty}"),
    "network.step": (
        "  {a}（{a_role}）与 {b}（{b_role}）同在 {via}{mark}",
        "  {a} ({a_role}) and {b} ({b_role}) in {via}{mark}",
    ),
    "network.flows": (
        "干部流动 {start} 至 {end}：{pairs} 对单位之间共 {moves} 次",
        "Cadre flows {start} – {end}: {moves} moves between {pairs} pairs of units",
    ),
    "network.flow": (
        "  {source} → {target}：{count} 次（确定 {certain} 次）",
        "  {source} → {target}: {count} ({certain} certain)",
    ),
    "network.more_pairs": ("  …… 另有 {count} 对（--top）", "  … {count} more pairs (--top)"),
    "network.central": ("{on} 按 {measure} 排列的中心节点：", "Most central on {on} by {measure}:"),
    "network.node": (
        "  {score}  {kind} {label}（{id}），{degree} 条联系",
        "  {score}  {kind} {label} ({id}), {degree} ties",
    ),
    "network.kind.person": ("人员", "person"),
    "network.kind.organisation": ("机构", "organisation"),
    "network.nobody": ("  （当日无人在机构任职或担任职务）", "  (no one sits in a body or holds a post on that day)"),
    # certainty, shared by every answer
    "CERTAIN": ("确定", "CERTAIN"),
    "POSSIBLE": ("可能", "POSSIBLE"),
    # dates
    "on_or_before": ("不晚于 {day}", "no later than {day}"),
    "between": ("{a}至{b}间", "between {a} and {b}"),
    "between_months": ("{year}年{a}至{b}间", "between {a} and {b} {year}"),
    "months": ("{year}年{a}至{b}", "{a} to {b} {year}"),
    "year": ("{year}年", "{year}"),
    "start_unrecorded": ("起始日期未记录", "an unrecorded date"),
    "unknown_date": ("日期不详", "date unknown"),
    # who
    "who.header": ("{organisation} {title}（{on}）：", "{organisation} {title}, {on}:"),
    "who.nobody": ("无记录在任者", "nobody recorded"),
    "who.span": ("任职 {start} 起", "from {start}"),
    "who.span_end": ("任职 {start} 起，{end} 止", "from {start} to {end}"),
    "who.span_unrecorded": ("任职起始日期未记录，{end} 止", "from an unrecorded date to {end}"),
    "who.acting": ("代理（{certainty}）", "acting 代理 ({certainty})"),
    "who.probation": ("试用期（{certainty}）", "on probation ({certainty})"),
    "who.no_org": ("没有名为 {name} 的机构", "no organisation answers to {name}"),
    "who.no_title": (
        "{organisation} 没有记录过职务 {title}；是否要找：{suggestions}",
        "{organisation} has no recorded title {title}; did you mean: {suggestions}",
    ),
    "who.no_title_none": (
        "{organisation} 没有记录过职务 {title}（该机构尚无任何职务记录）",
        "{organisation} has no recorded title {title} (no title of it is recorded)",
    ),
    # leaders
    "leaders.header": (
        "{header}（{on}；{in_force} 起施行；{sources}）：",
        "{header} on {on} (in force from {in_force}; {sources}):",
    ),
    "leaders.possible": (
        "  可能：最新通知的日期是一个区间，本日落在其中",
        "  possible: the latest notice's date is a window and this day lies inside it",
    ),
    "leaders.work": ("负责", "responsible for"),
    "leaders.stand_ins": ("代为负责", "stand-ins"),
    "leaders.temporary": (
        "临时调整：{absent} 的工作由 {to} 负责，{start}~{until}［{source}］",
        "临时调整: {absent}'s work to {to}, {start} – {until} [{source}]",
    ),
    "leaders.until_open": ("止期未载", "end not stated"),
    "no_division": ("{on}：无分工记录", "{on}: no 分工 recorded"),
    "no_division_before": ("{on}：{first} 之前无分工记录", "{on}: no 分工 recorded before {first}"),
    # in-charge
    "in_charge.header": ("{organisation}（{on}）", "{organisation}, {on}"),
    "in_charge.via": ("（经由 {via}）", " (through {via})"),
    "in_charge.nobody": ("现行分工中没有领导分管该单位", "no leader of the 分工 in force is in charge of this unit"),
    "in_charge.absent": ("{absent}不在岗：{text}", "{absent} absent: {text}"),
    "in_charge.rule": ("依据：{rule}", "rule: {rule}"),
    "in_charge.possible": (
        "  可能：通知的日期是一个区间，本日落在其中",
        "  possible: the notice's date is a window and this day lies inside it",
    ),
    "in_charge.sources": ("来源：{sources}", "sources: {sources}"),
    "in_charge.bad_absent": ("--absent 只接受人员 id；未知：{ids}", "--absent takes person ids; unknown: {ids}"),
    "basis.RULE": ("由{standIn}代为负责（{path}）", "{standIn} stands in ({path})"),
    "basis.WALK": ("由{standIn}代为负责，按所述顺延（{path}）", "{standIn} stands in, along the stated walk ({path})"),
    "basis.TEMPORARY": ("由{standIn}负责其工作（临时调整）", "{standIn} takes the work (临时调整)"),
    "basis.EXEMPT": ("无人代为负责：通知规定该项工作不设代理", "nobody stands in: the notice exempts this work"),
    "basis.OUTSIDE": (
        "无人代为负责：该领导不在代为负责安排之内",
        "nobody stands in: the leader is outside the stand-in scheme",
    ),
    "basis.FALLBACK": ("代为负责者均不在岗：按通知的兜底安排", "every stand-in is away: the notice's fallback applies"),
    "basis.NONE_PRESENT": ("代为负责者均不在岗", "no present leader remains among the stand-ins"),
    "basis.NO_RULE": ("现行规定未安排该领导的代为负责人", "no stand-in rule in force names this leader"),
    # committee(s)
    "committee.header": ("{name}（{on}）", "{name}, {on}"),
    "committee.roster_of": ("（{in_force} 名单，{source}）", " (roster of {in_force}, {source})"),
    "committee.possible_note": ("  可能：{note}", "  possible: {note}"),
    "committee.not_found": ("没有名为 {name} 的有名单机构", "no body with a roster answers to {name}"),
    "seat.candidates": ("候选：{names}", "candidates: {names}"),
    "seat.listed": ("名单所列：{name}", "listed: {name}"),
    "seat.none": ("无", "none"),
    "seat.successor_unknown": ("（继任未定）", "（继任未定）"),
    "seat.awaiting_notice": ("（待发文）", "（待发文）"),
    "seat.vacant": ("（空缺）", "（空缺）"),
    "seat.pending": ("（待成立）", "（待成立）"),
    "seat.succeeded": ("（自然替补 {name}）", "(自然替补 for {name})"),
    "seat.possible": ("［可能", "[possible"),
    "seat.possible_end": ("］", "]"),
    "seat.colon": ("：", ": "),
    "seat.semicolon": ("；", "; "),
    "committees.roster": (
        "{in_force} 名单（{source}），{seats} 个席位",
        "roster of {in_force} ({source}), {seats} seats",
    ),
    "committee.no_roster_before": ("{first} 之前无名单记录", "no roster recorded before {first}"),
    "committees.no_roster": ("无名单记录", "no roster recorded"),
    "committees.taken_over": ("职责由 {names} 承担", "duties taken over by {names}"),
    # diff and chains
    "diff.header": ("{start}~{end} 的变动：{count} 条", "Changes {start} – {end}: {count}"),
    "diff.some_day": ("（{a}~{b} 之间的某日）", " (some day in {a}..{b})"),
    "diff.possibly_in_range": ("  ［可能在范围内］", "  [possibly in range]"),
    "diff.dates_or_git": ("diff 需要 FROM TO 两个日期，或 --git A..B", "diff takes two dates FROM TO, or --git A..B"),
    "diff.to_before_from": ("TO 早于 FROM", "TO is before FROM"),
    "chains.none": ("{start}~{end} 无空缺链", "no vacancy chains {start} – {end}"),
    "chains.link": (
        "  {filled} 接任 {left} 离任的 {posts}  {kind}，{date}",
        "  {filled} fills {posts} left by {left}  {kind}, {date}",
    ),
    "chains.kind.EXPLICIT": ("记录写明前任", "EXPLICIT"),
    "chains.kind.CERTAIN": ("确定（一人职务）", "CERTAIN"),
    "chains.kind.INFERRED": ("推断（多人职务）", "INFERRED"),
    # timeline
    "timeline.ambiguous": ("没有唯一的人对应 {name}；请给出 id", "no single person answers to {name}; give an id"),
    "timeline.tenures": ("任职：", "tenures:"),
    "timeline.committees": ("委员会：", "committees:"),
    "timeline.notes": ("（{notes}）", "({notes})"),
    "timeline.confirmed": ("{on}试用期满", "confirmed after probation {on}"),
    "timeline.acting": ("代理", "acting (代理)"),
    "timeline.acting_until": ("代理至{until}", "acting (代理) until {until}"),
    "timeline.reappointed": ("{on}再次任命", "re-appointed {on}"),
    "timeline.probation_until": ("试用期至{until}", "on probation until {until}"),
    "timeline.attested": ("名单所列：{on}", "listed on {on}"),
    "timeline.succeeded": ("，{on}自然替补", ", by succession (自然替补) {on}"),
    "timeline.end.no_longer": ("{on}不再担任", "no longer holding it {on} (不再担任)"),
    "timeline.end.resigned": ("{on}辞去", "resigned {on} (辞去)"),
    "timeline.end.transferred": ("{on}调任", "transferred {on} (调任)"),
    "timeline.end.probation_terminated": ("{on}终止试用期", "probation terminated {on} (终止试用期)"),
    # validate
    "validate.counts": (
        "{files} 个数据文件：{documents} 份公文、{organisations} 个机构、{people} 人、{appointments} 条任命、"
        "{removals} 条免职、{attestations} 条名单记载、{tenures} 段任职",
        "{files} files: {documents} documents, {organisations} organisations, {people} people, "
        "{appointments} appointments, {removals} removals, {attestations} attestations, {tenures} tenures",
    ),
    "validate.summary": ("{errors} 个错误，{warnings} 个警告", "{errors} error(s), {warnings} warning(s)"),
    "validate.strict": ("（--strict：警告也算失败）", "(--strict: warnings fail)"),
    # fmt and new
    "fmt.changed": ("已整理 {path}", "formatted {path}"),
    "fmt.would_change": ("{path} 需要整理", "{path} would be reformatted"),
    "fmt.skipped": ("未整理：{reason}", "left alone: {reason}"),
    "fmt.summary": ("{files} 个文件，整理了 {changed} 个", "{files} files, {changed} formatted"),
    "fmt.summary_check": ("{files} 个文件，{changed} 个需要整理", "{files} files, {changed} would be reformatted"),
    "new.homonyms": (
        "已有同名人员 {name}：{people}；新人员的 id 为 {id}，请确认不是同一人",
        "people named {name} exist already: {people}; the new person gets {id}: check it is not the same person",
    ),
    "new.id_taken": ("id {id} 已被使用", "the id {id} is taken"),
    "new.written": ("已写入 {path}", "written to {path}"),
    # diff --git
    "git.header": ("{a}..{b} 的记录变动：{count} 项", "{a}..{b} changes the records in {count} ways"),
    "git.bad_range": ("--git 需要 A..B 形式的提交范围，而不是 {range}", "--git takes a commit range A..B, not {range}"),
    "git.appointed": ("任命 {person} 为 {posts}（{date}）", "appointed {person} {posts} ({date})"),
    "git.acting": ("任命 {person} 代理 {posts}（{date}）", "appointed {person} acting {posts} ({date})"),
    "git.confirmed": ("{person} {posts} 试用期满（{date}）", "confirmed {person} {posts} after probation ({date})"),
    "git.removed": ("免去 {person} 的 {posts}（{date}）", "removed {person} from {posts} ({date})"),
    "git.appointment_dropped": (
        "删去任命记录：{person} {posts}（{date}）",
        "deleted the appointment of {person} {posts} ({date})",
    ),
    "git.acting_dropped": (
        "删去代理记录：{person} {posts}（{date}）",
        "deleted the acting appointment of {person} {posts} ({date})",
    ),
    "git.confirmation_dropped": (
        "删去试用期满记录：{person} {posts}（{date}）",
        "deleted the confirmation of {person} {posts} ({date})",
    ),
    "git.removal_dropped": (
        "删去免职记录：{person} {posts}（{date}）",
        "deleted the removal of {person} from {posts} ({date})",
    ),
    "git.probation": ("，试用期 {months} 个月", ", probation {months} months"),
    "git.roster_added": ("新增组成人员名单：{text}", "new roster: {text}"),
    "git.roster_changed": ("修改组成人员名单：{text}", "roster changed: {text}"),
    "git.roster_dropped": ("删去组成人员名单：{text}", "roster deleted: {text}"),
    "git.division_added": ("新增领导分工：{text}", "new 分工: {text}"),
    "git.division_changed": ("修改领导分工：{text}", "分工 changed: {text}"),
    "git.division_dropped": ("删去领导分工：{text}", "分工 deleted: {text}"),
    "git.people_added": ("新增人员：{text}", "new people: {text}"),
    "git.organisations_added": ("新增机构：{text}", "new organisations: {text}"),
    "git.documents_added": ("新增公文：{text}", "new documents: {text}"),
    # import
    "import.unreadable": ("{path}：无法读取：{reason}", "{path}: cannot read: {reason}"),
    "import.read": (
        "{path}：{kind}，读懂人事行 {understood}/{lines}",
        "{path}: {kind}, {understood}/{lines} personnel lines read",
    ),
    "import.kind.appointments": ("任免", "appointments"),
    "import.kind.roster": ("组成人员", "roster"),
    "import.kind.division": ("分工", "division"),
    "import.kind.pairs": ("AB角", "pairs"),
    "import.wrote": ("已写入 {path}", "wrote {path}"),
    "import.guess": ("请核对", "check"),
    "import.skipped": ("已跳过", "skipped"),
    "import.unparsed": ("未读懂", "NOT READ"),
    "import.colon": ("：", ": "),
    # loading
    "loading": ("读取数据", "loading"),
    "load.refused": (
        "{data} 中有 {errors} 个错误；未作答。请先改正（见 `govorg validate {data}`）。",
        "{errors} error(s) in {data}; nothing served. Fix them (see `govorg validate {data}`).",
    ),
}

# The library's notes (govorg.notes.Note: English template -> Chinese template, same fields).
# Fields named in WINDOW_FIELDS are dates as the library writes them, said through `window`.
NOTES: dict[str, str] = {
    # committees: a roster's dating and a body's life
    "the notice is dated {in_force}: in force from an unknown day of it": "通知日期为{in_force}：施行日期不详",
    "abolished (撤销) {on}": "已于{on}撤销",
    "may have been abolished (撤销 {on})": "可能已撤销（{on}）",
    "founded {on}": "{on}成立",
    "no founding recorded": "成立日期未记录",
    "waits for {name}: {when}": "待{name}：{when}",
    # committees: a seat whose member may have moved
    "may have left {title}: appointed {where} ({start}) and no removal is recorded": (
        "或已不任{title}：已任{where}（{start}），未见免职记录"
    ),
    "{end}": "{end}",
    "end unknown": "离任日期不详",
    "may have left {title} ({end})": "或已不任{title}（{end}）",
    " ({printed})": "（{printed}）",
    "the member left {title}; a change of {role} needs a new notice{how}, none recorded": (
        "该成员已不任{title}；{role}的调整需另行发文{how}，尚无记录"
    ),
    "the appointment names the predecessor": "任命写明了前任",
    "next holder of {title}": "{title}的继任者",
    "possible next holder of {title}": "{title}可能的继任者",
    "no recorded holder of {title}": "{title}无记录在任者",
    "{title} has several holders and no record names who replaced the member": "{title}有多位在任者，没有记录写明由谁接替该成员",
}
NOTES.update(
    {
        # govorg import: the review list
        "table heading": "表头",
        "not a personnel line": "不是人事行",
        "page furniture": "页面杂项",
        "could not read this personnel line": "未能读懂此人事行",
        "免去{rest}: read the name as {name}": "免去{rest}：姓名读作{name}",
        "one line, two rows: the plain posts, then the 代理 posts (form: acting)": (
            "一行两条记录：先是一般职务，再是代理职务（form: acting）"
        ),
        "批准任命 names no appointing body: took {name}": "批准任命未写明任命机关：取{name}",
        "调任 to {to}: the new post was not read": "调任{to}：未读出新职务",
        "{name} names several governments ({list}); took {found}": "{name}对应多个政府（{list}）；取{found}",
        "{name} names several bodies ({list}); took {found}": "{name}对应多个机构（{list}）；取{found}",
        "new government {name} ({id}): a stub, check it": "新政府{name}（{id}）：草稿，请核对",
        "new organisation {name} ({kind}): a stub, check it": "新机构{name}（{kind}）：草稿，请核对",
        "{name} matched to the recorded {found} by name: check they are one person": (
            "{name}按姓名对应已记录的{found}：请核对是否同一人"
        ),
        "homonym: {name} is several recorded people ({list}); took {found}": "同名：{name}对应多位已记录人员（{list}）；取{found}",
        "homonym: id {base} is {other}; {name} gets {person_id} — check they are two people": (
            "同名：id {base} 已是{other}；{name}取 {person_id}——请核对是否两人"
        ),
        "not a 分工 line": "不是分工行",
        "a leader with no 分管/负责/联系 read": "未读出该领导的分管、负责或联系",
        "{name} has no record and no 分工: a new person": "{name}没有记录也没有分工：新人员",
        "{work}工作 read as the unit {found}": "{work}工作读作单位{found}",
        "not a stand-in line": "不是代为负责行",
        "leaders outside the scheme named by title only: add `outside.people` by hand": (
            "安排之外的领导只写了职务：请手工加上 `outside.people`"
        ),
        "could not read this stand-in line": "未能读懂此代为负责行",
        "government: {gov_label} (from the issuer or title)": "政府：{gov_label}（取自发文机关或标题）",
        "issuer: the notice prints none; took {issuer}": "发文机关：通知未载；取{issuer}",
        "date: the notice prints none; took --date {date}": "日期：通知未载；取 --date {date}",
        "the title names no body (领导小组, 委员会 …): add `body:` by hand": (
            "标题未写明机构（领导小组、委员会……）：请手工加上 `body:`"
        ),
        "not a roster line": "不是名单行",
        "could not read this roster line": "未能读懂此名单行",
        "a seat naming only a post (no member printed)": "只写职务的席位（未印成员）",
    }
)
WINDOW_FIELDS = frozenset({"in_force", "on", "start", "end"})
_JOINED = re.compile(r"^\{n\d+\}(?:; \{n\d+\})+$")


def note(text: str | None) -> str:
    """A note the library appended to an answer, in the chosen language. A plain string (not a
    `Note`: read back from the SQL store, or data a clerk wrote) is said as it is; a Note's
    dates are said through `window` in both languages.

    >>> from govorg.notes import Note
    >>> n = Note("may have left {title} ({end})", title="局长", end=Note("{end}", end="2021-04..2021-06"))
    >>> set_lang("zh"); note(n)
    '或已不任局长（2021年4月至6月间）'
    >>> set_lang("en"); note(n); set_lang("zh")
    'may have left 局长 (between April and June 2021)'
    """
    from govorg.notes import Note

    if text is None:
        return ""
    if not isinstance(text, Note):
        return text
    fields = {
        name: note(value) if isinstance(value, Note) else window(str(value)) if name in WINDOW_FIELDS else value
        for name, value in text.fields.items()
    }
    if _lang == "zh" and isinstance(fields.get("kind"), str):  # an organisation kind: the library's term
        from govorg.problems_zh import TERMS

        fields["kind"] = TERMS.get(str(fields["kind"]), fields["kind"])
    if _JOINED.match(text.template):
        return ("；" if _lang == "zh" else "; ").join(str(fields[f"n{i}"]) for i in range(len(fields)))
    template = NOTES.get(text.template, text.template) if _lang == "zh" else text.template
    return template.format(**fields) if fields else template


_lang = os.environ.get("GOVORG_LANG", DEFAULT_LANG) if os.environ.get("GOVORG_LANG") in LANGS else DEFAULT_LANG


def set_lang(lang: str) -> None:
    """Choose the language of every later `say` (the CLI calls it once, from `--lang`)."""
    global _lang
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGS)}")
    _lang = lang


def lang() -> str:
    return _lang


def tr(zh: str, en: str) -> str:
    """The text in the current language: for help texts, written beside their English where used
    (the parser is built after `set_lang`, so each `help=tr(...)` is chosen once per run).

    >>> set_lang("en"); tr("所查询的日期", "the day asked about"); set_lang("zh")
    'the day asked about'
    """
    return zh if _lang == "zh" else en


def say(key: str, /, **fields: object) -> str:
    """The message `key` in the chosen language, with its fields filled in.

    >>> set_lang("en"); say("validate.summary", errors=0, warnings=1)
    '0 error(s), 1 warning(s)'
    >>> set_lang("zh"); say("validate.summary", errors=0, warnings=1)
    '0 个错误，1 个警告'
    """
    zh, en = MESSAGES[key]
    return (zh if _lang == "zh" else en).format(**fields)


def certainty(value: str) -> str:
    """确定/可能 (certain/possible) for a Certainty value."""
    return say(value) if value in ("CERTAIN", "POSSIBLE") else value


_ON_OR_BEFORE = re.compile(r"^on or before (?P<day>\S+)$")
_MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _month_words(day: date, *, year: bool) -> str:
    if _lang == "zh":
        return f"{day.year}年{day.month}月" if year else f"{day.month}月"
    return f"{_MONTHS_EN[day.month - 1]} {day.year}" if year else _MONTHS_EN[day.month - 1]


def _whole_months(lo: date, hi: date) -> bool:
    return lo.day == 1 and hi.day == calendar.monthrange(hi.year, hi.month)[1]


def window(text: str | None) -> str:
    """A date as the library writes it (a DateWindow's text), in words that cannot read
    backwards: `2021-04..2021-06` is 2021年4月至6月间 (between April and June 2021), an open start
    不晚于 2021-06-30 (no later than 2021-06-30); a whole month, quarter or year is named as
    such; a single day stays ISO. The one formatter for dates in the CLI's text.

    >>> set_lang("zh"); window("2021-04..2021-06"), window("on or before 2021-06-30"), window("2021-04-13")
    ('2021年4月至6月间', '不晚于 2021-06-30', '2021-04-13')
    >>> set_lang("en"); window("2021-04..2021-06"), window("2021-Q2"), window("2021-11..2022-02"); set_lang("zh")
    ('between April and June 2021', 'April to June 2021', 'between November 2021 and February 2022')
    """
    if text is None or text == "unknown":
        return say("unknown_date")
    if m := _ON_OR_BEFORE.match(text):
        return say("on_or_before", day=m["day"])
    try:
        parsed = parse_date(text)
    except DateError:
        return text
    lo, hi = parsed.earliest, parsed.latest
    if lo is None or hi is None or lo == hi:
        return lo.isoformat() if lo is not None and lo == hi else text
    if not _whole_months(lo, hi):  # days at either end: ISO days
        return say("between", a=lo.isoformat(), b=hi.isoformat())
    if lo.month == 1 and hi.month == 12 and lo.year == hi.year:
        return say("year", year=lo.year)
    if (lo.year, lo.month) == (hi.year, hi.month):
        return _month_words(lo, year=True)
    if lo.year == hi.year:  # a quarter is those months; a span, some day between them
        key = "months" if parsed.precision is Precision.QUARTER else "between_months"
        return say(key, a=_month_words(lo, year=False), b=_month_words(hi, year=False), year=lo.year)
    return say("between", a=_month_words(lo, year=True), b=_month_words(hi, year=True))


def when(text: str | None) -> str:
    """`window` by its older name."""
    return window(text)


def tenure_span(start: str | None, end: str | None) -> tuple[str, str | None]:
    """A tenure's start and end in words that never read as ending before they start: a start
    known only as "on or before" the end's last day (a removal with no recorded appointment)
    is said to be unrecorded rather than "no later than" a day after the end begins."""
    if end is not None and start is not None and (m := _ON_OR_BEFORE.match(start)):
        try:
            ends = parse_date(end)
        except DateError:
            ends = None
        if ends is not None and ends.earliest is not None and ends.earliest.isoformat() <= m["day"]:
            return say("start_unrecorded"), window(end)
    return window(start), window(end) if end is not None else None


def width(text: str) -> int:
    """Display width in terminal columns: a Chinese character takes two."""
    w = wcswidth(text)
    return w if w >= 0 else len(text)


def pad(text: str, columns: int) -> str:
    """`text` padded with spaces to `columns` display columns.

    >>> pad("王峰", 6) + "|", pad("张徐勇", 6) + "|"
    ('王峰  |', '张徐勇|')
    """
    return text + " " * max(0, columns - width(text))


def table(rows: Sequence[Sequence[str]], *, indent: str = "  ", gap: str = "  ") -> list[str]:
    """Rows of cells as lines whose columns line up by display width (the last cell is not padded)."""
    if not rows:
        return []
    n = max(len(r) for r in rows)
    widths = [max((width(r[i]) for r in rows if i < len(r) - 1), default=0) for i in range(n)]
    lines = []
    for r in rows:
        cells = [pad(c, widths[i]) if i < len(r) - 1 else c for i, c in enumerate(r)]
        lines.append(indent + gap.join(cells).rstrip())
    return lines


def join(items: Sequence[str]) -> str:
    """A list in the chosen language: 、 between Chinese items, `, ` between English ones."""
    return ("、" if _lang == "zh" else ", ").join(items)


def clauses(items: Sequence[str]) -> str:
    """Clauses of one sentence: ，between Chinese ones, `, ` between English ones."""
    return ("，" if _lang == "zh" else ", ").join(items)


def sources(items: Sequence[str]) -> str:
    """Source labels in brackets: ［甲政办发〔2022〕8号 p.6；…］ (English: [...; ...])."""
    return f"［{'；'.join(items)}］" if _lang == "zh" else f"[{'; '.join(items)}]"
