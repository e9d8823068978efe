"""`govorg import`: a notice's text to draft records and a review list (the library does the
reading: `govorg.importer`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govorg.importer import AlreadyImported, ImportError_, NoticeKind, ReviewKind, import_notice, write

_LABELS = {ReviewKind.GUESS: "check", ReviewKind.SKIPPED: "skipped", ReviewKind.UNPARSED: "NOT READ"}


def add_import_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("notices", nargs="+", type=Path, metavar="NOTICE", help="text files of published notices")
    p.add_argument("--data", type=Path, required=True, help="the data folder to write drafts into (may be empty)")
    p.add_argument("--kind", choices=["auto", *(k.value for k in NoticeKind)], default="auto", help="the notice's kind")
    p.add_argument("--government", help="whose notice it is, when the text does not say")
    p.add_argument("--date", help="the notice's date, when the text prints none (YYYY-MM-DD or as printed)")
    p.add_argument("--quiet", action="store_true", help="list only guesses and lines not read, not skipped lines")


def cmd_import(args: argparse.Namespace) -> int:
    kind = None if args.kind == "auto" else NoticeKind(args.kind)
    review = False
    for path in args.notices:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"govorg: {path}: cannot read: {exc}", file=sys.stderr)
            return 2
        try:
            draft = import_notice(
                text, data=args.data, source=str(path), kind=kind, government=args.government, date=args.date
            )
            written = write(draft, args.data)
        except (ImportError_, AlreadyImported) as exc:
            print(f"govorg: {exc}", file=sys.stderr)
            return 2
        print(f"{path}: {draft.kind.value}, {draft.understood}/{draft.personnel_lines} personnel lines read")
        for file in written:
            print(f"  wrote {file}")
        for item in sorted(draft.review, key=lambda i: i.line):
            if args.quiet and item.kind is ReviewKind.SKIPPED:
                continue
            text_part = f": {item.text}" if item.text else ""
            print(f"  {path}:{item.line}: {_LABELS[item.kind]}: {item.message}{text_part}")
        review = review or draft.needs_review
    return 1 if review else 0
