"""``reviewer-app backup --workspace DIR --out FILE``: a sealed, consistent copy of a SQLite
workspace, taken while others work (reviewer_app.services.backup says what is in it and who may
take one)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reviewer_app.commands.common import add_workspace_args


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "backup",
        help="ワークスペースをバックアップする (back up a SQLite workspace to one file)",
        description="作業中でも一貫したバックアップ（暗号化されたまま）を1つのファイルに書きます。"
        "パスワードは不要です（ワークスペースのフォルダを読める人が取れます）。"
        " Writes a consistent, still-encrypted backup of a SQLite workspace to one file, safe "
        "while others work. No password: whoever can read the workspace folder may take it. "
        "PostgreSQL: use pg_dump (docs/operations.md).",
    )
    add_workspace_args(parser, user=False)
    parser.add_argument("--out", required=True, type=Path, metavar="FILE",
                        help="書き出すファイル（例: 2026-04-01.rvbackup） (the backup file)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reviewer_app.services.backup import backup_workspace

    info = backup_workspace(args.workspace, args.out)
    print(f"バックアップしました (backup written): {info.path}")
    print(f"  workspace {info.workspace_id}, schema {info.schema}, "
          f"database {info.database_bytes / 1e6:.1f} MB, {info.seconds:.1f} s")
    return 0
