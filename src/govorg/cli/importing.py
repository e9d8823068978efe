"""`govorg import`: a notice's text to draft records and a review list (the library does the
reading: `govorg.importer`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govorg.cli.text import note, say, tr
from govorg.importer import AlreadyImported, ImportError_, NoticeKind, ReviewKind, import_notice, write


def add_import_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "notices",
        nargs="+",
        type=Path,
        metavar="NOTICE",
        help=tr("已公布通知的文本文件", "text files of published notices"),
    )
    p.add_argument(
        "--data",
        type=Path,
        required=True,
        help=tr("写入草稿的数据文件夹（可以是空的）", "the data folder to write drafts into (may be empty)"),
    )
    p.add_argument(
        "--kind",
        choices=["auto", *(k.value for k in NoticeKind)],
        default="auto",
        help=tr("通知的类别", "the notice's kind"),
    )
    p.add_argument(
        "--government", help=tr("文本未写明时，这是哪个政府的通知", "whose notice it is, when the text does not say")
    )
    p.add_argument(
        "--date",
        help=tr(
            "文本未印日期时，通知的日期（YYYY-MM-DD 或按原文）",
            "the notice's date, when the text prints none (YYYY-MM-DD or as printed)",
        ),
    )
    p.add_argument(
        "--quiet",
        action="store_true",
        help=tr("只列出推测和未读懂的行，不列跳过的行", "list only guesses and lines not read, not skipped lines"),
    )


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
