"""Draft records as YAML text (plain string building: only `govorg.yamlio` reads YAML), into
new files that never replace a clerk's."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from govorg.importer.model import Draft, Record

_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`0-9][^:#,\[\]{}\n]*$")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?|-Q[1-4])?(?:\.\.\d{4}(?:-\d{2}(?:-\d{2})?)?)?$")
_RESERVED = {"true", "false", "yes", "no", "null", "on", "off", "y", "n", "~"}


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _DATE.match(text):
        return text
    if _PLAIN.match(text) and text.lower() not in _RESERVED and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow(value: Any) -> str | None:
    """A short list of scalars or a mapping of scalars on one line; None when it is nested."""
    if isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    if isinstance(value, dict) and all(not isinstance(v, dict | list) for v in value.values()):
        return "{" + ", ".join(f"{k}: {scalar(v)}" for k, v in value.items()) + "}"
    return None


def emit(value: Any, indent: int = 0) -> list[str]:
    """Block YAML for `value`, its keys at `indent`; lists of scalars and small mappings flow."""
    pad = " " * indent
    out: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            flow = _flow(item) if isinstance(item, dict | list) else None
            if flow is not None and (len(flow) < 100 or isinstance(item, list)):
                out.append(f"{pad}{key}: {flow}")
            elif isinstance(item, dict):
                out.append(f"{pad}{key}:")
                out.extend(emit(item, indent + 2))
            elif isinstance(item, list):
                out.append(f"{pad}{key}:")
                out.extend(emit(item, indent))
            else:
                out.append(f"{pad}{key}: {scalar(item)}")
    elif isinstance(value, list):
        for item in value:
            flow = _flow(item) if isinstance(item, dict | list) else scalar(item)
            if flow is not None and len(flow) < 100:
                out.append(f"{pad}  - {flow}")
            else:
                inner = emit(item, indent + 4)
                out.append(f"{pad}  - {inner[0].lstrip()}")
                out.extend(inner[1:])
    return out


def document(parts: Record) -> str:
    return "\n".join(["format: 1", *emit(parts)]) + "\n"


def files(draft: Draft) -> dict[str, str]:
    """Relative path -> YAML text, for every file the draft writes."""
    doc = draft.doc_id.replace("/", "-")
    written = {
        f"imported/{doc}.yaml": document({"government": draft.government, "document": draft.document, **draft.body})
    }
    if draft.people:
        written[f"people/imported-{doc}.yaml"] = document({"people": draft.people})
    if draft.organisations:
        written[f"organisations/imported-{doc}.yaml"] = document(
            {"government": draft.government, "organisations": draft.organisations}
        )
    return written


class AlreadyImported(FileExistsError):
    """A file the import would write exists: the notice was imported before."""


def write(draft: Draft, data: Path) -> list[Path]:
    """Write the draft's files into `data`; refuses (writing nothing) when any exists."""
    planned = {data / rel: text for rel, text in files(draft).items()}
    if existing := [p for p in planned if p.exists()]:
        raise AlreadyImported(f"{existing[0]} exists: this notice was imported already (remove the drafts to redo)")
    for path, text in planned.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(planned)
