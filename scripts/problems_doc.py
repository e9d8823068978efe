"""Regenerate docs/problems.md from the problem catalogue and the broken-input corpus.

Run from the project root: `python scripts/problems_doc.py > docs/problems.md`. Each example is
the real output of `govorg validate` on the corpus file beside the tiny test registry.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path

from govorg.loader import load
from govorg.problems import CODES
from govorg.problems_zh import CODES_ZH
from govorg.validate import validate

ROOT = Path(__file__).resolve().parents[1]
GROUPS = [
    ("1", "Structure and values of one file"),
    ("2", "References and identity"),
    ("3", "Consistency over time"),
    ("4", "Leadership (分工)"),
    ("5", "Committees"),
]


def examples() -> dict[str, tuple[str, str, str]]:
    found: dict[str, tuple[str, str, str]] = {}
    for case in sorted((ROOT / "tests" / "broken").rglob("*.yaml")):
        code = re.match(rb"# expect: (GO\d{3})", case.read_bytes())
        if not code or code.group(1).decode() in found:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "data"
            shutil.copytree(ROOT / "tests" / "fixtures" / "tiny", data)
            (data / "broken").mkdir()
            shutil.copy(case, data / "broken" / case.name)
            problems = validate(load(data)).problems
        line = next((p for p in problems if p.code == code.group(1).decode()), None)
        if line is not None:
            said = [line.format(lang).replace(str(data), "data").split("data/", 1)[-1] for lang in ("en", "zh")]
            found[line.code] = (case.relative_to(ROOT).as_posix(), "data/" + said[0], "data/" + said[1])
    return found


def main() -> None:
    ex = examples()
    out = [
        "# Problem codes",
        "",
        "`govorg validate` prints every problem as `path:line:col: error|warning CODE: message; hint`",
        "(in Chinese by default, `path:line:col: 错误|警告 CODE：message；hint`; in English with `--lang en`;",
        "the GraphQL API's `problems` are in English). Each code below gives its title and fix in both.",
        "Lines and columns are 1-based and count characters. Errors stop the data from loading; warnings do not.",
        "Each code has a broken example in `tests/broken/` that the test suite checks.",
        "",
    ]
    for digit, title in GROUPS:
        codes = [c for c in CODES if c[2] == digit]
        if not codes:
            continue
        out += [f"# {title}", ""]
        for code in codes:
            info = CODES[code]
            title_zh, fix_zh = CODES_ZH[code]
            out += [f"## {code}: {info.title}", "", f"Severity: {info.severity.value}.", "", f"Fix: {info.fix}.", ""]
            out += [f"中文：{title_zh}。修改：{fix_zh}。", ""]
            if code in ex:
                path, line, line_zh = ex[code]
                out += [f"Example (`{path}`):", "", "```", line, line_zh, "```", ""]
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main()
