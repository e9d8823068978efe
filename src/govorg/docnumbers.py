"""Document numbers (文号): issuer code, year, serial.

docs/concepts.md, "Words": brackets vary in print — 〔2021〕, （2021）, (2021), [2021] — and a serial
may be printed "23 号" with a space. All of them resolve to one canonical form, 甲府办〔2021〕9号.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govorg.problems import Text

_OPEN = "〔（([［【"
_CLOSE = "〕）)]］】"
_PATTERN = re.compile(
    rf"^(?P<issuer>[^\d{re.escape(_OPEN)}]+?)\s*[{re.escape(_OPEN)}]\s*(?P<year>\d{{4}})\s*"
    rf"[{re.escape(_CLOSE)}]\s*(?P<serial>\d+)\s*号$"
)


@dataclass(frozen=True, slots=True)
class DocumentNumber:
    issuer: str
    year: int
    serial: int

    @property
    def canonical(self) -> str:
        return f"{self.issuer}〔{self.year}〕{self.serial}号"

    def __str__(self) -> str:
        return self.canonical


class DocumentNumberError(ValueError):
    """Text that is not a document number in any bracket style."""

    def __init__(self, message: Text) -> None:
        super().__init__(str(message))
        self.text = message


def parse_document_number(text: str) -> DocumentNumber:
    """Parse a 文号 in any bracket style.

    >>> parse_document_number("甲府办(2021)9号").canonical
    '甲府办〔2021〕9号'
    >>> parse_document_number("长府〔2021〕23 号").canonical
    '长府〔2021〕23号'
    """
    m = _PATTERN.match(text.strip())
    if not m:
        raise DocumentNumberError(
            Text("{text!r} is not a document number; write it as printed, e.g. 甲府办〔2021〕15号", text=text)
        )
    issuer = re.sub(r"\s+", "", m.group("issuer"))
    return DocumentNumber(issuer, int(m.group("year")), int(m.group("serial")))


def canonical_number(text: str) -> str | None:
    """The canonical form of a 文号, or None when `text` does not parse."""
    try:
        return parse_document_number(text).canonical
    except DocumentNumberError:
        return None
