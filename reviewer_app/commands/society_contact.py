"""``reviewer-app society-contact --workspace DIR --user NAME --password-file F TEXT``."""

from __future__ import annotations

import argparse
from typing import Any

from reviewer_app.commands.common import add_workspace_args


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "society-contact",
        help="通知文書に印刷する連絡先を設定する (the letters' contact block; admin only)",
        description="通知文書の末尾に印刷する健保の連絡先(部署・住所・電話・受付時間)を設定します。"
        " Sets the contact block printed on every letter; \\n starts a new line.",
    )
    add_workspace_args(parser)
    parser.add_argument("text", metavar="TEXT", help="連絡先 (\\n で改行)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reviewer_app.commands.common import read_password_file
    from reviewer_app.services.letters import set_society_contact
    from reviewer_app.services.workspace import open_session

    with open_session(args.workspace, args.user, read_password_file(args.password_file)) as ws:
        set_society_contact(ws, args.text.replace("\\n", "\n"))
    print("連絡先を設定しました (contact block set)。")
    return 0
