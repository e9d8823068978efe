"""Problems in Chinese: each code's title and fix, and each message and hint template.

A problem keeps its message and hint as `Text` (an English template and its fields, see
`govorg.problems`), so Chinese is said from the same fields rather than translated after the
fact. `MESSAGES` maps each English template to its Chinese one, with the same fields; a test
reads every template written in src/govorg and checks it is here, so a new message cannot ship
in English only. A Problem built from plain English (by hand, outside `problem()`) falls back
to its English words.

Field values are data (ids, names, printed text, dates) and stay as they are, except the few
fields that carry one of the library's English terms — the kind of a record, the type of a YAML
value — which `TERMS` says in Chinese.
"""

from __future__ import annotations

import re
import string

from govorg.problems import CODES, Problem, Severity, Text

# code -> (title, fix), in step with problems.CODES (a test checks both have the same codes)
CODES_ZH: dict[str, tuple[str, str]] = {
    "GO100": ("YAML 语法错误", "按所示位置修改 YAML（缩进、缺少的冒号或引号）"),
    "GO101": ("未知的键", "删除该键或改正拼写；提示给出最接近的已知键"),
    "GO102": ("缺少必填字段", "补上信息中所说的字段"),
    "GO103": ("类型不对", "按信息所说的形式书写（文字、数字、列表、映射）"),
    "GO104": ("格式版本不支持或缺失", "文件以 `format: 1` 开头"),
    "GO105": ("空文件或顶层结构不对", "记录文件是一个映射，含 `format: 1` 及各部分"),
    "GO106": ("同一映射中的键重复", "两个键只留一个；YAML 会悄悄丢掉前一个"),
    "GO107": ("取值不在允许范围内", "使用信息列出的取值之一"),
    "GO110": (
        "日期不存在或无法识别",
        "写作 2021-04-13、2021-04、2021-Q2、2021 或区间 2021-04..2021-06（半角数字），"
        "或照印：二〇二一年四月十三日、2021年4月、2021年第二季度、2021年4月至6月",
    ),
    "GO111": ("日期区间结束早于开始", "交换区间的两端"),
    "GO112": ("任职结束早于开始", "核对免职日期与任命日期"),
    "GO113": ("文号无法识别", "文号写作 发文机关〔年份〕序号号，例如 甲府办〔2021〕15号"),
    "GO114": ("同时给出了 `post` 和 `posts`", "一个职务用 `post`，一行列出几个职务用 `posts`"),
    "GO120": ("文件过大", "记录文件只有几 KB；请拆分文件（上限见 docs/format.md 的 Limits）"),
    "GO121": ("嵌套过深", "记录只嵌套几层；检查是否有失控的括号或缩进"),
    "GO122": ("别名过大或循环", "直接写出取值，不用 YAML 别名（`*name`）"),
    "GO123": ("不是普通文件", "名为 *.yaml 的 FIFO、设备或套接字不是记录文件：把它移出数据目录"),
    "GO124": ("符号链接指向数据目录之外", "把文件复制进数据目录，不要用链接"),
    "GO125": ("文件或目录无法读取", "给服务所用的用户读取权限，或删除它"),
    "GO126": ("数字超出范围", "写信息所给范围之内的数字"),
    "GO127": ("空的部分", "在该部分下至少列出一项，或删除该部分"),
    "GO128": ("id 格式不对", "id 用 ASCII 字母、数字和 `-`、`_`、`.` 书写，各部分以 `/` 分隔，例如 wang-feng"),
    "GO201": ("未知人员", "在 data/people/ 中添加该人员，或改正 id（见提示）"),
    "GO202": ("未知机构", "在 data/organisations/ 中添加该机构，或使用其已记录的名称"),
    "GO203": ("未知公文", "在 data/documents/ 中定义该公文，或改正文号或 id"),
    "GO204": ("名称对应两个机构", "使用正式名称或 id；或从其中一个机构删去该名称"),
    "GO205": ("id 重复", "每条记录用自己的 id"),
    "GO206": ("文号被定义两次", "只保留一处定义；括号和空格不同并不构成新文号"),
    "GO207": ("上级机构未知", "`parent` 指向已记录的机构 id"),
    "GO208": ("`government:` 所指的不是人民政府", "写该机构所属的人民政府，用名称或 id"),
    "GO209": ("非政府机构带有 `level` 或 `division_code`", "删除该键；若该机构是政府，设 `kind: government`"),
    "GO210": ("行政区划代码不是六位数字", "写辖区的 GB/T 2260 代码，例如 310105"),
    "GO211": ("政府的上级不是政府", "`parent` 指向上一级政府（区的上级是市）"),
    "GO250": ("同一表格中行号重复", "表格每行用自己的 `row:` 编号"),
    "GO251": ("两类记录使用同一 id", "每条记录用自己的 id，无论哪一类"),
    "GO252": ("机构互为上级（循环）", "打破循环：改正其中一个 `parent`"),
    "GO253": ("分组相互包含（循环）", "打破循环：从某个分组的 `members` 中删去另一个分组"),
    "GO254": ("公文相互刊载（循环）", "打破循环：改正其中一个 `published_in`"),
    "GO255": ("任命互为前任（循环）", "打破循环：改正其中一个 `predecessor`（前任是先任该职的人）"),
    "GO301": ("单人职务同时有两位确定的任职者", "补录前一任的免职，或改正日期"),
    "GO302": ("免去未知其担任的职务", "核对人员和职务；若任命早于现有记录，加 `appointment: unrecorded`"),
    "GO303": ("名单记载与任免记录矛盾", "名单载明此人某日担任该职，而记录显示其当日不在任：两者都要核对"),
    "GO305": ("试用期满的记录带有试用期", "试用期满结束试用期；从该记录中删除 `probation_months`"),
    "GO306": (
        "字段属于另一种任免形式",
        "`appointed_by`/`approved_by` 需要 `form: approved`，`accepted_by` 需要 `reason: resigned`，"
        "`to` 需要 `reason: transferred`；`confirmation: true` 即 `form: confirmed`",
    ),
    "GO307": (
        "同时给出 `person` 和 `people`，或同一人列了两次",
        "一人用 `person`，一句涉及几人用 `people: [a, b]`，每人一次",
    ),
    "GO308": (
        "终止试用期，但没有记录试用期",
        "终止试用期结束一段试用期：在任命中加 `probation_months`，或核对 `reason`",
    ),
    "GO309": (
        "职务规则的 `kind` 与 `organisation` 未恰好给出一个",
        "某类机构写 `kind: …`，某一机构写 `organisation: …`",
    ),
    "GO310": ("两条职务规则相互矛盾", "同一机构（或类别）的同一职务在一条规则中是 `one`、另一条中是 `many`：只留一条"),
    "GO311": (
        "印文写明试用期，但该行没有试用期",
        "按印文加 `probation_months:`（试用期一年即 12），或改正 `printed`",
    ),
    "GO312": ("印文写明试用期满，但该行不是试用期满", "加 `confirmation: true`，或改正 `printed`"),
    "GO313": ("印文写明代理，但该行不是代理任职", "加 `form: acting`，或改正 `printed`"),
    "GO314": (
        "印文的试用期长度与 `probation_months` 不同",
        "在 `probation_months` 中写印文的长度（试用期六个月即 6），或改正 `printed`",
    ),
    "GO401": ("同一分工版本中某领导列了两次", "把两段合并为一项"),
    "GO402": ("同一分工版本中某单位有两位分管领导", "一个单位只有一位分管领导；另一位移到 `assists`"),
    "GO403": ("代为负责的搭配中有人没有分工", "搭配同一通知中列出的两位领导"),
    "GO404": ("同一政府同一天有两个分工版本", "后一份通知自其日期起取代前一份；改正日期"),
    "GO405": ("这类分工通知不含该部分", "把另一部分作为单独的通知记录，或改正 `kind`"),
    "GO406": (
        "分工调整或代为负责规则自相矛盾",
        "只留一种读法：`set` 取代整个分工，`add`/`remove` 增减分工，`rest` 不列单位",
    ),
    "GO407": ("调整之前没有完整的分工", "补录该通知所调整的完整分工；在此之前，答案只反映调整通知本身"),
    "GO408": ("调整了该领导并不分管的工作", "对照通知日期当时施行的分工，核对领导和单位"),
    "GO409": ("领导被指定为自己代为负责", "搭配两位不同的领导"),
    "GO410": ("临时调整结束早于开始", "核对 `until` 与公文日期"),
    "GO501": ("席位既无成员也无职务", "给席位写 `member`、`post` 或两者"),
    "GO502": (
        "为不设名单的机构记录了名单",
        "把 `kind` 设为 committee、leading_group、joint_meeting、working_group、headquarters 或 management_committee",
    ),
    "GO503": ("同一机构同一天有两个名单版本", "每个日期只留一个版本"),
    "GO504": ("为没有席位使用的职别设置了分组选项", "职别照席位印文书写"),
    "GO505": ("职别的分组选项给了两次", "把 `groups` 中该职别的两项合并"),
    "GO506": ("席位没有可延续的职别", "第一个席位需要 `role` 或带标签的 `line`（组长：…）"),
    "GO507": ("名单行中有空名字", "删去多余的分隔符（、），或补上缺少的名字"),
    "GO508": (
        "名单行中的名字对不上任何人员",
        "在 data/people/ 中添加该人员（印文写法放在 `printed`），或给出 `members:` id",
    ),
    "GO509": ("`members` 与名单行中的名字不一致", "按印文顺序，每个名字给一个 id"),
    "GO510": ("机构撤销早于成立", "核对 `founded` 和 `abolished` 的日期"),
    "GO511": ("名单日期在机构存续期之外", "名单不能早于机构成立，也不能晚于机构撤销：核对日期"),
    "GO512": (
        "席位同时有 `line` 和 `role` 或 `member`",
        "印文行自带职别和名字：删除 `role`/`member`，或不用 `line` 书写席位",
    ),
    "GO513": ("名单同时有 `body` 和 `committee`", "只用 `body` 写一次机构"),
    "GO514": ("名单行中的名字对应多个人员", "给出 `members:`，每个印文名字一个 id，以示区分"),
}

