"""``reviewer-app trust-web-system --workspace DIR --user NAME --password-file F PUBKEY``."""

from __future__ import annotations

import argparse
from typing import Any

from reviewer_app.commands.common import add_workspace_args


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "trust-web-system",
        help="Webシステムの受信用の鍵を登録する (pin the web system's encryption key; admin only)",
        description="結果バンドルを暗号化する宛先、Webシステムの X25519 公開鍵を登録します"
        "（管理者のみ）。 Pins the web system's X25519 key that results are encrypted to, and "
        "prints the workspace's results signing key for the web system to pin.",
    )
    add_workspace_args(parser)
    parser.add_argument("pubkey", metavar="PUBKEY",
                        help="公開鍵ファイルまたは「reviewer-app-x25519 …」の1行 "
                        "(key file or key line)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reviewer_app.commands.common import read_password_file
    from reviewer_app.errors import current_language
    from reviewer_app.services.exporters import read_public_key_argument
    from reviewer_app.services.results import RESULTS_SIGNER_FILE, trust_web_system
    from reviewer_app.services.workspace import open_session

    key_text = read_public_key_argument(args.pubkey)
    with open_session(args.workspace, args.user, read_password_file(args.password_file)) as ws:
        info = trust_web_system(ws, key_text)
    signer = args.workspace / RESULTS_SIGNER_FILE
    if current_language() == "ja":
        print(f"Webシステムの鍵を登録しました: key id {info.key_id}")
        if info.replaced:
            print(f"  (以前の鍵 {info.replaced} を置き換えました)")
        print(f"Webシステムには、このワークスペースの結果署名鍵 {signer} を"
              "登録してもらってください:")
    else:
        print(f"Pinned the web system's key: key id {info.key_id}")
        if info.replaced:
            print(f"  (replaces {info.replaced})")
        print(f"Have the web system pin this workspace's results signing key, {signer}:")
    print(f"  {info.results_public_key_text}")
    return 0
