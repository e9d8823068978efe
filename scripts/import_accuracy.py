"""Field-level accuracy of `govorg import` on the notice corpus (tests/import_corpus/).

Each notice NN-name.txt has NN-name.expected.yaml: the records a clerk would write for it
(`document`, the notice's section, `people`), the options the import needs (`options`) and the
notices imported before it into the same folder (`after`). Every leaf value of the expected
records is a field; a field is right when the draft has the same value at the same place, and
every leaf the draft adds where the clerk wrote none counts as a wrong field too.

    python scripts/import_accuracy.py            # one line per notice, then the totals
    python scripts/import_accuracy.py --json

Also checks that every personnel line was either read or listed for review.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from govorg.importer import Draft, NoticeKind, ReviewKind, import_notice, write

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "import_corpus"


@dataclass
class Score:
    notice: str
    right: int = 0
    fields: int = 0
    personnel_lines: int = 0
    accounted: int = 0  # personnel lines read or listed for review
    wrong: list[str] = field(default_factory=list)


def leaves(value: Any, path: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        found: dict[str, Any] = {}
        for key, item in value.items():
            found.update(leaves(item, f"{path}.{key}" if path else str(key)))
        return found
    if isinstance(value, list):
        found = {}
        for i, item in enumerate(value):
            found.update(leaves(item, f"{path}[{i}]"))
        return found
    return {path: str(value)}


def expected_of(notice: Path) -> dict[str, Any]:
    data = YAML(typ="safe").load(notice.with_suffix(".expected.yaml").read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def draft_of(notice: Path, folder: Path) -> Draft:
    spec = expected_of(notice)
    for before in spec.get("after", []):
        prior = CORPUS / f"{before}.txt"
        write(_import(prior, folder, expected_of(prior)), folder)
    return _import(notice, folder, spec)


def _import(notice: Path, folder: Path, spec: dict[str, Any]) -> Draft:
    options = spec.get("options", {})
    kind = NoticeKind(options["kind"]) if "kind" in options else None
    return import_notice(
        notice.read_text(encoding="utf-8"),
        data=folder,
        source=notice.name,
        kind=kind,
        government=options.get("government"),
        date=options.get("date"),
    )


def produced(draft: Draft) -> dict[str, Any]:
    return {"document": draft.document, **draft.body, "people": draft.people}


def score(notice: Path) -> Score:
    spec = expected_of(notice)
    with tempfile.TemporaryDirectory() as tmp:
        draft = draft_of(notice, Path(tmp))
    want = leaves(spec["expected"])
    got = leaves(json.loads(json.dumps(produced(draft), default=str)))
    result = Score(notice.stem)
    for path in sorted(want.keys() | got.keys()):
        result.fields += 1
        if want.get(path) == got.get(path):
            result.right += 1
        else:
            result.wrong.append(f"{path}: expected {want.get(path)!r}, got {got.get(path)!r}")
    unparsed = {item.line for item in draft.review if item.kind is ReviewKind.UNPARSED}
    result.personnel_lines = draft.personnel_lines
    result.accounted = min(draft.personnel_lines, draft.understood + len(unparsed))
    return result


def corpus() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--verbose", action="store_true", help="list every wrong field")
    args = parser.parse_args(argv)
    scores = [score(n) for n in corpus()]
    right, fields = sum(s.right for s in scores), sum(s.fields for s in scores)
    lines, accounted = sum(s.personnel_lines for s in scores), sum(s.accounted for s in scores)
    if args.json:
        print(
            json.dumps(
                {"notices": len(scores), "right": right, "fields": fields, "lines": lines, "accounted": accounted}
            )
        )
        return 0
    for s in scores:
        print(
            f"{s.notice:28} {s.right:4}/{s.fields:<4} fields   {s.accounted}/{s.personnel_lines} personnel lines accounted for"
        )
        if args.verbose:
            for wrong in s.wrong:
                print(f"    {wrong}")
    print(
        f"{len(scores)} notices: {right}/{fields} fields right ({100 * right / fields:.1f}%); "
        f"{accounted}/{lines} personnel lines read or listed for review"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