_DATE_FORMS = (
    "write 2021-04-13, 2021-04, 2021-Q2, 2021 or a span 2021-04..2021-06, "
    "or as printed: 2021年4月13日, 二〇二一年四月十三日, 2021年4月, 2021年第二季度, 2021年, 2021年4月至6月"
)

# English template -> Chinese template, with the same fields.
MESSAGES: dict[str, str] = {
    # yamlio and loader: the file itself
    "YAML syntax: {detail}": "YAML 语法错误：{detail}",  # the detail is the YAML parser's own words
    "YAML syntax: found undefined alias *{name}": "YAML 语法错误：别名 *{name} 没有定义",
    "YAML syntax: a record file holds one document, but here a second one starts": (
        "YAML 语法错误：一个记录文件只含一个文档，这里却开始了第二个"
    ),
    "define the anchor &{name} before using it": "先定义锚点 &{name} 再使用",
    "remove the `---` line or split the file": "删除 `---` 一行，或拆分文件",
    "check indentation and that every `key: value` has its colon and space": "检查缩进，以及每个 `键: 值` 是否有冒号和空格",
    "the file nests deeper than {MAX_DEPTH} levels": "文件嵌套超过 {MAX_DEPTH} 层",
    "records nest a few levels; check for runaway brackets": "记录只嵌套几层；检查是否有失控的括号",
    "alias *{name} refers to the collection it stands in (a cycle)": "别名 *{name} 指向它所在的集合（循环）",
    "aliases expand to more than {MAX_ALIAS_NODES:,} nodes": "别名展开后超过 {MAX_ALIAS_NODES:,} 个节点",
    "write the values out instead of using an alias": "直接写出取值，不用别名",
    "write the values out instead of using aliases": "直接写出取值，不用别名",
    "a key must be plain text": "键必须是普通文字",
    "key {name!r} appears twice in this mapping (first at line {line})": "键 {name!r} 在此映射中出现两次（第一次在第 {line} 行）",
    "keep one of the two": "两者只留一个",
    "symbolic link to {target}, outside the data folder": "指向 {target} 的符号链接，在数据目录之外",
    "this is {kind}, not a file": "这是{kind}，不是文件",
    "this is not a regular file": "这不是普通文件",
    "cannot read file: {reason}": "无法读取文件：{reason}",
    "cannot read folder: {reason}": "无法读取目录：{reason}",
    "check its permissions": "检查其权限",
    "check its permissions; its files were not read": "检查其权限；其中的文件没有读取",
    "the file has {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}": "文件有 {size:,} 字节，超过上限 {MAX_FILE_BYTES:,}",
    "split it into several files": "拆分为几个文件",
    "no such file or folder": "没有这个文件或目录",
    "pass the data folder, e.g. data/": "给出数据目录，例如 data/",
    "file is not UTF-8 text ({reason})": "文件不是 UTF-8 文字（{reason}）",
    "save it as UTF-8": "以 UTF-8 保存",
    # records: the shape of a file
    "the file is empty": "文件是空的",
    "start it with `format: 1`": "文件以 `format: 1` 开头",
    "the file does not say its format": "文件没有写明格式",
    "the file's top level must be a mapping, not {type}": "文件的顶层必须是映射，而不是{type}",
    "format {value!r} is not supported; this govorg reads format {FORMAT_VERSION}": (
        "不支持格式 {value!r}；本 govorg 读取格式 {FORMAT_VERSION}"
    ),
    "rows need a source: this file has appointments, removals or attestations but no `document`": (
        "各行需要出处：此文件有任命、免职或名单记载，却没有 `document`"
    ),
    "add a `document:` block describing the source document": "加一个 `document:` 部分，描述出处公文",
    # fields: keys and values
    "{what} is missing `{key}`": "{what}缺少 `{key}`",
    "add `{key}:`": "加上 `{key}:`",
    "`{key}` of {what} is empty": "{what}的 `{key}` 是空的",
    "`{key}` must be text, not {type}": "`{key}` 必须是文字，而不是{type}",
    'write it in quotes if it is text: {key}: "{value}"': '若是文字，请加引号：{key}: "{value}"',
    "`{key}: {value}` is outside {low}..{high}": "`{key}: {value}` 超出 {low}..{high}",
    "`{key}` must be a whole number, not {type}": "`{key}` 必须是整数，而不是{type}",
    "`{key}` must be true or false, not {type}": "`{key}` 必须是 true 或 false，而不是{type}",
    "`{key}: {value}` is not one of: {list}": "`{key}: {value}` 不是以下之一：{list}",
    "did you mean {close!r}?": "是否要写 {close!r}？",
    "`{key}` must be a date, not {type}": "`{key}` 必须是日期，而不是{type}",
    "`{key}` must be a mapping (key: value lines), not {type}": "`{key}` 必须是映射（键: 值 各行），而不是{type}",
    "section `{key}` is empty": "`{key}` 部分是空的",
    "list its entries, or remove it": "列出其中各项，或删除它",
    "list its entries, or remove the section": "列出其中各项，或删除该部分",
    "`{key}` must be a list (lines starting with `- `), not {type}": "`{key}` 必须是列表（以 `- ` 开头的各行），而不是{type}",
    "each entry of `{key}` must be text, not {type}": "`{key}` 的每一项必须是文字，而不是{type}",
    "unknown key `{key}` in {what}": "{what}中有未知的键 `{key}`",
    "did you mean `{key}`?": "是否要写 `{key}`？",
    "known keys: {list}": "已知的键：{list}",
    "each {what} must be a mapping, not {type}": "每个{what}必须是映射，而不是{type}",
    "id is {length} characters long; at most {most}": "id 长 {length} 个字符；最多 {most} 个",
    "id {id!r} is not ASCII letters, digits, `-`, `_`, `.` in parts separated by `/`": (
        "id {id!r} 不是由 ASCII 字母、数字、`-`、`_`、`.` 组成并以 `/` 分段"
    ),
    "e.g. wang-feng, cfb-2021-09": "例如 wang-feng、cfb-2021-09",
    # dates
    "{text!r}: year {year} is outside {MIN_YEAR}..{MAX_YEAR}": "{text!r}：年份 {year} 不在 {MIN_YEAR}..{MAX_YEAR} 之内",
    "check the year against the source": "对照出处核对年份",
    "{text!r} is not a date on the calendar ({exc})": "{text!r} 不是日历上的日期（{exc}）",
    "{text!r}: month {mo} does not exist": "{text!r}：没有 {mo} 月",
    "{text!r} has full-width digits or dashes in an ISO date": "{text!r} 是含全角数字或连字符的 ISO 日期",
    "write it in ASCII: {normalize}": "用半角书写：{normalize}",
    "{text!r} is not a date": "{text!r} 不是日期",
    _DATE_FORMS: (
        "写作 2021-04-13、2021-04、2021-Q2、2021 或区间 2021-04..2021-06，"
        "或照印：2021年4月13日、二〇二一年四月十三日、2021年4月、2021年第二季度、2021年、2021年4月至6月"
    ),
    "{whole!r}: {what} {printed!r} is not a number": "{whole!r}：{what} {printed!r} 不是数字",
    "write it in Arabic digits (4, 13) or Chinese numerals (四, 十三, 三十一)": "用阿拉伯数字（4、13）或汉字数字（四、十三、三十一）书写",
    "{whole!r}: year {printed!r} is not four digits": "{whole!r}：年份 {printed!r} 不是四位数字",
    "write the year digit by digit, as printed: 2021 or 二〇二一": "照印逐位写年份：2021 或 二〇二一",
    "{whole!r} is not a date": "{whole!r} 不是日期",
    "{whole!r} has no year": "{whole!r} 没有年份",
    "print the year: 2021年4月13日": "写明年份：2021年4月13日",
    "{whole!r}: quarter {q} does not exist": "{whole!r}：没有第 {q} 季度",
    "a year has 第一 to 第四季度": "一年只有第一至第四季度",
    "{whole!r} has a day but no month": "{whole!r} 有日无月",
    "print the month: 2021年4月13日": "写明月份：2021年4月13日",
    "{whole!r}: month {mo} does not exist": "{whole!r}：没有 {mo} 月",
    "a month is 1 to 12 (一月 to 十二月)": "月份为 1 至 12（一月至十二月）",
    "{whole!r} is {y:04d}-{mo:02d}-{d:02d}, which is not on the calendar ({y}年{mo}月 has {last} days)": (
        "{whole!r} 即 {y:04d}-{mo:02d}-{d:02d}，日历上没有这一天（{y}年{mo}月只有 {last} 天）"
    ),
    "check the day against the notice": "对照通知核对日期",
    "span {text!r} ends before it starts": "区间 {text!r} 结束早于开始",
    "write the earlier date first": "先写较早的日期",
    "{text!r} is not a single day; write YYYY-MM-DD": "{text!r} 不是确定的某一天；写作 YYYY-MM-DD",
    # documents and references
    "{text!r} is not a document number; write it as printed, e.g. 甲府办〔2021〕15号": (
        "{text!r} 不是文号；照印书写，例如 甲府办〔2021〕15号"
    ),
    "{kind} id {record_id!r} is already used at {first}": "{kind} id {record_id!r} 已在 {first} 使用",
    "give each record its own id": "每条记录用自己的 id",
    "document number {number} is {canonical_number}, already defined as {first!r}": (
        "文号 {number} 即 {canonical_number}，已定义为 {first!r}"
    ),
    "keep one definition": "只保留一处定义",
    "name {name!r} of {id!r} is also a name of {org_id!r} at the same time": "{id!r} 的名称 {name!r} 同时也是 {org_id!r} 的名称",
    "a name must resolve to one organisation within a government: drop it from one of them": (
        "在同一政府内，一个名称只能对应一个机构：从其中一个机构删去该名称"
    ),
    "parent {text!r} of {id!r} is not a recorded organisation": "{id!r} 的上级 {text!r} 不是已记录的机构",
    "government {id!r} has {parent!r}, a {kind}, as parent": "政府 {id!r} 的上级 {parent!r} 是{kind}",
    "a government's parent is the government above it (市 above 区, 省 above 市)": "政府的上级是上一级政府（区的上级是市，市的上级是省）",
    "`government: {text}` is a {kind}, not a government": "`government: {text}` 是{kind}，不是政府",
    "name the government the body belongs to (its 人民政府)": "写该机构所属的政府（其人民政府）",
    "{name!r} names organisations in {count} governments: {list}": "{name!r} 指向 {count} 个政府中的机构：{list}",
    "write the organisation's id, or say whose records these are with `government:` on the document": (
        "写机构的 id，或在公文上用 `government:` 说明这些记录属于哪个政府"
    ),
    "{name!r} resolves to {count} organisations: {list}": "{name!r} 对应 {count} 个机构：{list}",
    "use the official name or the id": "使用正式名称或 id",
    "unknown organisation {text!r}": "未知机构 {text!r}",
    "did you mean {name!r} ({id})?": "是否要写 {name!r}（{id}）？",
    "add it to data/organisations/": "在 data/organisations/ 中添加",
    "unknown person {text!r}": "未知人员 {text!r}",
    "people are referenced by id: write {id!r} ({name})": "人员以 id 引用：写 {id!r}（{name}）",
    "did you mean {id!r} ({name})?": "是否要写 {id!r}（{name}）？",
    "add the person to data/people/": "在 data/people/ 中添加该人员",
    "unknown document {text!r}": "未知公文 {text!r}",
    "define it in data/documents/": "在 data/documents/ 中定义",
    # organisations
    "`{key}` belongs to a government, and {org_id!r} is a {kind}": "`{key}` 属于政府，而 {org_id!r} 是{kind}",
    "remove it, or set `kind: government`": "删除它，或设 `kind: government`",
    "division code {code!r} is not six digits (GB/T 2260)": "行政区划代码 {code!r} 不是六位数字（GB/T 2260）",
    # 任免 rows
    "a post must be a mapping {{organisation: …, title: …}}, not {type}": "职务必须是映射 {{organisation: …, title: …}}，而不是{type}",
    "give either `{single}` or `{many}`, not both": "`{single}` 和 `{many}` 只给一个",
    "give either `post` or `posts`, not both": "`post` 和 `posts` 只给一个",
    "give either `person` or `people`, not both": "`person` 和 `people` 只给一个",
    "{what} is missing `post`": "{what}缺少 `post`",
    "add `post: {organisation: …, title: …}`": "加上 `post: {organisation: …, title: …}`",
    "{what} is missing `person`": "{what}缺少 `person`",
    "add `person: <id>` (or `people: [a, b]`)": "加上 `person: <id>`（或 `people: [a, b]`）",
    "{text} is listed twice in `people`": "{text} 在 `people` 中列了两次",
    "list each person once": "每人只列一次",
    "`{key}` belongs to {wanted} only": "`{key}` 只属于 {wanted}",
    "remove `{key}` or {wanted}": "删除 `{key}`，或改为 {wanted}",
    "`confirmation: true` contradicts `form: {value}`": "`confirmation: true` 与 `form: {value}` 矛盾",
    "a confirmation (试用期满) cannot start a probation": "试用期满不能开始一段试用期",
    "a title rule names exactly one of `kind` and `organisation`": "职务规则必须恰好给出 `kind` 和 `organisation` 之一",
    "write `kind: government` for every government, or `organisation: <id or name>` for one body": (
        "对所有政府写 `kind: government`，对某一机构写 `organisation: <id 或名称>`"
    ),
    "organisation {org}": "机构 {org}",
    "kind {kind}": "类别 {kind}",
    "{title} in {where} is `{value}` here but `{value2}` at {location}": "{where}的{title}在此为 `{value}`，在 {location} 却为 `{value2}`",
    "keep one rule per title and scope": "每个职务和范围只留一条规则",
    # printed text against fields
    "the printed text says 试用期 but the row has no probation: {printed}": "印文写明试用期，但该行没有试用期：{printed}",
    "add `probation_months: {value}`": "加上 `probation_months: {value}`",
    "the printed text gives a probation of {months} months, the row `probation_months: {probation_months}`": (
        "印文的试用期为 {months} 个月，该行却是 `probation_months: {probation_months}`"
    ),
    "write `probation_months: {months}`, or correct the printed text": "写 `probation_months: {months}`，或改正印文",
    "the printed text says 试用期满 but the row is not a confirmation: {printed}": "印文写明试用期满，但该行不是试用期满：{printed}",
    "add `confirmation: true` (a 试用期满 row confirms the tenure running)": "加上 `confirmation: true`（试用期满确认正在进行的任职）",
    "the printed text says 代理 but the row's form is {form}: {printed}": "印文写明代理，但该行的形式是 {form}：{printed}",
    "add `form: acting` (代理)": "加上 `form: acting`（代理）",
    # tenures and consistency over time
    "removal dated {date} comes before the appointment to the same post dated {date2}": (
        "免职日期 {date} 早于同一职务的任命日期 {date2}"
    ),
    "check the two dates; if this removal ends an earlier, unrecorded tenure, add `appointment: unrecorded`": (
        "核对两个日期；若此免职结束的是更早而未记录的任职，加 `appointment: unrecorded`"
    ),
    "{person} is removed from {title} of {organisation_id} but no record shows them holding it": (
        "{person} 被免去 {organisation_id} 的{title}，但没有记录显示其担任该职"
    ),
    "check the person and post; if the appointment predates the records, add `appointment: unrecorded`": (
        "核对人员和职务；若任命早于现有记录，加 `appointment: unrecorded`"
    ),
    "the probation of {person_id} as {title} is terminated, but the appointment ({id}) sets no probation": (
        "{person_id} 任{title}的试用期被终止，但其任命（{id}）没有试用期"
    ),
    "add `probation_months` to the appointment, or check the removal's `reason`": "在任命中加 `probation_months`，或核对免职的 `reason`",
    "{person} is printed as {title} of {org} on {date}, outside every recorded tenure of that post": (
        "{person} 在 {date} 的名单中为 {org} 的{title}，不在该职务的任何已记录任期之内"
    ),
    "check the listing's date and the appointment and removal records": "核对名单日期及任免记录",
    "{title} of {organisation_id} is a one-holder post, but {person_id} and {person_id2} both certainly hold it on {certain_from}": (
        "{organisation_id} 的{title}只设一人，但 {person_id} 和 {person_id2} 在 {certain_from} 都确定在任"
    ),
    "record the removal of {person_id}, or correct a date": "补录 {person_id} 的免职，或改正日期",
    "{kind} id {record_id!r} is also the id of the {other_kind} at {first}": "{kind} id {record_id!r} 也是 {first} 处{other_kind}的 id",
    "ids are shared by every kind of record: choose another": "各类记录共用 id：换一个",
    "this {kind} has the id {record_id!r} of the {kind} at {first}": "此{kind}的 id {record_id!r} 与 {first} 处的{kind}相同",
    "give each row its own `row:` number (rows without one are numbered by position)": (
        "每行用自己的 `row:` 编号（没有编号的行按位置编号）"
    ),
    # cycles
    "{what}: {path}{others}": "{what}：{path}{others}",
    "{what}: {members} names itself": "{what}：{members} 指向自身",
    " (all of {list} take part)": "（{list} 都在其中）",
    "a cycle of {n_members}: correct one `{key}`": "{n_members} 个成员的循环：改正其中一个 `{key}`",
    # leadership (分工)
    "a `kind: {value}` leadership notice has no `{key}`": "`kind: {value}` 的分工通知没有 `{key}`",
    "it carries {list}; record the other part as its own notice, or fix `kind`": "它含 {list}；把另一部分作为单独的通知记录，或改正 `kind`",
    "`stand_ins` must be a list of rules or a mapping, not {type}": "`stand_ins` 必须是规则列表或映射，而不是{type}",
    "an exemption names no `units` and no `work`": "免于代理的安排既没有 `units` 也没有 `work`",
    "add the exempt units or work": "加上免于代理的单位或工作",
    "`outside` names no `people`": "`outside` 没有列出 `people`",
    "list the leaders the notice leaves out": "列出通知排除在外的领导",
    "a stand-in rule is a pair [a, b] or a mapping with `leader` and `by`, not {type}": (
        "代为负责规则是一对 [a, b] 或含 `leader` 和 `by` 的映射，而不是{type}"
    ),
    "`pair` must be a list of two person ids, e.g. [li-ming, wang-hong]": "`pair` 必须是两个人员 id 的列表，例如 [li-ming, wang-hong]",
    "a stand-in rule names nobody in `by`": "代为负责规则的 `by` 中没有人",
    "add `by: person-id`": "加上 `by: 人员id`",
    "a `rest: true` rule covers whatever the leader's other rules do not; it names no units or work": (
        "`rest: true` 规则涵盖该领导其他规则未涵盖的工作；它不列单位或工作"
    ),
    "remove `units`/`work`, or `rest`": "删除 `units`/`work`，或删除 `rest`",
    "a stand-in pair must be a list of two person ids, e.g. [li-ming, wang-hong]": (
        "代为负责的搭配必须是两个人员 id 的列表，例如 [li-ming, wang-hong]"
    ),
    "`{key}` of a change": "调整的 `{key}`",
    "`set` replaces the whole portfolio; it cannot be combined with `add` or `remove`": "`set` 取代整个分工，不能与 `add` 或 `remove` 同用",
    "a leader who `leaves` the 分工 keeps no portfolio to `add`, `remove` or `set`": (
        "`leaves` 分工的领导不再有分工，无从 `add`、`remove` 或 `set`"
    ),
    "a change needs `add`, `remove`, `set` or `leaves: true`": "调整需要 `add`、`remove`、`set` 或 `leaves: true`",
    "{source} and {source2} are both full 分工 notices from {day}": "{source} 和 {source2} 都是 {day} 起施行的完整分工通知",
    "a later notice replaces an earlier one from its own date; check the dates": "后一份通知自其日期起取代前一份；核对日期",
    "{source} amends the 分工, but no full 分工 of this government is recorded before it": (
        "{source} 调整分工，但此前没有记录该政府的完整分工"
    ),
    "record the full 分工 it amends; until then answers show only what the amendment says": (
        "补录其所调整的完整分工；在此之前，答案只反映调整通知本身"
    ),
    "{person} is listed twice in this 分工 version (first at {location})": "{person} 在此分工版本中列了两次（第一次在 {location}）",
    "the reassignment ends ({until}) before the notice takes effect ({date})": "临时调整的结束（{until}）早于通知施行（{date}）",
    "check `until` against the document's date": "核对 `until` 与公文日期",
    "{person} is to stop ({relation}) {printed}, which is not in their portfolio": "{person} 不再{relation}{printed}，但这不在其分工之内",
    "check the unit and the relation against the 分工 in force": "对照施行中的分工核对单位和关系",
    "{leader} is named to stand in for themselves": "{leader} 被指定为自己代为负责",
    "a stand-in rule pairs two different leaders": "代为负责规则搭配两位不同的领导",
    "{person} has no portfolio in the 分工 in force": "{person} 在施行中的分工里没有分工",
    "leaders in force: {list}": "施行中的领导：{list}",
    "{person} leaves the 分工, but has no portfolio in the 分工 in force": "{person} 退出分工，但在施行中的分工里并没有分工",
    "check the person against the 分工 in force": "对照施行中的分工核对该人员",
    "{name} is 分管 by both {other} and {person_id}": "{name} 同时由 {other} 和 {person_id} 分管",
    "a unit has one leader in charge; list the other under `assists`": "一个单位只有一位分管领导；另一位列在 `assists` 下",
    # committees and rosters
    "give either `body` or `committee`, not both": "`body` 和 `committee` 只给一个",
    "keep `body`": "保留 `body`",
    "options for role {role!r}, which no seat has": "职别 {role!r} 的分组选项，但没有席位是这一职别",
    "use one of the roles as printed: {list}": "使用印文中的职别之一：{list}",
    "options for role {role!r} are given twice": "职别 {role!r} 的分组选项给了两次",
    "merge the two entries of `groups` into one": "把 `groups` 中的两项合并为一项",
    "a seat with a printed `line` takes its role and names from the line": "带印文 `line` 的席位，职别和名字取自该行",
    "remove `role` and `member` (use `members:` to give the people's ids)": "删除 `role` 和 `member`（用 `members:` 给出人员 id）",
    "this seat has no role and follows no seat whose role it could continue": "此席位没有职别，前面也没有可延续其职别的席位",
    "add `role:`, or print the label in the line (组长：…)": "加上 `role:`，或在行中写出标签（组长：…）",
    "this seat names neither a member nor a post": "此席位既无成员也无职务",
    "add `member`, `post`, or both": "加上 `member`、`post` 或两者",
    "the line {line!r} has an empty name between separators": "行 {line!r} 的分隔符之间有空名字",
    "remove the extra 、 or write the missing name": "删去多余的 、，或补上缺少的名字",
    "`members` gives {n_ids} id(s) for the {n_names} name(s) printed in the line": (
        "`members` 给了 {n_ids} 个 id，而该行印有 {n_names} 个名字"
    ),
    "give one id per printed name, in printed order": "按印文顺序，每个名字给一个 id",
    "{text!r} is a {kind}, not a body with a roster": "{text!r} 是{kind}，不是设有名单的机构",
    "set its `kind` to committee, leading_group, joint_meeting, working_group, headquarters "
    "or management_committee, or name the body": (
        "把其 `kind` 设为 committee、leading_group、joint_meeting、working_group、headquarters "
        "或 management_committee，或写明该机构"
    ),
    "{committee} already has a roster version from {day} ({source})": "{committee} 已有 {day} 的名单版本（{source}）",
    "keep one roster version per date": "每个日期只留一个名单版本",
    "{text!r} in the line {line!r} matches no recorded person": "行 {line!r} 中的 {text!r} 对不上任何已记录的人员",
    "add the person to data/people/ (with this form in `printed` if it differs), or give `members:` ids": (
        "在 data/people/ 中添加该人员（写法不同时把此写法放在 `printed`），或给出 `members:` id"
    ),
    "{text!r} in the line {line!r} matches {n_found} people: {list}": "行 {line!r} 中的 {text!r} 对应 {n_found} 人：{list}",
    "give `members:` with one id per printed name to say which": "给出 `members:`，每个印文名字一个 id，以示区分",
    "this roster of {name} is dated {date}, before the body was founded ({founded})": (
        "{name}的此名单日期为 {date}，早于该机构成立（{founded}）"
    ),
    "check the roster's date and the body's `founded`": "核对名单日期和机构的 `founded`",
    "this roster of {name} is dated {date}, after the body was abolished ({abolished})": (
        "{name}的此名单日期为 {date}，晚于该机构撤销（{abolished}）"
    ),
    "check the roster's date and the body's `abolished`": "核对名单日期和机构的 `abolished`",
    "{name} is abolished ({on}) before it is founded ({on2})": "{name}的撤销（{on}）早于成立（{on2}）",
    "check the two dates": "核对两个日期",
}

