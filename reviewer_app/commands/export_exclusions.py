"""``reviewer-app export exclusions --workspace DIR --user NAME --password-file F
--format csv|xlsx --out FILE``: the exclusion list (除外者一覧) for the society."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reviewer_app.commands.common import add_workspace_args
from reviewer_app.exports.exclusion_list import FORMATS  # standard library only until xlsx


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "exclusions",
        help="除外者一覧を書き出す (write the exclusion list)",
        description="承認済みの扶養除外を1件1行で書き出します。CSV は UTF-8 (BOM付き)・CRLF で、"
                    "Excel でそのまま開けます (one row per approved exclusion; "
                    "see docs/exports.md).",
    )
    add_workspace_args(parser)
    parser.add_argument("--format", required=True, choices=FORMATS, dest="fmt",
                        help="ファイル形式 (file format)")
    parser.add_argument("--out", required=True, type=Path, metavar="FILE",
                        help="書き出すファイル (output file; replaced if it exists)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reviewer_app.commands.common import read_password_file
    from reviewer_app.errors import current_language
    from reviewer_app.services.exclusion_list import write_exclusion_list
    from reviewer_app.services.workspace import open_session

    password = read_password_file(args.password_file)
    with open_session(args.workspace, args.user, password) as ws:
        count = write_exclusion_list(ws, args.out, args.fmt)
    if current_language() == "ja":
        print(f"除外者一覧を {args.out} に書き出しました（{count}件）。")
    else:
        print(f"Wrote the exclusion list to {args.out} ({count} rows).")
    return 0
