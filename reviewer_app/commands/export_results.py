"""``reviewer-app export results --workspace DIR --user NAME --password-file F --out FILE
[--all] [--json]``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reviewer_app.commands.common import add_workspace_args


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "results",
        help="Webシステムへ結果を書き出す (write the results bundle; supervisor or admin)",
        description="前回の書き出しから変わった被扶養者の状態と不備連絡を、署名・暗号化した"
        "結果バンドルに書き出します。 Writes the dependents whose state changed since the "
        "last results export, signed and encrypted for the web system.",
    )
    add_workspace_args(parser)
    parser.add_argument("--out", required=True, type=Path, metavar="FILE",
                        help="書き出すファイル (the bundle to write, e.g. results-0001.zip)")
    parser.add_argument("--all", action="store_true",
                        help="変更の有無にかかわらず全件を書き出す (everything again)")
    parser.add_argument("--json", action="store_true", help="JSONで出力 (print JSON)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reviewer_app.commands.common import print_json, read_password_file
    from reviewer_app.errors import current_language
    from reviewer_app.services.results import export_results
    from reviewer_app.services.workspace import open_session

    with open_session(args.workspace, args.user, read_password_file(args.password_file)) as ws:
        summary = export_results(ws, args.out, full=args.all)
    if args.json:
        print_json(summary.as_json())
        return 0
    counts = ", ".join(f"{k} {v}" for k, v in sorted(summary.by_status.items())) or "-"
    if current_language() == "ja":
        print(f"結果を書き出しました: {summary.path} (通番 {summary.sequence}"
              f"{'、全件' if summary.full else ''})")
        print(f"  被扶養者 {summary.dependents} 件 ({counts})、不備連絡 {summary.notices} 件")
    else:
        print(f"Results written: {summary.path} (sequence {summary.sequence}"
              f"{', everything' if summary.full else ''})")
        print(f"  {summary.dependents} dependents ({counts}), {summary.notices} notices")
    return 0