# The library's own English terms that fill some fields: what a mapping is (`Fields.what`),
# the kind of a record or organisation, the type of a YAML value, a 分工 relation.
TERMS: dict[str, str] = {
    # kinds of mapping and record
    "file": "文件",
    "document": "公文",
    "organisation": "机构",
    "rename": "更名",
    "person": "人员",
    "post": "职务",
    "leadership": "分工",
    "leader": "领导",
    "change": "调整",
    "temporary assignment": "临时调整",
    "stand-in arrangements": "代为负责安排",
    "exemption": "免于代理的安排",
    "leaders outside the scheme": "安排之外的领导",
    "fallback": "兜底安排",
    "walk": "顺延",
    "stand-in rule": "代为负责规则",
    "share": "分担",
    "title rule": "职务规则",
    "appointment": "任命",
    "removal": "免职",
    "attestation": "名单记载",
    "roster": "名单",
    "seat": "席位",
    "office": "办公室",
    "role group": "职别分组",
    "founded": "成立",
    "abolished": "撤销",
    # cycles (graph)
    "organisations are parents of each other": "机构互为上级",
    "groups are members of each other": "分组相互包含",
    "documents are published in each other": "公文相互刊载",
    "appointments name each other as predecessor": "任命互为前任",
    # types of a YAML value (yamlio.type_name)
    "a mapping": "映射",
    "a list": "列表",
    "empty": "空值",
    "true/false": "true/false",
    "a number": "数字",
    "text": "文字",
    # kinds of file system entry (loader)
    "a FIFO (named pipe)": "FIFO（命名管道）",
    "a character device": "字符设备",
    "a block device": "块设备",
    "a socket": "套接字",
    "a folder": "目录",
    "not a regular file": "非普通文件",
    # parts of a date
    "quarter": "季度",
    "month": "月份",
    "day": "日",
    # organisation kinds (records.OrganisationKind)
    "government": "政府",
    "department": "部门",
    "street_office": "街道办事处",
    "town": "镇",
    "party": "党的机构",
    "mass_organisation": "群团组织",
    "court": "法院",
    "procuratorate": "检察院",
    "military": "军事机关",
    "sub_unit": "内设机构",
    "school": "学校",
    "hospital": "医院",
    "company": "企业",
    "committee": "委员会",
    "leading_group": "领导小组",
    "joint_meeting": "联席会议",
    "working_group": "工作小组",
    "headquarters": "指挥部",
    "management_committee": "管委会",
    "group": "单位类别",
    "other": "其他机构",
    # 分工 relations (records.leadership.Relation)
    "leads": "领导",
    "in_charge": "分管",
    "assists": "协助分管",
    "liaises": "联系",
}
# Fields whose values are TERMS; every other field is data and is said as it is.
TERM_FIELDS = frozenset({"what", "kind", "other_kind", "type", "relation"})

