"""Person ids from names: the pinyin of the name, surname first (王峰 -> wang-feng).

The convention clerks follow: ASCII pinyin without tones, the surname (one or two characters)
before a hyphen and the given name after it, ü written v (吕明 -> lv-ming). A name that is not
Han (艾力更・依明巴海) keeps its parts: each part is one word (ailigeng-yimingbahai). An id that is
taken gets the first free numbered suffix (wang-feng-2): two people may share a name, never an
id. Ids never change once used, so this only suggests one for a new person.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Two-character surnames (复姓): the id joins them (欧阳娜娜 -> ouyang-nana).
COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "皇甫",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "夏侯",
        "令狐",
        "慕容",
        "尉迟",
        "公孙",
        "长孙",
        "宇文",
        "司徒",
        "司空",
        "澹台",
        "端木",
        "西门",
        "独孤",
        "南宫",
        "万俟",
        "闻人",
        "轩辕",
        "钟离",
        "呼延",
        "申屠",
        "太史",
        "赫连",
        "拓跋",
        "百里",
        "东郭",
        "鲜于",
        "公羊",
        "濮阳",
        "淳于",
        "单于",
        "第五",
    ]
)

# Surnames whose reading differs from the character's common reading (单 shàn, not dān).
SURNAME_READINGS = {
    "单": "shan",
    "曾": "zeng",
    "解": "xie",
    "仇": "qiu",
    "区": "ou",
    "朴": "piao",
    "查": "zha",
    "翟": "zhai",
    "乐": "yue",
    "覃": "qin",
    "盖": "ge",
    "缪": "miao",
    "尉": "yu",
    "召": "shao",
    "种": "chong",
    "重": "chong",
    "长": "chang",
    "黑": "he",
    "藏": "zang",
    "石": "shi",
    "沈": "shen",
    "秘": "bi",
    "万俟": "moqi",
    "尉迟": "yuchi",
    "单于": "chanyu",
}

_SEPARATORS = re.compile(r"[・·•．.\-‧]+")
_SPACES = re.compile(r"\s+")


def _syllables(text: str) -> str:
    # imported here: pypinyin's dictionaries take ~0.4 s to load, which every `govorg serve` paid
    from pypinyin import Style, lazy_pinyin

    words = lazy_pinyin(text, style=Style.NORMAL, v_to_u=False, errors="ignore")
    return "".join(w.replace("ü", "v") for w in words).lower()


def _ascii_word(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def base_person_id(name: str) -> str:
    """The id a name suggests, before checking whether it is taken.

    >>> base_person_id("王 峰"), base_person_id("欧阳娜娜"), base_person_id("单雄"), base_person_id("吕明")
    ('wang-feng', 'ouyang-nana', 'shan-xiong', 'lv-ming')
    >>> base_person_id("艾力更・依明巴海")
    'ailigeng-yimingbahai'
    """
    name = _SPACES.sub("", name)
    parts = [p for p in _SEPARATORS.split(name) if p]
    if len(parts) > 1:  # a transliterated name: its parts as printed
        words = [_ascii_word(_syllables(p)) for p in parts]
        return "-".join(w for w in words if w) or "person"
    surname_length = 2 if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else 1
    surname, given = name[:surname_length], name[surname_length:]
    surname_word = SURNAME_READINGS.get(surname) or _syllables(surname)
    words = [_ascii_word(surname_word), _ascii_word(_syllables(given))]
    return "-".join(w for w in words if w) or "person"


def suggest_person_id(name: str, existing_ids: Iterable[str]) -> str:
    """A free id for a new person named `name`: the pinyin, with a numbered suffix when taken.

    >>> suggest_person_id("王峰", {"wang-feng"})
    'wang-feng-2'
    >>> suggest_person_id("王峰", {"wang-feng", "wang-feng-2"})
    'wang-feng-3'
    >>> suggest_person_id("李东", set())
    'li-dong'
    """
    taken = set(existing_ids)
    base = base_person_id(name)
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
