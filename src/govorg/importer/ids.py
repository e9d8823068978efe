"""Ids for new records, from the pinyin of their names (pypinyin, MIT).

NOTE for the merge: another branch adds `govorg.ids.suggest_person_id`; `person_id` here is the
importer's own small version and should be replaced by it.
"""

from __future__ import annotations

import re

from pypinyin import Style, lazy_pinyin

_NOT_ID = re.compile(r"[^a-z0-9]+")


def _syllables(text: str, *, initials: bool = False) -> list[str]:
    style = Style.FIRST_LETTER if initials else Style.NORMAL
    parts = [_NOT_ID.sub("", p.lower()) for p in lazy_pinyin(text, style=style, v_to_u=False)]
    return [p for p in parts if p]


# Surnames read otherwise than the character's everyday reading, which pypinyin gives.
_SURNAME_READINGS = {
    "曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "朴": "piao", "区": "ou", "查": "zha",
    "乐": "yue", "盖": "ge", "缪": "miao", "覃": "qin", "尉": "yu", "秘": "bi", "繁": "po", "员": "yun",
}  # fmt: skip


def person_id(name: str) -> str:
    """`wang-wei` for 王伟 (the syllables joined by dashes); `person` when nothing is left.
    A surname with a reading of its own is read as a surname.

    >>> person_id("欧阳 明")
    'ou-yang-ming'
    >>> person_id("曾凡")
    'zeng-fan'
    """
    name = "".join(name.split())
    if name[:1] in _SURNAME_READINGS:
        return "-".join([_SURNAME_READINGS[name[0]], *_syllables(name[1:])])
    return "-".join(_syllables(name)) or "person"


def place_id(name: str) -> str:
    """`qingshixian` for 青石县: one word per place name."""
    return "".join(_syllables(name)) or "gov"


def initials(text: str) -> str:
    """`czj` for 财政局: the first letter of each syllable."""
    return "".join(_syllables(text, initials=True)) or "x"


def unique(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3` … the first not in `taken`; the result is added to it."""
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate
