"""`govorg fmt`: rewrite record files in one layout, keeping every comment and value.

The layout: keys in the order the record's parser reads them (id and names first, as the parsers
ask for them), two-space indentation with list dashes indented under their key, and quotes only
where YAML needs them to keep a value text. The order comes from watching the parsers read the
file (`recordschema.parser_view`), not from a hand-written list. Keys a parser does not know are
kept, after the known ones, so that `govorg validate` can still point at them.

This is the one module that writes YAML (ruamel.yaml's round-trip mode keeps comments);
`yamlio` is the one that reads it for records.
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from govorg.recordschema import ParserView, parser_view


class FormatError(Exception):
    """The file is not YAML that can be rewritten (fmt leaves it alone)."""


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never fold a long printed line: the clerk's line breaks are the notice's
    yaml.preserve_quotes = False
    yaml.allow_unicode = True
    return yaml


def _reorder(node: Any, view: ParserView) -> None:
    if isinstance(node, CommentedMap):
        kind = view.kind_at.get((node.lc.line + 1, node.lc.col + 1))
        if kind is not None:
            known = [k for k in view.order.get(kind, []) if k in node]
            rest = [k for k in node if k not in known]
            for key in known + rest:
                node.move_to_end(key)
        for value in node.values():
            _reorder(value, view)
    elif isinstance(node, CommentedSeq):
        for item in node:
            _reorder(item, view)


def format_text(text: str, display: str = "<text>") -> str:
    """The file's text in the house layout; the same text when it already is.

    >>> print(format_text("format: 1\\npeople:\\n- name: 王峰  # as printed\\n  id: wang-feng\\n"), end="")
    format: 1
    people:
      - id: wang-feng
        name: 王峰 # as printed
    """
    yaml = _yaml()
    try:
        data = yaml.load(text)
    except Exception as exc:  # ruamel raises many error types; any of them means: leave the file alone
        raise FormatError(
            f"{display}: not valid YAML ({type(exc).__name__}); run `govorg validate` for details"
        ) from None
    if data is None:
        return text
    _reorder(data, parser_view(text, display))
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def append_to_section(text: str, section: str, entry: str) -> str | None:
    """`text` with one flow-style `entry` added at the end of the top-level block list
    `section`, leaving every other line as it was; None when the list is not the file's last
    section or is not a block list (the caller then writes a new file)."""
    try:
        data = _yaml().load(text)
    except Exception:
        return None
    if not isinstance(data, CommentedMap) or not data or list(data)[-1] != section:
        return None
    items = data[section]
    if not isinstance(items, CommentedSeq) or not items or items.fa.flow_style():
        return None
    lines = text.splitlines()
    first = lines[items.lc.line] if items.lc.line < len(lines) else ""
    if not first.lstrip().startswith("-"):
        return None
    dash = len(first) - len(first.lstrip(" "))  # the same indentation as the list's first item
    body = text if text.endswith("\n") else text + "\n"
    return body + " " * dash + "- " + entry + "\n"
