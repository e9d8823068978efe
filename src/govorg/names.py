"""Name keys: how a printed name is matched to one id (one thing, one id).

Print varies in ways that do not change the name, and the key folds each of them:

- spaces of any kind, where a clerk padded a two-character name to the width of three
  (龚 正, 龚\u3000正, with non-breaking or zero-width spaces too);
- full-width and half-width forms: 区民防办（人防办） is 区民防办(人防办) (Unicode NFKC);
- the middle dot of a transliterated name: 艾力更·依明巴海 is printed with ·, •, ‧, ・, ．
  or a plain full stop, and all of them fold to ·;
- Traditional script: 龔正 is 龚正 (OpenCC's t2s conversion);
- variant characters OpenCC leaves alone: 艶 is 艳, 髙 is 高 (the table in variants.txt).

The key is for matching only; records and answers keep the printed forms.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

import opencc

_HERE = Path(__file__).resolve().parent

# str.split() drops every kind of space (U+3000 ideographic, NBSP, tabs); zero-width spaces and
# the BOM are format characters, not spaces, that copy-and-paste from web notices leaves in names.
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"

# After NFKC: ･ (U+FF65) is ・ (U+30FB) and ． (U+FF0E) is ".". 丶 (U+4E36) is left alone: it is
# a character (a radical), and a name printed with it is matched through `printed:`.
_DOTS = "\u00b7\u2022\u2027\u30fb\u2219\u22c5\u2e31\u0387."
MIDDLE_DOT = "\u00b7"

# Characters that OpenCC's t2s would change but that are standard simplified characters for
# names (于 and 於 are two surnames; 乾, 昇 and 陞 are given-name characters, 麴 a surname).
# Converting them would make two people one; they are kept as printed.
KEPT = "乾於昇陞麴"
_KEPT = re.compile(f"([{KEPT}])")

# The other characters of GB 2312 (the everyday simplified set) that t2s changes: text of GB 2312
# characters without any of these is already simplified, and skips OpenCC (a few microseconds a
# name). A test recomputes this list from OpenCC, so an upgrade that changes it is noticed.
CHANGED_IN_GB2312 = "菸薹拚捱摺吒後徵夥榘袷醣麽"
_CHANGED = re.compile(f"[{CHANGED_IN_GB2312}]")


def _fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(dot): MIDDLE_DOT for dot in _DOTS}
    table.update((ord(space), None) for space in _ZERO_WIDTH)
    for line in (_HERE / "variants.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            variant, standard = line.split()[:2]
            table[ord(variant)] = standard
    return table


_FOLD = _fold_table()
_FOLDABLE = re.compile("[" + re.escape("".join(map(chr, _FOLD))) + "]")  # a search is cheaper than translate


@cache
def _t2s() -> opencc.OpenCC:
    # Built on first use (a third of a millisecond); OpenCC's converter is read-only afterwards.
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional script to Simplified, keeping the characters in `KEPT` as printed.

    >>> to_simplified("龔正")
    '龚正'
    >>> to_simplified("於乾")
    '於乾'
    """
    convert = _t2s().convert
    if not _KEPT.search(text):
        return str(convert(text))
    return "".join(part if part and part in KEPT else str(convert(part)) for part in _KEPT.split(text))


@lru_cache(maxsize=65536)  # every lookup of every query computes a key; names repeat
def name_key(text: str) -> str:
    """The matching key of an organisation, post title or person name.

    >>> name_key("王 峰") == name_key("王峰")
    True
    >>> name_key("区民防办（人防办）") == name_key("区民防办(人防办)")
    True
    >>> name_key("龔\u3000正") == name_key("龚正")
    True
    >>> name_key("艾力更•依明巴海") == name_key("艾力更·依明巴海")
    True
    """
    text = "".join(unicodedata.normalize("NFKC", text).split())
    if text.isascii():  # ids and Latin text: nothing else to fold
        return text
    if _FOLDABLE.search(text):
        text = text.translate(_FOLD)
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        return to_simplified(text)  # Traditional, variant or rare characters (or a middle dot)
    return to_simplified(text) if _CHANGED.search(text) else text
