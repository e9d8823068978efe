"""Import a published notice (任免, 组成人员, 分工, AB角) as draft records and a review list.

`import_notice(text, data=…)` returns a `Draft`; `write(draft, data)` writes it into new files.
The CLI (`govorg import`) only formats what these return.
"""

from __future__ import annotations

from govorg.importer.model import Draft, ImportError_, NoticeKind, ReviewItem, ReviewKind
from govorg.importer.notice import import_notice
from govorg.importer.writer import AlreadyImported, files, write

__all__ = [
    "AlreadyImported",
    "Draft",
    "ImportError_",
    "NoticeKind",
    "ReviewItem",
    "ReviewKind",
    "files",
    "import_notice",
    "write",
]
