"""Name keys: how a printed name is matched to one id (DOMAIN.md principle 4).

Print varies in ways that do not change the name: "王 峰" is 王峰, 区民防办（人防办） and
区民防办(人防办) are the same text, full-width and half-width forms are the same characters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=65536)  # queries repeat names; NFKC is the cost of every lookup
def name_key(text: str) -> str:
    """The matching key of an organisation, post title or person name.

    >>> name_key("王 峰") == name_key("王峰")
    True
    >>> name_key("区民防办（人防办）") == name_key("区民防办(人防办)")
    True
    """
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))
