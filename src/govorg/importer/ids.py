"""Ids for the records an import drafts: places and bodies from the pinyin of their names
(pypinyin, MIT); people use `govorg.ids.base_person_id`, the one rule `govorg new person` uses too.
"""

from __future__ import annotations

import re

_NOT_ID = re.compile(r"[^a-z0-9]+")


def _syllables(text: str, *, initials: bool = False) -> list[str]:
    from pypinyin import Style, lazy_pinyin  # on first use: its dictionaries take ~0.4 s to load

    style = Style.FIRST_LETTER if initials else Style.NORMAL
    parts = [_NOT_ID.sub("", p.lower()) for p in lazy_pinyin(text, style=style, v_to_u=False)]
    return [p for p in parts if p]


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
