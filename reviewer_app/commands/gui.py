"""``reviewer-app [gui] [--workspace DIR]``: open the reviewer window (the default command)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def default_workspace_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("reviewer-app")) / "workspace"


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "gui",
        help="審査画面を開く (open the reviewer window; the default)",
        description="審査画面を開きます。 Opens the reviewer window on a workspace.",
    )
    parser.add_argument("--workspace", type=Path, metavar="DIR", default=None,
                        help="ワークスペースのフォルダ (default: the user data folder/workspace)")
    smoke = parser.add_argument_group(
        "smoke test", "画面を一度だけ自動で操作して終了する (drive the window once and quit: "
        "sign in, open the first case with a PDF, wait for its first page; status 0 if all went "
        "well). Used by CI on the packaged app and after an installation.")
    smoke.add_argument("--smoke-test", action="store_true",
                       help="自動操作して終了 (run the smoke test; needs --user and "
                       "--password-file)")
    smoke.add_argument("--user", metavar="NAME", help="ユーザー名 (user name)")
    smoke.add_argument("--password-file", type=Path, metavar="F",
                       help="パスワードを1行目に書いたファイル (password on line 1)")
    smoke.add_argument("--smoke-timeout", type=float, default=180.0, metavar="SECONDS",
                       help="制限時間 (time limit, default 180 s)")
    smoke.add_argument("--smoke-screenshot", type=Path, metavar="PNG", default=None,
                       help="ページが表示された画面を PNG で保存する (save the screen as a PNG "
                       "once the page is shown)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reviewer_app.errors import UserError
    from reviewer_app.services.workspace import WORKSPACE_FILE

    directory: Path = args.workspace or default_workspace_dir()
    if not (directory / WORKSPACE_FILE).exists():
        raise UserError(
            f"ワークスペース {directory} がありません。reviewer-app init --workspace {directory} "
            "… で作成するか、reviewer-app demo でデモ用ワークスペースを開いてください。",
            f"There is no workspace at {directory}. Create one with reviewer-app init "
            f"--workspace {directory} …, or try reviewer-app demo for a demo workspace.",
            code="workspace_not_found", subject=str(directory),
        )
    from reviewer_app.platform_check import ensure_window_platform

    ensure_window_platform()
    from reviewer_app.ui.app import run_gui

    if not args.smoke_test:
        return run_gui(directory)
    from reviewer_app.commands.common import read_password_file
    from reviewer_app.errors import InputError
    from reviewer_app.ui.smoke import SmokeOptions

    if not args.user or args.password_file is None:
        raise InputError("--smoke-test には --user と --password-file が必要です。",
                         "--smoke-test needs --user and --password-file.", code="smoke_args")
    options = SmokeOptions(args.user, read_password_file(args.password_file),
                           args.smoke_timeout, args.smoke_screenshot)
    return run_gui(directory, prefill_user=args.user, smoke=options)
