"""``reviewer-app users add|list|disable|enable|reset-password|certify`` (admin only)."""

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
    add.add_argument("--role", required=True, metavar="ROLE",
                     help="役割: examiner 審査担当, supervisor 承認者, admin 管理者; 審査もする"
                     "管理者は examiner+admin / supervisor+admin")
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

    certify = sub.add_parser(
        "certify", help="アップグレード後に作られたユーザーの鍵を承認する (certify a user's keys)")
    add_workspace_args(certify)
    certify.add_argument("name", metavar="NAME")
    certify.add_argument("--role", metavar="ROLE", help="役割を変えるとき (to change the role)")
    certify.set_defaults(func=_certify)

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
    from reviewer_app.services.authority import roles_text
    from reviewer_app.services.users import add_user

    new_password = read_password_file(args.new_password_file)
    with _session(args) as ws:
        info = add_user(ws, args.name, args.role, new_password)
    print(f"ユーザー「{info.name}」（{roles_text(info.roles)}）を追加しました。")
    return 0


def _list(args: argparse.Namespace) -> int:
    from reviewer_app.commands.common import print_json
    from reviewer_app.services.authority import ROLE_ORDER, roles_text
    from reviewer_app.services.users import list_users
    from reviewer_app.store.enums import LABELS_JA

    with _session(args) as ws:
        users = list_users(ws)
    if args.json:
        print_json([u.as_json() for u in users])
        return 0
    for u in users:
        state = "無効" if u.disabled else ("ロック中" if u.locked else "有効")
        if not u.certified:
            state += "・鍵未承認"
        labels = "・".join(LABELS_JA[r] for r in sorted(u.roles, key=ROLE_ORDER.index))
        print(f"{u.name}\t{roles_text(u.roles)}\t{labels}\t{state}")
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


def _certify(args: argparse.Namespace) -> int:
    from reviewer_app.services.authority import roles_text
    from reviewer_app.services.users import certify_user

    with _session(args) as ws:
        info = certify_user(ws, args.name, args.role)
    print(f"ユーザー「{info.name}」（{roles_text(info.roles)}）の鍵を承認しました。")
    return 0


def _reset(args: argparse.Namespace) -> int:
    from reviewer_app.commands.common import read_password_file
    from reviewer_app.services.users import reset_password

    new_password = read_password_file(args.new_password_file)
    with _session(args) as ws:
        info = reset_password(ws, args.name, new_password)
    print(f"ユーザー「{info.name}」のパスワードを再設定しました（ロックも解除しました）。")
    return 0
