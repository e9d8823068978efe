"""A deterministic synthetic registry that looks like the real thing, at a chosen size.

Districts × units (with short and 牌子 names) × posts (one head, several deputies) × 30 years
of quarter-dated 任免 lists: appointments (some on probation, confirmed a year later), removals
of the previous holder in the same list, people who move from post to post, and a few exact
dates. Each district also gets a 分工 notice every five years (five leaders, units split among
them, stand-in pairs) and a committee whose seats are bound to the units' head posts, with a
roster notice every three years (so seats pass by 自然替补 in between). The output is valid
under `govorg validate`; the same `--tenures` and `--seed` always write the same files.
"""

from __future__ import annotations

import heapq
import random
from dataclasses import dataclass, field
from pathlib import Path

FIRST_YEAR = 1995
YEARS = 30
QUARTERS = YEARS * 4

_UNITS = [
    ("财政局", "department", None),
    ("教育局", "department", None),
    ("民政局", "department", "社会组织管理局"),
    ("建设和管理委员会", "department", "交通委员会"),
    ("商务委员会", "department", "经济委员会"),
    ("住房保障和房屋管理局", "department", None),
    ("卫生健康委员会", "department", "中医药办公室"),
    ("市场监督管理局", "department", "知识产权局"),
    ("应急管理局", "department", None),
    ("司法局", "department", None),
    ("审计局", "department", None),
    ("体育局", "department", None),
    ("统计局", "department", None),
    ("文化和旅游局", "department", None),
    ("生态环境局", "department", None),
    ("民防办公室", "department", "人民防空办公室"),
]
_HEADS = {"委员会": "主任", "办公室": "主任", "局": "局长"}
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
_GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红文辉玉兰海燕鹏飞晓东立新春梅宏斌晨阳"


def _quarter_text(q: int) -> str:
    return f"{FIRST_YEAR + q // 4}-Q{q % 4 + 1}"


def _numeral(n: int) -> str:
    """A district number in Chinese digits: 文号 issuer codes carry no Arabic digits."""
    return "".join("〇一二三四五六七八九"[int(c)] for c in str(n))


def _head_title(unit: str) -> str:
    for suffix, title in _HEADS.items():
        if unit.endswith(suffix):
            return title
    return "主任"


@dataclass(slots=True)
class _Slot:
    org: str
    org_name: str
    title: str


@dataclass(slots=True)
class _District:
    number: int
    rows: dict[int, list[str]] = field(default_factory=dict)  # quarter -> YAML row lines
    heads: list[int] = field(default_factory=list)  # slot numbers of the units' head posts


@dataclass(slots=True)
class SynthResult:
    files: int
    tenures: int
    people: int
    organisations: int


