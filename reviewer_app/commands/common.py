"""Arguments and helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from reviewer_app.errors import InputError


def add_workspace_args(parser: argparse.ArgumentParser, *, user: bool = True) -> None:
    """``--workspace DIR --user NAME --password-file F``: every command acting on a workspace."""
    parser.add_argument("--workspace", required=True, type=Path, metavar="DIR",
                        help="ワークスペースのフォルダ (workspace folder)")
    if user:
        parser.add_argument("--user", required=True, metavar="NAME", help="ユーザー名 (user name)")
        parser.add_argument("--password-file", required=True, type=Path, metavar="F",
                            help="パスワードを1行目に書いたファイル (password on line 1)")


def read_password_file(path: Path) -> str:
    """The password on the first line of ``path`` (trailing newline removed, nothing else)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(
            f"パスワードファイル {path} を読めません ({exc.strerror})。パスを確かめてください。",
            f"Cannot read the password file {path} ({exc.strerror}). Check the path.",
            code="password_file", subject=str(path),
        ) from None
    password = text.splitlines()[0] if text else ""
    if not password:
        raise InputError(
            f"パスワードファイル {path} の1行目が空です。パスワードを1行目に書いてください。",
            f"The first line of the password file {path} is empty. Write the password on it.",
            code="password_file", subject=str(path),
        )
    return password


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