# The YAML parser's (libyaml's) own words in a GO100 `detail`: its context ("while parsing …")
# and its problem ("did not find …"), phrase by phrase; a phrase not listed stays as it is.
YAML_PHRASES: dict[str, str] = {
    "while parsing a block collection": "解析块序列时",
    "while parsing a block mapping": "解析块映射时",
    "while parsing a block node": "解析块节点时",
    "while parsing a flow mapping": "解析行内映射时",
    "while parsing a flow sequence": "解析行内序列时",
    "while parsing a flow node": "解析行内节点时",
    "while parsing a node": "解析节点时",
    "while parsing a quoted scalar": "解析带引号的值时",
    "while parsing a tag": "解析标签时",
    "while scanning a quoted scalar": "读取带引号的值时",
    "while scanning a plain scalar": "读取不带引号的值时",
    "while scanning a block scalar": "读取块文字时",
    "while scanning a simple key": "读取键时",
    "while scanning an alias": "读取别名时",
    "while scanning an anchor": "读取锚点时",
    "while scanning a directive": "读取指令时",
    "while scanning for the next token": "读取下一个记号时",
    "did not find expected '-' indicator": "没有找到应有的 '-'",
    "did not find expected ',' or '}'": "没有找到应有的 ',' 或 '}'",
    "did not find expected ',' or ']'": "没有找到应有的 ',' 或 ']'",
    "did not find expected key": "没有找到应有的键",
    "did not find expected node content": "没有找到应有的内容",
    "did not find expected comment or line break": "没有找到应有的注释或换行",
    "did not find expected whitespace or line break": "没有找到应有的空白或换行",
    "did not find expected <document start>": "没有找到应有的文档开始",
    "could not find expected ':'": "没有找到应有的 ':'",
    "mapping values are not allowed in this context": "此处不能写映射的值（缺少空格，或值中的冒号需加引号）",
    "block sequence entries are not allowed in this context": "此处不能写列表项",
    "found unexpected end of stream": "文件意外结束（引号或括号未闭合）",
    "found character that cannot start any token": "遇到不能作为开头的字符",
    "found incompatible YAML document": "遇到不兼容的 YAML 文档（版本指令不对）",
    "found a tab character that violates indentation": "制表符破坏了缩进（请用空格缩进）",
    "found a tab character where an indentation space is expected": "应为缩进空格处出现了制表符",
    "found unexpected ':'": "遇到多余的 ':'",
    "found unknown escape character": "遇到未知的转义字符",
    "found undefined alias": "遇到未定义的别名",
    "found duplicate anchor; first occurrence": "锚点重复；首次出现",
    "control characters are not allowed": "不允许控制字符",
    "invalid leading UTF-8 octet": "UTF-8 首字节无效",
    "invalid trailing UTF-8 octet": "UTF-8 后续字节无效",
    "found an incorrect leading UTF-8 octet": "UTF-8 首字节不正确",
    "found an incorrect trailing UTF-8 octet": "UTF-8 后续字节不正确",
    "invalid length of a UTF-8 sequence": "UTF-8 序列长度无效",
    "expected a single document in the stream": "文件中只应有一个文档",
    "unacceptable character": "不可接受的字符",
    "special characters are not allowed": "不允许特殊字符",
}
_POSITION = re.compile(r'\s*in "<unicode string>", position (\d+)')
_YAML_PHRASE_ORDER = sorted(YAML_PHRASES, key=len, reverse=True)


