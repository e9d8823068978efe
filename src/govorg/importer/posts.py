"""Reading a printed post (甲市财政局副局长（试用期一年）) into organisation, title and notes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govorg.importer.text import fold, squeeze

# Title stems, longest first so that 主任委员 wins over 委员 and 大队长 over 队长.
_STEMS = sorted(
    [
        "局长",
        "主任",
        "主任委员",
        "厅长",
        "处长",
        "科长",
        "县长",
        "市长",
        "区长",
        "省长",
        "州长",
        "镇长",
        "乡长",
        "主席",
        "秘书长",
        "书记",
        "校长",
        "院长",
        "检察长",
        "行长",
        "所长",
        "站长",
        "馆长",
        "队长",
        "大队长",
        "支队长",
        "总队长",
        "调研员",
        "巡视员",
        "委员",
        "会长",
        "社长",
        "部长",
        "总经理",
        "董事长",
        "总工程师",
        "总经济师",
        "总会计师",
        "审判员",
        "庭长",
        "督学",
        "总督学",
        "理事长",
        "政委",
        "教导员",
        "指挥长",
        "组长",
        "召集人",
        "秘书",
        "主任科员",
        "团长",
        "常委",
        "专职委员",
        "总编辑",
        "台长",
        "园长",
        "执行董事",
        "监事长",
        "副职",
    ],
    key=len,
    reverse=True,
)
TITLE = re.compile(r"(?:代理)?(?:党组)?(?:常务)?(?:第一)?(?:副)?(?:一级|二级|三级|四级)?(?:" + "|".join(_STEMS) + r")")
_POST = re.compile(r"^(?P<org>.+?)(?P<title>" + TITLE.pattern + r")$")
HEAD_OF_GOVERNMENT = re.compile(r"^(?:代理)?(?:常务)?(?:副)?(?:省|市|县|区|州|镇|乡|旗)长$")
PLACE = re.compile(r"^.+?(?:省|自治区|市|州|盟|县|区|旗|镇|乡|街道)$")
_NOTE = re.compile(r"\(([^()]*)\)$")
_PROBATION = re.compile(r"试用期(?P<n>[一二三六两\d]+)(?P<unit>年|个月)")
_NUMBERS = {"一": 1, "二": 2, "两": 2, "三": 3, "六": 6}


@dataclass(slots=True)
class Post:
    organisation: str  # as printed (folded), e.g. 甲市财政局; "" when the text names none
    title: str
    acting: bool = False  # 代理厅长


@dataclass(slots=True)
class PostText:
    posts: list[Post] = field(default_factory=list)
    probation_months: int | None = None
    confirmation: bool = False  # 试用期满
    rank: str | None = None  # 管理岗位五级职员，相当于正处级
    unread: list[str] = field(default_factory=list)  # parts with no title found


def split_post(text: str) -> Post | None:
    """`甲市财政局副局长` → (甲市财政局, 副局长); None when no title ends the text.

    >>> split_post("东川省交通运输厅代理厅长")
    Post(organisation='东川省交通运输厅', title='厅长', acting=True)
    >>> split_post("副局长")
    Post(organisation='', title='副局长', acting=False)
    """
    text = squeeze(text)
    if TITLE.fullmatch(text):
        return _post("", text)
    m = _POST.match(text)
    # 市公安局分管副局长: the deputy who has the portfolio; the post is 副局长
    return _post(m.group("org").removesuffix("分管"), m.group("title")) if m else None


def _post(org: str, title: str) -> Post:
    acting = title.startswith("代理")
    return Post(org, title.removeprefix("代理"), acting)


def read_posts(text: str) -> PostText:
    """A printed list of posts, with its trailing notes in brackets.

    >>> r = read_posts("甲市财政局局长、甲市水利局副局长(试用期一年)")
    >>> [(p.organisation, p.title) for p in r.posts], r.probation_months
    ([('甲市财政局', '局长'), ('甲市水利局', '副局长')], 12)
    """
    found = PostText()
    text = squeeze(fold(text)).rstrip("。;,，；")
    text = re.sub(r"职务$", "", text)
    while m := _NOTE.search(text):
        note = m.group(1)
        if "试用期满" in note:
            found.confirmation = True
        elif p := _PROBATION.search(note):
            raw = p.group("n")
            n = int(raw) if raw.isdigit() else _NUMBERS.get(raw, 0)
            found.probation_months = n * 12 if p.group("unit") == "年" else n
        elif "级" in note or "相当" in note:
            found.rank = note
        else:
            break  # brackets that are part of a name: 区商务委(经委)
        text = text[: m.start()]
    previous = ""
    for part in re.split(r"[、,，]|兼", text):
        if not part:
            continue
        post = split_post(part)
        if post is None:
            found.unread.append(part)
            continue
        if not post.organisation:
            post.organisation = previous  # 副厅长、代理厅长: the second post is in the same body
        previous = post.organisation
        found.posts.append(post)
    return found