def synthesize(out: Path, *, tenures: int, seed: int = 1) -> SynthResult:
    """Write a registry of about `tenures` tenures under `out` (which must be empty or absent)."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for folder in ("documents", "organisations", "people", "appointments", "committees", "leadership"):
        (out / folder).mkdir(exist_ok=True)

    slots_needed = max(1, round(tenures / 7.5))  # a slot holds ~7.5 tenures over 30 years
    slots_per_unit = 5
    units_per_district = len(_UNITS)
    districts = max(1, -(-slots_needed // (slots_per_unit * units_per_district)))

    org_lines: list[str] = []
    slots: list[tuple[_District, _Slot]] = []
    district_objs: list[_District] = []
    for d in range(1, districts + 1):
        district = _District(d)
        district_objs.append(district)
        gov = f"d{d}-gov"
        org_lines.append(f"  - {{id: {gov}, name: 第{d}区人民政府, short: [第{d}区政府], kind: government}}")
        org_lines.append(f"  - {{id: d{d}-committee, name: 第{d}区未成年人保护委员会, kind: committee, parent: {gov}}}")
        for u, (unit, kind, brand) in enumerate(_UNITS):
            org_id = f"d{d}-u{u}"
            name = f"第{d}区{unit}"
            short = f"第{d}区{unit.replace('和', '').replace('委员会', '委').replace('办公室', '办')}"
            line = f"  - {{id: {org_id}, name: {name}, short: [{short}]"
            if brand:
                line += f", brands: [第{d}区{brand}]"
            org_lines.append(line + f", kind: {kind}, parent: {gov}}}")
            district.heads.append(len(slots))
            slots.append((district, _Slot(org_id, name, _head_title(unit))))
            for _ in range(slots_per_unit - 1):
                slots.append((district, _Slot(org_id, short, "副" + _head_title(unit))))
    _write_split(out / "organisations", "organisations", org_lines)

    # Chronological simulation: each slot's tenure ends at a quarter; people freed by a
    # removal may be appointed elsewhere later (careers), others are new.
    people: list[str] = []
    free: list[str] = []
    made = 0
    heap: list[tuple[int, int, str | None]] = []  # (quarter the slot frees up, slot, its holder)
    held: dict[int, list[tuple[int, int, str]]] = {}  # slot -> (from quarter, until quarter, person)
    for n in range(len(slots)):
        heapq.heappush(heap, (rng.randrange(0, 8), n, None))
    while heap and made < tenures:
        quarter, n, holder = heapq.heappop(heap)
        if quarter >= QUARTERS:
            continue
        district, slot = slots[n]
        rows = district.rows.setdefault(quarter, [])
        post = f"{{organisation: {slot.org_name}, title: {slot.title}}}"
        if free and rng.random() < 0.4:
            person = free.pop(rng.randrange(len(free)))
        else:
            person = f"p{len(people) + 1}"
            people.append(person)
        if holder is not None:  # freed after the choice: nobody is re-appointed to the post they leave
            rows.append(f"removal|{holder}|{post}")
            free.append(holder)
        on_probation = rng.random() < 0.3
        exact = rng.random() < 0.1
        date = f"{_quarter_text(quarter)[:4]}-{3 * (quarter % 4) + 1:02d}-15" if exact else None
        rows.append(f"appointment|{person}|{post}|{int(on_probation)}|{date or ''}")
        if on_probation and quarter + 4 < QUARTERS:
            district.rows.setdefault(quarter + 4, []).append(f"confirmation|{person}|{post}")
        made += 1
        length = rng.randint(8, 24)
        held.setdefault(n, []).append((quarter, quarter + length, person))
        heapq.heappush(heap, (quarter + length, n, person))

    # A person freed and re-appointed keeps one id; confirmations must come after appointments
    # of the same tenure, which the +4 quarter offset guarantees.
    for district in district_objs:
        for quarter in sorted(district.rows):
            _write_list(out, district.number, quarter, district.rows[quarter])
    leaders = _write_governance(out, district_objs, slots, held, rng)
    _write_people(out, people + leaders, rng)
    (out / "documents" / "gazettes.yaml").write_text(
        "format: 1\ndocuments:\n  - {id: synthetic-gazette, title: 合成公报, date: 2025-01-01, kind: gazette}\n",
        encoding="utf-8",
    )
    return SynthResult(
        files=sum(1 for _ in out.rglob("*.yaml")),
        tenures=made,
        people=len(people) + len(leaders),
        organisations=districts * (len(_UNITS) + 2),  # the government, its committee, its units
    )


def _write_governance(
    out: Path,
    districts: list[_District],
    slots: list[tuple[_District, _Slot]],
    held: dict[int, list[tuple[int, int, str]]],
    rng: random.Random,
) -> list[str]:
    """分工 notices every five years and committee rosters every three, per district."""
    leaders: list[str] = []
    for district in districts:
        d = district.number
        cast = [f"d{d}-leader-{k}" for k in range(1, 6)]
        leaders.extend(cast)
        for year in range(FIRST_YEAR + 1, FIRST_YEAR + YEARS, 5):
            if rng.random() < 0.5:  # some leaders change between notices
                k = rng.randrange(1, 5)
                cast[k] = f"d{d}-leader-{year}-{k}"
                leaders.append(cast[k])
            units = [slots[h][1].org_name for h in district.heads]
            lines = [
                "format: 1",
                "document:",
                f"  id: d{d}-fengong-{year}",
                f"  number: {_numeral(d)}区府办〔{year}〕{d % 50 + 1}号",
                f"  title: 第{d}区关于调整区政府领导工作分工的通知",
                f"  date: {year}-03-01",
                "leadership:",
                f"  government: d{d}-gov",
                "  leaders:",
                f"    - {{person: {cast[0]}, leads: [d{d}-gov], in_charge: [{units[0]}]}}",
            ]
            for k in range(1, 5):
                mine = units[k::4] if k < 4 else units[4::4] + units[1:1]
                mine = [u for i, u in enumerate(units[1:], 1) if i % 4 == k % 4]
                lines.append(f"    - {{person: {cast[k]}, in_charge: [{', '.join(mine)}], work: [重点项目{k}]}}")
            lines += [
                "  stand_ins:",
                f"    - [{cast[0]}, {cast[1]}]",
                f"    - [{cast[1]}, {cast[2]}]",
                f"    - [{cast[3]}, {cast[4]}]",
            ]
            path = out / "leadership" / f"d{d:04d}" / f"{year}.yaml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        for year in range(FIRST_YEAR + 2, FIRST_YEAR + YEARS, 3):
            quarter = (year - FIRST_YEAR) * 4 + 2  # a roster dated 1 July: inside Q3
            seats: list[str] = []
            for n in district.heads[:8]:
                slot = slots[n][1]
                holder = next((p for lo, hi, p in held.get(n, ()) if lo < quarter < hi), None)
                post = f"{{organisation: {slot.org_name}, title: {slot.title}}}"
                role = "主任" if not seats else "委员"
                if holder is None:  # nobody certainly holds the post that day: a seat naming only the post
                    seats.append(f"    - {{role: {role}, post: {post}}}")
                else:
                    seats.append(f"    - {{role: {role}, member: {holder}, post: {post}}}")
            lines = [
                "format: 1",
                "document:",
                f"  id: d{d}-committee-{year}",
                f"  title: 第{d}区关于调整未成年人保护委员会的通知",
                f"  date: {year}-07-01",
                "roster:",
                f"  committee: d{d}-committee",
                "  succession: natural",
                "  seats:",
                *seats,
            ]
            path = out / "committees" / f"d{d:04d}" / f"{year}.yaml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return leaders


def _write_list(out: Path, district: int, quarter: int, rows: list[str]) -> None:
    when = _quarter_text(quarter)
    doc_id = f"d{district}-renmian-{when}"
    lines = [
        "format: 1",
        "document:",
        f"  id: {doc_id}",
        f"  number: {_numeral(district)}区府任〔{FIRST_YEAR + quarter // 4}〕{quarter % 4 + 1}号",
        f"  title: 第{district}区{when}人事任免事项",
        f"  date: {when}",
        "  kind: table",
        "  published_in: synthetic-gazette",
        f"  page: {quarter % 40 + 1}",
    ]
    kinds: dict[str, list[str]] = {"appointments": [], "removals": []}
    for n, row in enumerate(rows, 1):
        kind, person, post, *rest = row.split("|")
        if kind == "removal":
            kinds["removals"].append(f"  - {{row: {n}, person: {person}, post: {post}}}")
        elif kind == "confirmation":
            kinds["appointments"].append(f"  - {{row: {n}, person: {person}, post: {post}, confirmation: true}}")
        else:
            probation, date = rest
            extra = ", probation_months: 12" if probation == "1" else ""
            extra += f", date: {date}" if date else ""
            kinds["appointments"].append(f"  - {{row: {n}, person: {person}, post: {post}{extra}}}")
    for section, items in kinds.items():
        if items:
            lines.append(f"{section}:")
            lines.extend(items)
    path = out / "appointments" / f"d{district:04d}" / f"{when}.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_people(out: Path, people: list[str], rng: random.Random) -> None:
    lines = []
    for person in people:
        name = rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.randint(1, 2)))
        lines.append(f"  - {{id: {person}, name: {name}}}")
    _write_split(out / "people", "people", lines)


# Records a file of the people or organisations lists holds: a million tenures need ~670,000
# people, whose one file (~22 MB) the loader would refuse (files over MAX_FILE_BYTES, GO120).
PER_FILE = 50_000


def _write_split(folder: Path, key: str, rows: list[str]) -> None:
    """`rows` (list items of `key`) in files of at most PER_FILE: synthetic.yaml, then
    synthetic-2.yaml, …"""
    for n, first in enumerate(range(0, max(len(rows), 1), PER_FILE), start=1):
        name = "synthetic.yaml" if n == 1 else f"synthetic-{n}.yaml"
        text = "\n".join(["format: 1", f"{key}:", *rows[first : first + PER_FILE]]) + "\n"
        (folder / name).write_text(text, encoding="utf-8")
