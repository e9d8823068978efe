"""What an import produces: draft records (plain mappings, in the record format) and the
review list, before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

Record = dict[str, Any]  # one record as it will be written: keys and values of docs/format.md


class NoticeKind(StrEnum):
    APPOINTMENTS = "appointments"  # 任免
    ROSTER = "roster"  # 组成人员
    DIVISION = "division"  # 分工
    PAIRS = "pairs"  # AB角, 互相补位


class ReviewKind(StrEnum):
    GUESS = "guess"  # a value the text did not state, or matched loosely: check it
    SKIPPED = "skipped"  # a line read and left out on purpose (page junk, salutation)
    UNPARSED = "unparsed"  # a personnel line the importer could not read


@dataclass(frozen=True, slots=True)
class ReviewItem:
    line: int  # the notice's line number (0: the notice as a whole)
    kind: ReviewKind
    message: str
    text: str = ""


class ImportError_(ValueError):
    """The notice cannot be imported as asked (no date, no government, unknown kind): a usage
    error, reported with exit code 2."""


@dataclass(slots=True)
class Draft:
    """One imported notice: its document, the section its kind writes, the people and the
    organisation stubs it needs, and everything a clerk should look at."""

    kind: NoticeKind
    source: str  # the notice file as given
    document: Record
    government: str  # id of the government the records belong to
    body: Record = field(default_factory=dict)  # appointments/removals, roster or leadership
    people: list[Record] = field(default_factory=list)
    organisations: list[Record] = field(default_factory=list)
    review: list[ReviewItem] = field(default_factory=list)
    personnel_lines: int = 0  # lines that name people or posts
    understood: int = 0  # of those, the lines read into records

    @property
    def doc_id(self) -> str:
        return str(self.document["id"])

    @property
    def needs_review(self) -> bool:
        return any(item.kind is ReviewKind.UNPARSED for item in self.review) or self.understood < self.personnel_lines

    def guess(self, line: int, message: str, text: str = "") -> None:
        self.review.append(ReviewItem(line, ReviewKind.GUESS, message, text))

    def unparsed(self, line: int, message: str, text: str = "") -> None:
        self.review.append(ReviewItem(line, ReviewKind.UNPARSED, message, text))

    def skipped(self, line: int, message: str, text: str = "") -> None:
        self.review.append(ReviewItem(line, ReviewKind.SKIPPED, message, text))