def _yaml_detail(detail: str) -> str:
    for phrase in _YAML_PHRASE_ORDER:
        detail = detail.replace(phrase, YAML_PHRASES[phrase])
    return _POSITION.sub(r"（位置 \1）", detail).replace("时 ", "时，")


# Python's `datetime` words for an impossible date (the `exc` of "… is not a date on the calendar").
DATE_ERRORS: dict[str, str] = {
    "day is out of range for month": "该月没有这一天",
    "month must be in 1..12": "月份须在 1 至 12 之间",
}

SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告"}


class Untranslated(KeyError):
    """A template with no Chinese (raised only when asked to be strict, as the tests do)."""


def say_zh(words: str | Text, *, strict: bool = False) -> str:
    """`words` in Chinese; English words with no Chinese template stay English (or raise
    `Untranslated` when `strict`)."""
    text = words if isinstance(words, Text) else Text(words)
    template = MESSAGES.get(text.template)
    if template is None:
        if strict and text.template:
            raise Untranslated(text.template)
        return str(text)
    if not text.fields:
        return template
    fields = {name: _field(name, value, strict=strict) for name, value in text.fields.items()}
    return template.format(**fields)


def _field(name: str, value: object, *, strict: bool) -> object:
    if isinstance(value, Text):
        return say_zh(value, strict=strict)
    if name == "detail" and isinstance(value, str):
        return _yaml_detail(value)
    if name == "exc" and isinstance(value, str):  # Python's own words about an impossible date
        return DATE_ERRORS.get(value, value)
    if name in TERM_FIELDS and isinstance(value, str):
        if strict and value not in TERMS and value:
            raise Untranslated(f"{name}={value!r}")
        return TERMS.get(value, value)
    return value


def format_zh(p: Problem, *, strict: bool = False) -> str:
    """The problem on one line in Chinese: `file:line:col: 错误 GO202：未知机构 '…'；是否要写 …？`."""
    message = say_zh(p.message_text if p.message_text is not None else p.message, strict=strict)
    text = f"{p.location}: {SEVERITY_ZH[p.severity]} {p.code}：{message}"
    if p.hint:
        text += f"；{say_zh(p.hint_text if p.hint_text is not None else p.hint, strict=strict)}"
    return text


def template_fields(template: str) -> set[str]:
    """The field names a template uses (for the test that Chinese and English use the same)."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


def code_title(code: str, lang: str) -> tuple[str, str]:
    """A code's title and fix in `lang`."""
    return CODES_ZH[code] if lang == "zh" else (CODES[code].title, CODES[code].fix)
