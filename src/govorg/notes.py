"""Notes the library appends to answers ("may have left 局长 …"), in a form the CLI can say in
Chinese.

A `Note` is the English text itself (a `str`: the GraphQL API, JSON output and the SQL store
serve it exactly as before) that also remembers its template and fields, so that the CLI's text
catalog (`govorg.cli.text.NOTES`) can say the same note in Chinese from the same fields. A note
read back as a plain string (from the SQL store) is said in English.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


class Note(str):
    """English words for people that keep their template and fields.

    >>> n = Note("may have left {title} ({end})", title="局长", end="2021-06")
    >>> n, n.template, dict(n.fields)
    ('may have left 局长 (2021-06)', 'may have left {title} ({end})', {'title': '局长', 'end': '2021-06'})
    """

    template: str
    fields: Mapping[str, object]

    def __new__(cls, template: str, /, **fields: object) -> Note:
        self = super().__new__(cls, template.format(**fields) if fields else template)
        self.template = template
        self.fields = {k: v if isinstance(v, (str, int)) else str(v) for k, v in fields.items()}
        return self

    def __reduce__(self) -> tuple[object, ...]:
        return (_note, (self.template, dict(self.fields)))


def _note(template: str, fields: dict[str, object]) -> Note:
    return Note(template, **fields)


def joined(notes: Sequence[str]) -> str | None:
    """Several notes as one, `; ` between them (a Note when each part is one)."""
    if not notes:
        return None
    if len(notes) == 1:
        return notes[0]
    template = "; ".join(f"{{n{i}}}" for i in range(len(notes)))
    return Note(template, **{f"n{i}": n for i, n in enumerate(notes)})
