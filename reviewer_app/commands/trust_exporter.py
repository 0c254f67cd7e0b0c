"""``reviewer-app trust-exporter --workspace DIR --user NAME --password-file F PUBKEY``."""

from __future__ import annotations

import argparse
from typing import Any

from reviewer_app.commands.common import add_workspace_args


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "trust-exporter",
        help="Webシステムの署名鍵を登録する (pin an exporter's signing key; admin only)",
        description="バンドルの署名を検証する公開鍵を登録します（管理者のみ）。"
        " Pins the Ed25519 key that signs bundles.",
    )
    add_workspace_args(parser)
    parser.add_argument("pubkey", metavar="PUBKEY",
                        help="公開鍵ファイル（OUT.signer.pub）または"
                        "「reviewer-app-ed25519 …」の1行 (key file or key line)")
    parser.add_argument("--label", default="", help="覚え書き (a note, e.g. the system's name)")
    parser.add_argument("--replaces", metavar="KEYID",
                        help="Webシステムの鍵が変わったとき、この key id の鍵に結び付いた保険者を"
                        "新しい鍵に引き継ぐ (hand the insurers of this pinned key over to the "
                        "new one)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reviewer_app.commands.common import read_password_file
    from reviewer_app.services.exporters import read_public_key_argument, trust_exporter
    from reviewer_app.services.workspace import open_session

    key_text = read_public_key_argument(args.pubkey)
    with open_session(args.workspace, args.user, read_password_file(args.password_file)) as ws:
        info = trust_exporter(ws, key_text, args.label, replaces=args.replaces)
    if info.newly_added:
        print(f"エクスポート元の鍵を登録しました: key id {info.key_id}")
    else:
        print(f"この鍵はすでに登録されています: key id {info.key_id}")
    return 0
