"""``reviewer-app upgrade --workspace DIR --user ADMIN --password-file F [--backup FILE]
[--i-have-a-backup]``: bring a workspace's schema to this release's, after a backup."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reviewer_app.commands.common import add_workspace_args


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "upgrade",
        help="旧版のワークスペースを更新する (upgrade an older workspace; admin only)",
        description="旧版の形式のワークスペースを、バックアップを作ってから、この版の形式に更新します"
        "（管理者のみ）。 Backs up, then upgrades a workspace's database schema to this "
        "version's (admin only). SQLite: the backup is made automatically. PostgreSQL: take a "
        "pg_dump first and pass --i-have-a-backup.",
    )
    add_workspace_args(parser)
    parser.add_argument("--backup", type=Path, metavar="FILE", default=None,
                        help="更新前のバックアップの保存先（SQLite。省略時は DIR/backups/） "
                        "(where the SQLite backup goes; default DIR/backups/)")
    parser.add_argument("--i-have-a-backup", action="store_true",
                        help="PostgreSQL: pg_dump でバックアップを取ったことを確認する "
                        "(PostgreSQL: confirm that a pg_dump was taken)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reviewer_app.commands.common import read_password_file
    from reviewer_app.services.upgrade import upgrade_workspace

    password = read_password_file(args.password_file)
    result = upgrade_workspace(args.workspace, args.user, password, backup_out=args.backup,
                               have_backup=args.i_have_a_backup)
    if not result.changed:
        print(f"更新は不要です（スキーマ {result.to_revision}）。 "
              f"Nothing to upgrade (schema {result.to_revision}).")
        return 0
    print(f"更新しました (upgraded): スキーマ {result.from_revision} → {result.to_revision}")
    if result.backup is not None:
        print(f"  更新前のバックアップ (backup taken first): {result.backup}")
    print(f"  監査ログは正常です（{result.audit_events}件）。 "
          f"The audit trail is intact ({result.audit_events} events).")
    if result.uncertified:
        names = ", ".join(result.uncertified)
        print(f"  次のユーザーは一度サインインした後、管理者が reviewer-app users certify NAME で"
              f"鍵を承認するまで使えません (sign in once, then an admin runs users certify): "
              f"{names}")
    return 0
