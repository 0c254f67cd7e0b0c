"""``reviewer-app audit verify --workspace DIR``: check the audit trail's hash chain, its
signatures, the signed grants and this workstation's checkpoint (services.audit)."""

from __future__ import annotations

import argparse
from typing import Any

from reviewer_app.commands.common import add_workspace_args

EXIT_BROKEN = 3


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "audit", help="監査ログ (audit trail)",
    )
    sub = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = sub.add_parser(
        "verify", help="監査ログと権限の記録の改ざんを検査する (verify the hash chain, the "
        "signatures, the grants and this workstation's checkpoint; no password needed)",
    )
    add_workspace_args(verify, user=False)
    verify.add_argument("--json", action="store_true", help="JSON で出力 (print JSON)")
    verify.set_defaults(func=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    import sys

    from reviewer_app.commands.common import print_json
    from reviewer_app.errors import current_language
    from reviewer_app.services.audit import verify_workspace
    from reviewer_app.services.workspace import open_workspace_engine

    workspace, engine = open_workspace_engine(args.workspace)
    try:
        result = verify_workspace(workspace, engine)
    finally:
        engine.dispose()
    if args.json:
        print_json({"ok": result.ok, "checked": result.checked,
                    "first_bad_seq": result.first_bad_seq, "reason": result.reason,
                    "action": result.bad_action,
                    "at": result.bad_at.isoformat() if result.bad_at else None})
    if result.ok:
        if not args.json:
            print(f"監査ログは正常です（{result.checked}件）。" if current_language() == "ja"
                  else f"The audit trail is intact ({result.checked} events).")
        return 0
    at = result.bad_at.isoformat() if result.bad_at else "?"
    if result.first_bad_seq is None:
        message = (f"監査ログまたは権限の記録に問題があります（{result.bad_action}）— "
                   f"{result.reason}。管理者に報告してください。" if current_language() == "ja"
                   else f"The audit trail or the record of rights is not sound "
                   f"({result.bad_action}) — {result.reason}. Report this to your administrator.")
    elif current_language() == "ja":
        message = (f"監査ログが壊れています: 最初の不正なイベントは #{result.first_bad_seq}"
                   f"（{result.bad_action}, {at}）です — {result.reason}。"
                   f"それより前の {result.checked} 件は正常です。管理者に報告してください。")
    else:
        message = (f"The audit trail is broken: the first bad event is #{result.first_bad_seq} "
                   f"({result.bad_action}, {at}) — {result.reason}. The {result.checked} events "
                   "before it are intact. Report this to your administrator.")
    print(f"reviewer-app: {message}", file=sys.stderr)
    return EXIT_BROKEN
