"""``reviewer-app users add|list|disable|enable|reset-password`` (admin only)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reviewer_app.commands.common import add_workspace_args


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "users", help="ユーザーを管理する (manage users; admin only)",
        description="ユーザーの追加・一覧・無効化・パスワード再設定（管理者のみ）。"
        " --user/--password-file are the acting admin's.",
    )
    sub = parser.add_subparsers(dest="users_command", metavar="ACTION", required=True)

    add = sub.add_parser("add", help="ユーザーを追加する (add a user)")
    add_workspace_args(add)
    add.add_argument("name", metavar="NAME", help="新しいユーザー名 (new user's name)")
    add.add_argument("--role", required=True, choices=["examiner", "supervisor", "admin"],
                     help="役割: examiner 審査担当, supervisor 承認者, admin 管理者")
    add.add_argument("--new-password-file", required=True, type=Path, metavar="F2",
                     help="新しいユーザーのパスワード（8文字以上）を1行目に書いたファイル")
    add.set_defaults(func=_add)

    lst = sub.add_parser("list", help="ユーザーの一覧 (list users)")
    add_workspace_args(lst)
    lst.add_argument("--json", action="store_true", help="JSON で出力 (print JSON)")
    lst.set_defaults(func=_list)

    for action, helptext, func in (
        ("disable", "ユーザーを無効にする (disable a user)", _disable),
        ("enable", "無効にしたユーザーを戻す (enable a user again)", _enable),
    ):
        p = sub.add_parser(action, help=helptext)
        add_workspace_args(p)
        p.add_argument("name", metavar="NAME")
        p.set_defaults(func=func)

    reset = sub.add_parser("reset-password",
                           help="パスワードを再設定しロックを解除する (reset password, unlock)")
    add_workspace_args(reset)
    reset.add_argument("name", metavar="NAME")
    reset.add_argument("--new-password-file", required=True, type=Path, metavar="F2",
                       help="新しいパスワード（8文字以上）を1行目に書いたファイル")
    reset.set_defaults(func=_reset)


def _session(args: argparse.Namespace) -> Any:
    from reviewer_app.commands.common import read_password_file
    from reviewer_app.services.workspace import open_session

    return open_session(args.workspace, args.user, read_password_file(args.password_file))


def _add(args: argparse.Namespace) -> int:
    from reviewer_app.commands.common import read_password_file
    from reviewer_app.services.users import add_user

    new_password = read_password_file(args.new_password_file)
    with _session(args) as ws:
        info = add_user(ws, args.name, args.role, new_password)
    print(f"ユーザー「{info.name}」（{info.role.value}）を追加しました。")
    return 0


def _list(args: argparse.Namespace) -> int:
    from reviewer_app.commands.common import print_json
    from reviewer_app.services.users import list_users
    from reviewer_app.store.enums import LABELS_JA

    with _session(args) as ws:
        users = list_users(ws)
    if args.json:
        print_json([u.as_json() for u in users])
        return 0
    for u in users:
        state = "無効" if u.disabled else ("ロック中" if u.locked else "有効")
        print(f"{u.name}\t{u.role.value}\t{LABELS_JA[u.role]}\t{state}")
    return 0


def _disable(args: argparse.Namespace) -> int:
    from reviewer_app.services.users import disable_user

    with _session(args) as ws:
        info = disable_user(ws, args.name)
    print(f"ユーザー「{info.name}」を無効にしました。")
    return 0


def _enable(args: argparse.Namespace) -> int:
    from reviewer_app.services.users import enable_user

    with _session(args) as ws:
        info = enable_user(ws, args.name)
    print(f"ユーザー「{info.name}」を有効にしました。")
    return 0


def _reset(args: argparse.Namespace) -> int:
    from reviewer_app.commands.common import read_password_file
    from reviewer_app.services.users import reset_password

    new_password = read_password_file(args.new_password_file)
    with _session(args) as ws:
        info = reset_password(ws, args.name, new_password)
    print(f"ユーザー「{info.name}」のパスワードを再設定しました（ロックも解除しました）。")
    return 0
