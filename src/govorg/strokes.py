"""Official stroke order (姓氏笔画): how rosters list members "按姓氏笔画为序".

docs/concepts.md, "Official stroke order": sort by the surname's stroke count; ties by the strokes'
types in writing order (横 一, 竖 丨, 撇 丿, 点 丶, 折 乛); people of one surname with a
one-character given name before those with two; then the given name by the same rules.
ICU's `zh@collation=stroke` does not produce it (it puts 孔 before 方 before 王).

The stroke data (count and classes in writing order for every GB 2312 character and more) is
derived from cnchar-order (MIT); see strokes.txt, strokes.LICENSE and scripts/build_strokes.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent
CharKey = tuple[int, str]
NameKey = tuple[CharKey, int, tuple[CharKey, ...]]
_UNKNOWN: CharKey = (999, "")  # a character with no stroke data sorts after every known one


@cache
def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    for name in ("strokes.txt", "strokes_supplement.txt"):
        for line in (_HERE / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                char, _, classes = line.partition("\t")
                table[char] = classes
    return table


def strokes(char: str) -> str | None:
    """The character's stroke classes in writing order, as digits 1-5 (横竖撇点折).

    >>> strokes("王")
    '1121'
    """
    return _table().get(char)


def char_key(char: str) -> CharKey:
    classes = strokes(char)
    return (len(classes), classes) if classes is not None else _UNKNOWN


def name_key(name: str) -> NameKey:
    """Sort key of a person's name in official stroke order (surname = the first character)."""
    name = "".join(name.split())
    surname, given = name[:1], name[1:]
    return (char_key(surname), len(given), tuple(char_key(c) for c in given))


def stroke_sorted(names: Iterable[str]) -> list[str]:
    """Names in official stroke order.

    >>> stroke_sorted(["王岚", "孔令琦", "方志斌"])
    ['王岚', '方志斌', '孔令琦']
    """
    return sorted(names, key=name_key)


def unknown_characters(name: str) -> list[str]:
    """Characters of `name` with no stroke data (they sort last)."""
    return [c for c in "".join(name.split()) if strokes(c) is None]
