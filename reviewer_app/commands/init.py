"""``reviewer-app init --workspace DIR [--db URL] --admin NAME --password-file F``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "init",
        help="ワークスペースを作成する (create a workspace)",
        description="ワークスペース（データベース、鍵、最初の管理者）を作成します。"
        " Creates a workspace: database, keys and the first administrator.",
    )
    parser.add_argument("--workspace", required=True, type=Path, metavar="DIR",
                        help="作成するフォルダ（空であること） (an empty or new folder)")
    parser.add_argument("--db", metavar="URL", default=None,
                        help="PostgreSQL の URL（省略時は DIR 内の SQLite） "
                        "(postgresql+psycopg://user@host/db; default: SQLite in DIR)")
    parser.add_argument("--admin", required=True, metavar="NAME",
                        help="最初の管理者のユーザー名 (first admin's user name)")
    parser.add_argument("--password-file", required=True, type=Path, metavar="F",
                        help="管理者のパスワードを1行目に書いたファイル (admin password on line 1)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reviewer_app.commands.common import read_password_file
    from reviewer_app.services.authority import fingerprint
    from reviewer_app.services.workspace import RECIPIENT_FILE, init_workspace

    password = read_password_file(args.password_file)
    workspace = init_workspace(args.workspace, args.db, args.admin, password)
    print(f"ワークスペースを作成しました: {workspace.dir} ({workspace.backend})")
    print(f"受信用公開鍵 (give to the web system): {workspace.dir / RECIPIENT_FILE}")
    if workspace.root_key is not None:
        print("信頼の起点（管理者の署名鍵）の指紋 / root key fingerprint — 紙に控えてください "
              f"(write it down): {fingerprint(workspace.root_key)}")
    return 0
