"""``reviewer-app export letters --workspace DIR --user NAME --password-file F --out PATH
[--kind exclusion,notice,recertification] [--per-letter] [--date YYYY-MM-DD] [--json]``."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from reviewer_app.commands.common import add_workspace_args
from reviewer_app.errors import InputError

KINDS = ("exclusion", "notice", "recertification")


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "letters",
        help="通知文書(PDF)を書き出す (write the letters to members as PDF)",
        description="除外のお知らせ・書類不備のお知らせ・再認定のご案内を A4 の PDF に"
        "書き出します。審査担当は担当する案件の分だけ。 Writes the exclusion, deficiency and "
        "re-certification letters as A4 PDF (an examiner: the cases they hold).",
    )
    add_workspace_args(parser)
    parser.add_argument("--out", required=True, type=Path, metavar="PATH",
                        help="PDF ファイル、--per-letter ではフォルダ (a PDF, or a folder)")
    parser.add_argument("--kind", default=",".join(KINDS),
                        help=f"種類をカンマ区切りで (comma-separated, default {','.join(KINDS)})")
    parser.add_argument("--per-letter", action="store_true",
                        help="1通ずつ別のPDFにする (one PDF per letter in the folder PATH)")
    parser.add_argument("--date", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                        help="発信日 (the date printed on the letters; default today)")
    parser.add_argument("--json", action="store_true", help="JSONで出力 (print JSON)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reviewer_app.commands.common import print_json, read_password_file
    from reviewer_app.errors import current_language
    from reviewer_app.services.letters import LetterKind, write_letters
    from reviewer_app.services.workspace import open_session

    names = [k.strip() for k in args.kind.split(",") if k.strip()]
    unknown = [k for k in names if k not in KINDS]
    if unknown or not names:
        raise InputError(f"--kind は {', '.join(KINDS)} から選んでください。",
                         f"--kind takes {', '.join(KINDS)}.", code="bad_kind", subject="--kind")
    with open_session(args.workspace, args.user, read_password_file(args.password_file)) as ws:
        summary = write_letters(ws, args.out, [LetterKind(k) for k in names],
                                per_letter=args.per_letter, issued_on=args.date)
    if args.json:
        print_json(summary.as_json())
    elif current_language() == "ja":
        print(f"通知文書を書き出しました: {summary.path} ({summary.letters} 通、"
              f"{summary.files} ファイル)")
    else:
        print(f"Letters written: {summary.path} ({summary.letters} letters, "
              f"{summary.files} files)")
    return 0
