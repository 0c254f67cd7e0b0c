"""``reviewer-app restore FILE --workspace NEWDIR``: check a backup and make it a workspace."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "restore",
        help="バックアップから復元する (restore a backup into a new workspace folder)",
        description="バックアップを検査（整合性・監査ログ・ワークスペースID）してから、新しい"
        "フォルダに復元します。既存のワークスペースは上書きしません。"
        " Checks a backup (integrity, audit chain, workspace id), then restores it into a new "
        "or empty folder. An existing workspace is never overwritten.",
    )
    parser.add_argument("backup", type=Path, metavar="FILE", help="バックアップ (backup file)")
    parser.add_argument("--workspace", required=True, type=Path, metavar="NEWDIR",
                        help="復元先（新しいか空のフォルダ） (a new or empty folder)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reviewer_app.services.backup import restore_workspace

    info = restore_workspace(args.backup, args.workspace)
    print(f"復元しました (restored): {info.dir}")
    print(f"  workspace {info.workspace_id}, schema {info.schema}")
    if info.needs_upgrade:
        print("  旧版の形式です。管理者が reviewer-app upgrade で更新してください"
              "（監査ログは更新時に検査します）。 The schema is older: an administrator runs "
              "reviewer-app upgrade (the audit trail is verified then).")
    else:
        print(f"  監査ログは正常です（{info.audit_events}件）。 "
              f"The audit trail is intact ({info.audit_events} events).")
    return 0
