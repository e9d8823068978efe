"""`govorg import`: a notice's text to draft records and a review list (the library does the
reading: `govorg.importer`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govorg.cli.text import note, say
from govorg.importer import AlreadyImported, ImportError_, NoticeKind, ReviewKind, import_notice, write


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
            print(f"govorg: {say('import.unreadable', path=path, reason=exc)}", file=sys.stderr)
            return 2
        try:
            draft = import_notice(
                text, data=args.data, source=str(path), kind=kind, government=args.government, date=args.date
            )
            written = write(draft, args.data)
        except (ImportError_, AlreadyImported) as exc:
            print(f"govorg: {exc}", file=sys.stderr)
            return 2
        read_as = say(f"import.kind.{draft.kind.value}")
        print(say("import.read", path=path, kind=read_as, understood=draft.understood, lines=draft.personnel_lines))
        for file in written:
            print(f"  {say('import.wrote', path=file)}")
        for item in sorted(draft.review, key=lambda i: i.line):
            if args.quiet and item.kind is ReviewKind.SKIPPED:
                continue
            text_part = f"{say('import.colon')}{item.text}" if item.text else ""
            label = say(f"import.{item.kind.value}")
            print(f"  {path}:{item.line}: {label}{say('import.colon')}{note(item.message)}{text_part}")
        review = review or draft.needs_review
    return 1 if review else 0
