"""``reviewer-app import --workspace DIR --user NAME --password-file F [--json] BUNDLE``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reviewer_app.commands.common import add_workspace_args


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import",
        help="エクスポートバンドルを取り込む (import an export bundle)",
        description="WEBシステムのバンドルを検証し、すべてを1つのトランザクションで取り込みます。"
                    "拒否した場合は何も保存しません (verifies the bundle and stores all of it in "
                    "one transaction, or nothing).",
    )
    add_workspace_args(parser)
    parser.add_argument("--json", action="store_true", help="結果をJSONで出力 (print JSON)")
    parser.add_argument("bundle", type=Path, metavar="BUNDLE", help="バンドルのzip (bundle file)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reviewer_app.commands.common import print_json, read_password_file
    from reviewer_app.errors import InputError
    from reviewer_app.services.importing import import_bundle
    from reviewer_app.services.workspace import open_session

    bundle: Path = args.bundle
    if not bundle.is_file():
        raise InputError(
            f"バンドル {bundle} が見つかりません。パスを確かめてください。",
            f"The bundle {bundle} does not exist. Check the path.",
            code="bundle_not_found", subject=str(bundle),
        )
    password = read_password_file(args.password_file)
    with open_session(args.workspace, args.user, password) as ws:
        summary = import_bundle(ws, bundle)
    if args.json:
        print_json(summary.as_json())
        return 0
    out = sys.stdout
    if summary.already_imported:
        out.write(f"このバンドル（{summary.bundle_id}）は取込済みです。変更はありません。\n")
    out.write(
        f"取込 {summary.bundle_id}: 被保険者 {summary.members} 名、"
        f"被扶養者 {summary.dependents} 名、"
        f"添付 {summary.attachments} 件、{summary.bytes:,} バイト\n"
        f"  新規 {summary.new}、更新 {summary.updated}、変更なし {summary.unchanged}、"
        f"旧版（無視） {summary.outdated}\n"
    )
    if summary.flagged_cases:
        out.write(f"  審査開始後に更新されたケース: {summary.flagged_cases} 件\n")
    if summary.resubmitted_cases:
        out.write(f"  不備連絡への再提出で審査に戻ったケース: {summary.resubmitted_cases} 件\n")
    if summary.quarantined_files:
        from reviewer_app.render.problems import count_text

        out.write(f"  開けないため隔離したファイル: {summary.quarantined_files} 件"
                  f"（{count_text(summary.quarantined)}）。書類タブに理由が表示され、"
                  "不備連絡で再提出を依頼できます。\n")
    return 0
