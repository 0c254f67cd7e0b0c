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

    return run_gui(directory)
